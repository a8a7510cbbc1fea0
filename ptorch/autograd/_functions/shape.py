"""Views and reshapes, joins and splits, type conversions, fill and copy. Results that
share memory with their input also share its version counter. Gradients of selections are
written into zeros by Embed, whose own gradient is the selection again."""
from .._node import Node
from ..variable import Variable, record, view_of, _new, check_same_type
from ._util import method, reduce_to, inplace_of, METHODS, needs_graph, _leaf_error


def _sizes(args):
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return args


def _wrap_dim(dim, n):
    if dim < -n or dim >= max(n, 1):
        raise IndexError(f"dimension {dim} is out of range for a Variable of {n} dimensions")
    return dim + n if dim < 0 else dim


class ViewBackward(Node):
    __slots__ = ("size",)

    def _bw(self, g):
        return (g.contiguous().view(self.size),)


@method("view")
def view(self, *sizes):
    out, fn = view_of(self, self.data.view(*sizes), ViewBackward)
    if fn is not None:
        fn.size = self.data.size()
    return out


@method("view_as")
def view_as(self, other):
    return view(self, other.size())


class ExpandBackward(Node):
    __slots__ = ("size",)

    def _bw(self, g):
        return (reduce_to(g, self.size),)


@method("expand")
def expand(self, *sizes):
    out, fn = view_of(self, self.data.expand(*sizes), ExpandBackward)
    if fn is not None:
        fn.size = self.data.size()
    return out


@method("expand_as")
def expand_as(self, other):
    return expand(self, other.size())


class IdentityBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (g,)


@method("contiguous")
def contiguous(self):
    if self.data.is_contiguous():
        return self
    return record(IdentityBackward, self.data.contiguous(), self)[0]


@method("clone")
def clone(self):
    return record(IdentityBackward, self.data.clone(), self)[0]


class TransposeBackward(Node):
    __slots__ = ("d0", "d1")

    def _bw(self, g):
        return (g.transpose(self.d0, self.d1),)


@method("transpose")
def transpose(self, dim0, dim1):
    out, fn = view_of(self, self.data.transpose(dim0, dim1), TransposeBackward)
    if fn is not None:
        fn.d0, fn.d1 = dim0, dim1
    return out


@method("t")
def t(self):
    if self.data.dim() != 2:
        raise RuntimeError(f"t() expects a 2D Variable, but this one has "
                           f"{self.data.dim()} dimensions")
    return transpose(self, 0, 1)


class PermuteBackward(Node):
    __slots__ = ("inverse",)

    def _bw(self, g):
        return (g.permute(*self.inverse),)


@method("permute")
def permute(self, *dims):
    dims = _sizes(dims)
    out, fn = view_of(self, self.data.permute(*dims), PermuteBackward)
    if fn is not None:
        n = len(dims)
        inverse = [0] * n
        for i, d in enumerate(dims):
            inverse[_wrap_dim(d, n)] = i
        fn.inverse = tuple(inverse)
    return out


class SqueezeBackward(Node):
    __slots__ = ("size",)

    def _bw(self, g):
        return (_unsqueeze_to(g, self.size),)


def _unsqueeze_to(g, size):
    """g with the size-1 dims of `size` that squeeze removed put back."""
    if g.data.size() == size:
        return g
    return g.contiguous().view(size)


@method("squeeze")
def squeeze(self, dim=None):
    data = self.data.squeeze() if dim is None else self.data.squeeze(dim)
    out, fn = view_of(self, data, SqueezeBackward)
    if fn is not None:
        fn.size = self.data.size()
    return out


class UnsqueezeBackward(Node):
    __slots__ = ("dim",)

    def _bw(self, g):
        return (g.squeeze(self.dim),)


@method("unsqueeze")
def unsqueeze(self, dim):
    dim = _wrap_dim(dim, self.data.dim() + 1)
    out, fn = view_of(self, self.data.unsqueeze(dim), UnsqueezeBackward)
    if fn is not None:
        fn.dim = dim
    return out


# ---- selections of a region, and Embed (their gradient) ----

