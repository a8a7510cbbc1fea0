"""Pointwise math (lib/TH THTensorPointwise, THTensorUnary) against NumPy: every type, three
layouts, broadcasting, in-place and out= forms, Python numbers on both sides, and each error
path."""
import numpy as np
import pytest

import ptorch
from common import (ALL_REALS, FLOAT_REALS, INT_REALS, LAYOUTS, NP_DTYPES, assert_close, make,
                    raises, tensor_class)

SIGNED_INT_REALS = ["Char", "Short", "Int", "Long"]
SHAPE = (3, 4)


def as_layout(arr, real, layout):
    """A tensor of the given layout holding the values of arr."""
    arr = np.asarray(arr, dtype=NP_DTYPES[real])
    cls = tensor_class(real)
    if layout == "contiguous":
        return cls(arr)
    if layout == "transposed" and arr.ndim >= 2:
        return cls(np.ascontiguousarray(np.swapaxes(arr, -1, -2))).transpose(-1, -2)
    big = np.zeros(tuple(2 * s for s in arr.shape), dtype=arr.dtype)
    big[tuple(slice(None, None, 2) for _ in arr.shape)] = arr
    t = cls(big)
    for d in range(arr.ndim):
        t = t._slice(d, 0, big.shape[d], 2)
    return t


def nonzero_divisors(real, shape, rng):
    """Divisors without zeros; signed types get both signs."""
    mag = rng.integers(1, 6, size=shape)
    if real == "Byte":
        return mag.astype(np.uint8)
    sign = rng.choice([-1, 1], size=shape)
    if real in FLOAT_REALS:
        return (sign * (mag + rng.uniform(0, 1, size=shape))).astype(NP_DTYPES[real])
    return (sign * mag).astype(NP_DTYPES[real])


def trunc_div(a, b, real):
    if real in FLOAT_REALS:
        return a / b
    return np.trunc(a.astype(np.float64) / b.astype(np.float64)).astype(NP_DTYPES[real])


def ref_pow(a, b, real):
    if real in FLOAT_REALS:
        return np.power(a.astype(np.float64), b.astype(np.float64))
    return np.power(a.astype(np.int64), b.astype(np.int64)).astype(NP_DTYPES[real])


# (name, NumPy reference of (a, b, real), operands: "any" | "divisor" | "power")
BINARY = [
    ("add", lambda a, b, r: a + b, "any"),
    ("sub", lambda a, b, r: a - b, "any"),
    ("mul", lambda a, b, r: a * b, "any"),
    ("div", trunc_div, "divisor"),
    ("fmod", lambda a, b, r: np.fmod(a, b), "divisor"),
    ("remainder", lambda a, b, r: np.remainder(a, b), "divisor"),
    ("pow", ref_pow, "power"),
    ("cmax", lambda a, b, r: np.maximum(a, b), "any"),
    ("cmin", lambda a, b, r: np.minimum(a, b), "any"),
]


def operands(real, kind, shape_a, shape_b, layout, seed=0):
    rng = np.random.default_rng(seed)
    if kind == "power":
        if real in FLOAT_REALS:
            a, na = make(real, shape_a, layout, rng, low=0.5, high=2.0)
            b, nb = make(real, shape_b, layout, rng, low=-2.0, high=3.0)
        else:
            a, na = make(real, shape_a, layout, rng, low=0 if real == "Byte" else -3, high=4)
            b, nb = make(real, shape_b, layout, rng, low=0, high=4)
        return a, na, b, nb
    a, na = make(real, shape_a, layout, rng)
    if kind == "divisor":
        nb = nonzero_divisors(real, shape_b, rng)
        return a, na, as_layout(nb, real, layout), nb
    b, nb = make(real, shape_b, layout, rng)
    return a, na, b, nb


