/* THTensorPointwise: instantiates generic/THTensorPointwise.c for every type, and the
 * broadcast-shape check shared by the element-wise families (THPointwise.h). */
#include <math.h>
#include <string.h>
#include "THTensor.h"
#include "THPointwise.h"

#define TH_PW_SIZES_BUF 256

static ptrdiff_t THPointwise_count(int nd, const long *sizes)
{
  ptrdiff_t count = 1;
  int d;
  for (d = 0; d < nd; d++)
    count *= sizes[d];
  return count;
}

/* The back-compatibility warning (THGeneral.h): an operand of another shape but as many
 * elements as the first one. */
static void THPointwise_warnSameCount(const char *op, int n, const int *nds,
                                      const long *const *sizes, int nd, const long *shape)
{
  char b1[TH_PW_SIZES_BUF], b2[TH_PW_SIZES_BUF], b3[TH_PW_SIZES_BUF];
  int k;
  for (k = 1; k < n; k++) {
    if (nds[k] == nds[0] && memcmp(sizes[k], sizes[0], sizeof(long) * (size_t)nds[0]) == 0)
      continue;
    if (THPointwise_count(nds[k], sizes[k]) != THPointwise_count(nds[0], sizes[0]))
      continue;
    THWarning_set("%s: tensors of sizes %s and %s have the same number of elements but "
                  "broadcast to size %s; before 0.2 they were combined element by element "
                  "(as 1-d)", op, THDescribeSizes(b1, sizeof(b1), nds[0], sizes[0]),
                  THDescribeSizes(b2, sizeof(b2), nds[k], sizes[k]),
                  THDescribeSizes(b3, sizeof(b3), nd, shape));
    return;
  }
}

int THPointwise_shape(const char *op, int n, const int *nds, const long *const *sizes,
                      int inplace, int rnd, const long *rsize, int *nd, long *shape)
{
  char b1[TH_PW_SIZES_BUF], b2[TH_PW_SIZES_BUF];
  long acc[TH_MAX_DIM];
  int k, d, acc_nd, empty = -1, full = -1;
  for (k = 0; k < n; k++) {
    if (nds[k] == 0)
      empty = k;
    else
      full = k;
  }
  if (empty >= 0 && full >= 0)
    return THError_set(TH_ERR_RUNTIME,
                       "%s: cannot combine an empty tensor with a tensor of size %s", op,
                       THDescribeSizes(b1, sizeof(b1), nds[full], sizes[full]));
  acc_nd = nds[0];
  memcpy(acc, sizes[0], sizeof(long) * (size_t)acc_nd);
  for (k = 1; k < n; k++) {
    /* THBroadcast_shape may not write over an input: broadcast acc into shape, copy back. */
    if (THBroadcast_shape(op, acc_nd, acc, nds[k], sizes[k], &acc_nd, shape) < 0)
      return -1;
    memcpy(acc, shape, sizeof(long) * (size_t)acc_nd);
  }
  memcpy(shape, acc, sizeof(long) * (size_t)acc_nd);
  *nd = acc_nd;
  if (__atomic_load_n(&THBackcompat_broadcastWarn, __ATOMIC_RELAXED))
    THPointwise_warnSameCount(op, n, nds, sizes, acc_nd, acc);
  if (inplace) {
    int same = rnd == acc_nd;
    for (d = 0; same && d < acc_nd; d++)
      same = rsize[d] == acc[d];
    if (!same)
      return THError_set(TH_ERR_RUNTIME,
                         "%s: an in-place operation cannot resize its tensor: it has size %s "
                         "but the operands broadcast to size %s",
                         op, THDescribeSizes(b1, sizeof(b1), rnd, rsize),
                         THDescribeSizes(b2, sizeof(b2), acc_nd, acc));
  }
  return 0;
}

#define TH_GENERIC_FILE "generic/THTensorPointwise.c"
#include "THGenerateAllTypes.h"
