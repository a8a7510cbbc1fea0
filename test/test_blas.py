"""Matrix products (dot, mv, mm, bmm, ger, the add* forms, matmul) against NumPy, for every
type and on contiguous, transposed and strided inputs."""
import numpy as np
import pytest

import ptorch
from common import (ALL_REALS, FLOAT_REALS, INT_REALS, LAYOUTS, NP_DTYPES, assert_close, make,
                    raises, tensor_class)

# Small integer values keep every product inside the range of the narrowest type.
LOW, HIGH = 0, 3


def mk(real, shape, layout="contiguous", seed=0):
    rng = np.random.default_rng(seed)
    if real in INT_REALS:
        return make(real, shape, layout, rng=rng, low=LOW, high=HIGH)
    return make(real, shape, layout, rng=rng)


def ref(real, value):
    """A NumPy result computed in 64 bits, cast to the type's dtype."""
    return np.asarray(value).astype(NP_DTYPES[real])


def wide(a):
    return a.astype(np.float64 if a.dtype.kind == "f" else np.int64)


def close(t, expected, real):
    if real == "Float":
        assert_close(t, expected, rtol=1e-4, atol=1e-5)
    else:
        assert_close(t, expected)


# ---- the plain products ----

@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("l1", LAYOUTS)
@pytest.mark.parametrize("l2", LAYOUTS)
def test_mm(real, l1, l2):
    a, an = mk(real, (4, 5), l1, 1)
    b, bn = mk(real, (5, 3), l2, 2)
    expected = ref(real, wide(an) @ wide(bn))
    close(ptorch.mm(a, b), expected, real)
    close(a.mm(b), expected, real)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_mv_dot_ger(real, layout):
    m, mn = mk(real, (4, 6), layout, 1)
    v, vn = mk(real, (6,), layout, 2)
    w, wn = mk(real, (4,), layout, 3)
    close(ptorch.mv(m, v), ref(real, wide(mn) @ wide(vn)), real)
    close(m.mv(v), ref(real, wide(mn) @ wide(vn)), real)
    close(ptorch.ger(w, v), ref(real, np.outer(wide(wn), wide(vn))), real)
    d = ptorch.dot(v, v)
    assert isinstance(d, float if real in FLOAT_REALS else int)
    assert np.isclose(d, float(wide(vn) @ wide(vn)), rtol=1e-5)
    assert np.isclose(w.dot(w), float(wide(wn) @ wide(wn)), rtol=1e-5)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_bmm(real, layout):
    a, an = mk(real, (3, 4, 5), layout, 1)
    b, bn = mk(real, (3, 5, 2), layout, 2)
    close(ptorch.bmm(a, b), ref(real, np.matmul(wide(an), wide(bn))), real)
    close(a.bmm(b), ref(real, np.matmul(wide(an), wide(bn))), real)


def test_dot_of_matrices_and_expanded_vectors():
    a, an = mk("Double", (3, 4), "transposed")
    b, bn = mk("Double", (4, 3))
    assert np.isclose(ptorch.dot(a, b), (an.ravel() * bn.ravel()).sum())
    e = ptorch.DoubleTensor([2.0]).expand(5)  # stride 0
    v, vn = mk("Double", (5,))
    assert np.isclose(ptorch.dot(e, v), 2 * vn.sum())
    assert np.isclose(ptorch.mv(v.unsqueeze(0).expand(3, 5), e).numpy(), 2 * vn.sum()).all()


def test_single_row_and_column_matrices():
    for n, k, p in [(1, 4, 3), (4, 1, 3), (4, 3, 1), (1, 1, 1), (1, 5, 1)]:
        for la in LAYOUTS:
            a, an = mk("Float", (n, k), la, 1)
            b, bn = mk("Float", (k, p), la, 2)
            close(ptorch.mm(a, b), an @ bn, "Float")


def test_larger_float_products():
    a, an = mk("Float", (70, 90), "transposed", 1)
    b, bn = mk("Float", (90, 65), "contiguous", 2)
    close(ptorch.mm(a, b), an.astype(np.float64) @ bn, "Float")
    c, cn = mk("Double", (130, 110), "strided", 3)
    v, vn = mk("Double", (110,), "strided", 4)
    close(c.mv(v), cn @ vn, "Double")


