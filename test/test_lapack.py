"""LAPACK functions, checked by their defining identities (A X = B, Q R = A, U S V^T = A,
L L^T = A, A A^-1 = I, A v = e v) for Float and Double on contiguous, transposed and strided
inputs, plus every error path."""
import numpy as np
import pytest

import ptorch
from common import FLOAT_REALS, INT_REALS, LAYOUTS, make, raises, tensor_class


def tol(real):
    return dict(rtol=1e-4, atol=1e-4) if real == "Float" else dict(rtol=1e-9, atol=1e-10)


def check(got, expected, real):
    np.testing.assert_allclose(np.asarray(got, np.float64), np.asarray(expected, np.float64),
                               **tol(real))


def matrix(real, shape, layout="contiguous", seed=0, shift=0.0):
    """A random matrix (plus shift on the diagonal) in the given layout, with its twin."""
    t, a = make(real, shape, layout, rng=np.random.default_rng(seed))
    if shift:
        n = min(shape)
        for i in range(n):
            t._put((i, i), float(a[i, i]) + shift)
            a[i, i] += shift
    return t, a


def spd(real, n, layout="contiguous", seed=0):
    """A symmetric positive definite matrix in the given layout, with its twin."""
    _, g = make("Double", (n, n), rng=np.random.default_rng(seed))
    a = (g @ g.T + n * np.eye(n)).astype(np.float32 if real == "Float" else np.float64)
    t, _ = make(real, (n, n), layout)
    t.copy_(tensor_class(real)(a))
    return t, a


# ---- linear systems ----

@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_gesv(real, layout):
    A, an = matrix(real, (4, 4), layout, 1, shift=4)
    B, bn = matrix(real, (4, 3), layout, 2)
    X, LU = ptorch.gesv(B, A)
    check(an @ X.numpy(), bn, real)
    assert tuple(X.size()) == (4, 3) and tuple(LU.size()) == (4, 4)
    check(X.numpy(), np.linalg.solve(an.astype(np.float64), bn), real)
    x, _ = B.select(1, 0).gesv(A)
    assert x.dim() == 1
    check(an @ x.numpy(), bn[:, 0], real)
    check(A.numpy(), an, real)  # inputs untouched
    outs = (tensor_class(real)(), tensor_class(real)())
    r = ptorch.gesv(B, A, out=outs)
    assert r[0] is outs[0] and r[1] is outs[1]
    check(an @ outs[0].numpy(), bn, real)


def test_gesv_lu_factors():
    A, an = matrix("Double", (3, 3), seed=3, shift=2)
    _, LU = ptorch.gesv(ptorch.DoubleTensor(3, 1).zero_(), A)
    lu = LU.numpy()
    L, U = np.tril(lu, -1) + np.eye(3), np.triu(lu)
    # L U is A with its rows permuted.
    assert sorted(map(tuple, np.round(L @ U, 9))) == sorted(map(tuple, np.round(an, 9)))


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_gels(real):
    A, an = matrix(real, (6, 3), "transposed", 1)
    B, bn = matrix(real, (6, 2), "contiguous", 2)
    X, _ = ptorch.gels(B, A)
    assert tuple(X.size()) == (6, 2)
    expected = np.linalg.lstsq(an.astype(np.float64), bn.astype(np.float64), rcond=None)[0]
    check(X.numpy()[:3], expected, real)
    W, wn = matrix(real, (2, 4), "contiguous", 3)  # underdetermined: minimum norm
    C, cn = matrix(real, (2, 1), "contiguous", 4)
    Y, _ = C.gels(W)
    assert tuple(Y.size()) == (4, 1)
    check(wn @ Y.numpy(), cn, real)
    check(Y.numpy(), np.linalg.pinv(wn.astype(np.float64)) @ cn, real)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("upper", [True, False])
