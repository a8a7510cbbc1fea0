#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensor.c"
#else
/* Tensor lifetime, geometry (views), fill and copy. Every geometry function checks its
 * arguments first and only then changes self. */

#define TH_SIZES_BUF 256

/* ---- access ---- */

THStorage *THTensor_(storage)(const THTensor *self) { return self->storage; }
ptrdiff_t THTensor_(storageOffset)(const THTensor *self) { return self->storageOffset; }
int THTensor_(nDimension)(const THTensor *self) { return self->nDimension; }

long THTensor_(size)(const THTensor *self, int dim)
{
  return (dim >= 0 && dim < self->nDimension) ? self->size[dim] : -1;
}

long THTensor_(stride)(const THTensor *self, int dim)
{
  return (dim >= 0 && dim < self->nDimension) ? self->stride[dim] : -1;
}

real *THTensor_(data)(const THTensor *self)
{
  return self->storage && self->storage->data ? self->storage->data + self->storageOffset : NULL;
}

ptrdiff_t THTensor_(nElement)(const THTensor *self)
{
  ptrdiff_t n = 1;
  int d;
  if (self->nDimension == 0)
    return 0;
  for (d = 0; d < self->nDimension; d++)
    n *= self->size[d];
  return n;
}

int THTensor_(isContiguous)(const THTensor *self)
{
  long expected = 1;
  int d;
  for (d = self->nDimension - 1; d >= 0; d--) {
    if (self->size[d] != 1) {
      if (self->stride[d] != expected)
        return 0;
      expected *= self->size[d];
    }
  }
  return 1;
}

int THTensor_(isSameSizeAs)(const THTensor *self, const THTensor *src)
{
  int d;
  if (self->nDimension != src->nDimension)
    return 0;
  for (d = 0; d < self->nDimension; d++)
    if (self->size[d] != src->size[d])
      return 0;
  return 1;
}

int THTensor_(isSetTo)(const THTensor *self, const THTensor *src)
{
  int d;
  if (self->storage != src->storage || self->storageOffset != src->storageOffset ||
      self->nDimension != src->nDimension)
    return 0;
  for (d = 0; d < self->nDimension; d++)
    if (self->size[d] != src->size[d] || self->stride[d] != src->stride[d])
      return 0;
  return self->storage != NULL;
}

int THTensor_(isSize)(const THTensor *self, int ndim, const long *sizes)
{
  int d;
  if (self->nDimension != ndim)
    return 0;
  for (d = 0; d < ndim; d++)
    if (self->size[d] != sizes[d])
      return 0;
  return 1;
}

char *THTensor_(describeSize)(const THTensor *self, char *buf, size_t len)
{
  return THDescribeSizes(buf, len, self->nDimension, self->size);
}

/* ---- lifetime ---- */

THTensor *THTensor_(new)(void)
{
  THTensor *self = THAlloc(sizeof(THTensor));
  if (!self)
    return NULL;
  self->nDimension = 0;
  self->storage = NULL;
  self->storageOffset = 0;
  self->refcount = 1;
  self->flag = TH_STORAGE_REFCOUNTED;
  return self;
}

THTensor *THTensor_(newWithSize)(int ndim, const long *sizes)
{
  THTensor *self = THTensor_(new)();
  if (!self)
    return NULL;
  if (THTensor_(resize)(self, ndim, sizes) != 0) {
    THTensor_(free)(self);
    return NULL;
  }
  return self;
}

THTensor *THTensor_(newWithSize1d)(long size0) { return THTensor_(newWithSize)(1, &size0); }

THTensor *THTensor_(newWithSize2d)(long size0, long size1)
{
  long sizes[2];
  sizes[0] = size0;
  sizes[1] = size1;
  return THTensor_(newWithSize)(2, sizes);
}

THTensor *THTensor_(newWithStorage)(THStorage *storage, ptrdiff_t offset, int ndim,
                                     const long *sizes, const long *strides)
{
  THTensor *self = THTensor_(new)();
  if (!self)
    return NULL;
  if (THTensor_(setStorage)(self, storage, offset, ndim, sizes, strides) != 0) {
    THTensor_(free)(self);
    return NULL;
  }
  return self;
}

