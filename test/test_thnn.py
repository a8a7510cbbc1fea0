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


# ---- softmax, GLU, PReLU, RReLU --------------------------------------------------------------

def _softmax(x, dim):
    e = np.exp(x - x.max(axis=dim, keepdims=True))
    return e / e.sum(axis=dim, keepdims=True)


@pytest.mark.parametrize("log", [False, True])
@pytest.mark.parametrize("shape,dim", [((5,), 0), ((3, 4), 1), ((2, 3, 4), 0),
                                       ((2, 3, 2, 2), 1), ((2, 3, 4), 2)])
def test_softmax(log, shape, dim):
    name = "LogSoftMax" if log else "SoftMax"

    def fwd(t):
        y = new(t._real)
        getattr(backend(t), name + "_updateOutput")(t, y, dim)
        return y

    for real in FLOAT_REALS:
        x, xa = make(real, shape, "strided", low=-3, high=3)
        ref = _softmax(xa.astype(np.float64), dim)
        assert_close(fwd(x), np.log(ref) if log else ref, real=real)
    x, xa = make("Double", shape, "transposed")
    ga = np.random.default_rng(2).uniform(-1, 1, shape)
    y, gi = fwd(x), new("Double")
    getattr(backend(x), name + "_updateGradInput")(x, T(ga), gi, y, dim)
    check_grad(gi.numpy(), lambda a: fwd(T(a)).numpy(), xa, ga)


def test_softmax_errors():
    B = backend(ptorch.FloatTensor)
    with raises(IndexError, r"dimension out of range .* got 2\) for input of size \[2 x 3\]"):
        B.SoftMax_updateOutput(T(np.zeros((2, 3)), "Float"), new("Float"), 2)
    with raises(RuntimeError, "non-empty"):
        B.LogSoftMax_updateOutput(new("Float"), new("Float"), 0)


def test_glu():
    def fwd(t, dim):
        y = new(t._real)
        backend(t).GLU_updateOutput(t, y, dim)
        return y

    for dim in (0, 1):
        x, xa = make("Double", (4, 6), "transposed")
        a, b = np.split(xa, 2, axis=dim)
        y = fwd(x, dim)
        assert_close(y, a * _sig(b))
        ga = np.random.default_rng(3).uniform(-1, 1, y.numpy().shape)
        gi = new("Double")
        backend(x).GLU_updateGradInput(x, T(ga), gi, dim)
        check_grad(gi.numpy(), lambda arr: fwd(T(arr), dim).numpy(), xa, ga)  # noqa: B023
    with raises(RuntimeError, r"GLU: halving dimension 1 must be of even size.*\[2 x 3\]"):
        fwd(T(np.zeros((2, 3))), 1)
    with raises(RuntimeError, r"GLU: gradOutput must have size \[2 x 1\], got \[2 x 2\]"):
        backend(ptorch.DoubleTensor).GLU_updateGradInput(T(np.zeros((2, 2))), T(np.zeros((2, 2))),
                                                         new("Double"), 1)


@pytest.mark.parametrize("nw", [1, 3])
def test_prelu(nw):
    x, xa = make("Double", (2, 3, 4), "strided")
    wa = np.array([0.25, -0.5, 0.1][:nw])
    B = backend(x)

    def fwd(arr, w):
        y = new("Double")
        B.PReLU_updateOutput(T(arr), y, T(w))
        return y.numpy()

    wb = wa.reshape(1, -1, 1) if nw > 1 else wa
    np.testing.assert_allclose(fwd(xa, wa), np.where(xa > 0, xa, wb * xa))
    y = new("Float")
    backend(y).PReLU_updateOutput(T(xa, "Float"), y, T(wa, "Float"))
    assert_close(y, np.where(xa > 0, xa, wb * xa), real="Float")
    ga = np.random.default_rng(4).uniform(-1, 1, xa.shape)
    gi, gw = new("Double"), T(np.full(nw, 0.5))
    B.PReLU_updateGradInput(x, T(ga), gi, T(wa))
    check_grad(gi.numpy(), lambda arr: fwd(arr, wa), xa, ga)
    B.PReLU_accGradParameters(x, T(ga), T(wa), gw, 2.0)
    np.testing.assert_allclose(gw.numpy(), 0.5 + 2.0 * num_grad(lambda w: fwd(xa, w), wa, ga),
                               rtol=1e-6, atol=1e-6)
    with raises(RuntimeError, r"weight has 2 elements, which must be 1 or the number of "
                              r"channels \(dim 1\) of input, got input of size \[2 x 3 x 4\]"):
        B.PReLU_updateOutput(x, new("Double"), T([1.0, 2.0]))


def test_rrelu():
    B = backend(ptorch.DoubleTensor)
    xa = np.random.default_rng(5).uniform(-1, 1, (4, 50))
    x, y, noise = T(xa), new("Double"), new("Double")
    g = ptorch.Generator().manual_seed(7)
    B.RReLU_updateOutput(x, y, noise, 0.1, 0.3, True, False, g)
    nz = noise.numpy()
    assert np.all(nz[xa > 0] == 1)
    assert np.all((nz[xa <= 0] >= 0.1) & (nz[xa <= 0] < 0.3))
    assert len(np.unique(nz[xa <= 0])) > 10
    np.testing.assert_allclose(y.numpy(), xa * nz)
    go, gi = T(np.ones_like(xa)), new("Double")
    B.RReLU_updateGradInput(x, go, gi, noise, 0.1, 0.3, True, False)
    np.testing.assert_allclose(gi.numpy(), nz)
    # the same seed gives the same noise
    y2, noise2 = new("Double"), new("Double")
    B.RReLU_updateOutput(x, y2, noise2, 0.1, 0.3, True, False, ptorch.Generator().manual_seed(7))
    np.testing.assert_array_equal(noise2.numpy(), nz)
    B.RReLU_updateOutput(x, y, noise, 0.1, 0.3, False, False, None)
    np.testing.assert_allclose(y.numpy(), np.where(xa > 0, xa, 0.2 * xa))
    B.RReLU_updateGradInput(x, go, gi, noise, 0.1, 0.3, False, False)
    np.testing.assert_allclose(gi.numpy(), np.where(xa > 0, 1, 0.2))
    with raises(ValueError, "lower bound"):
        B.RReLU_updateOutput(x, y, noise, 0.5, 0.3, True, False, None)
    with raises(RuntimeError, "noise must have size"):
        B.RReLU_updateGradInput(x, go, gi, T(np.ones(3)), 0.1, 0.3, True, False)


# ---- convolution ------------------------------------------------------------------------------

