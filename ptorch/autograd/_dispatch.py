"""Makes the ptorch.<fn> functions accept Variables: each function whose name is also a
Variable method is wrapped so that a call with Variables goes to the Variable method (or to
the Variable version of cat/stack), and a call with tensors to the original function."""
from .._C import _CTensor
from .variable import Variable
from ._functions import FUNCTIONS


def _mixed(name, args):
    raise TypeError(f"{name}: cannot mix Variables and tensors in one call (got "
                    f"{', '.join(type(a).__name__ for a in args)}); wrap tensors in "
                    "Variables or use .data")


def _wrap(name, original):
    function = FUNCTIONS.get(name)
    method = getattr(Variable, name, None)

    def dispatch(*args, **kwargs):
        for a in args:
            if isinstance(a, Variable) or (type(a) in (list, tuple) and a
                                            and isinstance(a[0], Variable)):
                break
        else:
            return original(*args, **kwargs)
        if "out" in kwargs:
            raise TypeError(f"{name}: out= is not supported for Variables")
        if function is not None:
            return function(*args, **kwargs)
        first = args[0]
        if isinstance(first, Variable):
            if any(isinstance(a, _CTensor) for a in args[1:]):
                _mixed(name, args)
            return method(*args, **kwargs)
        if name == "pow" and len(args) == 2 and isinstance(first, (int, float)):
            return args[1].__rpow__(first)
        for i, a in enumerate(args):  # 0.2 forms with leading scalars: addmm(beta, mat, ...)
            if isinstance(a, Variable):
                if all(isinstance(b, (int, float)) for b in args[:i]):
                    return method(a, *args[:i], *args[i + 1:], **kwargs)
                break
        _mixed(name, args)
    dispatch.__name__ = name
    dispatch.__doc__ = original.__doc__
    dispatch.__wrapped__ = original
    return dispatch


def install(module, names):
    """Wraps module.<name> for each of names that Variables support."""
    for name in names:
        original = getattr(module, name, None)
        if original is None or getattr(original, "__wrapped__", None) is not None:
            continue
        if name in FUNCTIONS or callable(getattr(Variable, name, None)):
            setattr(module, name, _wrap(name, original))
