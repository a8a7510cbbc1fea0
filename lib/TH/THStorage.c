/* THStorage: instantiates generic/THStorage.c for every type. */
#include <string.h>
#include "THStorage.h"

#define TH_GENERIC_FILE "generic/THStorage.c"
#include "THGenerateAllTypes.h"
#define TH_GENERIC_FILE "generic/THStorage.c"
#include "THGenerateHalfType.h"
