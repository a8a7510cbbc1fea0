#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialAdaptivePooling.c"
#else
/* Adaptive max and average pooling: output cell (oh, ow) covers input rows
 * [floor(oh*iH/oH), ceil((oh+1)*iH/oH)) and likewise for columns. Planes run in parallel. */

static int THNN_(adaptiveCheck)(const char *op, THTensor *input, int owidth, int oheight)
{
  if (THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(owidth > 0 && oheight > 0, TH_ERR_VALUE,
           "%s: output size must be positive, got %dx%d", op, oheight, owidth);
  return 0;
}

#define THNN_ADAPT_START(o, O, I) (((o) * (I)) / (O))
#define THNN_ADAPT_END(o, O, I) ((((o) + 1) * (I) + (O) - 1) / (O))

int THNN_(SpatialAdaptiveMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                  THTensor *output, THIndexTensor *indices,
                                                  int owidth, int oheight)
{
  THTensor *in = NULL;
  long iH, iW, oH = oheight, oW = owidth, NC, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(adaptiveCheck)("SpatialAdaptiveMaxPooling", input, owidth, oheight) != 0)
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
  if (NC == 0 || iH * iW == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
    long *i0 = THLongTensor_data(indices);
#pragma omp parallel for if (THApply_parallel(NC * iH * iW))
    for (p = 0; p < NC; p++) {
      const real *x = x0 + p * iH * iW;
      long oh, ow, ih, iw;
      for (oh = 0; oh < oH; oh++) {
        long h0 = THNN_ADAPT_START(oh, oH, iH), h1 = THNN_ADAPT_END(oh, oH, iH);
        for (ow = 0; ow < oW; ow++) {
          long w0 = THNN_ADAPT_START(ow, oW, iW), w1 = THNN_ADAPT_END(ow, oW, iW);
          long best = h0 * iW + w0;
          real mx = x[best];
          for (ih = h0; ih < h1; ih++)
            for (iw = w0; iw < w1; iw++) {
              real v = x[ih * iW + iw];
              if (v > mx || (v != v && mx == mx)) {
                mx = v;
                best = ih * iW + iw;
              }
            }
          y0[(p * oH + oh) * oW + ow] = mx;
          i0[(p * oH + oh) * oW + ow] = best;
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(SpatialAdaptiveMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                     THTensor *gradOutput, THTensor *gradInput,
                                                     THIndexTensor *indices)
{
  TH_UNUSED(state);
  if (THNN_(checkDim)("SpatialAdaptiveMaxPooling", input, 4,
                      "batch, channels, height, width") != 0)
    return -1;
  /* the same scatter as max pooling: indices name positions in each input plane */
  return THNN_(SpatialMaxPooling_updateGradInput)(state, input, gradOutput, gradInput, indices);
}

int THNN_(SpatialAdaptiveAveragePooling_updateOutput)(THNNState *state, THTensor *input,
                                                      THTensor *output, int owidth, int oheight)
{
  THTensor *in = NULL;
  long iH, iW, oH = oheight, oW = owidth, NC, p;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(adaptiveCheck)("SpatialAdaptiveAveragePooling", input, owidth, oheight) != 0)
    return -1;
  iH = input->size[2];
  iW = input->size[3];
  NC = input->size[0] * input->size[1];
  if (!(in = THTensor_(newContiguous)(input)) ||
      THTensor_(resize)(output, 4, (long[]){input->size[0], input->size[1], oH, oW}) != 0)
    goto done;
  if (NC == 0 || iH * iW == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(NC * iH * iW))
    for (p = 0; p < NC; p++) {
      const real *x = x0 + p * iH * iW;
      long oh, ow, ih, iw;
      for (oh = 0; oh < oH; oh++) {
        long h0 = THNN_ADAPT_START(oh, oH, iH), h1 = THNN_ADAPT_END(oh, oH, iH);
        for (ow = 0; ow < oW; ow++) {
          long w0 = THNN_ADAPT_START(ow, oW, iW), w1 = THNN_ADAPT_END(ow, oW, iW);
          accreal sum = 0;
          for (ih = h0; ih < h1; ih++)
            for (iw = w0; iw < w1; iw++)
              sum += x[ih * iW + iw];
          y0[(p * oH + oh) * oW + ow] = (real)(sum / ((h1 - h0) * (w1 - w0)));
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(SpatialAdaptiveAveragePooling_updateGradInput)(THNNState *state, THTensor *input,
                                                         THTensor *gradOutput,
                                                         THTensor *gradInput)
{
  THTensor *go = NULL;
  long iH, iW, oH, oW, NC, p;
  char b1[256], b2[256];
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(checkDim)("SpatialAdaptiveAveragePooling", input, 4,
                      "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(gradOutput->nDimension == 4 && gradOutput->size[0] == input->size[0] &&
           gradOutput->size[1] == input->size[1] && gradOutput->size[2] > 0 &&
           gradOutput->size[3] > 0, TH_ERR_RUNTIME,
           "SpatialAdaptiveAveragePooling: gradOutput of size %s does not fit input of size %s",
           THTensor_(describeSize)(gradOutput, b1, sizeof(b1)),
           THTensor_(describeSize)(input, b2, sizeof(b2)));
  iH = input->size[2];
  iW = input->size[3];
  oH = gradOutput->size[2];
  oW = gradOutput->size[3];
  NC = input->size[0] * input->size[1];
  if (!(go = THTensor_(newContiguous)(gradOutput)) || THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  THTensor_(zero)(gradInput);
  if (NC == 0 || iH * iW == 0) {
    rc = 0;
    goto done;
  }
  {
    const real *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(NC * iH * iW))
    for (p = 0; p < NC; p++) {
      real *d = d0 + p * iH * iW;
      long oh, ow, ih, iw;
      for (oh = 0; oh < oH; oh++) {
        long h0 = THNN_ADAPT_START(oh, oH, iH), h1 = THNN_ADAPT_END(oh, oH, iH);
        for (ow = 0; ow < oW; ow++) {
          long w0 = THNN_ADAPT_START(ow, oW, iW), w1 = THNN_ADAPT_END(ow, oW, iW);
          real g = (real)(g0[(p * oH + oh) * oW + ow] / (accreal)((h1 - h0) * (w1 - w0)));
          for (ih = h0; ih < h1; ih++)
            for (iw = w0; iw < w1; iw++)
              d[ih * iW + iw] += g;
        }
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  return rc;
}

#undef THNN_ADAPT_START
#undef THNN_ADAPT_END
#endif