def conv_ref(x, w, b, stride, pad, dil):
    N, C, H, W = x.shape
    O, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    oh = (H + 2 * pad[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (W + 2 * pad[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((N, O, oh, ow))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i * dil[0]: i * dil[0] + stride[0] * (oh - 1) + 1: stride[0],
                       j * dil[1]: j * dil[1] + stride[1] * (ow - 1) + 1: stride[1]]
            out += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j])
    return out + (0 if b is None else b.reshape(1, -1, 1, 1))


def full_conv_ref(x, w, b, stride, pad, dil, adj):
    N, C, H, W = x.shape
    _, O, kh, kw = w.shape
    oh = (H - 1) * stride[0] - 2 * pad[0] + dil[0] * (kh - 1) + adj[0] + 1
    ow = (W - 1) * stride[1] - 2 * pad[1] + dil[1] * (kw - 1) + adj[1] + 1
    full = np.zeros((N, O, (H - 1) * stride[0] + dil[0] * (kh - 1) + 1 + adj[0],
                     (W - 1) * stride[1] + dil[1] * (kw - 1) + 1 + adj[1]))
    for i in range(kh):
        for j in range(kw):
            full[:, :, i * dil[0]: i * dil[0] + stride[0] * (H - 1) + 1: stride[0],
                 j * dil[1]: j * dil[1] + stride[1] * (W - 1) + 1: stride[1]] += \
                np.einsum("nchw,co->nohw", x, w[:, :, i, j])
    out = full[:, :, pad[0]: pad[0] + oh, pad[1]: pad[1] + ow]
    return out + (0 if b is None else b.reshape(1, -1, 1, 1))


CONV_CASES = [  # (N, C, H, W, O, kh, kw, stride, pad, dil, bias)
    (2, 3, 6, 5, 4, 3, 3, (1, 1), (1, 1), (1, 1), True),
    (2, 2, 7, 8, 3, 3, 2, (2, 1), (1, 0), (1, 2), False),
    (1, 3, 5, 5, 2, 1, 1, (1, 1), (0, 0), (1, 1), True),
    (3, 2, 6, 6, 2, 2, 3, (2, 2), (0, 1), (2, 1), True),
]


def _conv_args(kh, kw, stride, pad, dil):
    return (kw, kh, stride[1], stride[0], pad[1], pad[0], dil[1], dil[0])


@pytest.mark.parametrize("case", CONV_CASES)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_conv_forward(case, real):
    N, C, H, W, O, kh, kw, stride, pad, dil, has_bias = case
    rng = np.random.default_rng(6)
    x, xa = make(real, (N, C, H, W), "transposed", rng=rng)
    wa = rng.uniform(-1, 1, (O, C, kh, kw))
    ba = rng.uniform(-1, 1, O) if has_bias else None
    y = new(real)
    backend(x).SpatialConvolutionMM_updateOutput(
        x, y, T(wa, real), None if ba is None else T(ba, real), new(real),
        *_conv_args(kh, kw, stride, pad, dil))
    assert_close(y, conv_ref(xa.astype(np.float64), wa, ba, stride, pad, dil), real=real,
                 rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv_backward(case):
    N, C, H, W, O, kh, kw, stride, pad, dil, has_bias = case
    args = _conv_args(kh, kw, stride, pad, dil)
    rng = np.random.default_rng(7)
    xa = rng.uniform(-1, 1, (N, C, H, W))
    wa = rng.uniform(-1, 1, (O, C, kh, kw))
    ba = rng.uniform(-1, 1, O)
    B = backend(ptorch.DoubleTensor)

    def fwd(x, w, b):
        y = new("Double")
        B.SpatialConvolutionMM_updateOutput(T(x), y, T(w), T(b), new("Double"), *args)
        return y.numpy()

    ga = rng.uniform(-1, 1, fwd(xa, wa, ba).shape)
    go = make("Double", ga.shape, "strided")[0].copy_(T(ga))
    gi, cols = new("Double"), new("Double")
    B.SpatialConvolutionMM_updateGradInput(T(xa), go, gi, T(wa), cols, *args)
    check_grad(gi.numpy(), lambda x: fwd(x, wa, ba), xa, ga)
    gw, gb = T(np.ones_like(wa)), T(np.ones_like(ba))
    B.SpatialConvolutionMM_accGradParameters(T(xa), go, gw, gb if has_bias else None, cols,
                                             *args, 0.5)
    np.testing.assert_allclose(gw.numpy(), 1 + 0.5 * num_grad(lambda w: fwd(xa, w, ba), wa, ga),
                               rtol=1e-6, atol=1e-6)
    if has_bias:
        np.testing.assert_allclose(gb.numpy(), 1 + 0.5 * ga.sum(axis=(0, 2, 3)))


def test_conv_2d_weight_and_errors():
    B = backend(ptorch.DoubleTensor)
    xa = np.random.default_rng(8).uniform(-1, 1, (1, 2, 4, 4))
    wa = np.random.default_rng(9).uniform(-1, 1, (3, 2, 2, 2))
    y = new("Double")
    B.SpatialConvolutionMM_updateOutput(T(xa), y, T(wa.reshape(3, 8)), None, new("Double"),
                                        2, 2, 1, 1, 0, 0, 1, 1)
    np.testing.assert_allclose(y.numpy(), conv_ref(xa, wa, None, (1, 1), (0, 0), (1, 1)))
    with raises(RuntimeError, r"Expected 4D input \(batch, channels, height, width\), "
                              r"got \[3 x 32 x 32\]"):
        B.SpatialConvolutionMM_updateOutput(T(np.zeros((3, 32, 32))), y, T(wa), None,
                                            new("Double"), 2, 2, 1, 1, 0, 0, 1, 1)
    with raises(RuntimeError, r"weight of size \[3 x 2 x 2 x 2\] does not fit input of size "
                              r"\[1 x 5 x 4 x 4\]: expected \[nOutputPlane x 5 x 2 x 2\]"):
        B.SpatialConvolutionMM_updateOutput(T(np.zeros((1, 5, 4, 4))), y, T(wa), None,
                                            new("Double"), 2, 2, 1, 1, 0, 0, 1, 1)
    with raises(RuntimeError, "bias must have 3 elements"):
        B.SpatialConvolutionMM_updateOutput(T(xa), y, T(wa), T(np.zeros(2)), new("Double"),
                                            2, 2, 1, 1, 0, 0, 1, 1)
    with raises(RuntimeError, "too small for kernel 5x5"):
        B.SpatialConvolutionMM_updateOutput(T(xa), y, T(np.zeros((3, 2, 5, 5))), None,
                                            new("Double"), 5, 5, 1, 1, 0, 0, 1, 1)
    with raises(ValueError, "stride should be greater than zero"):
        B.SpatialConvolutionMM_updateOutput(T(xa), y, T(wa), None, new("Double"),
                                            2, 2, 0, 1, 0, 0, 1, 1)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 3 x 3 x 3\], got \[1 x 3 x 2 x 2\]"):  # noqa: E501
        B.SpatialConvolutionMM_updateGradInput(T(xa), T(np.zeros((1, 3, 2, 2))), y, T(wa),
                                               new("Double"), 2, 2, 1, 1, 0, 0, 1, 1)


FULL_CASES = [  # (N, C, H, W, O, kh, kw, stride, pad, dil, adj)
    (2, 3, 4, 3, 2, 3, 3, (1, 1), (1, 1), (1, 1), (0, 0)),
    (2, 2, 3, 4, 3, 3, 2, (2, 3), (1, 0), (1, 2), (1, 2)),
    (1, 2, 3, 3, 2, 2, 2, (2, 2), (0, 0), (2, 1), (0, 1)),
]


@pytest.mark.parametrize("case", FULL_CASES)
def test_full_conv(case):
    N, C, H, W, O, kh, kw, stride, pad, dil, adj = case
    args = _conv_args(kh, kw, stride, pad, dil) + (adj[1], adj[0])
    rng = np.random.default_rng(10)
    xa = rng.uniform(-1, 1, (N, C, H, W))
    wa = rng.uniform(-1, 1, (C, O, kh, kw))
    ba = rng.uniform(-1, 1, O)

    def fwd(x, w, b, real="Double"):
        y = new(real)
        backend(y).SpatialFullConvolution_updateOutput(T(x, real), y, T(w, real), T(b, real),
                                                      new(real), *args)
        return y.numpy()

    ref = full_conv_ref(xa, wa, ba, stride, pad, dil, adj)
    np.testing.assert_allclose(fwd(xa, wa, ba), ref, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fwd(xa, wa, ba, "Float"), ref, rtol=1e-4, atol=1e-5)
    B = backend(ptorch.DoubleTensor)
    x = make("Double", xa.shape, "transposed")[0].copy_(T(xa))
    ga = rng.uniform(-1, 1, ref.shape)
    gi, cols = new("Double"), new("Double")
    B.SpatialFullConvolution_updateGradInput(x, T(ga), gi, T(wa), cols, *args)
    check_grad(gi.numpy(), lambda a: fwd(a, wa, ba), xa, ga)
    gw, gb = T(np.zeros_like(wa)), T(np.zeros_like(ba))
    B.SpatialFullConvolution_accGradParameters(x, T(ga), gw, gb, cols, *args, 1.0)
    check_grad(gw.numpy(), lambda w: fwd(xa, w, ba), wa, ga)
    np.testing.assert_allclose(gb.numpy(), ga.sum(axis=(0, 2, 3)))


def test_full_conv_errors():
    B = backend(ptorch.DoubleTensor)
    x, y = T(np.zeros((1, 2, 3, 3))), new("Double")
    with raises(ValueError, "output padding"):
        B.SpatialFullConvolution_updateOutput(x, y, T(np.zeros((2, 3, 3, 3))), None,
                                              new("Double"), 3, 3, 1, 1, 0, 0, 1, 1, 1, 1)
    with raises(RuntimeError, r"weight of size \[3 x 3 x 3 x 3\] does not fit input"):
        B.SpatialFullConvolution_updateOutput(x, y, T(np.zeros((3, 3, 3, 3))), None,
                                              new("Double"), 3, 3, 1, 1, 0, 0, 1, 1, 0, 0)


# ---- pooling ----------------------------------------------------------------------------------

def _out_size(n, k, s, p, d, ceil):
    eff = n + 2 * p - d * (k - 1) - 1
    o = (-(-eff // s) if ceil else eff // s) + 1
    if ceil and (o - 1) * s >= n + p:
        o -= 1
    return o


def maxpool_ref(x, k, s, p, d, ceil):
    N, C, H, W = x.shape
    oh, ow = _out_size(H, k[0], s[0], p[0], d[0], ceil), _out_size(W, k[1], s[1], p[1], d[1], ceil)
    out = np.full((N, C, oh, ow), -np.inf)
    idx = np.zeros((N, C, oh, ow), dtype=np.int64)
    for i in range(oh):
        for j in range(ow):
            for a in range(k[0]):
                for b in range(k[1]):
                    h, w = i * s[0] - p[0] + a * d[0], j * s[1] - p[1] + b * d[1]
                    if 0 <= h < H and 0 <= w < W:
                        v = x[:, :, h, w]
                        better = v > out[:, :, i, j]
                        out[:, :, i, j] = np.where(better, v, out[:, :, i, j])
                        idx[:, :, i, j] = np.where(better, h * W + w, idx[:, :, i, j])
    return out, idx


POOL_CASES = [  # (k, s, p, d, ceil)
    ((2, 2), (2, 2), (0, 0), (1, 1), False),
    ((3, 2), (2, 1), (1, 1), (1, 1), True),
    ((3, 3), (2, 2), (1, 0), (2, 1), False),
    ((2, 3), (3, 2), (0, 1), (1, 2), True),
]


@pytest.mark.parametrize("case", POOL_CASES)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_max_pooling(case, real):
    k, s, p, d, ceil = case
    x, xa = make(real, (2, 3, 7, 8), "transposed")
    y, ind = new(real), ptorch.LongTensor()
    args = (k[1], k[0], s[1], s[0], p[1], p[0], d[1], d[0], ceil)
    B = backend(x)
    B.SpatialMaxPooling_updateOutput(x, y, ind, *args)
    ref, ridx = maxpool_ref(xa.astype(np.float64), k, s, p, d, ceil)
    assert_close(y, ref, real=real)
    np.testing.assert_array_equal(ind.numpy(), ridx)
    ga = np.random.default_rng(11).uniform(-1, 1, ref.shape)
    gi = new(real)
    B.SpatialMaxPooling_updateGradInput(x, T(ga, real), gi, ind)
    if real == "Double":
        check_grad(gi.numpy(), lambda a: maxpool_ref(a, k, s, p, d, ceil)[0], xa, ga)
        # unpooling puts the maxima back where they came from
        out = new(real)
        B.SpatialMaxUnpooling_updateOutput(y, out, ind, 8, 7)
        expect = np.zeros((2, 3, 56))
        np.put_along_axis(expect, ridx.reshape(2, 3, -1), ref.reshape(2, 3, -1), axis=2)
        np.testing.assert_allclose(out.numpy(), expect.reshape(2, 3, 7, 8))
        gu = new(real)
        B.SpatialMaxUnpooling_updateGradInput(y, T(xa), gu, ind, 8, 7)
        np.testing.assert_allclose(gu.numpy(), np.take_along_axis(
            xa.reshape(2, 3, -1), ridx.reshape(2, 3, -1), axis=2).reshape(ref.shape))


def test_pooling_errors():
    B = backend(ptorch.DoubleTensor)
    y, ind = new("Double"), ptorch.LongTensor()
    with raises(RuntimeError, r"SpatialMaxPooling: Expected 4D input \(batch, channels, height, "
                              r"width\), got \[3 x 32 x 32\]"):
        B.SpatialMaxPooling_updateOutput(T(np.zeros((3, 32, 32))), y, ind, 2, 2, 2, 2, 0, 0,
                                         1, 1, False)
    with raises(ValueError, "pad should be at most half of kernel size"):
        B.SpatialMaxPooling_updateOutput(T(np.zeros((1, 1, 4, 4))), y, ind, 2, 2, 2, 2, 2, 0,
                                         1, 1, False)
    with raises(RuntimeError, "calculated output size 0x0 is too small"):
        B.SpatialAveragePooling_updateOutput(T(np.zeros((1, 1, 2, 2))), y, 3, 3, 1, 1, 0, 0,
                                             False, True)
    x = T(np.arange(16.0).reshape(1, 1, 4, 4))
    B.SpatialMaxPooling_updateOutput(x, y, ind, 2, 2, 2, 2, 0, 0, 1, 1, False)
    with raises(RuntimeError, r"gradOutput .*\[1 x 1 x 3 x 3\] does not fit|indices must have"):
        B.SpatialMaxPooling_updateGradInput(x, T(np.zeros((1, 1, 3, 3))), new("Double"), ind)
    with raises(IndexError, r"invalid max index 16 \(output volumes are of size 4x4\)"):
        B.SpatialMaxUnpooling_updateOutput(y, new("Double"), L([[[[0, 1], [2, 16]]]]), 4, 4)
    with raises(RuntimeError, "indices must have the size of input"):
        B.SpatialMaxUnpooling_updateOutput(y, new("Double"), L([[[[0, 1]]]]), 4, 4)


def avgpool_ref(x, k, s, p, ceil, include_pad):
    N, C, H, W = x.shape
    oh, ow = _out_size(H, k[0], s[0], p[0], 1, ceil), _out_size(W, k[1], s[1], p[1], 1, ceil)
    out = np.zeros((N, C, oh, ow))
    for i in range(oh):
        for j in range(ow):
            h0, w0 = i * s[0] - p[0], j * s[1] - p[1]
            h1, w1 = min(h0 + k[0], H + p[0]), min(w0 + k[1], W + p[1])
            cnt = (h1 - h0) * (w1 - w0)
            h0, w0, h1, w1 = max(h0, 0), max(w0, 0), min(h1, H), min(w1, W)
            if not include_pad:
                cnt = (h1 - h0) * (w1 - w0)
            out[:, :, i, j] = x[:, :, h0:h1, w0:w1].sum(axis=(2, 3)) / cnt
    return out


@pytest.mark.parametrize("include_pad", [False, True])
@pytest.mark.parametrize("case", [((2, 2), (2, 2), (0, 0), False), ((3, 3), (2, 2), (1, 1), True),
                                  ((3, 2), (2, 3), (1, 0), True)])
def test_average_pooling(case, include_pad):
    k, s, p, ceil = case
    args = (k[1], k[0], s[1], s[0], p[1], p[0], ceil, include_pad)
    for real in FLOAT_REALS:
        x, xa = make(real, (2, 2, 7, 6), "strided")
        y = new(real)
        backend(x).SpatialAveragePooling_updateOutput(x, y, *args)
        assert_close(y, avgpool_ref(xa.astype(np.float64), k, s, p, ceil, include_pad), real=real)
    ga = np.random.default_rng(12).uniform(-1, 1, y.numpy().shape)
    gi = new("Double")
    backend(x).SpatialAveragePooling_updateGradInput(x, T(ga), gi, *args)
    check_grad(gi.numpy(), lambda a: avgpool_ref(a, k, s, p, ceil, include_pad), xa, ga)


def adaptive_ref(x, oh, ow, op):
    N, C, H, W = x.shape
    out = np.zeros((N, C, oh, ow))
    for i in range(oh):
        for j in range(ow):
            h0, h1 = (i * H) // oh, -(-((i + 1) * H) // oh)
            w0, w1 = (j * W) // ow, -(-((j + 1) * W) // ow)
            out[:, :, i, j] = op(x[:, :, h0:h1, w0:w1], axis=(2, 3))
    return out


@pytest.mark.parametrize("osize", [(3, 2), (5, 7), (1, 1)])
def test_adaptive_pooling(osize):
    oh, ow = osize
    x, xa = make("Double", (2, 3, 5, 7), "transposed")
    B = backend(x)
    y, ind = new("Double"), ptorch.LongTensor()
    B.SpatialAdaptiveMaxPooling_updateOutput(x, y, ind, ow, oh)
    assert_close(y, adaptive_ref(xa, oh, ow, np.max))
    ga = np.random.default_rng(13).uniform(-1, 1, (2, 3, oh, ow))
    gi = new("Double")
    B.SpatialAdaptiveMaxPooling_updateGradInput(x, T(ga), gi, ind)
    check_grad(gi.numpy(), lambda a: adaptive_ref(a, oh, ow, np.max), xa, ga)
    B.SpatialAdaptiveAveragePooling_updateOutput(x, y, ow, oh)
    assert_close(y, adaptive_ref(xa, oh, ow, np.mean))
    B.SpatialAdaptiveAveragePooling_updateGradInput(x, T(ga), gi)
    check_grad(gi.numpy(), lambda a: adaptive_ref(a, oh, ow, np.mean), xa, ga)
    yf = new("Float")
    backend(yf).SpatialAdaptiveAveragePooling_updateOutput(T(xa, "Float"), yf, ow, oh)
    assert_close(yf, adaptive_ref(xa, oh, ow, np.mean), real="Float")
    with raises(ValueError, "output size must be positive"):
        B.SpatialAdaptiveAveragePooling_updateOutput(x, y, 0, 2)


# ---- batch normalization ----------------------------------------------------------------------

def bn_ref(x, w, b, mean, var, eps):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) * w.reshape(shape) \
        + b.reshape(shape)


@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 2, 3)])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm(shape, affine):
    rng = np.random.default_rng(14)
    x, xa = make("Double", shape, "transposed", rng=rng)
    C = shape[1]
    wa, ba = rng.uniform(0.5, 1.5, C), rng.uniform(-1, 1, C)
    rm0, rv0 = rng.uniform(-1, 1, C), rng.uniform(0.5, 2, C)
    axes = (0,) + tuple(range(2, len(shape)))
    B = backend(x)
    W = T(wa) if affine else None
    Bb = T(ba) if affine else None
    w_eff, b_eff = (wa, ba) if affine else (np.ones(C), np.zeros(C))

    def fwd(a, train, w=W, b=Bb):
        y, rm, rv, sm, ss = new("Double"), T(rm0), T(rv0), new("Double"), new("Double")
        B.BatchNormalization_updateOutput(T(a), y, w, b, rm, rv, sm, ss, train, 0.1, 1e-5)
        return y, rm, rv, sm, ss

    y, rm, rv, sm, ss = fwd(xa, True)
    mean, var = xa.mean(axis=axes), xa.var(axis=axes)
    n = xa.size // C
    assert_close(y, bn_ref(xa, w_eff, b_eff, mean, var, 1e-5))
    assert_close(rm, 0.9 * rm0 + 0.1 * mean)
    assert_close(rv, 0.9 * rv0 + 0.1 * var * n / (n - 1))
    assert_close(ss, 1 / np.sqrt(var + 1e-5))
    ga = rng.uniform(-1, 1, shape)
    gi, gw, gb = new("Double"), T(np.zeros(C)), T(np.zeros(C))
    B.BatchNormalization_backward(x, T(ga), gi, gw if affine else None, gb if affine else None,
                                  W, rm, rv, sm, ss, True, 1.0, 1e-5)
    check_grad(gi.numpy(), lambda a: fwd(a, True)[0].numpy(), xa, ga)
    if affine:
        check_grad(gw.numpy(), lambda w: fwd(xa, True, w=T(w))[0].numpy(), wa, ga)
        np.testing.assert_allclose(gb.numpy(), ga.sum(axis=axes))
    # evaluation uses the running statistics
    y, rm, rv, _, _ = fwd(xa, False)
    assert_close(y, bn_ref(xa, w_eff, b_eff, rm0, rv0, 1e-5))
    assert_close(rm, rm0)
    B.BatchNormalization_backward(x, T(ga), gi, None, None, W, T(rm0), T(rv0), new("Double"),
                                  new("Double"), False, 1.0, 1e-5)
    check_grad(gi.numpy(), lambda a: fwd(a, False)[0].numpy(), xa, ga)