# ---- binary ops, tensor with tensor ----

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,kind", BINARY, ids=[b[0] for b in BINARY])
def test_binary_tensor(name, ref, kind, real, layout):
    a, na, b, nb = operands(real, kind, SHAPE, SHAPE, layout)
    expected = ref(na, nb, real)
    assert_close(getattr(a, name)(b), expected)
    assert_close(getattr(ptorch, name)(a, b), expected)
    # in place: self keeps its identity (and layout)
    a2 = a.clone() if layout == "contiguous" else as_layout(na, real, layout)
    assert getattr(a2, name + "_")(b) is a2
    assert_close(a2, expected)
    # out=: resized from the wrong size, returned
    out = tensor_class(real)(7)
    assert getattr(ptorch, name)(a, b, out=out) is out
    assert_close(out, expected)
    # operands unchanged
    assert_close(a, na)
    assert_close(b, nb)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,kind", BINARY, ids=[b[0] for b in BINARY])
@pytest.mark.parametrize("shapes", [((3, 1), (1, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1)),
                                    ((1,), (3, 4))])
def test_binary_broadcast(name, ref, kind, real, shapes):
    a, na, b, nb = operands(real, kind, shapes[0], shapes[1], "contiguous", seed=1)
    expected = ref(na, nb, real)
    assert_close(getattr(a, name)(b), expected)
    assert_close(getattr(ptorch, name)(a, b), expected)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,kind", BINARY, ids=[b[0] for b in BINARY])
def test_binary_inplace_broadcasts_rhs(name, ref, kind, real):
    a, na, b, nb = operands(real, kind, (3, 4), (4,), "transposed", seed=2)
    assert getattr(a, name + "_")(b) is a
    assert_close(a, ref(na, nb, real))


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_atan2(real, layout):
    a, na = make(real, SHAPE, layout)
    b, nb = make(real, SHAPE, layout, np.random.default_rng(5))
    assert_close(a.atan2(b), np.arctan2(na, nb))
    assert_close(ptorch.atan2(a, b), np.arctan2(na, nb))
    c, nc = make(real, (4,), "strided", np.random.default_rng(6))
    assert_close(ptorch.atan2(a, c), np.arctan2(na, nc))
    assert a.atan2_(c) is a
    assert_close(a, np.arctan2(na, nc))


# ---- binary ops with a Python number ----

SCALAR_CASES = [
    ("add", 3, lambda a, v, r: a + np.array(v, dtype=a.dtype)),
    ("sub", 3, lambda a, v, r: a - np.array(v, dtype=a.dtype)),
    ("mul", 3, lambda a, v, r: a * np.array(v, dtype=a.dtype)),
    ("div", 3, lambda a, v, r: trunc_div(a, np.full_like(a, v), r)),
    ("div", -3, lambda a, v, r: trunc_div(a, np.full_like(a, v), r)),
    ("fmod", -3, lambda a, v, r: np.fmod(a, np.array(v, dtype=a.dtype))),
    ("remainder", -3, lambda a, v, r: np.remainder(a, np.array(v, dtype=a.dtype))),
    ("remainder", 4, lambda a, v, r: np.remainder(a, np.array(v, dtype=a.dtype))),
    ("pow", 2, lambda a, v, r: ref_pow(a, np.full_like(a, v), r)),
    ("pow", 3, lambda a, v, r: ref_pow(a, np.full_like(a, v), r)),
    ("cmax", 2, lambda a, v, r: np.maximum(a, np.array(v, dtype=a.dtype))),
    ("cmin", 2, lambda a, v, r: np.minimum(a, np.array(v, dtype=a.dtype))),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,value,ref", SCALAR_CASES,
                         ids=[f"{c[0]}{c[1]}" for c in SCALAR_CASES])
def test_binary_scalar(name, value, ref, real, layout):
    if real == "Byte" and value < 0:
        value = -value
    a, na = make(real, SHAPE, layout)
    expected = ref(na, value, real)
    assert_close(getattr(a, name)(value), expected)
    assert_close(getattr(ptorch, name)(a, value), expected)
    out = tensor_class(real)()
    assert getattr(ptorch, name)(a, value, out=out) is out
    assert_close(out, expected)
    assert getattr(a, name + "_")(value) is a
    assert_close(a, expected)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("value", [0.5, -1, 1, 2.5, -0.5])
def test_float_pow_exponents(real, value):
    a, na = make(real, SHAPE, "strided", low=0.1, high=3.0)
    assert_close(a.pow(value), np.power(na.astype(np.float64), value), rtol=2e-5)
    assert_close(a ** value, np.power(na.astype(np.float64), value), rtol=2e-5)


