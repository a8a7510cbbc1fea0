"""ptorch.* functions of the lapack family."""

__all__ = []


class TensorMethods:
    """Python-level tensor methods of this family (joined into every tensor class)."""
    __slots__ = ()
