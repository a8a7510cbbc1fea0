"""Variable: a tensor plus its place in the autograd graph. The graph bookkeeping every op
shares lives here (record, edge, version counters); the differentiable ops themselves are
grouped by family in _functions/ and installed as Variable methods at import."""
import weakref

from .. import _C
from . import _node
from ._node import Node, AccumulateGrad, RemovableHandle, SavedOutput

_Tensor = _C._CTensor
_NO_EDGE = (None, 0)
_object_new = object.__new__


class Variable:
    """Wraps a tensor, records the operations applied to it, and computes gradients.

    Variable(data, requires_grad=False, volatile=False): `requires_grad` marks a leaf whose
    gradient is wanted; `volatile` (inference mode) records nothing and propagates to every
    result. `.grad` accumulates gradients (a Variable); `.grad_fn` is the node that made a
    non-leaf Variable."""
    __slots__ = ("data", "_grad", "_requires_grad", "_volatile", "grad_fn", "_output_nr",
                 "_vc", "_hooks", "_grad_acc", "__weakref__")

    def __new__(cls, data=None, requires_grad=False, volatile=False):
        if data is None:
            from .. import FloatTensor
            data = FloatTensor()
        elif not isinstance(data, _Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got "
                            f"{type(data).__name__}")
        self = _object_new(cls)
        self.data = data
        self._grad = None
        self._volatile = bool(volatile)
        self._requires_grad = bool(requires_grad) and not self._volatile
        self.grad_fn = None
        self._output_nr = 0
        self._vc = None
        self._hooks = None
        self._grad_acc = None
        return self

    def __init__(self, *args, **kwargs):
        pass

    # ---- flags ----

    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        if self.grad_fn is not None:
            raise RuntimeError("you can only change requires_grad flags of leaf variables "
                               f"(this one was made by {self.grad_fn.name()})")
        if value and self._volatile:
            raise RuntimeError("a volatile Variable cannot require grad")
        self._requires_grad = bool(value)

    @property
    def volatile(self):
        return self._volatile

    @volatile.setter
    def volatile(self, value):
        if self.grad_fn is not None:
            raise RuntimeError("you can only change the volatile flag of leaf variables")
        self._volatile = bool(value)
        if value:
            self._requires_grad = False

    @property
    def is_leaf(self):
        return self.grad_fn is None

    @property
    def creator(self):
        """The 0.1 name of grad_fn."""
        return self.grad_fn

    @property
    def grad(self):
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Variable):
                raise TypeError(f"assigned grad must be a Variable or None, got "
                                f"{type(value).__name__}")
            if type(value.data) is not type(self.data):
                raise TypeError(f"assigned grad has type {value.data.type()}, but the "
                                f"Variable holds a {self.data.type()}")
            if not value.data.is_same_size(self.data):
                raise RuntimeError(f"assigned grad has size {_fmt(value.data.size())}, but "
                                   f"the Variable has size {_fmt(self.data.size())}")
        self._grad = value

    @property
    def output_nr(self):
        return self._output_nr

    def _version(self):
        return 0 if self._vc is None else self._vc[0]

    def _bump(self):
        if self._vc is None:
            self._vc = [1]
        else:
            self._vc[0] += 1

    def _shared_vc(self):
        """The version box, created on demand so that views can share it."""
        if self._vc is None:
            self._vc = [0]
        return self._vc

    def _accumulator(self):
        acc = self._grad_acc() if self._grad_acc is not None else None
        if acc is None:
            acc = AccumulateGrad(self)
            self._grad_acc = weakref.ref(acc)
        return acc

    # ---- backward and hooks ----

    def backward(self, gradient=None, retain_graph=None, create_graph=False,
                 retain_variables=None):
        """Computes the gradient of this Variable w.r.t. the graph leaves and accumulates it
        into their .grad. `gradient` is required unless the Variable has one element."""
        from .engine import backward
        backward((self,), None if gradient is None else (gradient,), retain_graph,
                 create_graph, retain_variables)

    def register_hook(self, hook):
        """hook(grad) -> Variable or None, called with this Variable's gradient; a returned
        Variable replaces it. Returns a handle whose .remove() unregisters the hook."""
        if self._volatile:
            raise RuntimeError("cannot register a hook on a volatile variable")
        if not self._requires_grad:
            raise RuntimeError("cannot register a hook on a variable that doesn't require "
                               "gradient")
        if self.grad_fn is not None:
            return self.grad_fn._add_pre_hook(self._output_nr, hook)
        if self._hooks is None:
            self._hooks = {}
        return RemovableHandle(self._hooks, hook)

    def retain_grad(self):
        """Keeps the gradient of a non-leaf Variable in .grad during backward."""
        if self.grad_fn is None:
            return
        ref = weakref.ref(self)

        def keep(grad):
            var = ref()
            if var is not None:
                if var._grad is None:
                    var._grad = Variable(grad.data.clone())
                else:
                    var._grad = Variable(var._grad.data + grad.data)
        self.grad_fn._add_pre_hook(self._output_nr, keep)

    def detach(self):
        """A new leaf Variable sharing this one's data (and version counter), outside the
        graph."""
        v = _new(self.data, None, False, self._volatile)
        v._vc = self._shared_vc()
        return v

    def detach_(self):
        """Makes this Variable a leaf outside the graph."""
        self.grad_fn = None
        self._output_nr = 0
        self._requires_grad = False
        return self

    def reinforce(self, reward):
        raise RuntimeError("reinforce() can be only called on outputs of stochastic functions")

    # ---- non-differentiable tensor queries ----

    def size(self, dim=None):
        return self.data.size() if dim is None else self.data.size(dim)

    @property
    def shape(self):
        return self.data.size()

    def dim(self):
        return self.data.dim()

    ndimension = dim

    def numel(self):
        return self.data.numel()

    nelement = numel

    def stride(self, dim=None):
        return self.data.stride() if dim is None else self.data.stride(dim)

    def is_contiguous(self):
        return self.data.is_contiguous()

    def is_same_size(self, other):
        return self.data.is_same_size(other.data if isinstance(other, Variable) else other)

    def storage_offset(self):
        return self.data.storage_offset()

    def data_ptr(self):
        return self.data.data_ptr()

    def element_size(self):
        return self.data.element_size()

    def get_device(self):
        return self.data.get_device()

    @property
    def is_cuda(self):
        return self.data.is_cuda

    @property
    def is_sparse(self):
        return self.data.is_sparse

    def __len__(self):
        return len(self.data)

    def __iter__(self):
        return iter([self[i] for i in range(self.size(0))] if self.dim() else [])

    def __repr__(self):
        return "Variable containing:\n" + repr(self.data)

    __str__ = __repr__

    def __hash__(self):
        return id(self)

    def __bool__(self):
        if self.data.numel() == 0:
            return False
        if self.data.numel() != 1:
            raise RuntimeError(f"bool value of Variable objects containing {self.data.numel()} "
                               "elements is ambiguous")
        return bool(self.data)

    def __float__(self):
        return float(self.data)

    def __int__(self):
        return int(self.data)

    def __index__(self):
        return self.data.__index__()

    def __deepcopy__(self, memo):
        if self.grad_fn is not None:
            raise RuntimeError("only Variables created explicitly by the user (graph leaves) "
                               "support the deepcopy protocol")
        v = type(self).__new__(type(self), self.data.clone(), self._requires_grad,
                               self._volatile)
        memo[id(self)] = v
        return v

    def __reduce_ex__(self, protocol):
        if self.grad_fn is not None:
            raise RuntimeError("only leaf Variables can be pickled")
        return (_rebuild_leaf, (type(self), self.data, self._requires_grad, self._volatile))

    def __getstate__(self):
        return None