class Embed(Node):
    """g written into zeros of `size` through `view_fn` (the selection); its gradient is
    the selection of the incoming gradient."""
    __slots__ = ("view_fn",)

    def _bw(self, g):
        return (self.view_fn(g),)


def embed(g, size, view_fn):
    z = g.data.new(*size).zero_()
    view_fn(z).copy_(g.data)
    out, fn = record(Embed, z, g)
    if fn is not None:
        fn.view_fn = view_fn
    return out


class SelectBackward(Node):
    __slots__ = ("size", "view_fn")

    def _bw(self, g):
        return (embed(g, self.size, self.view_fn),)


def _selection(self, data, view_fn):
    out, fn = view_of(self, data, SelectBackward)
    if fn is not None:
        fn.size = self.data.size()
        fn.view_fn = view_fn
    return out


@method("narrow")
def narrow(self, dim, start, length):
    return _selection(self, self.data.narrow(dim, start, length),
                      lambda t: t.narrow(dim, start, length))


@method("select")
def select(self, dim, index):
    if self.data.dim() == 1:  # a Variable keeps one element as size [1], not a number
        n = self.data.size(0)
        if index < -n or index >= n:
            raise IndexError(f"index {index} is out of range for dimension 0 with size {n}")
        index = index + n if index < 0 else index
        return narrow(self, 0, index, 1)
    return _selection(self, self.data.select(dim, index), lambda t: t.select(dim, index))


@method("_slice")
def slice_(self, dim, start, stop, step):
    return _selection(self, self.data._slice(dim, start, stop, step),
                      lambda t: t._slice(dim, start, stop, step))


class SplitBackward(Node):
    """The pieces of split/chunk/unbind as one node: backward concatenates the pieces'
    gradients along dim (zeros for a piece whose gradient never arrived), so k pieces cost
    one pass, not k full-size zero-padded gradients. Written with cat, so it differentiates
    again (cat's gradient is the pieces of the gradient)."""
    __slots__ = ("dim", "size", "lengths", "squeezed", "_n_out")

    def _bw(self, *grads):
        from ... import _ops
        present = [g for g in grads if g is not None]
        volatile = all(g._volatile for g in present)
        ref = present[0].data
        parts = []
        for g, n in zip(grads, self.lengths):
            if g is None:
                shape = list(self.size)
                shape[self.dim] = n
                g = _new(ref.new(*shape).zero_(), None, False, volatile)
            elif self.squeezed:
                g = g.unsqueeze(self.dim)
            parts.append(g)
        if volatile:  # no graph: one concatenation of the tensors
            return (_new(_ops.cat([g.data for g in parts], self.dim), None, False, True),)
        return (cat(parts, self.dim),)


def _pieces(self, dim, datas, lengths, squeezed):
    """The views datas of self as the outputs of one SplitBackward node."""
    if not datas:
        return ()
    first, fn = view_of(self, datas[0], SplitBackward)
    outs = [first]
    for i in range(1, len(datas)):
        v = _new(datas[i], fn, first._requires_grad, first._volatile)
        v._output_nr = i
        v._vc = first._vc
        outs.append(v)
    if fn is not None:
        fn.dim = dim
        fn.size = self.data.size()
        fn.lengths = lengths
        fn.squeezed = squeezed
        fn._n_out = len(datas)
    return tuple(outs)


