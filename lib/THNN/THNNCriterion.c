/* Instantiates the loss functions (criteria). */
#include <math.h>
#include "THNN.h"

/* Which pointwise loss a shared loop computes. */
enum { THNN_LOSS_MSE, THNN_LOSS_ABS, THNN_LOSS_SMOOTHL1, THNN_LOSS_SOFTMARGIN, THNN_LOSS_BCE,
       THNN_LOSS_KLDIV };

#define TH_GENERIC_FILE "THNN/generic/PointwiseCriterion.c"
#include "TH/THGenerateFloatTypes.h"
#define TH_GENERIC_FILE "THNN/generic/ClassCriterion.c"
#include "TH/THGenerateFloatTypes.h"