def test_batch_norm_float_kernels_against_float64():
    # float input far from zero (the statistics' sums run in double, the per-element work in
    # float with the channel factors rounded once): forward and backward within float error
    rng = np.random.default_rng(15)
    xa = (50 + 3 * rng.standard_normal((6, 4, 5, 7))).astype(np.float32)
    wa, ba = rng.uniform(0.5, 1.5, 4), rng.uniform(-1, 1, 4)
    ga = rng.uniform(-1, 1, xa.shape).astype(np.float32)
    x64 = xa.astype(np.float64)
    mean, var = x64.mean(axis=(0, 2, 3)), x64.var(axis=(0, 2, 3))
    B = backend(T(xa, "Float"))
    y, rm, rv, sm, ss = (new("Float"), T(np.zeros(4), "Float"), T(np.ones(4), "Float"),
                         new("Float"), new("Float"))
    B.BatchNormalization_updateOutput(T(xa, "Float"), y, T(wa, "Float"), T(ba, "Float"), rm,
                                      rv, sm, ss, True, 0.1, 1e-5)
    np.testing.assert_allclose(y.numpy(), bn_ref(x64, wa, ba, mean, var, 1e-5), rtol=0,
                               atol=2e-5)
    np.testing.assert_allclose(sm.numpy(), mean, rtol=1e-7)
    np.testing.assert_allclose(ss.numpy(), 1 / np.sqrt(var + 1e-5), rtol=1e-6)
    gi, gw, gb = new("Float"), T(np.zeros(4), "Float"), T(np.zeros(4), "Float")
    B.BatchNormalization_backward(T(xa, "Float"), T(ga, "Float"), gi, gw, gb, T(wa, "Float"),
                                  rm, rv, sm, ss, True, 1.0, 1e-5)
    n = xa.size // 4
    shp = (1, 4, 1, 1)
    invstd = 1 / np.sqrt(var + 1e-5)
    xhat = (x64 - mean.reshape(shp)) * invstd.reshape(shp)
    g64 = ga.astype(np.float64)
    gsum, dotp = g64.sum(axis=(0, 2, 3)), (g64 * xhat).sum(axis=(0, 2, 3))
    want = (g64 - gsum.reshape(shp) / n - xhat * dotp.reshape(shp) / n) \
        * (invstd * wa).reshape(shp)
    np.testing.assert_allclose(gi.numpy(), want, rtol=0, atol=2e-5)
    np.testing.assert_allclose(gw.numpy(), dotp, rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(gb.numpy(), gsum, rtol=1e-5, atol=1e-4)


def test_batch_norm_errors():
    B = backend(ptorch.FloatTensor)
    f = new("Float")
    with raises(ValueError, r"Expected more than 1 value per channel when training, got input "
                            r"size \[1 x 3\]"):
        B.BatchNormalization_updateOutput(T(np.zeros((1, 3)), "Float"), f, None, None,
                                          T(np.zeros(3), "Float"), T(np.ones(3), "Float"),
                                          new("Float"), new("Float"), True, 0.1, 1e-5)
    with raises(RuntimeError, r"running_mean must be a vector of 3 elements .* got size \[4\]"):
        B.BatchNormalization_updateOutput(T(np.zeros((2, 3)), "Float"), f, None, None,
                                          T(np.zeros(4), "Float"), T(np.ones(3), "Float"),
                                          new("Float"), new("Float"), True, 0.1, 1e-5)
    with raises(RuntimeError, r"Expected 2D or more input"):
        B.BatchNormalization_updateOutput(T(np.zeros(3), "Float"), f, None, None,
                                          T(np.zeros(3), "Float"), T(np.ones(3), "Float"),
                                          new("Float"), new("Float"), False, 0.1, 1e-5)


# ---- losses -----------------------------------------------------------------------------------

POINTWISE_LOSSES = {  # name: (reference per element, input range, target maker)
    "MSECriterion": (lambda x, t: (x - t) ** 2, (-1, 1), lambda r, s: r.uniform(-1, 1, s)),
    "AbsCriterion": (lambda x, t: np.abs(x - t), (-1, 1), lambda r, s: r.uniform(-1, 1, s)),
    "SmoothL1Criterion": (lambda x, t: np.where(np.abs(x - t) < 1, 0.5 * (x - t) ** 2,
                                                np.abs(x - t) - 0.5),
                          (-2, 2), lambda r, s: r.uniform(-1, 1, s)),
    "SoftMarginCriterion": (lambda x, t: np.log1p(np.exp(-t * x)), (-2, 2),
                            lambda r, s: r.choice([-1.0, 1.0], s)),
    "DistKLDivCriterion": (lambda x, t: np.where(t > 0, t * (np.log(np.where(t > 0, t, 1)) - x), 0),
                           (-2, 0), lambda r, s: np.where(r.uniform(0, 1, s) > 0.2,
                                                          r.uniform(0.1, 1, s), 0)),
}


@pytest.mark.parametrize("name", sorted(POINTWISE_LOSSES))
@pytest.mark.parametrize("size_average", [True, False])
def test_pointwise_losses(name, size_average):
    ref, (lo, hi), tmake = POINTWISE_LOSSES[name]
    rng = np.random.default_rng(15)
    ta = tmake(rng, (3, 4))
    for real in FLOAT_REALS:
        x, xa = make(real, (3, 4), "transposed", low=lo, high=hi)
        out = new(real)
        getattr(backend(x), name + "_updateOutput")(x, T(ta, real), out, size_average)
        expect = ref(xa.astype(np.float64), ta).sum() / (12 if size_average else 1)
        assert_close(out, np.array([expect]), real=real)
    gi = new("Double")
    getattr(backend(x), name + "_updateGradInput")(x, T(ta), gi, size_average)
    check_grad(gi.numpy(), lambda a: ref(a, ta).sum() / (12 if size_average else 1), xa, 1.0)
    with raises(RuntimeError, name + r": target must have size \[3 x 4\], got \[12\]"):
        getattr(backend(x), name + "_updateOutput")(x, T(ta.ravel()), out, size_average)


@pytest.mark.parametrize("weighted", [False, True])
def test_bce(weighted):
    rng = np.random.default_rng(16)
    x, xa = make("Double", (4, 3), "strided", low=0.05, high=0.95)
    ta = rng.choice([0.0, 1.0], (4, 3))
    wa = rng.uniform(0.5, 2, (4, 3)) if weighted else np.ones((4, 3))
    W = T(wa) if weighted else None
    B = backend(x)

    def ref(a):
        return (-(ta * np.log(a) + (1 - ta) * np.log(1 - a)) * wa).sum() / 12

    out, gi = new("Double"), new("Double")
    B.BCECriterion_updateOutput(x, T(ta), out, True, W)
    np.testing.assert_allclose(out.numpy(), [ref(xa)])
    B.BCECriterion_updateGradInput(x, T(ta), gi, True, W)
    check_grad(gi.numpy(), ref, xa, 1.0)
    B.BCECriterion_updateOutput(T([0.0, 1.0]), T([1.0, 0.0]), out, False, None)
    np.testing.assert_allclose(out.numpy(), [200.0])  # log clamped at -100
    with raises(ValueError, "between 0 and 1, got 1.5 at position 1"):
        B.BCECriterion_updateOutput(T([0.5, 1.5]), T([1.0, 0.0]), out, True, None)
    with raises(RuntimeError, r"weights must have size \[4 x 3\], got \[3\]"):
        B.BCECriterion_updateOutput(x, T(ta), out, True, T(np.ones(3)))


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("size_average", [True, False])
def test_class_nll(weighted, size_average):
    rng = np.random.default_rng(17)
    x, xa = make("Double", (5, 4), "transposed")
    ta = np.array([0, 3, 1, -100, 3])
    wa = rng.uniform(0.5, 2, 4) if weighted else np.ones(4)
    W = T(wa) if weighted else None
    B = backend(x)
    keep = ta != -100
    tw_ref = wa[ta[keep]].sum()

    def ref(a):
        s = -(wa[ta[keep]] * a[keep, ta[keep]]).sum()
        return s / tw_ref if size_average else s

    out, tw, gi = new("Double"), new("Double"), new("Double")
    B.ClassNLLCriterion_updateOutput(x, L(ta), out, size_average, W, tw, -100)
    np.testing.assert_allclose(out.numpy(), [ref(xa)])
    np.testing.assert_allclose(tw.numpy(), [tw_ref])
    B.ClassNLLCriterion_updateGradInput(x, L(ta), gi, size_average, W, tw, -100)
    check_grad(gi.numpy(), ref, xa, 1.0)
    # one sample, 1D input
    B.ClassNLLCriterion_updateOutput(T(xa[1]), L([2]), out, size_average, W, tw, -100)
    np.testing.assert_allclose(out.numpy(), [-xa[1, 2] * (1 if size_average else wa[2])])


def test_class_nll_errors():
    B = backend(ptorch.FloatTensor)
    x, out, tw = T(np.zeros((2, 3)), "Float"), new("Float"), new("Float")
    with raises(IndexError, r"Target 3 is out of bounds \(number of classes: 3\)"):
        B.ClassNLLCriterion_updateOutput(x, L([0, 3]), out, True, None, tw, -100)
    with raises(IndexError, r"Target -1 is out of bounds"):
        B.ClassNLLCriterion_updateOutput(x, L([-1, 0]), out, True, None, tw, -100)
    with raises(RuntimeError, r"Expected target of size \[2\] .* got \[3\]"):
        B.ClassNLLCriterion_updateOutput(x, L([0, 1, 2]), out, True, None, tw, -100)
    with raises(RuntimeError, r"Expected 1D or 2D input \(batch, classes\), got \[2 x 3 x 1\]"):
        B.ClassNLLCriterion_updateOutput(T(np.zeros((2, 3, 1)), "Float"), L([0, 1]), out, True,
                                         None, tw, -100)
    with raises(RuntimeError, "weights must have 3 elements"):
        B.ClassNLLCriterion_updateOutput(x, L([0, 1]), out, True, T(np.ones(2), "Float"), tw,
                                         -100)


def test_spatial_class_nll():
    rng = np.random.default_rng(18)
    x, xa = make("Double", (2, 3, 2, 4), "transposed")
    ta = rng.integers(0, 3, (2, 2, 4))
    ta[0, 1, 2] = 7  # ignored
    wa = rng.uniform(0.5, 2, 3)
    n, h, w = np.nonzero(ta != 7)
    c = ta[n, h, w]

    def ref(a):
        return -(wa[c] * a[n, c, h, w]).sum() / wa[c].sum()

    B = backend(x)
    out, tw, gi = new("Double"), new("Double"), new("Double")
    B.SpatialClassNLLCriterion_updateOutput(x, L(ta), out, True, T(wa), tw, 7)
    np.testing.assert_allclose(out.numpy(), [ref(xa)])
    B.SpatialClassNLLCriterion_updateGradInput(x, L(ta), gi, True, T(wa), tw, 7)
    check_grad(gi.numpy(), ref, xa, 1.0)
    with raises(RuntimeError, r"Expected target of size \[2 x 2 x 4\]"):
        B.SpatialClassNLLCriterion_updateOutput(x, L(ta[:, :, :2]), out, True, None, tw, 7)
    with raises(IndexError, "Target 5 is out of bounds"):
        B.SpatialClassNLLCriterion_updateOutput(x, L(np.full((2, 2, 4), 5)), out, True, None,
                                                tw, -100)


@pytest.mark.parametrize("p", [1, 2])
def test_multi_margin(p):
    rng = np.random.default_rng(19)
    x, xa = make("Double", (4, 5), "strided")
    ta = np.array([0, 4, 2, 2])
    wa = rng.uniform(0.5, 2, 5)

    def ref(a):
        s = 0.0
        for i, y in enumerate(ta):
            z = np.maximum(0, 0.7 - a[i, y] + a[i])
            z[y] = 0
            s += (z ** p).sum() * wa[y]
        return s / (4 * 5)

    B = backend(x)
    out, gi = new("Double"), new("Double")
    B.MultiMarginCriterion_updateOutput(x, L(ta), out, True, p, T(wa), 0.7)
    np.testing.assert_allclose(out.numpy(), [ref(xa)])
    B.MultiMarginCriterion_updateGradInput(x, L(ta), gi, True, p, T(wa), 0.7)
    check_grad(gi.numpy(), ref, xa, 1.0)
    with raises(ValueError, "only p == 1 and p == 2"):
        B.MultiMarginCriterion_updateOutput(x, L(ta), out, True, 3, None, 1.0)
    with raises(IndexError, r"Target 5 is out of bounds \(number of classes: 5\)"):
        B.MultiMarginCriterion_updateOutput(x, L([0, 5, 1, 1]), out, True, 1, None, 1.0)


def test_multi_label_margin():
    x, xa = make("Double", (3, 4), "transposed")
    ta = np.array([[3, 0, -1, 1], [1, 2, 3, 0], [-1, 0, 0, 0]])

    def ref(a):
        s = 0.0
        for i in range(3):
            tgt = []
            for v in ta[i]:
                if v < 0:
                    break
                tgt.append(v)
            for j in tgt:
                for k in range(4):
                    if k not in tgt:
                        s += max(0.0, 1 - (a[i, j] - a[i, k]))
        return s / (3 * 4)

    B = backend(x)
    out, gi, ist = new("Double"), new("Double"), new("Double")
    B.MultiLabelMarginCriterion_updateOutput(x, L(ta), out, ist, True)
    np.testing.assert_allclose(out.numpy(), [ref(xa)])
    np.testing.assert_array_equal(ist.numpy(), [[1, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 0]])
    B.MultiLabelMarginCriterion_updateGradInput(x, L(ta), gi, ist, True)
    check_grad(gi.numpy(), ref, xa, 1.0)
    with raises(IndexError, "Target 4 is out of bounds"):
        B.MultiLabelMarginCriterion_updateOutput(x, L([[4, -1, 0, 0]] * 3), out, ist, True)
    with raises(RuntimeError, r"target must have the size of input \[3 x 4\], got \[3\]"):
        B.MultiLabelMarginCriterion_updateOutput(x, L([0, 1, 2]), out, ist, True)


# ---- lookup table -----------------------------------------------------------------------------

def test_lookup_table():
    rng = np.random.default_rng(20)
    wa = rng.uniform(-1, 1, (6, 3))
    ia = np.array([[1, 4, 1], [0, 5, 1]])
    B = backend(ptorch.DoubleTensor)
    out = new("Double")
    B.LookupTable_updateOutput(L(ia), T(wa), out)
    np.testing.assert_array_equal(out.numpy(), wa[ia])
    ga = rng.uniform(-1, 1, (2, 3, 3))
    gw = T(np.zeros((6, 3)))
    B.LookupTable_accGradParameters(L(ia), T(ga), gw, new("Double"), False, -1, 2.0)
    expect = np.zeros((6, 3))
    np.add.at(expect, ia.ravel(), 2.0 * ga.reshape(-1, 3))
    np.testing.assert_allclose(gw.numpy(), expect)
    # padding index skipped; scale by frequency
    gw = T(np.zeros((6, 3)))
    B.LookupTable_accGradParameters(L(ia), T(ga), gw, new("Double"), True, 5, 1.0)
    counts = np.bincount(ia.ravel(), minlength=6)
    expect = np.zeros((6, 3))
    for i, g in zip(ia.ravel(), ga.reshape(-1, 3)):
        if i != 5:
            expect[i] += g / counts[i]
    np.testing.assert_allclose(gw.numpy(), expect)
    # renorm
    w = T(wa * 3)
    B.LookupTable_renorm(L([1, 4, 1]), w, 1.0, 2.0)
    norms = np.linalg.norm(w.numpy(), axis=1)
    assert np.all(norms[[1, 4]] <= 1.0 + 1e-6)
    np.testing.assert_allclose(w.numpy()[[0, 2, 3, 5]], wa[[0, 2, 3, 5]] * 3)
    with raises(IndexError, "index 6 is out of range for a table of 6 rows"):
        B.LookupTable_updateOutput(L([0, 6]), T(wa), out)
    with raises(RuntimeError, r"Expected 2D weight \(num_embeddings, embedding_dim\), got \[6\]"):
        B.LookupTable_updateOutput(L([0]), T(np.zeros(6)), out)
    with raises(RuntimeError, "gradOutput of size"):
        B.LookupTable_accGradParameters(L(ia), T(ga[:1]), gw, new("Double"), False, -1, 1.0)


# ---- upsampling -------------------------------------------------------------------------------

def nearest_ref(x, oh, ow):
    H, W = x.shape[2:]
    return x[:, :, [i * H // oh for i in range(oh)]][:, :, :, [j * W // ow for j in range(ow)]]


def interp(n_in, n_out):
    """[n_out x n_in] matrix of linear interpolation with corners aligned."""
    m = np.zeros((n_out, n_in))
    for o in range(n_out):
        pos = o * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        lo = min(int(pos), n_in - 1)
        hi = min(lo + 1, n_in - 1)
        m[o, lo] += 1 - (pos - lo)
        m[o, hi] += pos - lo
    return m


def bilinear_ref(x, oh, ow):
    return interp(x.shape[2], oh) @ x @ interp(x.shape[3], ow).T


UPSAMPLE = {"Nearest": nearest_ref, "Bilinear": bilinear_ref}


@pytest.mark.parametrize("kind", sorted(UPSAMPLE))
@pytest.mark.parametrize("size", [(4, 6), (5, 7), (3, 2), (1, 1), (2, 3)])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_upsampling(kind, size, layout):
    oh, ow = size
    name = f"SpatialUpSampling{kind}"
    for real in FLOAT_REALS:
        x, xa = make(real, (2, 3, 2, 3), layout)
        y = new(real)
        getattr(backend(x), name + "_updateOutput")(x, y, oh, ow)
        assert_close(y, UPSAMPLE[kind](xa.astype(np.float64), oh, ow), real=real)
    ga = np.random.default_rng(14).uniform(-1, 1, (2, 3, oh, ow))
    go = make("Double", ga.shape, layout)[0].copy_(T(ga))
    gi = new("Double")
    getattr(backend(gi), name + "_updateGradInput")(go, gi, 2, 3, 2, 3, oh, ow)
    check_grad(gi.numpy(), lambda a: UPSAMPLE[kind](a, oh, ow), xa, ga)


def test_upsampling_errors():
    B = backend(ptorch.DoubleTensor)
    y = new("Double")
    with raises(RuntimeError, r"SpatialUpSamplingNearest: Expected 4D input \(batch, channels, "
                              r"height, width\), got \[2 x 3\]"):
        B.SpatialUpSamplingNearest_updateOutput(T(np.zeros((2, 3))), y, 4, 4)
    with raises(ValueError, "SpatialUpSamplingBilinear: output size must be positive, got 0x4"):
        B.SpatialUpSamplingBilinear_updateOutput(T(np.zeros((1, 1, 2, 2))), y, 0, 4)
    with raises(RuntimeError, r"input of size \[1 x 1 x 0 x 2\] has empty planes"):
        B.SpatialUpSamplingBilinear_updateOutput(ptorch.DoubleTensor(1, 1, 0, 2), y, 2, 4)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 2 x 4 x 4\], got \[1 x 2 x 4 x 3\]"):  # noqa: E501
        B.SpatialUpSamplingNearest_updateGradInput(T(np.zeros((1, 2, 4, 3))), y, 1, 2, 2, 2, 4, 4)
    with raises(ValueError, "sizes must be positive"):
        B.SpatialUpSamplingBilinear_updateGradInput(T(np.zeros((1, 2, 4, 3))), y, 1, 2, 0, 2, 4, 3)


# ---- padding ----------------------------------------------------------------------------------

PAD_KERNELS = {  # name: (numpy mode, spatial dims)
    "SpatialReflectionPadding": ("reflect", 2),
    "SpatialReplicationPadding": ("edge", 2),
    "VolumetricReplicationPadding": ("edge", 3),
}


@pytest.mark.parametrize("name", sorted(PAD_KERNELS))
@pytest.mark.parametrize("pads", [(1, 2, 2, 0, 1, 1), (0, 0, 0, 0, 0, 0), (2, 1, 0, 2, 2, 0)])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_padding(name, pads, layout):
    mode, nd = PAD_KERNELS[name]
    shape = (2, 2, 3, 3, 4)[-(nd + 2):]
    pads = pads[:2 * nd]
    # numpy takes (before, after) per dim from the first spatial dim; the kernels take
    # (left, right, top, bottom, front, back) from the last
    width = [(0, 0), (0, 0)] + [(pads[2 * i], pads[2 * i + 1]) for i in reversed(range(nd))]
    for real in FLOAT_REALS:
        x, xa = make(real, shape, layout)
        y = new(real)
        getattr(backend(x), name + "_updateOutput")(x, y, *pads)
        assert_close(y, np.pad(xa, width, mode), real=real)
    ga = np.random.default_rng(15).uniform(-1, 1, y.numpy().shape)
    go = make("Double", ga.shape, layout)[0].copy_(T(ga))
    gi = new("Double")
    getattr(backend(x), name + "_updateGradInput")(x, go, gi, *pads)
    check_grad(gi.numpy(), lambda a: np.pad(a, width, mode), xa, ga)


def test_padding_errors():
    B = backend(ptorch.DoubleTensor)
    x, y = T(np.zeros((1, 1, 3, 4))), new("Double")
    with raises(ValueError, r"SpatialReflectionPadding: padding \(1, 3\) must be smaller than the "
                            r"size 3 of the padded dimension of input \[1 x 1 x 3 x 4\]"):
        B.SpatialReflectionPadding_updateOutput(x, y, 0, 0, 1, 3)
    with raises(ValueError, "padding must not be negative, got -1"):
        B.SpatialReplicationPadding_updateOutput(x, y, -1, 0, 0, 0)
    with raises(RuntimeError, r"VolumetricReplicationPadding: Expected 5D input \(batch, "
                              r"channels, depth, height, width\), got \[1 x 1 x 3 x 4\]"):
        B.VolumetricReplicationPadding_updateOutput(x, y, 1, 1, 1, 1, 1, 1)
    with raises(RuntimeError, "cannot pad input of size"):
        B.SpatialReplicationPadding_updateOutput(ptorch.DoubleTensor(1, 1, 0, 4), y, 1, 1, 1, 1)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 1 x 5 x 6\], got \[1 x 1 x 3 x 4\]"):  # noqa: E501
        B.SpatialReflectionPadding_updateGradInput(x, x, y, 1, 1, 1, 1)


# ---- grid sampler -----------------------------------------------------------------------------

def grid_sample_ref(x, grid):
    N, C, IH, IW = x.shape
    _, H, W, _ = grid.shape
    out = np.zeros((N, C, H, W))
    for n in range(N):
        for i in range(H):
            for j in range(W):
                ix = (grid[n, i, j, 0] + 1) / 2 * (IW - 1)
                iy = (grid[n, i, j, 1] + 1) / 2 * (IH - 1)
                x0, y0 = int(np.floor(ix)), int(np.floor(iy))
                for yy in (y0, y0 + 1):
                    for xx in (x0, x0 + 1):
                        if 0 <= yy < IH and 0 <= xx < IW:
                            w = (1 - abs(ix - xx)) * (1 - abs(iy - yy))
                            out[n, :, i, j] += w * x[n, :, yy, xx]
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_grid_sampler(layout):
    rng = np.random.default_rng(16)
    # points inside, on the border and outside the input; none on a pixel boundary
    ga_ = rng.uniform(-1.3, 1.3, (2, 3, 4, 2))
    ga_[0, 0, 0] = (-1, -1)
    ga_[0, 0, 1] = (1, 1)
    for real in FLOAT_REALS:
        x, xa = make(real, (2, 3, 4, 5), layout)
        grid = make(real, ga_.shape, layout)[0].copy_(T(ga_, real))
        y = new(real)
        backend(x).SpatialGridSamplerBilinear_updateOutput(x, grid, y)
        gref = ga_.astype(NP_DTYPES[real]).astype(np.float64)
        assert_close(y, grid_sample_ref(xa.astype(np.float64), gref), real=real)
    ga_[0, 0, 0] = (-0.9, -0.95)
    ga_[0, 0, 1] = (0.93, 0.97)
    grid = T(ga_)
    go = rng.uniform(-1, 1, (2, 3, 3, 4))
    gi, gg = new("Double"), new("Double")
    backend(x).SpatialGridSamplerBilinear_updateGradInput(x, gi, grid, gg, T(go))
    check_grad(gi.numpy(), lambda a: grid_sample_ref(a, ga_), xa, go)
    check_grad(gg.numpy(), lambda g: grid_sample_ref(xa, g), ga_, go, tol=1e-5)


def test_grid_sampler_nan_and_errors():
    B = backend(ptorch.DoubleTensor)
    x, y = T(np.ones((1, 1, 2, 2))), new("Double")
    B.SpatialGridSamplerBilinear_updateOutput(x, T([[[[np.nan, 0.0], [1e30, -1e30]]]]), y)
    np.testing.assert_array_equal(y.numpy(), np.zeros((1, 1, 1, 2)))
    gi, gg = new("Double"), new("Double")
    B.SpatialGridSamplerBilinear_updateGradInput(x, gi, T([[[[np.nan, 0.0]]]]), gg,
                                                 T(np.ones((1, 1, 1, 1))))
    np.testing.assert_array_equal(gi.numpy(), np.zeros((1, 1, 2, 2)))
    np.testing.assert_array_equal(gg.numpy(), np.zeros((1, 1, 1, 2)))
    with raises(RuntimeError, r"grid must have size \[1 x H x W x 2\] to sample input of size "
                              r"\[1 x 1 x 2 x 2\], got \[1 x 2 x 2\]"):
        B.SpatialGridSamplerBilinear_updateOutput(x, T(np.zeros((1, 2, 2))), y)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 1 x 3 x 2\], got \[1 x 1 x 2 x 3\]"):  # noqa: E501
        B.SpatialGridSamplerBilinear_updateGradInput(x, new("Double"), T(np.zeros((1, 3, 2, 2))),
                                                     new("Double"), T(np.zeros((1, 1, 2, 3))))


