#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorLapack.c"
#else
/* LAPACK drivers. Each function checks its arguments, makes column-major copies of its
 * inputs (LAPACK overwrites them), asks LAPACK for the workspace size where it takes one,
 * runs, turns info into an error, and hands the copies to the result tensors. */

#if defined(TH_REAL_IS_FLOAT)
#define TH_LAPACK_(name) TH_BLAS(TH_CONCAT_2(s, name))
#else
#define TH_LAPACK_(name) TH_BLAS(TH_CONCAT_2(d, name))
#endif

#define TH_LAPACK_BUF 256

/* ---- helpers ---- */

/* A view of a 1-D or 2-D tensor as a matrix (a vector becomes one column); no references. */
static void THTensor_(borrowMatrix)(THTensor *view, const THTensor *src)
{
  *view = *src;
  view->refcount = 1;
  view->flag = 0;
  if (src->nDimension == 1) {
    view->nDimension = 2;
    view->size[1] = 1;
    view->stride[1] = 1;
  }
}

/* A new rows x cols column-major matrix (strides (1, rows)). */
static THTensor *THTensor_(newColMajor)(long rows, long cols)
{
  THTensor *r = THTensor_(newWithSize2d)(cols, rows);
  if (r)
    THTensor_(transpose)(r, r, 0, 1);
  return r;
}

/* A column-major copy of the 2-D src, with `rows` >= src's rows (extra rows are zero). */
static THTensor *THTensor_(newColMajorCopy)(THTensor *src, long rows)
{
  THTensor *r = THTensor_(newColMajor)(rows, src->size[1]);
  THTensor top;
  if (!r)
    return NULL;
  if (rows > src->size[0])
    THTensor_(zero)(r);
  top = *r;
  top.flag = 0;
  top.size[0] = src->size[0];
  THTensor_(copy)(&top, src); /* same shape: cannot fail */
  return r;
}

static int THTensor_(ld)(long rows) { return (int)TH_MAX(rows, 1); }

/* The workspace length LAPACK asked for in a query (lwork = -1), with a margin for the
 * rounding of large values to float. */
static int THTensor_(workSize)(real query)
{
  double w = (double)query * 1.0001 + 1;
  return w > INT_MAX ? INT_MAX : (int)w;
}

static int THTensor_(argError)(const char *op, const char *routine, int info)
{
  return THError_runtime("%s: LAPACK's %s rejected its argument %d (an internal error)", op,
                         routine, -info);
}

/* Whether LAPACK's `info` reports a failure, which is then the thread's error: an argument it
 * rejected (info < 0, our bug) or the routine's own failure (info > 0), described by the
 * printf-style `fmt` and what follows it. */
