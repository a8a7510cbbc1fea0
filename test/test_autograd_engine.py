"""ptorch.autograd beyond single-op formulas: the engine (accumulation, hooks, retain_graph,
create_graph and higher-order gradients, autograd.grad), in-place ops and version counters,
custom Functions in both styles, ptorch.<fn> on Variables, and every bad input."""
import copy
import pickle

import numpy as np

import ptorch
from ptorch import autograd
from ptorch.autograd import Variable, Function, gradcheck, gradgradcheck
from ptorch.autograd.function import once_differentiable
from common import raises

D = ptorch.DoubleTensor


def V(values, requires_grad=True, cls=D):
    return Variable(cls(np.asarray(values, dtype=np.float64)), requires_grad=requires_grad)


def arr(v):
    if isinstance(v, np.ndarray):
        return v
    return (v.data if isinstance(v, Variable) else v).numpy()


def close(v, expected):
    np.testing.assert_allclose(arr(v), np.asarray(expected, dtype=np.float64), rtol=1e-10,
                               atol=1e-12)


# ---- Variable basics ----

def test_variable_flags_and_leaves():
    x = V([1.0, 2.0])
    c = V([3.0, 4.0], requires_grad=False)
    assert x.requires_grad and x.is_leaf and x.grad_fn is None and x.grad is None
    y = x * c
    assert y.requires_grad and not y.is_leaf
    assert y.grad_fn.name() == "MulBackward"
    (fn, nr), (none, _) = y.grad_fn.next_functions
    assert type(fn).__name__ == "AccumulateGrad" and fn.variable is x and none is None
    z = c * 2
    assert not z.requires_grad and z.grad_fn is None


def test_volatile_propagates_and_records_nothing():
    x = V([1.0, 2.0])
    v = Variable(D([1.0, 1.0]), volatile=True)
    y = x * v + 1
    assert y.volatile and not y.requires_grad and y.grad_fn is None
    with raises(RuntimeError, "volatile"):
        y.sum().backward()


def test_variable_queries_mirror_the_tensor():
    x = Variable(D(2, 3).fill_(1), requires_grad=True)
    assert x.size() == ptorch.Size([2, 3]) and x.size(1) == 3 and x.dim() == 2
    assert x.numel() == 6 and len(x) == 2 and x.is_contiguous()
    assert [tuple(r.size()) for r in x] == [(3,), (3,)]
    assert repr(x).startswith("Variable containing:")
    assert x.type() == "ptorch.DoubleTensor"


def test_constructor_rejects_non_tensors():
    with raises(TypeError, "Variable data has to be a tensor, but got list"):
        Variable([1, 2])


def test_detach_shares_data_and_leaves_graph():
    x = V([1.0, 2.0])
    y = x * 2
    d = y.detach()
    assert d.is_leaf and not d.requires_grad and d.data is y.data
    y.detach_()
    assert y.is_leaf and not y.requires_grad


def test_requires_grad_only_changes_on_leaves():
    x = V([1.0, 2.0])
    y = x * 2
    with raises(RuntimeError, "only change requires_grad flags of leaf variables"):
        y.requires_grad = False
    c = V([1.0], requires_grad=False)
    c.requires_grad = True
    assert c.requires_grad


def test_grad_setter_checks_size_and_type():
    x = V([1.0, 2.0])
    x.grad = V([5.0, 6.0], requires_grad=False)
    close(x.grad, [5, 6])
    with raises(RuntimeError, r"assigned grad has size \[3\]"):
        x.grad = V([1.0, 2.0, 3.0])
    with raises(TypeError, "FloatTensor"):
        x.grad = Variable(ptorch.FloatTensor(2).fill_(0))
    x.grad = None
    assert x.grad is None


def test_comparisons_give_byte_variables_without_grad():
    x = V([1.0, -2.0, 3.0])
    m = x > 0
    assert isinstance(m, Variable) and m.data.type() == "ptorch.ByteTensor"
    assert not m.requires_grad
    assert m.data.tolist() == [1, 0, 1]
    assert (x == x).data.tolist() == [1, 1, 1]


def test_deepcopy_and_pickle_of_leaves():
    x = V([1.0, 2.0])
    y = copy.deepcopy(x)
    assert y.requires_grad and y.data is not x.data
    close(y, [1, 2])
    z = pickle.loads(pickle.dumps(x))
    assert z.requires_grad
    close(z, [1, 2])
    with raises(RuntimeError, "only leaf Variables"):
        pickle.dumps(x * 2)


