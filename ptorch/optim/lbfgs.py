"""L-BFGS: a quasi-Newton method keeping the last `history_size` curvature pairs. Works on
one parameter group, with every parameter flattened into one vector. Needs a closure that
re-evaluates the model and returns the loss."""
from functools import reduce

from .optimizer import Optimizer


class LBFGS(Optimizer):
    def __init__(self, params, lr=1, max_iter=20, max_eval=None, tolerance_grad=1e-5,
                 tolerance_change=1e-9, history_size=100, line_search_fn=None):
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        if line_search_fn is not None:
            raise ValueError("LBFGS: line_search_fn is not supported (0.2 had none either)")
        super().__init__(params, dict(lr=lr, max_iter=max_iter, max_eval=max_eval,
                                      tolerance_grad=tolerance_grad,
                                      tolerance_change=tolerance_change,
                                      history_size=history_size, line_search_fn=None))
        if len(self.param_groups) != 1:
            raise ValueError("LBFGS doesn't support per-parameter options (parameter groups)")
        self._params = self.param_groups[0]["params"]
        self._numel = reduce(lambda total, p: total + p.data.numel(), self._params, 0)

    def _flat_grad(self):
        parts = []
        for p in self._params:
            if p.grad is None:
                parts.append(p.data.new(p.data.numel()).zero_())
            else:
                parts.append(p.grad.data.contiguous().view(-1))
        out = parts[0].new(self._numel)
        offset = 0
        for part in parts:
            n = part.numel()
            out.narrow(0, offset, n).copy_(part)
            offset += n
        return out

    def _add_to_params(self, step, direction):
        offset = 0
        for p in self._params:
            n = p.data.numel()
            p.data.add_(step, direction.narrow(0, offset, n).view_as(p.data))
            offset += n

    def step(self, closure):
        if closure is None:
            raise RuntimeError("LBFGS.step needs a closure that re-evaluates the model and "
                               "returns the loss")
        group = self.param_groups[0]
        lr, max_iter, max_eval = group["lr"], group["max_iter"], group["max_eval"]
        tol_grad, tol_change = group["tolerance_grad"], group["tolerance_change"]
        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)

        loss = float(closure())
        evals = 1
        state["func_evals"] += 1
        flat_grad = self._flat_grad()
        if flat_grad.abs().max() <= tol_grad:
            return loss

        d, t = state.get("d"), state.get("t")
        old_dirs, old_stps = state.get("old_dirs", []), state.get("old_stps", [])
        H_diag = state.get("H_diag", 1)
        prev_flat_grad, prev_loss = state.get("prev_flat_grad"), state.get("prev_loss")

        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            state["n_iter"] += 1
            if state["n_iter"] == 1:
                d = flat_grad.neg()
                old_dirs, old_stps = [], []
                H_diag = 1
            else:
                y = flat_grad.sub(prev_flat_grad)
                s = d.mul(t)
                ys = y.dot(s)
                if ys > 1e-10:  # keep only pairs with positive curvature
                    if len(old_dirs) == group["history_size"]:
                        old_dirs.pop(0)
                        old_stps.pop(0)
                    old_dirs.append(s)
                    old_stps.append(y)
                    H_diag = ys / y.dot(y)
                # two-loop recursion: d = -H * grad
                q = flat_grad.neg()
                alphas = []
                for s_i, y_i in zip(reversed(old_dirs), reversed(old_stps)):
                    rho = 1.0 / y_i.dot(s_i)
                    a = rho * s_i.dot(q)
                    alphas.append((a, rho))
                    q.add_(-a, y_i)
                d = q.mul(H_diag)
                for (s_i, y_i), (a, rho) in zip(zip(old_dirs, old_stps), reversed(alphas)):
                    b = rho * y_i.dot(d)
                    d.add_(a - b, s_i)
            prev_flat_grad = flat_grad.clone()
            prev_loss = loss
            # the first step is scaled so that it is not too long
            if state["n_iter"] == 1:
                t = min(1.0, 1.0 / float(flat_grad.abs().sum())) * lr
            else:
                t = lr
            gtd = flat_grad.dot(d)
            if gtd > -tol_change:
                break  # not a descent direction
            self._add_to_params(t, d)
            if n_iter != max_iter:
                loss = float(closure())
                evals += 1
                state["func_evals"] += 1
                flat_grad = self._flat_grad()
            if n_iter == max_iter or evals >= max_eval:
                break
            if flat_grad.abs().max() <= tol_grad:
                break
            if d.mul(t).abs().max() <= tol_change or abs(loss - prev_loss) < tol_change:
                break

        state.update(d=d, t=t, old_dirs=old_dirs, old_stps=old_stps, H_diag=H_diag,
                     prev_flat_grad=prev_flat_grad, prev_loss=prev_loss)
        return loss
