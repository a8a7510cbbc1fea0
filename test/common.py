"""Shared test helpers: tensor types, inputs in several layouts with their NumPy twins,
and comparison against NumPy."""
import numpy as np
import pytest

import ptorch

ALL_REALS = ["Byte", "Char", "Short", "Int", "Long", "Float", "Double"]
FLOAT_REALS = ["Float", "Double"]
INT_REALS = ["Byte", "Char", "Short", "Int", "Long"]
SIGNED_REALS = ["Char", "Short", "Int", "Long", "Float", "Double"]
NP_DTYPES = {"Byte": np.uint8, "Char": np.int8, "Short": np.int16, "Int": np.int32,
             "Long": np.int64, "Float": np.float32, "Double": np.float64, "Half": np.float16}
LAYOUTS = ["contiguous", "transposed", "strided"]


def tensor_class(real):
    return getattr(ptorch, real + "Tensor")


def random_array(real, shape, low=None, high=None, rng=None):
    """Values that every type can hold: small non-negative ints for Byte, small ints for the
    other integer types, uniform floats for float types."""
    rng = rng or np.random.default_rng(0)
    dtype = NP_DTYPES[real]
    if real in ("Float", "Double", "Half"):
        lo = -1.0 if low is None else low
        hi = 1.0 if high is None else high
        return rng.uniform(lo, hi, size=shape).astype(dtype)
    lo = (0 if real == "Byte" else -9) if low is None else low
    hi = 10 if high is None else high
    return rng.integers(lo, hi, size=shape).astype(dtype)


def make(real, shape, layout="contiguous", rng=None, low=None, high=None):
    """(tensor, array): a tensor of the given layout and an equal NumPy array (a copy).
    'transposed': the memory holds the transpose of the last two dims; 'strided': every
    other element of a larger tensor along each dimension."""
    shape = tuple(shape)
    if layout == "contiguous":
        arr = random_array(real, shape, low, high, rng)
        return tensor_class(real)(arr), arr.copy()
    if layout == "transposed":
        if len(shape) < 2:
            return make(real, shape, "strided", rng, low, high)
        tshape = shape[:-2] + (shape[-1], shape[-2])
        arr = random_array(real, tshape, low, high, rng)
        t = tensor_class(real)(arr).transpose(-1, -2)
        return t, np.ascontiguousarray(np.swapaxes(arr, -1, -2))
    if layout == "strided":
        big = tuple(2 * s for s in shape)
        arr = random_array(real, big, low, high, rng)
        t = tensor_class(real)(arr)
        for d in range(len(shape)):
            t = t._slice(d, 0, big[d], 2)
        return t, arr[tuple(slice(None, None, 2) for _ in shape)].copy()
    raise ValueError(layout)


def assert_close(t, expected, rtol=None, atol=None, real=None):
    """Checks a tensor (or number) against a NumPy array (or number)."""
    if isinstance(t, ptorch._C._CTensor):
        got = t.numpy()
        real = real or t._real
        expected = np.asarray(expected)
        assert tuple(t.size()) == expected.shape, f"size {tuple(t.size())} != {expected.shape}"
    else:
        got = np.asarray(t)
        expected = np.asarray(expected)
    if real in ("Float", "Half") or got.dtype == np.float32:
        rtol = 1e-5 if rtol is None else rtol
        atol = 1e-6 if atol is None else atol
    else:
        rtol = 1e-10 if rtol is None else rtol
        atol = 1e-12 if atol is None else atol
    np.testing.assert_allclose(got.astype(np.float64), expected.astype(np.float64),
                               rtol=rtol, atol=atol)


def raises(exc, fragment):
    """pytest.raises that also checks a fragment of the message."""
    return pytest.raises(exc, match=fragment)
