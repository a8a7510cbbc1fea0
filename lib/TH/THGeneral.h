/* THGeneral: the per-thread error record, checked allocation, size formatting and the
 * small portability macros every other TH file uses. */
#ifndef TH_GENERAL_INC
#define TH_GENERAL_INC

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
#define TH_EXTERNC extern "C"
#else
#define TH_EXTERNC extern
#endif

#define TH_API TH_EXTERNC __attribute__((visibility("default")))

/* The most dimensions a tensor may have; sizes and strides live inline in the tensor. */
#define TH_MAX_DIM 32

#define TH_CONCAT_2_EXPAND(x, y) x##y
#define TH_CONCAT_2(x, y) TH_CONCAT_2_EXPAND(x, y)
#define TH_CONCAT_3_EXPAND(x, y, z) x##y##z
#define TH_CONCAT_3(x, y, z) TH_CONCAT_3_EXPAND(x, y, z)
#define TH_CONCAT_4_EXPAND(x, y, z, w) x##y##z##w
#define TH_CONCAT_4(x, y, z, w) TH_CONCAT_4_EXPAND(x, y, z, w)

#define TH_UNUSED(x) (void)(x)
#define TH_CONVERT_PLAIN(x) (x)
#define TH_MIN(a, b) ((a) < (b) ? (a) : (b))
#define TH_MAX(a, b) ((a) > (b) ? (a) : (b))

#define TH_ATOMIC_INC(p) __atomic_add_fetch((p), 1, __ATOMIC_RELAXED)
#define TH_ATOMIC_DEC(p) __atomic_sub_fetch((p), 1, __ATOMIC_ACQ_REL)

/* A double as a long without undefined behaviour: NaN and values outside the range of long
 * (after truncation toward zero) give LONG_MIN, as x86's conversion instruction does. The
 * float-to-integer tensor and storage copies convert through it. */
static inline long THDoubleToLong(double x)
{
  return (x >= -9223372036854775808.0 && x < 9223372036854775808.0) ? (long)x
                                                                     : (long)(-0x7fffffffffffffffL - 1);
}

/* Error kinds; the binding maps each to one Python exception class. */
typedef enum THErrorKind {
  TH_ERR_NONE = 0,
  TH_ERR_RUNTIME = 1,
  TH_ERR_TYPE = 2,
  TH_ERR_VALUE = 3,
  TH_ERR_INDEX = 4,
  TH_ERR_MEMORY = 5
} THErrorKind;

#define TH_ERROR_MSG_LEN 512

/* Records an error for this thread (printf-style message) and returns -1, so that a
 * fallible function can `return THError_set(...)`. */
TH_API int THError_set(THErrorKind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
TH_API int THError_vset(THErrorKind kind, const char *fmt, va_list args);
TH_API THErrorKind THError_kind(void);
TH_API const char *THError_message(void);
TH_API void THError_clear(void);

/* Warnings that 0.2's torch.utils.backcompat switches on (ptorch.utils.backcompat): while
 * THBackcompat_broadcastWarn is non-zero, the element-wise families record a warning for
 * this thread when they broadcast operands of the same number of elements but different
 * shapes (versions before 0.2 combined those element by element); the binding turns the
 * record into a Python warning after the call. */
TH_API int THBackcompat_broadcastWarn;
/* Sets it (an atomic store: ops running without the GIL read it). */
TH_API void THBackcompat_setBroadcastWarn(int on);
TH_API void THWarning_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The recorded warning (NULL if none), cleared. */
TH_API const char *THWarning_take(void);

/* Shorthands for the common kinds. */
#define THError_runtime(...) THError_set(TH_ERR_RUNTIME, __VA_ARGS__)
#define THError_value(...) THError_set(TH_ERR_VALUE, __VA_ARGS__)
#define THError_index(...) THError_set(TH_ERR_INDEX, __VA_ARGS__)
#define THError_type(...) THError_set(TH_ERR_TYPE, __VA_ARGS__)

/* Check a condition; on failure record the error and return -1 (or NULL with _P). */
#define TH_CHECK(cond, kind, ...) \
  do { if (!(cond)) return THError_set((kind), __VA_ARGS__); } while (0)
#define TH_CHECK_P(cond, kind, ...) \
  do { if (!(cond)) { THError_set((kind), __VA_ARGS__); return NULL; } } while (0)

/* malloc/realloc that record a MemoryError naming the size on failure. */
TH_API void *THAlloc(ptrdiff_t size);
TH_API void *THRealloc(void *ptr, ptrdiff_t size);
TH_API void THFree(void *ptr);

/* Writes sizes as "[2 x 3]" into buf (always terminated); returns buf. */
TH_API char *THDescribeSizes(char *buf, size_t len, int ndim, const long *sizes);

/* Threads used by TH's parallel loops (OpenMP) and by OpenBLAS. */
TH_API void THSetNumThreads(int n);
TH_API int THGetNumThreads(void);
/* Whether this process is a forked child: its parallel regions run serially (libgomp's pool
 * does not survive fork) and THGetNumThreads is 1 there; BLAS still uses the thread count
 * set, on threads started per call. */
TH_API int THInForkedChild(void);
/* Between Begin and End, BLAS calls run on the calling thread alone, so that a parallel
 * loop may call BLAS from each of its threads (e.g. one GEMM per sample of a batch). The
 * sections nest and may overlap across threads; BLAS's thread count is restored when the
 * last one ends. */
TH_API void THBlasSerialBegin(void);
TH_API void THBlasSerialEnd(void);
/* Every call into OpenBLAS/LAPACK goes between these (TH_BLAS_GUARDED): fork waits until no
 * call is under way, so that a forked child never inherits one of OpenBLAS's internal locks
 * taken (its next BLAS call would wait forever). */
TH_API void THBlasCallBegin(void);
TH_API void THBlasCallEnd(void);
#define TH_BLAS_GUARDED(call) \
  do {                        \
    THBlasCallBegin();        \
    call;                     \
    THBlasCallEnd();          \
  } while (0)
/* Whether OpenBLAS's parallel jobs run on TH's threads (an OpenBLAS >= 0.3.28), and how many
 * sets of them ran on an OpenMP team and on threads started for the call (for tests). */
TH_API void THBlasThreadStats(int *runner_installed, long *team_runs, long *thread_runs);

#endif