def test_empty_inner_dimension():
    a = ptorch.FloatTensor(3, 0)
    b = ptorch.FloatTensor(0, 2)
    assert_close(ptorch.mm(a, b), np.zeros((3, 2), np.float32))
    m, mn = mk("Float", (3, 2))
    assert_close(ptorch.addmm(2, m, 3, a, b), 2 * mn)


# ---- out= and in-place writing ----

@pytest.mark.parametrize("real", ["Int", "Float", "Double"])
def test_out_written_in_place_with_its_strides(real):
    a, an = mk(real, (4, 5), "contiguous", 1)
    b, bn = mk(real, (5, 3), "transposed", 2)
    out = tensor_class(real)(3, 4).t()  # right size, column-major
    ptr, stride = out.data_ptr(), out.stride()
    r = ptorch.mm(a, b, out=out)
    assert r is out and out.data_ptr() == ptr and out.stride() == stride
    close(out, ref(real, wide(an) @ wide(bn)), real)
    big = tensor_class(real)(8, 6).zero_()
    strided = big._slice(0, 0, 8, 2)._slice(1, 0, 6, 2)  # neither layout: via a temporary
    ptorch.mm(a, b, out=strided)
    close(strided, ref(real, wide(an) @ wide(bn)), real)
    assert big.numpy()[1::2].sum() == 0 and big.numpy()[:, 1::2].sum() == 0


def test_out_resized_when_wrong_size():
    a, an = mk("Double", (2, 3))
    b, bn = mk("Double", (3, 4))
    out = ptorch.DoubleTensor(7)
    assert ptorch.mm(a, b, out=out) is out
    assert_close(out, an @ bn)
    v = ptorch.DoubleTensor(1)
    w, wn = mk("Double", (3,))
    ptorch.mv(a, w, out=v)
    assert_close(v, an @ wn)


def test_out_aliasing_an_input():
    a, an = mk("Float", (3, 3), "contiguous", 1)
    b, bn = mk("Float", (3, 3), "contiguous", 2)
    ptorch.mm(a, b, out=a)
    close(a, an @ bn, "Float")
    m, mn = mk("Double", (3, 3), "contiguous", 3)
    m.addmm_(0.5, 2, m, m.t())
    assert_close(m, 0.5 * mn + 2 * mn @ mn.T)
    v, vn = mk("Long", (3,))
    mat, matn = mk("Long", (3, 3))
    ptorch.mv(mat, v, out=v)
    assert_close(v, matn @ vn)


def test_beta_zero_ignores_nan():
    m = ptorch.FloatTensor(2, 2).fill_(float("nan"))
    a, an = mk("Float", (2, 3), "contiguous", 1)
    b, bn = mk("Float", (3, 2), "contiguous", 2)
    close(ptorch.addmm(0, m, 1, a, b), an @ bn, "Float")
    v = ptorch.FloatTensor(2).fill_(float("nan"))
    x, xn = mk("Float", (3,))
    close(ptorch.addmv(0, v, a, x), an @ xn, "Float")
    close(ptorch.addr(0, m, a.select(1, 0), a.select(1, 1)), np.outer(an[:, 0], an[:, 1]),
          "Float")


# ---- the add* forms ----

ADD_CASES = {
    # op: (shape of the added tensor, shapes of the factors, NumPy product)
    "addmm": ((3, 4), ((3, 5), (5, 4)), lambda x, y: x @ y),
    "addmv": ((3,), ((3, 5), (5,)), lambda x, y: x @ y),
    "addr": ((3, 4), ((3,), (4,)), np.outer),
    "addbmm": ((3, 4), ((2, 3, 5), (2, 5, 4)), lambda x, y: np.matmul(x, y).sum(0)),
    "baddbmm": ((2, 3, 4), ((2, 3, 5), (2, 5, 4)), np.matmul),
}


