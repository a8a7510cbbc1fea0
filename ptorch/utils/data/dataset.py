"""Datasets: anything with __getitem__ and __len__; tensors paired by their first dim;
several datasets end to end."""
import bisect


class Dataset:
    """An abstract dataset: subclasses define __getitem__ and __len__."""

    def __getitem__(self, index):
        raise NotImplementedError(f"{type(self).__name__} does not define __getitem__")

    def __len__(self):
        raise NotImplementedError(f"{type(self).__name__} does not define __len__")

    def __add__(self, other):
        return ConcatDataset([self, other])


class TensorDataset(Dataset):
    """Samples are (data_tensor[i], target_tensor[i])."""

    def __init__(self, data_tensor, target_tensor):
        n, m = _first_size(data_tensor, "data_tensor"), _first_size(target_tensor, "target_tensor")
        if n != m:
            raise ValueError(f"TensorDataset: data_tensor and target_tensor must have the same "
                             f"size in dim 0, got {n} and {m}")
        self.data_tensor = data_tensor
        self.target_tensor = target_tensor

    def __getitem__(self, index):
        return self.data_tensor[index], self.target_tensor[index]

    def __len__(self):
        return self.data_tensor.size(0)


def _first_size(t, what):
    if not hasattr(t, "size") or t.dim() == 0:
        raise ValueError(f"TensorDataset: {what} must be a tensor with at least one dimension")
    return t.size(0)


class ConcatDataset(Dataset):
    """Several datasets one after the other."""

    @staticmethod
    def cumsum(sequence):
        r, s = [], 0
        for e in sequence:
            s += len(e)
            r.append(s)
        return r

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise ValueError("ConcatDataset: expected at least one dataset")
        self.cumulative_sizes = self.cumsum(self.datasets)

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, idx):
        n = len(self)
        if idx < 0:
            idx += n
        if not 0 <= idx < n:
            raise IndexError(f"index {idx} is out of range for a ConcatDataset of length {n}")
        d = bisect.bisect_right(self.cumulative_sizes, idx)
        start = self.cumulative_sizes[d - 1] if d > 0 else 0
        return self.datasets[d][idx - start]
