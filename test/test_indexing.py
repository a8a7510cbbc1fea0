"""Index ops (index_select/copy/add/fill, gather, scatter, masked ops, nonzero) and tensor
__getitem__/__setitem__, against NumPy for every type and layout."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, LAYOUTS, NP_DTYPES, assert_close, make, raises, tensor_class

Long = ptorch.LongTensor
Byte = ptorch.ByteTensor


def lt(a):
    return Long(np.asarray(a, dtype=np.int64))


def bt(a):
    return Byte(np.asarray(a, dtype=np.uint8))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_index_select(real, layout):
    t, a = make(real, (4, 5), layout)
    idx = [3, 0, 3, 1]
    assert_close(t.index_select(0, lt(idx)), a[idx])
    assert_close(ptorch.index_select(t, 1, lt(idx)), a[:, idx])
    assert_close(t.index_select(-1, lt([4])), a[:, [4]])
    out = tensor_class(real)()
    assert ptorch.index_select(t, 0, lt(idx), out=out) is out
    assert_close(out, a[idx])


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_index_copy_add_fill(real, layout):
    t, a = make(real, (5, 4), layout)
    src, s = make(real, (3, 4), "contiguous", rng=np.random.default_rng(1))
    idx = [4, 0, 2]
    t.index_copy_(0, lt(idx), src)
    a[idx] = s
    assert_close(t, a)
    t.index_add_(0, lt([1, 1, 3]), src)
    np.add.at(a, [1, 1, 3], s)
    assert_close(t, a)
    col, c = make(real, (5, 2), layout, rng=np.random.default_rng(2))
    t.index_copy_(1, lt([3, 0]), col)
    a[:, [3, 0]] = c
    assert_close(t, a)
    t.index_fill_(1, lt([1, 2]), 7)
    a[:, [1, 2]] = 7
    assert_close(t, a)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_gather_scatter(real, layout):
    t, a = make(real, (3, 4), layout)
    rng = np.random.default_rng(3)
    idx = rng.integers(0, 4, size=(3, 2))
    assert_close(t.gather(1, lt(idx)), np.take_along_axis(a, idx, 1))
    idx0 = rng.integers(0, 3, size=(2, 4))
    assert_close(ptorch.gather(t, 0, lt(idx0)), np.take_along_axis(a, idx0, 0))
    # scatter_ with distinct indices per row (a permutation) is order-independent
    perm = np.stack([rng.permutation(4) for _ in range(3)])
    src, s = make(real, (3, 4), "contiguous", rng=rng)
    t.scatter_(1, lt(perm), src)
    np.put_along_axis(a, perm, s, 1)
    assert_close(t, a)
    t.scatter_(0, lt([[2, 0, 1, 0]]), 5)
    np.put_along_axis(a, np.array([[2, 0, 1, 0]]), 5, 0)
    assert_close(t, a)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_masked(real, layout):
    t, a = make(real, (3, 4), layout)
    m = np.random.default_rng(4).integers(0, 2, size=(3, 4)).astype(bool)
    assert_close(t.masked_select(bt(m)), a[m])
    assert_close(ptorch.masked_select(t, bt(m[0])), np.broadcast_to(a, (3, 4))[
        np.broadcast_to(m[0], (3, 4))])  # the mask broadcasts
    src, s = make(real, (12,), "contiguous", rng=np.random.default_rng(5))
    t.masked_scatter_(bt(m), src)
    a[m] = s[:m.sum()]
    assert_close(t, a)
    t.masked_fill_(bt(m[:, :1]), 3)  # a [3 x 1] mask broadcasts to self
    a[np.broadcast_to(m[:, :1], (3, 4))] = 3
    assert_close(t, a)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_nonzero(real, layout):
    t, a = make(real, (3, 4), layout, low=0, high=2)
    nz = t.nonzero()
    assert nz.type() == "ptorch.LongTensor"
    assert_close(nz, np.argwhere(a))
    assert ptorch.nonzero(tensor_class(real)(3).zero_()).dim() == 0


def test_empty_and_aliasing():
    x = ptorch.FloatTensor([[1, 2], [3, 4]])
    assert x.index_select(0, Long()).dim() == 0
    assert x.masked_select(bt([[0, 0], [0, 0]])).dim() == 0
    out = x.clone()
    ptorch.index_select(out, 0, lt([1, 0]), out=out)  # result aliases the input
    assert_close(out, [[3, 4], [1, 2]])


def test_index_errors():
    x = ptorch.FloatTensor(5, 3).zero_()
    with raises(IndexError, "index 7 is out of range for dimension 0 with size 5"):
        x.index_select(0, lt([1, 7]))
    with raises(IndexError, "index -1 is out of range for dimension 1 with size 3"):
        x.index_fill_(1, lt([-1]), 1)
    with raises(IndexError, "index 3 is out of range for dimension 1 with size 3"):
        x.gather(1, lt([[0, 3, 1]] * 5))
    with raises(IndexError, "index 9 is out of range for dimension 0 with size 5"):
        x.scatter_(0, lt([[9, 0, 0]]), 1)
    with raises(IndexError, "index 5 is out of range for dimension 0 with size 5"):
        x.index_copy_(0, lt([5]), ptorch.FloatTensor(1, 3))
    with raises(TypeError, "expected a LongTensor as the index"):
        x.index_select(0, ptorch.FloatTensor([1]))
    with raises(TypeError, "expected a LongTensor as the index"):
        x.gather(0, [1, 2])
    with raises(TypeError, "expected a ByteTensor as the mask"):
        x.masked_fill_(ptorch.LongTensor(5, 3).zero_(), 1)
    with raises(TypeError, "expected a FloatTensor as the source"):
        x.index_copy_(0, lt([0]), ptorch.DoubleTensor(1, 3))
    with raises(IndexError, "dimension out of range"):
        x.index_select(2, lt([0]))
    with raises(IndexError, "index should be a vector"):
        x.index_select(0, lt([[0]]))
    with raises(RuntimeError, "expected a source of size \\[2 x 3\\]"):
        x.index_copy_(0, lt([0, 1]), ptorch.FloatTensor(3, 3))
    with raises(RuntimeError, "cannot be broadcast to self of size \\[5 x 3\\]"):
        x.masked_fill_(bt([1, 0]), 1)
    with raises(RuntimeError, "has 2 ones but the source has only 1"):
        ptorch.FloatTensor(2).zero_().masked_scatter_(bt([1, 1]), ptorch.FloatTensor([1]))
    with raises(RuntimeError, "same number of dimensions"):
        x.gather(0, lt([0, 1]))
    with raises(TypeError, "out= must be a FloatTensor"):
        x.index_select(0, lt([0]), out=ptorch.DoubleTensor())


def test_error_leaves_self_unchanged():
    x = ptorch.FloatTensor([1, 2, 3])
    with pytest.raises(IndexError):
        x.index_fill_(0, lt([0, 1, 3]), 9)
    assert x.tolist() == [1, 2, 3]
    with pytest.raises(IndexError):
        x.scatter_(0, lt([2, 5]), 9)
    assert x.tolist() == [1, 2, 3]


# ---- __getitem__ / __setitem__ against NumPy ----

def _random_key(rng, shape, allow_adv=True):
    """A random index for an array of the given shape: ints, slices with steps, None,
    Ellipsis, and (with allow_adv) lists, LongTensors and masks."""
    key, d, used_ellipsis, n_adv = [], 0, False, 0
    nd = len(shape)
    while d < nd and rng.random() < 0.85:
        r = rng.random()
        size = shape[d]
        if r < 0.2:
            key.append(int(rng.integers(-size, size)))
        elif r < 0.5:
            start = int(rng.integers(-size - 1, size + 1)) if rng.random() < 0.7 else None
            stop = int(rng.integers(-size - 1, size + 1)) if rng.random() < 0.7 else None
            key.append(slice(start, stop, int(rng.integers(1, 4))))
        elif r < 0.6:
            key.append(None)
            continue
        elif r < 0.68 and not used_ellipsis:
            used_ellipsis = True
            key.append(Ellipsis)
            d = max(d, nd - int(rng.integers(0, nd - d + 1)))
            continue
        elif allow_adv and r < 0.8 and n_adv < 2:
            n_adv += 1
            idx = rng.integers(-size, size, size=int(rng.integers(1, 4)))
            key.append(idx.tolist() if rng.random() < 0.5 else lt(idx))
        elif allow_adv and n_adv == 0:
            n_adv += 1
            key.append(bt(rng.integers(0, 2, size=size)))
        else:
            key.append(slice(None))
        d += 1
    return tuple(key)


def _np_key(key):
    if not isinstance(key, tuple):
        return _np_key((key,))[0]
    out = []
    for k in key:
        if isinstance(k, ptorch.ByteTensor):
            out.append(k.numpy().astype(bool))
        elif isinstance(k, ptorch.LongTensor):
            out.append(k.numpy())
        else:
            out.append(k)
    return tuple(out)


def _check_get(t, a, key):
    try:
        expected = a[_np_key(key)]
    except IndexError:
        with pytest.raises(IndexError):
            t[key]
        return
    got = t[key]
    if np.ndim(expected) == 0:
        assert not isinstance(got, ptorch._C._CTensor)
        assert got == expected.item()
    elif expected.size == 0:
        assert got.numel() == 0
    else:
        assert_close(got, expected)


@pytest.mark.parametrize("real", ["Float", "Long", "Byte"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_random_getitem(real, layout):
    rng = np.random.default_rng(10)
    for shape in [(5,), (4, 5), (3, 4, 5)]:
        t, a = make(real, shape, layout, rng=rng)
        for _ in range(60):
            key = _random_key(rng, shape)
            _check_get(t, a, key)
            if len(key) == 1:
                _check_get(t, a, key[0])


@pytest.mark.parametrize("real", ["Double", "Int", "Char"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_random_setitem(real, layout):
    rng = np.random.default_rng(11)
    for shape in [(5,), (4, 5), (3, 4, 5)]:
        t, a = make(real, shape, layout, rng=rng)
        for _ in range(60):
            key = _random_key(rng, shape)
            try:
                sel = a[_np_key(key)]
            except IndexError:
                with pytest.raises(IndexError):
                    t[key] = 1
                continue
            nk = _np_key(key)
            # NumPy leaves repeated indices in an unspecified order: write distinct values
            # only where no element is hit twice.
            flat = np.arange(a.size).reshape(a.shape)[nk]
            unique = np.unique(np.ravel(flat)).size == np.size(flat)
            if rng.random() < 0.5 or not unique or np.ndim(sel) == 0:
                v = int(rng.integers(0, 9))
                t[key] = v
                a[nk] = v
            else:
                vals = rng.integers(0, 9, size=np.shape(sel)).astype(NP_DTYPES[real])
                if rng.random() < 0.3 and vals.ndim > 1:  # a broadcast value
                    vals = vals[:1]
                t[key] = tensor_class(real)(np.ascontiguousarray(vals))
                a[nk] = vals
            assert_close(t, a)


def test_views_share_memory():
    x = ptorch.FloatTensor(np.arange(12, dtype=np.float32).reshape(3, 4))
    v = x[1:, ::2]
    v[0, 0] = 100
    assert x[1, 0] == 100
    x[..., None][2, 3, 0] = -1
    assert x[2, 3] == -1
    row = x[0]
    row.fill_(7)
    assert x.tolist()[0] == [7] * 4
    assert x[None].storage().data_ptr() == x.storage().data_ptr()
    sel = x[[0, 1]]  # advanced indices copy
    sel.fill_(0)
    assert x[0, 0] == 7


def test_getitem_element_is_number():
    x = ptorch.LongTensor([[1, 2], [3, 4]])
    assert x[1, 0] == 3 and isinstance(x[1, 0], int)
    assert isinstance(ptorch.DoubleTensor([1.5])[0], float)
    assert x[-1][-1] == 4


def test_indexing_errors():
    x = ptorch.FloatTensor(5, 3).zero_()
    with raises(IndexError, "index 7 is out of range for dimension 0 with size 5"):
        x[7]
    with raises(IndexError, "index 7 is out of range for dimension 0 with size 5"):
        x[[1, 7]]
    with raises(IndexError, "index -4 is out of range for dimension 1 with size 3"):
        x[:, lt([-4])] = 1
    with raises(IndexError, "too many indices"):
        x[0, 0, 0]
    with raises(TypeError, "FloatTensor"):
        x[ptorch.FloatTensor([1])]
    with raises(TypeError, "supported types"):
        x["a"]
    with raises(TypeError, "ints or bools"):
        x[[0.5]]
    with raises(IndexError, "shape of the mask"):
        x[bt([1, 0])]
    with raises(ValueError, "step must be positive"):
        x[::-1]
    with raises(IndexError, "single ellipsis"):
        x[..., ...]
    with raises(IndexError, "could not be broadcast"):
        x[[0, 1], [0, 1, 2]]
    with raises(RuntimeError, "shape mismatch"):
        x[[0, 1]] = ptorch.FloatTensor(3, 2)


def test_setitem_value_types():
    x = ptorch.FloatTensor(3, 2).zero_()
    x[[0, 2]] = ptorch.DoubleTensor([[1, 2], [3, 4]])
    x[1] = ptorch.LongTensor([5, 6])
    assert x.tolist() == [[1, 2], [5, 6], [3, 4]]
    x[x.numpy() > 4] = 0
    assert x.tolist() == [[1, 2], [0, 0], [3, 4]]
    x[bt([[1, 0], [0, 0], [0, 1]])] = ptorch.FloatTensor([8, 9])
    assert x.tolist() == [[8, 2], [0, 0], [3, 9]]
    assert x.index(bt([[1, 1], [0, 0], [0, 0]])).tolist() == [8, 2]
