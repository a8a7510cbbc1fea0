/* THTensorLapack: instantiates the LAPACK drivers for Float and Double: generic/THTensorLapack.c
 * (systems, eigenvalues, SVD, inverse, Cholesky) and generic/THTensorLapackFact.c (QR, batched
 * LU), which uses the first one's static helpers. */
#include <limits.h>
#include <string.h>
#include "THTensor.h"
#include "THLapackSymbols.h"

#define TH_GENERIC_FILE "generic/THTensorLapack.c"
#include "THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "generic/THTensorLapackFact.c"
#include "THGenerateFloatTypes.h"
