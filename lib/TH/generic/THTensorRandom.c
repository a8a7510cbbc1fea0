#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorRandom.c"
#else
/* Random fills (see generic/THTensorRandom.h): check the parameters, then one serial pass in
 * row-major order, one draw (or a fixed number of draws) per element. */

/* The integers each type holds exactly. */
#if defined(TH_REAL_IS_BYTE)
#define TH_RAND_LO 0L
#define TH_RAND_HI ((long)UCHAR_MAX)
#elif defined(TH_REAL_IS_CHAR)
#define TH_RAND_LO ((long)SCHAR_MIN)
#define TH_RAND_HI ((long)SCHAR_MAX)
#elif defined(TH_REAL_IS_SHORT)
#define TH_RAND_LO ((long)SHRT_MIN)
#define TH_RAND_HI ((long)SHRT_MAX)
#elif defined(TH_REAL_IS_INT)
#define TH_RAND_LO ((long)INT_MIN)
#define TH_RAND_HI ((long)INT_MAX)
#elif defined(TH_REAL_IS_LONG)
#define TH_RAND_LO LONG_MIN
#define TH_RAND_HI LONG_MAX
#elif defined(TH_REAL_IS_FLOAT)
#define TH_RAND_LO (-(1L << FLT_MANT_DIG))
#define TH_RAND_HI (1L << FLT_MANT_DIG)
#else
#define TH_RAND_LO (-(1L << DBL_MANT_DIG))
#define TH_RAND_HI (1L << DBL_MANT_DIG)
#endif

#define TH_RAND_PI 3.14159265358979323846

/* self's elements := EXPR, evaluated once per element in row-major order. */
#define TH_RANDOM_FILL(SELF, EXPR)                                                     \
  do {                                                                                 \
    THApplyPlan th_fp_;                                                                \
    real *th_fd_ = THTensor_(data)(SELF);                                              \
    TH_PLAN1(&th_fp_, SELF);                                                           \
    TH_SERIAL_APPLY2(real, th_x_, th_fd_, real, th_y_, th_fd_, &th_fp_,               \
                     *th_x_ = (EXPR););                                                \
  } while (0)

/* Uniform on [0, range) for range >= 1 (modulo of 64 random bits: the bias is below 2^-40
 * for every range a tensor type can hold but Long's widest). */
static inline uint64_t THTensor_(below)(THGenerator *gen, uint64_t range)
{
  return THRandom_random64(gen) % range;
}

int THTensor_(random)(THTensor *self, THGenerator *gen)
{
  const uint64_t range = (uint64_t)TH_RAND_HI + 1;
  TH_RANDOM_FILL(self, (real)(long)THTensor_(below)(gen, range));
  return 0;
}

int THTensor_(clampedRandom)(THTensor *self, THGenerator *gen, long min, long max)
{
  uint64_t range;
  TH_CHECK(min < max, TH_ERR_VALUE,
           "random_ expects 'from' to be less than 'to', but got from=%ld >= to=%ld", min, max);
  TH_CHECK(min >= TH_RAND_LO && max - 1 <= TH_RAND_HI, TH_ERR_VALUE,
           "random_: the range [%ld, %ld) does not fit the tensor type, whose values go from "
           "%ld to %ld", min, max, (long)TH_RAND_LO, (long)TH_RAND_HI);
  range = (uint64_t)max - (uint64_t)min;
  TH_RANDOM_FILL(self, (real)(long)((uint64_t)min + THTensor_(below)(gen, range)));
  return 0;
}

int THTensor_(cappedRandom)(THTensor *self, THGenerator *gen, long max)
{
  return THTensor_(clampedRandom)(self, gen, 0, max);
}

/* Uniform on (0, 1): never 0, for logarithms. */
static inline double THTensor_(openUniform)(THGenerator *gen)
{
  double u;
  do {
    u = THRandom_standardUniform(gen);
  } while (u <= 0.0);
  return u;
}

static inline double THTensor_(geometricDraw)(THGenerator *gen, double p)
{
  const double k = ceil(log(THTensor_(openUniform)(gen)) / log1p(-p));
  return k < 1 ? 1 : k;
}

int THTensor_(geometric)(THTensor *self, THGenerator *gen, double p)
{
  TH_CHECK(p > 0 && p <= 1, TH_ERR_VALUE,
           "geometric_ expects p to be in (0, 1], but got p=%g", p);
  TH_RANDOM_FILL(self, (real)THTensor_(geometricDraw)(gen, p));
  return 0;
}

int THTensor_(bernoulli)(THTensor *self, THGenerator *gen, double p)
{
  TH_CHECK(p >= 0 && p <= 1, TH_ERR_VALUE,
           "bernoulli_ expects p to be in [0, 1], but got p=%g", p);
  TH_RANDOM_FILL(self, (real)(THRandom_standardUniform(gen) < p));
  return 0;
}

