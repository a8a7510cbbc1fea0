#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/VolumetricConvolutionMM.c"
#else
/* 3D convolution as vol2col + GEMM, the volumetric twin of SpatialConvolutionMM: columns
 * holds the unfolded batch [N x K x oT*oH*oW] (K = nIn*kT*kH*kW), filled in parallel over
 * the batch; one GEMM per sample then runs on BLAS's own threads. */

#define THNN_VCONV_ARGS kT, kW, kH, dT, dW, dH, padT, padW, padH, dilationT, dilationW, dilationH

/* One volume [C x T x H x W] to columns [C*kT*kH*kW x oT*oH*oW]. */
static void THNN_(vol2col)(const real *im, const THNNVolShape *s, const int *k, const int *d,
                           const int *pad, const int *dil, real *col)
{
  long c, kt, kh, kw, ot, oh, ow;
  for (c = 0; c < s->nIn; c++)
    for (kt = 0; kt < k[0]; kt++)
      for (kh = 0; kh < k[1]; kh++)
        for (kw = 0; kw < k[2]; kw++)
          for (ot = 0; ot < s->oT; ot++) {
            long it = ot * d[0] - pad[0] + kt * dil[0];
            for (oh = 0; oh < s->oH; oh++) {
              long ih = oh * d[1] - pad[1] + kh * dil[1];
              const real *row;
              if (it < 0 || it >= s->iT || ih < 0 || ih >= s->iH) {
                memset(col, 0, sizeof(real) * s->oW);
                col += s->oW;
                continue;
              }
              row = im + ((c * s->iT + it) * s->iH + ih) * s->iW;
              for (ow = 0; ow < s->oW; ow++) {
                long iw = ow * d[2] - pad[2] + kw * dil[2];
                *col++ = iw >= 0 && iw < s->iW ? row[iw] : 0;
              }
            }
          }
}

/* Columns back into a volume, accumulating into the zeroed im. */
static void THNN_(col2vol)(const real *col, const THNNVolShape *s, const int *k, const int *d,
                           const int *pad, const int *dil, real *im)
{
  long c, kt, kh, kw, ot, oh, ow;
  memset(im, 0, sizeof(real) * s->nIn * s->iT * s->iH * s->iW);
  for (c = 0; c < s->nIn; c++)
    for (kt = 0; kt < k[0]; kt++)
      for (kh = 0; kh < k[1]; kh++)
        for (kw = 0; kw < k[2]; kw++)
          for (ot = 0; ot < s->oT; ot++) {
            long it = ot * d[0] - pad[0] + kt * dil[0];
            for (oh = 0; oh < s->oH; oh++, col += s->oW) {
              long ih = oh * d[1] - pad[1] + kh * dil[1];
              real *row;
              if (it < 0 || it >= s->iT || ih < 0 || ih >= s->iH)
                continue;
              row = im + ((c * s->iT + it) * s->iH + ih) * s->iW;
              for (ow = 0; ow < s->oW; ow++) {
                long iw = ow * d[2] - pad[2] + kw * dil[2];
                if (iw >= 0 && iw < s->iW)
                  row[iw] += col[ow];
              }
            }
          }
}

