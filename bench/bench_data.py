"""Benchmark rows for processes, data loading and persistence (registered in bench/run.py):
DataLoader epochs with 0 and 2 workers, sending a tensor to a child process (1 MB and
100 MB: with shared memory the time must not grow with the size), and save+load of a
100 MB tensor to a file (the numpy column writes and reads the same bytes raw: the disk's
throughput)."""
import atexit
import os
import shutil
import tempfile

import numpy as np

import ptorch
from run import row, torch

N_IMAGES, N_FEATURES, BATCH = 60000, 784, 64
BIG = 25 * 1024 * 1024  # floats: 100 MB
TMP = tempfile.mkdtemp(prefix="ptorch-bench-")
atexit.register(shutil.rmtree, TMP, ignore_errors=True)


def _lib(fw):
    return ptorch if fw == "ptorch" else torch


def _loader_epoch(fw, workers):
    if fw == "numpy":
        return None
    lib = _lib(fw)
    import importlib
    data = importlib.import_module(lib.__name__ + ".utils.data")
    x = lib.from_numpy(np.ones((N_IMAGES, N_FEATURES), np.float32))
    y = lib.from_numpy(np.zeros(N_IMAGES, np.int64))
    loader = data.DataLoader(data.TensorDataset(x, y), batch_size=BATCH, shuffle=True,
                             num_workers=workers)
    return lambda: sum(1 for _ in loader)


row("DataLoader epoch 60000x784, batch 64, 0 workers")(lambda fw: _loader_epoch(fw, 0))
row("DataLoader epoch 60000x784, batch 64, 2 workers")(lambda fw: _loader_epoch(fw, 2))


def _echo(q, r):
    for t in iter(q.get, None):
        r.put(t.numel())


def _send(fw, numel):
    """Ten round trips of a tensor to a child process and back (the child returns its size)."""
    if fw == "numpy":
        return None
    lib = _lib(fw)
    mp = lib.multiprocessing
    ctx = mp.get_context("fork")
    t = lib.FloatTensor(numel).fill_(1)
    t.share_memory_()

    def run():
        q, r = ctx.SimpleQueue(), ctx.SimpleQueue()
        p = ctx.Process(target=_echo, args=(q, r))
        p.start()
        for _ in range(10):
            q.put(t)
            r.get()
        q.put(None)
        p.join()
    return run


row("send a 1 MB tensor to a child, 10 times")(lambda fw: _send(fw, 256 * 1024))
row("send a 100 MB tensor to a child, 10 times")(lambda fw: _send(fw, BIG))


@row("save+load a 100 MB tensor (file)", "GB/s", 2 * 4 * BIG)
def save_load(fw):
    path = os.path.join(TMP, f"{fw}.bin")
    if fw == "numpy":
        a = np.ones(BIG, np.float32)

        def raw():
            with open(path, "wb") as f:
                a.tofile(f)
                f.flush()
            np.fromfile(path, dtype=np.float32)
        return raw
    lib = _lib(fw)
    t = lib.FloatTensor(BIG).fill_(1)

    def run():
        lib.save(t, path)
        lib.load(path)
    return run
