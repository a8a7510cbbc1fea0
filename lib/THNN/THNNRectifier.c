/* Instantiates PReLU and RReLU. */
#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/Rectifier.c"
#include "TH/THGenerateFloatTypes.h"
