"""The fused LSTM cell: from the pre-activation gates [B x 4H] (i, f, g, o) and the previous
cell state, the new hidden and cell states in a few in-place tensor ops, with a closed-form
backward. A plain backward (volatile gradients) runs it on tensors; under create_graph it is
written with Variable ops on the saved inputs, so that it differentiates again."""
from ...autograd import Function, Variable


class LSTMCell(Function):
    @staticmethod
    def forward(ctx, gates, c_prev):
        n = c_prev.size(1)
        act = gates.clone()
        i, f, g, o = (act.narrow(1, k * n, n) for k in range(4))
        i.sigmoid_()
        f.sigmoid_()
        g.tanh_()
        o.sigmoid_()
        c = f * c_prev
        c.addcmul_(1, i, g)
        tc = c.tanh()
        h = o * tc
        ctx.act, ctx.tc = act, tc
        ctx.save_for_backward(gates, c_prev)
        return h, c

    @staticmethod
    def backward(ctx, dh, dc):
        if dh._volatile and dc._volatile:
            return _backward_tensors(ctx, dh.data, dc.data)
        gates, c_prev = ctx.saved_variables
        # A gradient that never arrived is a volatile zero: make it part of the graph.
        dh, dc = (Variable(d.data) if d._volatile else d for d in (dh, dc))
        n = c_prev.size(1)
        i, f, o = (gates.narrow(1, k * n, n).sigmoid() for k in (0, 1, 3))
        g = gates.narrow(1, 2 * n, n).tanh()
        tc = (f * c_prev + i * g).tanh()
        dct = dc + dh * o * (1 - tc * tc)
        from ... import cat
        d_gates = cat([dct * g * i * (1 - i), dct * c_prev * f * (1 - f),
                       dct * i * (1 - g * g), dh * tc * o * (1 - o)], 1)
        return d_gates, dct * f


def _backward_tensors(ctx, dh, dc):
    act, tc = ctx.act, ctx.tc
    gates, c_prev = ctx.saved_tensors
    n = c_prev.size(1)
    i, f, g, o = (act.narrow(1, k * n, n) for k in range(4))
    # dct = dc + dh * o * (1 - tc^2)
    dct = tc * tc
    dct.mul_(-1).add_(1).mul_(o).mul_(dh).add_(dc)
    d = act.new(act.size())
    di, df, dg, do = (d.narrow(1, k * n, n) for k in range(4))
    # sigmoid' = s (1 - s), tanh' = 1 - t^2, each times the gradient of the activation
    parts = ((di, i, g, True), (df, f, c_prev, True), (dg, g, i, False))
    for dst, a, other, sig in parts:
        if sig:
            dst.copy_(a).mul_(-1).add_(1).mul_(a)
        else:
            dst.copy_(a).mul_(a).mul_(-1).add_(1)
        dst.mul_(other).mul_(dct)
    do.copy_(o).mul_(-1).add_(1).mul_(o).mul_(tc).mul_(dh)
    return Variable(d, volatile=True), Variable(dct.mul_(f), volatile=True)


class SplitRows(Function):
    """x [R x ...] cut into consecutive row blocks of the given sizes, as one node: backward
    writes every block's gradient into one tensor (narrow per block would give each block a
    full-size zero gradient to sum: quadratic in the sequence length)."""

    @staticmethod
    def forward(ctx, x, sizes):
        ctx.rows = x.size(0)
        outs, off = [], 0
        for n in sizes:
            outs.append(x.narrow(0, off, n))
            off += n
        return tuple(outs)

    @staticmethod
    def backward(ctx, *grads):
        if all(g._volatile for g in grads):
            first = grads[0].data
            out = first.new(ctx.rows, *first.size()[1:])
            off = 0
            for g in grads:
                n = g.data.size(0)
                out.narrow(0, off, n).copy_(g.data)
                off += n
            return Variable(out, volatile=True), None
        from ... import cat
        return cat([Variable(g.data) if g._volatile else g for g in grads], 0), None


