"""Tensor indexing. Basic indices (ints, slices, None, Ellipsis) make views through the C
geometry calls; a full integer index reads or writes one element as a Python number.
Advanced indices (LongTensor, list, ByteTensor mask) follow NumPy's rules and copy on read,
evaluated on the NumPy view of the tensor's memory."""
import numpy as np

from . import _C


def _is_advanced(item):
    return isinstance(item, (_C._CTensor, list, np.ndarray))


def _normalise(key):
    if not isinstance(key, tuple):
        key = (key,)
    out = []
    for item in key:
        if hasattr(item, "data") and isinstance(getattr(item, "data", None), _C._CTensor) \
                and not isinstance(item, _C._CTensor):
            item = item.data  # a Variable used as an index
        if not isinstance(item, (int, slice, type(None), type(Ellipsis), _C._CTensor, list,
                                 np.ndarray)):
            if hasattr(item, "__index__"):
                item = item.__index__()
            else:
                raise TypeError(
                    f"indexing a tensor with an object of type {type(item).__name__}; the "
                    "supported types are int, slice, None, Ellipsis, LongTensor, ByteTensor "
                    "and lists of ints")
        if isinstance(item, _C._CTensor) and item._real not in ("Long", "Byte", "Int",
                                                                  "Short", "Char"):
            raise TypeError(f"indexing a tensor with a {item.type()}: use a LongTensor "
                            "(indices) or a ByteTensor (mask)")
        out.append(item)
    if sum(1 for i in out if i is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    return out


def _basic(t, items):
    """(view, None) or (None, (element index tuple)) for a key of basic items."""
    n_real = sum(1 for i in items if i is not None and i is not Ellipsis)
    if n_real > t.dim():
        raise IndexError(f"too many indices for tensor of dimension {t.dim()} "
                         f"(got {n_real})")
    if n_real == t.dim() and t.dim() > 0 and all(isinstance(i, int) for i in items):
        return None, tuple(_wrap_index(i, t.size(d), d) for d, i in enumerate(items))
    view = t
    dim = 0
    for item in items:
        if item is None:
            view = view.unsqueeze(dim)
            dim += 1
        elif item is Ellipsis:
            dim += t.dim() - n_real
        elif isinstance(item, int):
            if view.dim() == 1:
                # selecting the last dimension away would give a 0-dim tensor
                return None, None
            view = view.select(dim, _wrap_index(item, view.size(dim), dim))
        else:
            start, stop, step = item.indices(view.size(dim))
            if step <= 0:
                raise ValueError(f"slice step must be positive, got {step}")
            view = view._slice(dim, start, max(stop, start), step)
            dim += 1
    return view, None


def _wrap_index(i, size, dim):
    if i < -size or i >= size:
        raise IndexError(f"index {i} is out of range for dimension {dim} with size {size}")
    return i + size if i < 0 else i


def _numpy_key(items):
    out = []
    for item in items:
        if isinstance(item, _C._CTensor):
            arr = item.numpy()
            out.append(arr.astype(bool) if item._real == "Byte" else arr.astype(np.intp))
        elif isinstance(item, list):
            arr = np.asarray(item)
            if arr.dtype != bool and not np.issubdtype(arr.dtype, np.integer):
                if arr.size == 0:
                    arr = arr.astype(np.intp)
                else:
                    raise TypeError(f"list indices must be ints or bools, got {arr.dtype}")
            out.append(arr)
        else:
            out.append(item)
    return tuple(out)


def _result(t, value):
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return value.item()
        if value.size == 0:
            return type(t)()
        return type(t)(np.ascontiguousarray(value))
    return value.item() if hasattr(value, "item") else value


def getitem(t, key):
    if isinstance(key, int) and t.dim() == 1:
        return t._get((_wrap_index(key, t.size(0), 0),))
    items = _normalise(key)
    if any(_is_advanced(i) for i in items):
        if t.dim() == 0:
            raise IndexError("cannot index an empty tensor")
        try:
            return _result(t, t.numpy()[_numpy_key(items)])
        except IndexError as e:
            raise IndexError(f"{e} (tensor of size {tuple(t.size())})") from None
    view, element = _basic(t, items)
    if element is not None:
        return t._get(element)
    if view is None:
        # An int selected the last dimension: evaluate on the NumPy view.
        return _result(t, t.numpy()[tuple(items)])
    return view


def _value_array(t, value):
    if isinstance(value, _C._CTensor):
        return value.numpy()
    if hasattr(value, "data") and isinstance(getattr(value, "data", None), _C._CTensor):
        return value.data.numpy()
    return value


def setitem(t, key, value):
    items = _normalise(key)
    if not any(_is_advanced(i) for i in items):
        view, element = _basic(t, items)
        if element is not None:
            if isinstance(value, _C._CTensor):
                value = value._item("assigning a tensor to one element")
            t._put(element, value)
            return
        if view is not None:
            if isinstance(value, _C._CTensor):
                if value.numel() == view.numel() and not value.is_same_size(view) and \
                        value.dim() != view.dim():
                    view.copy_(value.view(view.size()) if value.is_contiguous() else value)
                else:
                    view.copy_(value.expand(view.size()) if not value.is_same_size(view)
                               else value)
            else:
                view.fill_(value)
            return
    if t.dim() == 0:
        raise IndexError("cannot index an empty tensor")
    arr = t.numpy()
    try:
        arr[_numpy_key(items)] = _value_array(t, value)
    except (IndexError, ValueError) as e:
        raise type(e)(f"{e} (tensor of size {tuple(t.size())})") from None
