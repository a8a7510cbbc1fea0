"""Losses (forward against NumPy, gradcheck), double backward (gradgradcheck, a gradient
penalty through a small convnet), train/eval behaviour (dropout, batch norm), and the
errors raised on bad input."""
import re

import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
import ptorch.nn.functional as F
from ptorch.autograd import Variable, gradcheck, gradgradcheck

import nn_reference as ref

RNG = np.random.RandomState(3)


def raises(exc, fragment):
    return pytest.raises(exc, match=re.escape(fragment))


def D(a, requires_grad=True):
    return Variable(ptorch.DoubleTensor(np.ascontiguousarray(a, dtype=np.float64)),
                    requires_grad=requires_grad)


def L(a):
    return Variable(ptorch.LongTensor(np.ascontiguousarray(a, dtype=np.int64)))


X = RNG.randn(4, 5)
X2 = RNG.randn(4, 5)
P = RNG.uniform(0.05, 0.95, (4, 5))
T01 = (RNG.rand(4, 5) > 0.5).astype(np.float64)
Y = np.array([1., -1., -1., 1.])
CLS = np.array([1, 0, 4, 2])
W5 = RNG.uniform(0.5, 2, 5)
LSM = np.log(ref.softmax(X, 1))


def _nll(logp, t, w=None, avg=True):
    w = np.ones(logp.shape[1]) if w is None else w
    picked = -logp[np.arange(len(t)), t] * w[t]
    return picked.sum() / (w[t].sum() if avg else 1)


def _multi_margin(x, t, p=1, margin=1, w=None):
    n, c = x.shape
    tot = 0
    for i in range(n):
        for j in range(c):
            if j != t[i]:
                v = max(0, margin - x[i, t[i]] + x[i, j]) ** p
                tot += v * (1 if w is None else w[t[i]])
    return tot / c / n


def _multilabel_margin(x, t):
    n, c = x.shape
    tot = 0
    for i in range(n):
        targets = []
        for v in t[i]:
            if v < 0:
                break
            targets.append(v)
        for j in targets:
            for k in range(c):
                if k not in targets:
                    tot += max(0, 1 - (x[i, j] - x[i, k]))
    return tot / c / n


def _bce(p, t, w=1):
    return (-(t * np.log(p) + (1 - t) * np.log(1 - p)) * w).mean()


def _cos(a, b):
    return (a * b).sum(1) / np.sqrt((a * a).sum(1) * (b * b).sum(1))


MLM_T = np.array([[3, 0, -1, 1, 2], [1, 2, 3, 4, -1], [0, -1, 0, 0, 0], [4, 3, 2, 1, 0]])
T_POS = RNG.uniform(0, 3, (4, 5))