static int THTensor_(lapackFailed)(const char *op, const char *routine, int info,
                                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int THTensor_(lapackFailed)(const char *op, const char *routine, int info,
                                   const char *fmt, ...)
{
  va_list args;
  if (info < 0)
    THTensor_(argError)(op, routine, info);
  if (info <= 0)
    return info < 0;
  va_start(args, fmt);
  THError_vset(TH_ERR_RUNTIME, fmt, args);
  va_end(args);
  return 1;
}

static int THTensor_(checkMatrix)(const char *op, const char *name, THTensor *a, int square)
{
  char buf[TH_LAPACK_BUF];
  THTensor_(describeSize)(a, buf, sizeof(buf));
  TH_CHECK(a->nDimension == 2, TH_ERR_RUNTIME, "%s: %s must be a 2-D matrix, got size %s (%d-D)",
           op, name, buf, a->nDimension);
  TH_CHECK(!square || a->size[0] == a->size[1], TH_ERR_RUNTIME,
           "%s: %s must be a square matrix, got size %s", op, name, buf);
  TH_CHECK(a->size[0] <= INT_MAX && a->size[1] <= INT_MAX, TH_ERR_VALUE,
           "%s: %s of size %s is too large for LAPACK", op, name, buf);
  return 0;
}

/* B (1-D or 2-D) must have as many rows as A. */
static int THTensor_(checkRhs)(const char *op, THTensor *b, THTensor *a)
{
  char b1[TH_LAPACK_BUF], b2[TH_LAPACK_BUF];
  THTensor_(describeSize)(b, b1, sizeof(b1));
  THTensor_(describeSize)(a, b2, sizeof(b2));
  TH_CHECK(b->nDimension == 1 || b->nDimension == 2, TH_ERR_RUNTIME,
           "%s: B must be a 1-D vector or a 2-D matrix, got size %s", op, b1);
  TH_CHECK(b->size[0] == a->size[0], TH_ERR_RUNTIME,
           "%s: size mismatch: B %s must have as many rows as A %s", op, b1, b2);
  TH_CHECK(b->nDimension == 1 || b->size[1] <= INT_MAX, TH_ERR_VALUE,
           "%s: B of size %s is too large for LAPACK", op, b1);
  return 0;
}

static int THTensor_(checkFlag)(const char *op, const char *what, const char *flag,
                                const char *allowed)
{
  TH_CHECK(flag && flag[0] && strchr(allowed, flag[0]), TH_ERR_VALUE,
           "%s: %s must be one of the letters '%s', got '%s'", op, what, allowed,
           flag ? flag : "(null)");
  return 0;
}

/* Points r_ at tmp (a right-hand side given as a vector gives a vector back). */
static void THTensor_(setResult)(THTensor *r_, THTensor *tmp, int vector)
{
  THTensor_(set)(r_, tmp);
  if (vector)
    THTensor_(select)(r_, r_, 1, 0);
}

static void THTensor_(setEmpty)(THTensor *r_)
{
  THTensor_(setStorage)(r_, NULL, 0, 0, NULL, NULL);
}

/* In the n x n column-major a: zeroes the triangle opposite to uplo ("U" keeps i <= j). */
static void THTensor_(clearOtherTriangle)(real *a, long n, char uplo)
{
  long i, j;
  for (j = 0; j < n; j++)
    for (i = 0; i < n; i++)
      if (uplo == 'U' ? i > j : i < j)
        a[i + j * n] = 0;
}

/* Copies the uplo triangle of the n x n column-major a onto the other one. */
static void THTensor_(mirrorTriangle)(real *a, long n, char uplo)
{
  long i, j;
  for (j = 0; j < n; j++)
    for (i = j + 1; i < n; i++) {
      if (uplo == 'U')
        a[i + j * n] = a[j + i * n];
      else
        a[j + i * n] = a[i + j * n];
    }
}

/* ---- linear systems ---- */

int THTensor_(gesv)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a)
{
  THTensor *A = NULL, *B = NULL, bm;
  int *ipiv = NULL;
  int n, nrhs, lda, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("gesv", "A", a, 1) != 0 || THTensor_(checkRhs)("gesv", b, a) != 0)
    return -1;
  THTensor_(borrowMatrix)(&bm, b);
  n = (int)a->size[0];
  nrhs = (int)bm.size[1];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  B = THTensor_(newColMajorCopy)(&bm, n);
  ipiv = THAlloc(sizeof(int) * (size_t)lda);
  if (!A || !B || !ipiv)
    goto done;
  TH_BLAS_GUARDED(
      TH_LAPACK_(gesv_)(&n, &nrhs, THTensor_(data)(A), &lda, ipiv, THTensor_(data)(B), &lda,
          &info));
  if (THTensor_(lapackFailed)("gesv", "gesv", info,
          "gesv: the matrix A is singular: U(%d,%d) is exactly zero, so the solution could not be "
          "computed", info, info))
    goto done;
  THTensor_(setResult)(rb_, B, b->nDimension == 1);
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(B);
  THFree(ipiv);
  return rc;
}

int THTensor_(trtrs)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a, const char *uplo,
                     const char *trans, const char *diag)
{
  THTensor *A = NULL, *B = NULL, bm;
  int n, nrhs, lda, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("trtrs", "A", a, 1) != 0 ||
      THTensor_(checkRhs)("trtrs", b, a) != 0 ||
      THTensor_(checkFlag)("trtrs", "uplo", uplo, "UL") != 0 ||
      THTensor_(checkFlag)("trtrs", "trans", trans, "NT") != 0 ||
      THTensor_(checkFlag)("trtrs", "diag", diag, "NU") != 0)
    return -1;
  THTensor_(borrowMatrix)(&bm, b);
  n = (int)a->size[0];
  nrhs = (int)bm.size[1];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  B = THTensor_(newColMajorCopy)(&bm, n);
  if (!A || !B)
    goto done;
  TH_BLAS_GUARDED(
      TH_LAPACK_(trtrs_)(uplo, trans, diag, &n, &nrhs, THTensor_(data)(A), &lda, THTensor_(data)(B),
                         &lda, &info));
  if (THTensor_(lapackFailed)("trtrs", "trtrs", info,
          "trtrs: the triangular matrix A is singular: its diagonal element A(%d,%d) is zero",
          info, info))
    goto done;
  THTensor_(setResult)(rb_, B, b->nDimension == 1);
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(B);
  return rc;
}

