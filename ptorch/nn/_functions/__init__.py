"""Autograd Functions that run THNN kernels, grouped by layer family."""
