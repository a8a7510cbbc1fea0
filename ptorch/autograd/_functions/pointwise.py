"""Element-wise ops and their derivatives (broadcast gradients are summed back to each
input's size). Formulas use Variable ops, so they differentiate again."""
from .._node import Node
from ..variable import Variable, record, check_same_type, _new
from ._util import method, sizes_if_broadcast, reduce_to, const, inplace_of, METHODS


def _needs(fn, i):
    return fn.next_functions[i][0] is not None


# ---- add / sub / mul / div ----

class AddBackward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        s = self.sizes
        if s is None:
            return g, g
        return reduce_to(g, s[0]), reduce_to(g, s[1])


class SubBackward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        s = self.sizes
        if s is None:
            return g, -g
        return reduce_to(g, s[0]), reduce_to(-g, s[1])


class MulBackward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        b, a = self.saved()  # saved as (other, self): each only when the other needs it
        s = self.sizes
        ga = None if b is None else g * b
        gb = None if a is None else g * a
        if s is not None:
            ga = None if ga is None else reduce_to(ga, s[0])
            gb = None if gb is None else reduce_to(gb, s[1])
        return ga, gb


class DivBackward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        a, b = self.saved()
        ga = g / b if _needs(self, 0) else None
        gb = -g * a / (b * b) if _needs(self, 1) else None
        s = self.sizes
        if s is not None:
            ga = None if ga is None else reduce_to(ga, s[0])
            gb = None if gb is None else reduce_to(gb, s[1])
        return ga, gb


class AddConstBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (g,)


class NegBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (-g,)


class MulConstBackward(Node):
    __slots__ = ("c",)

    def _bw(self, g):
        return (g * self.c,)


class RDivBackward(Node):
    """c / x"""
    __slots__ = ("c",)

    def _bw(self, g):
        out, x = self.saved()
        return (-g * out / x,)


def _binary(name, node_cls, self, other, saves):
    a, b = self.data, other.data
    if type(a) is not type(b):
        check_same_type(name, self, other)
    out, fn = record(node_cls, getattr(a, name)(b), self, other)
    if fn is not None:
        fn.sizes = None if a.is_same_size(b) else (a.size(), b.size())
        if saves == 1:
            fn.save(other if self._requires_grad else None,
                    self if other._requires_grad else None)
        elif saves == 2:
            fn.save(self, other)
    return out


@method("add", "__add__", "__radd__")
def add(self, other, other2=None):
    if other2 is not None:  # add(value, other): self + value * other
        return add(self, other2 * other)
    if isinstance(other, Variable):
        return _binary("add", AddBackward, self, other, 0)
    return record(AddConstBackward, self.data.add(other), self)[0]


@method("sub", "__sub__")
def sub(self, other, other2=None):
    if other2 is not None:
        return sub(self, other2 * other)
    if isinstance(other, Variable):
        return _binary("sub", SubBackward, self, other, 0)
    return record(AddConstBackward, self.data.sub(other), self)[0]


@method("__rsub__")
def rsub(self, other):
    return record(NegBackward, self.data.neg().add(other), self)[0]


@method("mul", "__mul__", "__rmul__")
def mul(self, other):
    if isinstance(other, Variable):
        return _binary("mul", MulBackward, self, other, 1)
    out, fn = record(MulConstBackward, self.data.mul(other), self)
    if fn is not None:
        fn.c = other
    return out


@method("div", "__truediv__", "__div__")
def div(self, other):
    if isinstance(other, Variable):
        return _binary("div", DivBackward, self, other, 2)
    out, fn = record(MulConstBackward, self.data.div(other), self)
    if fn is not None:
        fn.c = 1.0 / other
    return out


@method("__rtruediv__", "__rdiv__")
def rdiv(self, other):
    out, fn = record(RDivBackward, self.data.reciprocal().mul(other), self)
    if fn is not None:
        fn.save_output(out, self)
    return out


@method("neg", "__neg__")
def neg(self):
    return record(NegBackward, self.data.neg(), self)[0]


# ---- powers ----

class PowConstBackward(Node):
    __slots__ = ("c",)

    def _bw(self, g):
        (x,) = self.saved()
        c = self.c
        if c == 0:
            return (g * 0,)
        return (g * c * x.pow(c - 1),)


class PowBackward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        out, a, b = self.saved()
        ga = g * b * a.pow(b - 1) if _needs(self, 0) else None
        gb = g * out * a.log() if _needs(self, 1) else None
        s = self.sizes
        if s is not None:
            ga = None if ga is None else reduce_to(ga, s[0])
            gb = None if gb is None else reduce_to(gb, s[1])
        return ga, gb


