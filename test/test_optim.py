"""Optimizers: each trajectory on a quadratic against the update rule written out in NumPy;
state_dict round trips; schedulers; bad input."""
import math

import numpy as np
import pytest

import ptorch
import ptorch.optim as optim
from ptorch.autograd import Variable
from common import raises

A = np.array([1.0, 3.0, 0.5, 2.0])  # f(w) = 0.5 * sum(A * w^2) + B . w
B = np.array([0.5, -1.0, 0.25, 0.0])
W0 = np.array([1.0, -2.0, 3.0, 0.5])


def grad_of(w):
    return A * w + B


def run(optimizer_fn, steps=8):
    """Steps a ptorch optimizer on the quadratic; returns the trajectory of parameters."""
    p = Variable(ptorch.DoubleTensor(W0.copy()), requires_grad=True)
    opt = optimizer_fn([p])
    out = []
    for _ in range(steps):
        opt.zero_grad()
        g = grad_of(p.data.numpy())
        p.grad = Variable(ptorch.DoubleTensor(g))
        opt.step()
        out.append(p.data.numpy().copy())
    return np.array(out), opt, p


def reference(update, steps=8):
    w, state, out = W0.copy(), {}, []
    for t in range(1, steps + 1):
        w = update(w, grad_of(w), state, t)
        out.append(w.copy())
    return np.array(out)


def sgd_ref(lr, momentum=0.0, dampening=0.0, wd=0.0, nesterov=False):
    def update(w, g, s, t):
        g = g + wd * w
        if momentum:
            s["buf"] = g.copy() if t == 1 else momentum * s["buf"] + (1 - dampening) * g
            g = g + momentum * s["buf"] if nesterov else s["buf"]
        return w - lr * g
    return update


def adam_ref(lr, b1, b2, eps, wd=0.0):
    def update(w, g, s, t):
        g = g + wd * w
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["v"] = b2 * s.get("v", 0) + (1 - b2) * g * g
        step = lr * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return w - step * s["m"] / (np.sqrt(s["v"]) + eps)
    return update


def adamax_ref(lr, b1, b2, eps):
    def update(w, g, s, t):
        s["m"] = b1 * s.get("m", 0) + (1 - b1) * g
        s["u"] = np.maximum(b2 * s.get("u", 0), np.abs(g) + eps)
        return w - lr / (1 - b1 ** t) * s["m"] / s["u"]
    return update


def adagrad_ref(lr, lr_decay=0.0, init=0.0):
    def update(w, g, s, t):
        s["sum"] = s.get("sum", init) + g * g
        clr = lr / (1 + (t - 1) * lr_decay)
        return w - clr * g / (np.sqrt(s["sum"]) + 1e-10)
    return update


def adadelta_ref(lr, rho, eps):
    def update(w, g, s, t):
        s["sq"] = rho * s.get("sq", 0) + (1 - rho) * g * g
        delta = np.sqrt(s.get("acc", 0) + eps) / np.sqrt(s["sq"] + eps) * g
        s["acc"] = rho * s.get("acc", 0) + (1 - rho) * delta * delta
        return w - lr * delta
    return update


def rmsprop_ref(lr, alpha, eps, momentum=0.0, centered=False):
    def update(w, g, s, t):
        s["sq"] = alpha * s.get("sq", 0) + (1 - alpha) * g * g
        if centered:
            s["ga"] = alpha * s.get("ga", 0) + (1 - alpha) * g
            avg = np.sqrt(s["sq"] - s["ga"] ** 2) + eps
        else:
            avg = np.sqrt(s["sq"]) + eps
        if momentum:
            s["buf"] = momentum * s.get("buf", 0) + g / avg
            return w - lr * s["buf"]
        return w - lr * g / avg
    return update


def asgd_ref(lr, lambd, alpha, t0):
    def update(w, g, s, t):
        eta, mu = s.get("eta", lr), s.get("mu", 1.0)
        w = w * (1 - lambd * eta) - eta * g
        s["ax"] = w.copy() if mu == 1 else s["ax"] + mu * (w - s["ax"])
        s["eta"] = lr / (1 + lambd * lr * t) ** alpha
        s["mu"] = 1 / max(1, t - t0)
        return w
    return update


