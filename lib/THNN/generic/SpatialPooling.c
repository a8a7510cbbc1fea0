#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialPooling.c"
#else
/* Max pooling (with indices, dilation, ceil mode), fractional max pooling, max unpooling and
 * average pooling over 4D input; every (sample, channel) plane is independent, so planes run
 * in parallel. */

static long THNN_(poolOutSize)(long in, int k, int pad, int stride, int dil, int ceil_mode)
{
  long eff = in + 2 * pad - (long)dil * (k - 1) - 1;
  long o;
  if (eff < 0)
    return 0;
  o = (ceil_mode ? (eff + stride - 1) / stride : eff / stride) + 1;
  /* the last window must start inside the input or its left padding */
  if (ceil_mode && (o - 1) * stride >= in + pad)
    o--;
  return o;
}

static int THNN_(poolShape)(const char *op, THTensor *input, THTensor *gradOutput, int kW,
                            int kH, int dW, int dH, int padW, int padH, int dilW, int dilH,
                            int ceil_mode, long *oH, long *oW)
{
  char b1[256], b2[256];
  if (THNN_checkConvParams(op, kW, kH, dW, dH, padW, padH, dilW, dilH) != 0 ||
      THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(padW <= kW / 2 && padH <= kH / 2, TH_ERR_VALUE,
           "%s: pad should be at most half of kernel size, but got padW = %d, padH = %d, "
           "kW = %d, kH = %d", op, padW, padH, kW, kH);
  *oH = THNN_(poolOutSize)(input->size[2], kH, padH, dH, dilH, ceil_mode);
  *oW = THNN_(poolOutSize)(input->size[3], kW, padW, dW, dilW, ceil_mode);
  TH_CHECK(*oH >= 1 && *oW >= 1, TH_ERR_RUNTIME,
           "%s: given input of size %s, calculated output size %ldx%ld is too small", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)), *oH, *oW);
  if (gradOutput) {
    long want[4];
    want[0] = input->size[0];
    want[1] = input->size[1];
    want[2] = *oH;
    want[3] = *oW;
    TH_CHECK(THTensor_(isSize)(gradOutput, 4, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 4, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

int THNN_(SpatialMaxPooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                          THIndexTensor *indices, int kW, int kH, int dW,
                                          int dH, int padW, int padH, int dilationW,
                                          int dilationH, int ceil_mode)
{
  THTensor *in = NULL;
  long oH, oW, iH, iW, p, NC;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(poolShape)("SpatialMaxPooling", input, NULL, kW, kH, dW, dH, padW, padH, dilationW,
                       dilationH, ceil_mode, &oH, &oW) != 0)
    return -1;
  iH = input->size[2];
  iW = input->size[3];
  NC = input->size[0] * input->size[1];
  {
    long sizes[4] = {input->size[0], input->size[1], oH, oW};
    if (!(in = THTensor_(newContiguous)(input)) || THTensor_(resize)(output, 4, sizes) != 0 ||
        THLongTensor_resize(indices, 4, sizes) != 0)
      goto done;
  }
  if (NC == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
    long *i0 = THLongTensor_data(indices);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW * kH * kW))
    for (p = 0; p < NC; p++) {
      const real *x = x0 + p * iH * iW;
      real *y = y0 + p * oH * oW;
      long *ind = i0 + p * oH * oW, oh, ow, ki, kj;
      for (oh = 0; oh < oH; oh++) {
        for (ow = 0; ow < oW; ow++) {
          long best = -1;
          real mx = 0;
          for (ki = 0; ki < kH; ki++) {
            long ih = oh * dH - padH + ki * dilationH;
            if (ih < 0 || ih >= iH)
              continue;
            for (kj = 0; kj < kW; kj++) {
              long iw = ow * dW - padW + kj * dilationW;
              real v;
              if (iw < 0 || iw >= iW)
                continue;
              v = x[ih * iW + iw];
              /* NaN wins, like the max of PyTorch */
              if (best < 0 || v > mx || (v != v && mx == mx)) {
                mx = v;
                best = ih * iW + iw;
              }
            }
          }
          y[oh * oW + ow] = mx;
          ind[oh * oW + ow] = best;
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

/* gradInput[plane][indices] += gradOutput, after checking shapes and index range. */
static int THNN_(scatterAdd)(const char *op, THTensor *input, THTensor *gradOutput,
                             THTensor *gradInput, THIndexTensor *indices)
{
  THLongTensor *ind = NULL;
  THTensor *go = NULL;
  char b1[256], b2[256];
  long NC, L, HW, p;
  int rc = -1;
  TH_CHECK(input->nDimension == 4 && gradOutput->nDimension == 4 &&
           gradOutput->size[0] == input->size[0] && gradOutput->size[1] == input->size[1],
           TH_ERR_RUNTIME, "%s: gradOutput of size %s does not fit input of size %s", op,
           THTensor_(describeSize)(gradOutput, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)));
  TH_CHECK(THLongTensor_isSize(indices, 4, gradOutput->size), TH_ERR_RUNTIME,
           "%s: indices must have the size of gradOutput %s, got %s", op,
           THTensor_(describeSize)(gradOutput, b1, sizeof(b1)),
           THLongTensor_describeSize(indices, b2, sizeof(b2)));
  NC = input->size[0] * input->size[1];
  L = gradOutput->size[2] * gradOutput->size[3];
  HW = input->size[2] * input->size[3];
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(ind = THLongTensor_newContiguous(indices)))
    goto done;
  {
    const long *id = THLongTensor_data(ind);
    ptrdiff_t i, n = NC * L;
    for (i = 0; i < n; i++)
      if (id[i] < 0 || id[i] >= HW) {
        THError_index("%s: index %ld out of range for an input plane of %ld elements", op,
                      id[i], HW);
        goto done;
      }
  }
  if (THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  THTensor_(zero)(gradInput);
  if (NC * L > 0) {
    const long *id = THLongTensor_data(ind);
    const real *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(NC * L))
    for (p = 0; p < NC; p++) {
      long j;
      for (j = 0; j < L; j++)
        d0[p * HW + id[p * L + j]] += g0[p * L + j];
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THLongTensor_free(ind);
  return rc;
}

int THNN_(SpatialMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                             THTensor *gradOutput, THTensor *gradInput,
                                             THIndexTensor *indices)
{
  TH_UNUSED(state);
  return THNN_(scatterAdd)("SpatialMaxPooling", input, gradOutput, gradInput, indices);
}

/* Start of window i of Graham's pseudo-random fractional pooling sequence for sample u in
 * [0, 1): in [0, in - pool], the last window ending at the input's end. */
static long THNN_(fracStart)(long i, accreal u, long in, long out, long pool)
{
  accreal alpha;
  if (i == out - 1)
    return in - pool;
  alpha = (accreal)(in - pool) / (out - 1);
  return (long)((i + u) * alpha) - (long)(u * alpha);
}

static int THNN_(fracCheck)(THTensor *input, THTensor *gradOutput, int outputW, int outputH,
                            int poolSizeW, int poolSizeH)
{
  const char *op = "SpatialFractionalMaxPooling";
  char b1[256], b2[256];
  if (THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(outputW > 0 && outputH > 0 && poolSizeW > 0 && poolSizeH > 0, TH_ERR_VALUE,
           "%s: output size and pool size must be positive, got output %dx%d, pool %dx%d", op,
           outputH, outputW, poolSizeH, poolSizeW);
  TH_CHECK(outputH + poolSizeH - 1 <= input->size[2] && outputW + poolSizeW - 1 <= input->size[3],
           TH_ERR_RUNTIME, "%s: output size %dx%d with pool size %dx%d is too large for input "
           "of size %s", op, outputH, outputW, poolSizeH, poolSizeW,
           THTensor_(describeSize)(input, b1, sizeof(b1)));
  if (gradOutput) {
    long want[4];
    want[0] = input->size[0];
    want[1] = input->size[1];
    want[2] = outputH;
    want[3] = outputW;
    TH_CHECK(THTensor_(isSize)(gradOutput, 4, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 4, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

int THNN_(SpatialFractionalMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                    THTensor *output, int outputW, int outputH,
                                                    int poolSizeW, int poolSizeH,
                                                    THIndexTensor *indices,
                                                    THTensor *randomSamples)
{
  const char *op = "SpatialFractionalMaxPooling";
  THTensor *in = NULL, *rs = NULL;
  char b1[256], b2[256];
  long N, C, iH, iW, oH = outputH, oW = outputW, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(fracCheck)(input, NULL, outputW, outputH, poolSizeW, poolSizeH) != 0)
    return -1;
  N = input->size[0];
  C = input->size[1];
  iH = input->size[2];
  iW = input->size[3];
  TH_CHECK(THTensor_(isSize)(randomSamples, 3, (long[]){N, C, 2}), TH_ERR_RUNTIME,
           "%s: randomSamples must have size %s, got %s", op,
           THDescribeSizes(b1, sizeof(b1), 3, (long[]){N, C, 2}),
           THTensor_(describeSize)(randomSamples, b2, sizeof(b2)));
  if (N * C > 0) {
    /* read through the strides: nothing is allocated before the arguments are checked */
    const real *u = THTensor_(data)(randomSamples);
    const long *st = randomSamples->stride;
    long n, c, k;
    for (n = 0; n < N; n++)
      for (c = 0; c < C; c++)
        for (k = 0; k < 2; k++) {
          real v = u[n * st[0] + c * st[1] + k * st[2]];
          TH_CHECK(v >= 0 && v < 1, TH_ERR_VALUE, "%s: random samples must be in [0, 1), got %g",
                   op, (double)v);
        }
  }
  if (!(rs = THTensor_(newContiguous)(randomSamples)) || !(in = THTensor_(newContiguous)(input)) ||
      THTensor_(resize)(output, 4, (long[]){N, C, oH, oW}) != 0 ||
      THLongTensor_resize(indices, 4, (long[]){N, C, oH, oW}) != 0)
    goto done;
  if (N * C > 0) {
    const real *x0 = THTensor_(data)(in), *u0 = THTensor_(data)(rs);
    real *y0 = THTensor_(data)(output);
    long *i0 = THLongTensor_data(indices);
#pragma omp parallel for if (THApply_parallel(N * C * oH * oW * poolSizeH * poolSizeW))
    for (p = 0; p < N * C; p++) {
      const real *x = x0 + p * iH * iW;
      /* sample 0 drives the columns, sample 1 the rows (0.2's order) */
      accreal uw = u0[2 * p], uh = u0[2 * p + 1];
      long oh, ow, a, b, o = p * oH * oW;
      for (oh = 0; oh < oH; oh++) {
        long h0 = THNN_(fracStart)(oh, uh, iH, oH, poolSizeH);
        for (ow = 0; ow < oW; ow++, o++) {
          long w0 = THNN_(fracStart)(ow, uw, iW, oW, poolSizeW), best = -1;
          real mx = 0;
          for (a = h0; a < h0 + poolSizeH; a++)
            for (b = w0; b < w0 + poolSizeW; b++) {
              real v = x[a * iW + b];
              if (best < 0 || v > mx || (v != v && mx == mx)) {
                mx = v;
                best = a * iW + b;
              }
            }
          y0[o] = mx;
          i0[o] = best;
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(rs);
  return rc;
}

int THNN_(SpatialFractionalMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                       THTensor *gradOutput,
                                                       THTensor *gradInput, int outputW,
                                                       int outputH, int poolSizeW,
                                                       int poolSizeH, THIndexTensor *indices)
{
  TH_UNUSED(state);
  if (THNN_(fracCheck)(input, gradOutput, outputW, outputH, poolSizeW, poolSizeH) != 0)
    return -1;
  return THNN_(scatterAdd)("SpatialFractionalMaxPooling", input, gradOutput, gradInput,
                           indices);
}

static int THNN_(unpoolCheck)(THTensor *input, THIndexTensor *indices, int owidth, int oheight)
{
  const char *op = "SpatialMaxUnpooling";
  char b1[256], b2[256];
  if (THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(owidth > 0 && oheight > 0, TH_ERR_VALUE,
           "%s: output size must be positive, got %dx%d", op, oheight, owidth);
  TH_CHECK(THLongTensor_isSize(indices, 4, input->size), TH_ERR_RUNTIME,
           "%s: indices must have the size of input %s, got %s", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)),
           THLongTensor_describeSize(indices, b2, sizeof(b2)));
  return 0;
}

int THNN_(SpatialMaxUnpooling_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                            THIndexTensor *indices, int owidth, int oheight)
{
  THTensor *in = NULL;
  THLongTensor *ind = NULL;
  long NC, L, HW = (long)owidth * oheight, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(unpoolCheck)(input, indices, owidth, oheight) != 0)
    return -1;
  NC = input->size[0] * input->size[1];
  L = input->size[2] * input->size[3];
  if (!(in = THTensor_(newContiguous)(input)) || !(ind = THLongTensor_newContiguous(indices)))
    goto done;
  {
    const long *id = THLongTensor_data(ind);
    ptrdiff_t i;
    for (i = 0; i < NC * L; i++)
      if (id[i] < 0 || id[i] >= HW) {
        THError_index("SpatialMaxUnpooling: found an invalid max index %ld (output volumes are "
                      "of size %dx%d)", id[i], oheight, owidth);
        goto done;
      }
  }
  if (THTensor_(resize)(output, 4, (long[]){input->size[0], input->size[1], oheight, owidth}))
    goto done;
  THTensor_(zero)(output);
  if (NC * L > 0) {
    const long *id = THLongTensor_data(ind);
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(NC * L))
    for (p = 0; p < NC; p++) {
      long j;
      for (j = 0; j < L; j++)
        y0[p * HW + id[p * L + j]] = x0[p * L + j];
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THLongTensor_free(ind);
  return rc;
}

int THNN_(SpatialMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input,
                                               THTensor *gradOutput, THTensor *gradInput,
                                               THIndexTensor *indices, int owidth, int oheight)
{
  THTensor *go = NULL;
  THLongTensor *ind = NULL;
  long NC, L, HW = (long)owidth * oheight, p;
  char b1[256], b2[256];
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(unpoolCheck)(input, indices, owidth, oheight) != 0)
    return -1;
  TH_CHECK(THTensor_(isSize)(gradOutput, 4,
                             (long[]){input->size[0], input->size[1], oheight, owidth}),
           TH_ERR_RUNTIME, "SpatialMaxUnpooling: gradOutput must have size %s, got %s",
           THDescribeSizes(b1, sizeof(b1), 4,
                           (long[]){input->size[0], input->size[1], oheight, owidth}),
           THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  NC = input->size[0] * input->size[1];
  L = input->size[2] * input->size[3];
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(ind = THLongTensor_newContiguous(indices)))
    goto done;
  {
    const long *id = THLongTensor_data(ind);
    ptrdiff_t i;
    for (i = 0; i < NC * L; i++)
      if (id[i] < 0 || id[i] >= HW) {
        THError_index("SpatialMaxUnpooling: found an invalid max index %ld (output volumes are "
                      "of size %dx%d)", id[i], oheight, owidth);
        goto done;
      }
  }
  if (THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  if (NC * L > 0) {
    const long *id = THLongTensor_data(ind);
    const real *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(NC * L))
    for (p = 0; p < NC; p++) {
      long j;
      for (j = 0; j < L; j++)
        d0[p * L + j] = g0[p * HW + id[p * L + j]];
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THLongTensor_free(ind);
  return rc;
}

/* Average pooling: forward (grad = 0) or backward (grad = 1) over planes. */
static int THNN_(avgPool)(THTensor *input, THTensor *gradOutput, THTensor *result, int kW,
                          int kH, int dW, int dH, int padW, int padH, int ceil_mode,
                          int count_include_pad)
{
  THTensor *src = NULL;
  long oH, oW, iH, iW, NC, p;
  int rc = -1, grad = gradOutput != NULL;
  if (THNN_(poolShape)("SpatialAveragePooling", input, gradOutput, kW, kH, dW, dH, padW, padH,
                       1, 1, ceil_mode, &oH, &oW) != 0)
    return -1;
  iH = input->size[2];
  iW = input->size[3];
  NC = input->size[0] * input->size[1];
  if (!(src = THTensor_(newContiguous)(grad ? gradOutput : input)))
    goto done;
  if ((grad ? THTensor_(resizeAs)(result, input)
            : THTensor_(resize)(result, 4, (long[]){input->size[0], input->size[1], oH, oW})))
    goto done;
  if (grad)
    THTensor_(zero)(result);
  if (NC == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *s0 = THTensor_(data)(src);
    real *r0 = THTensor_(data)(result);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW * kH * kW))
    for (p = 0; p < NC; p++) {
      const real *s = s0 + p * (grad ? oH * oW : iH * iW);
      real *r = r0 + p * (grad ? iH * iW : oH * oW);
      long oh, ow, ih, iw;
      for (oh = 0; oh < oH; oh++) {
        for (ow = 0; ow < oW; ow++) {
          long h0 = oh * dH - padH, w0 = ow * dW - padW;
          long h1 = TH_MIN(h0 + kH, iH + padH), w1 = TH_MIN(w0 + kW, iW + padW);
          long count = (h1 - h0) * (w1 - w0);
          accreal sum = 0;
          h0 = TH_MAX(h0, 0);
          w0 = TH_MAX(w0, 0);
          h1 = TH_MIN(h1, iH);
          w1 = TH_MIN(w1, iW);
          if (!count_include_pad)
            count = (h1 - h0) * (w1 - w0);
          if (grad) {
            real g = (real)(s[oh * oW + ow] / (accreal)count);
            for (ih = h0; ih < h1; ih++)
              for (iw = w0; iw < w1; iw++)
                r[ih * iW + iw] += g;
          } else {
            for (ih = h0; ih < h1; ih++)
              for (iw = w0; iw < w1; iw++)
                sum += s[ih * iW + iw];
            r[oh * oW + ow] = count > 0 ? (real)(sum / count) : 0;
          }
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(src);
  return rc;
}

int THNN_(SpatialAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                              THTensor *output, int kW, int kH, int dW, int dH,
                                              int padW, int padH, int ceil_mode,
                                              int count_include_pad)
{
  TH_UNUSED(state);
  return THNN_(avgPool)(input, NULL, output, kW, kH, dW, dH, padW, padH, ceil_mode,
                        count_include_pad);
}

int THNN_(SpatialAveragePooling_updateGradInput)(THNNState *state, THTensor *input,
                                                 THTensor *gradOutput, THTensor *gradInput,
                                                 int kW, int kH, int dW, int dH, int padW,
                                                 int padH, int ceil_mode, int count_include_pad)
{
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "SpatialAveragePooling: gradOutput must be given");
  return THNN_(avgPool)(input, gradOutput, gradInput, kW, kH, dW, dH, padW, padH, ceil_mode,
                        count_include_pad);
}

#endif
