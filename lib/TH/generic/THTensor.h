#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensor.h"
#else
/* A THTensor is a strided view of a THStorage: element (i0, i1, ...) lives at
 * storage->data[storageOffset + i0*stride[0] + i1*stride[1] + ...]. A tensor of dimension 0
 * is empty. new* return an owned reference; retain/free pair up; the geometry functions
 * (narrow, select, ...) make `self` a view of `src` (src may be self). All int functions
 * return 0, or -1 with the error record set and self unchanged. */

struct THTensor {
  long size[TH_MAX_DIM];
  long stride[TH_MAX_DIM];
  int nDimension;
  THStorage *storage;
  ptrdiff_t storageOffset;
  int refcount;
  char flag;
};

/* ---- access ---- */
TH_API THStorage *THTensor_(storage)(const THTensor *self);
TH_API ptrdiff_t THTensor_(storageOffset)(const THTensor *self);
TH_API int THTensor_(nDimension)(const THTensor *self);
TH_API long THTensor_(size)(const THTensor *self, int dim);
TH_API long THTensor_(stride)(const THTensor *self, int dim);
TH_API real *THTensor_(data)(const THTensor *self);
TH_API ptrdiff_t THTensor_(nElement)(const THTensor *self);
TH_API int THTensor_(isContiguous)(const THTensor *self);
TH_API int THTensor_(isSameSizeAs)(const THTensor *self, const THTensor *src);
TH_API int THTensor_(isSetTo)(const THTensor *self, const THTensor *src);
TH_API int THTensor_(isSize)(const THTensor *self, int ndim, const long *sizes);
/* Formats the sizes as "[2 x 3]" into buf. */
TH_API char *THTensor_(describeSize)(const THTensor *self, char *buf, size_t len);

/* ---- lifetime ---- */
TH_API THTensor *THTensor_(new)(void);
TH_API THTensor *THTensor_(newWithSize)(int ndim, const long *sizes);
TH_API THTensor *THTensor_(newWithSize1d)(long size0);
TH_API THTensor *THTensor_(newWithSize2d)(long size0, long size1);
/* A view of storage (retained); strides may be NULL (contiguous). */
TH_API THTensor *THTensor_(newWithStorage)(THStorage *storage, ptrdiff_t offset, int ndim,
                                            const long *sizes, const long *strides);
TH_API THTensor *THTensor_(newView)(THTensor *src);   /* same storage, same geometry */
TH_API THTensor *THTensor_(newClone)(THTensor *src);  /* a contiguous copy */
TH_API THTensor *THTensor_(newContiguous)(THTensor *src); /* src retained if contiguous */
TH_API void THTensor_(retain)(THTensor *self);
TH_API void THTensor_(free)(THTensor *self);

/* ---- shape ---- */
TH_API int THTensor_(resize)(THTensor *self, int ndim, const long *sizes);
TH_API int THTensor_(resizeAs)(THTensor *self, const THTensor *src);
TH_API int THTensor_(resize1d)(THTensor *self, long size0);
TH_API int THTensor_(resize2d)(THTensor *self, long size0, long size1);
/* Points self at storage (retained) with the given geometry; strides may be NULL. */
TH_API int THTensor_(setStorage)(THTensor *self, THStorage *storage, ptrdiff_t offset, int ndim,
                                 const long *sizes, const long *strides);
TH_API int THTensor_(set)(THTensor *self, THTensor *src);
TH_API int THTensor_(narrow)(THTensor *self, THTensor *src, int dim, long first, long size);
TH_API int THTensor_(select)(THTensor *self, THTensor *src, int dim, long index);
TH_API int THTensor_(transpose)(THTensor *self, THTensor *src, int dim1, int dim2);
TH_API int THTensor_(permute)(THTensor *self, THTensor *src, int ndim, const int *dims);
TH_API int THTensor_(unfold)(THTensor *self, THTensor *src, int dim, long size, long step);
TH_API int THTensor_(squeeze)(THTensor *self, THTensor *src);
TH_API int THTensor_(squeeze1d)(THTensor *self, THTensor *src, int dim);
TH_API int THTensor_(unsqueeze1d)(THTensor *self, THTensor *src, int dim);
/* Size -1 keeps a dimension; new leading dimensions are prepended; only size-1 dimensions
 * may grow (with stride 0). */
TH_API int THTensor_(expand)(THTensor *self, THTensor *src, int ndim, const long *sizes);
/* One size may be -1 (inferred). Works whenever the new shape can be expressed with
 * strides over src's memory; otherwise a RuntimeError asks for contiguous(). */
TH_API int THTensor_(view)(THTensor *self, THTensor *src, int ndim, const long *sizes);

/* Fills the by-value tensor `view` as a borrowed view of src expanded to sizes (which must
 * be a valid broadcast of src's sizes: check with THBroadcast_shape first). The view holds
 * no references: never retain or free it, and use it only while src lives. */
TH_API void THTensor_(borrowExpanded)(THTensor *view, const THTensor *src, int ndim,
                                      const long *sizes);

/* ---- filling and copying ---- */
TH_API void THTensor_(fill)(THTensor *self, real value);
TH_API void THTensor_(zero)(THTensor *self);
/* Copies src into self: same number of elements, any layouts, in row-major order. */
TH_API int THTensor_(copy)(THTensor *self, THTensor *src);
TH_API int THTensor_(copyByte)(THTensor *self, THByteTensor *src);
TH_API int THTensor_(copyChar)(THTensor *self, THCharTensor *src);
TH_API int THTensor_(copyShort)(THTensor *self, THShortTensor *src);
TH_API int THTensor_(copyInt)(THTensor *self, THIntTensor *src);
TH_API int THTensor_(copyLong)(THTensor *self, THLongTensor *src);
TH_API int THTensor_(copyFloat)(THTensor *self, THFloatTensor *src);
TH_API int THTensor_(copyDouble)(THTensor *self, THDoubleTensor *src);
TH_API int THTensor_(copyHalf)(THTensor *self, THHalfTensor *src);

/* ---- element access by multi-index (bounds checked) ---- */
TH_API int THTensor_(get)(const THTensor *self, const long *index, real *value);
TH_API int THTensor_(put)(THTensor *self, const long *index, real value);

#endif
