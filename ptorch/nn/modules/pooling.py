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


def fractional_max_pool2d(input, kernel_size, output_size, return_indices=False,
                          _random_samples=None):
    """Max over kernel_size windows whose starts follow a pseudo-random sequence per sample
    and channel (samples [N x C x 2] in [0, 1), drawn when not given)."""
    from ...autograd import Variable
    from .._functions.pooling import FractionalMaxPool2d as _Fn
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    oh, ow = (output_size, output_size) if isinstance(output_size, int) else output_size
    if input.dim() != 4:
        raise ValueError(f"fractional_max_pool2d: expected 4-D input, got "
                         f"{F._fmt(input.size())}")
    n, c, h, w = input.size()
    if oh + kh - 1 > h or ow + kw - 1 > w:
        raise ValueError(f"fractional_max_pool2d: output size ({oh}, {ow}) with kernel "
                         f"({kh}, {kw}) is too large for input of size {F._fmt(input.size())}")
    samples = _random_samples
    if samples is None:
        samples = input.data.new(n, c, 2).uniform_()
    elif isinstance(samples, Variable):
        samples = samples.data
    samples = samples.type_as(input.data).contiguous()
    if tuple(samples.size()) != (n, c, 2):
        raise ValueError(f"fractional_max_pool2d: _random_samples must have size "
                         f"[{n} x {c} x 2], got {F._fmt(samples.size())}")
    out, idx = _Fn.apply(input, (int(kh), int(kw)), (int(oh), int(ow)), samples)
    return (out, idx) if return_indices else out


class FractionalMaxPool2d(_Pool):
    """Fractional max pooling (Graham, 2014): output_size or output_ratio of the input."""

    def __init__(self, kernel_size, output_size=None, output_ratio=None,
                 return_indices=False, _random_samples=None):
        super().__init__()
        if (output_size is None) == (output_ratio is None):
            raise ValueError("FractionalMaxPool2d requires exactly one of output_size and "
                             "output_ratio")
        if output_ratio is not None:
            ratio = (output_ratio, output_ratio) if isinstance(output_ratio, float) \
                else tuple(output_ratio)
            if not all(0 < r < 1 for r in ratio):
                raise ValueError(f"FractionalMaxPool2d: output_ratio must be in (0, 1), got "
                                 f"{output_ratio}")
            output_ratio = ratio
        self.kernel_size, self.output_size = kernel_size, output_size
        self.output_ratio, self.return_indices = output_ratio, return_indices
        self._random_samples = _random_samples

    def forward(self, input):
        self._check(input)
        size = self.output_size
        if size is None:
            size = (int(input.size(2) * self.output_ratio[0]),
                    int(input.size(3) * self.output_ratio[1]))
        return fractional_max_pool2d(input, self.kernel_size, size, self.return_indices,
                                     self._random_samples)

    def __repr__(self):
        return f"FractionalMaxPool2d (kernel_size={self.kernel_size})"