# name: (module, inputs (arrays; the first ones need grad), n differentiable, reference)
LOSSES = {
    "L1Loss": (nn.L1Loss(), [X, X2], 1, lambda: np.abs(X - X2).mean()),
    "L1Loss_sum": (nn.L1Loss(size_average=False), [X, X2], 1, lambda: np.abs(X - X2).sum()),
    "MSELoss": (nn.MSELoss(), [X, X2], 1, lambda: ((X - X2) ** 2).mean()),
    "SmoothL1Loss": (nn.SmoothL1Loss(), [X, X2], 1,
                     lambda: np.where(np.abs(X - X2) < 1, 0.5 * (X - X2) ** 2,
                                      np.abs(X - X2) - 0.5).mean()),
    "SoftMarginLoss": (nn.SoftMarginLoss(), [X[:, 0], Y], 1,
                       lambda: np.log1p(np.exp(-Y * X[:, 0])).mean()),
    "KLDivLoss": (nn.KLDivLoss(), [LSM, P], 1, lambda: (P * (np.log(P) - LSM)).mean()),
    "BCELoss": (nn.BCELoss(), [P, T01], 1, lambda: _bce(P, T01)),
    "BCELoss_weight": (nn.BCELoss(ptorch.DoubleTensor(W5)), [P, T01], 1,
                       lambda: _bce(P, T01, W5)),
    "BCEWithLogitsLoss": (nn.BCEWithLogitsLoss(), [X, T01], 1,
                          lambda: _bce(ref.sigmoid(X), T01)),
    "MultiLabelSoftMarginLoss": (nn.MultiLabelSoftMarginLoss(), [X, T01], 1,
                                 lambda: _bce(ref.sigmoid(X), T01)),
    "PoissonNLLLoss": (nn.PoissonNLLLoss(), [X, T_POS], 1,
                       lambda: (np.exp(X) - T_POS * X).mean()),
    "PoissonNLLLoss_full": (nn.PoissonNLLLoss(log_input=False, full=True), [P, T_POS], 1,
                            lambda: (P - T_POS * np.log(P + 1e-8) + np.where(
                                T_POS > 1, T_POS * np.log(T_POS) - T_POS +
                                0.5 * np.log(2 * np.pi * T_POS), 0)).mean()),
    "MarginRankingLoss": (nn.MarginRankingLoss(0.5), [X[:, 0], X2[:, 0], Y], 2,
                          lambda: np.maximum(0, -Y * (X[:, 0] - X2[:, 0]) + 0.5).mean()),
    "HingeEmbeddingLoss": (nn.HingeEmbeddingLoss(0.7), [X[:, 0], Y], 1,
                           lambda: np.where(Y == 1, X[:, 0],
                                            np.maximum(0, 0.7 - X[:, 0])).mean()),
    "CosineEmbeddingLoss": (nn.CosineEmbeddingLoss(0.1), [X, X2, Y], 2,
                            lambda: np.where(Y == 1, 1 - _cos(X, X2),
                                             np.maximum(0, _cos(X, X2) - 0.1)).mean()),
    "TripletMarginLoss": (nn.TripletMarginLoss(1.5), [X, X2, X * 0.5], 3,
                          lambda: np.maximum(0, 1.5 + np.sqrt(
                              ((np.abs(X - X2) + 1e-6) ** 2).sum(1)) - np.sqrt(
                              ((np.abs(X - X * 0.5) + 1e-6) ** 2).sum(1))).mean()),
    "NLLLoss": (nn.NLLLoss(), [LSM, CLS], 1, lambda: _nll(LSM, CLS)),
    "NLLLoss_weight_sum": (nn.NLLLoss(ptorch.DoubleTensor(W5), size_average=False),
                           [LSM, CLS], 1, lambda: _nll(LSM, CLS, W5, False)),
    "NLLLoss_ignore": (nn.NLLLoss(ignore_index=4), [LSM, CLS], 1,
                       lambda: _nll(LSM[[0, 1, 3]], CLS[[0, 1, 3]])),
    "CrossEntropyLoss": (nn.CrossEntropyLoss(), [X, CLS], 1, lambda: _nll(LSM, CLS)),
    "CrossEntropyLoss_weight": (nn.CrossEntropyLoss(ptorch.DoubleTensor(W5)), [X, CLS], 1,
                                lambda: _nll(LSM, CLS, W5)),
    "NLLLoss2d": (nn.NLLLoss2d(), [X.reshape(1, 4, 5, 1).repeat(2, 0),
                                   np.array([[[1], [0], [3], [2], [3]]] * 2)], 1,
                  lambda: -np.mean([X[c, i] for i, c in enumerate([1, 0, 3, 2, 3])])),
    "MultiMarginLoss": (nn.MultiMarginLoss(), [X, CLS], 1, lambda: _multi_margin(X, CLS)),
    "MultiMarginLoss_p2_weight": (nn.MultiMarginLoss(2, 0.5, ptorch.DoubleTensor(W5)),
                                  [X, CLS], 1,
                                  lambda: _multi_margin(X, CLS, 2, 0.5, W5)),
    "MultiLabelMarginLoss": (nn.MultiLabelMarginLoss(), [X, MLM_T], 1,
                             lambda: _multilabel_margin(X, MLM_T)),
}


def _loss_inputs(arrays, n_diff):
    out = []
    for i, a in enumerate(arrays):
        if a.dtype.kind == "i":
            out.append(L(a))
        else:
            out.append(D(a, requires_grad=i < n_diff))
    return out


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_forward_and_gradcheck(name):
    module, arrays, n_diff, reference = LOSSES[name]
    vs = _loss_inputs(arrays, n_diff)
    out = module(*vs)
    assert out.size() == ptorch.Size([1])
    assert out.data[0] == pytest.approx(reference(), rel=1e-9, abs=1e-12)
    diff, rest = vs[:n_diff], vs[n_diff:]
    assert gradcheck(lambda *a: module(*(a + tuple(rest))), diff, eps=1e-6, atol=1e-5)


