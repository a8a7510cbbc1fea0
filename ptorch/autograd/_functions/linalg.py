"""LAPACK ops on Variables. gesv, trtrs, potrf, potrs and potri have gradient formulas
written with Variable ops (the solves they need are these same differentiable ops, so
every gradient differentiates again); renorm is a composition. The other LAPACK ops run
forward only: their results refuse to backpropagate, with an error naming the op."""
from .._node import Node
from ..variable import Variable, record, check_same_type, _new
from ._util import method, const


def _need(fn, i):
    return fn.next_functions[i][0] is not None


def _matrix_arg(op, self, other, name):
    if not isinstance(other, Variable):
        raise TypeError(f"{op} of a Variable expects {name} to be a Variable, got "
                        f"{type(other).__name__}")
    check_same_type(op, self, other)


def _outer(a, b):
    """a b^T for matrices, or the outer product for vectors (gradients of 1-D solves)."""
    if a.data.dim() == 1:
        return a.ger(b)
    return a.mm(b.t())


def _triangle(m, upper, unitriangular=False):
    """The part of m that a triangular LAPACK routine reads."""
    k = 1 if unitriangular else 0
    return m.triu(k) if upper else m.tril(-k)


# ---- gesv: X = A^-1 B ----

class GesvBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        x, a = self.saved()
        gb = gesv(g, a.t())[0]
        ga = -_outer(gb, x) if _need(self, 1) else None
        return (gb if _need(self, 0) else None), ga


@method("gesv")
def gesv(self, A):
    """(X, LU) with A X = self; X is differentiable w.r.t. self and A, LU is not."""
    _matrix_arg("gesv", self, A, "A")
    x, lu = self.data.gesv(A.data)
    out, fn = record(GesvBackward, x, self, A)
    if fn is not None:
        fn.save_output(out, A)
    return out, _new(lu, None, False, out._volatile)


# ---- trtrs: X = op(A)^-1 b for a triangular A ----

class TrtrsBackward(Node):
    __slots__ = ("upper", "transpose", "unit")

    def _bw(self, g):
        x, a = self.saved()
        gb = trtrs(g, a, self.upper, not self.transpose, self.unit)[0]
        ga = None
        if _need(self, 1):
            ga = -_outer(x, gb) if self.transpose else -_outer(gb, x)
            ga = _triangle(ga, self.upper, self.unit)
        return (gb if _need(self, 0) else None), ga


@method("trtrs")
def trtrs(self, A, upper=True, transpose=False, unitriangular=False):
    """(X, a copy of A) with op(A) X = self, A triangular; X is differentiable w.r.t.
    self and the triangle of A that is read."""
    _matrix_arg("trtrs", self, A, "A")
    x, a_copy = self.data.trtrs(A.data, upper, transpose, unitriangular)
    out, fn = record(TrtrsBackward, x, self, A)
    if fn is not None:
        fn.upper, fn.transpose, fn.unit = bool(upper), bool(transpose), bool(unitriangular)
        fn.save_output(out, A)
    return out, _new(a_copy, None, False, out._volatile)


# ---- potrf: Cholesky factor ----

def _phi(m):
    """The lower triangle of m with its diagonal halved."""
    return m.tril(-1) + m.diag().diag() * 0.5


class PotrfBackward(Node):
    """With A = L L^T: grad_A = sym(L^-T phi(L^T grad_L) L^-1), the gradient for a
    symmetric A (the two triangles share the derivative)."""
    __slots__ = ("upper",)

    def _bw(self, g):
        (f,) = self.saved()
        if self.upper:
            L, gl = f.t(), g.t()
        else:
            L, gl = f, g
        p = _phi(L.t().mm(gl))
        y = trtrs(p, L, False, True)[0]                 # L^-T p
        s = trtrs(y.t(), L, False, True)[0].t()         # y L^-1
        return ((s + s.t()) * 0.5,)


@method("potrf")
def potrf(self, upper=True):
    """The Cholesky factor of a symmetric positive-definite matrix: U with A = U^T U
    (upper) or L with A = L L^T."""
    out, fn = record(PotrfBackward, self.data.potrf(upper), self)
    if fn is not None:
        fn.upper = bool(upper)
        fn.save_output(out)
    return out


def _factor_grad(ga, f, upper):
    """The gradient w.r.t. the Cholesky factor f of A = U^T U (or L L^T) given grad_A
    (only f's triangle is read, so the other one gets no gradient)."""
    f = _triangle(f, upper)
    gs = ga + ga.t()
    return f.mm(gs).triu() if upper else gs.mm(f).tril()


