#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/Activation.c"
#else
/* Pointwise activations: y = f(x) and dx = dy * f'(x), over tensors of any shape and layout
 * (the apply loops handle strides and run OpenMP on large tensors). */

/* output takes input's size, or becomes input itself when inplace. */
static int THNN_(pwOutput)(THTensor *input, THTensor *output, int inplace)
{
  if (inplace)
    return THTensor_(set)(output, input);
  return THTensor_(resizeAs)(output, input);
}

/* Checks gradOutput against input, then sizes gradInput (gradOutput itself when inplace). */
static int THNN_(pwGradInput)(const char *op, THTensor *input, THTensor *gradOutput,
                              THTensor *gradInput, int inplace)
{
  if (THNN_(checkSameSize)(op, input, "gradOutput", gradOutput) != 0)
    return -1;
  return THNN_(pwOutput)(gradOutput, gradInput, inplace);
}

static void THNN_(pwPlan)(THApplyPlan *plan, int n, THTensor *a, THTensor *b, THTensor *c)
{
  const long *strides[3];
  strides[0] = a->stride;
  strides[1] = b->stride;
  strides[2] = c ? c->stride : NULL;
  THApplyPlan_init(plan, n, a->nDimension, a->size, strides);
}

/* y (in OUT) from x (in IN): CODE sees `real *y, *x`. */
#define THNN_PW2(OUT, IN, CODE)                                                     \
  do {                                                                              \
    THApplyPlan plan_;                                                              \
    if (THTensor_(nElement)(IN) > 0) {                                              \
      THNN_(pwPlan)(&plan_, 2, OUT, IN, NULL);                                      \
      TH_APPLY2(real, y, THTensor_(data)(OUT), real, x, THTensor_(data)(IN), &plan_, \
                CODE);                                                              \
    }                                                                               \
  } while (0)

/* dx (in GI) from dy (in GO) and x or y (in V): CODE sees `real *dx, *dy, *v`. */
#define THNN_PW3(GI, GO, V, CODE)                                                   \
  do {                                                                              \
    THApplyPlan plan_;                                                              \
    if (THTensor_(nElement)(GO) > 0) {                                              \
      THNN_(pwPlan)(&plan_, 3, GI, GO, V);                                          \
      TH_APPLY3(real, dx, THTensor_(data)(GI), real, dy, THTensor_(data)(GO), real, v, \
                THTensor_(data)(V), &plan_, CODE);                                  \
    }                                                                               \
  } while (0)

int THNN_(Threshold_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                  accreal threshold, accreal val, int inplace)
{
  const real th = (real)threshold, value = (real)val;
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, inplace) != 0)
    return -1;
  THNN_PW2(output, input, { *y = *x > th ? *x : value; });
  return 0;
}

int THNN_(Threshold_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                     THTensor *gradInput, accreal threshold, accreal val,
                                     int inplace)
{
  const real th = (real)threshold;
  TH_UNUSED(state);
  TH_UNUSED(val);
  if (THNN_(pwGradInput)("Threshold", input, gradOutput, gradInput, inplace) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    const real d = *dy; /* loaded unconditionally: the select vectorises */
    *dx = *v > th ? d : 0;
  });
  return 0;
}

int THNN_(ELU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, accreal alpha,
                            int inplace)
{
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, inplace) != 0)
    return -1;
  THNN_PW2(output, input, { *y = *x > 0 ? *x : (real)(alpha * expm1((accreal)*x)); });
  return 0;
}

int THNN_(ELU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                               THTensor *gradInput, THTensor *output, accreal alpha,
                               int inplace)
{
  const real a = (real)alpha;
  TH_UNUSED(state);
  if (THNN_(checkSameSize)("ELU", input, "output", output) != 0)
    return -1;
  if (THNN_(pwGradInput)("ELU", input, gradOutput, gradInput, inplace) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, output, { *dx = *v > 0 ? *dy : *dy * (*v + a); });
  return 0;
}

int THNN_(LeakyReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                  accreal negval, int inplace)
{
  const real neg = (real)negval;
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, inplace) != 0)
    return -1;
  THNN_PW2(output, input, { *y = *x > 0 ? *x : *x * neg; });
  return 0;
}

int THNN_(LeakyReLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                     THTensor *gradInput, accreal negval, int inplace)
{
  const real neg = (real)negval;
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("LeakyReLU", input, gradOutput, gradInput, inplace) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    const real d = *dy;
    *dx = *v > 0 ? d : d * neg;
  });
  return 0;
}

