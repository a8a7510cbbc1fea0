"""The loss functions of nn.functional. Smooth losses are composed of Variable ops (so they
differentiate twice); the class-indexed ones run THNN kernels whose gradient is constant in
the input (nll) or piecewise constant (multilabel margin), which makes that gradient times
the incoming one exact for double backward too."""
from ..autograd import Function, Variable
from ._thnn import backend

__all__ = ["l1_loss", "mse_loss", "nll_loss", "nll_loss2d", "cross_entropy",
           "poisson_nll_loss", "kl_div", "binary_cross_entropy",
           "binary_cross_entropy_with_logits", "margin_ranking_loss", "hinge_embedding_loss",
           "multilabel_margin_loss", "smooth_l1_loss", "soft_margin_loss",
           "multilabel_soft_margin_loss", "cosine_embedding_loss", "multi_margin_loss",
           "triplet_margin_loss"]


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _reduce(loss, size_average):
    return loss.mean() if size_average else loss.sum()


def _same_size(name, input, target):
    if input.size() != target.size():
        raise ValueError(f"{name}: target size {_fmt(target.size())} must be the same as "
                         f"input size {_fmt(input.size())}")


def _no_grad_target(name, target):
    if isinstance(target, Variable) and target.requires_grad:
        raise ValueError(f"{name}: the target must not require gradients (mark it "
                         "requires_grad=False or pass target.detach())")


def _tensor(x):
    return x.data if isinstance(x, Variable) else x


def l1_loss(input, target, size_average=True):
    _same_size("l1_loss", input, target)
    return _reduce((input - target).abs(), size_average)


def mse_loss(input, target, size_average=True):
    _same_size("mse_loss", input, target)
    d = input - target
    return _reduce(d * d, size_average)


def smooth_l1_loss(input, target, size_average=True):
    """0.5 d^2 where |d| < 1, |d| - 0.5 elsewhere (d = input - target)."""
    _same_size("smooth_l1_loss", input, target)
    d = input - target
    small = Variable(d.data.abs().lt(1).type_as(d.data))
    return _reduce(small * d * d * 0.5 + (1 - small) * (d.abs() - 0.5), size_average)


def soft_margin_loss(input, target, size_average=True):
    """log(1 + exp(-y x)), averaged over all elements."""
    _same_size("soft_margin_loss", input, target)
    from .functional import softplus
    return _reduce(softplus(-(input * target)), size_average)


def kl_div(input, target, size_average=True):
    """target * (log(target) - input) where target > 0; input holds log-probabilities."""
    _same_size("kl_div", input, target)
    t = _tensor(target)
    pos = t.gt(0).type_as(t)
    tlogt = t.clamp(min=1e-38).log().mul_(t).mul_(pos)
    target = target if isinstance(target, Variable) else Variable(target)
    return _reduce(Variable(tlogt) - target * input, size_average)


_EPS = 1e-12


def binary_cross_entropy(input, target, weight=None, size_average=True):
    """-(t log x + (1 - t) log(1 - x)), optionally weighted per element."""
    _same_size("binary_cross_entropy", input, target)
    x = input.data
    if x.numel() and (x.min() < 0 or x.max() > 1):
        raise ValueError("binary_cross_entropy: input values must be probabilities in "
                         "[0, 1]")
    loss = -(target * (input + _EPS).log() + (1 - target) * (1 - input + _EPS).log())
    if weight is not None:
        loss = loss * _as_var(weight).expand_as(loss)
    return _reduce(loss, size_average)


def _as_var(x):
    return x if isinstance(x, Variable) else Variable(x)


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=True):
    """binary_cross_entropy(sigmoid(input), target), computed stably from the logits."""
    _same_size("binary_cross_entropy_with_logits", input, target)
    m = (-input).clamp(min=0)
    loss = input - input * target + m + ((-m).exp() + (-input - m).exp()).log()
    if weight is not None:
        loss = loss * _as_var(weight).expand_as(loss)
    return _reduce(loss, size_average)


def multilabel_soft_margin_loss(input, target, weight=None, size_average=True):
    """Binary cross entropy of sigmoid(input) against 0/1 targets, over all elements."""
    return binary_cross_entropy_with_logits(input, target, weight, size_average)


def poisson_nll_loss(input, target, log_input=True, full=False, size_average=True,
                     eps=1e-8):
    """exp(input) - target * input (log_input) or input - target * log(input + eps); full
    adds Stirling's approximation of log(target!) where target > 1."""
    _same_size("poisson_nll_loss", input, target)
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * (input + eps).log()
    if full:
        import math
        t = _tensor(target)
        big = t.gt(1).type_as(t)
        tc = t.clamp(min=1)
        stirling = (tc * tc.log() - tc + (tc * (2 * math.pi)).log() * 0.5) * big
        loss = loss + Variable(stirling)
    return _reduce(loss, size_average)


