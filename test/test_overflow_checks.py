"""Index arithmetic at the edge of a long and float-to-integer conversions of values no integer
holds: each case here was undefined behaviour in lib/TH (found by tools/sanitize.sh), some of it
an out-of-bounds view of memory. They must be clear errors or defined values."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, raises, tensor_class

LONG_MAX = 2**63 - 1
LONG_MIN = -2**63
INT_TYPES = ["Byte", "Char", "Short", "Int", "Long"]


@pytest.mark.parametrize("real", ALL_REALS)
def test_set_with_strides_overflowing_the_extent(real):
    T = tensor_class(real)
    s = T(3, 4).fill_(1).storage()
    with raises(ValueError, r"strides \[4611686018427387904 x 4611686018427387904\] and offset 1 "
                r"span more elements than a storage can hold"):
        T().set_(s, 1, (2, 2), (2**62, 2**62))
    with raises(ValueError, "span more elements"):
        T().set_(s, LONG_MAX, (1,), (1,))
    # a stride of any size is fine where the size is 1 (no step is taken)
    assert T().set_(s, 1, (1, 2), (LONG_MAX, 1)).sum() == 2


@pytest.mark.parametrize("real", ALL_REALS)
def test_sizes_whose_contiguous_strides_overflow(real):
    T = tensor_class(real)
    with raises(RuntimeError, r"sizes \[0 x 1099511627776 x 1099511627776\] overflow"):
        T(0, 2**40, 2**40)
    with raises(RuntimeError, "overflow the number of elements"):
        T(3).resize_(2**32, 2**32)
    with raises(RuntimeError, "overflow the number of elements"):
        T().set_(T(4).storage(), 0, (0, 2**40, 2**40))
    assert T(0, 2**20, 2**20).size() == (0, 2**20, 2**20)


@pytest.mark.parametrize("real", ALL_REALS)
def test_resize_after_a_storage_offset(real):
    T = tensor_class(real)
    t = T(10)[1:]
    with raises(MemoryError, "too many elements"):
        t.resize_(LONG_MAX)
    assert t.size() == (9,)


@pytest.mark.parametrize("real", ALL_REALS)
def test_narrow_with_start_and_length_past_a_long(real):
    x = tensor_class(real)(3, 4)
    with raises(IndexError, "start 9223372036854775807 and length 2 out of range"):
        x.narrow(1, LONG_MAX, 2)
    with raises(IndexError, "out of range"):
        x.narrow(1, 2, LONG_MAX)
    assert x.narrow(1, 4, 0).size() == (3, 0)


@pytest.mark.parametrize("real", ALL_REALS)
def test_repeat_counts_overflowing_the_size(real):
    x = tensor_class(real)(3, 4)
    with raises(RuntimeError, r"4611686018427387904 repeats of dimension 0 of size 3 overflow"):
        x.repeat(2**62, 1)


@pytest.mark.parametrize("real", ALL_REALS)
def test_diag_far_from_the_main_diagonal(real):
    T = tensor_class(real)
    v = T([1, 2, 3])
    for k in (LONG_MIN, LONG_MAX, -LONG_MAX):
        with raises(RuntimeError, f"diagonal {k} is too far from the main one for a vector of "
                                  "size 3"):
            v.diag(k)
    m = T(3, 4).fill_(1)
    for k in (LONG_MIN, LONG_MAX, 4, -3):
        assert m.diag(k).nelement() == 0
    assert m.diag(-2).tolist() == [1]


@pytest.mark.parametrize("real", ALL_REALS)
def test_unfold_with_a_huge_step(real):
    x = tensor_class(real)(3, 4).fill_(2)
    u = x.unfold(1, 2, 2**62)
    assert u.size() == (3, 1, 2)
    assert u.sum() == 12


SPECIAL = [float("inf"), float("-inf"), float("nan"), -1e30, 1e300, 2.0**63, 2.75, -2.75]


@pytest.mark.parametrize("src", ["Float", "Double"])
@pytest.mark.parametrize("dst", INT_TYPES)
def test_float_to_integer_copy_is_defined(src, dst):
    # NaN and values outside a long convert to LONG_MIN (as x86 does), then wrap into the type
    want_long = [LONG_MIN] * 6 + [2, -2]
    dtype = np.dtype({"Byte": np.uint8, "Char": np.int8, "Short": np.int16, "Int": np.int32,
                      "Long": np.int64}[dst])
    want = np.array(want_long, dtype=np.int64).astype(dtype).tolist()
    with np.errstate(over="ignore"):  # 1e300 is inf as a float
        x = tensor_class(src)(SPECIAL)
    assert x.type("ptorch." + dst + "Tensor").tolist() == want
    assert x[::2].type("ptorch." + dst + "Tensor").tolist() == want[::2]
    s = getattr(ptorch, dst + "Storage")(len(SPECIAL))
    s.copy_(x.storage())
    assert s.tolist() == want
