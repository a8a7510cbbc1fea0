"""Activation layers (thin modules over nn.functional)."""
from ..module import Module
from ..parameter import Parameter
from .. import functional as F


class Threshold(Module):
    """y = x if x > threshold else value."""

    def __init__(self, threshold, value, inplace=False):
        super().__init__()
        self.threshold, self.value, self.inplace = threshold, value, inplace

    def forward(self, input):
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def __repr__(self):
        return f"{type(self).__name__} ({self.threshold}, {self.value})"


class ReLU(Threshold):
    def __init__(self, inplace=False):
        super().__init__(0, 0, inplace)

    def __repr__(self):
        return "ReLU (inplace)" if self.inplace else "ReLU ()"


class RReLU(Module):
    def __init__(self, lower=1. / 8, upper=1. / 3, inplace=False):
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input):
        return F.rrelu(input, self.lower, self.upper, self.training, self.inplace)

    def __repr__(self):
        return f"RReLU ({self.lower}, {self.upper})"


class Hardtanh(Module):
    def __init__(self, min_val=-1, max_val=1, inplace=False, min_value=None, max_value=None):
        super().__init__()
        self.min_val = min_value if min_value is not None else min_val
        self.max_val = max_value if max_value is not None else max_val
        if self.min_val > self.max_val:
            raise ValueError(f"Hardtanh: min_val {self.min_val} must not exceed max_val "
                             f"{self.max_val}")
        self.inplace = inplace

    def forward(self, input):
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def __repr__(self):
        return f"{type(self).__name__} (min_val={self.min_val}, max_val={self.max_val})"


class ReLU6(Hardtanh):
    def __init__(self, inplace=False):
        super().__init__(0, 6, inplace)

    def __repr__(self):
        return "ReLU6 ()"


class _Simple(Module):
    _fn = None

    def forward(self, input):
        return type(self)._fn(input)

    def __repr__(self):
        return f"{type(self).__name__} ()"


class Sigmoid(_Simple):
    _fn = staticmethod(F.sigmoid)


class Tanh(_Simple):
    _fn = staticmethod(F.tanh)


class LogSigmoid(_Simple):
    _fn = staticmethod(F.logsigmoid)


class Softsign(_Simple):
    _fn = staticmethod(F.softsign)


class Tanhshrink(_Simple):
    _fn = staticmethod(F.tanhshrink)


class Softmax2d(_Simple):
    """Softmax over channels at each location of [N x C x H x W] input."""

    def forward(self, input):
        if input.dim() != 4:
            raise ValueError(f"Softmax2d expected 4-D input, got {F._fmt(input.size())}")
        return F.softmax(input, 1)


class _WithDim(Module):
    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def __repr__(self):
        return f"{type(self).__name__} ()"


class Softmax(_WithDim):
    def forward(self, input):
        return F.softmax(input, self.dim)


class Softmin(_WithDim):
    def forward(self, input):
        return F.softmin(input, self.dim)


class LogSoftmax(_WithDim):
    def forward(self, input):
        return F.log_softmax(input, self.dim)


class ELU(Module):
    def __init__(self, alpha=1., inplace=False):
        super().__init__()
        self.alpha, self.inplace = alpha, inplace

    def forward(self, input):
        return F.elu(input, self.alpha, self.inplace)

    def __repr__(self):
        return f"ELU (alpha={self.alpha})"


class SELU(Module):
    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace

    def forward(self, input):
        return F.selu(input, self.inplace)

    def __repr__(self):
        return "SELU ()"


class GLU(Module):
    def __init__(self, dim=-1):
        super().__init__()
        self.dim = dim

    def forward(self, input):
        return F.glu(input, self.dim)

    def __repr__(self):
        return f"GLU (dim={self.dim})"


class Hardshrink(Module):
    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def forward(self, input):
        return F.hardshrink(input, self.lambd)

    def __repr__(self):
        return f"{type(self).__name__} ({self.lambd})"


class Softshrink(Hardshrink):
    def forward(self, input):
        return F.softshrink(input, self.lambd)


class LeakyReLU(Module):
    def __init__(self, negative_slope=1e-2, inplace=False):
        super().__init__()
        self.negative_slope, self.inplace = negative_slope, inplace

    def forward(self, input):
        return F.leaky_relu(input, self.negative_slope, self.inplace)

    def __repr__(self):
        return f"LeakyReLU ({self.negative_slope})"


class Softplus(Module):
    def __init__(self, beta=1, threshold=20):
        super().__init__()
        self.beta, self.threshold = beta, threshold

    def forward(self, input):
        return F.softplus(input, self.beta, self.threshold)

    def __repr__(self):
        return f"Softplus (beta={self.beta}, threshold={self.threshold})"


class PReLU(Module):
    """max(0, x) + a * min(0, x) with a learnable a (one, or one per channel), init 0.25."""

    def __init__(self, num_parameters=1, init=0.25):
        super().__init__()
        from ... import Tensor
        self.num_parameters = num_parameters
        self.weight = Parameter(Tensor(num_parameters).fill_(init))

    def forward(self, input):
        return F.prelu(input, self.weight)

    def __repr__(self):
        return f"PReLU ({self.num_parameters})"