@pytest.mark.parametrize("transpose", [False, True])
@pytest.mark.parametrize("unit", [False, True])
def test_trtrs(real, upper, transpose, unit):
    A, an = matrix(real, (4, 4), "transposed", 1, shift=3)
    B, bn = matrix(real, (4, 2), "strided", 2)
    X, M = ptorch.trtrs(B, A, upper, transpose, unit)
    tri = np.triu(an) if upper else np.tril(an)
    if unit:
        tri = tri - np.diag(np.diag(tri)) + np.eye(4)
    op = tri.T if transpose else tri
    check(op @ X.numpy(), bn, real)
    check(M.numpy(), an, real)
    X2, _ = B.trtrs(A, upper=upper, transpose=transpose, unitriangular=unit)
    check(X2.numpy(), X.numpy(), real)


# ---- eigenvalues and singular values ----

@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("upper", [True, False])
def test_symeig(real, upper):
    A, an = spd(real, 5, "transposed", 1)
    # LAPACK reads only one triangle: spoil the other one.
    spoiled = an.copy()
    if upper:
        spoiled[np.tril_indices(5, -1)] = 7
    else:
        spoiled[np.triu_indices(5, 1)] = 7
    S = tensor_class(real)(spoiled)
    e, V = ptorch.symeig(S, eigenvectors=True, upper=upper)
    check(e.numpy(), np.linalg.eigvalsh(an.astype(np.float64)), real)
    assert np.all(np.diff(e.numpy()) >= 0)
    check(an @ V.numpy(), V.numpy() * e.numpy(), real)
    e2, V2 = A.symeig()
    check(e2.numpy(), e.numpy(), real)
    assert V2.dim() == 0


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_eig(real):
    A, an = matrix(real, (4, 4), "strided", 2)
    e, v = ptorch.eig(A, eigenvectors=True)
    assert tuple(e.size()) == (4, 2) and tuple(v.size()) == (4, 4)
    got = np.sort_complex(e.numpy()[:, 0] + 1j * e.numpy()[:, 1])
    check(got.real, np.sort_complex(np.linalg.eigvals(an.astype(np.float64))).real, real)
    check(got.imag, np.sort_complex(np.linalg.eigvals(an.astype(np.float64))).imag, real)
    for i in range(4):  # real eigenvalues: A v = e v for their columns
        if e.numpy()[i, 1] == 0:
            check(an @ v.numpy()[:, i], e.numpy()[i, 0] * v.numpy()[:, i], real)
    rot = tensor_class(real)([[0.0, -1.0], [1.0, 0.0]])
    er, vr = rot.eig()
    check(np.sort(er.numpy()[:, 1]), [-1, 1], real)
    assert vr.dim() == 0


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_svd(real, shape, layout):
    A, an = matrix(real, shape, layout, 3)
    m, n = shape
    k = min(m, n)
    U, S, V = ptorch.svd(A)
    assert tuple(U.size()) == (m, k) and tuple(S.size()) == (k,) and tuple(V.size()) == (n, k)
    check(U.numpy() @ np.diag(S.numpy()) @ V.numpy().T, an, real)
    check(S.numpy(), np.linalg.svd(an.astype(np.float64), compute_uv=False), real)
    check(U.numpy().T @ U.numpy(), np.eye(k), real)
    Uf, Sf, Vf = A.svd(some=False)
    assert tuple(Uf.size()) == (m, m) and tuple(Vf.size()) == (n, n)
    check(Uf.numpy().T @ Uf.numpy(), np.eye(m), real)
    check(Vf.numpy().T @ Vf.numpy(), np.eye(n), real)
    check(Uf.numpy()[:, :k] @ np.diag(Sf.numpy()) @ Vf.numpy()[:, :k].T, an, real)


# ---- inverse and Cholesky ----