@pytest.mark.parametrize("name", ["MSELoss", "SmoothL1Loss", "BCEWithLogitsLoss",
                                  "CrossEntropyLoss", "NLLLoss", "KLDivLoss",
                                  "SoftMarginLoss", "MultiMarginLoss_p2_weight",
                                  "CosineEmbeddingLoss"])
def test_loss_gradgradcheck(name):
    module, arrays, n_diff, _ = LOSSES[name]
    vs = _loss_inputs(arrays, n_diff)
    diff, rest = vs[:n_diff], vs[n_diff:]
    assert gradgradcheck(lambda *a: module(*(a + tuple(rest))), diff, eps=1e-6, atol=1e-5)


def test_loss_float_matches_double():
    x, t = ptorch.randn(3, 4), ptorch.LongTensor([0, 3, 1])
    f = F.cross_entropy(Variable(x), Variable(t)).data[0]
    d = F.cross_entropy(Variable(x.double()), Variable(t)).data[0]
    assert f == pytest.approx(d, rel=1e-5)


# ---- double backward ----

def _dv(*shape):
    return D(RNG.randn(*shape))


@pytest.mark.parametrize("fn, shapes", [
    (lambda x, w, b: F.linear(x, w, b), [(3, 4), (2, 4), (2,)]),
    (lambda x, w: F.conv2d(x, w, stride=2, padding=1), [(2, 2, 4, 4), (3, 2, 3, 3)]),
    (lambda x, w: F.conv2d(x, w, dilation=2, groups=2), [(1, 2, 5, 5), (2, 1, 2, 2)]),
    (lambda x, w: F.conv_transpose2d(x, w, stride=2, output_padding=1),
     [(1, 2, 2, 3), (2, 3, 2, 2)]),
    (lambda x, w: F.conv1d(x, w, padding=1), [(2, 2, 5), (3, 2, 3)]),
    (lambda x: F.max_pool2d(x, 2), [(1, 2, 4, 4)]),
    (lambda x: F.avg_pool2d(x, 3, 2, 1), [(1, 2, 5, 5)]),
    (lambda x: F.adaptive_avg_pool2d(x, 2), [(1, 2, 5, 3)]),
    (lambda x: F.elu(x), [(3, 4)]),
    (lambda x: F.softplus(x, 2), [(3, 4)]),
    (lambda x: F.logsigmoid(x), [(3, 4)]),
    (lambda x: F.softmax(x), [(3, 4)]),
    (lambda x: F.log_softmax(x), [(3, 4)]),
    (lambda x: F.leaky_relu(x, 0.1) * x, [(3, 4)]),
    (lambda x: F.selu(x), [(3, 4)]),
    (lambda x: F.tanh(x) + F.sigmoid(x) + F.softsign(x), [(3, 4)]),
    (lambda x, w: F.prelu(x, w), [(2, 3), (3,)]),
    (lambda x: F.glu(x, 1), [(2, 4)]),
    (lambda x, w, b: F.batch_norm(x, None, None, w, b, True), [(4, 3), (3,), (3,)]),
    (lambda x: F.pad(x, (1, 1, 2, 0), "reflect"), [(1, 1, 3, 3)]),
    (lambda x: F.upsample_bilinear(x, scale_factor=2), [(1, 1, 2, 2)]),
    (lambda x: F.upsample_nearest(x, size=(3, 5)), [(1, 2, 2, 3)]),
    (lambda x: F.pad(x, (2, 1, 0, 1), "replicate"), [(1, 1, 2, 3)]),
    (lambda x: F.pad(x, (1, 0, 1, 1, 0, 2), "replicate"), [(1, 1, 2, 2, 2)]),
    (lambda x, w: F.conv3d(x, w, stride=(1, 2, 1), padding=1), [(1, 2, 3, 3, 2), (2, 2, 2, 2, 2)]),
    (lambda x, w: F.conv_transpose3d(x, w, stride=2, output_padding=1),
     [(1, 2, 2, 1, 2), (2, 1, 2, 2, 2)]),
    (lambda x: F.max_pool3d(x, 2, 1, 1), [(1, 1, 3, 2, 3)]),
    (lambda x: F.avg_pool3d(x, 3, 2, 1, count_include_pad=False), [(1, 1, 3, 4, 3)]),
])
def test_gradgradcheck(fn, shapes):
    assert gradgradcheck(fn, [_dv(*s) for s in shapes], eps=1e-6, atol=1e-4)


