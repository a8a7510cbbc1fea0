"""User-defined differentiable operations. New style (0.2): static forward(ctx, ...) on
tensors and static backward(ctx, ...) on Variables, called through Fn.apply(...); the ctx is
the graph node. Old style (0.1): an instance with forward/backward on tensors, called as
Fn()(...). once_differentiable wraps a backward written on tensors."""
import functools

from .. import _C
from ._node import Node
from .variable import Variable, _new, edge, _fmt

_Tensor = _C._CTensor


class Function(Node):
    """Base of custom autograd functions; also the ctx object of new-style functions.

    ctx.save_for_backward(*tensors), ctx.saved_tensors / ctx.saved_variables,
    ctx.mark_dirty(*tensors) (inputs modified in place), ctx.mark_non_differentiable(*tensors),
    ctx.needs_input_grad (one bool per forward argument)."""
    _is_legacy = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        forward = None
        for klass in cls.__mro__:
            if "forward" in klass.__dict__:
                forward = klass.__dict__["forward"]
                break
        cls._is_legacy = not isinstance(forward, staticmethod)

    def __init__(self):
        self._init_ctx()

    def _init_ctx(self):
        self.next_functions = ()
        self._saved = None
        self._versions = None
        self._pre_hooks = None
        self._post_hooks = None
        self._to_save = None
        self._dirty = ()
        self._non_differentiable = ()
        self.needs_input_grad = ()
        self._n_out = 1

    # ---- the ctx API ----

    def save_for_backward(self, *tensors):
        self._to_save = tensors

    def mark_dirty(self, *tensors):
        self._dirty = tensors

    def mark_non_differentiable(self, *tensors):
        self._non_differentiable = tensors

    def mark_shared_storage(self, *pairs):
        pass  # outputs sharing inputs' storage need no bookkeeping here

    @property
    def saved_variables(self):
        if self._saved is None:
            raise RuntimeError(f"{self.name()}: no tensors were saved with "
                               "save_for_backward")
        return tuple(self.saved())

    @property
    def saved_tensors(self):
        return tuple(None if v is None else v.data for v in self.saved_variables)

    def name(self):
        return type(self).__name__

    # ---- forward ----

    @classmethod
    def apply(cls, *args):
        """Runs the new-style forward on the tensors of args and records the result."""
        if cls._is_legacy:
            raise RuntimeError(f"{cls.__name__}.apply needs a static forward(ctx, ...); "
                               f"call legacy functions as {cls.__name__}()(...)")
        ctx = cls.__new__(cls)
        ctx._init_ctx()
        return _run_forward(ctx, args, lambda *t: cls.forward(ctx, *t))

    def __call__(self, *args):
        if not self._is_legacy:
            raise RuntimeError(f"{self.name()} has a static forward: call "
                               f"{self.name()}.apply(...)")
        if "_dirty" not in self.__dict__:  # a subclass __init__ that skipped super().__init__
            self._init_ctx()
        if self.next_functions:
            raise RuntimeError(f"{self.name()}: a legacy Function instance can only be "
                               "called once; create a new instance for each call")
        return _run_forward(self, args, self.forward)

    # ---- backward (called by the engine) ----

    def _bw(self, *grads):
        grads = list(grads)
        # An output whose gradient never arrived counts as zeros: volatile in a plain
        # backward, but a constant of the graph under create_graph (any gradient that did
        # arrive is non-volatile), or the whole result would turn volatile.
        volatile = all(g._volatile for g in grads if g is not None)
        for i, g in enumerate(grads):
            if g is None:
                size, cls = self._out_meta[i]
                grads[i] = _new(cls(size).zero_(), None, False, volatile)
        if self._is_legacy:
            result = self.backward(*[g.data for g in grads])
            result = _as_tuple(result)
            result = tuple(None if r is None else _new(r, None, False, True) for r in result)
        else:
            result = _as_tuple(type(self).backward(self, *grads))
        return self._check_grads(result)

    def _check_grads(self, result):
        n_args = len(self._arg_meta)
        if len(result) < n_args:
            raise RuntimeError(f"function {self.name()} returned an incorrect number of "
                               f"gradients (expected {n_args}, got {len(result)})")
        grads = []
        for i, meta in enumerate(self._arg_meta):
            if meta is None:
                continue  # not a Variable argument: its gradient is ignored
            g = result[i]
            if g is not None:
                if isinstance(g, _Tensor):
                    g = _new(g, None, False, False)
                elif not isinstance(g, Variable):
                    raise TypeError(f"function {self.name()} returned a "
                                    f"{type(g).__name__} as gradient {i}; expected a "
                                    "Variable, a tensor or None")
                if not g.data.is_same_size(meta):
                    raise RuntimeError(f"function {self.name()} returned an invalid gradient "
                                       f"at index {i}: expected size {_fmt(meta.size())} but "
                                       f"got {_fmt(g.data.size())}")
            grads.append(g)
        return tuple(grads)

    def forward(self, *args):
        raise NotImplementedError(f"{type(self).__name__} must implement forward")

    def backward(self, *grad_outputs):
        raise NotImplementedError(f"{type(self).__name__} must implement backward")


