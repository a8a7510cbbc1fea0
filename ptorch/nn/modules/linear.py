"""Linear and Bilinear layers."""
import math

from ..module import Module
from ..parameter import Parameter
from .. import functional as F


def _new_tensor(*size):
    from ... import Tensor
    return Tensor(*size)


class Linear(Module):
    """y = x A^T + b; weight [out_features x in_features], U(-1/sqrt(in), 1/sqrt(in))."""

    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(_new_tensor(out_features, in_features))
        if bias:
            self.bias = Parameter(_new_tensor(out_features))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1. / math.sqrt(self.weight.size(1))
        self.weight.data.uniform_(-stdv, stdv)
        if self.bias is not None:
            self.bias.data.uniform_(-stdv, stdv)

    def forward(self, input):
        if input.dim() < 1 or input.size(-1) != self.in_features:
            raise ValueError(f"{self!r} expected input with {self.in_features} features in "
                             f"its last dimension, got {F._fmt(input.size())}")
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")

    def __repr__(self):
        return f"{type(self).__name__} ({self.in_features} -> {self.out_features})"


class Bilinear(Module):
    """y = x1^T A x2 + b; weight [out x in1 x in2], U(-1/sqrt(in1), 1/sqrt(in1))."""

    def __init__(self, in1_features, in2_features, out_features, bias=True):
        super().__init__()
        self.in1_features, self.in2_features = in1_features, in2_features
        self.out_features = out_features
        self.weight = Parameter(_new_tensor(out_features, in1_features, in2_features))
        if bias:
            self.bias = Parameter(_new_tensor(out_features))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1. / math.sqrt(self.weight.size(1))
        self.weight.data.uniform_(-stdv, stdv)
        if self.bias is not None:
            self.bias.data.uniform_(-stdv, stdv)

    def forward(self, input1, input2):
        for i, (x, n) in enumerate(((input1, self.in1_features), (input2, self.in2_features))):
            if x.dim() != 2 or x.size(1) != n:
                raise ValueError(f"{self!r} expected input{i + 1} of size [N x {n}], got "
                                 f"{F._fmt(x.size())}")
        if input1.size(0) != input2.size(0):
            raise ValueError(f"{self!r}: inputs have different batch sizes "
                             f"{input1.size(0)} and {input2.size(0)}")
        return F.bilinear(input1, input2, self.weight, self.bias)

    def __repr__(self):
        return (f"Bilinear (in1_features={self.in1_features}, in2_features="
                f"{self.in2_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None})")

