"""Pooling layers (max, unpool, average, power-average, adaptive)."""
from ..module import Module
from .. import functional as F


class _Pool(Module):
    _fn = None
    _nd = 2

    def _check(self, input):
        want = self._nd + 2
        if input.dim() != want:
            raise ValueError(f"{self!r} expected {want}-D input, got {F._fmt(input.size())}")


class _MaxPoolNd(_Pool):
    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False,
                 ceil_mode=False):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def forward(self, input):
        self._check(input)
        return type(self)._fn(input, self.kernel_size, self.stride, self.padding,
                              self.dilation, self.ceil_mode, self.return_indices)

    def __repr__(self):
        return (f"{type(self).__name__} (size={self.kernel_size}, stride={self.stride}, "
                f"padding={self.padding}, dilation={self.dilation}, "
                f"ceil_mode={self.ceil_mode})")


class MaxPool1d(_MaxPoolNd):
    _nd = 1
    _fn = staticmethod(F.max_pool1d)


class MaxPool2d(_MaxPoolNd):
    _fn = staticmethod(F.max_pool2d)


class MaxPool3d(_MaxPoolNd):
    _nd = 3
    _fn = staticmethod(F.max_pool3d)


class _MaxUnpoolNd(_Pool):
    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding = padding

    def forward(self, input, indices, output_size=None):
        self._check(input)
        return type(self)._fn(input, indices, self.kernel_size, self.stride, self.padding,
                              output_size)

    def __repr__(self):
        return f"{type(self).__name__} (size={self.kernel_size}, stride={self.stride})"


class MaxUnpool1d(_MaxUnpoolNd):
    _nd = 1
    _fn = staticmethod(F.max_unpool1d)


class MaxUnpool2d(_MaxUnpoolNd):
    _fn = staticmethod(F.max_unpool2d)


class MaxUnpool3d(_MaxUnpoolNd):
    _nd = 3
    _fn = staticmethod(F.max_unpool3d)


class _AvgPoolNd(_Pool):
    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False,
                 count_include_pad=True):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad = count_include_pad

    def forward(self, input):
        self._check(input)
        return type(self)._fn(input, self.kernel_size, self.stride, self.padding,
                              self.ceil_mode, self.count_include_pad)

    def __repr__(self):
        return (f"{type(self).__name__} (size={self.kernel_size}, stride={self.stride}, "
                f"padding={self.padding})")


class AvgPool1d(_AvgPoolNd):
    _nd = 1
    _fn = staticmethod(F.avg_pool1d)


class AvgPool2d(_AvgPoolNd):
    _fn = staticmethod(F.avg_pool2d)


class AvgPool3d(_AvgPoolNd):
    _nd = 3
    _fn = staticmethod(F.avg_pool3d)


class LPPool2d(_Pool):
    def __init__(self, norm_type, kernel_size, stride=None, ceil_mode=False):
        super().__init__()
        self.norm_type, self.kernel_size = norm_type, kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.ceil_mode = ceil_mode

    def forward(self, input):
        self._check(input)
        return F.lp_pool2d(input, self.norm_type, self.kernel_size, self.stride,
                           self.ceil_mode)

    def __repr__(self):
        return (f"LPPool2d ({self.norm_type}, {self.kernel_size}, stride={self.stride}, "
                f"ceil_mode={self.ceil_mode})")


class _AdaptiveMax(_Pool):
    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.output_size, self.return_indices = output_size, return_indices

    def forward(self, input):
        self._check(input)
        return type(self)._fn(input, self.output_size, self.return_indices)

    def __repr__(self):
        return f"{type(self).__name__} (output_size={self.output_size})"


class AdaptiveMaxPool1d(_AdaptiveMax):
    _nd = 1
    _fn = staticmethod(F.adaptive_max_pool1d)


class AdaptiveMaxPool2d(_AdaptiveMax):
    _fn = staticmethod(F.adaptive_max_pool2d)


class _AdaptiveAvg(_Pool):
    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def forward(self, input):
        self._check(input)
        return type(self)._fn(input, self.output_size)

    def __repr__(self):
        return f"{type(self).__name__} (output_size={self.output_size})"


class AdaptiveAvgPool1d(_AdaptiveAvg):
    _nd = 1
    _fn = staticmethod(F.adaptive_avg_pool1d)


class AdaptiveAvgPool2d(_AdaptiveAvg):
    _fn = staticmethod(F.adaptive_avg_pool2d)
