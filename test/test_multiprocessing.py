"""ptorch.multiprocessing: tensors shared with child processes by both strategies, views,
no shared-memory file left behind (also when a child is killed), fork safety."""
import os
import signal

import numpy as np
import pytest

import ptorch
import ptorch.multiprocessing as mp
from ptorch import _C
from common import ALL_REALS, raises, tensor_class

CTX = mp.get_context("fork")
TIMEOUT = 20
STRATEGIES = ["file_descriptor", "file_system"]


def shm_files():
    return {n for n in os.listdir("/dev/shm") if n.startswith("ptorch_")}


@pytest.fixture(autouse=True)
def no_leaks():
    before = shm_files()
    old = mp.get_sharing_strategy()
    yield
    mp.set_sharing_strategy(old)
    import gc
    gc.collect()
    assert shm_files() <= before, f"left in /dev/shm: {sorted(shm_files() - before)}"


@pytest.fixture(params=STRATEGIES)
def strategy(request):
    mp.set_sharing_strategy(request.param)
    return request.param


def _join(p):
    p.join(TIMEOUT)
    if p.is_alive():
        p.kill()
        p.join()
        pytest.fail("child process did not finish in time")
    assert p.exitcode == 0


def _writer(q, done):
    for t, value in iter(q.get, None):
        t.fill_(value)
    done.wait(TIMEOUT)


def test_child_writes_parent_sees(strategy):
    q, done = CTX.SimpleQueue(), CTX.Event()
    p = CTX.Process(target=_writer, args=(q, done))
    p.start()
    tensors = [tensor_class(r)(3, 2).zero_() for r in ALL_REALS]
    for t in tensors:
        q.put((t, 7))
    q.put(None)
    done.set()
    _join(p)
    for r, t in zip(ALL_REALS, tensors):
        assert t.is_shared(), r
        assert t.tolist() == [[7, 7], [7, 7], [7, 7]], r


def _view_writer(q, r, done):
    a, b = q.get()
    a.fill_(3)  # a and b view one storage: b must see it
    r.put((b.tolist(), a.storage().data_ptr() == b.storage().data_ptr()))
    done.wait(TIMEOUT)


def test_views_share_one_storage(strategy):
    q, r, done = CTX.SimpleQueue(), CTX.SimpleQueue(), CTX.Event()
    p = CTX.Process(target=_view_writer, args=(q, r, done))
    p.start()
    base = ptorch.DoubleTensor(4, 3).zero_()
    q.put((base.select(0, 1), base.t()))
    seen, same_storage = r.get()
    done.set()
    _join(p)
    assert same_storage
    assert seen[1] == [0.0, 3.0, 0.0, 0.0]
    assert base.tolist()[1] == [3.0, 3.0, 3.0]
    assert base.tolist()[0] == [0.0, 0.0, 0.0]


def _echo(q, r, done):
    s = q.get()
    s.fill_(s[0] + 1)
    r.put(s)
    done.wait(TIMEOUT)


def test_round_trip_and_storage(strategy):
    q, r, done = CTX.SimpleQueue(), CTX.SimpleQueue(), CTX.Event()
    p = CTX.Process(target=_echo, args=(q, r, done))
    p.start()
    s = ptorch.FloatStorage([5.0, 5.0])
    q.put(s)
    back = r.get()
    done.set()
    _join(p)
    assert s.tolist() == [6.0, 6.0]
    assert back.tolist() == [6.0, 6.0]
    back[0] = 9
    assert s[0] == 9.0
    assert s.is_shared() and back.is_shared()


def test_share_memory_in_place(strategy):
    t = ptorch.FloatTensor([[1, 2], [3, 4]])
    v = t.t()
    assert not t.is_shared()
    assert t.share_memory_() is t
    assert t.is_shared() and v.is_shared()
    assert v.tolist() == [[1, 3], [2, 4]]
    v[0, 1] = 8
    assert t.tolist() == [[1, 2], [8, 4]]
    before = t.data_ptr()
    t.share_memory_()
    assert t.data_ptr() == before


def test_share_refused_while_exported(strategy):
    t = ptorch.FloatTensor([1, 2, 3])
    view = memoryview(t.storage())
    with raises(RuntimeError, "exported"):
        t.share_memory_()
    view.release()
    t.share_memory_()
    assert t.is_shared()


