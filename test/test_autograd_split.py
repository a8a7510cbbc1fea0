"""split, chunk and unbind of Variables: one graph node for all pieces, whose backward
concatenates the pieces' gradients (zeros for unused pieces); differentiable twice."""
import numpy as np
import pytest

import ptorch
from ptorch.autograd import Variable, gradcheck, gradgradcheck

from common import raises


def var(shape, seed=0, requires_grad=True, volatile=False):
    a = np.random.default_rng(seed).uniform(-1, 1, shape)
    return Variable(ptorch.DoubleTensor(a), requires_grad=requires_grad, volatile=volatile)


CASES = [
    ("split", lambda a: a.split(2, 1), (3, 7)),
    ("split_neg_dim", lambda a: a.split(3, -2), (7, 2)),
    ("chunk", lambda a: a.chunk(3, 0), (7, 2)),
    ("unbind", lambda a: a.unbind(1), (2, 4, 3)),
    ("unbind_1d", lambda a: a.unbind(0), (5,)),
]


@pytest.mark.parametrize("name,fn,shape", CASES, ids=[c[0] for c in CASES])
def test_pieces_share_one_node(name, fn, shape):
    x = var(shape)
    pieces = fn(x)
    assert len({id(p.grad_fn) for p in pieces}) == 1
    assert [p._output_nr for p in pieces] == list(range(len(pieces)))
    ref = np.concatenate if name != "unbind" else None
    if ref is not None:
        dim = {"split": 1, "split_neg_dim": 0, "chunk": 0, "unbind_1d": 0}[name]
        np.testing.assert_array_equal(ref([p.data.numpy() for p in pieces], dim),
                                      x.data.numpy())
    else:
        np.testing.assert_array_equal(np.stack([p.data.numpy() for p in pieces], 1),
                                      x.data.numpy())


@pytest.mark.parametrize("name,fn,shape", CASES, ids=[c[0] for c in CASES])
def test_gradients_with_unused_pieces(name, fn, shape):
    # pieces 0 and 2 only (piece 1 gets no gradient: zeros), weighted differently
    def f(a):
        p = fn(a)
        return (p[0] * 2).sum() + (p[2] * p[2]).sum()
    x = var(shape)
    f(x).backward()
    want = np.zeros(shape)
    pieces = fn(Variable(ptorch.DoubleTensor(np.arange(np.prod(shape), dtype=float)
                                             .reshape(shape))))
    flat_x = x.data.numpy().reshape(-1)
    for k, scale in ((0, None), (2, True)):
        idx = pieces[k].data.numpy().astype(int)
        want.reshape(-1)[idx.reshape(-1)] = 2 if scale is None else 2 * flat_x[idx.reshape(-1)]
    np.testing.assert_allclose(x.grad.data.numpy(), want, rtol=1e-12)
    assert gradcheck(lambda a: (fn(a)[0], fn(a)[2]), [var(shape, 1)])
    assert gradgradcheck(lambda a: (fn(a)[0] * fn(a)[2],), [var(shape, 2)])


def test_create_graph_gradient_of_unused_piece_is_not_volatile():
    x = var((4, 3))
    a, b = x.chunk(2, 0)
    (g,) = ptorch.autograd.grad([(a * a).sum()], [x], create_graph=True)
    assert g.requires_grad and not g.volatile
    np.testing.assert_allclose(g.data.numpy()[:2], 2 * x.data.numpy()[:2])
    np.testing.assert_array_equal(g.data.numpy()[2:], 0)
    (gg,) = ptorch.autograd.grad([g.sum()], [x])
    np.testing.assert_allclose(gg.data.numpy(), np.r_[np.full((2, 3), 2.0), np.zeros((2, 3))])


def test_many_pieces_backward_is_one_concatenation():
    x = var((200, 3))
    pieces = x.unbind(0)
    ptorch.stack(list(pieces[::2]), 0).sum().backward()
    want = np.zeros((200, 3))
    want[::2] = 1
    np.testing.assert_array_equal(x.grad.data.numpy(), want)


def test_volatile_and_no_grad_inputs():
    for v in (var((4, 2), volatile=True, requires_grad=False), var((4, 2), requires_grad=False)):
        pieces = v.split(3, 0)
        assert [tuple(p.size()) for p in pieces] == [(3, 2), (1, 2)]
        assert all(p.grad_fn is None and not p.requires_grad for p in pieces)
        assert all(p.volatile == v.volatile for p in pieces)


def test_pieces_share_the_version_counter():
    x = var((4, 2))
    y = x * 1
    a, b = y.chunk(2, 0)
    z = (y * y).sum()
    b.data.add_(0)  # tensor ops do not count; a Variable in-place op does
    b.add_(1)
    with raises(RuntimeError, "modified by an inplace operation"):
        z.backward()


def test_errors():
    x = var((4, 2))
    with raises(ValueError, "positive number of chunks, got 0"):
        x.chunk(0)
    with raises(ValueError, "positive split_size, got 0"):
        x.split(0)
    with raises(IndexError, "dimension 2 is out of range"):
        x.unbind(2)