def add_inputs(real, op, layout="contiguous"):
    tshape, (s1, s2), fn = ADD_CASES[op]
    t, tn = mk(real, tshape, layout, 1)
    x, xn = mk(real, s1, layout, 2)
    y, yn = mk(real, s2, layout, 3)
    return (t, x, y), (tn, xn, yn), fn


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("op", sorted(ADD_CASES))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_add_forms(real, op, layout):
    (t, x, y), (tn, xn, yn), fn = add_inputs(real, op, layout)
    prod = fn(wide(xn), wide(yn))
    fun = getattr(ptorch, op)
    close(fun(t, x, y), ref(real, wide(tn) + prod), real)
    close(fun(2, t, x, y), ref(real, 2 * wide(tn) + prod), real)
    close(fun(2, t, 3, x, y), ref(real, 2 * wide(tn) + 3 * prod), real)
    close(fun(t, x, y, beta=2, alpha=3), ref(real, 2 * wide(tn) + 3 * prod), real)
    close(fun(t, x, y, alpha=2), ref(real, wide(tn) + 2 * prod), real)
    close(getattr(t, op)(x, y), ref(real, wide(tn) + prod), real)
    close(getattr(t, op)(2, x, y), ref(real, 2 * wide(tn) + prod), real)
    close(getattr(t, op)(2, 3, x, y), ref(real, 2 * wide(tn) + 3 * prod), real)
    close(getattr(t, op)(x, y, beta=2, alpha=3), ref(real, 2 * wide(tn) + 3 * prod), real)
    out = tensor_class(real)()
    assert fun(2, t, 3, x, y, out=out) is out
    close(out, ref(real, 2 * wide(tn) + 3 * prod), real)
    close(t, tn, real)  # out-of-place forms leave t alone
    assert getattr(t, op + "_")(2, 3, x, y) is t
    close(t, ref(real, 2 * wide(tn) + 3 * prod), real)


def test_add_keyword_tensors():
    (t, x, y), (tn, xn, yn), fn = add_inputs("Double", "addmm")
    assert_close(ptorch.addmm(t, mat1=x, mat2=y), tn + xn @ yn)
    assert_close(ptorch.addmm(mat=t, mat1=x, mat2=y, beta=0.5), 0.5 * tn + xn @ yn)
    assert_close(t.addmm(mat1=x, mat2=y, alpha=2), tn + 2 * xn @ yn)
    (t, x, y), (tn, xn, yn), fn = add_inputs("Double", "addmv")
    assert_close(ptorch.addmv(tensor=t, mat=x, vec=y), tn + xn @ yn)


@pytest.mark.parametrize("op", sorted(ADD_CASES))
def test_add_broadcasts_the_added_tensor(op):
    (t, x, y), (tn, xn, yn), fn = add_inputs("Double", op)
    row = t.select(0, 0) if t.dim() > 1 else ptorch.DoubleTensor([tn[0]])
    rown = row.numpy().copy()
    assert_close(getattr(ptorch, op)(row, x, y), rown + fn(xn, yn))
    with raises(RuntimeError, "in-place"):
        getattr(row, op + "_")(x, y)


def test_int_products_wrap_like_numpy():
    a = ptorch.ByteTensor([[200, 100]])
    b = ptorch.ByteTensor([[2], [1]])
    assert_close(ptorch.mm(a, b), (np.array([[200, 100]]) @ np.array([[2], [1]])).astype(
        np.uint8))


# ---- matmul ----

MATMUL_SHAPES = [
    ((3,), (3, 4)), ((2, 3), (3,)), ((2, 3), (3, 4)), ((5, 2, 3), (3,)), ((5, 2, 3), (3, 4)),
    ((3,), (5, 3, 4)), ((2, 3), (5, 3, 4)), ((5, 2, 3), (5, 3, 4)), ((4, 1, 2, 3), (5, 3, 2)),
    ((1, 2, 3), (6, 3, 2)), ((2, 1, 2, 3), (3,)),
]


