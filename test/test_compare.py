"""Comparisons (lib/TH THTensorCompare) against NumPy: every type, three layouts, numbers
and broadcast tensors, ByteTensor results, in-place and out= forms, operators, equal(), and
each error path."""
import operator

import numpy as np
import pytest

import ptorch
from common import ALL_REALS, FLOAT_REALS, LAYOUTS, NP_DTYPES, make, raises, tensor_class

COMPARISONS = [
    ("lt", np.less, operator.lt), ("le", np.less_equal, operator.le),
    ("gt", np.greater, operator.gt), ("ge", np.greater_equal, operator.ge),
    ("eq", np.equal, operator.eq), ("ne", np.not_equal, operator.ne),
]
IDS = [c[0] for c in COMPARISONS]


def small_ints(real, shape, layout, seed):
    """Few distinct values, so that equal elements occur."""
    return make(real, shape, layout, np.random.default_rng(seed), low=0, high=3)


def check_bytes(t, expected):
    assert type(t) is ptorch.ByteTensor
    assert tuple(t.size()) == expected.shape
    np.testing.assert_array_equal(t.numpy(), expected.astype(np.uint8))


def check_values(t, expected, real):
    assert type(t) is tensor_class(real)
    np.testing.assert_array_equal(t.numpy(), expected.astype(NP_DTYPES[real]))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,op", COMPARISONS, ids=IDS)
def test_tensor_with_tensor(name, ref, op, real, layout):
    a, na = small_ints(real, (3, 4), layout, 0)
    b, nb = small_ints(real, (3, 4), layout, 1)
    expected = ref(na, nb)
    check_bytes(getattr(a, name)(b), expected)
    check_bytes(getattr(ptorch, name)(a, b), expected)
    check_bytes(op(a, b), expected)
    out = ptorch.ByteTensor(7)
    assert getattr(ptorch, name)(a, b, out=out) is out
    check_bytes(out, expected)
    same = tensor_class(real)()
    assert getattr(ptorch, name)(a, b, out=same) is same
    check_values(same, expected, real)
    assert getattr(a, name + "_")(b) is a
    check_values(a, expected, real)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,op", COMPARISONS, ids=IDS)
def test_tensor_with_number(name, ref, op, real, layout):
    a, na = small_ints(real, (3, 4), layout, 2)
    expected = ref(na, 1)
    check_bytes(getattr(a, name)(1), expected)
    check_bytes(getattr(ptorch, name)(a, 1), expected)
    check_bytes(op(a, 1), expected)
    check_bytes(op(1, a), ref(1, na))  # reflected: 1 < a is a > 1
    out = ptorch.ByteTensor()
    assert getattr(ptorch, name)(a, 1, out=out) is out
    check_bytes(out, expected)
    assert getattr(a, name + "_")(1) is a
    check_values(a, expected, real)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,op", COMPARISONS, ids=IDS)
@pytest.mark.parametrize("shapes", [((3, 1), (1, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1))])
def test_broadcast(name, ref, op, real, shapes):
    a, na = small_ints(real, shapes[0], "contiguous", 3)
    b, nb = small_ints(real, shapes[1], "strided", 4)
    check_bytes(getattr(a, name)(b), ref(na, nb))
    check_bytes(op(a, b), ref(na, nb))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("name,ref,op", COMPARISONS, ids=IDS)
def test_inplace_broadcasts_rhs(name, ref, op, real):
    a, na = small_ints(real, (3, 4), "transposed", 5)
    b, nb = small_ints(real, (4,), "strided", 6)
    assert getattr(a, name + "_")(b) is a
    check_values(a, ref(na, nb), real)


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_nan(real):
    a = tensor_class(real)([np.nan, 1.0])
    check_bytes(a == a, np.array([0, 1]))
    check_bytes(a != a, np.array([1, 0]))
    check_bytes(a < 2, np.array([0, 1]))
    assert not ptorch.equal(a, a)


def test_float_scalar_with_integer_tensor_is_converted():
    # torch 0.2: the number becomes the tensor's type (2.5 -> 2).
    a = ptorch.LongTensor([1, 2, 3])
    check_bytes(a < 2.5, np.array([1, 0, 0]))
    check_bytes(ptorch.FloatTensor([1, 2, 3]) < 2.5, np.array([1, 1, 0]))


