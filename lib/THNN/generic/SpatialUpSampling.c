#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialUpSampling.c"
#else
/* Nearest and bilinear upsampling of 4D input to any output size. Nearest reads input
 * position floor(o * in / out); bilinear aligns the corners (0.2's UpsamplingBilinear2d):
 * output o samples input position o * (in - 1) / (out - 1). Each backward adds every output
 * gradient into the input positions its value was read from (the adjoint, so it is linear
 * too). Every (sample, channel) plane is independent: planes run in parallel. */

/* The start of a backward pass: checks the sizes given and gradOutput against them, sizes
 * gradInput [nbatch x nchannels x iH x iW] and zeroes it; returns gradOutput made contiguous
 * (the caller frees it), or NULL with the error set. */
static THTensor *THNN_(upsampleGradBegin)(const char *op, THTensor *gradOutput,
                                          THTensor *gradInput, int nbatch, int nchannels,
                                          int iH, int iW, int oH, int oW)
{
  char b1[256], b2[256];
  long want[4];
  THTensor *go;
  TH_CHECK_P(nbatch >= 0 && nchannels >= 0 && iH > 0 && iW > 0 && oH > 0 && oW > 0,
             TH_ERR_VALUE, "%s: sizes must be positive, got input %dx%d, output %dx%d", op,
             iH, iW, oH, oW);
  want[0] = nbatch;
  want[1] = nchannels;
  want[2] = oH;
  want[3] = oW;
  TH_CHECK_P(THTensor_(isSize)(gradOutput, 4, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 4, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  if (!(go = THTensor_(newContiguous)(gradOutput)))
    return NULL;
  if (THTensor_(resize)(gradInput, 4, (long[]){nbatch, nchannels, iH, iW}) != 0) {
    THTensor_(free)(go);
    return NULL;
  }
  THTensor_(zero)(gradInput);
  return go;
}

static int THNN_(upsampleCheck)(const char *op, THTensor *input, int oH, int oW)
{
  char b[256];
  if (THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(oH > 0 && oW > 0, TH_ERR_VALUE, "%s: output size must be positive, got %dx%d", op,
           oH, oW);
  TH_CHECK(input->size[2] > 0 && input->size[3] > 0, TH_ERR_RUNTIME,
           "%s: input of size %s has empty planes", op,
           THTensor_(describeSize)(input, b, sizeof(b)));
  return 0;
}

int THNN_(SpatialUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input,
                                                 THTensor *output, int outputHeight,
                                                 int outputWidth)
{
  THTensor *in = NULL;
  long iH, iW, oH = outputHeight, oW = outputWidth, NC, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(upsampleCheck)("SpatialUpSamplingNearest", input, outputHeight, outputWidth) != 0)
    return -1;
  iH = input->size[2];
  iW = input->size[3];
  NC = input->size[0] * input->size[1];
  if (!(in = THTensor_(newContiguous)(input)) ||
      THTensor_(resize)(output, 4, (long[]){input->size[0], input->size[1], oH, oW}) != 0)
    goto done;
  if (NC > 0) {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW))
    for (p = 0; p < NC; p++) {
      const real *x = x0 + p * iH * iW;
      real *y = y0 + p * oH * oW;
      long oh, ow;
      for (oh = 0; oh < oH; oh++) {
        const real *row = x + (oh * iH / oH) * iW;
        for (ow = 0; ow < oW; ow++)
          y[oh * oW + ow] = row[ow * iW / oW];
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(SpatialUpSamplingNearest_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                    THTensor *gradInput, int nbatch,
                                                    int nchannels, int inputHeight,
                                                    int inputWidth, int outputHeight,
                                                    int outputWidth)
{
  THTensor *go;
  long iH = inputHeight, iW = inputWidth, oH = outputHeight, oW = outputWidth;
  long NC = (long)nbatch * nchannels, p;
  TH_UNUSED(state);
  if (!(go = THNN_(upsampleGradBegin)("SpatialUpSamplingNearest", gradOutput, gradInput,
                                      nbatch, nchannels, inputHeight, inputWidth,
                                      outputHeight, outputWidth)))
    return -1;
  if (NC > 0) {
    const real *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW))
    for (p = 0; p < NC; p++) {
      const real *g = g0 + p * oH * oW;
      real *d = d0 + p * iH * iW;
      long oh, ow;
      for (oh = 0; oh < oH; oh++) {
        real *row = d + (oh * iH / oH) * iW;
        for (ow = 0; ow < oW; ow++)
          row[ow * iW / oW] += g[oh * oW + ow];
      }
    }
  }
  THTensor_(free)(go);
  return 0;
}

/* Where output o reads along one dimension: lower index, step to the upper one (0 at the
 * last input position), and the upper one's weight. */
static void THNN_(lerpPos)(long o, long in, long out, long *lo, long *step, accreal *frac)
{
  accreal pos = out > 1 ? (accreal)o * (in - 1) / (out - 1) : 0;
  *lo = (long)pos;
  if (*lo > in - 1)
    *lo = in - 1;
  *step = *lo < in - 1 ? 1 : 0;
  *frac = pos - *lo;
}

int THNN_(SpatialUpSamplingBilinear_updateOutput)(THNNState *state, THTensor *input,
                                                  THTensor *output, int outputHeight,
                                                  int outputWidth)
{
  THTensor *in = NULL;
  long iH, iW, oH = outputHeight, oW = outputWidth, NC, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(upsampleCheck)("SpatialUpSamplingBilinear", input, outputHeight, outputWidth) != 0)
    return -1;
  iH = input->size[2];
  iW = input->size[3];
  NC = input->size[0] * input->size[1];
  if (!(in = THTensor_(newContiguous)(input)) ||
      THTensor_(resize)(output, 4, (long[]){input->size[0], input->size[1], oH, oW}) != 0)
    goto done;
  if (NC > 0) {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW * 4))
    for (p = 0; p < NC; p++) {
      const real *x = x0 + p * iH * iW;
      real *y = y0 + p * oH * oW;
      long oh, ow, h, dh, w, dw;
      accreal fh, fw;
      for (oh = 0; oh < oH; oh++) {
        THNN_(lerpPos)(oh, iH, oH, &h, &dh, &fh);
        for (ow = 0; ow < oW; ow++) {
          const real *a = x + h * iW, *b = a + dh * iW;
          THNN_(lerpPos)(ow, iW, oW, &w, &dw, &fw);
          y[oh * oW + ow] = (real)((1 - fh) * ((1 - fw) * a[w] + fw * a[w + dw]) +
                                   fh * ((1 - fw) * b[w] + fw * b[w + dw]));
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(SpatialUpSamplingBilinear_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                                     THTensor *gradInput, int nbatch,
                                                     int nchannels, int inputHeight,
                                                     int inputWidth, int outputHeight,
                                                     int outputWidth)
{
  THTensor *go;
  long iH = inputHeight, iW = inputWidth, oH = outputHeight, oW = outputWidth;
  long NC = (long)nbatch * nchannels, p;
  TH_UNUSED(state);
  if (!(go = THNN_(upsampleGradBegin)("SpatialUpSamplingBilinear", gradOutput, gradInput,
                                      nbatch, nchannels, inputHeight, inputWidth,
                                      outputHeight, outputWidth)))
    return -1;
  if (NC > 0) {
    const real *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(NC * oH * oW * 4))
    for (p = 0; p < NC; p++) {
      const real *g = g0 + p * oH * oW;
      real *d = d0 + p * iH * iW;
      long oh, ow, h, dh, w, dw;
      accreal fh, fw;
      for (oh = 0; oh < oH; oh++) {
        THNN_(lerpPos)(oh, iH, oH, &h, &dh, &fh);
        for (ow = 0; ow < oW; ow++) {
          real *a = d + h * iW, *b = a + dh * iW;
          accreal v = g[oh * oW + ow];
          THNN_(lerpPos)(ow, iW, oW, &w, &dw, &fw);
          a[w] += (real)((1 - fh) * (1 - fw) * v);
          a[w + dw] += (real)((1 - fh) * fw * v);
          b[w] += (real)(fh * (1 - fw) * v);
          b[w + dw] += (real)(fh * fw * v);
        }
      }
    }
  }
  THTensor_(free)(go);
  return 0;
}

#endif
