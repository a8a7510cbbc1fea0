#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorReduceBlock.c"
#else
/* The vectorisable kernels of generic/THTensorReduce.c (same translation unit, included
 * first). "Column" kernels reduce a block of m columns at once: column j is the line along the
 * reduced dimension that starts at in + j * vs, and its elements are in + i * s + j * vs; they
 * walk memory row by row, which is what makes a reduction along a dimension that is not the
 * innermost one fast. Each column still combines its elements in order 0, 1, ..., n - 1, so
 * that the results are those of the one-line-at-a-time loop, bit for bit. */

/* NaN for the float types, never for the integer ones (a function: no self-comparison). */
static inline int THTensor_(isNan)(real v)
{
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
  return v != v;
#else
  TH_UNUSED(v);
  return 0;
#endif
}

/* Whether v should replace the running extreme a: a NaN replaces a number and stays. */
static inline int THTensor_(beats)(real v, real a, int largest)
{
  if (THTensor_(isNan)(a))
    return 0;
  if (THTensor_(isNan)(v))
    return 1;
  return largest ? v > a : v < a;
}

/* The comparison of the vectorised column loops, which leaves NaNs to a flag (NAN_FLAG). */
#define TH_GT(v, a) ((v) > (a))
#define TH_LT(v, a) ((v) < (a))
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
#define TH_NAN_FLAG(f, v) f |= (v) != (v)
#else
#define TH_NAN_FLAG(f, v) TH_UNUSED(f)
#endif

/* The sum of the contiguous run p[0..n) in sixteen interleaved partial sums (element i goes
 * to partial i % 16), added pairwise at the end: they vectorise without reassociating any
 * chain, and four independent vector chains hide the latency of the additions. */
TH_VECTOR_CLONES
static accreal THTensor_(sumRun)(const real *p, long n)
{
  accreal a[16] = {0}, tail = 0;
  long i = 0;
  int k;
  for (; i + 16 <= n; i += 16)
    for (k = 0; k < 16; k++)
      a[k] += (accreal)p[i + k];
  for (; i < n; i++)
    tail += (accreal)p[i];
  for (k = 0; k < 8; k++)
    a[k] += a[k + 8];
  for (k = 0; k < 4; k++)
    a[k] += a[k + 4];
  return tail + ((a[0] + a[2]) + (a[1] + a[3]));
}

/* Rows per pass of the column loops: each column's accumulator stays in a register over the
 * pass, and reading many rows at once keeps enough memory requests in flight. */
#define TH_RED_ROWS 16

/* The sums (prod = 0) or products (prod = 1) of m columns into acc[0..m), which the caller
 * initialises. Each element is still combined in row order. */
TH_VECTOR_CLONES
static void THTensor_(accumulateCols)(accreal *restrict acc, const real *restrict in, long n,
                                      long s, long m, long vs, int prod)
{
  long i = 0, j, k;
  if (vs == 1) {
    for (; i + TH_RED_ROWS <= n; i += TH_RED_ROWS) {
      const real *r = in + i * s;
      if (prod) {
        for (j = 0; j < m; j++) {
          accreal a = acc[j];
          for (k = 0; k < TH_RED_ROWS; k++)
            a *= (accreal)r[k * s + j];
          acc[j] = a;
        }
      } else {
        for (j = 0; j < m; j++) {
          accreal a = acc[j];
          for (k = 0; k < TH_RED_ROWS; k++)
            a += (accreal)r[k * s + j];
          acc[j] = a;
        }
      }
    }
  }
  for (; i < n; i++) {
    const real *r0 = in + i * s;
    for (j = 0; j < m; j++) {
      if (prod)
        acc[j] *= (accreal)r0[j * vs];
      else
        acc[j] += (accreal)r0[j * vs];
    }
  }
}

/* One row (number I) of the column loop: the column's extreme, its row and whether a NaN was
 * seen stay in a, b and f. A NaN never wins the comparison; the flag sends the column to
 * extremeColsNan. */
