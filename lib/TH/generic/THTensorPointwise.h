#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.h"
#else
/* Arithmetic for every type. The result r comes first; it is resized to the broadcast shape
 * of the operands (NumPy rules) unless it already has that shape, and may be one of them:
 * the op is then in place and the operands may not broadcast beyond r's shape. Integer
 * division, fmod and remainder truncate like C and fail (RuntimeError) on a zero divisor
 * before computing; integer pow fails on a negative exponent. All return 0, or -1 with the
 * error record set. */

/* ---- tensor and scalar ---- */
TH_API int THTensor_(add)(THTensor *r, THTensor *t, real value);       /* t + value */
TH_API int THTensor_(sub)(THTensor *r, THTensor *t, real value);       /* t - value */
TH_API int THTensor_(rsub)(THTensor *r, THTensor *t, real value);      /* value - t */
TH_API int THTensor_(mul)(THTensor *r, THTensor *t, real value);
TH_API int THTensor_(div)(THTensor *r, THTensor *t, real value);
TH_API int THTensor_(rdiv)(THTensor *r, THTensor *t, real value);      /* value / t */
TH_API int THTensor_(fmod)(THTensor *r, THTensor *t, real value);      /* sign of t */
TH_API int THTensor_(remainder)(THTensor *r, THTensor *t, real value); /* sign of value */
TH_API int THTensor_(pow)(THTensor *r, THTensor *t, real value);       /* t ^ value */
TH_API int THTensor_(tpow)(THTensor *r, real value, THTensor *t);      /* value ^ t */
TH_API int THTensor_(cmaxValue)(THTensor *r, THTensor *t, real value);
TH_API int THTensor_(cminValue)(THTensor *r, THTensor *t, real value);
/* min(max(t, min_value), max_value), elementwise (max_value wins when min > max). */
TH_API int THTensor_(clamp)(THTensor *r, THTensor *t, real min_value, real max_value);

/* ---- one tensor ---- */
TH_API int THTensor_(neg)(THTensor *r, THTensor *t);
TH_API int THTensor_(abs)(THTensor *r, THTensor *t);
TH_API int THTensor_(sign)(THTensor *r, THTensor *t);

/* ---- two or three tensors, broadcast ---- */
TH_API int THTensor_(cadd)(THTensor *r, THTensor *t, real value, THTensor *src); /* t+value*src */
TH_API int THTensor_(csub)(THTensor *r, THTensor *t, real value, THTensor *src); /* t-value*src */
TH_API int THTensor_(cmul)(THTensor *r, THTensor *t, THTensor *src);
TH_API int THTensor_(cdiv)(THTensor *r, THTensor *t, THTensor *src);
TH_API int THTensor_(cfmod)(THTensor *r, THTensor *t, THTensor *src);
TH_API int THTensor_(cremainder)(THTensor *r, THTensor *t, THTensor *src);
TH_API int THTensor_(cpow)(THTensor *r, THTensor *t, THTensor *src);
/* Elementwise max/min (NaN wins in float types). */
TH_API int THTensor_(cmax)(THTensor *r, THTensor *t, THTensor *src);
TH_API int THTensor_(cmin)(THTensor *r, THTensor *t, THTensor *src);
/* t + value * src1 * src2 and t + value * src1 / src2. */
TH_API int THTensor_(addcmul)(THTensor *r, THTensor *t, real value, THTensor *src1,
                              THTensor *src2);
TH_API int THTensor_(addcdiv)(THTensor *r, THTensor *t, real value, THTensor *src1,
                              THTensor *src2);

#endif
