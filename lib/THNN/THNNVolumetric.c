/* Instantiates the volumetric (5D) kernels: convolution (vol2col + GEMM) and pooling. */
#include <string.h>

#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/VolumetricConvolutionMM.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/VolumetricPooling.c"
#include "TH/THGenerateFloatTypes.h"
