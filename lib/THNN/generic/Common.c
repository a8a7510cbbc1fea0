#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/Common.c"
#else
/* Helpers shared by the kernel files: row-major GEMM over Fortran BLAS, im2col/col2im for
 * one image, and the shape checks that format sizes. */

#include <string.h>

void THNN_(gemm)(char ta, char tb, long m, long n, long k, real alpha, const real *a, long lda,
                 const real *b, long ldb, real beta, real *c, long ldc)
{
  /* Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: swap the operands. */
  int im = (int)m, in = (int)n, ik = (int)k, ilda = (int)lda, ildb = (int)ldb, ildc = (int)ldc;
  if (m == 0 || n == 0)
    return;
#ifdef TH_REAL_IS_FLOAT
  TH_BLAS_GUARDED(
      TH_BLAS(sgemm_)(&tb, &ta, &in, &im, &ik, &alpha, b, &ildb, a, &ilda, &beta, c, &ildc));
#else
  TH_BLAS_GUARDED(
      TH_BLAS(dgemm_)(&tb, &ta, &in, &im, &ik, &alpha, b, &ildb, a, &ilda, &beta, c, &ildc));
#endif
}

void THNN_(im2col)(const real *im, long C, long H, long W, long kH, long kW, long padH,
                   long padW, long sH, long sW, long dilH, long dilW, long oH, long oW,
                   real *col, long ld)
{
  long c, ki, kj, oh, ow;
  real *row0 = col;
  for (c = 0; c < C; c++) {
    const real *plane = im + c * H * W;
    for (ki = 0; ki < kH; ki++) {
      for (kj = 0; kj < kW; kj++) {
        long woff = kj * dilW - padW;
        /* the columns ow with 0 <= ow*sW + woff < W */
        long lo = woff >= 0 ? 0 : (-woff + sW - 1) / sW;
        long hi = W - woff <= 0 ? 0 : (W - woff + sW - 1) / sW;
        if (hi > oW)
          hi = oW;
        if (lo > hi)
          lo = hi;
        col = row0;
        row0 += ld;
        for (oh = 0; oh < oH; oh++) {
          long ih = oh * sH - padH + ki * dilH;
          /* Rows are short (often 8..64 values): plain loops, which the compiler
           * vectorises, cost less than a memcpy/memset call each. */
          if (ih < 0 || ih >= H) {
            for (ow = 0; ow < oW; ow++)
              col[ow] = 0;
          } else {
            const real *row = plane + ih * W;
            for (ow = 0; ow < lo; ow++)
              col[ow] = 0;
            if (sW == 1) {
              const real *src = row + woff;
              for (ow = lo; ow < hi; ow++)
                col[ow] = src[ow];
            } else {
              for (ow = lo; ow < hi; ow++)
                col[ow] = row[ow * sW + woff];
            }
            for (ow = hi; ow < oW; ow++)
              col[ow] = 0;
          }
          col += oW;
        }
      }
    }
  }
}

int THNN_(im2colBatch)(THTensor *x, THTensor *columns, long N, long C, long H, long W, long oH,
                       long oW, long kH, long kW, long padH, long padW, long sH, long sW,
                       long dilH, long dilW)
{
  long K = C * kH * kW, L = oH * oW, b;
  const real *in;
  real *col;
  if (THTensor_(resize)(columns, 3, (long[]){N, K, L}) != 0)
    return -1;
  in = THTensor_(data)(x);
  col = THTensor_(data)(columns);
#pragma omp parallel for if (THApply_parallel(N * K * L) && N > 1)
  for (b = 0; b < N; b++)
    THNN_(im2col)(in + b * C * H * W, C, H, W, kH, kW, padH, padW, sH, sW, dilH, dilW, oH, oW,
                  col + b * K * L, L);
  return 0;
}

void THNN_(col2im)(const real *col, long C, long H, long W, long kH, long kW, long padH,
                   long padW, long sH, long sW, long dilH, long dilW, long oH, long oW,
                   real *im, long ld)
{
  long c, ki, kj, oh, ow;
  const real *row0 = col;
  memset(im, 0, sizeof(real) * C * H * W);
  for (c = 0; c < C; c++) {
    real *plane = im + c * H * W;
    for (ki = 0; ki < kH; ki++) {
      for (kj = 0; kj < kW; kj++) {
        long woff = kj * dilW - padW;
        long lo = woff >= 0 ? 0 : (-woff + sW - 1) / sW;
        long hi = W - woff <= 0 ? 0 : (W - woff + sW - 1) / sW;
        if (hi > oW)
          hi = oW;
        if (lo > hi)
          lo = hi;
        col = row0;
        row0 += ld;
        for (oh = 0; oh < oH; oh++) {
          long ih = oh * sH - padH + ki * dilH;
          if (ih >= 0 && ih < H) {
            real *row = plane + ih * W;
            for (ow = lo; ow < hi; ow++)
              row[ow * sW + woff] += col[ow];
          }
          col += oW;
        }
      }
    }
  }
}

void THNN_(addBias)(real *out, const real *bias, long N, long C, long HW, int fill)
{
  long nc;
#pragma omp parallel for if (THApply_parallel(N * C * HW))
  for (nc = 0; nc < N * C; nc++) {
    real *o = out + nc * HW;
    real b = bias ? bias[nc % C] : 0;
    long j;
    if (fill)
      for (j = 0; j < HW; j++)
        o[j] = b;
    else
      for (j = 0; j < HW; j++)
        o[j] += b;
  }
}

void THNN_(accGradBias)(real *gradBias, const real *go, long N, long C, long HW, real scale)
{
  long c;
#pragma omp parallel for if (THApply_parallel(N * C * HW))
  for (c = 0; c < C; c++) {
    accreal sum = 0;
    long n, j;
    for (n = 0; n < N; n++) {
      const real *g = go + (n * C + c) * HW;
      for (j = 0; j < HW; j++)
        sum += g[j];
    }
    gradBias[c] += (real)(scale * sum);
  }
}

int THNN_(checkSameSize)(const char *op, const THTensor *ref, const char *what,
                         const THTensor *t)
{
  char b1[256], b2[256];
  if (t && THTensor_(isSameSizeAs)(ref, t))
    return 0;
  if (!t)
    return THError_value("%s: %s must be given", op, what);
  return THError_runtime("%s: %s must have size %s, got %s", op, what,
                       THTensor_(describeSize)(ref, b1, sizeof(b1)),
                       THTensor_(describeSize)(t, b2, sizeof(b2)));
}

int THNN_(checkDim)(const char *op, const THTensor *t, int ndim, const char *desc)
{
  char b[256];
  if (t->nDimension == ndim)
    return 0;
  return THError_runtime("%s: Expected %dD input (%s), got %s", op, ndim, desc,
                       THTensor_(describeSize)(t, b, sizeof(b)));
}

#endif
