"""ptorch.utils.data: datasets, samplers, default_collate and the DataLoader with and
without worker processes (order, seeds, errors, dead workers, shutdown)."""
import collections
import io
import os
import pickle
import socket
import time

import numpy as np
import pytest

import ptorch
import ptorch.multiprocessing as mp
from ptorch.utils.data import (DataLoader, Dataset, TensorDataset, ConcatDataset,
                               SequentialSampler, RandomSampler, SubsetRandomSampler,
                               WeightedRandomSampler, BatchSampler, default_collate)
from ptorch.utils.data.dataloader import _tensor_dataset_batch
from common import raises

TIMEOUT = 20


def shm_files():
    return {n for n in os.listdir("/dev/shm") if n.startswith("ptorch_")}


@pytest.fixture(autouse=True)
def no_leaks():
    before = shm_files()
    yield
    import gc
    gc.collect()
    assert shm_files() <= before


def make_dataset(n=50):
    x = ptorch.FloatTensor(np.arange(2 * n, dtype=np.float32).reshape(n, 2))
    y = ptorch.LongTensor(list(range(n)))
    return TensorDataset(x, y)


def flat(batches):
    return sorted(i for _, y in batches for i in y.tolist())


# ---- datasets and samplers ----

def test_tensor_dataset():
    ds = make_dataset(5)
    assert len(ds) == 5
    x, y = ds[3]
    assert x.tolist() == [6.0, 7.0] and y == 3
    with raises(ValueError, "same size in dim 0, got 5 and 4"):
        TensorDataset(ptorch.FloatTensor(5, 2), ptorch.LongTensor(4))


def test_concat_dataset():
    a, b = make_dataset(3), make_dataset(4)
    c = a + b
    assert isinstance(c, ConcatDataset) and len(c) == 7
    assert c[3][1] == 0 and c[2][1] == 2 and c[-1][1] == 3
    with raises(IndexError, "out of range"):
        c[7]
    with raises(ValueError, "at least one"):
        ConcatDataset([])


