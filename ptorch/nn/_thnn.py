"""The THNN kernels of a tensor type: `backend(t).Threshold_updateOutput(input, output, ...)`
calls THNN_<Real>Threshold_updateOutput with the C arguments in order (state left out).
Only FloatTensor and DoubleTensor have CPU kernels; THCUNN will register its own here."""
from types import SimpleNamespace

from .. import _C

_backends = {}


def _load(real):
    prefix = f"thnn_{real}_"
    return SimpleNamespace(**{n[len(prefix):]: getattr(_C, n) for n in dir(_C)
                              if n.startswith(prefix)})


def backend(t):
    """The kernel namespace for a tensor (or tensor class) t."""
    real = getattr(t, "_real", None)
    b = _backends.get(real)
    if b is None:
        if real not in ("Float", "Double"):
            name = type(t).__name__ if not isinstance(t, type) else t.__name__
            raise TypeError(f"THNN kernels take FloatTensor or DoubleTensor, got {name}")
        b = _backends[real] = _load(real)
    return b
