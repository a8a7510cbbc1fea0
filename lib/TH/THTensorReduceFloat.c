/* THTensorReduceFloat: instantiates generic/THTensorReduceFloat.c for Float and Double. */
#include <math.h>
#include <string.h>
#include "THTensor.h"
#include "THTensorDimApply.h"

#define TH_GENERIC_FILE "generic/THTensorReduceFloat.c"
#include "THGenerateFloatTypes.h"