def rprop_ref(lr, etas, sizes):
    def update(w, g, s, t):
        prev = s.get("prev", np.zeros_like(w))
        step = s.get("step", np.full_like(w, lr))
        prod = g * prev
        factor = np.where(prod > 0, etas[1], np.where(prod < 0, etas[0], 1.0))
        step = np.clip(step * factor, *sizes)
        g = np.where(prod < 0, 0.0, g)
        s["prev"], s["step"] = g, step
        return w - np.sign(g) * step
    return update


CASES = [
    (lambda p: optim.SGD(p, lr=0.1), sgd_ref(0.1)),
    (lambda p: optim.SGD(p, lr=0.1, momentum=0.9), sgd_ref(0.1, 0.9)),
    (lambda p: optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.3, weight_decay=0.1),
     sgd_ref(0.1, 0.9, 0.3, 0.1)),
    (lambda p: optim.SGD(p, lr=0.05, momentum=0.8, nesterov=True),
     sgd_ref(0.05, 0.8, nesterov=True)),
    (lambda p: optim.Adam(p, lr=0.1), adam_ref(0.1, 0.9, 0.999, 1e-8)),
    (lambda p: optim.Adam(p, lr=0.05, betas=(0.8, 0.9), weight_decay=0.1),
     adam_ref(0.05, 0.8, 0.9, 1e-8, 0.1)),
    (lambda p: optim.Adamax(p, lr=0.1), adamax_ref(0.1, 0.9, 0.999, 1e-8)),
    (lambda p: optim.Adagrad(p, lr=0.3, lr_decay=0.1, initial_accumulator_value=0.1),
     adagrad_ref(0.3, 0.1, 0.1)),
    (lambda p: optim.Adadelta(p, lr=1.0, rho=0.9), adadelta_ref(1.0, 0.9, 1e-6)),
    (lambda p: optim.RMSprop(p, lr=0.01), rmsprop_ref(0.01, 0.99, 1e-8)),
    (lambda p: optim.RMSprop(p, lr=0.01, momentum=0.5, centered=True),
     rmsprop_ref(0.01, 0.99, 1e-8, 0.5, True)),
    (lambda p: optim.ASGD(p, lr=0.1, t0=3), asgd_ref(0.1, 1e-4, 0.75, 3)),
    (lambda p: optim.Rprop(p, lr=0.1), rprop_ref(0.1, (0.5, 1.2), (1e-6, 50))),
]


@pytest.mark.parametrize("make,update", CASES)
def test_trajectory_matches_update_rule(make, update):
    got, _, _ = run(make)
    np.testing.assert_allclose(got, reference(update), rtol=1e-10, atol=1e-12)


def test_optimizers_minimise_the_quadratic():
    w_star = -B / A
    for make in (lambda p: optim.SGD(p, lr=0.2, momentum=0.5), lambda p: optim.Adam(p, lr=0.1),
                 lambda p: optim.RMSprop(p, lr=0.05), lambda p: optim.Adagrad(p, lr=0.5)):
        got, _, _ = run(make, steps=300)
        np.testing.assert_allclose(got[-1], w_star, atol=2e-2)


def test_lbfgs_solves_the_quadratic():
    p = Variable(ptorch.DoubleTensor(W0.copy()), requires_grad=True)
    opt = optim.LBFGS([p], lr=1, max_iter=50)

    def closure():
        opt.zero_grad()
        w = p.data.numpy()
        p.grad = Variable(ptorch.DoubleTensor(grad_of(w)))
        return float(0.5 * np.sum(A * w * w) + B @ w)

    opt.step(closure)
    np.testing.assert_allclose(p.data.numpy(), -B / A, atol=1e-6)
    with raises(RuntimeError, "needs a closure"):
        opt.step(None)


