/* TH: the CPU tensor library. Include this one header. */
#ifndef TH_INC
#define TH_INC

#include "THGeneral.h"
#include "THAllocator.h"
#include "THHalf.h"
#include "THStorage.h"
#include "THTensor.h"
#include "THRandom.h"

#endif
