/* THTensorIndex: instantiates generic/THTensorIndex.c (index_select, gather, scatter, masked
 * ops, nonzero) for every type except Half. */
#include <string.h>
#include "THTensor.h"

#define TH_GENERIC_FILE "generic/THTensorIndexUtil.h"
#include "THGenerateAllTypes.h"
#define TH_GENERIC_FILE "generic/THTensorIndex.c"
#include "THGenerateAllTypes.h"
