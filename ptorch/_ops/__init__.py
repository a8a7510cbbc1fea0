"""The ptorch.* functions, one module per op family. Each module lists its public functions
in __all__ and may define a mixin class `TensorMethods` whose methods join every tensor
class (for methods that need Python, e.g. type dispatch or autograd-aware wrappers)."""
from . import pointwise, compare, reduction, blas, lapack, indexing, creation, random

FAMILIES = (pointwise, compare, reduction, blas, lapack, indexing, creation, random)

__all__ = []
for _family in FAMILIES:
    for _name in _family.__all__:
        globals()[_name] = getattr(_family, _name)
        __all__.append(_name)

TENSOR_MIXINS = tuple(f.TensorMethods for f in FAMILIES if hasattr(f, "TensorMethods"))
