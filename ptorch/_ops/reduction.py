"""ptorch.* functions of the reduction, sorting and selection families. Each one calls the
tensor method of the same name (so that Variables, which mirror the methods, work too); the
computing is in lib/TH (THTensorReduce, THTensorSort)."""
from ._check import tensor_input

__all__ = ["sum", "prod", "mean", "var", "std", "norm", "renorm", "dist", "max", "min",
           "cumsum", "cumprod", "median", "mode", "kthvalue", "sort", "topk"]

@tensor_input
def sum(input, dim=None, keepdim=None, out=None):
    """The sum of all elements (a number), or along dim (a tensor)."""
    return input.sum(dim, keepdim, out=out) if out is not None else input.sum(dim, keepdim)


@tensor_input
def prod(input, dim=None, keepdim=None, out=None):
    return input.prod(dim, keepdim, out=out) if out is not None else input.prod(dim, keepdim)


@tensor_input
def mean(input, dim=None, keepdim=None, out=None):
    return input.mean(dim, keepdim, out=out) if out is not None else input.mean(dim, keepdim)


@tensor_input
def var(input, dim=None, keepdim=None, unbiased=True, out=None):
    if out is not None:
        return input.var(dim, keepdim, unbiased, out=out)
    return input.var(dim, keepdim, unbiased)


@tensor_input
def std(input, dim=None, keepdim=None, unbiased=True, out=None):
    if out is not None:
        return input.std(dim, keepdim, unbiased, out=out)
    return input.std(dim, keepdim, unbiased)


@tensor_input
def norm(input, p=2, dim=None, keepdim=None, out=None):
    if out is not None:
        return input.norm(p, dim, keepdim, out=out)
    return input.norm(p, dim, keepdim)


def renorm(input, p, dim, maxnorm, out=None):
    if out is not None:
        return input.renorm(p, dim, maxnorm, out=out)
    return input.renorm(p, dim, maxnorm)


@tensor_input
def dist(input, other, p=2):
    return input.dist(other, p)


@tensor_input
def max(input, dim=None, keepdim=None, out=None):
    """max(input): the largest element; max(input, dim, keepdim=None): (values, indices);
    max(input, other): the element-wise maximum."""
    if out is not None:
        return input.max(dim, keepdim, out=out)
    return input.max(dim, keepdim)


@tensor_input
def min(input, dim=None, keepdim=None, out=None):
    if out is not None:
        return input.min(dim, keepdim, out=out)
    return input.min(dim, keepdim)


@tensor_input
def cumsum(input, dim, out=None):
    return input.cumsum(dim, out=out) if out is not None else input.cumsum(dim)


@tensor_input
def cumprod(input, dim, out=None):
    return input.cumprod(dim, out=out) if out is not None else input.cumprod(dim)


@tensor_input
def median(input, dim=None, keepdim=None, out=None):
    """median(input): the lower median of all elements; median(input, dim): (values,
    indices)."""
    if out is not None:
        return input.median(dim, keepdim, out=out)
    return input.median(dim, keepdim)


@tensor_input
def mode(input, dim=-1, keepdim=None, out=None):
    return input.mode(dim, keepdim, out=out) if out is not None else input.mode(dim, keepdim)


@tensor_input
def kthvalue(input, k, dim=-1, keepdim=None, out=None):
    if out is not None:
        return input.kthvalue(k, dim, keepdim, out=out)
    return input.kthvalue(k, dim, keepdim)


@tensor_input
def sort(input, dim=-1, descending=False, out=None):
    """(values, indices) sorted along dim; stable (equal elements keep their order)."""
    if out is not None:
        return input.sort(dim, descending, out=out)
    return input.sort(dim, descending)


@tensor_input
def topk(input, k, dim=-1, largest=True, sorted=True, out=None):
    if out is not None:
        return input.topk(k, dim, largest, sorted, out=out)
    return input.topk(k, dim, largest, sorted)


class TensorMethods:
    """Python-level tensor methods of this family (joined into every tensor class)."""
    __slots__ = ()
