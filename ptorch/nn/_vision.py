"""Padding, pixel shuffle, upsampling and the spatial transformer (affine_grid, grid_sample)
of nn.functional. Reflection/replication padding, upsampling and grid sampling run THNN
kernels (_functions/vision.py); constant padding and pixel shuffle are Variable ops."""
from ..autograd import Variable
from ._functions import vision as _vis

__all__ = ["pad", "pixel_shuffle", "upsample", "upsample_nearest", "upsample_bilinear",
           "affine_grid", "grid_sample"]


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _cat(vs, dim):
    from .. import cat
    return cat(vs, dim)


def _pad_dim(input, dim, before, after, value):
    """Constant padding of one dimension (negative amounts crop)."""
    n = input.size(dim)
    if before == 0 and after == 0:
        return input
    if before < 0 or after < 0:
        lo, hi = max(-before, 0), n - max(-after, 0)
        input = input.narrow(dim, lo, hi - lo)
        return _pad_dim(input, dim, max(before, 0), max(after, 0), value)
    parts = []
    for k in (before, after):
        size = list(input.size())
        size[dim] = k
        parts.append(Variable(input.data.new(*size).fill_(value)) if k else None)
    return _cat([p for p in (parts[0], input, parts[1]) if p is not None], dim)


def pad(input, pad, mode="constant", value=0):
    """Pads the last len(pad) // 2 dims: pad = (left, right, top, bottom, front, back).
    Modes: constant (any rank), reflect (4-D, 2 pairs), replicate (4-D with 2 pairs, 5-D
    with 3 pairs)."""
    if len(pad) % 2:
        raise ValueError(f"pad: padding length must be even, got {len(pad)}")
    pairs = len(pad) // 2
    if pairs > input.dim():
        raise ValueError(f"pad: {pairs} pairs of padding for a {input.dim()}-D input")
    if mode not in ("constant", "reflect", "replicate"):
        raise ValueError(f"pad: unknown mode {mode!r} (constant, reflect or replicate)")
    if mode == "reflect" and (input.dim() != 4 or pairs != 2):
        raise NotImplementedError(f"pad: reflect mode needs a 4-D input and 4 paddings, got "
                                  f"{input.dim()}-D input and {len(pad)} paddings")
    if mode == "replicate" and not (input.dim() == 4 and pairs == 2 or
                                    input.dim() == 5 and pairs == 3):
        raise NotImplementedError(f"pad: replicate mode needs a 4-D input with 4 paddings or a "
                                  f"5-D input with 6, got {input.dim()}-D and {len(pad)}")
    if mode != "constant" and min(pad) < 0:
        raise ValueError(f"pad: {mode} padding must be non-negative, got {tuple(pad)}")
    pad = tuple(int(p) for p in pad)
    if mode == "reflect":
        for i, dim in enumerate((3, 2)):
            if max(pad[2 * i], pad[2 * i + 1]) >= input.size(dim):
                raise ValueError(f"pad: reflection padding ({pad[2 * i]}, {pad[2 * i + 1]}) "
                                 f"must be smaller than the padded dimension's size "
                                 f"{input.size(dim)}")
        return _vis.ReflectionPad2d.apply(input, pad)
    if mode == "replicate":
        fn = _vis.ReplicationPad2d if pairs == 2 else _vis.ReplicationPad3d
        return fn.apply(input, pad)
    out = input
    for i in range(pairs):
        out = _pad_dim(out, input.dim() - 1 - i, pad[2 * i], pad[2 * i + 1], value)
    return out


def pixel_shuffle(input, upscale_factor):
    """[N x C*r^2 x H x W] -> [N x C x H*r x W*r]."""
    r = upscale_factor
    if not isinstance(r, int) or r < 1:
        raise ValueError(f"pixel_shuffle: upscale_factor must be a positive int, got {r!r}")
    if input.dim() != 4 or input.size(1) % (r * r):
        raise ValueError(f"pixel_shuffle: expected 4-D input with channels divisible by "
                         f"{r * r}, got size {_fmt(input.size())}")
    n, c, h, w = input.size()
    oc = c // (r * r)
    x = input.contiguous().view(n, oc, r, r, h, w)
    return x.permute(0, 1, 4, 2, 5, 3).contiguous().view(n, oc, h * r, w * r)


