"""The backward engine: one pass over the graph in dependency order. A node runs once all
the gradients flowing into it have arrived (summed per output); leaf gradients accumulate
into .grad, or are captured for autograd.grad."""
from .. import _C
from ._node import AccumulateGrad
from .variable import Variable, _new, _fmt, edge

_Tensor = _C._CTensor


def _as_list(x):
    if x is None:
        return None
    if isinstance(x, (Variable, _Tensor)):
        return [x]
    return list(x)


def _root_grads(outputs, grads, create_graph, what):
    """Checks outputs and their gradients; returns (edges, grad Variables)."""
    if grads is None:
        grads = [None] * len(outputs)
    if len(grads) != len(outputs):
        raise RuntimeError(f"{what}: got {len(outputs)} variables but {len(grads)} "
                           "gradients")
    edges, gvars = [], []
    for i, (out, g) in enumerate(zip(outputs, grads)):
        if not isinstance(out, Variable):
            raise TypeError(f"{what}: element {i} of the outputs is a "
                            f"{type(out).__name__}, not a Variable")
        if out._volatile:
            raise RuntimeError(f"{what}: element {i} of the variables is volatile (inference "
                               "mode); it has no graph to differentiate")
        if not out._requires_grad:
            raise RuntimeError(f"{what}: element {i} of the variables does not require grad "
                               "and does not have a grad_fn")
        if g is None:
            if out.data.numel() != 1:
                raise RuntimeError(
                    f"{what}: gradient can be implicitly created only for outputs with one "
                    f"element, but element {i} has size {_fmt(out.data.size())}; pass a "
                    "gradient of that size")
            g = out.data.new(out.data.size()).fill_(1)
        if isinstance(g, Variable):
            gdata = g.data
        elif isinstance(g, _Tensor):
            gdata = g
        else:
            raise TypeError(f"{what}: gradient {i} must be a tensor or a Variable, got "
                            f"{type(g).__name__}")
        if type(gdata) is not type(out.data):
            raise TypeError(f"{what}: gradient {i} has type {gdata.type()}, but the variable "
                            f"is a {out.data.type()}")
        if not gdata.is_same_size(out.data):
            raise RuntimeError(f"{what}: gradient {i} has size {_fmt(gdata.size())}, but the "
                               f"variable has size {_fmt(out.data.size())}")
        if create_graph:
            gv = g if isinstance(g, Variable) else _new(gdata, None, False, False)
        else:
            # Volatile gradients make the formulas record nothing: a plain backward pass
            # builds no graph.
            gv = _new(gdata, None, False, True)
        edges.append(edge(out))
        gvars.append(gv)
    return edges, gvars


def _dependencies(roots):
    """How many edges point at each node reachable from roots."""
    deps = {}
    # roots may name one node several times (two outputs of one Function): visit it once,
    # or its edges would be counted twice and the nodes below would never become ready
    stack = list(dict.fromkeys(fn for fn, _ in roots))
    seen = set(stack)
    while stack:
        fn = stack.pop()
        for nxt, _ in fn.next_functions:
            if nxt is None:
                continue
            if nxt in deps:
                deps[nxt] += 1
            else:
                deps[nxt] = 1
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return deps


def _needed(roots, targets):
    """The nodes from which some target node can be reached (the only ones autograd.grad
    must run)."""
    needed = set(targets)
    order, stack, seen = [], [fn for fn, _ in roots], set()
    while stack:
        fn = stack[-1]
        if fn not in seen:
            seen.add(fn)
            stack.extend(n for n, _ in fn.next_functions if n is not None and n not in seen)
        else:
            stack.pop()
            order.append(fn)
    for fn in order:  # children come before parents in this post-order
        if fn not in needed:
            for n, _ in fn.next_functions:
                if n in needed:
                    needed.add(fn)
                    break
    return needed


def _accumulate(acc, grad, create_graph):
    var = acc.variable
    if var._hooks:
        for hook in tuple(var._hooks.values()):
            r = hook(grad)
            if r is not None:
                grad = r
    if var._grad is None:
        var._grad = grad if create_graph else _new(grad.data.clone(), None, False, False)
    elif create_graph:
        var._grad = var._grad + grad
    else:
        var._grad.data.add_(grad.data)


