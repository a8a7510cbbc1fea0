# C declarations of lib/TH that are not per type (the per-type ones are generated from
# binding/decl_*.pxi.in).
from libc.stdint cimport uint16_t, uint32_t, uint64_t
from libc.stddef cimport ptrdiff_t

cdef extern from "TH/TH.h" nogil:
    ctypedef enum THErrorKind:
        TH_ERR_NONE
        TH_ERR_RUNTIME
        TH_ERR_TYPE
        TH_ERR_VALUE
        TH_ERR_INDEX
        TH_ERR_MEMORY
    THErrorKind THError_kind()
    const char *THError_message()
    void THError_clear()
    int THBackcompat_broadcastWarn
    void THBackcompat_setBroadcastWarn(int on)
    const char *THWarning_take()
    int THError_set(THErrorKind kind, const char *fmt, ...)
    int TH_MAX_DIM

    void THSetNumThreads(int n)
    int THGetNumThreads()
    void THBlasThreadStats(int *runner_installed, long *team_runs, long *thread_runs)
    void THAllocator_emptyCache()
    size_t THAllocator_cachedBytes()

    ctypedef struct THHalf:
        uint16_t x
    float TH_half2float(THHalf h)
    THHalf TH_float2half(float f)

    ctypedef struct THAllocator:
        pass
    THAllocator THDefaultAllocator
    THAllocator THForeignAllocator
    THAllocator THMapAllocator
    ctypedef struct THForeignContext:
        pass
    THForeignContext *THForeignContext_new(void (*release)(void *owner) noexcept, void *owner)
    void THFree(void *ptr)

    ctypedef struct THMapContext:
        pass
    int TH_MAP_SHARED, TH_MAP_SHM, TH_MAP_CREATE, TH_MAP_UNLINK_ON_FREE, TH_MAP_KEEP_FD
    int TH_MAP_FROM_FD
    THMapContext *THMapContext_new(const char *name, int flags)
    THMapContext *THMapContext_newFd(int fd, int flags)
    const char *THMapContext_name(THMapContext *ctx)
    int THMapContext_fd(THMapContext *ctx)
    ptrdiff_t THMapContext_size(THMapContext *ctx)
    void THMapContext_close(THMapContext *ctx)
    int THMapContext_unlink(THMapContext *ctx)
    void THMapContext_free(THMapContext *ctx)

    ctypedef struct THGenerator:
        pass
    THGenerator *THGenerator_new()
    void THGenerator_free(THGenerator *gen)
    void THGenerator_copy(THGenerator *dst, const THGenerator *src)
    void THRandom_manualSeed(THGenerator *gen, uint64_t seed)
    uint64_t THRandom_seed(THGenerator *gen)
    uint64_t THRandom_initialSeed(const THGenerator *gen)
    uint32_t THRandom_random(THGenerator *gen)
    double THRandom_standardUniform(THGenerator *gen)
    double THRandom_normal(THGenerator *gen, double mean, double stdv)
    size_t THGenerator_stateSize()
    void THGenerator_getState(const THGenerator *gen, unsigned char *buf)
    int THGenerator_setState(THGenerator *gen, const unsigned char *buf, size_t size)
