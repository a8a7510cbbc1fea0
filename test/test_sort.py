"""sort and topk against a stable reference, for every type, layout and dim."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, FLOAT_REALS, LAYOUTS, make, raises, tensor_class

SHAPES = [(7,), (3, 5), (2, 3, 4)]


def stable_order(line, descending):
    """Positions of line in sorted order; equal elements keep their order both ways."""
    return np.array(sorted(range(len(line)), key=lambda i: line[i], reverse=descending),
                    dtype=np.int64)


def ref_sort(a, dim, descending):
    idx = np.apply_along_axis(stable_order, dim, a, descending)
    return np.take_along_axis(a, idx, dim), idx


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("descending", [False, True])
def test_sort(real, shape, layout, descending):
    t, a = make(real, shape, layout, low=0, high=4)  # many ties
    for d in list(range(len(shape))) + [-1]:
        v, i = t.sort(d, descending)
        ev, ei = ref_sort(a, d, descending)
        assert type(v) is tensor_class(real) and type(i) is ptorch.LongTensor
        np.testing.assert_array_equal(v.numpy(), ev)
        np.testing.assert_array_equal(i.numpy(), ei)
        v2, i2 = ptorch.sort(t, d, descending=descending)
        np.testing.assert_array_equal(i2.numpy(), ei)


def test_sort_default_is_last_dim_ascending():
    t, a = make("Double", (3, 5), "transposed")
    v, i = t.sort()
    np.testing.assert_array_equal(v.numpy(), np.sort(a, -1))
    np.testing.assert_array_equal(i.numpy(), np.argsort(a, -1, kind="stable"))


@pytest.mark.parametrize("descending", [False, True])
def test_sort_is_stable_on_long_lines(descending):
    rng = np.random.default_rng(7)
    a = rng.integers(0, 5, size=(3, 1000)).astype(np.int32)
    v, i = ptorch.IntTensor(a).sort(1, descending)
    ev, ei = ref_sort(a, 1, descending)
    np.testing.assert_array_equal(i.numpy(), ei)
    np.testing.assert_array_equal(v.numpy(), ev)


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_sort_large_parallel(real):
    t, a = make(real, (200, 300), "transposed")
    for d in (0, 1):
        v, i = t.sort(d)
        np.testing.assert_array_equal(v.numpy(), np.sort(a, d))
        np.testing.assert_array_equal(i.numpy(), np.argsort(a, d, kind="stable"))


def test_sort_nan_last():
    nan = float("nan")
    v, i = ptorch.DoubleTensor([3.0, nan, 1.0, nan, 2.0]).sort()
    np.testing.assert_array_equal(v.numpy()[:3], [1.0, 2.0, 3.0])
    assert np.isnan(v.numpy()[3:]).all()
    np.testing.assert_array_equal(i.numpy(), [2, 4, 0, 1, 3])
    v, i = ptorch.DoubleTensor([3.0, nan, 1.0]).sort(0, True)
    assert np.isnan(v[0]) and i[0] == 1


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("largest", [True, False])
def test_topk(real, layout, largest):
    t, a = make(real, (4, 6), layout, low=0, high=5)
    for d in (0, 1, -1):
        n = a.shape[d]
        ev, ei = ref_sort(a, d, largest)
        for k in (0, 1, 3, n):
            v, i = t.topk(k, d, largest)
            np.testing.assert_array_equal(v.numpy(), np.take(ev, range(k), d))
            np.testing.assert_array_equal(i.numpy(), np.take(ei, range(k), d))
            v2, i2 = ptorch.topk(t, k, d, largest=largest, sorted=False)
            np.testing.assert_array_equal(np.sort(v2.numpy(), d), np.sort(v.numpy(), d))


def test_topk_defaults():
    v, i = ptorch.FloatTensor([[1, 5, 3, 4]]).topk(2)
    np.testing.assert_array_equal(v.numpy(), [[5, 4]])
    np.testing.assert_array_equal(i.numpy(), [[1, 3]])


def test_sort_empty():
    v, i = ptorch.FloatTensor().sort()
    assert v.numel() == 0 and i.numel() == 0


def test_sort_out():
    t = ptorch.FloatTensor([3, 1, 2])
    v, i = ptorch.FloatTensor(), ptorch.LongTensor()
    r = ptorch.sort(t, out=(v, i))
    assert r[0] is v and r[1] is i
    np.testing.assert_array_equal(v.numpy(), [1, 2, 3])


def test_errors():
    t = ptorch.FloatTensor(2, 3).zero_()
    with raises(IndexError, r"dimension out of range "
                            r"\(expected to be in range of \[-2, 1\], but got 2\)"):
        t.sort(2)
    with raises(IndexError, r"dimension out of range"):
        t.topk(1, -3)
    with raises(IndexError, r"topk: k=4 out of range for dimension 1 of size 3"):
        t.topk(4)
    with raises(IndexError, r"topk: k=-1 out of range"):
        t.topk(-1)
    with raises(TypeError, "expected out to be a .values, indices. pair"):
        t.sort(out=ptorch.FloatTensor())
