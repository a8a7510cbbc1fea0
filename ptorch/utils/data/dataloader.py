"""DataLoader: batches of a dataset, made in the main process or by worker processes that
send them back through shared memory, in order.

Workers: each has its own index queue (batches are dealt round-robin, at most two ahead
per worker); all send (batch number, pickled batch) on one data queue. The parent waits
on that queue in short slices and checks between them whether a worker died (killed,
segfault), so that it raises instead of hanging; the timeout option bounds each wait.
A worker's exception travels back with its traceback text and is raised in the parent.
Each worker seeds ptorch's, NumPy's and Python's generators with base_seed + worker_id,
where base_seed is drawn from ptorch's default generator for each pass.
"""
import collections.abc
import io
import os
import pickle
import queue
import random
import signal
import socket
import sys
import time
import traceback
import warnings

import numpy as np

from ... import _C, _types, cuda
from ... import multiprocessing as mp
from ...multiprocessing import _sharing
from multiprocessing.reduction import ForkingPickler
from .sampler import SequentialSampler, RandomSampler, BatchSampler
from .dataset import TensorDataset

# True in worker processes: default_collate then builds batches in shared memory, so that
# sending them moves no data.
_use_shared_memory = False

_POLL_SECONDS = 0.1
_SHUTDOWN_SECONDS = 5.0  # for workers to finish their batch after a normal end or a break
_ERROR_SHUTDOWN_SECONDS = 0.5  # after an error: a stuck worker is terminated soon
_FD_SECONDS = 10.0  # for the descriptors of a batch that has arrived (sent before it)


class ExceptionWrapper:
    """An exception raised in a worker: its type and its formatted traceback."""

    def __init__(self, exc_info, worker_id):
        exc_type = exc_info[0]
        try:
            pickle.dumps(exc_type)
        except Exception:
            exc_type = RuntimeError
        self.exc_type = exc_type
        self.exc_msg = (f"Caught {exc_info[0].__name__} in DataLoader worker process "
                        f"{worker_id}. Original traceback:\n"
                        + "".join(traceback.format_exception(*exc_info)))

    def reraise(self):
        try:
            exc = self.exc_type(self.exc_msg)
        except Exception:
            exc = RuntimeError(self.exc_msg)
        raise exc


def _worker_loop(dataset, index_queue, data_queue, collate_fn, seed, init_fn, worker_id,
                 parent_pid, fd_sock=None):
    global _use_shared_memory
    _use_shared_memory = True
    # Ctrl-C reaches the whole process group; the parent shuts the workers down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    data_queue.cancel_join_thread()
    _C.default_generator.manual_seed(seed)
    random.seed(seed)
    np.random.seed(seed % 2 ** 32)
    init_error = None
    if init_fn is not None:
        try:
            init_fn(worker_id)
        except Exception:
            init_error = ExceptionWrapper(sys.exc_info(), worker_id)
    while True:
        try:
            r = index_queue.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent_pid:  # the parent died: nobody waits for us
                return
            continue
        if r is None:
            return
        idx, batch_indices = r
        nfds = 0
        try:
            if init_error is not None:
                body = pickle.dumps((idx, init_error))
            else:
                samples = _fetch(dataset, batch_indices, collate_fn)
                body, nfds = _pickle_batch((idx, samples), fd_sock)
                del samples
        except Exception:
            body = pickle.dumps((idx, ExceptionWrapper(sys.exc_info(), worker_id)))
        data_queue.put((worker_id, nfds, body))
        del body


# At most this many descriptors go in one message (Linux takes up to 253); a batch holding
# more storages goes by multiprocessing's own descriptor passing.
_MAX_FDS = 250


