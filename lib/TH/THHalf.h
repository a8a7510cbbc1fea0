/* THHalf: IEEE 754 half precision as a storage type; math converts through float. */
#ifndef TH_HALF_INC
#define TH_HALF_INC

#include "THGeneral.h"

typedef struct THHalf {
  uint16_t x;
} THHalf;

TH_API float TH_half2float(THHalf h);
TH_API THHalf TH_float2half(float f);

#endif
