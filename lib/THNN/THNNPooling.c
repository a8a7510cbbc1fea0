/* Instantiates the spatial pooling kernels. */
#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/SpatialPooling.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/SpatialAdaptivePooling.c"
#include "TH/THGenerateFloatTypes.h"
