#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "generic/THTensorIndexUtil.h"
#else
/* File-private helpers shared by the index and shape families (included by their
 * instantiation files only; every function here is static). */

#ifndef TH_WALK
/* A serial walk over a plan, in row-major order (for loops whose order matters: running
 * counters, or writes that may repeat). The body sees O[k], tensor k's element offset. */
#define TH_WALK(PLAN, NT, O, ...)                                                        \
  do {                                                                                   \
    const THApplyPlan *w_plan_ = (PLAN);                                                 \
    long w_ctr_[TH_MAX_DIM];                                                             \
    ptrdiff_t w_off_[TH_APPLY_MAX_TENSORS], O[TH_APPLY_MAX_TENSORS], w_done_ = 0;        \
    int w_k_;                                                                            \
    if (w_plan_->numel > 0)                                                              \
      THApplyPlan_seek(w_plan_, 0, w_ctr_, w_off_);                                      \
    while (w_done_ < w_plan_->numel) {                                                   \
      const int w_l_ = w_plan_->ndim - 1;                                                \
      long w_i_, w_n_ = w_plan_->size[w_l_] - w_ctr_[w_l_];                              \
      for (w_k_ = 0; w_k_ < (NT); w_k_++)                                                \
        O[w_k_] = w_off_[w_k_];                                                          \
      for (w_i_ = 0; w_i_ < w_n_; w_i_++) {                                              \
        __VA_ARGS__                                                                      \
        for (w_k_ = 0; w_k_ < (NT); w_k_++)                                              \
          O[w_k_] += w_plan_->stride[w_k_][w_l_];                                        \
      }                                                                                  \
      w_done_ += w_n_;                                                                   \
      THApplyPlan_advance(w_plan_, w_n_, w_ctr_, w_off_);                                \
    }                                                                                    \
  } while (0)
#endif

/* Fills `view` as a borrowed view of src narrowed to [first, first + size) along dim. The view
 * holds no references: never retain or free it, and use it only while src lives. */
static inline void THTensor_(borrowNarrow)(THTensor *view, const THTensor *src, int dim,
                                           long first, long size)
{
  *view = *src;
  view->refcount = 1;
  view->flag = 0;
  view->storageOffset += first * src->stride[dim];
  view->size[dim] = size;
}

/* The tensor a result is computed into: r itself, or a fresh tensor when r shares memory with
 * an input (given by its storage), so that reading the input stays valid. NULL on failure. */
static inline THTensor *THTensor_(outFor)(THTensor *r, const void *in1, const void *in2)
{
  if (r->storage == NULL || ((const void *)r->storage != in1 && (const void *)r->storage != in2))
    return r;
  return THTensor_(new)();
}

/* Moves a result computed aside (out != r) into r; frees nothing. */
static inline int THTensor_(outDone)(THTensor *r, THTensor *out)
{
  if (out == r)
    return 0;
  if (THTensor_(resizeAs)(r, out) != 0)
    return -1;
  if (THTensor_(nElement)(out) == 0)
    return 0;
  return THTensor_(copy)(r, out);
}

static inline int THTensor_(checkDim)(const char *op, const THTensor *t, int dim)
{
  TH_CHECK(t->nDimension > 0, TH_ERR_INDEX, "%s: cannot index an empty tensor", op);
  TH_CHECK(dim >= 0 && dim < t->nDimension, TH_ERR_INDEX,
           "%s: dimension out of range (expected to be in range of [%d, %d], but got %d)", op,
           -t->nDimension, t->nDimension - 1, dim);
  return 0;
}

#endif
