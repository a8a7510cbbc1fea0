"""ptorch.cuda: devices, streams and CUDA tensor types. This build has no CUDA (lib/THC is
built only when a CUDA toolkit is found), so is_available() is False and everything that
needs a device raises a RuntimeError saying so; seeding is accepted and ignored, as in 0.2
when CUDA is not initialised."""

_NO_CUDA = ("ptorch was built without CUDA (no CUDA toolkit was found at build time), so "
            "there is no GPU to use here; keep the tensor on the CPU")


def is_available():
    return False


def device_count():
    return 0


def _lazy_init():
    raise RuntimeError(_NO_CUDA)


def current_device():
    _lazy_init()


def set_device(device):
    if device is not None and device >= 0:
        _lazy_init()


def synchronize():
    _lazy_init()


def current_blas_handle():
    _lazy_init()


class device:
    """Context manager that selects a device (a no-op for device -1 or None)."""

    def __init__(self, idx):
        self.idx = idx

    def __enter__(self):
        set_device(self.idx)

    def __exit__(self, *args):
        return False


class device_of(device):
    def __init__(self, obj):
        super().__init__(obj.get_device() if getattr(obj, "is_cuda", False) else -1)


def manual_seed(seed):
    """Seeds the current GPU's generator: nothing to seed without CUDA."""


def manual_seed_all(seed):
    """Seeds every GPU's generator: nothing to seed without CUDA."""


def seed():
    pass


def seed_all():
    pass


def initial_seed():
    _lazy_init()


def _to_cuda(obj, device=None):
    _lazy_init()
