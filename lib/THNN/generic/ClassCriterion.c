#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/ClassCriterion.c"
#else
/* Losses over class scores with integer targets: ClassNLL (and its spatial form),
 * MultiMargin and MultiLabelMargin. Every target is checked before anything is written. */

/* Shapes of ClassNLL: input [N x C] or [C], target N elements. */
static int THNN_(nllShape)(const char *op, THTensor *input, THIndexTensor *target,
                           THTensor *weights, long *N, long *C)
{
  char b1[256], b2[256];
  TH_CHECK(input->nDimension == 1 || input->nDimension == 2, TH_ERR_RUNTIME,
           "%s: Expected 1D or 2D input (batch, classes), got %s", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)));
  *N = input->nDimension == 2 ? input->size[0] : 1;
  *C = input->size[input->nDimension - 1];
  TH_CHECK(THLongTensor_nElement(target) == *N && target->nDimension <= 1, TH_ERR_RUNTIME,
           "%s: Expected target of size [%ld] (one class per sample of input %s), got %s", op,
           *N, THTensor_(describeSize)(input, b1, sizeof(b1)),
           THLongTensor_describeSize(target, b2, sizeof(b2)));
  TH_CHECK(!weights || THTensor_(nElement)(weights) == *C, TH_ERR_RUNTIME,
           "%s: weights must have %ld elements (one per class), got size %s", op, *C,
           weights ? THTensor_(describeSize)(weights, b1, sizeof(b1)) : "");
  return 0;
}

/* IndexError unless every target is in [0, C) or equals ignore_index. */
static int THNN_(checkTargets)(const char *op, const long *t, ptrdiff_t n, long C,
                               long ignore_index)
{
  ptrdiff_t i;
  for (i = 0; i < n; i++)
    TH_CHECK(t[i] == ignore_index || (t[i] >= 0 && t[i] < C), TH_ERR_INDEX,
             "%s: Target %ld is out of bounds (number of classes: %ld)", op, t[i], C);
  return 0;
}

/* The shared NLL loop: input seen as [N x C x P] (P positions per sample), target [N x P].
 * gradInput NULL: the loss; else its gradient. */
static int THNN_(nll)(const char *op, THTensor *input, THIndexTensor *target,
                      THTensor *output, THTensor *gradInput, int sizeAverage,
                      THTensor *weights, THTensor *total_weight, long ignore_index, long N,
                      long C, long P)
{
  THTensor *x = NULL, *w = NULL;
  THLongTensor *t = NULL;
  int rc = -1;
  TH_CHECK(!gradInput || THTensor_(nElement)(total_weight) == 1, TH_ERR_RUNTIME,
           "%s: total_weight must have one element (from the forward pass)", op);
  if (!(t = THLongTensor_newContiguous(target)))
    goto done;
  if (THNN_(checkTargets)(op, THLongTensor_data(t), N * P, C, ignore_index) != 0)
    goto done;
  if (!(x = THTensor_(newContiguous)(input)) || (weights && !(w = THTensor_(newContiguous)(weights))))
    goto done;
  {
    const long *td = THLongTensor_data(t);
    const real *wd = w ? THTensor_(data)(w) : NULL;
    long i, p;
    if (gradInput) {
      accreal tw, norm;
      real *gd;
      tw = THTensor_(data)(total_weight)[0];
      if (THTensor_(resizeAs)(gradInput, input) != 0)
        goto done;
      THTensor_(zero)(gradInput);
      if (tw <= 0 && sizeAverage) {
        rc = 0;
        goto done;
      }
      norm = sizeAverage ? tw : 1;
      gd = THTensor_(data)(gradInput);
      for (i = 0; i < N; i++)
        for (p = 0; p < P; p++) {
          long c = td[i * P + p];
          if (c != ignore_index)
            gd[(i * C + c) * P + p] = (real)(-(wd ? wd[c] : 1) / norm);
        }
    } else {
      const real *xd = THTensor_(data)(x);
      accreal sum = 0, tw = 0;
      if (THTensor_(resize1d)(output, 1) != 0 || THTensor_(resize1d)(total_weight, 1) != 0)
        goto done;
      for (i = 0; i < N; i++)
        for (p = 0; p < P; p++) {
          long c = td[i * P + p];
          if (c != ignore_index) {
            accreal wc = wd ? wd[c] : 1;
            sum -= wc * xd[(i * C + c) * P + p];
            tw += wc;
          }
        }
      THTensor_(data)(output)[0] = (real)(sizeAverage ? sum / tw : sum);
      THTensor_(data)(total_weight)[0] = (real)tw;
    }
  }
  rc = 0;
done:
  THTensor_(free)(x);
  THTensor_(free)(w);
  THLongTensor_free(t);
  return rc;
}

