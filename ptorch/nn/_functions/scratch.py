"""Scratch tensors for the kernels' work buffers (the convolutions' unfolded columns), kept
per thread and tensor type between calls. A fresh buffer of several MiB costs the kernel a
page fault and a zero-fill per page on every call, which for a mid-sized convolution is as
much time as the unfolding itself; reusing it costs nothing. Buffers above KEEP_BYTES are
dropped after the call, so one huge convolution does not pin its memory for good."""
import threading
from contextlib import contextmanager

KEEP_BYTES = 256 << 20

_local = threading.local()


@contextmanager
def scratch(like, count):
    """Yields `count` tensors of like's type that the kernels may resize and overwrite."""
    cache = getattr(_local, "bufs", None)
    if cache is None:
        cache = _local.bufs = {}
    key = type(like)
    bufs = cache.get(key)
    if bufs is None or len(bufs) < count:
        bufs = cache[key] = [like.new() for _ in range(count)]
    try:
        yield bufs[:count]
    finally:
        for i in range(count):
            if bufs[i].numel() * bufs[i].element_size() > KEEP_BYTES:
                bufs[i] = like.new()
