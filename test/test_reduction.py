"""Reductions (sum, prod, mean, var, std, norm, renorm, dist, max, min, cumsum, cumprod,
median, mode, kthvalue, all, any) against NumPy, for every type and layout."""
import numpy as np
import pytest

import ptorch
from common import (ALL_REALS, FLOAT_REALS, INT_REALS, LAYOUTS, assert_close, make,
                    raises, tensor_class)

SHAPES = [(5,), (3, 4), (2, 3, 4)]


def cases(shapes=SHAPES):
    for shape in shapes:
        for layout in LAYOUTS:
            yield shape, layout


def dims_of(shape):
    return list(range(len(shape))) + [-1]


def check_close(got, expected, real):
    if real in FLOAT_REALS:
        assert_close(got, expected, rtol=1e-4 if real == "Float" else 1e-10,
                     atol=1e-5 if real == "Float" else 1e-12)
    else:
        assert tuple(got.size()) == np.asarray(expected).shape
        np.testing.assert_array_equal(got.numpy(), expected)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
def test_sum_prod_full(real, shape, layout):
    t, a = make(real, shape, layout, low=-3 if real != "Byte" else 0, high=4)
    s = t.sum()
    p = t.prod()
    if real in FLOAT_REALS:
        assert isinstance(s, float)
        assert s == pytest.approx(float(a.astype(np.float64).sum()), rel=1e-6)
        assert p == pytest.approx(float(a.astype(np.float64).prod()), rel=1e-6)
    else:
        assert isinstance(s, int)
        assert s == int(a.astype(np.int64).sum())
        assert p == int(a.astype(np.int64).prod())
    assert ptorch.sum(t) == s and ptorch.prod(t) == p


def reduce_ref(a, dim, keepdim, fn):
    r = fn(a, dim)
    if keepdim:
        r = np.expand_dims(r, dim)
    elif r.ndim == 0:
        r = r.reshape(1)
    return r


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
@pytest.mark.parametrize("keepdim", [False, True])
def test_sum_prod_mean_dim(real, shape, layout, keepdim):
    t, a = make(real, shape, layout, low=-3 if real != "Byte" else 0, high=4)
    dt = a.dtype
    for d in dims_of(shape):
        check_close(t.sum(d, keepdim), reduce_ref(a, d, keepdim, lambda x, k: x.sum(k, dtype=dt)),
                    real)
        check_close(ptorch.sum(t, d, keepdim=keepdim),
                    reduce_ref(a, d, keepdim, lambda x, k: x.sum(k, dtype=dt)), real)
        check_close(t.prod(d, keepdim),
                    reduce_ref(a, d, keepdim, lambda x, k: x.prod(k, dtype=dt)), real)
        if real in FLOAT_REALS:
            mean = lambda x, k: x.astype(np.float64).mean(k).astype(dt)  # noqa: E731
        else:  # integer division, truncated towards zero
            mean = lambda x, k: np.trunc(  # noqa: E731
                x.astype(np.int64).sum(k) / x.shape[k]).astype(dt)
        check_close(t.mean(d, keepdim), reduce_ref(a, d, keepdim, mean), real)


@pytest.mark.parametrize("real", ALL_REALS)
def test_mean_full_is_float(real):
    t, a = make(real, (3, 4), "transposed")
    m = t.mean()
    assert isinstance(m, float)
    assert m == pytest.approx(float(a.astype(np.float64).mean()), rel=1e-6)
    assert ptorch.mean(t) == m


def test_byte_sum_accumulates_in_long():
    t = ptorch.ByteTensor([200, 200, 200])
    assert t.sum() == 600
    assert isinstance(t.sum(), int)


def test_float_sum_accumulates_in_double():
    arr = np.full(1 << 20, 0.1, dtype=np.float32)
    t = ptorch.FloatTensor(arr)
    assert t.sum() == pytest.approx(float(arr.astype(np.float64).sum()), rel=1e-12)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_large_parallel_reductions(real, layout):
    t, a = make(real, (300, 257), layout)
    a64 = a.astype(np.float64)
    assert t.sum() == pytest.approx(float(a64.sum()), rel=1e-9, abs=1e-9)
    for d in (0, 1):
        check_close(t.sum(d), a64.sum(d).astype(a.dtype), real)
        check_close(t.max(d)[0], a.max(d), real)
        np.testing.assert_array_equal(t.max(d)[1].numpy(), a.argmax(d))
        check_close(t.var(d), a64.var(d, ddof=1).astype(a.dtype), real)
    assert t.max() == a.max() and t.min() == a.min()
    assert t.var() == pytest.approx(float(a64.var(ddof=1)), rel=1e-6)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
