#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduce.c"
#else
/* Reductions over a whole tensor and along a dimension (see generic/THTensorReduce.h).
 * Each op is a "segment" function (a strided run of elements into an accumulator) or a
 * "line" function (one line along the reduced dimension into one output element), driven
 * by the loops of THTensorDimApply.h. When the reduced dimension is not the innermost one in
 * memory, sum, prod, mean, max and min reduce blocks of columns instead (the kernels of
 * generic/THTensorReduceBlock.c). */

#define TH_RED_BUF 256

/* ---- whole tensor ---- */

static void THTensor_(sumSeg)(accreal *acc, const real *p, long n, long s, const void *arg)
{
  accreal a = 0;
  long i;
  TH_UNUSED(arg);
  if (s == 1) {
    *acc += THTensor_(sumRun)(p, n);
    return;
  }
  for (i = 0; i < n; i++)
    a += (accreal)p[i * s];
  *acc += a;
}

static void THTensor_(prodSeg)(accreal *acc, const real *p, long n, long s, const void *arg)
{
  accreal a = *acc;
  long i;
  TH_UNUSED(arg);
  for (i = 0; i < n; i++)
    a *= (accreal)p[i * s];
  *acc = a;
}

static void THTensor_(extremeSeg)(real *acc, const real *p, long n, long s, int largest)
{
  long i, bi = 0;
  if (s == 1) {
    THTensor_(extremeRun)(acc, &bi, p, n, 0, largest);
    return;
  }
  for (i = 0; i < n; i++)
    if (THTensor_(beats)(p[i * s], *acc, largest))
      *acc = p[i * s];
}

static void THTensor_(maxSeg)(real *acc, const real *p, long n, long s, const void *arg)
{
  TH_UNUSED(arg);
  THTensor_(extremeSeg)(acc, p, n, s, 1);
}

static void THTensor_(minSeg)(real *acc, const real *p, long n, long s, const void *arg)
{
  TH_UNUSED(arg);
  THTensor_(extremeSeg)(acc, p, n, s, 0);
}

static inline void THTensor_(addAcc)(accreal *acc, accreal part) { *acc += part; }
static inline void THTensor_(mulAcc)(accreal *acc, accreal part) { *acc *= part; }
static inline void THTensor_(maxAcc)(real *acc, real part)
{
  if (THTensor_(beats)(part, *acc, 1))
    *acc = part;
}
static inline void THTensor_(minAcc)(real *acc, real part)
{
  if (THTensor_(beats)(part, *acc, 0))
    *acc = part;
}

int THTensor_(sumall)(THTensor *t, accreal *result)
{
  THApplyPlan plan;
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, accreal, *result, 0, THTensor_(sumSeg),
                THTensor_(addAcc), NULL);
  return 0;
}

int THTensor_(prodall)(THTensor *t, accreal *result)
{
  THApplyPlan plan;
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, accreal, *result, 1, THTensor_(prodSeg),
                THTensor_(mulAcc), NULL);
  return 0;
}

#define TH_CHECK_NONEMPTY(op, t)                                                        \
  TH_CHECK(THTensor_(nElement)(t) > 0, TH_ERR_RUNTIME,                                  \
           "%s: the operation is not defined for an empty tensor (size %s)", op,         \
           THTensor_(describeSize)(t, th_szbuf_, sizeof(th_szbuf_)))

static int THTensor_(extremeall)(THTensor *t, real *result, int largest)
{
  char th_szbuf_[TH_RED_BUF];
  THApplyPlan plan;
  real first;
  TH_CHECK_NONEMPTY(largest ? "max" : "min", t);
  first = THTensor_(data)(t)[0];
  TH_PLAN1(&plan, t);
  if (largest)
    TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, real, *result, first, THTensor_(maxSeg),
                  THTensor_(maxAcc), NULL);
  else
    TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, real, *result, first, THTensor_(minSeg),
                  THTensor_(minAcc), NULL);
  return 0;
}

int THTensor_(maxall)(THTensor *t, real *result) { return THTensor_(extremeall)(t, result, 1); }

int THTensor_(minall)(THTensor *t, real *result) { return THTensor_(extremeall)(t, result, 0); }

int THTensor_(meanall)(THTensor *t, double *result)
{
  char th_szbuf_[TH_RED_BUF];
  accreal sum;
  TH_CHECK_NONEMPTY("mean", t);
  THTensor_(sumall)(t, &sum);
  *result = (double)sum / (double)THTensor_(nElement)(t);
  return 0;
}

