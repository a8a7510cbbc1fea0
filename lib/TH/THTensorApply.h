/* THTensorApply: element-wise loops over several tensors of one shape (broadcast inputs
 * arrive as expanded views with stride 0). A plan collapses dimensions that are contiguous
 * in every tensor, so a contiguous tensor is one flat loop; above a size threshold the
 * linear index range is split between OpenMP threads. The loop body cannot fail. */
#ifndef TH_TENSOR_APPLY_INC
#define TH_TENSOR_APPLY_INC

#include "THGeneral.h"

#define TH_APPLY_MAX_TENSORS 4
/* Below this many elements a loop runs on one thread. */
#define TH_OMP_THRESHOLD 32768

typedef struct THApplyPlan {
  int ndim; /* after collapsing, at least 1 */
  int ntensors;
  ptrdiff_t numel;
  long size[TH_MAX_DIM];
  long stride[TH_APPLY_MAX_TENSORS][TH_MAX_DIM];
} THApplyPlan;

/* sizes: the common shape; strides[k]: tensor k's strides over that shape. */
TH_API void THApplyPlan_init(THApplyPlan *plan, int ntensors, int ndim, const long *sizes,
                             const long *const *strides);
/* Counters and per-tensor element offsets of linear index `index`. */
TH_API void THApplyPlan_seek(const THApplyPlan *plan, ptrdiff_t index, long *ctr, ptrdiff_t *off);
/* Moves on by `count` elements of the innermost dimension (count reaches its end or less). */
TH_API void THApplyPlan_advance(const THApplyPlan *plan, long count, long *ctr, ptrdiff_t *off);
/* This thread's share [lo, hi) of n elements (all of it outside a parallel region). */
TH_API void THApply_threadRange(ptrdiff_t n, ptrdiff_t *lo, ptrdiff_t *hi);
/* NumPy's broadcasting rule: the shape two shapes broadcast to, into out (*nd set).
 * A RuntimeError naming both shapes and `op` when they do not broadcast. */
TH_API int THBroadcast_shape(const char *op, int nd1, const long *s1, int nd2, const long *s2,
                             int *nd, long *out);
/* Whether a loop over n elements should run in parallel now. */
TH_API int THApply_parallel(ptrdiff_t n);

#define TH_APPLY_PARALLEL_BEGIN(N)            \
  {                                           \
    const int th_par_ = THApply_parallel(N);  \
    _Pragma("omp parallel if(th_par_)")       \
    {

#define TH_APPLY_PARALLEL_END \
    }                         \
  }

/* One tensor: P1 points at each element in turn while CODE runs. */
#define TH_APPLY1(T1, P1, D1, PLAN, CODE)                                           \
  do {                                                                              \
    const THApplyPlan *th_plan_ = (PLAN);                                           \
    T1 *th_b1_ = (D1);                                                              \
    TH_APPLY_PARALLEL_BEGIN(th_plan_->numel)                                        \
    ptrdiff_t th_lo_, th_hi_;                                                       \
    THApply_threadRange(th_plan_->numel, &th_lo_, &th_hi_);                         \
    if (th_lo_ < th_hi_) {                                                          \
      long th_ctr_[TH_MAX_DIM];                                                     \
      ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                      \
      const int th_l_ = th_plan_->ndim - 1;                                         \
      const long th_s1_ = th_plan_->stride[0][th_l_];                               \
      THApplyPlan_seek(th_plan_, th_lo_, th_ctr_, th_off_);                         \
      while (th_lo_ < th_hi_) {                                                     \
        long th_i_, th_n_ = th_plan_->size[th_l_] - th_ctr_[th_l_];                 \
        if (th_n_ > th_hi_ - th_lo_)                                                \
          th_n_ = (long)(th_hi_ - th_lo_);                                          \
        if (th_s1_ == 1) {                                                          \
          T1 *th_c1_ = th_b1_ + th_off_[0];                                         \
          for (th_i_ = 0; th_i_ < th_n_; th_i_++) {                                 \
            T1 *P1 = th_c1_ + th_i_;                                                \
            CODE                                                                    \
          }                                                                         \
        } else {                                                                    \
          T1 *P1 = th_b1_ + th_off_[0];                                             \
          for (th_i_ = 0; th_i_ < th_n_; th_i_++, P1 += th_s1_) {                   \
            CODE                                                                    \
          }                                                                         \
        }                                                                           \
        th_lo_ += th_n_;                                                            \
        THApplyPlan_advance(th_plan_, th_n_, th_ctr_, th_off_);                     \
      }                                                                             \
    }                                                                               \
    TH_APPLY_PARALLEL_END                                                           \
  } while (0)

