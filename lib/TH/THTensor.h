/* THTensor: strided tensors over THStorage for every TH type. */
#ifndef TH_TENSOR_INC
#define TH_TENSOR_INC

#include "THStorage.h"
#include "THTensorApply.h"

#define THTensor TH_CONCAT_3(TH, Real, Tensor)
#define THTensor_(NAME) TH_CONCAT_4(TH, Real, Tensor_, NAME)

typedef struct THByteTensor THByteTensor;
typedef struct THCharTensor THCharTensor;
typedef struct THShortTensor THShortTensor;
typedef struct THIntTensor THIntTensor;
typedef struct THLongTensor THLongTensor;
typedef struct THFloatTensor THFloatTensor;
typedef struct THDoubleTensor THDoubleTensor;
typedef struct THHalfTensor THHalfTensor;

#include "generic/THTensor.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensor.h"
#include "THGenerateHalfType.h"

/* ---- op families (each: generic/THTensor<Family>.h over the types it supports) ---- */
#include "THRandom.h"
#include "generic/THTensorIndex.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorShape.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorReduce.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorSort.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorRandom.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorBlas.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorLapack.h"
#include "THGenerateFloatTypes.h"
#include "generic/THTensorPointwise.h"
#include "THGenerateAllTypes.h"
#include "generic/THTensorUnary.h"
#include "THGenerateFloatTypes.h"
#include "generic/THTensorCompare.h"
#include "THGenerateAllTypes.h"

#endif
