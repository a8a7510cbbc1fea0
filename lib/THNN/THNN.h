/* THNN: stateless neural-network kernels over TH tensors, for Float and Double.
 * Every kernel returns 0, or -1 with TH's per-thread error record set (shapes are checked
 * before anything is allocated or written). Callers own every tensor, buffers included;
 * outputs and buffers are resized by the kernel. Indices (pooling, targets, lookup) are
 * THLongTensor and 0-based. */
#ifndef THNN_H
#define THNN_H

#include "TH/TH.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* An opaque placeholder kept for the 0.2 signatures (THCUNN passes its state here). */
typedef void THNNState;
typedef THLongTensor THIndexTensor;

/* Sizes of one convolution call (internal to the kernel files). For a transposed
 * convolution "in" and "out" are still the input and output of the forward pass. */
typedef struct THNNConvShape {
  long N, nIn, iH, iW, nOut, oH, oW;
} THNNConvShape;

/* Sizes of one volumetric convolution call ("T" is the time or depth dimension). */
typedef struct THNNVolShape {
  long N, nIn, iT, iH, iW, nOut, oT, oH, oW;
} THNNVolShape;

/* ValueError unless kernel, stride and dilation are positive and padding is not negative. */
int THNN_checkConvParams(const char *op, int kW, int kH, int dW, int dH, int padW, int padH,
                         int dilW, int dilH);
/* The same for 3D operations: k, d, pad, dil hold (time, height, width). */
int THNN_checkVolParams(const char *op, const int *k, const int *d, const int *pad,
                        const int *dil);

/* The calling thread's number in the innermost parallel region (0 outside of one). */
static inline int THNN_threadIndex(void)
{
#ifdef _OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

/* Whether a batch of n samples should run one sample per thread at a time (with BLAS
 * serial inside the loop) rather than one sample after another with BLAS's threads: when
 * there are several threads and the batch divides among them evenly enough. */
static inline int THNN_perThreadBatch(long n)
{
  long t = THGetNumThreads();
#ifdef _OPENMP
  if (omp_in_parallel())
    return 0;
#endif
  return t > 1 && n >= t && (n % t == 0 || n >= 4 * t);
}

#define THNN_(NAME) TH_CONCAT_3(THNN_, Real, NAME)

#define TH_GENERIC_FILE "THNN/generic/THNN.h"
#include "TH/THGenerateFloatTypes.h"

#endif
