"""ptorch.* functions of the compare family: elementwise comparisons with a number or a
broadcast tensor (ByteTensor results), and equal(). max/min, which also reduce, belong to
the reduction family; their elementwise part is ptorch.cmax/cmin."""
import numbers

__all__ = ["eq", "ne", "lt", "le", "gt", "ge", "equal"]

_COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")


def _method(fn, input):
    if isinstance(input, numbers.Number) or not hasattr(input, fn):
        raise TypeError(f"{fn}(): expected a tensor as input, got {type(input).__name__}")
    return getattr(input, fn)


def _comparison(name):
    def fn(input, other, out=None):
        method = _method(name, input)
        if out is None:
            return method(other)
        return method(other, out=out)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = (f"Elementwise input {name} other (a number or a tensor, broadcast): a "
                  "ByteTensor of 0/1 (out may also be a tensor of input's type).")
    return fn


for _name in _COMPARISONS:
    globals()[_name] = _comparison(_name)
del _name


def equal(input, other):
    """True when both tensors have the same size and the same elements."""
    return _method("equal", input)(other)


def _unsupported(name):
    def method(self, *args, **kwargs):
        raise TypeError(f"{name.rstrip('_')} is not supported for ptorch.{type(self).__name__}: "
                        "CPU half tensors only store values; convert with .float() first")
    method.__name__ = method.__qualname__ = name
    return method


class TensorMethods:
    """Fallbacks for HalfTensor (no comparison kernels)."""
    __slots__ = ()


for _name in _COMPARISONS:
    setattr(TensorMethods, _name, _unsupported(_name))
    setattr(TensorMethods, _name + "_", _unsupported(_name + "_"))
TensorMethods.equal = _unsupported("equal")
del _name
