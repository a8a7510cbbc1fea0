"""ptorch.* functions of the blas family: dot, mv, mm, bmm, ger, the add* products with 0.2's
optional beta/alpha arguments (`addmm([beta=1,] mat, [alpha=1,] mat1, mat2, out=None)`, or as
keywords), and matmul with its 1-D/2-D/batched rules. The products themselves run in
lib/TH/generic/THTensorBlas.c; this module only parses arguments and reshapes."""
import numbers
from ._check import tensor_input

__all__ = ["dot", "mv", "mm", "bmm", "ger", "addmv", "addmm", "addr", "addbmm", "baddbmm",
           "matmul"]

# op -> names of (the added tensor in ptorch.op, the two factors), as in 0.2's documentation.
_ADD_OPS = {
    "addmm": ("mat", "mat1", "mat2"),
    "addmv": ("tensor", "mat", "vec"),
    "addr": ("mat", "vec1", "vec2"),
    "addbmm": ("mat", "batch1", "batch2"),
    "baddbmm": ("mat", "batch1", "batch2"),
}


def _is_number(x):
    return isinstance(x, numbers.Number)


def _bound(obj, attr, op, name):
    """obj's method attr, or a TypeError saying that argument `name` of op is no tensor."""
    method = getattr(obj, attr, None)
    if method is not None:
        return method
    from .._C import _CTensor
    if isinstance(obj, _CTensor):
        raise TypeError(f"{op}: not implemented for {type(obj).__name__}")
    raise TypeError(f"{op}: argument '{name}' must be a tensor, got {type(obj).__name__}")


def _signature(op, with_t):
    t, n1, n2 = _ADD_OPS[op]
    return f"([beta=1,] {t}, [alpha=1,] {n1}, {n2})" if with_t else \
        f"([beta=1,] [alpha=1,] {n1}, {n2})"


def _parse_add(op, args, kwargs, with_t, shown=None):
    """(beta, alpha, tensors) from 0.2's forms: numbers before the added tensor (beta) and
    before the first factor (alpha) in ptorch.op; leading beta[, alpha] in the methods.
    Errors name the function `shown` (default op)."""
    names = _ADD_OPS[op] if with_t else _ADD_OPS[op][1:]
    sig = _signature(op, with_t)
    op = shown or op
    scalars = {"beta": kwargs.pop("beta", None), "alpha": kwargs.pop("alpha", None)}
    tensors = []
    leading = 0
    for a in args:
        if _is_number(a):
            if with_t:
                slot = {0: "beta", 1: "alpha"}.get(len(tensors))
            else:
                slot = ("beta", "alpha")[leading] if not tensors and leading < 2 else None
                leading += 1
            if slot is None or scalars[slot] is not None:
                raise TypeError(f"{op}(): expected {sig}, got "
                                f"({', '.join(type(x).__name__ for x in args)})")
            scalars[slot] = a
        else:
            tensors.append(a)
    for name in names[len(tensors):]:
        if name not in kwargs:
            raise TypeError(f"{op}(): missing argument '{name}'; expected "
                            f"{sig}")
        tensors.append(kwargs.pop(name))
    if kwargs or len(tensors) != len(names):
        extra = ", ".join(kwargs) if kwargs else f"{len(tensors)} tensors"
        raise TypeError(f"{op}(): unexpected arguments ({extra}); expected "
                        f"{sig}")
    beta = 1 if scalars["beta"] is None else scalars["beta"]
    alpha = 1 if scalars["alpha"] is None else scalars["alpha"]
    return beta, alpha, tensors


def _add_function(op):
    def fn(*args, out=None, **kwargs):
        beta, alpha, (t, x, y) = _parse_add(op, args, kwargs, True)
        return _bound(t, "_" + op, op, _ADD_OPS[op][0])(out, beta, alpha, x, y)
    t, n1, n2 = _ADD_OPS[op]
    fn.__name__ = fn.__qualname__ = op
    fn.__doc__ = (f"{op}(beta=1, {t}, alpha=1, {n1}, {n2}, out=None): "
                  f"beta * {t} + alpha * ({n1} x {n2}); {t} broadcasts to the product's size.")
    return fn


def _add_method(op, inplace):
    def method(self, *args, **kwargs):
        beta, alpha, (x, y) = _parse_add(op, args, kwargs, False,
                                         op + ("_" if inplace else ""))
        return _bound(self, "_" + op, op, "self")(self if inplace else None, beta, alpha, x, y)
    _, n1, n2 = _ADD_OPS[op]
    method.__name__ = method.__qualname__ = op + ("_" if inplace else "")
    method.__doc__ = (f"{method.__name__}(beta=1, alpha=1, {n1}, {n2}): beta * self + alpha * "
                      f"({n1} x {n2})" + (", in place." if inplace else "."))
    return method


addmm = _add_function("addmm")
addmv = _add_function("addmv")
addr = _add_function("addr")
addbmm = _add_function("addbmm")
baddbmm = _add_function("baddbmm")


def _product(op, x, y, out, names):
    method = _bound(x, op, op, names[0])
    return method(y) if out is None else method(y, out=out)


def dot(tensor1, tensor2):
    """The inner product of two tensors with the same number of elements (a number)."""
    return _bound(tensor1, "dot", "dot", "tensor1")(tensor2)


def mm(mat1, mat2, out=None):
    """The matrix product of mat1 (n x m) and mat2 (m x p)."""
    return _product("mm", mat1, mat2, out, ("mat1", "mat2"))


def mv(mat, vec, out=None):
    """The product of the matrix mat (n x m) and the vector vec (m)."""
    return _product("mv", mat, vec, out, ("mat", "vec"))