/* Two tensors. */
#define TH_APPLY2(T1, P1, D1, T2, P2, D2, PLAN, CODE)                               \
  do {                                                                              \
    const THApplyPlan *th_plan_ = (PLAN);                                           \
    T1 *th_b1_ = (D1);                                                              \
    T2 *th_b2_ = (D2);                                                              \
    TH_APPLY_PARALLEL_BEGIN(th_plan_->numel)                                        \
    ptrdiff_t th_lo_, th_hi_;                                                       \
    THApply_threadRange(th_plan_->numel, &th_lo_, &th_hi_);                         \
    if (th_lo_ < th_hi_) {                                                          \
      long th_ctr_[TH_MAX_DIM];                                                     \
      ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                      \
      const int th_l_ = th_plan_->ndim - 1;                                         \
      const long th_s1_ = th_plan_->stride[0][th_l_];                               \
      const long th_s2_ = th_plan_->stride[1][th_l_];                               \
      THApplyPlan_seek(th_plan_, th_lo_, th_ctr_, th_off_);                         \
      while (th_lo_ < th_hi_) {                                                     \
        long th_i_, th_n_ = th_plan_->size[th_l_] - th_ctr_[th_l_];                 \
        if (th_n_ > th_hi_ - th_lo_)                                                \
          th_n_ = (long)(th_hi_ - th_lo_);                                          \
        if (th_s1_ == 1 && th_s2_ == 1) {                                           \
          T1 *th_c1_ = th_b1_ + th_off_[0];                                         \
          T2 *th_c2_ = th_b2_ + th_off_[1];                                         \
          for (th_i_ = 0; th_i_ < th_n_; th_i_++) {                                 \
            T1 *P1 = th_c1_ + th_i_;                                                \
            T2 *P2 = th_c2_ + th_i_;                                                \
            CODE                                                                    \
          }                                                                         \
        } else {                                                                    \
          T1 *P1 = th_b1_ + th_off_[0];                                             \
          T2 *P2 = th_b2_ + th_off_[1];                                             \
          for (th_i_ = 0; th_i_ < th_n_; th_i_++, P1 += th_s1_, P2 += th_s2_) {     \
            CODE                                                                    \
          }                                                                         \
        }                                                                           \
        th_lo_ += th_n_;                                                            \
        THApplyPlan_advance(th_plan_, th_n_, th_ctr_, th_off_);                     \
      }                                                                             \
    }                                                                               \
    TH_APPLY_PARALLEL_END                                                           \
  } while (0)

/* Three tensors. */
#define TH_APPLY3(T1, P1, D1, T2, P2, D2, T3, P3, D3, PLAN, CODE)                   \
  do {                                                                              \
    const THApplyPlan *th_plan_ = (PLAN);                                           \
    T1 *th_b1_ = (D1);                                                              \
    T2 *th_b2_ = (D2);                                                              \
    T3 *th_b3_ = (D3);                                                              \
    TH_APPLY_PARALLEL_BEGIN(th_plan_->numel)                                        \
    ptrdiff_t th_lo_, th_hi_;                                                       \
    THApply_threadRange(th_plan_->numel, &th_lo_, &th_hi_);                         \
    if (th_lo_ < th_hi_) {                                                          \
      long th_ctr_[TH_MAX_DIM];                                                     \
      ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                      \
      const int th_l_ = th_plan_->ndim - 1;                                         \
      const long th_s1_ = th_plan_->stride[0][th_l_];                               \
      const long th_s2_ = th_plan_->stride[1][th_l_];                               \
      const long th_s3_ = th_plan_->stride[2][th_l_];                               \
      THApplyPlan_seek(th_plan_, th_lo_, th_ctr_, th_off_);                         \
      while (th_lo_ < th_hi_) {                                                     \
        long th_i_, th_n_ = th_plan_->size[th_l_] - th_ctr_[th_l_];                 \
        if (th_n_ > th_hi_ - th_lo_)                                                \
          th_n_ = (long)(th_hi_ - th_lo_);                                          \
        if (th_s1_ == 1 && th_s2_ == 1 && th_s3_ == 1) {                            \
          T1 *th_c1_ = th_b1_ + th_off_[0];                                         \
          T2 *th_c2_ = th_b2_ + th_off_[1];                                         \
          T3 *th_c3_ = th_b3_ + th_off_[2];                                         \
          for (th_i_ = 0; th_i_ < th_n_; th_i_++) {                                 \
            T1 *P1 = th_c1_ + th_i_;                                                \
            T2 *P2 = th_c2_ + th_i_;                                                \
            T3 *P3 = th_c3_ + th_i_;                                                \
            CODE                                                                    \
          }                                                                         \
        } else {                                                                    \
          T1 *P1 = th_b1_ + th_off_[0];                                             \
          T2 *P2 = th_b2_ + th_off_[1];                                             \
          T3 *P3 = th_b3_ + th_off_[2];                                             \
          for (th_i_ = 0; th_i_ < th_n_;                                            \
               th_i_++, P1 += th_s1_, P2 += th_s2_, P3 += th_s3_) {                 \
            CODE                                                                    \
          }                                                                         \
        }                                                                           \
        th_lo_ += th_n_;                                                            \
        THApplyPlan_advance(th_plan_, th_n_, th_ctr_, th_off_);                     \
      }                                                                             \
    }                                                                               \
    TH_APPLY_PARALLEL_END                                                           \
  } while (0)

#endif