#define TH_EXTREME_ROW(CMP, V, I)                                                      \
  {                                                                                    \
    const real v_ = (V);                                                               \
    const int c_ = CMP(v_, a);                                                         \
    a = c_ ? v_ : a;                                                                   \
    b = c_ ? (I) : b;                                                                  \
    TH_NAN_FLAG(f, v_);                                                                \
  }

/* Rows [1, n) of contiguous columns (vs = 1), TH_RED_ROWS rows per pass over the arrays. */
#define TH_EXTREME_COLS(CMP)                                                           \
  for (; i + TH_RED_ROWS <= n; i += TH_RED_ROWS) {                                     \
    const real *r = in + i * s;                                                        \
    const int i0 = (int)i;                                                             \
    for (j = 0; j < m; j++) {                                                          \
      real a = best[j];                                                                \
      int b = bi[j], f = nf[j];                                                        \
      for (k = 0; k < TH_RED_ROWS; k++)                                                \
        TH_EXTREME_ROW(CMP, r[k * s + j], i0 + (int)k)                                 \
      best[j] = a;                                                                     \
      bi[j] = b;                                                                       \
      nf[j] = f;                                                                       \
    }                                                                                  \
  }                                                                                    \
  for (; i < n; i++) {                                                                 \
    const real *r = in + i * s;                                                        \
    for (j = 0; j < m; j++) {                                                          \
      real a = best[j];                                                                \
      int b = bi[j], f = nf[j];                                                        \
      TH_EXTREME_ROW(CMP, r[j], (int)i)                                                \
      best[j] = a;                                                                     \
      bi[j] = b;                                                                       \
      nf[j] = f;                                                                       \
    }                                                                                  \
  }

/* The result of a column that holds a NaN: its first NaN. */
static void THTensor_(extremeColsNan)(real *best, int *bi, const int *nf, const real *in,
                                      long n, long s, long m)
{
  long i, j;
  for (j = 0; j < m; j++) {
    if (!nf[j] && !THTensor_(isNan)(best[j]))
      continue;
    for (i = 0; i < n && !THTensor_(isNan)(in[i * s + j]); i++) {
    }
    best[j] = in[i * s + j];
    bi[j] = (int)i;
  }
}

/* The extremes of m columns (n >= 1 rows) with the row of the first winner of each (a NaN
 * wins): best and bi are filled here, nf is scratch. Row numbers are ints (the caller keeps
 * n <= INT_MAX) so that the selects vectorise next to 32-bit values. */
TH_VECTOR_CLONES
static void THTensor_(extremeCols)(real *restrict best, int *restrict bi, int *restrict nf,
                                   const real *restrict in, long n, long s, long m, long vs,
                                   int largest)
{
  long i = 1, j, k;
  for (j = 0; j < m; j++) {
    best[j] = in[j * vs];
    bi[j] = 0;
    nf[j] = 0;
  }
  if (vs == 1) {
    if (largest) {
      TH_EXTREME_COLS(TH_GT)
    } else {
      TH_EXTREME_COLS(TH_LT)
    }
    THTensor_(extremeColsNan)(best, bi, nf, in, n, s, m);
    return;
  }
  for (; i < n; i++) {
    const real *r0 = in + i * s;
    for (j = 0; j < m; j++) {
      const real v = r0[j * vs];
      if (THTensor_(beats)(v, best[j], largest)) {
        best[j] = v;
        bi[j] = (int)i;
      }
    }
  }
}

/* Lanes of the vectorised scan of a contiguous run (lane j holds the elements j, j + LANES,
 * ...), and the length of the blocks whose extreme is found before its index is looked up. */
#define TH_RED_LANES 32
#define TH_RED_BLOCK 4096

/* The per-lane extremes of p[0..n) (contiguous, n >= TH_RED_LANES) ignoring NaNs into ext[],
 * and into nans[] a probe that is a NaN for each lane that holds a NaN: the lane's plain
 * sum, which a NaN always reaches (infinities of both signs can make it a NaN too; the
 * caller then finds no NaN and goes on). One max and one add per element, on locals that
 * cannot alias p, so that the lanes stay in registers. */
