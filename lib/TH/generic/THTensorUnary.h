#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorUnary.h"
#else
/* The float math functions (Float and Double only), elementwise: r = f(t), resized to t's
 * shape (r may be t). atan2 and lerp broadcast like the arithmetic of THTensorPointwise.h.
 * All return 0, or -1 with the error record set. */

TH_API int THTensor_(exp)(THTensor *r, THTensor *t);
TH_API int THTensor_(log)(THTensor *r, THTensor *t);
TH_API int THTensor_(log1p)(THTensor *r, THTensor *t);
TH_API int THTensor_(sqrt)(THTensor *r, THTensor *t);
TH_API int THTensor_(rsqrt)(THTensor *r, THTensor *t);
TH_API int THTensor_(cinv)(THTensor *r, THTensor *t); /* 1 / t (torch's reciprocal) */
TH_API int THTensor_(sin)(THTensor *r, THTensor *t);
TH_API int THTensor_(cos)(THTensor *r, THTensor *t);
TH_API int THTensor_(tan)(THTensor *r, THTensor *t);
TH_API int THTensor_(asin)(THTensor *r, THTensor *t);
TH_API int THTensor_(acos)(THTensor *r, THTensor *t);
TH_API int THTensor_(atan)(THTensor *r, THTensor *t);
TH_API int THTensor_(sinh)(THTensor *r, THTensor *t);
TH_API int THTensor_(cosh)(THTensor *r, THTensor *t);
TH_API int THTensor_(tanh)(THTensor *r, THTensor *t);
TH_API int THTensor_(sigmoid)(THTensor *r, THTensor *t);
TH_API int THTensor_(floor)(THTensor *r, THTensor *t);
TH_API int THTensor_(ceil)(THTensor *r, THTensor *t);
TH_API int THTensor_(round)(THTensor *r, THTensor *t); /* halves away from zero, as C */
TH_API int THTensor_(trunc)(THTensor *r, THTensor *t);
TH_API int THTensor_(frac)(THTensor *r, THTensor *t);  /* t - trunc(t) */

TH_API int THTensor_(atan2)(THTensor *r, THTensor *a, THTensor *b);
/* a + weight * (b - a) */
TH_API int THTensor_(lerp)(THTensor *r, THTensor *a, THTensor *b, real weight);

#endif