/* ---- along a dimension ---- */

/* One line of n elements (stride s) into *out; arg is the op's parameter. */
typedef void (*THTensor_(LineFn))(real *out, const real *in, long n, long s, const void *arg);

/* The most columns of one block (the accumulators live on the stack). */
#define TH_RED_COLS 4096

/* The sums, products or means (colOp) of m columns into out[j * os]. */
static void THTensor_(reduceCols)(real *out, long os, const real *in, long n, long s, long m,
                                  long vs, int colOp)
{
  accreal acc[TH_RED_COLS];
  long j;
  for (j = 0; j < m; j++)
    acc[j] = colOp == TH_RED_PROD ? 1 : 0;
  THTensor_(accumulateCols)(acc, in, n, s, m, vs, colOp == TH_RED_PROD);
  if (colOp == TH_RED_MEAN) {
    for (j = 0; j < m; j++)
      out[j * os] = TH_ACCREAL_TO_REAL(acc[j] / (accreal)n);
  } else {
    for (j = 0; j < m; j++)
      out[j * os] = TH_ACCREAL_TO_REAL(acc[j]);
  }
}

/* Resizes out to t's shape with size 1 at dim (outputs are checked by the callers). */
static int THTensor_(resizeReduced)(THTensor *out, THLongTensor *indices, THTensor *t, int dim)
{
  long sizes[TH_MAX_DIM];
  memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
  sizes[dim] = 1;
  if (THTensor_(resize)(out, t->nDimension, sizes) != 0)
    return -1;
  return indices ? THLongTensor_resize(indices, t->nDimension, sizes) : 0;
}

/* The plan over the positions of a column reduction: every dimension but dim and the
 * columns' dimensions [first, v]. */
static void THTensor_(columnPlan)(THApplyPlan *plan, THTensor *t, int nt,
                                  const long *const *strides, int dim, int first, int v)
{
  long sizes[TH_MAX_DIM];
  int d;
  memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
  sizes[dim] = 1;
  for (d = first; d <= v; d++)
    sizes[d] = 1;
  THApplyPlan_init(plan, nt, t->nDimension, sizes, strides);
}

/* Checks dim (and, with nonempty, that the dimension has elements), resizes r to t's shape
 * with size 1 at dim, runs line over every line (or colOp over blocks of columns), then
 * squeezes dim unless keepdim. */
