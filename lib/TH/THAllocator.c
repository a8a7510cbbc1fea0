/* THAllocator: the default aligned allocator, foreign memory, and shared/mapped memory. */
#define _GNU_SOURCE
#include "THAllocator.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define TH_ALIGNMENT 64
#define TH_HUGE_PAGE_BYTES (2 * 1024 * 1024)

/* ---- default ---- */

/* Blocks of TH_CACHE_MIN_BYTES and more are kept in a small cache when freed and handed out
 * again for a request of about their size. A fresh block of several MiB costs a page fault
 * and a kernel zero-fill per page (and, for huge pages, sometimes a compaction stall of
 * milliseconds); a loop that makes a new output of the same size on every step (a + b, a
 * layer's activations) would pay that each time. The cache holds at most TH_CACHE_SLOTS
 * blocks and an eighth of the machine's memory (at most 1 GiB); a request it cannot serve,
 * or a failed allocation, empties it first. */
#define TH_CACHE_MIN_BYTES (1024 * 1024)
#define TH_CACHE_SLOTS 16

typedef struct THCachedBlock {
  void *ptr;
  size_t bytes; /* usable size */
} THCachedBlock;

static pthread_mutex_t th_cache_lock = PTHREAD_MUTEX_INITIALIZER;
static THCachedBlock th_cache[TH_CACHE_SLOTS];
static int th_cache_count = 0;
static size_t th_cache_bytes = 0;
static size_t th_cache_limit = 0;

static void th_cache_lock_all(void) { pthread_mutex_lock(&th_cache_lock); }
static void th_cache_unlock_all(void) { pthread_mutex_unlock(&th_cache_lock); }

__attribute__((constructor)) static void th_cache_init(void)
{
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  size_t limit = (size_t)1 << 30;
  if (pages > 0 && page > 0 && (size_t)pages * (size_t)page / 8 < limit)
    limit = (size_t)pages * (size_t)page / 8;
  th_cache_limit = limit;
  /* a fork while another thread holds the lock must not leave it locked in the child */
  pthread_atfork(th_cache_lock_all, th_cache_unlock_all, th_cache_unlock_all);
}

/* Takes out entry i (lock held). Entries stay in the order they were put in. */
static void *th_cache_take(int i)
{
  void *ptr = th_cache[i].ptr;
  th_cache_bytes -= th_cache[i].bytes;
  th_cache_count--;
  memmove(th_cache + i, th_cache + i + 1, sizeof(THCachedBlock) * (size_t)(th_cache_count - i));
  return ptr;
}

/* The smallest cached block of at least bytes and at most a quarter more, or NULL. */
static void *th_cache_get(size_t bytes)
{
  void *ptr = NULL;
  int i, best = -1;
  pthread_mutex_lock(&th_cache_lock);
  for (i = 0; i < th_cache_count; i++)
    if (th_cache[i].bytes >= bytes && th_cache[i].bytes - bytes <= bytes / 4 &&
        (best < 0 || th_cache[i].bytes < th_cache[best].bytes))
      best = i;
  if (best >= 0)
    ptr = th_cache_take(best);
  pthread_mutex_unlock(&th_cache_lock);
  return ptr;
}

/* Keeps ptr (usable size bytes) if it fits, evicting the oldest blocks; 0 if not kept. */
static int th_cache_put(void *ptr, size_t bytes)
{
  void *evicted[TH_CACHE_SLOTS];
  int n = 0, kept = 0, i;
  if (bytes < TH_CACHE_MIN_BYTES || bytes > th_cache_limit)
    return 0;
  pthread_mutex_lock(&th_cache_lock);
  while (th_cache_count > 0 &&
         (th_cache_count == TH_CACHE_SLOTS || th_cache_bytes + bytes > th_cache_limit)) {
    evicted[n++] = th_cache_take(0); /* the oldest */
  }
  if (th_cache_bytes + bytes <= th_cache_limit) {
    th_cache[th_cache_count].ptr = ptr;
    th_cache[th_cache_count].bytes = bytes;
    th_cache_count++;
    th_cache_bytes += bytes;
    kept = 1;
  }
  pthread_mutex_unlock(&th_cache_lock);
  for (i = 0; i < n; i++)
    free(evicted[i]);
  return kept;
}

void THAllocator_emptyCache(void)
{
  void *blocks[TH_CACHE_SLOTS];
  int n = 0, i;
  pthread_mutex_lock(&th_cache_lock);
  while (th_cache_count > 0)
    blocks[n++] = th_cache_take(th_cache_count - 1);
  pthread_mutex_unlock(&th_cache_lock);
  for (i = 0; i < n; i++)
    free(blocks[i]);
}

size_t THAllocator_cachedBytes(void)
{
  size_t bytes;
  pthread_mutex_lock(&th_cache_lock);
  bytes = th_cache_bytes;
  pthread_mutex_unlock(&th_cache_lock);
  return bytes;
}

