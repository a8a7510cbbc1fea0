"""Stochastic gradient descent with momentum, dampening, Nesterov momentum, weight decay."""
from .optimizer import Optimizer, required


class SGD(Optimizer):
    def __init__(self, params, lr=required, momentum=0, dampening=0, weight_decay=0,
                 nesterov=False):
        if lr is not required and lr < 0.0:
            raise ValueError(f"invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"invalid momentum value: {momentum}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            wd, momentum = group["weight_decay"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                d_p = p.grad.data
                if wd != 0:
                    d_p = d_p.add(wd, p.data)
                if momentum != 0:
                    state = self.state[p]
                    if "momentum_buffer" not in state:
                        buf = state["momentum_buffer"] = d_p.clone()
                    else:
                        buf = state["momentum_buffer"]
                        buf.mul_(momentum).add_(1 - group["dampening"], d_p)
                    d_p = d_p.add(momentum, buf) if group["nesterov"] else buf
                p.data.add_(-group["lr"], d_p)
        return loss