def margin_ranking_loss(input1, input2, target, margin=0, size_average=True):
    """max(0, -y (x1 - x2) + margin)."""
    if input1.size() != input2.size() or input1.size() != target.size():
        raise ValueError(f"margin_ranking_loss: inputs and target must have the same size, "
                         f"got {_fmt(input1.size())}, {_fmt(input2.size())} and "
                         f"{_fmt(target.size())}")
    return _reduce((-target * (input1 - input2) + margin).clamp(min=0), size_average)


def hinge_embedding_loss(input, target, margin=1.0, size_average=True):
    """x where y == 1, max(0, margin - x) where y == -1."""
    _same_size("hinge_embedding_loss", input, target)
    t = _tensor(target)
    pos = Variable(t.eq(1).type_as(input.data))
    neg = Variable(t.eq(-1).type_as(input.data))
    loss = input * pos + (margin - input).clamp(min=0) * neg
    return _reduce(loss, size_average)


def cosine_embedding_loss(input1, input2, target, margin=0, size_average=True):
    """1 - cos(x1, x2) where y == 1, max(0, cos(x1, x2) - margin) where y == -1."""
    from .functional import cosine_similarity
    if input1.size() != input2.size() or input1.size(0) != target.numel():
        raise ValueError(f"cosine_embedding_loss: inputs {_fmt(input1.size())} and "
                         f"{_fmt(input2.size())} need equal sizes and one target per row, "
                         f"got target of size {_fmt(target.size())}")
    cos = cosine_similarity(input1, input2, 1, 1e-12)
    t = _tensor(target).view(-1)
    pos = Variable(t.eq(1).type_as(input1.data))
    neg = Variable(t.eq(-1).type_as(input1.data))
    loss = (1 - cos) * pos + (cos - margin).clamp(min=0) * neg
    return _reduce(loss, size_average)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False,
                        size_average=True):
    """max(0, margin + d(a, p) - d(a, n)), d the pairwise p-norm distance."""
    from .functional import pairwise_distance
    for name, v in (("positive", positive), ("negative", negative)):
        if v.size() != anchor.size():
            raise ValueError(f"triplet_margin_loss: {name} of size {_fmt(v.size())} must "
                             f"have the anchor's size {_fmt(anchor.size())}")
    d_pos = pairwise_distance(anchor, positive, p, eps)
    d_neg = pairwise_distance(anchor, negative, p, eps)
    if swap:
        d_s = pairwise_distance(positive, negative, p, eps)
        d_neg = d_neg.min(d_s)
    return _reduce((margin + d_pos - d_neg).clamp(min=0), size_average)


# ---- class-indexed losses ----

def _check_class_target(name, input, target, class_dim_size, spatial=False):
    t = _tensor(target)
    if type(t).__name__ != "LongTensor":
        raise TypeError(f"{name}: expected a LongTensor of class indices as target, got "
                        f"{type(t).__name__}")
    if spatial:
        want = [input.size(0)] + list(input.size()[2:])
    else:
        want = [input.size(0)] if input.dim() > 1 else [1]
    if list(t.size()) != want:
        raise ValueError(f"{name}: expected target of size {_fmt(want)} for input of size "
                         f"{_fmt(input.size())}, got {_fmt(t.size())}")
    return t


def _check_range(name, t, n, ignore_index):
    if t.numel() == 0:
        return
    flat = t.contiguous().view(-1)
    valid = flat.ne(ignore_index)
    bad = (flat.lt(0) + flat.ge(n)) * valid
    if bad.sum() > 0:
        v = [x for x, b in zip(flat.tolist(), bad.tolist()) if b][0]
        raise IndexError(f"{name}: target {v} is out of bounds for {n} classes "
                         f"(valid: 0 to {n - 1})")


class _ConstGrad(Function):
    """A loss computed by a kernel whose input-gradient (for gradOutput 1) `grad_in` does not
    depend on the input where it is differentiable: backward is grad_in * grad."""

    @staticmethod
    def forward(ctx, input, value, grad_in):
        ctx.grad_in = grad_in
        return input.new(1).fill_(value)

    @staticmethod
    def backward(ctx, grad):
        return Variable(ctx.grad_in) * grad.expand(*ctx.grad_in.size()), None, None


