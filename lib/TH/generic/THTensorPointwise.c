#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorPointwise.c"
#else
/* Arithmetic for every type (see generic/THTensorPointwise.h): scalar, unary and
 * broadcasting forms. Each op checks its operands (and, for integers, its divisors) before
 * the result is resized, then runs one loop that cannot fail. */

#include "generic/THPointwisePlan.h"

#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
#define TH_PW_FLOAT 1
#elif !defined(TH_REAL_IS_BYTE)
#define TH_PW_SIGNED_INT 1
#endif

#ifdef TH_REAL_IS_FLOAT
#define TH_PW_M(fn) fn##f
#else
#define TH_PW_M(fn) fn
#endif

/* ---- element formulas (integer edge cases defined: no trap, no signed overflow) ---- */

static inline real THTensor_(negOf)(real x)
{
#ifdef TH_PW_FLOAT
  return -x;
#else
  return (real)(0ULL - (unsigned long long)x); /* wraps, like two's complement hardware */
#endif
}

/* a / b; integer callers have checked b != 0. INT_MIN / -1 would trap: it wraps instead. */
static inline real THTensor_(divOf)(real a, real b)
{
#if defined(TH_PW_SIGNED_INT)
  return b == -1 ? THTensor_(negOf)(a) : (real)(a / b);
#else
  return (real)(a / b);
#endif
}

static inline real THTensor_(fmodOf)(real a, real b)
{
#if defined(TH_PW_FLOAT)
  return TH_PW_M(fmod)(a, b);
#elif defined(TH_PW_SIGNED_INT)
  return b == -1 ? 0 : (real)(a % b);
#else
  return (real)(a % b);
#endif
}

/* Python's %: the result takes the sign of the divisor. */
static inline real THTensor_(remOf)(real a, real b)
{
#if defined(TH_PW_FLOAT) || defined(TH_PW_SIGNED_INT)
  real m = THTensor_(fmodOf)(a, b);
  return (m != 0 && ((m < 0) != (b < 0))) ? (real)(m + b) : m;
#else
  return (real)(a % b);
#endif
}

/* a ^ b; integer callers have checked b >= 0. Integer products wrap (unsigned arithmetic). */
static inline real THTensor_(powOf)(real a, real b)
{
#ifdef TH_PW_FLOAT
  return TH_PW_M(pow)(a, b);
#else
  unsigned long long base = (unsigned long long)a, result = 1;
  unsigned long long e = (unsigned long long)b;
  while (e) {
    if (e & 1)
      result *= base;
    base *= base;
    e >>= 1;
  }
  return (real)result;
#endif
}

static inline real THTensor_(maxOf)(real a, real b)
{
#ifdef TH_PW_FLOAT
  return (a != a || a > b) ? a : b; /* a != a: a NaN propagates */
#else
  return a > b ? a : b;
#endif
}

static inline real THTensor_(minOf)(real a, real b)
{
#ifdef TH_PW_FLOAT
  return (a != a || a < b) ? a : b;
#else
  return a < b ? a : b;
#endif
}

#ifdef TH_PW_FLOAT
#define TH_PW_CHECK_DIVISOR(OP, V)
#define TH_PW_CHECK_ZEROS(OP, T)
#else
#define TH_PW_CHECK_DIVISOR(OP, V)                                                 \
  TH_CHECK((V) != 0, TH_ERR_RUNTIME,                                               \
           "ZeroDivisionError: %s: integer division by zero", OP)
#define TH_PW_CHECK_ZEROS(OP, T)                                                   \
  TH_CHECK(!THTensor_(pwAnyZero)(T), TH_ERR_RUNTIME,                               \
           "ZeroDivisionError: %s: integer division by zero (the divisor tensor "   \
           "holds a 0)", OP)
#endif

#ifdef TH_PW_SIGNED_INT
#define TH_PW_CHECK_EXPONENT(OP, V)                                                \
  TH_CHECK((V) >= 0, TH_ERR_RUNTIME,                                               \
           "%s: integers to negative integer powers are not allowed (exponent %lld)", \
           OP, (long long)(V))
