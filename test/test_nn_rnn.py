"""Recurrent layers and cells against NumPy step loops, PackedSequence round trips,
Embedding/EmbeddingBag, nn.utils (clip_grad_norm, weight_norm, parameter vectors) and
DataParallel."""
import re

import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
import ptorch.nn.functional as F
from ptorch.autograd import Variable, gradcheck, gradgradcheck
from ptorch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, PackedSequence

import nn_reference as ref

RNG = np.random.RandomState(7)


def raises(exc, fragment):
    return pytest.raises(exc, match=re.escape(fragment))


def D(a, requires_grad=False):
    return Variable(ptorch.DoubleTensor(np.ascontiguousarray(a, dtype=np.float64)),
                    requires_grad=requires_grad)


def W(m, name):
    return getattr(m, name).data.numpy()


def _ref_layer(kind, m, x, h0, c0, layer, reverse, lengths):
    """One layer/direction over padded x [T x B x I] with per-sequence lengths."""
    sfx = "_reverse" if reverse else ""
    w = [W(m, f"{n}_l{layer}{sfx}") for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    t_len, batch = x.shape[:2]
    out = np.zeros((t_len, batch, m.hidden_size))
    h_fin, c_fin = h0.copy(), c0.copy()
    for b in range(batch):
        h, c = h0[b:b + 1], c0[b:b + 1]
        steps = range(lengths[b] - 1, -1, -1) if reverse else range(lengths[b])
        for t in steps:
            if kind == "LSTM":
                h, c = ref.lstm_cell(x[t, b:b + 1], h, c, *w)
            elif kind == "GRU":
                h = ref.gru_cell(x[t, b:b + 1], h, *w)
            else:
                h = ref.rnn_cell(x[t, b:b + 1], h, *w)
            out[t, b] = h[0]
        h_fin[b], c_fin[b] = h[0], c[0]
    return out, h_fin, c_fin


def _ref_rnn(kind, m, x, lengths):
    dirs = 2 if m.bidirectional else 1
    batch = x.shape[1]
    hs, cs = [], []
    for layer in range(m.num_layers):
        outs = []
        for d in range(dirs):
            z = np.zeros((batch, m.hidden_size))
            o, h, c = _ref_layer(kind, m, x, z, z, layer, d == 1, lengths)
            outs.append(o)
            hs.append(h)
            cs.append(c)
        x = np.concatenate(outs, 2)
    return x, np.stack(hs), np.stack(cs)


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_rnn_matches_reference(kind, bidirectional):
    ptorch.manual_seed(0)
    m = getattr(nn, kind)(3, 4, num_layers=2, bidirectional=bidirectional).double()
    x = RNG.randn(5, 2, 3)
    out, hid = m(D(x))
    h = hid[0] if kind == "LSTM" else hid
    r_out, r_h, r_c = _ref_rnn(kind, m, x, [5, 5])
    np.testing.assert_allclose(out.data.numpy(), r_out, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h.data.numpy(), r_h, rtol=1e-10, atol=1e-12)
    if kind == "LSTM":
        np.testing.assert_allclose(hid[1].data.numpy(), r_c, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
def test_packed_sequence_input(kind):
    ptorch.manual_seed(1)
    m = getattr(nn, kind)(2, 3, bidirectional=True, batch_first=True).double()
    lengths = [4, 2, 1]
    x = RNG.randn(3, 4, 2)
    for b, n in enumerate(lengths):
        x[b, n:] = 0
    packed = pack_padded_sequence(D(x), lengths, batch_first=True)
    assert isinstance(packed, PackedSequence) and packed.batch_sizes == [3, 2, 1, 1]
    out, hid = m(packed)
    assert isinstance(out, PackedSequence)
    padded, lens = pad_packed_sequence(out, batch_first=True)
    assert lens == lengths
    r_out, r_h, r_c = _ref_rnn(kind, m, x.transpose(1, 0, 2), lengths)
    np.testing.assert_allclose(padded.data.numpy(), r_out.transpose(1, 0, 2), rtol=1e-10,
                               atol=1e-12)
    h = hid[0] if kind == "LSTM" else hid
    np.testing.assert_allclose(h.data.numpy(), r_h, rtol=1e-10, atol=1e-12)


def test_pack_pad_round_trip_and_errors():
    x = D(RNG.randn(3, 2, 2), requires_grad=True)
    packed = pack_padded_sequence(x, [3, 1])
    np.testing.assert_array_equal(packed.data.data.numpy(),
                                  np.concatenate([x.data.numpy()[0], x.data.numpy()[1, :1],
                                                  x.data.numpy()[2, :1]]))
    padded, lens = pad_packed_sequence(packed)
    assert lens == [3, 1]
    expect = x.data.numpy().copy()
    expect[1:, 1] = 0
    np.testing.assert_array_equal(padded.data.numpy(), expect)
    padded.sum().backward()
    np.testing.assert_array_equal(x.grad.data.numpy(), (expect != 0).astype(float))
    with raises(ValueError, "lengths must be sorted in decreasing order, got [1, 3]"):
        pack_padded_sequence(x, [1, 3])
    with raises(ValueError, "got 3 lengths for a batch of 2 sequences"):
        pack_padded_sequence(x, [3, 2, 1])


def test_rnn_options_and_errors():
    m = nn.GRU(3, 4, batch_first=True)
    out, h = m(Variable(ptorch.randn(2, 5, 3)), Variable(ptorch.randn(1, 2, 4)))
    assert out.size() == ptorch.Size([2, 5, 4]) and h.size() == ptorch.Size([1, 2, 4])
    assert repr(m) == "GRU(3, 4, batch_first=True)"
    names = [n for n, _ in nn.LSTM(2, 3, 2, bidirectional=True).named_parameters()]
    assert names[:5] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                         "weight_ih_l0_reverse"]
    assert len(names) == 16
    assert nn.RNN(2, 3, bias=False).all_weights[0][0].size() == ptorch.Size([3, 2])
    with raises(ValueError, "LSTM expected input with 3 features, got [10 x 2]"):
        nn.LSTM(3, 4)(Variable(ptorch.randn(5, 2, 2)))
    with raises(ValueError, "GRU expected hidden state of size [1 x 2 x 4], got [2 x 2 x 4]"):
        nn.GRU(3, 4)(Variable(ptorch.randn(5, 2, 3)), Variable(ptorch.randn(2, 2, 4)))
    with raises(ValueError, "RNN expected 3-D input (seq, batch, features), got [5 x 3]"):
        nn.RNN(3, 4)(Variable(ptorch.randn(5, 3)))
    with raises(ValueError, "unknown nonlinearity 'sigmoid'"):
        nn.RNN(3, 4, nonlinearity="sigmoid")


def test_rnn_relu_and_dropout():
    ptorch.manual_seed(2)
    m = nn.RNN(2, 3, num_layers=2, nonlinearity="relu", dropout=0.5).double()
    x = D(RNG.randn(4, 2, 2))
    m.eval()
    a, _ = m(x)
    b, _ = m(x)
    np.testing.assert_array_equal(a.data.numpy(), b.data.numpy())
    assert (a.data.numpy() >= 0).all()
    m.train()
    outs = [m(x)[0].data.numpy() for _ in range(3)]
    assert not all(np.array_equal(outs[0], o) for o in outs[1:])


def test_rnn_gradcheck():
    ptorch.manual_seed(3)
    m = nn.LSTM(2, 2, bidirectional=True).double()
    x = D(RNG.randn(3, 2, 2), requires_grad=True)
    h0 = D(RNG.randn(2, 2, 2), requires_grad=True)
    c0 = D(RNG.randn(2, 2, 2), requires_grad=True)
    assert gradcheck(lambda x, h, c: m(x, (h, c))[0], [x, h0, c0])
    g = nn.GRU(2, 2).double()
    assert gradgradcheck(lambda x: g(x)[0], [x])


@pytest.mark.parametrize("kind", ["RNNCell", "LSTMCell", "GRUCell"])
def test_cells(kind):
    ptorch.manual_seed(4)
    m = getattr(nn, kind)(3, 2).double()
    x, h, c = RNG.randn(4, 3), RNG.randn(4, 2), RNG.randn(4, 2)
    w = [W(m, n) for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    if kind == "LSTMCell":
        h2, c2 = m(D(x), (D(h), D(c)))
        rh, rc = ref.lstm_cell(x, h, c, *w)
        np.testing.assert_allclose(c2.data.numpy(), rc, rtol=1e-10)
    else:
        h2 = m(D(x), D(h))
        rh = ref.gru_cell(x, h, *w) if kind == "GRUCell" else ref.rnn_cell(x, h, *w)
    np.testing.assert_allclose(h2.data.numpy(), rh, rtol=1e-10)
    hv = D(h, requires_grad=True)
    if kind == "LSTMCell":
        assert gradcheck(lambda a, b: m(a, (b, b))[1], [D(x, True), hv])
    else:
        assert gradcheck(lambda a, b: m(a, b), [D(x, True), hv])
    with raises(ValueError, f"{kind} expected input of size [N x 3], got [4 x 2]"):
        m(D(h), (D(h), D(c)) if kind == "LSTMCell" else D(h))


# ---- Embedding ----

def test_embedding():
    ptorch.manual_seed(5)
    emb = nn.Embedding(6, 3, padding_idx=0).double()
    assert (emb.weight.data[0].numpy() == 0).all()
    idx = ptorch.LongTensor([[1, 0, 3], [3, 3, 5]])
    out = emb(Variable(idx))
    assert out.size() == ptorch.Size([2, 3, 3])
    np.testing.assert_array_equal(out.data.numpy(), emb.weight.data.numpy()[idx.numpy()])
    out.sum().backward()
    g = emb.weight.grad.data.numpy()
    np.testing.assert_array_equal(g[:, 0], [0, 1, 0, 3, 0, 1])  # padding row gets nothing
    freq = nn.Embedding(6, 2, scale_grad_by_freq=True).double()
    freq(Variable(idx)).sum().backward()
    np.testing.assert_allclose(freq.weight.grad.data.numpy()[:, 0], [1, 1, 0, 1, 0, 1])
    w = Variable(emb.weight.data.clone(), requires_grad=True)
    assert gradgradcheck(lambda w: nn.modules.sparse.embedding(idx, w, 0) * 1, [w])
    assert repr(emb) == "Embedding(6, 3, padding_idx=0)"


def test_embedding_max_norm():
    emb = nn.Embedding(4, 3, max_norm=1.0).double()
    emb.weight.data.copy_(ptorch.DoubleTensor([[3, 4, 0], [0.1, 0, 0], [1, 1, 1], [0, 0, 2]]))
    emb(Variable(ptorch.LongTensor([0, 1])))
    norms = np.linalg.norm(emb.weight.data.numpy(), axis=1)
    assert norms[0] == pytest.approx(1.0, rel=1e-5) and norms[1] == pytest.approx(0.1)
    assert norms[3] == pytest.approx(2.0)  # not looked up, not renormed


def test_embedding_bag():
    ptorch.manual_seed(6)
    bag = nn.EmbeddingBag(5, 2, mode="sum").double()
    w = bag.weight.data.numpy()
    out = bag(Variable(ptorch.LongTensor([1, 2, 4, 4, 3])), Variable(ptorch.LongTensor([0, 2])))
    np.testing.assert_allclose(out.data.numpy(), [w[1] + w[2], 2 * w[4] + w[3]])
    mean = nn.EmbeddingBag(5, 2).double()
    wm = mean.weight.data.numpy()
    out = mean(Variable(ptorch.LongTensor([[0, 1], [2, 2]])))
    np.testing.assert_allclose(out.data.numpy(), [(wm[0] + wm[1]) / 2, wm[2]])
    out.sum().backward()
    np.testing.assert_allclose(mean.weight.grad.data.numpy()[:, 0], [0.5, 0.5, 1, 0, 0])
    with raises(ValueError, "offsets must start at 0"):
        bag(Variable(ptorch.LongTensor([1, 2])), Variable(ptorch.LongTensor([1])))
    with raises(ValueError, "mode must be 'sum' or 'mean'"):
        nn.EmbeddingBag(5, 2, mode="max")


# ---- nn.utils ----

def test_clip_grad_norm():
    a = nn.Parameter(ptorch.DoubleTensor([3.0, 0]))
    b = nn.Parameter(ptorch.DoubleTensor([4.0]))
    a.grad, b.grad = Variable(a.data.clone()), Variable(b.data.clone())
    total = nn.utils.clip_grad_norm([a, b], 1.0)
    assert total == pytest.approx(5.0)
    np.testing.assert_allclose(np.concatenate([a.grad.data.numpy(), b.grad.data.numpy()]),
                               [0.6, 0, 0.8], rtol=1e-5)
    a.grad = Variable(ptorch.DoubleTensor([-3.0, 1]))
    total = nn.utils.clip_grad_norm([a], 1.5, norm_type=float("inf"))
    assert total == 3.0
    np.testing.assert_allclose(a.grad.data.numpy(), [-1.5, 0.5], rtol=1e-5)
    assert nn.utils.clip_grad_norm([a], 10) == pytest.approx(1.5 ** 2 + 0.25, rel=0.5)


def test_weight_norm():
    ptorch.manual_seed(7)
    lin = nn.Linear(3, 2).double()
    w0 = lin.weight.data.numpy().copy()
    x = D(RNG.randn(4, 3))
    before = lin(x).data.numpy()
    nn.utils.weight_norm(lin)
    names = sorted(n for n, _ in lin.named_parameters())
    assert names == ["bias", "weight_g", "weight_v"]
    np.testing.assert_allclose(lin.weight_g.data.numpy(), np.linalg.norm(w0, axis=1,
                                                                         keepdims=True))
    np.testing.assert_allclose(lin(x).data.numpy(), before, rtol=1e-10)
    lin.weight_g.data.mul_(2)
    np.testing.assert_allclose(lin(x).data.numpy() - lin.bias.data.numpy(),
                               2 * (before - lin.bias.data.numpy()), rtol=1e-10)
    lin(x).sum().backward()
    assert lin.weight_g.grad is not None and lin.weight_v.grad is not None
    nn.utils.remove_weight_norm(lin)
    assert sorted(n for n, _ in lin.named_parameters()) == ["bias", "weight"]
    np.testing.assert_allclose(lin.weight.data.numpy(), 2 * w0, rtol=1e-10)
    with raises(ValueError, "weight_norm of 'weight' not found"):
        nn.utils.remove_weight_norm(lin)
    import copy
    import pickle
    again = nn.utils.weight_norm(nn.Linear(3, 2).double())
    for clone in (copy.deepcopy(again), pickle.loads(pickle.dumps(again))):
        np.testing.assert_allclose(clone(x).data.numpy(), again(x).data.numpy(), rtol=1e-12)
    conv = nn.utils.weight_norm(nn.Conv2d(2, 3, 2), dim=1)
    assert conv.weight_g.size() == ptorch.Size([1, 2, 1, 1])


def test_parameters_to_vector():
    lin = nn.Linear(2, 3)
    vec = nn.utils.parameters_to_vector(lin.parameters())
    assert vec.size() == ptorch.Size([9])
    nn.utils.vector_to_parameters(vec * 0 + 1, lin.parameters())
    assert (lin.weight.data.numpy() == 1).all() and (lin.bias.data.numpy() == 1).all()


def test_data_parallel_runs_locally():
    lin = nn.Linear(3, 2)
    dp = nn.DataParallel(lin)
    x = Variable(ptorch.randn(4, 3))
    np.testing.assert_array_equal(dp(x).data.numpy(), lin(x).data.numpy())
    assert list(dp.state_dict()) == ["module.weight", "module.bias"]
    with raises(RuntimeError, "without CUDA"):
        nn.DataParallel(lin, device_ids=[0, 1])


def test_misc_modules():
    lrn = nn.CrossMapLRN2d(3, alpha=1e-2, beta=0.75, k=2).double()
    x = RNG.randn(1, 4, 2, 2)
    sq = np.pad(x ** 2, ((0, 0), (1, 1), (0, 0), (0, 0)))
    s = sq[:, 0:4] + sq[:, 1:5] + sq[:, 2:6]
    np.testing.assert_allclose(lrn(D(x)).data.numpy(), x / (2 + 1e-2 / 3 * s) ** 0.75,
                               rtol=1e-10)
    up = nn.Upsample(scale_factor=2, mode="bilinear")
    assert up(Variable(ptorch.randn(1, 1, 2, 2))).size() == ptorch.Size([1, 1, 4, 4])
    theta = D([[[1, 0, 0], [0, 1, 0]]])
    grid = F.affine_grid(theta, (1, 1, 2, 3)).data.numpy()
    np.testing.assert_allclose(grid[0, :, :, 0], [[-1, 0, 1], [-1, 0, 1]])
    np.testing.assert_allclose(grid[0, :, :, 1], [[-1, -1, -1], [1, 1, 1]])
    with raises(ValueError, "exactly one of size and scale_factor"):
        F.upsample_nearest(Variable(ptorch.randn(1, 1, 2, 2)))
    with raises(ValueError, "pixel_shuffle: expected 4-D input with channels divisible by 4"):
        F.pixel_shuffle(Variable(ptorch.randn(1, 3, 2, 2)), 2)
    with raises(ValueError, "reflection padding (3, 0) must be smaller"):
        F.pad(Variable(ptorch.randn(1, 1, 3, 3)), (3, 0, 0, 0), "reflect")
    unpool = nn.MaxUnpool2d(2)
    x = Variable(ptorch.randn(1, 1, 4, 4).double(), requires_grad=True)
    y, idx = nn.MaxPool2d(2, return_indices=True)(x)
    z = unpool(y, idx)
    assert z.size() == x.size()
    xs = x.data.numpy()[0, 0]
    blocks = xs.reshape(2, 2, 2, 2).transpose(0, 2, 1, 3).reshape(2, 2, 4)
    np.testing.assert_allclose(z.data.numpy().reshape(4, 4).max(), xs.max())
    assert (z.data.numpy() != 0).sum() == 4
    np.testing.assert_allclose(np.sort(z.data.numpy()[z.data.numpy() != 0]),
                               np.sort(blocks.max(2).ravel()))
    assert gradcheck(lambda a: unpool(nn.MaxPool2d(2, return_indices=True)(a)[0], idx), [x])
    y1, i1 = F.max_pool1d(Variable(ptorch.randn(1, 1, 6)), 2, return_indices=True)
    assert F.max_unpool1d(y1, i1, 2).size() == ptorch.Size([1, 1, 6])
