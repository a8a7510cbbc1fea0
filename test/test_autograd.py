"""ptorch.autograd: one table drives gradcheck and gradgradcheck (double inputs, contiguous,
non-contiguous and broadcast) over the differentiable ops; then the engine (accumulation,
hooks, retain_graph, create_graph, autograd.grad), custom Functions in both styles, and
every bad-input error.

Each table row names the tensor methods its forward and backward need; a row runs once
those tensor families are on the branch (the formulas of the others are written already)."""
import numpy as np
import pytest

import ptorch
from ptorch.autograd import Variable, gradcheck, gradgradcheck
from common import make

D = ptorch.DoubleTensor


def has(*methods):
    return all(hasattr(D, m) for m in methods)


BASIC = ("add", "mul", "sum")          # the engine sums gradients; broadcasting sums back
PW = BASIC + ("neg", "div")


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


# (id, function, inputs(layout) -> tuple, tensor methods needed)
OPS = [
    # ---- pointwise, including broadcasting ----
    ("add", lambda a, b: a + b, lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW),
    ("add_broadcast", lambda a, b: a + b, lambda L: (var((2, 3), L), var((3,), L, seed=1)), PW),
    ("add_scalar", lambda a: 2 + a, lambda L: (var((2, 3), L),), PW),
    ("add_value_other", lambda a, b: a.add(0.5, b),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW),
    ("sub_broadcast", lambda a, b: a - b, lambda L: (var((2, 1), L), var((1, 3), L, seed=1)), PW),
    ("rsub", lambda a: 1 - a, lambda L: (var((2, 3), L),), PW),
    ("mul", lambda a, b: a * b, lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW),
    ("mul_broadcast", lambda a, b: a * b,
     lambda L: (var((4, 2, 3), L), var((2, 1), L, seed=1)), PW),
    ("mul_scalar", lambda a: a * 3, lambda L: (var((2, 3), L),), PW),
    ("div", lambda a, b: a / b, lambda L: (var((2, 3), L), pos((2, 3), L, seed=1)), PW),
    ("div_broadcast", lambda a, b: a / b, lambda L: (var((2, 3), L), pos((3,), L, seed=1)), PW),
    ("rdiv", lambda a: 2 / a, lambda L: (pos((2, 3), L),), PW + ("reciprocal",)),
    ("neg", lambda a: -a, lambda L: (var((2, 3), L),), PW),
    ("pow_scalar", lambda a: a ** 3, lambda L: (var((2, 3), L),), PW + ("pow",)),
    ("pow_frac", lambda a: a.pow(0.5), lambda L: (pos((2, 3), L),), PW + ("pow",)),
    ("pow_var", lambda a, b: a ** b,
     lambda L: (pos((2, 3), L), var((3,), L, seed=1)), PW + ("pow", "log")),
    ("rpow", lambda a: 2 ** a, lambda L: (var((2, 3), L),), PW + ("pow",)),
] + [
    (name, _unary_fn(name), _unary_inputs(lo, hi), PW + (name,) + extra)
    for name, lo, hi, extra in [
        ("exp", -1, 1, ()), ("log", 0.5, 2, ()), ("log1p", 0.1, 2, ()), ("sqrt", 0.5, 2, ("pow",)),
        ("rsqrt", 0.5, 2, ("pow",)), ("reciprocal", 0.5, 2, ()), ("sin", -2, 2, ("cos",)),
        ("cos", -2, 2, ("sin",)), ("tan", -1, 1, ()), ("asin", -0.8, 0.8, ("rsqrt",)),
        ("acos", -0.8, 0.8, ("rsqrt",)), ("atan", -2, 2, ()), ("sinh", -1, 1, ("cosh",)),
        ("cosh", -1, 1, ("sinh",)), ("tanh", -2, 2, ()), ("sigmoid", -2, 2, ()),
        ("abs", 0.2, 1, ("sign",)), ("frac", 0.1, 0.9, ()), ("floor", 0.1, 0.9, ()),
        ("ceil", 0.1, 0.9, ()), ("round", 0.1, 0.4, ()), ("trunc", 0.1, 0.9, ()),
        ("sign", 0.1, 1, ()),
    ]
] + [
    ("abs_negative", lambda a: (-a).abs(), lambda L: (pos((2, 3), L),), PW + ("abs", "sign")),
    ("clamp", lambda a: a.clamp(-0.5, 0.5),
     lambda L: (var((3, 4), L),), PW + ("clamp", "ge", "le")),
    ("clamp_min", lambda a: a.clamp(min=0.1), lambda L: (var((3, 4), L),), PW + ("clamp", "ge")),
    ("fmod_scalar", lambda a: a.fmod(0.7), lambda L: (var((2, 3), L, 0.1, 2),), PW + ("fmod",)),
    ("remainder_var", lambda a, b: a.remainder(b),
     lambda L: (var((2, 3), L, 0.1, 2), pos((2, 3), L, seed=1)),
     PW + ("remainder", "floor")),
    ("atan2", lambda a, b: a.atan2(b),
     lambda L: (var((2, 3), L), pos((2, 3), L, seed=1)), PW + ("atan2",)),
    ("lerp", lambda a, b: a.lerp(b, 0.3), lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW),
    ("addcmul", lambda a, b, c: a.addcmul(0.5, b, c),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1), var((3,), L, seed=2)), PW),
    ("addcdiv", lambda a, b, c: a.addcdiv(0.5, b, c),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1), pos((2, 3), L, seed=2)), PW),
    ("max_elementwise", lambda a, b: a.max(b), lambda L: (var((2, 3), L), var((2, 3), L, seed=1)),
     PW + ("max", "ge")),
    ("min_elementwise", lambda a, b: a.min(b), lambda L: (var((2, 3), L), var((3,), L, seed=1)),
     PW + ("min", "le")),
    # ---- reductions ----
    ("sum", lambda a: a.sum(), lambda L: (var((2, 3), L),), PW + ("expand",)),
    ("sum_dim", lambda a: a.sum(1), lambda L: (var((2, 3), L),), PW),
    ("sum_keepdim", lambda a: a.sum(0, keepdim=True), lambda L: (var((2, 3), L),), PW),
    ("sum_1d", lambda a: a.sum(0), lambda L: (var((4,), L),), PW),
    ("mean", lambda a: a.mean(), lambda L: (var((2, 3), L),), PW + ("mean",)),
    ("mean_dim", lambda a: a.mean(-1), lambda L: (var((2, 3), L),), PW + ("mean",)),
    ("prod", lambda a: a.prod(), lambda L: (pos((2, 3), L),), PW + ("prod", "eq")),
    ("prod_dim", lambda a: a.prod(1, keepdim=True),
     lambda L: (pos((2, 3), L),), PW + ("prod", "eq")),
    ("max_all", lambda a: a.max(), lambda L: (var((2, 3), L),), PW + ("max", "gather")),
    ("max_dim", lambda a: a.max(1)[0], lambda L: (var((2, 3), L),), PW + ("max", "gather")),
    ("min_dim_keepdim", lambda a: a.min(0, keepdim=True)[0], lambda L: (var((2, 3), L),),
     PW + ("min", "gather")),
    ("median_dim", lambda a: a.median(1)[0],
     lambda L: (var((2, 5), L),), PW + ("median", "gather")),
    ("kthvalue", lambda a: a.kthvalue(2, 1)[0],
     lambda L: (var((2, 4), L),), PW + ("kthvalue", "gather")),
    ("sort", lambda a: a.sort(1)[0], lambda L: (var((2, 4), L),), PW + ("sort", "gather")),
    ("sort_descending", lambda a: a.sort(0, True)[0],
     lambda L: (var((3, 2), L),), PW + ("sort", "gather")),
    ("topk", lambda a: a.topk(2, 1)[0], lambda L: (var((2, 4), L),), PW + ("topk", "gather")),
    ("var", lambda a: a.var(), lambda L: (var((2, 3), L),), PW + ("mean",)),
    ("var_dim", lambda a: a.var(1), lambda L: (var((2, 3), L),), PW + ("mean",)),
    ("std_keepdim", lambda a: a.std(0, keepdim=True),
     lambda L: (var((3, 2), L),), PW + ("mean", "sqrt")),
    ("norm", lambda a: a.norm(), lambda L: (var((2, 3), L),), PW + ("sqrt",)),
    ("norm_p3_dim", lambda a: a.norm(3, 1),
     lambda L: (var((2, 3), L),), PW + ("abs", "pow", "sign")),
    ("norm_p1", lambda a: a.norm(1), lambda L: (var((2, 3), L),), PW + ("abs", "sign")),
    ("dist", lambda a, b: a.dist(b),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW + ("sqrt",)),
    ("cumsum", lambda a: a.cumsum(1), lambda L: (var((2, 4), L),), PW + ("cumsum",)),
    ("cumprod", lambda a: a.cumprod(0), lambda L: (pos((3, 2), L),), PW + ("cumprod", "cumsum")),
    ("trace", lambda a: a.trace(), lambda L: (var((3, 4), L),), PW),
    # ---- BLAS ----
    ("mm", lambda a, b: a.mm(b), lambda L: (var((2, 3), L), var((3, 4), L, seed=1)), PW + ("mm",)),
    ("mv", lambda a, b: a.mv(b), lambda L: (var((2, 3), L), var((3,), L, seed=1)), PW + ("mv",)),
    ("bmm", lambda a, b: a.bmm(b),
     lambda L: (var((2, 2, 3), L), var((2, 3, 2), L, seed=1)), PW + ("bmm",)),
    ("dot", lambda a, b: a.dot(b), lambda L: (var((4,), L), var((4,), L, seed=1)), PW),
    ("ger", lambda a, b: a.ger(b), lambda L: (var((3,), L), var((2,), L, seed=1)), PW),
    ("matmul_1d_2d", lambda a, b: a.matmul(b),
     lambda L: (var((3,), L), var((3, 2), L, seed=1)), PW + ("mm",)),
    ("matmul_batched", lambda a, b: a @ b,
     lambda L: (var((2, 2, 3), L), var((3, 2), L, seed=1)), PW + ("bmm",)),
    ("matmul_3d_1d", lambda a, b: a @ b,
     lambda L: (var((2, 2, 3), L), var((3,), L, seed=1)), PW + ("bmm",)),
    ("addmm", lambda m, a, b: m.addmm(0.5, 2, a, b),
     lambda L: (var((2, 1), L), var((2, 3), L, seed=1), var((3, 4), L, seed=2)), PW + ("mm",)),
    ("addmv", lambda m, a, b: m.addmv(a, b),
     lambda L: (var((2,), L), var((2, 3), L, seed=1), var((3,), L, seed=2)),
     PW + ("mv",)),
    ("addr", lambda m, a, b: m.addr(a, b),
     lambda L: (var((3, 2), L), var((3,), L, seed=1), var((2,), L, seed=2)), PW),
    ("addbmm", lambda m, a, b: m.addbmm(a, b),
     lambda L: (var((2, 2), L), var((2, 2, 3), L, seed=1), var((2, 3, 2), L, seed=2)),
     PW + ("bmm",)),
    ("baddbmm", lambda m, a, b: m.baddbmm(a, b),
     lambda L: (var((2, 2, 2), L), var((2, 2, 3), L, seed=1), var((2, 3, 2), L, seed=2)),
     PW + ("bmm",)),
    ("inverse", lambda a: (a + 3).inverse(), lambda L: (var((3, 3), L),), PW + ("inverse", "mm")),
    ("cross", lambda a, b: a.cross(b), lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), PW),
    # ---- shapes and views ----
    ("view", lambda a: a.view(3, 2) * 1, lambda L: (var((2, 3)),), BASIC),
    ("expand", lambda a: a.expand(2, 3, 2), lambda L: (var((3, 1), L),), BASIC),
    ("expand_as", lambda a, b: a.expand_as(b),
     lambda L: (var((1, 3), L), var((2, 3), L, seed=1)), BASIC),
    ("transpose", lambda a: a.transpose(0, 2), lambda L: (var((2, 3, 2), L),), BASIC),
    ("t", lambda a: a.t(), lambda L: (var((2, 3), L),), BASIC),
    ("permute", lambda a: a.permute(2, 0, 1), lambda L: (var((2, 3, 2), L),), BASIC),
    ("squeeze", lambda a: a.squeeze(), lambda L: (var((2, 1, 3), L),), BASIC),
    ("squeeze_dim", lambda a: a.squeeze(1), lambda L: (var((2, 1, 3), L),), BASIC),
    ("unsqueeze", lambda a: a.unsqueeze(-1), lambda L: (var((2, 3), L),), BASIC),
    ("narrow", lambda a: a.narrow(1, 1, 2), lambda L: (var((2, 4), L),), BASIC),
    ("select", lambda a: a.select(1, 2), lambda L: (var((2, 4), L),), BASIC),
    ("select_1d", lambda a: a.select(0, -1), lambda L: (var((4,), L),), BASIC),
    ("getitem_basic", lambda a: a[1:, None, ..., ::2], lambda L: (var((3, 4), L),), BASIC),
    ("getitem_int", lambda a: a[1, 2], lambda L: (var((3, 4), L),), BASIC),
    ("getitem_long", lambda a: a[long_t([0, 2, 0])], lambda L: (var((3, 2), L),), BASIC),
    ("getitem_pairs", lambda a: a[[0, 2, 2], [1, 0, 1]], lambda L: (var((3, 2), L),), BASIC),
    ("getitem_mask", lambda a: a[byte_t([[1, 0], [0, 1], [1, 1]])],
     lambda L: (var((3, 2), L),), BASIC),
    ("chunk", lambda a: a.chunk(2, 1), lambda L: (var((2, 3), L),), BASIC),
    ("split", lambda a: a.split(2, 0), lambda L: (var((3, 2), L),), BASIC),
    ("unbind", lambda a: a.unbind(1), lambda L: (var((2, 3), L),), BASIC),
    ("cat", lambda a, b: ptorch.cat([a, b], 1),
     lambda L: (var((2, 3), L), var((2, 1), L, seed=1)), BASIC),
    ("stack", lambda a, b: ptorch.stack([a, b], 1),
     lambda L: (var((2, 3), L), var((2, 3), L, seed=1)), BASIC),
    ("repeat", lambda a: a.repeat(2, 1, 2), lambda L: (var((2, 3), L),), BASIC),
    ("unfold", lambda a: a.unfold(1, 2, 1), lambda L: (var((2, 4), L),), BASIC + ("unfold",)),
    ("diag_2d", lambda a: a.diag(1), lambda L: (var((3, 4), L),), BASIC),
    ("diag_1d", lambda a: a.diag(-1), lambda L: (var((3,), L),), BASIC),
    ("tril", lambda a: a.tril(), lambda L: (var((3, 3), L),), BASIC),
    ("triu", lambda a: a.triu(1), lambda L: (var((3, 4), L),), BASIC),
    ("contiguous", lambda a: a.contiguous(), lambda L: (var((2, 3), L),), BASIC),
    ("clone", lambda a: a.clone(), lambda L: (var((2, 3), L),), BASIC),
    # ---- indexing ----
    ("index_select", lambda a: a.index_select(0, long_t([2, 0, 2])), lambda L: (var((3, 2), L),),
     BASIC + ("index_select", "index_add_")),
    ("gather", lambda a: a.gather(1, long_t([[0, 0], [1, 0], [2, 1]])), lambda L: (var((3, 3), L),),
     BASIC + ("gather",)),
    ("scatter", lambda a, b: a.scatter(1, long_t([[0], [2]]), b),
     lambda L: (var((2, 3), L), var((2, 1), L, seed=1)), BASIC + ("scatter_", "gather")),
    ("masked_select", lambda a: a.masked_select(byte_t([1, 0, 1])), lambda L: (var((2, 3), L),),
     BASIC + ("masked_select", "masked_scatter_")),
    ("masked_fill", lambda a: a.masked_fill(byte_t([[1, 0, 1], [0, 0, 1]]), 2.0),
     lambda L: (var((2, 3), L),),
     BASIC + ("masked_fill_",)),
    ("masked_scatter", lambda a, b: a.masked_scatter(byte_t([[1, 0, 1], [0, 0, 1]]), b),
     lambda L: (var((2, 3), L), var((4,), L, seed=1)),
     BASIC + ("masked_scatter_", "masked_select", "masked_fill_")),
    ("index_add", lambda a, b: a.index_add(0, long_t([1, 1]), b),
     lambda L: (var((3, 2), L), var((2, 2), L, seed=1)), BASIC + ("index_add_", "index_select")),
    ("index_copy", lambda a, b: a.index_copy(0, long_t([2, 0]), b),
     lambda L: (var((3, 2), L), var((2, 2), L, seed=1)),
     BASIC + ("index_copy_", "index_fill_", "index_select")),
    ("index_fill", lambda a: a.index_fill(1, long_t([1]), -1.0), lambda L: (var((3, 2), L),),
     BASIC + ("index_fill_",)),
    ("setitem", lambda a, b: _setitem(a, b),
     lambda L: (var((3, 4), L), var((4,), L, seed=1)), BASIC),
]


def _setitem(a, b):
    c = a * 1
    c[1] = b
    c[0, 1:3] = 5
    return c


ACTIVE = [row for row in OPS if has(*row[3])]
IDS = [row[0] for row in ACTIVE]


def test_table_has_no_duplicate_ids():
    assert len(set(r[0] for r in OPS)) == len(OPS)


@pytest.mark.parametrize("layout", ["contiguous", "strided"])
@pytest.mark.parametrize("row", ACTIVE, ids=IDS)
def test_gradcheck(row, layout):
    _, fn, inputs, _ = row
    assert gradcheck(fn, inputs(layout), eps=1e-6, atol=1e-5, rtol=1e-3)


@pytest.mark.parametrize("row", ACTIVE, ids=IDS)
def test_gradgradcheck(row):
    _, fn, inputs, _ = row
    assert gradgradcheck(fn, inputs("contiguous"), eps=1e-6, atol=1e-5, rtol=1e-3)
