"""Averaged SGD and resilient backpropagation (Rprop)."""
from .optimizer import Optimizer


class ASGD(Optimizer):
    """Averaged stochastic gradient descent; the running average is state['ax']."""

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0):
        if lr < 0:
            raise ValueError(f"invalid learning rate: {lr}")
        super().__init__(params, dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0,
                                      weight_decay=weight_decay))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad.data
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["eta"] = group["lr"]
                    state["mu"] = 1
                    state["ax"] = grad.new().resize_as_(grad).zero_()
                state["step"] += 1
                if group["weight_decay"] != 0:
                    grad = grad.add(group["weight_decay"], p.data)
                p.data.mul_(1 - group["lambd"] * state["eta"])
                p.data.add_(-state["eta"], grad)
                if state["mu"] != 1:
                    state["ax"].add_(p.data.sub(state["ax"]).mul(state["mu"]))
                else:
                    state["ax"].copy_(p.data)
                state["eta"] = group["lr"] / (
                    (1 + group["lambd"] * group["lr"] * state["step"]) ** group["alpha"])
                state["mu"] = 1 / max(1, state["step"] - group["t0"])
        return loss


class Rprop(Optimizer):
    """Resilient backpropagation: per-element step sizes grow while the gradient keeps its
    sign and shrink when it flips (then that element is not moved in this step)."""

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50)):
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"invalid eta values: {etas} (need 0 < etaminus < 1 < etaplus)")
        super().__init__(params, dict(lr=lr, etas=etas, step_sizes=step_sizes))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            etaminus, etaplus = group["etas"]
            step_min, step_max = group["step_sizes"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad.data.clone()
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["prev"] = grad.new().resize_as_(grad).zero_()
                    state["step_size"] = grad.new().resize_as_(grad).fill_(group["lr"])
                state["step"] += 1
                product = grad.mul(state["prev"])
                factor = grad.new().resize_as_(grad).fill_(1)
                factor.masked_fill_(product.gt(0), etaplus)
                factor.masked_fill_(product.lt(0), etaminus)
                step_size = state["step_size"]
                step_size.mul_(factor).clamp_(step_min, step_max)
                grad.masked_fill_(product.lt(0), 0)
                p.data.addcmul_(-1, grad.sign(), step_size)
                state["prev"].copy_(grad)
        return loss