@pytest.mark.parametrize("real", ["Long", "Float", "Double"])
@pytest.mark.parametrize("s1,s2", MATMUL_SHAPES)
@pytest.mark.parametrize("layout", ["contiguous", "transposed"])
def test_matmul_rules(real, s1, s2, layout):
    a, an = mk(real, s1, layout, 1)
    b, bn = mk(real, s2, layout, 2)
    expected = ref(real, np.matmul(wide(an), wide(bn)))
    close(ptorch.matmul(a, b), expected, real)
    close(a.matmul(b), expected, real)
    close(a @ b, expected, real)
    out = tensor_class(real)()
    assert ptorch.matmul(a, b, out=out) is out
    close(out, expected, real)


def test_matmul_vector_vector_is_a_number():
    a, an = mk("Double", (4,))
    b, bn = mk("Double", (4,), "strided")
    r = ptorch.matmul(a, b)
    assert isinstance(r, float) and np.isclose(r, an @ bn)
    with raises(ValueError, "out must be None"):
        ptorch.matmul(a, b, out=ptorch.DoubleTensor())


def test_matmul_does_not_copy_a_batched_transposed_operand():
    a, an = mk("Float", (3, 4, 5), "transposed", 1)  # per-matrix column-major
    b, bn = mk("Float", (5, 2), "contiguous", 2)
    close(ptorch.matmul(a, b), np.matmul(an, bn), "Float")


# ---- errors ----

def test_size_mismatch_messages():
    a, b = ptorch.FloatTensor(2, 3), ptorch.FloatTensor(4, 5)
    with raises(RuntimeError, r"size mismatch, m1: \[2 x 3\], m2: \[4 x 5\]"):
        ptorch.mm(a, b)
    with raises(RuntimeError, r"size mismatch, mat: \[2 x 3\], vec: \[4\]"):
        ptorch.mv(a, ptorch.FloatTensor(4))
    with raises(RuntimeError, r"size mismatch, batch1: \[2 x 2 x 3\], batch2: \[2 x 4 x 5\]"):
        ptorch.bmm(ptorch.FloatTensor(2, 2, 3), ptorch.FloatTensor(2, 4, 5))
    with raises(RuntimeError, r"same number of matrices \(2 != 3\)"):
        ptorch.bmm(ptorch.FloatTensor(2, 2, 3), ptorch.FloatTensor(3, 3, 5))
    with raises(RuntimeError, r"dot: inconsistent tensor size.*\[3\].*\[4\]"):
        ptorch.dot(ptorch.FloatTensor(3), ptorch.FloatTensor(4))
    with raises(RuntimeError, r"matmul: size mismatch, tensor1: \[5 x 2 x 3\], tensor2: \[4\]"):
        ptorch.matmul(ptorch.FloatTensor(5, 2, 3), ptorch.FloatTensor(4))
    with raises(RuntimeError, r"batch dimensions .* do not broadcast \(sizes 2 and 3"):
        ptorch.matmul(ptorch.FloatTensor(2, 2, 3), ptorch.FloatTensor(3, 3, 2))


def test_dimension_errors():
    with raises(RuntimeError, r"mm: expected 2-D matrices, got mat1 of size \[2 x 3 x 4\] "
                              r"\(3-D\) and mat2 of size \[4\] \(1-D\)"):
        ptorch.mm(ptorch.FloatTensor(2, 3, 4), ptorch.FloatTensor(4))
    with raises(RuntimeError, r"mv: expected a 2-D matrix and a 1-D vector"):
        ptorch.mv(ptorch.FloatTensor(3), ptorch.FloatTensor(3))
    with raises(RuntimeError, r"ger: expected 1-D vectors"):
        ptorch.ger(ptorch.FloatTensor(3, 1), ptorch.FloatTensor(3))
    with raises(RuntimeError, r"bmm: expected 3-D batches"):
        ptorch.bmm(ptorch.FloatTensor(3, 3), ptorch.FloatTensor(3, 3))
    with raises(RuntimeError, "at least one dimension"):
        ptorch.matmul(ptorch.FloatTensor(), ptorch.FloatTensor(3))


