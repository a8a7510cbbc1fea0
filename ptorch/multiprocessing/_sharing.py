"""Sharing strategies, and moving storages into shared memory (share_memory_, is_shared,
_new_shared) for both: `file_descriptor` (in _C: an unlinked segment reached only through
descriptors) and `file_system` (in _shm: a named segment that knows its users)."""
import itertools
import os
import secrets

import numpy as np

from .. import _C, _types
from . import _shm

_STRATEGIES = ("file_descriptor", "file_system")
_strategy = "file_descriptor"
_counter = itertools.count()


def get_all_sharing_strategies():
    """The sharing strategies this system supports."""
    return set(_STRATEGIES)


def get_sharing_strategy():
    """The strategy used to share CPU tensors between processes."""
    return _strategy


def set_sharing_strategy(new_strategy):
    """Sets the strategy for sharing CPU tensors: 'file_descriptor' (default: only file
    descriptors reach the memory, which the kernel frees with its last user) or
    'file_system' (shared-memory names; no descriptor stays open)."""
    global _strategy
    if new_strategy not in _STRATEGIES:
        raise ValueError(f"unknown sharing strategy {new_strategy!r}; expected one of "
                         f"{sorted(_STRATEGIES)}")
    _strategy = new_strategy


def _fd_name():
    # The name lives only between shm_open and shm_unlink inside _share_fd_.
    return f"/ptorch_{os.getpid()}_{next(_counter)}_{secrets.token_hex(4)}"


def _np_dtype(cls):
    return np.dtype(_types.TYPE_INFO[_types.REALS.index(cls._real)][2])


def fs_storage(cls, seg, size):
    """A storage of type cls over the data of a file_system segment (kept alive by it)."""
    arr = np.frombuffer(seg, dtype=_np_dtype(cls), count=size, offset=_shm.HEADER)
    return _C.from_numpy(arr).storage()


def storage_is_shared(storage):
    """Whether the storage's memory is in shared memory (either strategy)."""
    return storage._shared_fd() >= 0 or _shm.segment_of(storage.data_ptr()) is not None


def share_storage_(storage):
    """Moves a storage's memory into shared memory (no-op when it is there already or
    empty); the storage object and the tensors viewing it stay the same."""
    n = storage.size()
    if n == 0 or storage_is_shared(storage):
        return storage
    if _strategy == "file_descriptor":
        storage._share_fd_(_fd_name())
        return storage
    storage._check_movable()
    new = new_shared(type(storage), n)
    with memoryview(storage) as src, memoryview(new) as dst:
        dst.cast("B")[:] = src.cast("B")
    storage._swap_memory_(new)
    return storage


def new_shared(cls, size):
    """A new storage of `size` elements in shared memory, by the current strategy."""
    if size == 0:
        return cls()
    if _strategy == "file_descriptor":
        return cls._new_shared_fd(_fd_name(), size)
    seg = _shm.create(size * _np_dtype(cls).itemsize)
    return fs_storage(cls, seg, size)


# ---- methods of the tensor and storage classes ----

def _storage_share_memory_(self):
    """Moves the storage into shared memory (no-op if it is there already); returns self."""
    return share_storage_(self)


def _storage_is_shared(self):
    return storage_is_shared(self)


def _storage_new_shared(cls, size):
    return new_shared(cls, size)


def _tensor_share_memory_(self):
    """Moves the tensor's storage into shared memory (no-op if it is there already), so
    that tensors sent to other processes share it; returns self."""
    share_storage_(self.storage())
    return self


def _tensor_is_shared(self):
    return storage_is_shared(self.storage())


def install_methods():
    for cls in _types.storage_classes.values():
        cls.share_memory_ = _storage_share_memory_
        cls.is_shared = _storage_is_shared
        cls._new_shared = classmethod(_storage_new_shared)
    for cls in _types.tensor_classes.values():
        cls.share_memory_ = _tensor_share_memory_
        cls.is_shared = _tensor_is_shared