@pytest.mark.parametrize("unbiased", [True, False])
def test_var_std(real, shape, layout, unbiased):
    t, a = make(real, shape, layout)
    a64 = a.astype(np.float64)
    ddof = 1 if unbiased else 0
    assert t.var(unbiased=unbiased) == pytest.approx(float(a64.var(ddof=ddof)), rel=1e-6)
    assert t.std(unbiased=unbiased) == pytest.approx(float(a64.std(ddof=ddof)), rel=1e-6)
    assert ptorch.std(t, unbiased=unbiased) == t.std(unbiased=unbiased)
    for d in dims_of(shape):
        for keepdim in (False, True):
            check_close(t.var(d, keepdim, unbiased),
                        reduce_ref(a64, d, keepdim, lambda x, k: x.var(k, ddof=ddof)), real)
            check_close(ptorch.std(t, d, keepdim=keepdim, unbiased=unbiased),
                        reduce_ref(a64, d, keepdim, lambda x, k: x.std(k, ddof=ddof)), real)


def test_var_of_one_element_is_nan_unbiased():
    t = ptorch.DoubleTensor([3.0])
    assert np.isnan(t.var())
    assert t.var(unbiased=False) == 0.0


def np_norm(x, p, axis=None):
    x = np.abs(x.astype(np.float64))
    if p == 0:
        return (x != 0).sum(axis).astype(np.float64)
    if np.isinf(p):
        return x.max(axis)
    return (x ** p).sum(axis) ** (1.0 / p)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
@pytest.mark.parametrize("p", [0, 1, 2, 3, 1.5, float("inf")])
def test_norm(real, shape, layout, p):
    t, a = make(real, shape, layout)
    a[tuple(0 for _ in shape)] = 0  # p=0 must skip zeros
    t[tuple(0 for _ in shape)] = 0
    assert t.norm(p) == pytest.approx(float(np_norm(a, p)), rel=1e-6)
    assert ptorch.norm(t, p) == t.norm(p)
    for d in dims_of(shape):
        for keepdim in (False, True):
            check_close(t.norm(p, d, keepdim),
                        reduce_ref(a, d, keepdim, lambda x, k: np_norm(x, p, k)), real)


def test_norm_default_is_2():
    t = ptorch.DoubleTensor([3.0, 4.0])
    assert t.norm() == pytest.approx(5.0)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("p", [1, 2, 3])
def test_renorm(real, layout, p):
    t, a = make(real, (4, 3, 5), layout)
    for d in dims_of((4, 3, 5)):
        maxnorm = 1.2
        moved = np.moveaxis(a.astype(np.float64), d, 0)
        norms = np_norm(moved.reshape(moved.shape[0], -1), p, 1)
        scale = np.where(norms > maxnorm, maxnorm / (norms + 1e-7), 1.0)
        expected = np.moveaxis(moved * scale.reshape((-1,) + (1,) * (moved.ndim - 1)), 0, d)
        check_close(t.renorm(p, d, maxnorm), expected, real)
        check_close(ptorch.renorm(t, p, d, maxnorm), expected, real)
        c = t.clone()
        assert c.renorm_(p, d, maxnorm) is c
        check_close(c, expected, real)
    check_close(t, a, real)  # renorm (not in place) left t alone


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("p", [0, 1, 2, 3, float("inf")])
def test_dist(real, p):
    t1, a1 = make(real, (3, 4), "transposed")
    t2, a2 = make(real, (3, 4), "strided", rng=np.random.default_rng(5))
    assert t1.dist(t2, p) == pytest.approx(float(np_norm(a1 - a2, p)), rel=1e-5)
    assert ptorch.dist(t1, t2, p) == t1.dist(t2, p)
    t3, a3 = make(real, (4,), "contiguous", rng=np.random.default_rng(6))  # broadcast
    assert t1.dist(t3, p) == pytest.approx(float(np_norm(a1 - a3, p)), rel=1e-5)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
def test_max_min(real, shape, layout):
    t, a = make(real, shape, layout)
    assert t.max() == a.max() and t.min() == a.min()
    assert ptorch.max(t) == a.max() and ptorch.min(t) == a.min()
    for d in dims_of(shape):
        for keepdim in (False, True):
            v, i = t.max(d, keepdim)
            check_close(v, reduce_ref(a, d, keepdim, lambda x, k: x.max(k)), real)
            assert type(i) is ptorch.LongTensor
            np.testing.assert_array_equal(i.numpy(),
                                          reduce_ref(a, d, keepdim, lambda x, k: x.argmax(k)))
            v, i = ptorch.min(t, d, keepdim=keepdim)
            check_close(v, reduce_ref(a, d, keepdim, lambda x, k: x.min(k)), real)
            np.testing.assert_array_equal(i.numpy(),
                                          reduce_ref(a, d, keepdim, lambda x, k: x.argmin(k)))


