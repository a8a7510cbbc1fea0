"""Variable methods beyond the gradient table of test_autograd.py: LAPACK ops on Variables
(values, non-differentiable outputs, forward-only ops, errors) and the rest of torch 0.2's
Variable API (in-place BLAS/triangle/comparison ops, random fills, resize, new, queries)."""
import numpy as np
import pytest

import ptorch
from ptorch.autograd import Variable
from common import raises

D = ptorch.DoubleTensor


def V(values, requires_grad=False, cls=D):
    return Variable(cls(np.asarray(values, dtype=np.float64)), requires_grad=requires_grad)


def arr(v):
    return (v.data if isinstance(v, Variable) else v).numpy()


def spd(n, seed=0, cls=D):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, n))
    return cls(x @ x.T + n * np.eye(n))


def rand(shape, seed=0, cls=D):
    return cls(np.random.default_rng(seed).uniform(-1, 1, shape))


# ---- LAPACK ops with gradients: forward values match the tensor ops ----

@pytest.mark.parametrize("cls", [ptorch.FloatTensor, ptorch.DoubleTensor])
def test_lapack_forward_values_match_tensors(cls):
    a, b = spd(3, cls=cls), rand((3, 2), 1, cls)
    A, B = Variable(a, requires_grad=True), Variable(b, requires_grad=True)
    x, lu = ptorch.gesv(B, A)
    ex, elu = ptorch.gesv(b, a)
    np.testing.assert_array_equal(arr(x), ex.numpy())
    np.testing.assert_array_equal(arr(lu), elu.numpy())
    assert x.requires_grad and not lu.requires_grad
    for upper in (True, False):
        f = A.potrf(upper)
        np.testing.assert_array_equal(arr(f), a.potrf(upper).numpy())
        np.testing.assert_array_equal(arr(B.potrs(f, upper)), b.potrs(f.data, upper).numpy())
        np.testing.assert_array_equal(arr(f.potri(upper)), f.data.potri(upper).numpy())
        s, c = B.trtrs(f, upper, True)
        es, ec = b.trtrs(f.data, upper, True)
        np.testing.assert_array_equal(arr(s), es.numpy())
        np.testing.assert_array_equal(arr(c), ec.numpy())
        assert s.requires_grad and not c.requires_grad


def test_gesv_gradient_against_numpy():
    a, b = spd(3), rand((3, 2), 1)
    A, B = Variable(a, requires_grad=True), Variable(b, requires_grad=True)
    x, _ = B.gesv(A)
    w = rand((3, 2), 2)
    (x * Variable(w)).sum().backward()
    an, bn, wn = a.numpy(), b.numpy(), w.numpy()
    gb = np.linalg.solve(an.T, wn)
    np.testing.assert_allclose(arr(B.grad), gb, rtol=1e-10)
    np.testing.assert_allclose(arr(A.grad), -gb @ np.linalg.solve(an, bn).T, rtol=1e-10)


def test_potrf_gradient_is_symmetric():
    A = Variable(spd(4), requires_grad=True)
    A.potrf(False).sum().backward()
    g = arr(A.grad)
    np.testing.assert_allclose(g, g.T, atol=1e-12)


def test_lapack_gradients_on_float():
    A = Variable(spd(3, cls=ptorch.FloatTensor), requires_grad=True)
    A.potrf().potri().sum().backward()
    assert type(A.grad.data) is ptorch.FloatTensor and A.grad.size() == (3, 3)


def test_lapack_volatile_and_no_grad_results():
    A = Variable(spd(3), volatile=True)
    x, lu = Variable(rand((3, 1))).gesv(A)
    assert x.volatile and lu.volatile and x.grad_fn is None
    f = Variable(spd(3)).potrf()
    assert not f.requires_grad and f.grad_fn is None