# ---- volumetric convolution -------------------------------------------------------------------

def conv3d_ref(x, w, b, stride, pad, dil):
    N, C = x.shape[:2]
    O, _, *k = w.shape
    xp = np.pad(x, ((0, 0), (0, 0)) + tuple((p, p) for p in pad))
    out_sz = [(x.shape[2 + i] + 2 * pad[i] - dil[i] * (k[i] - 1) - 1) // stride[i] + 1
              for i in range(3)]
    out = np.zeros((N, O, *out_sz))
    for off in np.ndindex(*k):
        sl = tuple(slice(off[i] * dil[i], off[i] * dil[i] + stride[i] * (out_sz[i] - 1) + 1,
                         stride[i]) for i in range(3))
        out += np.einsum("ncdhw,oc->nodhw", xp[(slice(None), slice(None)) + sl],
                         w[(slice(None), slice(None)) + off])
    return out + (0 if b is None else b.reshape(1, -1, 1, 1, 1))


VCONV_CASES = [  # (N, C, T, H, W, O, k, stride, pad, dil, bias)
    (2, 2, 4, 5, 3, 3, (3, 2, 2), (1, 1, 1), (1, 0, 1), (1, 1, 1), True),
    (1, 3, 5, 4, 6, 2, (2, 3, 1), (2, 1, 3), (0, 1, 0), (2, 1, 1), False),
    (2, 1, 3, 3, 3, 2, (1, 1, 1), (1, 1, 1), (0, 0, 0), (1, 1, 1), True),
]