def _out_hw(name, input, size, scale_factor):
    if input.dim() != 4:
        raise ValueError(f"{name}: expected 4-D input, got size {_fmt(input.size())}")
    if (size is None) == (scale_factor is None):
        raise ValueError(f"{name}: exactly one of size and scale_factor must be given")
    if size is not None:
        return (size, size) if isinstance(size, int) else tuple(size)
    s = (scale_factor, scale_factor) if not isinstance(scale_factor, (tuple, list)) \
        else scale_factor
    return int(input.size(2) * s[0]), int(input.size(3) * s[1])


def upsample_nearest(input, size=None, scale_factor=None):
    """Output (h, w) copies input (h * H // oh, w * W // ow)."""
    oh, ow = _out_hw("upsample_nearest", input, size, scale_factor)
    return _vis.UpsamplingNearest2d.apply(input, (int(oh), int(ow)))


def upsample_bilinear(input, size=None, scale_factor=None):
    """Bilinear interpolation with corners aligned (0.2's UpsamplingBilinear2d)."""
    oh, ow = _out_hw("upsample_bilinear", input, size, scale_factor)
    return _vis.UpsamplingBilinear2d.apply(input, (int(oh), int(ow)))


def upsample(input, size=None, scale_factor=None, mode="nearest"):
    if mode == "nearest":
        return upsample_nearest(input, size, scale_factor)
    if mode == "bilinear":
        return upsample_bilinear(input, size, scale_factor)
    raise NotImplementedError(f"upsample: mode {mode!r} is not supported (nearest, bilinear)")


def affine_grid(theta, size):
    """The sampling grid [N x H x W x 2] of the affine maps theta [N x 2 x 3] over a target of
    size (N, C, H, W), in normalized [-1, 1] coordinates."""
    n, _, h, w = size
    if theta.dim() != 3 or tuple(theta.size()) != (n, 2, 3):
        raise ValueError(f"affine_grid: expected theta of size [{n} x 2 x 3], got "
                         f"{_fmt(theta.size())}")
    base = theta.data.new(h, w, 3)
    xs = [(-1 + 2 * j / (w - 1)) if w > 1 else 0.0 for j in range(w)]
    ys = [(-1 + 2 * i / (h - 1)) if h > 1 else 0.0 for i in range(h)]
    for i in range(h):
        for j in range(w):
            base[i, j, 0] = xs[j]
            base[i, j, 1] = ys[i]
            base[i, j, 2] = 1
    b = Variable(base.view(1, h * w, 3).expand(n, h * w, 3).contiguous())
    return b.bmm(theta.transpose(1, 2)).view(n, h, w, 2)


def grid_sample(input, grid, mode="bilinear"):
    """Samples input [N x C x IH x IW] bilinearly at grid [N x H x W x 2] (x, y in [-1, 1],
    -1 and 1 the centres of the corner pixels; points outside read zeros) -> [N x C x H x W]."""
    if mode != "bilinear":
        raise ValueError(f"grid_sample: mode {mode!r} is not supported (bilinear)")
    if input.dim() != 4:
        raise ValueError(f"grid_sample: expected 4-D input, got size {_fmt(input.size())}")
    if grid.dim() != 4 or grid.size(0) != input.size(0) or grid.size(3) != 2:
        raise ValueError(f"grid_sample: expected grid of size [{input.size(0)} x H x W x 2], "
                         f"got {_fmt(grid.size())}")
    if type(input.data) is not type(grid.data):
        raise TypeError(f"grid_sample: input is a {input.data.type()} but grid is a "
                        f"{grid.data.type()}")
    return _vis.GridSampler.apply(input, grid)
