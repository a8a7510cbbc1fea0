#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialFullConvolution.c"
#else
/* Transposed 2D convolution: the gradient of SpatialConvolutionMM with respect to its input.
 * Forward: columns[b] = W^T x[b] (one GEMM per sample), then col2im in parallel over the
 * batch; backward: im2col of gradOutput, then GEMMs. weight is [nIn x nOut x kH x kW]. */

#define THNN_FCONV_ARGS kW, kH, dW, dH, padW, padH, dilationW, dilationH

static int THNN_(fullConvShape)(THTensor *input, THTensor *weight, THTensor *bias,
                                THTensor *gradOutput, THNNConvShape *s, int kW, int kH, int dW,
                                int dH, int padW, int padH, int dilationW, int dilationH,
                                int adjW, int adjH)
{
  const char *op = "SpatialFullConvolution";
  char b1[256], b2[256];
  if (THNN_checkConvParams(op, THNN_FCONV_ARGS) != 0 ||
      THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(adjW >= 0 && adjH >= 0 && (adjW < dW || adjW < dilationW) &&
           (adjH < dH || adjH < dilationH), TH_ERR_VALUE,
           "%s: output padding (adjH: %d adjW: %d) must be smaller than either stride "
           "(dH: %d dW: %d) or dilation (dilationH: %d dilationW: %d)", op, adjH, adjW, dH, dW,
           dilationH, dilationW);
  s->N = input->size[0];
  s->nIn = input->size[1];
  s->iH = input->size[2];
  s->iW = input->size[3];
  TH_CHECK(weight->nDimension == 4 && weight->size[0] == s->nIn && weight->size[2] == kH &&
           weight->size[3] == kW, TH_ERR_RUNTIME,
           "%s: weight of size %s does not fit input of size %s: expected "
           "[%ld x nOutputPlane x %d x %d]", op, THTensor_(describeSize)(weight, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)), s->nIn, kH, kW);
  s->nOut = weight->size[1];
  TH_CHECK(!bias || THTensor_(nElement)(bias) == s->nOut, TH_ERR_RUNTIME,
           "%s: bias must have %ld elements (one per output plane), got size %s", op, s->nOut,
           THTensor_(describeSize)(bias, b1, sizeof(b1)));
  s->oH = (s->iH - 1) * dH - 2 * padH + dilationH * (kH - 1) + adjH + 1;
  s->oW = (s->iW - 1) * dW - 2 * padW + dilationW * (kW - 1) + adjW + 1;
  TH_CHECK(s->oH >= 1 && s->oW >= 1, TH_ERR_RUNTIME,
           "%s: input of size %s is too small: calculated output size would be %ldx%ld", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)), s->oH, s->oW);
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

/* im2col of every sample of gradOutput [N x nOut x oH x oW] into columns
 * [N x nOut*kH*kW x iH*iW]. */
static int THNN_(fullConvUnfold)(THTensor *go, THTensor *columns, const THNNConvShape *s, int kW,
                                 int kH, int dW, int dH, int padW, int padH, int dilationW,
                                 int dilationH)
{
  return THNN_(im2colBatch)(go, columns, s->N, s->nOut, s->oH, s->oW, s->iH, s->iW, kH, kW, padH,
                            padW, dH, dW, dilationH, dilationW);
}

