/* THTensorLapack: instantiates generic/THTensorLapack.c (LAPACK drivers) for Float and
 * Double. */
#include <limits.h>
#include <string.h>
#include "THTensor.h"
#include "THLapackSymbols.h"

#define TH_GENERIC_FILE "generic/THTensorLapack.c"
#include "THGenerateFloatTypes.h"