class RPowBackward(Node):
    """c ** x"""
    __slots__ = ("logc",)

    def _bw(self, g):
        (out,) = self.saved()
        return (g * out * self.logc,)


@method("pow", "__pow__")
def pow_(self, exponent):
    if isinstance(exponent, Variable):
        check_same_type("pow", self, exponent)
        out, fn = record(PowBackward, self.data.pow(exponent.data), self, exponent)
        if fn is not None:
            fn.sizes = sizes_if_broadcast(self, exponent)
            fn.save_output(out, self, exponent)
        return out
    out, fn = record(PowConstBackward, self.data.pow(exponent), self)
    if fn is not None:
        fn.c = exponent
        fn.save(self)
    return out


@method("__rpow__")
def rpow(self, base):
    import math
    data = self.data.new(self.data.size()).fill_(base).pow(self.data)
    out, fn = record(RPowBackward, data, self)
    if fn is not None:
        fn.logc = math.log(base)
        fn.save_output(out)
    return out


# ---- unary functions: derivative as a function of input x, output y, gradient g ----

class _Unary(Node):
    __slots__ = ()
    formula = None
    saves = "x"

    def _bw(self, g):
        (v,) = self.saved()
        return (type(self).formula(g, v),)


def _unary(name, formula, saves="x"):
    node_cls = type(name.capitalize() + "Backward", (_Unary,),
                    {"__slots__": (), "formula": staticmethod(formula), "saves": saves})

    def op(self):
        out, fn = record(node_cls, getattr(self.data, name)(), self)
        if fn is not None:
            if saves == "x":
                fn.save(self)
            else:
                fn.save_output(out)
        return out
    op.__name__ = name
    METHODS[name] = op
    return node_cls


_unary("exp", lambda g, y: g * y, "y")
_unary("log", lambda g, x: g / x)
_unary("log1p", lambda g, x: g / (x + 1))
_unary("sqrt", lambda g, y: g / (y * 2), "y")
_unary("rsqrt", lambda g, y: g * y.pow(3) * -0.5, "y")
_unary("reciprocal", lambda g, y: -g * y * y, "y")
_unary("sin", lambda g, x: g * x.cos())
_unary("cos", lambda g, x: -g * x.sin())
_unary("tan", lambda g, y: g * (y * y + 1), "y")
_unary("asin", lambda g, x: g * (1 - x * x).rsqrt())
_unary("acos", lambda g, x: -g * (1 - x * x).rsqrt())
_unary("atan", lambda g, x: g / (x * x + 1))
_unary("sinh", lambda g, x: g * x.cosh())
_unary("cosh", lambda g, x: g * x.sinh())
_unary("tanh", lambda g, y: g * (1 - y * y), "y")
_unary("sigmoid", lambda g, y: g * y * (1 - y), "y")
_unary("abs", lambda g, x: g * const(x.data.sign()))
METHODS["__abs__"] = METHODS["abs"]


class ZeroGradBackward(Node):
    """Piecewise-constant functions: zero gradient."""
    __slots__ = ()

    def _bw(self, g):
        return (g * 0,)


class IdentityBackward(Node):
    __slots__ = ()

    def _bw(self, g):
        return (g,)


def _piecewise(name, node_cls):
    def op(self):
        return record(node_cls, getattr(self.data, name)(), self)[0]
    op.__name__ = name
    METHODS[name] = op


for _n in ("sign", "floor", "ceil", "round", "trunc"):
    _piecewise(_n, ZeroGradBackward)
_piecewise("frac", IdentityBackward)


# ---- clamp, fmod, remainder, atan2, min/max against another Variable ----

class ClampBackward(Node):
    __slots__ = ("lo", "hi")

    def _bw(self, g):
        (x,) = self.saved()
        d = x.data
        mask = d.new(d.size()).fill_(1)
        if self.lo is not None:
            mask = mask.mul(d.ge(self.lo).type(type(d)))
        if self.hi is not None:
            mask = mask.mul(d.le(self.hi).type(type(d)))
        return (g * const(mask),)


@method("clamp")
def clamp(self, min=None, max=None):
    if min is None and max is None:
        raise ValueError("clamp: at least one of min and max must be given")
    if min is None:
        data = self.data.clamp(max=max)
    elif max is None:
        data = self.data.clamp(min=min)
    else:
        data = self.data.clamp(min, max)
    out, fn = record(ClampBackward, data, self)
    if fn is not None:
        fn.lo, fn.hi = min, max
        fn.save(self)
    return out


