#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialConvolutionBatch.c"
#else
/* 2D convolution as im2col + ONE GEMM for the whole batch. columns holds the unfolded batch
 * as one matrix [K x N*L] (K = nIn*kH*kW, L = oH*oW; sample b owns the columns b*L ..
 * b*L+L-1), filled in parallel over (sample, channel) pairs; buffer holds a [nOut x N*L]
 * matrix: the GEMM's result (forward) or the permuted gradOutput (backward). Each call runs
 * one GEMM on BLAS's threads between OpenMP loops, instead of one small GEMM per sample.
 * Shapes and argument rules are those of SpatialConvolutionMM (same file unit: convMMShape). */

#define THNN_CONV_ARGS kW, kH, dW, dH, padW, padH, dilationW, dilationH

/* Checks what SpatialConvolutionMM checks, and that N*L and K fit BLAS's int sizes. */
static int THNN_(convBatchShape)(THTensor *input, THTensor *weight, THTensor *bias,
                                 THTensor *gradOutput, THNNConvShape *s, int kW, int kH,
                                 int dW, int dH, int padW, int padH, int dilationW,
                                 int dilationH)
{
  if (THNN_(convMMShape)(input, weight, bias, gradOutput, s, THNN_CONV_ARGS) != 0)
    return -1;
  TH_CHECK(s->N * s->oH * s->oW <= INT_MAX && s->nIn * kH * kW <= INT_MAX, TH_ERR_RUNTIME,
           "SpatialConvolutionBatch: batch of %ld samples with %ldx%ld outputs (%ld "
           "columns) exceeds BLAS's int sizes", s->N, s->oH, s->oW, s->N * s->oH * s->oW);
  return 0;
}

/* columns [K x N*L] from in [N x nIn x iH x iW] (contiguous), parallel over (b, c). */
static int THNN_(convBatchUnfold)(THTensor *in, THTensor *columns, const THNNConvShape *s,
                                  int kW, int kH, int dW, int dH, int padW, int padH,
                                  int dilationW, int dilationH)
{
  long K = s->nIn * kH * kW, L = s->oH * s->oW, NL = s->N * L, kk = (long)kH * kW, bc;
  const real *x;
  real *col;
  if (THTensor_(resize)(columns, 2, (long[]){K, NL}) != 0)
    return -1;
  x = THTensor_(data)(in);
  col = THTensor_(data)(columns);
#pragma omp parallel for if (THApply_parallel(K * NL) && s->N * s->nIn > 1)
  for (bc = 0; bc < s->N * s->nIn; bc++) {
    long b = bc / s->nIn, c = bc % s->nIn;
    THNN_(im2col)(x + bc * s->iH * s->iW, 1, s->iH, s->iW, kH, kW, padH, padW, dH, dW,
                  dilationH, dilationW, s->oH, s->oW, col + c * kk * NL + b * L, NL);
  }
  return 0;
}

/* buf [C x N*L] = g [N x C x L] with rows regrouped (parallel over (b, c)). */
static void THNN_(convBatchGather)(real *buf, const real *g, long N, long C, long L)
{
  long bc;
#pragma omp parallel for if (THApply_parallel(N * C * L))
  for (bc = 0; bc < N * C; bc++) {
    long b = bc / C, c = bc % C;
    memcpy(buf + c * N * L + b * L, g + bc * L, sizeof(real) * L);
  }
}

