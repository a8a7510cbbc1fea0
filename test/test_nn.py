"""nn.Module machinery: registration, traversal, train/eval, state_dict, type moves, hooks,
repr, containers, Parameter, nn.init."""
import math
import pickle
import re
from collections import OrderedDict

import numpy as np
import pytest

import ptorch
import ptorch.nn as nn
import ptorch.nn.init as init
from ptorch.autograd import Variable



def raises(exc, fragment):
    return pytest.raises(exc, match=re.escape(fragment))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.bn = nn.BatchNorm1d(4)
        self.fc2 = nn.Linear(4, 2, bias=False)
        self.register_buffer("steps", ptorch.LongTensor(1).zero_())
        self.scale = nn.Parameter(ptorch.ones(1))

    def forward(self, x):
        return self.fc2(nn.functional.relu(self.bn(self.fc1(x)))) * self.scale.expand(
            x.size(0), 2)


def test_registration_and_traversal():
    net = Net()
    names = [n for n, _ in net.named_parameters()]
    assert names == ["scale", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "fc2.weight"]
    assert len(list(net.parameters())) == 6
    assert [n for n, _ in net.named_children()] == ["fc1", "bn", "fc2"]
    assert [n for n, _ in net.named_modules()] == ["", "fc1", "bn", "fc2"]
    assert list(net.modules())[0] is net
    assert net.fc2.bias is None
    assert "bias" in net.fc2._parameters
    assert isinstance(net.fc1.weight, nn.Parameter) and net.fc1.weight.requires_grad


def test_shared_parameters_counted_once():
    lin = nn.Linear(2, 2)
    seq = nn.Sequential(lin, lin)
    assert len(list(seq.parameters())) == 2
    assert len(list(seq.modules())) == 2


def test_setattr_rules():
    m = nn.Module()
    m.p = nn.Parameter(ptorch.ones(2))
    assert "p" in m._parameters
    with raises(TypeError, "cannot assign 'FloatTensor' as parameter 'p'"):
        m.p = ptorch.ones(2)
    m.p = None
    assert m.p is None
    m.child = nn.ReLU()
    with raises(TypeError, "child module 'child'"):
        m.child = 3
    m.register_buffer("buf", ptorch.zeros(2))
    m.buf = ptorch.ones(2)
    assert m._buffers["buf"][0] == 1
    with raises(TypeError, "buffer 'buf'"):
        m.buf = 5
    with raises(KeyError, "already exists"):
        m.register_buffer("child", ptorch.zeros(1))
    with raises(KeyError, "cannot contain a dot"):
        m.register_parameter("a.b", None)
    with raises(TypeError, "ptorch.nn.Parameter or None required"):
        m.register_parameter("q", Variable(ptorch.ones(1)))
    with raises(AttributeError, "has no attribute 'nothing'"):
        m.nothing
    del m.child
    assert "child" not in m._modules


def test_non_leaf_parameter_rejected():
    m = nn.Module()
    p = nn.Parameter(ptorch.ones(2))
    with raises(ValueError, "non-leaf"):
        m.register_parameter("w", nn.Parameter.__new__(nn.Parameter, ptorch.ones(1)) if False
                             else _non_leaf(p))


def _non_leaf(p):
    q = nn.Parameter(ptorch.ones(2))
    q.grad_fn = (p * 2).grad_fn
    return q


def test_train_eval_and_apply():
    net = Net()
    assert net.training and net.bn.training
    net.eval()
    assert not net.training and not net.bn.training and not net.fc1.training
    net.train()
    assert net.bn.training
    seen = []
    net.apply(lambda m: seen.append(type(m).__name__))
    assert seen == ["Linear", "BatchNorm1d", "Linear", "Net"]


def test_zero_grad():
    net = Net()
    net(Variable(ptorch.randn(5, 3))).sum().backward()
    assert net.fc1.weight.grad is not None
    net.zero_grad()
    for p in net.parameters():
        assert p.grad.data.abs().sum() == 0