#define TH_PW_CHECK_EXPONENTS(OP, T)                                               \
  TH_CHECK(!THTensor_(pwAnyNegative)(T), TH_ERR_RUNTIME,                           \
           "%s: integers to negative integer powers are not allowed (the exponent "  \
           "tensor holds a negative value)", OP)
#else
#define TH_PW_CHECK_EXPONENT(OP, V)
#define TH_PW_CHECK_EXPONENTS(OP, T)
#endif

/* ---- tensor and scalar: r = f(t, value) ---- */

/* Defines THTensor_(NAME)(r, t, value): CHECK runs before anything is allocated; CODE sets
 * *pr from *pt and value. */
#define TH_PW_SCALAR_OP(NAME, CHECK, CODE)                                              \
  int THTensor_(NAME)(THTensor *r, THTensor *t, real value)                             \
  {                                                                                     \
    THTensor view;                                                                      \
    THApplyPlan plan;                                                                   \
    long shape[TH_MAX_DIM];                                                             \
    int nd;                                                                             \
    if (THTensor_(pwShape)(#NAME, r, 1, &t, &nd, shape) < 0)                            \
      return -1;                                                                        \
    CHECK;                                                                              \
    if (THTensor_(pwPlan)(r, 1, &t, nd, shape, &view, &plan) < 0)                       \
      return -1;                                                                        \
    TH_PW_APPLY2(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&view), \
                 CODE);                                                                 \
    return 0;                                                                           \
  }

TH_PW_SCALAR_OP(add, (void)0, *pr = (real)(*pt + value);)
TH_PW_SCALAR_OP(sub, (void)0, *pr = (real)(*pt - value);)
TH_PW_SCALAR_OP(rsub, (void)0, *pr = (real)(value - *pt);)
TH_PW_SCALAR_OP(mul, (void)0, *pr = (real)(*pt * value);)
TH_PW_SCALAR_OP(div, TH_PW_CHECK_DIVISOR("div", value), *pr = THTensor_(divOf)(*pt, value);)
TH_PW_SCALAR_OP(fmod, TH_PW_CHECK_DIVISOR("fmod", value),
                *pr = THTensor_(fmodOf)(*pt, value);)
TH_PW_SCALAR_OP(remainder, TH_PW_CHECK_DIVISOR("remainder", value),
                *pr = THTensor_(remOf)(*pt, value);)
TH_PW_SCALAR_OP(cmaxValue, (void)0, *pr = *pt < value ? value : *pt;)
TH_PW_SCALAR_OP(cminValue, (void)0, *pr = *pt > value ? value : *pt;)
TH_PW_SCALAR_OP(rdiv, TH_PW_CHECK_ZEROS("div", t), *pr = THTensor_(divOf)(value, *pt);)

#ifdef TH_PW_FLOAT
/* The common float exponents get shortcuts chosen once, outside the loop. */
int THTensor_(pow)(THTensor *r, THTensor *t, real value)
{
  THTensor view;
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  real *rd, *td;
  if (THTensor_(pwShape)("pow", r, 1, &t, &nd, shape) < 0)
    return -1;
  if (THTensor_(pwPlan)(r, 1, &t, nd, shape, &view, &plan) < 0)
    return -1;
  rd = THTensor_(data)(r);
  td = THTensor_(data)(&view);
  if (value == 2)
    TH_PW_APPLY2(&plan, real, pr, rd, real, pt, td, *pr = *pt * *pt;);
  else if (value == 1)
    TH_PW_APPLY2(&plan, real, pr, rd, real, pt, td, *pr = *pt;);
  else if (value == (real)0.5)
    TH_PW_APPLY2(&plan, real, pr, rd, real, pt, td, *pr = TH_PW_M(sqrt)(*pt););
  else if (value == -1)
    TH_PW_APPLY2(&plan, real, pr, rd, real, pt, td, *pr = (real)1 / *pt;);
  else
    TH_PW_APPLY2(&plan, real, pr, rd, real, pt, td, *pr = TH_PW_M(pow)(*pt, value););
  return 0;
}
#else
TH_PW_SCALAR_OP(pow, TH_PW_CHECK_EXPONENT("pow", value), *pr = THTensor_(powOf)(*pt, value);)
#endif

int THTensor_(tpow)(THTensor *r, real value, THTensor *t)
{
  THTensor view;
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  if (THTensor_(pwShape)("pow", r, 1, &t, &nd, shape) < 0)
    return -1;
  TH_PW_CHECK_EXPONENTS("pow", t);
  if (THTensor_(pwPlan)(r, 1, &t, nd, shape, &view, &plan) < 0)
    return -1;
  TH_PW_APPLY2(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&view),
               *pr = THTensor_(powOf)(value, *pt););
  return 0;
}