def _vconv_args(k, stride, pad, dil):
    return (k[0], k[2], k[1], stride[0], stride[2], stride[1], pad[0], pad[2], pad[1],
            dil[0], dil[2], dil[1])


@pytest.mark.parametrize("case", VCONV_CASES)
def test_volumetric_conv(case):
    N, C, Tt, H, W, O, k, stride, pad, dil, has_bias = case
    args = _vconv_args(k, stride, pad, dil)
    rng = np.random.default_rng(17)
    xa = rng.uniform(-1, 1, (N, C, Tt, H, W))
    wa = rng.uniform(-1, 1, (O, C) + k)
    ba = rng.uniform(-1, 1, O) if has_bias else None

    def fwd(x, w, real="Double"):
        y = new(real)
        backend(y).VolumetricConvolutionMM_updateOutput(
            T(x, real), y, T(w, real), None if ba is None else T(ba, real), new(real), *args)
        return y.numpy()

    ref = conv3d_ref(xa, wa, ba, stride, pad, dil)
    np.testing.assert_allclose(fwd(xa, wa), ref, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(fwd(xa, wa, "Float"), ref, rtol=1e-4, atol=1e-5)
    x = make("Double", xa.shape, "transposed")[0].copy_(T(xa))
    y = new("Double")
    backend(x).VolumetricConvolutionMM_updateOutput(x, y, T(wa.reshape(O, -1)), None,
                                                   new("Double"), *args)
    np.testing.assert_allclose(y.numpy(), conv3d_ref(xa, wa, None, stride, pad, dil),
                               rtol=1e-10, atol=1e-12)
    B = backend(x)
    ga = rng.uniform(-1, 1, ref.shape)
    go = make("Double", ga.shape, "strided")[0].copy_(T(ga))
    gi, cols = new("Double"), new("Double")
    B.VolumetricConvolutionMM_updateGradInput(x, go, gi, T(wa), cols, *args)
    check_grad(gi.numpy(), lambda a: fwd(a, wa), xa, ga)
    gw, gb = T(np.ones_like(wa)), T(np.ones(O))
    B.VolumetricConvolutionMM_accGradParameters(x, go, gw, gb if has_bias else None, cols,
                                                *args, 0.5)
    np.testing.assert_allclose(gw.numpy(), 1 + 0.5 * num_grad(lambda w: fwd(xa, w), wa, ga),
                               rtol=1e-6, atol=1e-6)
    if has_bias:
        np.testing.assert_allclose(gb.numpy(), 1 + 0.5 * ga.sum(axis=(0, 2, 3, 4)))


def test_volumetric_conv_errors():
    B = backend(ptorch.DoubleTensor)
    x, w, y = T(np.zeros((1, 2, 3, 3, 3))), T(np.zeros((4, 2, 2, 2, 2))), new("Double")
    args = (2, 2, 2, 1, 1, 1, 0, 0, 0, 1, 1, 1)
    with raises(RuntimeError, r"VolumetricConvolutionMM: Expected 5D input \(batch, channels, "
                              r"time, height, width\), got \[2 x 3 x 3 x 3\]"):
        B.VolumetricConvolutionMM_updateOutput(T(np.zeros((2, 3, 3, 3))), y, w, None,
                                               new("Double"), *args)
    with raises(RuntimeError, r"weight of size \[4 x 2 x 2 x 2 x 2\] does not fit input of size "
                              r"\[1 x 3 x 3 x 3 x 3\]: expected \[nOutputPlane x 3 x 2 x 2 x 2\]"):
        B.VolumetricConvolutionMM_updateOutput(T(np.zeros((1, 3, 3, 3, 3))), y, w, None,
                                               new("Double"), *args)
    with raises(RuntimeError, "bias must have 4 elements"):
        B.VolumetricConvolutionMM_updateOutput(x, y, w, T(np.zeros(3)), new("Double"), *args)
    with raises(RuntimeError, "too small for kernel 4x2x2"):
        B.VolumetricConvolutionMM_updateOutput(x, y, T(np.zeros((4, 2, 4, 2, 2))), None,
                                               new("Double"), 4, 2, 2, *args[3:])
    with raises(ValueError, "stride should be greater than zero, but got dT: 0 dH: 1 dW: 1"):
        B.VolumetricConvolutionMM_updateOutput(x, y, w, None, new("Double"), 2, 2, 2, 0,
                                               *args[4:])
    with raises(ValueError, "padding should not be negative"):
        B.VolumetricConvolutionMM_updateOutput(x, y, w, None, new("Double"), *args[:6], -1,
                                               *args[7:])
    with raises(RuntimeError, r"gradOutput must have size \[1 x 4 x 2 x 2 x 2\], got "
                              r"\[1 x 4 x 2 x 2\]"):
        B.VolumetricConvolutionMM_updateGradInput(x, T(np.zeros((1, 4, 2, 2))), y, w,
                                                  new("Double"), *args)
    with raises(RuntimeError, "gradWeight and gradBias must be contiguous"):
        B.VolumetricConvolutionMM_accGradParameters(
            x, T(np.zeros((1, 4, 2, 2, 2))), T(np.zeros((2, 2, 2, 2, 4))).transpose(0, 4),
            None, new("Double"), *args, 1.0)


# ---- volumetric pooling -----------------------------------------------------------------------

def maxpool3d_ref(x, k, s, p, d, ceil):
    N, C = x.shape[:2]
    osz = [_out_size(x.shape[2 + i], k[i], s[i], p[i], d[i], ceil) for i in range(3)]
    out = np.full((N, C, *osz), -np.inf)
    idx = np.zeros((N, C, *osz), dtype=np.int64)
    T_, H, W = x.shape[2:]
    for o in np.ndindex(*osz):
        for a in np.ndindex(*k):
            t, h, w = (o[i] * s[i] - p[i] + a[i] * d[i] for i in range(3))
            if 0 <= t < T_ and 0 <= h < H and 0 <= w < W:
                v = x[:, :, t, h, w]
                sel = (slice(None), slice(None)) + o
                better = v > out[sel]
                out[sel] = np.where(better, v, out[sel])
                idx[sel] = np.where(better, (t * H + h) * W + w, idx[sel])
    return out, idx


def avgpool3d_ref(x, k, s, p, ceil, include_pad):
    N, C = x.shape[:2]
    osz = [_out_size(x.shape[2 + i], k[i], s[i], p[i], 1, ceil) for i in range(3)]
    out = np.zeros((N, C, *osz))
    for o in np.ndindex(*osz):
        lo = [o[i] * s[i] - p[i] for i in range(3)]
        hi = [min(lo[i] + k[i], x.shape[2 + i] + p[i]) for i in range(3)]
        cnt = np.prod([hi[i] - lo[i] for i in range(3)])
        lo = [max(v, 0) for v in lo]
        hi = [min(hi[i], x.shape[2 + i]) for i in range(3)]
        if not include_pad:
            cnt = np.prod([hi[i] - lo[i] for i in range(3)])
        win = x[:, :, lo[0]:hi[0], lo[1]:hi[1], lo[2]:hi[2]]
        out[(slice(None), slice(None)) + o] = win.sum(axis=(2, 3, 4)) / cnt
    return out


VPOOL_CASES = [  # (k, s, p, d, ceil)
    ((2, 2, 2), (2, 2, 2), (0, 0, 0), (1, 1, 1), False),
    ((3, 2, 3), (2, 1, 2), (1, 1, 0), (1, 1, 1), True),
    ((2, 3, 2), (1, 2, 3), (0, 1, 1), (2, 1, 2), False),
]


def _vpool_args(k, s, p):
    return (k[0], k[2], k[1], s[0], s[2], s[1], p[0], p[2], p[1])


@pytest.mark.parametrize("case", VPOOL_CASES)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_volumetric_max_pooling(case, real):
    k, s, p, d, ceil = case
    x, xa = make(real, (2, 2, 5, 6, 7), "transposed")
    y, ind = new(real), ptorch.LongTensor()
    B = backend(x)
    B.VolumetricMaxPooling_updateOutput(x, y, ind, *_vpool_args(k, s, p), d[0], d[2], d[1],
                                        ceil)
    ref, ridx = maxpool3d_ref(xa.astype(np.float64), k, s, p, d, ceil)
    assert_close(y, ref, real=real)
    np.testing.assert_array_equal(ind.numpy(), ridx)
    if real == "Float":
        return
    ga = np.random.default_rng(18).uniform(-1, 1, ref.shape)
    gi = new(real)
    B.VolumetricMaxPooling_updateGradInput(x, T(ga), gi, ind)
    check_grad(gi.numpy(), lambda a: maxpool3d_ref(a, k, s, p, d, ceil)[0], xa, ga)
    out = new(real)
    B.VolumetricMaxUnpooling_updateOutput(y, out, ind, 5, 7, 6)
    expect = np.zeros((2, 2, 5 * 6 * 7))
    np.put_along_axis(expect, ridx.reshape(2, 2, -1), ref.reshape(2, 2, -1), axis=2)
    np.testing.assert_allclose(out.numpy(), expect.reshape(2, 2, 5, 6, 7))
    gu = new(real)
    B.VolumetricMaxUnpooling_updateGradInput(y, x, gu, ind, 5, 7, 6)
    np.testing.assert_allclose(gu.numpy(), np.take_along_axis(
        xa.reshape(2, 2, -1), ridx.reshape(2, 2, -1), axis=2).reshape(ref.shape))


@pytest.mark.parametrize("include_pad", [False, True])
@pytest.mark.parametrize("case", VPOOL_CASES[:2])
def test_volumetric_average_pooling(case, include_pad):
    k, s, p, _, ceil = case
    args = _vpool_args(k, s, p) + (ceil, include_pad)
    for real in FLOAT_REALS:
        x, xa = make(real, (2, 2, 5, 4, 6), "strided")
        y = new(real)
        backend(x).VolumetricAveragePooling_updateOutput(x, y, *args)
        assert_close(y, avgpool3d_ref(xa.astype(np.float64), k, s, p, ceil, include_pad),
                     real=real)
    ga = np.random.default_rng(19).uniform(-1, 1, y.numpy().shape)
    gi = new("Double")
    backend(x).VolumetricAveragePooling_updateGradInput(x, T(ga), gi, *args)
    check_grad(gi.numpy(), lambda a: avgpool3d_ref(a, k, s, p, ceil, include_pad), xa, ga)


def test_volumetric_pooling_errors():
    B = backend(ptorch.DoubleTensor)
    y, ind = new("Double"), ptorch.LongTensor()
    x = T(np.arange(64.0).reshape(1, 1, 4, 4, 4))
    with raises(RuntimeError, r"VolumetricMaxPooling: Expected 5D input \(batch, channels, time, "
                              r"height, width\), got \[1 x 4 x 4\]"):
        B.VolumetricMaxPooling_updateOutput(T(np.zeros((1, 4, 4))), y, ind, 2, 2, 2, 2, 2, 2,
                                            0, 0, 0, 1, 1, 1, False)
    with raises(ValueError, "pad should be at most half of kernel size, but got padT = 2"):
        B.VolumetricMaxPooling_updateOutput(x, y, ind, 2, 2, 2, 2, 2, 2, 2, 0, 0, 1, 1, 1, False)
    with raises(ValueError, "kernel size should be greater than zero, but got kT: 2 kH: 0 kW: 2"):
        B.VolumetricAveragePooling_updateOutput(x, y, 2, 2, 0, 1, 1, 1, 0, 0, 0, False, True)
    with raises(RuntimeError, "calculated output size 0x2x2 is too small"):
        B.VolumetricAveragePooling_updateOutput(x, y, 5, 3, 3, 1, 1, 1, 0, 0, 0, False, True)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 1 x 2 x 2 x 2\], got "
                              r"\[1 x 1 x 4 x 4 x 4\]"):
        B.VolumetricAveragePooling_updateGradInput(x, x, y, 2, 2, 2, 2, 2, 2, 0, 0, 0,
                                                   False, True)
    B.VolumetricMaxPooling_updateOutput(x, y, ind, 2, 2, 2, 2, 2, 2, 0, 0, 0, 1, 1, 1, False)
    np.testing.assert_array_equal(ind.numpy().ravel(), [21, 23, 29, 31, 53, 55, 61, 63])
    with raises(RuntimeError, r"gradOutput of size \[1 x 2 x 2 x 2 x 2\] does not fit input"):
        B.VolumetricMaxPooling_updateGradInput(x, T(np.zeros((1, 2, 2, 2, 2))), new("Double"),
                                               ind)
    with raises(RuntimeError, r"indices must have size \[1 x 1 x 1 x 2 x 2\], got "
                              r"\[1 x 1 x 2 x 2 x 2\]"):
        B.VolumetricMaxPooling_updateGradInput(x, T(np.zeros((1, 1, 1, 2, 2))), new("Double"),
                                               ind)
    with raises(IndexError, "VolumetricMaxUnpooling: index 64 out of range for an input volume "
                            "of 64 elements"):
        B.VolumetricMaxUnpooling_updateOutput(y, new("Double"), ind + 1, 4, 4, 4)
    with raises(ValueError, "output size must be positive, got 0x4x4"):
        B.VolumetricMaxUnpooling_updateOutput(y, new("Double"), ind, 0, 4, 4)
    with raises(RuntimeError, r"VolumetricMaxUnpooling: gradOutput must have size "
                              r"\[1 x 1 x 4 x 4 x 4\], got \[1 x 1 x 2 x 2 x 2\]"):
        B.VolumetricMaxUnpooling_updateGradInput(y, y, new("Double"), ind, 4, 4, 4)


