"""ptorch.utils: data loading (utils.data), C extensions through cffi (utils.ffi), and the
back-compatibility warnings of 0.2 (utils.backcompat)."""
from . import backcompat  # noqa: F401 (ptorch.utils.backcompat after `import ptorch`)