int THTensor_(clamp)(THTensor *r, THTensor *t, real min_value, real max_value)
{
  THTensor view;
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  if (THTensor_(pwShape)("clamp", r, 1, &t, &nd, shape) < 0)
    return -1;
  if (THTensor_(pwPlan)(r, 1, &t, nd, shape, &view, &plan) < 0)
    return -1;
  TH_PW_APPLY2(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&view),
               real x = *pt < min_value ? min_value : *pt;
               *pr = x > max_value ? max_value : x;);
  return 0;
}

/* ---- one tensor ---- */

#define TH_PW_UNARY_OP(NAME, CODE)                                                      \
  int THTensor_(NAME)(THTensor *r, THTensor *t)                                         \
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
                 CODE);                                                                 \
    return 0;                                                                           \
  }

TH_PW_UNARY_OP(neg, *pr = THTensor_(negOf)(*pt);)
#if defined(TH_PW_FLOAT)
TH_PW_UNARY_OP(abs, *pr = TH_PW_M(fabs)(*pt);)
TH_PW_UNARY_OP(sign, *pr = (real)((*pt > 0) - (*pt < 0));)
#elif defined(TH_PW_SIGNED_INT)
TH_PW_UNARY_OP(abs, *pr = *pt < 0 ? THTensor_(negOf)(*pt) : *pt;)
TH_PW_UNARY_OP(sign, *pr = (real)((*pt > 0) - (*pt < 0));)
#else
TH_PW_UNARY_OP(abs, *pr = *pt;)
TH_PW_UNARY_OP(sign, *pr = (real)(*pt > 0);)
#endif

/* ---- two tensors, broadcast: r = f(t, src) ---- */

/* Defines THTensor_(NAME)(r, t, src): CHECK (on src) runs before anything is allocated; CODE
 * sets *pr from *pt and *ps. */
#define TH_PW_BINARY_OP(NAME, CHECK, CODE)                                              \
  int THTensor_(NAME)(THTensor *r, THTensor *t, THTensor *src)                          \
  {                                                                                     \
    THTensor *in[2];                                                                    \
    THTensor views[2];                                                                  \
    THApplyPlan plan;                                                                   \
    long shape[TH_MAX_DIM];                                                             \
    int nd;                                                                             \
    in[0] = t;                                                                          \
    in[1] = src;                                                                        \
    if (THTensor_(pwShape)(#NAME, r, 2, in, &nd, shape) < 0)                            \
      return -1;                                                                        \
    CHECK;                                                                              \
    if (THTensor_(pwPlan)(r, 2, in, nd, shape, views, &plan) < 0)                       \
      return -1;                                                                        \
    TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&views[0]), \
                 real, ps, THTensor_(data)(&views[1]), CODE);                           \
    return 0;                                                                           \
  }

TH_PW_BINARY_OP(cmul, (void)0, *pr = (real)(*pt * *ps);)
TH_PW_BINARY_OP(cdiv, TH_PW_CHECK_ZEROS("div", src), *pr = THTensor_(divOf)(*pt, *ps);)
TH_PW_BINARY_OP(cfmod, TH_PW_CHECK_ZEROS("fmod", src), *pr = THTensor_(fmodOf)(*pt, *ps);)
TH_PW_BINARY_OP(cremainder, TH_PW_CHECK_ZEROS("remainder", src),
                *pr = THTensor_(remOf)(*pt, *ps);)
