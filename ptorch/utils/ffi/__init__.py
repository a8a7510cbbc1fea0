"""ptorch.utils.ffi: C extensions that work on ptorch tensors, built with cffi against the TH
headers and library installed inside the ptorch package.

    ffi = create_extension('_ext.my_lib', headers=['src/my_lib.h'], sources=['src/my_lib.c'],
                           relative_to=__file__)
    ffi.build()                       # compiles; then `from _ext import my_lib`
    my_lib.my_lib_add(out, a, b)      # ptorch tensors in; a TH error comes out as an exception
"""
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile

from ._headers import arg_names_from_headers, cdef_text_from_header
from ._wrapper import CUDA_NAMES, REALS, _wrap_function

__all__ = ["create_extension"]


def _package_dirs():
    """(lib, include) folders of the installed ptorch package: where libTH and its headers
    live. Found from the imported package, never from a source tree."""
    import ptorch
    lib_dir = os.path.join(os.path.dirname(os.path.abspath(ptorch.__file__)), "lib")
    return lib_dir, os.path.join(lib_dir, "include")


def _has_library(lib_dir, name):
    if not os.path.isdir(lib_dir):
        return False
    prefix = "lib" + name + "."
    return any(f.startswith(prefix) and (".so" in f or f.endswith((".dylib", ".a")))
               for f in os.listdir(lib_dir))


def _cuda_installed(lib_dir, include_dir):
    """Whether this ptorch was built with CUDA: its THC headers and library are installed."""
    return (os.path.isfile(os.path.join(include_dir, "THC", "THC.h"))
            and _has_library(lib_dir, "THC"))


def _typedefs(with_cuda):
    lines = [f"typedef struct TH{real}{kind} TH{real}{kind};"
             for real in REALS for kind in ("Tensor", "Storage")]
    if with_cuda:
        lines.append("typedef struct THCState THCState;")
        lines += [f"typedef struct TH{CUDA_NAMES[real]}{kind} TH{CUDA_NAMES[real]}{kind};"
                  for real in REALS for kind in ("Tensor", "Storage")]
    return "\n".join(lines) + "\n"


def _check_name(name):
    if not isinstance(name, str):
        raise TypeError(f"create_extension(): name must be a str such as '_ext.my_lib', "
                        f"got {type(name).__name__}")
    parts = name.split(".")
    if not all(p.isidentifier() for p in parts):
        raise ValueError(f"create_extension(): name {name!r} is not a dotted Python module "
                         f"name such as '_ext.my_lib'")
    return parts


def _base_dir(relative_to):
    """The folder paths are relative to: relative_to is the build script (__file__) as in
    0.2, or a folder."""
    if not isinstance(relative_to, (str, os.PathLike)):
        raise TypeError(f"create_extension(): relative_to must be a path (usually __file__), "
                        f"got {type(relative_to).__name__}")
    path = os.path.abspath(os.fspath(relative_to))
    return path if os.path.isdir(path) else os.path.dirname(path)


def _file_list(what, files, base):
    """Absolute paths of the header or source files, each checked to exist."""
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    try:
        files = list(files)
    except TypeError:
        raise TypeError(f"create_extension(): {what} must be a list of paths, "
                        f"got {type(files).__name__}") from None
    paths = []
    for f in files:
        if not isinstance(f, (str, os.PathLike)):
            raise TypeError(f"create_extension(): {what} must be paths, got {f!r}")
        path = os.path.normpath(os.path.join(base, os.fspath(f)))
        if not os.path.isfile(path):
            raise FileNotFoundError(f"create_extension(): {what[:-1]} file {os.fspath(f)!r} "
                                    f"not found (looked for {path})")
        if '"' in path or "\n" in path:
            raise ValueError(f"create_extension(): cannot #include a path containing a quote "
                             f"or a newline: {path!r}")
        paths.append(path)
    return paths


