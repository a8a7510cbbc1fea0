#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorBlas.c"
#else
/* Matrix products. Everything is expressed in BLAS's column-major terms: a strided matrix
 * whose stride is (1, ld) is a column-major one, one whose stride is (ld, 1) is the
 * transpose of a column-major one, so both reach BLAS without a copy; only other layouts
 * (and stride-0 vectors) are copied. A row-major result is computed as its transpose
 * (C^T = B^T A^T). BLAS is only called from serial code (batches loop serially and let
 * OpenBLAS thread each product). */

#if defined(TH_REAL_IS_FLOAT)
#define TH_BLAS_GEMM TH_BLAS(sgemm_)
#define TH_BLAS_GEMV TH_BLAS(sgemv_)
#define TH_BLAS_GER TH_BLAS(sger_)
#define TH_BLAS_DOT TH_BLAS(sdot_)
#elif defined(TH_REAL_IS_DOUBLE)
#define TH_BLAS_GEMM TH_BLAS(dgemm_)
#define TH_BLAS_GEMV TH_BLAS(dgemv_)
#define TH_BLAS_GER TH_BLAS(dger_)
#define TH_BLAS_DOT TH_BLAS(ddot_)
#endif

/* ---- raw kernels on column-major arrays (arguments already valid) ---- */

/* c (m x n, ldc) = alpha * op(a) * op(b) + beta * c; op(a) is m x k, op(b) is k x n.
 * With beta == 0, c is not read. */
static void THTensor_(rawGemm)(char ta, char tb, long m, long n, long k, real alpha,
                               const real *a, long lda, const real *b, long ldb, real beta,
                               real *c, long ldc)
{
#ifdef TH_BLAS_GEMM
  int im = (int)m, in = (int)n, ik = (int)k, ia = (int)lda, ib = (int)ldb, ic = (int)ldc;
  TH_BLAS_GUARDED(TH_BLAS_GEMM(&ta, &tb, &im, &in, &ik, &alpha, a, &ia, b, &ib, &beta, c, &ic));
#else
  const long sai = ta == 'n' ? 1 : lda, sak = ta == 'n' ? lda : 1;
  const long sbk = tb == 'n' ? 1 : ldb, sbj = tb == 'n' ? ldb : 1;
  long i, j, l;
  for (j = 0; j < n; j++) {
    for (i = 0; i < m; i++) {
      accreal acc = 0;
      real *cij = c + i + j * ldc;
      for (l = 0; l < k; l++)
        acc += (accreal)a[i * sai + l * sak] * (accreal)b[l * sbk + j * sbj];
      *cij = beta == 0 ? (real)(alpha * acc) : (real)(beta * (accreal)*cij + alpha * acc);
    }
  }
#endif
}

/* y = alpha * op(a) * x + beta * y; a is m x n (lda); op(a) is m x n ('n') or n x m ('t').
 * With beta == 0, y is not read. */
static void THTensor_(rawGemv)(char trans, long m, long n, real alpha, const real *a, long lda,
                               const real *x, long incx, real beta, real *y, long incy)
{
#ifdef TH_BLAS_GEMV
  int im = (int)m, in = (int)n, ia = (int)lda, ix = (int)incx, iy = (int)incy;
  TH_BLAS_GEMV(&trans, &im, &in, &alpha, a, &ia, x, &ix, &beta, y, &iy);
#else
  const long ylen = trans == 'n' ? m : n, xlen = trans == 'n' ? n : m;
  const long si = trans == 'n' ? 1 : lda, sl = trans == 'n' ? lda : 1;
  long i, l;
  for (i = 0; i < ylen; i++) {
    accreal acc = 0;
    real *yi = y + i * incy;
    for (l = 0; l < xlen; l++)
      acc += (accreal)a[i * si + l * sl] * (accreal)x[l * incx];
    *yi = beta == 0 ? (real)(alpha * acc) : (real)(beta * (accreal)*yi + alpha * acc);
  }
#endif
}

/* a (m x n, lda) += alpha * x * y^T. */
static void THTensor_(rawGer)(long m, long n, real alpha, const real *x, long incx,
                              const real *y, long incy, real *a, long lda)
{
#ifdef TH_BLAS_GER
  int im = (int)m, in = (int)n, ix = (int)incx, iy = (int)incy, ia = (int)lda;
  TH_BLAS_GER(&im, &in, &alpha, x, &ix, y, &iy, a, &ia);
#else
  long i, j;
  for (j = 0; j < n; j++) {
    const accreal ay = (accreal)alpha * (accreal)y[j * incy];
    for (i = 0; i < m; i++)
      a[i + j * lda] = (real)(a[i + j * lda] + ay * (accreal)x[i * incx]);
  }
#endif
}

