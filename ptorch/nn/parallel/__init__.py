"""nn.parallel without GPUs: DataParallel runs the wrapped module on this machine as is."""
from ..module import Module


class DataParallel(Module):
    """Wraps a module; with no GPU it simply calls the module (device_ids must be None or
    empty). Attributes and state_dict go through .module as in 0.2."""

    def __init__(self, module, device_ids=None, output_device=None, dim=0):
        super().__init__()
        if device_ids:
            raise RuntimeError(f"DataParallel: device_ids {list(device_ids)} given, but "
                               "ptorch was built without CUDA (no GPUs)")
        self.module = module
        self.device_ids, self.output_device, self.dim = [], output_device, dim

    def forward(self, *inputs, **kwargs):
        return self.module(*inputs, **kwargs)


class DistributedDataParallel(Module):
    def __init__(self, *args, **kwargs):
        raise RuntimeError("DistributedDataParallel needs torch.distributed, which ptorch "
                           "does not provide")


def data_parallel(module, inputs, device_ids=None, output_device=None, dim=0,
                  module_kwargs=None):
    if not isinstance(inputs, tuple):
        inputs = (inputs,)
    return DataParallel(module, device_ids, output_device, dim)(*inputs,
                                                                **(module_kwargs or {}))
