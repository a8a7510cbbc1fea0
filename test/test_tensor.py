"""The tensor types: constructors, sizes and strides after each geometry op (against NumPy),
views sharing memory, copies between all types and layouts, NumPy interop, printing,
pickling, and the errors of bad input."""
import itertools
import pickle

import numpy as np
import pytest

import ptorch
from common import ALL_REALS, NP_DTYPES, assert_close, make, raises, tensor_class

ALL_WITH_HALF = ALL_REALS + ["Half"]


# ---- constructors ----

@pytest.mark.parametrize("real", ALL_WITH_HALF)
def test_constructors(real):
    cls = tensor_class(real)
    empty = cls()
    assert empty.dim() == 0 and empty.numel() == 0 and empty.size() == ptorch.Size([])
    t = cls(2, 3)
    assert t.size() == (2, 3) and t.stride() == (3, 1) and t.is_contiguous()
    assert cls(ptorch.Size([4, 1, 2])).size() == (4, 1, 2)
    data = cls([[1, 2, 3], [4, 5, 6]])
    assert_close(data, np.array([[1, 2, 3], [4, 5, 6]]))
    assert cls((1, 2)).tolist() == [1, 2]  # a tuple is data, a Size is sizes
    storage = getattr(ptorch, real + "Storage")([1, 2, 3, 4])
    on_storage = cls(storage)
    assert on_storage.tolist() == [1, 2, 3, 4]
    assert on_storage.data_ptr() == storage.data_ptr()
    shared = cls(data)
    assert shared.data_ptr() == data.data_ptr() and shared.size() == data.size()
    assert t.new(5).size() == (5,) and type(t.new()) is cls
    assert t.type() == f"ptorch.{real}Tensor"
    assert t.element_size() == np.dtype(NP_DTYPES[real]).itemsize


def test_default_type_and_names():
    assert ptorch.Tensor is ptorch.FloatTensor
    ptorch.set_default_tensor_type("torch.DoubleTensor")
    try:
        assert ptorch.Tensor is ptorch.DoubleTensor and ptorch.Storage is ptorch.DoubleStorage
    finally:
        ptorch.set_default_tensor_type("ptorch.FloatTensor")
    assert ptorch.Tensor is ptorch.FloatTensor
    t = ptorch.FloatTensor(2)
    assert ptorch.is_tensor(t) and not ptorch.is_tensor(t.numpy())
    assert ptorch.is_storage(t.storage()) and not ptorch.is_storage(t)
    assert ptorch.typename(t) == "ptorch.FloatTensor"
    assert ptorch.typename(3) == "int"
    assert type(t.type("torch.LongTensor")) is ptorch.LongTensor
    assert t.type(ptorch.FloatTensor) is t
    assert ptorch.numel(ptorch.ByteTensor(3, 4)) == 12


@pytest.mark.parametrize("real", ALL_WITH_HALF)
@pytest.mark.parametrize("method", ["byte", "char", "short", "int", "long", "float", "double",
                                    "half"])
def test_conversion_methods(real, method):
    src, arr = make(real if real != "Half" else "Float", (3, 4), "transposed", low=0, high=100)
    if real == "Half":
        src = src.half()
    out = getattr(src, method)()
    target = {"byte": "Byte", "char": "Char", "short": "Short", "int": "Int", "long": "Long",
              "float": "Float", "double": "Double", "half": "Half"}[method]
    assert type(out) is tensor_class(target)
    expected = src.numpy().astype(NP_DTYPES[target])
    np.testing.assert_array_equal(out.numpy(), expected)
    if target == real:
        assert out is src


# ---- copy between all type pairs and layouts ----

@pytest.mark.parametrize("dst_real,src_real", list(itertools.product(ALL_WITH_HALF,
                                                                     ALL_WITH_HALF)))