def _pickle_batch(obj, fd_sock):
    """(pickled obj, number of descriptors sent ahead of it on fd_sock). With fd_sock, the
    descriptors of obj's fd-shared storages go in one message on that socket, the worker's
    own, and the pickle names them by position: the parent takes them with one recvmsg,
    instead of a connection to this process's resource sharer for each storage."""
    if fd_sock is not None:
        fds, slots = [], {}

        def persistent_id(o):
            if type(o) not in _STORAGE_CLASSES or o.size() == 0:
                return None
            _sharing.share_storage_(o)  # no-op when shared (always, in a worker's batch)
            fd = o._shared_fd()
            if fd < 0:  # file_system strategy: sent by name
                return None
            slot = slots.get(o._cdata)
            if slot is None:
                slot = slots[o._cdata] = len(fds)
                fds.append(fd)
            return ("fd", type(o), slot, o.size())

        buf = io.BytesIO()
        pickler = ForkingPickler(buf)
        pickler.persistent_id = persistent_id
        pickler.dump(obj)
        if not fds:
            return buf.getvalue(), 0
        if len(fds) <= _MAX_FDS:
            try:
                socket.send_fds(fd_sock, [b"\0"], fds)  # all or nothing
                return buf.getvalue(), len(fds)
            except OSError:
                pass
    return bytes(ForkingPickler.dumps(obj)), 0


def _unpickle_batch(body, fds):
    """Loads what _pickle_batch made, the storages sent by descriptor mapping fds (which
    they take over; the caller closes those that remain >= 0 afterwards)."""
    if not fds:
        return ForkingPickler.loads(body)
    made = {}

    def persistent_load(pid):
        if not (isinstance(pid, tuple) and len(pid) == 4 and pid[0] == "fd"):
            raise pickle.UnpicklingError(f"bad persistent id in a DataLoader batch: {pid!r:.80}")
        _, cls, slot, size = pid
        storage = made.get(slot)
        if storage is None:
            storage = made[slot] = cls._new_from_fd(fds[slot], size)
            fds[slot] = -1  # taken over
        return storage

    u = pickle.Unpickler(io.BytesIO(body))
    u.persistent_load = persistent_load
    return u.load()


def _fd_socket_pair():
    """(parent's end, worker's end) of a socket for descriptors, or None where there is
    none to be had."""
    if not hasattr(socket, "send_fds") or not hasattr(socket, "AF_UNIX") \
            or mp.get_sharing_strategy() != "file_descriptor":
        return None
    try:
        pair = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    except OSError:
        return None
    pair[0].settimeout(_FD_SECONDS)
    return pair


def _close_fds(fds):
    for fd in fds:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass


def _signal_name(exitcode):
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


