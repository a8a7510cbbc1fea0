#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialConvolutionMM.c"
#else
/* 2D convolution as im2col + GEMM, one sample at a time (K = nIn*kH*kW, L = oH*oW): the
 * sample is unfolded into columns [K x L] and multiplied by the weight [nOut x K]. A 1x1
 * convolution with stride 1 and no padding skips the unfolding. */

#define THNN_CONV_ARGS kW, kH, dW, dH, padW, padH, dilationW, dilationH

/* Checks input, weight [nOut x nIn x kH x kW] or [nOut x nIn*kH*kW], bias and (when given)
 * gradOutput; fills *s. */
static int THNN_(convMMShape)(THTensor *input, THTensor *weight, THTensor *bias,
                              THTensor *gradOutput, THNNConvShape *s, int kW, int kH, int dW,
                              int dH, int padW, int padH, int dilationW, int dilationH)
{
  const char *op = "SpatialConvolutionMM";
  char b1[256], b2[256];
  long K;
  int ok;
  if (THNN_checkConvParams(op, THNN_CONV_ARGS) != 0 ||
      THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  s->N = input->size[0];
  s->nIn = input->size[1];
  s->iH = input->size[2];
  s->iW = input->size[3];
  K = s->nIn * kH * kW;
  s->nOut = weight->nDimension > 0 ? weight->size[0] : 0;
  ok = (weight->nDimension == 4 && weight->size[1] == s->nIn && weight->size[2] == kH &&
        weight->size[3] == kW) || (weight->nDimension == 2 && weight->size[1] == K);
  TH_CHECK(ok, TH_ERR_RUNTIME,
           "%s: weight of size %s does not fit input of size %s: expected "
           "[nOutputPlane x %ld x %d x %d]", op, THTensor_(describeSize)(weight, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)), s->nIn, kH, kW);
  TH_CHECK(!bias || THTensor_(nElement)(bias) == s->nOut, TH_ERR_RUNTIME,
           "%s: bias must have %ld elements (one per output plane), got size %s", op, s->nOut,
           THTensor_(describeSize)(bias, b1, sizeof(b1)));
  s->oH = (s->iH + 2 * padH - dilationH * (kH - 1) - 1) / dH + 1;
  s->oW = (s->iW + 2 * padW - dilationW * (kW - 1) - 1) / dW + 1;
  if (s->iH + 2 * padH - dilationH * (kH - 1) - 1 < 0 ||
      s->iW + 2 * padW - dilationW * (kW - 1) - 1 < 0)
    return THError_runtime("%s: input of size %s is too small for kernel %dx%d (dilation %dx%d, "
                           "padding %dx%d): calculated output size would be %ldx%ld", op,
                           THTensor_(describeSize)(input, b1, sizeof(b1)), kH, kW, dilationH,
                           dilationW, padH, padW,
                           (s->iH + 2 * padH - dilationH * (kH - 1) - 1) / dH + 1,
                           (s->iW + 2 * padW - dilationW * (kW - 1) - 1) / dW + 1);
  if (gradOutput) {
    long want[4];
    want[0] = s->N;
    want[1] = s->nOut;
    want[2] = s->oH;
    want[3] = s->oW;
    TH_CHECK(THTensor_(isSize)(gradOutput, 4, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 4, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

static int THNN_(convIs1x1)(int kW, int kH, int dW, int dH, int padW, int padH)
{
  return kW == 1 && kH == 1 && dW == 1 && dH == 1 && padW == 0 && padH == 0;
}

/* The per-sample work of the three kernels. With a batch divided among the threads
 * (THNN_perThreadBatch) each thread unfolds one sample into its own slice of columns, which
 * stays in its cache, and runs a serial GEMM on it; otherwise samples run one after another
 * and BLAS threads each GEMM. Column slices hold K*L values per thread. */

/* The columns [K x L] of one sample x: x itself for a 1x1 convolution, else col filled. */
static const real *THNN_(convColumns)(const real *x, real *col, const THNNConvShape *s, int one,
                                      int kW, int kH, int dW, int dH, int padW, int padH,
                                      int dilationW, int dilationH)
{
  if (one)
    return x;
  THNN_(im2col)(x, s->nIn, s->iH, s->iW, kH, kW, padH, padW, dH, dW, dilationH, dilationW,
                s->oH, s->oW, col, s->oH * s->oW);
  return col;
}

static void THNN_(convForwardSample)(const real *x, const real *wd, const real *bd, real *out,
                                     real *col, const THNNConvShape *s, int one, int kW,
                                     int kH, int dW, int dH, int padW, int padH,
                                     int dilationW, int dilationH)
{
  long K = s->nIn * kH * kW, L = s->oH * s->oW;
  const real *cols = THNN_(convColumns)(x, col, s, one, THNN_CONV_ARGS);
  if (bd)
    THNN_(addBias)(out, bd, 1, s->nOut, L, 1);
  THNN_(gemm)('n', 'n', s->nOut, L, K, 1, wd, K, cols, L, bd ? 1 : 0, out, L);
}

int THNN_(SpatialConvolutionMM_updateOutput)(THNNState *state, THTensor *input,
                                             THTensor *output, THTensor *weight,
                                             THTensor *bias, THTensor *columns, int kW, int kH,
                                             int dW, int dH, int padW, int padH, int dilationW,
                                             int dilationH)
{
  THTensor *in = NULL, *w = NULL, *bs = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1, one = THNN_(convIs1x1)(kW, kH, dW, dH, padW, padH);
  int par;
  long K, L, b;
  TH_UNUSED(state);
  if (THNN_(convMMShape)(input, weight, bias, NULL, &s, THNN_CONV_ARGS) != 0)
    return -1;
  K = s.nIn * kH * kW;
  L = s.oH * s.oW;
  par = THNN_perThreadBatch(s.N);
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      (bias && !(bs = THTensor_(newContiguous)(bias))) ||
      THTensor_(resize)(output, 4, (long[]){s.N, s.nOut, s.oH, s.oW}) != 0 ||
      (!one && THTensor_(resize)(columns, 2, (long[]){par ? THGetNumThreads() : 1, K * L}) != 0))
    goto done;
  if (THTensor_(nElement)(output) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x = THTensor_(data)(in), *wd = THTensor_(data)(w);
    const real *bd = bs ? THTensor_(data)(bs) : NULL;
    real *out = THTensor_(data)(output), *cols = one ? NULL : THTensor_(data)(columns);
    long xs = s.nIn * s.iH * s.iW, os = s.nOut * L;
    if (par) {
      THBlasSerialBegin();
#pragma omp parallel for schedule(static)
      for (b = 0; b < s.N; b++)
        THNN_(convForwardSample)(x + b * xs, wd, bd, out + b * os,
                                 cols ? cols + THNN_threadIndex() * K * L : NULL, &s, one,
                                 THNN_CONV_ARGS);
      THBlasSerialEnd();
    } else {
      for (b = 0; b < s.N; b++)
        THNN_(convForwardSample)(x + b * xs, wd, bd, out + b * os, cols, &s, one,
                                 THNN_CONV_ARGS);
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  THTensor_(free)(bs);
  return rc;
}

static void THNN_(convGradInputSample)(const real *g, const real *wd, real *gi, real *col,
                                       const THNNConvShape *s, int one, int kW, int kH, int dW,
                                       int dH, int padW, int padH, int dilationW,
                                       int dilationH)
{
  long K = s->nIn * kH * kW, L = s->oH * s->oW;
  THNN_(gemm)('t', 'n', K, L, s->nOut, 1, wd, K, g, L, 0, one ? gi : col, L);
  if (!one)
    THNN_(col2im)(col, s->nIn, s->iH, s->iW, kH, kW, padH, padW, dH, dW, dilationH, dilationW,
                  s->oH, s->oW, gi, L);
}

int THNN_(SpatialConvolutionMM_updateGradInput)(THNNState *state, THTensor *input,
                                                THTensor *gradOutput, THTensor *gradInput,
                                                THTensor *weight, THTensor *columns, int kW,
                                                int kH, int dW, int dH, int padW, int padH,
                                                int dilationW, int dilationH)
{
  THTensor *go = NULL, *w = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1, one = THNN_(convIs1x1)(kW, kH, dW, dH, padW, padH);
  int par;
  long K, L, b;
  TH_UNUSED(state);
  if (THNN_(convMMShape)(input, weight, NULL, gradOutput, &s, THNN_CONV_ARGS) != 0)
    return -1;
  K = s.nIn * kH * kW;
  L = s.oH * s.oW;
  par = THNN_perThreadBatch(s.N);
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resize)(gradInput, 4, (long[]){s.N, s.nIn, s.iH, s.iW}) != 0 ||
      (!one && THTensor_(resize)(columns, 2, (long[]){par ? THGetNumThreads() : 1, K * L}) != 0))
    goto done;
  if (THTensor_(nElement)(gradInput) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *g = THTensor_(data)(go), *wd = THTensor_(data)(w);
    real *gi = THTensor_(data)(gradInput), *cols = one ? NULL : THTensor_(data)(columns);
    long gs = s.nOut * L, is = s.nIn * s.iH * s.iW;
    if (par) {
      THBlasSerialBegin();
#pragma omp parallel for schedule(static)
      for (b = 0; b < s.N; b++)
        THNN_(convGradInputSample)(g + b * gs, wd, gi + b * is,
                                   cols ? cols + THNN_threadIndex() * K * L : NULL, &s, one,
                                   THNN_CONV_ARGS);
      THBlasSerialEnd();
    } else {
      for (b = 0; b < s.N; b++)
        THNN_(convGradInputSample)(g + b * gs, wd, gi + b * is, cols, &s, one,
                                   THNN_CONV_ARGS);
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

/* gw += scale * g [nOut x L] . unfold(x)^T */
static void THNN_(convGradWeightSample)(const real *x, const real *g, real *gw, real *col,
                                        real scale, const THNNConvShape *s, int one, int kW,
                                        int kH, int dW, int dH, int padW, int padH,
                                        int dilationW, int dilationH)
{
  long K = s->nIn * kH * kW, L = s->oH * s->oW;
  const real *cols = THNN_(convColumns)(x, col, s, one, THNN_CONV_ARGS);
  THNN_(gemm)('n', 't', s->nOut, K, L, scale, g, L, cols, L, 1, gw, K);
}

int THNN_(SpatialConvolutionMM_accGradParameters)(THNNState *state, THTensor *input,
                                                  THTensor *gradOutput, THTensor *gradWeight,
                                                  THTensor *gradBias, THTensor *columns, int kW,
                                                  int kH, int dW, int dH, int padW, int padH,
                                                  int dilationW, int dilationH, accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  int rc = -1, one = THNN_(convIs1x1)(kW, kH, dW, dH, padW, padH);
  int par, T;
  long K, L, KL, W, b;
  TH_UNUSED(state);
  if (THNN_(convMMShape)(input, gradWeight, gradBias, gradOutput, &s, THNN_CONV_ARGS) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight) && (!gradBias || THTensor_(isContiguous)(gradBias)),
           TH_ERR_RUNTIME, "SpatialConvolutionMM: gradWeight and gradBias must be contiguous");
  K = s.nIn * kH * kW;
  L = s.oH * s.oW;
  par = THNN_perThreadBatch(s.N);
  T = par ? THGetNumThreads() : 1;
  KL = one ? 0 : K * L;
  W = s.nOut * K;
  /* per thread: its columns, then (in parallel) its own partial gradWeight */
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      THTensor_(resize)(columns, 2, (long[]){T, KL + (par ? W : 0)}) != 0)
    goto done;
  if (THTensor_(nElement)(go) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x = THTensor_(data)(in), *g = THTensor_(data)(go);
    real *gw = THTensor_(data)(gradWeight), *cols = THTensor_(data)(columns);
    long xs = s.nIn * s.iH * s.iW, gs = s.nOut * L, slice = KL + (par ? W : 0);
    if (par) {
      long i;
      memset(cols, 0, sizeof(real) * T * slice);
      THBlasSerialBegin();
#pragma omp parallel for schedule(static)
      for (b = 0; b < s.N; b++) {
        real *mine = cols + THNN_threadIndex() * slice;
        THNN_(convGradWeightSample)(x + b * xs, g + b * gs, mine + KL, mine, (real)scale, &s,
                                    one, THNN_CONV_ARGS);
      }
      THBlasSerialEnd();
      /* the partial sums, added in thread order: the result does not depend on timing */
#pragma omp parallel for if (THApply_parallel(T * W))
      for (i = 0; i < W; i++) {
        real sum = gw[i];
        int t;
        for (t = 0; t < T; t++)
          sum += cols[t * slice + KL + i];
        gw[i] = sum;
      }
    } else {
      for (b = 0; b < s.N; b++)
        THNN_(convGradWeightSample)(x + b * xs, g + b * gs, gw, cols, (real)scale, &s, one,
                                    THNN_CONV_ARGS);
    }
    if (gradBias)
      THNN_(accGradBias)(THTensor_(data)(gradBias), g, s.N, s.nOut, L, (real)scale);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#undef THNN_CONV_ARGS
#endif
