"""Benchmarks of processes, data loading and persistence: DataLoader batches per second
(main process and workers), sending a tensor to a child through a queue, and save/load of
a large tensor; each against PyTorch when it is installed (ratios: ptorch time / torch time).
Run: python bench/bench_data.py [--quick]"""
import io
import sys
import time


def best_of(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def loader_epoch(lib, n, num_workers):
    data = lib.utils.data
    ds = data.TensorDataset(lib.FloatTensor(n, 3, 32, 32).fill_(1), lib.LongTensor(n).fill_(0))
    loader = data.DataLoader(ds, batch_size=64, shuffle=True, num_workers=num_workers)
    return lambda: sum(1 for _ in loader)


def queue_round_trip(lib, numel):
    mp = lib.multiprocessing
    ctx = mp.get_context("fork")
    t = lib.FloatTensor(numel).fill_(1)

    def run():
        q, r = ctx.SimpleQueue(), ctx.SimpleQueue()
        p = ctx.Process(target=_echo, args=(q, r))
        p.start()
        for _ in range(20):
            q.put(t)
            r.get()
        q.put(None)
        p.join()
    return run


def _echo(q, r):
    for t in iter(q.get, None):
        r.put(t.numel())


def save_load(lib, numel):
    t = lib.FloatTensor(numel).fill_(1)

    def run():
        buf = io.BytesIO()
        lib.save(t, buf)
        buf.seek(0)
        lib.load(buf)
    return run


def main():
    quick = "--quick" in sys.argv
    n = 2048 if quick else 16384
    import ptorch
    import ptorch.utils.data  # noqa: F401
    libs = {"ptorch": ptorch}
    try:
        import torch
        import torch.utils.data  # noqa: F401
        libs["torch"] = torch
    except ImportError:
        pass
    cases = [
        (f"DataLoader epoch, {n} images, 0 workers", lambda lib: loader_epoch(lib, n, 0)),
        (f"DataLoader epoch, {n} images, 2 workers", lambda lib: loader_epoch(lib, n, 2)),
        ("20 queue round trips of a 1M-float tensor", lambda lib: queue_round_trip(lib, 1 << 20)),
        ("save+load of a 25M-float tensor", lambda lib: save_load(lib, 25 << 20 >> 2 << 2)),
    ]
    print(f"{'case':48s} " + " ".join(f"{name:>10s}" for name in libs) + "   ratio")
    for title, make in cases:
        times = {name: best_of(make(lib)) for name, lib in libs.items()}
        ratio = f"{times['ptorch'] / times['torch']:.2f}" if "torch" in times else "-"
        print(f"{title:48s} " + " ".join(f"{t * 1e3:9.1f}ms" for t in times.values())
              + f"   {ratio}")


if __name__ == "__main__":
    main()
