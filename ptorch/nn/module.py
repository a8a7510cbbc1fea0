"""Module: the base class of every layer. Holds parameters, buffers and submodules (registered
by attribute assignment), hooks, the train/eval flag, state_dict and type moves."""
import functools
from collections import OrderedDict

from .. import _C
from ..autograd import Variable
from .parameter import Parameter

_Tensor = _C._CTensor


class RemovableHandle:
    """Returned by the register_*_hook methods; .remove() unregisters the hook."""
    _next_id = 0

    def __init__(self, hooks_dict):
        self.hooks_dict = hooks_dict
        self.id = RemovableHandle._next_id
        RemovableHandle._next_id += 1

    def remove(self):
        self.hooks_dict.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.remove()


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


def _is_float(t):
    return t._real in ("Float", "Double", "Half")


def _addindent(text, n):
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * n + line for line in lines[1:])


class Module:
    """Base class for all neural network modules; subclasses define forward(*input).

    Assigning a Parameter, a Module, or (through register_buffer) a tensor to an attribute
    registers it, so that parameters(), state_dict(), .double() etc. see it."""
    dump_patches = False

    def __init__(self):
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_backward_hooks", OrderedDict())
        object.__setattr__(self, "_forward_hooks", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", OrderedDict())
        object.__setattr__(self, "training", True)

    def forward(self, *input):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    # ---- registration ----

    def _check_name(self, name, what):
        if not isinstance(name, str):
            raise TypeError(f"{what} name should be a string, got {type(name).__name__}")
        if "." in name:
            raise KeyError(f"{what} name cannot contain a dot, got {name!r}")
        if name == "":
            raise KeyError(f"{what} name cannot be empty")

    def register_buffer(self, name, tensor):
        """Adds a persistent tensor (e.g. BatchNorm's running_mean) that is not a parameter
        but is saved in state_dict and moved by .double()/.float()."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        self._check_name(name, "buffer")
        if hasattr(self, name) and name not in self._buffers:
            raise KeyError(f"attribute '{name}' already exists")
        if tensor is not None and not isinstance(tensor, _Tensor):
            raise TypeError(f"cannot assign '{type(tensor).__name__}' object to buffer "
                            f"'{name}' (a tensor or None is required)")
        self._buffers[name] = tensor

    def register_parameter(self, name, param):
        """Adds a parameter (a Parameter or None) under the given name."""
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        self._check_name(name, "parameter")
        if hasattr(self, name) and name not in self._parameters:
            raise KeyError(f"attribute '{name}' already exists")
        if param is None:
            self._parameters[name] = None
            return
        if not isinstance(param, Parameter):
            raise TypeError(f"cannot assign '{type(param).__name__}' object to parameter "
                            f"'{name}' (ptorch.nn.Parameter or None required)")
        if param.grad_fn is not None:
            raise ValueError(f"cannot assign non-leaf Variable to parameter '{name}'. Model "
                             "parameters must be created explicitly; to express one as a "
                             "function of another Variable, compute it in forward()")
        self._parameters[name] = param

    def add_module(self, name, module):
        """Adds a child module under the given name."""
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{type(module).__name__} is not a Module subclass")
        self._check_name(name, "module")
        if hasattr(self, name) and name not in self._modules:
            raise KeyError(f"attribute '{name}' already exists")
        self._modules[name] = module

    def __getattr__(self, name):
        d = self.__dict__
        for table in ("_parameters", "_buffers", "_modules"):
            if table in d and name in d[table]:
                return d[table][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        d = self.__dict__

        def drop(*tables):
            for t in tables:
                if t in d:
                    d[t].pop(name, None)
            d.pop(name, None)

        params = d.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            drop("_buffers", "_modules")
            self.register_parameter(name, value)
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(f"cannot assign '{type(value).__name__}' as parameter "
                                f"'{name}' (ptorch.nn.Parameter or None expected)")
            self.register_parameter(name, value)
        elif isinstance(value, Module):
            if "_modules" not in d:
                raise AttributeError("cannot assign module before Module.__init__() call")
            drop("_parameters", "_buffers")
            d["_modules"][name] = value
        elif "_modules" in d and name in d["_modules"]:
            if value is not None:
                raise TypeError(f"cannot assign '{type(value).__name__}' as child module "
                                f"'{name}' (ptorch.nn.Module or None expected)")
            d["_modules"][name] = value
        elif "_buffers" in d and name in d["_buffers"]:
            if value is not None and not isinstance(value, _Tensor):
                raise TypeError(f"cannot assign '{type(value).__name__}' as buffer '{name}' "
                                "(a tensor or None expected)")
            d["_buffers"][name] = value
        else:
            object.__setattr__(self, name, value)

    def __delattr__(self, name):
        for table in ("_parameters", "_buffers", "_modules"):
            if name in self.__dict__.get(table, ()):
                del self.__dict__[table][name]
                return
        object.__delattr__(self, name)

    def __dir__(self):
        keys = list(type(self).__dict__) + list(self.__dict__) + list(self._parameters) + \
            list(self._modules) + list(self._buffers)
        return sorted(k for k in set(keys) if not k[0].isdigit())

    # ---- calling, hooks ----

    def register_forward_pre_hook(self, hook):
        """hook(module, input) runs before forward; returns a handle with .remove()."""
        handle = RemovableHandle(self._forward_pre_hooks)
        self._forward_pre_hooks[handle.id] = hook
        return handle

    def register_forward_hook(self, hook):
        """hook(module, input, output) runs after forward; a non-None return value raises
        (as in 0.2, forward hooks cannot replace the output)."""
        handle = RemovableHandle(self._forward_hooks)
        self._forward_hooks[handle.id] = hook
        return handle

    def register_backward_hook(self, hook):
        """hook(module, grad_input, grad_output) runs when the gradients with respect to the
        module's output are computed; it may return a replacement grad_input tuple."""
        handle = RemovableHandle(self._backward_hooks)
        self._backward_hooks[handle.id] = hook
        return handle

    def __call__(self, *input, **kwargs):
        for hook in list(self._forward_pre_hooks.values()):
            hook(self, input)
        result = self.forward(*input, **kwargs)
        for hook in list(self._forward_hooks.values()):
            if hook(self, input, result) is not None:
                raise RuntimeError("forward hooks should never return any values, but "
                                   f"'{hook}' didn't return None")
        if self._backward_hooks:
            var = result
            while not isinstance(var, Variable):
                if isinstance(var, dict):
                    var = next(v for v in var.values() if isinstance(v, Variable))
                elif isinstance(var, (list, tuple)) and var:
                    var = var[0]
                else:
                    var = None
                    break
            grad_fn = None if var is None else var.grad_fn
            if grad_fn is not None:
                for hook in self._backward_hooks.values():
                    grad_fn.register_hook(functools.partial(_backward_hook, hook, self))
        return result

    # ---- traversal ----

    def parameters(self):
        """Iterator over the module's parameters and those of its submodules (each once)."""
        for _, p in self.named_parameters():
            yield p

    def named_parameters(self, memo=None, prefix=""):
        """Iterator over (name, parameter) pairs, names dotted like 'layer1.weight'."""
        if memo is None:
            memo = set()
        for name, p in self._parameters.items():
            if p is not None and id(p) not in memo:
                memo.add(id(p))
                yield prefix + ("." if prefix else "") + name, p
        for mname, module in self.named_children():
            sub = prefix + ("." if prefix else "") + mname
            for name, p in module.named_parameters(memo, sub):
                yield name, p

    def _all_buffers(self, memo=None):
        if memo is None:
            memo = set()
        for b in self._buffers.values():
            if b is not None and id(b) not in memo:
                memo.add(id(b))
                yield b
        for module in self.children():
            for b in module._all_buffers(memo):
                yield b

    def children(self):
        """Iterator over the immediate child modules (each once)."""
        for _, m in self.named_children():
            yield m

    def named_children(self):
        memo = set()
        for name, m in self._modules.items():
            if m is not None and id(m) not in memo:
                memo.add(id(m))
                yield name, m

    def modules(self):
        """Iterator over all modules of the tree, this one first (each once)."""
        for _, m in self.named_modules():
            yield m

    def named_modules(self, memo=None, prefix=""):
        if memo is None:
            memo = set()
        if id(self) in memo:
            return
        memo.add(id(self))
        yield prefix, self
        for name, m in self._modules.items():
            if m is None:
                continue
            sub = prefix + ("." if prefix else "") + name
            for pair in m.named_modules(memo, sub):
                yield pair

    def apply(self, fn):
        """Calls fn on every submodule (children first) and then on self; returns self."""
        for m in self.children():
            m.apply(fn)
        fn(self)
        return self

    def train(self, mode=True):
        """Sets training mode (affects Dropout, BatchNorm, ...) on the whole tree."""
        self.training = bool(mode)
        for m in self.children():
            m.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def zero_grad(self):
        """Zeroes the gradients of all parameters (in place; graphs are detached)."""
        for p in self.parameters():
            if p.grad is not None:
                if p.grad.grad_fn is not None:
                    p.grad = Variable(p.grad.data.new(p.grad.data.size()).zero_())
                else:
                    p.grad.data.zero_()

    def share_memory(self):
        """Moves the data of every parameter (and of its .grad, if any) and every buffer
        into shared memory, in place: the tensors stay the same objects, so processes
        forked (or sent this module) afterwards update the same weights (Hogwild).
        Returns self."""
        return self._apply(_share_memory)

    # ---- type moves ----

    def _apply(self, fn):
        for m in self.children():
            m._apply(fn)
        for p in self._parameters.values():
            if p is not None:
                p.data = fn(p.data)
                if p._grad is not None:
                    p._grad.data = fn(p._grad.data)
        for key, buf in self._buffers.items():
            if buf is not None:
                self._buffers[key] = fn(buf)
        return self

    def cuda(self, device=None):
        raise RuntimeError(f"cannot move {type(self).__name__} to CUDA: ptorch was built "
                           "without CUDA support (no GPU available)")

    def cpu(self):
        return self._apply(lambda t: t.cpu())

    def type(self, dst_type):
        """Casts all parameters and buffers to dst_type (a tensor class or its name)."""
        return self._apply(lambda t: t.type(dst_type))

    def float(self):
        return self._apply(lambda t: t.float() if _is_float(t) else t)

    def double(self):
        return self._apply(lambda t: t.double() if _is_float(t) else t)

    def half(self):
        return self._apply(lambda t: t.half() if _is_float(t) else t)

    # ---- state ----

    def state_dict(self, destination=None, prefix=""):
        """An OrderedDict of every parameter and buffer tensor (the .data of parameters),
        keyed by dotted names."""
        if destination is None:
            destination = OrderedDict()
        for name, p in self._parameters.items():
            if p is not None:
                destination[prefix + name] = p.data
        for name, b in self._buffers.items():
            if b is not None:
                destination[prefix + name] = b
        for name, m in self._modules.items():
            if m is not None:
                m.state_dict(destination, prefix + name + ".")
        return destination

    def load_state_dict(self, state_dict, strict=True):
        """Copies parameters and buffers from state_dict into this module (in place).
        With strict=True the keys must match exactly; sizes must match always."""
        own = self.state_dict()
        errors = []
        to_copy = []
        for name, value in state_dict.items():
            if name not in own:
                continue
            if isinstance(value, Variable):
                value = value.data
            if not isinstance(value, _Tensor):
                errors.append(f"value for '{name}' is a {type(value).__name__}, not a tensor")
                continue
            if own[name].size() != value.size():
                errors.append(f"size mismatch for '{name}': copying a param of size "
                              f"{_fmt(value.size())} into one of size {_fmt(own[name].size())}"
                              " in the model")
                continue
            to_copy.append((own[name], value))
        if strict:
            missing = [k for k in own if k not in state_dict]
            unexpected = [k for k in state_dict if k not in own]
            if unexpected:
                errors.insert(0, "unexpected key(s) in state_dict: " +
                              ", ".join(repr(k) for k in unexpected))
            if missing:
                errors.insert(0, "missing key(s) in state_dict: " +
                              ", ".join(repr(k) for k in missing))
        if errors:
            raise RuntimeError(f"error(s) in loading state_dict for {type(self).__name__}: "
                               + "; ".join(errors))
        for dst, src in to_copy:
            dst.copy_(src)

    # ---- printing ----

    def extra_repr(self):
        return ""

    def __repr__(self):
        extra = self.extra_repr()
        s = type(self).__name__ + "("
        if not self._modules:
            return s + extra + ")"
        lines = [extra] if extra else []
        for name, m in self._modules.items():
            lines.append("(" + name + "): " + _addindent(repr(m), 2))
        return s + "\n  " + "\n  ".join(lines) + "\n)"

    def __getstate__(self):
        state = self.__dict__.copy()
        # Attributes recomputed by a pre-hook (weight_norm's weight) are graph outputs, which
        # neither pickle nor deepcopy; __setstate__ recomputes them.
        for hook in self.__dict__.get("_forward_pre_hooks", {}).values():
            if getattr(hook, "recompute_on_load", False):
                state.pop(hook.name, None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.__dict__.setdefault("_forward_pre_hooks", OrderedDict())
        for hook in self._forward_pre_hooks.values():
            if getattr(hook, "recompute_on_load", False):
                hook(self, ())


def _backward_hook(hook, module, grad_input, grad_output):
    return hook(module, grad_input, grad_output)


def _share_memory(t):
    return t.share_memory_()  # installed on every tensor class by ptorch.multiprocessing