def test_lapack_bad_arguments():
    A = Variable(spd(3), requires_grad=True)
    with raises(TypeError, "expects A to be a Variable"):
        Variable(rand((3, 1))).gesv(spd(3))
    with raises(TypeError, "same type"):
        Variable(rand((3, 1), cls=ptorch.FloatTensor)).gesv(A)
    with raises(TypeError, "expects input2 to be a Variable"):
        Variable(rand((3, 1))).potrs(spd(3))
    with raises(TypeError, "expects A to be a Variable"):
        Variable(rand((3, 1))).trtrs(spd(3))
    with raises(TypeError, "FloatTensor or DoubleTensor"):
        Variable(ptorch.LongTensor([[1, 0], [0, 1]])).potrf()
    with raises(RuntimeError, "as many rows as A"):
        Variable(rand((2, 1))).gesv(A)
    with raises(RuntimeError, "square matrix, got size .2 x 3."):
        Variable(rand((2, 3)), requires_grad=True).potrf()


# ---- renorm ----

def test_renorm_matches_tensor_and_passes_small_slices_through():
    t = rand((3, 4)) * 2
    x = Variable(t, requires_grad=True)
    for p, dim, maxnorm in ((2, 0, 1.0), (1, 1, 1.5), (3, -1, 0.7)):
        np.testing.assert_allclose(arr(x.renorm(p, dim, maxnorm)),
                                   t.renorm(p, dim, maxnorm).numpy(), rtol=1e-12)
    x.renorm(2, 0, 100.0).sum().backward()  # nothing is scaled: identity gradient
    np.testing.assert_array_equal(arr(x.grad), np.ones((3, 4)))
    np.testing.assert_allclose(arr(ptorch.renorm(x, 2, 1, 0.5)), t.renorm(2, 1, 0.5).numpy(),
                               rtol=1e-12)


def test_renorm_inplace_and_errors():
    t = rand((3, 4)) * 2
    y = Variable(t.clone(), requires_grad=True) * 1
    y.renorm_(2, 0, 1.0)
    np.testing.assert_allclose(arr(y), t.renorm(2, 0, 1.0).numpy(), rtol=1e-12)
    assert y.grad_fn is not None
    x = Variable(t)
    with raises(IndexError, "dimension 2"):
        x.renorm(2, 2, 1.0)
    with raises(ValueError, "p must be positive"):
        x.renorm(0, 0, 1.0)
    with raises(ValueError, "maxnorm"):
        x.renorm(2, 0, -1.0)


# ---- forward-only LAPACK ops ----

def test_forward_only_lapack_ops_match_tensors_and_refuse_backward():
    a = spd(3)
    A = Variable(a, requires_grad=True)
    u, s, v = A.svd()
    eu, es, ev = a.svd()
    for got, want in ((u, eu), (s, es), (v, ev)):
        np.testing.assert_array_equal(arr(got), want.numpy())
        assert got.requires_grad
    with raises(RuntimeError, "svd is not differentiable"):
        s.sum().backward()
    e, vecs = ptorch.symeig(A, True)
    np.testing.assert_array_equal(arr(e), a.symeig(True)[0].numpy())
    q, r = A.qr()
    np.testing.assert_allclose(arr(q) @ arr(r), a.numpy(), atol=1e-12)
    with raises(RuntimeError, "qr is not differentiable"):
        (q.sum() + r.sum()).backward()
    g, tau = A.geqrf()
    np.testing.assert_allclose(arr(g.orgqr(tau)), a.geqrf()[0].orgqr(a.geqrf()[1]).numpy())
    np.testing.assert_array_equal(arr(A.eig()[0]), a.eig()[0].numpy())
    np.testing.assert_array_equal(arr(A.pstrf()[0]), a.pstrf()[0].numpy())
    b = rand((3, 2), 1)
    np.testing.assert_array_equal(arr(Variable(b).gels(A)[0]), b.gels(a)[0].numpy())
    lu, piv = Variable(a.view(1, 3, 3)).btrifact()
    elu, epiv = a.view(1, 3, 3).btrifact()
    np.testing.assert_array_equal(arr(lu), elu.numpy())
    np.testing.assert_array_equal(arr(piv), epiv.numpy())
    rhs = rand((1, 3), 2)
    np.testing.assert_array_equal(arr(Variable(rhs).btrisolve(lu, piv)),
                                  rhs.btrisolve(elu, epiv).numpy())
    nograd = Variable(a).svd()[1]
    assert not nograd.requires_grad


# ---- in-place BLAS and triangles ----