def test_gradient_penalty_through_convnet():
    """d/dparams of ||d out / d input||^2 (WGAN-GP style) matches finite differences."""
    ptorch.manual_seed(5)
    net = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.ELU(), nn.MaxPool2d(2),
                        nn.Conv2d(3, 2, 2), nn.Tanh()).double()
    x = D(RNG.randn(2, 2, 4, 4))
    params = list(net.parameters())

    def penalty(*ps):
        saved = [(m, k) for m in net.modules() for k in m._parameters]
        old = [m._parameters[k] for m, k in saved]
        for (m, k), new in zip(saved, ps):
            m._parameters[k] = new
        try:
            out = net(x).sum()
            g, = ptorch.autograd.grad([out], [x], create_graph=True)
            return (g * g).sum()
        finally:
            for (m, k), o in zip(saved, old):
                m._parameters[k] = o
    ps = [Variable(q.data.clone(), requires_grad=True) for q in params]
    assert gradcheck(penalty, ps, eps=1e-6, atol=1e-5)
    # and through a module's own parameters, accumulating .grad
    out = net(x).sum()
    g, = ptorch.autograd.grad([out], [x], create_graph=True)
    (g * g).sum().backward()
    assert all(q.grad is not None and q.grad.data.abs().sum() > 0 for q in params)


# ---- train / eval ----

def test_dropout_train_and_eval():
    ptorch.manual_seed(0)
    m = nn.Dropout(0.4)
    x = Variable(ptorch.ones(100, 100), requires_grad=True)
    y = m(x)
    a = y.data.numpy()
    kept = a != 0
    assert 0.55 < kept.mean() < 0.65
    np.testing.assert_allclose(a[kept], 1 / 0.6, rtol=1e-6)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad.data.numpy(), a)
    m.eval()
    assert m(x) is x
    assert F.dropout(x, 0.5, training=False) is x
    z = F.dropout(x, 1.0, training=True)
    assert z.data.abs().sum() == 0
    with raises(ValueError, "dropout probability has to be between 0 and 1, but got 1.5"):
        nn.Dropout(1.5)


def test_feature_dropout_zeroes_channels():
    ptorch.manual_seed(1)
    for m, shape in ((nn.Dropout2d(0.5), (4, 30, 3, 3)), (nn.Dropout3d(0.5), (2, 30, 2, 2, 2))):
        y = m(Variable(ptorch.ones(*shape))).data.numpy()
        per_channel = y.reshape(shape[0], shape[1], -1)
        assert ((per_channel == 0).all(2) | (per_channel == 2).all(2)).all()
        assert 0.2 < (per_channel[:, :, 0] == 0).mean() < 0.8
        m.eval()
        assert (m(Variable(ptorch.ones(*shape))).data.numpy() == 1).all()


def test_alpha_dropout_keeps_statistics():
    ptorch.manual_seed(2)
    x = Variable(ptorch.randn(200, 200).double())
    y = nn.AlphaDropout(0.2)(x).data.numpy()
    assert abs(y.mean()) < 0.05 and abs(y.std() - 1) < 0.05
    alpha = -1.7580993408473766
    a = ((1 - 0.2) * (1 + 0.2 * alpha ** 2)) ** -0.5
    dropped = alpha * a - a * alpha * 0.2
    assert 0.17 < np.isclose(y, dropped).mean() < 0.23  # dropped values share one value


def test_rrelu_train_and_eval():
    ptorch.manual_seed(3)
    m = nn.RReLU(0.1, 0.3)
    x = Variable(-ptorch.ones(1000).double())
    y = m(x).data.numpy()
    assert (y <= -0.1).all() and (y >= -0.3).all() and y.std() > 0.03
    m.eval()
    np.testing.assert_allclose(m(x).data.numpy(), -0.2)