# ---- backward, accumulation ----

def test_product_sum_backward():
    x = V([1.0, 2.0, 3.0])
    y = V([4.0, 5.0, 6.0])
    z = (x * y).sum()
    assert tuple(z.size()) == (1,)
    z.backward()
    close(x.grad, [4, 5, 6])
    close(y.grad, [1, 2, 3])


def test_gradients_accumulate_across_backward_calls():
    x = V([1.0, 2.0])
    (x * x).sum().backward()
    (x * 3).sum().backward()
    close(x.grad, [2 + 3, 4 + 3])
    x.grad.data.zero_()
    (x * 3).sum().backward()
    close(x.grad, [3, 3])


def test_shared_input_sums_its_gradients():
    x = V([1.0, 2.0])
    y = x * 2
    z = (y + y * x + x).sum()  # dz/dx = 2 + (4x) + 1
    z.backward()
    close(x.grad, [2 + 4 + 1, 2 + 8 + 1])


def test_leaf_grads_do_not_alias_each_other():
    a, b = V([1.0, 2.0]), V([3.0, 4.0])
    (a + b).sum().backward()
    a.grad.data.add_(10)
    close(b.grad, [1, 1])


def test_backward_with_explicit_gradient_and_broadcast():
    x = V([[1.0, 2.0, 3.0]])
    b = V([1.0, 1.0, 1.0])
    y = x * 2 + b
    y.backward(D([[1.0, 2.0, 3.0]]))
    close(x.grad, [[2, 4, 6]])
    close(b.grad, [1, 2, 3])


def test_module_level_backward_with_several_roots():
    x = V([1.0, 2.0])
    a, b = x * 2, x * 3
    autograd.backward([a, b], [D([1.0, 1.0]), D([1.0, 0.0])])
    close(x.grad, [5, 2])


def test_retain_graph_allows_second_backward():
    x = V([1.0, 2.0])
    z = (x * x).sum()
    z.backward(retain_graph=True)
    z.backward()
    close(x.grad, [4, 8])


def test_retain_variables_is_the_old_name_of_retain_graph():
    x = V([1.0, 2.0])
    z = (x * x).sum()
    z.backward(retain_variables=True)
    z.backward()
    close(x.grad, [4, 8])


# ---- hooks ----

def test_leaf_hook_changes_gradient_and_can_be_removed():
    x = V([1.0, 2.0])
    seen = []
    h = x.register_hook(lambda g: seen.append(arr(g).copy()) or g * 2)
    (x * 3).sum().backward()
    close(x.grad, [6, 6])
    close(seen[0], [3, 3])
    h.remove()
    x.grad = None
    (x * 3).sum().backward()
    close(x.grad, [3, 3])


def test_intermediate_hook_changes_what_flows_back():
    x = V([1.0, 2.0])
    y = x * 2
    y.register_hook(lambda g: g * 10)
    (y * y).sum().backward()  # d/dy = 2y; times 10; dy/dx = 2
    close(x.grad, [2 * 2 * 10 * 2, 4 * 2 * 10 * 2])


def test_retain_grad_keeps_intermediate_gradient():
    x = V([1.0, 2.0])
    y = x * 3
    y.retain_grad()
    (y * y).sum().backward()
    close(y.grad, [6, 12])
    close(x.grad, [18, 36])


def test_grad_fn_hook_sees_grad_inputs_and_outputs():
    x = V([1.0, 2.0])
    y = x * 2
    calls = []
    y.grad_fn.register_hook(lambda gi, go: calls.append((arr(gi[0]).copy(), arr(go[0]).copy())))
    y.sum().backward()
    close(calls[0][0], [2, 2])
    close(calls[0][1], [1, 1])


def test_hook_on_variable_without_grad_is_an_error():
    with raises(RuntimeError, "doesn't require gradient"):
        V([1.0], requires_grad=False).register_hook(lambda g: g)


# ---- higher-order gradients ----

def test_hessian_vector_product_matches_analytic():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((3, 3))
    xv = rng.standard_normal(3)
    v = rng.standard_normal(3)
    x = V(xv)
    Av = V(A, requires_grad=False)
    f = (x.unsqueeze(0).mm(Av).squeeze(0) * x).sum() + (x ** 3).sum()
    (g,) = autograd.grad(f, x, create_graph=True)
    close(g, (A + A.T) @ xv + 3 * xv ** 2)
    (hv,) = autograd.grad((g * V(v, requires_grad=False)).sum(), x)
    close(hv, (A + A.T) @ v + 6 * xv * v)


