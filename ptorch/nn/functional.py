"""nn.functional: the stateless form of every layer (0.2 names and signatures). Layers with
THNN kernels call autograd Functions in _functions/; the rest are composed of Variable ops.
Losses live in _loss.py, padding and resampling in _vision.py; all are re-exported here."""
from ..autograd import Variable
from ._functions import activation as _act
from ._functions import conv as _conv
from ._functions import normalization as _norm
from ._functions import pooling as _pool


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _tuple(x, n, name="argument"):
    if isinstance(x, (tuple, list)):
        if len(x) != n:
            raise ValueError(f"{name} must be an int or a tuple of {n} ints, got {tuple(x)}")
        return tuple(int(v) for v in x)
    return (int(x),) * n


def _check_dim(fn, input, dims):
    if input.dim() not in dims:
        want = " or ".join(f"{d}-D" for d in dims)
        raise ValueError(f"{fn}: expected {want} input, got {input.dim()}-D input of size "
                         f"{_fmt(input.size())}")


def _cat(vs, dim):
    from .. import cat
    return cat(vs, dim)


# ---------------------------------------------------------------- linear

def linear(input, weight, bias=None):
    """y = input @ weight^T + bias; input [* x in], weight [out x in]."""
    if input.dim() == 2 and bias is not None:
        return bias.unsqueeze(0).expand(input.size(0), weight.size(0)).addmm(input, weight.t())
    out = input.matmul(weight.t())
    if bias is not None:
        out = out + bias.expand_as(out)
    return out


def bilinear(input1, input2, weight, bias=None):
    """y_o = input1^T weight_o input2 + bias_o; weight [out x in1 x in2]."""
    n, (o, i1, i2) = input1.size(0), weight.size()
    t = input1.mm(weight.permute(1, 0, 2).contiguous().view(i1, o * i2)).view(n, o, i2)
    out = (t * input2.unsqueeze(1).expand(n, o, i2)).sum(2, keepdim=False)
    if bias is not None:
        out = out + bias.unsqueeze(0).expand_as(out)
    return out


# ---------------------------------------------------------------- convolution

def _conv_check(fn, input, weight, nd, groups, transposed):
    _check_dim(fn, input, (nd + 2,))
    if weight.dim() != nd + 2:
        raise ValueError(f"{fn}: expected a {nd + 2}-D weight, got size {_fmt(weight.size())}")
    cin = weight.size(0) if transposed else weight.size(1) * groups
    if input.size(1) != cin:
        raise ValueError(f"{fn}: expected input with {cin} channels (weight of size "
                         f"{_fmt(weight.size())}, groups={groups}), got input of size "
                         f"{_fmt(input.size())}")
    if type(input.data) is not type(weight.data):
        raise TypeError(f"{fn}: input is a {input.data.type()} but weight is a "
                        f"{weight.data.type()}")


def _grouped(core, input, weight, groups, transposed):
    if groups == 1:
        return core(input, weight)
    cin = input.size(1) // groups
    wn = weight.size(0) // groups
    outs = [core(input.narrow(1, g * cin, cin), weight.narrow(0, g * wn, wn))
            for g in range(groups)]
    return _cat(outs, 1)