def _sleeper(q, r):
    t = q.get()
    r.put(t.tolist())
    signal.pause()


def test_killed_child_leaves_no_file(strategy):
    q, r = CTX.SimpleQueue(), CTX.SimpleQueue()
    p = CTX.Process(target=_sleeper, args=(q, r))
    p.start()
    t = ptorch.FloatTensor([1, 2, 3]).share_memory_()
    q.put(t)
    assert r.get() == [1.0, 2.0, 3.0]
    p.kill()
    p.join(TIMEOUT)
    assert p.exitcode == -signal.SIGKILL
    del t  # the no_leaks fixture checks /dev/shm


def test_empty_tensor_travels(strategy):
    q, r, done = CTX.SimpleQueue(), CTX.SimpleQueue(), CTX.Event()
    p = CTX.Process(target=_echo_plain, args=(q, r, done))
    p.start()
    q.put(ptorch.FloatTensor())
    back = r.get()
    done.set()
    _join(p)
    assert back.dim() == 0


def _echo_plain(q, r, done):
    r.put(q.get())
    done.wait(TIMEOUT)


def test_strategies():
    assert mp.get_all_sharing_strategies() == {"file_descriptor", "file_system"}
    assert mp.get_sharing_strategy() == "file_descriptor"
    mp.set_sharing_strategy("file_system")
    assert mp.get_sharing_strategy() == "file_system"
    with raises(ValueError, "unknown sharing strategy"):
        mp.set_sharing_strategy("carrier_pigeon")
    assert mp.Process is not None and mp.Queue is not None


def test_sender_gone_error():
    mp.set_sharing_strategy("file_descriptor")
    q = CTX.SimpleQueue()
    p = CTX.Process(target=lambda: q.put(ptorch.FloatTensor([1, 2])))
    p.start()
    p.join(TIMEOUT)
    with raises(RuntimeError, "sending process must stay alive"):
        q.get()


def test_from_file(tmp_path):
    fn = str(tmp_path / "data.bin")
    s = ptorch.DoubleStorage.from_file(fn, True, 4)
    s[2] = 2.5
    del s
    assert np.fromfile(fn, dtype=np.float64).tolist() == [0.0, 0.0, 2.5, 0.0]
    private = ptorch.DoubleStorage.from_file(fn)
    assert private.size() == 4
    private[0] = 1.0  # copy-on-write: the file does not change
    del private
    assert np.fromfile(fn, dtype=np.float64)[0] == 0.0
    assert ptorch.ByteStorage.from_file(fn, False, 32).size() == 32
    with raises(RuntimeError, "fewer than"):
        ptorch.DoubleStorage.from_file(fn, False, 8)
    with raises(RuntimeError, "could not open"):
        ptorch.FloatStorage.from_file(str(tmp_path / "missing"), False, 0)


def _parallel_work(r):
    t = ptorch.FloatTensor(10_000_000)
    t.fill_(2)
    u = ptorch.FloatTensor(10_000_000).copy_(t)
    r.put(u[9_999_999])


def test_fork_after_parallel_work():
    big = ptorch.FloatTensor(10_000_000).fill_(1)
    ptorch.FloatTensor(10_000_000).copy_(big)
    r = CTX.SimpleQueue()
    procs = [CTX.Process(target=_parallel_work, args=(r,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        _join(p)
    assert [r.get() for _ in procs] == [2.0, 2.0, 2.0]
    assert big.fill_(3)[0] == 3.0  # and the parent's own parallel loops still run


def test_out_of_shared_memory_is_an_error_not_a_bus_error():
    before = set(os.listdir("/dev/shm"))
    flags = _C.MAP_SHM | _C.MAP_CREATE | _C.MAP_SHARED | _C.MAP_UNLINK_ON_FREE
    with raises(MemoryError, r"not enough shared memory for 17592186044416 bytes.*shm-size"):
        ptorch.ByteStorage._new_mapped("/ptorch_test_oom", flags, 1 << 44)
    assert set(os.listdir("/dev/shm")) <= before  # the failed segment was unlinked