class LSTMLayer(Function):
    """One LSTM layer in one direction over a whole sequence of equal batches, as one node.
    x is [T*B x I] (time-major rows), h0/c0 [B x H]; returns (output [T*B x H], h_n, c_n).
    Forward: one addmm for the input projection of every step, then per step one addmm for
    the hidden projection and the activations in place on the gate chunks. Backward: the
    gate gradients of all steps go into one [T*B x 4H] buffer, from which the weight, bias
    and input gradients are one matrix product (or one row sum) each. Under create_graph the
    backward rebuilds the layer from Variable ops (the step-by-step path) and differentiates
    that, so the gradients differentiate again."""

    @staticmethod
    def forward(ctx, x, h0, c0, w_ih, w_hh, b_ih, b_hh, reverse):
        n = h0.size(1)
        batch = h0.size(0)
        steps = x.size(0) // batch
        # tanh(x) = 2 sigmoid(2x) - 1: with the g rows of the weights and bias doubled, one
        # sigmoid over the whole contiguous gate block activates all four gates.
        w_ih2, w_hh2 = w_ih.clone(), w_hh.clone()
        w_ih2.narrow(0, 2 * n, n).mul_(2)
        w_hh2.narrow(0, 2 * n, n).mul_(2)
        if b_ih is not None or b_hh is not None:
            if b_ih is not None and b_hh is not None:
                bias = b_ih + b_hh
            else:
                bias = (b_ih if b_ih is not None else b_hh).clone()
            bias.narrow(0, 2 * n, n).mul_(2)
            gates = bias.unsqueeze(0).expand(x.size(0), 4 * n).clone()
            gates.addmm_(x, w_ih2.t())
        else:
            gates = x.mm(w_ih2.t())
        h_prev = x.new(steps, batch, n)   # the state each step starts from
        c_prev = x.new(steps, batch, n)
        out = x.new(steps, batch, n)
        tcs = x.new(steps, batch, n)      # tanh of each step's new cell
        order = range(steps - 1, -1, -1) if reverse else range(steps)
        h, c = h0, c0
        w_hh_t = w_hh2.t()
        for t in order:
            h_prev[t].copy_(h)
            c_prev[t].copy_(c)
            g = gates.narrow(0, t * batch, batch)
            g.addmm_(h, w_hh_t)
            g.sigmoid_()
            gi, gf, gg, go = (g.narrow(1, k * n, n) for k in range(4))
            gg.mul_(2).add_(-1)
            c = gf * c
            c.addcmul_(1, gi, gg)
            tc = tcs[t]
            tc.copy_(c).mul_(2).sigmoid_().mul_(2).add_(-1)
            h = out[t]
            h.copy_(go).mul_(tc)
        ctx.bufs = (gates, h_prev, c_prev, tcs)
        ctx.reverse = reverse
        ctx.has_bias = (b_ih is not None, b_hh is not None)
        ctx.save_for_backward(x, h0, c0, w_ih, w_hh, b_ih, b_hh)
        return out.view(steps * batch, n), h.clone(), c

    @staticmethod
    def backward(ctx, d_out, d_hn, d_cn):
        if not (d_out._volatile and d_hn._volatile and d_cn._volatile):
            return _layer_backward_graph(ctx, d_out, d_hn, d_cn)
        gates, h_prev, c_prev, tcs = ctx.bufs
        x, h0, c0, w_ih, w_hh, b_ih, b_hh = ctx.saved_tensors
        steps, batch, n = h_prev.size()
        d_out = d_out.data.view(steps, batch, n)
        dh = d_hn.data.clone()
        dc = d_cn.data.clone()
        rows = steps * batch
        # Every factor that does not depend on the recursion, for all steps at once:
        # d_gates starts as the local derivative of each gate times its partner
        # (i: s'(i) g, f: s'(f) c_prev, g: tanh'(g) i, o: s'(o) tanh(c)) and is then scaled
        # per step by the cell gradient (i, f, g) or the hidden gradient (o).
        act = gates.view(rows, 4, n)
        i, f, g, o = (act.select(1, k) for k in range(4))
        tc = tcs.view(rows, n)
        d_gates = gates.new(rows, 4, n)
        di, df, dg, do = (d_gates.select(1, k) for k in range(4))
        di.copy_(i).mul_(-1).add_(1).mul_(i).mul_(g)
        df.copy_(f).mul_(-1).add_(1).mul_(f).mul_(c_prev.view(rows, n))
        dg.copy_(g).mul_(g).mul_(-1).add_(1).mul_(i)
        do.copy_(o).mul_(-1).add_(1).mul_(o).mul_(tc)
        o_dtc = tc * tc  # d tanh(c) / d c, times o
        o_dtc.mul_(-1).add_(1).mul_(o)
        order = range(steps) if ctx.reverse else range(steps - 1, -1, -1)
        need = ctx.needs_input_grad
        last = order[-1]
        for t in order:
            dh.add_(d_out[t])
            r0 = t * batch
            dct = dh * o_dtc.narrow(0, r0, batch)
            dct.add_(dc)
            d = d_gates.narrow(0, r0, batch)
            d.narrow(1, 0, 3).mul_(dct.unsqueeze(1).expand(batch, 3, n))
            d.select(1, 3).mul_(dh)
            dc = dct.mul_(f.narrow(0, r0, batch))
            if t != last or need[1]:
                dh = d.view(batch, 4 * n).mm(w_hh)
        d_gates = d_gates.view(rows, 4 * n)
        dx = d_gates.mm(w_ih) if need[0] else None
        dw_ih = d_gates.t().mm(x) if need[3] else None
        dw_hh = d_gates.t().mm(h_prev.view(rows, n)) if need[4] else None
        db = d_gates.sum(0, keepdim=False) if need[5] or need[6] else None
        db_ih = db if need[5] else None
        db_hh = (db.clone() if need[5] else db) if need[6] else None
        res = (dx, dh if need[1] else None, dc if need[2] else None, dw_ih, dw_hh, db_ih, db_hh)
        return tuple(None if r is None else Variable(r, volatile=True) for r in res) + (None,)


