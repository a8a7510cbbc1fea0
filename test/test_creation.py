"""Creation functions (zeros, ones, eye, linspace, logspace, arange, range) against NumPy:
default tensor type, out=, and every type through out=."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, FLOAT_REALS, assert_close, raises, tensor_class


@pytest.fixture
def double_default():
    ptorch.set_default_tensor_type("ptorch.DoubleTensor")
    yield
    ptorch.set_default_tensor_type("ptorch.FloatTensor")


def test_default_type():
    for x in (ptorch.zeros(2, 3), ptorch.ones(2), ptorch.eye(3), ptorch.linspace(0, 1, 3),
              ptorch.logspace(0, 1, 3), ptorch.arange(3), ptorch.range(0, 2)):
        assert x.type() == "ptorch.FloatTensor"


def test_default_type_follows_setting(double_default):
    for x in (ptorch.zeros(2, 3), ptorch.ones(2), ptorch.eye(3), ptorch.linspace(0, 1, 3),
              ptorch.logspace(0, 1, 3), ptorch.arange(3), ptorch.range(0, 2)):
        assert x.type() == "ptorch.DoubleTensor"


@pytest.mark.parametrize("real", ALL_REALS)
def test_zeros_ones(real):
    out = tensor_class(real)()
    assert ptorch.zeros(2, 3, out=out) is out
    assert_close(out, np.zeros((2, 3)))
    assert_close(ptorch.ones(ptorch.Size([4]), out=out), np.ones(4))
    assert_close(ptorch.zeros((2, 2)), np.zeros((2, 2)))
    assert ptorch.ones(3, 1).size() == (3, 1)


@pytest.mark.parametrize("real", ALL_REALS)
def test_eye(real):
    out = tensor_class(real)(7).fill_(5)
    assert_close(ptorch.eye(3, out=out), np.eye(3))
    assert_close(ptorch.eye(2, 4, out=out), np.eye(2, 4))
    assert_close(ptorch.eye(4, 2), np.eye(4, 2))


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_linspace_logspace(real):
    out = tensor_class(real)()
    assert_close(ptorch.linspace(-1, 2, 7, out=out), np.linspace(-1, 2, 7))
    assert_close(ptorch.linspace(3, -3, 4), np.linspace(3, -3, 4))
    assert_close(ptorch.linspace(0, 1), np.linspace(0, 1, 100))
    assert ptorch.linspace(5, 9, 1).tolist() == [5]
    assert_close(ptorch.logspace(-2, 2, 5, out=out), np.logspace(-2, 2, 5), rtol=1e-5)


@pytest.mark.parametrize("real", ["Byte", "Int", "Long"])
def test_linspace_int(real):
    assert_close(ptorch.linspace(0, 8, 5, out=tensor_class(real)()), np.linspace(0, 8, 5))


@pytest.mark.parametrize("real", ALL_REALS)
def test_arange_range_types(real):
    out = tensor_class(real)()
    assert_close(ptorch.arange(2, 11, 3, out=out), np.arange(2, 11, 3))
    assert_close(ptorch.range(2, 11, 3, out=out), np.arange(2, 12, 3))
    assert_close(ptorch.arange(5, out=out), np.arange(5))


def test_arange_range_values():
    assert_close(ptorch.arange(5), np.arange(5))
    assert_close(ptorch.arange(1, 4), np.arange(1, 4))
    assert_close(ptorch.arange(0, 1, 0.25), np.arange(0, 1, 0.25))
    assert_close(ptorch.arange(5, 0, -2), np.arange(5, 0, -2))
    assert_close(ptorch.range(1, 4), np.arange(1, 5))  # 0.2's range includes the end
    assert_close(ptorch.range(0, 1, 0.25), np.linspace(0, 1, 5))
    assert_close(ptorch.range(3, 0, -1), np.arange(3, -1, -1))
    assert ptorch.range(2, 2).tolist() == [2]
    assert ptorch.arange(2, 2).numel() == 0
    assert_close(ptorch.arange(0, 10, 3, out=ptorch.DoubleTensor()), np.arange(0, 10, 3))


def test_creation_errors():
    with raises(ValueError, "step must be nonzero"):
        ptorch.arange(0, 5, 0)
    with raises(ValueError, "inconsistent with step sign"):
        ptorch.range(5, 0)
    with raises(ValueError, "inconsistent with step sign"):
        ptorch.arange(0, 5, -1)
    with raises(ValueError, "number of points must be positive"):
        ptorch.linspace(0, 1, 0)
    with raises(ValueError, "number of points must be positive"):
        ptorch.logspace(0, 1, -3)
    with raises(ValueError, "n must be positive"):
        ptorch.eye(0)
    with raises(ValueError, "m must be positive"):
        ptorch.eye(2, -1)
    with raises(TypeError, "n and m must be ints"):
        ptorch.eye(2.5)
    with raises(TypeError, "integer bounds"):
        ptorch.arange(0, 1, 0.5, out=ptorch.LongTensor())
    with raises(TypeError, "start must be a number"):
        ptorch.linspace("a", 1)
    with raises(TypeError, "out= must be a tensor"):
        ptorch.zeros(2, out=[])
    with raises(ValueError, "negative size"):
        ptorch.zeros(2, -1)
    with raises(TypeError, "HalfTensor has no math"):
        ptorch.eye(2, out=ptorch.HalfTensor())
