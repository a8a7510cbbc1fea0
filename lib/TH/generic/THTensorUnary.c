#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorUnary.c"
#else
/* The float math functions of generic/THTensorUnary.h. */

#include "generic/THPointwisePlan.h"
#include "THVectorMath.h"

#ifdef TH_REAL_IS_FLOAT
#define TH_UN_M(fn) fn##f
#else
#define TH_UN_M(fn) fn
#endif

/* e^x: float tensors use TH_expf (vectorised, within 2 ulp), double ones libm's exp. */
#ifdef TH_REAL_IS_FLOAT
#define TH_UN_EXP(x) TH_expf(x)
#else
#define TH_UN_EXP(x) exp(x)
#endif

/* Defines THTensor_(NAME)(r, t): CODE sets *pr from x, the value of *pt. */
#define TH_UN_OP(NAME, CODE)                                                            \
  TH_VECTOR_CLONES int THTensor_(NAME)(THTensor *r, THTensor *t)                        \
  {                                                                                     \
    THTensor view;                                                                      \
    THApplyPlan plan;                                                                   \
    long shape[TH_MAX_DIM];                                                             \
    int nd;                                                                             \
    if (THTensor_(pwShape)(#NAME, r, 1, &t, &nd, shape) < 0)                            \
      return -1;                                                                        \
    if (THTensor_(pwPlan)(r, 1, &t, nd, shape, &view, &plan) < 0)                       \
      return -1;                                                                        \
    TH_PW_APPLY2(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&view), \
                 const real x = *pt; CODE);                                             \
    return 0;                                                                           \
  }

#define TH_UN_LIBM(NAME) TH_UN_OP(NAME, *pr = TH_UN_M(NAME)(x);)

TH_UN_OP(exp, *pr = TH_UN_EXP(x);)
TH_UN_LIBM(log)
TH_UN_LIBM(log1p)
TH_UN_LIBM(sqrt)
TH_UN_LIBM(sin)
TH_UN_LIBM(cos)
TH_UN_LIBM(tan)
TH_UN_LIBM(asin)
TH_UN_LIBM(acos)
TH_UN_LIBM(atan)
TH_UN_LIBM(sinh)
TH_UN_LIBM(cosh)
TH_UN_LIBM(tanh)
TH_UN_LIBM(floor)
TH_UN_LIBM(ceil)
TH_UN_LIBM(round)
TH_UN_LIBM(trunc)
TH_UN_OP(rsqrt, *pr = (real)1 / TH_UN_M(sqrt)(x);)
TH_UN_OP(cinv, *pr = (real)1 / x;)
TH_UN_OP(sigmoid, *pr = (real)1 / ((real)1 + TH_UN_EXP(-x));)
TH_UN_OP(frac, *pr = x - TH_UN_M(trunc)(x);)

int THTensor_(atan2)(THTensor *r, THTensor *a, THTensor *b)
{
  THTensor *in[2];
  THTensor views[2];
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  in[0] = a;
  in[1] = b;
  if (THTensor_(pwShape)("atan2", r, 2, in, &nd, shape) < 0)
    return -1;
  if (THTensor_(pwPlan)(r, 2, in, nd, shape, views, &plan) < 0)
    return -1;
  TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pa, THTensor_(data)(&views[0]),
               real, pb, THTensor_(data)(&views[1]), *pr = TH_UN_M(atan2)(*pa, *pb););
  return 0;
}

int THTensor_(lerp)(THTensor *r, THTensor *a, THTensor *b, real weight)
{
  THTensor *in[2];
  THTensor views[2];
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  in[0] = a;
  in[1] = b;
  if (THTensor_(pwShape)("lerp", r, 2, in, &nd, shape) < 0)
    return -1;
  if (THTensor_(pwPlan)(r, 2, in, nd, shape, views, &plan) < 0)
    return -1;
  TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pa, THTensor_(data)(&views[0]),
               real, pb, THTensor_(data)(&views[1]), *pr = *pa + weight * (*pb - *pa););
  return 0;
}

#undef TH_UN_OP
#undef TH_UN_LIBM
#undef TH_UN_M
#undef TH_UN_EXP

#endif
