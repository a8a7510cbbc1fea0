"""ptorch.save / ptorch.load: pickle-based checkpoints.

Layout of a file: three small pickles (magic number, format version, system info), the
pickle of the object, in which every storage is a persistent id ('storage', type name,
key, location, size) so that a storage viewed by several tensors is written once, the
pickle of the list of storage keys in the order of their data, then for each storage its
element count (8 bytes, little-endian) and its raw bytes, written straight from memory.

Loading is safe by default (weights_only=True): the unpickler rebuilds only ptorch
tensors and storages, containers, numbers and strings; anything else is refused with an
error that says how to load a trusted file. A file that is not a checkpoint, truncated or
corrupted raises LoadError (a RuntimeError and a pickle.UnpicklingError), never a crash.
"""
import builtins
import collections
import io
import os
import pickle
import stat
import struct
import sys

from . import _types

__all__ = ["save", "load", "LoadError", "WeightsOnlyError"]

MAGIC_NUMBER = 0x70746F726368_0002  # "ptorch", format 2
PROTOCOL_VERSION = 1001
_COUNT = struct.Struct("<q")


class LoadError(RuntimeError, pickle.UnpicklingError):
    """The file is not a ptorch checkpoint, or it is truncated or corrupted."""


class WeightsOnlyError(LoadError):
    """A weights-only load met an object it does not rebuild."""


def _rebuild_tensor(storage, storage_offset, size, stride):
    cls = _types.tensor_classes[type(storage)._real]
    t = cls()
    if len(size) == 0:
        return t
    return t.set_(storage, storage_offset, tuple(size), tuple(stride))


def _reduce_tensor(tensor):
    return (_rebuild_tensor, (tensor.storage(), tensor.storage_offset(), tuple(tensor.size()),
                              tuple(tensor.stride())))


# ---- saving ----

def _open(f, mode):
    if isinstance(f, (str, bytes, os.PathLike)):
        return open(f, mode), True
    return f, False


def save(obj, f, pickle_module=pickle, pickle_protocol=2):
    """Saves an object (tensors, storages, containers of them, state_dicts, modules...) to a
    file name or a binary file-like object."""
    f, owned = _open(f, "wb")
    try:
        _save(obj, f, pickle_module, pickle_protocol)
    finally:
        if owned:
            f.close()


def _save(obj, f, pickle_module, pickle_protocol):
    storages = {}  # C storage address -> (key, storage): each storage written once
    order = []

    def persistent_id(o):
        if type(o) in _types.storage_classes.values():
            known = storages.get(o._cdata)
            if known is None:
                known = (str(len(order)), o)
                storages[o._cdata] = known
                order.append(known)
            return ("storage", type(o).__name__, known[0], "cpu", o.size())
        return None

    sys_info = {"protocol_version": PROTOCOL_VERSION, "little_endian": sys.byteorder == "little",
                "type_sizes": {"short": 2, "int": 4, "long": 8}}
    pickle_module.dump(MAGIC_NUMBER, f, protocol=pickle_protocol)
    pickle_module.dump(PROTOCOL_VERSION, f, protocol=pickle_protocol)
    pickle_module.dump(sys_info, f, protocol=pickle_protocol)

    pickler = pickle_module.Pickler(f, protocol=pickle_protocol)
    pickler.persistent_id = persistent_id
    table = dict(getattr(pickler, "dispatch_table", None) or __import__("copyreg").dispatch_table)
    for cls in _types.tensor_classes.values():
        table[cls] = _reduce_tensor
    pickler.dispatch_table = table
    pickler.dump(obj)

    pickle_module.dump([key for key, _ in order], f, protocol=pickle_protocol)
    _reserve(f, sum(_COUNT.size + s.size() * s.element_size() for _, s in order))
    for _, storage in order:
        f.write(_COUNT.pack(storage.size()))
        if storage.size():
            with memoryview(storage) as mv:
                f.write(mv.cast("B"))


_fallocate = None  # libc's fallocate once looked up; False where there is none


