"""Optimizer: parameter groups, per-parameter state, state_dict round trips."""
from collections import defaultdict
from copy import deepcopy
from itertools import chain

import ptorch


class _Required:
    """Marks a hyper-parameter that has no default (e.g. SGD's lr)."""

    def __repr__(self):
        return "<required parameter>"


required = _Required()


def _is_variable(obj):
    from ..autograd import Variable
    return isinstance(obj, Variable)


class Optimizer:
    """Base of all optimizers. params: an iterable of Variables, or of dicts that define
    parameter groups (each with a 'params' entry and options overriding `defaults`)."""

    def __init__(self, params, defaults):
        if _is_variable(params) or ptorch.is_tensor(params):
            raise TypeError("params argument given to the optimizer should be an iterable of "
                            f"Variables or dicts, but got {ptorch.typename(params)}")
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        groups = list(params)
        if len(groups) == 0:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def __getstate__(self):
        return {"defaults": self.defaults, "state": self.state,
                "param_groups": self.param_groups}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def __repr__(self):
        lines = [type(self).__name__ + " ("]
        for i, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {i}")
            for key in sorted(group):
                if key != "params":
                    lines.append(f"    {key}: {group[key]}")
        lines.append(")")
        return "\n".join(lines)

    def add_param_group(self, param_group):
        """Adds a group of parameters with its options (missing options take defaults)."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param group must be a dict, got {type(param_group).__name__}")
        params = param_group["params"]
        if _is_variable(params):
            params = [params]
        elif isinstance(params, set):
            raise TypeError("optimizer parameters need to be organized in ordered collections, "
                            "but the ordering of tensors in sets will change between runs; "
                            "use a list instead")
        params = list(params)
        for i, p in enumerate(params):
            if not _is_variable(p):
                raise TypeError(f"optimizer can only optimize Variables, but parameter {i} "
                                f"is a {ptorch.typename(p)}")
            if not p.requires_grad:
                raise ValueError(f"optimizing parameter {i} that doesn't require gradients")
            if not p.is_leaf:
                raise ValueError(f"can't optimize a non-leaf Variable (parameter {i}): "
                                 "optimize the leaves it was computed from")
        param_group = dict(param_group, params=params)
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError(f"parameter group didn't specify a value of required "
                                 f"optimization parameter {name}")
            param_group.setdefault(name, default)
        seen = set(id(p) for g in self.param_groups for p in g["params"])
        if any(id(p) in seen for p in params):
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def state_dict(self):
        """The state and options as a dict; parameters are named by their position."""
        ids = {}
        packed_groups = []
        for group in self.param_groups:
            packed = {k: v for k, v in group.items() if k != "params"}
            packed["params"] = []
            for p in group["params"]:
                ids.setdefault(id(p), len(ids))
                packed["params"].append(ids[id(p)])
            packed_groups.append(packed)
        state = {ids[id(p)]: v for p, v in self.state.items() if id(p) in ids}
        return {"state": state, "param_groups": packed_groups}

    def load_state_dict(self, state_dict):
        """Loads a state returned by state_dict (of an optimizer over the same shapes)."""
        state_dict = deepcopy(state_dict)
        groups = self.param_groups
        saved_groups = state_dict["param_groups"]
        if len(groups) != len(saved_groups):
            raise ValueError(f"loaded state dict has {len(saved_groups)} parameter groups, "
                             f"but the optimizer has {len(groups)}")
        for i, (g, sg) in enumerate(zip(groups, saved_groups)):
            if len(g["params"]) != len(sg["params"]):
                raise ValueError(f"loaded state dict's parameter group {i} has "
                                 f"{len(sg['params'])} parameters, but the optimizer's has "
                                 f"{len(g['params'])}")
        id_map = {old: p for old, p in zip(chain(*(g["params"] for g in saved_groups)),
                                           chain(*(g["params"] for g in groups)))}
        self.state = defaultdict(dict)
        for key, value in state_dict["state"].items():
            param = id_map[key]
            self.state[param] = {k: _cast_like(param, v) for k, v in value.items()}
        for g, sg in zip(groups, saved_groups):
            g.update({k: v for k, v in sg.items() if k != "params"})

    def zero_grad(self):
        """Zeroes the gradients of all the parameters."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.grad.data.zero_()

    def step(self, closure=None):
        raise NotImplementedError


def _cast_like(param, value):
    """State tensors follow the parameter's type (e.g. after model.double())."""
    if ptorch.is_tensor(value) and value._real in ("Float", "Double", "Half"):
        return value.type(param.data.type())
    return value
