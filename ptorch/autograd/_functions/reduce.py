"""Reductions and scans. Full reductions of a Variable give a one-element Variable (0.2 has
no 0-dim tensors, and a Variable never turns into a Python number). max/min/median/mode/
kthvalue/sort/topk pick their values with gather, so their gradients are gather's."""
from .._node import Node
from ..variable import Variable, record, _new
from ._util import method, const


def _one(data, value):
    """A one-element tensor of data's type holding value (a number or one-element tensor)."""
    if not isinstance(value, (int, float, bool)):
        return value.contiguous().view(1)
    return data.new(1).fill_(value)


def _wrap_dim(dim, n):
    if dim < -n or dim >= max(n, 1):
        raise IndexError(f"dimension {dim} is out of range for a Variable of {n} dimensions")
    return dim + n if dim < 0 else dim


class SumBackward(Node):
    __slots__ = ("size", "dim", "keepdim", "scale")

    def _bw(self, g):
        size = self.size
        if self.dim is not None and not self.keepdim and g.data.dim() < len(size):
            g = g.unsqueeze(self.dim)
        g = g.expand(size)
        return (g if self.scale == 1 else g * self.scale,)


def _reduce(self, name, dim, keepdim, scale_by_count):
    data = self.data
    if dim is None:
        result = _one(data, getattr(data, name)())
        n = data.numel()
    else:
        dim = _wrap_dim(dim, data.dim())
        result = getattr(data, name)(dim, keepdim)
        result = _one(data, result) if isinstance(result, (int, float)) else result
        n = data.size(dim)
    out, fn = record(SumBackward, result, self)
    if fn is not None:
        fn.size = data.size()
        fn.dim = dim
        fn.keepdim = keepdim
        fn.scale = 1.0 / n if scale_by_count else 1
    return out


@method("sum")
def sum_(self, dim=None, keepdim=None):
    return _reduce(self, "sum", dim, keepdim, False)


@method("mean")
def mean(self, dim=None, keepdim=None):
    return _reduce(self, "mean", dim, keepdim, True)


class ProdBackward(Node):
    __slots__ = ("dim", "keepdim")

    def _bw(self, g):
        out, x = self.saved()
        dim = self.dim
        if dim is not None and not self.keepdim and g.data.dim() < x.data.dim():
            g, out = g.unsqueeze(dim), out.unsqueeze(dim)
        if x.data.eq(0).sum() == 0:
            return (g * out / x,)
        return (g * const(_prod_of_others(x.data, dim)),)


def _prod_of_others(t, dim):
    """For each element, the product of the other elements of its reduction (zero-safe)."""
    import numpy as np
    a = t.contiguous().numpy()
    axis = -1
    if dim is None:
        a = a.reshape(1, -1)
    else:
        a = np.moveaxis(a, dim, -1)
    ones = np.ones(a.shape[:-1] + (1,), dtype=a.dtype)
    left = np.cumprod(np.concatenate([ones, a[..., :-1]], axis), axis)
    rev = a[..., ::-1]
    right = np.cumprod(np.concatenate([ones, rev[..., :-1]], axis), axis)[..., ::-1]
    res = left * right
    res = res.reshape(t.size()) if dim is None else np.moveaxis(res, -1, dim)
    return type(t)(np.ascontiguousarray(res))


@method("prod")
def prod(self, dim=None, keepdim=None):
    data = self.data
    if dim is None:
        result = _one(data, data.prod())
    else:
        dim = _wrap_dim(dim, data.dim())
        result = data.prod(dim, keepdim)
        result = _one(data, result) if isinstance(result, (int, float)) else result
    out, fn = record(ProdBackward, result, self)
    if fn is not None:
        fn.dim, fn.keepdim = dim, keepdim
        fn.save_output(out, self)
    return out


# ---- selections: values = gather(indices) ----

def _as_long(idx, like):
    from ... import LongTensor
    if isinstance(idx, (int, float)):
        return LongTensor([int(idx)])
    return idx


def _flat(v):
    return v.contiguous().view(-1)


def _select_by_index(self, dim, keepdim, indices):
    """(values, indices) as Variables, the values picked from self by gather."""
    idx = indices if keepdim or self.data.dim() == 1 else indices.unsqueeze(dim)
    values = self.gather(dim, const(idx))
    if not keepdim and self.data.dim() > 1:
        values = values.squeeze(dim)
    return values, _new(indices, None, False, self._volatile)