def nll_loss(input, target, weight=None, size_average=True, ignore_index=-100):
    """-input[n, target[n]] (weighted by weight[target[n]]), summed or averaged over the
    total weight; input [N x C] of log-probabilities or [N x C x H x W] with target
    [N x H x W]; targets equal to ignore_index count for nothing."""
    if input.dim() not in (2, 4):
        raise ValueError(f"nll_loss: expected 2-D [N x C] or 4-D [N x C x H x W] input, got "
                         f"size {_fmt(input.size())}")
    spatial = input.dim() == 4
    t = _check_class_target("nll_loss", input, target, input.size(1), spatial)
    c = input.size(1)
    _check_range("nll_loss", t, c, ignore_index)
    w = _tensor(weight) if weight is not None else None
    if w is not None and w.numel() != c:
        raise ValueError(f"nll_loss: weight has {w.numel()} elements, but input of size "
                         f"{_fmt(input.size())} has {c} classes")
    x = input.data.contiguous()
    b = backend(x)
    out, total, gi = x.new(1), x.new(1), x.new()
    name = "SpatialClassNLLCriterion" if spatial else "ClassNLLCriterion"
    getattr(b, name + "_updateOutput")(x, t.contiguous(), out, bool(size_average), w, total,
                                       ignore_index)
    getattr(b, name + "_updateGradInput")(x, t.contiguous(), gi, bool(size_average), w,
                                          total, ignore_index)
    return _ConstGrad.apply(input, out[0], gi)


def nll_loss2d(input, target, weight=None, size_average=True, ignore_index=-100):
    if input.dim() != 4:
        raise ValueError(f"nll_loss2d: expected 4-D [N x C x H x W] input, got size "
                         f"{_fmt(input.size())}")
    return nll_loss(input, target, weight, size_average, ignore_index)


def cross_entropy(input, target, weight=None, size_average=True, ignore_index=-100):
    """nll_loss(log_softmax(input, 1), target)."""
    from .functional import log_softmax
    if input.dim() not in (2, 4):
        raise ValueError(f"cross_entropy: expected 2-D [N x C] or 4-D input, got size "
                         f"{_fmt(input.size())}")
    return nll_loss(log_softmax(input, 1), target, weight, size_average, ignore_index)


def multi_margin_loss(input, target, p=1, margin=1, weight=None, size_average=True):
    """sum over j != y of max(0, margin - x[y] + x[j])^p (weighted by weight[y]) / C."""
    if p not in (1, 2):
        raise ValueError(f"multi_margin_loss: only p == 1 and p == 2 supported, got {p}")
    if input.dim() != 2:
        raise ValueError(f"multi_margin_loss: expected 2-D [N x C] input, got size "
                         f"{_fmt(input.size())}")
    t = _check_class_target("multi_margin_loss", input, target, input.size(1))
    n, c = input.size()
    _check_range("multi_margin_loss", t, c, -10 ** 18)
    idx = Variable(t.view(n, 1))
    xy = input.gather(1, idx)
    m = (input - xy.expand(n, c) + margin).clamp(min=0)
    if p == 2:
        m = m * m
    not_y = input.data.new(n, c).fill_(1)
    not_y.scatter_(1, t.view(n, 1), 0)
    m = m * Variable(not_y)
    if weight is not None:
        wy = _tensor(weight).index_select(0, t.view(-1)).view(n, 1).expand(n, c)
        m = m * Variable(wy.contiguous())
    loss = m.sum(1, keepdim=False) / c
    return loss.mean() if size_average else loss.sum()


def multilabel_margin_loss(input, target, size_average=True):
    """For each sample, the targets are the class indices of target before the first -1:
    sum over targets j and non-targets i of max(0, 1 - (x[j] - x[i])) / C."""
    t = _tensor(target)
    if type(t).__name__ != "LongTensor":
        raise TypeError(f"multilabel_margin_loss: expected a LongTensor target, got "
                        f"{type(t).__name__}")
    if t.size() != input.size():
        raise ValueError(f"multilabel_margin_loss: target size {_fmt(t.size())} must match "
                         f"input size {_fmt(input.size())}")
    x = input.data.contiguous()
    b = backend(x)
    out, is_target, gi = x.new(1), x.new(), x.new()
    b.MultiLabelMarginCriterion_updateOutput(x, t.contiguous(), out, is_target,
                                             bool(size_average))
    b.MultiLabelMarginCriterion_updateGradInput(x, t.contiguous(), gi, is_target,
                                                bool(size_average))
    return _ConstGrad.apply(input, out[0], gi)
