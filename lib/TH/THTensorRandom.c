/* THTensorRandom: instantiates generic/THTensorRandom.c for every type. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include "THTensor.h"
#include "THTensorDimApply.h"

#define TH_GENERIC_FILE "generic/THTensorRandom.c"
#include "THGenerateAllTypes.h"
