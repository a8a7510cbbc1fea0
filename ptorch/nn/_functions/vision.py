"""Upsampling, padding and grid sampling through the THNN kernels. Upsampling and padding are
linear maps of their input: each backward is the adjoint kernel wrapped in another Function
whose own backward is the forward again, so they differentiate to any order. Grid sampling
is not linear in the grid: its backward is the kernel's, once differentiable (as in 0.2)."""
from ...autograd import Function
from ...autograd.function import once_differentiable
from .._thnn import backend


def _linear_pair(name, forward, adjoint):
    """Two Functions for a linear map: forward(x, args) and its adjoint
    adjoint(g, args, input_size); the backward of each is the other."""

    def fwd_forward(ctx, input, args):
        ctx.args, ctx.in_size = args, input.size()
        return forward(input.contiguous(), args)

    def fwd_backward(ctx, grad):
        return Adjoint.apply(grad, ctx.args, ctx.in_size), None

    def adj_forward(ctx, grad, args, in_size):
        ctx.args = args
        return adjoint(grad.contiguous(), args, in_size)

    def adj_backward(ctx, gg):
        return Forward.apply(gg, ctx.args), None, None

    Forward = type(name, (Function,), {"forward": staticmethod(fwd_forward),
                                       "backward": staticmethod(fwd_backward)})
    Adjoint = type(name + "Backward", (Function,), {"forward": staticmethod(adj_forward),
                                                    "backward": staticmethod(adj_backward)})
    return Forward


def _upsample(kernel):
    def forward(x, size):
        out = x.new()
        getattr(backend(x), kernel + "_updateOutput")(x, out, size[0], size[1])
        return out

    def adjoint(g, size, in_size):
        gi = g.new()
        getattr(backend(g), kernel + "_updateGradInput")(g, gi, in_size[0], in_size[1],
                                                         in_size[2], in_size[3], size[0],
                                                         size[1])
        return gi
    return forward, adjoint


# args: (output height, output width)
UpsamplingNearest2d = _linear_pair("UpsamplingNearest2d",
                                   *_upsample("SpatialUpSamplingNearest"))
UpsamplingBilinear2d = _linear_pair("UpsamplingBilinear2d",
                                    *_upsample("SpatialUpSamplingBilinear"))


def _padding(kernel):
    def forward(x, pad):
        out = x.new()
        getattr(backend(x), kernel + "_updateOutput")(x, out, *pad)
        return out

    def adjoint(g, pad, in_size):
        gi = g.new()
        # The kernel reads only the size of its input argument.
        getattr(backend(g), kernel + "_updateGradInput")(g.new(*in_size), g, gi, *pad)
        return gi
    return forward, adjoint


# args: the paddings in F.pad's order (left, right, top, bottom[, front, back])
ReflectionPad2d = _linear_pair("ReflectionPad2d", *_padding("SpatialReflectionPadding"))
ReplicationPad2d = _linear_pair("ReplicationPad2d", *_padding("SpatialReplicationPadding"))
ReplicationPad3d = _linear_pair("ReplicationPad3d", *_padding("VolumetricReplicationPadding"))


class GridSampler(Function):
    @staticmethod
    def forward(ctx, input, grid):
        input, grid = input.contiguous(), grid.contiguous()
        out = input.new()
        backend(input).SpatialGridSamplerBilinear_updateOutput(input, grid, out)
        ctx.save_for_backward(input, grid)
        return out

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        input, grid = ctx.saved_tensors
        gi, gg = input.new(), grid.new()
        backend(input).SpatialGridSamplerBilinear_updateGradInput(input, gi, grid, gg,
                                                                  grad.contiguous())
        return gi, gg
