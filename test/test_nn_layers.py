"""Every layer: forward against a NumPy reference (one table) in float and double, and
backward by gradcheck in double with respect to the inputs and the parameters."""
import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
from ptorch.autograd import Variable, gradcheck

import nn_reference as ref

RNG = np.random.RandomState(0)


def arr(*shape):
    return RNG.randn(*shape)


def p(m, name):
    return getattr(m, name).data.numpy().astype(np.float64)


def _pool_ref(op, k, s, pad=(0, 0), ceil=False, cip=True):
    return lambda m, x: ref.pool2d(x, k, s, pad, op, ceil, count_include_pad=cip)


# name: (module factory, input shapes, reference(module, *numpy inputs))
TABLE = {
    "Linear": (lambda: nn.Linear(4, 3), [(5, 4)],
               lambda m, x: x @ p(m, "weight").T + p(m, "bias")),
    "Linear_3d_nobias": (lambda: nn.Linear(4, 3, bias=False), [(2, 5, 4)],
                         lambda m, x: x @ p(m, "weight").T),
    "Bilinear": (lambda: nn.Bilinear(3, 2, 4), [(5, 3), (5, 2)],
                 lambda m, a, b: np.einsum("ni,oij,nj->no", a, p(m, "weight"), b) +
                 p(m, "bias")),
    "Conv2d": (lambda: nn.Conv2d(4, 6, 3, stride=2, padding=1, groups=2), [(2, 4, 6, 5)],
               lambda m, x: ref.conv2d(x, p(m, "weight"), p(m, "bias"), (2, 2), (1, 1),
                                       groups=2)),
    "Conv2d_dilated": (lambda: nn.Conv2d(2, 3, (2, 3), dilation=(2, 1), bias=False),
                       [(1, 2, 6, 5)],
                       lambda m, x: ref.conv2d(x, p(m, "weight"), None, dilation=(2, 1))),
    "Conv1d": (lambda: nn.Conv1d(3, 4, 3, stride=2, padding=2), [(2, 3, 7)],
               lambda m, x: ref.conv2d(x[:, :, None], p(m, "weight")[:, :, None],
                                       p(m, "bias"), (1, 2), (0, 2))[:, :, 0]),
    "Conv3d": (lambda: nn.Conv3d(2, 3, 2, stride=2, padding=1), [(1, 2, 3, 4, 3)],
               lambda m, x: ref.conv3d(x, p(m, "weight"), p(m, "bias"), 2, 1)),
    "ConvTranspose2d": (lambda: nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1,
                                                   output_padding=1), [(2, 3, 3, 2)],
                        lambda m, x: ref.conv_transpose2d(x, p(m, "weight"), p(m, "bias"),
                                                          (2, 2), (1, 1), (1, 1))),
    "ConvTranspose2d_groups": (lambda: nn.ConvTranspose2d(4, 2, 2, groups=2, dilation=2),
                               [(1, 4, 3, 3)],
                               lambda m, x: np.concatenate([
                                   ref.conv_transpose2d(x[:, :2], p(m, "weight")[:2],
                                                        dilation=(2, 2)),
                                   ref.conv_transpose2d(x[:, 2:], p(m, "weight")[2:],
                                                        dilation=(2, 2))], 1) +
                               p(m, "bias").reshape(1, -1, 1, 1)),
    "ConvTranspose1d": (lambda: nn.ConvTranspose1d(2, 3, 3, stride=2), [(2, 2, 4)],
                        lambda m, x: ref.conv_transpose2d(
                            x[:, :, None], p(m, "weight")[:, :, None], p(m, "bias"),
                            (1, 2))[:, :, 0]),
    "ConvTranspose3d": (lambda: nn.ConvTranspose3d(2, 2, 2, stride=2), [(1, 2, 2, 2, 2)],
                        None),
    "MaxPool2d": (lambda: nn.MaxPool2d(3, 2, padding=1), [(2, 2, 5, 6)],
                  _pool_ref(np.max, (3, 3), (2, 2), (1, 1))),
    "MaxPool2d_ceil": (lambda: nn.MaxPool2d(2, ceil_mode=True), [(1, 2, 5, 5)],
                       _pool_ref(np.max, (2, 2), (2, 2), ceil=True)),
    "MaxPool1d": (lambda: nn.MaxPool1d(2), [(2, 3, 7)],
                  lambda m, x: ref.pool2d(x[:, :, None], (1, 2), (1, 2))[:, :, 0]),
    "MaxPool3d": (lambda: nn.MaxPool3d(2), [(1, 2, 4, 4, 5)],
                  lambda m, x: x[:, :, :4, :4, :4].reshape(1, 2, 2, 2, 2, 2, 2, 2)
                  .max(axis=(3, 5, 7))),
    "AvgPool2d": (lambda: nn.AvgPool2d(3, 2, padding=1), [(2, 2, 5, 6)],
                  _pool_ref(np.mean, (3, 3), (2, 2), (1, 1))),
    "AvgPool2d_nopad": (lambda: nn.AvgPool2d(2, 1, padding=1, count_include_pad=False),
                        [(1, 1, 3, 3)],
                        _pool_ref(np.mean, (2, 2), (1, 1), (1, 1), cip=False)),
    "AvgPool1d": (lambda: nn.AvgPool1d(3, 2), [(2, 3, 7)],
                  lambda m, x: ref.pool2d(x[:, :, None], (1, 3), (1, 2), op=np.mean)[:, :, 0]),
    "AvgPool3d": (lambda: nn.AvgPool3d(2), [(1, 2, 4, 4, 4)],
                  lambda m, x: x.reshape(1, 2, 2, 2, 2, 2, 2, 2).mean(axis=(3, 5, 7))),
    "LPPool2d": (lambda: nn.LPPool2d(2, 2), [(1, 2, 4, 4)],
                 lambda m, x: np.sqrt(ref.pool2d(x * x, (2, 2), (2, 2), op=np.mean) * 4)),
    "AdaptiveMaxPool2d": (lambda: nn.AdaptiveMaxPool2d((2, 3)), [(2, 2, 5, 7)],
                          lambda m, x: ref.adaptive2d(x, 2, 3, np.max)),
    "AdaptiveAvgPool2d": (lambda: nn.AdaptiveAvgPool2d(3), [(2, 2, 5, 7)],
                          lambda m, x: ref.adaptive2d(x, 3, 3, np.mean)),
    "AdaptiveMaxPool1d": (lambda: nn.AdaptiveMaxPool1d(3), [(2, 2, 7)],
                          lambda m, x: ref.adaptive2d(x[:, :, None], 1, 3, np.max)[:, :, 0]),
    "AdaptiveAvgPool1d": (lambda: nn.AdaptiveAvgPool1d(2), [(2, 2, 5)],
                          lambda m, x: ref.adaptive2d(x[:, :, None], 1, 2, np.mean)[:, :, 0]),
    "FractionalMaxPool2d_overlap": (lambda: nn.FractionalMaxPool2d(2, output_size=(4, 5)),
                                    [(2, 2, 5, 6)], _pool_ref(np.max, (2, 2), (1, 1))),
    "FractionalMaxPool2d_half": (lambda: nn.FractionalMaxPool2d(2, output_ratio=0.5),
                                 [(1, 2, 6, 4)], _pool_ref(np.max, (2, 2), (2, 2))),
    "ReflectionPad2d": (lambda: nn.ReflectionPad2d((1, 2, 2, 0)), [(1, 2, 3, 4)],
                        lambda m, x: np.pad(x, ((0, 0), (0, 0), (2, 0), (1, 2)), "reflect")),
    "ReplicationPad2d": (lambda: nn.ReplicationPad2d(2), [(1, 2, 3, 3)],
                         lambda m, x: np.pad(x, ((0, 0), (0, 0), (2, 2), (2, 2)), "edge")),
    "ReplicationPad3d": (lambda: nn.ReplicationPad3d((1, 0, 0, 1, 1, 1)), [(1, 1, 2, 2, 2)],
                         lambda m, x: np.pad(x, ((0, 0), (0, 0), (1, 1), (0, 1), (1, 0)),
                                             "edge")),
    "ZeroPad2d": (lambda: nn.ZeroPad2d((1, 0, 2, 1)), [(1, 2, 2, 3)],
                  lambda m, x: np.pad(x, ((0, 0), (0, 0), (2, 1), (1, 0)))),
    "ConstantPad2d": (lambda: nn.ConstantPad2d(1, 3.5), [(1, 1, 2, 2)],
                      lambda m, x: np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)),
                                          constant_values=3.5)),
    "ReLU": (lambda: nn.ReLU(), [(3, 4)], lambda m, x: np.maximum(x, 0)),
    "ReLU6": (lambda: nn.ReLU6(), [(3, 4)], lambda m, x: np.clip(x, 0, 6)),
    "ELU": (lambda: nn.ELU(0.5), [(3, 4)],
            lambda m, x: np.where(x > 0, x, 0.5 * (np.exp(x) - 1))),
    "SELU": (lambda: nn.SELU(), [(3, 4)],
             lambda m, x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 *
                                                         (np.exp(x) - 1))),
    "PReLU": (lambda: nn.PReLU(3), [(2, 3, 2)],
              lambda m, x: np.where(x > 0, x, x * p(m, "weight").reshape(1, 3, 1))),
    "PReLU_shared": (lambda: nn.PReLU(), [(2, 3)],
                     lambda m, x: np.where(x > 0, x, 0.25 * x)),
    "LeakyReLU": (lambda: nn.LeakyReLU(0.2), [(3, 4)], lambda m, x: np.where(x > 0, x, 0.2 * x)),
    "Threshold": (lambda: nn.Threshold(0.1, 20), [(3, 4)],
                  lambda m, x: np.where(x > 0.1, x, 20)),
    "Hardtanh": (lambda: nn.Hardtanh(-0.5, 0.7), [(3, 4)], lambda m, x: np.clip(x, -0.5, 0.7)),
    "Sigmoid": (lambda: nn.Sigmoid(), [(3, 4)], lambda m, x: ref.sigmoid(x)),
    "Tanh": (lambda: nn.Tanh(), [(3, 4)], lambda m, x: np.tanh(x)),
    "LogSigmoid": (lambda: nn.LogSigmoid(), [(3, 4)], lambda m, x: np.log(ref.sigmoid(x))),
    "Softplus": (lambda: nn.Softplus(2, 3), [(3, 4)],
                 lambda m, x: np.where(2 * x > 3, x, np.log1p(np.exp(2 * x)) / 2)),
    "Softshrink": (lambda: nn.Softshrink(0.5), [(3, 4)],
                   lambda m, x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0))),
    "Hardshrink": (lambda: nn.Hardshrink(0.5), [(3, 4)],
                   lambda m, x: np.where(np.abs(x) > 0.5, x, 0)),
    "Softsign": (lambda: nn.Softsign(), [(3, 4)], lambda m, x: x / (1 + np.abs(x))),
    "Tanhshrink": (lambda: nn.Tanhshrink(), [(3, 4)], lambda m, x: x - np.tanh(x)),
    "Softmax": (lambda: nn.Softmax(), [(3, 4)], lambda m, x: ref.softmax(x, 1)),
    "Softmax_1d": (lambda: nn.Softmax(), [(5,)], lambda m, x: ref.softmax(x, 0)),
    "Softmax2d": (lambda: nn.Softmax2d(), [(2, 3, 2, 2)], lambda m, x: ref.softmax(x, 1)),
    "Softmin": (lambda: nn.Softmin(), [(3, 4)], lambda m, x: ref.softmax(-x, 1)),
    "LogSoftmax": (lambda: nn.LogSoftmax(), [(3, 4)], lambda m, x: np.log(ref.softmax(x, 1))),
    "LogSoftmax_dim0": (lambda: nn.LogSoftmax(dim=0), [(3, 4)],
                        lambda m, x: np.log(ref.softmax(x, 0))),
    "GLU": (lambda: nn.GLU(), [(3, 4)], lambda m, x: x[:, :2] * ref.sigmoid(x[:, 2:])),
    "BatchNorm1d": (lambda: nn.BatchNorm1d(3), [(4, 3)],
                    lambda m, x: ref.batch_norm_train(x, p(m, "weight"), p(m, "bias"))),
    "BatchNorm2d": (lambda: nn.BatchNorm2d(2), [(3, 2, 2, 2)],
                    lambda m, x: ref.batch_norm_train(x, p(m, "weight"), p(m, "bias"))),
    "BatchNorm3d_noaffine": (lambda: nn.BatchNorm3d(2, affine=False), [(2, 2, 2, 1, 2)],
                             lambda m, x: ref.batch_norm_train(x, np.ones(2), np.zeros(2))),
    "InstanceNorm2d": (lambda: nn.InstanceNorm2d(2), [(2, 2, 2, 3)],
                       lambda m, x: ref.batch_norm_train(x.reshape(1, 4, 2, 3), np.ones(4),
                                                         np.zeros(4)).reshape(2, 2, 2, 3)),
    "InstanceNorm1d_affine": (lambda: nn.InstanceNorm1d(2, affine=True), [(2, 2, 4)],
                              lambda m, x: ref.batch_norm_train(
                                  x.reshape(1, 4, 4), np.tile(p(m, "weight"), 2),
                                  np.tile(p(m, "bias"), 2)).reshape(2, 2, 4)),
    "PairwiseDistance": (lambda: nn.PairwiseDistance(3), [(3, 4), (3, 4)],
                         lambda m, a, b: ((np.abs(a - b) + 1e-6) ** 3).sum(1, keepdims=True)
                         ** (1 / 3)),
    "CosineSimilarity": (lambda: nn.CosineSimilarity(), [(3, 4), (3, 4)],
                         lambda m, a, b: (a * b).sum(1) / np.sqrt((a * a).sum(1) *
                                                                  (b * b).sum(1))),
    "PixelShuffle": (lambda: nn.PixelShuffle(2), [(1, 8, 2, 3)],
                     lambda m, x: x.reshape(1, 2, 2, 2, 2, 3).transpose(0, 1, 4, 2, 5, 3)
                     .reshape(1, 2, 4, 6)),
    "UpsamplingNearest2d": (lambda: nn.UpsamplingNearest2d(scale_factor=2), [(1, 2, 2, 3)],
                            lambda m, x: x.repeat(2, axis=2).repeat(2, axis=3)),
    "UpsamplingBilinear2d": (lambda: nn.UpsamplingBilinear2d(size=(3, 5)), [(1, 1, 2, 3)],
                             lambda m, x: ref.interp_matrix(2, 3) @ x @
                             ref.interp_matrix(3, 5).T),
    "Dropout_eval": (lambda: nn.Dropout(0.5).eval(), [(3, 4)], lambda m, x: x),
    "AlphaDropout_eval": (lambda: nn.AlphaDropout(0.3).eval(), [(3, 4)], lambda m, x: x),
}


