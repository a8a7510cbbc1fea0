#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorIndex.c"
#else
/* Index ops over LongTensor indices and ByteTensor masks. Each function checks its arguments
 * and every index first; the loops that follow cannot fail. */

#define TH_INDEX_BUF 256

/* Every element of index lies in [0, size), or an IndexError names the first that does not. */
static int THTensor_(checkIndices)(const char *op, const THLongTensor *index, int dim, long size)
{
  THApplyPlan plan;
  const long *strides[1];
  const long *data;
  if (THLongTensor_nElement(index) == 0)
    return 0;
  data = THLongTensor_data(index);
  strides[0] = index->stride;
  THApplyPlan_init(&plan, 1, index->nDimension, index->size, strides);
  TH_WALK(&plan, 1, o, {
    long v = data[o[0]];
    TH_CHECK(v >= 0 && v < size, TH_ERR_INDEX,
             "%s: index %ld is out of range for dimension %d with size %ld", op, v, dim, size);
  });
  return 0;
}

/* Arguments of the ops taking a vector of indices along dim of self. */
static int THTensor_(checkIndexVector)(const char *op, const THTensor *self, int dim,
                                       const THLongTensor *index)
{
  if (THTensor_(checkDim)(op, self, dim) != 0)
    return -1;
  TH_CHECK(index->nDimension <= 1, TH_ERR_INDEX,
           "%s: index should be a vector (1-d), got a %d-d tensor", op, index->nDimension);
  return THTensor_(checkIndices)(op, index, dim, self->size[dim]);
}

/* src must have self's size with dimension dim replaced by the number of indices n. */
static int THTensor_(checkSource)(const char *op, const THTensor *self, int dim, long n,
                                  const THTensor *src)
{
  long want[TH_MAX_DIM];
  char b1[TH_INDEX_BUF], b2[TH_INDEX_BUF];
  memcpy(want, self->size, sizeof(long) * (size_t)self->nDimension);
  want[dim] = n;
  if (n == 0 && THTensor_(nElement)(src) == 0)
    return 0;
  TH_CHECK(THTensor_(isSize)(src, self->nDimension, want), TH_ERR_RUNTIME,
           "%s: expected a source of size %s (self's size with dimension %d holding the %ld "
           "indices), got %s", op, THDescribeSizes(b1, sizeof(b1), self->nDimension, want),
           dim, n, THTensor_(describeSize)(src, b2, sizeof(b2)));
  return 0;
}

/* dst's slice a along dim gets (or, with add, accumulates) src's slice b; same slice shapes. */
static void THTensor_(sliceCopy)(THTensor *dst, long a, const THTensor *src, long b, int dim,
                                 int add)
{
  THTensor dv, sv;
  THApplyPlan plan;
  const long *strides[2];
  THTensor_(borrowNarrow)(&dv, dst, dim, a, 1);
  THTensor_(borrowNarrow)(&sv, src, dim, b, 1);
  strides[0] = dv.stride;
  strides[1] = sv.stride;
  THApplyPlan_init(&plan, 2, dv.nDimension, dv.size, strides);
  if (add)
    TH_APPLY2(real, d, THTensor_(data)(&dv), real, s, THTensor_(data)(&sv), &plan, *d += *s;);
  else
    TH_APPLY2(real, d, THTensor_(data)(&dv), real, s, THTensor_(data)(&sv), &plan, *d = *s;);
}

static long THTensor_(indexAt)(const THLongTensor *index, long i)
{
  return THLongTensor_data(index)[i * index->stride[0]];
}

