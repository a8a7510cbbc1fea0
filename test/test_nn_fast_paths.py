"""The kernel-backed fast paths of nn (the backward kernels that a plain backward runs)
against the Variable-op formulas that create_graph=True runs, and double backward through
both: conv2d (bias folded into the kernel), batch_norm, max_pool2d, the fused LSTM step."""
import re

import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
import ptorch.nn.functional as F
from ptorch.autograd import Variable, gradcheck, gradgradcheck

RNG = np.random.RandomState(11)


def D(*shape, requires_grad=True, dtype=np.float64):
    a = RNG.randn(*shape).astype(dtype)
    t = ptorch.DoubleTensor(a) if dtype == np.float64 else ptorch.FloatTensor(a)
    return Variable(t, requires_grad=requires_grad)


def _both_paths(fn, inputs, grad, graph_expected=True):
    """Gradients of fn(*inputs) weighted by grad through a plain backward (kernels) and
    through create_graph=True (Variable-op formulas)."""
    plain = ptorch.autograd.grad([fn(*inputs)], inputs, [grad])
    graph = ptorch.autograd.grad([fn(*inputs)], inputs, [grad], create_graph=True)
    assert any(g.requires_grad for g in graph) == graph_expected
    assert not any(g.requires_grad for g in plain)
    return [g.data.numpy() for g in plain], [g.data.numpy() for g in graph]


def _assert_same(fn, inputs, grad, rtol=1e-10, atol=1e-12, graph_expected=True):
    plain, graph = _both_paths(fn, inputs, grad, graph_expected)
    for p, g in zip(plain, graph):
        np.testing.assert_allclose(p, g, rtol=rtol, atol=atol)


# ---- conv2d ----

@pytest.mark.parametrize("kw", [dict(padding=1), dict(stride=2, padding=1),
                                dict(dilation=2), dict(padding=(1, 0), groups=2)])
