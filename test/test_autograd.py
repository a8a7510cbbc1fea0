"""ptorch.autograd formulas: one table drives gradcheck and gradgradcheck (double inputs,
contiguous, non-contiguous and broadcast) over the differentiable Variable ops. The engine,
custom Functions and the error paths are tested in test_autograd_engine.py."""
import numpy as np
import pytest

import ptorch
from ptorch.autograd import Variable, gradcheck, gradgradcheck
from common import make



def var(shape, layout="contiguous", low=-1.0, high=1.0, seed=0, requires_grad=True):
    t, _ = make("Double", shape, layout, np.random.default_rng(seed), low, high)
    return Variable(t, requires_grad=requires_grad)


def pos(shape, layout="contiguous", seed=0):
    return var(shape, layout, 0.5, 1.5, seed)


def long_t(values):
    return ptorch.LongTensor(np.asarray(values, dtype=np.int64))


def byte_t(values):
    return ptorch.ByteTensor(np.asarray(values, dtype=np.uint8))


def _unary_fn(name):
    return lambda a: getattr(a, name)()


def _unary_inputs(lo, hi):
    return lambda L: (var((2, 3), L, lo, hi),)


# (id, function, inputs(layout) -> tuple of Variables)
OPS = [
    # ---- pointwise, including broadcasting ----
    ("add", lambda a, b: a + b, lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("add_broadcast", lambda a, b: a + b, lambda L: (var((2, 3), L), var((3,), L, seed=1))),
    ("add_scalar", lambda a: 2 + a, lambda L: (var((2, 3), L),)),
    ("add_value_other", lambda a, b: a.add(0.5, b),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("sub_broadcast", lambda a, b: a - b, lambda L: (var((2, 1), L), var((1, 3), L, seed=1))),
    ("rsub", lambda a: 1 - a, lambda L: (var((2, 3), L),)),
    ("mul", lambda a, b: a * b, lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("mul_broadcast", lambda a, b: a * b,
     lambda L: (var((4, 2, 3), L), var((2, 1), L, seed=1))),
    ("mul_scalar", lambda a: a * 3, lambda L: (var((2, 3), L),)),
    ("div", lambda a, b: a / b, lambda L: (var((2, 3), L), pos((2, 3), L, seed=1))),
    ("div_broadcast", lambda a, b: a / b, lambda L: (var((2, 3), L), pos((3,), L, seed=1))),
    ("rdiv", lambda a: 2 / a, lambda L: (pos((2, 3), L),)),
    ("neg", lambda a: -a, lambda L: (var((2, 3), L),)),
    ("pow_scalar", lambda a: a ** 3, lambda L: (var((2, 3), L),)),
    ("pow_frac", lambda a: a.pow(0.5), lambda L: (pos((2, 3), L),)),
    ("pow_var", lambda a, b: a ** b,
     lambda L: (pos((2, 3), L), var((3,), L, seed=1))),
    ("rpow", lambda a: 2 ** a, lambda L: (var((2, 3), L),)),
] + [
    (name, _unary_fn(name), _unary_inputs(lo, hi))
    for name, lo, hi in [
        ("exp", -1, 1), ("log", 0.5, 2), ("log1p", 0.1, 2), ("sqrt", 0.5, 2),
        ("rsqrt", 0.5, 2), ("reciprocal", 0.5, 2), ("sin", -2, 2),
        ("cos", -2, 2), ("tan", -1, 1), ("asin", -0.8, 0.8),
        ("acos", -0.8, 0.8), ("atan", -2, 2), ("sinh", -1, 1),
        ("cosh", -1, 1), ("tanh", -2, 2), ("sigmoid", -2, 2),
        ("abs", 0.2, 1), ("frac", 0.1, 0.9), ("floor", 0.1, 0.9),
        ("ceil", 0.1, 0.9), ("round", 0.1, 0.4), ("trunc", 0.1, 0.9),
        ("sign", 0.1, 1),
    ]
] + [
    ("abs_negative", lambda a: (-a).abs(), lambda L: (pos((2, 3), L),)),
    ("clamp", lambda a: a.clamp(-0.5, 0.5),
     lambda L: (var((3, 4), L),)),
    ("clamp_min", lambda a: a.clamp(min=0.1), lambda L: (var((3, 4), L),)),
    ("fmod_scalar", lambda a: a.fmod(0.7), lambda L: (var((2, 3), L, 0.1, 2),)),
    ("remainder_var", lambda a, b: a.remainder(b),
     lambda L: (var((2, 3), L, 0.1, 2), pos((2, 3), L, seed=1))),
    ("atan2", lambda a, b: a.atan2(b),
     lambda L: (var((2, 3), L), pos((2, 3), L, seed=1))),
    ("lerp", lambda a, b: a.lerp(b, 0.3), lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("addcmul", lambda a, b, c: a.addcmul(0.5, b, c),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1), var((3,), L, seed=2))),
    ("addcdiv", lambda a, b, c: a.addcdiv(0.5, b, c),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1), pos((2, 3), L, seed=2))),
    ("max_elementwise", lambda a, b: a.max(b), lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("min_elementwise", lambda a, b: a.min(b), lambda L: (var((2, 3), L), var((3,), L, seed=1))),
    # ---- reductions ----
    ("sum", lambda a: a.sum(), lambda L: (var((2, 3), L),)),
    ("sum_dim", lambda a: a.sum(1), lambda L: (var((2, 3), L),)),
    ("sum_keepdim", lambda a: a.sum(0, keepdim=True), lambda L: (var((2, 3), L),)),
    ("sum_1d", lambda a: a.sum(0), lambda L: (var((4,), L),)),
    ("mean", lambda a: a.mean(), lambda L: (var((2, 3), L),)),
    ("mean_dim", lambda a: a.mean(-1), lambda L: (var((2, 3), L),)),
    ("prod", lambda a: a.prod(), lambda L: (pos((2, 3), L),)),
    ("prod_dim", lambda a: a.prod(1, keepdim=True),
     lambda L: (pos((2, 3), L),)),
    ("max_all", lambda a: a.max(), lambda L: (var((2, 3), L),)),
    ("max_dim", lambda a: a.max(1)[0], lambda L: (var((2, 3), L),)),
    ("min_dim_keepdim", lambda a: a.min(0, keepdim=True)[0], lambda L: (var((2, 3), L),)),
    ("median_dim", lambda a: a.median(1)[0],
     lambda L: (var((2, 5), L),)),
    ("kthvalue", lambda a: a.kthvalue(2, 1)[0],
     lambda L: (var((2, 4), L),)),
    ("sort", lambda a: a.sort(1)[0], lambda L: (var((2, 4), L),)),
    ("sort_descending", lambda a: a.sort(0, True)[0],
     lambda L: (var((3, 2), L),)),
    ("topk", lambda a: a.topk(2, 1)[0], lambda L: (var((2, 4), L),)),
    ("var", lambda a: a.var(), lambda L: (var((2, 3), L),)),
    ("var_dim", lambda a: a.var(1), lambda L: (var((2, 3), L),)),
    ("std_keepdim", lambda a: a.std(0, keepdim=True),
     lambda L: (var((3, 2), L),)),
    ("norm", lambda a: a.norm(), lambda L: (var((2, 3), L),)),
    ("norm_p3_dim", lambda a: a.norm(3, 1),
     lambda L: (var((2, 3), L),)),
    ("norm_p1", lambda a: a.norm(1), lambda L: (var((2, 3), L),)),
    ("dist", lambda a, b: a.dist(b),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("cumsum", lambda a: a.cumsum(1), lambda L: (var((2, 4), L),)),
    ("cumprod", lambda a: a.cumprod(0), lambda L: (pos((3, 2), L),)),
    ("trace", lambda a: a.trace(), lambda L: (var((3, 4), L),)),
    # ---- BLAS ----
    ("mm", lambda a, b: a.mm(b), lambda L: (var((2, 3), L), var((3, 4), L, seed=1))),
    ("mv", lambda a, b: a.mv(b), lambda L: (var((2, 3), L), var((3,), L, seed=1))),
    ("bmm", lambda a, b: a.bmm(b),
     lambda L: (var((2, 2, 3), L), var((2, 3, 2), L, seed=1))),
    ("dot", lambda a, b: a.dot(b), lambda L: (var((4,), L), var((4,), L, seed=1))),
    ("ger", lambda a, b: a.ger(b), lambda L: (var((3,), L), var((2,), L, seed=1))),
    ("matmul_1d_2d", lambda a, b: a.matmul(b),
     lambda L: (var((3,), L), var((3, 2), L, seed=1))),
    ("matmul_batched", lambda a, b: a @ b,
     lambda L: (var((2, 2, 3), L), var((3, 2), L, seed=1))),
    ("matmul_3d_1d", lambda a, b: a @ b,
     lambda L: (var((2, 2, 3), L), var((3,), L, seed=1))),
    ("addmm", lambda m, a, b: m.addmm(0.5, 2, a, b),
     lambda L: (var((2, 1), L), var((2, 3), L, seed=1), var((3, 4), L, seed=2))),
    ("addmv", lambda m, a, b: m.addmv(a, b),
     lambda L: (var((2,), L), var((2, 3), L, seed=1), var((3,), L, seed=2))),
    ("addr", lambda m, a, b: m.addr(a, b),
     lambda L: (var((3, 2), L), var((3,), L, seed=1), var((2,), L, seed=2))),
    ("addbmm", lambda m, a, b: m.addbmm(a, b),
     lambda L: (var((2, 2), L), var((2, 2, 3), L, seed=1), var((2, 3, 2), L, seed=2))),
    ("baddbmm", lambda m, a, b: m.baddbmm(a, b),
     lambda L: (var((2, 2, 2), L), var((2, 2, 3), L, seed=1), var((2, 3, 2), L, seed=2))),
    ("inverse", lambda a: (a + 3).inverse(), lambda L: (var((3, 3), L),)),
    ("cross", lambda a, b: a.cross(b), lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    # ---- LAPACK (matrices made well-conditioned / positive definite inside the function) ----
    ("potrf_upper", lambda x: _spd(x).potrf(), lambda L: (var((3, 3), L),)),
    ("potrf_lower", lambda x: _spd(x).potrf(False), lambda L: (var((3, 3), L),)),
    ("gesv", lambda b, a: ptorch.gesv(b, _wc(a))[0],
     lambda L: (var((3, 2), L), var((3, 3), L, seed=1))),
    ("gesv_vector", lambda b, a: b.gesv(_wc(a))[0],
     lambda L: (var((3,), L), var((3, 3), L, seed=1))),
    ("trtrs_upper", lambda b, a: b.trtrs(_wc(a))[0],
     lambda L: (var((3, 2), L), var((3, 3), L, seed=1))),
    ("trtrs_lower_transpose", lambda b, a: ptorch.trtrs(b, _wc(a), False, True)[0],
     lambda L: (var((3, 2), L), var((3, 3), L, seed=1))),
    ("trtrs_unitriangular", lambda b, a: b.trtrs(a, True, False, True)[0],
     lambda L: (var((3, 1), L), var((3, 3), L, seed=1))),
    ("potrs_upper", lambda b, x: b.potrs(_spd(x).potrf()),
     lambda L: (var((3, 2), L), var((3, 3), L, seed=1))),
    ("potrs_lower_factor", lambda b, f: b.potrs(_wc(f), False),
     lambda L: (var((3, 2), L), var((3, 3), L, seed=1))),
    ("potri", lambda x: _spd(x).potrf().potri(), lambda L: (var((3, 3), L),)),
    ("potri_factor", lambda f: _wc(f).potri(), lambda L: (var((3, 3), L),)),
    ("potri_lower_factor", lambda f: _wc(f).potri(False), lambda L: (var((3, 3), L),)),
    ("renorm", lambda a: (a * _rows([0.3, 1.5, 2.0])).renorm(2, 0, 1.2),
     lambda L: (pos((3, 4), L),)),
    ("renorm_dim1_p1", lambda a: (a * _rows([0.2, 1.0, 2.0]).view(3, 1)).renorm(1, 1, 1.9),
     lambda L: (pos((2, 3, 2), L),)),
    # ---- shapes and views ----
    ("view", lambda a: a.view(3, 2) * 1, lambda L: (var((2, 3)),)),
    ("expand", lambda a: a.expand(2, 3, 2), lambda L: (var((3, 1), L),)),
    ("expand_as", lambda a, b: a.expand_as(b),
     lambda L: (var((1, 3), L), var((2, 3), L, seed=1))),
    ("transpose", lambda a: a.transpose(0, 2), lambda L: (var((2, 3, 2), L),)),
    ("t", lambda a: a.t(), lambda L: (var((2, 3), L),)),
    ("permute", lambda a: a.permute(2, 0, 1), lambda L: (var((2, 3, 2), L),)),
    ("squeeze", lambda a: a.squeeze(), lambda L: (var((2, 1, 3), L),)),
    ("squeeze_dim", lambda a: a.squeeze(1), lambda L: (var((2, 1, 3), L),)),
    ("unsqueeze", lambda a: a.unsqueeze(-1), lambda L: (var((2, 3), L),)),
    ("narrow", lambda a: a.narrow(1, 1, 2), lambda L: (var((2, 4), L),)),
    ("select", lambda a: a.select(1, 2), lambda L: (var((2, 4), L),)),
    ("select_1d", lambda a: a.select(0, -1), lambda L: (var((4,), L),)),
    ("getitem_basic", lambda a: a[1:, None, ..., ::2], lambda L: (var((3, 4), L),)),
    ("getitem_int", lambda a: a[1, 2], lambda L: (var((3, 4), L),)),
    ("getitem_long", lambda a: a[long_t([0, 2, 0])], lambda L: (var((3, 2), L),)),
    ("getitem_pairs", lambda a: a[[0, 2, 2], [1, 0, 1]], lambda L: (var((3, 2), L),)),
    ("getitem_mask", lambda a: a[byte_t([[1, 0], [0, 1], [1, 1]])],
     lambda L: (var((3, 2), L),)),
    ("chunk", lambda a: a.chunk(2, 1), lambda L: (var((2, 3), L),)),
    ("split", lambda a: a.split(2, 0), lambda L: (var((3, 2), L),)),
    ("unbind", lambda a: a.unbind(1), lambda L: (var((2, 3), L),)),
    ("cat", lambda a, b: ptorch.cat([a, b], 1),
     lambda L: (var((2, 3), L), var((2, 1), L, seed=1))),
    ("stack", lambda a, b: ptorch.stack([a, b], 1),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1))),
    ("repeat", lambda a: a.repeat(2, 1, 2), lambda L: (var((2, 3), L),)),
    ("unfold", lambda a: a.unfold(1, 2, 1), lambda L: (var((2, 4), L),)),
    ("diag_2d", lambda a: a.diag(1), lambda L: (var((3, 4), L),)),
    ("diag_1d", lambda a: a.diag(-1), lambda L: (var((3,), L),)),
    ("tril", lambda a: a.tril(), lambda L: (var((3, 3), L),)),
    ("triu", lambda a: a.triu(1), lambda L: (var((3, 4), L),)),
    ("contiguous", lambda a: a.contiguous(), lambda L: (var((2, 3), L),)),
    ("clone", lambda a: a.clone(), lambda L: (var((2, 3), L),)),
    # ---- indexing ----
    ("index_select", lambda a: a.index_select(0, long_t([2, 0, 2])), lambda L: (var((3, 2), L),)),
    ("gather", lambda a: a.gather(1, long_t([[0, 0], [1, 0], [2, 1]])),
     lambda L: (var((3, 3), L),)),
    ("scatter", lambda a, b: a.scatter(1, long_t([[0], [2]]), b),
     lambda L: (var((2, 3), L), var((2, 1), L, seed=1))),
    ("masked_select", lambda a: a.masked_select(byte_t([1, 0, 1])), lambda L: (var((2, 3), L),)),
    ("masked_fill", lambda a: a.masked_fill(byte_t([[1, 0, 1], [0, 0, 1]]), 2.0),
     lambda L: (var((2, 3), L),)),
    ("masked_scatter", lambda a, b: a.masked_scatter(byte_t([[1, 0, 1], [0, 0, 1]]), b),
     lambda L: (var((2, 3), L), var((4,), L, seed=1))),
    ("index_add", lambda a, b: a.index_add(0, long_t([1, 1]), b),
     lambda L: (var((3, 2), L), var((2, 2), L, seed=1))),
    ("index_copy", lambda a, b: a.index_copy(0, long_t([2, 0]), b),
     lambda L: (var((3, 2), L), var((2, 2), L, seed=1))),
    ("index_fill", lambda a: a.index_fill(1, long_t([1]), -1.0), lambda L: (var((3, 2), L),)),
    ("setitem", lambda a, b: _setitem(a, b),
     lambda L: (var((3, 4), L), var((4,), L, seed=1))),
]


def _eye(n):
    return Variable(ptorch.eye(n).double())


def _wc(a):
    """A well-conditioned matrix (diagonally dominant) from a."""
    return a + _eye(a.size(0)) * 3


def _spd(x):
    """A symmetric positive-definite matrix from x."""
    return x.mm(x.t()) + _eye(x.size(0)) * x.size(0)


def _rows(scales):
    """A constant column scaling the rows of a matrix."""
    return Variable(ptorch.DoubleTensor(scales).view(-1, 1))


def _setitem(a, b):
    c = a * 1
    c[1] = b
    c[0, 1:3] = 5
    return c


IDS = [row[0] for row in OPS]


def test_table_has_no_duplicate_ids():
    assert len(set(r[0] for r in OPS)) == len(OPS)


@pytest.mark.parametrize("layout", ["contiguous", "strided"])
@pytest.mark.parametrize("row", OPS, ids=IDS)
def test_gradcheck(row, layout):
    _, fn, inputs = row
    assert gradcheck(fn, inputs(layout), eps=1e-6, atol=1e-5, rtol=1e-3)


@pytest.mark.parametrize("row", OPS, ids=IDS)
def test_gradgradcheck(row):
    _, fn, inputs = row
    assert gradgradcheck(fn, inputs("contiguous"), eps=1e-6, atol=1e-5, rtol=1e-3)