@pytest.mark.parametrize("real", ALL_REALS)
def test_scalar_is_converted_to_integer_type(real):
    a = tensor_class(real)([1, 2, 3])
    expected = [3, 4, 5] if real in INT_REALS else [3.7, 4.7, 5.7]
    assert_close(a + 2.7, np.array(expected))
    assert_close(a.add(np.float32(2.7)), np.array(expected), rtol=1e-6)
    assert_close(a + True, np.array([2, 3, 4]))


# ---- operators ----

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
def test_operators(real, layout):
    rng = np.random.default_rng(3)
    a, na = make(real, SHAPE, layout, rng, low=1, high=5)
    b, nb = make(real, SHAPE, layout, rng, low=1, high=5)
    dt = NP_DTYPES[real]
    two = np.array(2, dtype=dt)
    assert_close(a + b, na + nb)
    assert_close(a - b, na - nb)
    assert_close(a * b, na * nb)
    assert_close(a / b, trunc_div(na, nb, real))
    assert_close(a % b, np.remainder(na, nb))
    assert_close(a ** b, ref_pow(na, nb, real))
    assert_close(a + 2, na + two)
    assert_close(2 + a, two + na)
    assert_close(a * 2, na * two)
    assert_close(2 * a, two * na)
    assert_close(2 - a, two - na)
    assert_close(a - 2, na - two)
    assert_close(6 / a, trunc_div(np.full_like(na, 6), na, real))
    assert_close(a / 2, trunc_div(na, np.full_like(na, 2), real))
    assert_close(2 ** a, ref_pow(np.full_like(na, 2), na, real))
    assert_close(a ** 2, ref_pow(na, np.full_like(na, 2), real))
    assert_close(7 % a, np.remainder(np.full_like(na, 7), na))
    assert_close(a % 3, np.remainder(na, np.array(3, dtype=dt)))
    assert_close(abs(a), np.abs(na))
    if real != "Byte":
        assert_close(-a, -na)


@pytest.mark.parametrize("real", ALL_REALS)
def test_inplace_operators(real):
    rng = np.random.default_rng(4)
    a, na = make(real, SHAPE, "transposed", rng, low=1, high=4)
    b, nb = make(real, (4,), "strided", rng, low=1, high=3)
    ident = id(a)
    a += b
    na = na + nb
    a *= 2
    na = na * np.array(2, dtype=na.dtype)
    a -= b
    na = na - nb
    a /= b
    na = trunc_div(na, np.broadcast_to(nb, na.shape), real)
    a %= 5
    na = np.remainder(na, np.array(5, dtype=na.dtype))
    a **= 2
    na = ref_pow(na, np.full_like(na, 2), real)
    assert id(a) == ident
    assert_close(a, na)


@pytest.mark.parametrize("real", ALL_REALS)
def test_operators_unsupported_operand(real):
    a = tensor_class(real)([1, 2])
    for bad in ("x", None, [1, 2], object()):
        with raises(TypeError, "unsupported operand"):
            a + bad
        with raises(TypeError, "unsupported operand"):
            bad - a
    with raises(TypeError, "unsupported operand"):
        a * object()
    with raises(TypeError, "unsupported operand"):
        pow(a, 2, 3)


# ---- unary ----

UNARY_ALL = [
    ("abs", np.abs),
    ("sign", np.sign),
    ("neg", np.negative),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name,ref,real", [
    (name, ref, real) for name, ref in UNARY_ALL for real in ALL_REALS
    if not (name == "neg" and real == "Byte")])  # unsigned neg: a TypeError, tested below
def test_unary_all_types(name, ref, real, layout):
    a, na = make(real, SHAPE, layout)
    assert_close(getattr(a, name)(), ref(na))
    assert_close(getattr(ptorch, name)(a), ref(na))
    out = tensor_class(real)(2, 2)
    assert getattr(ptorch, name)(a, out=out) is out
    assert_close(out, ref(na))
    assert getattr(a, name + "_")() is a
    assert_close(a, ref(na))


