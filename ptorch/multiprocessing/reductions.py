"""Pickling of tensors and storages between processes (ForkingPickler reductions): a
storage moves into shared memory and travels as a descriptor or a segment name; a tensor
travels as its storage plus geometry, so views keep sharing one storage."""
import weakref
from multiprocessing import reduction

from .. import _types
from . import _sharing, _shm

# One Python object per C storage while a message is pickled: tensor.storage() makes a
# new wrapper each time, and the pickler's memo (which holds the first one alive) then
# sends a storage viewed by several tensors once.
_wrappers = weakref.WeakValueDictionary()


def _canonical_storage(tensor):
    storage = tensor.storage()
    known = _wrappers.get(storage._cdata)
    if known is not None:
        return known
    _wrappers[storage._cdata] = storage
    return storage


def rebuild_tensor(cls, storage, offset, size, stride):
    t = cls()
    if len(size) == 0:
        return t
    return t.set_(storage, offset, size, stride)


def reduce_tensor(tensor):
    return (rebuild_tensor, (type(tensor), _canonical_storage(tensor), tensor.storage_offset(),
                             tuple(tensor.size()), tuple(tensor.stride())))


def rebuild_empty_storage(cls):
    return cls()


def rebuild_storage_fd(cls, dup, size):
    try:
        fd = dup.detach()
    except OSError as e:
        raise RuntimeError(
            f"could not receive a shared {cls.__name__} of {size} elements ({e}): with the "
            "'file_descriptor' sharing strategy the sending process must stay alive until "
            "the receiver has unpickled it; keep it alive, or use "
            "ptorch.multiprocessing.set_sharing_strategy('file_system')") from None
    try:
        return cls._new_from_fd(fd, size)
    except BaseException:
        import os
        os.close(fd)
        raise


def rebuild_storage_filename(cls, name, size):
    return _sharing.fs_storage(cls, _shm.attach(name), size)


def reduce_storage(storage):
    size = storage.size()
    if size == 0:
        return (rebuild_empty_storage, (type(storage),))
    if not _sharing.storage_is_shared(storage):
        _sharing.share_storage_(storage)
    fd = storage._shared_fd()
    if fd >= 0:
        return (rebuild_storage_fd, (type(storage), reduction.DupFd(fd), size))
    seg = _shm.segment_of(storage.data_ptr())
    _shm.sending(seg.name)
    return (rebuild_storage_filename, (type(storage), seg.name, size))


def init_reductions():
    for cls in _types.storage_classes.values():
        reduction.ForkingPickler.register(cls, reduce_storage)
    for cls in _types.tensor_classes.values():
        reduction.ForkingPickler.register(cls, reduce_tensor)
