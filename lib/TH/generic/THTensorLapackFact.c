#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorLapackFact.c"
#else
/* QR and batched LU factorizations through LAPACK. Included after
 * generic/THTensorLapack.c in the same translation unit: it uses that file's static helpers
 * (column-major copies, argument checks, workspace sizes) and TH_LAPACK_BUF. */

#if defined(TH_REAL_IS_FLOAT)
#define TH_LAPACK_(name) TH_BLAS(TH_CONCAT_2(s, name))
#else
#define TH_LAPACK_(name) TH_BLAS(TH_CONCAT_2(d, name))
#endif

/* ---- QR ---- */

/* geqrf on the column-major m x n A in place; tau has min(m, n) elements. */
static int THTensor_(rawGeqrf)(const char *op, THTensor *A, THTensor *tau)
{
  real *work = NULL, wq = 0;
  int m = (int)A->size[0], n = (int)A->size[1], lda = THTensor_(ld)(m), lwork = -1, info = 0;
  if (m == 0 || n == 0)
    return 0;
  TH_BLAS_GUARDED(
      TH_LAPACK_(geqrf_)(&m, &n, THTensor_(data)(A), &lda, THTensor_(data)(tau), &wq, &lwork,
          &info));
  if (info == 0) {
    lwork = THTensor_(workSize)(wq);
    if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
      return -1;
    TH_BLAS_GUARDED(
        TH_LAPACK_(geqrf_)(&m, &n, THTensor_(data)(A), &lda, THTensor_(data)(tau), work, &lwork,
                           &info));
    THFree(work);
  }
  return info == 0 ? 0 : THTensor_(argError)(op, "geqrf", info);
}

/* orgqr on the column-major A (m x n, leading dimension lda) from k reflectors. */
static int THTensor_(rawOrgqr)(const char *op, real *a, int m, int n, int k, int lda,
                               const real *tau)
{
  real *work = NULL, wq = 0;
  int lwork = -1, info = 0;
  if (n == 0)
    return 0;
  TH_BLAS_GUARDED(TH_LAPACK_(orgqr_)(&m, &n, &k, a, &lda, tau, &wq, &lwork, &info));
  if (info == 0) {
    lwork = THTensor_(workSize)(wq);
    if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
      return -1;
    TH_BLAS_GUARDED(TH_LAPACK_(orgqr_)(&m, &n, &k, a, &lda, tau, work, &lwork, &info));
    THFree(work);
  }
  return info == 0 ? 0 : THTensor_(argError)(op, "orgqr", info);
}

int THTensor_(geqrf)(THTensor *ra_, THTensor *rtau_, THTensor *a)
{
  THTensor *A = NULL, *tau = NULL;
  int rc = -1;
  if (THTensor_(checkMatrix)("geqrf", "the input", a, 0) != 0)
    return -1;
  A = THTensor_(newColMajorCopy)(a, a->size[0]);
  tau = THTensor_(newWithSize1d)(TH_MIN(a->size[0], a->size[1]));
  if (!A || !tau || THTensor_(rawGeqrf)("geqrf", A, tau) != 0)
    goto done;
  THTensor_(set)(ra_, A);
  THTensor_(set)(rtau_, tau);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(tau);
  return rc;
}

int THTensor_(qr)(THTensor *rq_, THTensor *rr_, THTensor *a)
{
  THTensor *A = NULL, *tau = NULL, *R = NULL;
  long m, n, k, i, j;
  real *ad, *rd;
  int rc = -1;
  if (THTensor_(checkMatrix)("qr", "the input", a, 0) != 0)
    return -1;
  m = a->size[0];
  n = a->size[1];
  k = TH_MIN(m, n);
  A = THTensor_(newColMajorCopy)(a, m);
  tau = THTensor_(newWithSize1d)(k);
  R = THTensor_(newWithSize2d)(k, n);
  if (!A || !tau || !R || THTensor_(rawGeqrf)("qr", A, tau) != 0)
    goto done;
  ad = THTensor_(data)(A);
  rd = THTensor_(data)(R);
  for (i = 0; i < k; i++) /* R: the upper triangle of A's first k rows */
    for (j = 0; j < n; j++)
      rd[i * n + j] = j >= i ? ad[i + j * m] : 0;
  if (m > 0 && THTensor_(rawOrgqr)("qr", ad, (int)m, (int)k, (int)k, THTensor_(ld)(m),
                                   THTensor_(data)(tau)) != 0)
    goto done;
  THTensor_(narrow)(A, A, 1, 0, k); /* Q: the first k columns */
  THTensor_(set)(rq_, A);
  THTensor_(set)(rr_, R);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(tau);
  THTensor_(free)(R);
  return rc;
}

