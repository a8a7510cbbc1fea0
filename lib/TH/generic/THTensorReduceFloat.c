#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduceFloat.c"
#else
/* The float-only reductions of generic/THTensorReduce.h: variance, standard deviation,
 * p-norms, renorm and dist. Everything accumulates in double. */

#define TH_REDF_BUF 256

#define TH_CHECK_NONEMPTY_F(op, t)                                                      \
  TH_CHECK(THTensor_(nElement)(t) > 0, TH_ERR_RUNTIME,                                  \
           "%s: the operation is not defined for an empty tensor (size %s)", op,         \
           THTensor_(describeSize)(t, szbuf, sizeof(szbuf)))

static void THTensor_(sumSegF)(double *acc, const real *p, long n, long s, const void *arg)
{
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  long i = 0;
  TH_UNUSED(arg);
  for (; i + 4 <= n; i += 4) {
    a0 += (double)p[i * s];
    a1 += (double)p[(i + 1) * s];
    a2 += (double)p[(i + 2) * s];
    a3 += (double)p[(i + 3) * s];
  }
  for (; i < n; i++)
    a0 += (double)p[i * s];
  *acc += (a0 + a1) + (a2 + a3);
}

/* Sum of squared deviations from *(const double *)arg. */
static void THTensor_(sqDevSeg)(double *acc, const real *p, long n, long s, const void *arg)
{
  const double m = *(const double *)arg;
  double a = 0;
  long i;
  for (i = 0; i < n; i++) {
    const double d = (double)p[i * s] - m;
    a += d * d;
  }
  *acc += a;
}

static inline void THTensor_(addAccF)(double *acc, double part) { *acc += part; }
static inline void THTensor_(maxAccF)(double *acc, double part)
{
  if (*acc == *acc && (part > *acc || part != part))
    *acc = part;
}

int THTensor_(varall)(THTensor *t, int biased, double *result)
{
  char szbuf[TH_REDF_BUF];
  THApplyPlan plan;
  double sum, sq, mean;
  ptrdiff_t n = THTensor_(nElement)(t);
  TH_CHECK_NONEMPTY_F("var", t);
  TH_PLAN1(&plan, t);
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, double, sum, 0.0, THTensor_(sumSegF),
                THTensor_(addAccF), NULL);
  mean = sum / (double)n;
  TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, double, sq, 0.0, THTensor_(sqDevSeg),
                THTensor_(addAccF), &mean);
  *result = sq / (double)(biased ? n : n - 1);
  return 0;
}

int THTensor_(stdall)(THTensor *t, int biased, double *result)
{
  if (THTensor_(varall)(t, biased, result) != 0)
    return -1;
  *result = sqrt(*result);
  return 0;
}

/* Sum of |x|^p for finite p > 0, the count of non-zeros for p = 0, max |x| for p = inf. */
static void THTensor_(normSeg)(double *acc, const real *x, long n, long s, const void *arg)
{
  const double p = *(const double *)arg;
  double a = 0;
  long i;
  if (p == 0) {
    for (i = 0; i < n; i++)
      a += x[i * s] != 0;
  } else if (p == 1) {
    for (i = 0; i < n; i++)
      a += fabs((double)x[i * s]);
  } else if (p == 2) {
    for (i = 0; i < n; i++)
      a += (double)x[i * s] * (double)x[i * s];
  } else if (isinf(p)) {
    a = *acc;
    for (i = 0; i < n; i++)
      THTensor_(maxAccF)(&a, fabs((double)x[i * s]));
    *acc = a;
    return;
  } else {
    for (i = 0; i < n; i++)
      a += pow(fabs((double)x[i * s]), p);
  }
  *acc += a;
}

static double THTensor_(normFinish)(double acc, double p)
{
  if (p == 0 || p == 1 || isinf(p))
    return acc;
  if (p == 2)
    return sqrt(acc);
  return pow(acc, 1.0 / p);
}

#define TH_CHECK_NORM_P(op, p)                                                            \
  TH_CHECK((p) >= 0, TH_ERR_VALUE, "%s: the norm order p must be non-negative, got %g", op, \
           (double)(p))

int THTensor_(normall)(THTensor *t, double p, double *result)
{
  THApplyPlan plan;
  double acc;
  TH_CHECK_NORM_P("norm", p);
  TH_PLAN1(&plan, t);
  if (isinf(p))
    TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, double, acc, 0.0, THTensor_(normSeg),
                  THTensor_(maxAccF), &p);
  else
    TH_REDUCE_ALL(real, THTensor_(data)(t), &plan, double, acc, 0.0, THTensor_(normSeg),
                  THTensor_(addAccF), &p);
  *result = THTensor_(normFinish)(acc, p);
  return 0;
}

/* ---- along a dimension ---- */