def test_batch_norm_running_stats_and_eval():
    bn = nn.BatchNorm1d(3, momentum=0.5).double()
    x = RNG.randn(6, 3) * 2 + 1
    bn(D(x))
    np.testing.assert_allclose(bn.running_mean.numpy(), 0.5 * x.mean(0), rtol=1e-10)
    np.testing.assert_allclose(bn.running_var.numpy(), 0.5 + 0.5 * x.var(0, ddof=1),
                               rtol=1e-10)
    bn.eval()
    y = bn(D(x)).data.numpy()
    rm, rv = bn.running_mean.numpy(), bn.running_var.numpy()
    w, b = bn.weight.data.numpy(), bn.bias.data.numpy()
    np.testing.assert_allclose(y, (x - rm) / np.sqrt(rv + 1e-5) * w + b, rtol=1e-10)
    assert gradcheck(bn, [D(x)])
    before = bn.running_mean.clone()
    bn(D(x))
    np.testing.assert_array_equal(bn.running_mean.numpy(), before.numpy())
    bn.train()
    with raises(ValueError, "expected more than 1 value per channel when training"):
        bn(D(RNG.randn(1, 3)))


def test_instance_norm_running_stats():
    m = nn.InstanceNorm1d(2).double()
    x = RNG.randn(3, 2, 5)
    m(D(x))
    per = x.mean(2)
    np.testing.assert_allclose(m.running_mean.numpy(), 0.1 * per.mean(0), rtol=1e-10)


def test_inplace_activations():
    x = Variable(ptorch.DoubleTensor([-1.0, 2.0]))
    y = F.relu(x, inplace=True)
    assert y is x and x.data.tolist() == [0.0, 2.0]
    z = Variable(ptorch.DoubleTensor([-1.0, 2.0]))
    nn.ELU(inplace=True)(z)
    assert z.data[0] == pytest.approx(np.exp(-1) - 1)
    g = Variable(ptorch.DoubleTensor([-1.0, 2.0]), requires_grad=True)
    out = F.leaky_relu(g, 0.5, inplace=True)  # under autograd: a new Variable
    out.sum().backward()
    assert g.grad.data.tolist() == [0.5, 1.0] and g.data.tolist() == [-1.0, 2.0]


# ---- bad input ----

def test_conv_bad_input():
    conv = nn.Conv2d(3, 16, 3)
    with raises(ValueError, "Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1)) expected input "
                            "with 3 channels, got [8 x 4 x 32 x 32]"):
        conv(Variable(ptorch.randn(8, 4, 32, 32)))
    with raises(ValueError, "expected 4-D input (batch, channels, spatial dims), got "
                            "[3 x 32 x 32]"):
        conv(Variable(ptorch.randn(3, 32, 32)))
    with raises(ValueError, "smaller than the kernel"):
        conv(Variable(ptorch.randn(1, 3, 2, 5)))
    with raises(TypeError, "input is a ptorch.DoubleTensor but weight is a ptorch.FloatTensor"):
        conv(Variable(ptorch.randn(1, 3, 5, 5).double()))
    with raises(ValueError, "in_channels (3) must be divisible by groups (2)"):
        nn.Conv2d(3, 4, 3, groups=2)
    with raises(ValueError, "Conv1d(2, 2, kernel_size=(3,), stride=(1,)) expected 3-D input"):
        nn.Conv1d(2, 2, 3)(Variable(ptorch.randn(2, 5)))
    with raises(ValueError, "output_padding (2, 2) must be smaller than stride (2, 2)"):
        F.conv_transpose2d(Variable(ptorch.randn(1, 1, 2, 2)), Variable(ptorch.randn(1, 1, 2, 2)),
                           stride=2, output_padding=2)


def test_linear_and_norm_bad_input():
    with raises(ValueError, "Linear (4 -> 3) expected input with 4 features in its last "
                            "dimension, got [2 x 5]"):
        nn.Linear(4, 3)(Variable(ptorch.randn(2, 5)))
    with raises(ValueError, "BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True) expected "
                            "input with 3 channels, got [2 x 4 x 2 x 2]"):
        nn.BatchNorm2d(3)(Variable(ptorch.randn(2, 4, 2, 2)))
    with raises(ValueError, "expected 4-D input, got [2 x 3 x 2]"):
        nn.BatchNorm2d(3)(Variable(ptorch.randn(2, 3, 2)))
    with raises(ValueError, "MaxPool2d (size=2, stride=2, padding=0, dilation=1, "
                            "ceil_mode=False) expected 4-D input, got [3 x 4]"):
        nn.MaxPool2d(2)(Variable(ptorch.randn(3, 4)))
    with raises(ValueError, "prelu: weight has 3 elements but input of size [2 x 4] has 4 "
                            "channels"):
        nn.PReLU(3)(Variable(ptorch.randn(2, 4)))
    with raises(IndexError, "softmax: dimension 2 out of range for a 2-D input"):
        F.softmax(Variable(ptorch.randn(2, 3)), 2)