def _inputs(shapes, real="Double", requires_grad=True):
    arrays = [arr(*s) for s in shapes]
    tcls = ptorch.DoubleTensor if real == "Double" else ptorch.FloatTensor
    dtype = np.float64 if real == "Double" else np.float32
    vs = [Variable(tcls(np.ascontiguousarray(a, dtype=dtype)), requires_grad=requires_grad)
          for a in arrays]
    return arrays, vs


@pytest.mark.parametrize("name", [k for k, v in TABLE.items() if v[2] is not None])
@pytest.mark.parametrize("real", ["Float", "Double"])
def test_forward_matches_reference(name, real):
    factory, shapes, reference = TABLE[name]
    ptorch.manual_seed(1)
    m = factory()
    if real == "Double":
        m.double()
    arrays, vs = _inputs(shapes, real)
    if real == "Float":
        arrays = [a.astype(np.float32).astype(np.float64) for a in arrays]
    out = m(*vs)
    assert out.data.type() == f"ptorch.{real}Tensor"
    tol = 1e-10 if real == "Double" else 2e-5
    np.testing.assert_allclose(out.data.numpy(), reference(m, *arrays), rtol=tol, atol=tol)


GRAD_SKIP = {"Dropout_eval", "AlphaDropout_eval"}


@pytest.mark.parametrize("name", [k for k in TABLE if k not in GRAD_SKIP])
def test_gradcheck(name):
    factory, shapes, _ = TABLE[name]
    ptorch.manual_seed(2)
    m = factory().double()
    _, vs = _inputs(shapes)
    params = list(m.parameters())

    # gradcheck perturbs the given Variables; parameters are checked through the module.
    assert gradcheck(lambda *a: m(*a), vs, eps=1e-6, atol=1e-5)
    if params:
        x = vs

        def wrt_params(*ps):
            saved = [(mod, k, mod._parameters[k]) for mod in m.modules()
                     for k in list(mod._parameters) if mod._parameters[k] is not None]
            for (mod, k, _), new in zip(saved, ps):
                mod._parameters[k] = new
            try:
                return m(*x)
            finally:
                for mod, k, old in saved:
                    mod._parameters[k] = old
        ps = [Variable(q.data.clone(), requires_grad=True) for mod in m.modules()
              for q in mod._parameters.values() if q is not None]
        assert gradcheck(wrt_params, ps, eps=1e-6, atol=1e-5)