TH_VECTOR_CLONES
static void THTensor_(laneExtremes)(real *restrict ext, real *restrict nans,
                                    const real *restrict p, long n, int largest)
{
  real e[TH_RED_LANES];
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
  real probe[TH_RED_LANES] = {0};
#endif
  long i, j;
  for (j = 0; j < TH_RED_LANES; j++)
    e[j] = p[j];
  for (i = 0; i + TH_RED_LANES <= n; i += TH_RED_LANES) {
    if (largest) {
      for (j = 0; j < TH_RED_LANES; j++)
        e[j] = p[i + j] > e[j] ? p[i + j] : e[j];
    } else {
      for (j = 0; j < TH_RED_LANES; j++)
        e[j] = p[i + j] < e[j] ? p[i + j] : e[j];
    }
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
    for (j = 0; j < TH_RED_LANES; j++)
      probe[j] += p[i + j];
#endif
  }
  for (j = 0; i < n; i++, j++) {
    if (largest ? p[i] > e[j] : p[i] < e[j])
      e[j] = p[i];
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
    probe[j] += p[i];
#endif
  }
  for (j = 0; j < TH_RED_LANES; j++) {
    ext[j] = e[j];
#if defined(TH_REAL_IS_FLOAT) || defined(TH_REAL_IS_DOUBLE)
    nans[j] = probe[j];
#else
    nans[j] = 0;
#endif
  }
}

/* The position of the first element of p[0..n) that is a NaN (findNan) or equal to e, looking
 * only in the lanes whose key is a NaN (or equals e): one of them holds it. */
static long THTensor_(laneFind)(const real *p, long n, const real *key, real e, int findNan)
{
  long pos = n, i, j;
  for (j = 0; j < TH_RED_LANES; j++) {
    if (findNan ? !THTensor_(isNan)(key[j]) : key[j] != e)
      continue;
    for (i = j; i < pos; i += TH_RED_LANES) {
      if (findNan ? THTensor_(isNan)(p[i]) : p[i] == e) {
        pos = i;
        break;
      }
    }
  }
  return pos;
}

/* The exact extreme of the contiguous run p[0..n) (first winner, NaN wins), merged into the
 * running *best found at *bi: when an element beats *best, *best becomes it and *bi base + its
 * position. Blocks are scanned vectorised; a block's winner is looked up only when the block's
 * extreme beats the running one. Stops at a NaN (nothing beats it). */
static void THTensor_(extremeRun)(real *best, long *bi, const real *p, long n, long base,
                                  int largest)
{
  real ext[TH_RED_LANES], nans[TH_RED_LANES];
  long b, j;
  for (b = 0; b < n && !THTensor_(isNan)(*best); b += TH_RED_BLOCK) {
    const long nb = TH_MIN((long)TH_RED_BLOCK, n - b);
    const real *q = p + b;
    real e;
    int hasNan = 0;
    if (nb < TH_RED_LANES) {
      for (j = 0; j < nb; j++) {
        if (THTensor_(beats)(q[j], *best, largest)) {
          *best = q[j];
          *bi = base + b + j;
        }
      }
      continue;
    }
    THTensor_(laneExtremes)(ext, nans, q, nb, largest);
    e = ext[0];
    for (j = 0; j < TH_RED_LANES; j++) {
      if (largest ? ext[j] > e : ext[j] < e)
        e = ext[j];
      hasNan |= THTensor_(isNan)(nans[j]);
    }
    /* A lane's probe can be a NaN without a NaN in it (inf + -inf): then j == nb. */
    j = hasNan ? THTensor_(laneFind)(q, nb, nans, e, 1) : nb;
    if (j == nb) {
      if (!THTensor_(beats)(e, *best, largest))
        continue;
      j = THTensor_(laneFind)(q, nb, ext, e, 0);
    }
    *best = q[j];
    *bi = base + b + j;
  }
}

#undef TH_EXTREME_ROW
#undef TH_RED_ROWS
#undef TH_EXTREME_COLS
#undef TH_GT
#undef TH_LT
#undef TH_NAN_FLAG
#undef TH_RED_LANES
#undef TH_RED_BLOCK

#endif
