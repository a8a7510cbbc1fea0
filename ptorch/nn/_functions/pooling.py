"""2-D and 3-D pooling through the THNN kernels. Pooling is linear in its input once the max
positions are fixed, so each backward is another Function (scatter to the saved indices, or
the adjoint of averaging) whose own backward is the forward again: double backward works."""
from ...autograd import Function, Variable
from .._thnn import backend


def _gather_at(grad_in, indices, out_size):
    """Picks grad_in's value at each saved max position (the adjoint of scattering)."""
    n, c = out_size[0], out_size[1]
    idx = Variable(indices.contiguous().view(n, c, -1))
    return grad_in.contiguous().view(n, c, -1).gather(2, idx).view(*out_size)


class MaxPool2d(Function):
    @staticmethod
    def forward(ctx, input, kernel, stride, padding, dilation, ceil_mode):
        from ... import LongTensor
        out, idx = input.new(), LongTensor()
        backend(input).SpatialMaxPooling_updateOutput(
            input.contiguous(), out, idx, kernel[1], kernel[0], stride[1], stride[0],
            padding[1], padding[0], dilation[1], dilation[0], ceil_mode)
        ctx.in_size = input.size()
        ctx.indices = idx
        ctx.mark_non_differentiable(idx)
        return out, idx

    @staticmethod
    def backward(ctx, grad, _grad_idx=None):
        return (_ScatterToIndices.apply(grad, ctx.indices, ctx.in_size),
                None, None, None, None, None)


class _ScatterToIndices(Function):
    """grad [N x C x oH x oW] scattered (added) into zeros of in_size at indices."""

    @staticmethod
    def forward(ctx, grad, indices, in_size):
        ctx.indices, ctx.out_size = indices, grad.size()
        gi = grad.new()
        # The kernel reads only the size of its input argument: a stride-0 view.
        like = grad.new(1).expand(*in_size)
        if grad.dim() == 5:
            backend(grad).VolumetricMaxPooling_updateGradInput(like, grad.contiguous(), gi,
                                                               indices)
        else:
            backend(grad).SpatialMaxPooling_updateGradInput(like, grad.contiguous(), gi,
                                                            indices)
        return gi

    @staticmethod
    def backward(ctx, gg):
        return _gather_at(gg, ctx.indices, ctx.out_size), None, None


class MaxUnpool2d(Function):
    @staticmethod
    def forward(ctx, input, indices, out_h, out_w):
        out = input.new()
        backend(input).SpatialMaxUnpooling_updateOutput(input.contiguous(), out,
                                                        indices.contiguous(), out_w, out_h)
        ctx.indices, ctx.in_size = indices, input.size()
        return out

    @staticmethod
    def backward(ctx, grad):
        return _gather_at(grad, ctx.indices, ctx.in_size), None, None, None


class AvgPool2d(Function):
    @staticmethod
    def forward(ctx, input, kernel, stride, padding, ceil_mode, count_include_pad):
        ctx.args = (kernel, stride, padding, ceil_mode, count_include_pad)
        ctx.input = input.contiguous()
        out = input.new()
        backend(input).SpatialAveragePooling_updateOutput(
            ctx.input, out, kernel[1], kernel[0], stride[1], stride[0], padding[1], padding[0],
            ceil_mode, count_include_pad)
        return out

    @staticmethod
    def backward(ctx, grad):
        return (_AvgPool2dAdjoint.apply(grad, ctx.input, ctx.args),
                None, None, None, None, None)


class _AvgPool2dAdjoint(Function):
    @staticmethod
    def forward(ctx, grad, input, args):
        kernel, stride, padding, ceil_mode, count_include_pad = args
        ctx.args = args
        gi = input.new()
        backend(input).SpatialAveragePooling_updateGradInput(
            input, grad.contiguous(), gi, kernel[1], kernel[0], stride[1], stride[0],
            padding[1], padding[0], ceil_mode, count_include_pad)
        return gi

    @staticmethod
    def backward(ctx, gg):
        return AvgPool2d.apply(gg, *ctx.args), None, None


class AdaptiveMaxPool2d(Function):
    @staticmethod
    def forward(ctx, input, out_h, out_w):
        from ... import LongTensor
        out, idx = input.new(), LongTensor()
        backend(input).SpatialAdaptiveMaxPooling_updateOutput(input.contiguous(), out, idx,
                                                              out_w, out_h)
        ctx.in_size, ctx.indices = input.size(), idx
        ctx.mark_non_differentiable(idx)
        return out, idx

    @staticmethod
    def backward(ctx, grad, _grad_idx=None):
        return _ScatterToIndices.apply(grad, ctx.indices, ctx.in_size), None, None


