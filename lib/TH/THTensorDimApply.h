/* THTensorDimApply: the loops of the reduce, sort and random families (private to lib/TH).
 * A "line" is the set of elements along one dimension with every other index fixed.
 * TH_DIM_APPLY runs a body once per line, the lines split between OpenMP threads when the
 * whole work is large; TH_REDUCE_ALL gives each thread a slice of a tensor's linear index
 * range and combines the per-thread partials after the loop, in thread order (so that a
 * result does not depend on scheduling). Nothing here can fail. */
#ifndef TH_TENSOR_DIM_APPLY_INC
#define TH_TENSOR_DIM_APPLY_INC

#include <string.h>
#include "THTensorApply.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* The most threads a full reduction combines (their partials live on the stack). */
#define TH_REDUCE_MAX_THREADS 64

/* On x86-64 with GCC, a kernel marked TH_VECTOR_CLONES is compiled twice, for SSE2 and for
 * AVX2, and the loader picks the one the CPU runs. The arithmetic is the same C in both (no
 * FMA), so the results do not depend on the choice. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TH_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define TH_VECTOR_CLONES
#endif

/* How many threads a loop over `work` elements should use (1 below the threshold). */
static inline int THDimApply_threads(ptrdiff_t work)
{
#ifdef _OPENMP
  if (THApply_parallel(work)) {
    int n = omp_get_max_threads();
    return n < TH_REDUCE_MAX_THREADS ? n : TH_REDUCE_MAX_THREADS;
  }
#else
  TH_UNUSED(work);
#endif
  return 1;
}

