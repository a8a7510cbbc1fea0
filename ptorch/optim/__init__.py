"""ptorch.optim: optimizers that update Variables from their .grad, and lr schedules."""
from .optimizer import Optimizer
from .sgd import SGD
from .adaptive import Adam, Adamax, Adagrad, Adadelta, RMSprop
from .averaged import ASGD, Rprop
from .lbfgs import LBFGS
from . import lr_scheduler

__all__ = ["Optimizer", "SGD", "Adam", "Adamax", "Adagrad", "Adadelta", "RMSprop", "ASGD",
           "Rprop", "LBFGS", "lr_scheduler"]
