/* Instantiates SoftMax, LogSoftMax and GLU. */
#include <math.h>
#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/SoftMax.c"
#include "TH/THGenerateFloatTypes.h"
