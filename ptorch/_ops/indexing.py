"""ptorch.* functions of the indexing family: indexing, slicing, joining and reshaping
(cat, stack, chunk, split, unbind, index_select, gather, masked_select, nonzero, squeeze,
unsqueeze, t, transpose) and the matrix-shape ops (tril, triu, diag, trace, cross, histc)."""
import numpy as np

from .. import _C

__all__ = ["cat", "stack", "chunk", "split", "unbind", "index_select", "gather",
           "masked_select", "nonzero", "squeeze", "unsqueeze", "t", "transpose", "tril", "triu",
           "diag", "trace", "cross", "histc"]


def _check_tensor(x, what, name="input"):
    if not isinstance(x, _C._CTensor):
        raise TypeError(f"{what}: expected a tensor as {name}, got {type(x).__name__}")
    return x


def _wrap_dim(dim, ndim, what):
    n = max(ndim, 1)
    if not isinstance(dim, int):
        raise TypeError(f"{what}: dim must be an int, got {type(dim).__name__}")
    if dim < -n or dim >= n:
        raise IndexError(f"{what}: dimension out of range (expected to be in range of "
                         f"[{-n}, {n - 1}], but got {dim})")
    return dim + n if dim < 0 else dim


def _sequence(seq, what):
    if isinstance(seq, _C._CTensor) or not hasattr(seq, "__iter__"):
        raise TypeError(f"{what}: expected a sequence of tensors, got {type(seq).__name__}")
    seq = list(seq)
    if not seq:
        raise ValueError(f"{what}: expected a non-empty sequence of tensors")
    for i, x in enumerate(seq):
        if not isinstance(x, _C._CTensor):
            raise TypeError(f"{what}: expected a sequence of tensors, but element {i} is a "
                            f"{type(x).__name__}")
    return seq


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _out_view(out, view):
    """Ops whose result is a view: with out=, out becomes that view."""
    if out is None:
        return view
    return out.set_(view)


def cat(seq, dim=0, out=None):
    """Joins tensors of the same type along dim; empty tensors are skipped."""
    seq = _sequence(seq, "cat()")
    ref = next((x for x in seq if x.numel() > 0), seq[0])
    dim = _wrap_dim(dim, ref.dim(), "cat()")
    result = type(seq[0])() if out is None else out
    return result._cat(seq, dim)


def stack(seq, dim=0, out=None):
    """Joins tensors of one size along a new dimension dim."""
    seq = _sequence(seq, "stack()")
    size = seq[0].size()
    for i, x in enumerate(seq):
        if x.size() != size:
            raise RuntimeError(f"stack(): tensors must have the same size, but tensor 0 has "
                               f"size {_fmt(size)} and tensor {i} has size {_fmt(x.size())}")
    dim = _wrap_dim(dim, seq[0].dim() + 1, "stack()")
    return cat([x.unsqueeze(dim) for x in seq], dim, out=out)


def split(tensor, split_size, dim=0):
    """Views of tensor in pieces of split_size along dim (the last may be smaller)."""
    _check_tensor(tensor, "split()")
    dim = _wrap_dim(dim, tensor.dim(), "split()")
    if not isinstance(split_size, int) or split_size <= 0:
        raise ValueError(f"split(): split_size must be a positive int, got {split_size!r}")
    size = tensor.size(dim) if tensor.dim() else 0
    return tuple(tensor.narrow(dim, start, min(split_size, size - start))
                 for start in range(0, size, split_size))