class InplaceFunction(Function):
    """A legacy Function that may work in place (self.inplace)."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace


def _as_tuple(x):
    return x if isinstance(x, tuple) else tuple(x) if isinstance(x, list) else (x,)


def _run_forward(ctx, args, forward):
    variables = [a for a in args if isinstance(a, Variable)]
    volatile = any(v._volatile for v in variables)
    requires = not volatile and any(v._requires_grad for v in variables)
    ctx.needs_input_grad = tuple(isinstance(a, Variable) and a._requires_grad and not volatile
                                 for a in args)
    tensors = [a.data if isinstance(a, Variable) else a for a in args]
    outputs = forward(*tensors)
    single = not isinstance(outputs, tuple)
    outputs = (outputs,) if single else outputs
    for o in outputs:
        if not isinstance(o, _Tensor):
            raise TypeError(f"{ctx.name()}.forward must return tensors, got "
                            f"{type(o).__name__}")
    by_input = {id(a.data): a for a in variables}
    results = []
    if requires:
        ctx.next_functions = tuple(edge(v) for v in variables)
        ctx._arg_meta = tuple(a.data if isinstance(a, Variable) else None for a in args)
        ctx._out_meta = tuple((o.size(), type(o)) for o in outputs)
        ctx._n_out = len(outputs)
    dirty = {id(t) for t in ctx._dirty}
    non_diff = {id(t) for t in ctx._non_differentiable}
    for i, o in enumerate(outputs):
        if id(o) in dirty:
            v = by_input.get(id(o))
            if v is None:
                raise RuntimeError(f"{ctx.name()}: mark_dirty was given a tensor that is not "
                                   "an input")
            if requires and v.grad_fn is None and v._requires_grad:
                raise RuntimeError(f"{ctx.name()}: a leaf Variable that requires grad has "
                                   "been used in an in-place operation")
            v._bump()
        elif id(o) in by_input:
            # An input returned unchanged: a new Variable over the same data.
            v = _new(o, None, False, volatile)
            v._vc = by_input[id(o)]._shared_vc()
        else:
            v = _new(o, None, False, volatile)
        if requires and id(o) not in non_diff:
            v.grad_fn = ctx
            v._output_nr = i
            v._requires_grad = True
        results.append(v)
    if requires:
        _save(ctx, by_input, {id(o): v for o, v in zip(outputs, results)})
    else:
        ctx._to_save = None
    return results[0] if single else tuple(results)


def _save(ctx, by_input, by_output):
    if ctx._to_save is None:
        return
    from ._node import SavedOutput
    saved, versions = [], []
    for t in ctx._to_save:
        if t is None:
            saved.append(None)
            versions.append(0)
            continue
        if isinstance(t, Variable):
            raise TypeError(f"{ctx.name()}.save_for_backward expects tensors, got a Variable")
        v = by_output.get(id(t))
        if v is not None and v.grad_fn is ctx:
            vc = v._shared_vc()
            saved.append(SavedOutput(t, vc, v._output_nr))
            versions.append(vc[0])
            continue
        v = by_input.get(id(t))
        if v is None:
            v = _new(t, None, False, False)
        saved.append(v)
        versions.append(v._version())
    ctx._saved = tuple(saved)
    ctx._versions = tuple(versions)
    ctx._to_save = None


class _OnceDifferentiableError(Node):
    """Grad_fn of gradients computed by a once_differentiable backward under
    create_graph=True: differentiating them again is an error."""
    __slots__ = ("fn_name",)

    def _bw(self, *grads):
        raise RuntimeError(f"trying to differentiate twice a function ({self.fn_name}) that "
                           "was marked with @once_differentiable")


def once_differentiable(backward):
    """Decorator for a new-style backward written on tensors: it receives tensors and may
    return tensors; double backward through it raises."""
    @functools.wraps(backward)
    def wrapper(ctx, *grad_outputs):
        # Non-volatile gradients mean backward runs with create_graph=True: the results get
        # a grad_fn that raises if anyone differentiates through them.
        requires = not any(isinstance(g, Variable) and g._volatile for g in grad_outputs)
        tensors = [g.data if isinstance(g, Variable) else g for g in grad_outputs]
        result = _as_tuple(backward(ctx, *tensors))
        out = []
        for r in result:
            if r is None:
                out.append(None)
                continue
            v = _new(r.data if isinstance(r, Variable) else r, None, False, not requires)
            if requires:
                err = _OnceDifferentiableError.__new__(_OnceDifferentiableError)
                err.next_functions = tuple(edge(g) for g in grad_outputs
                                           if isinstance(g, Variable))
                err._saved = err._versions = err._pre_hooks = err._post_hooks = None
                err.fn_name = ctx.name()
                v.grad_fn = err
                v._requires_grad = True
            out.append(v)
        return tuple(out)
    return wrapper


class NestedIOFunction(Function):
    """0.2's function over nested inputs, kept for imports; forward_extended and
    backward_extended are the overridable hooks of its legacy interface."""

    def forward(self, *args):
        return self.forward_extended(*args)

    def backward(self, *grads):
        return self.backward_extended(*grads)