def test_copy_all_type_pairs(dst_real, src_real):
    src, arr = make("Float" if src_real == "Half" else src_real, (3, 5), "strided",
                    low=0, high=100)
    if src_real == "Half":
        src = src.half()
        arr = arr.astype(np.float16)
    dst = tensor_class(dst_real)(5, 3).t()  # non-contiguous destination
    dst.copy_(src)
    np.testing.assert_array_equal(dst.numpy(), arr.astype(NP_DTYPES[dst_real]))


def test_copy_reshapes_with_same_count():
    src = ptorch.FloatTensor([[1, 2, 3], [4, 5, 6]]).t()  # non-contiguous 3x2
    dst = ptorch.FloatTensor(6)
    dst.copy_(src)
    assert dst.tolist() == [1, 4, 2, 5, 3, 6]


def test_copy_broadcasts_and_checks_sizes():
    dst = ptorch.DoubleTensor(2, 3).zero_()
    dst.copy_(ptorch.DoubleTensor([1, 2, 3]))
    assert dst.tolist() == [[1, 2, 3], [1, 2, 3]]
    with raises(RuntimeError, r"\[2 x 3\]"):
        dst.copy_(ptorch.DoubleTensor(4))
    with raises(TypeError, "expected a tensor"):
        dst.copy_([1, 2, 3])


# ---- geometry against NumPy ----

def _np_of(t):
    return np.lib.stride_tricks.as_strided(
        t.storage().numpy() if False else t.numpy(), t.numpy().shape, t.numpy().strides)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", ["contiguous", "transposed", "strided"])
def test_views_match_numpy_and_share_memory(real, layout):
    t, arr = make(real, (4, 3, 6), layout)
    cases = [
        (lambda x: x.narrow(2, 1, 3), lambda a: a[:, :, 1:4]),
        (lambda x: x.select(1, 2), lambda a: a[:, 2]),
        (lambda x: x.transpose(0, 2), lambda a: np.swapaxes(a, 0, 2)),
        (lambda x: x.permute(2, 0, 1), lambda a: np.transpose(a, (2, 0, 1))),
        (lambda x: x.unsqueeze(1), lambda a: a[:, None]),
        (lambda x: x.unsqueeze(-1), lambda a: a[..., None]),
        (lambda x: x.unsqueeze(0).squeeze(), lambda a: a),
        (lambda x: x.narrow(1, 0, 1).squeeze(1), lambda a: a[:, 0]),
        (lambda x: x.unfold(2, 2, 2), lambda a: np.lib.stride_tricks.sliding_window_view(
            a, 2, axis=2)[:, :, ::2]),
        (lambda x: x.narrow(1, 1, 1).expand(2, 4, 5, 6), lambda a: np.broadcast_to(
            a[:, 1:2], (2, 4, 5, 6))),
        (lambda x: x[1:, ::2, 1::3], lambda a: a[1:, ::2, 1::3]),
        (lambda x: x[None, ..., 2], lambda a: a[None, ..., 2]),
    ]
    for view_fn, np_fn in cases:
        v = view_fn(t)
        expected = np_fn(arr)
        assert tuple(v.size()) == expected.shape
        np.testing.assert_array_equal(v.numpy(), expected)
        assert v.storage().data_ptr() == t.storage().data_ptr()


@pytest.mark.parametrize("real", ["Float", "Long"])
def test_view_reshapes(real):
    t, arr = make(real, (4, 6), "contiguous")
    for shape in [(24,), (2, 12), (4, 3, 2), (-1, 8), (2, -1, 3), (1, 24, 1)]:
        v = t.view(*shape)
        np.testing.assert_array_equal(v.numpy(), arr.reshape(shape))
        assert v.data_ptr() == t.data_ptr()
    # a transposed tensor can be viewed where its strides allow
    tt = t.t()
    v = tt.view(3, 2, 4)
    np.testing.assert_array_equal(v.numpy(), arr.T.reshape(3, 2, 4))
    assert tt.unsqueeze(0).view(6, 4).size() == (6, 4)
    assert t.view(ptorch.Size([6, 4])).size() == (6, 4)
    assert t.view_as(ptorch.FloatTensor(8, 3)).size() == (8, 3)


