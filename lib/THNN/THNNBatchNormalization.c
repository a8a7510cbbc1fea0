/* Instantiates batch normalization. */
#include <math.h>
#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/BatchNormalization.c"
#include "TH/THGenerateFloatTypes.h"