def test_state_dict_round_trip_continues_identically():
    make = lambda p: optim.Adam(p, lr=0.1)  # noqa: E731
    full, _, _ = run(make, steps=8)
    half, opt, p = run(make, steps=4)
    saved = opt.state_dict()
    assert saved["param_groups"][0]["params"] == [0] and 0 in saved["state"]
    p2 = Variable(p.data.clone(), requires_grad=True)
    opt2 = optim.Adam([p2], lr=0.5)
    opt2.load_state_dict(saved)
    assert opt2.param_groups[0]["lr"] == 0.1
    for _ in range(4):
        p2.grad = Variable(ptorch.DoubleTensor(grad_of(p2.data.numpy())))
        opt2.step()
    np.testing.assert_allclose(p2.data.numpy(), full[-1], rtol=1e-12)


def test_param_groups_with_own_options():
    a = Variable(ptorch.DoubleTensor([1.0]), requires_grad=True)
    b = Variable(ptorch.DoubleTensor([1.0]), requires_grad=True)
    opt = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1)
    a.grad = Variable(ptorch.DoubleTensor([1.0]))
    b.grad = Variable(ptorch.DoubleTensor([1.0]))
    opt.step()
    assert a.data[0] == pytest.approx(0.9) and b.data[0] == pytest.approx(0.5)
    opt.zero_grad()
    assert a.grad.data[0] == 0 and b.grad.data[0] == 0


def test_schedulers():
    p = Variable(ptorch.DoubleTensor([1.0]), requires_grad=True)
    opt = optim.SGD([p], lr=1.0)
    sched = optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    lrs = []
    for _ in range(5):
        lrs.append(opt.param_groups[0]["lr"])
        sched.step()
    assert lrs == [1.0, 1.0, 0.5, 0.5, 0.25]
    opt = optim.SGD([p], lr=1.0)
    sched = optim.lr_scheduler.MultiStepLR(opt, milestones=[1, 3], gamma=0.1)
    seen = []
    for _ in range(4):
        seen.append(opt.param_groups[0]["lr"])
        sched.step()
    assert seen == pytest.approx([1.0, 0.1, 0.1, 0.01])
    opt = optim.SGD([p], lr=2.0)
    sched = optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
    sched.step()
    assert opt.param_groups[0]["lr"] == 1.0
    opt = optim.SGD([p], lr=2.0)
    sched = optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (e + 1))
    sched.step()
    assert opt.param_groups[0]["lr"] == 1.0
    opt = optim.SGD([p], lr=1.0)
    plateau = optim.lr_scheduler.ReduceLROnPlateau(opt, patience=1, factor=0.5)
    for metric in [1.0, 0.9, 0.95, 0.95, 0.95, 0.95]:
        plateau.step(metric)
    assert opt.param_groups[0]["lr"] == 0.25


def test_bad_input():
    p = Variable(ptorch.DoubleTensor([1.0]), requires_grad=True)
    with raises(ValueError, "empty parameter list"):
        optim.SGD([], lr=0.1)
    with raises(TypeError, "iterable of Variables"):
        optim.SGD(p, lr=0.1)
    with raises(TypeError, "can only optimize Variables"):
        optim.SGD([ptorch.DoubleTensor(2)], lr=0.1)
    with raises(ValueError, "non-leaf"):
        optim.SGD([p * 2], lr=0.1)
    with raises(ValueError, "doesn't require gradients"):
        optim.SGD([Variable(ptorch.DoubleTensor(1))], lr=0.1)
    with raises(ValueError, "required optimization parameter lr"):
        optim.SGD([p])
    with raises(ValueError, "invalid learning rate"):
        optim.Adam([p], lr=-1)
    with raises(ValueError, "more than one parameter group"):
        optim.SGD([{"params": [p]}, {"params": [p]}], lr=0.1)
    opt = optim.SGD([p], lr=0.1)
    other = optim.SGD([p, Variable(ptorch.DoubleTensor(1), requires_grad=True)], lr=0.1)
    with raises(ValueError, "has 2 parameters"):
        opt.load_state_dict(other.state_dict())