int THNN_(SpatialConvolutionBatch_updateOutput)(THNNState *state, THTensor *input,
                                                THTensor *output, THTensor *weight,
                                                THTensor *bias, THTensor *columns,
                                                THTensor *buffer, int kW, int kH, int dW,
                                                int dH, int padW, int padH, int dilationW,
                                                int dilationH)
{
  THTensor *in = NULL, *w = NULL, *bs = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1;
  long K, L, NL, bo;
  TH_UNUSED(state);
  if (THNN_(convBatchShape)(input, weight, bias, NULL, &s, THNN_CONV_ARGS) != 0)
    return -1;
  K = s.nIn * kH * kW;
  L = s.oH * s.oW;
  NL = s.N * L;
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      (bias && !(bs = THTensor_(newContiguous)(bias))) ||
      THTensor_(resize)(output, 4, (long[]){s.N, s.nOut, s.oH, s.oW}) != 0 ||
      THTensor_(resize)(buffer, 2, (long[]){s.nOut, NL}) != 0 ||
      THNN_(convBatchUnfold)(in, columns, &s, THNN_CONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(output) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *wd = THTensor_(data)(w), *bd = bs ? THTensor_(data)(bs) : NULL;
    real *tmp = THTensor_(data)(buffer), *out = THTensor_(data)(output);
    long nOut = s.nOut;
    THNN_(gemm)('n', 'n', nOut, NL, K, 1, wd, K, THTensor_(data)(columns), NL, 0, tmp, NL);
    /* out[b][o] = tmp[o][b*L ..] + bias[o] */
#pragma omp parallel for if (THApply_parallel(nOut * NL))
    for (bo = 0; bo < s.N * nOut; bo++) {
      long b = bo / nOut, o = bo % nOut, j;
      const real *src = tmp + o * NL + b * L;
      real *dst = out + bo * L;
      if (bd) {
        real bv = bd[o];
        for (j = 0; j < L; j++)
          dst[j] = src[j] + bv;
      } else {
        memcpy(dst, src, sizeof(real) * L);
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  THTensor_(free)(bs);
  return rc;
}

int THNN_(SpatialConvolutionBatch_updateGradInput)(THNNState *state, THTensor *input,
                                                   THTensor *gradOutput, THTensor *gradInput,
                                                   THTensor *weight, THTensor *columns,
                                                   THTensor *buffer, int kW, int kH, int dW,
                                                   int dH, int padW, int padH, int dilationW,
                                                   int dilationH)
{
  THTensor *go = NULL, *w = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1;
  long K, L, NL, kk = (long)kH * kW, bc;
  TH_UNUSED(state);
  if (THNN_(convBatchShape)(input, weight, NULL, gradOutput, &s, THNN_CONV_ARGS) != 0)
    return -1;
  K = s.nIn * kk;
  L = s.oH * s.oW;
  NL = s.N * L;
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resize)(gradInput, 4, (long[]){s.N, s.nIn, s.iH, s.iW}) != 0 ||
      THTensor_(resize)(columns, 2, (long[]){K, NL}) != 0 ||
      THTensor_(resize)(buffer, 2, (long[]){s.nOut, NL}) != 0)
    goto done;
  if (THTensor_(nElement)(gradInput) == 0) {
    rc = 0;
    goto done;
  }
  {
    real *g = THTensor_(data)(buffer), *cols = THTensor_(data)(columns);
    real *gi = THTensor_(data)(gradInput);
    THNN_(convBatchGather)(g, THTensor_(data)(go), s.N, s.nOut, L);
    THNN_(gemm)('t', 'n', K, NL, s.nOut, 1, THTensor_(data)(w), K, g, NL, 0, cols, NL);
#pragma omp parallel for if (THApply_parallel(K * NL) && s.N * s.nIn > 1)
    for (bc = 0; bc < s.N * s.nIn; bc++) {
      long b = bc / s.nIn, c = bc % s.nIn;
      THNN_(col2im)(cols + c * kk * NL + b * L, 1, s.iH, s.iW, kH, kW, padH, padW, dH, dW,
                    dilationH, dilationW, s.oH, s.oW, gi + bc * s.iH * s.iW, NL);
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

int THNN_(SpatialConvolutionBatch_accGradParameters)(THNNState *state, THTensor *input,
                                                     THTensor *gradOutput,
                                                     THTensor *gradWeight, THTensor *gradBias,
                                                     THTensor *columns, THTensor *buffer,
                                                     int kW, int kH, int dW, int dH, int padW,
                                                     int padH, int dilationW, int dilationH,
                                                     accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1;
  long K, L, NL, o;
  TH_UNUSED(state);
  if (THNN_(convBatchShape)(input, gradWeight, gradBias, gradOutput, &s, THNN_CONV_ARGS) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight) && (!gradBias || THTensor_(isContiguous)(gradBias)),
           TH_ERR_RUNTIME, "SpatialConvolutionBatch: gradWeight and gradBias must be contiguous");
  K = s.nIn * kH * kW;
  L = s.oH * s.oW;
  NL = s.N * L;
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      THTensor_(resize)(buffer, 2, (long[]){s.nOut, NL}) != 0 ||
      THNN_(convBatchUnfold)(in, columns, &s, THNN_CONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(go) == 0) {
    rc = 0;
    goto done;
  }
  {
    real *g = THTensor_(data)(buffer);
    THNN_(convBatchGather)(g, THTensor_(data)(go), s.N, s.nOut, L);
    THNN_(gemm)('n', 't', s.nOut, K, NL, (real)scale, g, NL, THTensor_(data)(columns), NL, 1,
                THTensor_(data)(gradWeight), K);
    if (gradBias) {
      real *gb = THTensor_(data)(gradBias);
#pragma omp parallel for if (THApply_parallel(s.nOut * NL))
      for (o = 0; o < s.nOut; o++) {
        const real *r = g + o * NL;
        accreal sum = 0;
        long j;
        for (j = 0; j < NL; j++)
          sum += r[j];
        gb[o] += (real)(scale * sum);
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#undef THNN_CONV_ARGS
#endif
