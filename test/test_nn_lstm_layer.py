"""The one-node LSTM layer (nn._functions.rnn.LSTMLayer) against the step-by-step Variable
path (nn.modules.rnn._run_direction): outputs, final states and every gradient."""
import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
from ptorch.autograd import Variable, gradcheck, gradgradcheck
from ptorch.nn._functions.rnn import LSTMLayer
from ptorch.nn.modules.rnn import _run_direction

RNG = np.random.RandomState(7)
TYPES = [(ptorch.FloatTensor, np.float32, 1e-4), (ptorch.DoubleTensor, np.float64, 1e-10)]


def _v(cls, dt, shape, grad=True):
    return Variable(cls(RNG.randn(*shape).astype(dt)), requires_grad=grad)


def _reference(m, x, hx):
    """nn.LSTM.forward for (seq, batch, features) input, composed of _run_direction only."""
    steps, batch = x.size(0), x.size(1)
    dirs = 2 if m.bidirectional else 1
    flat = x.contiguous().view(steps * batch, x.size(2))
    hs, cs = [], []
    for layer in range(m.num_layers):
        outs = []
        for d in range(dirs):
            idx = layer * dirs + d
            out, (h, c) = _run_direction("LSTM", flat, [batch] * steps, (hx[0][idx], hx[1][idx]),
                                         m._weights(idx), d == 1)
            outs.append(out)
            hs.append(h)
            cs.append(c)
        flat = outs[0] if dirs == 1 else ptorch.cat(outs, 1)
    return (flat.view(steps, batch, flat.size(1)), ptorch.stack(hs, 0), ptorch.stack(cs, 0))


def _grads(outs, gouts, leaves):
    for v in leaves:
        v.grad = None
    ptorch.autograd.backward(list(outs), list(gouts))
    return [v.grad.data.clone() for v in leaves]


@pytest.mark.parametrize("cls,dt,tol", TYPES)
@pytest.mark.parametrize("layers,bidir,bias", [(1, False, True), (2, True, True),
                                               (2, False, False), (1, True, False)])
def test_module_matches_step_path(cls, dt, tol, layers, bidir, bias):
    m = nn.LSTM(3, 4, num_layers=layers, bidirectional=bidir, bias=bias)
    m = m.double() if dt == np.float64 else m.float()
    dirs = 2 if bidir else 1
    x = _v(cls, dt, (5, 2, 3))
    hx = (_v(cls, dt, (layers * dirs, 2, 4)), _v(cls, dt, (layers * dirs, 2, 4)))
    params = list(m.parameters())
    leaves = [x, hx[0], hx[1]] + params
    got = m(x, hx)
    got = (got[0],) + tuple(got[1])
    want = _reference(m, x, hx)
    gouts = [cls(RNG.randn(*o.size()).astype(dt)) for o in got]
    for a, b in zip(got, want):
        np.testing.assert_allclose(a.data.numpy(), b.data.numpy(), rtol=tol, atol=tol)
    g_got = _grads(got, gouts, leaves)
    g_want = _grads(want, gouts, leaves)
    for a, b in zip(g_got, g_want):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=tol, atol=tol)


@pytest.mark.parametrize("cls,dt,tol", TYPES)
def test_default_state_and_batch_first(cls, dt, tol):
    m = nn.LSTM(3, 4, batch_first=True)
    m = m.double() if dt == np.float64 else m.float()
    x = _v(cls, dt, (2, 6, 3))
    out, (h, c) = m(x)
    zero = Variable(cls(1, 2, 4).zero_())
    want = _reference(m, x.transpose(0, 1), (zero, zero))
    np.testing.assert_allclose(out.data.numpy(), want[0].transpose(0, 1).data.numpy(),
                               rtol=tol, atol=tol)
    np.testing.assert_allclose(h.data.numpy(), want[1].data.numpy(), rtol=tol, atol=tol)
    np.testing.assert_allclose(c.data.numpy(), want[2].data.numpy(), rtol=tol, atol=tol)
    g = cls(RNG.randn(2, 6, 4).astype(dt))
    params = list(m.parameters())
    g_got = _grads([out], [g], [x] + params)
    g_want = _grads([want[0].transpose(0, 1)], [g], [x] + params)
    for a, b in zip(g_got, g_want):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=tol, atol=tol)


def test_only_final_state_used():
    # The output gradient never arrives (zeros); only h_n / c_n drive the backward.
    m = nn.LSTM(3, 4).double()
    x = _v(ptorch.DoubleTensor, np.float64, (4, 3, 3))
    _, (h, c) = m(x)
    (h.sum() + 2 * c.sum()).backward()
    got = [x.grad.data.clone()] + [p.grad.data.clone() for p in m.parameters()]
    x.grad = None
    m.zero_grad()
    zero = Variable(ptorch.DoubleTensor(1, 3, 4).zero_())
    _, hw, cw = _reference(m, x, (zero, zero))
    (hw.sum() + 2 * cw.sum()).backward()
    want = [x.grad.data] + [p.grad.data for p in m.parameters()]
    for a, b in zip(got, want):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("reverse", [False, True])
def test_layer_gradcheck_and_double_backward(reverse):
    D = ptorch.DoubleTensor
    x = _v(D, np.float64, (3 * 2, 2))
    h0, c0 = _v(D, np.float64, (2, 3)), _v(D, np.float64, (2, 3))
    w_ih, w_hh = _v(D, np.float64, (12, 2)), _v(D, np.float64, (12, 3))
    b_ih, b_hh = _v(D, np.float64, (12,)), _v(D, np.float64, (12,))

    def f(*a):
        return LSTMLayer.apply(*a, reverse)

    args = [x, h0, c0, w_ih, w_hh, b_ih, b_hh]
    assert gradcheck(f, args)
    assert gradgradcheck(f, args)


def test_no_bias_layer_gradcheck_and_volatile():
    D = ptorch.DoubleTensor
    x = _v(D, np.float64, (2 * 2, 3))
    h0, c0 = _v(D, np.float64, (2, 2)), _v(D, np.float64, (2, 2))
    w_ih, w_hh = _v(D, np.float64, (8, 3)), _v(D, np.float64, (8, 2))
    assert gradcheck(lambda *a: LSTMLayer.apply(*a, None, None, False), [x, h0, c0, w_ih, w_hh])
    m = nn.LSTM(3, 2).double()
    vol = Variable(x.data.view(2, 2, 3), volatile=True)
    out, _ = m(vol)
    assert out.volatile and out.grad_fn is None
    np.testing.assert_allclose(out.data.numpy(), m(Variable(vol.data))[0].data.numpy())