def _merge_options(kwargs, base, include_dirs, lib_dir, libraries, macros):
    """set_source keyword arguments: ours first, then the user's (relative folders are taken
    from the base folder: cffi compiles in a temporary folder)."""
    opts = dict(kwargs)

    def absolute(key):
        if key in opts:
            opts[key] = [os.path.join(base, d) for d in opts[key]]

    absolute("include_dirs")
    absolute("library_dirs")
    ours = {
        "include_dirs": include_dirs,
        "library_dirs": [lib_dir],
        "libraries": libraries,
        "extra_compile_args": ["-std=c99"],
        "extra_link_args": ["-Wl,-rpath," + lib_dir],
        "define_macros": macros,
    }
    for key, values in ours.items():
        opts[key] = list(values) + list(opts.get(key) or [])
    return opts


def create_extension(name, headers, sources, verbose=True, with_cuda=False, package=False,
                     relative_to=".", **kwargs):
    """Describes a C extension built with cffi against ptorch's TH library.

    name: the dotted module name of the result ('_ext.my_lib' -> folder _ext/my_lib/).
    headers: the header(s) declaring the functions to expose (they are read by cffi, so
      they hold plain C declarations; TH<Type>Tensor / TH<Type>Storage are known types).
    sources: the C files to compile (C99), which may `#include <TH/TH.h>` and call TH.
    verbose: show the compiler's commands and output.
    with_cuda: also use the THC headers and library (only if ptorch was built with CUDA).
    package: give the cffi module its full dotted name, for building inside a user's
      package (setup.py `cffi_modules=['build.py:ffi']`); `.build()` works either way.
    relative_to: the build script (pass __file__) or folder that paths are relative to.
    kwargs: passed to cffi's set_source (extra include_dirs, libraries, define_macros, ...).

    Returns a cffi.FFI object; call its `.build()` to compile. The built module wraps every
    function so that it takes ptorch tensors and storages and raises TH's errors.
    """
    try:
        import cffi
    except ImportError:
        raise ImportError("ptorch.utils.ffi needs cffi >= 1.4 (pip install cffi)") from None
    parts = _check_name(name)
    base = _base_dir(relative_to)
    header_paths = _file_list("headers", headers, base)
    source_paths = _file_list("sources", sources, base)
    lib_dir, include_dir = _package_dirs()
    if not (os.path.isfile(os.path.join(include_dir, "TH", "TH.h"))
            and _has_library(lib_dir, "TH")):
        raise RuntimeError(f"create_extension(): the TH headers and library are not installed "
                           f"in the ptorch package (looked in {lib_dir}); build ptorch first")
    include_dirs = [include_dir, os.path.join(include_dir, "TH")]
    libraries = ["TH"]
    macros = []
    prelude = "#include <TH/TH.h>\n"
    if with_cuda:
        if not _cuda_installed(lib_dir, include_dir):
            raise RuntimeError("create_extension(..., with_cuda=True): this ptorch was built "
                               "without CUDA (no THC headers or library in "
                               f"{lib_dir}); build ptorch with a CUDA toolkit or drop "
                               "with_cuda")
        include_dirs += [os.path.join(include_dir, "THC")] + _cuda_toolkit_includes()
        libraries.append("THC")
        macros.append(("WITH_CUDA", None))
        prelude += "#include <THC/THC.h>\n"

    header_texts = []
    for path in header_paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            header_texts.append(f.read())
    ffi = cffi.FFI()
    typedefs = _typedefs(with_cuda)
    ffi.cdef(typedefs)
    for path, text in zip(header_paths, header_texts):
        try:
            ffi.cdef(cdef_text_from_header(text))
        except cffi.CDefError as err:
            raise ValueError(f"create_extension(): cffi could not read the declarations in "
                             f"header {path}: {err}") from None

    leaf = "_" + parts[-1]
    module_name = ".".join(parts + [leaf]) if package else leaf
    source = prelude + "".join(f'#include "{path}"\n' for path in header_paths)
    opts = _merge_options(kwargs, base, include_dirs, lib_dir, libraries, macros)
    ffi.set_source(module_name, source, sources=source_paths, **opts)

    target_dir = os.path.join(base, *parts)
    arg_names = arg_names_from_headers(typedefs, header_texts)

    def build():
        """Compiles the extension into <relative_to folder>/<name as a path>/ (the compiled
        module and an __init__.py that wraps its functions). Raises RuntimeError with the
        compiler's output if compilation fails."""
        _build_extension(ffi, name, module_name, target_dir, arg_names, verbose)

    ffi.build = build
    return ffi