int THTensor_(indexSelect)(THTensor *r, THTensor *src, int dim, THLongTensor *index)
{
  const char *op = "index_select()";
  long sizes[TH_MAX_DIM], i, n;
  THTensor *out = NULL;
  int rc = -1;
  if (THTensor_(checkIndexVector)(op, src, dim, index) != 0)
    return -1;
  n = (long)THLongTensor_nElement(index);
  out = THTensor_(outFor)(r, src->storage, index->storage);
  if (!out)
    return -1;
  memcpy(sizes, src->size, sizeof(long) * (size_t)src->nDimension);
  sizes[dim] = n;
  if (THTensor_(resize)(out, n == 0 ? 0 : src->nDimension, sizes) != 0)
    goto done;
  if (dim == 0 && n > 0 && THTensor_(isContiguous)(src) && THTensor_(isContiguous)(out)) {
    /* rows of contiguous tensors are contiguous blocks (the DataLoader's batches) */
    size_t row = (size_t)(THTensor_(nElement)(src) / src->size[0]) * sizeof(real);
    const char *s = (const char *)THTensor_(data)(src);
    char *d = (char *)THTensor_(data)(out);
    for (i = 0; i < n; i++)
      memcpy(d + (size_t)i * row, s + (size_t)THTensor_(indexAt)(index, i) * row, row);
  } else {
    for (i = 0; i < n; i++)
      THTensor_(sliceCopy)(out, i, src, THTensor_(indexAt)(index, i), dim, 0);
  }
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

static int THTensor_(indexCopyOrAdd)(const char *op, THTensor *self, int dim,
                                     THLongTensor *index, THTensor *src, int add)
{
  long i, n;
  if (THTensor_(checkIndexVector)(op, self, dim, index) != 0)
    return -1;
  n = (long)THLongTensor_nElement(index);
  if (THTensor_(checkSource)(op, self, dim, n, src) != 0)
    return -1;
  for (i = 0; i < n; i++)
    THTensor_(sliceCopy)(self, THTensor_(indexAt)(index, i), src, i, dim, add);
  return 0;
}

int THTensor_(indexCopy)(THTensor *self, int dim, THLongTensor *index, THTensor *src)
{
  return THTensor_(indexCopyOrAdd)("index_copy_()", self, dim, index, src, 0);
}

int THTensor_(indexAdd)(THTensor *self, int dim, THLongTensor *index, THTensor *src)
{
  return THTensor_(indexCopyOrAdd)("index_add_()", self, dim, index, src, 1);
}

int THTensor_(indexFill)(THTensor *self, int dim, THLongTensor *index, real value)
{
  long i, n;
  if (THTensor_(checkIndexVector)("index_fill_()", self, dim, index) != 0)
    return -1;
  n = (long)THLongTensor_nElement(index);
  for (i = 0; i < n; i++) {
    THTensor v;
    THApplyPlan plan;
    const long *strides[1];
    THTensor_(borrowNarrow)(&v, self, dim, THTensor_(indexAt)(index, i), 1);
    strides[0] = v.stride;
    THApplyPlan_init(&plan, 1, v.nDimension, v.size, strides);
    TH_APPLY1(real, p, THTensor_(data)(&v), &plan, *p = value;);
  }
  return 0;
}

/* gather/scatter: index has t's dimension and, outside dim, sizes no larger than t's (and than
 * src's everywhere, when there is a src). */
static int THTensor_(checkGatherShape)(const char *op, const THTensor *t, int dim,
                                       const THLongTensor *index, const THTensor *src)
{
  char b1[TH_INDEX_BUF], b2[TH_INDEX_BUF];
  int d;
  if (THTensor_(checkDim)(op, t, dim) != 0)
    return -1;
  TH_CHECK(index->nDimension == t->nDimension, TH_ERR_RUNTIME,
           "%s: index should have the same number of dimensions as self (%d), got %d", op,
           t->nDimension, index->nDimension);
  for (d = 0; d < t->nDimension; d++) {
    TH_CHECK(d == dim || index->size[d] <= t->size[d], TH_ERR_RUNTIME,
             "%s: index of size %s is larger than self of size %s in dimension %d", op,
             THDescribeSizes(b1, sizeof(b1), index->nDimension, index->size),
             THTensor_(describeSize)(t, b2, sizeof(b2)), d);
    TH_CHECK(!src || (src->nDimension == index->nDimension && index->size[d] <= src->size[d]),
             TH_ERR_RUNTIME, "%s: index of size %s is larger than the source of size %s", op,
             THDescribeSizes(b1, sizeof(b1), index->nDimension, index->size),
             THTensor_(describeSize)(src, b2, sizeof(b2)));
  }
  return THTensor_(checkIndices)(op, index, dim, t->size[dim]);
}

int THTensor_(gather)(THTensor *r, THTensor *src, int dim, THLongTensor *index)
{
  long sstride[TH_MAX_DIM], sdim;
  const long *strides[3];
  THApplyPlan plan;
  THTensor *out = NULL;
  int rc = -1;
  if (THTensor_(checkGatherShape)("gather()", src, dim, index, NULL) != 0)
    return -1;
  out = THTensor_(outFor)(r, src->storage, index->storage);
  if (!out)
    return -1;
  if (THTensor_(resize)(out, index->nDimension, index->size) != 0)
    goto done;
  if (THLongTensor_nElement(index) > 0) {
    /* The plan walks index's shape; src moves along dim by the index value, not the counter. */
    memcpy(sstride, src->stride, sizeof(long) * (size_t)src->nDimension);
    sdim = sstride[dim];
    sstride[dim] = 0;
    strides[0] = out->stride;
    strides[1] = index->stride;
    strides[2] = sstride;
    THApplyPlan_init(&plan, 3, index->nDimension, index->size, strides);
    TH_APPLY3(real, o, THTensor_(data)(out), long, ix, THLongTensor_data(index), real, s,
              THTensor_(data)(src), &plan, *o = s[*ix * sdim];);
  }
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

/* Plan over index's shape for self (stride 0 along dim), index and, if given, src. */
static void THTensor_(scatterPlan)(THApplyPlan *plan, long *sstride, const THTensor *self,
                                   int dim, const THLongTensor *index, const THTensor *src)
{
  const long *strides[3];
  memcpy(sstride, self->stride, sizeof(long) * (size_t)self->nDimension);
  sstride[dim] = 0;
  strides[0] = sstride;
  strides[1] = index->stride;
  strides[2] = src ? src->stride : NULL;
  THApplyPlan_init(plan, src ? 3 : 2, index->nDimension, index->size, strides);
}

/* Serial (repeated indices write in order: the last one wins). */
int THTensor_(scatter)(THTensor *self, int dim, THLongTensor *index, THTensor *src)
{
  long sstride[TH_MAX_DIM], sdim;
  THApplyPlan plan;
  real *d, *s;
  const long *ix;
  if (THTensor_(checkGatherShape)("scatter_()", self, dim, index, src) != 0)
    return -1;
  if (THLongTensor_nElement(index) == 0)
    return 0;
  THTensor_(scatterPlan)(&plan, sstride, self, dim, index, src);
  sdim = self->stride[dim];
  d = THTensor_(data)(self);
  s = THTensor_(data)(src);
  ix = THLongTensor_data(index);
  TH_WALK(&plan, 3, o, d[o[0] + ix[o[1]] * sdim] = s[o[2]];);
  return 0;
}

int THTensor_(scatterFill)(THTensor *self, int dim, THLongTensor *index, real value)
{
  long sstride[TH_MAX_DIM], sdim;
  THApplyPlan plan;
  real *d;
  const long *ix;
  if (THTensor_(checkGatherShape)("scatter_()", self, dim, index, NULL) != 0)
    return -1;
  if (THLongTensor_nElement(index) == 0)
    return 0;
  THTensor_(scatterPlan)(&plan, sstride, self, dim, index, NULL);
  sdim = self->stride[dim];
  d = THTensor_(data)(self);
  ix = THLongTensor_data(index);
  TH_WALK(&plan, 2, o, d[o[0] + ix[o[1]] * sdim] = value;);
  return 0;
}

/* The mask expanded to self's size (a borrowed view), after checking that it broadcasts. */
static int THTensor_(maskFor)(const char *op, THByteTensor *view, const THTensor *self,
                              const THByteTensor *mask)
{
  long shape[TH_MAX_DIM];
  int nd;
  char b1[TH_INDEX_BUF], b2[TH_INDEX_BUF];
  TH_CHECK(THByteTensor_nElement(mask) > 0, TH_ERR_RUNTIME,
           "%s: the mask is empty but self has size %s", op,
           THTensor_(describeSize)(self, b1, sizeof(b1)));
  if (THBroadcast_shape(op, self->nDimension, self->size, mask->nDimension, mask->size, &nd,
                        shape) != 0 || !THTensor_(isSize)(self, nd, shape)) {
    THError_clear();
    return THError_set(TH_ERR_RUNTIME, "%s: a mask of size %s cannot be broadcast to self of "
                       "size %s", op, THByteTensor_describeSize(mask, b1, sizeof(b1)),
                       THTensor_(describeSize)(self, b2, sizeof(b2)));
  }
  THByteTensor_borrowExpanded(view, mask, self->nDimension, self->size);
  return 0;
}

int THTensor_(maskedFill)(THTensor *self, THByteTensor *mask, real value)
{
  THByteTensor mv;
  THApplyPlan plan;
  const long *strides[2];
  if (THTensor_(nElement)(self) == 0 && THByteTensor_nElement(mask) == 0)
    return 0;
  if (THTensor_(maskFor)("masked_fill_()", &mv, self, mask) != 0)
    return -1;
  strides[0] = self->stride;
  strides[1] = mv.stride;
  THApplyPlan_init(&plan, 2, self->nDimension, self->size, strides);
  TH_APPLY2(real, p, THTensor_(data)(self), unsigned char, m, THByteTensor_data(&mv), &plan,
            if (*m) *p = value;);
  return 0;
}

/* Number of nonzero mask elements over a plan whose tensor `k` is the mask. */
static ptrdiff_t THTensor_(countMask)(const THApplyPlan *plan, int nt, int k,
                                      const unsigned char *m)
{
  ptrdiff_t count = 0;
  TH_WALK(plan, nt, o, count += m[o[k]] != 0;);
  return count;
}

int THTensor_(maskedCopy)(THTensor *self, THByteTensor *mask, THTensor *src)
{
  const char *op = "masked_scatter_()";
  THByteTensor mv;
  THApplyPlan plan;
  const long *strides[2];
  THTensor *csrc = NULL;
  const unsigned char *m;
  ptrdiff_t count, j = 0;
  real *d, *s;
  if (THTensor_(nElement)(self) == 0 && THByteTensor_nElement(mask) == 0)
    return 0;
  if (THTensor_(maskFor)(op, &mv, self, mask) != 0)
    return -1;
  strides[0] = self->stride;
  strides[1] = mv.stride;
  THApplyPlan_init(&plan, 2, self->nDimension, self->size, strides);
  m = THByteTensor_data(&mv);
  count = THTensor_(countMask)(&plan, 2, 1, m);
  TH_CHECK(THTensor_(nElement)(src) >= count, TH_ERR_RUNTIME,
           "%s: the mask has %td ones but the source has only %td elements", op, count,
           THTensor_(nElement)(src));
  if (count == 0)
    return 0;
  csrc = THTensor_(newContiguous)(src);
  if (!csrc)
    return -1;
  d = THTensor_(data)(self);
  s = THTensor_(data)(csrc);
  TH_WALK(&plan, 2, o, if (m[o[1]]) d[o[0]] = s[j++];);
  THTensor_(free)(csrc);
  return 0;
}

int THTensor_(maskedSelect)(THTensor *r, THTensor *src, THByteTensor *mask)
{
  const char *op = "masked_select()";
  long shape[TH_MAX_DIM];
  int nd, rc = -1;
  THTensor sv;
  THByteTensor mv;
  THApplyPlan plan;
  const long *strides[2];
  THTensor *out = NULL;
  const unsigned char *m;
  const real *s;
  real *d;
  ptrdiff_t count, j = 0;
  if (THTensor_(nElement)(src) == 0 || THByteTensor_nElement(mask) == 0)
    return THTensor_(resize)(r, 0, NULL); /* nothing can be selected */
  if (THBroadcast_shape(op, src->nDimension, src->size, mask->nDimension, mask->size, &nd,
                        shape) != 0)
    return -1;
  THTensor_(borrowExpanded)(&sv, src, nd, shape);
  THByteTensor_borrowExpanded(&mv, mask, nd, shape);
  strides[0] = sv.stride;
  strides[1] = mv.stride;
  THApplyPlan_init(&plan, 2, nd, shape, strides);
  m = THByteTensor_data(&mv);
  s = THTensor_(data)(&sv);
  count = THTensor_(countMask)(&plan, 2, 1, m);
  out = THTensor_(outFor)(r, src->storage, mask->storage);
  if (!out)
    return -1;
  if (THTensor_(resize1d)(out, (long)count) != 0)
    goto done;
  if (count == 0 && THTensor_(resize)(out, 0, NULL) != 0)
    goto done;
  d = THTensor_(data)(out);
  TH_WALK(&plan, 2, o, if (m[o[1]]) d[j++] = s[o[0]];);
  rc = THTensor_(outDone)(r, out);
done:
  if (out != r)
    THTensor_(free)(out);
  return rc;
}

int THTensor_(nonzero)(THLongTensor *r, THTensor *src)
{
  long ctr[TH_MAX_DIM];
  ptrdiff_t count = 0, n = THTensor_(nElement)(src), i, row = 0;
  const real *s = THTensor_(data)(src);
  int nd = src->nDimension, d;
  long *out;
  TH_CHECK((const void *)r != (const void *)src, TH_ERR_VALUE,
           "nonzero(): the result must not be the input");
  if (n > 0) {
    THApplyPlan plan;
    const long *strides[1];
    strides[0] = src->stride;
    THApplyPlan_init(&plan, 1, nd, src->size, strides);
    TH_WALK(&plan, 1, o, count += s[o[0]] != 0;);
  }
  if (count == 0)
    return THLongTensor_resize(r, 0, NULL);
  if (THLongTensor_resize2d(r, (long)count, nd) != 0)
    return -1;
  out = THLongTensor_data(r);
  /* An odometer over src's own dimensions: the counters are the subscripts. */
  for (d = 0; d < nd; d++)
    ctr[d] = 0;
  for (i = 0; i < n; i++) {
    ptrdiff_t off = 0;
    for (d = 0; d < nd; d++)
      off += ctr[d] * src->stride[d];
    if (s[off] != 0) {
      for (d = 0; d < nd; d++)
        out[row * nd + d] = ctr[d];
      row++;
    }
    for (d = nd - 1; d >= 0; d--) {
      if (++ctr[d] < src->size[d])
        break;
      ctr[d] = 0;
    }
  }
  return 0;
}

#undef TH_INDEX_BUF

#endif