def test_samplers():
    ds = list(range(10))
    assert list(SequentialSampler(ds)) == ds
    ptorch.manual_seed(1)
    p1 = list(RandomSampler(ds))
    ptorch.manual_seed(1)
    assert list(RandomSampler(ds)) == p1 and sorted(p1) == ds and len(RandomSampler(ds)) == 10
    sub = list(SubsetRandomSampler([2, 4, 6]))
    assert sorted(sub) == [2, 4, 6]
    w = list(WeightedRandomSampler([0, 1, 0, 3], 50))
    assert len(w) == 50 and set(w) <= {1, 3}
    assert sorted(WeightedRandomSampler([1, 1, 1], 3, replacement=False)) == [0, 1, 2]
    with raises(ValueError, "positive integer"):
        WeightedRandomSampler([1, 2], 0)
    with raises(ValueError, "non-negative"):
        WeightedRandomSampler([1, -2], 3)
    with raises(ValueError, "without replacement"):
        WeightedRandomSampler([1, 0], 2, replacement=False)
    assert list(BatchSampler(range(7), 3, False)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(BatchSampler(range(7), 3, True)) == [[0, 1, 2], [3, 4, 5]]
    assert len(BatchSampler(range(7), 3, False)) == 3 and len(BatchSampler(range(7), 3, True)) == 2
    with raises(ValueError, "positive integer"):
        BatchSampler(range(3), 0, False)


# ---- collate ----

def test_collate_types():
    b = default_collate([ptorch.FloatTensor([1, 2]), ptorch.FloatTensor([3, 4])])
    assert type(b) is ptorch.FloatTensor and b.tolist() == [[1, 2], [3, 4]]
    t = ptorch.DoubleTensor([[1, 2], [3, 4]]).t()  # non-contiguous entries
    assert default_collate([t, t]).tolist() == [[[1, 3], [2, 4]]] * 2
    assert default_collate([1, 2]).tolist() == [1, 2]
    assert type(default_collate([1])) is ptorch.LongTensor
    assert type(default_collate([1.5, 2.0])) is ptorch.DoubleTensor
    assert default_collate(["a", "b"]) == ["a", "b"]
    d = default_collate([{"x": 1, "y": "a"}, {"x": 2, "y": "b"}])
    assert d["x"].tolist() == [1, 2] and d["y"] == ["a", "b"]
    s = default_collate([(1, ptorch.IntTensor([1])), (2, ptorch.IntTensor([2]))])
    assert s[0].tolist() == [1, 2] and s[1].tolist() == [[1], [2]]
    a = default_collate([np.array([1, 2], dtype=np.int16), np.array([3, 4], dtype=np.int16)])
    assert type(a) is ptorch.ShortTensor and a.tolist() == [[1, 2], [3, 4]]
    sc = default_collate([np.float32(1.5), np.float32(2.5)])
    assert type(sc) is ptorch.FloatTensor and sc.tolist() == [1.5, 2.5]
    od = default_collate([collections.OrderedDict(a=1.0)] * 2)
    assert od["a"].tolist() == [1.0, 1.0]


def test_collate_errors():
    with raises(RuntimeError, r"same size, but got \[3\] at entry 0 and \[4\] at entry 1"):
        default_collate([ptorch.FloatTensor(3), ptorch.FloatTensor(4)])
    with raises(TypeError, "mixes tensor types"):
        default_collate([ptorch.FloatTensor(3), ptorch.DoubleTensor(3)])
    with raises(RuntimeError, "same length"):
        default_collate([[1, 2], [1]])
    with raises(TypeError, "found object"):
        default_collate([object()])
    with raises(ValueError, "empty"):
        default_collate([])


# ---- DataLoader ----

def test_loader_basics():
    ds = make_dataset(10)
    dl = DataLoader(ds, batch_size=3)
    assert len(dl) == 4
    batches = list(dl)
    assert [b[1].tolist() for b in batches] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert batches[0][0].tolist() == [[0, 1], [2, 3], [4, 5]]
    assert len(DataLoader(ds, batch_size=3, drop_last=True)) == 3
    assert len(list(DataLoader(ds, batch_size=3, drop_last=True))) == 3
    bs = BatchSampler(SequentialSampler(ds), 4, False)
    assert [b[1].tolist() for b in DataLoader(ds, batch_sampler=bs)][-1] == [8, 9]
    with raises(ValueError, "mutually exclusive"):
        DataLoader(ds, batch_sampler=bs, batch_size=2)
    with raises(ValueError, "mutually exclusive"):
        DataLoader(ds, sampler=SequentialSampler(ds), shuffle=True)
    with raises(ValueError, "num_workers"):
        DataLoader(ds, num_workers=-1)
    with raises(ValueError, "timeout"):
        DataLoader(ds, timeout=-1)


@pytest.mark.parametrize("num_workers", [0, 3])
def test_same_batches_with_seed(num_workers):
    ds = make_dataset(40)
    runs = []
    for _ in range(2):
        ptorch.manual_seed(7)
        runs.append([b[1].tolist() for b in DataLoader(ds, batch_size=5, shuffle=True,
                                                       num_workers=num_workers)])
    assert runs[0] == runs[1]
    assert sorted(sum(runs[0], [])) == list(range(40))
    assert sum(runs[0], []) != list(range(40))


def test_workers_match_main_process():
    ds = make_dataset(37)
    ptorch.manual_seed(3)
    main = list(DataLoader(ds, batch_size=4, shuffle=True))
    ptorch.manual_seed(3)
    with pytest.warns(UserWarning, match="pin_memory=True has no effect"):
        loader = DataLoader(ds, batch_size=4, shuffle=True, num_workers=2, pin_memory=True)
    workers = list(loader)
    assert flat(main) == flat(workers) == list(range(37))
    assert [b[1].tolist() for b in main] == [b[1].tolist() for b in workers]
    assert all(x.tolist() == y.tolist() for (x, _), (y, _) in zip(main, workers))
    assert workers[0][0].is_shared() and not main[0][0].is_shared()


def test_workers_with_file_system_strategy():
    old = mp.get_sharing_strategy()
    mp.set_sharing_strategy("file_system")
    try:
        batches = list(DataLoader(make_dataset(20), batch_size=3, num_workers=2))
        assert flat(batches) == list(range(20))
        del batches
    finally:
        mp.set_sharing_strategy(old)


class SeedDataset(Dataset):
    def __len__(self):
        return 8

    def __getitem__(self, i):
        return (ptorch.initial_seed(), int(np.random.randint(0, 2 ** 31)), os.getpid())


def test_worker_seeds_differ():
    ptorch.manual_seed(11)
    out = list(DataLoader(SeedDataset(), batch_size=2, num_workers=4))
    per_worker = {}
    for seeds, np_draws, pids in out:
        per_worker[pids.tolist()[0]] = (seeds.tolist()[0], np_draws.tolist()[0])
    assert len(per_worker) == 4
    assert len({s for s, _ in per_worker.values()}) == 4
    assert len({d for _, d in per_worker.values()}) == 4
    ptorch.manual_seed(11)
    again = list(DataLoader(SeedDataset(), batch_size=2, num_workers=4))
    assert [b[0].tolist() for b in again] == [b[0].tolist() for b in out]


def test_worker_init_fn():
    seen = DataLoader(SeedDataset(), batch_size=4, num_workers=2,
                      worker_init_fn=lambda i: ptorch.manual_seed(100 + i))
    assert sorted(set(sum((b[0].tolist() for b in seen), []))) == [100, 101]


class Failing(Dataset):
    def __len__(self):
        return 10

    def __getitem__(self, i):
        if i == 6:
            raise ValueError(f"bad sample {i}")
        return i


def test_worker_exception_reaches_parent():
    with raises(ValueError, "(?s)worker process 1.*Traceback.*__getitem__.*bad sample 6"):
        list(DataLoader(Failing(), batch_size=2, num_workers=2))
    with raises(ValueError, "bad sample 6"):
        list(DataLoader(Failing(), batch_size=2))


class Killing(Dataset):
    def __init__(self, sig):
        self.sig = sig

    def __len__(self):
        return 10

    def __getitem__(self, i):
        if i == 4:
            import faulthandler
            faulthandler.disable()  # no stack dump on stderr for the SIGSEGV case
            os.kill(os.getpid(), self.sig)
        return i


@pytest.mark.parametrize("sig,name", [(9, "SIGKILL"), (11, "SIGSEGV")])
def test_dead_worker_raises(sig, name):
    start = time.monotonic()
    with raises(RuntimeError, f"exited unexpectedly.*{name}"):
        list(DataLoader(Killing(sig), batch_size=2, num_workers=2))
    assert time.monotonic() - start < TIMEOUT


class Slow(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        time.sleep(5 if i == 2 else 0)
        return i


def test_timeout():
    it = iter(DataLoader(Slow(), batch_size=1, num_workers=1, timeout=0.3))
    assert next(it).tolist() == [0] and next(it).tolist() == [1]
    start = time.monotonic()
    with raises(RuntimeError, "timed out after 0.3 seconds"):
        next(it)
    assert time.monotonic() - start < 3
    assert not any(w.is_alive() for w in it.workers)


def test_break_early_shuts_down():
    it = iter(DataLoader(make_dataset(100), batch_size=2, num_workers=3))
    next(it)
    workers = it.workers
    assert all(w.is_alive() for w in workers)
    start = time.monotonic()
    del it
    assert not any(w.is_alive() for w in workers)
    assert time.monotonic() - start < TIMEOUT


def test_sampler_longer_than_dataset():
    ds = make_dataset(5)
    sampler = WeightedRandomSampler([1] * 5, 23)
    dl = DataLoader(ds, batch_size=4, sampler=sampler, num_workers=2)
    assert len(dl) == 6
    batches = list(dl)
    assert len(batches) == 6 and sum(len(b[1]) for b in batches) == 23
    assert set(flat(batches)) <= set(range(5))


# ---- the batched TensorDataset path (one index_select per tensor) ----

def per_sample(batch):
    """default_collate behind another function: the DataLoader goes sample by sample."""
    return default_collate(batch)


def same_batches(a, b):
    assert len(a) == len(b)
    for xa, xb in zip(a, b):
        assert type(xa) is type(xb) is list and len(xa) == len(xb) == 2
        for ta, tb in zip(xa, xb):
            assert type(ta) is type(tb)
            assert tuple(ta.size()) == tuple(tb.size())
            assert ta.is_contiguous() and tb.is_contiguous()
            na, nb = ta.numpy(), tb.numpy()
            assert na.tobytes() == nb.tobytes()  # bit for bit (NaNs included)


def loaders(ds, num_workers=0, **kw):
    out = []
    for collate in (default_collate, per_sample):
        ptorch.manual_seed(5)
        out.append(list(DataLoader(ds, collate_fn=collate, num_workers=num_workers, **kw)))
    return out


REALS_NO_HALF = ["Double", "Float", "Long", "Int", "Short", "Char", "Byte"]


@pytest.mark.parametrize("data_real", REALS_NO_HALF)
@pytest.mark.parametrize("target_real", REALS_NO_HALF)
def test_batched_path_matches_per_sample(data_real, target_real):
    cls, tcls = getattr(ptorch, data_real + "Tensor"), getattr(ptorch, target_real + "Tensor")
    x = cls(np.arange(23 * 6).reshape(23, 3, 2) % 100)
    y = tcls(np.arange(23) % 50)
    fast, slow = loaders(TensorDataset(x, y), batch_size=4, shuffle=True)
    same_batches(fast, slow)
    assert _tensor_dataset_batch(TensorDataset(x, y), [3, 1]) is not None  # the batched path
    # 1-d samples are numbers: a LongTensor or a DoubleTensor of them, as per sample
    assert type(fast[0][1]) is (ptorch.DoubleTensor if target_real in ("Float", "Double")
                                else ptorch.LongTensor)


def test_batched_path_geometries():
    base = ptorch.FloatTensor(np.random.RandomState(0).randn(4, 30).astype(np.float32))
    base[1][2] = float("nan")
    y2 = ptorch.LongTensor(np.arange(60).reshape(30, 2))
    for x in (base.t(), base.t()[5:], base[0], base.t().contiguous()[3:],
              base.t().contiguous().view(30, 2, 2)):
        n = x.size(0)
        ds = TensorDataset(x, y2[:n] if n == 30 else y2[:n].t().contiguous().t())
        for kw in (dict(batch_size=7, shuffle=True), dict(batch_size=30), dict(batch_size=1),
                   dict(batch_size=4, drop_last=True)):
            same_batches(*loaders(ds, **kw))


def test_batched_path_in_workers():
    x = ptorch.DoubleTensor(np.arange(50 * 3, dtype=np.float64).reshape(50, 3)).t().t()
    y = ptorch.IntTensor(list(range(50)))
    fast, slow = loaders(TensorDataset(x, y), num_workers=2, batch_size=6, shuffle=True)
    same_batches(fast, slow)
    assert all(t.is_shared() for b in fast for t in b)
    main = loaders(TensorDataset(x, y), batch_size=6, shuffle=True)[0]
    same_batches(fast, main)


class Reversed(BatchSampler):
    """Negative indices: the per-sample path wraps them."""

    def __iter__(self):
        for b in super().__iter__():
            yield [-1 - i for i in b]


def test_batched_path_falls_back():
    ds = make_dataset(9)
    fast, slow = loaders(ds, batch_sampler=Reversed(SequentialSampler(ds), 4, False))
    same_batches(fast, slow)
    assert fast[0][1].tolist() == [8, 7, 6, 5]
    assert _tensor_dataset_batch(ds, [-1]) is None and _tensor_dataset_batch(ds, [9]) is None
    # numpy integer indices, and booleans (ints)
    fast, slow = loaders(ds, batch_sampler=[[np.int32(2), np.int64(0)], [True, 3]])
    same_batches(fast, slow)
    assert fast[1][1].tolist() == [1, 3]
    with raises(IndexError, "index 9 is out of range for dimension 0 with size 9"):
        list(DataLoader(ds, batch_sampler=[[1, 9]]))
    with raises(ValueError, "empty"):
        list(DataLoader(ds, batch_sampler=[[]]))
    with raises(TypeError, "indexing a tensor with an object of type float"):
        list(DataLoader(ds, batch_sampler=[[1.5]]))
    half = TensorDataset(ptorch.HalfTensor(4, 2).fill_(1.5), ptorch.HalfTensor(4).fill_(2))
    b = next(iter(DataLoader(half, batch_size=3)))
    assert type(b[0]) is ptorch.HalfTensor and b[0].tolist() == [[1.5, 1.5]] * 3
    assert type(b[1]) is ptorch.DoubleTensor and b[1].tolist() == [2.0] * 3

    class Doubled(TensorDataset):
        def __getitem__(self, i):
            x, y = super().__getitem__(i)
            return x, 2 * y
    b = next(iter(DataLoader(Doubled(ds.data_tensor, ds.target_tensor), batch_size=3)))
    assert b[1].tolist() == [0, 2, 4]


def test_batch_sampler_exact_multiple():
    assert list(BatchSampler(range(6), 3, False)) == [[0, 1, 2], [3, 4, 5]]
    assert list(BatchSampler(iter(range(2)), 3, True)) == []
    assert list(BatchSampler(range(0), 3, False)) == []


# ---- batches' shared memory sent on the workers' own sockets ----

def open_fds():
    return len(os.listdir("/proc/self/fd"))


class ManyTensors(Dataset):
    """Samples of 260 small tensors: more storages than one message carries."""

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return {k: ptorch.LongTensor([i, k]) for k in range(260)}


def views_collate(batch):
    t = default_collate(batch)
    return [t, t[1:], t.storage()]  # one storage, three times


def test_batches_by_descriptor():
    ds = make_dataset(30)
    before = open_fds()
    for _ in range(2):
        batches = list(DataLoader(ds, batch_size=4, shuffle=True, num_workers=2))
        assert flat(batches) == list(range(30))
        assert all(x.is_shared() and x.storage()._shared_fd() >= 0 for x, _ in batches)
        del batches
    import gc
    gc.collect()
    assert open_fds() <= before
    (b,) = list(DataLoader(ManyTensors(), batch_size=2, num_workers=1))
    assert len(b) == 260 and b[259].tolist() == [[0, 259], [1, 259]]
    out = list(DataLoader(list(range(6)), batch_size=3, num_workers=2, collate_fn=views_collate))
    for t, v, st in out:
        assert t.storage().data_ptr() == v.storage().data_ptr() == st.data_ptr()
        t[2] = 100
        assert v.tolist()[1] == 100
    assert [o[0].tolist()[:2] for o in out] == [[0, 1], [3, 4]]


def test_batches_by_descriptor_pickle_round_trip():
    from ptorch.utils.data.dataloader import _pickle_batch, _unpickle_batch, _close_fds
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        t = ptorch.FloatTensor([1, 2, 3]).share_memory_()
        body, n = _pickle_batch((7, [t, t[1:], "x"]), b)
        assert n == 1
        _, fds, _, _ = socket.recv_fds(a, 1, n)
        idx, (u, v, x) = _unpickle_batch(body, fds)
        _close_fds(fds)
        assert idx == 7 and x == "x" and u.tolist() == [1, 2, 3] and v.tolist() == [2, 3]
        u[1] = 9
        assert t[1] == 9 and v[0] == 9  # the same memory
        body, n = _pickle_batch([1, "a"], b)
        assert n == 0 and _unpickle_batch(body, []) == [1, "a"]

        class P(pickle.Pickler):
            def persistent_id(self, o):
                return ("nope",) if o == "s" else None
        buf = io.BytesIO()
        P(buf).dump(["s"])
        with raises(pickle.UnpicklingError, "bad persistent id"):
            _unpickle_batch(buf.getvalue(), [-1])
    finally:
        a.close()
        b.close()