def _call(fn, grads):
    if fn._pre_hooks:
        grads = list(grads)
        for nr, hook in tuple(fn._pre_hooks.values()):
            if grads[nr] is not None:
                r = hook(grads[nr])
                if r is not None:
                    grads[nr] = r
    for g in grads:
        if g is not None:
            break
    else:
        return (None,) * len(fn.next_functions), grads
    outs = fn._bw(*grads)
    if type(outs) is not tuple:
        outs = tuple(outs) if isinstance(outs, list) else (outs,)
    if len(outs) != len(fn.next_functions):
        raise RuntimeError(f"function {fn.name()} returned an incorrect number of gradients "
                           f"(expected {len(fn.next_functions)}, got {len(outs)})")
    if fn._post_hooks:
        for hook in tuple(fn._post_hooks.values()):
            r = hook(outs, tuple(grads))
            if r is not None:
                outs = tuple(r)
    return outs, grads


def execute(roots, grads, retain_graph, create_graph, targets=None, accumulate=True):
    """Runs backward from roots (edges) with grads. targets: {edge: position} whose
    gradients are returned (autograd.grad); accumulate: whether leaves' .grad is updated."""
    deps = _dependencies(roots)
    needed = None if targets is None or accumulate else _needed(
        roots, {fn for fn, _ in targets})
    captured = {} if targets is not None else None
    buffers = {}
    ready = []
    for (fn, nr), g in zip(roots, grads):
        buf = buffers.get(fn)
        if buf is None:
            buf = buffers[fn] = [None] * fn._n_out
            if fn not in deps:
                ready.append(fn)
        buf[nr] = g if buf[nr] is None else buf[nr] + g
    while ready:
        fn = ready.pop()
        grads_in = buffers.pop(fn)
        if targets is not None:
            for nr, g in enumerate(grads_in):
                pos = targets.get((fn, nr))
                if pos is not None:
                    captured[pos] = g
        if type(fn) is AccumulateGrad:
            if accumulate and grads_in[0] is not None:
                _accumulate(fn, grads_in[0], create_graph)
            continue
        if needed is not None and fn not in needed:
            continue
        outs, grads_in = _call(fn, grads_in)
        if not retain_graph:
            fn._release()
        for (nxt, nr), g in zip(fn.next_functions, outs):
            if nxt is None:
                continue
            buf = buffers.get(nxt)
            if buf is None:
                buf = buffers[nxt] = [None] * nxt._n_out
            if g is not None:
                buf[nr] = g if buf[nr] is None else buf[nr] + g
            d = deps[nxt] - 1
            deps[nxt] = d
            if d == 0:
                ready.append(nxt)
    return captured


def backward(variables, grad_variables=None, retain_graph=None, create_graph=False,
             retain_variables=None):
    """Accumulates into the graph leaves' .grad the gradient of variables (weighted by
    grad_variables, required for outputs of more than one element)."""
    variables = _as_list(variables)
    grad_variables = _as_list(grad_variables)
    if retain_graph is None:
        retain_graph = retain_variables if retain_variables is not None else create_graph
    roots, grads = _root_grads(variables, grad_variables, create_graph, "backward")
    execute(roots, grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=False):
    """The gradients of outputs w.r.t. inputs, returned as a tuple of Variables (leaves'
    .grad is left alone when only_inputs=True). With create_graph=True the results are
    themselves differentiable (higher-order gradients). allow_unused gives None for an
    input the outputs do not depend on (an error otherwise)."""
    outputs = _as_list(outputs)
    inputs = _as_list(inputs)
    grad_outputs = _as_list(grad_outputs)
    if retain_graph is None:
        retain_graph = create_graph
    targets = {}
    for i, v in enumerate(inputs):
        if not isinstance(v, Variable):
            raise TypeError(f"grad: element {i} of the inputs is a {type(v).__name__}, not a "
                            "Variable")
        if not v._requires_grad:
            raise RuntimeError(f"grad: element {i} of the inputs does not require grad")
        targets.setdefault(edge(v), []).append(i)
    roots, grads = _root_grads(outputs, grad_outputs, create_graph, "grad")
    first = {e: pos[0] for e, pos in targets.items()}
    captured = execute(roots, grads, retain_graph, create_graph, first,
                       accumulate=not only_inputs)
    result = [None] * len(inputs)
    for e, positions in targets.items():
        g = captured.get(first[e])
        if g is None:
            if allow_unused:
                continue
            raise RuntimeError(f"grad: element {positions[0]} of the inputs appears to not "
                               "have been used in the graph")
        for p in positions:
            result[p] = g if create_graph else _new(g.data, None, False, False)
    return tuple(result)