def _sigmoid(x):
    return 1 / (1 + np.exp(-x.astype(np.float64)))


# (name, NumPy reference, low, high)
UNARY_FLOAT = [
    ("exp", np.exp, -3, 3), ("log", np.log, 0.1, 5), ("log1p", np.log1p, -0.5, 5),
    ("sqrt", np.sqrt, 0, 5), ("rsqrt", lambda x: 1 / np.sqrt(x), 0.1, 5),
    ("reciprocal", lambda x: 1 / x, 0.5, 3), ("sin", np.sin, -3, 3), ("cos", np.cos, -3, 3),
    ("tan", np.tan, -1, 1), ("asin", np.arcsin, -1, 1), ("acos", np.arccos, -1, 1),
    ("atan", np.arctan, -5, 5), ("sinh", np.sinh, -3, 3), ("cosh", np.cosh, -3, 3),
    ("tanh", np.tanh, -3, 3), ("sigmoid", _sigmoid, -5, 5), ("floor", np.floor, -5, 5),
    ("ceil", np.ceil, -5, 5), ("round", np.round, -5, 5), ("trunc", np.trunc, -5, 5),
    ("frac", lambda x: x - np.trunc(x), -5, 5),
]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("name,ref,low,high", UNARY_FLOAT, ids=[u[0] for u in UNARY_FLOAT])
def test_unary_float(name, ref, low, high, real, layout):
    a, na = make(real, SHAPE, layout, low=low, high=high)
    expected = ref(na.astype(np.float64))
    assert_close(getattr(a, name)(), expected)
    assert_close(getattr(ptorch, name)(a), expected)
    out = tensor_class(real)()
    assert getattr(ptorch, name)(a, out=out) is out
    assert_close(out, expected)
    assert getattr(a, name + "_")() is a
    assert_close(a, expected)


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_round_halves_away_from_zero(real):
    # torch 0.2 rounds like C's round(): halves go away from zero.
    a = tensor_class(real)([0.5, 1.5, 2.5, -0.5, -2.5, 0.49])
    assert_close(a.round(), np.array([1, 2, 3, -1, -3, 0]))


@pytest.mark.parametrize("real", INT_REALS + ["Half"])
@pytest.mark.parametrize("name", [u[0] for u in UNARY_FLOAT])
def test_float_only_on_integer_types(name, real):
    a = getattr(ptorch, real + "Tensor")(2)
    fragment = (f"{name} is only defined for float tensors, got ptorch.{real}Tensor"
                if real != "Half" else f"{name} is not supported for ptorch.HalfTensor")
    with raises(TypeError, fragment):
        getattr(a, name)()
    with raises(TypeError, fragment):
        getattr(a, name + "_")()
    with raises(TypeError, fragment):
        getattr(ptorch, name)(a)


@pytest.mark.parametrize("real", INT_REALS)
def test_float_only_binary_on_integer_types(real):
    a = tensor_class(real)([1, 2])
    with raises(TypeError, f"atan2 is only defined for float tensors, got ptorch.{real}Tensor"):
        ptorch.atan2(a, a)
    with raises(TypeError, f"lerp is only defined for float tensors, got ptorch.{real}Tensor"):
        ptorch.lerp(a, a, 0.5)


def test_neg_of_byte_tensor():
    a = ptorch.ByteTensor([1, 2])
    with raises(TypeError, "neg is not defined for ptorch.ByteTensor"):
        -a
    with raises(TypeError, "neg is not defined for ptorch.ByteTensor"):
        ptorch.neg(a)
    with raises(TypeError, "neg is not defined for ptorch.ByteTensor"):
        a.neg_()
    assert_close(2 - a, np.array([1, 0]))


def test_half_has_no_math():
    h = ptorch.HalfTensor(3)
    with raises(TypeError, "add is not supported for ptorch.HalfTensor"):
        h.add(1)
    with raises(TypeError, "unsupported operand"):
        h + 1


