"""ptorch.utils.ffi: C extensions built at test time from test/ffi/ with cffi against the
installed TH, called with tensors of several types and layouts, checked against NumPy; a
package-style build; every kind of bad input."""
import os
import shutil
import sys

import numpy as np
import pytest

import ptorch
from ptorch.utils.ffi import create_extension
from common import assert_close, make, raises

FFI_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ffi")
OPS_H = os.path.join(FFI_DIR, "src", "ffi_ops.h")
OPS_C = os.path.join(FFI_DIR, "src", "ffi_ops.c")
LAYOUTS = ["contiguous", "transposed", "strided"]


@pytest.fixture
def on_path():
    """Puts folders on sys.path for the test and forgets the modules imported from them."""
    added = []
    before = set(sys.modules)

    def add(folder):
        sys.path.insert(0, str(folder))
        added.append(str(folder))
    yield add
    for folder in added:
        sys.path.remove(folder)
    for name in set(sys.modules) - before:
        if name.startswith(("ffitest_", "ffipkg")):
            del sys.modules[name]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(folder, ffi): the test extension 'ffitest_ext.ops', built once for this module."""
    base = tmp_path_factory.mktemp("ffi_build")
    ffi = create_extension("ffitest_ext.ops", headers=[OPS_H], sources=[OPS_C], verbose=False,
                           relative_to=str(base / "build.py"),
                           define_macros=[("FFI_OPS_OFFSET", "42")])
    assert ffi.build() is None
    return base, ffi


@pytest.fixture
def ops(built, on_path):
    on_path(built[0])
    from ffitest_ext import ops
    return ops


# ---- the build ----

def test_build_writes_a_package_with_the_compiled_module(built):
    base, ffi = built
    target = base / "ffitest_ext" / "ops"
    files = sorted(os.listdir(target))
    assert "__init__.py" in files
    assert any(f.startswith("_ops.") and f.endswith(".so") for f in files)
    assert not any(f.endswith((".c", ".o")) for f in files)  # built in a temporary folder
    assert callable(ffi.build)


def test_links_against_the_installed_th(built):
    base, _ = built
    target = base / "ffitest_ext" / "ops"
    so = next(f for f in os.listdir(target) if f.endswith(".so"))
    data = (target / so).read_bytes()
    lib_dir = os.path.join(os.path.dirname(os.path.abspath(ptorch.__file__)), "lib")
    assert lib_dir.encode() in data  # the rpath names the package's lib folder
    assert b"libTH.so" in data


def test_exports_functions_and_constants(ops):
    assert {"ffi_arange", "ffi_add", "ffi_long_sum", "ffi_fail"} <= set(ops.__all__)
    assert ops.FFI_OPS_VERSION == 3
    assert ops.ffi_arange.__name__ == "ffi_arange"
    assert ops.ffi_arange.__doc__.startswith(
        "int ffi_arange(THFloatTensor *out, long n, float start, float step)")


def test_kwargs_reach_the_compiler_and_c99_is_used(ops):
    assert ops.ffi_offset() == 42
    assert ops.ffi_c_standard() == 199901


# ---- calling with tensors ----

def test_resize_and_fill_output(ops):
    out = ptorch.FloatTensor(2, 3).fill_(7)
    assert ops.ffi_arange(out, 5, 1.0, 0.5) == 0
    assert_close(out, np.arange(5, dtype=np.float32) * 0.5 + 1.0)
    ops.ffi_arange(out, np.int64(3), np.float32(-1), 2)  # NumPy scalars and ints as numbers
    assert_close(out, np.array([-1.0, 1.0, 3.0], dtype=np.float32))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_double_inputs_any_layout(ops, layout):
    a, an = make("Double", (3, 4), layout)
    b, bn = make("Double", (3, 4), layout)
    out = ptorch.DoubleTensor()
    assert ops.ffi_add(out, a, b, 0.5) == 0
    assert_close(out, an + 0.5 * bn)
    assert_close(a, an)  # inputs untouched


def test_output_may_be_an_input(ops):
    a, an = make("Double", (5,))
    b, bn = make("Double", (5,))
    ops.ffi_add(a, a, b, -2)
    assert_close(a, an - 2 * bn)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_long_and_byte_inputs(ops, layout):
    t, tn = make("Long", (4, 5), layout)
    assert ops.ffi_long_sum(t) == int(tn.sum())
    m, mn = make("Byte", (4, 5), layout, low=0, high=3)
    assert ops.ffi_count_nonzero(m) == int(np.count_nonzero(mn))


def test_temporaries_live_through_the_call(ops):
    assert ops.ffi_long_sum(ptorch.LongTensor([[1, 2], [3, 6]]).t()) == 12


@pytest.mark.parametrize("layout", LAYOUTS)
def test_float_copy_through_th(ops, layout):
    src, sn = make("Float", (2, 3, 4), layout)
    out = ptorch.FloatTensor(7)
    ops.ffi_scale(out, src, -3.0)
    assert_close(out, sn * np.float32(-3.0))


def test_sizes_and_strides_seen_from_c(ops):
    t = ptorch.FloatTensor(4, 6).transpose(0, 1)[::2]
    geo = ptorch.LongTensor()
    ops.ffi_geometry(geo, t)
    np.testing.assert_array_equal(geo.numpy(), np.array([t.size(), t.stride()]))


def test_storage_argument(ops):
    s = ptorch.DoubleStorage([1.5, 2.0, -4.0])
    assert ops.ffi_storage_sum(s) == pytest.approx(-0.5)
    assert ops.ffi_storage_sum(ptorch.DoubleTensor([[1, 2], [3, 4]]).storage()) == 10.0


def test_none_is_null(ops):
    with raises(ValueError, "ffi_count_nonzero: mask is NULL"):
        ops.ffi_count_nonzero(None)


def test_cdata_pointer_passes_through(ops):
    t = ptorch.LongTensor([4, 5])
    p = ops._ffi.cast("THLongTensor *", t._cdata)
    assert ops.ffi_long_sum(p) == 9


# ---- errors recorded in C ----

@pytest.mark.parametrize("kind, exc, fragment", [
    (1, RuntimeError, "runtime error 11"), (2, TypeError, "type error 11"),
    (3, ValueError, "bad value 11"), (4, IndexError, "index 11 out of range")])
def test_error_set_in_c_raises(ops, kind, exc, fragment):
    with raises(exc, fragment):
        ops.ffi_fail(kind, 11)
    ptorch._C._check_error_record()  # raising cleared the record


def test_error_from_th_inside_user_code(ops):
    t = ptorch.FloatTensor(2, 3).fill_(1)
    with raises(ValueError, r"ffi_resize_rows\(\): resize: negative size -4"):
        ops.ffi_resize_rows(t, -4)
    assert t.size() == (2, 3)  # TH left the tensor as it was
    ops.ffi_resize_rows(t, 4)
    assert t.size() == (4, 3)


def test_error_record_alone_raises(ops):
    with raises(RuntimeError, "recorded but not returned"):
        ops.ffi_fail_quietly()


def test_stale_record_is_cleared_before_a_call(ops):
    assert ops._lib.ffi_fail(3, 5) == -1  # unwrapped: the record stays set
    assert ops.ffi_long_sum(ptorch.LongTensor([1, 2])) == 3
    ptorch._C._check_error_record()


# ---- bad arguments ----

@pytest.mark.parametrize("real", ["Float", "Long", "Byte", "Int"])
def test_wrong_tensor_type(ops, real):
    a = ptorch.DoubleTensor(3).fill_(1)
    bad = getattr(ptorch, real + "Tensor")(3)
    with raises(TypeError, rf"ffi_add\(\): argument 3 'b' must be ptorch.DoubleTensor "
                           rf"\(the C function takes THDoubleTensor \*\), but got "
                           rf"ptorch.{real}Tensor"):
        ops.ffi_add(ptorch.DoubleTensor(), a, bad, 1.0)


@pytest.mark.parametrize("arg, got", [
    ([1.0, 2.0], "got list"), (np.zeros(3), "got numpy.ndarray"), (3, "got int"),
    (ptorch.FloatStorage(3), "got ptorch.FloatStorage")])
def test_non_tensor_for_tensor(ops, arg, got):
    with raises(TypeError, f"argument 1 'out' must be ptorch.FloatTensor.*{got}"):
        ops.ffi_arange(arg, 3, 0.0, 1.0)


def test_tensor_for_storage(ops):
    with raises(TypeError, "argument 1 's' must be ptorch.DoubleStorage.*got ptorch.DoubleTensor"):
        ops.ffi_storage_sum(ptorch.DoubleTensor(3))


def test_wrapped_tensor_gets_a_hint(ops):
    class Wrapper:  # what an autograd Variable looks like to the wrapper
        data = ptorch.LongTensor([1])
    with raises(TypeError, r"pass its \.data"):
        ops.ffi_long_sum(Wrapper())


@pytest.mark.parametrize("args, fragment", [
    ((ptorch.FloatTensor(), "3", 0.0, 1.0), "argument 2 'n' must be an integer .*got str"),
    ((ptorch.FloatTensor(), 2.5, 0.0, 1.0), "argument 2 'n' must be an integer .*got float"),
    ((ptorch.FloatTensor(), 3, ptorch.FloatTensor(1), 1.0),
     "argument 3 'start' must be a number .*got ptorch.FloatTensor"),
    ((ptorch.FloatTensor(), 2 ** 70, 0.0, 1.0), "ffi_arange\\(\\): .*"),
])
def test_bad_numbers(ops, args, fragment):
    with pytest.raises((TypeError, OverflowError), match=fragment):
        ops.ffi_arange(*args)


def test_wrong_argument_count(ops):
    with raises(TypeError, r"ffi_arange\(\) takes 4 arguments \(2 given\)"):
        ops.ffi_arange(ptorch.FloatTensor(), 3)
    with raises(TypeError, r"ffi_fail_quietly\(\) takes 0 arguments \(1 given\)"):
        ops.ffi_fail_quietly(1)


# ---- package-style build ----

def test_package_build(tmp_path, on_path, capfd):
    src = tmp_path / "src"
    shutil.copytree(os.path.join(FFI_DIR, "pkg"), src)
    ffi = create_extension("ffipkg._ext.pkg_ops", headers="src/pkg_ops.h",
                           sources=["src/pkg_ops.c"], package=True,
                           relative_to=str(tmp_path / "setup.py"))
    ext = ffi.distutils_extension(str(tmp_path / "gen"))  # what setup.py's cffi_modules uses
    assert ext.name == "ffipkg._ext.pkg_ops._pkg_ops"
    ffi.build()
    assert "built ptorch extension 'ffipkg._ext.pkg_ops'" in capfd.readouterr().out  # verbose
    on_path(tmp_path)
    from ffipkg._ext import pkg_ops
    assert pkg_ops.__name__ == "ffipkg._ext.pkg_ops"
    t, tn = make("Float", (3, 4))
    pkg_ops.pkg_add_scalar(t, 1.5)
    assert_close(t, tn + np.float32(1.5))
    with raises(ValueError, "must be contiguous"):
        pkg_ops.pkg_add_scalar(t.t(), 1.0)
    with raises(TypeError, "argument 1 't' must be ptorch.FloatTensor"):  # names read past
        pkg_ops.pkg_add_scalar(ptorch.DoubleTensor(2), 1.0)               # the header's guards


# ---- bad builds ----

def test_compile_error_shows_the_compiler_message(tmp_path):
    broken = os.path.join(FFI_DIR, "broken")
    ffi = create_extension("ffitest_broken", headers=[os.path.join(broken, "broken.h")],
                           sources=[os.path.join(broken, "broken.c")], verbose=False,
                           relative_to=str(tmp_path))
    with raises(RuntimeError, r"(?s)building the ptorch extension 'ffitest_broken' failed.*"
                              r"ffi_undeclared_identifier"):
        ffi.build()
    assert not (tmp_path / "ffitest_broken").exists()  # nothing written on failure


def test_missing_source_or_header(tmp_path):
    with raises(FileNotFoundError, r"source file 'nope\.c' not found"):
        create_extension("x", headers=[OPS_H], sources=["nope.c"], relative_to=str(tmp_path))
    with raises(FileNotFoundError, r"header file 'nope\.h' not found"):
        create_extension("x", headers=["nope.h"], sources=[OPS_C], relative_to=str(tmp_path))


def test_header_cffi_cannot_read(tmp_path):
    header = tmp_path / "bad.h"
    header.write_text("int bad_fn(THFloatTensor *t) { return 0; }\n")
    with raises(ValueError, "cffi could not read the declarations in header .*bad.h"):
        create_extension("x", headers=[str(header)], sources=[OPS_C], relative_to=str(tmp_path))


def test_with_cuda_without_cuda(tmp_path):
    with raises(RuntimeError, "ptorch was built without CUDA"):
        create_extension("x", headers=[OPS_H], sources=[OPS_C], with_cuda=True,
                         relative_to=str(tmp_path))


@pytest.mark.parametrize("kwargs, exc, fragment", [
    ({"name": "my-lib"}, ValueError, "not a dotted Python module name"),
    ({"name": 3}, TypeError, "name must be a str"),
    ({"headers": 5}, TypeError, "headers must be a list of paths"),
    ({"sources": [None]}, TypeError, "sources must be paths"),
    ({"relative_to": 1.5}, TypeError, "relative_to must be a path"),
])
def test_bad_arguments(tmp_path, kwargs, exc, fragment):
    args = {"name": "x", "headers": [OPS_H], "sources": [OPS_C], "relative_to": str(tmp_path)}
    args.update(kwargs)
    with raises(exc, fragment):
        create_extension(**args)
