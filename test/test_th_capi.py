"""lib/TH's C API called directly through cffi: ownership, errors as values, the error
record, and sharing with Python tensors."""
import os
import threading

import cffi
import pytest

import ptorch

ffi = cffi.FFI()
ffi.cdef("""
typedef struct THFloatTensor THFloatTensor;
typedef struct THFloatStorage THFloatStorage;
THFloatTensor *THFloatTensor_new(void);
THFloatTensor *THFloatTensor_newWithSize2d(long size0, long size1);
int THFloatTensor_resize2d(THFloatTensor *self, long size0, long size1);
int THFloatTensor_narrow(THFloatTensor *self, THFloatTensor *src, int dim, long first, long size);
int THFloatTensor_nDimension(const THFloatTensor *self);
long THFloatTensor_size(const THFloatTensor *self, int dim);
long THFloatTensor_stride(const THFloatTensor *self, int dim);
float *THFloatTensor_data(const THFloatTensor *self);
void THFloatTensor_fill(THFloatTensor *self, float value);
void THFloatTensor_free(THFloatTensor *self);
void THFloatTensor_retain(THFloatTensor *self);
THFloatStorage *THFloatTensor_storage(const THFloatTensor *self);
int THError_kind(void);
const char *THError_message(void);
void THError_clear(void);
""")
LIB = ffi.dlopen(os.path.join(os.path.dirname(ptorch.__file__), "lib", "libTH.so"))
TH_ERR_VALUE, TH_ERR_INDEX = 3, 4


def test_create_fill_free():
    t = LIB.THFloatTensor_newWithSize2d(3, 4)
    assert LIB.THFloatTensor_nDimension(t) == 2
    assert (LIB.THFloatTensor_size(t, 0), LIB.THFloatTensor_size(t, 1)) == (3, 4)
    assert LIB.THFloatTensor_stride(t, 0) == 4
    LIB.THFloatTensor_fill(t, 2.5)
    data = LIB.THFloatTensor_data(t)
    assert [data[i] for i in range(12)] == [2.5] * 12
    LIB.THFloatTensor_free(t)


def test_errors_are_values_with_messages():
    LIB.THError_clear()
    t = LIB.THFloatTensor_newWithSize2d(2, 3)
    assert LIB.THFloatTensor_resize2d(t, 2, -4) == -1
    assert LIB.THError_kind() == TH_ERR_VALUE
    assert "negative size -4" in ffi.string(LIB.THError_message()).decode()
    assert (LIB.THFloatTensor_size(t, 0), LIB.THFloatTensor_size(t, 1)) == (2, 3)  # unchanged
    v = LIB.THFloatTensor_new()
    assert LIB.THFloatTensor_narrow(v, t, 1, 2, 5) == -1
    assert LIB.THError_kind() == TH_ERR_INDEX
    assert "[2 x 3]" in ffi.string(LIB.THError_message()).decode()
    LIB.THError_clear()
    assert LIB.THError_kind() == 0
    LIB.THFloatTensor_free(v)
    LIB.THFloatTensor_free(t)


def test_error_record_is_per_thread():
    LIB.THError_clear()
    t = LIB.THFloatTensor_newWithSize2d(1, 1)
    seen = {}

    def worker():
        LIB.THFloatTensor_resize2d(t, -1, 1)
        seen["kind"] = LIB.THError_kind()

    th = threading.Thread(target=worker)
    th.start()
    th.join()
    assert seen["kind"] == TH_ERR_VALUE
    assert LIB.THError_kind() == 0  # this thread's record is untouched
    LIB.THError_clear()
    LIB.THFloatTensor_free(t)


def test_shares_memory_with_python_tensor():
    x = ptorch.FloatTensor(2, 2).zero_()
    p = ffi.cast("THFloatTensor *", x._cdata)
    LIB.THFloatTensor_fill(p, 4.0)
    assert x.tolist() == [[4, 4], [4, 4]]
    LIB.THFloatTensor_retain(p)  # a reference held by C outlives the Python object
    del x
    assert LIB.THFloatTensor_data(p)[3] == 4.0
    LIB.THFloatTensor_free(p)


@pytest.mark.parametrize("rows", [0, 5])
def test_resize_to_zero_and_back(rows):
    t = LIB.THFloatTensor_newWithSize2d(rows, 3)
    assert LIB.THFloatTensor_resize2d(t, 4, 4) == 0
    LIB.THFloatTensor_fill(t, 1.0)
    assert LIB.THFloatTensor_data(t)[15] == 1.0
    LIB.THFloatTensor_free(t)