def _add_bias(out, bias):
    if bias is None:
        return out
    shape = [1, bias.size(0)] + [1] * (out.dim() - 2)
    return out + bias.view(*shape).expand_as(out)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution of input [N x C x H x W] with weight [O x C/groups x kH x kW]."""
    _conv_check("conv2d", input, weight, 2, groups, False)
    s, p, d = _tuple(stride, 2, "stride"), _tuple(padding, 2, "padding"), \
        _tuple(dilation, 2, "dilation")
    for i in range(2):
        if input.size(2 + i) + 2 * p[i] < d[i] * (weight.size(2 + i) - 1) + 1:
            raise ValueError(f"conv2d: input of size {_fmt(input.size())} (padded by {p}) is "
                             f"smaller than the kernel of size {_fmt(weight.size()[2:])} "
                             f"(dilation {d})")
    if bias is not None and bias.numel() != weight.size(0):
        raise ValueError(f"conv2d: bias has {bias.numel()} elements, but weight of size "
                         f"{_fmt(weight.size())} has {weight.size(0)} output channels")
    if groups == 1:
        return _conv.Conv2d.apply(input, weight, bias, s, p, d)
    cin, wn = input.size(1) // groups, weight.size(0) // groups
    outs = [_conv.Conv2d.apply(input.narrow(1, g * cin, cin), weight.narrow(0, g * wn, wn),
                               None if bias is None else bias.narrow(0, g * wn, wn), s, p, d)
            for g in range(groups)]
    return _cat(outs, 1)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-D convolution of input [N x C x L] with weight [O x C/groups x k]."""
    _conv_check("conv1d", input, weight, 1, groups, False)
    out = conv2d(input.unsqueeze(2), weight.unsqueeze(2), bias, (1, _tuple(stride, 1)[0]),
                 (0, _tuple(padding, 1)[0]), (1, _tuple(dilation, 1)[0]), groups)
    return out.squeeze(2)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """3-D convolution of input [N x C x D x H x W] with weight [O x C/groups x kD x kH x kW]
    (vol2col + GEMM kernel)."""
    _conv_check("conv3d", input, weight, 3, groups, False)
    s, p, d = _tuple(stride, 3, "stride"), _tuple(padding, 3, "padding"), \
        _tuple(dilation, 3, "dilation")
    for i in range(3):
        if input.size(2 + i) + 2 * p[i] < d[i] * (weight.size(2 + i) - 1) + 1:
            raise ValueError(f"conv3d: input of size {_fmt(input.size())} (padded by {p}) is "
                             f"smaller than the kernel of size {_fmt(weight.size()[2:])} "
                             f"(dilation {d})")
    out = _grouped(lambda x, w: _conv.Conv3d.apply(x, w, s, p, d), input, weight, groups,
                   False)
    return _add_bias(out, bias)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                     groups=1, dilation=1):
    """Transposed 2-D convolution; weight [C x O/groups x kH x kW]."""
    _conv_check("conv_transpose2d", input, weight, 2, groups, True)
    s, p, d = _tuple(stride, 2, "stride"), _tuple(padding, 2, "padding"), \
        _tuple(dilation, 2, "dilation")
    op = _tuple(output_padding, 2, "output_padding")
    for i in range(2):
        if op[i] >= max(s[i], d[i]):
            raise ValueError(f"conv_transpose2d: output_padding {op} must be smaller than "
                             f"stride {s} or dilation {d}")
    out = _grouped(lambda x, w: _conv.ConvTranspose2d.apply(x, w, s, p, op, d), input, weight,
                   groups, True)
    return _add_bias(out, bias)


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                     groups=1, dilation=1):
    _conv_check("conv_transpose1d", input, weight, 1, groups, True)
    out = conv_transpose2d(input.unsqueeze(2), weight.unsqueeze(2), bias,
                           (1, _tuple(stride, 1)[0]), (0, _tuple(padding, 1)[0]),
                           (0, _tuple(output_padding, 1)[0]), groups,
                           (1, _tuple(dilation, 1)[0]))
    return out.squeeze(2)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0,
                     groups=1, dilation=1):
    """Transposed 3-D convolution (the adjoint of conv3d); weight [C x O/groups x kD x kH x kW]."""
    _conv_check("conv_transpose3d", input, weight, 3, groups, True)
    s, p, d = _tuple(stride, 3, "stride"), _tuple(padding, 3, "padding"), \
        _tuple(dilation, 3, "dilation")
    op = _tuple(output_padding, 3, "output_padding")
    for i in range(3):
        if op[i] >= max(s[i], d[i]):
            raise ValueError(f"conv_transpose3d: output_padding {op} must be smaller than "
                             f"stride {s} or dilation {d}")
    sizes = tuple(_conv.out_size_t(input.size(2 + i), weight.size(2 + i), s[i], p[i], d[i],
                                   op[i]) for i in range(3))
    if min(sizes) < 1:
        raise ValueError(f"conv_transpose3d: input of size {_fmt(input.size())} gives an "
                         f"empty output of size {_fmt(sizes)}")
    out = _grouped(lambda x, w: _conv.ConvTranspose3d.apply(x, w, s, p, d, sizes), input,
                   weight, groups, True)
    return _add_bias(out, bias)