int THTensor_(orgqr)(THTensor *ra_, THTensor *a, THTensor *tau)
{
  THTensor *A = NULL, *T = NULL;
  char b1[TH_LAPACK_BUF], b2[TH_LAPACK_BUF];
  int rc = -1;
  if (THTensor_(checkMatrix)("orgqr", "the input", a, 0) != 0)
    return -1;
  TH_CHECK(tau->nDimension == 1 && a->size[0] >= a->size[1] && a->size[1] >= tau->size[0],
           TH_ERR_RUNTIME, "orgqr: expected a of size m x n and a 1-D tau of size k with "
           "m >= n >= k, got a %s and tau %s", THTensor_(describeSize)(a, b1, sizeof(b1)),
           THTensor_(describeSize)(tau, b2, sizeof(b2)));
  A = THTensor_(newColMajorCopy)(a, a->size[0]);
  T = THTensor_(newContiguous)(tau);
  if (!A || !T || THTensor_(rawOrgqr)("orgqr", THTensor_(data)(A), (int)a->size[0],
                                      (int)a->size[1], (int)tau->size[0],
                                      THTensor_(ld)(a->size[0]), THTensor_(data)(T)) != 0)
    goto done;
  THTensor_(set)(ra_, A);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(T);
  return rc;
}

int THTensor_(ormqr)(THTensor *ra_, THTensor *a, THTensor *tau, THTensor *c, const char *side,
                     const char *trans)
{
  THTensor *A = NULL, *T = NULL, *C = NULL;
  char b1[TH_LAPACK_BUF], b2[TH_LAPACK_BUF], b3[TH_LAPACK_BUF];
  real *work = NULL, wq = 0;
  int m, n, k, nq, lda, ldc, lwork = -1, info = 0, rc = -1;
  if (THTensor_(checkMatrix)("ormqr", "the reflectors", a, 0) != 0 ||
      THTensor_(checkMatrix)("ormqr", "the input", c, 0) != 0 ||
      THTensor_(checkFlag)("ormqr", "side", side, "LR") != 0 ||
      THTensor_(checkFlag)("ormqr", "trans", trans, "NT") != 0)
    return -1;
  m = (int)c->size[0];
  n = (int)c->size[1];
  nq = side[0] == 'L' ? m : n;
  TH_CHECK(tau->nDimension == 1 && a->size[0] == nq && tau->size[0] <= a->size[1] &&
           tau->size[0] <= nq, TH_ERR_RUNTIME,
           "ormqr: size mismatch: the reflectors %s and tau %s do not fit the matrix %s "
           "(multiplied from the %s)", THTensor_(describeSize)(a, b1, sizeof(b1)),
           THTensor_(describeSize)(tau, b2, sizeof(b2)),
           THTensor_(describeSize)(c, b3, sizeof(b3)), side[0] == 'L' ? "left" : "right");
  k = (int)tau->size[0];
  lda = THTensor_(ld)(nq);
  ldc = THTensor_(ld)(m);
  A = THTensor_(newColMajorCopy)(a, nq);
  T = THTensor_(newContiguous)(tau);
  C = THTensor_(newColMajorCopy)(c, m);
  if (!A || !T || !C)
    goto done;
  if (m > 0 && n > 0) {
    TH_BLAS_GUARDED(
        TH_LAPACK_(ormqr_)(side, trans, &m, &n, &k, THTensor_(data)(A), &lda, THTensor_(data)(T),
                           THTensor_(data)(C), &ldc, &wq, &lwork, &info));
    if (info == 0) {
      lwork = THTensor_(workSize)(wq);
      if (!(work = THAlloc(sizeof(real) * (size_t)lwork)))
        goto done;
      TH_BLAS_GUARDED(
          TH_LAPACK_(ormqr_)(side, trans, &m, &n, &k, THTensor_(data)(A), &lda, THTensor_(data)(T),
                             THTensor_(data)(C), &ldc, work, &lwork, &info));
    }
  }
  if (info != 0) {
    THTensor_(argError)("ormqr", "ormqr", info);
    goto done;
  }
  THTensor_(set)(ra_, C);
  rc = 0;
done:
  THTensor_(free)(A);
  THTensor_(free)(T);
  THTensor_(free)(C);
  THFree(work);
  return rc;
}

