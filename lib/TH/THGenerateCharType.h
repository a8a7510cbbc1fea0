/* Generates TH_GENERIC_FILE for Char (signed char). */
#define real signed char
#define accreal long
#define Real Char
#define TH_REAL_IS_CHAR
#define TH_REAL_TO_ACCREAL(x) ((accreal)(x))
#define TH_ACCREAL_TO_REAL(x) ((real)(x))
#define TH_CONVERT_TO_REAL(x) ((real)(long)(x))
#define TH_CONVERT_FLOAT_TO_REAL(x) ((real)THDoubleToLong((double)(x)))
#line 1 TH_GENERIC_FILE
#include TH_GENERIC_FILE
#undef real
#undef accreal
#undef Real
#undef TH_REAL_IS_CHAR
#undef TH_REAL_TO_ACCREAL
#undef TH_ACCREAL_TO_REAL
#undef TH_CONVERT_TO_REAL
#undef TH_CONVERT_FLOAT_TO_REAL
