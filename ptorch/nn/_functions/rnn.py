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