TH_PW_BINARY_OP(cpow, TH_PW_CHECK_EXPONENTS("pow", src), *pr = THTensor_(powOf)(*pt, *ps);)
TH_PW_BINARY_OP(cmax, (void)0, *pr = THTensor_(maxOf)(*pt, *ps);)
TH_PW_BINARY_OP(cmin, (void)0, *pr = THTensor_(minOf)(*pt, *ps);)

/* cadd/csub: t + value * src; value == 1 (the common a + b) gets a loop without the
 * multiply. */
static int THTensor_(caddImpl)(const char *op, THTensor *r, THTensor *t, real value,
                               THTensor *src)
{
  THTensor *in[2];
  THTensor views[2];
  THApplyPlan plan;
  long shape[TH_MAX_DIM];
  int nd;
  in[0] = t;
  in[1] = src;
  if (THTensor_(pwShape)(op, r, 2, in, &nd, shape) < 0)
    return -1;
  if (THTensor_(pwPlan)(r, 2, in, nd, shape, views, &plan) < 0)
    return -1;
  if (value == 1)
    TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&views[0]),
                 real, ps, THTensor_(data)(&views[1]), *pr = (real)(*pt + *ps););
  else
    TH_PW_APPLY3(&plan, real, pr, THTensor_(data)(r), real, pt, THTensor_(data)(&views[0]),
                 real, ps, THTensor_(data)(&views[1]), *pr = (real)(*pt + value * *ps););
  return 0;
}

int THTensor_(cadd)(THTensor *r, THTensor *t, real value, THTensor *src)
{
  return THTensor_(caddImpl)("add", r, t, value, src);
}

int THTensor_(csub)(THTensor *r, THTensor *t, real value, THTensor *src)
{
  return THTensor_(caddImpl)("sub", r, t, THTensor_(negOf)(value), src);
}

/* ---- three tensors: r = t + value * f(src1, src2) ---- */

static int THTensor_(addcPlan)(const char *op, int divides, THTensor *r, THTensor *t,
                               THTensor *src1, THTensor *src2, THTensor *views,
                               THApplyPlan *plan)
{
  THTensor *in[3];
  long shape[TH_MAX_DIM];
  int nd;
  in[0] = t;
  in[1] = src1;
  in[2] = src2;
  if (THTensor_(pwShape)(op, r, 3, in, &nd, shape) < 0)
    return -1;
  if (divides) {
    TH_PW_CHECK_ZEROS(op, src2);
  }
  return THTensor_(pwPlan)(r, 3, in, nd, shape, views, plan);
}

int THTensor_(addcmul)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2)
{
  THTensor views[3];
  THApplyPlan plan;
  if (THTensor_(addcPlan)("addcmul", 0, r, t, src1, src2, views, &plan) < 0)
    return -1;
  TH_PW_APPLY4(&plan, real, pr, THTensor_(data)(r), pt, THTensor_(data)(&views[0]),
               p1, THTensor_(data)(&views[1]), p2, THTensor_(data)(&views[2]),
               *pr = (real)(*pt + value * *p1 * *p2););
  return 0;
}

int THTensor_(addcdiv)(THTensor *r, THTensor *t, real value, THTensor *src1, THTensor *src2)
{
  THTensor views[3];
  THApplyPlan plan;
  if (THTensor_(addcPlan)("addcdiv", 1, r, t, src1, src2, views, &plan) < 0)
    return -1;
  TH_PW_APPLY4(&plan, real, pr, THTensor_(data)(r), pt, THTensor_(data)(&views[0]),
               p1, THTensor_(data)(&views[1]), p2, THTensor_(data)(&views[2]),
               *pr = (real)(*pt + THTensor_(divOf)((real)(value * *p1), *p2)););
  return 0;
}

#undef TH_PW_SCALAR_OP
#undef TH_PW_UNARY_OP
#undef TH_PW_BINARY_OP
#undef TH_PW_CHECK_DIVISOR
#undef TH_PW_CHECK_ZEROS
#undef TH_PW_CHECK_EXPONENT
#undef TH_PW_CHECK_EXPONENTS
#undef TH_PW_M
#undef TH_PW_FLOAT
#undef TH_PW_SIGNED_INT

#endif