class DataLoaderIter:
    """One pass over a DataLoader."""

    def __init__(self, loader):
        self.dataset = loader.dataset
        self.collate_fn = loader.collate_fn
        self.batch_sampler = loader.batch_sampler
        self.num_workers = loader.num_workers
        # pinning needs CUDA; without it the DataLoader warned once and batches stay as they are
        self.pin_memory = loader.pin_memory and cuda.is_available()
        self.timeout = loader.timeout
        self.sample_iter = iter(self.batch_sampler)
        self.shutdown = False
        self.workers = []
        if self.num_workers == 0:
            return
        self.data_queue = mp.Queue()
        self.index_queues = [mp.Queue() for _ in range(self.num_workers)]
        self.send_idx = 0
        self.rcvd_idx = 0
        self.batches_outstanding = 0
        self.reorder = {}
        self.worker_cycle = 0
        # Indices first, then the seed: a shuffled pass visits the same order as without
        # workers for the same ptorch.manual_seed.
        for _ in range(2 * self.num_workers):
            self._put_indices()
        gen = _C.default_generator
        base_seed = gen.random() | (gen.random() << 32)
        # One socket per worker for the descriptors of the batches' storages (see
        # _pickle_batch); where descriptors cannot be sent so, None.
        self.fd_socks = [_fd_socket_pair() for _ in range(self.num_workers)]
        for i, iq in enumerate(self.index_queues):
            pair = self.fd_socks[i]
            w = mp.Process(target=_worker_loop,
                           args=(self.dataset, iq, self.data_queue, self.collate_fn,
                                 base_seed + i, loader.worker_init_fn, i, os.getpid(),
                                 pair[1] if pair else None),
                           daemon=True)
            w.start()
            self.workers.append(w)
            if pair:
                pair[1].close()  # the worker's end

    def __len__(self):
        return len(self.batch_sampler)

    def __iter__(self):
        return self

    def _finish(self, batch):
        return pin_memory_batch(batch) if self.pin_memory else batch

    def __next__(self):
        if self.num_workers == 0:
            indices = next(self.sample_iter)
            return self._finish(_fetch(self.dataset, indices, self.collate_fn))
        if self.shutdown:
            raise StopIteration
        if self.rcvd_idx in self.reorder:
            return self._process(self.reorder.pop(self.rcvd_idx))
        if self.batches_outstanding == 0:
            self._shutdown_workers()
            raise StopIteration
        while True:
            idx, batch = self._get()
            self.batches_outstanding -= 1
            if idx == self.rcvd_idx:
                return self._process(batch)
            self.reorder[idx] = batch

    def _get(self):
        deadline = time.monotonic() + self.timeout if self.timeout > 0 else None
        while True:
            try:
                payload = self.data_queue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                self._check_workers()
            except (EOFError, OSError) as e:
                # a worker that died while writing leaves a broken message behind
                self._check_workers(wait=True, cause=e)
                raise RuntimeError("DataLoader lost the connection to its workers") from e
            else:
                worker_id, nfds, body = payload
                fds = self._receive_fds(worker_id, nfds)
                try:
                    return _unpickle_batch(body, fds)
                except (RuntimeError, EOFError, OSError) as e:
                    # a batch sent by descriptor is lost if its worker died meanwhile
                    self._check_workers(wait=True, cause=e)
                    raise
                finally:
                    _close_fds(fds)
            if deadline is not None and time.monotonic() > deadline:
                self._shutdown_workers(_ERROR_SHUTDOWN_SECONDS)
                raise RuntimeError(f"DataLoader timed out after {self.timeout} seconds "
                                   "waiting for a batch from its workers")

    def _receive_fds(self, worker_id, nfds):
        """The nfds descriptors worker worker_id sent ahead of its batch."""
        if nfds == 0:
            return []
        sock = self.fd_socks[worker_id][0]
        try:
            _, fds, flags, _ = socket.recv_fds(sock, 1, nfds)
        except OSError as e:  # (a timeout too: they were sent before the batch)
            self._check_workers(wait=True, cause=e)
            raise RuntimeError(f"DataLoader: the shared memory of a batch from worker "
                               f"{worker_id} did not arrive ({e})") from e
        if len(fds) != nfds or flags & getattr(socket, "MSG_CTRUNC", 0):
            _close_fds(fds)
            raise RuntimeError(f"DataLoader: worker {worker_id} sent {len(fds)} descriptors "
                               f"with a batch that needs {nfds}")
        return fds

    def _check_workers(self, wait=False, cause=None):
        """Raises if a worker died."""
        for w in self.workers:
            if wait:
                w.join(_POLL_SECONDS)
            if not w.is_alive():
                self._shutdown_workers(_ERROR_SHUTDOWN_SECONDS)
                raise RuntimeError(f"DataLoader worker (pid {w.pid}) exited unexpectedly "
                                   f"({_signal_name(w.exitcode)}); a worker killed by the "
                                   "system may have run out of memory or shared memory") from cause

    def _put_indices(self):
        indices = next(self.sample_iter, None)
        if indices is None:
            return
        self.index_queues[self.worker_cycle].put((self.send_idx, indices))
        self.worker_cycle = (self.worker_cycle + 1) % self.num_workers
        self.batches_outstanding += 1
        self.send_idx += 1

    def _process(self, batch):
        self.rcvd_idx += 1
        self._put_indices()
        if isinstance(batch, ExceptionWrapper):
            self._shutdown_workers()
            batch.reraise()
        return self._finish(batch)

    def _drain(self):
        while True:
            try:
                payload = self.data_queue.get(block=False)
            except (queue.Empty, OSError, EOFError, ValueError):
                return
            try:  # receiving releases what the message holds (file_system segments);
                # descriptors left on a worker's socket go when the socket is closed
                worker_id, nfds, body = payload
                if nfds == 0:
                    _unpickle_batch(body, [])
            except Exception:
                pass

    def _shutdown_workers(self, grace=_SHUTDOWN_SECONDS):
        if self.shutdown or not self.workers:
            self.shutdown = True
            return
        self.shutdown = True
        for iq in self.index_queues:
            try:
                iq.put(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + grace
        for w in self.workers:
            while w.is_alive() and time.monotonic() < deadline:
                self._drain()
                w.join(0.02)
            if w.is_alive():
                w.terminate()
                w.join()
        self._drain()
        self.reorder.clear()
        for q in self.index_queues + [self.data_queue]:
            q.cancel_join_thread()
            q.close()
        for pair in self.fd_socks:
            if pair:
                pair[0].close()

    def __del__(self):
        try:
            self._shutdown_workers()
        except Exception:
            pass

    def __getstate__(self):
        raise TypeError("a DataLoader iterator cannot be pickled (it owns worker processes)")


def pin_memory_batch(batch):
    """Copies the tensors of a batch into page-locked memory (CUDA only)."""
    if _is_tensor(batch):
        return batch.pin_memory()
    if isinstance(batch, (str, bytes)):
        return batch
    if isinstance(batch, collections.abc.Mapping):
        return {k: pin_memory_batch(v) for k, v in batch.items()}
    if isinstance(batch, collections.abc.Sequence):
        return [pin_memory_batch(b) for b in batch]
    return batch


_TENSOR_CLASSES = frozenset(_types.tensor_classes.values())
_STORAGE_CLASSES = frozenset(_types.storage_classes.values())


def _is_tensor(obj):
    return type(obj) in _TENSOR_CLASSES


_NUMPY_SCALARS = {"float64": "Double", "float32": "Float", "float16": "Half", "int64": "Long",
                  "int32": "Int", "int16": "Short", "int8": "Char", "uint8": "Byte",
                  "bool": "Byte"}


def _fetch(dataset, indices, collate_fn):
    """collate_fn of the samples at indices: the batch one DataLoader step yields."""
    if collate_fn is default_collate and type(dataset).__getitem__ is TensorDataset.__getitem__:
        batch = _tensor_dataset_batch(dataset, indices)
        if batch is not None:
            return batch
    return collate_fn([dataset[i] for i in indices])


# Python number type a 1-d tensor's element reads as -> the class default_collate makes of
# a list of them.
_SCALAR_BATCH_REAL = {r: ("Double" if r in _types.FLOAT_REALS else "Long")
                      for r in _types.REALS}


def _tensor_dataset_batch(dataset, indices):
    """default_collate([dataset[i] for i in indices]) of a TensorDataset made with one
    index_select per tensor (straight into shared memory in a worker); None where that
    would not be the same (indices that are not in-range ints, Half tensors, ...): the
    caller then goes sample by sample, which also raises the right errors."""
    try:
        arr = np.asarray(indices)
    except Exception:
        return None
    if arr.ndim != 1 or arr.size == 0 or arr.dtype.kind not in "iu":
        return None
    if arr.dtype != np.int64:
        if arr.dtype.kind == "u" and arr.max() > np.iinfo(np.int64).max:
            return None
        arr = arr.astype(np.int64)
    index = _C.from_numpy(arr)
    out = []
    for t in (dataset.data_tensor, dataset.target_tensor):
        cls = type(t)
        if cls not in _TENSOR_CLASSES or cls._real == "Half" or t.numel() == 0:
            return None
        if t.dim() == 1:  # the samples are numbers: a LongTensor or DoubleTensor of them
            res_cls = _types.tensor_classes[_SCALAR_BATCH_REAL[cls._real]]
        else:
            res_cls = cls
        size = (len(arr),) + tuple(t.size())[1:]
        if _use_shared_memory:
            res = res_cls().set_(res_cls.storage_type()._new_shared(_numel(size)), 0, size)
        else:
            res = None
        try:
            if res_cls is cls:
                res = t.index_select(0, index, out=res)
            elif res is None:
                res = t.index_select(0, index).type(res_cls)
            else:
                res.copy_(t.index_select(0, index))
        except IndexError:  # out of range or negative
            return None
        out.append(res)
    return out


def _numel(size):
    n = 1
    for s in size:
        n *= s
    return n


def _stack(batch):
    first = batch[0]
    cls = type(first)
    size = tuple(first.size())
    for i, b in enumerate(batch):
        if type(b) is not cls:
            raise TypeError(f"default_collate: a batch mixes tensor types {cls.__name__} and "
                            f"{type(b).__name__} (entries 0 and {i})")
        if tuple(b.size()) != size:
            raise RuntimeError("default_collate: each tensor in a batch must have the same "
                               f"size, but got {list(size)} at entry 0 and {list(b.size())} at "
                               f"entry {i}")
    if len(size) == 0:
        return cls()
    out_size = (len(batch),) + size
    numel = len(batch) * first.numel()
    if _use_shared_memory:
        out = cls().set_(cls.storage_type()._new_shared(numel), 0, out_size)
    else:
        out = cls(*out_size)
    np.stack([b.numpy() for b in batch], out=out.numpy())
    return out


def default_collate(batch):
    """Puts each field of a batch of samples together: tensors are stacked along a new
    first dimension (in shared memory in a worker), NumPy arrays become stacked tensors,
    numbers become a LongTensor or DoubleTensor, strings stay a list, and dicts and
    sequences are collated field by field."""
    if len(batch) == 0:
        raise ValueError("default_collate: the batch is empty")
    elem = batch[0]
    if _is_tensor(elem):
        return _stack(batch)
    if type(elem).__module__ == "numpy" and not isinstance(elem, (np.str_, np.bytes_)):
        if isinstance(elem, np.ndarray):
            if elem.dtype.kind in "SUO":
                raise TypeError(f"default_collate: cannot make a tensor of NumPy arrays of "
                                f"dtype {elem.dtype}")
            return _stack([_C.from_numpy(np.ascontiguousarray(b)) for b in batch])
        if elem.shape == () and elem.dtype.name in _NUMPY_SCALARS:
            real = _NUMPY_SCALARS[elem.dtype.name]
            return _types.tensor_classes[real](np.array(batch, dtype=elem.dtype))
    if isinstance(elem, bool) or isinstance(elem, int):
        return _types.tensor_classes["Long"](list(batch))
    if isinstance(elem, float):
        return _types.tensor_classes["Double"](list(batch))
    if isinstance(elem, (str, bytes)):
        return batch
    if isinstance(elem, collections.abc.Mapping):
        return {key: default_collate([d[key] for d in batch]) for key in elem}
    if isinstance(elem, collections.abc.Sequence):
        lengths = {len(s) for s in batch}
        if len(lengths) != 1:
            raise RuntimeError(f"default_collate: each sequence in a batch must have the same "
                               f"length, got lengths {sorted(lengths)}")
        return [default_collate(list(samples)) for samples in zip(*batch)]
    raise TypeError("default_collate: a batch must contain tensors, NumPy arrays, numbers, "
                    f"strings, dicts or sequences; found {type(elem).__name__}")


class DataLoader:
    """Combines a dataset and a sampler, and iterates over batches of the dataset, made in
    num_workers worker processes (0: in the main process).

    dataset, batch_size=1, shuffle=False, sampler=None, batch_sampler=None, num_workers=0,
    collate_fn=default_collate, pin_memory=False, drop_last=False, timeout=0 (seconds to
    wait for a batch from the workers; 0: no limit), worker_init_fn=None (called with the
    worker id in each worker after seeding)."""

    def __init__(self, dataset, batch_size=1, shuffle=False, sampler=None, batch_sampler=None,
                 num_workers=0, collate_fn=default_collate, pin_memory=False, drop_last=False,
                 timeout=0, worker_init_fn=None):
        if not isinstance(num_workers, int) or num_workers < 0:
            raise ValueError(f"num_workers must be a non-negative integer, got {num_workers!r}")
        if timeout < 0:
            raise ValueError(f"timeout must be non-negative, got {timeout!r}")
        if batch_sampler is not None:
            if batch_size > 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler is mutually exclusive with batch_size, "
                                 "shuffle, sampler and drop_last")
        elif sampler is not None and shuffle:
            raise ValueError("sampler is mutually exclusive with shuffle")
        if pin_memory and not cuda.is_available():
            warnings.warn("DataLoader: pin_memory=True has no effect, ptorch was built without "
                          "CUDA (batches stay in ordinary memory)", stacklevel=2)
        if batch_sampler is None:
            if sampler is None:
                sampler = RandomSampler(dataset) if shuffle else SequentialSampler(dataset)
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        self.dataset = dataset
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.collate_fn = collate_fn
        self.pin_memory = pin_memory
        self.drop_last = drop_last
        self.timeout = timeout
        self.worker_init_fn = worker_init_fn
        self.sampler = sampler
        self.batch_sampler = batch_sampler

    def __iter__(self):
        return DataLoaderIter(self)

    def __len__(self):
        return len(self.batch_sampler)
