"""The Python side of the tensor and storage classes: everything that is not a thin call
into lib/TH (type conversion by name, printing, indexing, iteration, pickling)."""
import numpy as np

from . import _C, _types
from ._ops import TENSOR_MIXINS
from ._size import Size


class _TensorBase(*TENSOR_MIXINS):
    __slots__ = ()
    is_cuda = False
    is_sparse = False

    # ---- types ----

    def type(self, t=None, non_blocking=False, **kwargs):
        """Without an argument, the type name ('ptorch.FloatTensor'); with a type or name,
        a converted copy (self when the type is already right)."""
        if t is None:
            return "ptorch." + type(self).__name__
        cls = _types.tensor_class(t)
        if cls is type(self):
            return self
        return self._convert(_types.REALS.index(cls._real))

    def type_as(self, other):
        return self.type(type(other))

    def byte(self):
        return self.type(ByteTensor)

    def char(self):
        return self.type(CharTensor)

    def short(self):
        return self.type(ShortTensor)

    def int(self):
        return self.type(IntTensor)

    def long(self):
        return self.type(LongTensor)

    def float(self):
        return self.type(FloatTensor)

    def double(self):
        return self.type(DoubleTensor)

    def half(self):
        return self.type(HalfTensor)

    def cpu(self):
        return self

    def cuda(self, device=None, non_blocking=False, **kwargs):
        from . import cuda
        return cuda._to_cuda(self, device)

    def get_device(self):
        return -1

    def pin_memory(self):
        """A copy in page-locked memory, for fast copies to a GPU: CUDA only."""
        from . import cuda
        cuda._lazy_init()

    def is_pinned(self):
        """Whether the data are in page-locked memory: never without CUDA."""
        return False

    @classmethod
    def storage_type(cls):
        return _types.storage_classes[cls._real]

    @classmethod
    def is_signed(cls):
        return cls._real not in ("Byte",)

    def new(self, *args):
        """A new tensor of the same type (empty, of given sizes, or from data)."""
        return type(self)(*args)

    def view_as(self, other):
        return self.view(other.size())

    def expand_as(self, other):
        return self.expand(other.size())

    # ---- Python protocols ----

    def __repr__(self):
        from ._tensor_str import tensor_str
        return tensor_str(self)

    __str__ = __repr__

    def __getitem__(self, key):
        from ._indexing import getitem
        return getitem(self, key)

    def __setitem__(self, key, value):
        from ._indexing import setitem
        setitem(self, key, value)

    def __iter__(self):
        if self.dim() == 0:
            return iter(())
        if self.dim() == 1:
            return iter(self.tolist())
        return (self.select(0, i) for i in range(self.size(0)))

    def _item(self, what):
        if self.numel() != 1:
            raise RuntimeError(f"{what} of a tensor is only defined for one element, but this "
                               f"tensor has {self.numel()} (size {tuple(self.size())})")
        return self._get((0,) * self.dim())

    def __bool__(self):
        if self.numel() == 0:
            return False
        return bool(self._item("the truth value"))

    def __float__(self):
        return float(self._item("float()"))

    def __int__(self):
        return int(self._item("int()"))

    def __index__(self):
        if self._real in _types.FLOAT_REALS:
            raise TypeError("only integer tensors of a single element can be used as an index")
        return int(self._item("an index"))

    def __array__(self, dtype=None, copy=None):
        arr = self.numpy()
        return arr if dtype is None else arr.astype(dtype)

    def __hash__(self):
        return id(self)

    def __deepcopy__(self, memo):
        return self.clone()

    def __reduce_ex__(self, protocol):
        # A copy of the values (shared memory goes through ptorch.multiprocessing).
        return (_rebuild_tensor, (self._real, np.ascontiguousarray(self.numpy()), self.dim()))

    def __dir__(self):
        return sorted(set(dir(type(self))))


def _rebuild_tensor(real, array, ndim):
    cls = _types.tensor_classes[real]
    if ndim == 0:
        return cls()
    return cls(array) if array.size else cls(*array.shape)