static inline int THDimApply_threadId(void)
{
#ifdef _OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

/* A plan whose positions are the lines along `dim` of nt tensors of shape (ndim, sizes). */
static inline void THDimApply_plan(THApplyPlan *plan, int nt, int ndim, const long *sizes,
                                   const long *const *strides, int dim)
{
  long outer[TH_MAX_DIM];
  memcpy(outer, sizes, sizeof(long) * (size_t)ndim);
  outer[dim] = 1;
  THApplyPlan_init(plan, nt, ndim, outer, strides);
}

/* Runs the body once per position of PLAN on NTHREADS threads; OFF (declared here) holds each
 * tensor's element offset of the position, TID the thread's index in [0, NTHREADS). */
#define TH_DIM_APPLY(PLAN, NTHREADS, OFF, TID, ...)                                  \
  do {                                                                               \
    const THApplyPlan *th_dp_ = (PLAN);                                              \
    const int th_dnt_ = (NTHREADS);                                                  \
    (void)th_dnt_; /* unused without OpenMP */                                       \
    _Pragma("omp parallel num_threads(th_dnt_) if(th_dnt_ > 1)")                     \
    {                                                                                \
      ptrdiff_t th_lo_, th_hi_;                                                      \
      long th_ctr_[TH_MAX_DIM];                                                      \
      ptrdiff_t OFF[TH_APPLY_MAX_TENSORS];                                           \
      const int TID = THDimApply_threadId();                                         \
      (void)TID;                                                                     \
      THApply_threadRange(th_dp_->numel, &th_lo_, &th_hi_);                          \
      if (th_lo_ < th_hi_) {                                                         \
        THApplyPlan_seek(th_dp_, th_lo_, th_ctr_, OFF);                              \
        for (; th_lo_ < th_hi_; th_lo_++) {                                          \
          __VA_ARGS__                                                                \
          THApplyPlan_advance(th_dp_, 1, th_ctr_, OFF);                              \
        }                                                                            \
      }                                                                              \
    }                                                                                \
  } while (0)

/* For a reduction along `dim` of the last of nt tensors (the others are its outputs, with
 * size 1 at dim): whether to reduce whole rows at once ("columns"), walking memory in order,
 * rather than one line at a time. Picks the dimension v != dim of smallest input stride; when
 * that stride is smaller than dim's, merges into v the dimensions just outside it that step
 * exactly over it in every tensor, and returns v with *first (the outermost dimension merged)
 * and *m (the number of columns). Otherwise returns -1. */
static inline int THDimApply_columns(int ndim, const long *sizes, int nt,
                                     const long *const *strides, int dim, int *first, long *m)
{
  const long *in = strides[nt - 1];
  int d, k, v = -1;
  for (d = 0; d < ndim; d++) {
    if (d != dim && sizes[d] > 1 && in[d] >= 0 && (v < 0 || in[d] < in[v]))
      v = d;
  }
  if (v < 0 || in[dim] <= in[v])
    return -1;
  *m = sizes[v];
  for (d = v - 1; d >= 0 && d != dim; d--) {
    int merge = 1;
    for (k = 0; k < nt; k++)
      merge &= strides[k][d] == strides[k][v] * *m;
    if (!merge && sizes[d] != 1)
      break;
    *m *= sizes[d];
  }
  *first = d + 1;
  return v;
}

/* The width of the column blocks (at most `most`) for m columns at each of `outer` positions
 * on nt threads, and in *nblk their number: when there are few positions, every thread gets
 * the same share of blocks. */
static inline long THDimApply_blockWidth(long m, long most, ptrdiff_t outer, int nt, long *nblk)
{
  long nb = (m + most - 1) / most, w;
  if (nt > 1 && outer % nt != 0 && outer < 8L * nt)
    nb = (nb + nt - 1) / nt * nt;
  w = (m + nb - 1) / nb;
  w = TH_MIN((w + 7) / 8 * 8, most);
  *nblk = (m + w - 1) / w;
  return w;
}

/* Runs the body once per (position of PLAN, block number BLK in [0, NBLK)) on NTHREADS
 * threads, the pairs split in order; OFF holds each tensor's element offset of the position. */
#define TH_BLOCK_APPLY(PLAN, NTHREADS, NBLK, OFF, BLK, ...)                          \
  do {                                                                               \
    const THApplyPlan *th_bp_ = (PLAN);                                              \
    const int th_bnt_ = (NTHREADS);                                                  \
    (void)th_bnt_; /* unused without OpenMP */                                       \
    const long th_nb_ = (NBLK);                                                      \
    _Pragma("omp parallel num_threads(th_bnt_) if(th_bnt_ > 1)")                     \
    {                                                                                \
      ptrdiff_t th_lo_, th_hi_;                                                      \
      long th_ctr_[TH_MAX_DIM];                                                      \
      ptrdiff_t OFF[TH_APPLY_MAX_TENSORS];                                           \
      THApply_threadRange(th_bp_->numel * th_nb_, &th_lo_, &th_hi_);                 \
      if (th_lo_ < th_hi_) {                                                         \
        long BLK = (long)(th_lo_ % th_nb_);                                          \
        THApplyPlan_seek(th_bp_, th_lo_ / th_nb_, th_ctr_, OFF);                     \
        for (; th_lo_ < th_hi_; th_lo_++) {                                          \
          __VA_ARGS__                                                                \
          if (++BLK == th_nb_) {                                                     \
            BLK = 0;                                                                 \
            THApplyPlan_advance(th_bp_, 1, th_ctr_, OFF);                            \
          }                                                                          \
        }                                                                            \
      }                                                                              \
    }                                                                                \
  } while (0)

/* Reduces the elements of one tensor (data D of type T, PLAN over it) into RESULT (type
 * ACC_T, declared by the caller). Each thread starts from INIT and calls
 * SEG(&acc, const T *p, long n, long stride, ARG) on each run of its range; the partials are
 * folded into RESULT (which starts at INIT) with COMBINE(&RESULT, part). */
#define TH_REDUCE_ALL(T, D, PLAN, ACC_T, RESULT, INIT, SEG, COMBINE, ARG)            \
  do {                                                                               \
    ACC_T th_part_[TH_REDUCE_MAX_THREADS];                                           \
    const THApplyPlan *th_rp_ = (PLAN);                                              \
    const T *th_rb_ = (D);                                                           \
    const int th_rnt_ = THDimApply_threads(th_rp_->numel);                           \
    int th_t_;                                                                       \
    for (th_t_ = 0; th_t_ < th_rnt_; th_t_++)                                        \
      th_part_[th_t_] = (INIT);                                                      \
    _Pragma("omp parallel num_threads(th_rnt_) if(th_rnt_ > 1)")                     \
    {                                                                                \
      ACC_T th_acc_ = (INIT);                                                        \
      ptrdiff_t th_lo_, th_hi_;                                                      \
      THApply_threadRange(th_rp_->numel, &th_lo_, &th_hi_);                          \
      if (th_lo_ < th_hi_) {                                                         \
        long th_ctr_[TH_MAX_DIM];                                                    \
        ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                     \
        const int th_l_ = th_rp_->ndim - 1;                                          \
        THApplyPlan_seek(th_rp_, th_lo_, th_ctr_, th_off_);                          \
        while (th_lo_ < th_hi_) {                                                    \
          long th_n_ = th_rp_->size[th_l_] - th_ctr_[th_l_];                         \
          if (th_n_ > th_hi_ - th_lo_)                                               \
            th_n_ = (long)(th_hi_ - th_lo_);                                         \
          SEG(&th_acc_, th_rb_ + th_off_[0], th_n_, th_rp_->stride[0][th_l_], ARG);  \
          th_lo_ += th_n_;                                                           \
          THApplyPlan_advance(th_rp_, th_n_, th_ctr_, th_off_);                      \
        }                                                                            \
      }                                                                              \
      th_part_[THDimApply_threadId()] = th_acc_;                                     \
    }                                                                                \
    RESULT = (INIT);                                                                 \
    for (th_t_ = 0; th_t_ < th_rnt_; th_t_++)                                        \
      COMBINE(&(RESULT), th_part_[th_t_]);                                           \
  } while (0)

/* One serial pass (row-major order) over NT (1 or 2) tensors under PLAN: P1 (and P2) point
 * at the elements of D1 (and D2; with a one-tensor plan pass D1 again, P2 stays put). For
 * the random family: the generator is used in a fixed order, on one thread. */
#define TH_SERIAL_APPLY2(T1, P1, D1, T2, P2, D2, PLAN, ...)                          \
  do {                                                                               \
    const THApplyPlan *th_sp_ = (PLAN);                                              \
    T1 *th_s1b_ = (D1);                                                              \
    T2 *th_s2b_ = (D2);                                                              \
    if (th_sp_->numel > 0) {                                                         \
      long th_ctr_[TH_MAX_DIM];                                                      \
      ptrdiff_t th_off_[TH_APPLY_MAX_TENSORS];                                       \
      ptrdiff_t th_done_ = 0;                                                        \
      const int th_l_ = th_sp_->ndim - 1;                                            \
      const long th_st1_ = th_sp_->stride[0][th_l_];                                 \
      const long th_st2_ = th_sp_->ntensors > 1 ? th_sp_->stride[1][th_l_] : 0;      \
      THApplyPlan_seek(th_sp_, 0, th_ctr_, th_off_);                                 \
      while (th_done_ < th_sp_->numel) {                                             \
        const long th_n_ = th_sp_->size[th_l_] - th_ctr_[th_l_];                     \
        long th_i_;                                                                  \
        T1 *P1 = th_s1b_ + th_off_[0];                                               \
        T2 *P2 = th_s2b_ + (th_sp_->ntensors > 1 ? th_off_[1] : 0);                 \
        (void)P2;                                                                    \
        for (th_i_ = 0; th_i_ < th_n_; th_i_++, P1 += th_st1_, P2 += th_st2_) {     \
          __VA_ARGS__                                                                \
        }                                                                            \
        th_done_ += th_n_;                                                           \
        THApplyPlan_advance(th_sp_, th_n_, th_ctr_, th_off_);                        \
      }                                                                              \
    }                                                                                \
  } while (0)

/* The plan over one whole tensor. */
#define TH_PLAN1(PLAN, T)                                                            \
  do {                                                                               \
    const long *th_st_[1];                                                           \
    th_st_[0] = (T)->stride;                                                         \
    THApplyPlan_init((PLAN), 1, (T)->nDimension, (T)->size, th_st_);                 \
  } while (0)

/* An IndexError unless 0 <= dim < t's dimension. */
#define TH_CHECK_REDUCE_DIM(op, t, dim)                                               \
  TH_CHECK((t)->nDimension > 0 && (dim) >= 0 && (dim) < (t)->nDimension, TH_ERR_INDEX, \
           "%s: dimension %d out of range (expected to be in range of [%d, %d])", op,  \
           (int)(dim), -TH_MAX((t)->nDimension, 1), TH_MAX((t)->nDimension, 1) - 1)

#endif
