"""nn benchmark rows: convolution, pooling, batch norm, two training steps and an LSTM, in
ptorch (0.2 API: Variable, nn.functional) against today's PyTorch (NumPy has no column).
Backward rows pass a fixed output gradient; leaf gradients accumulate (as in a training loop
that never zeroes them), which costs both frameworks the same."""
import numpy as np

import ptorch
from run import row, torch


def _rand(shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def _var(fw, a, grad=False):
    if fw == "ptorch":
        from ptorch.autograd import Variable
        return Variable(ptorch.from_numpy(a), requires_grad=grad)
    t = torch.from_numpy(a)
    return t.requires_grad_() if grad else t


def _F(fw):
    if fw == "ptorch":
        import ptorch.nn.functional as F
    else:
        import torch.nn.functional as F
    return F


def _conv_flops(n, cin, cout, hw, k):
    return 2 * n * cout * cin * k * k * hw * hw


_CONVS = [(32, 3, 64, 32), (32, 64, 128, 16)]


def _conv(fw, n, cin, cout, hw, backward):
    if fw == "numpy":
        return None
    F = _F(fw)
    x = _var(fw, _rand((n, cin, hw, hw)), backward)
    w = _var(fw, _rand((cout, cin, 3, 3), 1) * 0.1, backward)
    b = _var(fw, _rand((cout,), 2), backward)
    if not backward:
        return lambda: F.conv2d(x, w, b, padding=1)
    g = _var(fw, _rand((n, cout, hw, hw), 3))
    g = g.data if fw == "ptorch" else g
    return lambda: F.conv2d(x, w, b, padding=1).backward(g)


for _n, _cin, _cout, _hw in _CONVS:
    _flops = _conv_flops(_n, _cin, _cout, _hw, 3)
    row(f"conv2d {_n}x{_cin}x{_hw}x{_hw} -> {_cout}, 3x3 pad 1", "GFLOP/s", _flops)(
        lambda fw, a=(_n, _cin, _cout, _hw): _conv(fw, *a, False))
    row(f"conv2d {_n}x{_cin}x{_hw}x{_hw} -> {_cout}, fwd+bwd", "GFLOP/s", 3 * _flops)(
        lambda fw, a=(_n, _cin, _cout, _hw): _conv(fw, *a, True))


_MAP = (32, 64, 32, 32)


@row("max_pool2d 2x2 32x64x32x32, fwd+bwd")
def max_pool_fb(fw):
    if fw == "numpy":
        return None
    F = _F(fw)
    x = _var(fw, _rand(_MAP), True)
    g = _var(fw, _rand((32, 64, 16, 16), 1))
    g = g.data if fw == "ptorch" else g
    return lambda: F.max_pool2d(x, 2).backward(g)


@row("batch_norm (train) 32x64x32x32, fwd+bwd")
def batch_norm_fb(fw):
    if fw == "numpy":
        return None
    F = _F(fw)
    lib = ptorch if fw == "ptorch" else torch
    x = _var(fw, _rand(_MAP), True)
    w = _var(fw, _rand((64,), 1), True)
    b = _var(fw, _rand((64,), 2), True)
    rm, rv = lib.zeros(64), lib.ones(64)
    g = _var(fw, _rand(_MAP, 3))
    g = g.data if fw == "ptorch" else g
    return lambda: F.batch_norm(x, rm, rv, w, b, True, 0.1, 1e-5).backward(g)


def _nn(fw):
    if fw == "ptorch":
        import ptorch.nn as nn
        import ptorch.optim as optim
    else:
        import torch.nn as nn
        import torch.optim as optim
    return nn, optim


def _train_step(fw, model, forward, x, y):
    nn, optim = _nn(fw)
    F = _F(fw)
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(forward(x), y)
        loss.backward()
        opt.step()
    return step


def _labels(fw, n):
    y = np.random.default_rng(5).integers(0, 10, n)
    if fw == "ptorch":
        from ptorch.autograd import Variable
        return Variable(ptorch.from_numpy(y.astype(np.int64)))
    return torch.from_numpy(y.astype(np.int64))


@row("MLP 784-512-256-10 train step, batch 128")
def mlp_step(fw):
    if fw == "numpy":
        return None
    nn, _ = _nn(fw)
    if fw == "torch":
        torch.manual_seed(0)
    else:
        ptorch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                          nn.Linear(256, 10))
    x = _var(fw, _rand((128, 784)))
    return _train_step(fw, model, model, x, _labels(fw, 128))


@row("LeNet train step, batch 64 of 1x28x28")
def lenet_step(fw):
    if fw == "numpy":
        return None
    nn, _ = _nn(fw)
    F = _F(fw)
    model = nn.ModuleList([nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5), nn.Linear(16 * 4 * 4, 120),
                           nn.Linear(120, 84), nn.Linear(84, 10)])
    c1, c2, f1, f2, f3 = model

    def forward(x):
        x = F.max_pool2d(F.relu(c1(x)), 2)
        x = F.max_pool2d(F.relu(c2(x)), 2)
        x = x.view(x.size(0), -1)
        return f3(F.relu(f2(F.relu(f1(x)))))
    x = _var(fw, _rand((64, 1, 28, 28)))
    return _train_step(fw, model, forward, x, _labels(fw, 64))


@row("LSTM 200->200, seq 35 x batch 20, fwd+bwd")
def lstm_fb(fw):
    if fw == "numpy":
        return None
    nn, _ = _nn(fw)
    lstm = nn.LSTM(200, 200)
    x = _var(fw, _rand((35, 20, 200)))
    g = _var(fw, _rand((35, 20, 200), 1))
    g = g.data if fw == "ptorch" else g
    return lambda: lstm(x)[0].backward(g)
