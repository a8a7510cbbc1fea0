"""Distance layers, PixelShuffle and upsampling."""
from ..module import Module
from .. import functional as F


class PairwiseDistance(Module):
    def __init__(self, p=2, eps=1e-6):
        super().__init__()
        self.norm, self.eps = p, eps

    def forward(self, x1, x2):
        return F.pairwise_distance(x1, x2, self.norm, self.eps)

    def __repr__(self):
        return f"PairwiseDistance ({self.norm})"


class CosineSimilarity(Module):
    def __init__(self, dim=1, eps=1e-8):
        super().__init__()
        self.dim, self.eps = dim, eps

    def forward(self, x1, x2):
        return F.cosine_similarity(x1, x2, self.dim, self.eps)

    def __repr__(self):
        return f"CosineSimilarity (dim={self.dim}, eps={self.eps})"


class PixelShuffle(Module):
    def __init__(self, upscale_factor):
        super().__init__()
        self.upscale_factor = upscale_factor

    def forward(self, input):
        return F.pixel_shuffle(input, self.upscale_factor)

    def __repr__(self):
        return f"PixelShuffle (upscale_factor={self.upscale_factor})"


class Upsample(Module):
    def __init__(self, size=None, scale_factor=None, mode="nearest"):
        super().__init__()
        self.size, self.scale_factor, self.mode = size, scale_factor, mode

    def forward(self, input):
        return F.upsample(input, self.size, self.scale_factor, self.mode)

    def __repr__(self):
        what = f"size={self.size}" if self.size is not None else \
            f"scale_factor={self.scale_factor}"
        return f"{type(self).__name__} ({what}, mode={self.mode})"


class UpsamplingNearest2d(Upsample):
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, "nearest")


class UpsamplingBilinear2d(Upsample):
    def __init__(self, size=None, scale_factor=None):
        super().__init__(size, scale_factor, "bilinear")


class CrossMapLRN2d(Module):
    """Local response normalization across channels of [N x C x H x W] input:
    x / (k + alpha / size * sum of x^2 over a window of `size` channels)^beta."""

    def __init__(self, size, alpha=1e-4, beta=0.75, k=1):
        super().__init__()
        self.size, self.alpha, self.beta, self.k = size, alpha, beta, k

    def forward(self, input):
        if input.dim() != 4:
            raise ValueError(f"{self!r} expected 4-D input, got {F._fmt(input.size())}")
        sq = (input * input).unsqueeze(1)
        half = (self.size - 1) // 2
        sq = F.pad(sq, (0, 0, 0, 0, half, self.size - 1 - half))
        s = F.avg_pool3d(sq, (self.size, 1, 1), stride=1).squeeze(1) * self.size
        return input / (s * (self.alpha / self.size) + self.k).pow(self.beta)

    def __repr__(self):
        return f"CrossMapLRN2d ({self.size}, alpha={self.alpha}, beta={self.beta}, k={self.k})"