THTensor *THTensor_(newView)(THTensor *src)
{
  THTensor *self = THTensor_(new)();
  if (!self)
    return NULL;
  THTensor_(set)(self, src);
  return self;
}

THTensor *THTensor_(newClone)(THTensor *src)
{
  THTensor *self = THTensor_(newWithSize)(src->nDimension, src->size);
  if (!self)
    return NULL;
  THTensor_(copy)(self, src); /* same shape: cannot fail */
  return self;
}

THTensor *THTensor_(newContiguous)(THTensor *src)
{
  if (THTensor_(isContiguous)(src)) {
    THTensor_(retain)(src);
    return src;
  }
  return THTensor_(newClone)(src);
}

void THTensor_(retain)(THTensor *self)
{
  if (self && (self->flag & TH_STORAGE_REFCOUNTED))
    TH_ATOMIC_INC(&self->refcount);
}

void THTensor_(free)(THTensor *self)
{
  if (!self || !(self->flag & TH_STORAGE_REFCOUNTED))
    return;
  if (TH_ATOMIC_DEC(&self->refcount) == 0) {
    if (self->storage)
      THStorage_(free)(self->storage);
    THFree(self);
  }
}

/* ---- shape ---- */

static int THTensor_(checkSizes)(const char *op, int ndim, const long *sizes)
{
  long span = 1;
  int d;
  char buf[TH_SIZES_BUF];
  TH_CHECK(ndim >= 0 && ndim <= TH_MAX_DIM, TH_ERR_VALUE,
           "%s: a tensor has at most %d dimensions, got %d", op, TH_MAX_DIM, ndim);
  for (d = 0; d < ndim; d++) {
    TH_CHECK(sizes[d] >= 0, TH_ERR_VALUE, "%s: negative size %ld in dimension %d of %s", op,
             sizes[d], d, THDescribeSizes(buf, sizeof(buf), ndim, sizes));
    /* the contiguous strides are products of the non-zero sizes: they must fit in a long */
    if (sizes[d] > 1 && span > 0)
      span = span <= LONG_MAX / sizes[d] ? span * sizes[d] : -1;
  }
  TH_CHECK(span > 0, TH_ERR_RUNTIME, "%s: sizes %s overflow the number of elements a tensor "
           "can hold", op, THDescribeSizes(buf, sizeof(buf), ndim, sizes));
  return 0;
}

/* The storage extent a geometry needs: offset + 1 + sum((size-1)*stride), 0 if empty, -1 if
 * it does not fit in ptrdiff_t (sizes, strides and offset are non-negative here). */
static ptrdiff_t THTensor_(extent)(ptrdiff_t offset, int ndim, const long *sizes,
                                   const long *strides)
{
  ptrdiff_t ext = 1;
  int d;
  if (ndim == 0)
    return 0;
  for (d = 0; d < ndim; d++)
    if (sizes[d] == 0)
      return 0;
  for (d = 0; d < ndim; d++) {
    ptrdiff_t steps = (ptrdiff_t)sizes[d] - 1;
    if (steps > 0 && strides[d] > (PTRDIFF_MAX - ext) / steps)
      return -1;
    ext += steps * strides[d];
  }
  return ext > PTRDIFF_MAX - offset ? -1 : offset + ext;
}

int THTensor_(resize)(THTensor *self, int ndim, const long *sizes)
{
  ptrdiff_t needed;
  long stride = 1;
  int d;
  if (THTensor_(checkSizes)("resize", ndim, sizes) != 0)
    return -1;
  if (THTensor_(isSize)(self, ndim, sizes) && THTensor_(isContiguous)(self))
    return 0;
  needed = self->storageOffset;
  {
    ptrdiff_t n = ndim ? 1 : 0;
    for (d = 0; d < ndim; d++) {
      TH_CHECK(sizes[d] == 0 || n <= PTRDIFF_MAX / sizes[d], TH_ERR_MEMORY,
               "resize: too many elements");
      n *= sizes[d];
    }
    TH_CHECK(n <= PTRDIFF_MAX - needed, TH_ERR_MEMORY,
             "resize: too many elements (%td after a storage offset of %td)", n, needed);
    needed += n;
  }
  if (needed > 0) {
    if (!self->storage) {
      self->storage = THStorage_(newWithSize)(needed);
      if (!self->storage)
        return -1;
    } else if (needed > self->storage->size) {
      if (THStorage_(resize)(self->storage, needed) != 0)
        return -1;
    }
  }
  for (d = ndim - 1; d >= 0; d--) {
    self->size[d] = sizes[d];
    self->stride[d] = stride;
    stride *= sizes[d] > 0 ? sizes[d] : 1;
  }
  self->nDimension = ndim;
  return 0;
}

