"""Batch normalization through the THNN kernel (one pass for the statistics and one for the
output; the backward one pass per channel). A plain backward (volatile gradients: no graph
is recorded) calls the backward kernel; under create_graph the backward is written with
Variable ops on the saved inputs, so the gradient differentiates again."""
from ...autograd import Function, Variable
from .._thnn import backend


def _chan_shape(x):
    return [1, x.size(1)] + [1] * (x.dim() - 2)


def _chan_sum(t):
    """Sum over every dim but 1, as a Variable of C elements."""
    c = t.size(1)
    return t.transpose(0, 1).contiguous().view(c, -1).sum(1, keepdim=False)


def _bcast(v, like):
    """A per-channel Variable v [C] expanded to like's size."""
    return v.view(*_chan_shape(like)).expand_as(like)


class BatchNorm(Function):
    """input [N x C x ...], weight/bias [C] or None; running_mean/running_var tensors [C]
    (updated in place in training) or None (training only)."""

    @staticmethod
    def forward(ctx, input, weight, bias, running_mean, running_var, training, momentum, eps):
        c = input.size(1)
        if running_mean is None:  # the kernel always updates some running statistics
            running_mean = input.new(c).zero_()
        if running_var is None:
            running_var = input.new(c).fill_(1)
        out, save_mean, save_std = input.new(), input.new(), input.new()
        backend(input).BatchNormalization_updateOutput(
            input, out, weight, bias, running_mean, running_var, save_mean, save_std,
            bool(training), momentum, eps)
        ctx.training, ctx.eps = bool(training), eps
        ctx.has_weight, ctx.has_bias = weight is not None, bias is not None
        # The statistics the output was normalized with (batch or running ones).
        ctx.stats = (save_mean, save_std)
        ctx.save_for_backward(input, weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        needs = ctx.needs_input_grad
        if grad._volatile:
            return _backward_kernel(ctx, grad)
        input, weight = ctx.saved_variables
        mean, invstd = ctx.stats
        if ctx.training:
            # Batch statistics recomputed as Variables: their dependence on input counts.
            flat = input.transpose(0, 1).contiguous().view(input.size(1), -1)
            mean_v = flat.mean(1, keepdim=False)
            centered = flat - mean_v.unsqueeze(1).expand_as(flat)
            invstd_v = ((centered * centered).mean(1, keepdim=False) + ctx.eps).rsqrt()
        else:
            mean_v, invstd_v = Variable(mean), Variable(invstd)
        xhat = (input - _bcast(mean_v, input)) * _bcast(invstd_v, input)
        gi = gw = gb = None
        if needs[0]:
            gx = grad if weight is None else grad * _bcast(weight, grad)
            if ctx.training:
                n = input.numel() // input.size(1)
                gi = (gx - _bcast(_chan_sum(gx) / n, gx) -
                      xhat * _bcast(_chan_sum(gx * xhat) / n, gx)) * _bcast(invstd_v, gx)
            else:
                gi = gx * _bcast(invstd_v, gx)
        if ctx.has_weight and needs[1]:
            gw = _chan_sum(grad * xhat)
        if ctx.has_bias and needs[2]:
            gb = _chan_sum(grad)
        return gi, gw, gb, None, None, None, None, None


def _backward_kernel(ctx, grad):
    input, weight = ctx.saved_tensors
    save_mean, save_std = ctx.stats
    needs = ctx.needs_input_grad
    g = grad.data
    c = input.size(1)
    gi = g.new() if needs[0] else None
    gw = g.new(c).zero_() if ctx.has_weight and needs[1] else None
    gb = g.new(c).zero_() if ctx.has_bias and needs[2] else None
    # In evaluation the kernel reads the statistics from the running_* arguments: the saved
    # ones were copied from them (save_std holding 1/sqrt(var + eps), hence var below).
    rmean, rvar = save_mean, save_std
    if not ctx.training:
        rvar = save_std.pow(-2).add_(-ctx.eps)
    backend(g).BatchNormalization_backward(input, g, gi, gw, gb, weight, rmean, rvar,
                                           save_mean, save_std, ctx.training, 1.0, ctx.eps)
    return (_volatile(gi), _volatile(gw), _volatile(gb), None, None, None, None, None)


def _volatile(t):
    return None if t is None else Variable(t, volatile=True)