def chunk(tensor, chunks, dim=0):
    """Views of tensor in `chunks` pieces (or fewer) along dim."""
    _check_tensor(tensor, "chunk()")
    if not isinstance(chunks, int) or chunks <= 0:
        raise ValueError(f"chunk(): chunks must be a positive int, got {chunks!r}")
    dim = _wrap_dim(dim, tensor.dim(), "chunk()")
    size = tensor.size(dim) if tensor.dim() else 0
    return split(tensor, max(1, -(-size // chunks)), dim)


def unbind(tensor, dim=0):
    """The slices of tensor along dim (numbers for a 1-d tensor)."""
    _check_tensor(tensor, "unbind()")
    dim = _wrap_dim(dim, tensor.dim(), "unbind()")
    if tensor.dim() == 0:
        return ()
    if tensor.dim() == 1:
        return tuple(tensor.tolist())
    return tuple(tensor.select(dim, i) for i in range(tensor.size(dim)))


def index_select(input, dim, index, out=None):
    return _check_tensor(input, "index_select()").index_select(dim, index, out=out)


def gather(input, dim, index, out=None):
    return _check_tensor(input, "gather()").gather(dim, index, out=out)


def masked_select(input, mask, out=None):
    return _check_tensor(input, "masked_select()").masked_select(mask, out=out)


def nonzero(input, out=None):
    return _check_tensor(input, "nonzero()").nonzero(out=out)


def squeeze(input, dim=None, out=None):
    return _out_view(out, _check_tensor(input, "squeeze()").squeeze(dim))


def unsqueeze(input, dim, out=None):
    return _out_view(out, _check_tensor(input, "unsqueeze()").unsqueeze(dim))


def t(input, out=None):
    return _out_view(out, _check_tensor(input, "t()").t())


def transpose(input, dim0, dim1, out=None):
    return _out_view(out, _check_tensor(input, "transpose()").transpose(dim0, dim1))


def tril(input, diagonal=0, out=None):
    return _check_tensor(input, "tril()").tril(diagonal, out=out)


def triu(input, diagonal=0, out=None):
    return _check_tensor(input, "triu()").triu(diagonal, out=out)


def diag(input, diagonal=0, out=None):
    return _check_tensor(input, "diag()").diag(diagonal, out=out)


def trace(input):
    return _check_tensor(input, "trace()").trace()


def cross(input, other, dim=-1, out=None):
    return _check_tensor(input, "cross()").cross(other, dim, out=out)


def histc(input, bins=100, min=0, max=0, out=None):
    return _check_tensor(input, "histc()").histc(bins, min, max, out=out)


def _callable(fn, what):
    if not callable(fn):
        raise TypeError(f"{what}: expected a callable, got {type(fn).__name__}")


def _operand(self, other, what):
    if not isinstance(other, _C._CTensor):
        raise TypeError(f"{what}: expected a tensor, got {type(other).__name__}")
    if other.size() != self.size():
        other = other.expand(self.size())
    return other.numpy()


class TensorMethods:
    """Python-level tensor methods of this family (joined into every tensor class)."""
    __slots__ = ()

    def split(self, split_size, dim=0):
        return split(self, split_size, dim)

    def chunk(self, chunks, dim=0):
        return chunk(self, chunks, dim)

    def unbind(self, dim=0):
        return unbind(self, dim)

    def index(self, index):
        """self[index] (0.2's Tensor.index)."""
        return self[index]

    def apply_(self, fn):
        """Replaces every element x by fn(x)."""
        _callable(fn, "apply_()")
        if self.numel():
            for x in np.nditer(self.numpy(), op_flags=[["readwrite"]]):
                x[...] = fn(x.item())
        return self

    def map_(self, other, fn):
        """Replaces every element x by fn(x, y), y the matching element of other
        (broadcast to self's size)."""
        _callable(fn, "map_()")
        if self.numel():
            o = _operand(self, other, "map_()")
            for x, y in np.nditer([self.numpy(), o], op_flags=[["readwrite"], ["readonly"]]):
                x[...] = fn(x.item(), y.item())
        return self

    def map2_(self, a, b, fn):
        """Replaces every element x by fn(x, y, z), y and z the matching elements of a and b
        (broadcast to self's size)."""
        _callable(fn, "map2_()")
        if self.numel():
            ya, yb = _operand(self, a, "map2_()"), _operand(self, b, "map2_()")
            for x, y, z in np.nditer([self.numpy(), ya, yb],
                                     op_flags=[["readwrite"], ["readonly"], ["readonly"]]):
                x[...] = fn(x.item(), y.item(), z.item())
        return self
