/* Includes TH_GENERIC_FILE once per type: Float Double. Only this header family defines
 * real, accreal, Real and the TH_REAL_IS_* flags. */
#ifndef TH_GENERIC_FILE
#error "define TH_GENERIC_FILE before including THGenerateFloatTypes.h"
#endif

#include "THGenerateFloatType.h"
#include "THGenerateDoubleType.h"

#undef TH_GENERIC_FILE