# ---- clamp, lerp, addcmul, addcdiv, pow(number, tensor) ----

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
def test_clamp(real, layout):
    a, na = make(real, SHAPE, layout)
    lo, hi = (2, 6) if real == "Byte" else (-3, 4)
    dt = NP_DTYPES[real]
    assert_close(a.clamp(lo, hi), np.clip(na, lo, hi))
    assert_close(ptorch.clamp(a, min=lo, max=hi), np.clip(na, lo, hi))
    assert_close(ptorch.clamp(a, min=lo), np.maximum(na, dt(lo)))
    assert_close(a.clamp(max=hi), np.minimum(na, dt(hi)))
    out = tensor_class(real)()
    assert ptorch.clamp(a, lo, hi, out=out) is out
    assert_close(out, np.clip(na, lo, hi))
    assert_close(a.clamp(hi, lo), np.full_like(na, lo))  # min > max: max wins, like NumPy
    assert a.clamp_(min=lo) is a
    assert_close(a, np.maximum(na, dt(lo)))


def test_clamp_errors():
    a = ptorch.FloatTensor([1, 2])
    with raises(TypeError, "clamp: expected min, max or both"):
        a.clamp()
    with raises(TypeError, "clamp: expected min to be a number, got str"):
        a.clamp("x")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", FLOAT_REALS)
def test_lerp(real, layout):
    a, na = make(real, SHAPE, layout)
    b, nb = make(real, SHAPE, layout, np.random.default_rng(9))
    assert_close(a.lerp(b, 0.25), na + 0.25 * (nb - na))
    assert_close(ptorch.lerp(a, b, 0.25), na + 0.25 * (nb - na))
    c, nc = make(real, (4,), "contiguous")
    assert_close(ptorch.lerp(a, c, 0.5), na + 0.5 * (nc - na))
    assert a.lerp_(c, 0.5) is a
    assert_close(a, na + 0.5 * (nc - na))
    with raises(TypeError, "lerp: expected weight to be a number"):
        a.lerp(b, b)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
def test_addcmul_addcdiv(real, layout):
    rng = np.random.default_rng(11)
    t, nt = make(real, SHAPE, layout, rng)
    t1, n1 = make(real, SHAPE, layout, rng, low=0 if real == "Byte" else -4, high=5)
    n2 = nonzero_divisors(real, (4,), rng)
    t2 = as_layout(n2, real, "strided")
    dt = NP_DTYPES[real]
    v = dt(2)
    assert_close(t.addcmul(t1, t2), nt + n1 * n2)
    assert_close(ptorch.addcmul(t, 2, t1, t2), nt + v * n1 * n2)
    assert_close(t.addcmul(t1, t2, value=2), nt + v * n1 * n2)
    assert_close(ptorch.addcdiv(t, t1, t2), nt + trunc_div(n1, np.broadcast_to(n2, SHAPE), real))
    expected = nt + trunc_div(v * n1, np.broadcast_to(n2, SHAPE), real)
    assert_close(ptorch.addcdiv(t, 2, t1, t2), expected)
    out = tensor_class(real)()
    assert ptorch.addcdiv(t, 2, t1, t2, out=out) is out
    assert_close(out, expected)
    assert t.addcmul_(2, t1, t2) is t
    assert_close(t, nt + v * n1 * n2)


def test_addcmul_argument_errors():
    a = ptorch.FloatTensor([1, 2])
    with raises(TypeError, "addcmul: expected \\(tensor1, tensor2\\)"):
        a.addcmul(a)
    with raises(TypeError, "addcmul: value given twice"):
        a.addcmul(2, a, a, value=3)
    with raises(TypeError, "addcmul: expected tensor2 to be a ptorch.FloatTensor, got "
                           "ptorch.DoubleTensor"):
        a.addcmul(a, a.double())


@pytest.mark.parametrize("real", ALL_REALS)
def test_pow_number_base(real):
    a, na = make(real, SHAPE, "transposed", low=0, high=4)
    expected = ref_pow(np.full_like(na, 3), na, real)
    assert_close(ptorch.pow(3, a), expected)
    out = tensor_class(real)()
    assert ptorch.pow(3, a, out=out) is out
    assert_close(out, expected)
    with raises(TypeError, "pow\\(\\): expected a tensor"):
        ptorch.pow(2, 3)


