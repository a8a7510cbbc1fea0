#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/VolumetricPooling.c"
#else
/* Max pooling (with indices, dilation, ceil mode), max unpooling and average pooling over 5D
 * input [N x C x T x H x W]. Indices hold the flat position in the input volume
 * ((t * H + h) * W + w). Every (sample, channel) volume is independent: they run in
 * parallel. */

typedef struct THNN_(VPool) {
  long NC, iT, iH, iW, oT, oH, oW;
  int k[3], d[3], pad[3], dil[3];
} THNN_(VPool);

static long THNN_(vpoolOutSize)(long in, int k, int pad, int stride, int dil, int ceil_mode)
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

/* Checks the arguments and gradOutput (when given) and fills *s; k, d, pad, dil hold
 * (time, height, width). */
static int THNN_(vpoolPlan)(const char *op, THTensor *input, THTensor *gradOutput,
                            const int *k, const int *d, const int *pad, const int *dil,
                            int ceil_mode, THNN_(VPool) *s)
{
  char b1[256], b2[256];
  long out[3];
  int i;
  if (THNN_checkVolParams(op, k, d, pad, dil) != 0 ||
      THNN_(checkDim)(op, input, 5, "batch, channels, time, height, width") != 0)
    return -1;
  TH_CHECK(pad[0] <= k[0] / 2 && pad[1] <= k[1] / 2 && pad[2] <= k[2] / 2, TH_ERR_VALUE,
           "%s: pad should be at most half of kernel size, but got padT = %d, padH = %d, "
           "padW = %d, kT = %d, kH = %d, kW = %d", op, pad[0], pad[1], pad[2], k[0], k[1],
           k[2]);
  for (i = 0; i < 3; i++) {
    out[i] = THNN_(vpoolOutSize)(input->size[2 + i], k[i], pad[i], d[i], dil[i], ceil_mode);
    s->k[i] = k[i];
    s->d[i] = d[i];
    s->pad[i] = pad[i];
    s->dil[i] = dil[i];
  }
  TH_CHECK(out[0] >= 1 && out[1] >= 1 && out[2] >= 1, TH_ERR_RUNTIME,
           "%s: given input of size %s, calculated output size %ldx%ldx%ld is too small", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)), out[0], out[1], out[2]);
  s->NC = input->size[0] * input->size[1];
  s->iT = input->size[2];
  s->iH = input->size[3];
  s->iW = input->size[4];
  s->oT = out[0];
  s->oH = out[1];
  s->oW = out[2];
  if (gradOutput) {
    long want[5];
    want[0] = input->size[0];
    want[1] = input->size[1];
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

/* The max of one window starting at (t0, h0, w0) and its flat position (-1: empty). */
static long THNN_(vpoolMax)(const real *x, const THNN_(VPool) *s, long t0, long h0, long w0,
                            real *mx)
{
  long best = -1, a, b, c;
  *mx = 0;
  for (a = 0; a < s->k[0]; a++) {
    long t = t0 + a * s->dil[0];
    if (t < 0 || t >= s->iT)
      continue;
    for (b = 0; b < s->k[1]; b++) {
      long h = h0 + b * s->dil[1];
      if (h < 0 || h >= s->iH)
        continue;
      for (c = 0; c < s->k[2]; c++) {
        long w = w0 + c * s->dil[2], at = (t * s->iH + h) * s->iW + w;
        real v;
        if (w < 0 || w >= s->iW)
          continue;
        v = x[at];
        /* NaN wins, like the max of PyTorch */
        if (best < 0 || v > *mx || (v != v && *mx == *mx)) {
          *mx = v;
          best = at;
        }
      }
    }
  }
  return best;
}

int THNN_(VolumetricMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                             THTensor *output, THIndexTensor *indices, int kT,
                                             int kW, int kH, int dT, int dW, int dH, int padT,
                                             int padW, int padH, int dilationT, int dilationW,
                                             int dilationH, int ceil_mode)
{
  THTensor *in = NULL;
  THNN_(VPool) s;
  int k[3] = {kT, kH, kW}, d[3] = {dT, dH, dW}, pad[3] = {padT, padH, padW};
  int dil[3] = {dilationT, dilationH, dilationW}, rc = -1;
  long p, O;
  TH_UNUSED(state);
  if (THNN_(vpoolPlan)("VolumetricMaxPooling", input, NULL, k, d, pad, dil, ceil_mode, &s))
    return -1;
  O = s.oT * s.oH * s.oW;
  {
    long sizes[5] = {input->size[0], input->size[1], s.oT, s.oH, s.oW};
    if (!(in = THTensor_(newContiguous)(input)) || THTensor_(resize)(output, 5, sizes) != 0 ||
        THLongTensor_resize(indices, 5, sizes) != 0)
      goto done;
  }
  if (s.NC > 0) {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
    long *i0 = THLongTensor_data(indices);
#pragma omp parallel for if (THApply_parallel(s.NC * O * kT * kH * kW))
    for (p = 0; p < s.NC; p++) {
      const real *x = x0 + p * s.iT * s.iH * s.iW;
      long ot, oh, ow, o = p * O;
      for (ot = 0; ot < s.oT; ot++)
        for (oh = 0; oh < s.oH; oh++)
          for (ow = 0; ow < s.oW; ow++, o++)
            i0[o] = THNN_(vpoolMax)(x, &s, ot * dT - padT, oh * dH - padH, ow * dW - padW,
                                    y0 + o);
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

/* Checks that indices has the size of small ([N x C x ...] 5D) and every index is in
 * [0, V); the contiguous copy is returned in *ind. */
static int THNN_(vpoolIndices)(const char *op, THTensor *small, THIndexTensor *indices, long V,
                               THLongTensor **ind)
{
  char b1[256], b2[256];
  ptrdiff_t i, n;
  const long *id;
  TH_CHECK(THLongTensor_isSize(indices, 5, small->size), TH_ERR_RUNTIME,
           "%s: indices must have size %s, got %s", op,
           THTensor_(describeSize)(small, b1, sizeof(b1)),
           THLongTensor_describeSize(indices, b2, sizeof(b2)));
  if (!(*ind = THLongTensor_newContiguous(indices)))
    return -1;
  id = THLongTensor_data(*ind);
  n = THLongTensor_nElement(*ind);
  for (i = 0; i < n; i++)
    if (id[i] < 0 || id[i] >= V)
      return THError_index("%s: index %ld out of range for an input volume of %ld elements", op,
                           id[i], V);
  return 0;
}

int THNN_(VolumetricMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                THTensor *gradOutput, THTensor *gradInput,
                                                THIndexTensor *indices)
{
  const char *op = "VolumetricMaxPooling";
  THLongTensor *ind = NULL;
  THTensor *go = NULL;
  char b1[256], b2[256];
  long NC, L, V, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(checkDim)(op, input, 5, "batch, channels, time, height, width") != 0)
    return -1;
  TH_CHECK(gradOutput->nDimension == 5 && gradOutput->size[0] == input->size[0] &&
           gradOutput->size[1] == input->size[1], TH_ERR_RUNTIME,
           "%s: gradOutput of size %s does not fit input of size %s", op,
           THTensor_(describeSize)(gradOutput, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)));
  NC = input->size[0] * input->size[1];
  V = input->size[2] * input->size[3] * input->size[4];
  L = gradOutput->size[2] * gradOutput->size[3] * gradOutput->size[4];
  if (THNN_(vpoolIndices)(op, gradOutput, indices, V, &ind) != 0 ||
      !(go = THTensor_(newContiguous)(gradOutput)) || THTensor_(resizeAs)(gradInput, input) != 0)
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
        d0[p * V + id[p * L + j]] += g0[p * L + j];
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THLongTensor_free(ind);
  return rc;
}

/* Unpooling forward (grad = 0: result[N x C x oT x oH x oW] zero but for the input values
 * put at indices) or backward (grad = 1: result = the values of gradOutput at indices). */
static int THNN_(vunpool)(THTensor *input, THTensor *gradOutput, THTensor *result,
                          THIndexTensor *indices, int oT, int oW, int oH)
{
  const char *op = "VolumetricMaxUnpooling";
  THLongTensor *ind = NULL;
  THTensor *src = NULL;
  char b1[256], b2[256];
  long sizes[5], NC, L, V = (long)oT * oH * oW, p;
  int rc = -1, grad = gradOutput != NULL;
  if (THNN_(checkDim)(op, input, 5, "batch, channels, time, height, width") != 0)
    return -1;
  TH_CHECK(oT > 0 && oW > 0 && oH > 0, TH_ERR_VALUE,
           "%s: output size must be positive, got %dx%dx%d", op, oT, oH, oW);
  sizes[0] = input->size[0];
  sizes[1] = input->size[1];
  sizes[2] = oT;
  sizes[3] = oH;
  sizes[4] = oW;
  TH_CHECK(!grad || THTensor_(isSize)(gradOutput, 5, sizes), TH_ERR_RUNTIME,
           "%s: gradOutput must have size %s, got %s", op,
           THDescribeSizes(b1, sizeof(b1), 5, sizes),
           grad ? THTensor_(describeSize)(gradOutput, b2, sizeof(b2)) : "");
  NC = input->size[0] * input->size[1];
  L = input->size[2] * input->size[3] * input->size[4];
  if (THNN_(vpoolIndices)(op, input, indices, V, &ind) != 0 ||
      !(src = THTensor_(newContiguous)(grad ? gradOutput : input)) ||
      (grad ? THTensor_(resizeAs)(result, input) : THTensor_(resize)(result, 5, sizes)) != 0)
    goto done;
  if (!grad)
    THTensor_(zero)(result);
  if (NC * L > 0) {
    const long *id = THLongTensor_data(ind);
    const real *s0 = THTensor_(data)(src);
    real *r0 = THTensor_(data)(result);
#pragma omp parallel for if (THApply_parallel(NC * L))
    for (p = 0; p < NC; p++) {
      long j;
      for (j = 0; j < L; j++) {
        if (grad)
          r0[p * L + j] = s0[p * V + id[p * L + j]];
        else
          r0[p * V + id[p * L + j]] = s0[p * L + j];
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(src);
  THLongTensor_free(ind);
  return rc;
}

int THNN_(VolumetricMaxUnpooling_updateOutput)(THNNState *state, THTensor *input,
                                               THTensor *output, THIndexTensor *indices,
                                               int oT, int oW, int oH)
{
  TH_UNUSED(state);
  return THNN_(vunpool)(input, NULL, output, indices, oT, oW, oH);
}

int THNN_(VolumetricMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input,
                                                  THTensor *gradOutput, THTensor *gradInput,
                                                  THIndexTensor *indices, int oT, int oW,
                                                  int oH)
{
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "VolumetricMaxUnpooling: gradOutput must be given");
  return THNN_(vunpool)(input, gradOutput, gradInput, indices, oT, oW, oH);
}

/* The window of output o along one dimension: [*lo, *hi) inside the input, and its extent
 * counting padding (the divisor with count_include_pad). */
static long THNN_(avgWindow)(long o, long in, int k, int d, int pad, long *lo, long *hi)
{
  long a = o * d - pad, b = TH_MIN(a + k, in + pad);
  *lo = TH_MAX(a, 0);
  *hi = TH_MIN(b, in);
  return b - a;
}

/* Average pooling: forward (grad = 0) or backward (grad = 1) over volumes. */
static int THNN_(vavgPool)(THTensor *input, THTensor *gradOutput, THTensor *result, int kT,
                           int kW, int kH, int dT, int dW, int dH, int padT, int padW,
                           int padH, int ceil_mode, int count_include_pad)
{
  THTensor *src = NULL;
  THNN_(VPool) s;
  int k[3] = {kT, kH, kW}, d[3] = {dT, dH, dW}, pad[3] = {padT, padH, padW};
  int dil[3] = {1, 1, 1}, rc = -1, grad = gradOutput != NULL;
  long p, V, O;
  if (THNN_(vpoolPlan)("VolumetricAveragePooling", input, gradOutput, k, d, pad, dil,
                       ceil_mode, &s) != 0)
    return -1;
  V = s.iT * s.iH * s.iW;
  O = s.oT * s.oH * s.oW;
  if (!(src = THTensor_(newContiguous)(grad ? gradOutput : input)))
    goto done;
  if ((grad ? THTensor_(resizeAs)(result, input)
            : THTensor_(resize)(result, 5, (long[]){input->size[0], input->size[1], s.oT, s.oH,
                                                    s.oW})))
    goto done;
  if (grad)
    THTensor_(zero)(result);
  if (s.NC > 0) {
    const real *s0 = THTensor_(data)(src);
    real *r0 = THTensor_(data)(result);
#pragma omp parallel for if (THApply_parallel(s.NC * O * kT * kH * kW))
    for (p = 0; p < s.NC; p++) {
      const real *sp = s0 + p * (grad ? O : V);
      real *rp = r0 + p * (grad ? V : O);
      long ot, oh, ow, o = 0;
      for (ot = 0; ot < s.oT; ot++)
        for (oh = 0; oh < s.oH; oh++)
          for (ow = 0; ow < s.oW; ow++, o++) {
            long t0, t1, h0, h1, w0, w1, t, h, w, count;
            accreal sum = 0;
            count = THNN_(avgWindow)(ot, s.iT, kT, dT, padT, &t0, &t1) *
                    THNN_(avgWindow)(oh, s.iH, kH, dH, padH, &h0, &h1) *
                    THNN_(avgWindow)(ow, s.iW, kW, dW, padW, &w0, &w1);
            if (!count_include_pad)
              count = (t1 - t0) * (h1 - h0) * (w1 - w0);
            if (grad) {
              real g = (real)(sp[o] / (accreal)count);
              for (t = t0; t < t1; t++)
                for (h = h0; h < h1; h++)
                  for (w = w0; w < w1; w++)
                    rp[(t * s.iH + h) * s.iW + w] += g;
            } else {
              for (t = t0; t < t1; t++)
                for (h = h0; h < h1; h++)
                  for (w = w0; w < w1; w++)
                    sum += sp[(t * s.iH + h) * s.iW + w];
              rp[o] = count > 0 ? (real)(sum / count) : 0;
            }
          }
    }
  }
  rc = 0;
done:
  THTensor_(free)(src);
  return rc;
}

int THNN_(VolumetricAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                                 THTensor *output, int kT, int kW, int kH,
                                                 int dT, int dW, int dH, int padT, int padW,
                                                 int padH, int ceil_mode, int count_include_pad)
{
  TH_UNUSED(state);
  return THNN_(vavgPool)(input, NULL, output, kT, kW, kH, dT, dW, dH, padT, padW, padH,
                         ceil_mode, count_include_pad);
}

int THNN_(VolumetricAveragePooling_updateGradInput)(THNNState *state, THTensor *input,
                                                    THTensor *gradOutput, THTensor *gradInput,
                                                    int kT, int kW, int kH, int dT, int dW,
                                                    int dH, int padT, int padW, int padH,
                                                    int ceil_mode, int count_include_pad)
{
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "VolumetricAveragePooling: gradOutput must be given");
  return THNN_(vavgPool)(input, gradOutput, gradInput, kT, kW, kH, dT, dW, dH, padT, padW,
                         padH, ceil_mode, count_include_pad);
}

#endif