@method("chunk")
def chunk(self, chunks, dim=0):
    if chunks <= 0:
        raise ValueError(f"chunk expects a positive number of chunks, got {chunks}")
    dim = _wrap_dim(dim, self.data.dim())
    size = self.data.size(dim)
    step = -(-size // chunks)
    return split(self, max(step, 1), dim)


@method("split")
def split(self, split_size, dim=0):
    if split_size <= 0:
        raise ValueError(f"split expects a positive split_size, got {split_size}")
    dim = _wrap_dim(dim, self.data.dim())
    size = self.data.size(dim)
    lengths = [min(split_size, size - s) for s in range(0, size, split_size)]
    datas = [self.data.narrow(dim, s, n) for s, n in zip(range(0, size, split_size), lengths)]
    return _pieces(self, dim, datas, lengths, False)


@method("unbind")
def unbind(self, dim=0):
    dim = _wrap_dim(dim, self.data.dim())
    n = self.data.size(dim)
    if self.data.dim() == 1:  # a Variable keeps one element as size [1], not a number
        return _pieces(self, 0, [self.data.narrow(0, i, 1) for i in range(n)], [1] * n, False)
    return _pieces(self, dim, [self.data.select(dim, i) for i in range(n)], [1] * n, True)


class UnfoldBackward(Node):
    __slots__ = ("size", "dim", "step", "width")

    def _bw(self, g):
        dim, step, width = self.dim, self.step, self.width
        total = None
        for i in range(g.data.size(dim)):
            window = g.select(dim, i) if g.data.dim() > 1 else g.narrow(dim, i, 1)
            window = _move_last_to(window, dim)
            part = embed(window, self.size,
                         lambda t, i=i: t.narrow(dim, i * step, width))
            total = part if total is None else total + part
        return (total,)


def _move_last_to(v, dim):
    n = v.data.dim()
    order = list(range(n - 1))
    order.insert(dim, n - 1)
    return v.permute(*order)


@method("unfold")
def unfold(self, dim, size, step):
    dim = _wrap_dim(dim, self.data.dim())
    out, fn = view_of(self, self.data.unfold(dim, size, step), UnfoldBackward)
    if fn is not None:
        fn.size, fn.dim, fn.step, fn.width = self.data.size(), dim, step, size
    return out


@method("repeat")
def repeat(self, *sizes):
    reps = _sizes(sizes)
    x = self
    if len(reps) < x.data.dim():
        raise RuntimeError(f"repeat: {len(reps)} repeat counts given for a Variable of "
                           f"{x.data.dim()} dimensions")
    shape = (1,) * (len(reps) - x.data.dim()) + tuple(x.data.size())
    x = x.contiguous().view(shape)
    inter, final, expanded = [], [], []
    for r, s in zip(reps, shape):
        inter += [1, s]
        expanded += [r, s]
        final.append(r * s)
    return x.view(*inter).expand(*expanded).contiguous().view(*final)


# ---- diagonals and triangles ----

def _diag_view(t, k):
    """The k-th diagonal of a 2-d tensor or Variable, as a strided selection."""
    n, m = t.size(0), t.size(1)
    if k >= 0:
        length = max(min(n, m - k), 0)
        start = k
    else:
        length = max(min(n + k, m), 0)
        start = -k * m
    flat = t.contiguous().view(n * m)
    return flat._slice(0, start, start + (length - 1) * (m + 1) + 1, m + 1)


class DiagEmbedBackward(Node):
    __slots__ = ("k",)

    def _bw(self, g):
        return (_diag_view(g, self.k),)


@method("diag")
def diag(self, diagonal=0):
    k = diagonal
    if self.data.dim() == 2:
        return _diag_view(self, k)
    if self.data.dim() != 1:
        raise RuntimeError(f"diag expects a 1D or 2D Variable, got {self.data.dim()}D")
    n = self.data.size(0) + abs(k)
    z = self.data.new(n, n).zero_()
    _diag_view(z, k).copy_(self.data)
    out, fn = record(DiagEmbedBackward, z, self)
    if fn is not None:
        fn.k = k
    return out


def _tri_mask(v, k, upper):
    import numpy as np
    n, m = v.data.size(0), v.data.size(1)
    mask = np.tri(n, m, k - 1 if upper else k, dtype=v.data.numpy().dtype)
    if upper:
        mask = 1 - mask
    return _new(type(v.data)(np.ascontiguousarray(mask)), None, False, False)


@method("tril")
def tril(self, diagonal=0):
    return self * _tri_mask(self, diagonal, False)


@method("triu")
def triu(self, diagonal=0):
    return self * _tri_mask(self, diagonal, True)


# ---- joining ----

class CatBackward(Node):
    __slots__ = ("dim", "lengths")

    def _bw(self, g):
        out, start = [], 0
        for n in self.lengths:
            out.append(g.narrow(self.dim, start, n))
            start += n
        return tuple(out)


def cat(seq, dim=0):
    """Concatenates Variables along dim."""
    from ... import _ops
    seq = list(seq)
    if not seq:
        raise ValueError("cat expects a non-empty sequence of Variables")
    for i, v in enumerate(seq):
        if not isinstance(v, Variable):
            raise TypeError(f"cat: element {i} of the sequence is a {type(v).__name__}, "
                            "expected a Variable")
        check_same_type("cat", seq[0], v)
    dim = _wrap_dim(dim, seq[0].data.dim())
    data = _ops.cat([v.data for v in seq], dim)
    out, fn = record(CatBackward, data, *seq)
    if fn is not None:
        fn.dim = dim
        fn.lengths = [v.data.size(dim) for v in seq]
    return out


def stack(seq, dim=0):
    """Stacks Variables of the same size along a new dim."""
    seq = list(seq)
    if not seq:
        raise ValueError("stack expects a non-empty sequence of Variables")
    return cat([v.unsqueeze(dim) for v in seq], dim)


# ---- types ----

class TypeBackward(Node):
    __slots__ = ("src",)

    def _bw(self, g):
        return (g.type(self.src),)


_FLOATS = ("Float", "Double", "Half")


@method("type")
def type_(self, t=None, **kwargs):
    if t is None:
        return self.data.type()
    data = self.data.type(t)
    if data is self.data:
        return self
    differentiable = data._real in _FLOATS and self.data._real in _FLOATS
    if not differentiable:
        return _new(data, None, False, self._volatile)
    out, fn = record(TypeBackward, data, self)
    if fn is not None:
        fn.src = type(self.data)
    return out


@method("type_as")
def type_as(self, other):
    return type_(self, type(other.data if isinstance(other, Variable) else other))


def _conversion(name):
    def op(self):
        return type_(self, "ptorch." + name.capitalize() + "Tensor")
    op.__name__ = name
    METHODS[name] = op


for _n in ("byte", "char", "short", "int", "long", "float", "double", "half"):
    _conversion(_n)


@method("cpu")
def cpu(self):
    return self


@method("cuda")
def cuda(self, device=None, non_blocking=False, **kwargs):
    data = self.data.cuda(device)
    out, fn = record(TypeBackward, data, self)
    if fn is not None:
        fn.src = type(self.data)
    return out


# ---- fill, zero, copy ----

class ZeroGradBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (g * 0,)


def _filled(self, value):
    return record(ZeroGradBackward, self.data.new(self.data.size()).fill_(value), self)[0]


METHODS["fill_"] = inplace_of("fill_", _filled)
METHODS["zero_"] = inplace_of("zero_", lambda self: _filled(self, 0))


class CopyBackward(Node):
    __slots__ = ("src_type", "src_size")

    def _bw(self, g):
        gs = reduce_to(g, self.src_size)
        if self.src_type is not type(g.data):
            gs = gs.type(self.src_type)
        return g * 0, gs


def _copied(self, src):
    if not isinstance(src, Variable):
        raise TypeError(f"copy_ of a Variable expects a Variable, got {type(src).__name__}")
    data = self.data.new(self.data.size()).copy_(src.data)
    out, fn = record(CopyBackward, data, self, src)
    if fn is not None:
        fn.src_type = type(src.data)
        fn.src_size = src.data.size()
    return out


METHODS["copy_"] = inplace_of("copy_", _copied)


# ---- shape-changing in-place methods: a new view in place of the old data ----

def _geometry_inplace(name, op):
    def inplace(self, *args):
        if needs_graph(self, ()):
            if self.grad_fn is None:
                _leaf_error(name)
            alias = _new(self.data, self.grad_fn, True, False)
            alias._output_nr = self._output_nr
            alias._vc = self._shared_vc()
            res = op(alias, *args)
            self.data = res.data
            self.grad_fn = res.grad_fn
            self._output_nr = res._output_nr
        else:
            self.data = getattr(self.data, name[:-1])(*args)
        return self
    inplace.__name__ = name
    METHODS[name] = inplace


for _n in ("transpose", "t", "squeeze", "unsqueeze"):
    _geometry_inplace(_n + "_", METHODS[_n])

