"""Storages: construction, element access, copies, conversion and the buffer protocol."""
import re

import numpy as np
import pytest

import ptorch
from common import ALL_REALS, NP_DTYPES, raises


@pytest.mark.parametrize("real", ALL_REALS + ["Half"])
def test_storage_basics(real):
    cls = getattr(ptorch, real + "Storage")
    s = cls(4)
    assert s.size() == 4 and len(s) == 4
    s.fill_(3)
    assert s.tolist() == [3, 3, 3, 3]
    s[1] = 5
    s[-1] = 7
    assert s[1] == 5 and s[3] == 7 and list(s) == [3, 5, 3, 7]
    s.resize_(6)
    assert s.size() == 6 and s[:2].tolist() == [3, 5]
    s[4] = s[5] = 0  # new elements are uninitialised
    c = s.clone()
    c[0] = 1
    assert s[0] == 3
    assert s.element_size() == np.dtype(NP_DTYPES[real]).itemsize
    assert s.type() == f"ptorch.{real}Storage"
    assert s.double().type() == "ptorch.DoubleStorage"
    assert s.type("torch.LongStorage").tolist()[:2] == [3, 5]
    with raises(IndexError, "out of range for a storage of size 6"):
        s[6]
    with raises(IndexError, "out of range"):
        s[-7] = 1


def test_storage_buffer_protocol_shares_memory():
    s = ptorch.FloatStorage([1, 2, 3])
    view = np.frombuffer(memoryview(s), dtype=np.float32)
    view[1] = 20
    assert s[1] == 20
    m = memoryview(s)
    assert m.format == "f" and m.itemsize == 4 and m.nbytes == 12


def test_storage_copy_between_types():
    src = ptorch.DoubleStorage([1.7, -2.2, 300])
    dst = ptorch.ByteStorage(3)
    dst.copy_(ptorch.DoubleStorage([1.7, 2.2, 200]))
    assert dst.tolist() == [1, 2, 200]
    with raises(RuntimeError, "sizes differ"):
        ptorch.FloatStorage(2).copy_(src)
    with raises(TypeError, "expected a storage"):
        dst.copy_([1, 2, 3])


def test_storage_constructor_errors():
    with raises(ValueError, "non-negative"):
        ptorch.FloatStorage(-1)
    with raises(TypeError, "expected no argument"):
        ptorch.FloatStorage("x")


@pytest.mark.parametrize("real", ALL_REALS + ["Half"])
@pytest.mark.parametrize("order", ["native", "little", "big"])
def test_storage_from_buffer(real, order):
    dtype = np.dtype(NP_DTYPES[real])
    values = np.array([1, 2, 100, 7, 0], dtype=dtype)
    marker = {"native": "=", "little": "<", "big": ">"}[order]
    raw = b"\xee" * 3 + values.astype(dtype.newbyteorder(marker)).tobytes()
    cls = getattr(ptorch, real + "Storage")
    s = cls.from_buffer(raw, order, offset=3)
    assert s.tolist() == values.tolist()
    assert cls.from_buffer(bytearray(raw), order, count=2, offset=3).tolist() == [1, 2]
    assert cls.from_buffer(raw, order, count=0, offset=3).size() == 0
    assert cls.from_buffer(raw, order, offset=len(raw)).size() == 0
    copy = cls.from_buffer(bytearray(raw), order, offset=3)  # a copy, not a view
    assert np.frombuffer(memoryview(copy), dtype=dtype).tolist() == values.tolist()


def test_storage_from_buffer_errors():
    with raises(ValueError, "byte_order must be one of"):
        ptorch.FloatStorage.from_buffer(b"abcd", "middle")
    with raises(ValueError, "3 bytes after offset 0 are not a whole number of 4-byte Float"):
        ptorch.FloatStorage.from_buffer(b"abc")
    with raises(ValueError, "holds 1 Float elements after offset 0, but count is 2"):
        ptorch.FloatStorage.from_buffer(b"abcd", count=2)
    with raises(ValueError, re.escape("offset must be in [0, 4]")):
        ptorch.FloatStorage.from_buffer(b"abcd", offset=5)
    with raises(ValueError, re.escape("offset must be in [0, 4]")):
        ptorch.FloatStorage.from_buffer(b"abcd", offset=-1)
    with raises(TypeError, "bytes-like object is required"):
        ptorch.FloatStorage.from_buffer(3.5)


def test_pinning_without_cuda():
    t = ptorch.FloatTensor(3)
    assert not t.is_pinned() and not t.storage().is_pinned()
    for obj in (t, t.storage()):
        with raises(RuntimeError, "built without CUDA"):
            obj.pin_memory()
        with raises(RuntimeError, "built without CUDA"):
            obj.cuda()