@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_inverse(real, layout):
    A, an = matrix(real, (5, 5), layout, 4, shift=3)
    inv = ptorch.inverse(A)
    check(an @ inv.numpy(), np.eye(5), real)
    check(A.inverse().numpy(), inv.numpy(), real)
    out = tensor_class(real)()
    assert ptorch.inverse(A, out=out) is out
    check(out.numpy() @ an, np.eye(5), real)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_potrf_potrs_potri(real, layout):
    A, an = spd(real, 4, layout, 5)
    U = ptorch.potrf(A)
    check(U.numpy().T @ U.numpy(), an, real)
    assert np.all(np.tril(U.numpy(), -1) == 0)
    L = A.potrf(upper=False)
    check(L.numpy() @ L.numpy().T, an, real)
    assert np.all(np.triu(L.numpy(), 1) == 0)
    B, bn = matrix(real, (4, 2), layout, 6)
    check(an @ ptorch.potrs(B, U).numpy(), bn, real)
    check(an @ B.potrs(L, upper=False).numpy(), bn, real)
    x = ptorch.potrs(B.select(1, 1), U)
    assert x.dim() == 1
    check(an @ x.numpy(), bn[:, 1], real)
    check(an @ ptorch.potri(U).numpy(), np.eye(4), real)
    check(an @ L.potri(upper=False).numpy(), np.eye(4), real)


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("upper", [True, False])
def test_pstrf(real, upper):
    A, an = spd(real, 5, "contiguous", 7)
    u, piv = ptorch.pstrf(A, upper=upper)
    assert type(piv) is ptorch.IntTensor
    p = piv.numpy()
    assert sorted(p) == list(range(5))
    f = u.numpy()
    permuted = an[np.ix_(p, p)]
    check(f.T @ f if upper else f @ f.T, permuted, real)


# ---- QR ----

@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr(real, shape, layout):
    A, an = matrix(real, shape, layout, 8)
    k = min(shape)
    Q, R = ptorch.qr(A)
    assert tuple(Q.size()) == (shape[0], k) and tuple(R.size()) == (k, shape[1])
    check(Q.numpy() @ R.numpy(), an, real)
    check(Q.numpy().T @ Q.numpy(), np.eye(k), real)
    assert np.all(np.tril(R.numpy(), -1) == 0)
    Q2, R2 = A.qr()
    check(Q2.numpy(), Q.numpy(), real)


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_geqrf_orgqr_ormqr(real):
    A, an = matrix(real, (5, 3), "transposed", 9)
    a, tau = ptorch.geqrf(A)
    assert tuple(a.size()) == (5, 3) and tuple(tau.size()) == (3,)
    Q, R = ptorch.qr(A)
    check(np.triu(a.numpy())[:3], R.numpy(), real)
    Qg = ptorch.orgqr(a, tau)
    check(Qg.numpy(), Q.numpy(), real)
    # The full 5 x 5 Q, through ormqr applied to the identity.
    full = ptorch.ormqr(a, tau, tensor_class(real)(np.eye(5)))
    check(full.numpy()[:, :3], Q.numpy(), real)
    check(full.numpy().T @ full.numpy(), np.eye(5), real)
    C, cn = matrix(real, (5, 2), "strided", 10)
    f = full.numpy()
    check(ptorch.ormqr(a, tau, C).numpy(), f @ cn, real)
    check(a.ormqr(tau, C, transpose=True).numpy(), f.T @ cn, real)
    D, dn = matrix(real, (2, 5), "contiguous", 11)
    check(ptorch.ormqr(a, tau, D, left=False).numpy(), dn @ f, real)
    check(ptorch.ormqr(a, tau, D, False, True).numpy(), dn @ f.T, real)


# ---- batched LU ----

def unpack_lu(lu, piv):
    n = lu.shape[0]
    L, U = np.tril(lu, -1) + np.eye(n), np.triu(lu)
    P = np.eye(n)
    for i, p in enumerate(piv):  # row i was swapped with row p - 1, in order
        P[[i, p - 1]] = P[[p - 1, i]]
    return P.T @ L @ U


