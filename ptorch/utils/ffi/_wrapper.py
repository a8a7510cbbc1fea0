"""The Python face of a built extension: each C function is wrapped so that it takes ptorch
tensors and storages for its `TH<Type>Tensor *` / `TH<Type>Storage *` arguments, checks their
types, and turns the error that TH (or the user's code) recorded into a Python exception."""
import numbers

from ... import _C, _types

# The real types TH is compiled for, and the CUDA spellings of 0.2 (THCudaTensor is Float).
REALS = [info[0] for info in _types.TYPE_INFO]
CUDA_NAMES = {real: ("Cuda" if real == "Float" else "Cuda" + real) for real in REALS}

_FLOAT_CNAMES = {"float", "double", "long double"}
_NON_INTEGER_CNAMES = _FLOAT_CNAMES | {"char", "wchar_t", "char16_t", "char32_t", "_Bool"}

# id(ffi) -> (ffi, {pointer ctype: (real, "Tensor" | "Storage", is_cuda)}); keeps ffi alive,
# as the extension module that owns it does anyway.
_POINTER_TABLES = {}


def _pointer_table(ffi):
    entry = _POINTER_TABLES.get(id(ffi))
    if entry is not None and entry[0] is ffi:
        return entry[1]
    table = {}
    for real in REALS:
        for kind in ("Tensor", "Storage"):
            for cuda, cname in ((False, f"TH{real}{kind}"), (True, f"TH{CUDA_NAMES[real]}{kind}")):
                try:
                    table[ffi.typeof(cname + " *")] = (real, kind, cuda)
                except Exception:  # noqa: BLE001 - a CUDA type the extension does not declare
                    pass
    _POINTER_TABLES[id(ffi)] = (ffi, table)
    return table


def _typename(obj):
    if isinstance(obj, (_C._CTensor, _C._CStorage)):
        return f"ptorch.{obj._real}{'Tensor' if isinstance(obj, _C._CTensor) else 'Storage'}"
    cls = type(obj)
    module = getattr(cls, "__module__", "") or ""
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _describe_arg(fname, pos, argname):
    return f"{fname}(): argument {pos}" + (f" '{argname}'" if argname else "")


def _tensor_converter(ffi, ctype, real, kind, cuda, where):
    base = _C._CTensor if kind == "Tensor" else _C._CStorage
    expected = f"ptorch.{'cuda.' if cuda else ''}{real}{kind}"
    cname = f"TH{CUDA_NAMES[real] if cuda else real}{kind} *"

    def convert(arg):
        if not cuda and isinstance(arg, base) and arg._real == real:
            # The caller's argument tuple keeps the Python object (and so the THTensor)
            # alive until the call returns.
            return ffi.cast(ctype, arg._cdata)
        if cuda and hasattr(arg, "_cdata") and _typename_of_typed(arg) == expected:
            return ffi.cast(ctype, arg._cdata)
        if arg is None:
            return ffi.NULL
        if isinstance(arg, ffi.CData) and ffi.typeof(arg) == ctype:
            return arg
        hint = ""
        if isinstance(getattr(arg, "data", None), (_C._CTensor, _C._CStorage)):
            hint = " (to pass a Variable, pass its .data)"
        raise TypeError(f"{where} must be {expected} (the C function takes {cname}), "
                        f"but got {_typename(arg)}{hint}")
    return convert


def _typename_of_typed(obj):
    try:
        return obj.type()
    except Exception:  # noqa: BLE001 - any object: only a matching type() string counts
        return None


def _number_converter(ctype, where):
    cname = ctype.cname
    if cname in _FLOAT_CNAMES:
        def convert(arg):
            if isinstance(arg, numbers.Real):
                return float(arg)
            raise TypeError(f"{where} must be a number (C type {cname}), "
                            f"but got {_typename(arg)}")
        return convert
    if cname in _NON_INTEGER_CNAMES:
        return None  # cffi's own conversion (bytes of length 1 for char, ...)

    def convert(arg):
        if isinstance(arg, numbers.Integral):
            return int(arg)
        raise TypeError(f"{where} must be an integer (C type {cname}), "
                        f"but got {_typename(arg)}")
    return convert


def _converters(ffi, fname, ctype, arg_names):
    table = _pointer_table(ffi)
    if arg_names is not None and len(arg_names) != len(ctype.args):
        arg_names = None
    convs = []
    for i, arg_type in enumerate(ctype.args):
        where = _describe_arg(fname, i + 1, arg_names[i] if arg_names else None)
        conv = None
        if arg_type in table:
            real, kind, cuda = table[arg_type]
            conv = _tensor_converter(ffi, arg_type, real, kind, cuda, where)
        elif arg_type.kind == "primitive":
            conv = _number_converter(arg_type, where)
        convs.append(conv)
    return convs


def _reraise(fname, err):
    """The same exception class, with the function's name in front of the message (unless
    the message already starts with it)."""
    msg = str(err)
    if msg.startswith(fname):
        raise err from None
    try:
        new = type(err)(f"{fname}(): {msg}")
    except Exception:  # noqa: BLE001 - an exception class with another constructor
        raise err from None
    raise new from None


def _signature(fname, ctype, arg_names):
    """'int f(THFloatTensor *out, long n)' from the function's ctype and argument names."""
    if arg_names is None or len(arg_names) != len(ctype.args):
        arg_names = [None] * len(ctype.args)
    args = []
    for arg_type, name in zip(ctype.args, arg_names):
        cname = arg_type.cname.replace("struct ", "")
        args.append(cname if not name else
                    (cname + name if cname.endswith("*") else f"{cname} {name}"))
    if ctype.ellipsis:
        args.append("...")
    result = ctype.result.cname.replace("struct ", "")
    sep = "" if result.endswith("*") else " "
    return f"{result}{sep}{fname}({', '.join(args) or 'void'})"


def _wrap_function(function, ffi, name=None, arg_names=None):
    """Wraps a C function of a built extension. `arg_names` (from the header) name the
    arguments in error messages."""
    fname = name or getattr(function, "__name__", "function")
    ctype = ffi.typeof(function)
    convs = _converters(ffi, fname, ctype, arg_names)
    nargs = len(convs)
    variadic = ctype.ellipsis
    check_error = _C._check_error_record
    clear_error = _C._clear_error_record

    def safe_call(*args):
        if len(args) != nargs and not (variadic and len(args) > nargs):
            raise TypeError(f"{fname}() takes {'at least ' if variadic else ''}{nargs} "
                            f"argument{'s' if nargs != 1 else ''} ({len(args)} given)")
        cargs = [conv(a) if conv is not None else a for conv, a in zip(convs, args)]
        cargs.extend(args[nargs:])
        clear_error()  # a stale record must not be blamed on this call
        try:
            result = function(*cargs)
        except (TypeError, OverflowError, ValueError) as err:  # cffi's argument conversion
            _reraise(fname, err)
        try:
            check_error()
        except Exception as err:  # noqa: BLE001 - the class comes from the error record
            _reraise(fname, err)
        return result

    safe_call.__name__ = fname
    safe_call.__qualname__ = fname
    safe_call.__doc__ = (f"{_signature(fname, ctype, arg_names)}\n\nThe C function, taking "
                         f"ptorch tensors and storages for its TH pointer arguments "
                         f"(wrapped by ptorch.utils.ffi).")
    safe_call.__wrapped_cfunction__ = function
    return safe_call
