#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THStorage.c"
#else
/* Storage lifetime, resize, element access and copies between storage types. */

real *THStorage_(data)(const THStorage *self) { return self->data; }

ptrdiff_t THStorage_(size)(const THStorage *self) { return self->size; }

size_t THStorage_(elementSize)(void) { return sizeof(real); }

THStorage *THStorage_(new)(void) { return THStorage_(newWithSize)(0); }

THStorage *THStorage_(newWithSize)(ptrdiff_t size)
{
  return THStorage_(newWithAllocator)(size, &THDefaultAllocator, NULL);
}

THStorage *THStorage_(newWithAllocator)(ptrdiff_t size, THAllocator *allocator,
                                         void *allocatorContext)
{
  THStorage *self;
  TH_CHECK_P(size >= 0, TH_ERR_VALUE, "storage size must be non-negative, got %td", size);
  TH_CHECK_P(size <= PTRDIFF_MAX / (ptrdiff_t)sizeof(real), TH_ERR_MEMORY,
             "storage of %td elements is too large", size);
  self = THAlloc(sizeof(THStorage));
  if (!self)
    return NULL;
  self->data = NULL;
  if (size > 0 || allocator != &THDefaultAllocator) {
    self->data = allocator->malloc(allocatorContext, size * (ptrdiff_t)sizeof(real));
    if (!self->data) {
      THFree(self);
      return NULL;
    }
  }
  self->size = size;
  self->refcount = 1;
  self->pins = 0;
  self->flag = TH_STORAGE_REFCOUNTED | TH_STORAGE_RESIZABLE | TH_STORAGE_FREEMEM;
  self->allocator = allocator;
  self->allocatorContext = allocatorContext;
  return self;
}

THStorage *THStorage_(newWithDataAndAllocator)(real *data, ptrdiff_t size,
                                                THAllocator *allocator, void *allocatorContext)
{
  THStorage *self = THAlloc(sizeof(THStorage));
  if (!self) {
    allocator->free(allocatorContext, data);
    return NULL;
  }
  self->data = data;
  self->size = size;
  self->refcount = 1;
  self->pins = 0;
  self->flag = TH_STORAGE_REFCOUNTED | TH_STORAGE_FREEMEM;
  self->allocator = allocator;
  self->allocatorContext = allocatorContext;
  return self;
}

void THStorage_(retain)(THStorage *self)
{
  if (self && (self->flag & TH_STORAGE_REFCOUNTED))
    TH_ATOMIC_INC(&self->refcount);
}

void THStorage_(free)(THStorage *self)
{
  if (!self || !(self->flag & TH_STORAGE_REFCOUNTED))
    return;
  if (TH_ATOMIC_DEC(&self->refcount) == 0) {
    if (self->flag & TH_STORAGE_FREEMEM)
      self->allocator->free(self->allocatorContext, self->data);
    THFree(self);
  }
}

int THStorage_(resize)(THStorage *self, ptrdiff_t size)
{
  real *data;
  TH_CHECK(size >= 0, TH_ERR_VALUE, "storage size must be non-negative, got %td", size);
  if (size == self->size)
    return 0;
  TH_CHECK(self->flag & TH_STORAGE_RESIZABLE, TH_ERR_RUNTIME,
           "trying to resize a storage of %td elements to %td elements, but it is not resizable "
           "(it holds memory owned by another object or a mapping)",
           self->size, size);
  TH_CHECK(__atomic_load_n(&self->pins, __ATOMIC_ACQUIRE) == 0, TH_ERR_RUNTIME,
           "trying to resize a storage of %td elements to %td elements while its memory is "
           "exported (e.g. to a NumPy array from .numpy()); copy the tensor first (.clone())",
           self->size, size);
  TH_CHECK(size <= PTRDIFF_MAX / (ptrdiff_t)sizeof(real), TH_ERR_MEMORY,
           "storage of %td elements is too large", size);
  if (size == 0) {
    if (self->flag & TH_STORAGE_FREEMEM)
      self->allocator->free(self->allocatorContext, self->data);
    self->data = NULL;
    self->size = 0;
    return 0;
  }
  data = self->allocator->malloc(self->allocatorContext, size * (ptrdiff_t)sizeof(real));
  if (!data)
    return -1;
  if (self->data) {
    memcpy(data, self->data, (size_t)TH_MIN(self->size, size) * sizeof(real));
    if (self->flag & TH_STORAGE_FREEMEM)
      self->allocator->free(self->allocatorContext, self->data);
  }
  self->data = data;
  self->size = size;
  return 0;
}

void THStorage_(fill)(THStorage *self, real value)
{
  ptrdiff_t i;
  for (i = 0; i < self->size; i++)
    self->data[i] = value;
}

int THStorage_(set)(THStorage *self, ptrdiff_t idx, real value)
{
  TH_CHECK(idx >= 0 && idx < self->size, TH_ERR_INDEX,
           "index %td is out of range for a storage of size %td", idx, self->size);
  self->data[idx] = value;
  return 0;
}

int THStorage_(get)(const THStorage *self, ptrdiff_t idx, real *value)
{
  TH_CHECK(idx >= 0 && idx < self->size, TH_ERR_INDEX,
           "index %td is out of range for a storage of size %td", idx, self->size);
  *value = self->data[idx];
  return 0;
}

void THStorage_(swap)(THStorage *a, THStorage *b)
{
  THStorage tmp = *a;
  *a = *b;
  *b = tmp;
}

void THStorage_(pin)(THStorage *self) { TH_ATOMIC_INC(&self->pins); }

void THStorage_(unpin)(THStorage *self) { TH_ATOMIC_DEC(&self->pins); }

int THStorage_(rawCopy)(THStorage *self, const real *src, ptrdiff_t n)
{
  TH_CHECK(n == self->size, TH_ERR_RUNTIME, "storage copy: sizes differ (%td and %td)",
           self->size, n);
  if (n > 0)
    memmove(self->data, src, (size_t)n * sizeof(real));
  return 0;
}

/* One copy per source type, from a single definition: values convert through the
 * TH_CONVERT_TO_REAL of the generator header, or TH_CONVERT_FLOAT_TO_REAL from floating types
 * (defined for NaN and out-of-range values; Half goes through float). */
#define TH_STORAGE_COPY_FROM(SrcReal, src_real, CONVERT)                                    \
  int THStorage_(copy##SrcReal)(THStorage *self, TH##SrcReal##Storage *src)                 \
  {                                                                                         \
    ptrdiff_t i;                                                                            \
    TH_CHECK(self->size == src->size, TH_ERR_RUNTIME,                                       \
             "storage copy: sizes differ (%td and %td)", self->size, src->size);            \
    for (i = 0; i < self->size; i++)                                                        \
      self->data[i] = CONVERT(src->data[i]);                                                \
    return 0;                                                                               \
  }

TH_FOR_EACH_COPY_SOURCE(TH_STORAGE_COPY_FROM)

#undef TH_STORAGE_COPY_FROM

#endif
