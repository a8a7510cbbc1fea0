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

/* The per-run loops: p[0..n) is one contiguous run of a channel (inner elements of one
 * sample). Sums keep eight interleaved double partials (independent chains, so they
 * vectorise and do not wait on one addition at a time); element-wise work is done in the
 * tensor's precision with the per-channel factors rounded once. */
/* sum of p, and (when sqdev is given) of (p - m)^2; the compiler makes one loop per case */
static void THNN_(bnRunSums)(const real *p, long n, accreal m, accreal *sum, accreal *sqdev)
{
  accreal s[8] = {0}, q[8] = {0}, st = 0, qt = 0;
  const int squares = sqdev != NULL;
  long i = 0;
  int k;
  for (; i + 8 <= n; i += 8)
    for (k = 0; k < 8; k++) {
      const accreal d = (accreal)p[i + k] - m;
      s[k] += (accreal)p[i + k];
      if (squares)
        q[k] += d * d;
    }
  for (; i < n; i++) {
    const accreal d = (accreal)p[i] - m;
    st += (accreal)p[i];
    qt += d * d;
  }
  *sum += st + ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  if (squares)
    *sqdev += qt + ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7]));
}

/* sum of g and of g * (x - m) over one run */
static void THNN_(bnRunGradSums)(const real *g, const real *x, long n, accreal m, accreal *gsum,
                                 accreal *dotp)
{
  accreal s[8] = {0}, q[8] = {0}, st = 0, qt = 0;
  long i = 0;
  int k;
  for (; i + 8 <= n; i += 8)
    for (k = 0; k < 8; k++) {
      s[k] += (accreal)g[i + k];
      q[k] += (accreal)g[i + k] * ((accreal)x[i + k] - m);
    }
  for (; i < n; i++) {
    st += (accreal)g[i];
    qt += (accreal)g[i] * ((accreal)x[i] - m);
  }
  *gsum += st + ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  *dotp += qt + ((q[0] + q[1]) + (q[2] + q[3])) + ((q[4] + q[5]) + (q[6] + q[7]));
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
          THNN_(bnRunSums)(x0 + (i * C + c) * inner, inner, 0, &sum, NULL);
        mean = sum / n;
        sum = 0;
        for (i = 0; i < N; i++)
          THNN_(bnRunSums)(x0 + (i * C + c) * inner, inner, mean, &sum, &ss);
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
      {
        const real m = (real)mean, a = (real)(invstd * w), sh = (real)bb;
        for (i = 0; i < N; i++) {
          const real *x = x0 + (i * C + c) * inner;
          real *y = y0 + (i * C + c) * inner;
          for (j = 0; j < inner; j++)
            y[j] = (x[j] - m) * a + sh;
        }
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
        THNN_(bnRunGradSums)(g0 + (i * C + c) * inner, x0 + (i * C + c) * inner, inner, mean,
                             &gsum, &dotp);
      if (d0) {
        const real gm = (real)(gsum / n), pr = (real)(dotp * invstd * invstd / n);
        const real m = (real)mean, a = (real)(invstd * w);
        for (i = 0; i < N; i++) {
          const real *g = g0 + (i * C + c) * inner, *x = x0 + (i * C + c) * inner;
          real *d = d0 + (i * C + c) * inner;
          if (train)
            for (j = 0; j < inner; j++)
              d[j] = (g[j] - gm - (x[j] - m) * pr) * a;
          else
            for (j = 0; j < inner; j++)
              d[j] = g[j] * a;
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
