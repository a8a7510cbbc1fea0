"""ptorch.autograd: automatic differentiation of arbitrary scalar-valued functions, with
the torch 0.2 API (Variable, Function, backward, grad, gradcheck)."""
from .variable import Variable
from .function import Function, InplaceFunction, NestedIOFunction, once_differentiable
from .engine import backward, grad
from .gradcheck import gradcheck, gradgradcheck
from . import _dispatch

__all__ = ["Variable", "Function", "backward", "grad", "gradcheck", "gradgradcheck"]


def _install_dispatch():
    import ptorch
    from .. import _ops
    _dispatch.install(ptorch, _ops.__all__)


_install_dispatch()
