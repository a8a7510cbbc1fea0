"""ptorch.utils.backcompat: the opt-in warnings for code written before 0.2."""
import warnings

import numpy as np
import pytest

import ptorch
from ptorch.autograd import Variable
from ptorch.utils import backcompat


@pytest.fixture
def switches():
    yield backcompat
    backcompat.broadcast_warning.enabled = False
    backcompat.keepdim_warning.enabled = False


def no_warning(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn()


def test_off_by_default():
    assert not backcompat.broadcast_warning.enabled
    assert not backcompat.keepdim_warning.enabled
    a, b = ptorch.ones(4, 1), ptorch.ones(4)
    assert no_warning(lambda: a + b).size() == (4, 4)
    assert no_warning(lambda: ptorch.ones(3, 4).sum(1)).size() == (3,)


def test_broadcast_warning(switches):
    switches.broadcast_warning.enabled = True
    assert switches.broadcast_warning.enabled
    a = ptorch.FloatTensor(np.arange(4, dtype=np.float32).reshape(4, 1))
    b = ptorch.FloatTensor(np.arange(4, dtype=np.float32))
    with pytest.warns(UserWarning, match=r"add: tensors of sizes \[4 x 1\] and \[4\] have the "
                                         r"same number of elements but broadcast to size "
                                         r"\[4 x 4\]"):
        r = a + b
    np.testing.assert_array_equal(r.numpy(), a.numpy() + b.numpy())  # still broadcasts
    with pytest.warns(UserWarning, match=r"eq: tensors of sizes \[4 x 1\] and \[4\]"):
        a.eq(b)
    with pytest.warns(UserWarning, match="addcmul"):
        a.addcmul(1, b, a)
    with pytest.warns(UserWarning, match=r"cmul: tensors of sizes \[4 x 1\] and \[4\]"):
        Variable(a) * Variable(b)
    # same shapes, other element counts, numbers: nothing to say
    no_warning(lambda: a + a)
    no_warning(lambda: ptorch.ones(4, 4) + b)
    no_warning(lambda: a + 2)
    switches.broadcast_warning.enabled = False
    no_warning(lambda: a + b)


def test_broadcast_warning_is_not_left_over(switches):
    """A recorded warning belongs to its call: an op that failed after recording it, or a
    later op, does not repeat it."""
    switches.broadcast_warning.enabled = True
    a, b = ptorch.ones(4, 1), ptorch.ones(4)
    with pytest.warns(UserWarning):
        a + b
    no_warning(lambda: a + a)
    with pytest.raises(RuntimeError, match="in-place operation cannot resize"):
        no_warning(lambda: a.add_(b))  # broadcasts to [4 x 4]: recorded, then refused
    no_warning(lambda: a + a)


def test_keepdim_warning(switches):
    switches.keepdim_warning.enabled = True
    x = ptorch.FloatTensor(np.arange(12, dtype=np.float32).reshape(3, 4))
    for name in ("sum", "prod", "mean", "var", "std", "max", "min", "median"):
        with pytest.warns(UserWarning, match=f"{name}: keepdim was not given"):
            getattr(x, name)(1)
    with pytest.warns(UserWarning, match="norm: keepdim was not given"):
        x.norm(2, 1)
    for name, args in (("mode", ()), ("kthvalue", (2,))):  # dim defaults to the last one
        with pytest.warns(UserWarning, match=f"{name}: keepdim was not given"):
            getattr(x, name)(*args)
    with pytest.warns(UserWarning, match="sum: keepdim was not given"):
        ptorch.sum(x, 0)
    with pytest.warns(UserWarning, match="sum: keepdim was not given"):
        Variable(x).sum(1)
    # the result is the 0.2 one: the dimension is removed
    with pytest.warns(UserWarning):
        assert x.sum(1).size() == (3,)
    # keepdim given, no dim, 1-d input (same result either way), element-wise max: silent
    assert no_warning(lambda: x.sum(1, keepdim=False)).size() == (3,)
    assert no_warning(lambda: x.sum(1, keepdim=True)).size() == (3, 1)
    assert no_warning(lambda: x.sum()) == 66
    assert no_warning(lambda: ptorch.ones(5).sum(0)).size() == (1,)
    assert no_warning(lambda: x.max(x)).size() == (3, 4)
    switches.keepdim_warning.enabled = False
    no_warning(lambda: x.sum(1))


def test_library_code_passes_keepdim(switches):
    """ptorch's own layers never trip the keepdim warning (only the user's calls do)."""
    switches.keepdim_warning.enabled = True
    switches.broadcast_warning.enabled = True
    nn, F = ptorch.nn, ptorch.nn.functional
    x = Variable(ptorch.randn(8, 10), requires_grad=True)
    y = Variable(ptorch.LongTensor(8).random_(0, 3))
    model = nn.Sequential(nn.Linear(10, 5), nn.ReLU(), nn.BatchNorm1d(5), nn.Linear(5, 3))

    w = Variable(ptorch.randn(2, 10, 10))

    def run():
        loss = F.cross_entropy(model(x), y) + F.cosine_similarity(x, x).sum() \
            + F.pairwise_distance(x, x).sum() + F.bilinear(x, x, w).sum()
        loss.backward()
    no_warning(run)
