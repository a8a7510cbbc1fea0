"""ptorch.utils: data loading (utils.data), C extensions through cffi (utils.ffi)."""