int THTensor_(resizeAs)(THTensor *self, const THTensor *src)
{
  return THTensor_(resize)(self, src->nDimension, src->size);
}

int THTensor_(resize1d)(THTensor *self, long size0) { return THTensor_(resize)(self, 1, &size0); }

int THTensor_(resize2d)(THTensor *self, long size0, long size1)
{
  long sizes[2];
  sizes[0] = size0;
  sizes[1] = size1;
  return THTensor_(resize)(self, 2, sizes);
}

int THTensor_(setStorage)(THTensor *self, THStorage *storage, ptrdiff_t offset, int ndim,
                          const long *sizes, const long *strides)
{
  long cstrides[TH_MAX_DIM];
  ptrdiff_t ext;
  int d;
  char buf[TH_SIZES_BUF];
  if (THTensor_(checkSizes)("set", ndim, sizes) != 0)
    return -1;
  TH_CHECK(offset >= 0, TH_ERR_VALUE, "set: storage offset must be non-negative, got %td",
           offset);
  if (!strides) {
    long s = 1;
    for (d = ndim - 1; d >= 0; d--) {
      cstrides[d] = s;
      s *= sizes[d] > 0 ? sizes[d] : 1;
    }
    strides = cstrides;
  }
  for (d = 0; d < ndim; d++)
    TH_CHECK(strides[d] >= 0, TH_ERR_VALUE, "set: negative stride %ld in dimension %d",
             strides[d], d);
  ext = THTensor_(extent)(offset, ndim, sizes, strides);
  if (ext < 0) {
    char sbuf[TH_SIZES_BUF];
    return THError_value("set: sizes %s with strides %s and offset %td span more elements "
                         "than a storage can hold", THDescribeSizes(buf, sizeof(buf), ndim, sizes),
                         THDescribeSizes(sbuf, sizeof(sbuf), ndim, strides), offset);
  }
  TH_CHECK(ext <= (storage ? storage->size : 0), TH_ERR_RUNTIME,
           "set: sizes %s with offset %td need %td storage elements, but the storage holds %td",
           THDescribeSizes(buf, sizeof(buf), ndim, sizes), offset, ext,
           storage ? storage->size : (ptrdiff_t)0);
  if (storage != self->storage) {
    if (storage)
      THStorage_(retain)(storage);
    if (self->storage)
      THStorage_(free)(self->storage);
    self->storage = storage;
  }
  self->storageOffset = offset;
  self->nDimension = ndim;
  for (d = 0; d < ndim; d++) {
    self->size[d] = sizes[d];
    self->stride[d] = strides[d];
  }
  return 0;
}

int THTensor_(set)(THTensor *self, THTensor *src)
{
  if (self == src)
    return 0;
  if (src->storage != self->storage) {
    if (src->storage)
      THStorage_(retain)(src->storage);
    if (self->storage)
      THStorage_(free)(self->storage);
    self->storage = src->storage;
  }
  self->storageOffset = src->storageOffset;
  self->nDimension = src->nDimension;
  memcpy(self->size, src->size, sizeof(long) * (size_t)src->nDimension);
  memcpy(self->stride, src->stride, sizeof(long) * (size_t)src->nDimension);
  return 0;
}