def test_max_min_nan_propagates():
    t = ptorch.DoubleTensor([[1.0, float("nan"), 3.0, float("nan")], [1.0, 5.0, 2.0, 0.0]])
    assert np.isnan(t.max()) and np.isnan(t.min())
    v, i = t.max(1)
    assert np.isnan(v[0]) and i[0] == 1
    assert v[1] == 5.0 and i[1] == 1
    v, i = t.min(1)
    assert np.isnan(v[0]) and i[0] == 1


@pytest.mark.parametrize("real", ["Int", "Float", "Double"])
def test_max_min_elementwise(real):
    t1, a1 = make(real, (3, 4), "transposed")
    t2, a2 = make(real, (3, 4), "strided", rng=np.random.default_rng(3))
    check_close(ptorch.max(t1, t2), np.maximum(a1, a2), real)
    check_close(ptorch.min(t1, t2), np.minimum(a1, a2), real)
    check_close(t1.max(t2), np.maximum(a1, a2), real)
    t3, a3 = make(real, (4,), "contiguous", rng=np.random.default_rng(4))
    check_close(ptorch.max(t1, t3), np.maximum(a1, a3), real)


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
def test_cumsum_cumprod(real, shape, layout):
    t, a = make(real, shape, layout, low=-2 if real != "Byte" else 0, high=3)
    for d in dims_of(shape):
        check_close(t.cumsum(d), np.cumsum(a, d, dtype=a.dtype), real)
        check_close(ptorch.cumsum(t, d), np.cumsum(a, d, dtype=a.dtype), real)
        check_close(t.cumprod(d), np.cumprod(a, d, dtype=a.dtype), real)
        check_close(ptorch.cumprod(t, dim=d), np.cumprod(a, d, dtype=a.dtype), real)


