"""Module.share_memory and Hogwild training: parameters, gradients and buffers moved into
shared memory in place; two forked processes running SGD on one shared model train it for
the parent; no shared-memory file is left behind (both sharing strategies)."""
import gc
import os

import numpy as np
import pytest

import ptorch
import ptorch.multiprocessing as mp
from ptorch import nn, optim
from ptorch.autograd import Variable

CTX = mp.get_context("fork")
TIMEOUT = 60
STEPS = 150
STRATEGIES = ["file_descriptor", "file_system"]


def shm_files():
    return {n for n in os.listdir("/dev/shm") if n.startswith("ptorch_")}


@pytest.fixture(autouse=True)
def no_leaks():
    before = shm_files()
    old = mp.get_sharing_strategy()
    yield
    mp.set_sharing_strategy(old)
    gc.collect()
    assert shm_files() <= before, f"left in /dev/shm: {sorted(shm_files() - before)}"


@pytest.fixture(params=STRATEGIES)
def strategy(request):
    mp.set_sharing_strategy(request.param)
    return request.param


def _data():
    """A synthetic regression task: y = X w + b (no noise)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 4)).astype(np.float32)
    y = (x @ np.array([1.5, -2.0, 0.5, 3.0], dtype=np.float32) + 0.7).reshape(-1, 1)
    return Variable(ptorch.FloatTensor(x)), Variable(ptorch.FloatTensor(y))


def _loss(model):
    x, y = _data()
    return float(((model(x) - y) ** 2).mean())


def _train(model, rank, steps):
    """One Hogwild worker: its own optimizer (and gradients), the shared weights."""
    x, y = _data()
    opt = optim.SGD(model.parameters(), lr=0.05)
    for i in range(steps):
        lo = (16 * (i + rank)) % 64
        xb, yb = x[lo:lo + 16], y[lo:lo + 16]
        opt.zero_grad()
        loss = ((model(xb) - yb) ** 2).mean()
        loss.backward()
        opt.step()


def _run_workers(model, n=2, steps=STEPS):
    procs = [CTX.Process(target=_train, args=(model, rank, steps)) for rank in range(n)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(TIMEOUT)
    for p in procs:
        if p.is_alive():
            p.kill()
            p.join()
            pytest.fail("a Hogwild worker did not finish in time")
    assert [p.exitcode for p in procs] == [0] * n


def test_share_memory_moves_parameters_grads_and_buffers(strategy):
    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3))
    model[0].weight.grad = Variable(ptorch.FloatTensor(3, 4).fill_(1))
    params = [p.data for p in model.parameters()]
    grad = model[0].weight.grad.data
    buffers = [model[1].running_mean, model[1].running_var]
    values = [t.clone() for t in params + [grad] + buffers]
    assert model.share_memory() is model
    # in place: the same tensor objects, now shared, with the same values
    assert [p.data for p in model.parameters()] == params
    assert model[0].weight.grad.data is grad
    assert [model[1].running_mean, model[1].running_var] == buffers
    for t, v in zip(params + [grad] + buffers, values):
        assert t.is_shared()
        assert t.equal(v)
    model.share_memory()  # a second call changes nothing
    assert all(p.data.is_shared() for p in model.parameters())
    del model, params, grad, buffers, t


def _fill_buffer(model):
    model[1].running_mean.fill_(5)
    model[0].bias.data.fill_(-1)


def test_child_writes_reach_the_parent(strategy):
    model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3)).share_memory()
    p = CTX.Process(target=_fill_buffer, args=(model,))
    p.start()
    p.join(TIMEOUT)
    assert not p.is_alive() and p.exitcode == 0
    assert model[1].running_mean.tolist() == [5, 5, 5]
    assert model[0].bias.data.tolist() == [-1, -1, -1]


def test_hogwild_two_workers_train_the_shared_model(strategy):
    ptorch.manual_seed(0)
    model = nn.Linear(4, 1)
    before = [p.data.clone() for p in model.parameters()]
    loss_before = _loss(model)
    model.share_memory()
    _run_workers(model)
    after = [p.data for p in model.parameters()]
    assert all(not a.equal(b) for a, b in zip(after, before))
    loss_after = _loss(model)
    assert loss_after < 0.05 * loss_before, (loss_before, loss_after)
    np.testing.assert_allclose(model.weight.data.numpy().ravel(), [1.5, -2.0, 0.5, 3.0],
                               atol=0.2)
    assert all(p.grad is None for p in model.parameters())  # gradients stayed in the workers


def test_without_share_memory_the_parent_sees_nothing():
    ptorch.manual_seed(0)
    model = nn.Linear(4, 1)
    before = [p.data.clone() for p in model.parameters()]
    _run_workers(model, n=1, steps=5)
    assert all(p.data.equal(b) for p, b in zip(model.parameters(), before))