#define TH_CHECK_DIM(op, t, dim)                                                            \
  TH_CHECK((dim) >= 0 && (dim) < (t)->nDimension, TH_ERR_INDEX,                             \
           "%s: dimension %d out of range (expected to be in range of [%d, %d])", op,       \
           (int)(dim), -(t)->nDimension, (t)->nDimension - 1)

int THTensor_(narrow)(THTensor *self, THTensor *src, int dim, long first, long size)
{
  char buf[TH_SIZES_BUF];
  if (!src)
    src = self;
  TH_CHECK_DIM("narrow", src, dim);
  TH_CHECK(first >= 0 && size >= 0 && first <= src->size[dim] && size <= src->size[dim] - first,
           TH_ERR_INDEX,
           "narrow: start %ld and length %ld out of range for dimension %d of size %ld "
           "(tensor of size %s)",
           first, size, dim, src->size[dim], THTensor_(describeSize)(src, buf, sizeof(buf)));
  THTensor_(set)(self, src);
  if (size > 0)
    self->storageOffset += first * self->stride[dim];
  self->size[dim] = size;
  return 0;
}

int THTensor_(select)(THTensor *self, THTensor *src, int dim, long index)
{
  int d;
  char buf[TH_SIZES_BUF];
  if (!src)
    src = self;
  TH_CHECK_DIM("select", src, dim);
  TH_CHECK(index >= 0 && index < src->size[dim], TH_ERR_INDEX,
           "index %ld is out of bounds for dimension %d with size %ld (tensor of size %s)",
           index, dim, src->size[dim], THTensor_(describeSize)(src, buf, sizeof(buf)));
  THTensor_(set)(self, src);
  self->storageOffset += index * self->stride[dim];
  for (d = dim; d < self->nDimension - 1; d++) {
    self->size[d] = self->size[d + 1];
    self->stride[d] = self->stride[d + 1];
  }
  self->nDimension--;
  return 0;
}

int THTensor_(transpose)(THTensor *self, THTensor *src, int dim1, int dim2)
{
  long tmp;
  if (!src)
    src = self;
  TH_CHECK_DIM("transpose", src, dim1);
  TH_CHECK_DIM("transpose", src, dim2);
  THTensor_(set)(self, src);
  tmp = self->size[dim1];
  self->size[dim1] = self->size[dim2];
  self->size[dim2] = tmp;
  tmp = self->stride[dim1];
  self->stride[dim1] = self->stride[dim2];
  self->stride[dim2] = tmp;
  return 0;
}

int THTensor_(permute)(THTensor *self, THTensor *src, int ndim, const int *dims)
{
  long sizes[TH_MAX_DIM], strides[TH_MAX_DIM];
  int seen[TH_MAX_DIM] = {0};
  int d;
  if (!src)
    src = self;
  TH_CHECK(ndim == src->nDimension, TH_ERR_RUNTIME,
           "permute: number of dims (%d) does not match the tensor's dimension (%d)", ndim,
           src->nDimension);
  for (d = 0; d < ndim; d++) {
    TH_CHECK(dims[d] >= 0 && dims[d] < ndim, TH_ERR_INDEX,
             "permute: dimension %d out of range (expected to be in range of [%d, %d])",
             dims[d], -ndim, ndim - 1);
    TH_CHECK(!seen[dims[d]], TH_ERR_RUNTIME, "permute: repeated dimension %d", dims[d]);
    seen[dims[d]] = 1;
    sizes[d] = src->size[dims[d]];
    strides[d] = src->stride[dims[d]];
  }
  THTensor_(set)(self, src);
  memcpy(self->size, sizes, sizeof(long) * (size_t)ndim);
  memcpy(self->stride, strides, sizeof(long) * (size_t)ndim);
  return 0;
}