def test_view_errors_name_sizes():
    t = ptorch.FloatTensor(4, 6)
    with raises(RuntimeError, r"shape \[5 x 5\] is invalid for input of size 24"):
        t.view(5, 5)
    with raises(RuntimeError, "only one dimension can be inferred"):
        t.view(-1, -1)
    with raises(RuntimeError, r"not compatible.*contiguous"):
        t.t().view(24)
    assert t.t().contiguous().view(24).size() == (24,)


def test_expand_rules_and_errors():
    t = ptorch.FloatTensor([[1], [2], [3]])
    e = t.expand(2, 3, 4)
    assert e.size() == (2, 3, 4) and e.stride() == (0, 1, 0)
    assert t.expand(-1, 5).size() == (3, 5)
    with raises(RuntimeError, r"expanded size of the tensor \(4\) must match the existing "
                              r"size \(3\) at non-singleton dimension 0"):
        t.expand(4, 2)
    with raises(RuntimeError, "must be greater or equal"):
        t.expand(3)
    assert t.expand_as(ptorch.FloatTensor(3, 2)).size() == (3, 2)


def test_resize_set_and_storage_sharing():
    t = ptorch.FloatTensor(2, 3).fill_(1)
    t.resize_(3, 4)
    assert t.size() == (3, 4) and t.is_contiguous()
    t.resize_as_(ptorch.ByteTensor(2, 2))
    assert t.size() == (2, 2)
    s = ptorch.FloatStorage([1, 2, 3, 4, 5, 6])
    v = ptorch.FloatTensor().set_(s, 1, (2, 2), (2, 1))
    assert v.tolist() == [[2, 3], [4, 5]]
    assert v.storage_offset() == 1
    w = ptorch.FloatTensor().set_(v)
    assert w.is_set_to(v) and not w.is_set_to(v.clone())
    w.set_()
    assert w.dim() == 0
    with raises(RuntimeError, "need 7 storage elements, but the storage holds 6"):
        ptorch.FloatTensor().set_(s, 2, (5,), (1,))
    with raises(ValueError, "negative size"):
        ptorch.FloatTensor(2).resize_(2, -1)
    with raises(ValueError, "negative size"):
        ptorch.FloatTensor(-1)


def test_transpose_and_t_inplace():
    t, arr = make("Double", (3, 5), "contiguous")
    t.t_()
    np.testing.assert_array_equal(t.numpy(), arr.T)
    t.transpose_(0, 1)
    np.testing.assert_array_equal(t.numpy(), arr)
    with raises(RuntimeError, "expects a 2-d tensor"):
        ptorch.FloatTensor(2, 3, 4).t()


def test_squeeze_unsqueeze_inplace():
    t = ptorch.FloatTensor(1, 3, 1, 2)
    assert t.squeeze().size() == (3, 2)
    assert t.squeeze(2).size() == (1, 3, 2)
    assert t.squeeze(1).size() == (1, 3, 1, 2)  # not a size-1 dim: unchanged
    t.squeeze_()
    assert t.size() == (3, 2)
    t.unsqueeze_(1)
    assert t.size() == (3, 1, 2)
    assert ptorch.FloatTensor(1, 1).squeeze().size() == (1,)  # no 0-dim tensors


def test_dim_errors():
    t = ptorch.FloatTensor(2, 3)
    with raises(IndexError, r"dimension out of range \(expected to be in range of \[-2, 1\], "
                            r"but got 2\)"):
        t.size(2)
    with raises(IndexError, "dimension out of range"):
        t.transpose(0, 5)
    with raises(IndexError, r"out of range for dimension 1 of size 3"):
        t.narrow(1, 2, 2)
    with raises(IndexError, "index 3 is out of bounds for dimension 1 with size 3"):
        t.select(1, 3)
    with raises(RuntimeError, "repeated dimension"):
        t.permute(0, 0)
    with raises(RuntimeError, "number of dims"):
        t.permute(0)
    with raises(RuntimeError, "larger than dimension"):
        t.unfold(0, 3, 1)
    with raises(ValueError, "step must be positive"):
        t.unfold(0, 1, 0)


