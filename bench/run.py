"""ptorch's benchmarks: each row times the same work in ptorch, NumPy and (when installed)
PyTorch in one run and prints the times and the ratios to ptorch. Run on a quiet machine:

    python bench/run.py [filter]        # e.g. `python bench/run.py gemm`

A row whose operation ptorch does not have yet prints n/a."""
import sys
import timeit


import ptorch

try:
    import torch
except ImportError:  # PyTorch is only a comparison, never a dependency
    torch = None

ROWS = []


def row(name, unit=None, work=None):
    """Registers a benchmark: fn(framework) returns a zero-argument callable (or None)."""
    def deco(fn):
        ROWS.append((name, fn, unit, work))
        return fn
    return deco


def calls_per_round(fn, min_time=0.04):
    """How many calls of fn make one timing round of at least min_time seconds."""
    fn()
    number = 1
    while timeit.timeit(fn, number=number) < min_time:
        number *= 4
    return number


def best_times(calls, rounds=7):
    """Seconds per call of each callable: the best of `rounds` timing rounds, taken in turns
    (one round of each framework, then the next round of each), so that a slow spell of the
    machine (another process, a cache left cold) costs every framework alike."""
    numbers = {k: calls_per_round(fn) for k, fn in calls.items()}
    best = {k: float("inf") for k in calls}
    for _ in range(rounds):
        for k, fn in calls.items():
            best[k] = min(best[k], timeit.timeit(fn, number=numbers[k]) / numbers[k])
    return best


def fmt_time(t):
    if t < 1e-6:
        return f"{t * 1e9:7.0f} ns"
    if t < 1e-3:
        return f"{t * 1e6:7.2f} us"
    return f"{t * 1e3:7.2f} ms"


def run(filter_text=""):
    import bench_ops  # noqa: F401 (registers rows)
    try:
        import bench_nn  # noqa: F401
    except ImportError:
        pass
    try:
        import bench_autograd  # noqa: F401
    except ImportError:
        pass
    try:
        import bench_data  # noqa: F401
    except ImportError:
        pass
    print(f"threads: ptorch {ptorch.get_num_threads()}"
          + (f", torch {torch.get_num_threads()} ({torch.__version__})" if torch else
             ", torch not installed"))
    header = f"{'benchmark':44s} {'ptorch':>11s} {'numpy':>11s} {'torch':>11s} " \
             f"{'np/pt':>6s} {'th/pt':>6s}  extra"
    print(header)
    print("-" * len(header))
    for name, fn, unit, work in ROWS:
        if filter_text not in name:
            continue
        calls = {}
        for fw in ("ptorch", "numpy", "torch"):
            if fw == "torch" and torch is None:
                continue
            try:
                call = fn(fw)
            except (AttributeError, TypeError, NotImplementedError):
                call = None
            if call is not None:
                try:
                    call()
                    calls[fw] = call
                except (AttributeError, TypeError, NotImplementedError, RuntimeError):
                    pass
        times = best_times(calls) if calls else {}
        pt = times.get("ptorch")
        cells = [fmt_time(times[f]) if f in times else "     n/a   "
                 for f in ("ptorch", "numpy", "torch")]
        ratios = [f"{times[f] / pt:6.2f}" if pt and f in times else "   n/a"
                  for f in ("numpy", "torch")]
        extra = ""
        if pt and unit and work:
            extra = f"ptorch {work / pt / 1e9:.1f} {unit}"
            if "torch" in times:
                extra += f", torch {work / times['torch'] / 1e9:.1f}"
            if "numpy" in times:
                extra += f", numpy {work / times['numpy'] / 1e9:.1f}"
        print(f"{name:44s} {cells[0]:>11s} {cells[1]:>11s} {cells[2]:>11s} "
              f"{ratios[0]} {ratios[1]}  {extra}")
    print("(ratios > 1 mean ptorch is faster)")


if __name__ == "__main__":
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    import run as bench_module  # the rows register into the importable module's table
    bench_module.run(sys.argv[1] if len(sys.argv) > 1 else "")