def _extreme(name):
    def op(self, dim=None, keepdim=None):
        if isinstance(dim, Variable):
            from .pointwise import elementwise_extreme
            return elementwise_extreme(name, self, dim)
        if dim is None:
            flat = _flat(self)
            _, idx = getattr(flat.data, name)(0, True)
            return flat.gather(0, const(_as_long(idx, flat.data)))
        dim = _wrap_dim(dim, self.data.dim())
        _, idx = getattr(self.data, name)(dim, keepdim)
        return _select_by_index(self, dim, keepdim, _as_long(idx, self.data))
    op.__name__ = name
    return op


method("max")(_extreme("max"))
method("min")(_extreme("min"))


def _indexed(name):
    def op(self, *args, **kwargs):
        # median/mode/kthvalue: (k,) dim=-1, keepdim=None ; whole-tensor form without dim
        n_lead = 1 if name == "kthvalue" else 0
        lead = args[:n_lead]
        rest = args[n_lead:]
        dim = rest[0] if rest else kwargs.pop("dim", None)
        keepdim = rest[1] if len(rest) > 1 else kwargs.pop("keepdim", None)
        if dim is None and name == "median":
            flat = _flat(self)
            _, idx = flat.data.median(0, True)
            return flat.gather(0, const(_as_long(idx, flat.data)))
        dim = _wrap_dim(-1 if dim is None else dim, self.data.dim())
        _, idx = getattr(self.data, name)(*lead, dim, keepdim)
        return _select_by_index(self, dim, keepdim, _as_long(idx, self.data))
    op.__name__ = name
    return op


for _n in ("median", "mode", "kthvalue"):
    method(_n)(_indexed(_n))


@method("sort")
def sort(self, dim=-1, descending=False):
    dim = _wrap_dim(dim, self.data.dim())
    _, idx = self.data.sort(dim, descending)
    return self.gather(dim, const(idx)), _new(idx, None, False, self._volatile)


@method("topk")
def topk(self, k, dim=-1, largest=True, sorted=True):
    dim = _wrap_dim(dim, self.data.dim())
    _, idx = self.data.topk(k, dim, largest, sorted)
    return self.gather(dim, const(idx)), _new(idx, None, False, self._volatile)


# ---- composites ----

def _var(self, dim, keepdim, unbiased):
    if isinstance(dim, bool):  # var(unbiased) over everything
        dim, unbiased, keepdim = None, dim, False
    if dim is None:
        d = self - self.mean()
        n = self.data.numel()
        return (d * d).sum() / max(n - (1 if unbiased else 0), 1)
    d = self - self.mean(dim, keepdim=True)
    n = self.data.size(dim)
    return (d * d).sum(dim, keepdim) / max(n - (1 if unbiased else 0), 1)


@method("var")
def var(self, dim=None, keepdim=None, unbiased=True):
    return _var(self, dim, keepdim, unbiased)


@method("std")
def std(self, dim=None, keepdim=None, unbiased=True):
    return _var(self, dim, keepdim, unbiased).sqrt()


@method("norm")
def norm(self, p=2, dim=None, keepdim=None):
    if p == 2:
        return (self * self).sum(dim, keepdim).sqrt()
    if p == 1:
        return self.abs().sum(dim, keepdim)
    if p == float("inf"):
        a = self.abs()
        return a.max() if dim is None else a.max(dim, keepdim)[0]
    return self.abs().pow(p).sum(dim, keepdim).pow(1.0 / p)


@method("dist")
def dist(self, other, p=2):
    return (self - other).norm(p)


class CumsumBackward(Node):
    __slots__ = ("dim",)

    def _bw(self, g):
        d = self.dim
        return (g.sum(d, keepdim=True) - g.cumsum(d) + g,)


@method("cumsum")
def cumsum(self, dim):
    dim = _wrap_dim(dim, self.data.dim())
    out, fn = record(CumsumBackward, self.data.cumsum(dim), self)
    if fn is not None:
        fn.dim = dim
    return out


@method("cumprod")
def cumprod(self, dim):
    """Backward through cumsum of g * out divided by x (inputs must be non-zero, as in
    0.2)."""
    dim = _wrap_dim(dim, self.data.dim())
    out, fn = record(CumprodBackward, self.data.cumprod(dim), self)
    if fn is not None:
        fn.dim = dim
        fn.save_output(out, self)
    return out


class CumprodBackward(Node):
    __slots__ = ("dim",)

    def _bw(self, g):
        out, x = self.saved()
        d = self.dim
        w = g * out
        # sum_{j>=i} g_j out_j / x_i  (inputs with zeros are not supported, as in 0.2)
        return ((w.sum(d, keepdim=True) - w.cumsum(d) + w) / x,)


@method("trace")
def trace(self):
    return self.diag().sum()

