"""ptorch.nn: modules, parameters, functional, init and utils with the torch 0.2 API."""
from .parameter import Parameter  # noqa: F401
from .modules import *  # noqa: F401,F403
from .parallel import DataParallel  # noqa: F401
from . import init  # noqa: F401
from . import utils  # noqa: F401
from . import functional  # noqa: F401