/* bernoulli with a tensor of probabilities of type PReal. */
#define TH_BERNOULLI_TENSOR(PReal, preal)                                                  \
  int THTensor_(bernoulli_##PReal##Tensor)(THTensor *self, THGenerator *gen,             \
                                           TH##PReal##Tensor *p)                         \
  {                                                                                      \
    char b1[256], b2[256];                                                               \
    long sizes[TH_MAX_DIM];                                                              \
    const long *strides[2];                                                              \
    int nd, bad = 0;                                                                     \
    double badp = 0;                                                                     \
    TH##PReal##Tensor ep;                                                                \
    THApplyPlan plan;                                                                    \
    TH_CHECK(THBroadcast_shape("bernoulli_", self->nDimension, self->size, p->nDimension, \
                               p->size, &nd, sizes) == 0 &&                              \
                 THTensor_(isSize)(self, nd, sizes),                                     \
             TH_ERR_RUNTIME,                                                             \
             "bernoulli_: the probabilities of size %s do not broadcast to self's size %s", \
             THDescribeSizes(b1, sizeof(b1), p->nDimension, p->size),                    \
             THTensor_(describeSize)(self, b2, sizeof(b2)));                             \
    TH##PReal##Tensor_borrowExpanded(&ep, p, nd, sizes);                                 \
    strides[0] = self->stride;                                                           \
    strides[1] = ep.stride;                                                              \
    THApplyPlan_init(&plan, 2, nd, sizes, strides);                                      \
    TH_SERIAL_APPLY2(real, x, THTensor_(data)(self), preal, q,                           \
                     TH##PReal##Tensor_data(&ep), &plan, {                               \
                       if (!bad && !(*q >= 0 && *q <= 1)) {                              \
                         bad = 1;                                                        \
                         badp = (double)*q;                                              \
                       }                                                                 \
                     });                                                                 \
    TH_CHECK(!bad, TH_ERR_VALUE,                                                         \
             "bernoulli_ expects all probabilities to be in [0, 1], but got p=%g", badp);  \
    TH_SERIAL_APPLY2(real, x, THTensor_(data)(self), preal, q,                           \
                     TH##PReal##Tensor_data(&ep), &plan,                                 \
                     *x = (real)(THRandom_standardUniform(gen) < (double)*q););          \
    return 0;                                                                            \
  }

TH_BERNOULLI_TENSOR(Float, float)
TH_BERNOULLI_TENSOR(Double, double)
#undef TH_BERNOULLI_TENSOR

int THTensor_(randperm)(THTensor *self, THGenerator *gen, long n)
{
  real *d;
  long i;
  TH_CHECK(n >= 0, TH_ERR_VALUE, "randperm: n must be non-negative, got %ld", n);
  TH_CHECK(n - 1 <= TH_RAND_HI, TH_ERR_VALUE,
           "randperm: n=%ld is too large for the tensor type (its largest value is %ld)", n,
           (long)TH_RAND_HI);
  if (n == 0)
    return THTensor_(resize)(self, 0, NULL);
  if (THTensor_(resize1d)(self, n) != 0)
    return -1;
  d = THTensor_(data)(self);
  for (i = 0; i < n; i++)
    d[i * self->stride[0]] = (real)i;
  for (i = 0; i < n - 1; i++) {
    const long j = i + (long)THTensor_(below)(gen, (uint64_t)(n - i));
    const real tmp = d[i * self->stride[0]];
    d[i * self->stride[0]] = d[j * self->stride[0]];
    d[j * self->stride[0]] = tmp;
  }
  return 0;
}

#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)

/* a + (b - a) u rounded to real, kept below b (rounding may reach it). */
static inline real THTensor_(uniformDraw)(THGenerator *gen, double a, double b)
{
  const real v = (real)THRandom_uniform(gen, a, b);
  if (v >= (real)b && a < b) {
#if defined(TH_REAL_IS_FLOAT)
    return nextafterf((float)b, (float)a);
#else
    return nextafter(b, a);
#endif
  }
  return v;
}

int THTensor_(uniform)(THTensor *self, THGenerator *gen, double a, double b)
{
  TH_CHECK(a <= b, TH_ERR_VALUE,
           "uniform_ expects to return a [from, to) range, but found from=%g > to=%g", a, b);
  TH_RANDOM_FILL(self, THTensor_(uniformDraw)(gen, a, b));
  return 0;
}

#define TH_CHECK_STD(op, s)                                                               \
  TH_CHECK((s) >= 0, TH_ERR_VALUE, "%s expects std >= 0.0, but found std=%g", op, (double)(s))

int THTensor_(normal)(THTensor *self, THGenerator *gen, double mean, double stdv)
{
  TH_CHECK_STD("normal_", stdv);
  TH_RANDOM_FILL(self, (real)THRandom_normal(gen, mean, stdv));
  return 0;
}