def test_conv2d_kernel_backward_matches_variable_backward(kw):
    x, w, b = D(2, 4, 6, 5), D(6, 4 // kw.get("groups", 1), 3, 3), D(6)
    out = F.conv2d(x, w, b, **kw)
    _assert_same(lambda *a: F.conv2d(*a, **kw), [x, w, b], D(*out.size()).data)


def _np_conv2d(x, w, b, stride, pad, dil):
    """Forward and the gradient formulas of a 2-D convolution written out in NumPy, one
    kernel tap at a time: y, and (gx, gw, gb) for an output gradient g."""
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh = (h + 2 * pad - dil * (kh - 1) - 1) // stride + 1
    ow = (wd + 2 * pad - dil * (kw - 1) - 1) // stride + 1

    def tap(i, j):
        return (slice(None), slice(None), slice(i * dil, i * dil + stride * (oh - 1) + 1, stride),
                slice(j * dil, j * dil + stride * (ow - 1) + 1, stride))

    y = np.zeros((n, o, oh, ow)) + b[None, :, None, None]
    for i in range(kh):
        for j in range(kw):
            y += np.einsum("nchw,oc->nohw", xp[tap(i, j)], w[:, :, i, j])

    def grads(g):
        gxp, gw = np.zeros_like(xp), np.zeros_like(w)
        for i in range(kh):
            for j in range(kw):
                gxp[tap(i, j)] += np.einsum("nohw,oc->nchw", g, w[:, :, i, j])
                gw[:, :, i, j] = np.einsum("nohw,nchw->oc", g, xp[tap(i, j)])
        return gxp[:, :, pad:pad + h, pad:pad + wd], gw, g.sum((0, 2, 3))
    return y, grads


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("n", [1, 2, 3, 6, 13])
@pytest.mark.parametrize("k,stride,pad,dil", [(3, 1, 1, 1), (3, 2, 1, 1), (1, 1, 0, 1),
                                              (2, 1, 0, 2)])
def test_conv2d_kernels_every_batch_split(threads, n, k, stride, pad, dil):
    # Batches that divide among the threads run one sample per thread (serial GEMMs, per-
    # thread partial weight gradients added in order), the rest one sample after another
    # with BLAS's threads; both against NumPy's formulas, forward and backward kernels.
    xa, wa, ba = RNG.randn(n, 5, 7, 6), RNG.randn(4, 5, k, k), RNG.randn(4)
    x, w, b = (Variable(ptorch.DoubleTensor(a), requires_grad=True) for a in (xa, wa, ba))
    saved = ptorch.get_num_threads()
    try:
        ptorch.set_num_threads(threads)
        y = F.conv2d(x, w, b, stride=stride, padding=pad, dilation=dil)
        ga = RNG.randn(*y.size())
        grads = ptorch.autograd.grad([y], [x, w, b], [ptorch.DoubleTensor(ga)])
    finally:
        ptorch.set_num_threads(saved)
    want_y, want_grads = _np_conv2d(xa, wa, ba, stride, pad, dil)
    np.testing.assert_allclose(y.data.numpy(), want_y, rtol=1e-10, atol=1e-12)
    for got, exp in zip(grads, want_grads(ga)):
        np.testing.assert_allclose(got.data.numpy(), exp, rtol=1e-10, atol=1e-12)


def test_conv2d_float_batch_per_thread_matches_one_thread():
    # float32, a batch split among two threads against the same batch on one thread: the
    # per-thread partial gradients are summed in thread order, so only rounding differs
    x, w, b = (D(8, 16, 9, 9, dtype=np.float32), D(12, 16, 3, 3, dtype=np.float32),
               D(12, dtype=np.float32))
    g = D(8, 12, 9, 9, requires_grad=False, dtype=np.float32).data
    saved = ptorch.get_num_threads()
    results = []
    try:
        for threads in (1, 2):
            ptorch.set_num_threads(threads)
            y = F.conv2d(x, w, b, padding=1)
            results.append([y.data.numpy()] + [t.data.numpy() for t in
                                               ptorch.autograd.grad([y], [x, w, b], [g])])
    finally:
        ptorch.set_num_threads(saved)
    for one, two in zip(*results):
        np.testing.assert_allclose(two, one, rtol=1e-4, atol=1e-4)


def test_conv2d_bias_forward_and_gradients():
    x, w, b = D(2, 3, 5, 5), D(4, 3, 3, 3), D(4)
    y = F.conv2d(x, w, b, padding=1).data.numpy()
    y0 = F.conv2d(x, w, None, padding=1).data.numpy()
    np.testing.assert_allclose(y, y0 + b.data.numpy()[None, :, None, None], rtol=1e-12)
    assert gradcheck(lambda *a: F.conv2d(*a, padding=1), [x, w, b])
    assert gradgradcheck(lambda *a: F.conv2d(*a, stride=2), [D(1, 2, 5, 4), D(3, 2, 2, 2),
                                                            D(3)])


def test_conv2d_grouped_bias():
    x, w, b = D(2, 4, 5, 5), D(6, 2, 3, 3), D(6)
    y = F.conv2d(x, w, b, groups=2).data.numpy()
    halves = [F.conv2d(x[:, 2 * g:2 * g + 2], w[3 * g:3 * g + 3], b[3 * g:3 * g + 3]).data
              for g in range(2)]
    np.testing.assert_allclose(y, np.concatenate([h.numpy() for h in halves], 1),
                               rtol=1e-12)
    assert gradcheck(lambda *a: F.conv2d(*a, groups=2), [D(1, 4, 4, 4), D(4, 2, 2, 2), D(4)])


def test_conv2d_partial_requires_grad():
    """Only the gradients asked for are computed (no input gradient for a first layer)."""
    x = D(2, 3, 5, 5, requires_grad=False)
    w, b = D(4, 3, 3, 3), D(4)
    F.conv2d(x, w, b).sum().backward()
    assert x.grad is None and w.grad is not None and b.grad is not None
    np.testing.assert_allclose(b.grad.data.numpy(), np.full(4, 2 * 3 * 3), rtol=1e-12)


def test_conv2d_bias_size_error():
    with pytest.raises(ValueError, match=re.escape("bias has 3 elements")):
        F.conv2d(D(1, 2, 4, 4), D(4, 2, 3, 3), D(3))


def test_conv2d_float_kernel_path():
    x, w, b = D(2, 3, 6, 6, dtype=np.float32), D(5, 3, 3, 3, dtype=np.float32), \
        D(5, dtype=np.float32)
    g = D(2, 5, 6, 6, dtype=np.float32).data
    _assert_same(lambda *a: F.conv2d(*a, padding=1), [x, w, b], g, rtol=1e-4, atol=1e-4)


# ---- batch norm ----

@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 5), (2, 3, 4, 3)])
@pytest.mark.parametrize("affine", [True, False])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_kernel_backward_matches_variable_backward(shape, affine, training):
    x = D(*shape)
    wb = [D(3), D(3)] if affine else []
    rm, rv = ptorch.DoubleTensor(RNG.randn(3)), ptorch.DoubleTensor(RNG.rand(3) + 0.5)

    def fn(x, *wb):
        w, b = wb if wb else (None, None)
        return F.batch_norm(x, rm.clone(), rv.clone(), w, b, training, 0.1, 1e-5)
    # In evaluation without weight the gradient is a constant times grad: no graph.
    _assert_same(fn, [x] + wb, D(*shape).data, graph_expected=training or affine)


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_forward_against_numpy(training):
    x, w, b = D(4, 3, 2, 5), D(3), D(3)
    rm, rv = ptorch.DoubleTensor(RNG.randn(3)), ptorch.DoubleTensor(RNG.rand(3) + 0.5)
    rm0, rv0 = rm.numpy().copy(), rv.numpy().copy()
    y = F.batch_norm(x, rm, rv, w, b, training, 0.3, 1e-3).data.numpy()
    xa = x.data.numpy()
    if training:
        mean, var = xa.mean((0, 2, 3)), xa.var((0, 2, 3))
        n = xa.size // 3
        np.testing.assert_allclose(rm.numpy(), 0.7 * rm0 + 0.3 * mean, rtol=1e-12)
        np.testing.assert_allclose(rv.numpy(), 0.7 * rv0 + 0.3 * var * n / (n - 1),
                                   rtol=1e-12)
    else:
        mean, var = rm0, rv0
        np.testing.assert_array_equal(rm.numpy(), rm0)
    c = (slice(None), None, None)
    want = (xa - mean[c]) / np.sqrt(var[c] + 1e-3) * w.data.numpy()[c] + b.data.numpy()[c]
    np.testing.assert_allclose(y, want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_double_backward(training):
    rm, rv = ptorch.DoubleTensor(3).zero_(), ptorch.DoubleTensor(3).fill_(1)
    fn = lambda x, w, b: F.batch_norm(x, rm, rv, w, b, training)  # noqa: E731
    assert gradgradcheck(fn, [D(3, 3, 2, 2), D(3), D(3)], eps=1e-6, atol=1e-4)
    assert gradcheck(fn, [D(3, 3, 2, 2), D(3), D(3)], eps=1e-6, atol=1e-5)


def test_batch_norm_without_running_stats_and_errors():
    x = D(4, 3)
    y = F.batch_norm(x, None, None, None, None, True).data.numpy()
    xa = x.data.numpy()
    np.testing.assert_allclose(y, (xa - xa.mean(0)) / np.sqrt(xa.var(0) + 1e-5), rtol=1e-10)
    with pytest.raises(ValueError, match="running_mean and running_var are needed"):
        F.batch_norm(x, None, None, None, None, False)
    with pytest.raises(ValueError, match="expected more than 1 value per channel"):
        F.batch_norm(D(1, 3), None, None, None, None, True)


def test_batch_norm_module_training_step_float():
    bn = nn.BatchNorm2d(4)
    x = D(3, 4, 5, 5, dtype=np.float32)
    bn(x).pow(2).sum().backward()
    assert bn.weight.grad is not None and x.grad is not None
    assert float(bn.running_var.sum()) != 4.0


# ---- LSTM ----

def _lstm_reference(x, h, c, w_ih, w_hh, b_ih, b_hh):
    """NumPy LSTM over x [T x B x I]; returns (outputs, h_T, c_T)."""
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    n, outs = h.shape[1], []
    for t in range(x.shape[0]):
        g = x[t] @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        i, f, gg, o = sig(g[:, :n]), sig(g[:, n:2 * n]), np.tanh(g[:, 2 * n:3 * n]), \
            sig(g[:, 3 * n:])
        c = f * c + i * gg
        h = o * np.tanh(c)
        outs.append(h)
    return np.stack(outs), h, c


def test_lstm_forward_against_numpy():
    ptorch.manual_seed(1)
    m = nn.LSTM(3, 4).double()
    x, h0, c0 = D(5, 2, 3), D(1, 2, 4), D(1, 2, 4)
    out, (h, c) = m(x, (h0, c0))
    p = [q.data.numpy() for q in (m.weight_ih_l0, m.weight_hh_l0, m.bias_ih_l0,
                                  m.bias_hh_l0)]
    want, hw, cw = _lstm_reference(x.data.numpy(), h0.data.numpy()[0], c0.data.numpy()[0], *p)
    np.testing.assert_allclose(out.data.numpy(), want, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h.data.numpy()[0], hw, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(c.data.numpy()[0], cw, rtol=1e-10, atol=1e-12)


def test_lstm_kernel_backward_matches_variable_backward():
    ptorch.manual_seed(2)
    m = nn.LSTM(3, 4, num_layers=2).double()
    x, h0, c0 = D(4, 2, 3), D(2, 2, 4), D(2, 2, 4)

    def fn(x, h0, c0, *params):
        out, (h, c) = m(x, (h0, c0))
        return out.sum(2) + (h * c).sum(2).sum(0).unsqueeze(0).expand(4, 2)
    _assert_same(fn, [x, h0, c0] + list(m.parameters()), D(4, 2).data)


def test_lstm_cell_gradients():
    ptorch.manual_seed(3)
    cell = nn.LSTMCell(3, 2).double()
    x, h, c = D(4, 3), D(4, 2), D(4, 2)
    assert gradcheck(lambda x, h, c: cell(x, (h, c))[1] * cell(x, (h, c))[0], [x, h, c])
    # only h used: the cell-state gradient never arrives (a zero), in both paths
    assert gradgradcheck(lambda x, h, c: cell(x, (h, c))[0], [x, h, c])
    m = nn.LSTM(2, 2).double()
    assert gradgradcheck(lambda x: m(x)[0], [D(3, 2, 2)])


# ---- threshold / relu ----

@pytest.mark.parametrize("fn", [F.relu, lambda x: F.threshold(x, 0.3, -2.0)])
def test_threshold_kernel_backward_matches_variable_backward(fn):
    x = D(4, 5)
    _assert_same(fn, [x], D(4, 5).data, graph_expected=False)
    xt = D(5, 4).t()  # non-contiguous input
    plain, graph = _both_paths(lambda x: fn(x) * x, [xt], D(4, 5).data)
    np.testing.assert_allclose(plain[0], graph[0], rtol=1e-12)
    g = ptorch.autograd.grad([fn(x)], [x], [ptorch.DoubleTensor(4, 5).fill_(1)])[0]
    np.testing.assert_array_equal(g.data.numpy(), np.where(x.data.numpy() > (
        0 if fn is F.relu else 0.3), 1.0, 0.0))
