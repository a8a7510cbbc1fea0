#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduce.h"
#else
/* Reductions: whole-tensor (the result through a pointer) and along a dimension (the result
 * in r, resized by the function; with keepdim=0 the reduced dimension is squeezed unless it
 * is the only one). r must not be t. Float types accumulate in double, integer types in
 * long. All return 0, or -1 with the error record set. */

/* ---- whole tensor ---- */
TH_API int THTensor_(sumall)(THTensor *t, accreal *result);   /* 0 for an empty tensor */
TH_API int THTensor_(prodall)(THTensor *t, accreal *result);  /* 1 for an empty tensor */
TH_API int THTensor_(maxall)(THTensor *t, real *result);      /* NaN wins; empty: error */
TH_API int THTensor_(minall)(THTensor *t, real *result);
/* The mean as a double, also for integer types; empty: error. */
TH_API int THTensor_(meanall)(THTensor *t, double *result);

/* ---- along a dimension ---- */
TH_API int THTensor_(sum)(THTensor *r, THTensor *t, int dim, int keepdim);
TH_API int THTensor_(prod)(THTensor *r, THTensor *t, int dim, int keepdim);
/* Integer types: the sum divided by the count in integer arithmetic (truncated). */
TH_API int THTensor_(mean)(THTensor *r, THTensor *t, int dim, int keepdim);
/* Values and the index of the first extreme (of the first NaN, which wins) per line. */
TH_API int THTensor_(max)(THTensor *values, THLongTensor *indices, THTensor *t, int dim,
                          int keepdim);
TH_API int THTensor_(min)(THTensor *values, THLongTensor *indices, THTensor *t, int dim,
                          int keepdim);
/* Running sums / products along dim; r gets t's shape (r may be t). */
TH_API int THTensor_(cumsum)(THTensor *r, THTensor *t, int dim);
TH_API int THTensor_(cumprod)(THTensor *r, THTensor *t, int dim);

#if defined(TH_REAL_IS_BYTE)
/* Whether every / some element is non-zero (1 / 0 for an empty tensor). */
TH_API int THTensor_(logicalall)(THTensor *t, int *result);
TH_API int THTensor_(logicalany)(THTensor *t, int *result);
#endif

#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
/* Variance and standard deviation divide by n - 1 (biased=0) or by n (biased=1). */
TH_API int THTensor_(varall)(THTensor *t, int biased, double *result);
TH_API int THTensor_(stdall)(THTensor *t, int biased, double *result);
TH_API int THTensor_(var)(THTensor *r, THTensor *t, int dim, int biased, int keepdim);
TH_API int THTensor_(std)(THTensor *r, THTensor *t, int dim, int biased, int keepdim);
/* p-norms: p = 0 counts the non-zeros, p = inf is the largest magnitude; p >= 0. */
TH_API int THTensor_(normall)(THTensor *t, double p, double *result);
TH_API int THTensor_(norm)(THTensor *r, THTensor *t, double p, int dim, int keepdim);
/* Each slice t.select(dim, i) whose p-norm exceeds maxnorm is scaled to norm maxnorm.
 * r may be t (in place). p > 0, maxnorm >= 0. */
TH_API int THTensor_(renorm)(THTensor *r, THTensor *t, double p, int dim, double maxnorm);
/* The p-norm of a - b (broadcast). */
TH_API int THTensor_(dist)(THTensor *a, THTensor *b, double p, double *result);
#endif

#endif
