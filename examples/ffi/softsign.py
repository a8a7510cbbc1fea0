"""softsign(x) = x / (1 + |x|) as an autograd Function and an nn.Module, computed by the C
extension in _ext/softsign (run build.py first)."""
from ptorch.autograd import Function
from ptorch.autograd.function import once_differentiable
import ptorch.nn as nn

try:
    from _ext import softsign as _softsign_c
except ImportError as err:
    raise ImportError("the softsign extension is not built yet: run `python build.py` in "
                      "examples/ffi first") from err

# The C functions for each tensor type: (forward, backward).
_KERNELS = {
    "ptorch.FloatTensor": (_softsign_c.softsign_forward_float,
                           _softsign_c.softsign_backward_float),
    "ptorch.DoubleTensor": (_softsign_c.softsign_forward_double,
                            _softsign_c.softsign_backward_double),
}


def _kernels(tensor):
    try:
        return _KERNELS[tensor.type()]
    except KeyError:
        raise TypeError(f"softsign is written for FloatTensor and DoubleTensor, "
                        f"got {tensor.type()}") from None


class SoftsignFunction(Function):
    """Forward and backward both run in C; the backward is not itself differentiable."""

    @staticmethod
    def forward(ctx, input):
        output = input.new()
        _kernels(input)[0](output, input)    # resizes output
        ctx.save_for_backward(input)
        return output

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.new()
        _kernels(input)[1](grad_input, input, grad_output.contiguous())
        return grad_input


def softsign(input):
    return SoftsignFunction.apply(input)


class Softsign(nn.Module):
    """nn.Softsign, with the work done by our C extension."""

    def forward(self, input):
        return SoftsignFunction.apply(input)
