"""Indexing ops: index_select, gather, scatter, masked and index_* updates, and Variable
__getitem__/__setitem__ (basic keys become view ops; advanced keys go through NumPy, whose
np.add.at gives the accumulating backward for repeated indices)."""
import numpy as np

from ... import _C
from .._node import Node
from ..variable import Variable, record, _new, check_same_type
from ._util import method, reduce_to, inplace_of, METHODS, const

_Tensor = _C._CTensor


def _t(x):
    return x.data if isinstance(x, Variable) else x


def _wrap_dim(dim, n):
    if dim < -n or dim >= max(n, 1):
        raise IndexError(f"dimension {dim} is out of range for a Variable of {n} dimensions")
    return dim + n if dim < 0 else dim


# ---- index_select and its gradient (index_add into zeros) ----

class IndexSelectBackward(Node):
    __slots__ = ("dim", "index", "size")

    def _bw(self, g):
        return (index_add_zeros(g, self.size, self.dim, self.index),)


class IndexAddZerosBackward(Node):
    __slots__ = ("dim", "index")

    def _bw(self, g):
        return (g.index_select(self.dim, const(self.index)),)


def index_add_zeros(g, size, dim, index):
    z = g.data.new(*size).zero_()
    z.index_add_(dim, index, g.data.contiguous())
    out, fn = record(IndexAddZerosBackward, z, g)
    if fn is not None:
        fn.dim, fn.index = dim, index
    return out


@method("index_select")
def index_select(self, dim, index):
    index = _t(index)
    dim = _wrap_dim(dim, self.data.dim())
    out, fn = record(IndexSelectBackward, self.data.index_select(dim, index), self)
    if fn is not None:
        fn.dim, fn.index, fn.size = dim, index, self.data.size()
    return out


# ---- gather and scatter-add into zeros ----

def _scatter_add_np(z, dim, index, src):
    """z[..., index[i], ...] += src[i] along dim (repeated indices accumulate)."""
    zn = z.numpy()
    ix = index.numpy().astype(np.intp)
    grids = np.indices(ix.shape, sparse=True)
    key = tuple(ix if d == dim else grids[d] for d in range(ix.ndim))
    sn = src.numpy()[tuple(slice(0, s) for s in ix.shape)]
    np.add.at(zn, key, sn)


class GatherBackward(Node):
    __slots__ = ("dim", "index", "size")

    def _bw(self, g):
        return (scatter_add_zeros(g, self.size, self.dim, self.index),)


class ScatterAddZerosBackward(Node):
    __slots__ = ("dim", "index")

    def _bw(self, g):
        return (g.gather(self.dim, const(self.index)),)


def scatter_add_zeros(g, size, dim, index):
    z = g.data.new(*size).zero_()
    _scatter_add_np(z, dim, index, g.data)
    out, fn = record(ScatterAddZerosBackward, z, g)
    if fn is not None:
        fn.dim, fn.index = dim, index
    return out


@method("gather")
def gather(self, dim, index):
    index = _t(index)
    dim = _wrap_dim(dim, self.data.dim())
    out, fn = record(GatherBackward, self.data.gather(dim, index), self)
    if fn is not None:
        fn.dim, fn.index, fn.size = dim, index, self.data.size()
    return out


class ScatterBackward(Node):
    __slots__ = ("dim", "index")

    def _bw(self, g):
        gself = g.scatter(self.dim, const(self.index), 0)
        gsrc = g.gather(self.dim, const(self.index)) if len(self.next_functions) > 1 else None
        return (gself, gsrc)[:len(self.next_functions)]


@method("scatter")
def scatter(self, dim, index, source):
    index = _t(index)
    dim = _wrap_dim(dim, self.data.dim())
    data = self.data.clone()
    if isinstance(source, Variable):
        check_same_type("scatter", self, source)
        data.scatter_(dim, index, source.data)
        out, fn = record(ScatterBackward, data, self, source)
    else:
        data.scatter_(dim, index, source)
        out, fn = record(ScatterBackward, data, self)
    if fn is not None:
        fn.dim, fn.index = dim, index
    return out


