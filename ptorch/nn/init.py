"""nn.init: in-place initialisations of tensors (or Variables, through their .data)."""
import math

from ..autograd import Variable


def _data(tensor):
    return tensor.data if isinstance(tensor, Variable) else tensor


def calculate_gain(nonlinearity, param=None):
    """The recommended gain for a nonlinearity: linear/conv*/sigmoid 1, tanh 5/3, relu sqrt 2,
    leaky_relu sqrt(2 / (1 + slope^2)) (slope = param or 0.01)."""
    if nonlinearity in ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d",
                        "conv_transpose2d", "conv_transpose3d", "sigmoid"):
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param!r} is not a valid number")
        return math.sqrt(2.0 / (1 + slope ** 2))
    raise ValueError(f"unsupported nonlinearity {nonlinearity!r}")


def uniform(tensor, a=0, b=1):
    """Fills with values drawn from U(a, b)."""
    _data(tensor).uniform_(a, b)
    return tensor


def normal(tensor, mean=0, std=1):
    """Fills with values drawn from N(mean, std^2)."""
    _data(tensor).normal_(mean, std)
    return tensor


def constant(tensor, val):
    """Fills with the value val."""
    _data(tensor).fill_(val)
    return tensor


def eye(tensor):
    """Fills a 2-D tensor with the identity (ones on the diagonal, zeros elsewhere)."""
    t = _data(tensor)
    if t.dim() != 2:
        raise ValueError(f"eye: only tensors with 2 dimensions are supported, got "
                         f"{t.dim()} dimensions")
    t.zero_()
    for i in range(min(t.size(0), t.size(1))):
        t[i, i] = 1
    return tensor


def dirac(tensor):
    """Fills a 3-, 4- or 5-D convolution weight with the Dirac delta: the convolution keeps
    the identity of as many input channels as possible."""
    t = _data(tensor)
    d = t.dim()
    if d not in (3, 4, 5):
        raise ValueError(f"dirac: only tensors with 3, 4, or 5 dimensions are supported, got "
                         f"{d} dimensions")
    t.zero_()
    for i in range(min(t.size(0), t.size(1))):
        idx = (i, i) + tuple(t.size(k) // 2 for k in range(2, d))
        t[idx] = 1
    return tensor


def _fan_in_and_fan_out(t):
    d = t.dim()
    if d < 2:
        raise ValueError(f"fan in and fan out can not be computed for a tensor with fewer than "
                         f"2 dimensions (got {d})")
    if d == 2:
        return t.size(1), t.size(0)
    receptive = 1
    for s in t.size()[2:]:
        receptive *= s
    return t.size(1) * receptive, t.size(0) * receptive


def xavier_uniform(tensor, gain=1):
    """Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _fan_in_and_fan_out(_data(tensor))
    a = gain * math.sqrt(2.0 / (fan_in + fan_out)) * math.sqrt(3.0)
    return uniform(tensor, -a, a)


def xavier_normal(tensor, gain=1):
    """Glorot normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _fan_in_and_fan_out(_data(tensor))
    return normal(tensor, 0, gain * math.sqrt(2.0 / (fan_in + fan_out)))


def _fan(t, mode):
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"mode {mode!r} not supported, please use one of fan_in, fan_out")
    fan_in, fan_out = _fan_in_and_fan_out(t)
    return fan_in if mode == "fan_in" else fan_out


def kaiming_uniform(tensor, a=0, mode="fan_in"):
    """He uniform: U(-b, b) with b = sqrt(6 / ((1 + a^2) * fan))."""
    fan = _fan(_data(tensor), mode)
    bound = math.sqrt(3.0) * calculate_gain("leaky_relu", a) / math.sqrt(fan)
    return uniform(tensor, -bound, bound)


def kaiming_normal(tensor, a=0, mode="fan_in"):
    """He normal: N(0, std^2) with std = sqrt(2 / ((1 + a^2) * fan))."""
    fan = _fan(_data(tensor), mode)
    return normal(tensor, 0, calculate_gain("leaky_relu", a) / math.sqrt(fan))


def orthogonal(tensor, gain=1):
    """Fills with a (semi-)orthogonal matrix (the trailing dimensions are flattened), from the
    QR decomposition of a normal random matrix, scaled by gain."""
    t = _data(tensor)
    if t.dim() < 2:
        raise ValueError(f"orthogonal: only tensors with 2 or more dimensions are supported, "
                         f"got {t.dim()} dimensions")
    rows = t.size(0)
    cols = t.numel() // rows
    flat = t.new(rows, cols).normal_(0, 1)
    if rows < cols:
        flat.t_()
    q, r = flat.qr()
    d = r.diag().sign()
    q = q * d.view(1, -1).expand_as(q)
    if rows < cols:
        q.t_()
    t.view_as(q).copy_(q) if t.is_contiguous() else t.copy_(q.contiguous().view(t.size()))
    t.mul_(gain)
    return tensor


def sparse(tensor, sparsity, std=0.01):
    """Fills a 2-D tensor from N(0, std^2) and then zeroes a fraction `sparsity` of each
    column."""
    t = _data(tensor)
    if t.dim() != 2:
        raise ValueError(f"sparse: only tensors with 2 dimensions are supported, got "
                         f"{t.dim()} dimensions")
    if not 0 <= sparsity <= 1:
        raise ValueError(f"sparse: sparsity must be in [0, 1], got {sparsity}")
    from ..import randperm
    rows, cols = t.size()
    nzero = int(math.ceil(sparsity * rows))
    t.normal_(0, std)
    for c in range(cols):
        for r in randperm(rows)[:nzero].tolist():
            t[r, c] = 0
    return tensor
