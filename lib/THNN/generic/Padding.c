#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/Padding.c"
#else
/* Reflection and replication padding of 4D (spatial) and 5D (volumetric) input. A 4D input
 * is a 5D one of depth 1 with no depth padding. Every output element copies one input
 * element (the reflected or the clamped position); backward adds each output gradient into
 * that position. Planes are independent and run in parallel. */

/* pads: front, back, top, bottom, left, right (all >= 0). */
typedef struct THNN_(PadPlan) {
  long NC, iD, iH, iW, oD, oH, oW;
  long pad[6];
  int reflect;
} THNN_(PadPlan);

static int THNN_(padPlan)(const char *op, THTensor *input, THTensor *gradOutput, int nd,
                          const int *pads, int reflect, THNN_(PadPlan) *s)
{
  char b1[256], b2[256];
  long in[3], want[5];
  int i, dim = nd + 2;
  if (THNN_(checkDim)(op, input, dim, nd == 2 ? "batch, channels, height, width"
                                              : "batch, channels, depth, height, width") != 0)
    return -1;
  for (i = 0; i < 6; i++)
    TH_CHECK(pads[i] >= 0, TH_ERR_VALUE, "%s: padding must not be negative, got %d", op,
             pads[i]);
  for (i = 0; i < 3; i++)
    in[i] = i < 3 - nd ? 1 : input->size[dim - 3 + i];
  for (i = 0; i < 3; i++) {
    long before = pads[2 * i], after = pads[2 * i + 1];
    TH_CHECK(in[i] > 0 || before + after == 0, TH_ERR_RUNTIME,
             "%s: cannot pad input of size %s with empty dimensions", op,
             THTensor_(describeSize)(input, b1, sizeof(b1)));
    TH_CHECK(!reflect || (before < in[i] && after < in[i]), TH_ERR_VALUE,
             "%s: padding (%ld, %ld) must be smaller than the size %ld of the padded "
             "dimension of input %s", op, before, after, in[i],
             THTensor_(describeSize)(input, b1, sizeof(b1)));
    s->pad[2 * i] = before;
    s->pad[2 * i + 1] = after;
  }
  s->NC = input->size[0] * input->size[1];
  s->iD = in[0];
  s->iH = in[1];
  s->iW = in[2];
  s->oD = in[0] + s->pad[0] + s->pad[1];
  s->oH = in[1] + s->pad[2] + s->pad[3];
  s->oW = in[2] + s->pad[4] + s->pad[5];
  s->reflect = reflect;
  if (gradOutput) {
    long out[3];
    out[0] = s->oD;
    out[1] = s->oH;
    out[2] = s->oW;
    want[0] = input->size[0];
    want[1] = input->size[1];
    for (i = 0; i < nd; i++)
      want[2 + i] = out[3 - nd + i];
    TH_CHECK(THTensor_(isSize)(gradOutput, dim, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), dim, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

/* The input index read by output index o (0 <= o < n + before + after). */
static long THNN_(padSource)(long o, long n, long before, int reflect)
{
  long i = o - before;
  if (i < 0)
    return reflect ? -i : 0;
  if (i >= n)
    return reflect ? 2 * (n - 1) - i : n - 1;
  return i;
}

/* Forward (grad = 0): result = padded input; backward (grad = 1): result = adjoint of src. */
static int THNN_(pad)(const char *op, THTensor *input, THTensor *gradOutput, THTensor *result,
                      int nd, const int *pads, int reflect)
{
  THNN_(PadPlan) s;
  THTensor *src = NULL;
  int rc = -1, grad = gradOutput != NULL;
  long p;
  if (THNN_(padPlan)(op, input, gradOutput, nd, pads, reflect, &s) != 0)
    return -1;
  if (!(src = THTensor_(newContiguous)(grad ? gradOutput : input)))
    goto done;
  if (grad) {
    if (THTensor_(resizeAs)(result, input) != 0)
      goto done;
    THTensor_(zero)(result);
  } else {
    /* 4D: [N x C x oH x oW]; 5D: [N x C x oD x oH x oW] */
    long sizes[5] = {input->size[0], input->size[1], s.oD, s.oH, s.oW};
    if (nd == 2) {
      sizes[2] = s.oH;
      sizes[3] = s.oW;
    }
    if (THTensor_(resize)(result, nd + 2, sizes) != 0)
      goto done;
  }
  if (s.NC > 0 && s.oD * s.oH * s.oW > 0) {
    const real *s0 = THTensor_(data)(src);
    real *r0 = THTensor_(data)(result);
    long in = s.iD * s.iH * s.iW, out = s.oD * s.oH * s.oW;
#pragma omp parallel for if (THApply_parallel(s.NC * out))
    for (p = 0; p < s.NC; p++) {
      long od, oh, ow;
      for (od = 0; od < s.oD; od++) {
        long d = THNN_(padSource)(od, s.iD, s.pad[0], s.reflect);
        for (oh = 0; oh < s.oH; oh++) {
          long h = THNN_(padSource)(oh, s.iH, s.pad[2], s.reflect);
          long irow = p * in + (d * s.iH + h) * s.iW, orow = p * out + (od * s.oH + oh) * s.oW;
          for (ow = 0; ow < s.oW; ow++) {
            long w = THNN_(padSource)(ow, s.iW, s.pad[4], s.reflect);
            if (grad)
              r0[irow + w] += s0[orow + ow];
            else
              r0[orow + ow] = s0[irow + w];
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

int THNN_(SpatialReflectionPadding_updateOutput)(THNNState *state, THTensor *input,
                                                 THTensor *output, int pad_l, int pad_r,
                                                 int pad_t, int pad_b)
{
  int pads[6] = {0, 0, pad_t, pad_b, pad_l, pad_r};
  TH_UNUSED(state);
  return THNN_(pad)("SpatialReflectionPadding", input, NULL, output, 2, pads, 1);
}

int THNN_(SpatialReflectionPadding_updateGradInput)(THNNState *state, THTensor *input,
                                                    THTensor *gradOutput, THTensor *gradInput,
                                                    int pad_l, int pad_r, int pad_t, int pad_b)
{
  int pads[6] = {0, 0, pad_t, pad_b, pad_l, pad_r};
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "SpatialReflectionPadding: gradOutput must be given");
  return THNN_(pad)("SpatialReflectionPadding", input, gradOutput, gradInput, 2, pads, 1);
}

int THNN_(SpatialReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                  THTensor *output, int pad_l, int pad_r,
                                                  int pad_t, int pad_b)
{
  int pads[6] = {0, 0, pad_t, pad_b, pad_l, pad_r};
  TH_UNUSED(state);
  return THNN_(pad)("SpatialReplicationPadding", input, NULL, output, 2, pads, 0);
}

int THNN_(SpatialReplicationPadding_updateGradInput)(THNNState *state, THTensor *input,
                                                     THTensor *gradOutput, THTensor *gradInput,
                                                     int pad_l, int pad_r, int pad_t,
                                                     int pad_b)
{
  int pads[6] = {0, 0, pad_t, pad_b, pad_l, pad_r};
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "SpatialReplicationPadding: gradOutput must be given");
  return THNN_(pad)("SpatialReplicationPadding", input, gradOutput, gradInput, 2, pads, 0);
}

int THNN_(VolumetricReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                     THTensor *output, int pleft, int pright,
                                                     int ptop, int pbottom, int pfront,
                                                     int pback)
{
  int pads[6] = {pfront, pback, ptop, pbottom, pleft, pright};
  TH_UNUSED(state);
  return THNN_(pad)("VolumetricReplicationPadding", input, NULL, output, 3, pads, 0);
}

int THNN_(VolumetricReplicationPadding_updateGradInput)(THNNState *state, THTensor *input,
                                                        THTensor *gradOutput,
                                                        THTensor *gradInput, int pleft,
                                                        int pright, int ptop, int pbottom,
                                                        int pfront, int pback)
{
  int pads[6] = {pfront, pback, ptop, pbottom, pleft, pright};
  TH_UNUSED(state);
  TH_CHECK(gradOutput, TH_ERR_VALUE, "VolumetricReplicationPadding: gradOutput must be given");
  return THNN_(pad)("VolumetricReplicationPadding", input, gradOutput, gradInput, 3, pads, 0);
}

#endif
