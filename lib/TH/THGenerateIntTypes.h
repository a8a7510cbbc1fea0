/* Includes TH_GENERIC_FILE once per type: Byte Char Short Int Long. Only this header family defines
 * real, accreal, Real and the TH_REAL_IS_* flags. */
#ifndef TH_GENERIC_FILE
#error "define TH_GENERIC_FILE before including THGenerateIntTypes.h"
#endif

#include "THGenerateByteType.h"
#include "THGenerateCharType.h"
#include "THGenerateShortType.h"
#include "THGenerateIntType.h"
#include "THGenerateLongType.h"

#undef TH_GENERIC_FILE
