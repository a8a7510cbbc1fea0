/* Instantiates the helpers shared by the kernel files (BLAS, im2col, shape checks). */
#include "THNN.h"
#include "TH/THBlasSymbols.h"

int THNN_checkConvParams(const char *op, int kW, int kH, int dW, int dH, int padW, int padH,
                         int dilW, int dilH)
{
  TH_CHECK(kW > 0 && kH > 0, TH_ERR_VALUE,
           "%s: kernel size should be greater than zero, but got kH: %d kW: %d", op, kH, kW);
  TH_CHECK(dW > 0 && dH > 0, TH_ERR_VALUE,
           "%s: stride should be greater than zero, but got dH: %d dW: %d", op, dH, dW);
  TH_CHECK(dilW > 0 && dilH > 0, TH_ERR_VALUE,
           "%s: dilation should be greater than zero, but got dilationH: %d dilationW: %d", op,
           dilH, dilW);
  TH_CHECK(padW >= 0 && padH >= 0, TH_ERR_VALUE,
           "%s: padding should not be negative, but got padH: %d padW: %d", op, padH, padW);
  return 0;
}

int THNN_checkVolParams(const char *op, const int *k, const int *d, const int *pad,
                        const int *dil)
{
  TH_CHECK(k[0] > 0 && k[1] > 0 && k[2] > 0, TH_ERR_VALUE,
           "%s: kernel size should be greater than zero, but got kT: %d kH: %d kW: %d", op,
           k[0], k[1], k[2]);
  TH_CHECK(d[0] > 0 && d[1] > 0 && d[2] > 0, TH_ERR_VALUE,
           "%s: stride should be greater than zero, but got dT: %d dH: %d dW: %d", op, d[0],
           d[1], d[2]);
  TH_CHECK(dil[0] > 0 && dil[1] > 0 && dil[2] > 0, TH_ERR_VALUE,
           "%s: dilation should be greater than zero, but got dilationT: %d dilationH: %d "
           "dilationW: %d", op, dil[0], dil[1], dil[2]);
  TH_CHECK(pad[0] >= 0 && pad[1] >= 0 && pad[2] >= 0, TH_ERR_VALUE,
           "%s: padding should not be negative, but got padT: %d padH: %d padW: %d", op,
           pad[0], pad[1], pad[2]);
  return 0;
}

#define TH_GENERIC_FILE "THNN/generic/Common.c"
#include "TH/THGenerateFloatTypes.h"