def test_class_target_errors():
    x = Variable(ptorch.randn(3, 4))
    with raises(TypeError, "nll_loss: expected a LongTensor of class indices as target, got "
                           "FloatTensor"):
        F.nll_loss(x, Variable(ptorch.FloatTensor([0, 1, 2])))
    with raises(IndexError, "nll_loss: target 4 is out of bounds for 4 classes"):
        nn.CrossEntropyLoss()(x, Variable(ptorch.LongTensor([0, 4, 1])))
    with raises(IndexError, "target -1 is out of bounds"):
        F.cross_entropy(x, Variable(ptorch.LongTensor([0, -1, 1])))
    with raises(ValueError, "nll_loss: expected target of size [3] for input of size [3 x 4], "
                            "got [2]"):
        F.nll_loss(x, Variable(ptorch.LongTensor([0, 1])))
    with raises(ValueError, "nll_loss: weight has 3 elements, but input of size [3 x 4] has 4 "
                            "classes"):
        F.nll_loss(x, Variable(ptorch.LongTensor([0, 1, 2])), weight=ptorch.ones(3))
    with raises(ValueError, "mse_loss: target size [3 x 5] must be the same as input size "
                            "[3 x 4]"):
        F.mse_loss(x, Variable(ptorch.randn(3, 5)))
    with raises(ValueError, "input values must be probabilities in [0, 1]"):
        F.binary_cross_entropy(x * 5, Variable(ptorch.rand(3, 4)))
    with raises(ValueError, "only p == 1 and p == 2 supported, got 3"):
        nn.MultiMarginLoss(p=3)


def test_embedding_bad_input():
    emb = nn.Embedding(5, 2)
    with raises(TypeError, "Embedding(5, 2) expected a LongTensor of indices, got FloatTensor"):
        emb(Variable(ptorch.FloatTensor([1, 2])))
    with raises(IndexError, "Embedding(5, 2): index 5 is out of range for 5 embeddings"):
        emb(Variable(ptorch.LongTensor([1, 5])))


# ---- grid_sample ----

def test_grid_sample_identity_and_gradients():
    x = D(RNG.randn(2, 3, 4, 5))
    theta = D(np.tile([[1.0, 0, 0], [0, 1, 0]], (2, 1, 1)))
    grid = F.affine_grid(theta, (2, 3, 4, 5))
    np.testing.assert_allclose(F.grid_sample(x, grid).data.numpy(), x.data.numpy(),
                               rtol=1e-12, atol=1e-12)
    # half-pixel shifts average neighbours; points beyond the border read zeros
    g = np.zeros((1, 1, 3, 2))
    g[0, 0] = [[0, -1], [-1.5, -1], [-1 + 2 / 3, -1]]  # x in [-1, 1] over 4 columns
    row = RNG.randn(1, 1, 1, 4)
    out = F.grid_sample(D(row), D(g)).data.numpy()[0, 0, 0]
    np.testing.assert_allclose(out, [(row[0, 0, 0, 1] + row[0, 0, 0, 2]) / 2,
                                     row[0, 0, 0, 0] * 0.25, row[0, 0, 0, 1]], rtol=1e-12)
    grid = D(RNG.uniform(-1.1, 1.1, (2, 3, 2, 2)))
    assert gradcheck(lambda a, b: F.grid_sample(a, b), [x, grid], eps=1e-6, atol=1e-5)
    gx, = ptorch.autograd.grad([F.grid_sample(x, grid).sum()], [x], create_graph=True)
    with raises(RuntimeError, "marked with @once_differentiable"):
        gx.sum().backward()


