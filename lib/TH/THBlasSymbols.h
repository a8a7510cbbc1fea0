/* THBlasSymbols: prototypes of the Fortran BLAS routines TH and THNN call, with the
 * OpenBLAS symbol prefix (BLAS_SYMBOL_PREFIX, "scipy_" for the PyPI wheel; empty for a
 * plain OpenBLAS). Own prototypes keep the build independent of the wheel's headers.
 * Never call these from inside an OpenMP parallel region (OpenBLAS threads itself). */
#ifndef TH_BLAS_SYMBOLS_INC
#define TH_BLAS_SYMBOLS_INC

#ifndef BLAS_SYMBOL_PREFIX
#define BLAS_SYMBOL_PREFIX
#endif
#define TH_BLAS_CAT_(a, b) a##b
#define TH_BLAS_CAT(a, b) TH_BLAS_CAT_(a, b)
#define TH_BLAS(name) TH_BLAS_CAT(BLAS_SYMBOL_PREFIX, name)

/* Level 3 */
extern void TH_BLAS(sgemm_)(const char *transa, const char *transb, const int *m, const int *n,
                            const int *k, const float *alpha, const float *a, const int *lda,
                            const float *b, const int *ldb, const float *beta, float *c,
                            const int *ldc);
extern void TH_BLAS(dgemm_)(const char *transa, const char *transb, const int *m, const int *n,
                            const int *k, const double *alpha, const double *a, const int *lda,
                            const double *b, const int *ldb, const double *beta, double *c,
                            const int *ldc);
/* Level 2 */
extern void TH_BLAS(sgemv_)(const char *trans, const int *m, const int *n, const float *alpha,
                            const float *a, const int *lda, const float *x, const int *incx,
                            const float *beta, float *y, const int *incy);
extern void TH_BLAS(dgemv_)(const char *trans, const int *m, const int *n, const double *alpha,
                            const double *a, const int *lda, const double *x, const int *incx,
                            const double *beta, double *y, const int *incy);
extern void TH_BLAS(sger_)(const int *m, const int *n, const float *alpha, const float *x,
                           const int *incx, const float *y, const int *incy, float *a,
                           const int *lda);
extern void TH_BLAS(dger_)(const int *m, const int *n, const double *alpha, const double *x,
                           const int *incx, const double *y, const int *incy, double *a,
                           const int *lda);
/* Level 1 */
extern float TH_BLAS(sdot_)(const int *n, const float *x, const int *incx, const float *y,
                            const int *incy);
extern double TH_BLAS(ddot_)(const int *n, const double *x, const int *incx, const double *y,
                             const int *incy);
extern void TH_BLAS(saxpy_)(const int *n, const float *a, const float *x, const int *incx,
                            float *y, const int *incy);
extern void TH_BLAS(daxpy_)(const int *n, const double *a, const double *x, const int *incx,
                            double *y, const int *incy);
extern void TH_BLAS(sscal_)(const int *n, const float *a, float *x, const int *incx);
extern void TH_BLAS(dscal_)(const int *n, const double *a, double *x, const int *incx);
extern void TH_BLAS(scopy_)(const int *n, const float *x, const int *incx, float *y,
                            const int *incy);
extern void TH_BLAS(dcopy_)(const int *n, const double *x, const int *incx, double *y,
                            const int *incy);

#endif
