"""Containers: Sequential, ModuleList, ParameterList (and the deprecated Container)."""
import warnings
from collections import OrderedDict

from .module import Module
from .parameter import Parameter


class Container(Module):
    """Deprecated (0.1): a Module whose keyword arguments become children."""

    def __init__(self, **kwargs):
        super().__init__()
        warnings.warn("nn.Container is deprecated. All of its functionality is now "
                      "implemented in nn.Module. Subclass that instead.", stacklevel=2)
        for key, value in kwargs.items():
            self.add_module(key, value)


def _index(idx, n, what):
    if not isinstance(idx, int):
        raise TypeError(f"{what} indices must be integers, not {type(idx).__name__}")
    if not -n <= idx < n:
        raise IndexError(f"index {idx} is out of range for {what} of length {n}")
    return idx % n


class Sequential(Module):
    """Runs its modules in order, each on the previous one's output.
    Sequential(m1, m2, ...) names them '0', '1', ...; Sequential(OrderedDict) keeps names."""

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return Sequential(OrderedDict(list(self._modules.items())[idx]))
        return list(self._modules.values())[_index(idx, len(self), "Sequential")]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def forward(self, input):
        for module in self._modules.values():
            input = module(input)
        return input


class ModuleList(Module):
    """Holds submodules in a list (indexed, iterated, appended) so that they are registered."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return ModuleList(list(self._modules.values())[idx])
        return self._modules[str(_index(idx, len(self), "ModuleList"))]

    def __setitem__(self, idx, module):
        self.add_module(str(_index(idx, len(self), "ModuleList")), module)

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __iadd__(self, modules):
        return self.extend(modules)

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        if isinstance(modules, (Module, str)) or not hasattr(modules, "__iter__"):
            raise TypeError("ModuleList.extend should be called with an iterable of modules, "
                            f"but got {type(modules).__name__}")
        for m in modules:
            self.append(m)
        return self

    def forward(self, *input):
        raise NotImplementedError("ModuleList is a container, not a layer: call its modules")


class ParameterList(Module):
    """Holds Parameters in a list so that they are registered."""

    def __init__(self, parameters=None):
        super().__init__()
        if parameters is not None:
            self.extend(parameters)

    def __getitem__(self, idx):
        if isinstance(idx, slice):
            return ParameterList(list(self._parameters.values())[idx])
        return self._parameters[str(_index(idx, len(self), "ParameterList"))]

    def __setitem__(self, idx, param):
        self.register_parameter(str(_index(idx, len(self), "ParameterList")), param)

    def __len__(self):
        return len(self._parameters)

    def __iter__(self):
        return iter(self._parameters.values())

    def __iadd__(self, parameters):
        return self.extend(parameters)

    def append(self, parameter):
        self.register_parameter(str(len(self)), parameter)
        return self

    def extend(self, parameters):
        if isinstance(parameters, Parameter) or not hasattr(parameters, "__iter__"):
            raise TypeError("ParameterList.extend should be called with an iterable of "
                            f"Parameters, but got {type(parameters).__name__}")
        for p in parameters:
            self.append(p)
        return self

    def forward(self, *input):
        raise NotImplementedError("ParameterList is a container, not a layer")