/* The smallest element of t (NaN if any), for checking standard deviations. */
static double THTensor_(lowest)(THTensor *t)
{
  double lo = INFINITY;
  THApplyPlan plan;
  real *d = THTensor_(data)(t);
  TH_PLAN1(&plan, t);
  TH_SERIAL_APPLY2(real, x, d, real, y, d, &plan, {
    if (!(*x >= lo))
      lo = (double)*x;
  });
  return lo;
}

/* The shared part of the normal overloads: means or stddevs may be NULL (then the scalar). */
static int THTensor_(normalTensors)(THTensor *self, THGenerator *gen, THTensor *means,
                                    double mean, THTensor *stddevs, double stdv)
{
  char b1[256], b2[256];
  THTensor *shape = means ? means : stddevs;
  THTensor *cm = NULL, *cs = NULL;
  const ptrdiff_t n = THTensor_(nElement)(shape);
  ptrdiff_t i;
  int rc = -1;
  TH_CHECK(!means || !stddevs || THTensor_(nElement)(stddevs) == n, TH_ERR_RUNTIME,
           "normal: means (size %s) and std (size %s) must have the same number of elements",
           THTensor_(describeSize)(means, b1, sizeof(b1)),
           THTensor_(describeSize)(stddevs ? stddevs : means, b2, sizeof(b2)));
  if (stddevs) {
    const double lo = THTensor_(lowest)(stddevs);
    TH_CHECK_STD("normal", lo);
  } else {
    TH_CHECK_STD("normal", stdv);
  }
  if (means && !(cm = THTensor_(newContiguous)(means)))
    goto done;
  if (stddevs && !(cs = THTensor_(newContiguous)(stddevs)))
    goto done;
  if (THTensor_(resizeAs)(self, shape) != 0)
    goto done;
  {
    const real *md = cm ? THTensor_(data)(cm) : NULL, *sd = cs ? THTensor_(data)(cs) : NULL;
    real *out = THTensor_(data)(self);
    for (i = 0; i < n; i++)
      out[i] = (real)THRandom_normal(gen, md ? (double)md[i] : mean, sd ? (double)sd[i] : stdv);
  }
  rc = 0;
done:
  THTensor_(free)(cm);
  THTensor_(free)(cs);
  return rc;
}

int THTensor_(normal_means)(THTensor *self, THGenerator *gen, THTensor *means, double stdv)
{
  TH_CHECK(self != means, TH_ERR_VALUE, "normal: the result tensor must not be the means");
  return THTensor_(normalTensors)(self, gen, means, 0, NULL, stdv);
}

int THTensor_(normal_stddevs)(THTensor *self, THGenerator *gen, double mean, THTensor *stddevs)
{
  TH_CHECK(self != stddevs, TH_ERR_VALUE, "normal: the result tensor must not be the std");
  return THTensor_(normalTensors)(self, gen, NULL, mean, stddevs, 0);
}

int THTensor_(normal_means_stddevs)(THTensor *self, THGenerator *gen, THTensor *means,
                                    THTensor *stddevs)
{
  TH_CHECK(self != means && self != stddevs, TH_ERR_VALUE,
           "normal: the result tensor must not be an input");
  return THTensor_(normalTensors)(self, gen, means, 0, stddevs, 0);
}

int THTensor_(exponential)(THTensor *self, THGenerator *gen, double lambda)
{
  TH_CHECK(lambda > 0, TH_ERR_VALUE,
           "exponential_ expects lambda > 0.0, but found lambda=%g", lambda);
  TH_RANDOM_FILL(self, (real)(-log1p(-THRandom_standardUniform(gen)) / lambda));
  return 0;
}

int THTensor_(cauchy)(THTensor *self, THGenerator *gen, double median, double sigma)
{
  TH_CHECK(sigma > 0, TH_ERR_VALUE, "cauchy_ expects sigma > 0.0, but found sigma=%g", sigma);
  TH_RANDOM_FILL(self,
                 (real)(median + sigma * tan(TH_RAND_PI * (THRandom_standardUniform(gen) - 0.5))));
  return 0;
}

int THTensor_(logNormal)(THTensor *self, THGenerator *gen, double mean, double stdv)
{
  TH_CHECK(stdv > 0, TH_ERR_VALUE, "log_normal_ expects std > 0.0, but found std=%g", stdv);
  TH_RANDOM_FILL(self, (real)exp(THRandom_normal(gen, mean, stdv)));
  return 0;
}

