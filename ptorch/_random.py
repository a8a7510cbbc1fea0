"""The default random generator's seeds and state (ptorch.manual_seed and friends)."""
from . import _C


def manual_seed(seed):
    """Seeds the default generator; returns it."""
    return _C.default_generator.manual_seed(seed)


def seed():
    """Seeds the default generator from the operating system's entropy; returns the seed."""
    return _C.default_generator.seed()


def initial_seed():
    return _C.default_generator.initial_seed()


def get_rng_state():
    """The default generator's state as a ByteTensor."""
    from .tensor import ByteTensor
    return ByteTensor(list(_C.default_generator.get_state()))


def set_rng_state(new_state):
    """Restores a state returned by get_rng_state."""
    from .tensor import ByteTensor
    if not isinstance(new_state, ByteTensor):
        raise TypeError(f"set_rng_state: expected a ByteTensor, got {type(new_state).__name__}")
    _C.default_generator.set_state(bytes(new_state.contiguous().numpy().tobytes()))