def test_out_argument():
    t, a = make("Double", (3, 4), "transposed")
    out = ptorch.DoubleTensor()
    assert ptorch.sum(t, 1, out=out) is out
    assert_close(out, a.sum(1))
    vals, idx = ptorch.DoubleTensor(), ptorch.LongTensor()
    r = ptorch.max(t, 0, out=(vals, idx))
    assert r[0] is vals and r[1] is idx
    assert_close(vals, a.max(0))
    with raises(TypeError, "expected out to be a DoubleTensor"):
        ptorch.sum(t, 1, out=ptorch.FloatTensor())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_all_any(layout):
    t, a = make("Byte", (3, 4), layout, low=0, high=2)
    assert t.all() is bool(a.all()) and t.any() is bool(a.any())
    assert ptorch.ByteTensor([1, 2, 3]).all() is True
    assert ptorch.ByteTensor([0, 0]).any() is False
    assert ptorch.ByteTensor([0, 1]).any() is True
    assert ptorch.ByteTensor().all() is True and ptorch.ByteTensor().any() is False


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
def test_median_kthvalue(real, shape, layout):
    t, a = make(real, shape, layout)
    flat = np.sort(a.ravel())
    assert t.median() == flat[(flat.size - 1) // 2]
    assert ptorch.median(t) == t.median()
    for d in dims_of(shape):
        n = a.shape[d]
        srt = np.sort(a, d)
        for keepdim in (False, True):
            v, i = t.median(d, keepdim)
            ref = reduce_ref(srt, d, keepdim, lambda x, k: np.take(x, (n - 1) // 2, k))  # noqa: B023
            check_close(v, ref, real)
            # the index points at an element of that value
            kshape = list(a.shape)
            kshape[d] = 1
            picked = np.take_along_axis(a, i.numpy().reshape(kshape), d)
            np.testing.assert_array_equal(picked.reshape(v.numpy().shape), v.numpy())
            for k in (1, n):
                v, i = ptorch.kthvalue(t, k, d, keepdim=keepdim)
                check_close(v, reduce_ref(srt, d, keepdim, lambda x, kk: np.take(x, k - 1, kk)),  # noqa: B023
                            real)


def np_mode(line):
    vals, counts = np.unique(line, return_counts=True)
    return vals[np.argmax(counts)]  # the smallest of the most frequent


@pytest.mark.parametrize("real", ALL_REALS)
@pytest.mark.parametrize("shape,layout", list(cases()))
def test_mode(real, shape, layout):
    t, a = make(real, shape, layout, low=0, high=3)
    if real in FLOAT_REALS:  # repeated values
        t, a = make(real, shape, layout)
        a = np.round(a)
        t = tensor_class(real)(a)
    for d in dims_of(shape):
        v, i = t.mode(d)
        expected = np.apply_along_axis(np_mode, d, a)
        check_close(v, expected.reshape(v.numpy().shape), real)
        idx = np.expand_dims(i.numpy().reshape(expected.shape), d)
        np.testing.assert_array_equal(np.take_along_axis(a, idx, d).squeeze(d), expected)
        v2, _ = ptorch.mode(t, d, keepdim=True)
        assert v2.size(d) == 1


def test_mode_index_is_last_occurrence():
    v, i = ptorch.LongTensor([[2, 1, 2, 3, 1]]).mode(1)
    assert v[0] == 1 and i[0] == 4


def test_reduce_1d_keeps_one_dimension():
    t = ptorch.FloatTensor([1, 2, 3])
    r = t.sum(0)
    assert tuple(r.size()) == (1,) and r[0] == 6


# ---- errors ----

def test_dim_out_of_range():
    t = ptorch.FloatTensor(2, 3).zero_()
    for fn in (lambda: t.sum(2), lambda: t.max(-3), lambda: t.mean(5), lambda: t.var(2),
               lambda: t.cumsum(3), lambda: t.median(2), lambda: t.mode(-4),
               lambda: ptorch.norm(t, 2, 2), lambda: t.kthvalue(1, 2)):
        with raises(IndexError, r"dimension out of range \(expected to be in range of \[-2, 1\]"):
            fn()


def test_kthvalue_k_out_of_range():
    t = ptorch.FloatTensor(2, 3).zero_()
    with raises(IndexError, "k=4 out of range for dimension 1 of size 3"):
        t.kthvalue(4)
    with raises(IndexError, "k=0 out of range"):
        t.kthvalue(0, 1)


def test_empty_reductions():
    e = ptorch.FloatTensor()
    assert e.sum() == 0 and e.prod() == 1
    with raises(RuntimeError, "max: the operation is not defined for an empty tensor"):
        e.max()
    with raises(RuntimeError, "min: the operation is not defined for an empty tensor"):
        e.min()
    with raises(RuntimeError, "mean: the operation is not defined for an empty tensor"):
        e.mean()
    with raises(RuntimeError, "var: the operation is not defined for an empty tensor"):
        e.var()
    with raises(RuntimeError, "median: the operation is not defined for an empty tensor"):
        e.median()
    with raises(IndexError, "dimension 0 out of range"):
        e.sum(0)
    z = ptorch.FloatTensor(3, 0)
    with raises(RuntimeError, r"max: cannot reduce over dimension 1 of size 0 "
                              r"\(input size \[3 x 0\]\)"):
        z.max(1)
    assert tuple(z.sum(1).size()) == (3,) and z.sum(1).sum() == 0


@pytest.mark.parametrize("real", INT_REALS)
def test_float_only_reductions_reject_integer_types(real):
    t = tensor_class(real)(2, 3).zero_()
    for name in ("var", "std", "norm", "renorm", "dist"):
        with raises(TypeError, f"{name} is only supported for FloatTensor and DoubleTensor, "
                               f"got {real}Tensor"):
            getattr(t, name)(1, 1, 1) if name == "renorm" else getattr(t, name)()


def test_bad_norm_arguments():
    t = ptorch.DoubleTensor([[1.0, 2.0]])
    with raises(ValueError, "norm order p must be non-negative, got -1"):
        t.norm(-1)
    with raises(ValueError, "renorm: the norm order p must be positive, got 0"):
        t.renorm(0, 0, 1)
    with raises(ValueError, "maxnorm must be non-negative, got -1"):
        t.renorm(2, 0, -1)
    with raises(TypeError, "expected other to be a DoubleTensor"):
        t.dist(ptorch.FloatTensor([1.0, 2.0]))
    with raises(RuntimeError, "must match the size of tensor b"):
        t.dist(ptorch.DoubleTensor([1.0, 2.0, 3.0]))
    with raises(TypeError, "norm order p to be a number"):
        t.norm("fro")


@pytest.mark.parametrize("fn", ["sum", "prod", "mean", "var", "std", "norm", "max", "min",
                                "median", "mode", "sort"])
def test_functions_reject_non_tensor_input(fn):
    with raises(TypeError, rf"{fn}\(\): expected a tensor as input, got int"):
        getattr(ptorch, fn)(3)
    with raises(TypeError, rf"{fn}\(\): expected a tensor as input, got NoneType"):
        getattr(ptorch, fn)(None)