# ---- masks ----

def _mask_of(self, mask):
    mask = _t(mask)
    if not mask.is_same_size(self.data):
        mask = mask.expand(self.data.size())
    return mask


class MaskedSelectBackward(Node):
    __slots__ = ("mask", "size")

    def _bw(self, g):
        return (masked_scatter_zeros(g, self.size, self.mask),)


class MaskedScatterZerosBackward(Node):
    __slots__ = ("mask",)

    def _bw(self, g):
        return (g.masked_select(const(self.mask)),)


def masked_scatter_zeros(g, size, mask):
    z = g.data.new(*size).zero_()
    z.masked_scatter_(mask, g.data.contiguous())
    out, fn = record(MaskedScatterZerosBackward, z, g)
    if fn is not None:
        fn.mask = mask
    return out


@method("masked_select")
def masked_select(self, mask):
    mask = _mask_of(self, mask)
    out, fn = record(MaskedSelectBackward, self.data.masked_select(mask), self)
    if fn is not None:
        fn.mask, fn.size = mask, self.data.size()
    return out


class MaskedFillBackward(Node):
    __slots__ = ("mask",)

    def _bw(self, g):
        return (g.masked_fill(const(self.mask), 0),)


@method("masked_fill")
def masked_fill(self, mask, value):
    mask = _mask_of(self, mask)
    out, fn = record(MaskedFillBackward, self.data.clone().masked_fill_(mask, _t(value)), self)
    if fn is not None:
        fn.mask = mask
    return out


class MaskedScatterBackward(Node):
    __slots__ = ("mask", "src_size")

    def _bw(self, g):
        mask = const(self.mask)
        gself = g.masked_fill(mask, 0)
        picked = g.masked_select(mask)
        n = 1
        for s in self.src_size:
            n *= s
        k = picked.data.numel()
        gsrc = picked if k == n else _pad(picked, n)
        return gself, gsrc.view(self.src_size)


def _pad(v, n):
    from .shape import embed
    k = v.data.numel()
    return embed(v, (n,), lambda t: t.narrow(0, 0, k))


@method("masked_scatter")
def masked_scatter(self, mask, source):
    check_same_type("masked_scatter", self, source)
    mask = _mask_of(self, mask)
    data = self.data.clone().masked_scatter_(mask, source.data)
    out, fn = record(MaskedScatterBackward, data, self, source)
    if fn is not None:
        fn.mask, fn.src_size = mask, source.data.size()
    return out


# ---- index_add / index_copy / index_fill ----

class IndexAddBackward(Node):
    __slots__ = ("dim", "index", "fill")

    def _bw(self, g):
        idx = const(self.index)
        gself = g.index_fill(self.dim, idx, 0) if self.fill else g
        if len(self.next_functions) == 1:
            return (gself,)
        return gself, g.index_select(self.dim, idx)


def _index_update(name, fill):
    def op(self, dim, index, source):
        index = _t(index)
        dim = _wrap_dim(dim, self.data.dim())
        data = self.data.clone()
        if isinstance(source, Variable):
            check_same_type(name, self, source)
            getattr(data, name + "_")(dim, index, source.data)
            out, fn = record(IndexAddBackward, data, self, source)
        else:
            getattr(data, name + "_")(dim, index, source)
            out, fn = record(IndexAddBackward, data, self)
        if fn is not None:
            fn.dim, fn.index, fn.fill = dim, index, fill
        return out
    op.__name__ = name
    METHODS[name] = op


_index_update("index_add", False)
_index_update("index_copy", True)
_index_update("index_fill", True)


@method("nonzero")
def nonzero(self):
    return _new(self.data.nonzero(), None, False, self._volatile)


# ---- __getitem__ / __setitem__ ----

def _items(key):
    if not isinstance(key, tuple):
        key = (key,)
    items = []
    for k in key:
        k = _t(k)
        if not isinstance(k, (int, slice, type(None), type(Ellipsis), _Tensor, list,
                              np.ndarray)):
            if not hasattr(k, "__index__"):
                raise TypeError(f"indexing a Variable with an object of type "
                                f"{type(k).__name__}; the supported types are int, slice, "
                                "None, Ellipsis, LongTensor, ByteTensor and lists of ints")
            k = k.__index__()
        items.append(k)
    return items


