#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorShape.h"
#else
/* Shape and creation ops: joining and repeating, triangles and diagonals, cross products,
 * histograms and the filled sequences (eye, linspace, logspace, range, arange). A result r
 * is resized by the function and may share memory with an input. */

/* r = inputs[0..n) joined along dim. Empty (0-dim) inputs are skipped; the others must have
 * the same sizes except along dim. */
TH_API int THTensor_(cat)(THTensor *r, int n, THTensor *const *inputs, int dim);
/* r = src tiled sizes[i] times along dimension i (nd >= src's dimension; src gets leading
 * dimensions of size 1). */
TH_API int THTensor_(repeat)(THTensor *r, THTensor *src, int nd, const long *sizes);
/* r = src (a matrix) with the elements above (tril) / below (triu) diagonal k set to zero. */
TH_API int THTensor_(tril)(THTensor *r, THTensor *src, long k);
TH_API int THTensor_(triu)(THTensor *r, THTensor *src, long k);
/* A vector gives the square matrix with it on diagonal k; a matrix gives its diagonal k. */
TH_API int THTensor_(diag)(THTensor *r, THTensor *src, long k);
/* Sum of a matrix's main diagonal. */
TH_API int THTensor_(trace)(THTensor *src, accreal *result);
/* r = an n x m matrix with ones on the main diagonal (m <= 0: square). */
TH_API int THTensor_(eye)(THTensor *r, long n, long m);
/* r = the cross products of the 3-vectors of a and b (same size) along dim. */
TH_API int THTensor_(cross)(THTensor *r, THTensor *a, THTensor *b, int dim);
/* r = counts of src's elements in nbins equal bins over [minv, maxv] (the data's range when
 * minv == maxv); elements outside are ignored. */
TH_API int THTensor_(histc)(THTensor *r, THTensor *src, long nbins, double minv, double maxv);
/* r = n points from a to b, evenly spaced (linspace) or their powers of 10 (logspace). */
TH_API int THTensor_(linspace)(THTensor *r, real a, real b, long n);
TH_API int THTensor_(logspace)(THTensor *r, real a, real b, long n);
/* r = start, start + step, ... up to end inclusive (range) or exclusive (arange). */
TH_API int THTensor_(range)(THTensor *r, accreal start, accreal end, accreal step);
TH_API int THTensor_(arange)(THTensor *r, accreal start, accreal end, accreal step);

#endif