def test_fill_zero_clone_contiguous():
    t, arr = make("Int", (4, 4), "transposed")
    c = t.clone()
    assert c.is_contiguous() and c.data_ptr() != t.data_ptr()
    np.testing.assert_array_equal(c.numpy(), arr)
    assert t.contiguous() is not t and c.contiguous() is c
    t.fill_(7)
    assert (t.numpy() == 7).all()
    t.zero_()
    assert (t.numpy() == 0).all()
    np.testing.assert_array_equal(c.numpy(), arr)  # the clone is independent


# ---- NumPy interop ----

@pytest.mark.parametrize("real", ALL_WITH_HALF)
def test_numpy_round_trip_shares_memory(real):
    arr = np.arange(12).reshape(3, 4).astype(NP_DTYPES[real])
    t = ptorch.from_numpy(arr)
    assert type(t) is tensor_class(real)
    t[1, 2] = 42
    assert arr[1, 2] == 42
    arr[0, 0] = 9
    assert t[0, 0] == 9
    back = t.numpy()
    back[2, 3] = 5
    assert arr[2, 3] == 5 and t[2, 3] == 5
    # non-contiguous arrays keep their strides
    nc = ptorch.from_numpy(arr[:, ::2])
    assert nc.stride() == (4, 2)
    np.testing.assert_array_equal(nc.numpy(), arr[:, ::2])


def test_numpy_lifetimes():
    t = ptorch.from_numpy(np.arange(5.0))
    del_arr = t.numpy()
    assert del_arr.base is not None
    x = ptorch.FloatTensor([1, 2, 3])
    a = x.numpy()
    del x
    assert a.tolist() == [1, 2, 3]  # the array keeps the memory alive
    arr = np.arange(4.0)
    t = ptorch.from_numpy(arr)
    del arr
    assert t.tolist() == [0, 1, 2, 3]  # the tensor keeps the array alive


def test_resize_refused_while_exported():
    x = ptorch.FloatTensor(3).fill_(1)
    a = x.numpy()
    with raises(RuntimeError, "exported"):
        x.resize_(1000)
    del a
    x.resize_(1000)  # released: resizing works again
    assert x.numel() == 1000
    t = ptorch.from_numpy(np.zeros(3))
    with raises(RuntimeError, "not resizable"):
        t.resize_(10)


def test_from_numpy_errors():
    with raises(TypeError, "expected a numpy.ndarray"):
        ptorch.from_numpy([1, 2])
    with raises(TypeError, "dtype complex128"):
        ptorch.from_numpy(np.zeros(2, dtype=np.complex128))
    with raises(ValueError, "negative"):
        ptorch.from_numpy(np.arange(4.0)[::-1])
    with raises(ValueError, "0-dim"):
        ptorch.from_numpy(np.array(3.0))
    with raises(ValueError, "rectangular"):
        ptorch.FloatTensor([[1, 2], [3]])
    with raises(TypeError, "expected sizes"):
        ptorch.FloatTensor("abc")
    with raises(TypeError, "convert it first"):
        ptorch.FloatTensor(ptorch.DoubleTensor(2))


# ---- element access, iteration, Python protocols ----

