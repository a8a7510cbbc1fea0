#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorSort.c"
#else
/* Sorting and selection (see generic/THTensorSort.h). Every line is copied into a per-thread
 * scratch buffer with its positions, merge-sorted there (stable), and the wanted part is
 * written out: all of it (sort), the first k (topk), one element (kthvalue, median) or the
 * longest run (mode). */

#define TH_SORT_BUF 256
#define TH_SORT_RUN 24

/* Whether a must come strictly before b: ascending with NaN last, or the reverse. */
static inline int THTensor_(sortBefore)(real a, real b, int desc)
{
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
  if (desc)
    return b == b && (a != a || a > b);
  return a == a && (b != b || a < b);
#else
  return desc ? a > b : a < b;
#endif
}

/* Stable sort of v[0..n) with its positions ix, using tv/tix (n each) as scratch. */
static void THTensor_(mergeSort)(real *v, long *ix, real *tv, long *tix, long n, int desc)
{
  long lo, i, j, width;
  real *src = v, *dst = tv;
  long *isrc = ix, *idst = tix;
  for (lo = 0; lo < n; lo += TH_SORT_RUN) {
    const long hi = TH_MIN(lo + TH_SORT_RUN, n);
    for (i = lo + 1; i < hi; i++) {
      const real x = v[i];
      const long xi = ix[i];
      for (j = i; j > lo && THTensor_(sortBefore)(x, v[j - 1], desc); j--) {
        v[j] = v[j - 1];
        ix[j] = ix[j - 1];
      }
      v[j] = x;
      ix[j] = xi;
    }
  }
  for (width = TH_SORT_RUN; width < n; width *= 2) {
    for (lo = 0; lo < n; lo += 2 * width) {
      const long mid = TH_MIN(lo + width, n), hi = TH_MIN(lo + 2 * width, n);
      long k = lo;
      i = lo;
      j = mid;
      while (i < mid && j < hi) {
        if (THTensor_(sortBefore)(src[j], src[i], desc)) {
          dst[k] = src[j];
          idst[k++] = isrc[j++];
        } else {
          dst[k] = src[i];
          idst[k++] = isrc[i++];
        }
      }
      for (; i < mid; i++, k++) {
        dst[k] = src[i];
        idst[k] = isrc[i];
      }
      for (; j < hi; j++, k++) {
        dst[k] = src[j];
        idst[k] = isrc[j];
      }
    }
    {
      real *tmp = src;
      long *itmp = isrc;
      src = dst;
      dst = tmp;
      isrc = idst;
      idst = itmp;
    }
  }
  if (src != v) {
    memcpy(v, src, sizeof(real) * (size_t)n);
    memcpy(ix, isrc, sizeof(long) * (size_t)n);
  }
}


/* Writes the part of the sorted line (v, ix, n elements) that `what` asks for to the output
 * lines at ov (stride os) and oi (stride is). */
static void THTensor_(sortEmit)(int what, long k, const real *v, const long *ix, long n,
                                real *ov, long os, long *oi, long is)
{
  long i;
  if (what == TH_SORT_ALL || what == TH_SORT_FIRST_K) {
    const long m = what == TH_SORT_ALL ? n : k;
    for (i = 0; i < m; i++) {
      ov[i * os] = v[i];
      oi[i * is] = ix[i];
    }
  } else if (what == TH_SORT_KTH) {
    ov[0] = v[k];
    oi[0] = ix[k];
  } else {
    long best = 0, bestlen = 0, start = 0;
    for (i = 1; i <= n; i++) {
      if (i == n || v[i] != v[start]) {
        if (i - start > bestlen) {
          bestlen = i - start;
          best = i - 1;
        }
        start = i;
      }
    }
    /* The run's last element has the largest position (the sort is stable). */
    ov[0] = v[best];
    oi[0] = ix[best];
  }
}

/* The shared driver: t's lines along dim are sorted (descending with desc) and `what` is
 * written to rt/ri, resized to t's shape with `outsize` at dim (squeezed unless keepdim). */
static int THTensor_(sortDriver)(const char *op, THTensor *rt, THLongTensor *ri, THTensor *t,
                                 int dim, int desc, int what, long k, long outsize, int keepdim)
{
  long sizes[TH_MAX_DIM];
  const long *strides[3];
  THApplyPlan plan;
  const long n = t->size[dim];
  unsigned char *scratch = NULL;
  int nt;
  TH_UNUSED(op);
  memcpy(sizes, t->size, sizeof(long) * (size_t)t->nDimension);
  sizes[dim] = outsize;
  if (THTensor_(resize)(rt, t->nDimension, sizes) != 0 ||
      THLongTensor_resize(ri, t->nDimension, sizes) != 0)
    return -1;
  strides[0] = rt->stride;
  strides[1] = ri->stride;
  strides[2] = t->stride;
  THDimApply_plan(&plan, 3, t->nDimension, t->size, strides, dim);
  if (plan.numel > 0 && n > 0) {
    /* rounded up so that every thread's part starts aligned */
    const size_t per = ((size_t)n * 2 * (sizeof(real) + sizeof(long)) + 15) & ~(size_t)15;
    real *rd = THTensor_(data)(rt);
    long *id = THLongTensor_data(ri);
    const real *td = THTensor_(data)(t);
    const long s = t->stride[dim], ros = rt->stride[dim], ris = ri->stride[dim];
    nt = plan.numel > 1 ? THDimApply_threads(THTensor_(nElement)(t)) : 1;
    scratch = THAlloc((ptrdiff_t)(per * (size_t)nt));
    if (!scratch)
      return -1;
    TH_DIM_APPLY(&plan, nt, off, tid, {
      /* longs first: both parts stay aligned */
      long *ix = (long *)(scratch + per * (size_t)tid);
      long *tix = ix + n;
      real *v = (real *)(tix + n);
      real *tv = v + n;
      const real *p = td + off[2];
      long i;
      for (i = 0; i < n; i++) {
        v[i] = p[i * s];
        ix[i] = i;
      }
      THTensor_(mergeSort)(v, ix, tv, tix, n, desc);
      THTensor_(sortEmit)(what, k, v, ix, n, rd + off[0], ros, id + off[1], ris);
    });
    THFree(scratch);
  }
  if (!keepdim) {
    THTensor_(squeeze1d)(rt, rt, dim);
    THLongTensor_squeeze1d(ri, ri, dim);
  }
  return 0;
}