/* Checks one distribution (ncat weights at stride s) of multinomial. */
static int THTensor_(checkDistribution)(const real *w, long ncat, long s, long row,
                                        int n_sample, int with_replacement)
{
  double total = 0;
  long positive = 0, i;
  for (i = 0; i < ncat; i++) {
    const double v = (double)w[i * s];
    TH_CHECK(v >= 0 && isfinite(v), TH_ERR_VALUE,
             "multinomial: invalid distribution in row %ld: weight %g at category %ld (weights "
             "must be non-negative and finite)", row, v, i);
    total += v;
    positive += v > 0;
  }
  TH_CHECK(total > 0, TH_ERR_VALUE,
           "multinomial: invalid distribution in row %ld: the weights sum to 0", row);
  TH_CHECK(with_replacement || positive >= n_sample, TH_ERR_VALUE,
           "multinomial: cannot draw %d samples without replacement from row %ld, which has "
           "only %ld categories of positive weight", n_sample, row, positive);
  return 0;
}

/* One draw from the weights wk (n, contiguous): the first category whose running sum
 * exceeds u * total (the last positive one if rounding passes them all). */
static long THTensor_(drawCategory)(THGenerator *gen, const double *wk, long n)
{
  double total = 0, u, acc = 0;
  long i, last = 0;
  for (i = 0; i < n; i++)
    total += wk[i];
  u = THRandom_standardUniform(gen) * total;
  for (i = 0; i < n; i++) {
    if (wk[i] > 0) {
      acc += wk[i];
      last = i;
      if (acc > u)
        return i;
    }
  }
  return last;
}

/* With replacement: binary search in the running sums cum (n, non-decreasing). */
static long THTensor_(searchCategory)(THGenerator *gen, const double *cum, long n)
{
  const double u = THRandom_standardUniform(gen) * cum[n - 1];
  long lo = 0, hi = n - 1;
  while (lo < hi) {
    const long mid = lo + (hi - lo) / 2;
    if (cum[mid] > u)
      hi = mid;
    else
      lo = mid + 1;
  }
  while (lo > 0 && cum[lo] == cum[lo - 1]) /* rounding landed on a zero weight */
    lo--;
  return lo;
}

int THTensor_(multinomial)(THLongTensor *self, THGenerator *gen, THTensor *prob_dist,
                           int n_sample, int with_replacement)
{
  const int nd = prob_dist->nDimension;
  long rows, ncat, rs, cs, r, k, i;
  double *work = NULL;
  int rc = -1;
  TH_CHECK(nd == 1 || nd == 2, TH_ERR_RUNTIME,
           "multinomial: prob_dist must be 1 or 2 dim, got %d dims", nd);
  ncat = prob_dist->size[nd - 1];
  rows = nd == 2 ? prob_dist->size[0] : 1;
  cs = prob_dist->stride[nd - 1];
  rs = nd == 2 ? prob_dist->stride[0] : 0;
  TH_CHECK(ncat > 0, TH_ERR_VALUE, "multinomial: prob_dist has no categories");
  TH_CHECK(n_sample > 0, TH_ERR_VALUE,
           "multinomial: num_samples must be positive, got %d", n_sample);
  TH_CHECK(with_replacement || n_sample <= ncat, TH_ERR_VALUE,
           "multinomial: cannot sample num_samples=%d > prob_dist.size(-1)=%ld categories "
           "without replacement", n_sample, ncat);
  for (r = 0; r < rows; r++)
    if (THTensor_(checkDistribution)(THTensor_(data)(prob_dist) + r * rs, ncat, cs, r, n_sample,
                                     with_replacement) != 0)
      return -1;
  work = THAlloc((ptrdiff_t)(sizeof(double) * (size_t)ncat));
  if (!work)
    goto done;
  if ((nd == 1 ? THLongTensor_resize1d(self, n_sample)
               : THLongTensor_resize2d(self, rows, n_sample)) != 0)
    goto done;
  {
    long *out = THLongTensor_data(self);
    const long os0 = nd == 2 ? self->stride[0] : 0, os1 = self->stride[nd - 1];
    for (r = 0; r < rows; r++) {
      const real *w = THTensor_(data)(prob_dist) + r * rs;
      double total = 0; /* running sums (with replacement) or the weights */
      for (i = 0; i < ncat; i++) {
        total += (double)w[i * cs];
        work[i] = with_replacement ? total : (double)w[i * cs];
      }
      for (k = 0; k < n_sample; k++) {
        long c;
        if (with_replacement) {
          c = THTensor_(searchCategory)(gen, work, ncat);
        } else {
          c = THTensor_(drawCategory)(gen, work, ncat);
          work[c] = 0;
        }
        out[r * os0 + k * os1] = c;
      }
    }
  }
  rc = 0;
done:
  THFree(work);
  return rc;
}

#undef TH_CHECK_STD

#endif

#undef TH_RANDOM_FILL
#undef TH_RAND_PI
#undef TH_RAND_LO
#undef TH_RAND_HI

#endif
