"""Recurrent layers RNN, LSTM, GRU (multi-layer, bidirectional, dropout, batch_first,
PackedSequence input) and their cells, composed of Variable ops (so they differentiate to
any order). The input projection of a whole sequence is one matrix product per layer."""
import math

from ...autograd import Variable
from ..module import Module
from ..parameter import Parameter
from ..utils.rnn import PackedSequence
from .. import functional as F
from .._functions import rnn as _rnn_fn

_GATES = {"RNN_TANH": 1, "RNN_RELU": 1, "LSTM": 4, "GRU": 3}


def _cat(vs, dim):
    from ... import cat
    return cat(vs, dim)


def _stack(vs, dim):
    from ... import stack
    return stack(vs, dim)


def _linear(x, w, b):
    return F.linear(x, w, b)


def _rnn_step(mode, gi, state, w_hh, b_hh):
    """One step from the precomputed input projection gi; returns the new state tuple."""
    h = state[0]
    if mode == "LSTM":
        # One addmm for the four gates (b_hh folded into gi when None), then the fused cell.
        if b_hh is not None:
            gi = gi + b_hh.unsqueeze(0).expand_as(gi)
        return _rnn_fn.LSTMCell.apply(gi.addmm(h, w_hh.t()), state[1])
    gh = _linear(h, w_hh, b_hh)
    if mode == "RNN_TANH":
        return ((gi + gh).tanh(),)
    if mode == "RNN_RELU":
        return (F.relu(gi + gh),)
    n = h.size(1)
    r = (gi.narrow(1, 0, n) + gh.narrow(1, 0, n)).sigmoid()
    z = (gi.narrow(1, n, n) + gh.narrow(1, n, n)).sigmoid()
    cand = (gi.narrow(1, 2 * n, n) + r * gh.narrow(1, 2 * n, n)).tanh()
    return ((1 - z) * cand + z * h,)


def _run_direction(mode, x, batch_sizes, init, weights, reverse):
    """Runs one layer in one direction over packed data x; returns (output rows in x's
    layout, final state of every sequence)."""
    w_ih, w_hh, b_ih, b_hh = weights
    gi_all = _linear(x, w_ih, b_ih)
    if mode == "LSTM" and b_hh is not None:  # added once for the whole sequence
        gi_all = gi_all + b_hh.unsqueeze(0).expand_as(gi_all)
        b_hh = None
    steps = range(len(batch_sizes) - 1, -1, -1) if reverse else range(len(batch_sizes))
    state = init
    if reverse and batch_sizes[-1] < init[0].size(0):
        state = tuple(s.narrow(0, 0, batch_sizes[-1]) for s in init)
    outs = [None] * len(batch_sizes)
    finals = [None] * len(state)
    gi_steps = _rnn_fn.SplitRows.apply(gi_all, list(batch_sizes))
    if not isinstance(gi_steps, tuple):
        gi_steps = (gi_steps,)
    for t in steps:
        bs = batch_sizes[t]
        gi = gi_steps[t]
        if not reverse and bs < state[0].size(0):
            # Sequences that ended before t keep their state as final.
            for k, s in enumerate(state):
                tail = s.narrow(0, bs, s.size(0) - bs)
                finals[k] = tail if finals[k] is None else _cat([tail, finals[k]], 0)
            state = tuple(s.narrow(0, 0, bs) for s in state)
        elif reverse and bs > state[0].size(0):
            state = tuple(_cat([s, s0.narrow(0, s.size(0), bs - s.size(0))], 0)
                          for s, s0 in zip(state, init))
        state = _rnn_step(mode, gi, state, w_hh, b_hh)
        outs[t] = state[0]
    for k, s in enumerate(state):
        finals[k] = s if finals[k] is None else _cat([s, finals[k]], 0)
    return _cat(outs, 0), finals


