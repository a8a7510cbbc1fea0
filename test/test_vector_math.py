"""Float exp and sigmoid run a vectorised exp (TH_expf, lib/TH/THVectorMath.h) instead of
libm's: checked here against float64 references over the whole float range, with its edges
(overflow, subnormal results, underflow to zero, infinities, NaN), on contiguous and strided
tensors and in the nn Sigmoid kernel."""
import math

import numpy as np
import pytest

import ptorch
import ptorch.nn.functional as F
from ptorch.autograd import Variable


def _ulp_error(got, want):
    """|got - want| in units of the float32 spacing at want (want in float64)."""
    spacing = np.spacing(np.abs(want).astype(np.float32)).astype(np.float64)
    return np.abs(got.astype(np.float64) - want) / spacing


def test_exp_within_two_ulp_over_the_float_range():
    x = np.linspace(-87.0, 88.7, 3_000_001).astype(np.float32)
    got = ptorch.from_numpy(x).exp().numpy()
    assert _ulp_error(got, np.exp(x.astype(np.float64))).max() <= 2.0


def test_exp_edges():
    x = np.array([np.nan, np.inf, -np.inf, 88.8, 100.0, 1e30, -104.0, -200.0, -1e30, 0.0, -0.0],
                 np.float32)
    got = ptorch.from_numpy(x).exp().numpy()
    assert np.isnan(got[0])
    assert got[1] == np.inf and got[2] == 0
    assert np.all(got[3:6] == np.inf)  # beyond float's range
    assert np.all(got[6:9] == 0)       # below the smallest subnormal
    assert got[9] == 1 and got[10] == 1
    sub = np.linspace(-103.9, -87.4, 10001).astype(np.float32)  # subnormal results
    want = np.exp(sub.astype(np.float64))
    err = np.abs(ptorch.from_numpy(sub).exp().numpy().astype(np.float64) - want)
    assert err.max() <= 2 * 2.0 ** -149 + 2 * want.max() * 2.0 ** -24


@pytest.mark.parametrize("layout", ["contiguous", "strided"])
def test_sigmoid_float_against_float64(layout):
    x = np.random.RandomState(0).uniform(-60, 60, (300, 400)).astype(np.float32)
    t = ptorch.from_numpy(x)
    if layout == "strided":
        t, x = t.t(), x.T
    want = 1 / (1 + np.exp(-x.astype(np.float64)))
    for got in (t.sigmoid().numpy(), t.clone().sigmoid_().numpy(),
                F.sigmoid(Variable(t)).data.numpy()):
        np.testing.assert_allclose(got, want, rtol=3e-7, atol=1e-37)
    nan = ptorch.FloatTensor([np.nan, np.inf, -np.inf]).sigmoid().numpy()
    assert np.isnan(nan[0]) and nan[1] == 1 and nan[2] == 0


def test_double_exp_and_sigmoid_stay_libm_exact():
    x = np.random.RandomState(1).uniform(-700, 700, 10000)
    libm = np.array([math.exp(v) for v in x])
    np.testing.assert_array_equal(ptorch.from_numpy(x).exp().numpy(), libm)
    np.testing.assert_allclose(ptorch.from_numpy(x).sigmoid().numpy(), 1 / (1 + np.exp(-x)),
                               rtol=1e-15)