static int THTensor_(reduceDim)(const char *op, THTensor *r, THTensor *t, int dim, int keepdim,
                                int nonempty, THTensor_(LineFn) line, int colOp,
                                const void *arg)
{
  char buf[TH_RED_BUF];
  const long *strides[2];
  THApplyPlan plan;
  int v = -1, first = 0;
  long m = 0;
  TH_CHECK_REDUCE_DIM(op, t, dim);
  TH_CHECK(r != t, TH_ERR_VALUE, "%s: the result tensor must not be the input", op);
  TH_CHECK(!nonempty || t->size[dim] > 0, TH_ERR_RUNTIME,
           "%s: cannot reduce over dimension %d of size 0 (input size %s)", op, dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  if (THTensor_(resizeReduced)(r, NULL, t, dim) != 0)
    return -1;
  strides[0] = r->stride;
  strides[1] = t->stride;
  if (colOp != TH_RED_NONE)
    v = THDimApply_columns(t->nDimension, t->size, 2, strides, dim, &first, &m);
  {
    real *rd = THTensor_(data)(r);
    const real *td = THTensor_(data)(t);
    const long n = t->size[dim], s = t->stride[dim];
    const int nt = THDimApply_threads(THTensor_(nElement)(t));
    if (v >= 0) {
      const long vs = t->stride[v], os = r->stride[v];
      long nblk, w;
      THTensor_(columnPlan)(&plan, t, 2, strides, dim, first, v);
      w = THDimApply_blockWidth(m, TH_RED_COLS, plan.numel, nt, &nblk);
      TH_BLOCK_APPLY(&plan, plan.numel * nblk > 1 ? nt : 1, nblk, off, blk, {
        const long j0 = blk * w;
        THTensor_(reduceCols)(rd + off[0] + j0 * os, os, td + off[1] + j0 * vs, n, s,
                              TH_MIN(w, m - j0), vs, colOp);
      });
    } else {
      THDimApply_plan(&plan, 2, t->nDimension, t->size, strides, dim);
      TH_DIM_APPLY(&plan, plan.numel > 1 ? nt : 1, off, tid,
                   line(rd + off[0], td + off[1], n, s, arg););
    }
  }
  if (!keepdim)
    THTensor_(squeeze1d)(r, r, dim);
  return 0;
}

static void THTensor_(sumLine)(real *out, const real *in, long n, long s, const void *arg)
{
  accreal a = 0;
  THTensor_(sumSeg)(&a, in, n, s, arg);
  *out = TH_ACCREAL_TO_REAL(a);
}

static void THTensor_(prodLine)(real *out, const real *in, long n, long s, const void *arg)
{
  accreal a = 1;
  THTensor_(prodSeg)(&a, in, n, s, arg);
  *out = TH_ACCREAL_TO_REAL(a);
}

static void THTensor_(meanLine)(real *out, const real *in, long n, long s, const void *arg)
{
  accreal a = 0;
  THTensor_(sumSeg)(&a, in, n, s, arg);
  *out = TH_ACCREAL_TO_REAL(a / (accreal)n);
}

int THTensor_(sum)(THTensor *r, THTensor *t, int dim, int keepdim)
{
  return THTensor_(reduceDim)("sum", r, t, dim, keepdim, 0, THTensor_(sumLine), TH_RED_SUM,
                              NULL);
}

int THTensor_(prod)(THTensor *r, THTensor *t, int dim, int keepdim)
{
  return THTensor_(reduceDim)("prod", r, t, dim, keepdim, 0, THTensor_(prodLine), TH_RED_PROD,
                              NULL);
}

int THTensor_(mean)(THTensor *r, THTensor *t, int dim, int keepdim)
{
  return THTensor_(reduceDim)("mean", r, t, dim, keepdim, 1, THTensor_(meanLine), TH_RED_MEAN,
                              NULL);
}

/* The extremes of m columns and their rows into vd[j * vos] and id[j * ios]. */
static void THTensor_(extremeColsOut)(real *vd, long vos, long *id, long ios, const real *in,
                                      long n, long s, long m, long vs, int largest)
{
  real best[TH_RED_COLS];
  int bi[TH_RED_COLS], nf[TH_RED_COLS];
  long j;
  THTensor_(extremeCols)(best, bi, nf, in, n, s, m, vs, largest);
  for (j = 0; j < m; j++) {
    vd[j * vos] = best[j];
    id[j * ios] = bi[j];
  }
}

/* The extreme of one line and its index into *vd and *id. */
static void THTensor_(extremeLine)(real *vd, long *id, const real *p, long n, long s,
                                   int largest)
{
  real best = p[0];
  long i, bi = 0;
  if (s == 1) {
    THTensor_(extremeRun)(&best, &bi, p, n, 0, largest);
  } else {
    for (i = 1; i < n; i++) {
      if (THTensor_(beats)(p[i * s], best, largest)) {
        best = p[i * s];
        bi = i;
      }
    }
  }
  *vd = best;
  *id = bi;
}

/* max / min with the index of the winner along dim. */
static int THTensor_(extremeDim)(const char *op, THTensor *values, THLongTensor *indices,
                                 THTensor *t, int dim, int keepdim, int largest)
{
  char buf[TH_RED_BUF];
  const long *strides[3];
  THApplyPlan plan;
  int v = -1, first = 0;
  long m = 0;
  TH_CHECK_REDUCE_DIM(op, t, dim);
  TH_CHECK(values != t, TH_ERR_VALUE, "%s: the result tensor must not be the input", op);
  TH_CHECK(t->size[dim] > 0, TH_ERR_RUNTIME,
           "%s: cannot reduce over dimension %d of size 0 (input size %s)", op, dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  if (THTensor_(resizeReduced)(values, indices, t, dim) != 0)
    return -1;
  strides[0] = values->stride;
  strides[1] = indices->stride;
  strides[2] = t->stride;
  /* The column kernel counts rows in an int. */
  if (t->size[dim] <= INT_MAX)
    v = THDimApply_columns(t->nDimension, t->size, 3, strides, dim, &first, &m);
  {
    real *vd = THTensor_(data)(values);
    long *id = THLongTensor_data(indices);
    const real *td = THTensor_(data)(t);
    const long n = t->size[dim], s = t->stride[dim];
    const int nt = THDimApply_threads(THTensor_(nElement)(t));
    if (v >= 0) {
      const long vs = t->stride[v], vos = values->stride[v], ios = indices->stride[v];
      long nblk, w;
      THTensor_(columnPlan)(&plan, t, 3, strides, dim, first, v);
      w = THDimApply_blockWidth(m, TH_RED_COLS, plan.numel, nt, &nblk);
      TH_BLOCK_APPLY(&plan, plan.numel * nblk > 1 ? nt : 1, nblk, off, blk, {
        const long j0 = blk * w;
        THTensor_(extremeColsOut)(vd + off[0] + j0 * vos, vos, id + off[1] + j0 * ios, ios,
                                  td + off[2] + j0 * vs, n, s, TH_MIN(w, m - j0), vs,
                                  largest);
      });
    } else {
      THDimApply_plan(&plan, 3, t->nDimension, t->size, strides, dim);
      TH_DIM_APPLY(&plan, plan.numel > 1 ? nt : 1, off, tid,
                   THTensor_(extremeLine)(vd + off[0], id + off[1], td + off[2], n, s,
                                          largest););
    }
  }
  if (!keepdim) {
    THTensor_(squeeze1d)(values, values, dim);
    THLongTensor_squeeze1d(indices, indices, dim);
  }
  return 0;
}

int THTensor_(max)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim)
{
  return THTensor_(extremeDim)("max", values, indices, t, dim, keepdim, 1);
}

int THTensor_(min)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim)
{
  return THTensor_(extremeDim)("min", values, indices, t, dim, keepdim, 0);
}