static accreal THTensor_(rawDot)(long n, const real *x, long incx, const real *y, long incy)
{
#ifdef TH_BLAS_DOT
  int in = (int)n, ix = (int)incx, iy = (int)incy;
  return (accreal)TH_BLAS_DOT(&in, x, &ix, y, &iy);
#else
  accreal acc = 0;
  long i;
  for (i = 0; i < n; i++)
    acc += (accreal)x[i * incx] * (accreal)y[i * incy];
  return acc;
#endif
}

/* ---- layouts ---- */

/* How BLAS can read a rows x cols strided matrix: 'n' when it is column-major with leading
 * dimension *ld, 't' when it is the transpose of a column-major one (row-major), 0 when
 * neither (strides of size-1 dimensions do not matter). */
static char THTensor_(blasLayout)(long rows, long cols, long srow, long scol, long *ld)
{
  if ((srow == 1 || rows == 1) && (cols == 1 || scol >= TH_MAX(rows, 1))) {
    *ld = cols == 1 ? TH_MAX(rows, 1) : scol;
    return *ld <= INT_MAX ? 'n' : 0;
  }
  if ((scol == 1 || cols == 1) && (rows == 1 || srow >= TH_MAX(cols, 1))) {
    *ld = rows == 1 ? TH_MAX(cols, 1) : srow;
    return *ld <= INT_MAX ? 't' : 0;
  }
  return 0;
}

static char THTensor_(matLayout)(const THTensor *m, long *ld)
{
  const int d = m->nDimension - 2; /* the last two dimensions (batches share them) */
  return THTensor_(blasLayout)(m->size[d], m->size[d + 1], m->stride[d], m->stride[d + 1], ld);
}

/* The BLAS increment of a vector, or 0 when it must be copied first. */
static long THTensor_(vecInc)(const THTensor *v)
{
  if (v->size[0] <= 1)
    return 1;
  return (v->stride[0] >= 1 && v->stride[0] <= INT_MAX) ? v->stride[0] : 0;
}

static char THTensor_(flipTrans)(char t) { return t == 'n' ? 't' : 'n'; }

/* A view of src[i] along dimension 0 that holds no references. */
static void THTensor_(borrowSlice)(THTensor *view, const THTensor *src, long i)
{
  int d;
  view->storage = src->storage;
  view->storageOffset = src->storageOffset + i * src->stride[0];
  view->refcount = 1;
  view->flag = 0; /* not refcounted: free/retain do nothing */
  view->nDimension = src->nDimension - 1;
  for (d = 1; d < src->nDimension; d++) {
    view->size[d - 1] = src->size[d];
    view->stride[d - 1] = src->stride[d];
  }
}

/* self *= beta, where beta == 0 clears self (whatever it held). */
static void THTensor_(scaleBy)(THTensor *self, real beta)
{
  THApplyPlan plan;
  const long *strides[1];
  if (beta == 0) {
    THTensor_(zero)(self);
    return;
  }
  if (beta == 1 || THTensor_(nElement)(self) == 0)
    return;
  strides[0] = self->stride;
  THApplyPlan_init(&plan, 1, self->nDimension, self->size, strides);
  TH_APPLY1(real, p, THTensor_(data)(self), &plan, *p = (real)(*p * beta););
}

/* ---- products into a prepared result (fail only on allocation) ---- */

/* r (n x p, holding t when beta != 0) = beta * r + alpha * m1 @ m2; r shares no memory with
 * m1 or m2. */