def _layer_backward_graph(ctx, d_out, d_hn, d_cn):
    """create_graph backward of LSTMLayer: the step-by-step Variable path over the saved
    inputs, differentiated with the engine (so the result differentiates again)."""
    from ..modules.rnn import _run_direction
    from ...autograd import grad
    # Each input behind an identity node: the engine runs the target nodes of grad, and
    # the input's own grad_fn may be another LSTMLayer (the layer below), which must not
    # run (recursively) here.
    args = tuple(None if v is None else v.clone() if v.requires_grad else v
                 for v in ctx.saved_variables)
    x, h0, c0, w_ih, w_hh, b_ih, b_hh = args
    batch = h0.size(0)
    steps = x.size(0) // batch
    out, (h_n, c_n) = _run_direction("LSTM", x, [batch] * steps, (h0, c0),
                                     (w_ih, w_hh, b_ih, b_hh), ctx.reverse)
    grads = [Variable(d.data) if d._volatile else d for d in (d_out, d_hn, d_cn)]
    wanted = [k for k, need in enumerate(ctx.needs_input_grad[:7]) if need]
    # One scalar root (the gradients weighted in) rather than three roots: the engine
    # misses inputs when h_n and c_n, two outputs of one node, are both roots.
    total = (out * grads[0]).sum() + (h_n * grads[1]).sum() + (c_n * grads[2]).sum()
    found = grad([total], [args[k] for k in wanted], create_graph=True, allow_unused=True)
    res = [None] * 8
    for k, g in zip(wanted, found):
        res[k] = g
    return tuple(res)