# ---- fractional max pooling -------------------------------------------------------------------

def frac_starts(u, n_in, pool, n_out):
    if n_out == 1:
        return [n_in - pool]
    alpha = (n_in - pool) / (n_out - 1)
    return [int((i + u) * alpha) - int(u * alpha) for i in range(n_out - 1)] + [n_in - pool]


def frac_ref(x, samples, k, osize):
    N, C, H, W = x.shape
    out = np.zeros((N, C) + osize)
    idx = np.zeros((N, C) + osize, dtype=np.int64)
    for n in range(N):
        for c in range(C):
            rows = frac_starts(samples[n, c, 1], H, k[0], osize[0])
            cols = frac_starts(samples[n, c, 0], W, k[1], osize[1])
            for i, r in enumerate(rows):
                for j, q in enumerate(cols):
                    win = x[n, c, r:r + k[0], q:q + k[1]]
                    a, b = np.unravel_index(np.argmax(win), win.shape)
                    out[n, c, i, j] = win[a, b]
                    idx[n, c, i, j] = (r + a) * W + q + b
    return out, idx


@pytest.mark.parametrize("k, osize", [((2, 2), (4, 5)), ((3, 2), (3, 3)), ((2, 3), (1, 2))])
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_fractional_max_pooling(k, osize, real):
    rng = np.random.default_rng(20)
    x, xa = make(real, (2, 3, 7, 8), "transposed", rng=rng)
    sa = rng.uniform(0, 1, (2, 3, 2)).astype(NP_DTYPES[real])
    y, ind = new(real), ptorch.LongTensor()
    B = backend(x)
    B.SpatialFractionalMaxPooling_updateOutput(x, y, osize[1], osize[0], k[1], k[0], ind,
                                               make(real, sa.shape, "strided")[0].copy_(T(sa, real)))  # noqa: E501
    ref, ridx = frac_ref(xa.astype(np.float64), sa.astype(np.float64), k, osize)
    assert_close(y, ref, real=real)
    np.testing.assert_array_equal(ind.numpy(), ridx)
    ga = rng.uniform(-1, 1, ref.shape)
    gi = new(real)
    B.SpatialFractionalMaxPooling_updateGradInput(x, T(ga, real), gi, osize[1], osize[0], k[1],
                                                  k[0], ind)
    if real == "Double":
        check_grad(gi.numpy(), lambda a: frac_ref(a, sa, k, osize)[0], xa, ga)


