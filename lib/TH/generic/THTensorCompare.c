#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorCompare.c"
#else
/* The comparisons of generic/THTensorCompare.h. */

#include "generic/THPointwisePlan.h"

/* pwShape + pwPlan for a ByteTensor result (r may be an operand when real is unsigned char). */
static int THTensor_(cmpPlan)(const char *op, THByteTensor *r, int n, THTensor *const *in,
                              THTensor *views, THApplyPlan *plan)
{
  int nds[2], k, nd, inplace = 0;
  const long *sizes[2];
  const long *strides[3];
  long shape[TH_MAX_DIM];
  for (k = 0; k < n; k++) {
    nds[k] = in[k]->nDimension;
    sizes[k] = in[k]->size;
    inplace |= (const void *)in[k] == (const void *)r;
  }
  if (THPointwise_shape(op, n, nds, sizes, inplace, r->nDimension, r->size, &nd, shape) < 0)
    return -1;
  if (!THByteTensor_isSize(r, nd, shape) && THByteTensor_resize(r, nd, shape) < 0)
    return -1;
  strides[0] = r->stride;
  for (k = 0; k < n; k++) {
    THTensor_(borrowExpanded)(&views[k], in[k], nd, shape);
    strides[k + 1] = views[k].stride;
  }
  THApplyPlan_init(plan, n + 1, nd, shape, strides);
  return 0;
}

static int THTensor_(cmpPlanT)(const char *op, THTensor *r, int n, THTensor *const *in,
                               THTensor *views, THApplyPlan *plan)
{
  long shape[TH_MAX_DIM];
  int nd;
  if (THTensor_(pwShape)(op, r, n, in, &nd, shape) < 0)
    return -1;
  return THTensor_(pwPlan)(r, n, in, nd, shape, views, plan);
}

/* Defines the four forms of one comparison; OPER is the C operator. */
#define TH_CMP_DEFINE(NAME, OPER)                                                        \
  int THTensor_(NAME##Value)(THByteTensor *r, THTensor *t, real value)                   \
  {                                                                                      \
    THTensor view;                                                                       \
    THApplyPlan plan;                                                                    \
    if (THTensor_(cmpPlan)(#NAME, r, 1, &t, &view, &plan) < 0)                           \
      return -1;                                                                         \
    TH_PW_APPLY2(&plan, unsigned char, pr, THByteTensor_data(r), real, pt,               \
                 THTensor_(data)(&view), *pr = (unsigned char)(*pt OPER value););        \
    return 0;                                                                            \
  }                                                                                      \
  int THTensor_(NAME##ValueT)(THTensor *r, THTensor *t, real value)                      \
  {                                                                                      \
    THTensor view;                                                                       \
    THApplyPlan plan;                                                                    \
    if (THTensor_(cmpPlanT)(#NAME, r, 1, &t, &view, &plan) < 0)                          \
      return -1;                                                                         \
    TH_PW_APPLY2(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&view),  \
                 *pr = (real)(*pt OPER value););                                         \
    return 0;                                                                            \
  }                                                                                      \
  int THTensor_(NAME##Tensor)(THByteTensor *r, THTensor *a, THTensor *b)                 \
  {                                                                                      \
    THTensor *in[2];                                                                     \
    THTensor views[2];                                                                   \
    THApplyPlan plan;                                                                    \
    in[0] = a;                                                                           \
    in[1] = b;                                                                           \
    if (THTensor_(cmpPlan)(#NAME, r, 2, in, views, &plan) < 0)                           \
      return -1;                                                                         \
    TH_PW_APPLY3(&plan, unsigned char, pr, THByteTensor_data(r), real, pa,               \
                 THTensor_(data)(&views[0]), real, pb, THTensor_(data)(&views[1]),       \
                 *pr = (unsigned char)(*pa OPER *pb););                                  \
    return 0;                                                                            \
  }                                                                                      \
  int THTensor_(NAME##TensorT)(THTensor *r, THTensor *a, THTensor *b)                    \
  {                                                                                      \
    THTensor *in[2];                                                                     \
    THTensor views[2];                                                                   \
    THApplyPlan plan;                                                                    \
    in[0] = a;                                                                           \
    in[1] = b;                                                                           \
    if (THTensor_(cmpPlanT)(#NAME, r, 2, in, views, &plan) < 0)                          \
      return -1;                                                                         \
    TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pa, THTensor_(data)(&views[0]), \
                 real, pb, THTensor_(data)(&views[1]), *pr = (real)(*pa OPER *pb););     \
    return 0;                                                                            \
  }

TH_CMP_DEFINE(lt, <)
TH_CMP_DEFINE(le, <=)
TH_CMP_DEFINE(gt, >)
TH_CMP_DEFINE(ge, >=)
TH_CMP_DEFINE(eq, ==)
TH_CMP_DEFINE(ne, !=)

#undef TH_CMP_DEFINE

int THTensor_(equal)(THTensor *a, THTensor *b)
{
  THApplyPlan plan;
  const long *strides[2];
  int differ = 0;
  if (!THTensor_(isSameSizeAs)(a, b))
    return 0;
  if (a->nDimension == 0)
    return 1;
  strides[0] = a->stride;
  strides[1] = b->stride;
  THApplyPlan_init(&plan, 2, a->nDimension, a->size, strides);
  TH_PW_APPLY2(&plan, real, pa, THTensor_(data)(a), real, pb, THTensor_(data)(b),
               if (!(*pa == *pb)) __atomic_store_n(&differ, 1, __ATOMIC_RELAXED););
  return !differ;
}

#endif