def test_add_sub_with_value():
    for real in ALL_REALS:
        a, na = make(real, SHAPE, "strided", low=0, high=5)
        b, nb = make(real, (4,), "contiguous", low=0, high=3)
        v = NP_DTYPES[real](2)
        assert_close(a.add(2, b), na + v * nb)
        assert_close(ptorch.add(a, 2, b), na + v * nb)
        assert_close(ptorch.sub(a, 2, b), na - v * nb)
        out = tensor_class(real)()
        assert ptorch.add(a, 2, b, out=out) is out
        assert_close(out, na + v * nb)
        assert a.sub_(2, b) is a
        assert_close(a, na - v * nb)
    a = ptorch.FloatTensor([1])
    with raises(TypeError, "add: expected value to be a number, got ptorch.FloatTensor"):
        a.add(a, a)


# ---- integer edge cases ----

@pytest.mark.parametrize("real", SIGNED_INT_REALS)
def test_integer_minimum_divided_by_minus_one_does_not_trap(real):
    lo = np.iinfo(NP_DTYPES[real]).min
    a = tensor_class(real)([lo, 7])
    assert_close(a / -1, np.array([lo, -7], dtype=NP_DTYPES[real]))
    assert_close(a.div(tensor_class(real)([-1, -1])), np.array([lo, -7], dtype=NP_DTYPES[real]))
    assert_close(a.fmod(-1), np.array([0, 0]))
    assert_close(a.remainder(tensor_class(real)([-1, -1])), np.array([0, 0]))


@pytest.mark.parametrize("real", INT_REALS)
def test_integer_division_by_zero(real):
    a = tensor_class(real)([4, 5, 6])
    z = tensor_class(real)([1, 0, 2])
    for fn in ("div", "fmod", "remainder"):
        with raises(RuntimeError, "ZeroDivisionError"):
            getattr(a, fn)(0)
        with raises(RuntimeError, "ZeroDivisionError"):
            getattr(ptorch, fn)(a, z)
        with raises(RuntimeError, "ZeroDivisionError"):
            getattr(a, fn + "_")(z)
    with raises(RuntimeError, "ZeroDivisionError"):
        a / 0
    with raises(RuntimeError, "ZeroDivisionError"):
        a % z
    with raises(RuntimeError, "ZeroDivisionError"):
        6 / z
    with raises(RuntimeError, "ZeroDivisionError"):
        a.addcdiv(a, z)
    with raises(RuntimeError, "ZeroDivisionError"):
        a /= z
    assert_close(a, np.array([4, 5, 6]))  # checked before computing: untouched
    out = tensor_class(real)(5)
    with raises(RuntimeError, "ZeroDivisionError"):
        ptorch.div(a, z, out=out)
    assert out.size() == (5,)  # nothing resized either


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_float_division_by_zero_is_ieee(real):
    a = tensor_class(real)([1, -1, 0])
    got = (a / 0).numpy()
    assert got[0] == np.inf and got[1] == -np.inf and np.isnan(got[2])


@pytest.mark.parametrize("real", SIGNED_INT_REALS)
def test_integer_negative_powers(real):
    a = tensor_class(real)([2, 3])
    with raises(RuntimeError, "integers to negative integer powers are not allowed"):
        a.pow(-1)
    with raises(RuntimeError, "integers to negative integer powers are not allowed"):
        a ** tensor_class(real)([1, -2])
    with raises(RuntimeError, "integers to negative integer powers are not allowed"):
        2 ** tensor_class(real)([-1, 2])


@pytest.mark.parametrize("real", SIGNED_INT_REALS)
def test_integer_abs_sign_neg(real):
    a = tensor_class(real)([-3, 0, 5])
    assert_close(a.abs(), np.array([3, 0, 5]))
    assert_close(a.sign(), np.array([-1, 0, 1]))
    assert_close(-a, np.array([3, 0, -5]))


def test_float_remainder_and_fmod_signs():
    a = ptorch.DoubleTensor([5.5, -5.5, 5.5, -5.5])
    b = ptorch.DoubleTensor([2, 2, -2, -2])
    assert_close(a % b, np.remainder(a.numpy(), b.numpy()))
    assert_close(a.fmod(b), np.fmod(a.numpy(), b.numpy()))


