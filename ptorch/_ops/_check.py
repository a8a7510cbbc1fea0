"""Argument check shared by the ptorch.* functions that call a method of their first
argument: a number, None or a string there is a TypeError naming the function, not an
AttributeError from inside."""
import functools


def tensor_input(fn):
    """fn(input, ...) with input checked to be a tensor (or anything with a dim() method,
    such as a Variable)."""
    name = fn.__name__

    @functools.wraps(fn)
    def checked(input, *args, **kwargs):
        if not hasattr(input, "dim") or isinstance(input, type):
            raise TypeError(f"{name}(): expected a tensor as input, got {type(input).__name__}")
        return fn(input, *args, **kwargs)
    return checked
