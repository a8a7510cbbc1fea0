"""Finite-difference checks of the analytical gradients (run them on DoubleTensor inputs):
gradcheck compares the Jacobian from backward with central differences; gradgradcheck does
the same for the gradient computed with create_graph=True."""
import numpy as np

from .variable import Variable
from .engine import grad as _grad


def _as_tuple(x):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,)


def _outputs(fn, inputs):
    return [o for o in _as_tuple(fn(*inputs)) if isinstance(o, Variable)]


def _flat_values(outputs):
    return [o.data.numpy().astype(np.float64).ravel().copy() for o in outputs]


def _numerical(fn, inputs, targets, eps):
    """Jacobians d(output)/d(target), one (n_in x n_out) array per (target, output)."""
    base = _outputs(fn, inputs)
    jac = [[np.zeros((t.data.numel(), o.data.numel())) for o in base] for t in targets]
    for ti, t in enumerate(targets):
        arr = t.data.numpy()  # a view of the tensor's memory, strides included
        for k, idx in enumerate(np.ndindex(*arr.shape)):
            orig = arr[idx]
            arr[idx] = orig + eps
            plus = _flat_values(_outputs(fn, inputs))
            arr[idx] = orig - eps
            minus = _flat_values(_outputs(fn, inputs))
            arr[idx] = orig
            for oi in range(len(base)):
                jac[ti][oi][k] = (plus[oi] - minus[oi]) / (2 * eps)
    return jac


def _analytical(fn, inputs, targets):
    outputs = _outputs(fn, inputs)
    jac = [[np.zeros((t.data.numel(), o.data.numel())) for o in outputs] for t in targets]
    for oi, out in enumerate(outputs):
        if not out.requires_grad:
            continue
        flat = np.zeros(out.data.numel())
        for j in range(out.data.numel()):
            flat[:] = 0
            flat[j] = 1
            g = out.data.new(out.data.size()).copy_(
                type(out.data)(flat.astype(out.data.numpy().dtype)).view(out.data.size()))
            grads = _grad(out, targets, g, retain_graph=True, allow_unused=True)
            for ti, gi in enumerate(grads):
                if gi is not None:
                    jac[ti][oi][:, j] = gi.data.numpy().astype(np.float64).ravel()
    return jac


def gradcheck(func, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True):
    """True when the gradients of func at inputs (Variables; those with requires_grad are
    checked) match finite differences: |analytical - numerical| <= atol + rtol * |numerical|
    for every entry. Otherwise raises RuntimeError naming the output and input (or returns
    False with raise_exception=False)."""
    inputs = _as_tuple(inputs)
    targets = [i for i in inputs if isinstance(i, Variable) and i.requires_grad]
    if not targets:
        raise ValueError("gradcheck: no input requires grad")
    numerical = _numerical(func, inputs, targets, eps)
    analytical = _analytical(func, inputs, targets)
    for ti in range(len(targets)):
        for oi in range(len(numerical[ti])):
            n, a = numerical[ti][oi], analytical[ti][oi]
            if not (np.abs(a - n) <= atol + rtol * np.abs(n)).all():
                if not raise_exception:
                    return False
                raise RuntimeError(
                    f"Jacobian mismatch for output {oi} with respect to input {ti},\n"
                    f"numerical:{n}\nanalytical:{a}\n")
    return True


def gradgradcheck(func, inputs, grad_outputs=None, eps=1e-6, atol=1e-5, rtol=1e-3,
                  raise_exception=True):
    """gradcheck of the first derivatives of func (computed with create_graph=True) w.r.t.
    the inputs and the output gradients (random unless grad_outputs is given)."""
    inputs = _as_tuple(inputs)
    if grad_outputs is None:
        rng = np.random.default_rng(0)
        grad_outputs = []
        for o in _outputs(func, inputs):
            r = rng.standard_normal(tuple(o.data.size())).astype(o.data.numpy().dtype)
            grad_outputs.append(Variable(type(o.data)(r), requires_grad=True))
    grad_outputs = list(_as_tuple(grad_outputs))
    n_in = len(inputs)

    def first_derivatives(*args):
        ins, gos = args[:n_in], args[n_in:]
        outs = _outputs(func, ins)
        targets = [i for i in ins if isinstance(i, Variable) and i.requires_grad]
        grads = _grad(outs, targets, gos, create_graph=True, allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(first_derivatives, tuple(inputs) + tuple(grad_outputs), eps, atol, rtol,
                     raise_exception)
