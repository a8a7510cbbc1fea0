/* Elementary functions written so that a loop calling them vectorises: no libm call, no
 * branch, only arithmetic, comparisons and bit casts. Used for float tensors, where a libm
 * call per element costs more than the memory traffic. */
#ifndef TH_VECTOR_MATH_INC
#define TH_VECTOR_MATH_INC

#include <stdint.h>
#include <string.h>

/* 2^n for -126 <= n <= 127, from its exponent bits. */
static inline float TH_pow2i(int32_t n)
{
  int32_t bits = (n + 127) << 23;
  float f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/* e^x for float, within 2 ulp of the correctly rounded value (checked against double exp
 * in the tests); overflows to inf above 88.72, underflows through the subnormals to 0
 * below -103.97; NaN stays NaN. x = n ln2 + r with |r| <= ln2/2: n is x log2(e) rounded by
 * adding and subtracting 1.5 * 2^23, ln2 is split in two parts so that n ln2 is subtracted
 * exactly, e^r is its Taylor polynomial to degree 7 (truncation under 1e-8 relative), and
 * 2^n is applied in two halves so that every n of the clamped range gives normal factors
 * and the product rounds once into the subnormals or to inf. The selects vectorise only
 * when the compiler may assume that comparisons do not trap (-fno-trapping-math). */
static inline float TH_expf(float x)
{
  const float log2e = 1.44269504088896341f;
  const float ln2_hi = 0.693359375f; /* 8 significant bits: n * ln2_hi is exact */
  const float ln2_lo = -2.12194440054690583e-4f;
  const float shifter = 12582912.0f;
  float xc, fn, r, p;
  int32_t n, n1;
  xc = x < 100.0f ? x : 100.0f;
  xc = xc > -110.0f ? xc : -110.0f;
  fn = (xc * log2e + shifter) - shifter;
  n = (int32_t)fn;
  r = (xc - fn * ln2_hi) - fn * ln2_lo;
  p = 1.0f / 5040;
  p = p * r + 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  n1 = n >> 1;
  p = p * TH_pow2i(n1) * TH_pow2i(n - n1);
  return x == x ? p : x;
}

#endif
