/* Instantiates the lookup table (embedding) kernels. */
#include <math.h>
#include <string.h>
#include "THNN.h"

#define TH_GENERIC_FILE "THNN/generic/LookupTable.c"
#include "TH/THGenerateFloatTypes.h"
