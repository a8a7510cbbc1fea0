/* Generates TH_GENERIC_FILE for Half (THHalf); accreal is float, conversions go through it. */
#ifndef TH_GENERIC_FILE
#error "define TH_GENERIC_FILE before including THGenerateHalfType.h"
#endif
#include "THHalf.h"
#define real THHalf
#define accreal float
#define Real Half
#define TH_REAL_IS_HALF
#define TH_REAL_TO_ACCREAL(x) TH_half2float(x)
#define TH_ACCREAL_TO_REAL(x) TH_float2half(x)
#define TH_CONVERT_TO_REAL(x) TH_float2half((float)(x))
#define TH_CONVERT_FLOAT_TO_REAL(x) TH_float2half((float)(x))
#line 1 TH_GENERIC_FILE
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_HALF
#undef TH_REAL_TO_ACCREAL
#undef TH_ACCREAL_TO_REAL
#undef TH_CONVERT_TO_REAL
#undef TH_CONVERT_FLOAT_TO_REAL
#undef TH_GENERIC_FILE
