"""How TH shares its threads with OpenBLAS and reuses large blocks: OpenBLAS's parallel jobs
run on TH's OpenMP team (or, inside a parallel region or a forked child, on threads started
for the call) and give the same products as NumPy from every thread count, from several
Python threads at once and in a forked child; freed blocks of 1 MiB and more come back for
the next request of their size; the convolutions' scratch buffers are reused per thread."""
import multiprocessing as mp
import threading

import numpy as np
import pytest

import ptorch
from ptorch import _C
import ptorch.nn.functional as F
from ptorch.autograd import Variable
from ptorch.nn._functions import scratch as scratch_mod


def _threads(n):
    """Context: ptorch runs with n threads inside, the previous count after."""
    class Ctx:
        def __enter__(self):
            self.saved = ptorch.get_num_threads()
            ptorch.set_num_threads(n)

        def __exit__(self, *exc):
            ptorch.set_num_threads(self.saved)
    return Ctx()


def _product_case(seed, m=300, k=200, n=400):
    rng = np.random.RandomState(seed)
    a, b = rng.randn(m, k), rng.randn(k, n)
    return a, b, a @ b


# ---- OpenBLAS's jobs on TH's threads ----

def test_openblas_jobs_run_on_the_openmp_team():
    installed, team0, _ = _C._blas_thread_stats()
    assert installed, "this OpenBLAS lacks openblas_set_threads_callback_function"
    a, b, want = _product_case(0)
    with _threads(2):
        got = ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    assert _C._blas_thread_stats()[1] > team0  # the GEMM's jobs went through the team


@pytest.mark.parametrize("threads", [1, 2, 3, 4])
def test_products_for_every_thread_count(threads):
    a, b, want = _product_case(threads)
    x = np.random.RandomState(9).randn(200)
    with _threads(threads):
        got = ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b)).numpy()
        f = ptorch.FloatTensor(a.astype(np.float32)).mm(ptorch.FloatTensor(b.astype(np.float32)))
        mv = ptorch.DoubleTensor(a).mv(ptorch.DoubleTensor(x)).numpy()
        inv = ptorch.DoubleTensor(a[:200, :200]).inverse().numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(f.numpy(), want, rtol=1e-3, atol=1e-3)
    np.testing.assert_allclose(mv, a @ x, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(inv @ a[:200, :200], np.eye(200), atol=1e-8)


def test_products_from_several_python_threads_at_once():
    # BLAS releases the GIL: four threads multiply at the same time, while a fifth runs a
    # convolution whose batch is split among the OpenMP threads (BLAS serial inside)
    cases = [_product_case(20 + i) for i in range(4)]
    results, errors = {}, []
    xa = np.random.RandomState(5).randn(8, 6, 10, 10)
    wa = np.random.RandomState(6).randn(7, 6, 3, 3)
    x, w = Variable(ptorch.DoubleTensor(xa)), Variable(ptorch.DoubleTensor(wa))
    conv_want = F.conv2d(x, w, padding=1).data.numpy()

    def multiply(i):
        try:
            a, b, _ = cases[i]
            ta, tb = ptorch.DoubleTensor(a), ptorch.DoubleTensor(b)
            results[i] = [ta.mm(tb).numpy() for _ in range(20)]
        except Exception as e:  # reported below
            errors.append(e)

    def convolve():
        try:
            results["conv"] = [F.conv2d(x, w, padding=1).data.numpy() for _ in range(20)]
        except Exception as e:
            errors.append(e)

    workers = [threading.Thread(target=multiply, args=(i,)) for i in range(4)]
    workers.append(threading.Thread(target=convolve))
    for t in workers:
        t.start()
    for t in workers:
        t.join(60)
    assert not any(t.is_alive() for t in workers), "a BLAS call hung"
    assert not errors
    for i in range(4):
        for got in results[i]:
            np.testing.assert_allclose(got, cases[i][2], rtol=1e-12, atol=1e-12)
    for got in results["conv"]:
        np.testing.assert_allclose(got, conv_want, rtol=1e-12, atol=1e-12)


def _child_work(q):
    # OpenMP's pool did not survive the fork: TH's loops stay serial whatever is set, and
    # BLAS's jobs run on threads started for each call
    ptorch.set_num_threads(2)
    threads = ptorch.get_num_threads()
    total = ptorch.FloatTensor(2000000).fill_(2).sum()  # a parallel-sized loop
    fresh = _C._blas_thread_stats()[2]
    a, b, want = _product_case(3)
    got = ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b)).numpy()
    q.put((threads, total, float(np.abs(got - want).max()), _C._blas_thread_stats()[2] - fresh))


def test_loops_and_products_in_a_forked_child():
    with _threads(2):
        a, b, _ = _product_case(4)
        ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b))  # the parent's team exists
        ptorch.FloatTensor(2000000).fill_(1).sum()
        ctx = mp.get_context("fork")
        q = ctx.Queue()
        p = ctx.Process(target=_child_work, args=(q,))
        p.start()
        try:
            threads, total, err, fresh_runs = q.get(timeout=60)
        finally:
            p.join(10)
            if p.is_alive():
                p.kill()
    assert p.exitcode == 0
    assert threads == 1 and total == 4000000
    assert err < 1e-10
    assert fresh_runs > 0