def _rebuild_leaf(cls, data, requires_grad, volatile):
    return cls.__new__(cls, data, requires_grad, volatile)


def _fmt(size):
    return "[" + " x ".join(str(s) for s in size) + "]"


# ---- graph recording (the hot path of every differentiable op) ----

def _new(data, grad_fn, requires_grad, volatile):
    v = _object_new(Variable)
    v.data = data
    v._grad = None
    v._requires_grad = requires_grad
    v._volatile = volatile
    v.grad_fn = grad_fn
    v._output_nr = 0
    v._vc = None
    v._hooks = None
    v._grad_acc = None
    return v


def edge(v):
    """The (node, output_nr) edge along which v's gradient flows."""
    fn = v.grad_fn
    if fn is not None:
        return (fn, v._output_nr)
    if v._requires_grad:
        return (v._accumulator(), 0)
    return _NO_EDGE


def record(cls, data, *inputs):
    """(output Variable, node or None) for an op of node class cls on Variables inputs.
    The node is None when no input requires grad; volatility propagates."""
    requires = False
    for v in inputs:
        if v._volatile:
            return _new(data, None, False, True), None
        if v._requires_grad:
            requires = True
    if not requires:
        return _new(data, None, False, False), None
    fn = cls.__new__(cls)
    fn.next_functions = tuple([edge(v) for v in inputs])
    fn._saved = None
    fn._versions = None
    fn._pre_hooks = None
    fn._post_hooks = None
    return _new(data, fn, True, False), fn


def view_of(base, data, cls, *inputs):
    """record() for ops whose result shares base's memory: the result shares base's
    version counter, so in-place changes through either are seen by saved Variables."""
    out, fn = record(cls, data, base, *inputs)
    out._vc = base._shared_vc()
    return out, fn


def check_same_type(op, a, b):
    if type(a.data) is not type(b.data):
        raise TypeError(f"{op}: expected Variables of the same type, but got "
                        f"{a.data.type()} and {b.data.type()} (convert one with .type_as())")


def _rebuild_saved_output(saved, node):
    v = _new(saved.data, node, True, False)
    v._output_nr = saved.output_nr
    v._vc = saved.vc
    return v


_node._rebuild = _rebuild_saved_output

# Installs the differentiable ops (methods and operators) on Variable.
from ._functions import METHODS  # noqa: E402

for _name, _fn in METHODS.items():
    setattr(Variable, _name, _fn)
del _name, _fn
__all__ = ["Variable", "Node", "SavedOutput"]