int THNN_(HardTanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                 accreal min_val, accreal max_val, int inplace)
{
  const real lo = (real)min_val, hi = (real)max_val;
  TH_UNUSED(state);
  TH_CHECK(min_val <= max_val, TH_ERR_VALUE,
           "HardTanh: min_val (%g) must not exceed max_val (%g)", min_val, max_val);
  if (THNN_(pwOutput)(input, output, inplace) != 0)
    return -1;
  THNN_PW2(output, input, { *y = *x < lo ? lo : (*x > hi ? hi : *x); });
  return 0;
}

int THNN_(HardTanh_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                    THTensor *gradInput, accreal min_val, accreal max_val,
                                    int inplace)
{
  const real lo = (real)min_val, hi = (real)max_val;
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("HardTanh", input, gradOutput, gradInput, inplace) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    const real d = *dy;
    *dx = (*v > lo && *v < hi) ? d : 0;
  });
  return 0;
}

int THNN_(Softplus_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                 accreal beta, accreal threshold)
{
  TH_UNUSED(state);
  TH_CHECK(beta != 0, TH_ERR_VALUE, "Softplus: beta must not be 0");
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
  THNN_PW2(output, input, {
    accreal bx = beta * (accreal)*x;
    *y = bx > threshold ? *x : (real)(log1p(exp(bx)) / beta);
  });
  return 0;
}

int THNN_(Softplus_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                    THTensor *gradInput, accreal beta, accreal threshold)
{
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("Softplus", input, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    accreal bx = beta * (accreal)*v;
    *dx = bx > threshold ? *dy : (real)(*dy / (1 + exp(-bx)));
  });
  return 0;
}

int THNN_(SoftShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                   accreal lambd)
{
  const real l = (real)lambd;
  TH_UNUSED(state);
  TH_CHECK(lambd >= 0, TH_ERR_VALUE, "SoftShrink: lambda must be >= 0, got %g", lambd);
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
  THNN_PW2(output, input, { *y = *x > l ? *x - l : (*x < -l ? *x + l : 0); });
  return 0;
}

int THNN_(SoftShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, accreal lambd)
{
  const real l = (real)lambd;
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("SoftShrink", input, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    const real d = *dy;
    *dx = (*v > l || *v < -l) ? d : 0;
  });
  return 0;
}

int THNN_(HardShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                   accreal lambd)
{
  const real l = (real)lambd;
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
  THNN_PW2(output, input, { *y = (*x > l || *x < -l) ? *x : 0; });
  return 0;
}

int THNN_(HardShrink_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, accreal lambd)
{
  const real l = (real)lambd;
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("HardShrink", input, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    const real d = *dy;
    *dx = (*v > l || *v < -l) ? d : 0;
  });
  return 0;
}

int THNN_(LogSigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output)
{
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
  /* log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), stable for either sign */
  THNN_PW2(output, input, {
    accreal xv = *x;
    *y = (real)((xv < 0 ? xv : 0) - log1p(exp(-fabs(xv))));
  });
  return 0;
}

int THNN_(LogSigmoid_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput)
{
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("LogSigmoid", input, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, input, {
    accreal e = exp(-fabs((accreal)*v));
    *dx = (real)(*dy * (*v >= 0 ? e / (1 + e) : 1 / (1 + e)));
  });
  return 0;
}

int THNN_(Sigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output)
{
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
#ifdef TH_REAL_IS_FLOAT
  THNN_PW2(output, input, { *y = 1.0f / (1.0f + TH_expf(-*x)); });
#else
  THNN_PW2(output, input, { *y = 1 / (1 + exp(-*x)); });
#endif
  return 0;
}

int THNN_(Sigmoid_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                   THTensor *output)
{
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("Sigmoid", output, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, output, { *dx = *dy * (1 - *v) * *v; });
  return 0;
}

int THNN_(Tanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output)
{
  TH_UNUSED(state);
  if (THNN_(pwOutput)(input, output, 0) != 0)
    return -1;
  THNN_PW2(output, input, { *y = (real)tanh((accreal)*x); });
  return 0;
}

int THNN_(Tanh_updateGradInput)(THNNState *state, THTensor *gradOutput, THTensor *gradInput,
                                THTensor *output)
{
  TH_UNUSED(state);
  if (THNN_(pwGradInput)("Tanh", output, gradOutput, gradInput, 0) != 0)
    return -1;
  THNN_PW3(gradInput, gradOutput, output, { *dx = *dy * (1 - *v * *v); });
  return 0;
}

#undef THNN_PW2
#undef THNN_PW3
#endif
