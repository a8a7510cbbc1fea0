#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorSort.h"
#else
/* Sorting and selection along a dimension. Values keep t's type; indices are positions along
 * dim (LongTensor). The sort is stable in both directions (equal elements keep their order)
 * and NaN sorts above every number. Result tensors are resized by the functions and must not
 * be t. All return 0, or -1 with the error record set. */

/* Sorts every line along dim, ascending or (descendingOrder=1) descending. */
TH_API int THTensor_(sort)(THTensor *rt, THLongTensor *ri, THTensor *t, int dim,
                           int descendingOrder);
/* The k largest (dir=1) or smallest (dir=0) of every line, in sorted order (also when
 * sorted=0, which is allowed to return them in any order). 0 <= k <= size of dim. */
TH_API int THTensor_(topk)(THTensor *rt, THLongTensor *ri, THTensor *t, long k, int dim,
                           int dir, int sorted);
/* The k-th smallest (1-based) of every line; keepdim as in the reductions. */
TH_API int THTensor_(kthvalue)(THTensor *values, THLongTensor *indices, THTensor *t, long k,
                               int dim, int keepdim);
/* The lower median (the ((n-1)/2)-th smallest, 0-based) of every line. */
TH_API int THTensor_(median)(THTensor *values, THLongTensor *indices, THTensor *t, int dim,
                             int keepdim);
/* The most frequent value of every line (the smallest among equally frequent ones) and the
 * last position where it occurs. */
TH_API int THTensor_(mode)(THTensor *values, THLongTensor *indices, THTensor *t, int dim,
                           int keepdim);
/* The lower median of all elements; empty: error. */
TH_API int THTensor_(medianall)(THTensor *t, real *result);

#endif
