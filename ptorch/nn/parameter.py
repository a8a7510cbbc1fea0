"""Parameter: a Variable that a Module registers as one of its parameters on assignment."""
from ..autograd import Variable


class Parameter(Variable):
    """A Variable meant to be a module parameter: assigning one to a Module attribute adds it
    to the module's parameters(). requires_grad defaults to True."""

    def __new__(cls, data=None, requires_grad=True, volatile=False):
        return Variable.__new__(cls, data, requires_grad=requires_grad)

    def __init__(self, data=None, requires_grad=True, volatile=False):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + repr(self.data)

    __str__ = __repr__

    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (self.data, self.requires_grad))


def _rebuild_parameter(data, requires_grad):
    return Parameter(data, requires_grad)
