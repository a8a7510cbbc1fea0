/* Instantiates the activation kernels. */
#include <math.h>
#include "THNN.h"
#include "TH/THVectorMath.h"

#define TH_GENERIC_FILE "THNN/generic/Activation.c"
#include "TH/THGenerateFloatTypes.h"