def _libc_fallocate():
    global _fallocate
    if _fallocate is None:
        _fallocate = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes
                fn = ctypes.CDLL(None, use_errno=True).fallocate
                fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]
                fn.restype = ctypes.c_int
                _fallocate = fn
            except (OSError, AttributeError, ImportError):
                pass
    return _fallocate


def _reserve(f, nbytes):
    """Allocates the disk blocks of the next nbytes of a regular file before they are
    written, without changing its size (Linux fallocate with FALLOC_FL_KEEP_SIZE, as NumPy's
    tofile does): the data then go to blocks already allocated, and ext4 does not start
    writing a rewritten file back when it is closed (its guard for truncate-and-rewrite),
    which otherwise halves the throughput. Does nothing for other streams or where it
    fails; a save that stops midway still leaves a short file, which load calls truncated."""
    if nbytes < (1 << 20):
        return
    fallocate = _libc_fallocate()
    if not fallocate:
        return
    try:
        fd = f.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return
        f.flush()
        fallocate(fd, 1, f.tell(), nbytes)  # 1: FALLOC_FL_KEEP_SIZE; a failure is harmless
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return


# ---- loading ----

# What a weights-only load rebuilds besides the ptorch types (module, name).
_SAFE_GLOBALS = {
    ("collections", "OrderedDict"), ("builtins", "set"), ("builtins", "frozenset"),
    ("builtins", "complex"), ("builtins", "slice"), ("builtins", "range"),
    ("builtins", "bytearray"), ("_codecs", "encode"), ("ptorch.serialization", "_rebuild_tensor"),
    ("ptorch._size", "Size"), ("torch", "Size"),
}
_LEGACY_MODULES = {"__builtin__": "builtins", "copy_reg": "copyreg"}


def _make_unpickler(pickle_module, f, weights_only, persistent_load=None):
    base = pickle_module.Unpickler

    class _Unpickler(base):
        def find_class(self, module, name):
            mod = _LEGACY_MODULES.get(module, module)
            if (mod, name) in _SAFE_GLOBALS:
                if mod == "ptorch.serialization":
                    return _rebuild_tensor
                if mod in ("ptorch._size", "torch"):
                    from ._size import Size
                    return Size
                if mod == "collections":
                    return collections.OrderedDict
                if mod == "_codecs":
                    import _codecs
                    return _codecs.encode
                return getattr(builtins, name)
            if weights_only:
                raise WeightsOnlyError(
                    f"ptorch.load: refusing to rebuild '{mod}.{name}': with weights_only=True "
                    "only ptorch tensors and storages, containers, numbers and strings are "
                    "loaded; if you trust this file, load it with weights_only=False")
            return super().find_class(module, name)

    u = _Unpickler(f)
    if persistent_load is not None:
        u.persistent_load = persistent_load
    return u


def _location_restorer(map_location):
    if map_location is None:
        return lambda storage, location: storage
    if isinstance(map_location, dict):
        def restore(storage, location):
            target = map_location.get(location, location)
            if target != "cpu":
                raise RuntimeError(f"ptorch.load: cannot map a storage saved on '{location}' "
                                   f"to '{target}': this ptorch has only the CPU")
            return storage
        return restore
    if callable(map_location):
        def restore(storage, location):
            result = map_location(storage, location)
            return storage if result is None else result
        return restore
    raise TypeError(f"ptorch.load: map_location must be None, a dict or a function, got "
                    f"{type(map_location).__name__}")


def load(f, map_location=None, pickle_module=pickle, weights_only=True):
    """Loads an object saved with ptorch.save from a file name or a binary file-like object.
    map_location: a function (storage, location) -> storage, or a dict from saved location
    to new location. weights_only=True (default) rebuilds only ptorch types, containers,
    numbers and strings; pass False for whole modules or other objects of trusted files."""
    restore = _location_restorer(map_location)
    f, owned = _open(f, "rb")
    wrapped = isinstance(f, io.RawIOBase)
    if wrapped:  # its reads may come back short; pickle wants them whole
        f = io.BufferedReader(f)
    try:
        return _load(f, restore, pickle_module, weights_only)
    except (LoadError, KeyboardInterrupt):
        raise
    except EOFError as e:
        raise LoadError(f"ptorch.load: the file is truncated ({e or 'ran out of input'})") from e
    except Exception as e:  # anything a damaged pickle can raise
        if not weights_only and not isinstance(e, (pickle.UnpicklingError, ValueError,
                                                   struct.error, MemoryError, OverflowError,
                                                   UnicodeDecodeError)):
            raise
        raise LoadError(f"ptorch.load: the file is corrupted ({type(e).__name__}: {e})") from e
    finally:
        if owned:
            f.close()
        elif wrapped:
            f.detach()  # leave the caller's stream open


