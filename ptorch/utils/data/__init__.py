"""ptorch.utils.data: datasets, samplers and the DataLoader."""
from .dataset import Dataset, TensorDataset, ConcatDataset
from .sampler import (Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler,
                      WeightedRandomSampler, BatchSampler)
from .dataloader import DataLoader, default_collate

__all__ = ["Dataset", "TensorDataset", "ConcatDataset", "Sampler", "SequentialSampler",
           "RandomSampler", "SubsetRandomSampler", "WeightedRandomSampler", "BatchSampler",
           "DataLoader", "default_collate"]
