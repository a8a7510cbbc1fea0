"""Tensor indexing (__getitem__/__setitem__) with NumPy's rules, computed by the C kernels.

Basic indices (ints, slices, None, Ellipsis) give views; a full integer index reads or
writes one element as a Python number. One advanced index (a LongTensor, a list of ints or
a ByteTensor mask) among basic ones goes to index_select / index_copy_ / index_fill_ or
masked_select / masked_fill_ / masked_scatter_ on the basic view, as in torch 0.2. Several
advanced indices (or ints mixed with one) follow NumPy: the indices broadcast together,
and the elements' storage offsets are computed from the tensor's strides and read or written
with index_select / index_copy_ / index_fill_ on the storage."""
import numpy as np

from . import _C, _types

_INT_REALS = ("Long", "Int", "Short", "Char")


class _Adv:
    """An advanced index: `arr` (int64 indices, or a bool mask) as given."""
    __slots__ = ("arr", "mask", "tensor")

    def __init__(self, arr, mask, tensor=None):
        self.arr = arr
        self.mask = mask
        self.tensor = tensor  # the LongTensor / ByteTensor it came from, when it did

    @property
    def ndim(self):
        return self.arr.ndim if self.mask else 1


def _to_adv(item):
    if isinstance(item, _C._CTensor):
        real = item._real
        if real == "Byte":
            return _Adv(item.numpy().astype(bool), True, item)
        if real in _INT_REALS:
            return _Adv(item.numpy().astype(np.int64), False,
                        item if real == "Long" else None)
        raise TypeError(f"indexing a tensor with a {type(item).__name__}: use a LongTensor "
                        "(indices) or a ByteTensor (mask)")
    arr = np.asarray(item)
    if arr.dtype == bool:
        return _Adv(arr, True)
    if arr.size == 0:
        return _Adv(arr.astype(np.int64), False)
    if not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"indexing with a list or array of {arr.dtype}: list indices must be "
                        "ints or bools")
    return _Adv(arr.astype(np.int64), False)