# ---------------------------------------------------------------- pooling

def _pool_args(kernel_size, stride, padding, n):
    k = _tuple(kernel_size, n, "kernel_size")
    s = k if stride is None or stride == [] else _tuple(stride, n, "stride")
    return k, s, _tuple(padding, n, "padding")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    _check_dim("max_pool2d", input, (4,))
    k, s, p = _pool_args(kernel_size, stride, padding, 2)
    for i in range(2):
        if p[i] * 2 > k[i]:
            raise ValueError(f"max_pool2d: padding {p} must be at most half of the kernel "
                             f"size {k}")
    out, idx = _pool.MaxPool2d.apply(input, k, s, p, _tuple(dilation, 2), bool(ceil_mode))
    return (out, idx) if return_indices else out


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    _check_dim("max_pool1d", input, (3,))
    k, s, p = _pool_args(kernel_size, stride, padding, 1)
    out, idx = max_pool2d(input.unsqueeze(2), (1, k[0]), (1, s[0]), (0, p[0]),
                          (1, _tuple(dilation, 1)[0]), ceil_mode, True)
    out, idx = out.squeeze(2), idx.squeeze(2)
    return (out, idx) if return_indices else out


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """Indices hold the flat position of each maximum in its input volume (d * H + h) * W + w."""
    _check_dim("max_pool3d", input, (5,))
    k, s, p = _pool_args(kernel_size, stride, padding, 3)
    for i in range(3):
        if p[i] * 2 > k[i]:
            raise ValueError(f"max_pool3d: padding {p} must be at most half of the kernel "
                             f"size {k}")
    out, idx = _pool.MaxPool3d.apply(input, k, s, p, _tuple(dilation, 3, "dilation"),
                                     bool(ceil_mode))
    return (out, idx) if return_indices else out


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    _check_dim("avg_pool2d", input, (4,))
    k, s, p = _pool_args(kernel_size, stride, padding, 2)
    return _pool.AvgPool2d.apply(input, k, s, p, bool(ceil_mode), bool(count_include_pad))


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    _check_dim("avg_pool1d", input, (3,))
    k, s, p = _pool_args(kernel_size, stride, padding, 1)
    return avg_pool2d(input.unsqueeze(2), (1, k[0]), (1, s[0]), (0, p[0]), ceil_mode,
                      count_include_pad).squeeze(2)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    _check_dim("avg_pool3d", input, (5,))
    k, s, p = _pool_args(kernel_size, stride, padding, 3)
    for i in range(3):
        if p[i] * 2 > k[i]:
            raise ValueError(f"avg_pool3d: padding {p} must be at most half of the kernel "
                             f"size {k}")
    return _pool.AvgPool3d.apply(input, k, s, p, bool(ceil_mode), bool(count_include_pad))


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x^p)^(1/p)."""
    if not isinstance(norm_type, (int, float)) or norm_type == 0:
        raise ValueError(f"lp_pool2d: norm_type must be a non-zero number, got {norm_type!r}")
    k, s, _ = _pool_args(kernel_size, stride, 0, 2)
    out = avg_pool2d(input.pow(norm_type), k, s, 0, ceil_mode)
    return out.mul(k[0] * k[1]).pow(1.0 / norm_type)


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    _check_dim("max_unpool2d", input, (4,))
    k, s, p = _pool_args(kernel_size, stride, padding, 2)
    size = _unpool_size(input, k, s, p, output_size, 2)
    idx = indices.data if isinstance(indices, Variable) else indices
    return _pool.MaxUnpool2d.apply(input, idx, size[0], size[1])


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    _check_dim("max_unpool1d", input, (3,))
    k, s, p = _pool_args(kernel_size, stride, padding, 1)
    size = _unpool_size(input, k, s, p, output_size, 1)
    idx = indices.data if isinstance(indices, Variable) else indices
    return _pool.MaxUnpool2d.apply(input.unsqueeze(2), idx.unsqueeze(2), 1,
                                   size[0]).squeeze(2)


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    _check_dim("max_unpool3d", input, (5,))
    k, s, p = _pool_args(kernel_size, stride, padding, 3)
    size = _unpool_size(input, k, s, p, output_size, 3)
    idx = indices.data if isinstance(indices, Variable) else indices
    return _pool.MaxUnpool3d.apply(input, idx, tuple(size))


def _unpool_size(input, k, s, p, output_size, n):
    default = [(input.size(-n + i) - 1) * s[i] - 2 * p[i] + k[i] for i in range(n)]
    if output_size is None:
        return default
    output_size = list(output_size)[-n:]
    for i in range(n):
        if not default[i] - s[i] < output_size[i] < default[i] + s[i]:
            raise ValueError(f"max_unpool: invalid output_size {output_size} (it must be "
                             f"between {[a - b + 1 for a, b in zip(default, s)]} and "
                             f"{[a + b - 1 for a, b in zip(default, s)]})")
    return output_size


def adaptive_max_pool2d(input, output_size, return_indices=False):
    _check_dim("adaptive_max_pool2d", input, (4,))
    oh, ow = _tuple(output_size, 2, "output_size")
    out, idx = _pool.AdaptiveMaxPool2d.apply(input, oh, ow)
    return (out, idx) if return_indices else out


def adaptive_max_pool1d(input, output_size, return_indices=False):
    _check_dim("adaptive_max_pool1d", input, (3,))
    out, idx = adaptive_max_pool2d(input.unsqueeze(2), (1, _tuple(output_size, 1)[0]), True)
    out, idx = out.squeeze(2), idx.squeeze(2)
    return (out, idx) if return_indices else out


def adaptive_avg_pool2d(input, output_size):
    _check_dim("adaptive_avg_pool2d", input, (4,))
    oh, ow = _tuple(output_size, 2, "output_size")
    return _pool.AdaptiveAvgPool2d.apply(input, oh, ow)


def adaptive_avg_pool1d(input, output_size):
    _check_dim("adaptive_avg_pool1d", input, (3,))
    return adaptive_avg_pool2d(input.unsqueeze(2), (1, _tuple(output_size, 1)[0])).squeeze(2)


# ---------------------------------------------------------------- activations

def _inplace(input, out, inplace):
    """inplace=True writes the result into input when no graph is recorded (inference);
    under autograd the result is a new Variable (the input is left unchanged)."""
    if inplace and out is not input and not out.requires_grad:
        input.data.copy_(out.data)
        return input
    return out


def threshold(input, threshold, value, inplace=False):
    return _inplace(input, _act.Threshold.apply(input, threshold, value), inplace)


def relu(input, inplace=False):
    return _inplace(input, _act.Threshold.apply(input, 0, 0), inplace)


def hardtanh(input, min_val=-1., max_val=1., inplace=False):
    if min_val > max_val:
        raise ValueError(f"hardtanh: min_val {min_val} must not exceed max_val {max_val}")
    return _inplace(input, _act.Hardtanh.apply(input, min_val, max_val), inplace)


def relu6(input, inplace=False):
    return hardtanh(input, 0, 6, inplace)


def elu(input, alpha=1., inplace=False):
    return _inplace(input, _act.ELU.apply(input, alpha), inplace)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(input, inplace=False):
    return _inplace(input, elu(input, _SELU_ALPHA) * _SELU_SCALE, inplace)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    return _inplace(input, _act.LeakyReLU.apply(input, negative_slope), inplace)


def prelu(input, weight):
    """max(0, x) + weight * min(0, x); weight has 1 element or one per channel (dim 1)."""
    if weight.numel() != 1 and (input.dim() < 2 or input.size(1) != weight.numel()):
        raise ValueError(f"prelu: weight has {weight.numel()} elements but input of size "
                         f"{_fmt(input.size())} has "
                         f"{input.size(1) if input.dim() > 1 else 1} channels")
    pos = relu(input)
    if weight.numel() == 1:
        w = weight.expand_as(input)
    else:
        shape = [1, weight.numel()] + [1] * (input.dim() - 2)
        w = weight.view(*shape).expand_as(input)
    return pos + w * (input - pos)


def rrelu(input, lower=1. / 8, upper=1. / 3, training=False, inplace=False):
    """Leaky ReLU with a random slope from U(lower, upper) per element in training, the mean
    slope in evaluation."""
    if not training:
        return leaky_relu(input, (lower + upper) / 2, inplace)
    neg = input.data.lt(0).type_as(input.data)
    slope = input.data.new(input.size()).uniform_(lower, upper)
    return _inplace(input, input * Variable(1 - neg + neg * slope), inplace)


def glu(input, dim=-1):
    if input.size(dim) % 2:
        raise ValueError(f"glu: halving dimension {dim} of input of size "
                         f"{_fmt(input.size())} needs an even size")
    n = input.size(dim) // 2
    return input.narrow(dim, 0, n) * input.narrow(dim, n, n).sigmoid()


def logsigmoid(input):
    return _act.LogSigmoid.apply(input)


def hardshrink(input, lambd=0.5):
    return _act.Hardshrink.apply(input, lambd)


def softshrink(input, lambd=0.5):
    return _act.Softshrink.apply(input, lambd)


def tanhshrink(input):
    return input - input.tanh()


def softsign(input):
    return input / (input.abs() + 1)


def softplus(input, beta=1, threshold=20):
    return _act.Softplus.apply(input, beta, threshold)


def _softmax_dim(name, input, dim):
    if dim is None:
        dim = 0 if input.dim() in (0, 1, 3) else 1
    n = input.dim()
    if not -n <= dim < n:
        raise IndexError(f"{name}: dimension {dim} out of range for a {n}-D input")
    return dim % n


def softmax(input, dim=None):
    """exp(x) / sum(exp(x)) along dim (0.2's default: 0 for 1-D and 3-D input, else 1)."""
    return _act.Softmax.apply(input, _softmax_dim("softmax", input, dim))


def softmin(input, dim=None):
    return softmax(-input, dim)


def log_softmax(input, dim=None):
    return _act.LogSoftmax.apply(input, _softmax_dim("log_softmax", input, dim))


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


# ---------------------------------------------------------------- normalization

def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Normalizes over all dims but 1 with batch statistics (training; running_mean/var
    updated in place with momentum, unbiased variance) or the running ones (evaluation).
    Runs the THNN kernel; differentiates twice (see _functions/normalization.py)."""
    if input.dim() < 2:
        raise ValueError(f"batch_norm: expected at least 2-D input, got size "
                         f"{_fmt(input.size())}")
    c = input.size(1)
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is not None and t.numel() != c:
            raise ValueError(f"batch_norm: {name} has {t.numel()} elements, but input of size "
                             f"{_fmt(input.size())} has {c} channels")
    if training and input.numel() // max(c, 1) <= 1:
        raise ValueError(f"batch_norm: expected more than 1 value per channel when "
                         f"training, got input of size {_fmt(input.size())}")
    if not training and (running_mean is None or running_var is None):
        raise ValueError("batch_norm: running_mean and running_var are needed in evaluation "
                         "mode (training=False)")
    rm = running_mean.data if isinstance(running_mean, Variable) else running_mean
    rv = running_var.data if isinstance(running_var, Variable) else running_var
    return _norm.BatchNorm.apply(input, weight, bias, rm, rv, bool(training), momentum, eps)


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats=True, momentum=0.1, eps=1e-5):
    """Batch norm of each (sample, channel) plane on its own (input viewed as 1 x N*C x ...);
    running statistics are averaged over the batch."""
    n, c = input.size(0), input.size(1)
    rm = running_mean.repeat(n) if running_mean is not None else None
    rv = running_var.repeat(n) if running_var is not None else None
    w = weight.repeat(n) if weight is not None else None
    b = bias.repeat(n) if bias is not None else None
    x = input.contiguous().view(1, n * c, *input.size()[2:])
    out = batch_norm(x, rm, rv, w, b, use_input_stats, momentum, eps)
    if running_mean is not None:
        running_mean.copy_(rm.view(n, c).mean(0, keepdim=False))
    if running_var is not None:
        running_var.copy_(rv.view(n, c).mean(0, keepdim=False))
    return out.view(*input.size())


def normalize(input, p=2, dim=1, eps=1e-12):
    """input / max(||input||_p along dim, eps)."""
    norm = input.norm(p, dim, keepdim=True).clamp(min=eps)
    return input / norm.expand_as(input)


# ---------------------------------------------------------------- dropout

def _check_p(name, p):
    if not 0 <= p <= 1:
        raise ValueError(f"{name} probability has to be between 0 and 1, but got {p}")


def dropout(input, p=0.5, training=False, inplace=False):
    """Zeroes each element with probability p and scales the rest by 1/(1-p) (training)."""
    _check_p("dropout", p)
    if not training or p == 0:
        return input
    if p == 1:
        return input * 0
    mask = input.data.new(input.size()).bernoulli_(1 - p).div_(1 - p)
    return _inplace(input, input * Variable(mask), inplace)


def _feature_dropout(name, input, p, training, nd):
    _check_p(name, p)
    if not training or p == 0:
        return input
    if input.dim() < 2:
        raise ValueError(f"{name}: expected input with a channel dimension, got size "
                         f"{_fmt(input.size())}")
    size = list(input.size()[:2]) + [1] * (input.dim() - 2)
    mask = input.data.new(*size).bernoulli_(1 - p).div_(1 - p) if p < 1 else \
        input.data.new(*size).zero_()
    return input * Variable(mask).expand_as(input)


def dropout2d(input, p=0.5, training=False, inplace=False):
    """Zeroes whole channels (dim 1) with probability p (training)."""
    return _inplace(input, _feature_dropout("dropout2d", input, p, training, 2), inplace)


def dropout3d(input, p=0.5, training=False, inplace=False):
    return _inplace(input, _feature_dropout("dropout3d", input, p, training, 3), inplace)


def alpha_dropout(input, p=0.5, training=False):
    """Dropout for SELU networks: dropped values become SELU's negative saturation value and
    an affine map keeps the mean and variance."""
    _check_p("alpha_dropout", p)
    if not training or p == 0:
        return input
    if p == 1:
        return input * 0
    alpha = -_SELU_ALPHA * _SELU_SCALE
    keep = input.data.new(input.size()).bernoulli_(1 - p)
    a = ((1 - p) * (1 + p * alpha ** 2)) ** -0.5
    b = -a * alpha * p
    return input * Variable(keep * a) + Variable((1 - keep) * (alpha * a) + b)


# ---------------------------------------------------------------- distance

def pairwise_distance(x1, x2, p=2, eps=1e-6):
    """||x1 - x2 + eps||_p along dim 1, as an [N x 1] Variable."""
    if x1.size() != x2.size():
        raise ValueError(f"pairwise_distance: inputs must have the same size, got "
                         f"{_fmt(x1.size())} and {_fmt(x2.size())}")
    diff = (x1 - x2).abs()
    return (diff + eps).pow(p).sum(1, keepdim=True).pow(1. / p)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """x1 . x2 / max(||x1|| ||x2||, eps) along dim."""
    if x1.size() != x2.size():
        raise ValueError(f"cosine_similarity: inputs must have the same size, got "
                         f"{_fmt(x1.size())} and {_fmt(x2.size())}")
    w12 = (x1 * x2).sum(dim, keepdim=False)
    w1 = (x1 * x1).sum(dim, keepdim=False)
    w2 = (x2 * x2).sum(dim, keepdim=False)
    return w12 / (w1 * w2).clamp(min=eps * eps).sqrt()


from ._loss import *  # noqa: E402,F401,F403
from ._vision import *  # noqa: E402,F401,F403


# ---------------------------------------------------------------- argument types

_VARIABLE_ARGS = ("input", "input1", "input2", "x1", "x2", "anchor", "positive", "negative",
                  "theta", "grid")
_TENSOR_ARGS = ("weight", "bias", "target", "indices", "running_mean", "running_var")
_NONE_OK = ("running_mean", "running_var")  # batch statistics are optional in training
# functions whose weight and bias are learned (Variables), not class weights (tensors)
_PARAMETER_FNS = {"linear", "bilinear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                  "conv_transpose2d", "conv_transpose3d", "prelu", "batch_norm",
                  "instance_norm"}


def _unwrap(out):
    if isinstance(out, Variable):
        return out.data
    if isinstance(out, tuple):
        return tuple(_unwrap(o) for o in out)
    return out


def _checked(fn):
    """fn with its tensor arguments checked first: a TypeError naming the function, the
    argument and the type it got, instead of an AttributeError from deep inside. A plain
    tensor where a Variable is expected is wrapped, and a plain result is given back."""
    import functools
    import inspect
    checks = []
    var_args = _VARIABLE_ARGS + (("weight", "bias") if fn.__name__ in _PARAMETER_FNS else ())
    for i, p in enumerate(inspect.signature(fn).parameters.values()):
        if p.name in var_args or p.name in _TENSOR_ARGS:
            checks.append((i, p.name, p.name in var_args, p.default is None))
    checks = tuple(checks)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapped = []
        for i, name, want_var, optional in checks:
            given = i < len(args)
            v = args[i] if given else kwargs.get(name)
            if isinstance(v, Variable) or (v is None and (optional or name in _NONE_OK or not (
                    given or name in kwargs))):
                continue
            if not hasattr(v, "dim") or not hasattr(v, "size") or isinstance(v, type):
                want = "a Variable" if want_var else "a Variable or a tensor"
                raise TypeError(f"{fn.__name__}(): argument '{name}' must be {want}, got "
                                f"{type(v).__name__}")
            if want_var and not hasattr(v, "grad_fn"):
                wrapped.append(Variable(v))
                if given:
                    args = args[:i] + (wrapped[-1],) + args[i + 1:]
                else:
                    kwargs[name] = wrapped[-1]
        if not wrapped:
            return fn(*args, **kwargs)
        ours = {id(w) for w in wrapped}
        plain = not any(isinstance(a, Variable) and id(a) not in ours
                        for a in args + tuple(kwargs.values()))
        out = fn(*args, **kwargs)
        return _unwrap(out) if plain else out
    return wrapper


def _check_all():
    names = [n for n, f in globals().items() if not n.startswith("_") and callable(f)
             and getattr(f, "__module__", "").startswith(__name__.rsplit(".", 1)[0])
             and not isinstance(f, type)]
    for n in names:
        globals()[n] = _checked(globals()[n])


_check_all()
