"""Derivative formulas, grouped by op family; importing them fills METHODS (name ->
Variable method) and FUNCTIONS (ptorch.<name> functions taking sequences of Variables).

Adding a differentiable op: compute the result on tensors, then
    out, fn = record(FooBackward, result_tensor, self, other)   # fn is None without a graph
    if fn is not None: fn.save(...) / fn.save_output(out) / fn.<attr> = ...
and give FooBackward(Node) `__slots__` and `_bw(self, grad)` returning one gradient per
input, written with Variable ops (so it differentiates again). Register the method with
@method("foo"); `inplace_of` derives foo_ from it. Ops that are compositions of existing
Variable ops need no formula at all."""
from ._util import METHODS  # noqa: F401
from . import pointwise, reduce, blas, shape, index, linalg, tensor_api  # noqa: F401
from .shape import cat, stack

FUNCTIONS = {"cat": cat, "stack": stack}

__all__ = ["METHODS", "FUNCTIONS"]