def test_python_protocols():
    t = ptorch.LongTensor([[1, 2], [3, 4]])
    assert len(t) == 2 and len(ptorch.LongTensor()) == 0
    rows = list(t)
    assert [r.tolist() for r in rows] == [[1, 2], [3, 4]]
    assert list(t[0]) == [1, 2]
    assert bool(ptorch.FloatTensor([0.5])) and not bool(ptorch.FloatTensor([0]))
    with raises(RuntimeError, "only defined for one element"):
        bool(t)
    assert float(ptorch.DoubleTensor([2.5])) == 2.5 and int(ptorch.LongTensor([7])) == 7
    assert np.asarray(t).tolist() == [[1, 2], [3, 4]]
    assert t.shape == (2, 2) and isinstance(t.size(), ptorch.Size)
    assert repr(t.size()) == "ptorch.Size([2, 2])"
    assert t.size()[1:] == ptorch.Size([2])
    d = {t: 1}
    assert d[t] == 1


def test_half_tensor_storage_and_conversion():
    h = ptorch.HalfTensor([1.5, -2.25, 65504, 1e-8])
    assert h.element_size() == 2
    assert h.float().tolist() == pytest.approx([1.5, -2.25, 65504, 0.0], abs=1e-7)
    np.testing.assert_array_equal(h.numpy(), np.array([1.5, -2.25, 65504, 1e-8], np.float16))
    # conversions round to nearest even like NumPy's float16
    vals = np.random.default_rng(1).normal(size=1000).astype(np.float32) * 1000
    got = ptorch.from_numpy(vals).half().numpy()
    np.testing.assert_array_equal(got, vals.astype(np.float16))


# ---- printing ----

def test_printing():
    s = repr(ptorch.FloatTensor([[1, 2], [3, 4]]))
    assert s.endswith("[ptorch.FloatTensor of size 2x2]\n")
    assert " 1  2\n 3  4" in s
    f = repr(ptorch.DoubleTensor([1.5, -0.25]))
    assert "1.5000" in f and "-0.2500" in f
    assert "with no dimension" in repr(ptorch.FloatTensor())
    big = repr(ptorch.FloatTensor(100, 100).fill_(1))
    assert "..." in big and big.count("\n") < 20
    three = repr(ptorch.LongTensor(2, 2, 2).zero_())
    assert "(0 ,.,.) = " in three and "(1 ,.,.) = " in three
    st = repr(ptorch.IntStorage([1, 2, 3]))
    assert st.endswith("[ptorch.IntStorage of size 3]\n")
    ptorch.set_printoptions(precision=2)
    try:
        assert "1.50" in repr(ptorch.FloatTensor([1.5, 2.25]))
    finally:
        ptorch.set_printoptions(profile="default")


# ---- pickling ----

@pytest.mark.parametrize("real", ALL_WITH_HALF)
def test_pickle_tensors_and_storages(real):
    t, arr = make("Float" if real == "Half" else real, (3, 4), "transposed", low=0, high=50)
    if real == "Half":
        t = t.half()
    back = pickle.loads(pickle.dumps(t))
    assert type(back) is type(t)
    np.testing.assert_array_equal(back.numpy(), t.numpy())
    st = t.contiguous().storage()
    sback = pickle.loads(pickle.dumps(st))
    assert type(sback) is type(st) and sback.tolist() == st.tolist()
    assert pickle.loads(pickle.dumps(tensor_class(real)())).dim() == 0


# ---- basic indexing against NumPy ----

def _random_basic_key(rng, shape):
    key = []
    for size in shape:
        kind = rng.integers(0, 4)
        if kind == 0:
            key.append(int(rng.integers(-size, size)))
        elif kind == 1:
            start = int(rng.integers(-size, size))
            stop = int(rng.integers(-size, size + 2))
            key.append(slice(start, stop, int(rng.integers(1, 4))))
        elif kind == 2:
            key.append(slice(None))
        else:
            key.append(None)
            key.append(slice(None, None, 2))
    if rng.integers(0, 3) == 0 and len(key) > 1:
        key = [Ellipsis] + key[-1:]
    return tuple(key)


