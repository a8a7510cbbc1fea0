# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""ptorch._C: the binding of lib/TH. Thin by design: parse arguments, call C, check the
error record, wrap the result. The per-type classes come from binding/*.pxi.in through
tools/gen_binding.py (written into _C_generated.pxi at build time)."""
cimport cython
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.buffer cimport PyBUF_WRITABLE, PyBUF_FORMAT
from libc.stdint cimport uintptr_t, uint64_t
from libc.stddef cimport ptrdiff_t
from libc.string cimport memcpy

import warnings

import numpy as np
cimport numpy as cnp

from ._TH cimport *

cnp.import_array()

cdef enum:
    MAX_DIM = 32
cdef enum:
    TH_STORAGE_RESIZABLE_FLAG = 2

# ---- errors: one table from the C error kind to the Python exception class ----

_ERROR_CLASSES = {
    TH_ERR_RUNTIME: RuntimeError,
    TH_ERR_TYPE: TypeError,
    TH_ERR_VALUE: ValueError,
    TH_ERR_INDEX: IndexError,
    TH_ERR_MEMORY: MemoryError,
}


cdef int _raise_error() except -1:
    THWarning_take()  # a warning recorded before the failure belongs to the failed call
    kind = THError_kind()
    msg = THError_message().decode("utf-8", "replace")
    THError_clear()
    raise _ERROR_CLASSES.get(kind, RuntimeError)(msg or "unknown error in lib/TH")


cdef int _warn_recorded() except -1:
    cdef const char *msg = THWarning_take()
    if msg != NULL:
        warnings.warn(msg.decode("utf-8", "replace"), UserWarning, stacklevel=1)
    return 0


cdef inline int _chk(int rc) except -1:
    if rc < 0:
        _raise_error()
    if THBackcompat_broadcastWarn:
        _warn_recorded()
    return 0


# ptorch.utils.backcompat's switches: the broadcast one lives in lib/TH, which checks it.
cdef bint _keepdim_warn = False


def _set_backcompat_broadcast_warn(bint on):
    THBackcompat_setBroadcastWarn(on)


def _get_backcompat_broadcast_warn():
    return bool(THBackcompat_broadcastWarn)


def _set_backcompat_keepdim_warn(bint on):
    global _keepdim_warn
    _keepdim_warn = on


def _get_backcompat_keepdim_warn():
    return _keepdim_warn


cdef int _keepdim(object keepdim, object self, object dim, str op) except -1:
    """keepdim as an int; None means not given (False), which the keepdim switch reports
    when the reduction along dim removes a dimension that versions before 0.2 kept."""
    if keepdim is not None:
        return 1 if keepdim else 0
    if _keepdim_warn and dim is not None and self.dim() > 1:
        warnings.warn(f"{op}: keepdim was not given, so the reduced dimension is removed "
                      f"(keepdim=False, the default since 0.2; before 0.2 it was kept); pass "
                      f"keepdim explicitly", UserWarning, stacklevel=1)
    return 0


cdef inline void *_chkp(void *p) except NULL:
    if p == NULL:
        _raise_error()
    return p


def _check_error_record():
    """Raises the error recorded by TH in this thread, if any (used by utils.ffi)."""
    if THError_kind() != TH_ERR_NONE:
        _raise_error()


def _clear_error_record():
    THError_clear()


# ---- argument helpers ----

cdef inline int _wrap_dim(long dim, int ndim, bint plus_one=False) except? -100:
    cdef int n = ndim + 1 if plus_one else ndim
    if n <= 0:
        n = 1
    if dim < -n or dim >= n:
        raise IndexError(
            f"dimension out of range (expected to be in range of [{-n}, {n - 1}], but got {dim})")
    return <int>(dim + n if dim < 0 else dim)


cdef int _parse_sizes(tuple args, long *out, str what) except -1:
    """Sizes given as ints, one sequence of ints, a Size or a LongStorage."""
    cdef Py_ssize_t i, n
    seq = args
    if len(args) == 1 and not isinstance(args[0], int):
        seq = args[0]
        if isinstance(seq, _CStorage):
            seq = seq.tolist()
        elif not isinstance(seq, (tuple, list)):
            if hasattr(seq, "__index__"):
                seq = (seq,)
            else:
                raise TypeError(f"{what}: sizes must be ints or a sequence of ints, "
                                f"got {type(seq).__name__}")
    n = len(seq)
    if n > MAX_DIM:
        raise ValueError(f"{what}: a tensor has at most {MAX_DIM} dimensions, got {n}")
    for i in range(n):
        v = seq[i]
        if not isinstance(v, int):
            if hasattr(v, "__index__"):
                v = v.__index__()
            else:
                raise TypeError(f"{what}: sizes must be ints, got {type(v).__name__} "
                                f"at position {i}")
        if v < -0x7FFFFFFFFFFFFFFF or v > 0x7FFFFFFFFFFFFFFF:
            raise RuntimeError(f"{what}: size {v} at position {i} is out of the range of a "
                               f"64-bit integer")
        out[i] = v
    return <int>n


cdef long long _py_to_long_slow(object v) except? -1:
    try:
        v = int(v)
    except OverflowError:
        raise RuntimeError(f"value {v!r} cannot be converted to an integer") from None
    if v < -0x8000000000000000 or v > 0x7FFFFFFFFFFFFFFF:
        raise RuntimeError(f"value {v} is out of the range of a 64-bit integer")
    return v


cdef inline long long _py_to_long(object v) except? -1:
    if type(v) is int and -0x8000000000000000 <= v <= 0x7FFFFFFFFFFFFFFF:
        return v
    return _py_to_long_slow(v)


_size_class = tuple


def _set_size_class(cls):
    global _size_class
    _size_class = cls


cdef inline object _make_size(int n, const long *sizes):
    return _size_class([sizes[i] for i in range(n)])


# ---- memory owned by Python objects (NumPy arrays) ----

cdef void _release_pyobject(void *owner) noexcept with gil:
    Py_XDECREF(<PyObject *>owner)


cdef THForeignContext *_foreign_context(object owner) except NULL:
    cdef THForeignContext *ctx = THForeignContext_new(_release_pyobject, <void *>owner)
    if ctx == NULL:
        _raise_error()
    Py_INCREF(owner)
    return ctx


# ---- common bases ----

cdef class _CStorage:
    """Base of every storage class: one THStorage pointer and its type code."""
    cdef void *cdata
    cdef int tcode
    cdef object __weakref__
    cdef Py_ssize_t _shape[1]
    cdef Py_ssize_t _strides[1]


cdef class _CTensor:
    """Base of every tensor class: one THTensor pointer and its type code."""
    cdef void *cdata
    cdef int tcode
    cdef object __weakref__


cdef class _PinnedBuffer:
    """A storage's memory for NumPy: pinned (not resizable) while this object lives, which
    is as long as any array made on it (NumPy keeps it as the array's base)."""
    cdef object storage
    cdef void *buf
    cdef Py_ssize_t nbytes
    cdef Py_ssize_t itemsize
    cdef bytes fmt
    cdef Py_ssize_t _shape[1]
    cdef Py_ssize_t _strides[1]

    def __dealloc__(self):
        if self.storage is not None:
            self.storage._unpin()

    def __getbuffer__(self, Py_buffer *buffer, int flags):
        self._shape[0] = self.nbytes // self.itemsize
        self._strides[0] = self.itemsize
        buffer.buf = self.buf
        buffer.obj = self
        buffer.len = self.nbytes
        buffer.readonly = 0
        buffer.itemsize = self.itemsize
        buffer.format = NULL
        if flags & PyBUF_FORMAT:
            buffer.format = self.fmt
        buffer.ndim = 1
        buffer.shape = self._shape
        buffer.strides = self._strides
        buffer.suboffsets = NULL
        buffer.internal = NULL

    def __releasebuffer__(self, Py_buffer *buffer):
        pass


# ---- the random generator ----

cdef class Generator:
    """A Mersenne-Twister random number generator (torch.Generator)."""
    cdef THGenerator *gen

    def __cinit__(self):
        self.gen = <THGenerator *>_chkp(THGenerator_new())

    def __dealloc__(self):
        if self.gen != NULL:
            THGenerator_free(self.gen)

    def manual_seed(self, seed):
        THRandom_manualSeed(self.gen, <uint64_t>(int(seed) & 0xFFFFFFFFFFFFFFFF))
        return self

    def seed(self):
        return THRandom_seed(self.gen)

    def initial_seed(self):
        return THRandom_initialSeed(self.gen)

    def get_state(self):
        cdef size_t n = THGenerator_stateSize()
        buf = bytearray(n)
        cdef unsigned char[:] view = buf
        THGenerator_getState(self.gen, &view[0])
        return bytes(buf)

    def set_state(self, state):
        cdef const unsigned char[:] view = bytes(state)
        if view.shape[0] == 0:
            raise ValueError("invalid RNG state: empty")
        _chk(THGenerator_setState(self.gen, &view[0], <size_t>view.shape[0]))
        return self

    def random(self):
        """A uniform 32-bit integer."""
        return THRandom_random(self.gen)

    def uniform(self):
        """A uniform double on [0, 1)."""
        return THRandom_standardUniform(self.gen)

    def normal(self, double mean=0.0, double std=1.0):
        return THRandom_normal(self.gen, mean, std)

    @property
    def _cdata(self):
        return <uintptr_t>self.gen


default_generator = Generator()


cdef inline THGenerator *_gen_of(object generator) except NULL:
    if generator is None:
        return (<Generator>default_generator).gen
    if not isinstance(generator, Generator):
        raise TypeError(f"expected a ptorch.Generator, got {type(generator).__name__}")
    return (<Generator>generator).gen


# ---- threads ----

def set_num_threads(int n):
    if n < 1:
        raise ValueError(f"set_num_threads: expected a positive number of threads, got {n}")
    THSetNumThreads(n)


def get_num_threads():
    return THGetNumThreads()


def _blas_thread_stats():
    """(runner installed, job sets run on an OpenMP team, job sets run on fresh threads):
    how OpenBLAS's parallel work reached TH's threads so far."""
    cdef int installed
    cdef long team, fresh
    THBlasThreadStats(&installed, &team, &fresh)
    return bool(installed), team, fresh


def _allocator_cached_bytes():
    """Bytes of freed large blocks the default allocator keeps for reuse."""
    return THAllocator_cachedBytes()


def _empty_allocator_cache():
    THAllocator_emptyCache()


# ---- shared memory and mapped files ----

MAP_SHARED = TH_MAP_SHARED
MAP_SHM = TH_MAP_SHM
MAP_CREATE = TH_MAP_CREATE
MAP_UNLINK_ON_FREE = TH_MAP_UNLINK_ON_FREE
MAP_KEEP_FD = TH_MAP_KEEP_FD


include "_C_generated.pxi"