def test_cmax_cmin_propagate_nan():
    a = ptorch.FloatTensor([np.nan, 1, 2])
    b = ptorch.FloatTensor([1, np.nan, 3])
    assert np.isnan(a.cmax(b).numpy()[:2]).all()
    assert np.isnan(ptorch.cmin(a, b).numpy()[:2]).all()
    assert a.cmax(b)[2] == 3 and a.cmin(b)[2] == 2


# ---- large tensors (threaded loops, GIL released) ----

@pytest.mark.parametrize("real", ["Float", "Double", "Int"])
def test_large_tensors(real):
    rng = np.random.default_rng(12)
    a, na = make(real, (300, 400), "contiguous", rng)
    b, nb = make(real, (300, 400), "transposed", rng)
    assert_close(a + b, na + nb)
    assert_close(a.mul(b), na * nb)
    c, nc = make(real, (400,), "strided", rng)
    assert_close(ptorch.add(a, 2, c), na + NP_DTYPES[real](2) * nc)
    assert_close(c - a, nc - na)  # the small operand on the left: the result grows
    assert_close(a.addcmul(b, c), na + nb * nc)
    if real in FLOAT_REALS:
        assert_close(a.exp(), np.exp(na.astype(np.float64)))
    a.add_(b)
    assert_close(a, na + nb)


# ---- errors ----

@pytest.mark.parametrize("real", ALL_REALS)
def test_sizes_that_do_not_broadcast(real):
    a = tensor_class(real)(2, 3)
    b = tensor_class(real)(4)
    with raises(RuntimeError, r"add: the size of tensor a \[2 x 3\] must match the size of "
                              r"tensor b \[4\]"):
        a + b
    for fn in ("sub", "mul", "cmax", "cmin"):
        with raises(RuntimeError, "must match"):
            getattr(ptorch, fn)(a, b)
    with raises(RuntimeError, "must match"):
        a.addcmul(a, b)
    with raises(RuntimeError, "must match"):
        a.add(1, b)


@pytest.mark.parametrize("real", ALL_REALS)
def test_inplace_cannot_grow_self(real):
    a = tensor_class(real)(3).fill_(1)
    b = tensor_class(real)(2, 3).fill_(1)
    msg = r"in-place operation cannot resize its tensor: it has size \[3\] but the operands " \
          r"broadcast to size \[2 x 3\]"
    with raises(RuntimeError, msg):
        a.add_(b)
    with raises(RuntimeError, msg):
        a += b
    with raises(RuntimeError, msg):
        a.mul_(b)
    with raises(RuntimeError, msg):
        a.addcmul_(a, b)
    with raises(RuntimeError, msg):
        ptorch.add(b, a, out=a)
    assert_close(a, np.ones(3))


@pytest.mark.parametrize("other", ["Double", "Long", "Byte"])
def test_mixing_tensor_types(other):
    a = ptorch.FloatTensor([1, 2])
    b = getattr(ptorch, other + "Tensor")([1, 2])
    msg = f"expected other to be a ptorch.FloatTensor, got ptorch.{other}Tensor"
    with raises(TypeError, msg):
        a + b
    with raises(TypeError, msg):
        a.add_(b)
    with raises(TypeError, msg):
        ptorch.mul(a, b)
    with raises(TypeError, msg):
        a * b
    with raises(TypeError, f"expected other to be a ptorch.{other}Tensor, got ptorch.FloatTensor"):
        b - a
    with raises(TypeError, "expected out to be a ptorch.FloatTensor, got ptorch.DoubleTensor"):
        ptorch.add(a, 1, out=ptorch.DoubleTensor())
    with raises(TypeError, "expected out to be a ptorch.FloatTensor"):
        ptorch.exp(a, out=ptorch.DoubleTensor())


def test_bad_operands_of_methods():
    a = ptorch.FloatTensor([1, 2])
    with raises(TypeError, "mul: expected other to be a ptorch.FloatTensor or a number, got str"):
        a.mul("x")
    with raises(TypeError, "atan2: expected other to be a ptorch.FloatTensor, got int"):
        a.atan2(2)
    with raises(TypeError, "add\\(\\): expected a tensor as input, got int"):
        ptorch.add(1, 2)
    with raises(TypeError, "exp\\(\\): expected a tensor as input, got list"):
        ptorch.exp([1.0])


