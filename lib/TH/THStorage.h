/* THStorage: typed, reference-counted memory blocks for every TH type. */
#ifndef TH_STORAGE_INC
#define TH_STORAGE_INC

#include "THGeneral.h"
#include "THAllocator.h"
#include "THHalf.h"

#define THStorage TH_CONCAT_3(TH, Real, Storage)
#define THStorage_(NAME) TH_CONCAT_4(TH, Real, Storage_, NAME)

#define TH_STORAGE_REFCOUNTED 1
#define TH_STORAGE_RESIZABLE 2
#define TH_STORAGE_FREEMEM 4

/* Forward declarations so that copy functions can name every storage type. */
typedef struct THByteStorage THByteStorage;
typedef struct THCharStorage THCharStorage;
typedef struct THShortStorage THShortStorage;
typedef struct THIntStorage THIntStorage;
typedef struct THLongStorage THLongStorage;
typedef struct THFloatStorage THFloatStorage;
typedef struct THDoubleStorage THDoubleStorage;
typedef struct THHalfStorage THHalfStorage;

#include "generic/THStorage.h"
#include "THGenerateAllTypes.h"
#include "generic/THStorage.h"
#include "THGenerateHalfType.h"

#endif