static int THNN_(vconvShape)(THTensor *input, THTensor *weight, THTensor *bias,
                             THTensor *gradOutput, THNNVolShape *s, int kT, int kW, int kH,
                             int dT, int dW, int dH, int padT, int padW, int padH,
                             int dilationT, int dilationW, int dilationH)
{
  const char *op = "VolumetricConvolutionMM";
  char b1[256], b2[256];
  long K, span[3];
  int ok, i, k[3] = {kT, kH, kW}, d[3] = {dT, dH, dW}, p[3] = {padT, padH, padW};
  int dil[3] = {dilationT, dilationH, dilationW};
  if (THNN_checkVolParams(op, k, d, p, dil) != 0 ||
      THNN_(checkDim)(op, input, 5, "batch, channels, time, height, width") != 0)
    return -1;
  s->N = input->size[0];
  s->nIn = input->size[1];
  s->iT = input->size[2];
  s->iH = input->size[3];
  s->iW = input->size[4];
  K = s->nIn * kT * kH * kW;
  s->nOut = weight->nDimension > 0 ? weight->size[0] : 0;
  ok = (weight->nDimension == 5 && weight->size[1] == s->nIn && weight->size[2] == kT &&
        weight->size[3] == kH && weight->size[4] == kW) ||
       (weight->nDimension == 2 && weight->size[1] == K);
  TH_CHECK(ok, TH_ERR_RUNTIME,
           "%s: weight of size %s does not fit input of size %s: expected "
           "[nOutputPlane x %ld x %d x %d x %d]", op,
           THTensor_(describeSize)(weight, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)), s->nIn, kT, kH, kW);
  TH_CHECK(!bias || THTensor_(nElement)(bias) == s->nOut, TH_ERR_RUNTIME,
           "%s: bias must have %ld elements (one per output plane), got size %s", op, s->nOut,
           THTensor_(describeSize)(bias, b1, sizeof(b1)));
  for (i = 0; i < 3; i++)
    span[i] = input->size[2 + i] + 2 * p[i] - (long)dil[i] * (k[i] - 1) - 1;
  if (span[0] < 0 || span[1] < 0 || span[2] < 0)
    return THError_runtime("%s: input of size %s is too small for kernel %dx%dx%d (dilation "
                           "%dx%dx%d, padding %dx%dx%d)", op,
                           THTensor_(describeSize)(input, b1, sizeof(b1)), kT, kH, kW,
                           dilationT, dilationH, dilationW, padT, padH, padW);
  s->oT = span[0] / dT + 1;
  s->oH = span[1] / dH + 1;
  s->oW = span[2] / dW + 1;
  if (gradOutput) {
    long want[5];
    want[0] = s->N;
    want[1] = s->nOut;
    want[2] = s->oT;
    want[3] = s->oH;
    want[4] = s->oW;
    TH_CHECK(THTensor_(isSize)(gradOutput, 5, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 5, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

/* Unfolds every sample of in into columns (resized), in parallel over the batch. */
static int THNN_(vconvUnfold)(THTensor *in, THTensor *columns, const THNNVolShape *s, int kT,
                              int kW, int kH, int dT, int dW, int dH, int padT, int padW,
                              int padH, int dilationT, int dilationW, int dilationH)
{
  int k[3] = {kT, kH, kW}, d[3] = {dT, dH, dW}, p[3] = {padT, padH, padW};
  int dil[3] = {dilationT, dilationH, dilationW};
  long K = s->nIn * kT * kH * kW, L = s->oT * s->oH * s->oW, b;
  long V = s->nIn * s->iT * s->iH * s->iW;
  const real *x;
  real *col;
  if (THTensor_(resize)(columns, 3, (long[]){s->N, K, L}) != 0)
    return -1;
  x = THTensor_(data)(in);
  col = THTensor_(data)(columns);
#pragma omp parallel for if (THApply_parallel(s->N * K * L) && s->N > 1)
  for (b = 0; b < s->N; b++)
    THNN_(vol2col)(x + b * V, s, k, d, p, dil, col + b * K * L);
  return 0;
}

int THNN_(VolumetricConvolutionMM_updateOutput)(THNNState *state, THTensor *input,
                                                THTensor *output, THTensor *weight,
                                                THTensor *bias, THTensor *columns, int kT,
                                                int kW, int kH, int dT, int dW, int dH,
                                                int padT, int padW, int padH, int dilationT,
                                                int dilationW, int dilationH)
{
  THTensor *in = NULL, *w = NULL, *bs = NULL;
  THNNVolShape s;
  int rc = -1;
  long K, L, b;
  TH_UNUSED(state);
  if (THNN_(vconvShape)(input, weight, bias, NULL, &s, THNN_VCONV_ARGS) != 0)
    return -1;
  K = s.nIn * kT * kH * kW;
  L = s.oT * s.oH * s.oW;
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      (bias && !(bs = THTensor_(newContiguous)(bias))) ||
      THTensor_(resize)(output, 5, (long[]){s.N, s.nOut, s.oT, s.oH, s.oW}) != 0 ||
      THNN_(vconvUnfold)(in, columns, &s, THNN_VCONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(output) == 0) {
    rc = 0;
    goto done;
  }
  if (bs)
    THNN_(addBias)(THTensor_(data)(output), THTensor_(data)(bs), s.N, s.nOut, L, 1);
  {
    const real *cols = THTensor_(data)(columns), *wd = THTensor_(data)(w);
    real *out = THTensor_(data)(output);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('n', 'n', s.nOut, L, K, 1, wd, K, cols + b * K * L, L, bs ? 1 : 0,
                  out + b * s.nOut * L, L);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  THTensor_(free)(bs);
  return rc;
}

int THNN_(VolumetricConvolutionMM_updateGradInput)(THNNState *state, THTensor *input,
                                                   THTensor *gradOutput, THTensor *gradInput,
                                                   THTensor *weight, THTensor *columns, int kT,
                                                   int kW, int kH, int dT, int dW, int dH,
                                                   int padT, int padW, int padH, int dilationT,
                                                   int dilationW, int dilationH)
{
  THTensor *go = NULL, *w = NULL;
  THNNVolShape s;
  int rc = -1;
  int k[3] = {kT, kH, kW}, d[3] = {dT, dH, dW}, p[3] = {padT, padH, padW};
  int dil[3] = {dilationT, dilationH, dilationW};
  long K, L, V, b;
  TH_UNUSED(state);
  if (THNN_(vconvShape)(input, weight, NULL, gradOutput, &s, THNN_VCONV_ARGS) != 0)
    return -1;
  K = s.nIn * kT * kH * kW;
  L = s.oT * s.oH * s.oW;
  V = s.nIn * s.iT * s.iH * s.iW;
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resize)(gradInput, 5, (long[]){s.N, s.nIn, s.iT, s.iH, s.iW}) != 0 ||
      THTensor_(resize)(columns, 3, (long[]){s.N, K, L}) != 0)
    goto done;
  if (THTensor_(nElement)(gradInput) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *g = THTensor_(data)(go), *wd = THTensor_(data)(w);
    real *gi = THTensor_(data)(gradInput), *cols = THTensor_(data)(columns);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('t', 'n', K, L, s.nOut, 1, wd, K, g + b * s.nOut * L, L, 0, cols + b * K * L,
                  L);
#pragma omp parallel for if (THApply_parallel(s.N * K * L) && s.N > 1)
    for (b = 0; b < s.N; b++)
      THNN_(col2vol)(cols + b * K * L, &s, k, d, p, dil, gi + b * V);
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

int THNN_(VolumetricConvolutionMM_accGradParameters)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradWeight,
    THTensor *gradBias, THTensor *columns, int kT, int kW, int kH, int dT, int dW, int dH,
    int padT, int padW, int padH, int dilationT, int dilationW, int dilationH, accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  THNNVolShape s;
  int rc = -1;
  long K, L, b;
  TH_UNUSED(state);
  if (THNN_(vconvShape)(input, gradWeight, gradBias, gradOutput, &s, THNN_VCONV_ARGS) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight) && (!gradBias || THTensor_(isContiguous)(gradBias)),
           TH_ERR_RUNTIME, "VolumetricConvolutionMM: gradWeight and gradBias must be contiguous");
  K = s.nIn * kT * kH * kW;
  L = s.oT * s.oH * s.oW;
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      THNN_(vconvUnfold)(in, columns, &s, THNN_VCONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(go) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *cols = THTensor_(data)(columns), *g = THTensor_(data)(go);
    real *gw = THTensor_(data)(gradWeight);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('n', 't', s.nOut, K, L, (real)scale, g + b * s.nOut * L, L, cols + b * K * L,
                  L, 1, gw, K);
    if (gradBias)
      THNN_(accGradBias)(THTensor_(data)(gradBias), g, s.N, s.nOut, L, (real)scale);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#undef THNN_VCONV_ARGS
#endif
