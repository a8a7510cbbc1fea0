#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/SpatialGridSampler.c"
#else
/* Bilinear sampling of input [N x C x IH x IW] at the points of grid [N x H x W x 2]
 * (x, y in [-1, 1], corners aligned as in 0.2: -1 and 1 are the centres of the first and
 * last pixels); corners outside the input read zero. Forward runs in parallel over output
 * points; backward over samples, because the points of one sample add into the same
 * gradInput. */

static int THNN_(gridCheck)(THTensor *input, THTensor *grid, THTensor *gradOutput)
{
  const char *op = "SpatialGridSamplerBilinear";
  char b1[256], b2[256];
  if (THNN_(checkDim)(op, input, 4, "batch, channels, height, width") != 0)
    return -1;
  TH_CHECK(grid->nDimension == 4 && grid->size[0] == input->size[0] && grid->size[3] == 2,
           TH_ERR_RUNTIME, "%s: grid must have size [%ld x H x W x 2] to sample input of "
           "size %s, got %s", op, input->size[0],
           THTensor_(describeSize)(input, b1, sizeof(b1)),
           THTensor_(describeSize)(grid, b2, sizeof(b2)));
  if (gradOutput) {
    long want[4];
    want[0] = input->size[0];
    want[1] = input->size[1];
    want[2] = grid->size[1];
    want[3] = grid->size[2];
    TH_CHECK(THTensor_(isSize)(gradOutput, 4, want), TH_ERR_RUNTIME,
             "%s: gradOutput must have size %s, got %s", op,
             THDescribeSizes(b1, sizeof(b1), 4, want),
             THTensor_(describeSize)(gradOutput, b2, sizeof(b2)));
  }
  return 0;
}

/* The four corners of point (gx, gy): pixel coordinates ix, iy, the north-west corner
 * (x0, y0) and the weights of the corners; valid[k] says whether corner k (nw, ne, sw, se)
 * lies inside the IH x IW input. */
typedef struct THNN_(GridPoint) {
  accreal ix, iy, fx, fy;
  long x0, y0;
  int valid[4], any; /* any: some corner is inside (then the coordinates are finite) */
} THNN_(GridPoint);

static void THNN_(gridPoint)(accreal gx, accreal gy, long IH, long IW, THNN_(GridPoint) *g)
{
  accreal fx0, fy0;
  int k;
  g->ix = (gx + 1) / 2 * (IW - 1);
  g->iy = (gy + 1) / 2 * (IH - 1);
  fx0 = floor(g->ix);
  fy0 = floor(g->iy);
  g->fx = g->ix - fx0;
  g->fy = g->iy - fy0;
  /* compared as reals first: a NaN or huge coordinate never reaches an integer cast */
  for (k = 0; k < 4; k++) {
    accreal x = fx0 + (k & 1), y = fy0 + (k >> 1);
    g->valid[k] = x >= 0 && x <= IW - 1 && y >= 0 && y <= IH - 1;
  }
  /* with any corner inside, fx0 is in [-1, IW - 1] and fy0 in [-1, IH - 1] */
  g->any = g->valid[0] || g->valid[1] || g->valid[2] || g->valid[3];
  g->x0 = g->any ? (long)fx0 : 0;
  g->y0 = g->any ? (long)fy0 : 0;
}

