"""Padding layers."""
from ..module import Module
from .. import functional as F


def _pairs(padding, n):
    if isinstance(padding, int):
        return (padding,) * (2 * n)
    padding = tuple(padding)
    if len(padding) != 2 * n:
        raise ValueError(f"padding must be an int or a tuple of {2 * n} ints, got {padding}")
    return padding


class _PadNd(Module):
    _mode = "constant"
    _nd = 2

    def __init__(self, padding, value=0):
        super().__init__()
        self.padding = _pairs(padding, self._nd)
        self.value = value

    def forward(self, input):
        want = self._nd + 2
        if input.dim() != want:
            raise ValueError(f"{self!r} expected {want}-D input, got {F._fmt(input.size())}")
        return F.pad(input, self.padding, self._mode, self.value)

    def __repr__(self):
        return f"{type(self).__name__} {self.padding}"


class ReflectionPad2d(_PadNd):
    _mode = "reflect"


class ReplicationPad2d(_PadNd):
    _mode = "replicate"


class ReplicationPad3d(_PadNd):
    _mode = "replicate"
    _nd = 3


class ConstantPad2d(_PadNd):
    def __init__(self, padding, value):
        super().__init__(padding, value)


class ZeroPad2d(_PadNd):
    def __init__(self, padding):
        super().__init__(padding, 0)
