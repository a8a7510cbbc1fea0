"""Tensor methods that torch 0.2's Variable also had and that need no formula of their own:
in-place variants of the BLAS and triangle ops, in-place comparisons and random fills
(whose results do not depend on the old values: zero gradient), resize/resize_as (the
out-of-place, differentiable kind) and resize_/resize_as_ (leaves only), new, and the
queries 0.2 passed through to .data (is_signed, is_set_to)."""
from .._node import Node
from ..variable import Variable, record, _fmt
from ._util import METHODS, inplace_of, var_args


# ---- in-place forms of differentiable ops ----

for _n in ("addmm", "addmv", "addr", "addbmm", "baddbmm", "tril", "triu", "renorm"):
    METHODS[_n + "_"] = inplace_of(_n + "_", METHODS[_n])


# ---- in-place comparisons: self becomes 1 where the relation holds, else 0 ----

class ZeroGradBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (g * 0,)


def _compare_inplace(name):
    def out_of_place(self, other):
        data = self.data.clone()
        getattr(data, name + "_")(other.data if isinstance(other, Variable) else other)
        return record(ZeroGradBackward, data, self)[0]
    out_of_place.__name__ = name
    METHODS[name + "_"] = inplace_of(name + "_", out_of_place)


for _n in ("eq", "ne", "lt", "le", "gt", "ge"):
    _compare_inplace(_n)


# ---- in-place random fills ----

def _random_fill(name):
    def refill(self, *args, **kwargs):
        data = self.data.clone()
        getattr(data, name)(*var_args(args), **kwargs)
        return record(ZeroGradBackward, data, self)[0]
    with_history = inplace_of(name, refill)

    def op(self, *args, **kwargs):
        """On a leaf (the usual case: initializing a parameter) the values of .data are
        replaced; on a result of an op, the history gets a zero gradient."""
        if self.grad_fn is None:
            getattr(self.data, name)(*var_args(args), **kwargs)
            self._bump()
            return self
        return with_history(self, *args, **kwargs)
    op.__name__ = name
    METHODS[name] = op


for _n in ("normal_", "uniform_", "bernoulli_", "random_", "cauchy_", "log_normal_",
           "exponential_", "geometric_"):
    _random_fill(_n)


# ---- resize ----

def _size_args(args):
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    return tuple(args)


def _numel(sizes):
    n = 1
    for s in sizes:
        n *= s
    return n


def resize(self, *sizes):
    """A Variable of the given size holding self's elements in order (0.2's autograd
    resize: it can only change the shape, never the number of elements)."""
    sizes = _size_args(sizes)
    if _numel(sizes) != self.data.numel():
        raise RuntimeError(f"resize: requested size {_fmt(sizes)} ({_numel(sizes)} elements) "
                           f"but the Variable has size {_fmt(self.data.size())} "
                           f"({self.data.numel()} elements); autograd's resize can only "
                           "change the shape, not the number of elements (resize_ changes "
                           "the data of a Variable that needs no gradient)")
    return self.contiguous().view(*sizes)


def resize_as(self, other):
    return resize(self, other.size())


def resize_(self, *sizes):
    """Resizes .data in place; only for Variables outside any graph (leaves that do not
    require grad)."""
    if self.grad_fn is not None:
        raise RuntimeError(f"resize_: only leaf Variables can be resized in place (this one "
                           f"was made by {self.grad_fn.name()}); use resize() or view() for "
                           "a differentiable change of shape")
    if self._requires_grad:
        raise RuntimeError("resize_: cannot resize a Variable that requires grad; resize "
                           "its .data, or use resize() or view()")
    self.data.resize_(*_size_args(sizes))
    self._bump()
    return self


def resize_as_(self, other):
    return resize_(self, other.size())


METHODS.update(resize=resize, resize_as=resize_as, resize_=resize_, resize_as_=resize_as_)


# ---- construction and queries ----

def new(self, *args, **kwargs):
    """A new leaf Variable of the same tensor type: self.data.new(*args) wrapped."""
    return Variable(self.data.new(*var_args(args), **kwargs))


def is_signed(self):
    return self.data.is_signed()


def is_set_to(self, other):
    return self.data.is_set_to(other.data if isinstance(other, Variable) else other)


METHODS.update(new=new, is_signed=is_signed, is_set_to=is_set_to)

__all__ = []
