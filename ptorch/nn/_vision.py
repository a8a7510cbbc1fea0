"""Padding, pixel shuffle, upsampling and the spatial-transformer grid of nn.functional,
composed of Variable indexing ops (index_select with precomputed indices), so that they
differentiate to any order."""
from ..autograd import Variable

__all__ = ["pad", "pixel_shuffle", "upsample", "upsample_nearest", "upsample_bilinear",
           "affine_grid", "grid_sample"]


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _index(values):
    from .. import LongTensor
    return Variable(LongTensor(list(values)))


def _cat(vs, dim):
    from .. import cat
    return cat(vs, dim)


def _pad_dim(input, dim, before, after, mode, value):
    n = input.size(dim)
    if before == 0 and after == 0:
        return input
    if mode == "constant":
        if before < 0 or after < 0:
            lo, hi = max(-before, 0), n - max(-after, 0)
            input = input.narrow(dim, lo, hi - lo)
            return _pad_dim(input, dim, max(before, 0), max(after, 0), mode, value)
        parts = []
        for k in (before, after):
            size = list(input.size())
            size[dim] = k
            parts.append(Variable(input.data.new(*size).fill_(value)) if k else None)
        pieces = [p for p in (parts[0], input, parts[1]) if p is not None]
        return _cat(pieces, dim)
    if mode == "reflect":
        if before >= n or after >= n:
            raise ValueError(f"pad: reflection padding ({before}, {after}) must be smaller "
                             f"than the padded dimension's size {n}")
        idx = [before - i for i in range(before)] + list(range(n)) + \
            [n - 2 - i for i in range(after)]
    else:  # replicate
        idx = [0] * before + list(range(n)) + [n - 1] * after
    return input.index_select(dim, _index(idx))


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
    out = input
    for i in range(pairs):
        out = _pad_dim(out, input.dim() - 1 - i, pad[2 * i], pad[2 * i + 1], mode, value)
    return out


def pixel_shuffle(input, upscale_factor):
    """[N x C*r^2 x H x W] -> [N x C x H*r x W*r]."""
    r = upscale_factor
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
    oh, ow = _out_hw("upsample_nearest", input, size, scale_factor)
    h, w = input.size(2), input.size(3)
    x = input.index_select(2, _index(min(i * h // oh, h - 1) for i in range(oh)))
    return x.index_select(3, _index(min(j * w // ow, w - 1) for j in range(ow)))


def _lerp_dim(x, dim, n_in, n_out):
    """Linear interpolation along dim with corners aligned (0.2's UpsamplingBilinear2d)."""
    if n_out == 1 or n_in == 1:
        pos = [0.0] * n_out
    else:
        pos = [i * (n_in - 1) / (n_out - 1) for i in range(n_out)]
    lo = [min(int(p), n_in - 1) for p in pos]
    hi = [min(i + 1, n_in - 1) for i in lo]
    frac = [p - i for p, i in zip(pos, lo)]
    a = x.index_select(dim, _index(lo))
    b = x.index_select(dim, _index(hi))
    shape = [1] * x.dim()
    shape[dim] = n_out
    f = Variable(x.data.new(frac).view(*shape)).expand_as(a)
    return a + (b - a) * f


def upsample_bilinear(input, size=None, scale_factor=None):
    oh, ow = _out_hw("upsample_bilinear", input, size, scale_factor)
    x = _lerp_dim(input, 2, input.size(2), oh)
    return _lerp_dim(x, 3, input.size(3), ow)


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
    raise NotImplementedError("grid_sample is not implemented in ptorch yet")