static int THTensor_(gemmInto)(THTensor *r, real beta, real alpha, THTensor *m1, THTensor *m2)
{
  THTensor *c1 = NULL, *c2 = NULL, *cr = NULL;
  const long n = m1->size[0], k = m1->size[1], p = m2->size[1];
  long ldr, ld1, ld2;
  char tr, t1, t2;
  int rc = -1;
  if (n == 0 || p == 0)
    return 0;
  if (k == 0) {
    THTensor_(scaleBy)(r, beta);
    return 0;
  }
  tr = THTensor_(matLayout)(r, &ldr);
  if (!tr) { /* neither layout: compute into a contiguous temporary */
    cr = beta == 0 ? THTensor_(newWithSize2d)(n, p) : THTensor_(newClone)(r);
    if (!cr || THTensor_(gemmInto)(cr, beta, alpha, m1, m2) != 0)
      goto done;
    rc = THTensor_(copy)(r, cr);
    goto done;
  }
  t1 = THTensor_(matLayout)(m1, &ld1);
  if (!t1) {
    if (!(c1 = THTensor_(newClone)(m1)))
      goto done;
    t1 = THTensor_(matLayout)(c1, &ld1);
    m1 = c1;
  }
  t2 = THTensor_(matLayout)(m2, &ld2);
  if (!t2) {
    if (!(c2 = THTensor_(newClone)(m2)))
      goto done;
    t2 = THTensor_(matLayout)(c2, &ld2);
    m2 = c2;
  }
  if (tr == 'n')
    THTensor_(rawGemm)(t1, t2, n, p, k, alpha, THTensor_(data)(m1), ld1, THTensor_(data)(m2),
                       ld2, beta, THTensor_(data)(r), ldr);
  else /* r is row-major: r^T = m2^T m1^T in column-major terms */
    THTensor_(rawGemm)(THTensor_(flipTrans)(t2), THTensor_(flipTrans)(t1), p, n, k, alpha,
                       THTensor_(data)(m2), ld2, THTensor_(data)(m1), ld1, beta,
                       THTensor_(data)(r), ldr);
  rc = 0;
done:
  THTensor_(free)(c1);
  THTensor_(free)(c2);
  THTensor_(free)(cr);
  return rc;
}

/* r (n, holding t when beta != 0) = beta * r + alpha * mat @ vec. */
static int THTensor_(gemvInto)(THTensor *r, real beta, real alpha, THTensor *mat, THTensor *vec)
{
  THTensor *cm = NULL, *cv = NULL, *cr = NULL;
  const long n = mat->size[0], k = mat->size[1];
  long ldm, incv, incr;
  char tm;
  int rc = -1;
  if (n == 0)
    return 0;
  if (k == 0 || beta == 0) {
    THTensor_(scaleBy)(r, beta); /* a cleared r is safe to pass whatever BLAS does with it */
    if (k == 0)
      return 0;
  }
  if (!(incr = THTensor_(vecInc)(r))) {
    if (!(cr = THTensor_(newClone)(r)) || THTensor_(gemvInto)(cr, beta, alpha, mat, vec) != 0)
      goto done;
    rc = THTensor_(copy)(r, cr);
    goto done;
  }
  if (!(incv = THTensor_(vecInc)(vec))) {
    if (!(cv = THTensor_(newClone)(vec)))
      goto done;
    vec = cv;
    incv = 1;
  }
  if (!(tm = THTensor_(matLayout)(mat, &ldm))) {
    if (!(cm = THTensor_(newClone)(mat)))
      goto done;
    mat = cm;
    tm = THTensor_(matLayout)(mat, &ldm);
  }
  if (tm == 'n')
    THTensor_(rawGemv)('n', n, k, alpha, THTensor_(data)(mat), ldm, THTensor_(data)(vec), incv,
                       beta, THTensor_(data)(r), incr);
  else /* row-major mat: it is the transpose of a k x n column-major one */
    THTensor_(rawGemv)('t', k, n, alpha, THTensor_(data)(mat), ldm, THTensor_(data)(vec), incv,
                       beta, THTensor_(data)(r), incr);
  rc = 0;
done:
  THTensor_(free)(cm);
  THTensor_(free)(cv);
  THTensor_(free)(cr);
  return rc;
}

