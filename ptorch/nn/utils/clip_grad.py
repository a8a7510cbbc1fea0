"""Gradient clipping by total norm."""


def clip_grad_norm(parameters, max_norm, norm_type=2):
    """Rescales the gradients of parameters in place so that their total norm (all of them
    together, as one vector) is at most max_norm; returns the total norm before clipping.
    norm_type may be float('inf') for the largest absolute value."""
    parameters = [p for p in parameters if p.grad is not None]
    max_norm, norm_type = float(max_norm), float(norm_type)
    if norm_type == float("inf"):
        total = max([p.grad.data.abs().max() for p in parameters], default=0.0)
    else:
        total = sum(p.grad.data.norm(norm_type) ** norm_type for p in parameters)
        total = total ** (1. / norm_type)
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for p in parameters:
            p.grad.data.mul_(coef)
    return total
