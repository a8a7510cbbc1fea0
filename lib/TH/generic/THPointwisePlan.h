/* Included by the generic element-wise files, once per type: checking an op's operands and
 * planning its loop. An op calls pwShape (checks only, nothing allocated), then its own
 * value checks (e.g. integer division by zero), then pwPlan (resizes r, expands the inputs
 * to the broadcast shape as borrowed stack views, plans the loop over r and them). */

/* n operands (at most 3); r may be one of them, which makes the op in place. */
static inline int THTensor_(pwShape)(const char *op, const THTensor *r, int n,
                                     THTensor *const *in, int *nd, long *shape)
{
  int nds[TH_APPLY_MAX_TENSORS - 1], k, inplace = 0;
  const long *sizes[TH_APPLY_MAX_TENSORS - 1];
  for (k = 0; k < n; k++) {
    nds[k] = in[k]->nDimension;
    sizes[k] = in[k]->size;
    inplace |= in[k] == r;
  }
  return THPointwise_shape(op, n, nds, sizes, inplace, r->nDimension, r->size, nd, shape);
}

/* views: n by-value tensors to fill (no references taken: use them only during the op). */
static inline int THTensor_(pwPlan)(THTensor *r, int n, THTensor *const *in, int nd,
                                    const long *shape, THTensor *views, THApplyPlan *plan)
{
  const long *strides[TH_APPLY_MAX_TENSORS];
  int k;
  if (!THTensor_(isSize)(r, nd, shape) && THTensor_(resize)(r, nd, shape) < 0)
    return -1;
  strides[0] = r->stride;
  for (k = 0; k < n; k++) {
    THTensor_(borrowExpanded)(&views[k], in[k], nd, shape);
    strides[k + 1] = views[k].stride;
  }
  THApplyPlan_init(plan, n + 1, nd, shape, strides);
  return 0;
}

/* Whether src holds a zero (integer division) or, for signed types, a negative value
 * (integer powers). Reads src in its own geometry; the flag is all the loop writes. */
static inline int THTensor_(pwAnyZero)(THTensor *src)
{
  THApplyPlan plan;
  const long *strides[1];
  int found = 0;
  if (src->nDimension == 0)
    return 0;
  strides[0] = src->stride;
  THApplyPlan_init(&plan, 1, src->nDimension, src->size, strides);
  TH_PW_APPLY1(&plan, real, p, THTensor_(data)(src),
               if (*p == 0) __atomic_store_n(&found, 1, __ATOMIC_RELAXED););
  return found;
}

#ifndef TH_REAL_IS_BYTE
static inline int THTensor_(pwAnyNegative)(THTensor *src)
{
  THApplyPlan plan;
  const long *strides[1];
  int found = 0;
  if (src->nDimension == 0)
    return 0;
  strides[0] = src->stride;
  THApplyPlan_init(&plan, 1, src->nDimension, src->size, strides);
  TH_PW_APPLY1(&plan, real, p, THTensor_(data)(src),
               if (*p < 0) __atomic_store_n(&found, 1, __ATOMIC_RELAXED););
  return found;
}
#endif
