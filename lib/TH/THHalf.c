/* THHalf: conversions between half and single precision, round to nearest even. */
#include "THHalf.h"

#include <string.h>

float TH_half2float(THHalf h)
{
  uint32_t sign = (uint32_t)(h.x >> 15) << 31;
  uint32_t exp = (h.x >> 10) & 0x1f;
  uint32_t mant = h.x & 0x3ff;
  uint32_t bits;
  float f;
  if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else { /* subnormal: normalise */
      int e = -1;
      do {
        e++;
        mant <<= 1;
      } while (!(mant & 0x400));
      bits = sign | ((uint32_t)(127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
    }
  } else {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  }
  memcpy(&f, &bits, sizeof(f));
  return f;
}

THHalf TH_float2half(float f)
{
  uint32_t bits, sign, mant;
  int32_t exp;
  THHalf h;
  memcpy(&bits, &f, sizeof(bits));
  sign = (bits >> 16) & 0x8000;
  exp = (int32_t)((bits >> 23) & 0xff) - 127 + 15;
  mant = bits & 0x7fffff;
  if (((bits >> 23) & 0xff) == 0xff) { /* inf or nan */
    h.x = (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
    return h;
  }
  if (exp >= 0x1f) { /* overflow */
    h.x = (uint16_t)(sign | 0x7c00);
    return h;
  }
  if (exp <= 0) { /* subnormal or zero */
    uint32_t shift, half_mant, rem, halfway;
    if (exp < -10) {
      h.x = (uint16_t)sign;
      return h;
    }
    mant |= 0x800000;
    shift = (uint32_t)(14 - exp);
    half_mant = mant >> shift;
    rem = mant & ((1u << shift) - 1);
    halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (half_mant & 1)))
      half_mant++;
    h.x = (uint16_t)(sign | half_mant);
    return h;
  }
  {
    uint32_t half_mant = mant >> 13;
    uint32_t rem = mant & 0x1fff;
    uint32_t out = sign | ((uint32_t)exp << 10) | half_mant;
    if (rem > 0x1000 || (rem == 0x1000 && (half_mant & 1)))
      out++; /* may carry into the exponent, which is the right rounding */
    h.x = (uint16_t)out;
  }
  return h;
}
