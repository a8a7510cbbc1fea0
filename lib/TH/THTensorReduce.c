/* THTensorReduce: instantiates generic/THTensorReduceBlock.c (the vectorisable kernels) and
 * generic/THTensorReduce.c (the reductions that use them) for every type. */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "THTensor.h"
#include "THTensorDimApply.h"

/* What the column path of a reduction along a dimension computes. */
enum { TH_RED_NONE, TH_RED_SUM, TH_RED_PROD, TH_RED_MEAN };

#define TH_GENERIC_FILE "generic/THTensorReduceBlock.c"
#include "THGenerateAllTypes.h"

#define TH_GENERIC_FILE "generic/THTensorReduce.c"
#include "THGenerateAllTypes.h"