def test_gradient_penalty_backpropagates_into_weights():
    w = V([0.5, -1.0, 2.0])
    x = V([1.0, 2.0, 3.0])
    out = (w * x).tanh().sum()
    (gx,) = autograd.grad(out, x, create_graph=True)
    penalty = (gx * gx).sum()
    penalty.backward()
    # gx = w * (1 - t^2), t = tanh(w x); d penalty / dw computed by hand
    wv, xv = np.array([0.5, -1.0, 2.0]), np.array([1.0, 2.0, 3.0])
    t = np.tanh(wv * xv)
    s = 1 - t ** 2
    dgx_dw = s + wv * (-2 * t * s * xv)
    close(w.grad, 2 * (wv * s) * dgx_dw)


def test_backward_with_create_graph_gives_differentiable_grad():
    x = V([2.0])
    (x ** 3).sum().backward(create_graph=True)
    g = x.grad
    assert g.requires_grad
    (gg,) = autograd.grad(g.sum(), x)
    close(gg, [12.0])


# ---- autograd.grad ----

def test_grad_leaves_dot_grad_alone_and_accepts_non_leaf_inputs():
    x = V([1.0, 2.0])
    y = x * 2
    z = (y * y).sum()
    gy, gx = autograd.grad(z, [y, x])
    close(gy, [4, 8])
    close(gx, [8, 16])
    assert x.grad is None


def test_grad_of_unused_input_is_an_error():
    x, u = V([1.0]), V([2.0])
    with raises(RuntimeError, "element 1 of the inputs appears to not have been used"):
        autograd.grad((x * 2).sum(), [x, u])


def test_grad_of_input_without_requires_grad_is_an_error():
    x = V([1.0])
    with raises(RuntimeError, "does not require grad"):
        autograd.grad((x * 2).sum(), [V([1.0], requires_grad=False)])


# ---- in-place operations ----

def test_inplace_ops_record_the_right_gradient():
    x = V([1.0, 2.0, 3.0])
    y = x * 2
    y.add_(1)
    y.mul_(3)
    y.exp_()
    y.sum().backward()
    close(x.grad, np.exp(3 * (2 * np.array([1.0, 2, 3]) + 1)) * 6)


def test_inplace_operators():
    x = V([1.0, 2.0])
    y = x * 1
    y += x
    y *= 2
    y.sum().backward()
    close(x.grad, [4, 4])


def test_inplace_on_leaf_requiring_grad_is_an_error():
    x = V([1.0, 2.0])
    with raises(RuntimeError, "leaf Variable that requires grad has been used in an in-place"):
        x.add_(1)
    with raises(RuntimeError, "leaf Variable"):
        x[0] = 3


def test_modifying_a_saved_variable_is_detected():
    x = V([1.0, 2.0])
    y = x * 1
    z = y * y
    y.add_(1)
    with raises(RuntimeError, "modified by an inplace operation: MulBackward"):
        z.sum().backward()


def test_modifying_a_saved_output_is_detected():
    x = V([1.0, 2.0])
    y = x.exp()
    y.mul_(2)  # exp saved its output y
    with raises(RuntimeError, "ExpBackward"):
        y.sum().backward()


def test_inplace_through_a_view_bumps_the_base_version():
    x = V([[1.0, 2.0], [3.0, 4.0]])
    y = x * 1
    z = y * y
    y[0].mul_(2)
    with raises(RuntimeError, "modified by an inplace operation"):
        z.sum().backward()


def test_setitem_records_gradients():
    x = V([[1.0, 2.0], [3.0, 4.0]])
    v = V([10.0, 20.0])
    y = x * 1
    y[1] = v * 2
    (y * V([[1.0, 2.0], [3.0, 4.0]], requires_grad=False)).sum().backward()
    close(x.grad, [[1, 2], [0, 0]])
    close(v.grad, [6, 8])


def test_inplace_without_graph_changes_data():
    x = V([1.0, 2.0], requires_grad=False)
    x.add_(1).mul_(2)
    close(x, [4, 6])


# ---- type conversions ----

