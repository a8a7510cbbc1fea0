"""Embedding and EmbeddingBag: lookup tables of vectors indexed by LongTensors."""
from ...autograd import Function, Variable
from ..module import Module
from ..parameter import Parameter
from .._thnn import backend
from .. import functional as F


class _EmbeddingFn(Function):
    """Rows of weight picked by indices; backward accumulates into the picked rows (skipping
    padding_idx, optionally scaled down by each index's frequency)."""

    @staticmethod
    def forward(ctx, indices, weight, padding_idx, scale_grad_by_freq):
        ctx.args = (indices, weight.size(), padding_idx, scale_grad_by_freq)
        out = weight.new()
        backend(weight).LookupTable_updateOutput(indices.contiguous(), weight.contiguous(),
                                                 out)
        return out

    @staticmethod
    def backward(ctx, grad):
        indices, wsize, padding_idx, by_freq = ctx.args
        return None, _EmbeddingGrad.apply(grad, indices, wsize, padding_idx, by_freq), \
            None, None


class _EmbeddingGrad(Function):
    """The (linear) scatter of grad rows into a weight-sized gradient; its own backward picks
    rows again, so Embedding differentiates twice with respect to the incoming gradient."""

    @staticmethod
    def forward(ctx, grad, indices, wsize, padding_idx, by_freq):
        ctx.args = (indices, grad.size(), padding_idx, by_freq)
        gw = grad.new(*wsize).zero_()
        pad = -1 if padding_idx is None else padding_idx
        backend(grad).LookupTable_accGradParameters(
            indices.contiguous(), grad.contiguous(), gw, grad.new(), by_freq, pad, 1)
        return gw

    @staticmethod
    def backward(ctx, gg):
        indices, gsize, padding_idx, by_freq = ctx.args
        rows = gg.index_select(0, Variable(indices.contiguous().view(-1)))
        if padding_idx is not None or by_freq:
            flat = indices.contiguous().view(-1)
            scale = gg.data.new(flat.numel()).fill_(1)
            counts = {}
            for i in flat.tolist():
                counts[i] = counts.get(i, 0) + 1
            for k, i in enumerate(flat.tolist()):
                if i == padding_idx:
                    scale[k] = 0
                elif by_freq:
                    scale[k] = 1.0 / counts[i]
            rows = rows * Variable(scale.view(-1, 1)).expand_as(rows)
        return rows.contiguous().view(*gsize), None, None, None, None


def _check_indices(owner, input, num):
    t = input.data if isinstance(input, Variable) else input
    if type(t).__name__ != "LongTensor":
        raise TypeError(f"{owner} expected a LongTensor of indices, got {type(t).__name__}")
    if t.numel() and (t.min() < 0 or t.max() >= num):
        bad = t.min() if t.min() < 0 else t.max()
        raise IndexError(f"{owner}: index {bad} is out of range for {num} embeddings")
    return t


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2,
              scale_grad_by_freq=False, owner="embedding"):
    idx = _check_indices(owner, input, weight.size(0))
    if max_norm is not None:
        backend(weight.data).LookupTable_renorm(idx.contiguous().view(-1).clone(),
                                                weight.data, max_norm, norm_type)
    flat = idx.contiguous().view(-1)
    out = _EmbeddingFn.apply(flat, weight, padding_idx, bool(scale_grad_by_freq))
    return out.view(*(list(idx.size()) + [weight.size(1)]))


class Embedding(Module):
    """A table of num_embeddings vectors of size embedding_dim (init N(0, 1)); input: a
    LongTensor of indices of any shape, output: that shape plus embedding_dim."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
                 norm_type=2, scale_grad_by_freq=False, sparse=False):
        super().__init__()
        from ... import Tensor
        if padding_idx is not None and padding_idx < 0:
            padding_idx += num_embeddings
        if padding_idx is not None and not 0 <= padding_idx < num_embeddings:
            raise ValueError(f"Embedding: padding_idx must be within the {num_embeddings} "
                             "embeddings")
        if sparse:
            raise NotImplementedError("Embedding(sparse=True): sparse gradients are not "
                                      "supported; use sparse=False")
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.padding_idx, self.max_norm, self.norm_type = padding_idx, max_norm, norm_type
        self.scale_grad_by_freq, self.sparse = scale_grad_by_freq, sparse
        self.weight = Parameter(Tensor(num_embeddings, embedding_dim))
        self.reset_parameters()

    def reset_parameters(self):
        self.weight.data.normal_(0, 1)
        if self.padding_idx is not None:
            self.weight.data[self.padding_idx].fill_(0)

    def forward(self, input):
        return embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                         self.scale_grad_by_freq, repr(self))

    def __repr__(self):
        s = f"Embedding({self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            s += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            s += f", max_norm={self.max_norm}"
        return s + ")"


class EmbeddingBag(Module):
    """Sums or averages bags of embeddings without materializing them one by one: input is
    a 2-D [B x N] LongTensor (B bags of N), or 1-D with offsets giving each bag's start."""

    def __init__(self, num_embeddings, embedding_dim, max_norm=None, norm_type=2,
                 scale_grad_by_freq=False, mode="mean"):
        super().__init__()
        from ... import Tensor
        if mode not in ("sum", "mean"):
            raise ValueError(f"EmbeddingBag: mode must be 'sum' or 'mean', got {mode!r}")
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.max_norm, self.norm_type = max_norm, norm_type
        self.scale_grad_by_freq, self.mode = scale_grad_by_freq, mode
        self.weight = Parameter(Tensor(num_embeddings, embedding_dim))
        self.weight.data.normal_(0, 1)

    def forward(self, input, offsets=None):
        idx = input.data if isinstance(input, Variable) else input
        if idx.dim() == 2:
            if offsets is not None:
                raise ValueError("EmbeddingBag: offsets must be None for 2-D input")
            emb = embedding(idx, self.weight, None, self.max_norm, self.norm_type,
                            self.scale_grad_by_freq, repr(self))
            return emb.sum(1, keepdim=False) if self.mode == "sum" else emb.mean(1, keepdim=False)
        if idx.dim() != 1 or offsets is None:
            raise ValueError(f"EmbeddingBag: expected 2-D input, or 1-D input with offsets, "
                             f"got {F._fmt(idx.size())} input and offsets={offsets!r}")
        offs = offsets.data if isinstance(offsets, Variable) else offsets
        starts = [int(o) for o in offs.tolist()]
        if not starts or starts[0] != 0 or any(b < a for a, b in zip(starts, starts[1:])) \
                or starts[-1] > idx.numel():
            raise ValueError(f"EmbeddingBag: offsets must start at 0 and increase up to the "
                             f"input length {idx.numel()}, got {starts}")
        emb = embedding(idx, self.weight, None, self.max_norm, self.norm_type,
                        self.scale_grad_by_freq, repr(self))
        ends = starts[1:] + [idx.numel()]
        bags = []
        for a, b in zip(starts, ends):
            if b == a:
                bags.append(Variable(self.weight.data.new(1, self.embedding_dim).zero_()))
                continue
            part = emb.narrow(0, a, b - a)
            bags.append((part.sum(0, keepdim=True) if self.mode == "sum"
                         else part.mean(0, keepdim=True)))
        from ... import cat
        return cat(bags, 0)

    def __repr__(self):
        return f"EmbeddingBag({self.num_embeddings}, {self.embedding_dim}, mode={self.mode})"
