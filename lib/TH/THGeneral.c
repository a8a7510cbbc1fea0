/* THGeneral: the per-thread error record, checked allocation and thread settings. */
#include "THGeneral.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#ifdef _OPENMP
#include <omp.h>
#endif

typedef struct THErrorRecord {
  THErrorKind kind;
  char message[TH_ERROR_MSG_LEN];
} THErrorRecord;

static __thread THErrorRecord th_error;

int THError_vset(THErrorKind kind, const char *fmt, va_list args)
{
  th_error.kind = kind;
  vsnprintf(th_error.message, sizeof(th_error.message), fmt, args);
  return -1;
}

int THError_set(THErrorKind kind, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  THError_vset(kind, fmt, args);
  va_end(args);
  return -1;
}

int THBackcompat_broadcastWarn = 0;

void THBackcompat_setBroadcastWarn(int on)
{
  __atomic_store_n(&THBackcompat_broadcastWarn, on, __ATOMIC_RELAXED);
}

static __thread char th_warning[TH_ERROR_MSG_LEN];

void THWarning_set(const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  vsnprintf(th_warning, sizeof(th_warning), fmt, args);
  va_end(args);
}

const char *THWarning_take(void)
{
  static __thread char taken[TH_ERROR_MSG_LEN];
  if (!th_warning[0])
    return NULL;
  memcpy(taken, th_warning, sizeof(taken));
  th_warning[0] = '\0';
  return taken;
}

THErrorKind THError_kind(void) { return th_error.kind; }

const char *THError_message(void) { return th_error.message; }

void THError_clear(void)
{
  th_error.kind = TH_ERR_NONE;
  th_error.message[0] = '\0';
}

void *THAlloc(ptrdiff_t size)
{
  void *ptr;
  if (size < 0) {
    THError_set(TH_ERR_VALUE, "invalid memory size: %td bytes", size);
    return NULL;
  }
  ptr = malloc(size > 0 ? (size_t)size : 1);
  if (!ptr)
    THError_set(TH_ERR_MEMORY, "not enough memory: you tried to allocate %td bytes", size);
  return ptr;
}

void *THRealloc(void *ptr, ptrdiff_t size)
{
  void *nptr;
  if (size < 0) {
    THError_set(TH_ERR_VALUE, "invalid memory size: %td bytes", size);
    return NULL;
  }
  nptr = realloc(ptr, size > 0 ? (size_t)size : 1);
  if (!nptr)
    THError_set(TH_ERR_MEMORY, "not enough memory: you tried to reallocate %td bytes", size);
  return nptr;
}

void THFree(void *ptr) { free(ptr); }

char *THDescribeSizes(char *buf, size_t len, int ndim, const long *sizes)
{
  size_t used = 0;
  int i;
  if (len == 0)
    return buf;
  buf[0] = '\0';
  used += (size_t)snprintf(buf, len, "[");
  for (i = 0; i < ndim && used < len; i++)
    used += (size_t)snprintf(buf + used, len - used, i ? " x %ld" : "%ld", sizes[i]);
  if (used < len)
    snprintf(buf + used, len - used, "]");
  return buf;
}

/* ---- threads ---- */

void THBlasSetNumThreads(int n); /* THBlasThreads.c */

static int th_forked_child = 0;
static int th_atfork_installed = 0;

static void th_after_fork_child(void)
{
  /* libgomp's pool does not survive fork (a parallel region in the child waits for threads
   * that do not exist): TH's loops run serially in a forked child for good, whatever the
   * thread count set there. BLAS's jobs run on threads started per call (THBlasThreads.c). */
  th_forked_child = 1;
}

static void th_install_atfork(void)
{
  if (!th_atfork_installed) {
    th_atfork_installed = 1;
    pthread_atfork(NULL, NULL, th_after_fork_child);
  }
}

__attribute__((constructor)) static void th_general_init(void) { th_install_atfork(); }

int THInForkedChild(void) { return th_forked_child; }

void THSetNumThreads(int n)
{
  if (n < 1)
    n = 1;
#ifdef _OPENMP
  omp_set_num_threads(n);
#endif
  THBlasSetNumThreads(n);
}

int THGetNumThreads(void)
{
#ifdef _OPENMP
  if (th_forked_child)
    return 1;
  return omp_get_max_threads();
#else
  return 1;
#endif
}