class FmodBackward(Node):
    __slots__ = ("sizes", "floor")

    def _bw(self, g):
        a, b = self.saved()
        q = a.data.div(b.data)
        q = q.floor() if self.floor else q.trunc()
        gb = -g * const(q)
        s = self.sizes
        if s is None:
            return g, gb
        return reduce_to(g, s[0]), reduce_to(gb, s[1])


def _mod(name, floor):
    def op(self, other):
        if isinstance(other, Variable):
            check_same_type(name, self, other)
            out, fn = record(FmodBackward, getattr(self.data, name)(other.data), self, other)
            if fn is not None:
                fn.sizes = sizes_if_broadcast(self, other)
                fn.floor = floor
                fn.save(self, other)
            return out
        return record(AddConstBackward, getattr(self.data, name)(other), self)[0]
    op.__name__ = name
    METHODS[name] = op
    return op


_mod("fmod", False)
METHODS["__mod__"] = _mod("remainder", True)


class Atan2Backward(Node):
    __slots__ = ("sizes",)

    def _bw(self, g):
        a, b = self.saved()
        r = g / (a * a + b * b)
        ga, gb = r * b, -r * a
        s = self.sizes
        if s is None:
            return ga, gb
        return reduce_to(ga, s[0]), reduce_to(gb, s[1])


@method("atan2")
def atan2(self, other):
    return _binary("atan2", Atan2Backward, self, other, 2)


class CmaxBackward(Node):
    """Element-wise max/min of two Variables: the gradient goes to the chosen element."""
    __slots__ = ("sizes",)

    def _bw(self, g):
        (mask,) = self.saved()  # 1 where the first input was chosen
        ga, gb = g * mask, g * (1 - mask)
        s = self.sizes
        if s is None:
            return ga, gb
        return reduce_to(ga, s[0]), reduce_to(gb, s[1])


def elementwise_extreme(name, self, other):
    check_same_type(name, self, other)
    out, fn = record(CmaxBackward, getattr(self.data, name)(other.data), self, other)
    if fn is not None:
        fn.sizes = sizes_if_broadcast(self, other)
        a, b = self.data, other.data
        chosen = a.ge(b) if name in ("max", "cmax") else a.le(b)
        fn.save(const(chosen.type(type(a))))
    return out


@method("cmax")
def cmax(self, other):
    if not isinstance(other, Variable):
        return clamp(self, min=other)
    return elementwise_extreme("cmax", self, other)


@method("cmin")
def cmin(self, other):
    if not isinstance(other, Variable):
        return clamp(self, max=other)
    return elementwise_extreme("cmin", self, other)


# ---- composites ----

@method("lerp")
def lerp(self, end, weight):
    return self + (end - self) * weight


def _value_args(name, args, value):
    """0.2's forms: (t1, t2), (value, t1, t2), or value= as a keyword."""
    if len(args) == 2:
        return (1 if value is None else value,) + tuple(args)
    if len(args) == 3 and value is None:
        return tuple(args)
    raise TypeError(f"{name} expects ([value,] tensor1, tensor2), got {len(args)} arguments")


@method("addcmul")
def addcmul(self, *args, value=None):
    value, t1, t2 = _value_args("addcmul", args, value)
    return self + t1 * t2 * value if value != 1 else self + t1 * t2


@method("addcdiv")
def addcdiv(self, *args, value=None):
    value, t1, t2 = _value_args("addcdiv", args, value)
    return self + t1 / t2 * value if value != 1 else self + t1 / t2


# ---- comparisons: ByteTensor results, no gradient ----

def _compare(name):
    def op(self, other):
        d = getattr(self.data, name)(other.data if isinstance(other, Variable) else other)
        return _new(d, None, False, self._volatile)
    op.__name__ = name
    METHODS[name] = op


for _n in ("eq", "ne", "lt", "le", "gt", "ge"):
    _compare(_n)
for _n, _d in (("eq", "__eq__"), ("ne", "__ne__"), ("lt", "__lt__"), ("le", "__le__"),
               ("gt", "__gt__"), ("ge", "__ge__")):
    METHODS[_d] = METHODS[_n]


# ---- in-place variants ----

for _n in ("add", "sub", "mul", "div", "pow", "neg", "exp", "log", "log1p", "sqrt", "rsqrt",
           "reciprocal", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
           "sigmoid", "abs", "sign", "floor", "ceil", "round", "trunc", "frac", "clamp",
           "fmod", "remainder", "atan2", "lerp", "addcmul", "addcdiv"):
    METHODS[_n + "_"] = inplace_of(_n + "_", METHODS[_n])
for _n, _d in (("add_", "__iadd__"), ("sub_", "__isub__"), ("mul_", "__imul__"),
               ("div_", "__itruediv__"), ("pow_", "__ipow__")):
    METHODS[_d] = METHODS[_n]