/* r (n x m) += alpha * x y^T. */
static int THTensor_(gerInto)(THTensor *r, real alpha, THTensor *x, THTensor *y)
{
  THTensor *cx = NULL, *cy = NULL, *cr = NULL;
  const long n = x->size[0], m = y->size[0];
  long ldr, incx, incy;
  char tr;
  int rc = -1;
  if (n == 0 || m == 0)
    return 0;
  if (!(tr = THTensor_(matLayout)(r, &ldr))) {
    if (!(cr = THTensor_(newClone)(r)) || THTensor_(gerInto)(cr, alpha, x, y) != 0)
      goto done;
    rc = THTensor_(copy)(r, cr);
    goto done;
  }
  if (!(incx = THTensor_(vecInc)(x))) {
    if (!(cx = THTensor_(newClone)(x)))
      goto done;
    x = cx;
    incx = 1;
  }
  if (!(incy = THTensor_(vecInc)(y))) {
    if (!(cy = THTensor_(newClone)(y)))
      goto done;
    y = cy;
    incy = 1;
  }
  if (tr == 'n')
    THTensor_(rawGer)(n, m, alpha, THTensor_(data)(x), incx, THTensor_(data)(y), incy,
                      THTensor_(data)(r), ldr);
  else /* row-major r: r^T += alpha * y x^T */
    THTensor_(rawGer)(m, n, alpha, THTensor_(data)(y), incy, THTensor_(data)(x), incx,
                      THTensor_(data)(r), ldr);
  rc = 0;
done:
  THTensor_(free)(cx);
  THTensor_(free)(cy);
  THTensor_(free)(cr);
  return rc;
}

/* ---- argument checks and result preparation ---- */

#define TH_BLAS_SIZES_BUF 256

static int THTensor_(checkBlasSize)(const char *op, long a, long b, long c)
{
  TH_CHECK(a <= INT_MAX && b <= INT_MAX && c <= INT_MAX, TH_ERR_VALUE,
           "%s: sizes above %d are not supported by BLAS (got %ld, %ld, %ld)", op, INT_MAX, a,
           b, c);
  return 0;
}

/* t must broadcast to the product's size (and have it exactly when it is r_ itself). */
static int THTensor_(checkAdded)(const char *op, THTensor *r_, THTensor *t, int nd,
                                 const long *sizes)
{
  char b1[TH_BLAS_SIZES_BUF], b2[TH_BLAS_SIZES_BUF];
  long out[TH_MAX_DIM];
  int ond, d, same = 1;
  if (!t)
    return 0;
  THTensor_(describeSize)(t, b1, sizeof(b1));
  THDescribeSizes(b2, sizeof(b2), nd, sizes);
  if (t == r_) {
    TH_CHECK(THTensor_(isSize)(t, nd, sizes), TH_ERR_RUNTIME,
             "%s: in-place: the tensor's size %s must equal the size of the product %s", op,
             b1, b2);
    return 0;
  }
  TH_CHECK(t->nDimension > 0, TH_ERR_RUNTIME,
           "%s: the tensor to add is empty, expected one that broadcasts to %s", op, b2);
  if (THBroadcast_shape(op, t->nDimension, t->size, nd, sizes, &ond, out) != 0)
    return -1;
  for (d = 0; d < nd; d++)
    same = same && out[d] == sizes[d];
  TH_CHECK(ond == nd && same, TH_ERR_RUNTIME,
           "%s: the tensor to add of size %s does not broadcast to the size of the product %s",
           op, b1, b2);
  return 0;
}

static int THTensor_(overlaps)(const THTensor *r, const THTensor *x)
{
  return x && r->storage != NULL && r->storage == x->storage;
}

/* Sizes r_ (keeping its strides when it already has the size) and fills it with t expanded
 * when beta * t is needed. */
static int THTensor_(prepareResult)(THTensor *r_, THTensor *t, real beta, int nd,
                                    const long *sizes)
{
  THTensor view;
  if (t == r_)
    return 0;
  if (!THTensor_(isSize)(r_, nd, sizes) && THTensor_(resize)(r_, nd, sizes) != 0)
    return -1;
  if (!t || beta == 0)
    return 0;
  THTensor_(borrowExpanded)(&view, t, nd, sizes);
  return THTensor_(copy)(r_, &view);
}

/* After computing into tmp (because r_ shared memory with a factor): moves it into r_. */
static int THTensor_(finishFromTemp)(THTensor *r_, THTensor *tmp, int rc)
{
  if (rc == 0 && !THTensor_(isSize)(r_, tmp->nDimension, tmp->size))
    rc = THTensor_(resize)(r_, tmp->nDimension, tmp->size);
  if (rc == 0)
    rc = THTensor_(copy)(r_, tmp);
  THTensor_(free)(tmp);
  return rc;
}

#define TH_BLAS_VIA_TEMP(CALL_ON_TMP)                     \
  do {                                                    \
    THTensor *tmp = THTensor_(new)();                     \
    if (!tmp)                                             \
      return -1;                                          \
    return THTensor_(finishFromTemp)(r_, tmp, CALL_ON_TMP); \
  } while (0)