def _remaining_bytes(f):
    try:
        here = f.tell()
        end = f.seek(0, io.SEEK_END)
        f.seek(here)
        return end - here
    except (AttributeError, OSError, ValueError):
        return None


def _load(f, restore, pickle_module, weights_only):
    def header():
        return _make_unpickler(pickle_module, f, True).load()

    try:
        magic = header()
    except EOFError as e:
        raise LoadError("ptorch.load: the file is empty or truncated before its header (not "
                        "a ptorch checkpoint?)") from e
    except Exception as e:
        raise LoadError("ptorch.load: not a ptorch checkpoint (it does not start with a "
                        f"pickled magic number: {type(e).__name__}: {e})") from e
    if magic != MAGIC_NUMBER:
        raise LoadError("ptorch.load: not a ptorch checkpoint (wrong magic number)")
    version = header()
    if version != PROTOCOL_VERSION:
        raise LoadError(f"ptorch.load: unsupported checkpoint format version {version!r} "
                        f"(this ptorch reads {PROTOCOL_VERSION})")
    sys_info = header()
    little = sys.byteorder == "little"
    if not isinstance(sys_info, dict) or sys_info.get("little_endian") != little:
        raise LoadError("ptorch.load: the checkpoint was written with another byte order")

    loaded = {}  # key -> storage
    limit = _remaining_bytes(f)

    def persistent_load(pid):
        if not (isinstance(pid, tuple) and len(pid) == 5 and pid[0] == "storage"):
            raise LoadError(f"ptorch.load: the file is corrupted (bad persistent id {pid!r:.80})")
        _, type_name, key, location, size = pid
        if key in loaded:
            return loaded[key]
        cls = _types.storage_classes.get(type_name[:-len("Storage")]) \
            if isinstance(type_name, str) and type_name.endswith("Storage") else None
        if cls is None or not isinstance(size, int) or size < 0:
            raise LoadError(f"ptorch.load: the file is corrupted (bad storage record {pid!r:.80})")
        nbytes = size * cls().element_size()
        if limit is not None and nbytes > limit:
            raise LoadError(f"ptorch.load: the file is truncated or corrupted (a {type_name} "
                            f"of {size} elements needs {nbytes} bytes; {limit} remain)")
        storage = restore(cls(size), location)
        loaded[key] = storage
        return storage

    obj = _make_unpickler(pickle_module, f, weights_only, persistent_load).load()
    keys = header()
    if not isinstance(keys, list) or set(keys) != set(loaded):
        raise LoadError("ptorch.load: the file is corrupted (its storage list does not match "
                        "the storages of the object)")
    for key in keys:
        storage = loaded[key]
        raw = f.read(_COUNT.size)
        if len(raw) < _COUNT.size:
            raise LoadError("ptorch.load: the file is truncated (storage data missing)")
        (count,) = _COUNT.unpack(raw)
        if count != storage.size():
            raise LoadError(f"ptorch.load: the file is corrupted (storage {key} holds {count} "
                            f"elements, its record says {storage.size()})")
        if count:
            with memoryview(storage) as mv:
                dst = mv.cast("B")
                got = _read_into(f, dst)
            if got < len(dst):
                raise LoadError(f"ptorch.load: the file is truncated (storage {key}: {got} of "
                                f"{len(dst)} bytes)")
    return obj


def _read_into(f, dst):
    got = 0
    readinto = getattr(f, "readinto", None)
    while got < len(dst):
        if readinto is not None:
            n = readinto(dst[got:])
        else:
            chunk = f.read(len(dst) - got)
            n = len(chunk)
            dst[got:got + n] = chunk
        if not n:
            break
        got += n
    return got
