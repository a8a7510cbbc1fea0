"""SpatialConvolutionBatch (im2col over the whole batch, one GEMM per call) against NumPy and
against the per-sample SpatialConvolutionMM kernels."""
import numpy as np
import pytest

import ptorch
from ptorch.nn._thnn import backend

from common import FLOAT_REALS, assert_close, make, raises
from test_thnn import CONV_CASES, T, _conv_args, conv_ref, new


@pytest.mark.parametrize("case", CONV_CASES)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_batch_conv_forward(case, real):
    N, C, H, W, O, kh, kw, stride, pad, dil, has_bias = case
    rng = np.random.default_rng(16)
    x, xa = make(real, (N, C, H, W), "transposed", rng=rng)
    wa = rng.uniform(-1, 1, (O, C, kh, kw))
    ba = rng.uniform(-1, 1, O) if has_bias else None
    args = _conv_args(kh, kw, stride, pad, dil)
    b = None if ba is None else T(ba, real)
    y, ref = new(real), new(real)
    backend(x).SpatialConvolutionBatch_updateOutput(x, y, T(wa, real), b, new(real), new(real),
                                                    *args)
    assert_close(y, conv_ref(xa.astype(np.float64), wa, ba, stride, pad, dil), real=real,
                 rtol=1e-4, atol=1e-5)
    backend(x).SpatialConvolutionMM_updateOutput(x, ref, T(wa, real), b, new(real), *args)
    assert_close(y, ref.numpy(), real=real, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("case", CONV_CASES)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_batch_conv_backward_matches_per_sample(case, real):
    N, C, H, W, O, kh, kw, stride, pad, dil, has_bias = case
    args = _conv_args(kh, kw, stride, pad, dil)
    rng = np.random.default_rng(17)
    x = T(rng.uniform(-1, 1, (N, C, H, W)), real)
    w = T(rng.uniform(-1, 1, (O, C, kh, kw)), real)
    B = backend(x)
    y = new(real)
    B.SpatialConvolutionMM_updateOutput(x, y, w, None, new(real), *args)
    go = make(real, tuple(y.size()), "strided", rng=rng)[0]  # non-contiguous
    results = []
    for kind in ("MM", "Batch"):
        bufs = (new(real),) if kind == "MM" else (new(real), new(real))
        gi = new(real)
        getattr(B, f"SpatialConvolution{kind}_updateGradInput")(x, go, gi, w, *bufs, *args)
        gw = T(np.ones((O, C, kh, kw)), real)
        gb = T(np.ones(O), real) if has_bias else None
        getattr(B, f"SpatialConvolution{kind}_accGradParameters")(x, go, gw, gb, *bufs, *args,
                                                                  0.5)
        results.append((gi, gw, gb))
    for got, want in zip(results[1], results[0]):
        if want is not None:
            assert_close(got, want.numpy(), real=real, rtol=1e-5, atol=1e-5)
    if has_bias:
        ga = go.numpy().astype(np.float64)
        assert_close(results[1][2], 1 + 0.5 * ga.sum(axis=(0, 2, 3)), real=real, rtol=1e-5,
                     atol=1e-5)


def test_batch_conv_reuses_buffers():
    rng = np.random.default_rng(18)
    B = backend(ptorch.DoubleTensor)
    wa = rng.uniform(-1, 1, (4, 3, 3, 3))
    cols, buf = new("Double"), new("Double")
    for n, hw in ((3, 6), (2, 4)):  # a second call with smaller sizes reuses the buffers
        xa = rng.uniform(-1, 1, (n, 3, hw, hw))
        y = new("Double")
        B.SpatialConvolutionBatch_updateOutput(T(xa), y, T(wa), None, cols, buf,
                                               3, 3, 1, 1, 1, 1, 1, 1)
        np.testing.assert_allclose(y.numpy(), conv_ref(xa, wa, None, (1, 1), (1, 1), (1, 1)),
                                   rtol=1e-12, atol=1e-12)
        assert tuple(cols.size()) == (27, n * hw * hw)
        assert tuple(buf.size()) == (4, n * hw * hw)


def test_batch_conv_errors():
    B = backend(ptorch.DoubleTensor)
    xa = np.zeros((1, 2, 4, 4))
    wa = np.zeros((3, 2, 2, 2))
    y = new("Double")
    with raises(RuntimeError, r"weight of size \[3 x 2 x 2 x 2\] does not fit input of size "
                              r"\[1 x 5 x 4 x 4\]"):
        B.SpatialConvolutionBatch_updateOutput(T(np.zeros((1, 5, 4, 4))), y, T(wa), None,
                                               new("Double"), new("Double"),
                                               2, 2, 1, 1, 0, 0, 1, 1)
    with raises(RuntimeError, r"gradOutput must have size \[1 x 3 x 3 x 3\], got \[1 x 3 x 2 x 2\]"):  # noqa: E501
        B.SpatialConvolutionBatch_updateGradInput(T(xa), T(np.zeros((1, 3, 2, 2))), y, T(wa),
                                                  new("Double"), new("Double"),
                                                  2, 2, 1, 1, 0, 0, 1, 1)
    with raises(RuntimeError, "bias must have 3 elements"):
        B.SpatialConvolutionBatch_accGradParameters(T(xa), T(np.zeros((1, 3, 3, 3))),
                                                    T(wa), T(np.zeros(2)), new("Double"),
                                                    new("Double"), 2, 2, 1, 1, 0, 0, 1, 1, 1)
    with raises(RuntimeError, "gradWeight and gradBias must be contiguous"):
        B.SpatialConvolutionBatch_accGradParameters(
            T(xa), T(np.zeros((1, 3, 3, 3))), T(np.zeros((2, 3, 2, 2))).transpose(0, 1),
            None, new("Double"), new("Double"), 2, 2, 1, 1, 0, 0, 1, 1, 1)
    with raises(ValueError, "stride should be greater than zero"):
        B.SpatialConvolutionBatch_updateOutput(T(xa), y, T(wa), None, new("Double"),
                                               new("Double"), 2, 2, 0, 1, 0, 0, 1, 1)
    # 2^31 samples (a stride-0 view: nothing is allocated) overflow BLAS's int sizes
    huge = T(np.zeros((1, 2, 2, 2))).expand(2 ** 31, 2, 2, 2)
    with raises(RuntimeError, "exceeds BLAS's int sizes"):
        B.SpatialConvolutionBatch_updateOutput(huge, y, T(wa), None, new("Double"),
                                               new("Double"), 2, 2, 1, 1, 0, 0, 1, 1)
    with raises(TypeError, "argument 'buffer' must be a DoubleTensor"):
        B.SpatialConvolutionBatch_updateOutput(T(xa), y, T(wa), None, new("Double"), None,
                                               2, 2, 1, 1, 0, 0, 1, 1)