int THTensor_(gels)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a)
{
  THTensor *A = NULL, *B = NULL, bm;
  real *work = NULL, wq = 0;
  int m, n, nrhs, lda, ldb, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("gels", "A", a, 0) != 0 || THTensor_(checkRhs)("gels", b, a) != 0)
    return -1;
  THTensor_(borrowMatrix)(&bm, b);
  m = (int)a->size[0];
  n = (int)a->size[1];
  nrhs = (int)bm.size[1];
  lda = THTensor_(ld)(m);
  ldb = THTensor_(ld)(TH_MAX(m, n));
  A = THTensor_(newColMajorCopy)(a, m);
  B = THTensor_(newColMajorCopy)(&bm, TH_MAX(m, n));
  if (!A || !B)
    goto done;
  TH_BLAS_GUARDED(
      TH_LAPACK_(gels_)("N", &m, &n, &nrhs, THTensor_(data)(A), &lda, THTensor_(data)(B), &ldb,
                        &wq, &lwork, &info));
  if (info == 0) {
    lwork = THTensor_(workSize)(wq);
    if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
      goto done;
    TH_BLAS_GUARDED(
        TH_LAPACK_(gels_)("N", &m, &n, &nrhs, THTensor_(data)(A), &lda, THTensor_(data)(B), &ldb,
                          work, &lwork, &info));
  }
  if (info < 0) {
    THTensor_(argError)("gels", "gels", info);
    goto done;
  }
  if (info > 0) {
    char buf[TH_LAPACK_BUF];
    THError_runtime("gels: A of size %s does not have full rank: diagonal element %d of its "
                    "triangular factor is zero", THTensor_(describeSize)(a, buf, sizeof(buf)),
                    info);
    goto done;
  }
  THTensor_(setResult)(rb_, B, b->nDimension == 1);
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(B);
  THFree(work);
  return rc;
}

/* ---- eigenvalues and singular values ---- */

int THTensor_(syev)(THTensor *re_, THTensor *rv_, THTensor *a, const char *jobz,
                    const char *uplo)
{
  THTensor *A = NULL, *W = NULL;
  real *work = NULL, wq = 0;
  int n, lda, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("symeig", "the input", a, 1) != 0 ||
      THTensor_(checkFlag)("symeig", "jobz", jobz, "NV") != 0 ||
      THTensor_(checkFlag)("symeig", "uplo", uplo, "UL") != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  W = THTensor_(newWithSize1d)(n);
  if (!A || !W)
    goto done;
  TH_BLAS_GUARDED(
      TH_LAPACK_(syev_)(jobz, uplo, &n, THTensor_(data)(A), &lda, THTensor_(data)(W), &wq, &lwork,
                        &info));
  if (info == 0) {
    lwork = THTensor_(workSize)(wq);
    if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
      goto done;
    TH_BLAS_GUARDED(
        TH_LAPACK_(syev_)(jobz, uplo, &n, THTensor_(data)(A), &lda, THTensor_(data)(W), work,
                          &lwork, &info));
  }
  if (THTensor_(lapackFailed)("symeig", "syev", info,
          "symeig: the algorithm failed to converge: %d off-diagonal elements of an intermediate "
          "tridiagonal form did not converge to zero", info))
    goto done;
  THTensor_(set)(re_, W);
  if (jobz[0] == 'V')
    THTensor_(set)(rv_, A);
  else
    THTensor_(setEmpty)(rv_);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(W);
  THFree(work);
  return rc;
}

int THTensor_(geev)(THTensor *re_, THTensor *rv_, THTensor *a, const char *jobvr)
{
  THTensor *A = NULL, *E = NULL, *V = NULL;
  real *work = NULL, wq = 0, dummy = 0, *wr, *vr;
  int n, lda, ldvr, one = 1, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("eig", "the input", a, 1) != 0 ||
      THTensor_(checkFlag)("eig", "jobvr", jobvr, "NV") != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  ldvr = jobvr[0] == 'V' ? lda : 1;
  A = THTensor_(newColMajorCopy)(a, n);
  E = THTensor_(newColMajor)(n, 2); /* column 0: real parts, column 1: imaginary parts */
  if (!A || !E || (jobvr[0] == 'V' && !(V = THTensor_(newColMajor)(n, n))))
    goto done;
  if (n == 0) /* LAPACK returns at once; no data to point at */
    goto finish;
  wr = THTensor_(data)(E);
  vr = V ? THTensor_(data)(V) : &dummy;
  TH_BLAS_GUARDED(
      TH_LAPACK_(geev_)("N", jobvr, &n, THTensor_(data)(A), &lda, wr, wr + n, &dummy, &one, vr,
                        &ldvr, &wq, &lwork, &info));
  if (info == 0) {
    lwork = THTensor_(workSize)(wq);
    if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
      goto done;
    TH_BLAS_GUARDED(
        TH_LAPACK_(geev_)("N", jobvr, &n, THTensor_(data)(A), &lda, wr, wr + n, &dummy, &one, vr,
                          &ldvr, work, &lwork, &info));
  }
  if (THTensor_(lapackFailed)("eig", "geev", info,
          "eig: the QR algorithm failed to compute all the eigenvalues (only elements %d to %d "
          "converged)", info + 1, n))
    goto done;
finish:
  THTensor_(set)(re_, E);
  if (V)
    THTensor_(set)(rv_, V);
  else
    THTensor_(setEmpty)(rv_);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(E);
  THTensor_(free)(V);
  THFree(work);
  return rc;
}