int THTensor_(unfold)(THTensor *self, THTensor *src, int dim, long size, long step)
{
  char buf[TH_SIZES_BUF];
  if (!src)
    src = self;
  TH_CHECK_DIM("unfold", src, dim);
  TH_CHECK(src->nDimension < TH_MAX_DIM, TH_ERR_RUNTIME,
           "unfold: a tensor has at most %d dimensions", TH_MAX_DIM);
  TH_CHECK(size >= 0 && size <= src->size[dim], TH_ERR_RUNTIME,
           "unfold: size %ld is larger than dimension %d of size %ld (tensor of size %s)", size,
           dim, src->size[dim], THTensor_(describeSize)(src, buf, sizeof(buf)));
  TH_CHECK(step > 0, TH_ERR_VALUE, "unfold: step must be positive, got %ld", step);
  THTensor_(set)(self, src);
  self->size[self->nDimension] = size;
  self->stride[self->nDimension] = src->stride[dim];
  self->size[dim] = (src->size[dim] - size) / step + 1;
  /* one window needs no step (and step * stride could overflow when step is huge) */
  self->stride[dim] = self->size[dim] > 1 ? step * src->stride[dim] : src->stride[dim];
  self->nDimension++;
  return 0;
}

int THTensor_(squeeze)(THTensor *self, THTensor *src)
{
  int d, n = 0;
  if (!src)
    src = self;
  THTensor_(set)(self, src);
  for (d = 0; d < src->nDimension; d++) {
    if (src->size[d] != 1) {
      self->size[n] = src->size[d];
      self->stride[n] = src->stride[d];
      n++;
    }
  }
  /* No 0-dim tensors: a tensor of one element keeps one dimension. */
  if (n == 0 && src->nDimension > 0) {
    self->size[0] = 1;
    self->stride[0] = 1;
    n = 1;
  }
  self->nDimension = n;
  return 0;
}

int THTensor_(squeeze1d)(THTensor *self, THTensor *src, int dim)
{
  int d;
  if (!src)
    src = self;
  TH_CHECK_DIM("squeeze", src, dim);
  THTensor_(set)(self, src);
  if (src->size[dim] == 1 && src->nDimension > 1) {
    for (d = dim; d < self->nDimension - 1; d++) {
      self->size[d] = self->size[d + 1];
      self->stride[d] = self->stride[d + 1];
    }
    self->nDimension--;
  }
  return 0;
}

int THTensor_(unsqueeze1d)(THTensor *self, THTensor *src, int dim)
{
  int d;
  if (!src)
    src = self;
  TH_CHECK(dim >= 0 && dim <= src->nDimension, TH_ERR_INDEX,
           "unsqueeze: dimension %d out of range (expected to be in range of [%d, %d])", dim,
           -src->nDimension - 1, src->nDimension);
  TH_CHECK(src->nDimension < TH_MAX_DIM, TH_ERR_RUNTIME,
           "unsqueeze: a tensor has at most %d dimensions", TH_MAX_DIM);
  THTensor_(set)(self, src);
  for (d = self->nDimension; d > dim; d--) {
    self->size[d] = self->size[d - 1];
    self->stride[d] = self->stride[d - 1];
  }
  self->size[dim] = 1;
  self->stride[dim] = dim < self->nDimension ? self->size[dim + 1] * self->stride[dim + 1] : 1;
  self->nDimension++;
  return 0;
}

