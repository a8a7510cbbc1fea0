"""ptorch.* functions of the lapack family (0.2's names, argument orders and results; Float
and Double tensors only). LAPACK runs in lib/TH/generic/THTensorLapack.c; results come back
column-major as in 0.2. Integer tensors raise TypeError."""

__all__ = ["gesv", "gels", "trtrs", "symeig", "eig", "svd", "inverse", "potrf", "potrs",
           "potri", "pstrf", "qr", "geqrf", "orgqr", "ormqr", "btrifact", "btrisolve"]


def _lapack(t, attr, op):
    """t's binding method attr; a TypeError for tensors LAPACK cannot take."""
    method = getattr(t, attr, None)
    if method is not None:
        return method
    from .._C import _CTensor
    if isinstance(t, _CTensor):
        raise TypeError(f"{op}: LAPACK functions take a FloatTensor or DoubleTensor, got "
                        f"{type(t).__name__}")
    raise TypeError(f"{op}: expected a FloatTensor or DoubleTensor, got {type(t).__name__}")


def gesv(B, A, out=None):
    """Solves A X = B; returns (X, LU) with LU the LU factorization of A."""
    return _lapack(B, "_gesv", "gesv")(A, out)


def gels(B, A, out=None):
    """Least squares solution of A X = B (A m x n of full rank); returns (X, qr) where X is
    max(m, n) x k with the solution in its first n rows."""
    return _lapack(B, "_gels", "gels")(A, out)


def trtrs(b, A, upper=True, transpose=False, unitriangular=False, out=None):
    """Solves op(A) X = b for a triangular A; returns (X, a copy of A)."""
    return _lapack(b, "_trtrs", "trtrs")(A, upper, transpose, unitriangular, out)


def symeig(input, eigenvectors=False, upper=True, out=None):
    """(e, V): the ascending eigenvalues of a symmetric matrix, and its eigenvectors as
    columns (an empty tensor without eigenvectors=True)."""
    return _lapack(input, "_symeig", "symeig")(eigenvectors, upper, out)


def eig(a, eigenvectors=False, out=None):
    """(e, v): the eigenvalues of a square matrix as n x 2 (real and imaginary parts), and
    LAPACK's right eigenvectors (empty without eigenvectors=True)."""
    return _lapack(a, "_eig", "eig")(eigenvectors, out)


def svd(input, some=True, out=None):
    """(U, S, V) with input = U diag(S) V^T; some=True gives the reduced U and V."""
    return _lapack(input, "_svd", "svd")(some, out)


def inverse(input, out=None):
    """The inverse of a square matrix."""
    return _lapack(input, "_inverse", "inverse")(True, out)


def potrf(a, upper=True, out=None):
    """Cholesky factor: U with a = U^T U (upper) or L with a = L L^T."""
    return _lapack(a, "_potrf", "potrf")(upper, out)


def potrs(b, input2, upper=True, out=None):
    """Solves A X = b given the Cholesky factor input2 of A."""
    return _lapack(b, "_potrs", "potrs")(input2, upper, out)


def potri(input, upper=True, out=None):
    """The inverse of A given its Cholesky factor."""
    return _lapack(input, "_potri", "potri")(upper, out)


def pstrf(a, upper=True, tol=-1, out=None):
    """Pivoted Cholesky of a positive semidefinite matrix: (u, piv) with
    a[piv][:, piv] = u^T u (upper); piv is a 0-based IntTensor."""
    return _lapack(a, "_pstrf", "pstrf")(upper, tol, out)


def qr(input, out=None):
    """(Q, R): the reduced QR factorization, input = Q R."""
    return _lapack(input, "_qr", "qr")(out)


def geqrf(input, out=None):
    """(a, tau): LAPACK's compact QR factorization (see orgqr and ormqr)."""
    return _lapack(input, "_geqrf", "geqrf")(out)


def orgqr(input, input2, out=None):
    """Q from geqrf's (a, tau)."""
    return _lapack(input, "_orgqr", "orgqr")(input2, out)


def ormqr(input, input2, input3, left=True, transpose=False, out=None):
    """op(Q) input3 (left) or input3 op(Q), with Q from geqrf's (input, input2)."""
    return _lapack(input, "_ormqr", "ormqr")(input2, input3, left, transpose, out)


def btrifact(A, info=None, pivot=True, out=None):
    """Batched LU factorization of A (b x n x n): (A_LU, pivots) with 1-based IntTensor
    pivots. With an IntTensor info, each matrix's LAPACK status is stored there instead of
    raising for a singular matrix."""
    if not pivot:
        raise ValueError("btrifact: LU factorization without pivoting is only available on "
                         "CUDA")
    return _lapack(A, "_btrifact", "btrifact")(info, out)


def btrisolve(b, LU_data, LU_pivots, out=None):
    """Solves A x = b for each matrix of a batch, given btrifact's (LU_data, LU_pivots)."""
    return _lapack(b, "_btrisolve", "btrisolve")(LU_data, LU_pivots, out)


class TensorMethods:
    """Python-level tensor methods of this family (joined into every tensor class)."""
    __slots__ = ()

    def gesv(self, A):
        return gesv(self, A)

    def gels(self, A):
        return gels(self, A)

    def trtrs(self, A, upper=True, transpose=False, unitriangular=False):
        return trtrs(self, A, upper, transpose, unitriangular)

    def symeig(self, eigenvectors=False, upper=True):
        return symeig(self, eigenvectors, upper)

    def eig(self, eigenvectors=False):
        return eig(self, eigenvectors)

    def svd(self, some=True):
        return svd(self, some)

    def inverse(self):
        return inverse(self)

    def potrf(self, upper=True):
        return potrf(self, upper)

    def potrs(self, input2, upper=True):
        return potrs(self, input2, upper)

    def potri(self, upper=True):
        return potri(self, upper)

    def pstrf(self, upper=True, tol=-1):
        return pstrf(self, upper, tol)

    def qr(self):
        return qr(self)

    def geqrf(self):
        return geqrf(self)

    def orgqr(self, input2):
        return orgqr(self, input2)

    def ormqr(self, input2, input3, left=True, transpose=False):
        return ormqr(self, input2, input3, left, transpose)

    def btrifact(self, info=None, pivot=True):
        return btrifact(self, info, pivot)

    def btrisolve(self, LU_data, LU_pivots):
        return btrisolve(self, LU_data, LU_pivots)