static void *th_default_malloc(void *ctx, ptrdiff_t size)
{
  void *ptr = NULL;
  size_t bytes = size > 0 ? (size_t)size : 1;
  size_t align = bytes >= TH_HUGE_PAGE_BYTES ? TH_HUGE_PAGE_BYTES : TH_ALIGNMENT;
  TH_UNUSED(ctx);
  if (size < 0) {
    THError_set(TH_ERR_VALUE, "invalid memory size: %td bytes", size);
    return NULL;
  }
  if (bytes >= TH_CACHE_MIN_BYTES && (ptr = th_cache_get(bytes)) != NULL)
    return ptr;
  if (posix_memalign(&ptr, align, bytes) != 0) {
    THAllocator_emptyCache();
    if (posix_memalign(&ptr, align, bytes) != 0) {
      THError_set(TH_ERR_MEMORY, "not enough memory: you tried to allocate %td bytes", size);
      return NULL;
    }
  }
#ifdef MADV_HUGEPAGE
  if (bytes >= TH_HUGE_PAGE_BYTES)
    madvise(ptr, bytes, MADV_HUGEPAGE);
#endif
  return ptr;
}

static void th_default_free(void *ctx, void *ptr)
{
  TH_UNUSED(ctx);
  if (ptr && !th_cache_put(ptr, malloc_usable_size(ptr)))
    free(ptr);
}

THAllocator THDefaultAllocator = {th_default_malloc, NULL, th_default_free};

/* ---- foreign ---- */

THForeignContext *THForeignContext_new(void (*release)(void *owner), void *owner)
{
  THForeignContext *ctx = THAlloc(sizeof(THForeignContext));
  if (!ctx)
    return NULL;
  ctx->release = release;
  ctx->owner = owner;
  return ctx;
}

static void *th_foreign_malloc(void *ctx, ptrdiff_t size)
{
  TH_UNUSED(ctx);
  THError_set(TH_ERR_RUNTIME,
              "cannot allocate %td bytes in memory owned by another object (e.g. a NumPy array)",
              size);
  return NULL;
}

static void th_foreign_free(void *vctx, void *ptr)
{
  THForeignContext *ctx = vctx;
  TH_UNUSED(ptr);
  if (ctx) {
    if (ctx->release)
      ctx->release(ctx->owner);
    THFree(ctx);
  }
}

THAllocator THForeignAllocator = {th_foreign_malloc, NULL, th_foreign_free};

/* ---- mapped files and shared memory ---- */

struct THMapContext {
  char *name;
  int flags;
  int fd;
  ptrdiff_t size;
};

static THMapContext *th_map_context_alloc(const char *name, int flags, int fd)
{
  THMapContext *ctx = THAlloc(sizeof(THMapContext));
  if (!ctx)
    return NULL;
  ctx->name = NULL;
  ctx->flags = flags;
  ctx->fd = fd;
  ctx->size = 0;
  if (name) {
    ctx->name = THAlloc((ptrdiff_t)strlen(name) + 1);
    if (!ctx->name) {
      THFree(ctx);
      return NULL;
    }
    strcpy(ctx->name, name);
  }
  return ctx;
}

THMapContext *THMapContext_new(const char *name, int flags)
{
  TH_CHECK_P(name && name[0], TH_ERR_VALUE, "a mapped storage needs a file or shared-memory name");
  return th_map_context_alloc(name, flags, -1);
}

THMapContext *THMapContext_newFd(int fd, int flags)
{
  TH_CHECK_P(fd >= 0, TH_ERR_VALUE, "invalid file descriptor %d", fd);
  return th_map_context_alloc(NULL, flags | TH_MAP_FROM_FD | TH_MAP_SHARED, fd);
}

const char *THMapContext_name(THMapContext *ctx) { return ctx->name; }
int THMapContext_fd(THMapContext *ctx) { return ctx->fd; }
ptrdiff_t THMapContext_size(THMapContext *ctx) { return ctx->size; }

void THMapContext_close(THMapContext *ctx)
{
  if (ctx->fd >= 0) {
    close(ctx->fd);
    ctx->fd = -1;
  }
  ctx->flags &= ~TH_MAP_KEEP_FD;
}

int THMapContext_unlink(THMapContext *ctx)
{
  if (ctx->name && (ctx->flags & TH_MAP_SHM)) {
    ctx->flags &= ~TH_MAP_UNLINK_ON_FREE;
    if (shm_unlink(ctx->name) != 0 && errno != ENOENT)
      return THError_runtime("could not unlink shared memory '%s': %s", ctx->name, strerror(errno));
  }
  return 0;
}

void THMapContext_free(THMapContext *ctx)
{
  if (!ctx)
    return;
  if (ctx->fd >= 0 && !(ctx->flags & TH_MAP_FROM_FD))
    close(ctx->fd);
  THFree(ctx->name);
  THFree(ctx);
}

