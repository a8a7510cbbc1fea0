"""ptorch.* functions of the creation family. Results have the default tensor type
(ptorch.Tensor, looked up at each call: set_default_tensor_type changes it) unless out= is
given, in which case out is resized and filled."""
import builtins

from .. import _C

__all__ = ["zeros", "ones", "eye", "linspace", "logspace", "arange", "range"]


def _result(out, what):
    if out is None:
        import ptorch
        return ptorch.Tensor()
    if not isinstance(out, _C._CTensor):
        raise TypeError(f"{what}: out= must be a tensor, got {type(out).__name__}")
    if out._real == "Half" and what not in ("zeros()", "ones()"):
        raise TypeError(f"{what}: HalfTensor has no math on the CPU; use a FloatTensor")
    return out


def _number(x, what, name):
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        if hasattr(x, "__float__") and not isinstance(x, _C._CTensor):
            return float(x)
        raise TypeError(f"{what}: {name} must be a number, got {type(x).__name__}")
    return x


def zeros(*sizes, out=None):
    """A tensor of the given sizes filled with 0."""
    return _result(out, "zeros()").resize_(*sizes).zero_()


def ones(*sizes, out=None):
    """A tensor of the given sizes filled with 1."""
    return _result(out, "ones()").resize_(*sizes).fill_(1)


def eye(n, m=None, out=None):
    """An n x m (n x n) matrix with ones on the diagonal."""
    if m is None:
        m = n
    if not isinstance(n, int) or not isinstance(m, int):
        raise TypeError("eye(): n and m must be ints")
    if n <= 0:
        raise ValueError(f"eye(): n must be positive, got {n}")
    if m <= 0:
        raise ValueError(f"eye(): m must be positive, got {m}")
    return _result(out, "eye()")._eye(n, m)


def linspace(start, end, steps=100, out=None):
    """steps points evenly spaced from start to end."""
    start, end = _number(start, "linspace()", "start"), _number(end, "linspace()", "end")
    return _result(out, "linspace()")._linspace(start, end, steps)


def logspace(start, end, steps=100, out=None):
    """steps points 10**x, x evenly spaced from start to end."""
    start, end = _number(start, "logspace()", "start"), _number(end, "logspace()", "end")
    return _result(out, "logspace()")._logspace(start, end, steps)


def _sequence(fn, what, start, end, step, out):
    r = _result(out, what)
    vals = [_number(v, what, name) for v, name in ((start, "start"), (end, "end"),
                                                      (step, "step"))]
    if r._real not in ("Float", "Double"):
        if not builtins.all(float(v).is_integer() for v in vals):
            raise TypeError(f"{what}: an integer tensor needs integer bounds and step, got "
                            f"{tuple(vals)}")
        vals = [int(v) for v in vals]
    return getattr(r, fn)(*vals)


def arange(start, end=None, step=1, out=None):
    """start, start + step, ... up to (not including) end; arange(n) is 0 ... n - 1."""
    if end is None:
        start, end = 0, start
    return _sequence("_arange", "arange()", start, end, step, out)


def range(start, end, step=1, out=None):
    """start, start + step, ... up to end inclusive (0.2's torch.range)."""
    return _sequence("_range", "range()", start, end, step, out)
