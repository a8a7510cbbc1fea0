/* THTensorUnary: instantiates generic/THTensorUnary.c (float math) for Float and Double. */
#include <math.h>
#include "THTensor.h"
#include "THPointwise.h"
#include "THTensorDimApply.h"

#define TH_GENERIC_FILE "generic/THTensorUnary.c"
#include "THGenerateFloatTypes.h"