def test_state_dict_round_trip():
    a, b = Net(), Net()
    sd = a.state_dict()
    assert list(sd) == ["scale", "steps", "fc1.weight", "fc1.bias", "bn.weight", "bn.bias",
                        "bn.running_mean", "bn.running_var", "fc2.weight"]
    assert sd["fc1.weight"] is a.fc1.weight.data
    b.load_state_dict(sd)
    for k, v in b.state_dict().items():
        np.testing.assert_array_equal(v.numpy(), sd[k].numpy())
    # loading copies: the tensors stay b's own
    assert b.fc1.weight.data is not a.fc1.weight.data
    restored = pickle.loads(pickle.dumps(sd))
    c = Net()
    c.load_state_dict(restored)
    x = Variable(ptorch.randn(4, 3))
    a.eval()
    c.eval()
    np.testing.assert_allclose(a(x).data.numpy(), c(x).data.numpy(), rtol=1e-6)


def test_load_state_dict_errors():
    net = Net()
    other = nn.Sequential(nn.Linear(3, 4))
    with raises(RuntimeError, "missing key(s) in state_dict: 'scale'"):
        net.load_state_dict(other.state_dict())
    with raises(RuntimeError, "unexpected key(s) in state_dict: '0.weight', '0.bias'"):
        net.load_state_dict(other.state_dict())
    sd = net.state_dict()
    sd["fc1.weight"] = ptorch.zeros(5, 3)
    before = net.fc1.bias.data.clone()
    with raises(RuntimeError, "size mismatch for 'fc1.weight': copying a param of size "
                              "[5 x 3] into one of size [4 x 3]"):
        net.load_state_dict(sd)
    # nothing was copied when loading failed
    np.testing.assert_array_equal(net.fc1.bias.data.numpy(), before.numpy())
    partial = OrderedDict(list(Net().state_dict().items())[:3])
    net.load_state_dict(partial, strict=False)
    np.testing.assert_array_equal(net.fc1.weight.data.numpy(), partial["fc1.weight"].numpy())


def test_type_moves():
    net = Net()
    net.double()
    assert net.fc1.weight.data.type() == "ptorch.DoubleTensor"
    assert net.bn.running_mean.type() == "ptorch.DoubleTensor"
    assert net.steps.type() == "ptorch.LongTensor"  # integer buffers stay integers
    out = net(Variable(ptorch.randn(3, 3).double()))
    assert out.data.type() == "ptorch.DoubleTensor"
    net.float()
    assert net.fc2.weight.data.type() == "ptorch.FloatTensor"
    net.type(ptorch.DoubleTensor)
    assert net.fc2.weight.data.type() == "ptorch.DoubleTensor"
    net.half()
    assert net.fc2.weight.data.type() == "ptorch.HalfTensor"
    net.cpu()
    with raises(RuntimeError, "without CUDA"):
        net.cuda()


def test_hooks():
    lin = nn.Linear(3, 2)
    calls = []
    h1 = lin.register_forward_pre_hook(lambda m, i: calls.append(("pre", len(i))))
    h2 = lin.register_forward_hook(lambda m, i, o: calls.append(("fwd", tuple(o.size()))))
    grads = []
    h3 = lin.register_backward_hook(lambda m, gi, go: grads.append(go[0].size()))
    x = Variable(ptorch.randn(5, 3), requires_grad=True)
    lin(x).sum().backward()
    assert calls == [("pre", 1), ("fwd", (5, 2))]
    assert grads == [ptorch.Size([5, 2])]
    for h in (h1, h2, h3):
        h.remove()
    lin(x).sum().backward()
    assert len(calls) == 2 and len(grads) == 1
    lin.register_forward_hook(lambda m, i, o: 1)
    with raises(RuntimeError, "forward hooks should never return"):
        lin(x)


def test_backward_hook_can_replace_grad_input():
    m = nn.Sigmoid()
    m.register_backward_hook(lambda mod, gi, go: tuple(g * 0 for g in gi))
    x = Variable(ptorch.randn(4), requires_grad=True)
    m(x).sum().backward()
    assert x.grad.data.abs().sum() == 0


