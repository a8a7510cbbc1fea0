"""Named shared-memory segments for the `file_system` sharing strategy.

Who removes the name? A name must exist while any process may still open it: while a
message carrying it is in flight, or while a process that maps it may send it on. We keep
that knowledge in the segment itself, without a manager process: its first page is a
header with the pids of the processes that map it and the number of messages in flight,
updated under an flock on the segment.
- creating a segment registers the creator's pid; pickling it for a message counts one
  more message in flight; unpickling counts one less and registers the receiver's pid;
- when a process's last mapping goes, it removes its pid, and if no message is in flight
  and no registered process is alive (a killed process is seen dead by its pid), it
  unlinks the name. So a killed child's registration does not keep the segment: the next
  process to let go finds it dead. A sweep (`sweep()`, run before a process's first
  segment) removes segments whose registered processes all died with none in flight.
What this does not cover: a message that is never received (its queue dropped unread)
keeps its in-flight count, hence its segment; DataLoader drains its queues on shutdown.
The mapping itself is freed by the kernel when its last user unmaps it, name or not.
"""
import errno
import fcntl
import itertools
import os
import secrets
import struct
import weakref

try:
    from _posixshmem import shm_open as _shm_open, shm_unlink as _shm_unlink
except ImportError:  # pragma: no cover - CPython builds it on every POSIX system
    def _shm_open(name, flags, mode=0o600):
        return os.open("/dev/shm" + name, flags, mode)

    def _shm_unlink(name):
        os.unlink("/dev/shm" + name)

PREFIX = "ptorch_fs_"
HEADER = 4096
_MAGIC = b"PTSHMv1\0"
_FIXED = struct.Struct("<8sqq")  # magic, messages in flight, number of pids
_MAX_PIDS = (HEADER - _FIXED.size) // 8

_counter = itertools.count()
_by_name = {}  # name -> (_Segment, weakref to its ByteStorage) mapped by this process
_by_ptr = {}   # address of a segment's data -> _Segment (mapped here or inherited by fork)
_swept = False


class _Segment:
    """What this process knows of one mapping of a named segment. The mapping itself is a
    ByteStorage (lib/TH's mapped memory: no descriptor stays open) whose data start at
    offset HEADER; storages of any type view it through NumPy, which keeps it alive."""
    __slots__ = ("name", "owner_pid", "data_ptr", "__weakref__")

    def __init__(self, name, owner_pid, data_ptr):
        self.name, self.owner_pid, self.data_ptr = name, owner_pid, data_ptr


def _read(fd):
    raw = os.pread(fd, HEADER, 0)
    if len(raw) < _FIXED.size:
        return None
    magic, inflight, npids = _FIXED.unpack_from(raw)
    if magic != _MAGIC or not 0 <= npids <= _MAX_PIDS:
        return None
    pids = list(struct.unpack_from(f"<{npids}q", raw, _FIXED.size))
    return inflight, pids


def _write(fd, inflight, pids):
    os.pwrite(fd, _FIXED.pack(_MAGIC, inflight, len(pids)) + struct.pack(f"<{len(pids)}q", *pids),
              0)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child that was not reaped yet is a zombie: dead for our purpose
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


class _Locked:
    """Opens a segment by name and holds its flock."""

    def __init__(self, name, flags=os.O_RDWR, blocking=True):
        self.fd = _shm_open(name, flags, 0o600)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BaseException:
            os.close(self.fd)
            raise

    def __enter__(self):
        return self.fd

    def __exit__(self, *exc):
        os.close(self.fd)  # closing releases the flock


def _map(name, nbytes):
    from .. import _C
    from ..tensor import ByteStorage
    mem = ByteStorage._new_mapped(name, _C.MAP_SHARED | _C.MAP_SHM, nbytes)
    seg = _Segment(name, os.getpid(), mem.data_ptr() + HEADER)
    weakref.finalize(mem, _release, seg)
    _by_name[name] = (seg, weakref.ref(mem))
    _by_ptr[seg.data_ptr] = seg
    return mem