/* ---- batched LU ---- */

/* A new B x n x k tensor whose matrices are column-major (strides (n*k, 1, n)). */
static THTensor *THTensor_(newColMajorBatch)(long B, long n, long k)
{
  long sizes[3];
  THTensor *r;
  sizes[0] = B;
  sizes[1] = k;
  sizes[2] = n;
  r = THTensor_(newWithSize)(3, sizes);
  if (r)
    THTensor_(transpose)(r, r, 1, 2);
  return r;
}

int THTensor_(btrifact)(THTensor *ra_, THIntTensor *rpivots_, THIntTensor *rinfo_, THTensor *a)
{
  THTensor *A = NULL;
  THIntTensor *piv = NULL;
  char buf[TH_LAPACK_BUF];
  long b;
  int n, lda, info = 0, rc = -1;
  TH_CHECK(a->nDimension == 3 && a->size[1] == a->size[2], TH_ERR_RUNTIME,
           "btrifact: expected a batch of square matrices (B x n x n), got size %s",
           THTensor_(describeSize)(a, buf, sizeof(buf)));
  TH_CHECK(a->size[1] <= INT_MAX, TH_ERR_VALUE, "btrifact: matrices of size %s are too large "
           "for LAPACK", THTensor_(describeSize)(a, buf, sizeof(buf)));
  n = (int)a->size[1];
  lda = THTensor_(ld)(n);
  A = THTensor_(newColMajorBatch)(a->size[0], n, n);
  piv = THIntTensor_newWithSize2d(a->size[0], n);
  if (!A || !piv || THTensor_(copy)(A, a) != 0 ||
      (rinfo_ && THIntTensor_resize1d(rinfo_, a->size[0]) != 0))
    goto done;
  for (b = 0; b < a->size[0] && n > 0; b++) {
    TH_BLAS_GUARDED(TH_LAPACK_(getrf_)(&n, &n, THTensor_(data)(A) + b * A->stride[0], &lda,
                       THIntTensor_data(piv) + b * n, &info));
    if (info < 0) {
      THTensor_(argError)("btrifact", "getrf", info);
      goto done;
    }
    if (rinfo_) {
      THIntTensor_data(rinfo_)[b * rinfo_->stride[0]] = info;
    } else if (info > 0) {
      THError_runtime("btrifact: the matrix of batch element %ld is singular: U(%d,%d) is "
                      "exactly zero (pass info= to get each matrix's status instead)", b, info,
                      info);
      goto done;
    }
  }
  if (rinfo_ && n == 0)
    THIntTensor_zero(rinfo_);
  THTensor_(set)(ra_, A);
  THIntTensor_set(rpivots_, piv);
  rc = 0;
done:
  THTensor_(free)(A);
  THIntTensor_free(piv);
  return rc;
}

