"""Convolution layers Conv1d/2d/3d and ConvTranspose1d/2d/3d."""
import math

from ..module import Module
from ..parameter import Parameter
from .. import functional as F


def _ntuple(x, n):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,) * n


class _ConvNd(Module):
    _nd = 2
    _transposed = False

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True, output_padding=0):
        super().__init__()
        name = type(self).__name__
        if in_channels % groups:
            raise ValueError(f"{name}: in_channels ({in_channels}) must be divisible by "
                             f"groups ({groups})")
        if out_channels % groups:
            raise ValueError(f"{name}: out_channels ({out_channels}) must be divisible by "
                             f"groups ({groups})")
        n = self._nd
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size = _ntuple(kernel_size, n)
        self.stride = _ntuple(stride, n)
        self.padding = _ntuple(padding, n)
        self.dilation = _ntuple(dilation, n)
        self.output_padding = _ntuple(output_padding, n)
        self.transposed = self._transposed
        self.groups = groups
        from ... import Tensor
        if self._transposed:
            wsize = (in_channels, out_channels // groups) + self.kernel_size
        else:
            wsize = (out_channels, in_channels // groups) + self.kernel_size
        self.weight = Parameter(Tensor(*wsize))
        if bias:
            self.bias = Parameter(Tensor(out_channels))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        n = self.in_channels
        for k in self.kernel_size:
            n *= k
        stdv = 1. / math.sqrt(n)
        self.weight.data.uniform_(-stdv, stdv)
        if self.bias is not None:
            self.bias.data.uniform_(-stdv, stdv)

    def _check_input(self, input):
        want = self._nd + 2
        if input.dim() != want:
            raise ValueError(f"{self!r} expected {want}-D input (batch, channels, "
                             f"{'spatial dims' if self._nd > 1 else 'length'}), got "
                             f"{F._fmt(input.size())}")
        if input.size(1) != self.in_channels:
            raise ValueError(f"{self!r} expected input with {self.in_channels} channels, got "
                             f"{F._fmt(input.size())}")

    def __repr__(self):
        s = (f"{type(self).__name__}({self.in_channels}, {self.out_channels}, "
             f"kernel_size={self.kernel_size}, stride={self.stride}")
        if self.padding != (0,) * self._nd:
            s += f", padding={self.padding}"
        if self.dilation != (1,) * self._nd:
            s += f", dilation={self.dilation}"
        if self.output_padding != (0,) * self._nd:
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        return s + ")"


class _Conv(_ConvNd):
    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias)

    def forward(self, input):
        self._check_input(input)
        return self._fn(input, self.weight, self.bias, self.stride, self.padding,
                        self.dilation, self.groups)


class Conv1d(_Conv):
    _nd = 1
    _fn = staticmethod(F.conv1d)


class Conv2d(_Conv):
    _nd = 2
    _fn = staticmethod(F.conv2d)


class Conv3d(_Conv):
    _nd = 3
    _fn = staticmethod(F.conv3d)


class _ConvTranspose(_ConvNd):
    _transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1):
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         groups, bias, output_padding)

    def _output_padding(self, input, output_size):
        if output_size is None:
            return self.output_padding
        output_size = list(output_size)[-self._nd:]
        op = []
        for i in range(self._nd):
            lo = ((input.size(2 + i) - 1) * self.stride[i] - 2 * self.padding[i] +
                  self.dilation[i] * (self.kernel_size[i] - 1) + 1)
            if not lo <= output_size[i] < lo + self.stride[i]:
                raise ValueError(f"{self!r}: requested output size {output_size} is not "
                                 f"reachable (dimension {i} must be in [{lo}, "
                                 f"{lo + self.stride[i] - 1}])")
            op.append(output_size[i] - lo)
        return tuple(op)

    def forward(self, input, output_size=None):
        self._check_input(input)
        op = self._output_padding(input, output_size)
        return self._fn(input, self.weight, self.bias, self.stride, self.padding, op,
                        self.groups, self.dilation)


class ConvTranspose1d(_ConvTranspose):
    _nd = 1
    _fn = staticmethod(F.conv_transpose1d)


class ConvTranspose2d(_ConvTranspose):
    _nd = 2
    _fn = staticmethod(F.conv_transpose2d)


class ConvTranspose3d(_ConvTranspose):
    _nd = 3
    _fn = staticmethod(F.conv_transpose3d)