/* ---- public functions ---- */

int THTensor_(dot)(accreal *result, THTensor *t, THTensor *src)
{
  THTensor *ct = NULL, *cs = NULL;
  const ptrdiff_t n = THTensor_(nElement)(t);
  char b1[TH_BLAS_SIZES_BUF], b2[TH_BLAS_SIZES_BUF];
  long inct = 1, incs = 1;
  int rc = -1;
  TH_CHECK(n == THTensor_(nElement)(src), TH_ERR_RUNTIME,
           "dot: inconsistent tensor size, expected tensor %s and src %s to have the same "
           "number of elements, but got %td and %td elements respectively",
           THTensor_(describeSize)(t, b1, sizeof(b1)),
           THTensor_(describeSize)(src, b2, sizeof(b2)), n, THTensor_(nElement)(src));
  if (THTensor_(checkBlasSize)("dot", (long)n, 0, 0) != 0)
    return -1;
  *result = 0;
  if (n == 0)
    return 0;
  if (t->nDimension == 1 && (inct = THTensor_(vecInc)(t)) == 0)
    inct = 1, t = ct = THTensor_(newClone)(t);
  else if (t->nDimension != 1 && !THTensor_(isContiguous)(t))
    t = ct = THTensor_(newClone)(t);
  if (!t)
    goto done;
  if (src->nDimension == 1 && (incs = THTensor_(vecInc)(src)) == 0)
    incs = 1, src = cs = THTensor_(newClone)(src);
  else if (src->nDimension != 1 && !THTensor_(isContiguous)(src))
    src = cs = THTensor_(newClone)(src);
  if (!src)
    goto done;
  *result = THTensor_(rawDot)((long)n, THTensor_(data)(t), inct, THTensor_(data)(src), incs);
  rc = 0;
done:
  THTensor_(free)(ct);
  THTensor_(free)(cs);
  return rc;
}

static int THTensor_(addmvImpl)(const char *op, THTensor *r_, real beta, THTensor *t,
                                real alpha, THTensor *mat, THTensor *vec)
{
  char b1[TH_BLAS_SIZES_BUF], b2[TH_BLAS_SIZES_BUF];
  long size;
  TH_CHECK(mat->nDimension == 2 && vec->nDimension == 1, TH_ERR_RUNTIME,
           "%s: expected a 2-D matrix and a 1-D vector, got mat of size %s (%d-D) and vec of "
           "size %s (%d-D)", op, THTensor_(describeSize)(mat, b1, sizeof(b1)), mat->nDimension,
           THTensor_(describeSize)(vec, b2, sizeof(b2)), vec->nDimension);
  TH_CHECK(mat->size[1] == vec->size[0], TH_ERR_RUNTIME, "size mismatch, mat: %s, vec: %s",
           THTensor_(describeSize)(mat, b1, sizeof(b1)),
           THTensor_(describeSize)(vec, b2, sizeof(b2)));
  size = mat->size[0];
  if (THTensor_(checkBlasSize)(op, mat->size[0], mat->size[1], 0) != 0 ||
      THTensor_(checkAdded)(op, r_, t, 1, &size) != 0)
    return -1;
  if (THTensor_(overlaps)(r_, mat) || THTensor_(overlaps)(r_, vec))
    TH_BLAS_VIA_TEMP(THTensor_(addmvImpl)(op, tmp, beta, t, alpha, mat, vec));
  if (!t)
    beta = 0;
  if (THTensor_(prepareResult)(r_, t, beta, 1, &size) != 0)
    return -1;
  return THTensor_(gemvInto)(r_, beta, alpha, mat, vec);
}

