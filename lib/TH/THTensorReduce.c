/* THTensorReduce: instantiates generic/THTensorReduce.c for every type. */
#include <math.h>
#include <string.h>
#include "THTensor.h"
#include "THTensorDimApply.h"

#define TH_GENERIC_FILE "generic/THTensorReduce.c"
#include "THGenerateAllTypes.h"
