/* THAllocator: pluggable memory for storages. A storage calls its allocator's functions
 * with the context it was created with; the allocator decides what "free" means. */
#ifndef TH_ALLOCATOR_INC
#define TH_ALLOCATOR_INC

#include "THGeneral.h"

typedef struct THAllocator {
  /* Returns NULL with the error record set on failure. */
  void *(*malloc)(void *ctx, ptrdiff_t size);
  /* May be NULL: then the storage allocates anew and copies. */
  void *(*realloc)(void *ctx, void *ptr, ptrdiff_t size);
  void (*free)(void *ctx, void *ptr);
} THAllocator;

/* 64-byte aligned memory; blocks of 2 MiB and more ask the kernel for huge pages. Freed
 * blocks of 1 MiB and more are cached (bounded) for the next request of about their size. */
TH_API THAllocator THDefaultAllocator;
/* Returns the default allocator's cached blocks to the system. */
TH_API void THAllocator_emptyCache(void);
/* Bytes held in that cache now. */
TH_API size_t THAllocator_cachedBytes(void);

/* Memory owned by someone else (e.g. a NumPy array). The context is a THForeignContext:
 * when the storage lets go, release(owner) is called once and the context freed. */
typedef struct THForeignContext {
  void (*release)(void *owner);
  void *owner;
} THForeignContext;

TH_API THAllocator THForeignAllocator;
/* Returns an owned context (free it with THFree only if it is never given to a storage). */
TH_API THForeignContext *THForeignContext_new(void (*release)(void *owner), void *owner);

/* Shared memory and memory-mapped files. flags are TH_MAP_* below. The context knows the
 * name or file, the mapping size and the fd; the data are unmapped when the storage lets go,
 * and a shared segment is unlinked then if TH_MAP_UNLINK_ON_FREE is set. */
#define TH_MAP_SHARED 1          /* changes reach the file / other processes */
#define TH_MAP_SHM 2             /* name is a POSIX shared-memory name, not a path */
#define TH_MAP_CREATE 4          /* create (exclusively for shm) */
#define TH_MAP_UNLINK_ON_FREE 8  /* unlink the name when freed */
#define TH_MAP_KEEP_FD 16        /* keep the descriptor open (to pass it to another process) */
#define TH_MAP_FROM_FD 32        /* map an existing descriptor given to THMapContext_newFd */

typedef struct THMapContext THMapContext;
TH_API THAllocator THMapAllocator;
/* Returns NULL with the error record set on failure. */
TH_API THMapContext *THMapContext_new(const char *name, int flags);
TH_API THMapContext *THMapContext_newFd(int fd, int flags);
TH_API const char *THMapContext_name(THMapContext *ctx);
TH_API int THMapContext_fd(THMapContext *ctx);
TH_API ptrdiff_t THMapContext_size(THMapContext *ctx);
/* Closes the kept descriptor and/or unlinks the name now (the mapping itself stays). */
TH_API void THMapContext_close(THMapContext *ctx);
TH_API int THMapContext_unlink(THMapContext *ctx);
/* Frees a context that was never handed to a storage. */
TH_API void THMapContext_free(THMapContext *ctx);

#endif
