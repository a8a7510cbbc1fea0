"""Matrix products and linear algebra. mm, mv, bmm and inverse have their own formulas;
dot, ger, matmul, cross and the add* family are compositions of them (so every gradient
is itself differentiable)."""
from .._node import Node
from ..variable import Variable, record, check_same_type, _fmt
from ._util import method


def _need(fn, i):
    return fn.next_functions[i][0] is not None


def _check_dims(op, a, b, da, db):
    if not isinstance(b, Variable):
        raise TypeError(f"{op} of a Variable expects a Variable, got {type(b).__name__}")
    check_same_type(op, a, b)
    if a.data.dim() != da or b.data.dim() != db:
        raise RuntimeError(f"{op}: expected {da}D and {db}D Variables, but got sizes "
                           f"{_fmt(a.data.size())} and {_fmt(b.data.size())}")


class MmBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        a, b = self.saved()
        ga = g.mm(b.t()) if _need(self, 0) else None
        gb = a.t().mm(g) if _need(self, 1) else None
        return ga, gb


@method("mm")
def mm(self, other):
    _check_dims("mm", self, other, 2, 2)
    out, fn = record(MmBackward, self.data.mm(other.data), self, other)
    if fn is not None:
        fn.save(self, other)
    return out


class MvBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        m, v = self.saved()
        gm = g.ger(v) if _need(self, 0) else None
        gv = m.t().mv(g) if _need(self, 1) else None
        return gm, gv


@method("mv")
def mv(self, vec):
    _check_dims("mv", self, vec, 2, 1)
    out, fn = record(MvBackward, self.data.mv(vec.data), self, vec)
    if fn is not None:
        fn.save(self, vec)
    return out


class BmmBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        a, b = self.saved()
        ga = g.bmm(b.transpose(1, 2)) if _need(self, 0) else None
        gb = a.transpose(1, 2).bmm(g) if _need(self, 1) else None
        return ga, gb


@method("bmm")
def bmm(self, other):
    _check_dims("bmm", self, other, 3, 3)
    out, fn = record(BmmBackward, self.data.bmm(other.data), self, other)
    if fn is not None:
        fn.save(self, other)
    return out


@method("dot")
def dot(self, other):
    _check_dims("dot", self, other, 1, 1)
    if self.data.size(0) != other.data.size(0):
        raise RuntimeError(f"dot: inconsistent sizes {_fmt(self.data.size())} and "
                           f"{_fmt(other.data.size())}")
    return (self * other).sum()


@method("ger")
def ger(self, other):
    _check_dims("ger", self, other, 1, 1)
    return self.unsqueeze(1) * other.unsqueeze(0)


def _broadcast_batch(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != y and x != 1 and y != 1:
            raise RuntimeError(f"matmul: batch dimensions {a} and {b} do not broadcast")
        out.append(max(x, y))
    return tuple(out)


@method("matmul", "__matmul__")
def matmul(self, other):
    if not isinstance(other, Variable):
        raise TypeError(f"matmul of a Variable expects a Variable, got {type(other).__name__}")
    check_same_type("matmul", self, other)
    da, db = self.data.dim(), other.data.dim()
    if da == 1 and db == 1:
        return dot(self, other)
    if da == 2 and db == 1:
        return mv(self, other)
    if da == 1 and db == 2:
        return mm(self.unsqueeze(0), other).squeeze(0)
    if da == 2 and db == 2:
        return mm(self, other)
    a = self.unsqueeze(0) if da == 1 else self
    b = other.unsqueeze(1) if db == 1 else other
    sa, sb = tuple(a.data.size()), tuple(b.data.size())
    batch = _broadcast_batch(sa[:-2], sb[:-2])
    n, k, p = sa[-2], sa[-1], sb[-1]
    if sb[-2] != k:
        raise RuntimeError(f"matmul: size mismatch, {_fmt(self.data.size())} @ "
                           f"{_fmt(other.data.size())}")
    count = 1
    for s in batch:
        count *= s
    a3 = a.expand(*(batch + (n, k))).contiguous().view(count, n, k)
    b3 = b.expand(*(batch + (k, p))).contiguous().view(count, k, p)
    out = bmm(a3, b3).view(*(batch + (n, p)))
    if da == 1:
        out = out.squeeze(-2)
    if db == 1:
        out = out.squeeze(-1)
    return out


def _scaled(args, names):
    """0.2's positional forms: (m1, m2), (beta, m1, m2), (beta, alpha, m1, m2)."""
    nums = [a for a in args if not isinstance(a, Variable)]
    mats = [a for a in args if isinstance(a, Variable)]
    if len(mats) != 2 or len(nums) > 2:
        raise TypeError(f"{names}: expected ([beta,] [alpha,] {names.split('(')[1]}")
    beta = nums[0] if len(nums) >= 1 else 1
    alpha = nums[1] if len(nums) == 2 else 1
    return beta, alpha, mats[0], mats[1]


def _combine(self, beta, alpha, prod):
    a = self if beta == 1 else self * beta
    return a + (prod if alpha == 1 else prod * alpha)


@method("addmm")
def addmm(self, *args, beta=None, alpha=None):
    b, a, m1, m2 = _scaled(args, "addmm(mat1, mat2)")
    return _combine(self, beta if beta is not None else b, alpha if alpha is not None else a,
                    mm(m1, m2))


@method("addmv")
def addmv(self, *args, beta=None, alpha=None):
    b, a, m, v = _scaled(args, "addmv(mat, vec)")
    return _combine(self, beta if beta is not None else b, alpha if alpha is not None else a,
                    mv(m, v))


@method("addr")
def addr(self, *args, beta=None, alpha=None):
    b, a, v1, v2 = _scaled(args, "addr(vec1, vec2)")
    return _combine(self, beta if beta is not None else b, alpha if alpha is not None else a,
                    ger(v1, v2))


@method("addbmm")
def addbmm(self, *args, beta=None, alpha=None):
    b, a, b1, b2 = _scaled(args, "addbmm(batch1, batch2)")
    return _combine(self, beta if beta is not None else b, alpha if alpha is not None else a,
                    bmm(b1, b2).sum(0, keepdim=False))


@method("baddbmm")
def baddbmm(self, *args, beta=None, alpha=None):
    b, a, b1, b2 = _scaled(args, "baddbmm(batch1, batch2)")
    return _combine(self, beta if beta is not None else b, alpha if alpha is not None else a,
                    bmm(b1, b2))


class InverseBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        (inv,) = self.saved()
        it = inv.t()
        return (-it.mm(g).mm(it),)


@method("inverse")
def inverse(self):
    out, fn = record(InverseBackward, self.data.inverse(), self)
    if fn is not None:
        fn.save_output(out)
    return out


@method("cross")
def cross(self, other, dim=-1):
    check_same_type("cross", self, other)
    if dim == -1:
        dims = [d for d, s in enumerate(self.data.size()) if s == 3]
        if not dims:
            raise RuntimeError(f"cross: no dimension of size 3 in {_fmt(self.data.size())}")
        dim = dims[0]
    a = [self.narrow(dim, i, 1) for i in range(3)]
    b = [other.narrow(dim, i, 1) for i in range(3)]
    from .shape import cat
    return cat([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
                a[0] * b[1] - a[1] * b[0]], dim)