int THNN_(ClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input,
                                          THIndexTensor *target, THTensor *output,
                                          int sizeAverage, THTensor *weights,
                                          THTensor *total_weight, long ignore_index)
{
  long N, C;
  TH_UNUSED(state);
  if (THNN_(nllShape)("ClassNLLCriterion", input, target, weights, &N, &C) != 0)
    return -1;
  return THNN_(nll)("ClassNLLCriterion", input, target, output, NULL, sizeAverage, weights,
                    total_weight, ignore_index, N, C, 1);
}

int THNN_(ClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                             THIndexTensor *target, THTensor *gradInput,
                                             int sizeAverage, THTensor *weights,
                                             THTensor *total_weight, long ignore_index)
{
  long N, C;
  TH_UNUSED(state);
  if (THNN_(nllShape)("ClassNLLCriterion", input, target, weights, &N, &C) != 0)
    return -1;
  return THNN_(nll)("ClassNLLCriterion", input, target, NULL, gradInput, sizeAverage, weights,
                    total_weight, ignore_index, N, C, 1);
}

static int THNN_(spatialNllShape)(THTensor *input, THIndexTensor *target, THTensor *weights)
{
  const char *op = "SpatialClassNLLCriterion";
  char b1[256], b2[256];
  if (THNN_(checkDim)(op, input, 4, "batch, classes, height, width") != 0)
    return -1;
  TH_CHECK(target->nDimension == 3 && target->size[0] == input->size[0] &&
           target->size[1] == input->size[2] && target->size[2] == input->size[3],
           TH_ERR_RUNTIME, "%s: Expected target of size [%ld x %ld x %ld] for input %s, got %s",
           op, input->size[0], input->size[2], input->size[3],
           THTensor_(describeSize)(input, b1, sizeof(b1)),
           THLongTensor_describeSize(target, b2, sizeof(b2)));
  TH_CHECK(!weights || THTensor_(nElement)(weights) == input->size[1], TH_ERR_RUNTIME,
           "%s: weights must have %ld elements (one per class), got size %s", op,
           input->size[1], weights ? THTensor_(describeSize)(weights, b1, sizeof(b1)) : "");
  return 0;
}

int THNN_(SpatialClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                 THIndexTensor *target, THTensor *output,
                                                 int sizeAverage, THTensor *weights,
                                                 THTensor *total_weight, long ignore_index)
{
  TH_UNUSED(state);
  if (THNN_(spatialNllShape)(input, target, weights) != 0)
    return -1;
  return THNN_(nll)("SpatialClassNLLCriterion", input, target, output, NULL, sizeAverage,
                    weights, total_weight, ignore_index, input->size[0], input->size[1],
                    input->size[2] * input->size[3]);
}

int THNN_(SpatialClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                    THIndexTensor *target, THTensor *gradInput,
                                                    int sizeAverage, THTensor *weights,
                                                    THTensor *total_weight, long ignore_index)
{
  TH_UNUSED(state);
  if (THNN_(spatialNllShape)(input, target, weights) != 0)
    return -1;
  return THNN_(nll)("SpatialClassNLLCriterion", input, target, NULL, gradInput, sizeAverage,
                    weights, total_weight, ignore_index, input->size[0], input->size[1],
                    input->size[2] * input->size[3]);
}

/* MultiMargin: loss or gradient (gradInput given). */
static int THNN_(multiMargin)(THTensor *input, THIndexTensor *target, THTensor *output,
                              THTensor *gradInput, int sizeAverage, int p, THTensor *weights,
                              accreal margin)
{
  const char *op = "MultiMarginCriterion";
  THTensor *x = NULL, *w = NULL;
  THLongTensor *t = NULL;
  long N, C, i, j;
  int rc = -1;
  TH_CHECK(p == 1 || p == 2, TH_ERR_VALUE, "%s: only p == 1 and p == 2 are supported, got %d",
           op, p);
  if (THNN_(nllShape)(op, input, target, weights, &N, &C) != 0)
    return -1;
  if (!(t = THLongTensor_newContiguous(target)))
    goto done;
  if (THNN_(checkTargets)(op, THLongTensor_data(t), N, C, -1000000000000L) != 0)
    goto done;
  if (!(x = THTensor_(newContiguous)(input)) || (weights && !(w = THTensor_(newContiguous)(weights))))
    goto done;
  if ((gradInput ? THTensor_(resizeAs)(gradInput, input) : THTensor_(resize1d)(output, 1)) != 0)
    goto done;
  {
    const real *xd = THTensor_(data)(x), *wd = w ? THTensor_(data)(w) : NULL;
    const long *td = THLongTensor_data(t);
    accreal norm = (sizeAverage ? N : 1) * (accreal)C, sum = 0;
    real *gd = gradInput ? THTensor_(data)(gradInput) : NULL;
    if (gd)
      THTensor_(zero)(gradInput);
    for (i = 0; i < N; i++) {
      const real *xi = xd + i * C;
      long y = td[i];
      accreal wy = wd ? wd[y] : 1;
      for (j = 0; j < C; j++) {
        accreal z = margin - xi[y] + xi[j];
        if (j == y || z <= 0)
          continue;
        if (gd) {
          accreal h = (p == 1 ? 1 : 2 * z) * wy / norm;
          gd[i * C + j] += (real)h;
          gd[i * C + y] -= (real)h;
        } else {
          sum += (p == 1 ? z : z * z) * wy;
        }
      }
    }
    if (!gd)
      THTensor_(data)(output)[0] = (real)(sum / norm);
  }
  rc = 0;
done:
  THTensor_(free)(x);
  THTensor_(free)(w);
  THLongTensor_free(t);
  return rc;
}

