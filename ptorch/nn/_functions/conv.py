"""2-D and 3-D convolution and transposed convolution through the THNN kernels. Each backward
is written with the other Variable-level convolution (the gradient of a convolution with
respect to its input is a transposed convolution with the same weight, and with respect to
its weight a convolution of the input by the output gradient), so the backward differentiates
again: gradient penalties through convnets work. 3-D convolutions run the vol2col kernel the
same way. Groups, bias and 1-D live in functional."""
from ...autograd import Function, Variable
from .._thnn import backend
from .scratch import scratch


def out_size(size, k, s, p, d):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1


def out_size_t(size, k, s, p, d, op):
    return (size - 1) * s - 2 * p + d * (k - 1) + 1 + op


class Conv2d(Function):
    """input [N x C x H x W], weight [O x C x kH x kW], bias [O] or None -> [N x O x H' x W'].
    The bias is added by the kernel (no extra pass). A plain backward (volatile gradients:
    no graph is recorded) runs the THNN backward kernels; under create_graph the backward is
    written with Variable-level convolutions so that it differentiates again."""

    @staticmethod
    def forward(ctx, input, weight, bias, stride, padding, dilation):
        ctx.args = (stride, padding, dilation)
        ctx.in_hw = (input.size(2), input.size(3))
        ctx.has_bias = bias is not None
        kh, kw = weight.size(2), weight.size(3)
        out = input.new()
        args = (kw, kh, stride[1], stride[0], padding[1], padding[0], dilation[1], dilation[0])
        with scratch(input, 1) as (cols,):
            backend(input).SpatialConvolutionMM_updateOutput(input, out, weight, bias, cols,
                                                             *args)
        ctx.save_for_backward(input, weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        if grad._volatile:
            return _conv2d_backward_kernels(ctx, grad)
        input, weight = ctx.saved_variables
        stride, padding, dilation = ctx.args
        gi = gw = gb = None
        k = (weight.size(2), weight.size(3))
        if ctx.needs_input_grad[0]:
            op = tuple(ctx.in_hw[i] - out_size_t(grad.size(2 + i), k[i], stride[i], padding[i],
                                                 dilation[i], 0) for i in range(2))
            gi = ConvTranspose2d.apply(grad, weight, stride, padding, op, dilation)
        if ctx.needs_input_grad[1]:
            gw = Conv2d.apply(input.transpose(0, 1), grad.transpose(0, 1), None, dilation,
                              padding, stride)
            gw = gw.narrow(2, 0, k[0]).narrow(3, 0, k[1]).transpose(0, 1)
        if ctx.has_bias and ctx.needs_input_grad[2]:
            gb = grad.sum(0, keepdim=False).sum(1, keepdim=False).sum(1, keepdim=False)
        return gi, gw, gb, None, None, None


def _conv2d_backward_kernels(ctx, grad):
    """Conv2d's gradients by the THNN kernels (gradient Variables volatile, like grad)."""
    input, weight = ctx.saved_tensors
    stride, padding, dilation = ctx.args
    g = grad.data
    kh, kw = weight.size(2), weight.size(3)
    conv_args = (kw, kh, stride[1], stride[0], padding[1], padding[0], dilation[1],
                 dilation[0])
    b = backend(g)
    gi = gw = gb = None
    needs = ctx.needs_input_grad
    want_b = ctx.has_bias and needs[2]
    with scratch(g, 1) as (cols,):
        if needs[0]:
            gi = g.new()
            b.SpatialConvolutionMM_updateGradInput(input, g, gi, weight, cols, *conv_args)
            gi = _volatile(gi)
        if needs[1] or want_b:
            gw = g.new(weight.size()).zero_()
            gb = g.new(weight.size(0)).zero_() if want_b else None
            b.SpatialConvolutionMM_accGradParameters(input, g, gw, gb, cols, *conv_args, 1)
            gw = _volatile(gw) if needs[1] else None
            gb = _volatile(gb) if want_b else None
    return gi, gw, gb, None, None, None


def _volatile(t):
    return Variable(t, volatile=True)


class ConvTranspose2d(Function):
    """input [N x C x H x W], weight [C x O x kH x kW] -> [N x O x H' x W'] (no bias)."""

    @staticmethod
    def forward(ctx, input, weight, stride, padding, output_padding, dilation):
        ctx.args = (stride, padding, dilation)
        kh, kw = weight.size(2), weight.size(3)
        out = input.new()
        with scratch(input, 1) as (cols,):
            backend(input).SpatialFullConvolution_updateOutput(
                input, out, weight.contiguous(), None, cols, kw, kh, stride[1], stride[0],
                padding[1], padding[0], dilation[1], dilation[0], output_padding[1],
                output_padding[0])
        ctx.save_for_backward(input, weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        input, weight = ctx.saved_variables
        stride, padding, dilation = ctx.args
        gi = gw = None
        if ctx.needs_input_grad[0]:
            gi = Conv2d.apply(grad, weight, None, stride, padding, dilation)
        if ctx.needs_input_grad[1]:
            gw = Conv2d.apply(grad.transpose(0, 1), input.transpose(0, 1), None, dilation,
                              padding, stride)
            gw = gw.narrow(2, 0, weight.size(2)).narrow(3, 0, weight.size(3)).transpose(0, 1)
        return gi, gw, None, None, None, None


def _vargs(k, stride, padding, dilation):
    """The kernels' argument order: (time, width, height) for each of the four."""
    return (k[0], k[2], k[1], stride[0], stride[2], stride[1], padding[0], padding[2],
            padding[1], dilation[0], dilation[2], dilation[1])


class Conv3d(Function):
    """input [N x C x T x H x W], weight [O x C x kT x kH x kW] -> [N x O x T' x H' x W']
    (no bias), through the vol2col kernel; backward as Conv2d's."""

    @staticmethod
    def forward(ctx, input, weight, stride, padding, dilation):
        ctx.args = (stride, padding, dilation)
        ctx.in_size = tuple(input.size()[2:])
        out = input.new()
        with scratch(input, 1) as (cols,):
            backend(input).VolumetricConvolutionMM_updateOutput(
                input, out, weight.contiguous(), None, cols,
                *_vargs(weight.size()[2:], stride, padding, dilation))
        ctx.save_for_backward(input, weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        input, weight = ctx.saved_variables
        stride, padding, dilation = ctx.args
        gi = gw = None
        if ctx.needs_input_grad[0]:
            gi = ConvTranspose3d.apply(grad, weight, stride, padding, dilation, ctx.in_size)
        if ctx.needs_input_grad[1]:
            gw = Conv3d.apply(input.transpose(0, 1), grad.transpose(0, 1), dilation, padding,
                              stride)
            for i in range(3):
                gw = gw.narrow(2 + i, 0, weight.size(2 + i))
            gw = gw.transpose(0, 1)
        return gi, gw, None, None, None


class ConvTranspose3d(Function):
    """input [N x C x T x H x W], weight [C x O x kT x kH x kW] -> [N x O x *out_size]: the
    input-gradient kernel of the 3-D convolution (its adjoint)."""

    @staticmethod
    def forward(ctx, input, weight, stride, padding, dilation, out_size):
        ctx.args = (stride, padding, dilation)
        out = input.new()
        # The kernel reads only the size of the convolution's input: a stride-0 view.
        like = input.new(1).expand(input.size(0), weight.size(1), *out_size)
        with scratch(input, 1) as (cols,):
            backend(input).VolumetricConvolutionMM_updateGradInput(
                like, input.contiguous(), out, weight.contiguous(), cols,
                *_vargs(weight.size()[2:], stride, padding, dilation))
        ctx.save_for_backward(input, weight)
        return out

    @staticmethod
    def backward(ctx, grad):
        input, weight = ctx.saved_variables
        stride, padding, dilation = ctx.args
        gi = gw = None
        if ctx.needs_input_grad[0]:
            gi = Conv3d.apply(grad, weight, stride, padding, dilation)
        if ctx.needs_input_grad[1]:
            gw = Conv3d.apply(grad.transpose(0, 1), input.transpose(0, 1), dilation, padding,
                              stride)
            for i in range(3):
                gw = gw.narrow(2 + i, 0, weight.size(2 + i))
            gw = gw.transpose(0, 1)
        return gi, gw, None, None, None, None