class _StorageBase:
    __slots__ = ()
    is_cuda = False
    is_sparse = False

    def type(self, t=None, **kwargs):
        if t is None:
            return "ptorch." + type(self).__name__
        cls = _types.storage_class(t)
        if cls is type(self):
            return self
        return cls(self.size()).copy_(self)

    def byte(self):
        return self.type(ByteStorage)

    def char(self):
        return self.type(CharStorage)

    def short(self):
        return self.type(ShortStorage)

    def int(self):
        return self.type(IntStorage)

    def long(self):
        return self.type(LongStorage)

    def float(self):
        return self.type(FloatStorage)

    def double(self):
        return self.type(DoubleStorage)

    def half(self):
        return self.type(HalfStorage)

    def cpu(self):
        return self

    def cuda(self, device=None, non_blocking=False, **kwargs):
        from . import cuda
        return cuda._to_cuda(self, device)

    def pin_memory(self):
        from . import cuda
        cuda._lazy_init()

    def is_pinned(self):
        return False

    @classmethod
    def from_buffer(cls, buffer, byte_order="native", count=-1, offset=0):
        """A new storage holding a copy of `count` elements (all that follow when -1) read
        from a bytes-like object from byte `offset` on, stored in `byte_order` ('native',
        'little' or 'big')."""
        if byte_order not in _BYTE_ORDERS:
            raise ValueError(f"from_buffer: byte_order must be one of {sorted(_BYTE_ORDERS)}, "
                             f"got {byte_order!r}")
        view = memoryview(buffer).cast("B")
        dtype = np.dtype(_types.TYPE_INFO[_types.REALS.index(cls._real)][2])
        if not 0 <= offset <= view.nbytes:
            raise ValueError(f"from_buffer: offset must be in [0, {view.nbytes}] (the buffer's "
                             f"length in bytes), got {offset}")
        available = (view.nbytes - offset) // dtype.itemsize
        if count == -1:
            if (view.nbytes - offset) % dtype.itemsize:
                raise ValueError(f"from_buffer: the {view.nbytes - offset} bytes after offset "
                                 f"{offset} are not a whole number of {dtype.itemsize}-byte "
                                 f"{cls._real} elements")
            count = available
        elif not 0 <= count <= available:
            raise ValueError(f"from_buffer: the buffer holds {available} {cls._real} elements "
                             f"after offset {offset}, but count is {count}")
        array = np.frombuffer(view, dtype=dtype.newbyteorder(_BYTE_ORDERS[byte_order]),
                              count=count, offset=offset)
        return cls._from_array(array.astype(dtype)) if count else cls()

    def clone(self):
        return type(self)(self.size()).copy_(self)

    def new(self, *args):
        return type(self)(*args)

    def __iter__(self):
        return iter(self.tolist())

    def __repr__(self):
        from ._tensor_str import storage_str
        return storage_str(self)

    __str__ = __repr__

    def __hash__(self):
        return id(self)

    def __deepcopy__(self, memo):
        return self.clone()

    def __reduce_ex__(self, protocol):
        return (_rebuild_storage, (self._real, np.array(memoryview(self), copy=True)))


_BYTE_ORDERS = {"native": "=", "little": "<", "big": ">"}


def _rebuild_storage(real, array):
    cls = _types.storage_classes[real]
    if array.size == 0:
        return cls()
    return cls._from_array(array)


def _make_classes():
    tensors, storages = {}, {}
    for real, _, _, _ in _types.TYPE_INFO:
        tbase = getattr(_C, real + "TensorBase")
        sbase = getattr(_C, real + "StorageBase")
        tensors[real] = type(real + "Tensor", (tbase, _TensorBase),
                             {"__slots__": (), "_real": real, "__module__": "ptorch"})
        storages[real] = type(real + "Storage", (sbase, _StorageBase),
                              {"__slots__": (), "_real": real, "__module__": "ptorch"})
    _C._register_classes(tensors, storages)
    _C._set_size_class(Size)
    _types.tensor_classes.update(tensors)
    _types.storage_classes.update(storages)
    return tensors, storages


_tensors, _storages = _make_classes()
ByteTensor, CharTensor, ShortTensor, IntTensor, LongTensor, FloatTensor, DoubleTensor, \
    HalfTensor = (_tensors[r] for r in _types.REALS)
ByteStorage, CharStorage, ShortStorage, IntStorage, LongStorage, FloatStorage, DoubleStorage, \
    HalfStorage = (_storages[r] for r in _types.REALS)


def _storage_from_array(cls, array):
    """A storage holding a copy of a 1-d NumPy array's values."""
    storage = cls(int(array.size))
    np.frombuffer(memoryview(storage), dtype=array.dtype)[:] = array.ravel()
    return storage


for _cls in _storages.values():
    _cls._from_array = classmethod(_storage_from_array)