class RNNBase(Module):
    def __init__(self, mode, input_size, hidden_size, num_layers=1, bias=True,
                 batch_first=False, dropout=0, bidirectional=False):
        super().__init__()
        if not 0 <= dropout <= 1:
            raise ValueError(f"{type(self).__name__}: dropout must be in [0, 1], got {dropout}")
        self.mode = mode
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bias = num_layers, bias
        self.batch_first, self.dropout = batch_first, dropout
        self.bidirectional = bidirectional
        dirs = 2 if bidirectional else 1
        gate = _GATES[mode] * hidden_size
        from ... import Tensor
        self._all_weights = []
        for layer in range(num_layers):
            for d in range(dirs):
                layer_in = input_size if layer == 0 else hidden_size * dirs
                sfx = "_reverse" if d else ""
                names = [f"weight_ih_l{layer}{sfx}", f"weight_hh_l{layer}{sfx}"]
                setattr(self, names[0], Parameter(Tensor(gate, layer_in)))
                setattr(self, names[1], Parameter(Tensor(gate, hidden_size)))
                if bias:
                    names += [f"bias_ih_l{layer}{sfx}", f"bias_hh_l{layer}{sfx}"]
                    setattr(self, names[2], Parameter(Tensor(gate)))
                    setattr(self, names[3], Parameter(Tensor(gate)))
                self._all_weights.append(names)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            p.data.uniform_(-stdv, stdv)

    @property
    def all_weights(self):
        return [[getattr(self, n) for n in names] for names in self._all_weights]

    def _weights(self, idx):
        ws = [getattr(self, n) for n in self._all_weights[idx]]
        return ws if self.bias else ws + [None, None]

    def forward(self, input, hx=None):
        packed = isinstance(input, PackedSequence)
        name = type(self).__name__
        if packed:
            x, batch_sizes = input
            batch_sizes = list(batch_sizes)
        else:
            if input.dim() != 3:
                order = "batch, seq" if self.batch_first else "seq, batch"
                raise ValueError(f"{name} expected 3-D input ({order}, features), got "
                                 f"{F._fmt(input.size())}")
            if self.batch_first:
                input = input.transpose(0, 1)
            steps, batch = input.size(0), input.size(1)
            x = input.contiguous().view(steps * batch, input.size(2))
            batch_sizes = [batch] * steps
        if x.size(-1) != self.input_size:
            raise ValueError(f"{name} expected input with {self.input_size} features, got "
                             f"{F._fmt(x.size())}")
        batch = batch_sizes[0]
        dirs = 2 if self.bidirectional else 1
        want = (self.num_layers * dirs, batch, self.hidden_size)
        lstm = self.mode == "LSTM"
        if hx is None:
            z = Variable(x.data.new(*want).zero_())
            hx = (z, z) if lstm else z
        hs = hx if lstm else (hx,)
        if lstm and (not isinstance(hx, tuple) or len(hx) != 2):
            raise ValueError("LSTM expects hx as a tuple (h_0, c_0)")
        for h in hs:
            if tuple(h.size()) != want:
                raise ValueError(f"{name} expected hidden state of size {F._fmt(want)}, got "
                                 f"{F._fmt(h.size())}")
        finals = [[] for _ in hs]
        # One node per LSTM layer and direction when every step has the whole batch.
        whole = lstm and all(b == batch for b in batch_sizes)
        for layer in range(self.num_layers):
            outs = []
            for d in range(dirs):
                idx = layer * dirs + d
                init = tuple(h[idx] for h in hs)
                if whole:
                    w_ih, w_hh, b_ih, b_hh = self._weights(idx)
                    out, h_n, c_n = _rnn_fn.LSTMLayer.apply(x, init[0], init[1], w_ih, w_hh,
                                                            b_ih, b_hh, d == 1)
                    fin = (h_n, c_n)
                else:
                    out, fin = _run_direction(self.mode, x, batch_sizes, init,
                                              self._weights(idx), d == 1)
                outs.append(out)
                for k, f in enumerate(fin):
                    finals[k].append(f)
            x = outs[0] if dirs == 1 else _cat(outs, 1)
            if self.dropout and layer < self.num_layers - 1:
                x = F.dropout(x, self.dropout, self.training)
        h_n = tuple(_stack(f, 0) for f in finals)
        if packed:
            output = PackedSequence(x, batch_sizes)
        else:
            output = x.view(len(batch_sizes), batch, x.size(1))
            if self.batch_first:
                output = output.transpose(0, 1)
        return output, (h_n if lstm else h_n[0])

    def __repr__(self):
        s = f"{type(self).__name__}({self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first:
            s += ", batch_first=True"
        if self.dropout:
            s += f", dropout={self.dropout}"
        if self.bidirectional:
            s += ", bidirectional=True"
        return s + ")"


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh) (or relu)."""

    def __init__(self, *args, **kwargs):
        nonlinearity = kwargs.pop("nonlinearity", "tanh")
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNN: unknown nonlinearity {nonlinearity!r} (tanh or relu)")
        self.nonlinearity = nonlinearity
        super().__init__("RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU", *args,
                         **kwargs)


class LSTM(RNNBase):
    """Long short-term memory; gates i, f, g, o in that order in the weights."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)


class GRU(RNNBase):
    """Gated recurrent unit; gates r, z, n in that order in the weights."""

    def __init__(self, *args, **kwargs):
        super().__init__("GRU", *args, **kwargs)


class RNNCellBase(Module):
    _mode = "RNN_TANH"

    def __init__(self, input_size, hidden_size, bias=True):
        super().__init__()
        from ... import Tensor
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        gate = _GATES[self._mode] * hidden_size
        self.weight_ih = Parameter(Tensor(gate, input_size))
        self.weight_hh = Parameter(Tensor(gate, hidden_size))
        if bias:
            self.bias_ih = Parameter(Tensor(gate))
            self.bias_hh = Parameter(Tensor(gate))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self):
        stdv = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            p.data.uniform_(-stdv, stdv)

    def _check(self, input, hx):
        name = type(self).__name__
        if input.dim() != 2 or input.size(1) != self.input_size:
            raise ValueError(f"{name} expected input of size [N x {self.input_size}], got "
                             f"{F._fmt(input.size())}")
        for h in (hx if isinstance(hx, tuple) else (hx,)):
            if tuple(h.size()) != (input.size(0), self.hidden_size):
                raise ValueError(f"{name} expected hidden state of size "
                                 f"[{input.size(0)} x {self.hidden_size}], got "
                                 f"{F._fmt(h.size())}")

    def _step(self, input, state):
        gi = _linear(input, self.weight_ih, self.bias_ih)
        return _rnn_step(self._mode, gi, state, self.weight_hh, self.bias_hh)

    def forward(self, input, hx):
        self._check(input, hx)
        return self._step(input, (hx,))[0]

    def __repr__(self):
        s = f"{type(self).__name__}({self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        return s + ")"


class RNNCell(RNNCellBase):
    def __init__(self, input_size, hidden_size, bias=True, nonlinearity="tanh"):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"RNNCell: unknown nonlinearity {nonlinearity!r} (tanh or relu)")
        self._mode = "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU"
        self.nonlinearity = nonlinearity
        super().__init__(input_size, hidden_size, bias)


class LSTMCell(RNNCellBase):
    _mode = "LSTM"

    def forward(self, input, hx):
        if not isinstance(hx, tuple) or len(hx) != 2:
            raise ValueError("LSTMCell expects hx as a tuple (h_0, c_0)")
        self._check(input, hx)
        return self._step(input, hx)


class GRUCell(RNNCellBase):
    _mode = "GRU"
