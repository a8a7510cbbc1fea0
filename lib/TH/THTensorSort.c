/* THTensorSort: instantiates generic/THTensorSort.c for every type. */
#include <string.h>
#include "THTensor.h"
#include "THTensorDimApply.h"

/* What the sort driver writes out of each sorted line. */
enum { TH_SORT_ALL, TH_SORT_FIRST_K, TH_SORT_KTH, TH_SORT_MODE };

#define TH_GENERIC_FILE "generic/THTensorSort.c"
#include "THGenerateAllTypes.h"
