"""ptorch.utils: data loading (utils.data) and other helpers."""
