"""Joining, splitting, repeating and the matrix-shape ops (cat, stack, chunk, split, unbind,
repeat, tril/triu, diag, trace, cross, histc, squeeze/unsqueeze/t/transpose, apply_/map_/
map2_) against NumPy for every type and layout."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, LAYOUTS, assert_close, make, raises, tensor_class


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_cat_stack(real, layout):
    x, a = make(real, (2, 3), layout)
    y, b = make(real, (2, 3), "transposed", rng=np.random.default_rng(1))
    z, c = make(real, (4, 3), layout, rng=np.random.default_rng(2))
    assert_close(ptorch.cat([x, y, z]), np.concatenate([a, b, c]))
    assert_close(ptorch.cat((x, y), 1), np.concatenate([a, b], 1))
    assert_close(ptorch.cat([x, tensor_class(real)(), y], -1), np.concatenate([a, b], 1))
    assert_close(ptorch.stack([x, y]), np.stack([a, b]))
    assert_close(ptorch.stack([x, y], 2), np.stack([a, b], 2))
    assert_close(ptorch.stack([x, y], -1), np.stack([a, b], -1))
    out = tensor_class(real)(1)
    assert ptorch.cat([x, y], out=out) is out
    assert_close(out, np.concatenate([a, b]))
    ptorch.cat([out, x], out=out)  # the result aliases an input
    assert_close(out, np.concatenate([a, b, a]))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_split_chunk_unbind(real, layout):
    x, a = make(real, (5, 4), layout)
    parts = x.split(2)
    assert [tuple(p.size()) for p in parts] == [(2, 4), (2, 4), (1, 4)]
    for p, e in zip(parts, np.split(a, [2, 4])):
        assert_close(p, e)
    for p, e in zip(ptorch.chunk(x, 2, 1), np.split(a, 2, 1)):
        assert_close(p, e)
    assert len(x.chunk(3)) == 3
    for p, e in zip(ptorch.unbind(x, 1), np.moveaxis(a, 1, 0)):
        assert_close(p, e)
    assert x.unbind()[0].size() == (4,)
    parts[0].fill_(1)  # pieces are views
    assert (x.numpy()[:2] == 1).all()


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_repeat(real, layout):
    x, a = make(real, (2, 3), layout)
    assert_close(x.repeat(2, 3), np.tile(a, (2, 3)))
    assert_close(x.repeat(2, 1, 2), np.tile(a, (2, 1, 2)))
    assert_close(x.repeat(ptorch.Size([1, 1])), a)
    assert x.repeat(0, 2).numel() == 0


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_tril_triu(real, layout):
    x, a = make(real, (4, 5), layout)
    for k in (-2, 0, 1, 6):
        assert_close(x.tril(k), np.tril(a, k))
        assert_close(ptorch.triu(x, k), np.triu(a, k))
    y = x.clone()
    assert y.tril_(1) is y
    assert_close(y, np.tril(a, 1))
    x.triu_(-1)
    assert_close(x, np.triu(a, -1))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_diag_trace(real, layout):
    m, a = make(real, (4, 3), layout)
    for k in (-2, 0, 1, 2):
        assert_close(m.diag(k), np.diag(a, k))
        assert_close(ptorch.diag(m.diag(k), k), np.diag(np.diag(a, k), k))
    assert m.diag(5).numel() == 0
    v, b = make(real, (3,), layout)
    assert_close(ptorch.diag(v, -1), np.diag(b, -1))
    assert m.trace() == np.trace(a).item() or abs(m.trace() - np.trace(a)) < 1e-5
    assert isinstance(ptorch.trace(m), (int, float))


@pytest.mark.parametrize("real", ["Char", "Short", "Int", "Long", "Float", "Double"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_cross(real, layout):
    x, a = make(real, (4, 3), layout, low=-4, high=4)
    y, b = make(real, (4, 3), layout, rng=np.random.default_rng(1), low=-4, high=4)
    assert_close(x.cross(y), np.cross(a, b))
    assert_close(ptorch.cross(x.t(), y.t(), 0), np.cross(a, b).T)
    assert_close(ptorch.cross(x, y, dim=1), np.cross(a, b))
    out = x.clone()
    ptorch.cross(out, y, out=out)
    assert_close(out, np.cross(a, b))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_histc(real, layout):
    x, a = make(real, (6, 5), layout)
    lo, hi = float(a.min()), float(a.max())
    expected, _ = np.histogram(a.astype(np.float64), bins=7, range=(lo, hi))
    assert_close(x.histc(7), expected)
    expected, _ = np.histogram(a.astype(np.float64), bins=4, range=(0, 5))
    inside = ((a >= 0) & (a <= 5)).sum()
    got = ptorch.histc(x, bins=4, min=0, max=5)
    assert got.sum() if hasattr(got, "sum") else True
    assert_close(got, expected)
    assert int(got.numpy().sum()) == inside
    assert ptorch.histc(tensor_class(real)([2, 2]), 2).tolist() == [0, 2]


@pytest.mark.parametrize("real", ALL_REALS)
def test_view_functions(real):
    x, a = make(real, (2, 1, 3), "strided")
    assert_close(ptorch.squeeze(x), a.squeeze())
    assert_close(ptorch.squeeze(x, 1), a.squeeze(1))
    assert_close(ptorch.unsqueeze(x, -1), a[..., None])
    assert_close(ptorch.transpose(x, 0, 2), a.transpose(2, 1, 0))
    m, b = make(real, (2, 3), "transposed")
    assert_close(ptorch.t(m), b.T)
    assert ptorch.t(m).storage().data_ptr() == m.storage().data_ptr()
    out = tensor_class(real)()
    ptorch.squeeze(x, out=out)
    assert_close(out, a.squeeze())


@pytest.mark.parametrize("real", ["Byte", "Int", "Float", "Double"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_apply_map(real, layout):
    x, a = make(real, (3, 4), layout)
    y, b = make(real, (4,), layout, rng=np.random.default_rng(1))
    z, c = make(real, (3, 1), layout, rng=np.random.default_rng(2))
    assert x.apply_(lambda v: v * 2) is x
    a = (a * 2).astype(a.dtype)
    assert_close(x, a)
    x.map_(y, lambda u, v: u + v)  # y broadcasts to x
    a = (a + b).astype(a.dtype)
    assert_close(x, a)
    x.map2_(y, z, lambda u, v, w: u - v + w)
    a = (a - b + c).astype(a.dtype)
    assert_close(x, a)
    with raises(TypeError, "expected a callable"):
        x.apply_(3)


def test_shape_errors():
    x = ptorch.FloatTensor(2, 3).zero_()
    with raises(RuntimeError, "sizes of tensors must match except in dimension 0: tensor 0 "
                "has size \\[2 x 3\\] but tensor 1 has size \\[2 x 4\\]"):
        ptorch.cat([x, ptorch.FloatTensor(2, 4)])
    with raises(RuntimeError, "same number of dimensions"):
        ptorch.cat([x, ptorch.FloatTensor(3)])
    with raises(IndexError, "dimension out of range"):
        ptorch.cat([x, x], 2)
    with raises(TypeError, "tensor 1 is a DoubleTensor"):
        ptorch.cat([x, ptorch.DoubleTensor(2, 3)])
    with raises(TypeError, "sequence of tensors"):
        ptorch.cat(x)
    with raises(TypeError, "element 1 is a int"):
        ptorch.cat([x, 1])
    with raises(ValueError, "non-empty sequence"):
        ptorch.cat([])
    with raises(RuntimeError, "tensor 1 has size \\[3 x 2\\]"):
        ptorch.stack([x, x.t()])
    with raises(IndexError, "dimension out of range"):
        ptorch.stack([x, x], 3)
    with raises(RuntimeError, "number of repeats \\(1\\) can not be smaller"):
        x.repeat(2)
    with raises(RuntimeError, "expected a matrix"):
        ptorch.FloatTensor(3).tril()
    with raises(RuntimeError, "expected a vector or a matrix"):
        ptorch.FloatTensor(2, 2, 2).diag()
    with raises(RuntimeError, "expected a matrix"):
        ptorch.FloatTensor(3).trace()
    with raises(RuntimeError, "has size 2, expected 3"):
        x.cross(x, 0)
    with raises(RuntimeError, "no dimension of size 3"):
        ptorch.FloatTensor(2, 2).cross(ptorch.FloatTensor(2, 2))
    with raises(RuntimeError, "same size"):
        x.cross(ptorch.FloatTensor(3, 3))
    with raises(TypeError, "expected a FloatTensor as other"):
        x.cross(ptorch.DoubleTensor(2, 3))
    with raises(ValueError, "bins must be positive"):
        x.histc(0)
    with raises(ValueError, "must not be smaller than min"):
        x.histc(3, 2, 1)
    with raises(ValueError, "split_size must be a positive int"):
        x.split(0)
    with raises(ValueError, "chunks must be a positive int"):
        x.chunk(0)
    with raises(IndexError, "dimension out of range"):
        x.split(1, 2)


@pytest.mark.parametrize("real", ALL_REALS)
def test_expand_empty_tensor_is_an_error(real):
    # An empty tensor (no dimensions) has no element to repeat: expanding it to a non-empty
    # size used to give a view of a missing storage (a crash on the first read).
    t = tensor_class(real)()
    with raises(RuntimeError, r"empty tensor .*cannot be expanded to size \[2 x 3\]"):
        t.expand(2, 3)
    assert t.expand(0, 3).size() == (0, 3)