def _is_advanced(item):
    return isinstance(item, (_Tensor, list, np.ndarray))


def _numpy_key(items):
    key = []
    for item in items:
        if isinstance(item, _Tensor):
            arr = item.numpy()
            key.append(arr.astype(bool) if item._real == "Byte" else arr.astype(np.intp))
        elif isinstance(item, list):
            key.append(np.asarray(item))
        else:
            key.append(item)
    return tuple(key)


def _basic_index(self, items):
    n_real = sum(1 for i in items if i is not None and i is not Ellipsis)
    if n_real > self.data.dim():
        raise IndexError(f"too many indices for a Variable of dimension {self.data.dim()} "
                         f"(got {n_real})")
    v, dim = self, 0
    for item in items:
        if item is None:
            v = v.unsqueeze(dim)
            dim += 1
        elif item is Ellipsis:
            dim += self.data.dim() - n_real
        elif isinstance(item, int):
            v = v.select(dim, item)
        else:
            start, stop, step = item.indices(v.data.size(dim))
            if step <= 0:
                raise ValueError(f"slice step must be positive, got {step}")
            v = v._slice(dim, start, max(stop, start), step)
            dim += 1
    return v


class AdvancedIndexBackward(Node):
    __slots__ = ("size", "items")

    def _bw(self, g):
        return (index_put_zeros(g, self.size, self.items),)


class IndexPutZerosBackward(Node):
    __slots__ = ("items",)

    def _bw(self, g):
        return (_advanced_index(g, self.items),)


def index_put_zeros(g, size, items):
    z = g.data.new(*size).zero_()
    zn = z.numpy()
    key = _numpy_key(items)
    np.add.at(zn, key, g.data.numpy().reshape(np.shape(zn[key])))
    out, fn = record(IndexPutZerosBackward, z, g)
    if fn is not None:
        fn.items = items
    return out


def _advanced_index(self, items):
    data = self.data[tuple(items)]
    if not isinstance(data, _Tensor):
        data = self.data.new(1).fill_(data)
    out, fn = record(AdvancedIndexBackward, data, self)
    if fn is not None:
        fn.size, fn.items = self.data.size(), items
    return out


@method("__getitem__")
def getitem(self, key):
    items = _items(key)
    if any(_is_advanced(i) for i in items):
        return _advanced_index(self, items)
    return _basic_index(self, items)


class SetItemBackward(Node):
    __slots__ = ("key", "value_size")

    def _bw(self, g):
        gself = g.clone()
        gself[self.key] = 0
        if self.value_size is None:
            return (gself,)
        return gself, reduce_to(g[self.key], self.value_size)


def _setitem_copy(self, key, value):
    data = self.data.clone()
    if isinstance(value, Variable):
        check_same_type("__setitem__", self, value)
        data[key] = value.data
        out, fn = record(SetItemBackward, data, self, value)
        if fn is not None:
            fn.value_size = value.data.size()
    else:
        data[key] = value
        out, fn = record(SetItemBackward, data, self)
        if fn is not None:
            fn.value_size = None
    if fn is not None:
        fn.key = key
    return out


METHODS["__setitem__"] = inplace_of("__setitem__", _setitem_copy)

for _n in ("scatter", "masked_fill", "masked_scatter", "index_add", "index_copy", "index_fill"):
    METHODS[_n + "_"] = inplace_of(_n + "_", METHODS[_n])

METHODS["index"] = getitem


# ---- results without gradients ----

@method("equal")
def equal(self, other):
    return self.data.equal(_t(other))


def _no_grad(name):
    def op(self, *args, **kwargs):
        d = getattr(self.data, name)(*[_t(a) for a in args], **kwargs)
        return _new(d, None, False, self._volatile)
    op.__name__ = name
    METHODS[name] = op


for _n in ("bernoulli", "multinomial", "histc"):
    _no_grad(_n)
