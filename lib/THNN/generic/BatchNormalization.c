#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/BatchNormalization.c"
#else
/* Batch normalization over dim 1 of (N x C x ...) input, in parallel over channels. The
 * per-channel vectors are 1D tensors of C elements, read and written through their stride. */

#define THNN_BN_AT(t, c) (THTensor_(data)(t)[(c) * (t)->stride[0]])

static int THNN_(bnVector)(const THTensor *t, const char *what, long C, const THTensor *input)
{
  char b1[256], b2[256];
  if (!t)
    return 0;
  TH_CHECK(t->nDimension == 1 && t->size[0] == C, TH_ERR_RUNTIME,
           "BatchNormalization: %s must be a vector of %ld elements (the channels of input %s), "
           "got size %s", what, C, THTensor_(describeSize)(input, b1, sizeof(b1)),
           THTensor_(describeSize)(t, b2, sizeof(b2)));
  return 0;
}

static int THNN_(bnCheck)(THTensor *input, THTensor *weight, THTensor *bias, THTensor *rmean,
                          THTensor *rvar, long *C, long *N, long *inner)
{
  char b[256];
  int d;
  TH_CHECK(input->nDimension >= 2, TH_ERR_RUNTIME,
           "BatchNormalization: Expected 2D or more input (batch, channels, ...), got %s",
           THTensor_(describeSize)(input, b, sizeof(b)));
  *N = input->size[0];
  *C = input->size[1];
  *inner = 1;
  for (d = 2; d < input->nDimension; d++)
    *inner *= input->size[d];
  if (THNN_(bnVector)(weight, "weight", *C, input) || THNN_(bnVector)(bias, "bias", *C, input) ||
      THNN_(bnVector)(rmean, "running_mean", *C, input) ||
      THNN_(bnVector)(rvar, "running_var", *C, input))
    return -1;
  TH_CHECK(rmean && rvar, TH_ERR_VALUE, "BatchNormalization: running_mean and running_var "
           "must be given");
  return 0;
}

int THNN_(BatchNormalization_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                           THTensor *weight, THTensor *bias,
                                           THTensor *running_mean, THTensor *running_var,
                                           THTensor *save_mean, THTensor *save_std, int train,
                                           double momentum, double eps)
{
  THTensor *in = NULL;
  long C, N, inner, c;
  char b[256];
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(bnCheck)(input, weight, bias, running_mean, running_var, &C, &N, &inner) != 0)
    return -1;
  TH_CHECK(!train || N * inner > 1, TH_ERR_VALUE,
           "BatchNormalization: Expected more than 1 value per channel when training, got "
           "input size %s", THTensor_(describeSize)(input, b, sizeof(b)));
  if (!(in = THTensor_(newContiguous)(input)) || THTensor_(resizeAs)(output, input) != 0 ||
      THTensor_(resize1d)(save_mean, C) != 0 || THTensor_(resize1d)(save_std, C) != 0)
    goto done;
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
    const long n = N * inner;
#pragma omp parallel for if (THApply_parallel(N * C * inner))
    for (c = 0; c < C; c++) {
      accreal mean, invstd, w, bb;
      long i, j;
      if (train) {
        accreal sum = 0, ss = 0;
        for (i = 0; i < N; i++)
          for (j = 0; j < inner; j++)
            sum += x0[(i * C + c) * inner + j];
        mean = sum / n;
        for (i = 0; i < N; i++)
          for (j = 0; j < inner; j++) {
            accreal d = x0[(i * C + c) * inner + j] - mean;
            ss += d * d;
          }
        invstd = 1 / sqrt(ss / n + eps);
        THNN_BN_AT(running_mean, c) =
            (real)((1 - momentum) * THNN_BN_AT(running_mean, c) + momentum * mean);
        THNN_BN_AT(running_var, c) =
            (real)((1 - momentum) * THNN_BN_AT(running_var, c) + momentum * ss / (n - 1));
      } else {
        mean = THNN_BN_AT(running_mean, c);
        invstd = 1 / sqrt(THNN_BN_AT(running_var, c) + eps);
      }
      THTensor_(data)(save_mean)[c] = (real)mean;
      THTensor_(data)(save_std)[c] = (real)invstd;
      w = weight ? THNN_BN_AT(weight, c) : 1;
      bb = bias ? THNN_BN_AT(bias, c) : 0;
      for (i = 0; i < N; i++)
        for (j = 0; j < inner; j++) {
          ptrdiff_t k = (i * C + c) * inner + j;
          y0[k] = (real)((x0[k] - mean) * invstd * w + bb);
        }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(BatchNormalization_backward)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                       THTensor *gradInput, THTensor *gradWeight,
                                       THTensor *gradBias, THTensor *weight,
                                       THTensor *running_mean, THTensor *running_var,
                                       THTensor *save_mean, THTensor *save_std, int train,
                                       double scale, double eps)
{
  THTensor *in = NULL, *go = NULL;
  long C, N, inner, c;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(bnCheck)(input, weight, NULL, running_mean, running_var, &C, &N, &inner) != 0 ||
      THNN_(checkSameSize)("BatchNormalization", input, "gradOutput", gradOutput) != 0 ||
      THNN_(bnVector)(gradWeight, "gradWeight", C, input) ||
      THNN_(bnVector)(gradBias, "gradBias", C, input))
    return -1;
  if (train && (THNN_(bnVector)(save_mean, "save_mean", C, input) ||
                THNN_(bnVector)(save_std, "save_std", C, input)))
    return -1;
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      (gradInput && THTensor_(resizeAs)(gradInput, input) != 0))
    goto done;
  {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(go);
    real *d0 = gradInput ? THTensor_(data)(gradInput) : NULL;
    const long n = N * inner;
#pragma omp parallel for if (THApply_parallel(N * C * inner))
    for (c = 0; c < C; c++) {
      accreal mean, invstd, w = weight ? THNN_BN_AT(weight, c) : 1, gsum = 0, dotp = 0;
      long i, j;
      if (train) {
        mean = THNN_BN_AT(save_mean, c);
        invstd = THNN_BN_AT(save_std, c);
      } else {
        mean = THNN_BN_AT(running_mean, c);
        invstd = 1 / sqrt(THNN_BN_AT(running_var, c) + eps);
      }
      for (i = 0; i < N; i++)
        for (j = 0; j < inner; j++) {
          ptrdiff_t k = (i * C + c) * inner + j;
          gsum += g0[k];
          dotp += g0[k] * (x0[k] - mean);
        }
      if (d0) {
        accreal gmean = gsum / n, proj = dotp * invstd * invstd / n;
        for (i = 0; i < N; i++)
          for (j = 0; j < inner; j++) {
            ptrdiff_t k = (i * C + c) * inner + j;
            if (train)
              d0[k] = (real)((g0[k] - gmean - (x0[k] - mean) * proj) * invstd * w);
            else
              d0[k] = (real)(g0[k] * invstd * w);
          }
      }
      if (gradWeight)
        THNN_BN_AT(gradWeight, c) += (real)(scale * dotp * invstd);
      if (gradBias)
        THNN_BN_AT(gradBias, c) += (real)(scale * gsum);
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#undef THNN_BN_AT
#endif
