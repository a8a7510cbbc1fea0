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

/* Every type as a source of the type-converting copies (storage and tensor copy functions):
 * X(Type, its C type, the conversion of one of its values to `real`). The conversions are the
 * per-type macros of THGenerate*Type.h, expanded where X is used. */
#define TH_CONVERT_HALF_TO_REAL(x) TH_CONVERT_FLOAT_TO_REAL(TH_half2float(x))
#define TH_FOR_EACH_COPY_SOURCE(X)                \
  X(Byte, unsigned char, TH_CONVERT_TO_REAL)      \
  X(Char, signed char, TH_CONVERT_TO_REAL)        \
  X(Short, short, TH_CONVERT_TO_REAL)             \
  X(Int, int, TH_CONVERT_TO_REAL)                 \
  X(Long, long, TH_CONVERT_TO_REAL)               \
  X(Float, float, TH_CONVERT_FLOAT_TO_REAL)       \
  X(Double, double, TH_CONVERT_FLOAT_TO_REAL)     \
  X(Half, THHalf, TH_CONVERT_HALF_TO_REAL)

#include "generic/THStorage.h"
#include "THGenerateAllTypes.h"
#include "generic/THStorage.h"
#include "THGenerateHalfType.h"

#endif