@pytest.mark.parametrize("name,shape,args", [
    ("addmm_", (2, 4), lambda: (V(rand((2, 3)).numpy()), V(rand((3, 4), 1).numpy()))),
    ("addmv_", (2,), lambda: (V(rand((2, 3)).numpy()), V(rand((3,), 1).numpy()))),
    ("addr_", (2, 4), lambda: (V(rand((2,)).numpy()), V(rand((4,), 1).numpy()))),
    ("addbmm_", (2, 4), lambda: (V(rand((3, 2, 3)).numpy()), V(rand((3, 3, 4), 1).numpy()))),
])
def test_inplace_blas(name, shape, args):
    base = rand(shape, 5)
    m1, m2 = args()
    x = Variable(base.clone(), requires_grad=True)
    y = x * 1
    getattr(y, name)(0.5, m1, m2)
    expected = getattr(base.clone(), name)(0.5, m1.data, m2.data)
    np.testing.assert_allclose(arr(y), expected.numpy(), rtol=1e-12)
    y.sum().backward()
    np.testing.assert_allclose(arr(x.grad), np.full(shape, 0.5))
    with raises(RuntimeError, "leaf Variable that requires grad"):
        getattr(Variable(base.clone(), requires_grad=True), name)(m1, m2)
    plain = Variable(base.clone())
    assert getattr(plain, name)(m1, m2) is plain
    np.testing.assert_allclose(arr(plain), getattr(base.clone(), name)(m1.data, m2.data).numpy())


def test_inplace_baddbmm_and_triangles():
    base = rand((2, 2, 2))
    b1, b2 = V(rand((2, 2, 3), 1).numpy()), V(rand((2, 3, 2), 2).numpy())
    y = Variable(base.clone(), requires_grad=True) * 1
    y.baddbmm_(b1, b2)
    np.testing.assert_allclose(arr(y), base.clone().baddbmm_(b1.data, b2.data).numpy())
    t = rand((3, 3))
    x = Variable(t, requires_grad=True)
    y = x * 1
    y.tril_(-1)
    np.testing.assert_array_equal(arr(y), np.tril(t.numpy(), -1))
    y.sum().backward()
    np.testing.assert_array_equal(arr(x.grad), np.tril(np.ones((3, 3)), -1))
    z = Variable(t.clone())
    z.triu_(1)
    np.testing.assert_array_equal(arr(z), np.triu(t.numpy(), 1))


# ---- in-place comparisons ----

@pytest.mark.parametrize("name,op", [("eq_", np.equal), ("ne_", np.not_equal),
                                     ("lt_", np.less), ("le_", np.less_equal),
                                     ("gt_", np.greater), ("ge_", np.greater_equal)])
def test_inplace_comparisons(name, op):
    a = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    b = np.array([2.0, 2.0, 2.0])
    x = V(a, requires_grad=True)
    y = x * 1
    assert getattr(y, name)(V(b)) is y
    np.testing.assert_array_equal(arr(y), op(a, b).astype(np.float64))
    y.sum().backward()
    np.testing.assert_array_equal(arr(x.grad), np.zeros((2, 3)))
    z = V(a)
    getattr(z, name)(2.0)
    np.testing.assert_array_equal(arr(z), op(a, 2.0).astype(np.float64))
    with raises(RuntimeError, "leaf Variable that requires grad"):
        getattr(V(a, requires_grad=True), name)(2.0)


# ---- in-place random fills ----