def test_add_errors():
    (t, x, y), _, _ = add_inputs("Float", "addmm")
    with raises(RuntimeError, r"addmm: .*\[2 x 4\].*\[3 x 4\]"):
        ptorch.addmm(ptorch.FloatTensor(2, 4), x, y)
    with raises(RuntimeError, r"addmm_: in-place: the tensor's size \[4\]|in-place"):
        ptorch.FloatTensor(4).addmm_(x, y)
    with raises(RuntimeError, "the tensor to add is empty"):
        ptorch.addmm(ptorch.FloatTensor(), x, y)
    with raises(TypeError, r"addmm\(\): expected \(\[beta=1,\] mat, \[alpha=1,\] mat1, mat2\)"):
        ptorch.addmm(1, 2, t, x, y)
    with raises(TypeError, r"addmm_\(\): expected \(\[beta=1,\] \[alpha=1,\] mat1, mat2\)"):
        t.addmm_(1, 2, 3, x, y)
    with raises(TypeError, "missing argument 'mat2'"):
        ptorch.addmm(t, x)
    with raises(TypeError, r"unexpected arguments \(gamma\)"):
        ptorch.addmm(t, x, y, gamma=2)


def test_type_errors():
    f, d = ptorch.FloatTensor(2, 2), ptorch.DoubleTensor(2, 2)
    with raises(TypeError, "mm: argument 'mat2' must be a FloatTensor.*got DoubleTensor"):
        ptorch.mm(f, d)
    with raises(TypeError, "addmm: argument 'mat1' must be a DoubleTensor.*got FloatTensor"):
        ptorch.addmm(d, f, d)
    with raises(TypeError, "dot: argument 'tensor2' must be a LongTensor"):
        ptorch.dot(ptorch.LongTensor(2), ptorch.IntTensor(2))
    with raises(TypeError, "out must be a FloatTensor, got DoubleTensor"):
        ptorch.mm(f, f, out=d)
    with raises(TypeError, "mm: argument 'mat1' must be a tensor, got list"):
        ptorch.mm([[1.0]], f)
    with raises(TypeError, "not implemented for HalfTensor"):
        ptorch.mm(ptorch.HalfTensor(2, 2), ptorch.HalfTensor(2, 2))
    with raises(TypeError, "must be a FloatTensor"):
        ptorch.matmul(ptorch.FloatTensor(2, 3, 2), ptorch.DoubleTensor(2, 2))


def test_c_api_reports_errors_as_values():
    """The C functions return -1 with the error record set (no abort), through cffi."""
    import os

    import cffi
    ffi = cffi.FFI()
    ffi.cdef("""
        typedef struct THFloatTensor THFloatTensor;
        int THFloatTensor_mm(THFloatTensor *r, THFloatTensor *m1, THFloatTensor *m2);
        int THFloatTensor_addmm(THFloatTensor *r, float beta, THFloatTensor *t, float alpha,
                                THFloatTensor *m1, THFloatTensor *m2);
        const char *THError_message(void);
        void THError_clear(void);
    """)
    lib = ffi.dlopen(os.path.join(os.path.dirname(ptorch.__file__), "lib", "libTH.so"))
    a, an = mk("Float", (2, 3), "contiguous", 1)
    b, bn = mk("Float", (3, 2), "transposed", 2)
    r = ptorch.FloatTensor()

    def p(t):
        return ffi.cast("THFloatTensor *", t._cdata)

    assert lib.THFloatTensor_mm(p(r), p(a), p(b)) == 0
    close(r, an @ bn, "Float")
    assert lib.THFloatTensor_addmm(p(r), 2.0, p(r), 1.0, p(a), p(b)) == 0
    close(r, 3 * (an @ bn), "Float")
    assert lib.THFloatTensor_mm(p(r), p(a), p(a)) == -1
    assert ffi.string(lib.THError_message()) == b"size mismatch, m1: [2 x 3], m2: [2 x 3]"
    lib.THError_clear()


def test_matmul_rejects_non_tensors():
    with raises(TypeError, r"matmul\(\): expected a tensor as input, got int"):
        ptorch.matmul(3, ptorch.randn(2))
    with raises(TypeError, r"matmul\(\): expected a tensor as tensor2, got int"):
        ptorch.matmul(ptorch.randn(2), 3)
