"""Graph nodes: a Node turns the gradients of its outputs into gradients of its inputs.
Built-in ops subclass Node with __slots__ and a `_bw(*grads)` formula; saved Variables are
checked against their version counters when unpacked and dropped once the graph is freed."""

_FREED = ("<freed>",)  # marks a node whose saved Variables were released by backward


class SavedOutput:
    """An output saved by its own node. Keeping the Variable would make a reference cycle;
    we keep its tensor and version box and rebuild a Variable pointing back at the node."""
    __slots__ = ("data", "vc", "output_nr")

    def __init__(self, data, vc, output_nr):
        self.data = data
        self.vc = vc
        self.output_nr = output_nr


class Node:
    """Base of every backward step (built-in formulas and user Functions alike).
    next_functions: one (node, output_nr) edge per differentiable input, (None, 0) for an
    input that needs no gradient. _n_out: how many outputs the forward produced."""
    __slots__ = ("next_functions", "_saved", "_versions", "_pre_hooks", "_post_hooks")
    _n_out = 1

    def name(self):
        return type(self).__name__

    # ---- saved Variables ----

    def save(self, *variables):
        """Saves input Variables (or None) for backward, with their current versions."""
        self._saved = variables
        self._versions = tuple([0 if v is None or v._vc is None else v._vc[0]
                                for v in variables])

    def save_output(self, out, *variables):
        """Saves this node's output `out` (rebuilt lazily, no cycle) plus input Variables."""
        if out._vc is None:
            out._vc = [0]
        self.save(*variables)
        self._saved = (SavedOutput(out.data, out._vc, out._output_nr),) + variables
        self._versions = (out._vc[0],) + self._versions

    def saved(self):
        """The saved Variables, checked: each must be unmodified since it was saved."""
        saved = self._saved
        if saved is _FREED:
            raise RuntimeError(
                f"Trying to backward through the graph a second time ({self.name()}), but the "
                "buffers have already been freed. Specify retain_graph=True when calling "
                "backward the first time.")
        versions = self._versions
        out = None
        for i, v in enumerate(saved):
            if v is None:
                continue
            if type(v) is SavedOutput:
                if v.vc[0] != versions[i]:
                    self._modified(i, v.data, versions[i], v.vc[0])
                if out is None:
                    out = list(saved)
                out[i] = _rebuild(v, self)
            elif v._vc is not None and v._vc[0] != versions[i]:
                self._modified(i, v.data, versions[i], v._vc[0])
        return saved if out is None else out

    def _modified(self, i, data, was, now):
        size = "x".join(str(s) for s in data.size())
        raise RuntimeError(
            f"one of the variables needed for gradient computation has been modified by an "
            f"inplace operation: {self.name()} saved a {data.type()} of size [{size}] (saved "
            f"variable {i}) at version {was}, and it is now at version {now}")

    def _release(self):
        if self._saved is not None:
            self._saved = _FREED

    # ---- hooks ----

    def register_hook(self, hook):
        """hook(grad_inputs, grad_outputs), run after this node's backward; may return
        replacement grad_inputs."""
        if self._post_hooks is None:
            self._post_hooks = {}
        return RemovableHandle(self._post_hooks, hook)

    def _add_pre_hook(self, output_nr, hook):
        if self._pre_hooks is None:
            self._pre_hooks = {}
        return RemovableHandle(self._pre_hooks, (output_nr, hook))

    def __repr__(self):
        return f"<{self.name()} object at {id(self):#x}>"


_rebuild = None  # set by variable.py: (SavedOutput, node) -> Variable


def init_node(node, next_functions):
    """Fills the base slots of a freshly allocated node (no __init__ on the hot path)."""
    node.next_functions = next_functions
    node._saved = None
    node._versions = None
    node._pre_hooks = None
    node._post_hooks = None
    return node


class AccumulateGrad(Node):
    """The sink of a leaf Variable: adds the incoming gradient into variable.grad."""
    __slots__ = ("variable", "__weakref__")

    def __init__(self, variable):
        init_node(self, ())
        self.variable = variable

    def _bw(self, grad):
        raise AssertionError("the engine accumulates leaf gradients itself")


class RemovableHandle:
    """Returned by register_hook; .remove() unregisters the hook."""
    __slots__ = ("_table", "_key")
    _next_key = [0]

    def __init__(self, table, entry):
        RemovableHandle._next_key[0] += 1
        self._key = RemovableHandle._next_key[0]
        self._table = table
        table[self._key] = entry

    def remove(self):
        self._table.pop(self._key, None)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.remove()