def test_repr():
    net = nn.Sequential(OrderedDict([("conv", nn.Conv2d(1, 20, 5)), ("relu", nn.ReLU()),
                                     ("fc", nn.Linear(4, 5))]))
    assert repr(net) == ("Sequential(\n  (conv): Conv2d(1, 20, kernel_size=(5, 5), "
                         "stride=(1, 1))\n  (relu): ReLU ()\n  (fc): Linear (4 -> 5)\n)")
    assert repr(Net()).startswith("Net(\n  (fc1): Linear (3 -> 4)\n  (bn): BatchNorm1d(4, "
                                  "eps=1e-05, momentum=0.1, affine=True)")


def test_sequential():
    s = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 1))
    assert len(s) == 3 and isinstance(s[1], nn.Tanh) and isinstance(s[-1], nn.Linear)
    assert len(s[1:]) == 2
    assert list(s) == list(s.children())
    out = s(Variable(ptorch.randn(4, 2)))
    assert out.size() == ptorch.Size([4, 1])
    with raises(IndexError, "index 3 is out of range"):
        s[3]
    od = nn.Sequential(OrderedDict([("a", nn.ReLU()), ("b", nn.Tanh())]))
    assert [n for n, _ in od.named_children()] == ["a", "b"]
    with raises(TypeError, "is not a Module subclass"):
        nn.Sequential(3)


def test_module_list_and_parameter_list():
    ml = nn.ModuleList([nn.Linear(2, 2) for _ in range(2)])
    ml.append(nn.ReLU())
    ml.extend([nn.Tanh()])
    assert len(ml) == 4 and len(list(ml.parameters())) == 4
    assert isinstance(ml[-1], nn.Tanh)
    ml[3] = nn.Sigmoid()
    assert isinstance(ml[3], nn.Sigmoid)
    with raises(TypeError, "iterable of modules"):
        ml.extend(nn.ReLU())
    pl = nn.ParameterList([nn.Parameter(ptorch.ones(2)) for _ in range(3)])
    pl.append(nn.Parameter(ptorch.zeros(1)))
    assert len(pl) == 4 and len(list(pl.parameters())) == 4
    holder = nn.Module()
    holder.params = pl
    assert [n for n, _ in holder.named_parameters()] == ["params.0", "params.1", "params.2",
                                                         "params.3"]
    with raises(TypeError, "ptorch.nn.Parameter or None required"):
        pl.append(ptorch.ones(1))


def test_parameter():
    p = nn.Parameter(ptorch.ones(2, 2))
    assert p.requires_grad and p.is_leaf and isinstance(p, Variable)
    assert repr(p).startswith("Parameter containing:")
    q = nn.Parameter(ptorch.ones(1), requires_grad=False)
    assert not q.requires_grad
    r = pickle.loads(pickle.dumps(p))
    assert isinstance(r, nn.Parameter) and r.requires_grad
    import copy
    lin = nn.Linear(2, 2)
    d = copy.deepcopy(lin)
    assert isinstance(d.weight, nn.Parameter) and d.weight is not lin.weight
    np.testing.assert_array_equal(d.weight.data.numpy(), lin.weight.data.numpy())
    seq = pickle.loads(pickle.dumps(nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2))))
    assert isinstance(seq[1].weight, nn.Parameter) and seq[1].running_var[0] == 1


def test_share_memory():
    lin = nn.Linear(2, 2)
    assert lin.share_memory() is lin
    assert lin.weight.data.is_shared()  # more in test_multiprocessing_hogwild.py


# ---- nn.init ----

def test_calculate_gain():
    assert init.calculate_gain("linear") == 1
    assert init.calculate_gain("conv2d") == 1
    assert init.calculate_gain("sigmoid") == 1
    assert init.calculate_gain("tanh") == pytest.approx(5 / 3)
    assert init.calculate_gain("relu") == pytest.approx(math.sqrt(2))
    assert init.calculate_gain("leaky_relu", 0.2) == pytest.approx(math.sqrt(2 / 1.04))
    with raises(ValueError, "unsupported nonlinearity"):
        init.calculate_gain("foo")


