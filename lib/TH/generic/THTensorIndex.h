#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorIndex.h"
#else
/* Index ops: selecting, copying and filling through LongTensor indices and ByteTensor masks.
 * Every index is bounds-checked before anything is written (IndexError naming the index,
 * the dimension and its size); a result tensor r is resized by the function and may share
 * memory with an input (the result is then computed aside and copied in). */

/* r = src's slices index[0], index[1], ... along dim (index 1-d). */
TH_API int THTensor_(indexSelect)(THTensor *r, THTensor *src, int dim, THLongTensor *index);
/* self's slice index[i] along dim = src's slice i (in order: a repeated index keeps the last). */
TH_API int THTensor_(indexCopy)(THTensor *self, int dim, THLongTensor *index, THTensor *src);
/* self's slice index[i] along dim += src's slice i (repeated indices accumulate). */
TH_API int THTensor_(indexAdd)(THTensor *self, int dim, THLongTensor *index, THTensor *src);
TH_API int THTensor_(indexFill)(THTensor *self, int dim, THLongTensor *index, real value);

/* r[i][j][k] = src[index[i][j][k]][j][k] (for dim 0); r has index's size. index may be smaller
 * than src in every dimension but dim. */
TH_API int THTensor_(gather)(THTensor *r, THTensor *src, int dim, THLongTensor *index);
/* self[index[i][j][k]][j][k] = src[i][j][k] (for dim 0), over index's size. */
TH_API int THTensor_(scatter)(THTensor *self, int dim, THLongTensor *index, THTensor *src);
TH_API int THTensor_(scatterFill)(THTensor *self, int dim, THLongTensor *index, real value);

/* r = the elements of src where mask is nonzero, as a 1-d tensor in row-major order; src and
 * mask broadcast together. An empty result has dimension 0. */
TH_API int THTensor_(maskedSelect)(THTensor *r, THTensor *src, THByteTensor *mask);
/* self = value where mask (broadcast to self's size) is nonzero. */
TH_API int THTensor_(maskedFill)(THTensor *self, THByteTensor *mask, real value);
/* self's elements where mask (broadcast to self) is nonzero take src's first elements, in
 * row-major order; src needs at least as many elements as mask has ones. */
TH_API int THTensor_(maskedCopy)(THTensor *self, THByteTensor *mask, THTensor *src);
/* r = the indices of src's nonzero elements, an n x dim LongTensor (dimension 0 if n == 0). */
TH_API int THTensor_(nonzero)(THLongTensor *r, THTensor *src);

#endif
