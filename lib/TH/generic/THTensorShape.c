#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.c"
#else
/* Shape and creation ops. Each function checks every argument, then computes in loops that
 * cannot fail. */

#define TH_SHAPE_BUF 256

int THTensor_(cat)(THTensor *r, int n, THTensor *const *inputs, int dim)
{
  const char *op = "cat()";
  const THTensor *ref = NULL;
  long sizes[TH_MAX_DIM], pos = 0;
  int i, d, refi = -1, alias = 0, rc = -1;
  THTensor *out = NULL;
  char b1[TH_SHAPE_BUF], b2[TH_SHAPE_BUF];
  TH_CHECK(n > 0, TH_ERR_VALUE, "%s: expected a non-empty sequence of tensors", op);
  for (i = 0; i < n; i++) {
    const THTensor *t = inputs[i];
    if (THTensor_(nElement)(t) == 0)
      continue; /* empty tensors join anything */
    if (r->storage && t->storage == r->storage)
      alias = 1;
    if (!ref) {
      ref = t;
      refi = i;
      TH_CHECK(dim >= 0 && dim < t->nDimension, TH_ERR_INDEX,
               "%s: dimension out of range (expected to be in range of [%d, %d], but got %d)",
               op, -t->nDimension, t->nDimension - 1, dim);
      memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
      sizes[dim] = 0;
    }
    TH_CHECK(t->nDimension == ref->nDimension, TH_ERR_RUNTIME,
             "%s: tensors must have the same number of dimensions: tensor %d has size %s but "
             "tensor %d has size %s", op, refi, THTensor_(describeSize)(ref, b1, sizeof(b1)), i,
             THTensor_(describeSize)(t, b2, sizeof(b2)));
    for (d = 0; d < t->nDimension; d++)
      TH_CHECK(d == dim || t->size[d] == ref->size[d], TH_ERR_RUNTIME,
               "%s: sizes of tensors must match except in dimension %d: tensor %d has size %s "
               "but tensor %d has size %s (in dimension %d)", op, dim, refi,
               THTensor_(describeSize)(ref, b1, sizeof(b1)), i,
               THTensor_(describeSize)(t, b2, sizeof(b2)), d);
    sizes[dim] += t->size[dim];
  }
  if (!ref)
    return THTensor_(resize)(r, 0, NULL);
  out = alias ? THTensor_(new)() : r;
  if (!out)
    return -1;
  if (THTensor_(resize)(out, ref->nDimension, sizes) != 0)
    goto done;
  for (i = 0; i < n; i++) {
    THTensor view;
    if (THTensor_(nElement)(inputs[i]) == 0)
      continue;
    THTensor_(borrowNarrow)(&view, out, dim, pos, inputs[i]->size[dim]);
    if (THTensor_(copy)(&view, inputs[i]) != 0)
      goto done;
    pos += inputs[i]->size[dim];
  }
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

int THTensor_(repeat)(THTensor *r, THTensor *src, int nd, const long *reps)
{
  long rsizes[TH_MAX_DIM], psize[TH_MAX_DIM], rst[TH_MAX_DIM], sst[TH_MAX_DIM];
  const long *strides[2];
  THApplyPlan plan;
  int lead = nd - src->nDimension, d, k = 0, needed = 0;
  TH_CHECK(r != src, TH_ERR_VALUE, "repeat(): the result must not be the input");
  TH_CHECK(nd >= src->nDimension, TH_ERR_RUNTIME,
           "repeat(): the number of repeats (%d) can not be smaller than the number of "
           "dimensions of the tensor (%d)", nd, src->nDimension);
  for (d = 0; d < nd; d++) {
    long ss = d >= lead ? src->size[d - lead] : 1;
    TH_CHECK(reps[d] >= 0, TH_ERR_VALUE, "repeat(): negative repeat count %ld in dimension %d",
             reps[d], d);
    TH_CHECK(ss == 0 || reps[d] <= LONG_MAX / ss, TH_ERR_RUNTIME,
             "repeat(): %ld repeats of dimension %d of size %ld overflow the size of a tensor",
             reps[d], d, ss);
    rsizes[d] = reps[d] * ss;
    needed += (reps[d] != 1) + (ss != 1 || reps[d] == 1);
  }
  /* Each dimension becomes (repeat, size): the source steps 0 over the repeats. */
  TH_CHECK(needed <= TH_MAX_DIM, TH_ERR_VALUE,
           "repeat(): too many dimensions to repeat at once (%d; at most %d)", needed,
           TH_MAX_DIM);
  if (THTensor_(nElement)(src) == 0)
    return THTensor_(resize)(r, 0, NULL);
  if (THTensor_(resize)(r, nd, rsizes) != 0)
    return -1;
  if (THTensor_(nElement)(r) == 0)
    return 0;
  for (d = 0; d < nd; d++) {
    long ss = d >= lead ? src->size[d - lead] : 1;
    if (reps[d] != 1) {
      psize[k] = reps[d];
      rst[k] = r->stride[d] * ss;
      sst[k++] = 0;
    }
    if (ss != 1 || reps[d] == 1) {
      psize[k] = ss;
      rst[k] = r->stride[d];
      sst[k++] = d >= lead ? src->stride[d - lead] : 0;
    }
  }
  strides[0] = rst;
  strides[1] = sst;
  THApplyPlan_init(&plan, 2, k, psize, strides);
  TH_APPLY2(real, o, THTensor_(data)(r), real, s, THTensor_(data)(src), &plan, *o = *s;);
  return 0;
}

static int THTensor_(checkMatrix)(const char *op, const THTensor *t)
{
  TH_CHECK(t->nDimension == 2, TH_ERR_RUNTIME, "%s: expected a matrix (2-d tensor), got a %d-d "
           "tensor", op, t->nDimension);
  return 0;
}

static int THTensor_(triangle)(const char *op, THTensor *r, THTensor *src, long k, int upper)
{
  THTensor *out;
  long i, j, rows, cols;
  real *d;
  int rc = -1;
  if (THTensor_(checkMatrix)(op, src) != 0)
    return -1;
  out = r == src ? r : THTensor_(outFor)(r, src->storage, NULL);
  if (!out)
    return -1;
  if (out != src && (THTensor_(resizeAs)(out, src) != 0 || THTensor_(copy)(out, src) != 0))
    goto done;
  rows = out->size[0];
  cols = out->size[1];
  d = THTensor_(data)(out);
  for (i = 0; i < rows; i++)
    for (j = 0; j < cols; j++)
      if (upper ? j - i < k : j - i > k)
        d[i * out->stride[0] + j * out->stride[1]] = 0;
  rc = r == src ? 0 : THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

int THTensor_(tril)(THTensor *r, THTensor *src, long k)
{
  return THTensor_(triangle)("tril()", r, src, k, 0);
}

int THTensor_(triu)(THTensor *r, THTensor *src, long k)
{
  return THTensor_(triangle)("triu()", r, src, k, 1);
}

int THTensor_(diag)(THTensor *r, THTensor *src, long k)
{
  THTensor *out = NULL;
  const real *s = THTensor_(data)(src);
  real *d;
  long i, len, row0, col0;
  int rc = -1;
  TH_CHECK(src->nDimension == 1 || src->nDimension == 2, TH_ERR_RUNTIME,
           "diag(): expected a vector or a matrix, got a %d-d tensor", src->nDimension);
  /* |k| + size must fit in a long (for a matrix, any |k| past its sizes selects nothing) */
  if (src->nDimension == 2) {
    long far = TH_MAX(src->size[0], src->size[1]);
    k = TH_MAX(TH_MIN(k, far), -far);
  }
  TH_CHECK(k > LONG_MIN && (k < 0 ? -k : k) <= LONG_MAX - src->size[0], TH_ERR_RUNTIME,
           "diag(): diagonal %ld is too far from the main one for a vector of size %ld", k,
           src->size[0]);
  row0 = k < 0 ? -k : 0;
  col0 = k > 0 ? k : 0;
  out = THTensor_(outFor)(r, src->storage, NULL);
  if (!out)
    return -1;
  if (src->nDimension == 1) {
    long n = src->size[0] + row0 + col0;
    if (THTensor_(resize2d)(out, n, n) != 0)
      goto done;
    THTensor_(zero)(out);
    d = THTensor_(data)(out);
    for (i = 0; i < src->size[0]; i++)
      d[(i + row0) * out->stride[0] + (i + col0) * out->stride[1]] = s[i * src->stride[0]];
  } else {
    len = TH_MIN(src->size[0] - row0, src->size[1] - col0);
    if (THTensor_(resize)(out, len > 0 ? 1 : 0, &len) != 0)
      goto done;
    d = THTensor_(data)(out);
    for (i = 0; i < len; i++)
      d[i * out->stride[0]] = s[(i + row0) * src->stride[0] + (i + col0) * src->stride[1]];
  }
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

int THTensor_(trace)(THTensor *src, accreal *result)
{
  const real *s = THTensor_(data)(src);
  long i, n;
  accreal sum = 0;
  if (THTensor_(checkMatrix)("trace()", src) != 0)
    return -1;
  n = TH_MIN(src->size[0], src->size[1]);
  for (i = 0; i < n; i++)
    sum += (accreal)s[i * (src->stride[0] + src->stride[1])];
  *result = sum;
  return 0;
}

int THTensor_(eye)(THTensor *r, long n, long m)
{
  long i;
  real *d;
  TH_CHECK(n > 0, TH_ERR_VALUE, "eye(): n must be positive, got %ld", n);
  if (m <= 0)
    m = n;
  if (THTensor_(resize2d)(r, n, m) != 0)
    return -1;
  THTensor_(zero)(r);
  d = THTensor_(data)(r);
  for (i = 0; i < TH_MIN(n, m); i++)
    d[i * (r->stride[0] + r->stride[1])] = 1;
  return 0;
}

int THTensor_(cross)(THTensor *r, THTensor *a, THTensor *b, int dim)
{
  THTensor *out = NULL, ov, av, bv;
  const long *strides[3];
  THApplyPlan plan;
  long os, as, bs;
  int rc = -1;
  char sb1[TH_SHAPE_BUF], sb2[TH_SHAPE_BUF];
  TH_CHECK(THTensor_(isSameSizeAs)(a, b), TH_ERR_RUNTIME,
           "cross(): inputs must have the same size, got %s and %s",
           THTensor_(describeSize)(a, sb1, sizeof(sb1)),
           THTensor_(describeSize)(b, sb2, sizeof(sb2)));
  if (THTensor_(checkDim)("cross()", a, dim) != 0)
    return -1;
  TH_CHECK(a->size[dim] == 3, TH_ERR_RUNTIME,
           "cross(): dimension %d of the inputs has size %ld, expected 3 (inputs of size %s)",
           dim, a->size[dim], THTensor_(describeSize)(a, sb1, sizeof(sb1)));
  out = THTensor_(outFor)(r, a->storage, b->storage);
  if (!out)
    return -1;
  if (THTensor_(resizeAs)(out, a) != 0)
    goto done;
  THTensor_(borrowNarrow)(&ov, out, dim, 0, 1);
  THTensor_(borrowNarrow)(&av, a, dim, 0, 1);
  THTensor_(borrowNarrow)(&bv, b, dim, 0, 1);
  os = out->stride[dim];
  as = a->stride[dim];
  bs = b->stride[dim];
  strides[0] = ov.stride;
  strides[1] = av.stride;
  strides[2] = bv.stride;
  THApplyPlan_init(&plan, 3, ov.nDimension, ov.size, strides);
  TH_APPLY3(real, po, THTensor_(data)(&ov), real, pa, THTensor_(data)(&av), real, pb,
            THTensor_(data)(&bv), &plan,
            const real a0 = pa[0]; const real a1 = pa[as]; const real a2 = pa[2 * as];
            const real b0 = pb[0]; const real b1 = pb[bs]; const real b2 = pb[2 * bs];
            po[0] = a1 * b2 - a2 * b1; po[os] = a2 * b0 - a0 * b2;
            po[2 * os] = a0 * b1 - a1 * b0;);
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

int THTensor_(histc)(THTensor *r, THTensor *src, long nbins, double minv, double maxv)
{
  THApplyPlan plan;
  const long *strides[1];
  const real *s = THTensor_(data)(src);
  THTensor *out = NULL;
  real *h;
  ptrdiff_t n = THTensor_(nElement)(src);
  int rc = -1;
  TH_CHECK(nbins > 0, TH_ERR_VALUE, "histc(): bins must be positive, got %ld", nbins);
  TH_CHECK(!(minv > maxv), TH_ERR_VALUE, "histc(): max (%g) must not be smaller than min (%g)",
           maxv, minv);
  strides[0] = src->stride;
  THApplyPlan_init(&plan, 1, src->nDimension, src->size, strides); /* numel 0 when empty */
  if (minv == maxv && n > 0) {
    /* The data's own range. */
    minv = maxv = (double)s[0];
    TH_WALK(&plan, 1, o, {
      double v = (double)s[o[0]];
      if (v < minv)
        minv = v;
      if (v > maxv)
        maxv = v;
    });
  }
  if (minv == maxv) {
    minv -= 1;
    maxv += 1;
  }
  out = THTensor_(outFor)(r, src->storage, NULL);
  if (!out)
    return -1;
  if (THTensor_(resize1d)(out, nbins) != 0)
    goto done;
  THTensor_(zero)(out);
  h = THTensor_(data)(out);
  if (n > 0)
    TH_WALK(&plan, 1, o, {
      double v = (double)s[o[0]];
      if (v >= minv && v <= maxv) {
        long bin = (long)((v - minv) * (double)nbins / (maxv - minv));
        h[bin < nbins ? bin : nbins - 1] += 1;
      }
    });
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

static int THTensor_(spaced)(const char *op, THTensor *r, real a, real b, long n, int log10s)
{
  long i;
  double step;
  real *d;
  TH_CHECK(n > 0, TH_ERR_VALUE, "%s: the number of points must be positive, got %ld", op, n);
  if (THTensor_(resize1d)(r, n) != 0)
    return -1;
  d = THTensor_(data)(r);
  step = n > 1 ? ((double)b - (double)a) / (double)(n - 1) : 0.0;
  for (i = 0; i < n; i++) {
    double v = i == n - 1 && n > 1 ? (double)b : (double)a + (double)i * step;
    d[i * r->stride[0]] = (real)(log10s ? pow(10.0, v) : v);
  }
  return 0;
}

int THTensor_(linspace)(THTensor *r, real a, real b, long n)
{
  return THTensor_(spaced)("linspace()", r, a, b, n, 0);
}

int THTensor_(logspace)(THTensor *r, real a, real b, long n)
{
  return THTensor_(spaced)("logspace()", r, a, b, n, 1);
}

static int THTensor_(sequence)(const char *op, THTensor *r, accreal start, accreal end,
                               accreal step, int inclusive)
{
  double span, q;
  long i, n;
  real *d;
  TH_CHECK(step != 0, TH_ERR_VALUE, "%s: step must be nonzero", op);
  TH_CHECK(step > 0 ? end >= start : end <= start, TH_ERR_VALUE,
           "%s: upper bound (%g) and lower bound (%g) inconsistent with step sign (%g)", op,
           (double)end, (double)start, (double)step);
  span = (double)end - (double)start;
  q = span / (double)step;
  n = inclusive ? (long)floor(q) + 1 : (long)ceil(q);
  if (n == 0)
    return THTensor_(resize)(r, 0, NULL);
  if (THTensor_(resize1d)(r, n) != 0)
    return -1;
  d = THTensor_(data)(r);
  for (i = 0; i < n; i++)
    d[i * r->stride[0]] = (real)(start + (accreal)i * step);
  return 0;
}

int THTensor_(range)(THTensor *r, accreal start, accreal end, accreal step)
{
  return THTensor_(sequence)("range()", r, start, end, step, 1);
}

int THTensor_(arange)(THTensor *r, accreal start, accreal end, accreal step)
{
  return THTensor_(sequence)("arange()", r, start, end, step, 0);
}

#undef TH_SHAPE_BUF

#endif