def test_grid_sample_bad_input():
    x = D(RNG.randn(1, 1, 3, 3))
    with raises(ValueError, "grid_sample: expected grid of size [1 x H x W x 2], got [1 x 2 x 2]"):
        F.grid_sample(x, D(np.zeros((1, 2, 2))))
    with raises(ValueError, "grid_sample: expected 4-D input, got size [1 x 3 x 3]"):
        F.grid_sample(D(np.zeros((1, 3, 3))), D(np.zeros((1, 2, 2, 2))))
    with raises(ValueError, "mode 'nearest' is not supported"):
        F.grid_sample(x, D(np.zeros((1, 2, 2, 2))), mode="nearest")
    with raises(TypeError, "grid_sample: input is a ptorch.DoubleTensor but grid is a "
                           "ptorch.FloatTensor"):
        F.grid_sample(x, Variable(ptorch.zeros(1, 2, 2, 2)))


# ---- volumetric layers ----

def p_(param):
    return param.data.numpy().astype(np.float64)


def _conv3d_ref(x, w, b, stride, pad, dil):
    k = w.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0)) + tuple((p, p) for p in pad))
    osz = [(x.shape[2 + i] + 2 * pad[i] - dil[i] * (k[i] - 1) - 1) // stride[i] + 1
           for i in range(3)]
    out = np.zeros((x.shape[0], w.shape[0], *osz)) + b.reshape(1, -1, 1, 1, 1)
    for off in np.ndindex(*k):
        sl = tuple(slice(off[i] * dil[i], off[i] * dil[i] + stride[i] * (osz[i] - 1) + 1,
                         stride[i]) for i in range(3))
        out += np.einsum("ncdhw,oc->nodhw", xp[(Ellipsis,) + sl], w[(Ellipsis,) + off])
    return out


def test_volumetric_layers_against_reference():
    x = RNG.randn(2, 4, 4, 5, 3)
    w = RNG.randn(6, 2, 3, 2, 2)
    b = RNG.randn(6)
    args = ((2, 1, 1), (1, 0, 1), (1, 2, 1))
    out = F.conv3d(D(x), D(w), D(b), *args, groups=2).data.numpy()
    for g in range(2):
        np.testing.assert_allclose(out[:, 3 * g:3 * g + 3],
                                   _conv3d_ref(x[:, 2 * g:2 * g + 2], w[3 * g:3 * g + 3],
                                               b[3 * g:3 * g + 3], *args),
                                   rtol=1e-10, atol=1e-10)
    m = nn.Conv3d(4, 6, (3, 2, 2), *args, groups=2)
    xf = Variable(ptorch.FloatTensor(x.astype(np.float32)))
    np.testing.assert_allclose(m(xf).data.numpy(), np.concatenate(
        [_conv3d_ref(x[:, 2 * g:2 * g + 2], p_(m.weight)[3 * g:3 * g + 3],
                     p_(m.bias)[3 * g:3 * g + 3], *args) for g in range(2)], 1),
        rtol=1e-4, atol=1e-4)
    # transposed convolution is the adjoint of the convolution: <conv(x), y> = <x, convT(y)>
    w1 = D(RNG.randn(3, 2, 2, 3, 2))
    xa, ya = D(RNG.randn(1, 2, 5, 6, 4)), D(RNG.randn(1, 3, 3, 3, 3))
    lhs = (F.conv3d(xa, w1, None, 2, 1, 1) * ya).sum().data[0]
    rhs = (xa * F.conv_transpose3d(ya, w1, None, 2, 1, (1, 1, 0))).sum().data[0]
    np.testing.assert_allclose(lhs, rhs, rtol=1e-10)


def test_max_pool3d_indices_and_unpool():
    x = D(RNG.randn(1, 2, 4, 4, 6))
    y, idx = F.max_pool3d(x, 2, return_indices=True)
    blocks = x.data.numpy().reshape(1, 2, 2, 2, 2, 2, 3, 2).transpose(0, 1, 2, 4, 6, 3, 5, 7)
    np.testing.assert_allclose(y.data.numpy(), blocks.reshape(1, 2, 2, 2, 3, 8).max(-1))
    flat = x.data.numpy().reshape(1, 2, -1)
    np.testing.assert_allclose(np.take_along_axis(flat, idx.data.numpy().reshape(1, 2, -1), 2),
                               y.data.numpy().reshape(1, 2, -1))
    pool, unpool = nn.MaxPool3d(2, return_indices=True), nn.MaxUnpool3d(2)
    z = unpool(*pool(x))
    assert z.size() == x.size()
    assert (z.data.numpy() != 0).sum() == y.numel()
    np.testing.assert_allclose(z.data.numpy().max(), x.data.numpy().max())
    assert gradcheck(lambda a: unpool(pool(a)[0], idx), [x])
    assert F.max_unpool3d(y, idx, 2, output_size=(5, 4, 7)).size() == ptorch.Size([1, 2, 5, 4, 7])
    with raises(ValueError, "max_unpool: invalid output_size"):
        F.max_unpool3d(y, idx, 2, output_size=(2, 4, 6))
    with raises(ValueError, "max_pool3d: padding (2, 0, 0) must be at most half of the kernel"):
        F.max_pool3d(x, 2, padding=(2, 0, 0))
    with raises(ValueError, "max_unpool3d: expected 5-D input"):
        F.max_unpool3d(D(np.zeros((1, 2, 2))), idx, 2)