/* Checks btrisolve's arguments, including every pivot (LAPACK would read out of bounds). */
static int THTensor_(checkBtrisolve)(THTensor *b, THTensor *atf, THIntTensor *pivots)
{
  char b1[TH_LAPACK_BUF], b2[TH_LAPACK_BUF], b3[TH_LAPACK_BUF];
  long i, j, n;
  THTensor_(describeSize)(b, b1, sizeof(b1));
  THTensor_(describeSize)(atf, b2, sizeof(b2));
  THIntTensor_describeSize(pivots, b3, sizeof(b3));
  TH_CHECK(atf->nDimension == 3 && atf->size[1] == atf->size[2] && atf->size[1] <= INT_MAX,
           TH_ERR_RUNTIME, "btrisolve: expected LU factors of size B x n x n, got %s", b2);
  n = atf->size[1];
  TH_CHECK((b->nDimension == 2 || b->nDimension == 3) && b->size[0] == atf->size[0] &&
           b->size[1] == n && (b->nDimension == 2 || b->size[2] <= INT_MAX), TH_ERR_RUNTIME,
           "btrisolve: size mismatch: b %s does not fit the LU factors %s (expected B x n or "
           "B x n x k)", b1, b2);
  TH_CHECK(pivots->nDimension == 2 && pivots->size[0] == atf->size[0] && pivots->size[1] == n,
           TH_ERR_RUNTIME, "btrisolve: size mismatch: pivots %s do not fit the LU factors %s",
           b3, b2);
  for (i = 0; i < pivots->size[0]; i++)
    for (j = 0; j < n; j++) {
      int p = THIntTensor_data(pivots)[i * pivots->stride[0] + j * pivots->stride[1]];
      TH_CHECK(p >= 1 && p <= n, TH_ERR_VALUE,
               "btrisolve: pivot %d at [%ld, %ld] is out of range [1, %ld]", p, i, j, n);
    }
  return 0;
}

int THTensor_(btrisolve)(THTensor *rb_, THTensor *b, THTensor *atf, THIntTensor *pivots)
{
  THTensor *LU = NULL, *X = NULL, bv;
  THIntTensor *piv = NULL;
  long i, batch;
  int n, k, lda, ldb, info = 0, rc = -1;
  if (THTensor_(checkBtrisolve)(b, atf, pivots) != 0)
    return -1;
  batch = atf->size[0];
  n = (int)atf->size[1];
  bv = *b;
  bv.flag = 0;
  if (b->nDimension == 2) { /* one right-hand side per matrix */
    bv.nDimension = 3;
    bv.size[2] = 1;
    bv.stride[2] = 1;
  }
  k = (int)bv.size[2];
  ldb = THTensor_(ld)(n);
  if ((atf->stride[1] == 1 || n <= 1) && (n <= 1 || atf->stride[2] >= n) &&
      atf->stride[2] <= INT_MAX) { /* already column-major matrices: read in place */
    LU = atf;
    THTensor_(retain)(LU);
    lda = (int)TH_MAX(n <= 1 ? 1 : atf->stride[2], 1);
  } else {
    if (!(LU = THTensor_(newColMajorBatch)(batch, n, n)) || THTensor_(copy)(LU, atf) != 0)
      goto done;
    lda = ldb;
  }
  piv = THIntTensor_newContiguous(pivots);
  X = THTensor_(newColMajorBatch)(batch, n, k);
  if (!piv || !X || THTensor_(copy)(X, &bv) != 0)
    goto done;
  for (i = 0; i < batch && n > 0 && k > 0; i++) {
    TH_BLAS_GUARDED(TH_LAPACK_(getrs_)("N", &n, &k, THTensor_(data)(LU) + i * LU->stride[0], &lda,
                       THIntTensor_data(piv) + i * n, THTensor_(data)(X) + i * X->stride[0],
                       &ldb, &info));
    if (info != 0) {
      THTensor_(argError)("btrisolve", "getrs", info);
      goto done;
    }
  }
  THTensor_(set)(rb_, X);
  if (b->nDimension == 2)
    THTensor_(select)(rb_, rb_, 2, 0);
  rc = 0;
done:
  THTensor_(free)(LU);
  THTensor_(free)(X);
  THIntTensor_free(piv);
  return rc;
}

#undef TH_LAPACK_

#endif