/* Running sums (prod = 0) or products (prod = 1) along dim. */
static int THTensor_(cumulate)(const char *op, THTensor *r, THTensor *t, int dim, int prod)
{
  const long *strides[2];
  THApplyPlan plan;
  TH_CHECK_REDUCE_DIM(op, t, dim);
  if (r != t && THTensor_(resizeAs)(r, t) != 0)
    return -1;
  strides[0] = r->stride;
  strides[1] = t->stride;
  THDimApply_plan(&plan, 2, t->nDimension, t->size, strides, dim);
  {
    real *rd = THTensor_(data)(r);
    const real *td = THTensor_(data)(t);
    const long n = t->size[dim], s = t->stride[dim], rs = r->stride[dim];
    const int nt = plan.numel > 1 ? THDimApply_threads(THTensor_(nElement)(t)) : 1;
    TH_DIM_APPLY(&plan, nt, off, tid, {
      real *o = rd + off[0];
      const real *p = td + off[1];
      accreal a = prod ? 1 : 0;
      long i;
      for (i = 0; i < n; i++) {
        if (prod)
          a *= (accreal)p[i * s];
        else
          a += (accreal)p[i * s];
        o[i * rs] = TH_ACCREAL_TO_REAL(a);
      }
    });
  }
  return 0;
}

int THTensor_(cumsum)(THTensor *r, THTensor *t, int dim)
{
  return THTensor_(cumulate)("cumsum", r, t, dim, 0);
}

int THTensor_(cumprod)(THTensor *r, THTensor *t, int dim)
{
  return THTensor_(cumulate)("cumprod", r, t, dim, 1);
}

#if defined(TH_REAL_IS_BYTE)
static void THTensor_(countSeg)(long *acc, const real *p, long n, long s, const void *arg)
{
  long c = 0, i;
  TH_UNUSED(arg);
  for (i = 0; i < n; i++)
    c += p[i * s] != 0;
  *acc += c;
}

static inline void THTensor_(addCount)(long *acc, long part) { *acc += part; }

int THTensor_(logicalall)(THTensor *t, int *result)
{
  THApplyPlan plan;
  long count;
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, long, count, 0, THTensor_(countSeg),
                THTensor_(addCount), NULL);
  *result = count == (long)THTensor_(nElement)(t);
  return 0;
}

int THTensor_(logicalany)(THTensor *t, int *result)
{
  THApplyPlan plan;
  long count;
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, long, count, 0, THTensor_(countSeg),
                THTensor_(addCount), NULL);
  *result = count > 0;
  return 0;
}
#endif

#undef TH_CHECK_NONEMPTY
#undef TH_RED_BUF
#undef TH_RED_COLS

#endif
