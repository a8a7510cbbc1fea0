"""nn.utils: gradient clipping, weight normalization, packed sequences."""
from . import rnn  # noqa: F401
from .clip_grad import clip_grad_norm  # noqa: F401
from .weight_norm import weight_norm, remove_weight_norm  # noqa: F401
from .convert_parameters import parameters_to_vector, vector_to_parameters  # noqa: F401
