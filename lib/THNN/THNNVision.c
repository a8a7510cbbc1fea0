/* Instantiates the resampling kernels: upsampling, padding, grid sampling. */
#include <math.h>

#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/SpatialUpSampling.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/Padding.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/SpatialGridSampler.c"
#include "TH/THGenerateFloatTypes.h"