def test_large():
    a, na = make("Float", (300, 400), "contiguous")
    b, nb = make("Float", (400,), "strided", np.random.default_rng(8))
    check_bytes(a > b, na > nb)
    check_bytes(a.le(0.25), na <= np.float32(0.25))


# ---- equal ----

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("real", ALL_REALS)
def test_equal(real, layout):
    a, na = make(real, (3, 4), layout)
    b = tensor_class(real)(na.copy())
    assert ptorch.equal(a, b) is True
    assert a.equal(b) is True
    b[1, 2] = b[1, 2] + 1
    assert ptorch.equal(a, b) is False
    assert ptorch.equal(a, tensor_class(real)(4, 3).zero_()) is False
    assert ptorch.equal(a, a.view(12) if layout == "contiguous" else a.contiguous().view(12)) \
        is False
    assert ptorch.equal(tensor_class(real)(), tensor_class(real)()) is True


def test_equal_type_mixing():
    with raises(TypeError, "equal: expected other to be a ptorch.FloatTensor, got "
                           "ptorch.DoubleTensor"):
        ptorch.equal(ptorch.FloatTensor([1]), ptorch.DoubleTensor([1]))
    with raises(TypeError, "equal\\(\\): expected a tensor as input, got int"):
        ptorch.equal(1, 1)


# ---- operators and hashing ----

def test_hash_is_identity():
    a = ptorch.FloatTensor([1, 2])
    b = ptorch.FloatTensor([1, 2])
    assert hash(a) == id(a)
    assert len({a, b}) == 2
    assert {a: 1}[a] == 1


@pytest.mark.parametrize("real", ALL_REALS)
def test_comparison_with_unsupported_types(real):
    a = tensor_class(real)([1, 2])
    assert (a == None) is False  # noqa: E711
    assert (a != "x") is True
    with raises(TypeError, "'<' not supported"):
        a < "x"
    with raises(TypeError, "'>=' not supported"):
        a >= None
    with raises(TypeError, f"lt: expected other to be a ptorch.{real}Tensor or a number, got str"):
        a.lt("x")


def test_comparison_type_mixing():
    a = ptorch.FloatTensor([1, 2])
    b = ptorch.DoubleTensor([1, 2])
    msg = "expected other to be a ptorch.FloatTensor, got ptorch.DoubleTensor"
    with raises(TypeError, msg):
        a < b
    with raises(TypeError, msg):
        a == b
    with raises(TypeError, msg):
        ptorch.ge(a, b)
    with raises(TypeError, msg):
        a.ne_(b)
    with raises(TypeError, "lt: expected out to be a ptorch.ByteTensor or a ptorch.FloatTensor, "
                           "got ptorch.LongTensor"):
        ptorch.lt(a, 1, out=ptorch.LongTensor())


# ---- errors ----

@pytest.mark.parametrize("real", ALL_REALS)
def test_sizes_that_do_not_broadcast(real):
    a = tensor_class(real)(2, 3)
    b = tensor_class(real)(4)
    with raises(RuntimeError, r"lt: the size of tensor a \[2 x 3\] must match the size of "
                              r"tensor b \[4\]"):
        a < b
    with raises(RuntimeError, "eq: the size of tensor a"):
        ptorch.eq(a, b, out=ptorch.ByteTensor())


@pytest.mark.parametrize("real", ALL_REALS)
def test_inplace_cannot_grow_self(real):
    a = tensor_class(real)(3).zero_()
    b = tensor_class(real)(2, 3).zero_()
    with raises(RuntimeError, r"it has size \[3\] but the operands broadcast to size \[2 x 3\]"):
        a.eq_(b)


def test_half_has_no_comparisons():
    h = ptorch.HalfTensor(2)
    with raises(TypeError, "lt is not supported for ptorch.HalfTensor"):
        h.lt(1)
    with raises(TypeError, "equal is not supported for ptorch.HalfTensor"):
        ptorch.equal(h, h)
    assert hash(h) == id(h)
