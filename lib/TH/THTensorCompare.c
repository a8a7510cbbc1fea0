/* THTensorCompare: instantiates generic/THTensorCompare.c for every type. */
#include "THTensor.h"
#include "THPointwise.h"

#define TH_GENERIC_FILE "generic/THTensorCompare.c"
#include "THGenerateAllTypes.h"