def test_serial_sections_nest_and_restore_blas_threads():
    # a convolution splits its batch among the threads with BLAS serial inside; BLAS gets
    # its thread count back afterwards, so the next large product still runs in parallel
    with _threads(2):
        x = Variable(ptorch.randn(4, 8, 12, 12))
        w = Variable(ptorch.randn(16, 8, 3, 3))
        F.conv2d(x, w, padding=1)
        team = _C._blas_thread_stats()[1]
        a, b, want = _product_case(7)
        got = ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b)).numpy()
        assert _C._blas_thread_stats()[1] > team
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


# ---- the default allocator's cache of large blocks ----

def test_freed_large_block_is_reused_for_the_same_size():
    _C._empty_allocator_cache()
    t = ptorch.FloatTensor(1 << 20)  # 4 MiB
    ptr = t.data_ptr()
    del t
    assert _C._allocator_cached_bytes() >= 4 << 20
    u = ptorch.FloatTensor(1 << 20).fill_(3)
    assert u.data_ptr() == ptr
    assert u.sum() == 3 * (1 << 20)
    assert _C._allocator_cached_bytes() == 0


def test_cache_serves_only_blocks_of_about_the_requested_size():
    _C._empty_allocator_cache()
    big = ptorch.FloatTensor(4 << 20)  # 16 MiB
    ptr = big.data_ptr()
    del big
    small = ptorch.FloatTensor(1 << 20)  # 4 MiB: the 16 MiB block is too large for it
    assert small.data_ptr() != ptr
    near = ptorch.FloatTensor((4 << 20) - 1000)  # a little smaller: served from the cache
    assert near.data_ptr() == ptr


def test_small_blocks_are_not_cached_and_cache_empties():
    _C._empty_allocator_cache()
    t = ptorch.FloatTensor(1000)
    del t
    assert _C._allocator_cached_bytes() == 0
    blocks = [ptorch.FloatTensor(1 << 19) for _ in range(40)]  # 40 x 2 MiB
    del blocks
    held = _C._allocator_cached_bytes()
    assert 0 < held <= 16 * (2 << 20) + 16 * 4096  # at most 16 blocks are kept
    _C._empty_allocator_cache()
    assert _C._allocator_cached_bytes() == 0


def test_reused_block_holds_fresh_values():
    # a block handed out again is not assumed zero: zeros() and ones() fill it
    a = ptorch.FloatTensor(1 << 20).fill_(7)
    del a
    z = ptorch.zeros(1 << 20)
    assert z.abs().max() == 0
    del z
    o = ptorch.ones(1 << 20)
    assert o.min() == 1 and o.max() == 1


# ---- the convolutions' scratch buffers ----

def test_scratch_buffers_are_reused_per_thread_and_type():
    x = ptorch.FloatTensor(2, 3)
    with scratch_mod.scratch(x, 1) as (a,):
        a.resize_(1000)
        ptr = a.data_ptr()
    with scratch_mod.scratch(x, 1) as (b,):
        assert b.data_ptr() == ptr
    with scratch_mod.scratch(ptorch.DoubleTensor(1), 1) as (d,):
        assert isinstance(d, ptorch.DoubleTensor)
    seen = []

    def other_thread():
        with scratch_mod.scratch(x, 1) as (c,):
            seen.append(c.numel())
    t = threading.Thread(target=other_thread)
    t.start()
    t.join()
    assert seen == [0]  # another thread gets buffers of its own


def test_scratch_drops_buffers_above_the_limit(monkeypatch):
    monkeypatch.setattr(scratch_mod, "KEEP_BYTES", 4096)
    x = ptorch.FloatTensor(1)
    with scratch_mod.scratch(x, 1) as (a,):
        a.resize_(2048)  # 8 KiB: above the limit, not kept
    with scratch_mod.scratch(x, 1) as (b,):
        assert b.numel() == 0
        b.resize_(100)
    with scratch_mod.scratch(x, 1) as (c,):
        assert c.numel() == 100


def _child_multiplies(q):
    a, b, want = _product_case(11)
    got = ptorch.DoubleTensor(a).mm(ptorch.DoubleTensor(b)).numpy()
    q.put(float(np.abs(got - want).max()))


def test_fork_while_another_thread_multiplies():
    # the fork may land while the other thread holds the lock around OpenBLAS's jobs (or a
    # serial section is open): the child must still multiply
    stop = threading.Event()
    a, b, _ = _product_case(12, 400, 400, 400)
    ta, tb = ptorch.DoubleTensor(a), ptorch.DoubleTensor(b)
    x, w = Variable(ptorch.randn(4, 8, 12, 12)), Variable(ptorch.randn(16, 8, 3, 3))

    def busy():
        while not stop.is_set():
            ta.mm(tb)
            F.conv2d(x, w, padding=1)

    t = threading.Thread(target=busy)
    t.start()
    ctx = mp.get_context("fork")
    try:
        with _threads(2):
            for _ in range(16):  # most forks land inside a BLAS call of the other thread
                q = ctx.Queue()
                p = ctx.Process(target=_child_multiplies, args=(q,))
                p.start()
                try:
                    assert q.get(timeout=30) < 1e-10
                finally:
                    p.join(10)
                    if p.is_alive():
                        p.kill()
                assert p.exitcode == 0
    finally:
        stop.set()
        t.join(30)