int THTensor_(gesvd)(THTensor *ru_, THTensor *rs_, THTensor *rv_, THTensor *a, const char *jobu)
{
  THTensor *A = NULL, *U = NULL, *S = NULL, *VT = NULL;
  real *work = NULL, wq = 0;
  int m, n, k, ucols, vtrows, lda, ldu, ldvt, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("svd", "the input", a, 0) != 0 ||
      THTensor_(checkFlag)("svd", "jobu", jobu, "SA") != 0)
    return -1;
  m = (int)a->size[0];
  n = (int)a->size[1];
  k = TH_MIN(m, n);
  ucols = jobu[0] == 'S' ? k : m;
  vtrows = jobu[0] == 'S' ? k : n;
  lda = ldu = THTensor_(ld)(m);
  ldvt = THTensor_(ld)(vtrows);
  A = THTensor_(newColMajorCopy)(a, m);
  U = THTensor_(newColMajor)(m, ucols);
  S = THTensor_(newWithSize1d)(k);
  VT = THTensor_(newColMajor)(vtrows, n);
  if (!A || !U || !S || !VT)
    goto done;
  if (m > 0 && n > 0) {
    TH_BLAS_GUARDED(
        TH_LAPACK_(gesvd_)(jobu, jobu, &m, &n, THTensor_(data)(A), &lda, THTensor_(data)(S),
                           THTensor_(data)(U), &ldu, THTensor_(data)(VT), &ldvt, &wq, &lwork,
                               &info));
    if (info == 0) {
      lwork = THTensor_(workSize)(wq);
      if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
        goto done;
      TH_BLAS_GUARDED(
          TH_LAPACK_(gesvd_)(jobu, jobu, &m, &n, THTensor_(data)(A), &lda, THTensor_(data)(S),
                             THTensor_(data)(U), &ldu, THTensor_(data)(VT), &ldvt, work, &lwork,
                             &info));
    }
  }
  if (THTensor_(lapackFailed)("svd", "gesvd", info,
          "svd: the algorithm did not converge: %d superdiagonals of an intermediate bidiagonal "
          "form did not converge to zero", info))
    goto done;
  THTensor_(set)(ru_, U);
  THTensor_(set)(rs_, S);
  THTensor_(set)(rv_, VT);
  THTensor_(transpose)(rv_, rv_, 0, 1); /* V = (V^T)^T, a view */
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(U);
  THTensor_(free)(S);
  THTensor_(free)(VT);
  THFree(work);
  return rc;
}

/* ---- inverse and Cholesky ---- */

int THTensor_(getri)(THTensor *ra_, THTensor *a)
{
  THTensor *A = NULL;
  real *work = NULL, wq = 0;
  int *ipiv = NULL;
  int n, lda, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("inverse", "the input", a, 1) != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  ipiv = THAlloc(sizeof(int) * (size_t)lda);
  if (!A || !ipiv)
    goto done;
  TH_BLAS_GUARDED(TH_LAPACK_(getrf_)(&n, &n, THTensor_(data)(A), &lda, ipiv, &info));
  if (info == 0) {
    TH_BLAS_GUARDED(TH_LAPACK_(getri_)(&n, THTensor_(data)(A), &lda, ipiv, &wq, &lwork, &info));
    lwork = THTensor_(workSize)(wq);
    if (info == 0 && !(work = THAlloc(sizeof(real) * (size_t)lwork)))
      goto done;
    if (info == 0)
      TH_BLAS_GUARDED(TH_LAPACK_(getri_)(&n, THTensor_(data)(A), &lda, ipiv, work, &lwork, &info));
  }
  if (THTensor_(lapackFailed)("inverse", "getrf/getri", info,
          "inverse: the matrix is singular: U(%d,%d) of its LU factorization is exactly zero",
          info, info))
    goto done;
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  THFree(ipiv);
  THFree(work);
  return rc;
}