int THNN_(SpatialGridSamplerBilinear_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *grid, THTensor *output)
{
  THTensor *in = NULL, *gr = NULL;
  long N, C, IH, IW, H, W, q;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(gridCheck)(input, grid, NULL) != 0)
    return -1;
  N = input->size[0];
  C = input->size[1];
  IH = input->size[2];
  IW = input->size[3];
  H = grid->size[1];
  W = grid->size[2];
  if (!(in = THTensor_(newContiguous)(input)) || !(gr = THTensor_(newContiguous)(grid)) ||
      THTensor_(resize)(output, 4, (long[]){N, C, H, W}) != 0)
    goto done;
  if (THTensor_(nElement)(output) > 0) {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(gr);
    real *y0 = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(N * C * H * W * 4))
    for (q = 0; q < N * H * W; q++) {
      long n = q / (H * W), hw = q % (H * W), c;
      THNN_(GridPoint) g;
      THNN_(gridPoint)(g0[2 * q], g0[2 * q + 1], IH, IW, &g);
      for (c = 0; c < C; c++) {
        const real *x = x0 + (n * C + c) * IH * IW;
        accreal v[4];
        int k;
        for (k = 0; k < 4; k++)
          v[k] = g.valid[k] ? x[(g.y0 + (k >> 1)) * IW + g.x0 + (k & 1)] : 0;
        y0[(n * C + c) * H * W + hw] =
            g.any ? (real)((1 - g.fy) * ((1 - g.fx) * v[0] + g.fx * v[1]) +
                           g.fy * ((1 - g.fx) * v[2] + g.fx * v[3]))
                  : 0;
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(gr);
  return rc;
}

int THNN_(SpatialGridSamplerBilinear_updateGradInput)(THNNState *state, THTensor *input,
                                                      THTensor *gradInput, THTensor *grid,
                                                      THTensor *gradGrid, THTensor *gradOutput)
{
  THTensor *in = NULL, *gr = NULL, *go = NULL;
  long N, C, IH, IW, H, W, n;
  int rc = -1;
  TH_UNUSED(state);
  if (THNN_(gridCheck)(input, grid, gradOutput) != 0)
    return -1;
  N = input->size[0];
  C = input->size[1];
  IH = input->size[2];
  IW = input->size[3];
  H = grid->size[1];
  W = grid->size[2];
  if (!(in = THTensor_(newContiguous)(input)) || !(gr = THTensor_(newContiguous)(grid)) ||
      !(go = THTensor_(newContiguous)(gradOutput)) ||
      THTensor_(resizeAs)(gradInput, input) != 0 || THTensor_(resizeAs)(gradGrid, grid) != 0)
    goto done;
  THTensor_(zero)(gradInput);
  THTensor_(zero)(gradGrid);
  if (N * H * W > 0) {
    const real *x0 = THTensor_(data)(in), *g0 = THTensor_(data)(gr);
    const real *o0 = THTensor_(data)(go);
    real *dx0 = THTensor_(data)(gradInput), *dg0 = THTensor_(data)(gradGrid);
#pragma omp parallel for if (THApply_parallel(N * C * H * W * 8) && N > 1)
    for (n = 0; n < N; n++) {
      long hw, c;
      for (hw = 0; hw < H * W; hw++) {
        long q = n * H * W + hw;
        accreal dix = 0, diy = 0;
        THNN_(GridPoint) g;
        THNN_(gridPoint)(g0[2 * q], g0[2 * q + 1], IH, IW, &g);
        if (!g.any)
          continue;
        for (c = 0; c < C; c++) {
          const real *x = x0 + (n * C + c) * IH * IW;
          real *dx = dx0 + (n * C + c) * IH * IW;
          accreal gv = o0[(n * C + c) * H * W + hw], v[4], w[4];
          int k;
          w[0] = (1 - g.fx) * (1 - g.fy);
          w[1] = g.fx * (1 - g.fy);
          w[2] = (1 - g.fx) * g.fy;
          w[3] = g.fx * g.fy;
          for (k = 0; k < 4; k++) {
            long at = (g.y0 + (k >> 1)) * IW + g.x0 + (k & 1);
            v[k] = g.valid[k] ? x[at] : 0;
            if (g.valid[k])
              dx[at] += (real)(w[k] * gv);
          }
          dix += gv * ((1 - g.fy) * (v[1] - v[0]) + g.fy * (v[3] - v[2]));
          diy += gv * ((1 - g.fx) * (v[2] - v[0]) + g.fx * (v[3] - v[1]));
        }
        /* d ix / d gx = (IW - 1) / 2 */
        dg0[2 * q] = (real)(dix * (IW - 1) / 2);
        dg0[2 * q + 1] = (real)(diy * (IH - 1) / 2);
      }
    }
  }
  rc = 0;
done:
  THTensor_(free)(in);
  THTensor_(free)(gr);
  THTensor_(free)(go);
  return rc;
}

#endif
