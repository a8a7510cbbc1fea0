"""Batch normalization (running statistics, momentum, affine) and instance normalization."""
from ..module import Module
from ..parameter import Parameter
from .. import functional as F


class _BatchNorm(Module):
    _dims = (2, 3)

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True):
        super().__init__()
        from ... import Tensor
        self.num_features, self.eps = num_features, eps
        self.momentum, self.affine = momentum, affine
        if affine:
            self.weight = Parameter(Tensor(num_features))
            self.bias = Parameter(Tensor(num_features))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        self.register_buffer("running_mean", Tensor(num_features).zero_())
        self.register_buffer("running_var", Tensor(num_features).fill_(1))
        self.reset_parameters()

    def reset_parameters(self):
        self.running_mean.zero_()
        self.running_var.fill_(1)
        if self.affine:
            self.weight.data.uniform_()
            self.bias.data.zero_()

    def _check_input(self, input):
        if input.dim() not in self._dims:
            want = " or ".join(f"{d}-D" for d in self._dims)
            raise ValueError(f"{self!r} expected {want} input, got {F._fmt(input.size())}")
        if input.size(1) != self.num_features:
            raise ValueError(f"{self!r} expected input with {self.num_features} channels, got "
                             f"{F._fmt(input.size())}")

    def forward(self, input):
        self._check_input(input)
        return F.batch_norm(input, self.running_mean, self.running_var, self.weight,
                            self.bias, self.training, self.momentum, self.eps)

    def __repr__(self):
        return (f"{type(self).__name__}({self.num_features}, eps={self.eps}, "
                f"momentum={self.momentum}, affine={self.affine})")


class BatchNorm1d(_BatchNorm):
    _dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    _dims = (4,)


class BatchNorm3d(_BatchNorm):
    _dims = (5,)


class _InstanceNorm(_BatchNorm):
    """Normalizes each (sample, channel) plane with its own statistics; in evaluation mode
    the running statistics are used (as in 0.2)."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=False):
        super().__init__(num_features, eps, momentum, affine)

    def forward(self, input):
        self._check_input(input)
        return F.instance_norm(input, self.running_mean, self.running_var, self.weight,
                               self.bias, self.training, self.momentum, self.eps)


class InstanceNorm1d(_InstanceNorm):
    _dims = (3,)


class InstanceNorm2d(_InstanceNorm):
    _dims = (4,)


class InstanceNorm3d(_InstanceNorm):
    _dims = (5,)
