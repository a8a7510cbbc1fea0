"""ptorch.* functions of the random family: new tensors of random values. The sampling is in
lib/TH (THTensorRandom) on a Generator (the default one unless generator= is given)."""
from .. import _types
from ._check import tensor_input

def _check_out(out):
    if not hasattr(out, "resize_as_") or isinstance(out, type):
        raise TypeError(f"out= must be a tensor, got {type(out).__name__}")


__all__ = ["rand", "randn", "randperm", "bernoulli", "multinomial", "normal"]


def _default_class():
    # Looked up at call time: set_default_tensor_type rebinds ptorch.Tensor.
    import ptorch
    return ptorch.Tensor


def _sized(sizes, out, what):
    if out is not None:
        return out.resize_(*sizes)
    try:
        return _default_class()(*sizes)
    except TypeError as e:
        raise TypeError(f"{what}: {e}") from None


def rand(*sizes, out=None, generator=None):
    """A tensor of the default type filled uniformly on [0, 1)."""
    return _sized(sizes, out, "rand").uniform_(0, 1, generator=generator)


def randn(*sizes, out=None, generator=None):
    """A tensor of the default type filled with standard normal draws."""
    return _sized(sizes, out, "randn").normal_(0, 1, generator=generator)


def randperm(n, out=None, generator=None):
    """A LongTensor holding a random permutation of 0 .. n-1."""
    r = out if out is not None else _types.tensor_classes["Long"]()
    return r._randperm_(n, generator=generator)


@tensor_input
def bernoulli(input, out=None, generator=None):
    """A tensor of input's type of 0s and 1s, each 1 with the probability in input."""
    r = input.bernoulli(generator=generator)
    if out is not None:
        _check_out(out)
        return out.resize_as_(r).copy_(r)
    return r


@tensor_input
def multinomial(input, num_samples, replacement=False, out=None, generator=None):
    """A LongTensor of num_samples category indices per distribution (a row of input)."""
    r = input.multinomial(num_samples, replacement, generator=generator)
    if out is not None:
        _check_out(out)
        return out.resize_as_(r).copy_(r)
    return r


def normal(means=0.0, std=1.0, out=None, generator=None, mean=None):
    """normal(means, std=1.0), normal(mean=0.0, std) and normal(means, std): one draw per
    element of the tensor argument(s), shaped like means (like std when means is a number).
    Also accepts the keyword `mean`."""
    from .._C import _CTensor
    if mean is not None:
        means = mean
    m_t, s_t = isinstance(means, _CTensor), isinstance(std, _CTensor)
    if not m_t and not s_t:
        raise TypeError("normal: expected means or std to be a tensor (for numbers use "
                        "ptorch.Tensor(sizes).normal_(mean, std))")
    cls = type(means) if m_t else type(std)
    if cls._real not in ("Float", "Double"):
        raise TypeError(f"normal: means and std must be FloatTensor or DoubleTensor, got "
                        f"{cls.__name__}")
    if m_t and s_t and type(std) is not cls:
        raise TypeError(f"normal: means ({cls.__name__}) and std ({type(std).__name__}) must "
                        f"have the same type")
    r = out if out is not None else cls()
    return r._normal_from(means, std, generator=generator)