@pytest.mark.parametrize("name,args,check", [
    ("normal_", (1.0, 2.0), lambda v: True),
    ("uniform_", (2.0, 3.0), lambda v: ((v >= 2) & (v < 3)).all()),
    ("bernoulli_", (0.5,), lambda v: np.isin(v, [0, 1]).all()),
    ("random_", (0, 5), lambda v: (np.isin(v, np.arange(5))).all()),
    ("cauchy_", (), lambda v: True),
    ("log_normal_", (), lambda v: (v > 0).all()),
    ("exponential_", (), lambda v: (v >= 0).all()),
    ("geometric_", (0.5,), lambda v: (v >= 1).all() and (v == np.round(v)).all()),
])
def test_random_fills(name, args, check):
    # a leaf, even one that requires grad (initialising a parameter): .data is refilled
    x = Variable(D(4, 5).zero_(), requires_grad=True)
    ptorch.manual_seed(3)
    assert getattr(x, name)(*args) is x
    ptorch.manual_seed(3)
    expected = getattr(D(4, 5).zero_(), name)(*args)
    np.testing.assert_array_equal(arr(x), expected.numpy())
    assert check(arr(x)) and x.is_leaf and x.requires_grad
    # the fill bumps the version: a graph that saved the old values notices
    w = Variable(D(4, 5).fill_(1), requires_grad=True)
    y = (w * x).sum()
    getattr(x, name)(*args)
    with raises(RuntimeError, "modified by an inplace operation"):
        y.backward()
    # the result of an op: its history gets a zero gradient
    z = w * 2
    getattr(z, name)(*args)
    assert check(arr(z)) and z.grad_fn is not None
    z.sum().backward()
    np.testing.assert_array_equal(arr(w.grad), np.zeros((4, 5)))


def test_random_fill_volatile():
    x = Variable(D(3).zero_(), volatile=True)
    x.uniform_()
    assert x.volatile and (arr(x) > 0).any()


# ---- resize ----

def test_resize_out_of_place_is_differentiable():
    t = rand((2, 3))
    x = Variable(t.t(), requires_grad=True)  # non-contiguous
    y = x.resize(2, 3)
    np.testing.assert_array_equal(arr(y), t.t().contiguous().numpy().reshape(2, 3))
    (y * V(np.arange(6.0).reshape(2, 3))).sum().backward()
    np.testing.assert_array_equal(arr(x.grad), np.arange(6.0).reshape(3, 2))
    assert x.resize_as(V(np.zeros((6,)))).size() == (6,)
    with raises(RuntimeError, "can only change the shape"):
        x.resize(4, 2)


def test_resize_inplace_only_outside_graphs():
    x = V(np.arange(6.0))
    v0 = x._version()
    assert x.resize_(2, 2) is x and x.size() == (2, 2)
    assert x._version() > v0
    np.testing.assert_array_equal(arr(x), np.arange(4.0).reshape(2, 2))
    x.resize_as_(V(np.zeros((3, 1))))
    assert x.size() == (3, 1)
    x.resize_((1, 3))
    assert x.size() == (1, 3)
    with raises(RuntimeError, "requires grad"):
        V(np.arange(6.0), requires_grad=True).resize_(3)
    with raises(RuntimeError, "only leaf Variables"):
        (V(np.arange(6.0), requires_grad=True) * 2).resize_(3)
    with raises(RuntimeError, "only leaf Variables"):
        (V(np.arange(6.0), requires_grad=True) * 2).resize_as_(x)


# ---- construction and queries ----

def test_new_is_signed_is_set_to():
    x = Variable(ptorch.FloatTensor([1, 2, 3]), requires_grad=True)
    n = x.new(2, 2)
    assert isinstance(n, Variable) and type(n.data) is ptorch.FloatTensor
    assert n.size() == (2, 2) and n.is_leaf and not n.requires_grad
    m = x.new([4, 5])
    np.testing.assert_array_equal(arr(m), [4, 5])
    assert x.new().numel() == 0
    assert x.is_signed() and not Variable(ptorch.ByteTensor(2)).is_signed()
    assert x.is_set_to(x) and x.is_set_to(x.data)
    assert not x.is_set_to(x.new(3))
    assert x.detach().is_set_to(x)


def test_tensor_only_methods_stay_off_variable():
    # 0.2's Variable had no numpy/tolist/storage (use .data); ptorch matches.
    x = V([1.0])
    for name in ("numpy", "tolist", "storage", "set_", "apply_", "map_"):
        assert not hasattr(x, name)


def test_functions_refuse_to_mix_variables_and_tensors():
    v = Variable(ptorch.randn(2, 3))
    for fn in (ptorch.atan2, ptorch.cross):
        with pytest.raises(TypeError, match=r"cannot mix Variables and tensors in one call "
                                            r"\(got Variable, FloatTensor\)"):
            fn(v, ptorch.randn(2, 3))