def test_type_conversion_is_differentiable_between_float_types():
    x = V([1.0, 2.0])
    y = x.float()
    assert y.data.type() == "ptorch.FloatTensor"
    (y * 2).sum().backward()
    assert x.grad.data.type() == "ptorch.DoubleTensor"
    close(x.grad, [2, 2])
    assert not x.long().requires_grad


# ---- custom Functions ----

class Exp(Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g):
        (y,) = ctx.saved_variables
        return g * y


class ScaleAdd(Function):
    """(x * k + y, argmax-ish index): a constant argument and a non-differentiable output."""
    @staticmethod
    def forward(ctx, x, k, y):
        ctx.k = k
        idx = ptorch.LongTensor([0])
        ctx.mark_non_differentiable(idx)
        return x.mul(k).add(y), idx

    @staticmethod
    def backward(ctx, g, g_idx):
        assert ctx.needs_input_grad == (True, False, False)
        return g * ctx.k, None, None


class AddOneInplace(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x.add_(1)

    @staticmethod
    def backward(ctx, g):
        return g


class LegacySquare(Function):
    def forward(self, x):
        self.save_for_backward(x)
        return x.mul(x)

    def backward(self, g):
        (x,) = self.saved_tensors
        return g.mul(x).mul(2)


class TensorExp(Function):
    @staticmethod
    def forward(ctx, x):
        y = x.exp()
        ctx.save_for_backward(y)
        return y

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        (y,) = ctx.saved_tensors
        return g.mul(y)


def test_new_style_function_gradcheck_and_gradgradcheck():
    x = V([0.1, -0.5, 0.7])
    assert gradcheck(Exp.apply, (x,))
    assert gradgradcheck(Exp.apply, (x,))
    y = Exp.apply(x)
    assert isinstance(y.grad_fn, Exp)


def test_function_with_constants_and_non_differentiable_output():
    x = V([1.0, 2.0])
    y = V([0.5, 0.5], requires_grad=False)
    out, idx = ScaleAdd.apply(x, 3.0, y)
    assert out.requires_grad and not idx.requires_grad
    out.sum().backward()
    close(x.grad, [3, 3])


def test_mark_dirty_rebases_the_input():
    x = V([1.0, 2.0])
    y = x * 2
    z = AddOneInplace.apply(y)
    assert z is y and isinstance(y.grad_fn, AddOneInplace)
    close(y, [3, 5])
    (y * y).sum().backward()
    close(x.grad, [12, 20])


def test_mark_dirty_on_leaf_is_an_error():
    with raises(RuntimeError, "leaf Variable that requires grad"):
        AddOneInplace.apply(V([1.0]))


def test_legacy_function():
    x = V([1.0, -2.0])
    assert gradcheck(lambda v: LegacySquare()(v), (x,))
    y = LegacySquare()(x)
    y.sum().backward()
    close(x.grad, [2, -4])


def test_legacy_instance_is_single_use():
    f = LegacySquare()
    f(V([1.0]))
    with raises(RuntimeError, "can only be called once"):
        f(V([1.0]))


def test_apply_on_legacy_function_is_an_error():
    with raises(RuntimeError, "static forward"):
        LegacySquare.apply(V([1.0]))


def test_once_differentiable_backward_on_tensors():
    x = V([0.3, 0.6])
    assert gradcheck(TensorExp.apply, (x,))
    y = TensorExp.apply(x)
    (g,) = autograd.grad(y.sum(), x, create_graph=True)
    with raises(RuntimeError, "marked with @once_differentiable"):
        g.sum().backward()


def test_function_returning_wrong_number_of_gradients():
    class Bad(Function):
        @staticmethod
        def forward(ctx, x, y):
            return x.add(y)

        @staticmethod
        def backward(ctx, g):
            return g

    with raises(RuntimeError, r"Bad returned an incorrect number of gradients \(expected 2"):
        Bad.apply(V([1.0]), V([2.0])).sum().backward()


def test_function_returning_wrong_gradient_size():
    class Bad(Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            return g.sum()

    with raises(RuntimeError, r"Bad returned an invalid gradient at index 0: expected size "
                              r"\[2\] but got \[1\]"):
        Bad.apply(V([1.0, 2.0])).sum().backward()


# ---- ptorch.<fn> with Variables ----

def test_torch_functions_accept_variables():
    x = V([1.0, 2.0])
    y = V([3.0, 4.0])
    z = ptorch.add(ptorch.mul(x, y), ptorch.exp(x))
    assert isinstance(z, Variable)
    c = ptorch.cat([x, y], 0)
    assert isinstance(c, Variable) and tuple(c.size()) == (4,)
    (z.sum() + c.sum() + ptorch.pow(2, x).sum()).backward()
    close(x.grad, np.array([3, 4]) + np.exp([1, 2]) + 1 + np.log(2) * 2 ** np.array([1, 2]))
    m = V(np.eye(2))
    r = ptorch.addmm(0.5, m, m, m)
    close(r, 1.5 * np.eye(2))


def test_torch_functions_still_take_tensors():
    t = D([1.0, 2.0])
    assert not isinstance(ptorch.cat([t, t], 0), Variable)


def test_mixing_variables_and_tensors_is_an_error():
    with raises(TypeError, "cannot mix Variables and tensors"):
        ptorch.mm(D(2, 2).zero_(), V(np.eye(2)))


# ---- bad input ----

def test_backward_of_non_scalar_needs_a_gradient():
    x = V([1.0, 2.0])
    with raises(RuntimeError, r"backward: gradient can be implicitly created only for outputs "
                              r"with one element, but element 0 has size \[2\]"):
        (x * 2).backward()


def test_backward_gradient_of_wrong_size():
    x = V([1.0, 2.0])
    with raises(RuntimeError, r"backward: gradient 0 has size \[3\], but the variable has size "
                              r"\[2\]"):
        (x * 2).backward(D([1.0, 1.0, 1.0]))


def test_backward_gradient_of_wrong_type():
    x = V([1.0, 2.0])
    with raises(TypeError, "gradient 0 has type ptorch.FloatTensor, but the variable is a "
                           "ptorch.DoubleTensor"):
        (x * 2).backward(ptorch.FloatTensor(2).fill_(1))


def test_backward_twice_through_freed_graph():
    x = V([1.0, 2.0])
    z = (x * x).sum()
    z.backward()
    with raises(RuntimeError, r"backward through the graph a second time \(MulBackward\).*"
                              "retain_graph=True"):
        z.backward()


def test_backward_of_variable_without_grad():
    with raises(RuntimeError, "does not require grad and does not have a grad_fn"):
        V([1.0], requires_grad=False).backward()


def test_mixing_types_names_the_operation():
    x = V([1.0, 2.0])
    f = Variable(ptorch.FloatTensor(2).fill_(1))
    with raises(TypeError, "mul: expected Variables of the same type, but got "
                           "ptorch.DoubleTensor and ptorch.FloatTensor"):
        x * f
    with raises(TypeError, "add: expected Variables of the same type"):
        ptorch.add(x, f)
    with raises(TypeError, "mm: expected Variables of the same type"):
        x.unsqueeze(0).mm(f.unsqueeze(1))


def test_bad_dimension_and_shape_messages():
    x = V([[1.0, 2.0]])
    with raises(IndexError, "dimension 2 is out of range"):
        x.sum(2)
    with raises(RuntimeError, r"mm: expected 2D and 2D Variables, but got sizes \[1 x 2\] and "
                              r"\[2\]"):
        x.mm(V([1.0, 2.0]))


# ---- more coverage: float Variables, torch functions, flags ----

def test_float_variables():
    x = V([1.0, 2.0], cls=ptorch.FloatTensor)
    y = V([3.0, 4.0], cls=ptorch.FloatTensor)
    (x * y + x.exp()).sum().backward()
    assert x.grad.data.type() == "ptorch.FloatTensor"
    np.testing.assert_allclose(arr(x.grad), [3 + np.e, 4 + np.e ** 2], rtol=1e-6)


def test_torch_reductions_and_selections_accept_variables():
    x = V([[1.0, 5.0, 2.0], [4.0, 0.0, 3.0]])
    values, indices = ptorch.max(x, 1)
    assert isinstance(values, Variable) and isinstance(indices, Variable)
    assert indices.data.tolist() == [1, 0] and not indices.requires_grad
    s = ptorch.sum(x)
    assert isinstance(s, Variable) and tuple(s.size()) == (1,)
    (values.sum() + ptorch.mean(x, 0).sum() + s).backward()
    close(x.grad, [[1.5, 2.5, 1.5], [2.5, 1.5, 1.5]])


def test_sort_gives_values_with_grad_and_plain_indices():
    x = V([3.0, 1.0, 2.0])
    values, indices = x.sort()
    close(values, [1, 2, 3])
    assert indices.data.tolist() == [1, 2, 0] and not indices.requires_grad
    (values * V([1.0, 2.0, 3.0], requires_grad=False)).sum().backward()
    close(x.grad, [3, 1, 2])


def test_grad_with_only_inputs_false_also_accumulates_leaves():
    x, w = V([1.0, 2.0]), V([3.0, 4.0])
    (gx,) = autograd.grad((x * w).sum(), [x], only_inputs=False)
    close(gx, [3, 4])
    close(w.grad, [1, 2])


def test_non_contiguous_root_gradient():
    x = V([[1.0, 2.0], [3.0, 4.0]])
    g = D([[1.0, 2.0], [3.0, 4.0]]).t()
    (x * 2).backward(g)
    close(x.grad, [[2, 6], [4, 8]])


def test_indexing_a_variable_keeps_one_element_as_size_one():
    x = V([[1.0, 2.0], [3.0, 4.0]])
    e = x[1, 0]
    assert isinstance(e, Variable) and tuple(e.size()) == (1,)
    e.backward()
    close(x.grad, [[0, 0], [1, 0]])


def test_backward_on_a_leaf_accumulates_directly():
    x = V([2.0])
    x.backward()
    x.backward(D([3.0]))
    close(x.grad, [4])


def test_legacy_function_with_own_init_and_inplace_function():
    class Scale(Function):
        def __init__(self, k):  # does not call super().__init__(), as some 0.1 code did
            self.k = k

        def forward(self, x):
            return x.mul(self.k)

        def backward(self, g):
            return g.mul(self.k)

    x = V([1.0, 2.0])
    Scale(3)(x).sum().backward()
    close(x.grad, [3, 3])

    class AddOne(autograd.function.InplaceFunction):
        def forward(self, x):
            if self.inplace:
                self.mark_dirty(x)
                return x.add_(1)
            return x.add(1)

        def backward(self, g):
            return g

    y = x * 1
    z = AddOne(inplace=True)(y)
    assert z is y
    close(y, [2, 3])


class TwoOutputs(Function):
    """(x * y, x + y): backward combines both output gradients with Variable ops."""
    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y, x + y

    @staticmethod
    def backward(ctx, g_prod, g_sum):
        x, y = ctx.saved_variables
        return g_prod * y + g_sum, g_prod * x + g_sum


def test_missing_output_gradient_under_create_graph_is_not_volatile():
    x = Variable(ptorch.DoubleTensor([1.0, 2.0]), requires_grad=True)
    y = Variable(ptorch.DoubleTensor([3.0, -1.0]), requires_grad=True)
    prod, _ = TwoOutputs.apply(x, y)  # the sum output gets no gradient: zeros
    gx, gy = autograd.grad([(prod * prod).sum()], [x, y], create_graph=True)
    assert gx.requires_grad and not gx.volatile
    np.testing.assert_allclose(gx.data.numpy(), 2 * (x * y * y).data.numpy())
    (ggx,) = autograd.grad([gx.sum()], [x])  # d/dx sum(2 x y^2) = 2 y^2
    np.testing.assert_allclose(ggx.data.numpy(), 2 * (y * y).data.numpy())
    # a plain backward still fills the missing gradient with a volatile zero
    gx, gy = autograd.grad([TwoOutputs.apply(x, y)[0].sum()], [x, y])
    assert not gx.requires_grad
    np.testing.assert_allclose(gx.data.numpy(), y.data.numpy())


def test_grad_with_two_roots_from_one_node():
    # two outputs of one Function as the roots: the node runs once with both gradients
    x = Variable(ptorch.DoubleTensor([1.0, 2.0]), requires_grad=True)
    c, d = (x * 1).chunk(2)
    gx, = ptorch.autograd.grad([c, d], [x], [Variable(ptorch.DoubleTensor([3.0])),
                                             Variable(ptorch.DoubleTensor([5.0]))])
    assert gx.data.tolist() == [3.0, 5.0]
    y = Variable(ptorch.DoubleTensor([1.0, 2.0]), requires_grad=True)
    values, _ = (y * 2).sort(0)
    a, b = values.chunk(2)
    (a.sum() + 10 * b.sum()).backward()
    assert y.grad.data.tolist() == [2.0, 20.0]
