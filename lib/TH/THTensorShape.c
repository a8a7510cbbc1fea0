/* THTensorShape: instantiates generic/THTensorShape.c (cat, repeat, tril/triu, diag, trace,
 * eye, cross, histc, linspace/logspace, range/arange) for every type except Half. */
#include <limits.h>
#include <math.h>
#include <string.h>
#include "THTensor.h"

#define TH_GENERIC_FILE "generic/THTensorIndexUtil.h"
#include "THGenerateAllTypes.h"
#define TH_GENERIC_FILE "generic/THTensorShape.c"
#include "THGenerateAllTypes.h"