static int THTensor_(addmmImpl)(const char *op, THTensor *r_, real beta, THTensor *t,
                                real alpha, THTensor *m1, THTensor *m2)
{
  char b1[TH_BLAS_SIZES_BUF], b2[TH_BLAS_SIZES_BUF];
  long sizes[2];
  TH_CHECK(m1->nDimension == 2 && m2->nDimension == 2, TH_ERR_RUNTIME,
           "%s: expected 2-D matrices, got mat1 of size %s (%d-D) and mat2 of size %s (%d-D)",
           op, THTensor_(describeSize)(m1, b1, sizeof(b1)), m1->nDimension,
           THTensor_(describeSize)(m2, b2, sizeof(b2)), m2->nDimension);
  TH_CHECK(m1->size[1] == m2->size[0], TH_ERR_RUNTIME, "size mismatch, m1: %s, m2: %s",
           THTensor_(describeSize)(m1, b1, sizeof(b1)),
           THTensor_(describeSize)(m2, b2, sizeof(b2)));
  sizes[0] = m1->size[0];
  sizes[1] = m2->size[1];
  if (THTensor_(checkBlasSize)(op, m1->size[0], m1->size[1], m2->size[1]) != 0 ||
      THTensor_(checkAdded)(op, r_, t, 2, sizes) != 0)
    return -1;
  if (THTensor_(overlaps)(r_, m1) || THTensor_(overlaps)(r_, m2))
    TH_BLAS_VIA_TEMP(THTensor_(addmmImpl)(op, tmp, beta, t, alpha, m1, m2));
  if (!t)
    beta = 0;
  if (THTensor_(prepareResult)(r_, t, beta, 2, sizes) != 0)
    return -1;
  return THTensor_(gemmInto)(r_, beta, alpha, m1, m2);
}

static int THTensor_(addrImpl)(const char *op, THTensor *r_, real beta, THTensor *t,
                               real alpha, THTensor *vec1, THTensor *vec2)
{
  char b1[TH_BLAS_SIZES_BUF], b2[TH_BLAS_SIZES_BUF];
  long sizes[2];
  TH_CHECK(vec1->nDimension == 1 && vec2->nDimension == 1, TH_ERR_RUNTIME,
           "%s: expected 1-D vectors, got vec1 of size %s (%d-D) and vec2 of size %s (%d-D)",
           op, THTensor_(describeSize)(vec1, b1, sizeof(b1)), vec1->nDimension,
           THTensor_(describeSize)(vec2, b2, sizeof(b2)), vec2->nDimension);
  sizes[0] = vec1->size[0];
  sizes[1] = vec2->size[0];
  if (THTensor_(checkBlasSize)(op, sizes[0], sizes[1], 0) != 0 ||
      THTensor_(checkAdded)(op, r_, t, 2, sizes) != 0)
    return -1;
  if (THTensor_(overlaps)(r_, vec1) || THTensor_(overlaps)(r_, vec2))
    TH_BLAS_VIA_TEMP(THTensor_(addrImpl)(op, tmp, beta, t, alpha, vec1, vec2));
  if (!t)
    beta = 0;
  if (THTensor_(prepareResult)(r_, t, beta, 2, sizes) != 0)
    return -1;
  THTensor_(scaleBy)(r_, beta);
  return THTensor_(gerInto)(r_, alpha, vec1, vec2);
}

/* Checks two batches of matrices (B x n x k and B x k x p). */
static int THTensor_(checkBatches)(const char *op, THTensor *b1, THTensor *b2)
{
  char s1[TH_BLAS_SIZES_BUF], s2[TH_BLAS_SIZES_BUF];
  THTensor_(describeSize)(b1, s1, sizeof(s1));
  THTensor_(describeSize)(b2, s2, sizeof(s2));
  TH_CHECK(b1->nDimension == 3 && b2->nDimension == 3, TH_ERR_RUNTIME,
           "%s: expected 3-D batches of matrices, got batch1 of size %s (%d-D) and batch2 of "
           "size %s (%d-D)", op, s1, b1->nDimension, s2, b2->nDimension);
  TH_CHECK(b1->size[0] == b2->size[0], TH_ERR_RUNTIME,
           "%s: batch1 %s and batch2 %s must hold the same number of matrices (%ld != %ld)", op,
           s1, s2, b1->size[0], b2->size[0]);
  TH_CHECK(b1->size[2] == b2->size[1], TH_ERR_RUNTIME, "size mismatch, batch1: %s, batch2: %s",
           s1, s2);
  return THTensor_(checkBlasSize)(op, b1->size[1], b1->size[2], b2->size[2]);
}

/* The batches as BLAS can read them: each matrix in a BLAS layout (copied once, whole, when
 * its strides do not allow one). *c1 and *c2 receive the copies to free. */
