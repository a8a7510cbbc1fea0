#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/TemporalConvolution.c"
#else
/* 1D convolution over frames: input [N x T x F] (or [T x F]), frames of F features,
 * weight [O x kW*F], output [N x T' x O]. Frame t of the window at output o is input row
 * o*dW + t, so for each kernel tap the rows read form a strided matrix: one GEMM per tap and
 * sample, straight on the input (no unfolding, no buffer). */

/* Checks; fills batch N, frames T, output frames oT; 2D input is one sample. */
static int THNN_(temporalShape)(THTensor *input, THTensor *weight, THTensor *bias,
                                THTensor *gradOutput, int kW, int dW, int inputFrameSize,
                                int outputFrameSize, long *N, long *T, long *oT)
{
  const char *op = "TemporalConvolution";
  char b1[256], b2[256];
  int d = input->nDimension;
  TH_CHECK(kW > 0 && dW > 0, TH_ERR_VALUE,
           "%s: kernel width and stride must be positive, got kW: %d dW: %d", op, kW, dW);
  TH_CHECK(d == 2 || d == 3, TH_ERR_RUNTIME,
           "%s: Expected 2D or 3D input (batch, frames, features), got %s", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)));
  TH_CHECK(input->size[d - 1] == inputFrameSize, TH_ERR_RUNTIME,
           "%s: input of size %s does not have inputFrameSize %d features per frame", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)), inputFrameSize);
  TH_CHECK(THTensor_(isSize)(weight, 2, (long[]){outputFrameSize, (long)kW * inputFrameSize}),
           TH_ERR_RUNTIME, "%s: weight must have size [%d x %ld], got %s", op, outputFrameSize,
           (long)kW * inputFrameSize, THTensor_(describeSize)(weight, b1, sizeof(b1)));
  TH_CHECK(!bias || THTensor_(nElement)(bias) == outputFrameSize, TH_ERR_RUNTIME,
           "%s: bias must have %d elements, got size %s", op, outputFrameSize,
           THTensor_(describeSize)(bias, b1, sizeof(b1)));
  *N = d == 3 ? input->size[0] : 1;
  *T = input->size[d - 2];
  TH_CHECK(*T >= kW, TH_ERR_RUNTIME, "%s: input of size %s has fewer frames than the kernel "
           "width %d", op, THTensor_(describeSize)(input, b1, sizeof(b1)), kW);
  *oT = (*T - kW) / dW + 1;
  if (gradOutput) {
    long want[3] = {*N, *oT, outputFrameSize};
    TH_CHECK(THTensor_(isSize)(gradOutput, d, want + (3 - d)), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), d, want + (3 - d)),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

int THNN_(TemporalConvolution_updateOutput)(THNNState *state, THTensor *input,
                                            THTensor *output, THTensor *weight, THTensor *bias,
                                            int kW, int dW, int inputFrameSize,
                                            int outputFrameSize)
{
  THTensor *in = NULL, *w = NULL, *bs = NULL;
  long N, T, oT, b, j, F = inputFrameSize, O = outputFrameSize;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(temporalShape)(input, weight, bias, NULL, kW, dW, inputFrameSize, outputFrameSize,
                           &N, &T, &oT) != 0)
    return -1;
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      (bias && !(bs = THTensor_(newContiguous)(bias))) ||
      THTensor_(resize)(output, input->nDimension,
                        input->nDimension == 3 ? (long[]){N, oT, O} : (long[]){oT, O}) != 0)
    goto done;
  if (N * oT * O == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x = THTensor_(data)(in), *wd = THTensor_(data)(w);
    real *y = THTensor_(data)(output);
    /* bias per output feature: rows of [N*oT x O] */
    THNN_(addBias)(y, bs ? THTensor_(data)(bs) : NULL, N * oT, O, 1, 1);
    for (b = 0; b < N; b++)
      for (j = 0; j < kW; j++)
        THNN_(gemm)('n', 't', oT, O, F, 1, x + (b * T + j) * F, dW * F, wd + j * F, kW * F, 1,
                    y + b * oT * O, O);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  THTensor_(free)(bs);
  return rc;
}

int THNN_(TemporalConvolution_updateGradInput)(THNNState *state, THTensor *input,
                                               THTensor *gradOutput, THTensor *gradInput,
                                               THTensor *weight, int kW, int dW)
{
  THTensor *go = NULL, *w = NULL;
  long N, T, oT, b, j, F, O;
  int rc = -1;
  TH_UNUSED(state);
  F = input->nDimension > 0 ? input->size[input->nDimension - 1] : 0;
  O = weight->nDimension > 0 ? weight->size[0] : 0;
  if (THNN_(temporalShape)(input, weight, NULL, gradOutput, kW, dW, (int)F, (int)O, &N, &T,
                           &oT) != 0)
    return -1;
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  THTensor_(zero)(gradInput);
  if (N * oT * O > 0) {
    const real *g = THTensor_(data)(go), *wd = THTensor_(data)(w);
    real *gi = THTensor_(data)(gradInput);
    for (b = 0; b < N; b++)
      for (j = 0; j < kW; j++)
        THNN_(gemm)('n', 'n', oT, F, O, 1, g + b * oT * O, O, wd + j * F, kW * F, 1,
                    gi + (b * T + j) * F, dW * F);
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

int THNN_(TemporalConvolution_accGradParameters)(THNNState *state, THTensor *input,
                                                 THTensor *gradOutput, THTensor *gradWeight,
                                                 THTensor *gradBias, int kW, int dW,
                                                 accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  long N, T, oT, b, j, F, O;
  int rc = -1;
  TH_UNUSED(state);
  F = input->nDimension > 0 ? input->size[input->nDimension - 1] : 0;
  O = gradWeight->nDimension > 0 ? gradWeight->size[0] : 0;
  if (THNN_(temporalShape)(input, gradWeight, gradBias, gradOutput, kW, dW, (int)F, (int)O, &N,
                           &T, &oT) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight) && (!gradBias || THTensor_(isContiguous)(gradBias)),
           TH_ERR_RUNTIME, "TemporalConvolution: gradWeight and gradBias must be contiguous");
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)))
    goto done;
  if (N * oT * O > 0) {
    const real *x = THTensor_(data)(in), *g = THTensor_(data)(go);
    real *gw = THTensor_(data)(gradWeight);
    for (b = 0; b < N; b++)
      for (j = 0; j < kW; j++)
        THNN_(gemm)('t', 'n', O, F, oT, (real)scale, g + b * oT * O, O, x + (b * T + j) * F,
                    dW * F, 1, gw + j * F, kW * F);
    if (gradBias)
      THNN_(accGradBias)(THTensor_(data)(gradBias), g, N * oT, O, 1, (real)scale);
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#endif
