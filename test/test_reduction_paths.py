"""The code paths of sum, prod, mean, max and min along a dimension and over a whole tensor:
column blocks (the reduced dimension is not the innermost in memory; merged dimensions,
several blocks, several threads, row passes and their tails), vectorised lines (blocks and
lanes) and their NaN and signed-zero handling, against sequential NumPy references, for every
type and layout."""
import math

import numpy as np
import pytest

import ptorch
from common import ALL_REALS, FLOAT_REALS, LAYOUTS, make, tensor_class

# (shape, dims): 40000 elements run on several threads, 40 rows are two passes of 16 rows and
# a tail, 4100 columns are two blocks, the 5000-long lines are two vectorised blocks.
CASES = [((40, 1000), (0, 1)), ((5, 4100), (0, 1)), ((3, 37, 50), (0, 1, 2)),
         ((2, 3, 33, 7), (0, 1, 2, 3)), ((3, 5000), (0, 1))]


def seq_reduce(a, dim, op):
    """op along dim, the elements combined in order in the accumulation type (double or
    long), as ptorch does, then converted to a's type."""
    x = np.moveaxis(a, dim, 0).astype(acc_dtype_of(a))
    acc = np.ones(x.shape[1:], x.dtype) if op == "prod" else np.zeros(x.shape[1:], x.dtype)
    for row in x:
        acc = acc * row if op == "prod" else acc + row
    if op == "mean":
        n = a.shape[dim]
        if a.dtype.kind == "f":
            acc = acc / n
        else:  # integer division, truncated towards zero
            acc = np.sign(acc) * (np.abs(acc) // n)
    return acc.astype(a.dtype)


def acc_dtype_of(a):
    return np.float64 if a.dtype.kind == "f" else np.int64


def expand(r, dim, keepdim):
    return np.expand_dims(r, dim) if keepdim else r


def bits(x):
    """An array's bytes, to compare NaNs and signed zeros exactly."""
    x = np.ascontiguousarray(x)
    return x.view(np.uint8).tobytes()


def check_exact(t, expected):
    got = t.numpy()
    assert got.shape == expected.shape
    assert got.dtype == expected.dtype
    assert bits(got) == bits(expected)


def check_sum_like(t, expected, real, exact):
    """Exact unless the reduced dimension is the contiguous one, where the sum runs in
    interleaved partial sums (a different order)."""
    if exact or real not in FLOAT_REALS:
        check_exact(t, expected)
    else:
        np.testing.assert_allclose(t.numpy(), expected,
                                   rtol=1e-6 if real == "Float" else 1e-13, atol=1e-12)


def np_extreme(a, dim, largest):
    """Values and indices of the first extreme along dim (the first NaN wins)."""
    idx = np.argmax(a, dim) if largest else np.argmin(a, dim)
    vals = np.take_along_axis(a, np.expand_dims(idx, dim), dim).squeeze(dim)
    return vals, idx.astype(np.int64)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("shape,dims", CASES)
def test_sum_mean_along_dims(real, layout, shape, dims):
    t, a = make(real, shape, layout, rng=np.random.default_rng(1))
    for d in dims:
        exact = t.stride(d) != 1
        for keepdim in (False, True):
            check_sum_like(t.sum(d, keepdim), expand(seq_reduce(a, d, "sum"), d, keepdim), real,
                           exact)
        check_sum_like(t.mean(d), seq_reduce(a, d, "mean"), real, exact)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("shape,dims", CASES[:4])
def test_prod_along_dims(real, layout, shape, dims):
    lo, hi = (0.9, 1.1) if real in FLOAT_REALS else (0 if real == "Byte" else -1, 2)
    t, a = make(real, shape, layout, rng=np.random.default_rng(2), low=lo, high=hi)
    for d in dims:
        check_sum_like(t.prod(d, d == 0), expand(seq_reduce(a, d, "prod"), d, d == 0), real,
                       True)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("shape,dims", CASES)
def test_max_min_along_dims(real, layout, shape, dims):
    # Byte in 0..3 and Char in -2..1 have many ties: the first one must win.
    lo, hi = {"Byte": (0, 4), "Char": (-2, 2)}.get(real, (None, None))
    t, a = make(real, shape, layout, rng=np.random.default_rng(3), low=lo, high=hi)
    for d in dims:
        for largest in (True, False):
            for keepdim in (False, True):
                v, i = t.max(d, keepdim) if largest else t.min(d, keepdim)
                ev, ei = np_extreme(a, d, largest)
                check_exact(v, expand(ev, d, keepdim))
                check_exact(i, expand(ei, d, keepdim))


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_full_max_min_sum(real, layout):
    t, a = make(real, (300, 257), layout, rng=np.random.default_rng(4))
    assert t.max() == a.max() and t.min() == a.min()
    s = t.sum()
    if real in FLOAT_REALS:
        assert s == pytest.approx(float(a.astype(np.float64).sum()), rel=1e-12)
    else:
        assert s == int(a.astype(np.int64).sum())


def with_nans(real, shape, layout, spots, seed=5):
    """A float tensor with NaNs (and infinities, which must not count as NaN) at the given
    index tuples of the logical array."""
    t, a = make(real, shape, layout, rng=np.random.default_rng(seed))
    a[(0,) * len(shape)] = np.inf
    a[(1,) * len(shape)] = -np.inf
    for spot in spots:
        a[spot] = np.nan
    t.copy_(tensor_class(real)(np.ascontiguousarray(a)))
    return t, a


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_nan_along_dims(real, layout):
    # Columns with a NaN in row 0, in a row pass, in the tail rows, twice, and none.
    spots = [(0, 3), (5, 4), (37, 5), (20, 6), (2, 6), (39, 999), (17, 500)]
    t, a = with_nans(real, (40, 1000), layout, spots)
    for d in (0, 1):
        for largest in (True, False):
            v, i = t.max(d) if largest else t.min(d)
            ev, ei = np_extreme(a, d, largest)
            check_exact(v, ev)
            check_exact(i, ei)
        np.testing.assert_array_equal(np.isnan(t.sum(d).numpy()),
                                      np.isnan(seq_reduce(a, d, "sum")))


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("pos", [0, 31, 40, 4095, 4096, 4999])
def test_nan_in_long_lines(real, pos):
    # Lines of 5000: two vectorised blocks of 32 lanes and a tail shorter than a lane row.
    t, a = with_nans(real, (3, 5000), "contiguous", [(1, pos), (1, 4998), (2, pos)])
    for largest in (True, False):
        v, i = t.max(1) if largest else t.min(1)
        ev, ei = np_extreme(a, 1, largest)
        check_exact(v, ev)
        check_exact(i, ei)
    assert math.isnan(t.max()) and math.isnan(t.min())


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_nan_full_reduction_large(real):
    t, a = with_nans(real, (200, 300), "contiguous", [(150, 7)])
    assert math.isnan(t.max()) and math.isnan(t.min())
    t2, a2 = make(real, (200, 300), "transposed")
    a2[199, 299] = np.nan
    t2.copy_(tensor_class(real)(a2))
    assert math.isnan(t2.max()) and math.isnan(t2.min())


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("nan_at", [None, 9000])
def test_opposite_infinities_in_one_lane(real, nan_at):
    """The vectorised scan flags a lane whose plain sum is a NaN; inf + -inf makes one without
    any NaN in the data, and the exact extreme (value and first index) must still come out."""
    dtype = np.float32 if real == "Float" else np.float64
    a = np.random.default_rng(8).uniform(-1, 1, size=10000).astype(dtype)
    a[[64, 96, 4096 + 7, 4096 + 39]] = [np.inf, -np.inf, -np.inf, np.inf]  # same lanes
    a[[5000, 5032]] = [np.finfo(dtype).max, np.finfo(dtype).max]  # a lane that overflows
    if nan_at is not None:
        a[nan_at] = np.nan
    a = a.reshape(1, -1)
    t = tensor_class(real)(a)
    for largest in (True, False):
        v, i = t.max(1) if largest else t.min(1)
        ev, ei = np_extreme(a, 1, largest)
        check_exact(v, ev)
        check_exact(i, ei)
    np.testing.assert_equal(t.max(), np.nan if nan_at else np.inf)
    np.testing.assert_equal(t.min(), np.nan if nan_at else -np.inf)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("n", [5, 100, 5000])
def test_signed_zeros_first_wins(real, n):
    """max and min of equal -0 and 0 give the first of them, value bits and index."""
    dtype = np.float32 if real == "Float" else np.float64
    a = -np.abs(np.random.default_rng(6).uniform(1, 2, size=(n, 3))).astype(dtype)
    a[n // 2, 0], a[n - 1, 0] = -0.0, 0.0      # column 0: -0 first
    a[n // 3, 1], a[n - 2, 1] = 0.0, -0.0      # column 1: 0 first
    a[:, 2] = -0.0                             # column 2: all -0
    a[n // 2, 2] = 0.0
    for t, d in ((tensor_class(real)(a), 0), (tensor_class(real)(np.ascontiguousarray(a.T)), 1)):
        x = a if d == 0 else np.ascontiguousarray(a.T)
        v, i = t.max(d)
        ev, ei = np_extreme(x, d, True)
        check_exact(v, ev)
        check_exact(i, ei)
    line = tensor_class(real)(np.ascontiguousarray(a[:, 0]))
    assert math.copysign(1.0, line.max()) == -1.0
    flipped = -a[:, 1]  # 0 first becomes -0 first for min
    assert math.copysign(1.0, tensor_class(real)(np.ascontiguousarray(flipped)).min()) == -1.0


@pytest.mark.parametrize("real", ["Int", "Float", "Double"])
def test_column_path_into_noncontiguous_out(real):
    t, a = make(real, (40, 1000), "contiguous")
    big = tensor_class(real)(2, 1000).zero_()
    out = big._slice(0, 0, 2, 2)  # (1, 1000) view
    r = t.sum(0, True, out=out)
    check_exact(r, np.expand_dims(seq_reduce(a, 0, "sum"), 0))
    values = tensor_class(real)(1000, 2).zero_().t()._slice(0, 0, 1, 1)  # stride 2 along dim 1
    idx = ptorch.LongTensor(1000, 3).zero_().t()._slice(0, 0, 1, 1)
    v, i = t.max(0, True, out=(values, idx))
    ev, ei = np_extreme(a, 0, True)
    check_exact(v, np.expand_dims(ev, 0))
    check_exact(i, np.expand_dims(ei, 0))


def test_expanded_input_along_dims():
    """A broadcast (stride 0) input reduces like its copy."""
    base = ptorch.FloatTensor(np.arange(7, dtype=np.float32))
    e = base.view(1, 7).expand(50, 7)
    a = np.broadcast_to(np.arange(7, dtype=np.float32), (50, 7))
    check_exact(e.sum(0), seq_reduce(a, 0, "sum"))
    check_exact(e.sum(1), seq_reduce(np.ascontiguousarray(a), 1, "sum"))
    v, i = e.max(0)
    check_exact(v, a.max(0))
    check_exact(i, np.zeros(7, np.int64))