def _normalise(key):
    """The key as a list of int, slice, None, Ellipsis and _Adv items."""
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for item in key:
        if not isinstance(item, _C._CTensor) and \
                isinstance(getattr(item, "data", None), _C._CTensor):
            item = item.data  # a Variable used as an index
        if item is None or item is Ellipsis or isinstance(item, (int, slice)):
            out.append(item)
        elif isinstance(item, (_C._CTensor, list, tuple, np.ndarray)):
            out.append(_to_adv(item))
        elif hasattr(item, "__index__"):
            out.append(item.__index__())
        else:
            raise TypeError(
                f"indexing a tensor with an object of type {type(item).__name__}; the "
                "supported types are int, slice, None, Ellipsis, LongTensor, ByteTensor "
                "and lists of ints")
    if sum(1 for i in out if i is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    return out


def _wrap_index(i, size, dim):
    if i < -size or i >= size:
        raise IndexError(f"index {i} is out of range for dimension {dim} with size {size}")
    return i + size if i < 0 else i


def _wrap_array(arr, size, dim):
    """Indices with negatives wrapped, after a bounds check naming the first bad one."""
    bad = (arr < -size) | (arr >= size)
    if bad.any():
        raise IndexError(f"index {int(arr[bad].flat[0])} is out of range for dimension {dim} "
                         f"with size {size}")
    return np.where(arr < 0, arr + size, arr)


def _plan(t, items, adv_ints):
    """Walks the key over t's geometry. Returns (offset, sizes, strides, dims, slots): the
    basic view's geometry, the original dimension of each view dimension (None for new
    ones), and per advanced item (index in items, first view dimension). With adv_ints,
    ints stay dimensions of the view (they take part in advanced indexing)."""
    n_used = sum(i.ndim if isinstance(i, _Adv) else 1
                 for i in items if i is not None and i is not Ellipsis)
    nd = t.dim()
    if n_used > nd:
        raise IndexError(f"too many indices for tensor of dimension {nd} (got {n_used})")
    offset = t.storage_offset()
    tsize, tstride = t.size(), t.stride()
    sizes, strides, dims, slots = [], [], [], []
    d = 0
    for pos, item in enumerate(items):
        if item is None:
            sizes.append(1)
            strides.append(0)
            dims.append(None)
        elif item is Ellipsis:
            for _ in range(nd - n_used):
                sizes.append(tsize[d])
                strides.append(tstride[d])
                dims.append(d)
                d += 1
        elif isinstance(item, int) and not adv_ints:
            offset += _wrap_index(item, tsize[d], d) * tstride[d]
            d += 1
        elif isinstance(item, slice):
            start, stop, step = item.indices(tsize[d])
            if step <= 0:
                raise ValueError(f"slice step must be positive, got {step}")
            n = max(0, (stop - start + step - 1) // step)
            if n > 0:
                offset += start * tstride[d]
            sizes.append(n)
            strides.append(tstride[d] * step)
            dims.append(d)
            d += 1
        else:  # an advanced item (or an int taking part in advanced indexing)
            k = item.ndim if isinstance(item, _Adv) else 1
            slots.append((pos, len(sizes)))
            for _ in range(k):
                sizes.append(tsize[d])
                strides.append(tstride[d])
                dims.append(d)
                d += 1
    while d < nd:
        sizes.append(tsize[d])
        strides.append(tstride[d])
        dims.append(d)
        d += 1
    return offset, sizes, strides, dims, slots


def _view(t, offset, sizes, strides):
    if not sizes:
        return None
    return type(t)().set_(t.storage(), offset, tuple(sizes), tuple(strides))


def _long(arr):
    return _types.tensor_classes["Long"](np.ascontiguousarray(arr, dtype=np.int64))


def _index_tensor(adv, size, dim):
    """A 1-d LongTensor of adv's (wrapped, checked) indices."""
    arr = adv.arr.reshape(-1)
    if adv.tensor is not None and adv.tensor.dim() == 1 and (arr >= 0).all():
        return adv.tensor  # the C kernel checks the bounds
    return _long(_wrap_array(arr, size, dim))


def _check_mask(adv, sizes, dims, p):
    shape = adv.arr.shape
    for j, s in enumerate(shape):
        if s != sizes[p + j]:
            raise IndexError(f"the shape of the mask {list(shape)} does not match the shape of "
                             f"the indexed tensor {sizes[p:p + len(shape)]} at dimension "
                             f"{dims[p + j]} ({s} against {sizes[p + j]})")


def _single(t, items):
    """(view, adv, p) for a key with exactly one advanced item and no ints mixed in."""
    offset, sizes, strides, dims, slots = _plan(t, items, False)
    (pos, p), = slots
    adv = items[pos]
    if adv.mask:
        _check_mask(adv, sizes, dims, p)
    return _view(t, offset, sizes, strides), adv, p, dims


def _gather_offsets(t, items):
    """NumPy's rules for several advanced indices: (flat storage tensor, int64 offsets of
    the result's elements in the result's shape)."""
    offset, sizes, strides, dims, slots = _plan(t, items, True)
    arrays, adv_dims = [], []
    for pos, p in slots:
        item = items[pos]
        if isinstance(item, int):
            arrays.append(np.asarray(_wrap_index(item, sizes[p], dims[p]), dtype=np.int64))
            adv_dims.append(p)
        elif item.mask:
            _check_mask(item, sizes, dims, p)
            for j, col in enumerate(np.nonzero(item.arr)):
                arrays.append(col.astype(np.int64))
                adv_dims.append(p + j)
        else:
            arrays.append(_wrap_array(item.arr, sizes[p], dims[p]))
            adv_dims.append(p)
    try:
        arrays = np.broadcast_arrays(*arrays)
    except ValueError:
        raise IndexError("shape mismatch: indexing tensors could not be broadcast together "
                         f"with shapes {' '.join(str(list(a.shape)) for a in arrays)}") from None
    adv_off = sum(a * strides[p] for a, p in zip(arrays, adv_dims))
    bshape = adv_off.shape
    rest = [d for d in range(len(sizes)) if d not in adv_dims]
    positions = [pos for pos, _ in slots]
    adjacent = positions == list(range(positions[0], positions[0] + len(positions)))
    first = slots[0][1]
    before = [d for d in rest if d < first] if adjacent else []
    after = [d for d in rest if d not in before]
    # offsets[before..., B..., after...]
    nb, na = len(before), len(after)
    total = np.asarray(offset, dtype=np.int64).reshape((1,) * (nb + len(bshape) + na))
    for j, d in enumerate(before):
        shape = [1] * (nb + len(bshape) + na)
        shape[j] = sizes[d]
        total = total + (np.arange(sizes[d], dtype=np.int64) * strides[d]).reshape(shape)
    total = total + adv_off.reshape((1,) * nb + bshape + (1,) * na)
    for j, d in enumerate(after):
        shape = [1] * (nb + len(bshape) + na)
        shape[nb + len(bshape) + j] = sizes[d]
        total = total + (np.arange(sizes[d], dtype=np.int64) * strides[d]).reshape(shape)
    out_shape = tuple(sizes[d] for d in before) + bshape + tuple(sizes[d] for d in after)
    total = np.broadcast_to(total, out_shape)
    flat = type(t)().set_(t.storage()) if t.storage().size() else type(t)()
    return flat, total


def _classify(t, items):
    """'basic', 'single' (one advanced item, 0.2's rules) or 'multi' (NumPy's)."""
    n_adv = sum(1 for i in items if isinstance(i, _Adv))
    if n_adv == 0:
        return "basic"
    if t.dim() == 0:
        raise IndexError("cannot index an empty tensor")
    if n_adv == 1 and not any(isinstance(i, int) for i in items):
        return "single"
    return "multi"


def _empty_like(t):
    return type(t)()


def getitem(t, key):
    if isinstance(key, int):  # the common case first
        nd = t.dim()
        if nd == 1:
            return t._get((_wrap_index(key, t.size(0), 0),))
        if nd > 1:
            return t.select(0, _wrap_index(key, t.size(0), 0))
    items = _normalise(key)
    kind = _classify(t, items)
    if kind == "basic":
        if t.dim() == 0:
            if all(i is Ellipsis or (isinstance(i, slice) and i == slice(None))
                   for i in items):
                return t
            raise IndexError("cannot index an empty tensor")
        offset, sizes, strides, _, _ = _plan(t, items, False)
        view = _view(t, offset, sizes, strides)
        if view is None:  # every dimension taken by an int
            return t._get(tuple(_wrap_index(i, t.size(d), d)
                                for d, i in enumerate(i for i in items if i is not Ellipsis)))
        return view
    if kind == "single":
        view, adv, p, dims = _single(t, items)
        if adv.mask:
            if p == 0 and adv.arr.ndim == view.dim():
                return view.masked_select(adv.tensor if adv.tensor is not None
                                          else _mask_tensor(adv.arr))
            if adv.arr.ndim == 1:
                idx = _long(np.nonzero(adv.arr)[0])
                return _select(view, p, idx, (idx.numel(),))
            return _multi_get(t, items)
        idx = _index_tensor(adv, view.size(p), dims[p])
        return _select(view, p, idx, adv.arr.shape)
    return _multi_get(t, items)


def _mask_tensor(arr):
    return _types.tensor_classes["Byte"](np.ascontiguousarray(arr, dtype=np.uint8))


def _select(view, p, idx, ishape):
    """view's slices idx along p, with dimension p replaced by the index shape ishape."""
    if idx.numel() == 0:
        return type(view)()
    res = view.index_select(p, idx)
    if len(ishape) != 1:
        sizes = tuple(view.size())
        res = res.view(sizes[:p] + tuple(ishape) + sizes[p + 1:])
    return res


def _multi_get(t, items):
    flat, offsets = _gather_offsets(t, items)
    if offsets.size == 0:
        return _empty_like(t)
    res = flat.index_select(0, _long(offsets.reshape(-1)))
    return res.view(offsets.shape) if offsets.ndim != 1 else res


def _value(t, value, what="assigning"):
    """A tensor of t's type, or a number."""
    if not isinstance(value, _C._CTensor) and \
            isinstance(getattr(value, "data", None), _C._CTensor):
        value = value.data
    if isinstance(value, _C._CTensor):
        return value if type(value) is type(t) else value.type(type(t))
    if isinstance(value, (list, tuple, np.ndarray)):
        return type(t)(np.asarray(value))
    if isinstance(value, (int, float)) or hasattr(value, "__float__"):
        return value
    raise TypeError(f"{what} an object of type {type(value).__name__} to a tensor: expected a "
                    "number or a tensor")


def _fit(value, shape):
    """value (a tensor) broadcast to shape, or with the same number of elements viewed so."""
    shape = tuple(shape)
    if tuple(value.size()) == shape:
        return value
    if value.numel() == int(np.prod(shape)) and value.dim() != len(shape):
        return value.contiguous().view(shape)
    try:
        return value.expand(shape)
    except RuntimeError:
        raise RuntimeError(f"shape mismatch: value tensor of size {list(value.size())} cannot "
                           f"be broadcast to indexing result of size {list(shape)}") from None


def setitem(t, key, value):
    items = _normalise(key)
    value = _value(t, value)
    kind = _classify(t, items)
    if kind == "basic":
        if t.dim() == 0:
            raise IndexError("cannot index an empty tensor")
        offset, sizes, strides, _, _ = _plan(t, items, False)
        view = _view(t, offset, sizes, strides)
        if view is None:
            if isinstance(value, _C._CTensor):
                value = value._item("assigning a tensor to one element")
            t._put(tuple(_wrap_index(i, t.size(d), d)
                         for d, i in enumerate(i for i in items if i is not Ellipsis)), value)
        elif isinstance(value, _C._CTensor):
            view.copy_(_fit(value, view.size()))
        else:
            view.fill_(value)
        return
    if kind == "single":
        view, adv, p, dims = _single(t, items)
        if adv.mask and p == 0 and adv.arr.ndim == view.dim():
            mask = adv.tensor if adv.tensor is not None else _mask_tensor(adv.arr)
            if isinstance(value, _C._CTensor):
                n = int(adv.arr.sum())
                view.masked_scatter_(mask, _fit(value, (n,)).contiguous() if n else value)
            else:
                view.masked_fill_(mask, value)
            return
        if adv.mask and adv.arr.ndim == 1:
            idx = _long(np.nonzero(adv.arr)[0])
            ishape = (idx.numel(),)
        elif adv.mask:
            return _multi_set(t, items, value)
        else:
            idx = _index_tensor(adv, view.size(p), dims[p])
            ishape = adv.arr.shape
        if idx.numel() == 0:
            return
        if not isinstance(value, _C._CTensor):
            view.index_fill_(p, idx, value)
            return
        sizes = tuple(view.size())
        src = _fit(value, sizes[:p] + tuple(ishape) + sizes[p + 1:])
        if len(ishape) != 1:
            src = src.contiguous().view(sizes[:p] + (idx.numel(),) + sizes[p + 1:])
        view.index_copy_(p, idx, src)
        return
    _multi_set(t, items, value)


def _multi_set(t, items, value):
    flat, offsets = _gather_offsets(t, items)
    if offsets.size == 0:
        return
    idx = _long(offsets.reshape(-1))
    if isinstance(value, _C._CTensor):
        src = _fit(value, offsets.shape).contiguous().view(offsets.size)
        flat.index_copy_(0, idx, src)
    else:
        flat.index_fill_(0, idx, value)
