"""ptorch.* functions of the pointwise family: arithmetic with numbers or broadcast tensors,
and the float math functions. Each calls the tensor method of the same name (out= passed on
only when given, so that other tensor-like types work too). The mixin gives tensor types
without a kernel (integer types for the float functions, HalfTensor for all) methods that
raise a TypeError naming the type."""
import numbers

__all__ = [
    "abs", "acos", "add", "addcdiv", "addcmul", "asin", "atan", "atan2", "ceil", "clamp",
    "cmax", "cmin", "cos", "cosh", "div", "exp", "floor", "fmod", "frac", "lerp", "log",
    "log1p", "mul", "neg", "pow", "reciprocal", "remainder", "round", "rsqrt", "sigmoid",
    "sign", "sin", "sinh", "sqrt", "sub", "tan", "tanh", "trunc",
]

# Defined for Float and Double only (as in torch 0.2).
FLOAT_ONLY = (
    "exp", "log", "log1p", "sqrt", "rsqrt", "reciprocal", "sin", "cos", "tan", "asin", "acos",
    "atan", "sinh", "cosh", "tanh", "sigmoid", "floor", "ceil", "round", "trunc", "frac",
    "atan2", "lerp",
)
# Defined for every type but Half (neg: signed types only).
ALL_TYPES = ("add", "sub", "mul", "div", "fmod", "remainder", "pow", "cmax", "cmin", "abs",
             "sign", "neg", "clamp", "addcmul", "addcdiv")


def _method(fn, input, name):
    if isinstance(input, numbers.Number) or not hasattr(input, name):
        raise TypeError(f"{fn}(): expected a tensor as input, got {type(input).__name__}")
    return getattr(input, name)


def _call(fn, input, *args, out=None, name=None):
    method = _method(fn, input, name or fn)
    if out is None:
        return method(*args)
    return method(*args, out=out)


def add(input, value, other=None, out=None):
    """input + value (a number or a tensor, broadcast), or input + value * other."""
    if other is None:
        return _call("add", input, value, out=out)
    return _call("add", input, value, other, out=out)


def sub(input, value, other=None, out=None):
    """input - value, or input - value * other."""
    if other is None:
        return _call("sub", input, value, out=out)
    return _call("sub", input, value, other, out=out)


def mul(input, value, out=None):
    """input * value (a number or a tensor, broadcast)."""
    return _call("mul", input, value, out=out)


def div(input, value, out=None):
    """input / value; integer tensors divide truncating (like C), and fail on a zero."""
    return _call("div", input, value, out=out)


def fmod(input, divisor, out=None):
    """The C remainder: the result has the sign of input."""
    return _call("fmod", input, divisor, out=out)


def remainder(input, divisor, out=None):
    """Python's remainder: the result has the sign of divisor."""
    return _call("remainder", input, divisor, out=out)


def pow(input, exponent, out=None):
    """input ** exponent (number or tensor), or number ** tensor for pow(number, tensor)."""
    if isinstance(input, numbers.Number):
        if isinstance(exponent, numbers.Number):
            raise TypeError("pow(): expected a tensor as input or exponent, got two numbers")
        return _call("pow", exponent, input, out=out, name="_tpow")
    return _call("pow", input, exponent, out=out)


def atan2(input, other, out=None):
    return _call("atan2", input, other, out=out)


def cmax(input, other, out=None):
    """Elementwise maximum with a tensor (broadcast) or a number."""
    return _call("cmax", input, other, out=out)


def cmin(input, other, out=None):
    """Elementwise minimum with a tensor (broadcast) or a number."""
    return _call("cmin", input, other, out=out)


def clamp(input, min=None, max=None, out=None):
    """Clamps every element into [min, max]; either bound may be left out."""
    method = _method("clamp", input, "clamp")
    if out is None:
        return method(min, max)
    return method(min, max, out=out)


def lerp(start, end, weight, out=None):
    """start + weight * (end - start)."""
    return _call("lerp", start, end, weight, out=out)


def _addc(fn, tensor, args, value, out):
    method = _method(fn, tensor, fn)
    kwargs = {}
    if value is not None:
        kwargs["value"] = value
    if out is not None:
        kwargs["out"] = out
    return method(*args, **kwargs)


def addcmul(tensor, *args, value=None, out=None):
    """tensor + value * tensor1 * tensor2: addcmul(tensor, [value=1,] tensor1, tensor2)."""
    return _addc("addcmul", tensor, args, value, out)


def addcdiv(tensor, *args, value=None, out=None):
    """tensor + value * tensor1 / tensor2: addcdiv(tensor, [value=1,] tensor1, tensor2)."""
    return _addc("addcdiv", tensor, args, value, out)


def _unary(name):
    def fn(input, out=None):
        return _call(name, input, out=out)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"The elementwise {name} of input (into out when given)."
    return fn


for _name in ("abs", "neg", "sign", "exp", "log", "log1p", "sqrt", "rsqrt", "reciprocal",
              "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "sigmoid",
              "floor", "ceil", "round", "trunc", "frac"):
    globals()[_name] = _unary(_name)
del _name


def _unsupported(name):
    base = name.rstrip("_")

    def method(self, *args, **kwargs):
        tname = "ptorch." + type(self).__name__
        if getattr(self, "_real", None) == "Half":
            msg = (f"{base} is not supported for {tname}: CPU half tensors only store values; "
                   "convert with .float() first")
        elif base in FLOAT_ONLY:
            msg = f"{base} is only defined for float tensors, got {tname}"
        elif base == "neg":
            msg = (f"neg is not defined for {tname} (unsigned); convert it first, e.g. with "
                   ".char() or .long()")
        else:
            msg = f"{base} is not supported for {tname}"
        raise TypeError(msg)
    method.__name__ = method.__qualname__ = name
    return method


class TensorMethods:
    """Fallbacks for the tensor types that lack a kernel (the kernels are C methods of the
    tensor classes, which come first in the method resolution order)."""
    __slots__ = ()


for _name in FLOAT_ONLY + ALL_TYPES:
    setattr(TensorMethods, _name, _unsupported(_name))
    setattr(TensorMethods, _name + "_", _unsupported(_name + "_"))
del _name