#define TH_CHECK_SORT_OUT(op, rt, t)                                                     \
  TH_CHECK((rt) != (t), TH_ERR_VALUE, "%s: the result tensor must not be the input", op)

int THTensor_(sort)(THTensor *rt, THLongTensor *ri, THTensor *t, int dim, int descendingOrder)
{
  TH_CHECK_SORT_OUT("sort", rt, t);
  if (t->nDimension == 0 && (dim == 0 || dim == -1)) {
    /* An empty tensor sorts to empty tensors. */
    if (THTensor_(resize)(rt, 0, NULL) != 0 || THLongTensor_resize(ri, 0, NULL) != 0)
      return -1;
    return 0;
  }
  TH_CHECK_REDUCE_DIM("sort", t, dim);
  return THTensor_(sortDriver)("sort", rt, ri, t, dim, descendingOrder, TH_SORT_ALL, 0,
                               t->size[dim], 1);
}

int THTensor_(topk)(THTensor *rt, THLongTensor *ri, THTensor *t, long k, int dim, int dir,
                    int sorted)
{
  TH_UNUSED(sorted);
  TH_CHECK_SORT_OUT("topk", rt, t);
  TH_CHECK_REDUCE_DIM("topk", t, dim);
  TH_CHECK(k >= 0 && k <= t->size[dim], TH_ERR_INDEX,
           "topk: k=%ld out of range for dimension %d of size %ld (expected 0 <= k <= %ld)", k,
           dim, t->size[dim], t->size[dim]);
  return THTensor_(sortDriver)("topk", rt, ri, t, dim, dir, TH_SORT_FIRST_K, k, k, 1);
}

int THTensor_(kthvalue)(THTensor *values, THLongTensor *indices, THTensor *t, long k, int dim,
                        int keepdim)
{
  TH_CHECK_SORT_OUT("kthvalue", values, t);
  TH_CHECK_REDUCE_DIM("kthvalue", t, dim);
  TH_CHECK(k >= 1 && k <= t->size[dim], TH_ERR_INDEX,
           "kthvalue: k=%ld out of range for dimension %d of size %ld (expected 1 <= k <= %ld)",
           k, dim, t->size[dim], t->size[dim]);
  return THTensor_(sortDriver)("kthvalue", values, indices, t, dim, 0, TH_SORT_KTH, k - 1, 1,
                               keepdim);
}

int THTensor_(median)(THTensor *values, THLongTensor *indices, THTensor *t, int dim,
                      int keepdim)
{
  char buf[TH_SORT_BUF];
  TH_CHECK_SORT_OUT("median", values, t);
  TH_CHECK_REDUCE_DIM("median", t, dim);
  TH_CHECK(t->size[dim] > 0, TH_ERR_RUNTIME,
           "median: cannot reduce over dimension %d of size 0 (input size %s)", dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  return THTensor_(sortDriver)("median", values, indices, t, dim, 0, TH_SORT_KTH,
                               (t->size[dim] - 1) / 2, 1, keepdim);
}

int THTensor_(mode)(THTensor *values, THLongTensor *indices, THTensor *t, int dim, int keepdim)
{
  char buf[TH_SORT_BUF];
  TH_CHECK_SORT_OUT("mode", values, t);
  TH_CHECK_REDUCE_DIM("mode", t, dim);
  TH_CHECK(t->size[dim] > 0, TH_ERR_RUNTIME,
           "mode: cannot reduce over dimension %d of size 0 (input size %s)", dim,
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  return THTensor_(sortDriver)("mode", values, indices, t, dim, 0, TH_SORT_MODE, 0, 1,
                               keepdim);
}

int THTensor_(medianall)(THTensor *t, real *result)
{
  char buf[TH_SORT_BUF];
  const ptrdiff_t n = THTensor_(nElement)(t);
  THTensor *flat = NULL, *values = NULL;
  THLongTensor *indices = NULL;
  long len = (long)n;
  int rc = -1;
  TH_CHECK(n > 0, TH_ERR_RUNTIME,
           "median: the operation is not defined for an empty tensor (size %s)",
           THTensor_(describeSize)(t, buf, sizeof(buf)));
  flat = THTensor_(newWithSize)(1, &len);
  values = THTensor_(new)();
  indices = THLongTensor_new();
  if (!flat || !values || !indices || THTensor_(copy)(flat, t) != 0)
    goto done;
  if (THTensor_(sortDriver)("median", values, indices, flat, 0, 0, TH_SORT_KTH, (len - 1) / 2,
                            1, 1) != 0)
    goto done;
  *result = THTensor_(data)(values)[0];
  rc = 0;
done:
  THTensor_(free)(flat);
  THTensor_(free)(values);
  THLongTensor_free(indices);
  return rc;
}

#undef TH_CHECK_SORT_OUT
#undef TH_SORT_RUN
#undef TH_SORT_BUF

#endif
