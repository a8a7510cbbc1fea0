/* Instantiates the spatial convolutions (im2col + GEMM) and the temporal one. */
#include "THNN.h"

#include <limits.h>
#include <string.h>

#define TH_GENERIC_FILE "THNN/generic/SpatialConvolutionMM.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/SpatialFullConvolution.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/TemporalConvolution.c"
#include "TH/THGenerateFloatTypes.h"
