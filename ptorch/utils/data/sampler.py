"""Samplers: the order in which a DataLoader visits a dataset's indices. Random ones draw
from ptorch's default generator, so ptorch.manual_seed makes them repeat."""
import itertools

import numpy as np

from ... import _C


def _numpy_rng():
    gen = _C.default_generator
    return np.random.default_rng(gen.random() | (gen.random() << 32))


def _randperm(n):
    import ptorch
    randperm = getattr(ptorch, "randperm", None)
    if randperm is not None:
        return randperm(n).tolist()
    return _numpy_rng().permutation(n).tolist()


class Sampler:
    """Base class: __iter__ yields indices, __len__ says how many."""

    def __init__(self, data_source=None):
        pass

    def __iter__(self):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError


class SequentialSampler(Sampler):
    """0, 1, ..., len(data_source) - 1."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(range(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class RandomSampler(Sampler):
    """A random permutation of the indices, drawn anew for each pass."""

    def __init__(self, data_source):
        self.data_source = data_source

    def __iter__(self):
        return iter(_randperm(len(self.data_source)))

    def __len__(self):
        return len(self.data_source)


class SubsetRandomSampler(Sampler):
    """The given indices in a random order."""

    def __init__(self, indices):
        self.indices = indices

    def __iter__(self):
        return (self.indices[i] for i in _randperm(len(self.indices)))

    def __len__(self):
        return len(self.indices)


class WeightedRandomSampler(Sampler):
    """num_samples indices drawn with probabilities proportional to weights."""

    def __init__(self, weights, num_samples, replacement=True):
        w = np.asarray(weights.tolist() if hasattr(weights, "tolist") else list(weights),
                       dtype=np.float64).ravel()
        if not isinstance(num_samples, int) or isinstance(num_samples, bool) or num_samples <= 0:
            raise ValueError(f"WeightedRandomSampler: num_samples must be a positive integer, "
                             f"got {num_samples!r}")
        if w.size == 0 or (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
            raise ValueError("WeightedRandomSampler: weights must be finite, non-negative and "
                             "not all zero")
        if not replacement and num_samples > np.count_nonzero(w):
            raise ValueError(f"WeightedRandomSampler: cannot draw {num_samples} samples without "
                             f"replacement from {np.count_nonzero(w)} non-zero weights")
        self.weights = w
        self.num_samples = num_samples
        self.replacement = replacement

    def __iter__(self):
        import ptorch
        multinomial = getattr(ptorch, "multinomial", None)
        if multinomial is not None:
            return iter(multinomial(ptorch.DoubleTensor(self.weights), self.num_samples,
                                    self.replacement).tolist())
        p = self.weights / self.weights.sum()
        return iter(_numpy_rng().choice(len(p), self.num_samples, replace=self.replacement,
                                        p=p).tolist())

    def __len__(self):
        return self.num_samples


class BatchSampler:
    """Groups another sampler's indices into lists of batch_size (the last one shorter
    unless drop_last)."""

    def __init__(self, sampler, batch_size, drop_last):
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
            raise ValueError(f"batch_size should be a positive integer, got {batch_size!r}")
        if not isinstance(drop_last, bool):
            raise ValueError(f"drop_last should be a bool, got {drop_last!r}")
        self.sampler = sampler
        self.batch_size = batch_size
        self.drop_last = drop_last

    def __iter__(self):
        it = iter(self.sampler)
        while True:
            batch = list(itertools.islice(it, self.batch_size))
            if len(batch) < self.batch_size:
                if batch and not self.drop_last:
                    yield batch
                return
            yield batch

    def __len__(self):
        if self.drop_last:
            return len(self.sampler) // self.batch_size
        return (len(self.sampler) + self.batch_size - 1) // self.batch_size
