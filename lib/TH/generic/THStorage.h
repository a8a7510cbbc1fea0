#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THStorage.h"
#else
/* A THStorage is a reference-counted block of `size` reals. new* return an owned
 * reference (refcount 1); retain/free pair up; free releases the data through the
 * storage's allocator when the last reference goes. */

struct THStorage {
  real *data;
  ptrdiff_t size;
  int refcount;
  int pins; /* exports of the memory (buffer protocol): no resize while > 0 */
  char flag;
  THAllocator *allocator;
  void *allocatorContext;
};

TH_API real *THStorage_(data)(const THStorage *self);
TH_API ptrdiff_t THStorage_(size)(const THStorage *self);
TH_API size_t THStorage_(elementSize)(void);

TH_API THStorage *THStorage_(new)(void);
TH_API THStorage *THStorage_(newWithSize)(ptrdiff_t size);
TH_API THStorage *THStorage_(newWithAllocator)(ptrdiff_t size, THAllocator *allocator,
                                                void *allocatorContext);
/* Wraps data that the allocator context owns; takes ownership of the context even when it
 * fails (the context's free is then called with the data). */
TH_API THStorage *THStorage_(newWithDataAndAllocator)(real *data, ptrdiff_t size,
                                                       THAllocator *allocator,
                                                       void *allocatorContext);
TH_API void THStorage_(retain)(THStorage *self);
TH_API void THStorage_(free)(THStorage *self);
TH_API int THStorage_(resize)(THStorage *self, ptrdiff_t size);
TH_API void THStorage_(fill)(THStorage *self, real value);
TH_API int THStorage_(set)(THStorage *self, ptrdiff_t idx, real value);
TH_API int THStorage_(get)(const THStorage *self, ptrdiff_t idx, real *value);
TH_API void THStorage_(swap)(THStorage *a, THStorage *b);
/* Another object sees the data (e.g. a NumPy array): resizing is refused until unpinned. */
TH_API void THStorage_(pin)(THStorage *self);
TH_API void THStorage_(unpin)(THStorage *self);

/* Copies src into self; sizes must match. */
TH_API int THStorage_(rawCopy)(THStorage *self, const real *src, ptrdiff_t n);
TH_API int THStorage_(copyByte)(THStorage *self, THByteStorage *src);
TH_API int THStorage_(copyChar)(THStorage *self, THCharStorage *src);
TH_API int THStorage_(copyShort)(THStorage *self, THShortStorage *src);
TH_API int THStorage_(copyInt)(THStorage *self, THIntStorage *src);
TH_API int THStorage_(copyLong)(THStorage *self, THLongStorage *src);
TH_API int THStorage_(copyFloat)(THStorage *self, THFloatStorage *src);
TH_API int THStorage_(copyDouble)(THStorage *self, THDoubleStorage *src);
TH_API int THStorage_(copyHalf)(THStorage *self, THHalfStorage *src);

#endif
