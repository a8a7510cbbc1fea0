"""Weight normalization: weight = g * v / ||v||, recomputed before every forward."""
from ..parameter import Parameter


def _norm(v, dim):
    """||v|| over all dims but dim, keeping v's rank (dim=None: the whole tensor)."""
    if dim is None:
        return v.norm()
    if dim != 0:
        v = v.transpose(0, dim)
    n = v.contiguous().view(v.size(0), -1).norm(2, 1, keepdim=False)
    shape = [v.size(0)] + [1] * (v.dim() - 1)
    n = n.view(*shape)
    return n if dim == 0 else n.transpose(0, dim)


class WeightNorm:
    recompute_on_load = True

    def __init__(self, name, dim):
        self.name, self.dim = name, dim

    def compute_weight(self, module):
        g = getattr(module, self.name + "_g")
        v = getattr(module, self.name + "_v")
        if self.dim is None:
            return v * (g / _norm(v, None)).expand_as(v)
        return v * (g / _norm(v, self.dim)).expand_as(v)

    @staticmethod
    def apply(module, name, dim):
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, WeightNorm) and hook.name == name:
                raise RuntimeError(f"weight_norm: {name} already has weight norm")
        fn = WeightNorm(name, dim)
        weight = getattr(module, name)
        if not isinstance(weight, Parameter):
            raise ValueError(f"weight_norm: {type(module).__name__} has no parameter {name!r}")
        del module._parameters[name]
        from ...autograd import Variable
        g = _norm(Variable(weight.data), dim).data.clone()
        module.register_parameter(name + "_g", Parameter(g))
        module.register_parameter(name + "_v", Parameter(weight.data))
        object.__setattr__(module, name, fn.compute_weight(module))
        module.register_forward_pre_hook(fn)
        return fn

    def remove(self, module):
        weight = self.compute_weight(module)
        object.__delattr__(module, self.name)
        del module._parameters[self.name + "_g"]
        del module._parameters[self.name + "_v"]
        module.register_parameter(self.name, Parameter(weight.data))

    def __call__(self, module, inputs):
        object.__setattr__(module, self.name, self.compute_weight(module))


def weight_norm(module, name="weight", dim=0):
    """Replaces module.<name> by <name>_g (magnitude, one per slice along dim) and <name>_v
    (direction), recombined before each forward. Returns the module."""
    WeightNorm.apply(module, name, dim)
    return module


def remove_weight_norm(module, name="weight"):
    """Folds the weight norm back into a plain parameter."""
    for k, hook in list(module._forward_pre_hooks.items()):
        if isinstance(hook, WeightNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[k]
            return module
    raise ValueError(f"weight_norm of {name!r} not found in {type(module).__name__}")