def test_init_distributions():
    ptorch.manual_seed(0)
    t = ptorch.DoubleTensor(200, 100)
    init.uniform(t, -2, 3)
    a = t.numpy()
    assert a.min() >= -2 and a.max() <= 3 and abs(a.mean() - 0.5) < 0.05
    init.normal(t, 1, 2)
    assert abs(t.numpy().mean() - 1) < 0.05 and abs(t.numpy().std() - 2) < 0.05
    init.constant(t, 0.5)
    assert (t.numpy() == 0.5).all()
    v = Variable(ptorch.DoubleTensor(300, 200))
    init.xavier_uniform(v, gain=2)
    bound = 2 * math.sqrt(6 / 500)
    assert abs(v.data.numpy()).max() <= bound and abs(v.data.numpy()).max() > 0.9 * bound
    init.xavier_normal(v)
    assert abs(v.data.numpy().std() - math.sqrt(2 / 500)) < 0.005
    w = ptorch.DoubleTensor(64, 16, 3, 3)
    init.kaiming_uniform(w)
    bound = math.sqrt(6 / (16 * 9))
    assert abs(w.numpy()).max() <= bound and abs(w.numpy()).max() > 0.9 * bound
    init.kaiming_normal(w, mode="fan_out")
    assert abs(w.numpy().std() - math.sqrt(2 / (64 * 9))) < 0.01
    with raises(ValueError, "mode 'fan' not supported"):
        init.kaiming_normal(w, mode="fan")
    with raises(ValueError, "fewer than 2 dimensions"):
        init.xavier_uniform(ptorch.DoubleTensor(5))


def test_init_structured():
    e = ptorch.DoubleTensor(3, 4)
    init.eye(e)
    np.testing.assert_array_equal(e.numpy(), np.eye(3, 4))
    d = ptorch.DoubleTensor(4, 3, 3, 3)
    init.dirac(d)
    arr = d.numpy()
    assert arr.sum() == 3 and arr[1, 1, 1, 1] == 1 and arr[3].sum() == 0
    with raises(ValueError, "only tensors with 3, 4, or 5 dimensions"):
        init.dirac(e)
    with raises(ValueError, "only tensors with 2 dimensions"):
        init.eye(d)
    for rows, cols in ((6, 4), (4, 6)):
        o = ptorch.DoubleTensor(rows, cols)
        init.orthogonal(o, gain=2)
        q = o.numpy() / 2
        small = min(rows, cols)
        gram = q.T @ q if rows >= cols else q @ q.T
        np.testing.assert_allclose(gram, np.eye(small), atol=1e-10)
    s = ptorch.DoubleTensor(10, 5)
    init.sparse(s, 0.3)
    zeros_per_col = (s.numpy() == 0).sum(0)
    assert (zeros_per_col >= 3).all()


def test_training_end_to_end():
    """An MLP learns XOR and a small convnet fits a batch, with an optimizer."""
    import ptorch.optim as optim
    F = nn.functional
    ptorch.manual_seed(0)
    x = Variable(ptorch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]]))
    y = Variable(ptorch.LongTensor([0, 1, 1, 0]))
    net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2))
    opt = optim.SGD(net.parameters(), lr=0.5, momentum=0.9)
    for _ in range(150):
        opt.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
    assert loss.data[0] < 0.01
    assert net(x).max(1)[1].data.tolist() == [0, 1, 1, 0]
    conv = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Conv2d(4, 3, 2), nn.LogSoftmax())
    imgs = Variable(ptorch.randn(6, 1, 4, 4))
    labels = Variable(ptorch.LongTensor([0, 1, 2, 0, 1, 2]))
    opt = optim.Adam(conv.parameters(), lr=0.05)
    first = None
    for _ in range(30):
        opt.zero_grad()
        loss = F.nll_loss(conv(imgs).view(6, 3), labels)
        first = first if first is not None else loss.data[0]
        loss.backward()
        opt.step()
    assert loss.data[0] < 0.2 * first