static int th_map_open(THMapContext *ctx)
{
  int oflags = (ctx->flags & TH_MAP_SHARED) ? O_RDWR : O_RDONLY;
  if (ctx->flags & TH_MAP_FROM_FD)
    return 0;
  if (ctx->flags & TH_MAP_CREATE)
    oflags = O_RDWR | O_CREAT | ((ctx->flags & TH_MAP_SHM) ? O_EXCL : 0);
  if (ctx->flags & TH_MAP_SHM)
    ctx->fd = shm_open(ctx->name, oflags, S_IRUSR | S_IWUSR);
  else
    ctx->fd = open(ctx->name, oflags, S_IRUSR | S_IWUSR);
  if (ctx->fd < 0)
    return THError_runtime("could not open %s '%s': %s",
                           (ctx->flags & TH_MAP_SHM) ? "shared memory" : "file", ctx->name,
                           strerror(errno));
  return 0;
}

/* Makes the file at least `size` bytes (or reads its size when size is 0). */
static int th_map_fit_size(THMapContext *ctx, ptrdiff_t *size)
{
  struct stat st;
  if (fstat(ctx->fd, &st) != 0)
    return THError_runtime("could not stat '%s': %s", ctx->name ? ctx->name : "<fd>",
                           strerror(errno));
  if (*size == 0) {
    *size = (ptrdiff_t)st.st_size;
    return 0;
  }
  if ((ptrdiff_t)st.st_size < *size) {
    if (!(ctx->flags & (TH_MAP_SHARED | TH_MAP_CREATE)))
      return THError_runtime("file '%s' holds %td bytes, fewer than the %td asked for",
                             ctx->name ? ctx->name : "<fd>", (ptrdiff_t)st.st_size, *size);
    /* posix_fallocate reserves the pages now, so a full /dev/shm is an error here
     * rather than a bus error at first touch. */
    int rc = posix_fallocate(ctx->fd, 0, (off_t)*size);
    if (rc == EINVAL || rc == EOPNOTSUPP)
      rc = ftruncate(ctx->fd, (off_t)*size) == 0 ? 0 : errno;
    if (rc != 0) {
      if (rc == ENOSPC && (ctx->flags & TH_MAP_SHM))
        return THError_set(TH_ERR_MEMORY,
                           "not enough shared memory for %td bytes in /dev/shm (%s); in a "
                           "container, give it a larger /dev/shm (e.g. docker --shm-size) or "
                           "use fewer worker processes",
                           *size, strerror(rc));
      return THError_runtime("could not size '%s' to %td bytes: %s",
                             ctx->name ? ctx->name : "<fd>", *size, strerror(rc));
    }
  }
  return 0;
}

static void *th_map_malloc(void *vctx, ptrdiff_t size)
{
  THMapContext *ctx = vctx;
  void *data;
  int prot = PROT_READ | PROT_WRITE;
  int mflags = (ctx->flags & TH_MAP_SHARED) ? MAP_SHARED : MAP_PRIVATE;
  if (th_map_open(ctx) != 0)
    goto fail;
  if (th_map_fit_size(ctx, &size) != 0)
    goto fail;
  ctx->size = size;
  if (size == 0) {
    data = NULL;
  } else {
    data = mmap(NULL, (size_t)size, prot, mflags, ctx->fd, 0);
    if (data == MAP_FAILED) {
      THError_runtime("could not map %td bytes of '%s': %s", size,
                      ctx->name ? ctx->name : "<fd>", strerror(errno));
      goto fail;
    }
  }
  if (!(ctx->flags & TH_MAP_KEEP_FD) && !(ctx->flags & TH_MAP_FROM_FD)) {
    close(ctx->fd);
    ctx->fd = -1;
  }
  return data ? data : (void *)ctx; /* a non-NULL marker for an empty mapping */
fail:
  if (ctx->fd >= 0 && !(ctx->flags & TH_MAP_FROM_FD)) {
    close(ctx->fd);
    ctx->fd = -1;
  }
  if ((ctx->flags & TH_MAP_SHM) && (ctx->flags & TH_MAP_CREATE) && ctx->name)
    shm_unlink(ctx->name);
  return NULL;
}

static void th_map_free(void *vctx, void *ptr)
{
  THMapContext *ctx = vctx;
  if (ptr && ptr != (void *)ctx && ctx->size > 0)
    munmap(ptr, (size_t)ctx->size);
  if ((ctx->flags & TH_MAP_UNLINK_ON_FREE) && ctx->name)
    shm_unlink(ctx->name);
  if (ctx->flags & TH_MAP_FROM_FD) {
    close(ctx->fd);
    ctx->fd = -1;
  }
  THMapContext_free(ctx);
}

THAllocator THMapAllocator = {th_map_malloc, NULL, th_map_free};
