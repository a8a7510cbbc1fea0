#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorLapack.h"
#else
/* Linear algebra through LAPACK, Float and Double only, with TH 0.2's signatures (results
 * first). Inputs are never modified: LAPACK works on column-major copies, and each result
 * tensor is pointed (THTensor_(set)) at its new storage, so results come back column-major
 * (strides (1, rows)) as in TH 0.2. Vectors b (1-D) are accepted wherever a right-hand side
 * matrix B is, and give 1-D results. uplo: "U" or "L"; trans: "N" or "T"; diag: "N" or "U";
 * job flags as LAPACK's. All return 0, or -1 with the error record set (a failure that
 * LAPACK reports through info > 0, e.g. a singular matrix, is a RuntimeError saying which
 * element). */

/* A X = B: rb_ = X, ra_ = the LU factors of A (A square). */
TH_API int THTensor_(gesv)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a);
/* Least squares min ||A X - B|| (m >= n) or minimum norm (m < n): rb_ is max(m, n) x k and
 * holds X in its first n rows; ra_ = A's QR (or LQ) factorization. A must have full rank. */
TH_API int THTensor_(gels)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a);
/* op(A) X = B with A triangular: rb_ = X, ra_ = a copy of A. */
TH_API int THTensor_(trtrs)(THTensor *rb_, THTensor *ra_, THTensor *b, THTensor *a,
                            const char *uplo, const char *trans, const char *diag);
/* Eigenvalues (ascending) of a symmetric matrix into re_; with jobz "V" the eigenvectors
 * (columns) into rv_, else rv_ is emptied. Only the uplo triangle of a is read. */
TH_API int THTensor_(syev)(THTensor *re_, THTensor *rv_, THTensor *a, const char *jobz,
                           const char *uplo);
/* Eigenvalues of a general square matrix: re_ is n x 2 (real, imaginary parts); with jobvr
 * "V" the right eigenvectors into rv_ (LAPACK's packing of complex pairs), else emptied. */
TH_API int THTensor_(geev)(THTensor *re_, THTensor *rv_, THTensor *a, const char *jobvr);
/* a = U diag(S) V^T: jobu "S" gives the reduced U (m x k) and V (n x k), "A" the full ones
 * (k = min(m, n)). rv_ receives V (not V^T). */
TH_API int THTensor_(gesvd)(THTensor *ru_, THTensor *rs_, THTensor *rv_, THTensor *a,
                            const char *jobu);
/* The inverse of a square matrix. */
TH_API int THTensor_(getri)(THTensor *ra_, THTensor *a);
/* Cholesky: ra_ = U with A = U^T U ("U") or L with A = L L^T ("L"); the other triangle is
 * zero. */
TH_API int THTensor_(potrf)(THTensor *ra_, THTensor *a, const char *uplo);
/* A X = B given A's Cholesky factor a (from potrf with the same uplo). */
TH_API int THTensor_(potrs)(THTensor *rb_, THTensor *b, THTensor *a, const char *uplo);
/* The inverse of A given its Cholesky factor a (the full symmetric matrix). */
TH_API int THTensor_(potri)(THTensor *ra_, THTensor *a, const char *uplo);
/* Pivoted Cholesky of a positive semidefinite matrix: P^T A P = U^T U ("U") or L L^T ("L");
 * rpiv_ holds the 0-based permutation (column i of A P is column rpiv_[i] of A). A negative
 * tol asks for LAPACK's default tolerance. */
TH_API int THTensor_(pstrf)(THTensor *ra_, THIntTensor *rpiv_, THTensor *a, const char *uplo,
                            real tol);
/* Reduced QR: a (m x n) = Q R with Q m x k orthonormal, R k x n upper triangular. */
TH_API int THTensor_(qr)(THTensor *rq_, THTensor *rr_, THTensor *a);
/* LAPACK's compact QR: ra_ holds R and the Householder vectors, rtau_ their scales. */
TH_API int THTensor_(geqrf)(THTensor *ra_, THTensor *rtau_, THTensor *a);
/* The m x n matrix Q with orthonormal columns from geqrf's (a, tau). */
TH_API int THTensor_(orgqr)(THTensor *ra_, THTensor *a, THTensor *tau);
/* op(Q) C (side "L") or C op(Q) (side "R") with Q from geqrf's (a, tau). */
TH_API int THTensor_(ormqr)(THTensor *ra_, THTensor *a, THTensor *tau, THTensor *c,
                            const char *side, const char *trans);
/* Batched LU with partial pivoting of a (B x n x n): ra_ holds each L (unit, below the
 * diagonal) and U; rpivots_ (B x n) the 1-based row interchanges. With rinfo_ (may be NULL)
 * each matrix's LAPACK info is stored there; without it a singular matrix is an error. */
TH_API int THTensor_(btrifact)(THTensor *ra_, THIntTensor *rpivots_, THIntTensor *rinfo_,
                               THTensor *a);
/* Solves each A[i] x = b[i] from btrifact's (atf, pivots); b is B x n or B x n x k. */
TH_API int THTensor_(btrisolve)(THTensor *rb_, THTensor *b, THTensor *atf, THIntTensor *pivots);

#endif
