/* THLapackSymbols: prototypes of the Fortran LAPACK routines TH calls, single and double
 * precision, with the OpenBLAS symbol prefix (see THBlasSymbols.h). Integers are 32-bit
 * (LP64 LAPACK). Never call these from inside an OpenMP parallel region. */
#ifndef TH_LAPACK_SYMBOLS_INC
#define TH_LAPACK_SYMBOLS_INC

#include "THBlasSymbols.h"

/* P: s or d; T: float or double. */
#define TH_LAPACK_PROTOTYPES(P, T)                                                            \
  extern void TH_BLAS(P##gesv_)(const int *n, const int *nrhs, T *a, const int *lda,         \
                                int *ipiv, T *b, const int *ldb, int *info);                  \
  extern void TH_BLAS(P##gels_)(const char *trans, const int *m, const int *n,               \
                                const int *nrhs, T *a, const int *lda, T *b, const int *ldb, \
                                T *work, const int *lwork, int *info);                        \
  extern void TH_BLAS(P##trtrs_)(const char *uplo, const char *trans, const char *diag,      \
                                 const int *n, const int *nrhs, const T *a, const int *lda,  \
                                 T *b, const int *ldb, int *info);                            \
  extern void TH_BLAS(P##syev_)(const char *jobz, const char *uplo, const int *n, T *a,      \
                                const int *lda, T *w, T *work, const int *lwork, int *info); \
  extern void TH_BLAS(P##geev_)(const char *jobvl, const char *jobvr, const int *n, T *a,    \
                                const int *lda, T *wr, T *wi, T *vl, const int *ldvl, T *vr, \
                                const int *ldvr, T *work, const int *lwork, int *info);       \
  extern void TH_BLAS(P##gesvd_)(const char *jobu, const char *jobvt, const int *m,          \
                                 const int *n, T *a, const int *lda, T *s, T *u,             \
                                 const int *ldu, T *vt, const int *ldvt, T *work,            \
                                 const int *lwork, int *info);                                \
  extern void TH_BLAS(P##getrf_)(const int *m, const int *n, T *a, const int *lda, int *ipiv, \
                                 int *info);                                                  \
  extern void TH_BLAS(P##getri_)(const int *n, T *a, const int *lda, const int *ipiv,        \
                                 T *work, const int *lwork, int *info);                       \
  extern void TH_BLAS(P##getrs_)(const char *trans, const int *n, const int *nrhs,           \
                                 const T *a, const int *lda, const int *ipiv, T *b,          \
                                 const int *ldb, int *info);                                  \
  extern void TH_BLAS(P##potrf_)(const char *uplo, const int *n, T *a, const int *lda,       \
                                 int *info);                                                  \
  extern void TH_BLAS(P##potrs_)(const char *uplo, const int *n, const int *nrhs,            \
                                 const T *a, const int *lda, T *b, const int *ldb,           \
                                 int *info);                                                  \
  extern void TH_BLAS(P##potri_)(const char *uplo, const int *n, T *a, const int *lda,       \
                                 int *info);                                                  \
  extern void TH_BLAS(P##pstrf_)(const char *uplo, const int *n, T *a, const int *lda,       \
                                 int *piv, int *rank, const T *tol, T *work, int *info);      \
  extern void TH_BLAS(P##geqrf_)(const int *m, const int *n, T *a, const int *lda, T *tau,   \
                                 T *work, const int *lwork, int *info);                       \
  extern void TH_BLAS(P##orgqr_)(const int *m, const int *n, const int *k, T *a,             \
                                 const int *lda, const T *tau, T *work, const int *lwork,    \
                                 int *info);                                                  \
  extern void TH_BLAS(P##ormqr_)(const char *side, const char *trans, const int *m,          \
                                 const int *n, const int *k, const T *a, const int *lda,     \
                                 const T *tau, T *c, const int *ldc, T *work,                \
                                 const int *lwork, int *info);

TH_LAPACK_PROTOTYPES(s, float)
TH_LAPACK_PROTOTYPES(d, double)

#undef TH_LAPACK_PROTOTYPES

#endif
