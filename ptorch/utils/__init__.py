"""ptorch.utils: helpers around the core (data loading, C extensions through cffi)."""
