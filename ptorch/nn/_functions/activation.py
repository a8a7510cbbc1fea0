"""Activations: forward through the THNN kernels, backward written with Variable ops (so that
it differentiates again). Masks of where a piecewise function is in which piece are
constants: their derivative is zero almost everywhere."""
from ...autograd import Function, Variable
from .._thnn import backend


def _mask(byte_mask, like):
    """A constant Variable of 0/1 values of like's type."""
    return Variable(byte_mask.type_as(like))


class Threshold(Function):
    @staticmethod
    def forward(ctx, input, threshold, value):
        ctx.threshold = threshold
        out = input.new()
        backend(input).Threshold_updateOutput(input, out, threshold, value, False)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        if grad._volatile:  # no graph: one kernel pass instead of mask, convert, multiply
            gi = x.new()
            backend(x).Threshold_updateGradInput(x, grad.data, gi, ctx.threshold, 0, False)
            return Variable(gi, volatile=True), None, None
        return grad * _mask(x.gt(ctx.threshold), x), None, None


class Hardtanh(Function):
    @staticmethod
    def forward(ctx, input, min_val, max_val):
        ctx.lo, ctx.hi = min_val, max_val
        out = input.new()
        backend(input).HardTanh_updateOutput(input, out, min_val, max_val, False)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * _mask(x.gt(ctx.lo) * x.lt(ctx.hi), x), None, None


class ELU(Function):
    @staticmethod
    def forward(ctx, input, alpha):
        ctx.alpha = alpha
        out = input.new()
        backend(input).ELU_updateOutput(input, out, alpha, False)
        ctx.save_for_backward(input, out)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, out = ctx.saved_variables
        pos = _mask(x.data.gt(0), x.data)
        return grad * (pos + (1 - pos) * (out + ctx.alpha)), None


class LeakyReLU(Function):
    @staticmethod
    def forward(ctx, input, slope):
        ctx.slope = slope
        out = input.new()
        backend(input).LeakyReLU_updateOutput(input, out, slope, False)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        pos = x.gt(0).type_as(x)
        return grad * Variable(pos + (1 - pos) * ctx.slope), None


class Softplus(Function):
    @staticmethod
    def forward(ctx, input, beta, threshold):
        ctx.beta, ctx.threshold = beta, threshold
        out = input.new()
        backend(input).Softplus_updateOutput(input, out, beta, threshold)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_variables
        lin = _mask((x.data * ctx.beta).gt(ctx.threshold), x.data)
        return grad * (lin + (1 - lin) * (x * ctx.beta).sigmoid()), None, None


class LogSigmoid(Function):
    @staticmethod
    def forward(ctx, input):
        out = input.new()
        backend(input).LogSigmoid_updateOutput(input, out)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_variables
        return grad * (-x).sigmoid()


class Softshrink(Function):
    @staticmethod
    def forward(ctx, input, lambd):
        ctx.lambd = lambd
        out = input.new()
        backend(input).SoftShrink_updateOutput(input, out, lambd)
        ctx.save_for_backward(input)
        return out

    @staticmethod
    def backward(ctx, grad):
        x, = ctx.saved_tensors
        return grad * _mask(x.abs().gt(ctx.lambd), x), None


class Hardshrink(Softshrink):
    @staticmethod
    def forward(ctx, input, lambd):
        ctx.lambd = lambd
        out = input.new()
        backend(input).HardShrink_updateOutput(input, out, lambd)
        ctx.save_for_backward(input)
        return out


class Softmax(Function):
    @staticmethod
    def forward(ctx, input, dim):
        ctx.dim = dim
        out = input.new()
        backend(input).SoftMax_updateOutput(input, out, dim)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_variables
        return out * (grad - (grad * out).sum(ctx.dim, keepdim=True).expand_as(grad)), None


class LogSoftmax(Function):
    @staticmethod
    def forward(ctx, input, dim):
        ctx.dim = dim
        out = input.new()
        backend(input).LogSoftMax_updateOutput(input, out, dim)
        ctx.save_for_backward(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        out, = ctx.saved_variables
        return grad - out.exp() * grad.sum(ctx.dim, keepdim=True).expand_as(grad), None