@pytest.mark.parametrize("real", FLOAT_REALS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_btrifact_btrisolve(real, layout):
    A, an = make(real, (3, 4, 4), layout, rng=np.random.default_rng(12))
    LU, piv = ptorch.btrifact(A)
    assert type(piv) is ptorch.IntTensor and tuple(piv.size()) == (3, 4)
    for i in range(3):
        check(unpack_lu(LU.numpy()[i], piv.numpy()[i]), an[i], real)
    b, bn = make(real, (3, 4), layout, rng=np.random.default_rng(13))
    x = ptorch.btrisolve(b, LU, piv)
    assert tuple(x.size()) == (3, 4)
    for i in range(3):
        check(an[i] @ x.numpy()[i], bn[i], real)
    x2 = b.btrisolve(*A.btrifact())
    check(x2.numpy(), x.numpy(), real)
    B3, b3 = make(real, (3, 4, 2), layout, rng=np.random.default_rng(14))
    X3 = ptorch.btrisolve(B3, LU.contiguous(), piv)  # row-major LU: copied for LAPACK
    for i in range(3):
        check(an[i] @ X3.numpy()[i], b3[i], real)


def test_btrifact_info():
    A = ptorch.DoubleTensor(np.stack([np.eye(3), np.zeros((3, 3)), 2 * np.eye(3)]))
    info = ptorch.IntTensor()
    LU, piv = ptorch.btrifact(A, info=info)
    assert info.numpy().tolist() == [0, 1, 0]
    with raises(RuntimeError, r"batch element 1 is singular: U\(1,1\)"):
        A.btrifact()
    with raises(ValueError, "without pivoting"):
        ptorch.btrifact(A, pivot=False)


# ---- errors ----

def test_singular_and_not_positive_definite():
    sing = ptorch.DoubleTensor([[1.0, 2.0], [2.0, 4.0]])
    with raises(RuntimeError, r"gesv: the matrix A is singular: U\(2,2\) is exactly zero"):
        ptorch.gesv(ptorch.DoubleTensor(2, 1).zero_(), sing)
    with raises(RuntimeError, r"inverse: the matrix is singular: U\(2,2\)"):
        ptorch.inverse(sing)
    with raises(RuntimeError, r"potrf: the matrix is not positive definite: its leading minor "
                              r"of order 2"):
        ptorch.potrf(ptorch.FloatTensor([[1.0, 2.0], [2.0, 1.0]]))
    with raises(RuntimeError, "pstrf: the matrix is rank deficient or not positive "
                              "semidefinite"):
        ptorch.pstrf(ptorch.DoubleTensor([[1.0, 2.0], [2.0, 1.0]]))
    with raises(RuntimeError, r"trtrs: the triangular matrix A is singular: .*A\(2,2\)"):
        ptorch.trtrs(ptorch.DoubleTensor(2, 1).zero_(), ptorch.DoubleTensor([[1, 1], [0, 0]]))
    with raises(RuntimeError, "gels: A of size .*does not have full rank"):
        ptorch.gels(ptorch.DoubleTensor(3, 1).zero_(),
                    ptorch.DoubleTensor([[1, 0], [1, 0], [1, 0]]))
    with raises(RuntimeError, r"potri: the factor's diagonal element \(1,1\) is zero"):
        ptorch.potri(ptorch.DoubleTensor(2, 2).zero_())


def test_shape_errors():
    f = ptorch.FloatTensor
    with raises(RuntimeError, r"gesv: A must be a square matrix, got size \[2 x 3\]"):
        ptorch.gesv(f(2, 1), f(2, 3))
    with raises(RuntimeError, r"gesv: size mismatch: B \[4 x 1\] must have as many rows as A "
                              r"\[3 x 3\]"):
        ptorch.gesv(f(4, 1), f(3, 3))
    with raises(RuntimeError, r"inverse: the input must be a 2-D matrix, got size \[3\]"):
        ptorch.inverse(f(3))
    with raises(RuntimeError, "symeig: the input must be a square matrix"):
        ptorch.symeig(f(2, 3))
    with raises(RuntimeError, "svd: the input must be a 2-D matrix"):
        ptorch.svd(f(2, 3, 4))
    with raises(RuntimeError, "orgqr: expected a of size m x n"):
        ptorch.orgqr(f(2, 3), f(2))
    with raises(RuntimeError, "ormqr: size mismatch"):
        ptorch.ormqr(f(5, 3), f(3), f(4, 2))
    with raises(RuntimeError, r"btrifact: expected a batch of square matrices .*\[3 x 4\]"):
        ptorch.btrifact(f(3, 4))
    with raises(RuntimeError, "btrisolve: size mismatch: b"):
        ptorch.btrisolve(f(2, 5), f(2, 4, 4), ptorch.IntTensor(2, 4))
    with raises(RuntimeError, "btrisolve: size mismatch: pivots"):
        ptorch.btrisolve(f(2, 4), f(2, 4, 4), ptorch.IntTensor(2, 3))
    with raises(ValueError, r"btrisolve: pivot 9 at \[0, 0\] is out of range \[1, 4\]"):
        ptorch.btrisolve(f(2, 4), f(2, 4, 4), ptorch.IntTensor(2, 4).fill_(9))


LAPACK_CALLS = {
    "gesv": lambda T: ptorch.gesv(T(2, 1), T(2, 2)),
    "gels": lambda T: ptorch.gels(T(2, 1), T(2, 2)),
    "trtrs": lambda T: ptorch.trtrs(T(2, 1), T(2, 2)),
    "symeig": lambda T: ptorch.symeig(T(2, 2)),
    "eig": lambda T: T(2, 2).eig(),
    "svd": lambda T: ptorch.svd(T(2, 2)),
    "inverse": lambda T: T(2, 2).inverse(),
    "potrf": lambda T: ptorch.potrf(T(2, 2)),
    "potrs": lambda T: ptorch.potrs(T(2, 1), T(2, 2)),
    "potri": lambda T: ptorch.potri(T(2, 2)),
    "pstrf": lambda T: ptorch.pstrf(T(2, 2)),
    "qr": lambda T: T(2, 2).qr(),
    "geqrf": lambda T: ptorch.geqrf(T(2, 2)),
    "orgqr": lambda T: ptorch.orgqr(T(2, 2), T(2)),
    "ormqr": lambda T: ptorch.ormqr(T(2, 2), T(2), T(2, 2)),
    "btrifact": lambda T: ptorch.btrifact(T(1, 2, 2)),
    "btrisolve": lambda T: ptorch.btrisolve(T(1, 2), T(1, 2, 2), ptorch.IntTensor(1, 2)),
}


@pytest.mark.parametrize("name", sorted(LAPACK_CALLS))
@pytest.mark.parametrize("real", INT_REALS + ["Half"])
def test_integer_tensors_raise_type_error(name, real):
    with raises(TypeError, f"{name}: LAPACK functions take a FloatTensor or DoubleTensor, got "
                           f"{real}Tensor"):
        LAPACK_CALLS[name](tensor_class(real))


def test_type_mixing_and_out_errors():
    with raises(TypeError, "gesv: argument 'A' must be a FloatTensor.*got DoubleTensor"):
        ptorch.gesv(ptorch.FloatTensor(2, 1), ptorch.DoubleTensor(2, 2))
    with raises(TypeError, "btrisolve: argument 'LU_pivots' must be an IntTensor, got "
                           "LongTensor"):
        ptorch.btrisolve(ptorch.FloatTensor(1, 2), ptorch.FloatTensor(1, 2, 2),
                         ptorch.LongTensor(1, 2))
    with raises(TypeError, "qr: out must be a tuple of 2 tensors"):
        ptorch.qr(ptorch.DoubleTensor(2, 2), out=ptorch.DoubleTensor())
    with raises(TypeError, r"pstrf: out\[1\] must be an IntTensor, got DoubleTensor"):
        ptorch.pstrf(ptorch.DoubleTensor(2, 2), out=(ptorch.DoubleTensor(),
                                                      ptorch.DoubleTensor()))