int THTensor_(expand)(THTensor *self, THTensor *src, int ndim, const long *sizes)
{
  long nsize[TH_MAX_DIM], nstride[TH_MAX_DIM];
  char buf1[TH_SIZES_BUF], buf2[TH_SIZES_BUF];
  int d, lead;
  if (!src)
    src = self;
  TH_CHECK(ndim >= src->nDimension && ndim <= TH_MAX_DIM, TH_ERR_RUNTIME,
           "expand: the number of sizes provided (%d) must be greater or equal to the number "
           "of dimensions in the tensor (%d)",
           ndim, src->nDimension);
  lead = ndim - src->nDimension;
  if (src->nDimension == 0) {
    /* An empty tensor has no element to repeat; only an empty result is possible. */
    ptrdiff_t count = 1;
    for (d = 0; d < ndim; d++)
      count *= sizes[d] < 0 ? 1 : sizes[d];
    TH_CHECK(ndim == 0 || count == 0, TH_ERR_RUNTIME,
             "expand: an empty tensor (no dimensions) cannot be expanded to size %s",
             THDescribeSizes(buf1, sizeof(buf1), ndim, sizes));
  }
  for (d = ndim - 1; d >= 0; d--) {
    int sd = d - lead;
    long want = sizes[d];
    if (sd >= 0) {
      long have = src->size[sd];
      if (want == -1)
        want = have;
      if (have == want) {
        nsize[d] = have;
        nstride[d] = src->stride[sd];
      } else {
        TH_CHECK(have == 1 && want >= 0, TH_ERR_RUNTIME,
                 "expand: the expanded size of the tensor (%ld) must match the existing size "
                 "(%ld) at non-singleton dimension %d; target sizes %s, tensor sizes %s",
                 want, have, d, THDescribeSizes(buf1, sizeof(buf1), ndim, sizes),
                 THTensor_(describeSize)(src, buf2, sizeof(buf2)));
        nsize[d] = want;
        nstride[d] = 0;
      }
    } else {
      TH_CHECK(want >= 0, TH_ERR_RUNTIME,
               "expand: the expanded size %ld is not allowed in a leading, new dimension %d "
               "(target sizes %s)",
               want, d, THDescribeSizes(buf1, sizeof(buf1), ndim, sizes));
      nsize[d] = want;
      nstride[d] = 0;
    }
  }
  THTensor_(set)(self, src);
  self->nDimension = ndim;
  memcpy(self->size, nsize, sizeof(long) * (size_t)ndim);
  memcpy(self->stride, nstride, sizeof(long) * (size_t)ndim);
  return 0;
}

/* Strides for viewing src's memory with new sizes; -1 when that needs a copy. Runs of src
 * dimensions that are contiguous among themselves ("chunks") must each map onto a run of
 * new dimensions with the same element count. */
static int THTensor_(viewStrides)(int ondim, const long *osize, const long *ostride, int ndim,
                                  const long *sizes, long *strides)
{
  ptrdiff_t n = ondim ? 1 : 0, chunk_n = 1, view_n = 1;
  long base;
  int od, vd = ndim - 1;
  for (od = 0; od < ondim; od++)
    n *= osize[od];
  if (n == 0) {
    long st = 1;
    for (vd = ndim - 1; vd >= 0; vd--) {
      strides[vd] = st;
      st *= sizes[vd] > 0 ? sizes[vd] : 1;
    }
    return 0;
  }
  base = ostride[ondim - 1];
  for (od = ondim - 1; od >= 0; od--) {
    chunk_n *= osize[od];
    if (od == 0 || (osize[od - 1] != 1 && ostride[od - 1] != chunk_n * base)) {
      while (vd >= 0 && (view_n < chunk_n || sizes[vd] == 1)) {
        strides[vd] = (long)view_n * base;
        view_n *= sizes[vd];
        vd--;
      }
      if (view_n != chunk_n)
        return -1;
      if (od > 0) {
        base = ostride[od - 1];
        chunk_n = 1;
        view_n = 1;
      }
    }
  }
  return vd == -1 ? 0 : -1;
}

