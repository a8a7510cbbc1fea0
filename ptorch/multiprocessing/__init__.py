"""ptorch.multiprocessing: a drop-in replacement for Python's multiprocessing whose
pickling moves tensors' storages into shared memory and sends them by reference: by file
descriptor ('file_descriptor', the default) or by shared-memory name ('file_system').
A tensor received in another process shares memory with the sender's; views of one
storage stay views of one storage."""
import multiprocessing as _mp
from multiprocessing import *  # noqa: F401,F403

from ._sharing import (  # noqa: F401
    get_all_sharing_strategies, get_sharing_strategy, set_sharing_strategy)
from .reductions import init_reductions
from . import _sharing

__all__ = ["get_all_sharing_strategies", "get_sharing_strategy", "set_sharing_strategy"]
__all__ += _mp.__all__

_sharing.install_methods()
init_reductions()
