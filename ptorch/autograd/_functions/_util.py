"""Helpers shared by the derivative formulas: method registry, broadcasting reductions,
constant Variables, and the generic in-place wrapper."""
from ... import _C
from ..variable import Variable, _new, record, _fmt

_Tensor = _C._CTensor

METHODS = {}


def method(*names):
    """Registers a function as Variable method(s) under the given names."""
    def deco(fn):
        for n in names:
            METHODS[n] = fn
        return fn
    return deco


def sizes_if_broadcast(a, b):
    """None when a and b have the same size (no reduction needed in backward)."""
    if a.data.is_same_size(b.data):
        return None
    return a.data.size(), b.data.size()


def reduce_to(g, size):
    """Sums a broadcast gradient back to `size` (leading dims, then dims of size 1)."""
    gsize = g.data.size()
    if gsize == size:
        return g
    lead = len(gsize) - len(size)
    if lead < 0:
        raise RuntimeError(f"cannot reduce a gradient of size {_fmt(gsize)} to size "
                           f"{_fmt(size)}")
    for _ in range(lead):
        g = g.sum(0, keepdim=False)
    for d, s in enumerate(size):
        if s == 1 and g.data.size(d) != 1:
            g = g.sum(d, keepdim=True)
    if g.data.size() != size:  # sizes with no broadcasting relation, e.g. [] -> [1]
        g = g.view(size)
    return g


def const(tensor):
    """A Variable around a tensor that needs no gradient."""
    return _new(tensor, None, False, False)


def var_args(args):
    return [a.data if isinstance(a, Variable) else a for a in args]


def needs_graph(self, args):
    if self._volatile:
        return False
    req = self._requires_grad
    for a in args:
        if isinstance(a, Variable):
            if a._volatile:
                return False
            req = req or a._requires_grad
    return req


def inplace_of(name, outofplace, tensor_inplace=None):
    """The in-place Variable method `name` (e.g. add_): without a graph it runs the tensor's
    in-place op; with one it records the out-of-place formula on an alias of the old value,
    writes the result into self.data and makes self the new output. The alias shares self's
    version counter, so a formula that saved the old value notices it was overwritten."""
    tensor_inplace = tensor_inplace or name

    def op(self, *args, **kwargs):
        if not needs_graph(self, args):
            if self.grad_fn is None and self._requires_grad:
                _leaf_error(name)
            getattr(self.data, tensor_inplace)(*var_args(args), **kwargs)
            self._bump()
            return self
        if self.grad_fn is None and self._requires_grad:
            _leaf_error(name)
        alias = _new(self.data, self.grad_fn, self._requires_grad, False)
        alias._output_nr = self._output_nr
        alias._vc = self._shared_vc()
        res = outofplace(alias, *args, **kwargs)
        if not res.data.is_same_size(self.data):
            raise RuntimeError(f"{name}: the result has size {_fmt(res.data.size())} and "
                               f"cannot be written in place into a Variable of size "
                               f"{_fmt(self.data.size())}")
        self.data.copy_(res.data)
        self._bump()
        self.grad_fn = res.grad_fn
        self._output_nr = res._output_nr
        self._requires_grad = res._requires_grad
        return self
    op.__name__ = name
    return op


def _leaf_error(name):
    raise RuntimeError(f"{name}: a leaf Variable that requires grad has been used in an "
                       "in-place operation")


__all__ = ["METHODS", "method", "record", "reduce_to", "const", "Variable"]