int THTensor_(view)(THTensor *self, THTensor *src, int ndim, const long *sizes)
{
  long nsize[TH_MAX_DIM], nstride[TH_MAX_DIM];
  ptrdiff_t n, known = 1;
  int d, infer = -1;
  char buf1[TH_SIZES_BUF], buf2[TH_SIZES_BUF];
  if (!src)
    src = self;
  n = THTensor_(nElement)(src);
  TH_CHECK(ndim >= 0 && ndim <= TH_MAX_DIM, TH_ERR_VALUE,
           "view: a tensor has at most %d dimensions, got %d", TH_MAX_DIM, ndim);
  for (d = 0; d < ndim; d++) {
    if (sizes[d] == -1) {
      TH_CHECK(infer < 0, TH_ERR_RUNTIME, "view: only one dimension can be inferred (-1)");
      infer = d;
    } else {
      TH_CHECK(sizes[d] >= 0, TH_ERR_RUNTIME, "view: invalid size %ld in dimension %d",
               sizes[d], d);
      known *= sizes[d];
    }
    nsize[d] = sizes[d];
  }
  if (infer >= 0) {
    TH_CHECK(known > 0 && n % known == 0, TH_ERR_RUNTIME,
             "view: shape %s is invalid for input of size %td (tensor of size %s)",
             THDescribeSizes(buf1, sizeof(buf1), ndim, sizes), n,
             THTensor_(describeSize)(src, buf2, sizeof(buf2)));
    nsize[infer] = (long)(n / known);
    known *= nsize[infer];
  }
  TH_CHECK(known == n || (ndim == 0 && n == 0), TH_ERR_RUNTIME,
           "view: shape %s is invalid for input of size %td (tensor of size %s)",
           THDescribeSizes(buf1, sizeof(buf1), ndim, sizes), n,
           THTensor_(describeSize)(src, buf2, sizeof(buf2)));
  TH_CHECK(THTensor_(viewStrides)(src->nDimension, src->size, src->stride, ndim, nsize,
                                   nstride) == 0, TH_ERR_RUNTIME,
           "view: size %s is not compatible with the input tensor's size and stride (tensor of "
           "size %s is not contiguous enough); call .contiguous() before .view()",
           THDescribeSizes(buf1, sizeof(buf1), ndim, nsize),
           THTensor_(describeSize)(src, buf2, sizeof(buf2)));
  THTensor_(set)(self, src);
  self->nDimension = ndim;
  memcpy(self->size, nsize, sizeof(long) * (size_t)ndim);
  memcpy(self->stride, nstride, sizeof(long) * (size_t)ndim);
  return 0;
}

void THTensor_(borrowExpanded)(THTensor *view, const THTensor *src, int ndim,
                               const long *sizes)
{
  int d, lead = ndim - src->nDimension;
  view->storage = src->storage;
  view->storageOffset = src->storageOffset;
  view->refcount = 1;
  view->flag = 0; /* not refcounted: free/retain do nothing */
  view->nDimension = ndim;
  for (d = 0; d < ndim; d++) {
    int sd = d - lead;
    view->size[d] = sizes[d];
    view->stride[d] = (sd >= 0 && src->size[sd] == sizes[d]) ? src->stride[sd] : 0;
  }
}

/* ---- fill and copy ---- */

void THTensor_(fill)(THTensor *self, real value)
{
  THApplyPlan plan;
  const long *strides[1];
  strides[0] = self->stride;
  THApplyPlan_init(&plan, 1, self->nDimension, self->size, strides);
  TH_APPLY1(real, p, THTensor_(data)(self), &plan, *p = value;);
}

void THTensor_(zero)(THTensor *self)
{
  if (THTensor_(isContiguous)(self)) {
    real *data = THTensor_(data)(self);
    ptrdiff_t n = THTensor_(nElement)(self);
    if (data && n > 0)
      memset(data, 0, (size_t)n * sizeof(real));
    return;
  }
  {
    real zero;
    memset(&zero, 0, sizeof(zero));
    THTensor_(fill)(self, zero);
  }
}

/* Plans a copy over self's shape; src (same element count) is read in row-major order,
 * through strides that view it in self's shape. Returns 1 when src cannot be viewed so
 * (the caller then copies through a contiguous clone of src). */
static int THTensor_(copyPlan)(THApplyPlan *plan, const THTensor *self, int src_ndim,
                               const long *src_size, const long *src_stride)
{
  long vstride[TH_MAX_DIM];
  const long *strides[2];
  ptrdiff_t n_self = self->nDimension ? 1 : 0, n_src = src_ndim ? 1 : 0;
  int d;
  char buf1[TH_SIZES_BUF], buf2[TH_SIZES_BUF];
  for (d = 0; d < self->nDimension; d++)
    n_self *= self->size[d];
  for (d = 0; d < src_ndim; d++)
    n_src *= src_size[d];
  TH_CHECK(n_self == n_src, TH_ERR_RUNTIME,
           "copy: the source has %td elements (size %s) but the destination has %td (size %s)",
           n_src, THDescribeSizes(buf1, sizeof(buf1), src_ndim, src_size), n_self,
           THDescribeSizes(buf2, sizeof(buf2), self->nDimension, self->size));
  strides[0] = self->stride;
  if (src_ndim == self->nDimension &&
      memcmp(src_size, self->size, sizeof(long) * (size_t)src_ndim) == 0) {
    strides[1] = src_stride;
  } else {
    if (THTensor_(viewStrides)(src_ndim, src_size, src_stride, self->nDimension, self->size,
                               vstride) != 0)
      return 1;
    strides[1] = vstride;
  }
  THApplyPlan_init(plan, 2, self->nDimension, self->size, strides);
  return 0;
}