def create(nbytes):
    """A new segment with room for nbytes of data, registered to this process."""
    global _swept
    if not _swept:
        _swept = True
        sweep()
    name = f"/{PREFIX}{os.getpid()}_{next(_counter)}_{secrets.token_hex(4)}"
    with _Locked(name, os.O_RDWR | os.O_CREAT | os.O_EXCL) as fd:
        try:
            _write(fd, 0, [os.getpid()])
            # fallocate reserves the pages now: a full /dev/shm is an error here, never a
            # bus error at first touch.
            os.posix_fallocate(fd, 0, HEADER + nbytes)
            return _map(name, HEADER + nbytes)
        except BaseException as e:
            _shm_unlink(name)
            if isinstance(e, OSError) and e.errno == errno.ENOSPC:
                raise MemoryError(
                    f"not enough shared memory for {nbytes} bytes in /dev/shm; in a container, "
                    "give it a larger /dev/shm (e.g. docker --shm-size) or use fewer worker "
                    "processes") from None
            raise


def sending(name):
    """Counts one more message in flight that carries the segment."""
    with _Locked(name) as fd:
        inflight, pids = _read(fd)
        _write(fd, inflight + 1, pids)


def attach(name, from_message=True):
    """This process's mapping of a named segment (one per process), registering it."""
    known = _by_name.get(name)
    mem = known[1]() if known and known[0].owner_pid == os.getpid() else None
    try:
        lock = _Locked(name)
    except FileNotFoundError:
        raise RuntimeError(f"shared memory segment '{name}' no longer exists: every process "
                           "using it let it go before this one received it") from None
    with lock as fd:
        header = _read(fd)
        if header is None:
            raise RuntimeError(f"'{name}' is not a ptorch shared-memory segment")
        inflight, pids = header
        if from_message:
            inflight = max(inflight - 1, 0)
        if os.getpid() not in pids:
            if len(pids) >= _MAX_PIDS:
                pids = [p for p in pids if _alive(p)]
            if len(pids) >= _MAX_PIDS:
                raise RuntimeError(f"shared memory segment '{name}' is mapped by "
                                   f"{len(pids)} processes, the most it can track")
            pids.append(os.getpid())
        _write(fd, inflight, pids)
        if mem is None:
            mem = _map(name, os.fstat(fd).st_size)
    return mem


def _release(seg):
    """Called when a mapping goes: forgets it, and in the process that mapped it (not in a
    forked child that inherited it) unregisters, unlinking if it was the last user."""
    name, owner_pid = seg.name, seg.owner_pid
    if _by_ptr.get(seg.data_ptr) is seg:
        del _by_ptr[seg.data_ptr]
    if _by_name.get(name, (None,))[0] is seg:
        del _by_name[name]
    if os.getpid() != owner_pid:
        return
    try:
        with _Locked(name) as fd:
            header = _read(fd)
            if header is None:
                return
            inflight, pids = header
            pids = [p for p in pids if p != owner_pid]
            if inflight == 0 and not any(_alive(p) for p in pids):
                _shm_unlink(name)
            else:
                _write(fd, inflight, pids)
    except OSError:
        pass


def sweep():
    """Unlinks this library's segments whose registered processes all died with no
    message in flight (left by processes that were all killed)."""
    try:
        names = [n for n in os.listdir("/dev/shm") if n.startswith(PREFIX)]
    except OSError:
        return
    for n in names:
        try:
            with _Locked("/" + n, blocking=False) as fd:
                header = _read(fd)
                if header and header[0] == 0 and not any(_alive(p) for p in header[1]):
                    _shm_unlink("/" + n)
        except OSError:
            continue


def segment_of(data_ptr):
    """The live segment whose data start at data_ptr in this process (mapped here or
    inherited through fork), or None."""
    return _by_ptr.get(data_ptr)