def _cuda_toolkit_includes():
    home = os.environ.get("CUDA_HOME") or os.environ.get("CUDA_PATH") or "/usr/local/cuda"
    path = os.path.join(home, "include")
    return [path] if os.path.isdir(path) else []


@contextlib.contextmanager
def _captured_output():
    """Collects what is written to stdout/stderr, by Python and by child processes (the
    compiler), into the list it yields (filled on exit)."""
    result = []
    py_buf = io.StringIO()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    saved = []
    with tempfile.TemporaryFile() as fd_buf:
        try:
            for fd in (1, 2):
                saved.append((fd, os.dup(fd)))
                os.dup2(fd_buf.fileno(), fd)
        except OSError:
            pass  # no such descriptor: only Python-level output is collected
        try:
            with contextlib.redirect_stdout(py_buf), contextlib.redirect_stderr(py_buf):
                yield result
        finally:
            for fd, copy in saved:
                os.dup2(copy, fd)
                os.close(copy)
            fd_buf.seek(0)
            result.append(py_buf.getvalue() + fd_buf.read().decode("utf-8", "replace"))


_INIT_TEMPLATE = '''"""C extension {name!r}, generated by ptorch.utils.ffi (do not edit)."""
from ptorch.utils.ffi import _wrap_function
from .{leaf} import ffi as _ffi, lib as _lib

# Argument names read from the headers, for error messages.
_ARG_NAMES = {arg_names!r}

__all__ = []
for _symbol in dir(_lib):
    _obj = getattr(_lib, _symbol)
    if callable(_obj):
        _obj = _wrap_function(_obj, _ffi, _symbol, _ARG_NAMES.get(_symbol))
    globals()[_symbol] = _obj
    __all__.append(_symbol)
del _symbol, _obj
'''


def _build_extension(ffi, name, module_name, target_dir, arg_names, verbose):
    with tempfile.TemporaryDirectory(prefix="ptorch_ffi_") as tmp:
        failure = None
        with _captured_output() as output:
            try:
                built = ffi.compile(tmpdir=tmp, verbose=verbose)
            except Exception as err:  # noqa: BLE001 - reported below with the compiler output
                failure = err
        text = re.sub(r"\n{3,}", "\n\n", output[0]).strip()
        if failure is not None:
            raise RuntimeError(f"building the ptorch extension {name!r} failed: "
                               f"{type(failure).__name__}: {failure}\n"
                               f"compiler output:\n{text or '(none)'}") from None
        if verbose and text:
            print(text)
        os.makedirs(target_dir, exist_ok=True)
        dest = os.path.join(target_dir, os.path.basename(built))
        shutil.copyfile(built, dest + ".tmp")
        os.chmod(dest + ".tmp", 0o755)
        os.replace(dest + ".tmp", dest)  # a new file: a module already loaded keeps its copy
    leaf = module_name.rsplit(".", 1)[-1]
    init = _INIT_TEMPLATE.format(name=name, leaf=leaf, arg_names=arg_names)
    init_path = os.path.join(target_dir, "__init__.py")
    with open(init_path + ".tmp", "w", encoding="utf-8") as f:
        f.write(init)
    os.replace(init_path + ".tmp", init_path)
    if verbose:
        print(f"built ptorch extension {name!r} in {target_dir}")