@pytest.mark.parametrize("layout", ["contiguous", "transposed", "strided"])
def test_random_basic_indexing_reads_and_writes(layout):
    rng = np.random.default_rng(5)
    for _ in range(60):
        t, arr = make("Double", (4, 5, 3), layout, rng=rng)
        key = _random_basic_key(rng, (4, 5, 3))
        expected = arr[key]
        got = t[key]
        if np.ndim(expected) == 0:
            assert got == expected.item()
        else:
            np.testing.assert_array_equal(got.numpy(), expected)
        t[key] = 7.5
        arr[key] = 7.5
        np.testing.assert_array_equal(t.numpy(), arr)


def test_advanced_indexing_reads_and_writes():
    t, arr = make("Long", (5, 4), "transposed")
    idx = ptorch.LongTensor([4, 0, 2])
    np.testing.assert_array_equal(t[idx].numpy(), arr[[4, 0, 2]])
    np.testing.assert_array_equal(t[[1, 1]].numpy(), arr[[1, 1]])
    mask = t > 0 if hasattr(t, "__gt__") and t.__gt__(0) is not NotImplemented else None
    bmask = ptorch.ByteTensor((arr > 0).astype(np.uint8))
    np.testing.assert_array_equal(t[bmask].numpy(), arr[arr > 0])
    t[bmask] = 0
    arr[arr > 0] = 0
    np.testing.assert_array_equal(t.numpy(), arr)
    t[idx, 1] = ptorch.LongTensor([9, 8, 7])
    arr[[4, 0, 2], 1] = [9, 8, 7]
    np.testing.assert_array_equal(t.numpy(), arr)
    del mask


def test_indexing_errors():
    t = ptorch.FloatTensor(3, 4)
    with raises(IndexError, "index 3 is out of range for dimension 0 with size 3"):
        t[3]
    with raises(IndexError, "out of range for dimension 1"):
        t[0, -5]
    with raises(IndexError, "too many indices"):
        t[0, 0, 0]
    with raises(IndexError, "index 7 is out of range for dimension 0 with size 3"):
        t[ptorch.LongTensor([0, 7])]
    with raises(TypeError, "use a LongTensor"):
        t[ptorch.FloatTensor([0])]
    with raises(TypeError, "supported types"):
        t["a"]
    with raises(ValueError, "step must be positive"):
        t[::-1]


def test_cuda_is_reported_unavailable():
    assert not ptorch.cuda.is_available() and ptorch.cuda.device_count() == 0
    ptorch.cuda.manual_seed(1)  # accepted without a device, as in 0.2
    with raises(RuntimeError, "built without CUDA"):
        ptorch.FloatTensor(2).cuda()
    with raises(TypeError, "needs CUDA"):
        ptorch.FloatTensor(2).type("torch.cuda.FloatTensor")
    assert ptorch.FloatTensor(2).cpu().is_cuda is False


def test_num_threads_govern_th_and_openblas():
    before = ptorch.get_num_threads()
    try:
        ptorch.set_num_threads(1)
        assert ptorch.get_num_threads() == 1
        big = ptorch.FloatTensor(200000).fill_(2)  # a parallel-sized loop, now serial
        assert big.sum() == 400000
        a = ptorch.DoubleTensor(64, 64).fill_(1)
        assert a.mm(a).sum() == 64 ** 3  # OpenBLAS with one thread
    finally:
        ptorch.set_num_threads(before)
    assert ptorch.get_num_threads() == before
    with raises(ValueError, "positive number of threads"):
        ptorch.set_num_threads(0)


def test_unbound_method_checks_self_type():
    # FloatTensor.add(long_tensor, 1) used to read the LongTensor as a THFloatTensor.
    with raises(TypeError, r"add.*FloatTensorBase.*LongTensor"):
        ptorch.FloatTensor.add(ptorch.LongTensor(3), 1)
    with raises(TypeError, r"dim.*FloatTensorBase.*Size"):
        ptorch.FloatTensor.dim(ptorch.Size([2, 3]))
    with raises(TypeError, r"size.*LongStorageBase.*FloatStorage"):
        ptorch.LongStorage.size(ptorch.FloatStorage(2))
