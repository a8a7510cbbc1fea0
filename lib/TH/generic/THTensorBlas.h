#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorBlas.h"
#else
/* Matrix products (BLAS levels 1-3) for every type: OpenBLAS for Float and Double, plain C
 * loops for the integer types. The add* functions follow TH 0.2's argument order:
 * r_ = beta * t + alpha * (product). `t` is broadcast to the product's size; t may be r_
 * (in place: then it must have that size exactly) or NULL (beta ignored: r_ = product).
 * r_ is resized to the product's size unless it already has it (its strides are then
 * kept and it is written in place). r_ may share memory with the factors (a temporary is
 * used then). All return 0, or -1 with the error record set and r_ unchanged. */

/* *result = sum of t[i] * src[i] over the elements in row-major order (any shapes with the
 * same number of elements). */
TH_API int THTensor_(dot)(accreal *result, THTensor *t, THTensor *src);

TH_API int THTensor_(addmv)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *mat,
                            THTensor *vec);
TH_API int THTensor_(addmm)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *m1,
                            THTensor *m2);
TH_API int THTensor_(addr)(THTensor *r_, real beta, THTensor *t, real alpha, THTensor *vec1,
                           THTensor *vec2);
/* r_ (n x p) = beta * t + alpha * sum over b of batch1[b] @ batch2[b]. */
TH_API int THTensor_(addbmm)(THTensor *r_, real beta, THTensor *t, real alpha,
                             THTensor *batch1, THTensor *batch2);
/* r_[b] (B x n x p) = beta * t[b] + alpha * batch1[b] @ batch2[b]. */
TH_API int THTensor_(baddbmm)(THTensor *r_, real beta, THTensor *t, real alpha,
                              THTensor *batch1, THTensor *batch2);

/* The plain products: r_ = mat @ vec, m1 @ m2, vec1 outer vec2, batch1[b] @ batch2[b]. */
TH_API int THTensor_(mv)(THTensor *r_, THTensor *mat, THTensor *vec);
TH_API int THTensor_(mm)(THTensor *r_, THTensor *m1, THTensor *m2);
TH_API int THTensor_(ger)(THTensor *r_, THTensor *vec1, THTensor *vec2);
TH_API int THTensor_(bmm)(THTensor *r_, THTensor *batch1, THTensor *batch2);

#endif
