"""Derivative formulas, grouped by op family; importing them fills METHODS (name ->
Variable method) and FUNCTIONS (ptorch.<name> functions taking sequences of Variables)."""
from ._util import METHODS  # noqa: F401
from . import pointwise, reduce, blas, shape, index  # noqa: F401
from .shape import cat, stack

FUNCTIONS = {"cat": cat, "stack": stack}

__all__ = ["METHODS", "FUNCTIONS"]
