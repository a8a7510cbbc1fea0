"""Loss modules: each holds its options and calls the nn.functional loss."""
from ..module import Module
from .. import functional as F


class _Loss(Module):
    def __init__(self, size_average=True):
        super().__init__()
        self.size_average = size_average

    def __repr__(self):
        return f"{type(self).__name__} ()"


class _WeightedLoss(_Loss):
    def __init__(self, weight=None, size_average=True):
        super().__init__(size_average)
        self.register_buffer("weight", weight)


class L1Loss(_Loss):
    def forward(self, input, target):
        return F.l1_loss(input, target, self.size_average)


class MSELoss(_Loss):
    def forward(self, input, target):
        return F.mse_loss(input, target, self.size_average)


class SmoothL1Loss(_Loss):
    def forward(self, input, target):
        return F.smooth_l1_loss(input, target, self.size_average)


class SoftMarginLoss(_Loss):
    def forward(self, input, target):
        return F.soft_margin_loss(input, target, self.size_average)


class KLDivLoss(_Loss):
    def forward(self, input, target):
        return F.kl_div(input, target, self.size_average)


class MultiLabelMarginLoss(_Loss):
    def forward(self, input, target):
        return F.multilabel_margin_loss(input, target, self.size_average)


class PoissonNLLLoss(_Loss):
    def __init__(self, log_input=True, full=False, size_average=True, eps=1e-8):
        super().__init__(size_average)
        self.log_input, self.full, self.eps = log_input, full, eps

    def forward(self, log_input, target):
        return F.poisson_nll_loss(log_input, target, self.log_input, self.full,
                                  self.size_average, self.eps)


class NLLLoss(_WeightedLoss):
    def __init__(self, weight=None, size_average=True, ignore_index=-100):
        super().__init__(weight, size_average)
        self.ignore_index = ignore_index

    def forward(self, input, target):
        return F.nll_loss(input, target, self.weight, self.size_average, self.ignore_index)


class NLLLoss2d(NLLLoss):
    def forward(self, input, target):
        return F.nll_loss2d(input, target, self.weight, self.size_average, self.ignore_index)


class CrossEntropyLoss(NLLLoss):
    def forward(self, input, target):
        return F.cross_entropy(input, target, self.weight, self.size_average,
                               self.ignore_index)


class BCELoss(_WeightedLoss):
    def forward(self, input, target):
        return F.binary_cross_entropy(input, target, self.weight, self.size_average)


class BCEWithLogitsLoss(_WeightedLoss):
    def forward(self, input, target):
        return F.binary_cross_entropy_with_logits(input, target, self.weight,
                                                  self.size_average)


class MultiLabelSoftMarginLoss(_WeightedLoss):
    def forward(self, input, target):
        return F.multilabel_soft_margin_loss(input, target, self.weight, self.size_average)


class HingeEmbeddingLoss(_Loss):
    def __init__(self, margin=1.0, size_average=True):
        super().__init__(size_average)
        self.margin = margin

    def forward(self, input, target):
        return F.hinge_embedding_loss(input, target, self.margin, self.size_average)


class MarginRankingLoss(_Loss):
    def __init__(self, margin=0, size_average=True):
        super().__init__(size_average)
        self.margin = margin

    def forward(self, input1, input2, target):
        return F.margin_ranking_loss(input1, input2, target, self.margin, self.size_average)


class CosineEmbeddingLoss(_Loss):
    def __init__(self, margin=0, size_average=True):
        super().__init__(size_average)
        self.margin = margin

    def forward(self, input1, input2, target):
        return F.cosine_embedding_loss(input1, input2, target, self.margin,
                                       self.size_average)


class MultiMarginLoss(_WeightedLoss):
    def __init__(self, p=1, margin=1, weight=None, size_average=True):
        super().__init__(weight, size_average)
        if p not in (1, 2):
            raise ValueError(f"MultiMarginLoss: only p == 1 and p == 2 supported, got {p}")
        self.p, self.margin = p, margin

    def forward(self, input, target):
        return F.multi_margin_loss(input, target, self.p, self.margin, self.weight,
                                   self.size_average)


class TripletMarginLoss(Module):
    def __init__(self, margin=1.0, p=2, eps=1e-6, swap=False):
        super().__init__()
        self.margin, self.p, self.eps, self.swap = margin, p, eps, swap

    def forward(self, anchor, positive, negative):
        return F.triplet_margin_loss(anchor, positive, negative, self.margin, self.p,
                                     self.eps, self.swap)

    def __repr__(self):
        return f"TripletMarginLoss (margin={self.margin}, p={self.p})"