static int THTensor_(blasBatches)(THTensor **b1, THTensor **b2, THTensor **c1, THTensor **c2)
{
  long ld;
  if (!THTensor_(matLayout)(*b1, &ld)) {
    if (!(*c1 = THTensor_(newClone)(*b1)))
      return -1;
    *b1 = *c1;
  }
  if (!THTensor_(matLayout)(*b2, &ld)) {
    if (!(*c2 = THTensor_(newClone)(*b2)))
      return -1;
    *b2 = *c2;
  }
  return 0;
}

/* The batched products: r_ = beta * t + alpha * batch1[b] @ batch2[b] for each batch b
 * (sum = 0, baddbmm and bmm), or the batches' products summed into one matrix (sum = 1,
 * addbmm). */
static int THTensor_(batchedImpl)(const char *op, THTensor *r_, real beta, THTensor *t,
                                  real alpha, THTensor *batch1, THTensor *batch2, int sum)
{
  THTensor *c1 = NULL, *c2 = NULL;
  THTensor rb, x, y;
  long sizes[3], b;
  const int nd = sum ? 2 : 3;
  int rc = -1;
  if (THTensor_(checkBatches)(op, batch1, batch2) != 0)
    return -1;
  sizes[0] = batch1->size[0];
  sizes[1] = batch1->size[1];
  sizes[2] = batch2->size[2];
  if (THTensor_(checkAdded)(op, r_, t, nd, sizes + 3 - nd) != 0)
    return -1;
  if (THTensor_(overlaps)(r_, batch1) || THTensor_(overlaps)(r_, batch2))
    TH_BLAS_VIA_TEMP(THTensor_(batchedImpl)(op, tmp, beta, t, alpha, batch1, batch2, sum));
  if (!t)
    beta = 0;
  if (THTensor_(prepareResult)(r_, t, beta, nd, sizes + 3 - nd) != 0 ||
      THTensor_(blasBatches)(&batch1, &batch2, &c1, &c2) != 0)
    goto done;
  if (sum && sizes[0] == 0)
    THTensor_(scaleBy)(r_, beta);
  for (b = 0; b < sizes[0]; b++) {
    THTensor_(borrowSlice)(&x, batch1, b);
    THTensor_(borrowSlice)(&y, batch2, b);
    if (!sum)
      THTensor_(borrowSlice)(&rb, r_, b);
    if (THTensor_(gemmInto)(sum ? r_ : &rb, sum && b > 0 ? (real)1 : beta, alpha, &x, &y) != 0)
      goto done;
  }
  rc = 0;
done:
  THTensor_(free)(c1);
  THTensor_(free)(c2);
  return rc;
}

int THTensor_(addmv)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *mat,
                     THTensor *vec)
{
  return THTensor_(addmvImpl)("addmv", r_, beta, t, alpha, mat, vec);
}

int THTensor_(addmm)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *m1,
                     THTensor *m2)
{
  return THTensor_(addmmImpl)("addmm", r_, beta, t, alpha, m1, m2);
}

int THTensor_(addr)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *vec1,
                    THTensor *vec2)
{
  return THTensor_(addrImpl)("addr", r_, beta, t, alpha, vec1, vec2);
}

int THTensor_(addbmm)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *batch1,
                      THTensor *batch2)
{
  return THTensor_(batchedImpl)("addbmm", r_, beta, t, alpha, batch1, batch2, 1);
}

int THTensor_(baddbmm)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *batch1,
                       THTensor *batch2)
{
  return THTensor_(batchedImpl)("baddbmm", r_, beta, t, alpha, batch1, batch2, 0);
}

int THTensor_(mv)(THTensor *r_, THTensor *mat, THTensor *vec)
{
  return THTensor_(addmvImpl)("mv", r_, 0, NULL, 1, mat, vec);
}

int THTensor_(mm)(THTensor *r_, THTensor *m1, THTensor *m2)
{
  return THTensor_(addmmImpl)("mm", r_, 0, NULL, 1, m1, m2);
}

int THTensor_(ger)(THTensor *r_, THTensor *vec1, THTensor *vec2)
{
  return THTensor_(addrImpl)("ger", r_, 0, NULL, 1, vec1, vec2);
}

int THTensor_(bmm)(THTensor *r_, THTensor *batch1, THTensor *batch2)
{
  return THTensor_(batchedImpl)("bmm", r_, 0, NULL, 1, batch1, batch2, 0);
}

#undef TH_BLAS_VIA_TEMP
#undef TH_BLAS_GEMM
#undef TH_BLAS_GEMV
#undef TH_BLAS_GER
#undef TH_BLAS_DOT

#endif
