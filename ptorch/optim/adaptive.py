"""The adaptive optimizers: Adam, Adamax, Adagrad, Adadelta, RMSprop."""
import math

from .optimizer import Optimizer


def _check(name, value, low=0.0, high=None):
    if value < low or (high is not None and value >= high):
        raise ValueError(f"invalid {name}: {value}")


def _grads(group):
    for p in group["params"]:
        if p.grad is not None:
            grad = p.grad.data
            if group.get("weight_decay", 0) != 0:
                grad = grad.add(group["weight_decay"], p.data)
            yield p, grad


class Adam(Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0):
        _check("learning rate", lr)
        _check("beta1", betas[0], 0.0, 1.0)
        _check("beta2", betas[1], 0.0, 1.0)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p, grad in _grads(group):
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["exp_avg"] = grad.new().resize_as_(grad).zero_()
                    state["exp_avg_sq"] = grad.new().resize_as_(grad).zero_()
                state["step"] += 1
                exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
                exp_avg.mul_(beta1).add_(1 - beta1, grad)
                exp_avg_sq.mul_(beta2).addcmul_(1 - beta2, grad, grad)
                denom = exp_avg_sq.sqrt().add_(group["eps"])
                correction1 = 1 - beta1 ** state["step"]
                correction2 = 1 - beta2 ** state["step"]
                step_size = group["lr"] * math.sqrt(correction2) / correction1
                p.data.addcdiv_(-step_size, exp_avg, denom)
        return loss


class Adamax(Optimizer):
    """Adam with the infinity norm."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0):
        _check("learning rate", lr)
        _check("beta1", betas[0], 0.0, 1.0)
        _check("beta2", betas[1], 0.0, 1.0)
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p, grad in _grads(group):
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["exp_avg"] = grad.new().resize_as_(grad).zero_()
                    state["exp_inf"] = grad.new().resize_as_(grad).zero_()
                state["step"] += 1
                exp_avg, exp_inf = state["exp_avg"], state["exp_inf"]
                exp_avg.mul_(beta1).add_(1 - beta1, grad)
                exp_inf.mul_(beta2).cmax_(grad.abs().add_(group["eps"]))
                clr = group["lr"] / (1 - beta1 ** state["step"])
                p.data.addcdiv_(-clr, exp_avg, exp_inf)
        return loss


class Adagrad(Optimizer):
    def __init__(self, params, lr=1e-2, lr_decay=0, weight_decay=0,
                 initial_accumulator_value=0):
        _check("learning rate", lr)
        _check("lr_decay", lr_decay)
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value))
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                state["step"] = 0
                state["sum"] = p.data.new().resize_as_(p.data).fill_(
                    group["initial_accumulator_value"])

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p, grad in _grads(group):
                state = self.state[p]
                state["step"] += 1
                clr = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
                state["sum"].addcmul_(1, grad, grad)
                std = state["sum"].sqrt().add_(1e-10)
                p.data.addcdiv_(-clr, grad, std)
        return loss


class Adadelta(Optimizer):
    def __init__(self, params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0):
        _check("learning rate", lr)
        _check("rho", rho, 0.0, 1.0 + 1e-12)
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            rho, eps = group["rho"], group["eps"]
            for p, grad in _grads(group):
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["square_avg"] = grad.new().resize_as_(grad).zero_()
                    state["acc_delta"] = grad.new().resize_as_(grad).zero_()
                state["step"] += 1
                square_avg, acc_delta = state["square_avg"], state["acc_delta"]
                square_avg.mul_(rho).addcmul_(1 - rho, grad, grad)
                std = square_avg.add(eps).sqrt_()
                delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
                p.data.add_(-group["lr"], delta)
                acc_delta.mul_(rho).addcmul_(1 - rho, delta, delta)
        return loss


class RMSprop(Optimizer):
    def __init__(self, params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0,
                 centered=False):
        _check("learning rate", lr)
        _check("alpha", alpha)
        _check("momentum", momentum)
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                      momentum=momentum, centered=centered))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            alpha = group["alpha"]
            for p, grad in _grads(group):
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["square_avg"] = grad.new().resize_as_(grad).zero_()
                    if group["momentum"] > 0:
                        state["momentum_buffer"] = grad.new().resize_as_(grad).zero_()
                    if group["centered"]:
                        state["grad_avg"] = grad.new().resize_as_(grad).zero_()
                state["step"] += 1
                square_avg = state["square_avg"]
                square_avg.mul_(alpha).addcmul_(1 - alpha, grad, grad)
                if group["centered"]:
                    grad_avg = state["grad_avg"]
                    grad_avg.mul_(alpha).add_(1 - alpha, grad)
                    avg = square_avg.addcmul(-1, grad_avg, grad_avg).sqrt().add_(group["eps"])
                else:
                    avg = square_avg.sqrt().add_(group["eps"])
                if group["momentum"] > 0:
                    buf = state["momentum_buffer"]
                    buf.mul_(group["momentum"]).addcdiv_(grad, avg)
                    p.data.add_(-group["lr"], buf)
                else:
                    p.data.addcdiv_(-group["lr"], grad, avg)
        return loss
