"""ptorch: tensors with strong CPU (and GPU) support and dynamic neural networks with a
tape-based autograd, with the torch 0.2 API. `import ptorch as torch` runs 0.2-era code."""

# Loads libscipy_openblas.so with RTLD_GLOBAL before libTH.so needs it (editable installs).
import scipy_openblas32 as _scipy_openblas32  # noqa: E402,F401

from . import _C  # noqa: E402
from ._size import Size  # noqa: E402
from ._tensor_str import set_printoptions  # noqa: E402
from . import _types  # noqa: E402
from .tensor import (  # noqa: E402,F401
    ByteTensor, CharTensor, ShortTensor, IntTensor, LongTensor, FloatTensor, DoubleTensor,
    HalfTensor, ByteStorage, CharStorage, ShortStorage, IntStorage, LongStorage, FloatStorage,
    DoubleStorage, HalfStorage)
from ._C import Generator, default_generator, set_num_threads, get_num_threads  # noqa: E402
from ._random import manual_seed, seed, initial_seed, get_rng_state, set_rng_state  # noqa: E402
from ._ops import *  # noqa: E402,F401,F403
from . import cuda  # noqa: E402,F401

__version__ = "0.2.0"

Tensor = FloatTensor
Storage = FloatStorage

_tensor_classes = set(_types.tensor_classes.values())
_storage_classes = set(_types.storage_classes.values())


def is_tensor(obj):
    """Whether obj is a ptorch tensor."""
    return type(obj) in _tensor_classes


def is_storage(obj):
    """Whether obj is a ptorch storage."""
    return type(obj) in _storage_classes


def typename(obj):
    """The type name of a tensor or storage ('ptorch.FloatTensor'), or of any object."""
    if is_tensor(obj) or is_storage(obj):
        return obj.type()
    module = getattr(type(obj), "__module__", "")
    name = type(obj).__qualname__
    return name if module in ("builtins", "") else f"{module}.{name}"


def set_default_tensor_type(t):
    """Makes ptorch.Tensor (and the type of new default tensors) the given type."""
    global Tensor, Storage
    cls = _types.tensor_class(t)
    if cls._real not in ("Float", "Double"):
        raise TypeError(f"only FloatTensor and DoubleTensor can be the default tensor type, "
                        f"got {cls.__name__}")
    Tensor = cls
    Storage = _types.storage_classes[cls._real]


def numel(tensor):
    """The number of elements of a tensor."""
    if not hasattr(tensor, "numel") or isinstance(tensor, type):
        raise TypeError(f"numel(): expected a tensor, got {type(tensor).__name__}")
    return tensor.numel()


def from_numpy(ndarray):
    """A tensor that shares memory with a NumPy array (changes show in both)."""
    return _C.from_numpy(ndarray)

from . import autograd  # noqa: E402,F401  (also makes ptorch.<fn> accept Variables)
from . import multiprocessing  # noqa: E402,F401  (adds share_memory_/is_shared, pickling)
from .serialization import save, load  # noqa: E402,F401
from . import nn, optim, utils  # noqa: E402,F401
from .utils import data as _data  # noqa: E402,F401  (ptorch.utils.data without an import)
