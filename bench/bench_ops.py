"""Tensor-op benchmark rows: per-op overhead, element-wise bandwidth, reductions, GEMM."""
import numpy as np

import ptorch
from run import row, torch

N_BIG = 10_000_000


def _pair(fw, shape, dtype=np.float32):
    rng = np.random.default_rng(0)
    a = rng.standard_normal(shape).astype(dtype)
    b = rng.standard_normal(shape).astype(dtype)
    if fw == "ptorch":
        return ptorch.from_numpy(a), ptorch.from_numpy(b)
    if fw == "torch":
        return torch.from_numpy(a), torch.from_numpy(b)
    return a, b


@row("a + b, 1 element")
def add_tiny(fw):
    a, b = _pair(fw, (1,))
    return lambda: a + b


@row("a.add_(b), 1 element")
def add_inplace_tiny(fw):
    a, b = _pair(fw, (1,))
    if fw == "numpy":
        return lambda: np.add(a, b, out=a)
    return lambda: a.add_(b)


@row("a + b, 10M floats (new output)", "GB/s", 3 * 4 * N_BIG)
def add_big(fw):
    a, b = _pair(fw, (N_BIG,))
    return lambda: a + b


@row("add(a, b, out=c), 10M floats", "GB/s", 3 * 4 * N_BIG)
def add_big_out(fw):
    a, b = _pair(fw, (N_BIG,))
    if fw == "numpy":
        c = np.empty_like(a)
        return lambda: np.add(a, b, out=c)
    lib = ptorch if fw == "ptorch" else torch
    c = a.clone()
    return lambda: lib.add(a, b, out=c)


@row("a.mul_(b), 10M floats", "GB/s", 3 * 4 * N_BIG)
def mul_big_inplace(fw):
    a, b = _pair(fw, (N_BIG,))
    if fw == "numpy":
        return lambda: np.multiply(a, b, out=a)
    return lambda: a.mul_(b)


@row("a.copy_(b.t()), 4000x2500 floats", "GB/s", 2 * 4 * N_BIG)
def copy_transposed(fw):
    a, b = _pair(fw, (4000, 2500))
    _, bt = _pair(fw, (2500, 4000))
    if fw == "numpy":
        return lambda: np.copyto(a, bt.T)
    return lambda: a.copy_(bt.t())


def _reduction(fw, op, dim):
    a, _ = _pair(fw, (4000, 2500))
    if fw == "numpy":
        f = {"sum": np.sum, "mean": np.mean, "max": np.max}[op]
        return lambda: f(a, axis=dim) if dim is not None else f(a)
    if dim is None:
        return lambda: getattr(a, op)()
    return lambda: getattr(a, op)(dim)


for _op in ("sum", "mean", "max"):
    for _dim in (None, 0, 1):
        row(f"{_op}({'' if _dim is None else 'dim=%d' % _dim}) of 4000x2500 floats", "GB/s",
            4 * N_BIG)(lambda fw, op=_op, dim=_dim: _reduction(fw, op, dim))


@row("mm 2048x2048 float32", "GFLOP/s", 2 * 2048 ** 3)
def sgemm(fw):
    a, b = _pair(fw, (2048, 2048))
    if fw == "numpy":
        return lambda: a @ b
    return lambda: a.mm(b)
