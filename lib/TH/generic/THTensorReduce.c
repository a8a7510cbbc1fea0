#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduce.c"
#else
/* Reductions over a whole tensor and along a dimension (see generic/THTensorReduce.h).
 * Each op is a "segment" function (a strided run of elements into an accumulator) or a
 * "line" function (one line along the reduced dimension into one output element), driven
 * by the loops of THTensorDimApply.h. */

#define TH_RED_BUF 256

/* NaN for the float types, never for the integer ones (a function: no self-comparison). */
static inline int THTensor_(isNan)(real v)
{
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
  return v != v;
#else
  TH_UNUSED(v);
  return 0;
#endif
}

/* Whether v should replace the running extreme a: a NaN replaces a number and stays. */
static inline int THTensor_(beats)(real v, real a, int largest)
{
  if (THTensor_(isNan)(a))
    return 0;
  if (THTensor_(isNan)(v))
    return 1;
  return largest ? v > a : v < a;
}

/* ---- whole tensor ---- */

static void THTensor_(sumSeg)(accreal *acc, const real *p, long n, long s, const void *arg)
{
  accreal a = 0;
  long i = 0;
  TH_UNUSED(arg);
  if (s == 1) {
    /* Eight independent partial sums: the compiler vectorises them without reassociating a
     * single chain, so a contiguous sum runs at memory speed. */
    accreal a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (; i + 8 <= n; i += 8) {
      a0 += (accreal)p[i];
      a1 += (accreal)p[i + 1];
      a2 += (accreal)p[i + 2];
      a3 += (accreal)p[i + 3];
      a4 += (accreal)p[i + 4];
      a5 += (accreal)p[i + 5];
      a6 += (accreal)p[i + 6];
      a7 += (accreal)p[i + 7];
    }
    for (; i < n; i++)
      a += (accreal)p[i];
    a += ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  } else {
    for (; i < n; i++)
      a += (accreal)p[i * s];
  }
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

static void THTensor_(maxSeg)(real *acc, const real *p, long n, long s, const void *arg)
{
  real a = *acc;
  long i;
  TH_UNUSED(arg);
  for (i = 0; i < n; i++)
    if (THTensor_(beats)(p[i * s], a, 1))
      a = p[i * s];
  *acc = a;
}

static void THTensor_(minSeg)(real *acc, const real *p, long n, long s, const void *arg)
{
  real a = *acc;
  long i;
  TH_UNUSED(arg);
  for (i = 0; i < n; i++)
    if (THTensor_(beats)(p[i * s], a, 0))
      a = p[i * s];
  *acc = a;
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

int THTensor_(maxall)(THTensor *t, real *result)
{
  char th_szbuf_[TH_RED_BUF];
  THApplyPlan plan;
  real first;
  TH_CHECK_NONEMPTY("max", t);
  first = THTensor_(data)(t)[0];
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, real, *result, first, THTensor_(maxSeg),
                THTensor_(maxAcc), NULL);
  return 0;
}

int THTensor_(minall)(THTensor *t, real *result)
{
  char th_szbuf_[TH_RED_BUF];
  THApplyPlan plan;
  real first;
  TH_CHECK_NONEMPTY("min", t);
  first = THTensor_(data)(t)[0];
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, real, *result, first, THTensor_(minSeg),
                THTensor_(minAcc), NULL);
  return 0;
}

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

/* Checks dim (and, with nonempty, that the dimension has elements), resizes r to t's shape
 * with size 1 at dim, runs line over every line, then squeezes dim unless keepdim. */
static int THTensor_(reduceDim)(const char *op, THTensor *r, THTensor *t, int dim, int keepdim,
                                int nonempty, THTensor_(LineFn) line, const void *arg)
{
  char buf[TH_RED_BUF];
  long sizes[TH_MAX_DIM];
  const long *strides[2];
  THApplyPlan plan;
  TH_CHECK_REDUCE_DIM(op, t, dim);
  TH_CHECK(r != t, TH_ERR_VALUE, "%s: the result tensor must not be the input", op);
  TH_CHECK(!nonempty || t->size[dim] > 0, TH_ERR_RUNTIME,
           "%s: cannot reduce over dimension %d of size 0 (input size %s)", op, dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
  sizes[dim] = 1;
  if (THTensor_(resize)(r, t->nDimension, sizes) != 0)
    return -1;
  strides[0] = r->stride;
  strides[1] = t->stride;
  THDimApply_plan(&plan, 2, t->nDimension, t->size, strides, dim);
  {
    real *rd = THTensor_(data)(r);
    const real *td = THTensor_(data)(t);
    const long n = t->size[dim], s = t->stride[dim];
    const int nt = plan.numel > 1 ? THDimApply_threads(THTensor_(nElement)(t)) : 1;
    TH_DIM_APPLY(&plan, nt, off, tid, line(rd + off[0], td + off[1], n, s, arg););
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
  return THTensor_(reduceDim)("sum", r, t, dim, keepdim, 0, THTensor_(sumLine), NULL);
}

int THTensor_(prod)(THTensor *r, THTensor *t, int dim, int keepdim)
{
  return THTensor_(reduceDim)("prod", r, t, dim, keepdim, 0, THTensor_(prodLine), NULL);
}

int THTensor_(mean)(THTensor *r, THTensor *t, int dim, int keepdim)
{
  return THTensor_(reduceDim)("mean", r, t, dim, keepdim, 1, THTensor_(meanLine), NULL);
}

/* max / min with the index of the winner along dim. */
static int THTensor_(extremeDim)(const char *op, THTensor *values, THLongTensor *indices,
                                 THTensor *t, int dim, int keepdim, int largest)
{
  char buf[TH_RED_BUF];
  long sizes[TH_MAX_DIM];
  const long *strides[3];
  THApplyPlan plan;
  TH_CHECK_REDUCE_DIM(op, t, dim);
  TH_CHECK(values != t, TH_ERR_VALUE, "%s: the result tensor must not be the input", op);
  TH_CHECK(t->size[dim] > 0, TH_ERR_RUNTIME,
           "%s: cannot reduce over dimension %d of size 0 (input size %s)", op, dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
  sizes[dim] = 1;
  if (THTensor_(resize)(values, t->nDimension, sizes) != 0 ||
      THLongTensor_resize(indices, t->nDimension, sizes) != 0)
    return -1;
  strides[0] = values->stride;
  strides[1] = indices->stride;
  strides[2] = t->stride;
  THDimApply_plan(&plan, 3, t->nDimension, t->size, strides, dim);
  {
    real *vd = THTensor_(data)(values);
    long *id = THLongTensor_data(indices);
    const real *td = THTensor_(data)(t);
    const long n = t->size[dim], s = t->stride[dim];
    const int nt = plan.numel > 1 ? THDimApply_threads(THTensor_(nElement)(t)) : 1;
    TH_DIM_APPLY(&plan, nt, off, tid, {
      const real *p = td + off[2];
      real best = p[0];
      long i, bi = 0;
      for (i = 1; i < n; i++) {
        if (THTensor_(beats)(p[i * s], best, largest)) {
          best = p[i * s];
          bi = i;
        }
      }
      vd[off[0]] = best;
      id[off[1]] = bi;
    });
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

#endif