static int THTensor_(reduceDimF)(const char *op, THTensor *r, THTensor *t, int dim,
                                 int keepdim, int nonempty,
                                 void (*line)(real *, const real *, long, long, const void *),
                                 const void *arg)
{
  char buf[TH_REDF_BUF];
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

/* arg: {biased, take the square root} as ints. */
static void THTensor_(varLine)(real *out, const real *in, long n, long s, const void *arg)
{
  const int *flags = (const int *)arg;
  double sum = 0, sq = 0, mean;
  THTensor_(sumSegF)(&sum, in, n, s, NULL);
  mean = sum / (double)n;
  THTensor_(sqDevSeg)(&sq, in, n, s, &mean);
  sq /= (double)(flags[0] ? n : n - 1);
  *out = (real)(flags[1] ? sqrt(sq) : sq);
}

int THTensor_(var)(THTensor *r, THTensor *t, int dim, int biased, int keepdim)
{
  int flags[2];
  flags[0] = biased;
  flags[1] = 0;
  return THTensor_(reduceDimF)("var", r, t, dim, keepdim, 1, THTensor_(varLine), flags);
}

int THTensor_(std)(THTensor *r, THTensor *t, int dim, int biased, int keepdim)
{
  int flags[2];
  flags[0] = biased;
  flags[1] = 1;
  return THTensor_(reduceDimF)("std", r, t, dim, keepdim, 1, THTensor_(varLine), flags);
}

static void THTensor_(normLine)(real *out, const real *in, long n, long s, const void *arg)
{
  const double p = *(const double *)arg;
  double acc = 0;
  THTensor_(normSeg)(&acc, in, n, s, arg);
  *out = (real)THTensor_(normFinish)(acc, p);
}

int THTensor_(norm)(THTensor *r, THTensor *t, double p, int dim, int keepdim)
{
  TH_CHECK_NORM_P("norm", p);
  return THTensor_(reduceDimF)("norm", r, t, dim, keepdim, 0, THTensor_(normLine), &p);
}

/* ---- renorm, dist ---- */

/* view: slice i of src along dim, kept as a size-1 dimension (no references taken). */
static void THTensor_(borrowSlice)(THTensor *view, const THTensor *src, int dim, long i)
{
  *view = *src;
  view->storageOffset += i * src->stride[dim];
  view->size[dim] = 1;
}

int THTensor_(renorm)(THTensor *r, THTensor *t, double p, int dim, double maxnorm)
{
  long i;
  TH_CHECK_REDUCE_DIM("renorm", t, dim);
  TH_CHECK(p > 0, TH_ERR_VALUE, "renorm: the norm order p must be positive, got %g", p);
  TH_CHECK(maxnorm >= 0, TH_ERR_VALUE, "renorm: maxnorm must be non-negative, got %g",
           maxnorm);
  if (r != t) {
    if (THTensor_(resizeAs)(r, t) != 0 || THTensor_(copy)(r, t) != 0)
      return -1;
  }
  for (i = 0; i < r->size[dim]; i++) {
    THTensor slice;
    double norm;
    THApplyPlan plan;
    THTensor_(borrowSlice)(&slice, r, dim, i);
    THTensor_(normall)(&slice, p, &norm);
    if (norm > maxnorm) {
      const real scale = (real)(maxnorm / (norm + 1e-7));
      TH_PLAN1(&plan, &slice);
      TH_APPLY1(real, x, THTensor_(data)(&slice), &plan, *x *= scale;);
    }
  }
  return 0;
}

int THTensor_(dist)(THTensor *a, THTensor *b, double p, double *result)
{
  long sizes[TH_MAX_DIM];
  const long *strides[3];
  int nd, rc = -1;
  THTensor ea, eb;
  THTensor *diff = NULL;
  THApplyPlan plan;
  TH_CHECK_NORM_P("dist", p);
  if (THBroadcast_shape("dist", a->nDimension, a->size, b->nDimension, b->size, &nd, sizes) != 0)
    return -1;
  diff = THTensor_(newWithSize)(nd, sizes);
  if (!diff)
    goto done;
  THTensor_(borrowExpanded)(&ea, a, nd, sizes);
  THTensor_(borrowExpanded)(&eb, b, nd, sizes);
  strides[0] = diff->stride;
  strides[1] = ea.stride;
  strides[2] = eb.stride;
  THApplyPlan_init(&plan, 3, nd, sizes, strides);
  TH_APPLY3(real, d, THTensor_(data)(diff), real, x, THTensor_(data)(&ea), real, y,
            THTensor_(data)(&eb), &plan, *d = *x - *y;);
  rc = THTensor_(normall)(diff, p, result);
done:
  THTensor_(free)(diff);
  return rc;
}

#undef TH_CHECK_NORM_P
#undef TH_CHECK_NONEMPTY_F
#undef TH_REDF_BUF

#endif
