/* THTensorBlas: instantiates generic/THTensorBlas.c (matrix products) for every type. */
#include <limits.h>
#include <string.h>
#include "THTensor.h"
#include "THBlasSymbols.h"

#define TH_GENERIC_FILE "generic/THTensorBlas.c"
#include "THGenerateAllTypes.h"
