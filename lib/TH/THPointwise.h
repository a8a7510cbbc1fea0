/* THPointwise: what the element-wise families (pointwise, unary, compare) share, internal to
 * lib/TH: the broadcast shape of an op's operands, and loops with a flat fast path. When every
 * tensor of a plan is contiguous the loop is a plain indexed one that gcc vectorises, threaded
 * above TH_OMP_THRESHOLD and with no OpenMP region below it (a region costs more than a small
 * op); otherwise the strided TH_APPLYn loops run. */
#ifndef TH_POINTWISE_INC
#define TH_POINTWISE_INC

#include "THTensorApply.h"

/* The shape that n operands (nds[k] dimensions of sizes[k]) broadcast to, into (*nd, shape).
 * A RuntimeError naming the sizes when they do not broadcast, when an empty tensor meets a
 * non-empty one, or when `inplace` (the result is one of the operands) and the result's
 * current shape (rnd, rsize) differs from the broadcast one: an in-place op never resizes. */
int THPointwise_shape(const char *op, int n, const int *nds, const long *const *sizes,
                      int inplace, int rnd, const long *rsize, int *nd, long *shape);

/* Whether every tensor of the plan walks memory with stride 1 in one flat dimension. */
static inline int THPointwise_isFlat(const THApplyPlan *plan)
{
  int k;
  if (plan->ndim != 1)
    return 0;
  for (k = 0; k < plan->ntensors; k++)
    if (plan->stride[k][0] != 1)
      return 0;
  return 1;
}

#ifdef _OPENMP
#define TH_PW_OMP_FOR _Pragma("omp parallel for schedule(static)")
#else
#define TH_PW_OMP_FOR
#endif

/* BODY for I in [0, N): a parallel loop above the threshold, a plain one below. */
#define TH_PW_FOR(N, I, BODY)                 \
  do {                                        \
    const ptrdiff_t th_pw_n_ = (N);           \
    ptrdiff_t I;                              \
    if (THApply_parallel(th_pw_n_)) {         \
      TH_PW_OMP_FOR                           \
      for (I = 0; I < th_pw_n_; I++) {        \
        BODY                                  \
      }                                       \
    } else {                                  \
      for (I = 0; I < th_pw_n_; I++) {        \
        BODY                                  \
      }                                       \
    }                                         \
  } while (0)

#define TH_PW_APPLY1(PLAN, T1, P1, D1, CODE)                         \
  do {                                                               \
    if (THPointwise_isFlat(PLAN)) {                                  \
      T1 *th_pw_b1_ = (D1);                                          \
      TH_PW_FOR((PLAN)->numel, th_pw_i_, {                           \
        T1 *P1 = th_pw_b1_ + th_pw_i_;                               \
        CODE                                                         \
      });                                                            \
    } else {                                                         \
      TH_APPLY1(T1, P1, D1, PLAN, CODE);                             \
    }                                                                \
  } while (0)

#define TH_PW_APPLY2(PLAN, T1, P1, D1, T2, P2, D2, CODE)             \
  do {                                                               \
    if (THPointwise_isFlat(PLAN)) {                                  \
      T1 *th_pw_b1_ = (D1);                                          \
      T2 *th_pw_b2_ = (D2);                                          \
      TH_PW_FOR((PLAN)->numel, th_pw_i_, {                           \
        T1 *P1 = th_pw_b1_ + th_pw_i_;                               \
        T2 *P2 = th_pw_b2_ + th_pw_i_;                               \
        CODE                                                         \
      });                                                            \
    } else {                                                         \
      TH_APPLY2(T1, P1, D1, T2, P2, D2, PLAN, CODE);                 \
    }                                                                \
  } while (0)

#define TH_PW_APPLY3(PLAN, T1, P1, D1, T2, P2, D2, T3, P3, D3, CODE) \
  do {                                                               \
    if (THPointwise_isFlat(PLAN)) {                                  \
      T1 *th_pw_b1_ = (D1);                                          \
      T2 *th_pw_b2_ = (D2);                                          \
      T3 *th_pw_b3_ = (D3);                                          \
      TH_PW_FOR((PLAN)->numel, th_pw_i_, {                           \
        T1 *P1 = th_pw_b1_ + th_pw_i_;                               \
        T2 *P2 = th_pw_b2_ + th_pw_i_;                               \
        T3 *P3 = th_pw_b3_ + th_pw_i_;                               \
        CODE                                                         \
      });                                                            \
    } else {                                                         \
      TH_APPLY3(T1, P1, D1, T2, P2, D2, T3, P3, D3, PLAN, CODE);     \
    }                                                                \
  } while (0)

/* Four tensors of one type (addcmul, addcdiv): the flat loop, or a strided walk of the
 * plan's innermost dimension (THTensorApply.h stops at three tensors). */
#define TH_PW_APPLY4(PLAN, T, P1, D1, P2, D2, P3, D3, P4, D4, CODE)                         \
  do {                                                                                      \
    const THApplyPlan *th_pl_ = (PLAN);                                                     \
    T *th_q1_ = (D1), *th_q2_ = (D2), *th_q3_ = (D3), *th_q4_ = (D4);                       \
    if (THPointwise_isFlat(th_pl_)) {                                                       \
      TH_PW_FOR(th_pl_->numel, th_pw_i_, {                                                  \
        T *P1 = th_q1_ + th_pw_i_;                                                          \
        T *P2 = th_q2_ + th_pw_i_;                                                          \
        T *P3 = th_q3_ + th_pw_i_;                                                          \
        T *P4 = th_q4_ + th_pw_i_;                                                          \
        CODE                                                                                \
      });                                                                                   \
    } else {                                                                                \
      TH_APPLY_PARALLEL_BEGIN(th_pl_->numel)                                                \
      ptrdiff_t th_lo_, th_hi_;                                                             \
      THApply_threadRange(th_pl_->numel, &th_lo_, &th_hi_);                                 \
      if (th_lo_ < th_hi_) {                                                                \
        long th_ctr_[TH_MAX_DIM];                                                           \
        ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                            \
        const int th_l_ = th_pl_->ndim - 1;                                                 \
        const long th_s1_ = th_pl_->stride[0][th_l_], th_s2_ = th_pl_->stride[1][th_l_];    \
        const long th_s3_ = th_pl_->stride[2][th_l_], th_s4_ = th_pl_->stride[3][th_l_];    \
        THApplyPlan_seek(th_pl_, th_lo_, th_ctr_, th_off_);                                 \
        while (th_lo_ < th_hi_) {                                                           \
          long th_i_, th_n_ = th_pl_->size[th_l_] - th_ctr_[th_l_];                         \
          T *P1 = th_q1_ + th_off_[0], *P2 = th_q2_ + th_off_[1];                           \
          T *P3 = th_q3_ + th_off_[2], *P4 = th_q4_ + th_off_[3];                           \
          if (th_n_ > th_hi_ - th_lo_)                                                      \
            th_n_ = (long)(th_hi_ - th_lo_);                                                \
          for (th_i_ = 0; th_i_ < th_n_;                                                    \
               th_i_++, P1 += th_s1_, P2 += th_s2_, P3 += th_s3_, P4 += th_s4_) {           \
            CODE                                                                            \
          }                                                                                 \
          th_lo_ += th_n_;                                                                  \
          THApplyPlan_advance(th_pl_, th_n_, th_ctr_, th_off_);                             \
        }                                                                                   \
      }                                                                                     \
      TH_APPLY_PARALLEL_END                                                                 \
    }                                                                                       \
  } while (0)

#endif