int THNN_(MultiMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                             THIndexTensor *target, THTensor *output,
                                             int sizeAverage, int p, THTensor *weights,
                                             accreal margin)
{
  TH_UNUSED(state);
  return THNN_(multiMargin)(input, target, output, NULL, sizeAverage, p, weights, margin);
}

int THNN_(MultiMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                THIndexTensor *target, THTensor *gradInput,
                                                int sizeAverage, int p, THTensor *weights,
                                                accreal margin)
{
  TH_UNUSED(state);
  return THNN_(multiMargin)(input, target, NULL, gradInput, sizeAverage, p, weights, margin);
}

/* MultiLabelMargin: loss or gradient (gradInput given); isTarget marks each sample's
 * target classes. */
static int THNN_(multiLabelMargin)(THTensor *input, THIndexTensor *target, THTensor *output,
                                   THTensor *gradInput, THTensor *isTarget, int sizeAverage)
{
  const char *op = "MultiLabelMarginCriterion";
  THTensor *x = NULL;
  THLongTensor *t = NULL;
  char b1[256], b2[256];
  long N, C, i, j, k;
  int rc = -1;
  TH_CHECK(input->nDimension == 1 || input->nDimension == 2, TH_ERR_RUNTIME,
           "%s: Expected 1D or 2D input (batch, classes), got %s", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)));
  TH_CHECK(THLongTensor_isSize(target, input->nDimension, input->size), TH_ERR_RUNTIME,
           "%s: target must have the size of input %s, got %s", op,
           THTensor_(describeSize)(input, b1, sizeof(b1)),
           THLongTensor_describeSize(target, b2, sizeof(b2)));
  N = input->nDimension == 2 ? input->size[0] : 1;
  C = input->size[input->nDimension - 1];
  if (!(t = THLongTensor_newContiguous(target)))
    goto done;
  {
    const long *td = THLongTensor_data(t);
    for (i = 0; i < N; i++)
      for (j = 0; j < C && td[i * C + j] >= 0; j++)
        if (td[i * C + j] >= C) {
          THError_index("%s: Target %ld is out of bounds (number of classes: %ld)", op,
                        td[i * C + j], C);
          goto done;
        }
  }
  if (!(x = THTensor_(newContiguous)(input)) || THTensor_(resizeAs)(isTarget, input) != 0 ||
      (gradInput ? THTensor_(resizeAs)(gradInput, input) : THTensor_(resize1d)(output, 1)) != 0)
    goto done;
  THTensor_(zero)(isTarget);
  if (gradInput)
    THTensor_(zero)(gradInput);
  {
    const real *xd = THTensor_(data)(x);
    const long *td = THLongTensor_data(t);
    real *is = THTensor_(data)(isTarget), *gd = gradInput ? THTensor_(data)(gradInput) : NULL;
    accreal norm = (sizeAverage ? N : 1) * (accreal)C, sum = 0;
    for (i = 0; i < N; i++) {
      const real *xi = xd + i * C;
      for (j = 0; j < C && td[i * C + j] >= 0; j++)
        is[i * C + td[i * C + j]] = 1;
      for (j = 0; j < C && td[i * C + j] >= 0; j++) {
        long y = td[i * C + j];
        for (k = 0; k < C; k++) {
          accreal z = 1 - xi[y] + xi[k];
          if (is[i * C + k] != 0 || z <= 0)
            continue;
          if (gd) {
            gd[i * C + y] -= (real)(1 / norm);
            gd[i * C + k] += (real)(1 / norm);
          } else {
            sum += z;
          }
        }
      }
    }
    if (!gd)
      THTensor_(data)(output)[0] = (real)(sum / norm);
  }
  rc = 0;
done:
  THTensor_(free)(x);
  THLongTensor_free(t);
  return rc;
}

int THNN_(MultiLabelMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                  THIndexTensor *target, THTensor *output,
                                                  THTensor *isTarget, int sizeAverage)
{
  TH_UNUSED(state);
  return THNN_(multiLabelMargin)(input, target, output, NULL, isTarget, sizeAverage);
}

int THNN_(MultiLabelMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                     THIndexTensor *target,
                                                     THTensor *gradInput, THTensor *isTarget,
                                                     int sizeAverage)
{
  TH_UNUSED(state);
  return THNN_(multiLabelMargin)(input, target, NULL, gradInput, isTarget, sizeAverage);
}

#endif
