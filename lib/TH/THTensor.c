/* THTensor: instantiates generic/THTensor.c for every type. */
#include <limits.h>
#include <string.h>
#include "THTensor.h"

#define TH_GENERIC_FILE "generic/THTensor.c"
#include "THGenerateAllTypes.h"
#define TH_GENERIC_FILE "generic/THTensor.c"
#include "THGenerateHalfType.h"
