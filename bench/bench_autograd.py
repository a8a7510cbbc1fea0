"""Autograd benchmark rows: the per-op cost of recording a graph and running backward on
tiny Variables (where Python overhead is everything), against PyTorch's autograd."""
import numpy as np

import ptorch
from run import row, torch


def _leaves(fw, *shapes):
    rng = np.random.default_rng(0)
    arrays = [rng.standard_normal(s) for s in shapes]
    if fw == "ptorch":
        from ptorch.autograd import Variable
        return [Variable(ptorch.from_numpy(a), requires_grad=True) for a in arrays]
    if fw == "torch":
        return [torch.from_numpy(a).requires_grad_() for a in arrays]
    return None


@row("(x * y).sum().backward(), 10 doubles")
def mul_sum_backward(fw):
    leaves = _leaves(fw, (10,), (10,))
    if leaves is None:
        return None
    x, y = leaves
    return lambda: (x * y).sum().backward()


@row("x * y (recorded), 10 doubles")
def mul_recorded(fw):
    leaves = _leaves(fw, (10,), (10,))
    if leaves is None:
        return None
    x, y = leaves
    return lambda: x * y


@row("tanh(x.mm(w) + b).sum().backward(), 4x8x8")
def layer_backward(fw):
    leaves = _leaves(fw, (4, 8), (8, 8), (8,))
    if leaves is None:
        return None
    x, w, b = leaves
    return lambda: (x.mm(w) + b).tanh().sum().backward()


@row("MLP 784-512-256-10 fwd+bwd, batch 128, Variable ops")
def mlp_variable_ops(fw):
    rng = np.random.default_rng(0)
    shapes = [(128, 784), (784, 512), (512,), (512, 256), (256,), (256, 10), (10,)]
    arrays = [(rng.standard_normal(s) * 0.05).astype(np.float32) for s in shapes]
    if fw == "ptorch":
        from ptorch.autograd import Variable
        x, w1, b1, w2, b2, w3, b3 = [Variable(ptorch.from_numpy(a), requires_grad=i > 0)
                                     for i, a in enumerate(arrays)]
    elif fw == "torch":
        x, w1, b1, w2, b2, w3, b3 = [torch.from_numpy(a).requires_grad_(i > 0)
                                     for i, a in enumerate(arrays)]
    else:
        return None

    def step():
        h = (x.mm(w1) + b1).clamp(min=0)
        h = (h.mm(w2) + b2).clamp(min=0)
        (h.mm(w3) + b3).sum().backward()
    return step
