#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/LookupTable.c"
#else
/* Lookup table (embedding): gather rows, accumulate row gradients (padding index skipped,
 * optionally scaled by each index's frequency), renormalise rows to a maximum norm. */

static int THNN_(lookupCheck)(const char *op, THIndexTensor *input, THTensor *weight,
                              THLongTensor **idx)
{
  char b[256];
  ptrdiff_t i, n;
  const long *d;
  TH_CHECK(weight->nDimension == 2, TH_ERR_RUNTIME,
           "%s: Expected 2D weight (num_embeddings, embedding_dim), got %s", op,
           THTensor_(describeSize)(weight, b, sizeof(b)));
  if (!(*idx = THLongTensor_newContiguous(input)))
    return -1;
  n = THLongTensor_nElement(*idx);
  d = THLongTensor_data(*idx);
  for (i = 0; i < n; i++)
    if (d[i] < 0 || d[i] >= weight->size[0]) {
      THError_index("%s: index %ld is out of range for a table of %ld rows", op, d[i],
                    weight->size[0]);
      THLongTensor_free(*idx);
      *idx = NULL;
      return -1;
    }
  return 0;
}

int THNN_(LookupTable_updateOutput)(THNNState *state, THIndexTensor *input, THTensor *weight,
                                    THTensor *output)
{
  THLongTensor *idx = NULL;
  THTensor *w = NULL;
  long sizes[TH_MAX_DIM], D;
  ptrdiff_t n, i;
  int rc = -1, d;
  TH_UNUSED(state);
  TH_CHECK(input->nDimension < TH_MAX_DIM, TH_ERR_RUNTIME,
           "LookupTable: input has too many dimensions");
  if (THNN_(lookupCheck)("LookupTable", input, weight, &idx) != 0)
    return -1;
  D = weight->size[1];
  for (d = 0; d < input->nDimension; d++)
    sizes[d] = input->size[d];
  sizes[input->nDimension] = D;
  if (!(w = THTensor_(newContiguous)(weight)) ||
      THTensor_(resize)(output, input->nDimension + 1, sizes) != 0)
    goto done;
  n = THLongTensor_nElement(idx);
  if (n > 0 && D > 0) {
    const long *id = THLongTensor_data(idx);
    const real *wd = THTensor_(data)(w);
    real *out = THTensor_(data)(output);
#pragma omp parallel for if (THApply_parallel(n * D))
    for (i = 0; i < n; i++)
      memcpy(out + i * D, wd + id[i] * D, sizeof(real) * D);
  }
  rc = 0;
done:
  THLongTensor_free(idx);
  THTensor_(free)(w);
  return rc;
}

int THNN_(LookupTable_accGradParameters)(THNNState *state, THIndexTensor *input,
                                         THTensor *gradOutput, THTensor *gradWeight,
                                         THTensor *count, int scaleGradByFreq,
                                         long paddingValue, accreal scale)
{
  THLongTensor *idx = NULL;
  THTensor *go = NULL;
  char b1[256], b2[256];
  ptrdiff_t n, i;
  long D, j;
  int rc = -1;
  TH_UNUSED(state);
  TH_CHECK(gradWeight->nDimension == 2 && THTensor_(isContiguous)(gradWeight), TH_ERR_RUNTIME,
           "LookupTable: gradWeight must be a contiguous 2D tensor, got %s",
           THTensor_(describeSize)(gradWeight, b1, sizeof(b1)));
  D = gradWeight->size[1];
  TH_CHECK(THTensor_(nElement)(gradOutput) == THLongTensor_nElement(input) * D, TH_ERR_RUNTIME,
           "LookupTable: gradOutput of size %s does not fit input of size %s and rows of %ld",
           THTensor_(describeSize)(gradOutput, b1, sizeof(b1)),
           THLongTensor_describeSize(input, b2, sizeof(b2)), D);
  if (THNN_(lookupCheck)("LookupTable", input, gradWeight, &idx) != 0)
    return -1;
  if (!(go = THTensor_(newContiguous)(gradOutput)) ||
      (scaleGradByFreq && THTensor_(resize1d)(count, gradWeight->size[0]) != 0))
    goto done;
  n = THLongTensor_nElement(idx);
  {
    const long *id = THLongTensor_data(idx);
    const real *g = n ? THTensor_(data)(go) : NULL;
    real *gw = THTensor_(data)(gradWeight), *cnt = NULL;
    if (scaleGradByFreq) {
      cnt = THTensor_(data)(count);
      THTensor_(zero)(count);
      for (i = 0; i < n; i++)
        cnt[id[i]] += 1;
    }
    /* serial over indices (repeats write the same row); each row update is a short loop */
    for (i = 0; i < n; i++) {
      real s;
      if (id[i] == paddingValue)
        continue;
      s = (real)(cnt ? scale / cnt[id[i]] : scale);
      for (j = 0; j < D; j++)
        gw[id[i] * D + j] += s * g[i * D + j];
    }
  }
  rc = 0;
done:
  THLongTensor_free(idx);
  THTensor_(free)(go);
  return rc;
}

int THNN_(LookupTable_renorm)(THNNState *state, THIndexTensor *idx, THTensor *weight,
                              accreal maxNorm, accreal normType)
{
  THLongTensor *ix = NULL;
  ptrdiff_t n, i;
  long D, j;
  TH_UNUSED(state);
  TH_CHECK(normType > 0, TH_ERR_VALUE, "LookupTable: norm type must be positive, got %g",
           normType);
  TH_CHECK(THTensor_(isContiguous)(weight), TH_ERR_RUNTIME,
           "LookupTable: weight must be contiguous to be renormalised");
  if (THNN_(lookupCheck)("LookupTable", idx, weight, &ix) != 0)
    return -1;
  n = THLongTensor_nElement(ix);
  D = weight->size[1];
  {
    const long *id = THLongTensor_data(ix);
    real *wd = THTensor_(data)(weight);
    /* a repeated index is rescaled at most once: its norm is below maxNorm afterwards */
    for (i = 0; i < n; i++) {
      real *row = wd + id[i] * D;
      accreal norm = 0;
      for (j = 0; j < D; j++)
        norm += normType == 1 ? fabs(row[j]) : (normType == 2 ? (accreal)row[j] * row[j]
                                                              : pow(fabs(row[j]), normType));
      norm = normType == 1 ? norm : (normType == 2 ? sqrt(norm) : pow(norm, 1 / normType));
      if (norm > maxNorm) {
        accreal s = maxNorm / (norm + 1e-7);
        for (j = 0; j < D; j++)
          row[j] = (real)(row[j] * s);
      }
    }
  }
  THLongTensor_free(ix);
  return 0;
}

#endif
