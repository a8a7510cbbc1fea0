#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/Rectifier.c"
#else
/* PReLU (learned negative slope, shared or per channel) and RReLU (random negative slope
 * in training, its mean in evaluation). */

/* Checks weight against input; *C = channels, *inner = elements per (sample, channel). */
static int THNN_(preluShape)(const THTensor *input, const THTensor *weight, long *outer,
                             long *C, long *inner)
{
  char b[256];
  long nw = THTensor_(nElement)(weight);
  int d;
  TH_CHECK(input->nDimension > 0, TH_ERR_RUNTIME, "PReLU: expected a non-empty input");
  *outer = 1;
  *inner = 1;
  *C = 1;
  if (nw == 1) {
    for (d = 0; d < input->nDimension; d++)
      *inner *= input->size[d];
    return 0;
  }
  TH_CHECK(input->nDimension >= 2 && input->size[1] == nw, TH_ERR_RUNTIME,
           "PReLU: weight has %ld elements, which must be 1 or the number of channels "
           "(dim 1) of input, got input of size %s", nw,
           THTensor_(describeSize)(input, b, sizeof(b)));
  *outer = input->size[0];
  *C = nw;
  for (d = 2; d < input->nDimension; d++)
    *inner *= input->size[d];
  return 0;
}

int THNN_(PReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                              THTensor *weight)
{
  THTensor *in = NULL, *w = NULL;
  long outer, C, inner, oc;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(preluShape)(input, weight, &outer, &C, &inner) != 0)
    return -1;
  if (!(in = THTensor_(newContiguous)(input)) || !(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resizeAs)(output, input) != 0)
    goto done;
  {
    const real *x0 = THTensor_(data)(in), *wd = THTensor_(data)(w);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(outer * C * inner))
    for (oc = 0; oc < outer * C; oc++) {
      const real *x = x0 + oc * inner;
      real *y = y0 + oc * inner;
      real a = wd[oc % C];
      long j;
      for (j = 0; j < inner; j++)
        y[j] = x[j] > 0 ? x[j] : a * x[j];
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(w);
  return rc;
}

int THNN_(PReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                 THTensor *gradInput, THTensor *weight)
{
  THTensor *in = NULL, *go = NULL, *w = NULL;
  long outer, C, inner, oc;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(preluShape)(input, weight, &outer, &C, &inner) != 0 ||
      THNN_(checkSameSize)("PReLU", input, "gradOutput", gradOutput) != 0)
    return -1;
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      !(w = THTensor_(newContiguous)(weight)) || THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(go), *wd = THTensor_(data)(w);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(outer * C * inner))
    for (oc = 0; oc < outer * C; oc++) {
      const real *x = x0 + oc * inner, *g = g0 + oc * inner;
      real *dx = d0 + oc * inner;
      real a = wd[oc % C];
      long j;
      for (j = 0; j < inner; j++)
        dx[j] = x[j] > 0 ? g[j] : a * g[j];
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  THTensor_(free)(w);
  return rc;
}

int THNN_(PReLU_accGradParameters)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                   THTensor *weight, THTensor *gradWeight, accreal scale)
{
  THTensor *in = NULL, *go = NULL;
  long outer, C, inner, c;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(preluShape)(input, weight, &outer, &C, &inner) != 0 ||
      THNN_(checkSameSize)("PReLU", input, "gradOutput", gradOutput) != 0 ||
      THNN_(checkSameSize)("PReLU", weight, "gradWeight", gradWeight) != 0)
    return -1;
  TH_CHECK(THTensor_(isContiguous)(gradWeight), TH_ERR_RUNTIME,
           "PReLU: gradWeight must be contiguous");
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)))
    goto done;
  {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(go);
    real *gw = THTensor_(data)(gradWeight);
#pragma omp parallel for if (THApply_parallel(outer * C * inner) && C > 1)
    for (c = 0; c < C; c++) {
      accreal sum = 0;
      long o, j;
      for (o = 0; o < outer; o++) {
        const real *x = x0 + (o * C + c) * inner, *g = g0 + (o * C + c) * inner;
        for (j = 0; j < inner; j++)
          if (x[j] <= 0)
            sum += (accreal)x[j] * g[j];
      }
      gw[c] += (real)(scale * sum);
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

int THNN_(RReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                              THTensor *noise, accreal lower, accreal upper, int train,
                              int inplace, THGenerator *generator)
{
  THApplyPlan plan;
  const long *strides[3];
  TH_UNUSED(state);
  TH_CHECK(lower <= upper, TH_ERR_VALUE,
           "RReLU: lower bound (%g) must not exceed upper bound (%g)", lower, upper);
  TH_CHECK(!train || generator, TH_ERR_VALUE, "RReLU: training needs a generator");
  if (!train) {
    return THNN_(LeakyReLU_updateOutput)(state, input, output, (lower + upper) / 2, inplace);
  }
  if (THTensor_(resizeAs)(noise, input) != 0 ||
      (inplace ? THTensor_(set)(output, input) : THTensor_(resizeAs)(output, input)) != 0)
    return -1;
  if (THTensor_(nElement)(input) == 0)
    return 0;
  {
    /* draw serially (one generator), then apply in parallel */
    real *nz = THTensor_(data)(noise);
    ptrdiff_t i, n = THTensor_(nElement)(noise);
    for (i = 0; i < n; i++)
      nz[i] = (real)THRandom_uniform(generator, lower, upper);
  }
  strides[0] = output->stride;
  strides[1] = input->stride;
  strides[2] = noise->stride;
  THApplyPlan_init(&plan, 3, input->nDimension, input->size, strides);
  TH_APPLY3(real, y, THTensor_(data)(output), real, x, THTensor_(data)(input), real, r,
            THTensor_(data)(noise), &plan, {
              if (*x > 0)
                *r = 1;
              *y = *x * *r;
            });
  return 0;
}

int THNN_(RReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                 THTensor *gradInput, THTensor *noise, accreal lower,
                                 accreal upper, int train, int inplace)
{
  THApplyPlan plan;
  const long *strides[3];
  TH_UNUSED(state);
  if (!train)
    return THNN_(LeakyReLU_updateGradInput)(state, input, gradOutput, gradInput,
                                            (lower + upper) / 2, inplace);
  if (THNN_(checkSameSize)("RReLU", input, "gradOutput", gradOutput) != 0 ||
      THNN_(checkSameSize)("RReLU", input, "noise", noise) != 0)
    return -1;
  if ((inplace ? THTensor_(set)(gradInput, gradOutput)
               : THTensor_(resizeAs)(gradInput, input)) != 0)
    return -1;
  if (THTensor_(nElement)(input) == 0)
    return 0;
  strides[0] = gradInput->stride;
  strides[1] = gradOutput->stride;
  strides[2] = noise->stride;
  THApplyPlan_init(&plan, 3, input->nDimension, input->size, strides);
  TH_APPLY3(real, dx, THTensor_(data)(gradInput), real, dy, THTensor_(data)(gradOutput), real, r,
            THTensor_(data)(noise), &plan, { *dx = *dy * *r; });
  return 0;
}

#endif