# ---- potrs: X = A^-1 b given A's Cholesky factor ----

class PotrsBackward(Node):
    __slots__ = ("upper",)

    def _bw(self, g):
        x, f = self.saved()
        gb = potrs(g, f, self.upper)
        gf = None
        if _need(self, 1):
            gf = _factor_grad(-_outer(gb, x), f, self.upper)
        return (gb if _need(self, 0) else None), gf


@method("potrs")
def potrs(self, input2, upper=True):
    """Solves A X = self given the Cholesky factor input2 of A; differentiable w.r.t.
    self and the factor's triangle."""
    _matrix_arg("potrs", self, input2, "input2")
    out, fn = record(PotrsBackward, self.data.potrs(input2.data, upper), self, input2)
    if fn is not None:
        fn.upper = bool(upper)
        fn.save_output(out, input2)
    return out


# ---- potri: A^-1 given A's Cholesky factor ----

class PotriBackward(Node):
    __slots__ = ("upper",)

    def _bw(self, g):
        inv, f = self.saved()
        it = inv.t()
        return (_factor_grad(-it.mm(g).mm(it), f, self.upper),)


@method("potri")
def potri(self, upper=True):
    """The inverse of A given its Cholesky factor self; differentiable w.r.t. the factor's
    triangle."""
    out, fn = record(PotriBackward, self.data.potri(upper), self)
    if fn is not None:
        fn.upper = bool(upper)
        fn.save_output(out, self)
    return out


# ---- renorm ----

@method("renorm")
def renorm(self, p, dim, maxnorm):
    """Each slice along dim whose p-norm exceeds maxnorm is scaled to norm maxnorm (the
    other slices are left alone, and their gradient passes unchanged)."""
    n = self.data.dim()
    if not -n <= dim < max(n, 1):
        raise IndexError(f"renorm: dimension {dim} is out of range for a Variable of "
                         f"{n} dimensions")
    if dim < 0:
        dim += n
    if not p > 0:
        raise ValueError(f"renorm: the norm order p must be positive, got {p}")
    if not maxnorm >= 0:
        raise ValueError(f"renorm: maxnorm must be non-negative, got {maxnorm}")
    t = self.transpose(0, dim) if dim else self
    flat = t.contiguous().view(t.data.size(0), -1)
    norms = flat.data.norm(p, 1, False)
    rows = [i for i in range(norms.numel()) if norms[i] > maxnorm]
    if not rows:
        return self.clone()
    from ... import LongTensor
    idx = const(LongTensor(rows))
    sel = flat.index_select(0, idx)
    scaled = sel * (maxnorm / (sel.norm(p, 1, True) + 1e-7))
    out = flat.index_copy(0, idx, scaled).view(t.data.size())
    return out.transpose(0, dim) if dim else out


# ---- forward-only LAPACK ops ----

class NonDifferentiableBackward(Node):
    __slots__ = ("op",)

    def _bw(self, g):
        raise RuntimeError(f"{self.op} is not differentiable in ptorch (as in torch 0.2); "
                           "use .data or .detach() on its inputs to compute it outside the "
                           "graph")


def _forward_only(name):
    def op(self, *args, **kwargs):
        variables = [self] + [a for a in args if isinstance(a, Variable)]
        res = getattr(self.data, name)(*[a.data if isinstance(a, Variable) else a
                                         for a in args], **kwargs)
        single = not isinstance(res, tuple)
        outs = []
        for r in ((res,) if single else res):
            if r._real not in ("Float", "Double"):  # pivots: plain integer results
                outs.append(_new(r, None, False, any(v._volatile for v in variables)))
                continue
            out, fn = record(NonDifferentiableBackward, r, *variables)
            if fn is not None:
                fn.op = name
            outs.append(out)
        return outs[0] if single else tuple(outs)
    op.__name__ = name
    op.__doc__ = (f"{name} of the tensor (forward only: backpropagating through the result "
                  "raises RuntimeError).")
    method(name)(op)


for _n in ("gels", "symeig", "eig", "svd", "pstrf", "qr", "geqrf", "orgqr", "ormqr",
           "btrifact", "btrisolve"):
    _forward_only(_n)

__all__ = ["gesv", "trtrs", "potrf", "potrs", "potri", "renorm"]
