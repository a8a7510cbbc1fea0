"""lib/THNN through its binding: every kernel's forward against a NumPy reference written
here, gradients against central finite differences of the forward in double, non-contiguous
inputs, and each shape/argument error with its class and message."""
import os
import sys

import numpy as np
import pytest

import ptorch
from ptorch.nn._thnn import backend

from common import FLOAT_REALS, LAYOUTS, NP_DTYPES, assert_close, make, raises, tensor_class

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))


def T(arr, real="Double"):
    return tensor_class(real)(np.ascontiguousarray(arr, dtype=NP_DTYPES[real]))


def L(arr):
    return ptorch.LongTensor(np.ascontiguousarray(arr, dtype=np.int64))


def new(real):
    return tensor_class(real)()


def num_grad(f, x, g, eps=1e-6):
    """d/dx of sum(f(x) * g) by central differences (f: float64 array -> array)."""
    x = np.array(x, dtype=np.float64)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy()
        xp[idx] += eps
        xm = x.copy()
        xm[idx] -= eps
        out[idx] = (np.sum(f(xp) * g) - np.sum(f(xm) * g)) / (2 * eps)
    return out


def check_grad(got, f, x, g, tol=1e-6):
    np.testing.assert_allclose(got, num_grad(f, x, g), rtol=tol, atol=tol)


def test_binding_is_generated_from_header():
    import gen_thnn_binding
    assert gen_thnn_binding.main(check=True) == []


def test_backend_lookup():
    assert backend(ptorch.FloatTensor()) is backend(ptorch.FloatTensor)
    assert hasattr(backend(ptorch.DoubleTensor()), "SpatialConvolutionMM_updateOutput")
    with raises(TypeError, "FloatTensor or DoubleTensor, got LongTensor"):
        backend(ptorch.LongTensor())


def test_wrong_tensor_type():
    B = backend(ptorch.FloatTensor)
    with raises(TypeError, "argument 'input' must be a FloatTensor, got DoubleTensor"):
        B.Sigmoid_updateOutput(ptorch.DoubleTensor(3), ptorch.FloatTensor())
    with raises(TypeError, "argument 'target' must be a LongTensor"):
        B.ClassNLLCriterion_updateOutput(ptorch.FloatTensor(2, 3), ptorch.FloatTensor(2),
                                         ptorch.FloatTensor(), True, None,
                                         ptorch.FloatTensor(), -100)


# ---- pointwise activations ----------------------------------------------------------------

def _sig(x):
    return 1 / (1 + np.exp(-x))


# name: (forward(B, x, y), backward(B, x, go, gi, y), reference)
POINTWISE = {
    "Threshold": (lambda B, x, y: B.Threshold_updateOutput(x, y, 0.1, -2.0, False),
                  lambda B, x, go, gi, y: B.Threshold_updateGradInput(x, go, gi, 0.1, -2.0, False),
                  lambda x: np.where(x > 0.1, x, -2.0)),
    "ELU": (lambda B, x, y: B.ELU_updateOutput(x, y, 1.5, False),
            lambda B, x, go, gi, y: B.ELU_updateGradInput(x, go, gi, y, 1.5, False),
            lambda x: np.where(x > 0, x, 1.5 * (np.exp(x) - 1))),
    "LeakyReLU": (lambda B, x, y: B.LeakyReLU_updateOutput(x, y, 0.2, False),
                  lambda B, x, go, gi, y: B.LeakyReLU_updateGradInput(x, go, gi, 0.2, False),
                  lambda x: np.where(x > 0, x, 0.2 * x)),
    "HardTanh": (lambda B, x, y: B.HardTanh_updateOutput(x, y, -0.5, 0.7, False),
                 lambda B, x, go, gi, y: B.HardTanh_updateGradInput(x, go, gi, -0.5, 0.7, False),
                 lambda x: np.clip(x, -0.5, 0.7)),
    "Softplus": (lambda B, x, y: B.Softplus_updateOutput(x, y, 2.0, 1.0),
                 lambda B, x, go, gi, y: B.Softplus_updateGradInput(x, go, gi, 2.0, 1.0),
                 lambda x: np.where(2 * x > 1.0, x, np.log1p(np.exp(2 * x)) / 2)),
    "SoftShrink": (lambda B, x, y: B.SoftShrink_updateOutput(x, y, 0.3),
                   lambda B, x, go, gi, y: B.SoftShrink_updateGradInput(x, go, gi, 0.3),
                   lambda x: np.where(x > 0.3, x - 0.3, np.where(x < -0.3, x + 0.3, 0))),
    "HardShrink": (lambda B, x, y: B.HardShrink_updateOutput(x, y, 0.3),
                   lambda B, x, go, gi, y: B.HardShrink_updateGradInput(x, go, gi, 0.3),
                   lambda x: np.where(np.abs(x) > 0.3, x, 0)),
    "LogSigmoid": (lambda B, x, y: B.LogSigmoid_updateOutput(x, y),
                   lambda B, x, go, gi, y: B.LogSigmoid_updateGradInput(x, go, gi),
                   lambda x: np.log(_sig(x))),
    "Sigmoid": (lambda B, x, y: B.Sigmoid_updateOutput(x, y),
                lambda B, x, go, gi, y: B.Sigmoid_updateGradInput(go, gi, y),
                _sig),
    "Tanh": (lambda B, x, y: B.Tanh_updateOutput(x, y),
             lambda B, x, go, gi, y: B.Tanh_updateGradInput(go, gi, y),
             np.tanh),
}