int THTensor_(copy)(THTensor *self, THTensor *src)
{
  THApplyPlan plan;
  int rc = THTensor_(copyPlan)(&plan, self, src->nDimension, src->size, src->stride);
  if (rc < 0)
    return -1;
  if (rc > 0) {
    THTensor *tmp = THTensor_(newClone)(src);
    if (!tmp)
      return -1;
    rc = THTensor_(copy)(self, tmp);
    THTensor_(free)(tmp);
    return rc;
  }
  if (plan.numel == 0)
    return 0;
  if (plan.ndim == 1 && plan.stride[0][0] == 1 && plan.stride[1][0] == 1) {
    memmove(THTensor_(data)(self), THTensor_(data)(src), (size_t)plan.numel * sizeof(real));
    return 0;
  }
  TH_APPLY2(real, d, THTensor_(data)(self), real, s, THTensor_(data)(src), &plan, *d = *s;);
  return 0;
}

#define TH_TENSOR_COPY_FROM(SrcReal, src_real, CONVERT)                                      \
  int THTensor_(copy##SrcReal)(THTensor *self, TH##SrcReal##Tensor *src)                     \
  {                                                                                          \
    THApplyPlan plan;                                                                        \
    src_real *sdata;                                                                         \
    int rc = THTensor_(copyPlan)(&plan, self, src->nDimension, src->size, src->stride);     \
    if (rc < 0)                                                                              \
      return -1;                                                                             \
    if (rc > 0) {                                                                            \
      TH##SrcReal##Tensor *tmp = TH##SrcReal##Tensor_newClone(src);                          \
      if (!tmp)                                                                              \
        return -1;                                                                           \
      rc = THTensor_(copy##SrcReal)(self, tmp);                                              \
      TH##SrcReal##Tensor_free(tmp);                                                         \
      return rc;                                                                             \
    }                                                                                        \
    if (plan.numel == 0)                                                                     \
      return 0;                                                                              \
    sdata = src->storage->data + src->storageOffset;                                         \
    TH_APPLY2(real, d, THTensor_(data)(self), src_real, s, sdata, &plan,                     \
              *d = CONVERT(*s););                                                            \
    return 0;                                                                                \
  }

TH_FOR_EACH_COPY_SOURCE(TH_TENSOR_COPY_FROM)

#undef TH_TENSOR_COPY_FROM

/* ---- element access ---- */

static int THTensor_(offsetOf)(const THTensor *self, const long *index, ptrdiff_t *offset)
{
  int d;
  char buf[TH_SIZES_BUF];
  *offset = self->storageOffset;
  for (d = 0; d < self->nDimension; d++) {
    TH_CHECK(index[d] >= 0 && index[d] < self->size[d], TH_ERR_INDEX,
             "index %ld is out of bounds for dimension %d with size %ld (tensor of size %s)",
             index[d], d, self->size[d], THTensor_(describeSize)(self, buf, sizeof(buf)));
    *offset += index[d] * self->stride[d];
  }
  TH_CHECK(self->nDimension > 0, TH_ERR_INDEX, "cannot index an empty tensor");
  return 0;
}

int THTensor_(get)(const THTensor *self, const long *index, real *value)
{
  ptrdiff_t off;
  if (THTensor_(offsetOf)(self, index, &off) != 0)
    return -1;
  *value = self->storage->data[off];
  return 0;
}

int THTensor_(put)(THTensor *self, const long *index, real value)
{
  ptrdiff_t off;
  if (THTensor_(offsetOf)(self, index, &off) != 0)
    return -1;
  self->storage->data[off] = value;
  return 0;
}

#undef TH_CHECK_DIM
#undef TH_SIZES_BUF
#endif