def test_fractional_max_pool_with_samples():
    x = D(RNG.randn(2, 2, 7, 6))
    samples = ptorch.DoubleTensor(RNG.uniform(0, 1, (2, 2, 2)))
    m = nn.FractionalMaxPool2d((3, 2), output_size=(3, 4), return_indices=True,
                               _random_samples=samples)
    out, idx = m(x)
    flat = x.data.numpy().reshape(2, 2, -1)
    np.testing.assert_array_equal(
        np.take_along_axis(flat, idx.data.numpy().reshape(2, 2, -1), 2).reshape(2, 2, 3, 4),
        out.data.numpy())
    # the last window ends at the input's end, the first starts at 0
    assert (idx.data.numpy()[:, :, -1, -1] // 6 >= 4).all()
    assert gradcheck(lambda a: m(a)[0], [x])
    assert gradgradcheck(lambda a: m(a)[0], [x])
    with raises(ValueError, "_random_samples must have size [2 x 2 x 2], got [2 x 2]"):
        nn.FractionalMaxPool2d(2, output_size=3, _random_samples=ptorch.rand(2, 2))(x)
    ptorch.manual_seed(3)
    out1 = nn.FractionalMaxPool2d(2, output_ratio=0.5)(Variable(ptorch.randn(1, 1, 8, 8)))
    assert out1.size() == ptorch.Size([1, 1, 4, 4])


@pytest.mark.parametrize("fn,args", [
    (F.relu, (3,)), (F.conv2d, ((1, 2), None)), (F.mse_loss, ("abc", "abc")),
    (F.softmax, (None,)), (F.max_pool2d, ([1.0], 2))])
def test_non_tensor_arguments_are_type_errors(fn, args):
    with pytest.raises(TypeError, match=rf"{fn.__name__}\(\): argument '\w+' must be a Variable"):
        fn(*args)


def test_optional_tensor_argument_type_is_checked():
    x = Variable(ptorch.randn(2, 3))
    with pytest.raises(TypeError, match=r"linear\(\): argument 'bias' must be a Variable, got str"):
        F.linear(x, Variable(ptorch.randn(4, 3)), "b")
    with pytest.raises(TypeError, match=r"nll_loss\(\): argument 'weight' must be a Variable or "
                                        r"a tensor, got list"):
        F.nll_loss(x, Variable(ptorch.LongTensor([0, 1])), [1, 2, 3])


def test_plain_tensors_are_taken_as_variables():
    # Plain tensors used to reach `.data` deep inside (AttributeError); they are wrapped,
    # and a plain result comes back.
    x = ptorch.randn(1, 1, 2, 2)
    out = F.pad(x, (1, 1, 1, 1))
    assert isinstance(out, ptorch.FloatTensor) and out.size() == (1, 1, 4, 4)
    y = F.conv2d(x, ptorch.ones(1, 1, 2, 2))
    assert isinstance(y, ptorch.FloatTensor)
    assert abs(y[0, 0, 0, 0] - x.sum()) < 1e-5
    v = F.conv2d(Variable(x), ptorch.ones(1, 1, 2, 2))
    assert isinstance(v, Variable)


def test_lp_pool_and_pixel_shuffle_reject_zero():
    x = Variable(ptorch.randn(1, 4, 2, 2))
    with raises(ValueError, "lp_pool2d: norm_type must be a non-zero number, got 0"):
        F.lp_pool2d(x, 0, 2)
    with raises(ValueError, "pixel_shuffle: upscale_factor must be a positive int, got 0"):
        F.pixel_shuffle(x, 0)
