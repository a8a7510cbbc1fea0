/* THTensorApply: building and walking the loop plans of THTensorApply.h. */
#include "THTensorApply.h"
#include "THGeneral.h"
#ifdef _OPENMP
#include <omp.h>
#endif

void THApplyPlan_init(THApplyPlan *plan, int ntensors, int ndim, const long *sizes,
                      const long *const *strides)
{
  int d, k, n = 0;
  plan->ntensors = ntensors;
  plan->numel = 1;
  for (d = 0; d < ndim; d++)
    plan->numel *= sizes[d];
  if (ndim == 0)
    plan->numel = 0;
  /* Keep the dimensions that are not 1, outermost first. */
  for (d = 0; d < ndim; d++) {
    if (sizes[d] == 1)
      continue;
    plan->size[n] = sizes[d];
    for (k = 0; k < ntensors; k++)
      plan->stride[k][n] = strides[k][d];
    n++;
  }
  if (n == 0) {
    plan->size[0] = 1;
    for (k = 0; k < ntensors; k++)
      plan->stride[k][0] = 1;
    n = 1;
  }
  /* Merge dimension d into d+1 when it steps exactly over d+1 in every tensor. */
  {
    int out = n - 1;
    for (d = n - 2; d >= 0; d--) {
      int merge = 1;
      for (k = 0; k < ntensors; k++)
        if (plan->stride[k][d] != plan->stride[k][out] * plan->size[out])
          merge = 0;
      if (merge) {
        plan->size[out] *= plan->size[d];
      } else {
        out--;
        plan->size[out] = plan->size[d];
        for (k = 0; k < ntensors; k++)
          plan->stride[k][out] = plan->stride[k][d];
      }
    }
    /* Shift the kept dimensions [out, n) down to [0, n - out). */
    if (out > 0) {
      for (d = out; d < n; d++) {
        plan->size[d - out] = plan->size[d];
        for (k = 0; k < ntensors; k++)
          plan->stride[k][d - out] = plan->stride[k][d];
      }
    }
    plan->ndim = n - out;
  }
}

void THApplyPlan_seek(const THApplyPlan *plan, ptrdiff_t index, long *ctr, ptrdiff_t *off)
{
  int d, k;
  for (k = 0; k < plan->ntensors; k++)
    off[k] = 0;
  for (d = plan->ndim - 1; d >= 0; d--) {
    ctr[d] = (long)(index % plan->size[d]);
    index /= plan->size[d];
    for (k = 0; k < plan->ntensors; k++)
      off[k] += (ptrdiff_t)ctr[d] * plan->stride[k][d];
  }
}

void THApplyPlan_advance(const THApplyPlan *plan, long count, long *ctr, ptrdiff_t *off)
{
  int d = plan->ndim - 1, k;
  ctr[d] += count;
  for (k = 0; k < plan->ntensors; k++)
    off[k] += (ptrdiff_t)count * plan->stride[k][d];
  while (d > 0 && ctr[d] >= plan->size[d]) {
    for (k = 0; k < plan->ntensors; k++)
      off[k] -= (ptrdiff_t)ctr[d] * plan->stride[k][d];
    ctr[d] = 0;
    d--;
    ctr[d]++;
    for (k = 0; k < plan->ntensors; k++)
      off[k] += plan->stride[k][d];
  }
}

void THApply_threadRange(ptrdiff_t n, ptrdiff_t *lo, ptrdiff_t *hi)
{
#ifdef _OPENMP
  int nt = omp_get_num_threads(), t = omp_get_thread_num();
  ptrdiff_t chunk = (n + nt - 1) / nt;
  *lo = TH_MIN((ptrdiff_t)t * chunk, n);
  *hi = TH_MIN(*lo + chunk, n);
#else
  *lo = 0;
  *hi = n;
#endif
}

int THApply_parallel(ptrdiff_t n)
{
#ifdef _OPENMP
  return n >= TH_OMP_THRESHOLD && !THInForkedChild() && !omp_in_parallel();
#else
  TH_UNUSED(n);
  return 0;
#endif
}

int THBroadcast_shape(const char *op, int nd1, const long *s1, int nd2, const long *s2,
                      int *nd, long *out)
{
  int n = TH_MAX(nd1, nd2), d;
  char b1[256], b2[256];
  /* An empty tensor (no dimensions) has no element to repeat: it is not a scalar. */
  if ((nd1 == 0) != (nd2 == 0)) {
    int nd_other = nd1 ? nd1 : nd2;
    const long *s_other = nd1 ? s1 : s2;
    ptrdiff_t count = 1;
    for (d = 0; d < nd_other; d++)
      count *= s_other[d];
    if (count != 0)
      return THError_set(TH_ERR_RUNTIME,
                         "%s: an empty tensor (no dimensions) cannot be broadcast with a tensor "
                         "of size %s (it is tensor %s)",
                         op, THDescribeSizes(b1, sizeof(b1), nd_other, s_other),
                         nd1 ? "b" : "a");
  }
  for (d = 0; d < n; d++) {
    int i1 = nd1 - n + d, i2 = nd2 - n + d;
    long a = i1 >= 0 ? s1[i1] : 1, b = i2 >= 0 ? s2[i2] : 1;
    if (a != b && a != 1 && b != 1)
      return THError_set(TH_ERR_RUNTIME,
                         "%s: the size of tensor a %s must match the size of tensor b %s at "
                         "non-singleton dimension %d (sizes %ld and %ld do not broadcast)",
                         op, THDescribeSizes(b1, sizeof(b1), nd1, s1),
                         THDescribeSizes(b2, sizeof(b2), nd2, s2), d, a, b);
    out[d] = a == 1 ? b : a;
  }
  *nd = n;
  return 0;
}