def test_empty_tensors():
    e = ptorch.FloatTensor()
    assert (e + e).dim() == 0
    assert e.exp().dim() == 0
    assert (e + 1).numel() == 0
    with raises(RuntimeError, r"cannot combine an empty tensor with a tensor of size \[2\]"):
        e + ptorch.FloatTensor([1, 2])


# ---- the C API, called directly ----

def _libth():
    import os

    import cffi
    ffi = cffi.FFI()
    ffi.cdef("""
        typedef struct THFloatTensor THFloatTensor;
        typedef struct THLongTensor THLongTensor;
        int THFloatTensor_cadd(THFloatTensor *r, THFloatTensor *t, float value,
                               THFloatTensor *src);
        int THFloatTensor_exp(THFloatTensor *r, THFloatTensor *t);
        int THLongTensor_div(THLongTensor *r, THLongTensor *t, long value);
        int THLongTensor_cpow(THLongTensor *r, THLongTensor *t, THLongTensor *src);
        int THError_kind(void);
        const char *THError_message(void);
        void THError_clear(void);
    """)
    lib = ffi.dlopen(os.path.join(os.path.dirname(ptorch.__file__), "lib", "libTH.so"))
    return ffi, lib


def test_c_api():
    ffi, lib = _libth()

    def ptr(t, kind):
        return ffi.cast(kind + " *", t._cdata)

    a = ptorch.FloatTensor([[1, 2, 3], [4, 5, 6]])
    b = ptorch.FloatTensor([10, 20, 30])
    r = ptorch.FloatTensor()
    assert lib.THFloatTensor_cadd(ptr(r, "THFloatTensor"), ptr(a, "THFloatTensor"), 2,
                                  ptr(b, "THFloatTensor")) == 0
    assert_close(r, a.numpy() + 2 * b.numpy())
    assert lib.THFloatTensor_exp(ptr(a, "THFloatTensor"), ptr(a, "THFloatTensor")) == 0
    assert_close(a, np.exp(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float64)))
    # errors are return values with the record set; the result is left alone
    bad = ptorch.FloatTensor(4)
    assert lib.THFloatTensor_cadd(ptr(r, "THFloatTensor"), ptr(r, "THFloatTensor"), 1,
                                  ptr(bad, "THFloatTensor")) == -1
    assert lib.THError_kind() == 1  # runtime
    assert b"must match" in ffi.string(lib.THError_message())
    lib.THError_clear()
    n = ptorch.LongTensor([1, 2])
    out = ptorch.LongTensor(5)
    assert lib.THLongTensor_div(ptr(out, "THLongTensor"), ptr(n, "THLongTensor"), 0) == -1
    assert b"ZeroDivisionError" in ffi.string(lib.THError_message())
    assert out.size() == (5,)
    lib.THError_clear()
    e = ptorch.LongTensor([2, -1])
    assert lib.THLongTensor_cpow(ptr(out, "THLongTensor"), ptr(n, "THLongTensor"),
                                 ptr(e, "THLongTensor")) == -1
    assert b"negative integer powers" in ffi.string(lib.THError_message())
    lib.THError_clear()
    assert lib.THError_kind() == 0


@pytest.mark.parametrize("real", ["Byte", "Long", "Float", "Double"])
def test_empty_tensor_does_not_broadcast_like_a_scalar(real):
    x = tensor_class(real)(2, 3).fill_(1)
    e = tensor_class(real)()
    with raises(RuntimeError, r"empty tensor.*\[2 x 3\]"):
        x.add(e)
    with raises(RuntimeError, r"empty tensor.*\[2 x 3\]"):
        e.mul(x)
    with raises(RuntimeError, r"empty tensor .*cannot be expanded to size \[2 x 3\]"):
        x.copy_(e)
    with raises(RuntimeError, r"dist: an empty tensor \(no dimensions\) cannot be broadcast "
                              r"with a tensor of size \[2 x 3\]"):
        x.double().dist(e.double())
    assert e.add(e).dim() == 0
