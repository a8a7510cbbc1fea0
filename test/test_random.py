"""Random sampling: seeded reproducibility, moments and histograms (loose tolerances, fixed
seeds: deterministic), ranges per type, and every error path."""
import numpy as np
import pytest

import ptorch
from common import ALL_REALS, FLOAT_REALS, INT_REALS, make, raises, tensor_class

N = 200000
INF = float("inf")


def sample(real, fill, n=N, seed=123):
    ptorch.manual_seed(seed)
    t = tensor_class(real)(n)
    fill(t)
    return t.numpy().astype(np.float64)


FILLS = {
    "uniform_": lambda t: t.uniform_(-2, 3),
    "normal_": lambda t: t.normal_(1.5, 2.0),
    "exponential_": lambda t: t.exponential_(2.0),
    "cauchy_": lambda t: t.cauchy_(1.0, 0.5),
    "log_normal_": lambda t: t.log_normal_(0.5, 0.25),
    "geometric_": lambda t: t.geometric_(0.25),
    "bernoulli_": lambda t: t.bernoulli_(0.3),
    "random_": lambda t: t.random_(2, 9),
}


@pytest.mark.parametrize("name", sorted(FILLS))
def test_seeded_reproducibility(name):
    real = "Double"
    a = sample(real, FILLS[name], 1000, seed=7)
    b = sample(real, FILLS[name], 1000, seed=7)
    c = sample(real, FILLS[name], 1000, seed=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_generator_argument():
    g = ptorch.Generator()
    g.manual_seed(42)
    a = ptorch.DoubleTensor(50).normal_(generator=g)
    ptorch.manual_seed(42)
    b = ptorch.DoubleTensor(50).normal_()
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    g.manual_seed(3)
    r1 = ptorch.rand(4, generator=g)
    g.manual_seed(3)
    np.testing.assert_array_equal(r1.numpy(), ptorch.rand(4, generator=g).numpy())
    with raises(TypeError, "expected a ptorch.Generator"):
        ptorch.DoubleTensor(3).uniform_(generator=5)


def test_fills_noncontiguous_in_row_major_order():
    ptorch.manual_seed(5)
    flat = ptorch.DoubleTensor(12).uniform_()
    ptorch.manual_seed(5)
    t = ptorch.DoubleTensor(4, 3).t()
    t.uniform_()
    np.testing.assert_array_equal(t.numpy().ravel(), flat.numpy())
    t, _ = make("Double", (3, 4), "strided")
    ptorch.manual_seed(5)
    t.uniform_()
    np.testing.assert_array_equal(t.numpy().ravel(), flat.numpy())


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_uniform(real):
    x = sample(real, FILLS["uniform_"])
    assert x.min() >= -2 and x.max() < 3
    assert abs(x.mean() - 0.5) < 0.02
    assert abs(x.var() - 25 / 12) < 0.05
    hist, _ = np.histogram(x, bins=10, range=(-2, 3))
    assert np.all(np.abs(hist / N - 0.1) < 0.005)
    y = tensor_class(real)(1000).uniform_()
    assert y.numpy().min() >= 0 and y.numpy().max() < 1


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_normal(real):
    x = sample(real, FILLS["normal_"])
    assert abs(x.mean() - 1.5) < 0.03
    assert abs(x.std() - 2.0) < 0.03
    # fraction within one sigma
    assert abs(np.mean(np.abs(x - 1.5) < 2.0) - 0.6827) < 0.01
    assert np.all(sample(real, lambda t: t.normal_(3, 0), 100) == 3)


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_exponential_cauchy_log_normal(real):
    x = sample(real, FILLS["exponential_"])
    assert x.min() >= 0 and abs(x.mean() - 0.5) < 0.01
    x = sample(real, FILLS["cauchy_"])
    assert abs(np.median(x) - 1.0) < 0.02
    assert abs(np.mean(np.abs(x - 1.0) < 0.5) - 0.5) < 0.01  # quartiles at median +- sigma
    x = sample(real, FILLS["log_normal_"])
    assert x.min() > 0
    assert abs(np.log(x).mean() - 0.5) < 0.01 and abs(np.log(x).std() - 0.25) < 0.01


@pytest.mark.parametrize("real", ALL_REALS)
def test_geometric_bernoulli(real):
    x = sample(real, FILLS["geometric_"])
    assert x.min() >= 1 and abs(x.mean() - 4.0) < 0.1
    assert abs(np.mean(x == 1) - 0.25) < 0.01
    x = sample(real, FILLS["bernoulli_"])
    assert set(np.unique(x)) <= {0.0, 1.0}
    assert abs(x.mean() - 0.3) < 0.01
    assert sample(real, lambda t: t.bernoulli_(0), 100).sum() == 0
    assert sample(real, lambda t: t.bernoulli_(1), 100).sum() == 100


@pytest.mark.parametrize("real", ALL_REALS)
def test_bernoulli_tensor_probabilities(real):
    ptorch.manual_seed(11)
    p = ptorch.DoubleTensor([0.0, 0.2, 0.9, 1.0])
    t = tensor_class(real)(50000, 4).bernoulli_(p)  # p broadcast over rows
    x = t.numpy().astype(np.float64)
    np.testing.assert_allclose(x.mean(0), [0.0, 0.2, 0.9, 1.0], atol=0.01)
    # a FloatTensor of probabilities, and probabilities of another type
    t2 = tensor_class(real)(4).bernoulli_(ptorch.FloatTensor([1, 0, 1, 0]))
    np.testing.assert_array_equal(t2.numpy(), [1, 0, 1, 0])
    t3 = tensor_class(real)(2).bernoulli_(ptorch.ByteTensor([1, 0]))
    np.testing.assert_array_equal(t3.numpy(), [1, 0])


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_bernoulli_function(real):
    ptorch.manual_seed(2)
    probs = tensor_class(real)(20000, 3)
    probs[:, 0] = 0.1
    probs[:, 1] = 0.5
    probs[:, 2] = 1.0
    b = ptorch.bernoulli(probs)
    assert type(b) is type(probs) and tuple(b.size()) == (20000, 3)
    np.testing.assert_allclose(b.numpy().mean(0), [0.1, 0.5, 1.0], atol=0.015)


TYPE_RANGES = {"Byte": (0, 255), "Char": (0, 127), "Short": (0, 32767),
               "Int": (0, 2 ** 31 - 1), "Long": (0, 2 ** 63 - 1),
               "Float": (0, 2 ** 24), "Double": (0, 2 ** 53)}


@pytest.mark.parametrize("real", ALL_REALS)
def test_random_ranges(real):
    ptorch.manual_seed(9)
    t = tensor_class(real)(20000).random_()
    x = t.numpy()
    lo, hi = TYPE_RANGES[real]
    assert x.min() >= lo and x.max() <= hi
    assert x.astype(np.float64).mean() > hi * 0.4  # spread over the range
    x = tensor_class(real)(20000).random_(2, 9).numpy()
    assert set(np.unique(x).tolist()) == set(range(2, 9))
    hist = np.bincount(x.astype(np.int64))[2:]
    assert np.all(np.abs(hist / 20000 - 1 / 7) < 0.015)
    x = tensor_class(real)(5000).random_(5).numpy()
    assert set(np.unique(x).tolist()) == set(range(5))
    x = tensor_class(real)(5000).random_(**{"from": 3, "to": 6}).numpy()
    assert set(np.unique(x).tolist()) == {3, 4, 5}


@pytest.mark.parametrize("real", ["Char", "Short", "Int", "Long", "Float", "Double"])
def test_random_negative_range(real):
    x = tensor_class(real)(5000).random_(-4, -1).numpy()
    assert set(np.unique(x).tolist()) == {-4, -3, -2}


def test_rand_randn_default_type():
    ptorch.manual_seed(0)
    r = ptorch.rand(3, 4)
    assert type(r) is ptorch.FloatTensor and tuple(r.size()) == (3, 4)
    assert r.numpy().min() >= 0 and r.numpy().max() < 1
    n = ptorch.randn(100000)
    assert abs(n.numpy().mean()) < 0.02 and abs(n.numpy().std() - 1) < 0.02
    ptorch.set_default_tensor_type("ptorch.DoubleTensor")
    try:
        assert type(ptorch.rand(2)) is ptorch.DoubleTensor
        assert type(ptorch.randn((2, 3))) is ptorch.DoubleTensor
    finally:
        ptorch.set_default_tensor_type("ptorch.FloatTensor")
    ptorch.manual_seed(4)
    a = ptorch.randn(5)
    ptorch.manual_seed(4)
    np.testing.assert_array_equal(a.numpy(), ptorch.randn(5).numpy())


def test_randperm():
    ptorch.manual_seed(1)
    p = ptorch.randperm(100)
    assert type(p) is ptorch.LongTensor
    np.testing.assert_array_equal(np.sort(p.numpy()), np.arange(100))
    assert not np.array_equal(p.numpy(), np.arange(100))
    # every position is uniform: first element over many draws
    firsts = np.array([ptorch.randperm(4)[0] for _ in range(4000)])
    assert np.all(np.abs(np.bincount(firsts) / 4000 - 0.25) < 0.03)
    assert ptorch.randperm(0).numel() == 0
    ptorch.manual_seed(8)
    a = ptorch.randperm(10)
    ptorch.manual_seed(8)
    np.testing.assert_array_equal(a.numpy(), ptorch.randperm(10).numpy())


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_multinomial_with_replacement(real):
    ptorch.manual_seed(3)
    probs = tensor_class(real)([1, 0, 3, 6])
    s = ptorch.multinomial(probs, 50000, True)
    assert type(s) is ptorch.LongTensor and tuple(s.size()) == (50000,)
    freq = np.bincount(s.numpy(), minlength=4) / 50000
    np.testing.assert_allclose(freq, [0.1, 0.0, 0.3, 0.6], atol=0.01)
    rows = tensor_class(real)([[1, 1, 0], [0, 0, 2]])
    s2 = rows.multinomial(1000, replacement=True)
    assert tuple(s2.size()) == (2, 1000)
    assert set(np.unique(s2.numpy()[0]).tolist()) == {0, 1}
    assert set(np.unique(s2.numpy()[1]).tolist()) == {2}


@pytest.mark.parametrize("real", FLOAT_REALS)
def test_multinomial_without_replacement(real):
    ptorch.manual_seed(4)
    probs = tensor_class(real)([[1, 2, 3, 4, 0], [5, 0, 1, 1, 1]])
    for _ in range(50):
        s = ptorch.multinomial(probs, 4)
        for row, p in zip(s.numpy(), probs.numpy()):
            assert len(set(row.tolist())) == 4
            assert np.all(p[row] > 0)
    # the first draw follows the weights
    firsts = np.array([ptorch.multinomial(probs[0], 2)[0] for _ in range(4000)])
    np.testing.assert_allclose(np.bincount(firsts, minlength=5) / 4000,
                               [0.1, 0.2, 0.3, 0.4, 0.0], atol=0.03)
    ptorch.manual_seed(4)
    a = ptorch.multinomial(probs, 3)
    ptorch.manual_seed(4)
    np.testing.assert_array_equal(a.numpy(), ptorch.multinomial(probs, 3).numpy())


def test_normal_overloads():
    ptorch.manual_seed(6)
    means = ptorch.DoubleTensor(20000, 2)
    means[:, 0] = -3.0
    means[:, 1] = 10.0
    r = ptorch.normal(means)  # std=1.0
    assert tuple(r.size()) == (20000, 2)
    np.testing.assert_allclose(r.numpy().mean(0), [-3, 10], atol=0.03)
    np.testing.assert_allclose(r.numpy().std(0), [1, 1], atol=0.03)
    r = ptorch.normal(means, 0.5)
    np.testing.assert_allclose(r.numpy().std(0), [0.5, 0.5], atol=0.02)
    std = ptorch.DoubleTensor(40000).fill_(2.0)
    r = ptorch.normal(mean=1.0, std=std)
    assert tuple(r.size()) == (40000,)
    assert abs(r.numpy().mean() - 1.0) < 0.05 and abs(r.numpy().std() - 2.0) < 0.05
    # means and std with the same number of elements, shaped like means
    r = ptorch.normal(means, ptorch.DoubleTensor(40000).fill_(0.1))
    assert tuple(r.size()) == (20000, 2)
    np.testing.assert_allclose(r.numpy().std(0), [0.1, 0.1], atol=0.005)


# ---- errors ----

def test_bad_distribution_parameters():
    t = ptorch.DoubleTensor(5)
    with raises(ValueError, r"bernoulli_ expects p to be in \[0, 1\], but got p=1.5"):
        t.bernoulli_(1.5)
    with raises(ValueError, r"bernoulli_ expects p to be in \[0, 1\], but got p=-0.1"):
        t.bernoulli_(-0.1)
    with raises(ValueError, r"expects all probabilities to be in \[0, 1\], but got p=2"):
        t.bernoulli_(ptorch.DoubleTensor([0.5, 2.0, 0.1, 0.1, 0.1]))
    with raises(RuntimeError, r"probabilities of size \[3\] do not broadcast to self's size \[5\]"):
        t.bernoulli_(ptorch.DoubleTensor([0.5, 0.5, 0.5]))
    with raises(ValueError, "normal_ expects std >= 0.0, but found std=-1"):
        t.normal_(0, -1)
    with raises(ValueError, "log_normal_ expects std > 0.0, but found std=0"):
        t.log_normal_(0, 0)
    with raises(ValueError, r"geometric_ expects p to be in \(0, 1\], but got p=0"):
        t.geometric_(0)
    with raises(ValueError, r"geometric_ expects p to be in \(0, 1\], but got p=1.5"):
        t.geometric_(1.5)
    with raises(ValueError, "exponential_ expects lambda > 0.0, but found lambda=-2"):
        t.exponential_(-2)
    with raises(ValueError, "cauchy_ expects sigma > 0.0, but found sigma=0"):
        t.cauchy_(0, 0)
    with raises(ValueError, r"uniform_ expects to return a \[from, to\) range, "
                            "but found from=3 > to=1"):
        t.uniform_(3, 1)
    with raises(ValueError, "normal expects std >= 0.0, but found std=-1"):
        ptorch.normal(ptorch.DoubleTensor([0.0, 0.0]), -1.0)
    with raises(ValueError, "normal expects std >= 0.0, but found std=-0.5"):
        ptorch.normal(0.0, ptorch.DoubleTensor([1.0, -0.5]))
    with raises(RuntimeError, "must have the same number of elements"):
        ptorch.normal(ptorch.DoubleTensor([0.0, 0.0]), ptorch.DoubleTensor([1.0]))
    with raises(TypeError, "expected means or std to be a tensor"):
        ptorch.normal(0.0, 1.0)


def test_bad_random_ranges():
    with raises(ValueError, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"):
        ptorch.LongTensor(3).random_(5, 5)
    with raises(ValueError, r"random_: the range \[0, 300\) does not fit the tensor type"):
        ptorch.ByteTensor(3).random_(0, 300)
    with raises(ValueError, r"random_: the range \[-1, 5\) does not fit the tensor type, whose "
                            r"values go from 0 to 255"):
        ptorch.ByteTensor(3).random_(-1, 5)
    with raises(TypeError, "at most 2 positional arguments"):
        ptorch.LongTensor(3).random_(1, 2, 3)
    with raises(ValueError, "randperm: n must be non-negative, got -1"):
        ptorch.randperm(-1)


def test_bad_multinomial():
    with raises(ValueError, "weight -1 at category 1"):
        ptorch.multinomial(ptorch.DoubleTensor([1, -1, 2]), 1)
    with raises(ValueError, "invalid distribution in row 1: the weights sum to 0"):
        ptorch.multinomial(ptorch.DoubleTensor([[1, 1], [0, 0]]), 1)
    with raises(ValueError, r"cannot sample num_samples=4 > prob_dist.size\(-1\)=3 categories "
                            "without replacement"):
        ptorch.multinomial(ptorch.DoubleTensor([1, 1, 1]), 4)
    with raises(ValueError, "cannot draw 2 samples without replacement from row 0, "
                            "which has only 1"):
        ptorch.multinomial(ptorch.DoubleTensor([1, 0, 0]), 2)
    with raises(ValueError, "num_samples must be positive, got 0"):
        ptorch.multinomial(ptorch.DoubleTensor([1, 1]), 0)
    with raises(RuntimeError, "prob_dist must be 1 or 2 dim, got 3 dims"):
        ptorch.multinomial(ptorch.DoubleTensor(2, 2, 2).fill_(1), 1)
    with raises(ValueError, "weight nan at category 0"):
        ptorch.multinomial(ptorch.DoubleTensor([float("nan"), 1]), 1)


@pytest.mark.parametrize("real", INT_REALS)
def test_float_only_samplers_reject_integer_types(real):
    t = tensor_class(real)(3)
    for name in ("uniform_", "normal_", "exponential_", "cauchy_", "log_normal_", "multinomial"):
        with raises(TypeError, f"{name} is only supported for FloatTensor and DoubleTensor, "
                               f"got {real}Tensor"):
            getattr(t, name)()


def test_bernoulli_with_empty_probabilities():
    with raises(RuntimeError, r"bernoulli_: the probabilities of size \[\] do not broadcast to "
                              r"self's size \[2 x 3\]"):
        ptorch.FloatTensor(2, 3).bernoulli_(ptorch.DoubleTensor())


def test_random_functions_check_their_inputs():
    with raises(TypeError, r"bernoulli\(\): expected a tensor as input, got float"):
        ptorch.bernoulli(0.5)
    with raises(TypeError, r"multinomial\(\): expected a tensor as input, got list"):
        ptorch.multinomial([0.5, 0.5], 1)
    with raises(TypeError, r"normal: means and std must be FloatTensor or DoubleTensor, got "
                           r"LongTensor"):
        ptorch.normal(ptorch.LongTensor(2))
    with raises(TypeError, r"numel\(\): expected a tensor, got NoneType"):
        ptorch.numel(None)
    with raises(TypeError, r"out= must be a tensor, got float"):
        ptorch.bernoulli(ptorch.rand(3), 0.5)