def run_pointwise(name, real, x):
    fwd = POINTWISE[name][0]
    y = new(real)
    fwd(backend(x), x, y)
    return y


@pytest.mark.parametrize("name", sorted(POINTWISE))
@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_pointwise_forward(name, real, layout):
    x, xa = make(real, (3, 4, 5), layout, low=-2, high=2)
    y = run_pointwise(name, real, x)
    assert_close(y, POINTWISE[name][2](xa.astype(np.float64)), real=real, rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize("name", sorted(POINTWISE))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_pointwise_backward(name, layout):
    x, xa = make("Double", (3, 4), layout, low=-2, high=2)
    go, ga = make("Double", (3, 4), layout, rng=np.random.default_rng(1))
    y = run_pointwise(name, "Double", x)
    gi = new("Double")
    POINTWISE[name][1](backend(x), x, go, gi, y)
    check_grad(gi.numpy(), lambda a: run_pointwise(name, "Double", T(a)).numpy(), xa, ga)


def test_pointwise_inplace():
    B = backend(ptorch.DoubleTensor)
    xa = np.array([-1.0, 0.5, 2.0])
    x, y = T(xa), new("Double")
    B.Threshold_updateOutput(x, y, 0.0, 0.0, True)
    assert y.data_ptr() == x.data_ptr()
    np.testing.assert_array_equal(x.numpy(), [0, 0.5, 2.0])
    go, gi = T([1.0, 2.0, 3.0]), new("Double")
    B.Threshold_updateGradInput(x, go, gi, 0.0, 0.0, True)
    np.testing.assert_array_equal(go.numpy(), [0, 2.0, 3.0])
    x = T(xa)
    B.ELU_updateOutput(x, x, 1.0, True)
    np.testing.assert_allclose(x.numpy(), [np.expm1(-1), 0.5, 2.0])


def test_pointwise_errors():
    B = backend(ptorch.DoubleTensor)
    x, y = T(np.zeros((2, 3))), new("Double")
    with raises(RuntimeError, r"Threshold: gradOutput must have size \[2 x 3\], got \[3 x 2\]"):
        B.Threshold_updateGradInput(x, T(np.zeros((3, 2))), y, 0.0, 0.0, False)
    with raises(ValueError, "min_val"):
        B.HardTanh_updateOutput(x, y, 1.0, -1.0, False)
    with raises(ValueError, "lambda must be >= 0"):
        B.SoftShrink_updateOutput(x, y, -1.0)
    with raises(ValueError, "beta"):
        B.Softplus_updateOutput(x, y, 0.0, 20.0)
    with raises(RuntimeError, r"ELU: output must have size \[2 x 3\], got \[3\]"):
        B.ELU_updateGradInput(x, x, y, T(np.zeros(3)), 1.0, False)


def test_logsigmoid_softplus_extremes():
    B = backend(ptorch.DoubleTensor)
    x, y = T([-800.0, 800.0]), new("Double")
    B.LogSigmoid_updateOutput(x, y)
    np.testing.assert_allclose(y.numpy(), [-800.0, 0.0])
    B.Softplus_updateOutput(x, y, 1.0, 20.0)
    np.testing.assert_allclose(y.numpy(), [0.0, 800.0])
