"""PackedSequence: a batch of variable-length sequences stored time step by time step
without padding, and the conversions from and to padded [T x B x *] Variables."""
from collections import namedtuple

from ...autograd import Variable


class PackedSequence(namedtuple("PackedSequence", ["data", "batch_sizes"])):
    """data: [sum(batch_sizes) x *], the active rows of each time step in turn;
    batch_sizes: how many sequences are still running at each step (non-increasing).
    Build it with pack_padded_sequence, not by hand."""


def _cat(vs, dim):
    from ... import cat
    return cat(vs, dim)


def pack_padded_sequence(input, lengths, batch_first=False):
    """Packs a padded batch [T x B x *] ([B x T x *] with batch_first) of sequences whose
    lengths (a list, sorted in decreasing order) are given."""
    lengths = [int(n) for n in (lengths.tolist() if hasattr(lengths, "tolist") else lengths)]
    if batch_first:
        input = input.transpose(0, 1)
    steps, batch = input.size(0), input.size(1)
    if len(lengths) != batch:
        raise ValueError(f"pack_padded_sequence: got {len(lengths)} lengths for a batch of "
                         f"{batch} sequences")
    if any(b > a for a, b in zip(lengths, lengths[1:])):
        raise ValueError(f"pack_padded_sequence: lengths must be sorted in decreasing order, "
                         f"got {lengths}")
    if lengths and (lengths[-1] <= 0 or lengths[0] > steps):
        raise ValueError(f"pack_padded_sequence: lengths must be between 1 and the sequence "
                         f"length {steps}, got {lengths}")
    batch_sizes = [sum(1 for n in lengths if n > t) for t in range(lengths[0] if lengths
                                                                   else 0)]
    steps_data = [input[t].narrow(0, 0, bs) if bs < batch else input[t]
                  for t, bs in enumerate(batch_sizes)]
    return PackedSequence(_cat(steps_data, 0), batch_sizes)


def pad_packed_sequence(sequence, batch_first=False):
    """The inverse of pack_padded_sequence: (padded Variable [T x B x *], lengths)."""
    data, batch_sizes = sequence
    batch = batch_sizes[0]
    rest = list(data.size()[1:])
    steps, offset = [], 0
    for bs in batch_sizes:
        step = data.narrow(0, offset, bs)
        if bs < batch:
            z = Variable(data.data.new(*([batch - bs] + rest)).zero_())
            step = _cat([step, z], 0)
        steps.append(step)
        offset += bs
    from ... import stack
    out = stack(steps, 0)
    lengths = [sum(1 for bs in batch_sizes if bs > b) for b in range(batch)]
    if batch_first:
        out = out.transpose(0, 1)
    return out, lengths