def test_fractional_max_pooling_errors():
    B = backend(ptorch.DoubleTensor)
    x, y, ind = T(np.zeros((1, 2, 5, 5))), new("Double"), ptorch.LongTensor()
    s = T(np.full((1, 2, 2), 0.5))
    with raises(RuntimeError, r"output size 4x4 with pool size 3x3 is too large for input of "
                              r"size \[1 x 2 x 5 x 5\]"):
        B.SpatialFractionalMaxPooling_updateOutput(x, y, 4, 4, 3, 3, ind, s)
    with raises(ValueError, "output size and pool size must be positive"):
        B.SpatialFractionalMaxPooling_updateOutput(x, y, 2, 2, 0, 2, ind, s)
    with raises(RuntimeError, r"randomSamples must have size \[1 x 2 x 2\], got \[2 x 2\]"):
        B.SpatialFractionalMaxPooling_updateOutput(x, y, 2, 2, 2, 2, ind, T(np.zeros((2, 2))))
    with raises(ValueError, r"random samples must be in \[0, 1\), got 1"):
        B.SpatialFractionalMaxPooling_updateOutput(x, y, 2, 2, 2, 2, ind,
                                                   T(np.ones((2, 1, 2))).transpose(0, 1))
    with raises(RuntimeError, r"Expected 4D input"):
        B.SpatialFractionalMaxPooling_updateOutput(T(np.zeros((2, 5, 5))), y, 2, 2, 2, 2, ind, s)
    B.SpatialFractionalMaxPooling_updateOutput(x, y, 2, 2, 2, 2, ind, s)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 2 x 2 x 2\], got \[1 x 2 x 2 x 3\]"):  # noqa: E501
        B.SpatialFractionalMaxPooling_updateGradInput(x, T(np.zeros((1, 2, 2, 3))), y, 2, 2, 2,
                                                      2, ind)
    with raises(IndexError, "index 25 out of range"):
        B.SpatialFractionalMaxPooling_updateGradInput(x, T(np.zeros((1, 2, 2, 2))), y, 2, 2, 2,
                                                      2, L(np.full((1, 2, 2, 2), 25)))