class AdaptiveAvgPool2d(Function):
    @staticmethod
    def forward(ctx, input, out_h, out_w):
        ctx.input = input.contiguous()
        out = input.new()
        backend(input).SpatialAdaptiveAveragePooling_updateOutput(ctx.input, out, out_w, out_h)
        return out

    @staticmethod
    def backward(ctx, grad):
        return _AdaptiveAvgAdjoint.apply(grad, ctx.input), None, None


class _AdaptiveAvgAdjoint(Function):
    @staticmethod
    def forward(ctx, grad, input):
        ctx.out_hw = (grad.size(-2), grad.size(-1))
        gi = input.new()
        backend(input).SpatialAdaptiveAveragePooling_updateGradInput(input, grad.contiguous(),
                                                                     gi)
        return gi

    @staticmethod
    def backward(ctx, gg):
        return AdaptiveAvgPool2d.apply(gg, *ctx.out_hw), None


def _v(t):
    """(time, width, height) from a (time, height, width) triple: the kernels' order."""
    return t[0], t[2], t[1]


class MaxPool3d(Function):
    @staticmethod
    def forward(ctx, input, kernel, stride, padding, dilation, ceil_mode):
        from ... import LongTensor
        out, idx = input.new(), LongTensor()
        backend(input).VolumetricMaxPooling_updateOutput(
            input.contiguous(), out, idx, *_v(kernel), *_v(stride), *_v(padding),
            *_v(dilation), ceil_mode)
        ctx.in_size = input.size()
        ctx.indices = idx
        ctx.mark_non_differentiable(idx)
        return out, idx

    @staticmethod
    def backward(ctx, grad, _grad_idx=None):
        return (_ScatterToIndices.apply(grad, ctx.indices, ctx.in_size),
                None, None, None, None, None)


class MaxUnpool3d(Function):
    @staticmethod
    def forward(ctx, input, indices, out_size):
        out = input.new()
        backend(input).VolumetricMaxUnpooling_updateOutput(input.contiguous(), out,
                                                           indices.contiguous(), *_v(out_size))
        ctx.indices, ctx.in_size = indices, input.size()
        return out

    @staticmethod
    def backward(ctx, grad):
        return _gather_at(grad, ctx.indices, ctx.in_size), None, None


class AvgPool3d(Function):
    @staticmethod
    def forward(ctx, input, kernel, stride, padding, ceil_mode, count_include_pad):
        ctx.args = (kernel, stride, padding, ceil_mode, count_include_pad)
        ctx.input = input.contiguous()
        out = input.new()
        backend(input).VolumetricAveragePooling_updateOutput(
            ctx.input, out, *_v(kernel), *_v(stride), *_v(padding), ceil_mode,
            count_include_pad)
        return out

    @staticmethod
    def backward(ctx, grad):
        return (_AvgPool3dAdjoint.apply(grad, ctx.input, ctx.args),
                None, None, None, None, None)


class _AvgPool3dAdjoint(Function):
    @staticmethod
    def forward(ctx, grad, input, args):
        kernel, stride, padding, ceil_mode, count_include_pad = args
        ctx.args = args
        gi = input.new()
        backend(input).VolumetricAveragePooling_updateGradInput(
            input, grad.contiguous(), gi, *_v(kernel), *_v(stride), *_v(padding), ceil_mode,
            count_include_pad)
        return gi

    @staticmethod
    def backward(ctx, gg):
        return AvgPool3d.apply(gg, *ctx.args), None, None


class FractionalMaxPool2d(Function):
    """Max over kernel windows whose starts follow a pseudo-random sequence per plane, set by
    samples [N x C x 2] in [0, 1)."""

    @staticmethod
    def forward(ctx, input, kernel, out_size, samples):
        from ... import LongTensor
        out, idx = input.new(), LongTensor()
        backend(input).SpatialFractionalMaxPooling_updateOutput(
            input.contiguous(), out, out_size[1], out_size[0], kernel[1], kernel[0], idx,
            samples)
        ctx.in_size, ctx.indices = input.size(), idx
        ctx.mark_non_differentiable(idx)
        return out, idx

    @staticmethod
    def backward(ctx, grad, _grad_idx=None):
        return _ScatterToIndices.apply(grad, ctx.indices, ctx.in_size), None, None, None