int THNN_(SpatialFullConvolution_updateOutput)(THNNState *state, THTensor *input,
                                               THTensor *output, THTensor *weight,
                                               THTensor *bias, THTensor *columns, int kW, int kH,
                                               int dW, int dH, int padW, int padH,
                                               int dilationW, int dilationH, int adjW, int adjH)
{
  THTensor *in = NULL, *w = NULL, *bs = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  long M, L, b;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(fullConvShape)(input, weight, bias, NULL, &s, THNN_FCONV_ARGS, adjW, adjH) != 0)
    return -1;
  M = s.nOut * kH * kW;
  L = s.iH * s.iW;
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      (bias && !(bs = THTensor_(newContiguous)(bias))) ||
      THTensor_(resize)(output, 4, (long[]){s.N, s.nOut, s.oH, s.oW}) != 0 ||
      THTensor_(resize)(columns, 3, (long[]){s.N, M, L}) != 0)
    goto done;
  if (THTensor_(nElement)(output) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x = THTensor_(data)(in), *wd = THTensor_(data)(w);
    real *col = THTensor_(data)(columns), *out = THTensor_(data)(output);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('t', 'n', M, L, s.nIn, 1, wd, M, x + b * s.nIn * L, L, 0, col + b * M * L, L);
#pragma omp parallel for if (THApply_parallel(s.N * M * L) && s.N > 1)
    for (b = 0; b < s.N; b++)
      THNN_(col2im)(col + b * M * L, s.nOut, s.oH, s.oW, kH, kW, padH, padW, dH, dW, dilationH,
                    dilationW, s.iH, s.iW, out + b * s.nOut * s.oH * s.oW, L);
    if (bs)
      THNN_(addBias)(out, THTensor_(data)(bs), s.N, s.nOut, s.oH * s.oW, 0);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  THTensor_(free)(bs);
  return rc;
}

int THNN_(SpatialFullConvolution_updateGradInput)(THNNState *state, THTensor *input,
                                                  THTensor *gradOutput, THTensor *gradInput,
                                                  THTensor *weight, THTensor *columns, int kW,
                                                  int kH, int dW, int dH, int padW, int padH,
                                                  int dilationW, int dilationH, int adjW,
                                                  int adjH)
{
  THTensor *go = NULL, *w = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  long M, L, b;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(fullConvShape)(input, weight, NULL, gradOutput, &s, THNN_FCONV_ARGS, adjW, adjH) != 0)
    return -1;
  M = s.nOut * kH * kW;
  L = s.iH * s.iW;
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resize)(gradInput, 4, (long[]){s.N, s.nIn, s.iH, s.iW}) != 0 ||
      THNN_(fullConvUnfold)(go, columns, &s, THNN_FCONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(gradInput) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *col = THTensor_(data)(columns), *wd = THTensor_(data)(w);
    real *gi = THTensor_(data)(gradInput);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('n', 'n', s.nIn, L, M, 1, wd, M, col + b * M * L, L, 0, gi + b * s.nIn * L, L);
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

int THNN_(SpatialFullConvolution_accGradParameters)(THNNState *state, THTensor *input,
                                                    THTensor *gradOutput, THTensor *gradWeight,
                                                    THTensor *gradBias, THTensor *columns,
                                                    int kW, int kH, int dW, int dH, int padW,
                                                    int padH, int dilationW, int dilationH,
                                                    int adjW, int adjH, accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  THNNConvShape s = {0}; /* filled by the shape check */
  long M, L, b;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(fullConvShape)(input, gradWeight, gradBias, gradOutput, &s, THNN_FCONV_ARGS, adjW,
                           adjH) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight) && (!gradBias || THTensor_(isContiguous)(gradBias)),
           TH_ERR_RUNTIME, "SpatialFullConvolution: gradWeight and gradBias must be contiguous");
  M = s.nOut * kH * kW;
  L = s.iH * s.iW;
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      THNN_(fullConvUnfold)(go, columns, &s, THNN_FCONV_ARGS) != 0)
    goto done;
  if (THTensor_(nElement)(go) == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x = THTensor_(data)(in), *col = THTensor_(data)(columns);
    real *gw = THTensor_(data)(gradWeight);
    for (b = 0; b < s.N; b++)
      THNN_(gemm)('n', 't', s.nIn, M, L, (real)scale, x + b * s.nIn * L, L, col + b * M * L, L, 1,
                  gw, M);
    if (gradBias)
      THNN_(accGradBias)(THTensor_(data)(gradBias), THTensor_(data)(go), s.N, s.nOut,
                         s.oH * s.oW, (real)scale);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#undef THNN_FCONV_ARGS
#endif