int THTensor_(potrf)(THTensor *ra_, THTensor *a, const char *uplo)
{
  THTensor *A = NULL;
  int n, lda, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("potrf", "the input", a, 1) != 0 ||
      THTensor_(checkFlag)("potrf", "uplo", uplo, "UL") != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  if (!(A = THTensor_(newColMajorCopy)(a, n)))
    goto done;
  TH_BLAS_GUARDED(TH_LAPACK_(potrf_)(uplo, &n, THTensor_(data)(A), &lda, &info));
  if (THTensor_(lapackFailed)("potrf", "potrf", info,
          "potrf: the matrix is not positive definite: its leading minor of order %d is not "
          "positive", info))
    goto done;
  THTensor_(clearOtherTriangle)(THTensor_(data)(A), n, uplo[0]);
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  return rc;
}

int THTensor_(potrs)(THTensor *rb_, THTensor *b, THTensor *a, const char *uplo)
{
  THTensor *A = NULL, *B = NULL, bm;
  int n, nrhs, lda, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("potrs", "the factor", a, 1) != 0 ||
      THTensor_(checkRhs)("potrs", b, a) != 0 ||
      THTensor_(checkFlag)("potrs", "uplo", uplo, "UL") != 0)
    return -1;
  THTensor_(borrowMatrix)(&bm, b);
  n = (int)a->size[0];
  nrhs = (int)bm.size[1];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  B = THTensor_(newColMajorCopy)(&bm, n);
  if (!A || !B)
    goto done;
  TH_BLAS_GUARDED(
      TH_LAPACK_(potrs_)(uplo, &n, &nrhs, THTensor_(data)(A), &lda, THTensor_(data)(B), &lda,
          &info));
  if (info != 0) {
    THTensor_(argError)("potrs", "potrs", info);
    goto done;
  }
  THTensor_(setResult)(rb_, B, b->nDimension == 1);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(B);
  return rc;
}

int THTensor_(potri)(THTensor *ra_, THTensor *a, const char *uplo)
{
  THTensor *A = NULL;
  int n, lda, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("potri", "the factor", a, 1) != 0 ||
      THTensor_(checkFlag)("potri", "uplo", uplo, "UL") != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  if (!(A = THTensor_(newColMajorCopy)(a, n)))
    goto done;
  TH_BLAS_GUARDED(TH_LAPACK_(potri_)(uplo, &n, THTensor_(data)(A), &lda, &info));
  if (THTensor_(lapackFailed)("potri", "potri", info,
          "potri: the factor's diagonal element (%d,%d) is zero, so the matrix is singular",
          info, info))
    goto done;
  THTensor_(mirrorTriangle)(THTensor_(data)(A), n, uplo[0]);
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  return rc;
}

int THTensor_(pstrf)(THTensor *ra_, THIntTensor *rpiv_, THTensor *a, const char *uplo,
                     real tol)
{
  THTensor *A = NULL;
  THIntTensor *piv = NULL;
  real *work = NULL;
  int n, lda, rank = 0, info = 0, rc = -1, i;
  if (THTensor_(checkMatrix)("pstrf", "the input", a, 1) != 0 ||
      THTensor_(checkFlag)("pstrf", "uplo", uplo, "UL") != 0)
    return -1;
  n = (int)a->size[0];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorCopy)(a, n);
  piv = THIntTensor_newWithSize1d(n);
  work = THAlloc(sizeof(real) * 2 * (size_t)lda);
  if (!A || !piv || !work)
    goto done;
  if (n > 0)
    TH_BLAS_GUARDED(
        TH_LAPACK_(pstrf_)(uplo, &n, THTensor_(data)(A), &lda, THIntTensor_data(piv), &rank, &tol,
                           work, &info));
  if (THTensor_(lapackFailed)("pstrf", "pstrf", info,
          "pstrf: the matrix is rank deficient or not positive semidefinite (its computed rank is "
          "%d, its size %d)", rank, n))
    goto done;
  THTensor_(clearOtherTriangle)(THTensor_(data)(A), n, uplo[0]);
  for (i = 0; i < n; i++)
    THIntTensor_data(piv)[i] -= 1; /* LAPACK counts from 1 */
  THTensor_(set)(ra_, A);
  THIntTensor_set(rpiv_, piv);
  rc = 0;
done:
  THTensor_(free)(A);
  THIntTensor_free(piv);
  THFree(work);
  return rc;
}

/* QR and batched LU: generic/THTensorLapackFact.c, which uses the helpers above. */

#undef TH_LAPACK_

#endif