# ---- temporal convolution ---------------------------------------------------------------------

def temporal_ref(x, w, b, kW, dW):
    """x [N x T x F], w [O x kW*F] -> [N x T' x O]."""
    N, T_, F = x.shape
    oT = (T_ - kW) // dW + 1
    win = np.stack([x[:, o * dW:o * dW + kW].reshape(N, -1) for o in range(oT)], 1)
    return win @ w.T + (0 if b is None else b)


@pytest.mark.parametrize("kW, dW", [(3, 1), (2, 3), (1, 1), (4, 2)])
@pytest.mark.parametrize("batched", [True, False])
def test_temporal_conv(kW, dW, batched):
    rng = np.random.default_rng(21)
    F, O = 3, 4
    shape = (2, 9, F) if batched else (9, F)
    wa, ba = rng.uniform(-1, 1, (O, kW * F)), rng.uniform(-1, 1, O)

    def fwd(x, w, real="Double"):
        y = new(real)
        backend(y).TemporalConvolution_updateOutput(T(x, real), y, T(w, real), T(ba, real), kW,
                                                   dW, F, O)
        return y.numpy()

    def ref(x, w=wa):
        return temporal_ref(x if batched else x[None], w, ba, kW, dW)[0 if not batched else
                                                                       slice(None)]

    for real in FLOAT_REALS:
        x, xa = make(real, shape, "transposed", rng=rng)
        y = new(real)
        backend(x).TemporalConvolution_updateOutput(x, y, T(wa, real), T(ba, real), kW, dW, F, O)
        assert_close(y, ref(xa.astype(np.float64)), real=real, rtol=1e-4, atol=1e-5)
    ga = rng.uniform(-1, 1, y.numpy().shape)
    B = backend(x)
    gi = new("Double")
    B.TemporalConvolution_updateGradInput(x, T(ga), gi, T(wa), kW, dW)
    check_grad(gi.numpy(), lambda a: fwd(a, wa), xa, ga)
    gw, gb = T(np.ones_like(wa)), T(np.ones(O))
    B.TemporalConvolution_accGradParameters(x, T(ga), gw, gb, kW, dW, 0.5)
    np.testing.assert_allclose(gw.numpy(), 1 + 0.5 * num_grad(lambda w: fwd(xa, w), wa, ga),
                               rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(gb.numpy(), 1 + 0.5 * ga.reshape(-1, O).sum(0))


def test_temporal_conv_errors():
    B = backend(ptorch.DoubleTensor)
    x, w, y = T(np.zeros((2, 5, 3))), T(np.zeros((4, 6))), new("Double")
    with raises(RuntimeError, r"Expected 2D or 3D input \(batch, frames, features\), got \[5\]"):
        B.TemporalConvolution_updateOutput(T(np.zeros(5)), y, w, None, 2, 1, 3, 4)
    with raises(RuntimeError, r"input of size \[2 x 5 x 3\] does not have inputFrameSize 2"):
        B.TemporalConvolution_updateOutput(x, y, w, None, 2, 1, 2, 4)
    with raises(RuntimeError, r"weight must have size \[4 x 9\], got \[4 x 6\]"):
        B.TemporalConvolution_updateOutput(x, y, w, None, 3, 1, 3, 4)
    with raises(RuntimeError, "bias must have 4 elements"):
        B.TemporalConvolution_updateOutput(x, y, w, T(np.zeros(3)), 2, 1, 3, 4)
    with raises(ValueError, "kernel width and stride must be positive, got kW: 2 dW: 0"):
        B.TemporalConvolution_updateOutput(x, y, w, None, 2, 0, 3, 4)
    with raises(RuntimeError, "has fewer frames than the kernel width 6"):
        B.TemporalConvolution_updateOutput(x, y, T(np.zeros((4, 18))), None, 6, 1, 3, 4)
    with raises(RuntimeError, r"gradOutput must have size \[2 x 4 x 4\], got \[2 x 5 x 3\]"):
        B.TemporalConvolution_updateGradInput(x, x, y, w, 2, 1)
    with raises(RuntimeError, "gradWeight and gradBias must be contiguous"):
        B.TemporalConvolution_accGradParameters(x, T(np.zeros((2, 4, 4))),
                                                T(np.zeros((6, 4))).t(), None, 2, 1, 1.0)


@pytest.mark.parametrize("name", ["SoftMax", "LogSoftMax"])
def test_softmax_over_a_zero_size_dimension(name):
    # No element along dim: the output is empty (the kernel used to read x[0]).
    B = backend(ptorch.FloatTensor)
    y = new("Float")
    getattr(B, name + "_updateOutput")(ptorch.FloatTensor(2, 0), y, 1)
    assert y.size() == (2, 0)
    gi = new("Float")
    getattr(B, name + "_updateGradInput")(ptorch.FloatTensor(2, 0), ptorch.FloatTensor(2, 0),
                                          gi, y, 1)
    assert gi.size() == (2, 0)