def bmm(batch1, batch2, out=None):
    """The products of the matrices in batch1 (b x n x m) and batch2 (b x m x p)."""
    return _product("bmm", batch1, batch2, out, ("batch1", "batch2"))


def ger(vec1, vec2, out=None):
    """The outer product of vec1 (n) and vec2 (m): an n x m matrix."""
    return _product("ger", vec1, vec2, out, ("vec1", "vec2"))


# ---- matmul ----

def _size_str(t):
    return "[" + " x ".join(str(s) for s in t.size()) + "]"


def _broadcast_batch(t1, t2, b1, b2):
    n = max(len(b1), len(b2))
    b1 = (1,) * (n - len(b1)) + tuple(b1)
    b2 = (1,) * (n - len(b2)) + tuple(b2)
    out = []
    for i, (x, y) in enumerate(zip(b1, b2)):
        if x != y and x != 1 and y != 1:
            raise RuntimeError(f"matmul: the batch dimensions of tensor1 {_size_str(t1)} and "
                               f"tensor2 {_size_str(t2)} do not broadcast (sizes {x} and {y} "
                               f"at batch dimension {i})")
        out.append(y if x == 1 else x)
    return tuple(out)


def _as_batch(t, count, rows, cols):
    """t (batch dims x rows x cols) as count x rows x cols: a view when the strides allow,
    else a contiguous copy."""
    try:
        return t.view(count, rows, cols)
    except RuntimeError:
        return t.contiguous().view(count, rows, cols)


def _into(out, result):
    if out is None:
        return result
    out.resize_(result.size())
    out.copy_(result)
    return out


@tensor_input
def matmul(tensor1, tensor2, out=None):
    """The matrix product with NumPy's rules: 1-D . 1-D is the dot product (a number); 2-D . 2-D
    is mm; a 1-D argument is a row (first) or column (second) vector whose dimension is then
    removed; more dimensions are batches, broadcast against each other."""
    if not hasattr(tensor2, "dim") or isinstance(tensor2, type):
        raise TypeError(f"matmul(): expected a tensor as tensor2, got {type(tensor2).__name__}")
    d1, d2 = tensor1.dim(), tensor2.dim()
    if d1 == 0 or d2 == 0:
        raise RuntimeError(f"matmul: both arguments need at least one dimension, got {d1}-D "
                           f"and {d2}-D tensors")
    inner2 = tensor2.size(0) if d2 == 1 else tensor2.size(-2)
    if tensor1.size(-1) != inner2:
        raise RuntimeError(f"matmul: size mismatch, tensor1: {_size_str(tensor1)}, tensor2: "
                           f"{_size_str(tensor2)} (the last dimension of tensor1 must equal "
                           f"the {'only' if d2 == 1 else 'second-to-last'} dimension of "
                           "tensor2)")
    if d1 == 1 and d2 == 1:
        if out is not None:
            raise ValueError("matmul: out must be None for the product of two 1-D tensors, "
                             "which is a number")
        return tensor1.dot(tensor2)
    if d1 == 2 and d2 == 1:
        return mv(tensor1, tensor2, out=out)
    if d1 == 2 and d2 == 2:
        return mm(tensor1, tensor2, out=out)
    if d1 == 1 and d2 == 2:
        return _into(out, tensor1.unsqueeze(0).mm(tensor2).squeeze(0))
    size1 = tuple(tensor1.size())
    if d1 >= 3 and d2 <= 2:
        # Fold the batches into the rows of one matrix product when that needs no copy.
        try:
            folded = tensor1.view(-1, size1[-1])
        except RuntimeError:
            folded = None
        if folded is not None:
            m2 = tensor2.unsqueeze(1) if d2 == 1 else tensor2
            r = folded.mm(m2)
            r = r.view(*size1[:-1]) if d2 == 1 else r.view(*size1[:-1], m2.size(1))
            return _into(out, r)
    m1 = tensor1.unsqueeze(0) if d1 == 1 else tensor1
    m2 = tensor2.unsqueeze(1) if d2 == 1 else tensor2
    n, k = m1.size(-2), m1.size(-1)
    p = m2.size(-1)
    batch = _broadcast_batch(tensor1, tensor2, tuple(m1.size())[:-2], tuple(m2.size())[:-2])
    count = 1
    for s in batch:
        count *= s
    b1 = _as_batch(m1.expand(*batch, n, k), count, n, k)
    b2 = _as_batch(m2.expand(*batch, k, p), count, k, p)
    r = b1.bmm(b2).view(*batch, n, p)
    if d1 == 1:
        r = r.squeeze(-2)
    if d2 == 1:
        r = r.squeeze(-1)
    return _into(out, r)


class TensorMethods:
    """Python-level tensor methods of this family (joined into every tensor class)."""
    __slots__ = ()

    addmm = _add_method("addmm", False)
    addmm_ = _add_method("addmm", True)
    addmv = _add_method("addmv", False)
    addmv_ = _add_method("addmv", True)
    addr = _add_method("addr", False)
    addr_ = _add_method("addr", True)
    addbmm = _add_method("addbmm", False)
    addbmm_ = _add_method("addbmm", True)
    baddbmm = _add_method("baddbmm", False)
    baddbmm_ = _add_method("baddbmm", True)

    def matmul(self, other):
        """The matrix product with NumPy's rules (see ptorch.matmul)."""
        return matmul(self, other)

    def __matmul__(self, other):
        if not hasattr(other, "dim"):
            return NotImplemented
        return matmul(self, other)
