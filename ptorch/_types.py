"""The tensor and storage types: their names, type codes and NumPy dtypes, and the lookup
of a type from any of its spellings ('ptorch.FloatTensor', 'torch.FloatTensor', a class)."""
import numpy as np

# (Real, type code, NumPy dtype, conversion method name), in type-code order.
TYPE_INFO = [
    ("Byte", 0, np.uint8, "byte"),
    ("Char", 1, np.int8, "char"),
    ("Short", 2, np.int16, "short"),
    ("Int", 3, np.int32, "int"),
    ("Long", 4, np.int64, "long"),
    ("Float", 5, np.float32, "float"),
    ("Double", 6, np.float64, "double"),
    ("Half", 7, np.float16, "half"),
]

REALS = [info[0] for info in TYPE_INFO]
FLOAT_REALS = ("Float", "Double", "Half")

# Filled by ptorch.tensor once the classes exist.
tensor_classes = {}   # Real -> class
storage_classes = {}  # Real -> class


def _parse_name(name):
    """'ptorch.FloatTensor' / 'torch.FloatTensor' / 'FloatTensor' -> ('Float', 'Tensor')."""
    base = name.rsplit(".", 1)[-1]
    prefix = name[: len(name) - len(base)].rstrip(".")
    if prefix not in ("", "ptorch", "torch"):
        if prefix in ("ptorch.cuda", "torch.cuda"):
            raise TypeError(f"type {name!r} needs CUDA, which this ptorch was built without")
        raise TypeError(f"unknown type name {name!r}")
    for kind in ("Tensor", "Storage"):
        if base.endswith(kind) and base[: -len(kind)] in REALS:
            return base[: -len(kind)], kind
    raise TypeError(f"unknown type name {name!r}; expected e.g. 'ptorch.FloatTensor'")


def tensor_class(spec):
    """The tensor class for a name, a tensor class or a tensor."""
    if isinstance(spec, str):
        real, kind = _parse_name(spec)
        if kind != "Tensor":
            raise TypeError(f"{spec!r} names a storage type, not a tensor type")
        return tensor_classes[real]
    if isinstance(spec, type) and spec in tensor_classes.values():
        return spec
    if type(spec) in tensor_classes.values():
        return type(spec)
    raise TypeError(f"expected a tensor type name or class, got {spec!r}")


def storage_class(spec):
    if isinstance(spec, str):
        real, kind = _parse_name(spec)
        if kind != "Storage":
            raise TypeError(f"{spec!r} names a tensor type, not a storage type")
        return storage_classes[real]
    if isinstance(spec, type) and spec in storage_classes.values():
        return spec
    raise TypeError(f"expected a storage type name or class, got {spec!r}")


def dtype_to_real(dtype):
    dtype = np.dtype(dtype)
    for real, _, np_dtype, _ in TYPE_INFO:
        if dtype == np_dtype:
            return real
    raise TypeError(f"no ptorch tensor type holds NumPy dtype {dtype}")
