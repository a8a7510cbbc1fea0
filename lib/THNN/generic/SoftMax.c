#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SoftMax.c"
#else
/* SoftMax and LogSoftMax over one dimension, GLU over one dimension. The tensor is seen as
 * [outer x n x inner] around that dimension; the (outer, inner) lines run in parallel. */

static int THNN_(checkDimArg)(const char *op, const THTensor *input, int dim)
{
  char b[256];
  TH_CHECK(input->nDimension > 0, TH_ERR_RUNTIME, "%s: expected a non-empty input", op);
  TH_CHECK(dim >= 0 && dim < input->nDimension, TH_ERR_INDEX,
           "%s: dimension out of range (expected to be in range of [0, %d], but got %d) for "
           "input of size %s", op, input->nDimension - 1, dim,
           THTensor_(describeSize)(input, b, sizeof(b)));
  return 0;
}

static void THNN_(splitDims)(const THTensor *t, int dim, long *outer, long *n, long *inner)
{
  int d;
  *outer = 1;
  *inner = 1;
  for (d = 0; d < dim; d++)
    *outer *= t->size[d];
  for (d = dim + 1; d < t->nDimension; d++)
    *inner *= t->size[d];
  *n = t->size[dim];
}

/* log: LogSoftMax instead of SoftMax. */
static int THNN_(softmaxForward)(const char *op, THTensor *input, THTensor *output, int dim,
                                 int log_)
{
  THTensor *in = NULL;
  long outer, n, inner, line;
  int rc = -1;
  if (THNN_(checkDimArg)(op, input, dim) != 0)
    return -1;
  if (!(in = THTensor_(newContiguous)(input)) || THTensor_(resizeAs)(output, input) != 0)
    goto done;
  THNN_(splitDims)(input, dim, &outer, &n, &inner);
  if (n == 0) { /* no element along dim: the (empty) output is complete; x[0] is not there */
    rc = 0;
    goto done;
  }
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(outer * n * inner))
    for (line = 0; line < outer * inner; line++) {
      const real *x = x0 + (line / inner) * n * inner + line % inner;
      real *y = y0 + (line / inner) * n * inner + line % inner;
      accreal mx = x[0], sum = 0;
      long j;
      for (j = 1; j < n; j++)
        if (x[j * inner] > mx || x[j * inner] != x[j * inner])
          mx = x[j * inner];
      for (j = 0; j < n; j++)
        sum += exp(x[j * inner] - mx);
      if (log_) {
        accreal lse = mx + log(sum);
        for (j = 0; j < n; j++)
          y[j * inner] = (real)(x[j * inner] - lse);
      } else {
        for (j = 0; j < n; j++)
          y[j * inner] = (real)(exp(x[j * inner] - mx) / sum);
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

static int THNN_(softmaxBackward)(const char *op, THTensor *input, THTensor *gradOutput,
                                  THTensor *gradInput, THTensor *output, int dim, int log_)
{
  THTensor *go = NULL, *out = NULL;
  long outer, n, inner, line;
  int rc = -1;
  if (THNN_(checkDimArg)(op, output, dim) != 0 ||
      THNN_(checkSameSize)(op, input, "output", output) != 0 ||
      THNN_(checkSameSize)(op, input, "gradOutput", gradOutput) != 0)
    return -1;
  if (!(go = THTensor_(newContiguous)(gradOutput)) || !(out = THTensor_(newContiguous)(output)) ||
      THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  THNN_(splitDims)(input, dim, &outer, &n, &inner);
  {
    const real *g0 = THTensor_(data)(go), *y0 = THTensor_(data)(out);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(outer * n * inner))
    for (line = 0; line < outer * inner; line++) {
      ptrdiff_t off = (line / inner) * n * inner + line % inner;
      const real *g = g0 + off, *y = y0 + off;
      real *dx = d0 + off;
      accreal sum = 0;
      long j;
      if (log_) {
        for (j = 0; j < n; j++)
          sum += g[j * inner];
        for (j = 0; j < n; j++)
          dx[j * inner] = (real)(g[j * inner] - exp((accreal)y[j * inner]) * sum);
      } else {
        for (j = 0; j < n; j++)
          sum += (accreal)g[j * inner] * y[j * inner];
        for (j = 0; j < n; j++)
          dx[j * inner] = (real)(y[j * inner] * (g[j * inner] - sum));
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(go);
  THTensor_(free)(out);
  return rc;
}

int THNN_(SoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int dim)
{
  TH_UNUSED(state);
  return THNN_(softmaxForward)("SoftMax", input, output, dim, 0);
}

int THNN_(SoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                   THTensor *gradInput, THTensor *output, int dim)
{
  TH_UNUSED(state);
  return THNN_(softmaxBackward)("SoftMax", input, gradOutput, gradInput, output, dim, 0);
}

int THNN_(LogSoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                   int dim)
{
  TH_UNUSED(state);
  return THNN_(softmaxForward)("LogSoftMax", input, output, dim, 1);
}

int THNN_(LogSoftMax_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, THTensor *output, int dim)
{
  TH_UNUSED(state);
  return THNN_(softmaxBackward)("LogSoftMax", input, gradOutput, gradInput, output, dim, 1);
}

static int THNN_(checkGLU)(const THTensor *input, int dim)
{
  char b[256];
  if (THNN_(checkDimArg)("GLU", input, dim) != 0)
    return -1;
  TH_CHECK(input->size[dim] % 2 == 0, TH_ERR_RUNTIME,
           "GLU: halving dimension %d must be of even size, but input has size %s", dim,
           THTensor_(describeSize)(input, b, sizeof(b)));
  return 0;
}

int THNN_(GLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output, int dim)
{
  THTensor *in = NULL;
  long outer, n, inner, h, o;
  long sizes[TH_MAX_DIM];
  int rc = -1, d;
  TH_UNUSED(state);
  if (THNN_(checkGLU)(input, dim) != 0)
    return -1;
  for (d = 0; d < input->nDimension; d++)
    sizes[d] = input->size[d];
  sizes[dim] /= 2;
  if (!(in = THTensor_(newContiguous)(input)) ||
      THTensor_(resize)(output, input->nDimension, sizes) != 0)
    goto done;
  THNN_(splitDims)(input, dim, &outer, &n, &inner);
  h = n / 2;
  {
    const real *x0 = THTensor_(data)(in);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(outer * n * inner))
    for (o = 0; o < outer; o++) {
      const real *a = x0 + o * n * inner, *b = a + h * inner;
      real *y = y0 + o * h * inner;
      long j;
      for (j = 0; j < h * inner; j++)
        y[j] = (real)(a[j] / (1 + exp(-(accreal)b[j])));
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  return rc;
}

int THNN_(GLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                               THTensor *gradInput, int dim)
{
  THTensor *in = NULL, *go = NULL;
  long outer, n, inner, h, o;
  long sizes[TH_MAX_DIM];
  char b1[256], b2[256];
  int rc = -1, d;
  TH_UNUSED(state);
  if (THNN_(checkGLU)(input, dim) != 0)
    return -1;
  for (d = 0; d < input->nDimension; d++)
    sizes[d] = input->size[d];
  sizes[dim] /= 2;
  if (!THTensor_(isSize)(gradOutput, input->nDimension, sizes))
    return THError_runtime("GLU: gradOutput must have size %s, got %s",
                           THDescribeSizes(b1, sizeof(b1), input->nDimension, sizes),
                           THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  if (!(in = THTensor_(newContiguous)(input)) || !(go = THTensor_(newContiguous)(gradOutput)) ||
      THTensor_(resizeAs)(gradInput, input) != 0)
    goto done;
  THNN_(splitDims)(input, dim, &outer, &n, &inner);
  h = n / 2;
  {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(go);
    real *d0 = THTensor_(data)(gradInput);
#pragma omp parallel for if (THApply_parallel(outer * n * inner))
    for (o = 0; o < outer; o++) {
      const real *a = x0 + o * n * inner, *b = a + h * inner, *g = g0 + o * h * inner;
      real *da = d0 + o * n * inner, *db = da + h * inner;
      long j;
      for (j = 0; j < h * inner; j++) {
        accreal s = 1 / (1 + exp(-(accreal)b[j]));
        da[j] = (real)(g[j] * s);
        db[j] = (real)(g[j] * a[j] * s * (1 - s));
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(go);
  return rc;
}

#endif
