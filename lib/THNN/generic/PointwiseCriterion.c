#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/PointwiseCriterion.c"
#else
/* Losses that compare input and target element by element: MSE, Abs, SmoothL1, SoftMargin,
 * BCE (optionally weighted) and KL divergence. One loop serves all of them. */

static accreal THNN_(lossValue)(int kind, accreal x, accreal t)
{
  accreal d = x - t;
  switch (kind) {
  case THNN_LOSS_MSE:
    return d * d;
  case THNN_LOSS_ABS:
    return fabs(d);
  case THNN_LOSS_SMOOTHL1:
    return fabs(d) < 1 ? 0.5 * d * d : fabs(d) - 0.5;
  case THNN_LOSS_SOFTMARGIN: {
    accreal z = -t * x; /* log(1 + exp(z)), stable */
    return z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
  }
  case THNN_LOSS_BCE:
    return -(t * TH_MAX(log(x), -100.0) + (1 - t) * TH_MAX(log(1 - x), -100.0));
  default: /* KLDIV */
    return t > 0 ? t * (log(t) - x) : 0;
  }
}

static accreal THNN_(lossGrad)(int kind, accreal x, accreal t)
{
  accreal d = x - t;
  switch (kind) {
  case THNN_LOSS_MSE:
    return 2 * d;
  case THNN_LOSS_ABS:
    return d > 0 ? 1 : (d < 0 ? -1 : 0);
  case THNN_LOSS_SMOOTHL1:
    return fabs(d) < 1 ? d : (d > 0 ? 1 : -1);
  case THNN_LOSS_SOFTMARGIN:
    return -t / (1 + exp(t * x));
  case THNN_LOSS_BCE:
    return d / TH_MAX((1 - x) * x, 1e-12);
  default:
    return t > 0 ? -t : 0;
  }
}

static const char *THNN_(lossName)(int kind)
{
  static const char *names[] = {"MSECriterion", "AbsCriterion", "SmoothL1Criterion",
                                "SoftMarginCriterion", "BCECriterion", "DistKLDivCriterion"};
  return names[kind];
}

/* Checks, then computes the loss (gradInput NULL) or its gradient (gradInput given). */
static int THNN_(pointwiseLoss)(int kind, THTensor *input, THTensor *target, THTensor *weights,
                                THTensor *output, THTensor *gradInput, int sizeAverage)
{
  const char *op = THNN_(lossName)(kind);
  THTensor *x = NULL, *t = NULL, *w = NULL;
  ptrdiff_t n = THTensor_(nElement)(input), i;
  int rc = -1;
  if (THNN_(checkSameSize)(op, input, "target", target) != 0 ||
      (weights && THNN_(checkSameSize)(op, input, "weights", weights) != 0))
    return -1;
  if (!(x = THTensor_(newContiguous)(input)) || !(t = THTensor_(newContiguous)(target)) ||
      (weights && !(w = THTensor_(newContiguous)(weights))))
    goto done;
  if (kind == THNN_LOSS_BCE) {
    const real *xd = THTensor_(data)(x);
    for (i = 0; i < n; i++)
      if (!(xd[i] >= 0 && xd[i] <= 1)) {
        THError_value("%s: all elements of input should be between 0 and 1, got %g at "
                      "position %ld", op, (double)xd[i], (long)i);
        goto done;
      }
  }
  if ((gradInput ? THTensor_(resizeAs)(gradInput, input) : THTensor_(resize1d)(output, 1)) != 0)
    goto done;
  {
    const real *xd = n ? THTensor_(data)(x) : NULL, *td = n ? THTensor_(data)(t) : NULL;
    const real *wd = w && n ? THTensor_(data)(w) : NULL;
    accreal norm = sizeAverage && n > 0 ? (accreal)n : 1, sum = 0;
    if (gradInput) {
      real *gd = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(n))
      for (i = 0; i < n; i++)
        gd[i] = (real)(THNN_(lossGrad)(kind, xd[i], td[i]) * (wd ? wd[i] : 1) / norm);
    } else {
#pragma omp parallel for reduction(+ : sum) if (THApply_parallel(n))
      for (i = 0; i < n; i++)
        sum += THNN_(lossValue)(kind, xd[i], td[i]) * (wd ? wd[i] : 1);
      THTensor_(data)(output)[0] = (real)(sum / norm);
    }
  }
  rc = 0;
done:
  THTensor_(free)(x);
  THTensor_(free)(t);
  THTensor_(free)(w);
  return rc;
}

#define THNN_POINTWISE_LOSS(NAME, KIND)                                                     \
  int THNN_(NAME##_updateOutput)(THNNState * state, THTensor * input, THTensor * target,    \
                                 THTensor * output, int sizeAverage)                        \
  {                                                                                         \
    TH_UNUSED(state);                                                                       \
    return THNN_(pointwiseLoss)(KIND, input, target, NULL, output, NULL, sizeAverage);      \
  }                                                                                         \
  int THNN_(NAME##_updateGradInput)(THNNState * state, THTensor * input, THTensor * target, \
                                    THTensor * gradInput, int sizeAverage)                  \
  {                                                                                         \
    TH_UNUSED(state);                                                                       \
    return THNN_(pointwiseLoss)(KIND, input, target, NULL, NULL, gradInput, sizeAverage);   \
  }

THNN_POINTWISE_LOSS(MSECriterion, THNN_LOSS_MSE)
THNN_POINTWISE_LOSS(AbsCriterion, THNN_LOSS_ABS)
THNN_POINTWISE_LOSS(SmoothL1Criterion, THNN_LOSS_SMOOTHL1)
THNN_POINTWISE_LOSS(SoftMarginCriterion, THNN_LOSS_SOFTMARGIN)
THNN_POINTWISE_LOSS(DistKLDivCriterion, THNN_LOSS_KLDIV)
#undef THNN_POINTWISE_LOSS

int THNN_(BCECriterion_updateOutput)(THNNState *state, THTensor *input, THTensor *target,
                                     THTensor *output, int sizeAverage, THTensor *weights)
{
  TH_UNUSED(state);
  return THNN_(pointwiseLoss)(THNN_LOSS_BCE, input, target, weights, output, NULL, sizeAverage);
}

int THNN_(BCECriterion_updateGradInput)(THNNState *state, THTensor *input, THTensor *target,
                                        THTensor *gradInput, int sizeAverage, THTensor *weights)
{
  TH_UNUSED(state);
  return THNN_(pointwiseLoss)(THNN_LOSS_BCE, input, target, weights, NULL, gradInput,
                              sizeAverage);
}

#endif
