"""Printing in the torch 0.2 style: the values, then a footer naming type and size.
Large tensors are summarised with '...' (set_printoptions)."""
import math

import numpy as np


class _Options:
    precision = 4
    threshold = 1000
    edgeitems = 3
    linewidth = 80


PRINT_OPTS = _Options()


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None):
    """Sets how tensors print. profile: 'default', 'short' or 'full'."""
    if profile == "default":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 4, 1000
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 3, 80
    elif profile == "short":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 2, 1000
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 2, 80
    elif profile == "full":
        PRINT_OPTS.precision, PRINT_OPTS.threshold = 4, math.inf
        PRINT_OPTS.edgeitems, PRINT_OPTS.linewidth = 3, 80
    elif profile is not None:
        raise ValueError(f"unknown print profile {profile!r}: use 'default', 'short' or 'full'")
    if precision is not None:
        PRINT_OPTS.precision = precision
    if threshold is not None:
        PRINT_OPTS.threshold = threshold
    if edgeitems is not None:
        PRINT_OPTS.edgeitems = edgeitems
    if linewidth is not None:
        PRINT_OPTS.linewidth = linewidth


def _formatter(values, is_float):
    """A function formatting each number to a common width, and a scale factor line."""
    finite = values[np.isfinite(values)] if is_float else values
    if not is_float or (finite.size and np.all(finite == np.round(finite))
                        and (finite.size == 0 or np.max(np.abs(finite)) < 1e8)):
        if is_float:
            strs = ["nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
                    if math.isinf(v) else f"{v:.0f}" for v in values.tolist()]
        else:
            strs = [str(v) for v in values.tolist()]
        width = max((len(s) for s in strs), default=1)
        return (lambda v: _fmt_int(v, is_float).rjust(width)), ""
    prec = PRINT_OPTS.precision
    amax = float(np.max(np.abs(finite))) if finite.size else 1.0
    amin = float(np.min(np.abs(finite[finite != 0]))) if np.any(finite != 0) else 1.0
    exp_max = int(math.floor(math.log10(amax))) + 1 if amax > 0 else 1
    exp_min = int(math.floor(math.log10(amin))) + 1 if amin > 0 else 1
    if exp_max - exp_min > prec or exp_max > 8 or exp_min < -4:
        fmt = f"{{:.{prec}e}}"
        width = max(len(fmt.format(float(v))) for v in values.tolist())
        return (lambda v: fmt.format(v).rjust(width)), ""
    scale = ""
    divisor = 1.0
    if exp_max > 1:
        # 0.2 prints a common power of ten above the values.
        divisor = 10.0 ** (exp_max - 1)
        scale = f"{divisor:.{prec}e} *\n"
    elif exp_max < 0:
        divisor = 10.0 ** (exp_max - 1)
        scale = f"{divisor:.{prec}e} *\n"
    fmt = f"{{:.{prec}f}}"
    width = max(len(fmt.format(float(v) / divisor)) for v in values.tolist())
    return (lambda v: fmt.format(v / divisor).rjust(width)), scale


def _fmt_int(v, is_float):
    if is_float:
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return f"{v:.0f}"
    return str(v)


def _summarised_indices(n, summarise):
    e = PRINT_OPTS.edgeitems
    if summarise and n > 2 * e:
        return list(range(e)) + [None] + list(range(n - e, n))
    return list(range(n))


def _matrix_lines(mat, fmt, summarise):
    rows, cols = mat.shape
    col_idx = _summarised_indices(cols, summarise)
    lines = []
    for r in _summarised_indices(rows, summarise):
        if r is None:
            lines.append(" " + ":".rjust(len(lines[-1]) // 2 if lines else 1))
            continue
        cells = ["..." if c is None else fmt(mat[r, c].item()) for c in col_idx]
        lines.append(" " + "  ".join(cells))
    return lines


def _values_str(arr, is_float):
    summarise = arr.size > PRINT_OPTS.threshold
    flat = arr.ravel()
    if summarise:
        e = PRINT_OPTS.edgeitems
        sample = np.concatenate([flat[: e * e * 4], flat[-e * e * 4:]])
    else:
        sample = flat
    sample = sample.astype(np.float64) if is_float else sample.astype(np.int64)
    fmt, scale = _formatter(sample, is_float)
    if arr.ndim == 1:
        idx = _summarised_indices(arr.shape[0], summarise)
        body = "\n".join(" ..." if i is None else " " + fmt(arr[i].item()) for i in idx)
        return scale + body
    if arr.ndim == 2:
        return scale + "\n".join(_matrix_lines(arr, fmt, summarise))
    parts = []
    for index in np.ndindex(*arr.shape[:-2]):
        if summarise and any(i >= PRINT_OPTS.edgeitems and i < n - PRINT_OPTS.edgeitems
                             for i, n in zip(index, arr.shape[:-2])):
            continue
        head = "(" + "".join(f"{i} ," for i in index) + ".,.) = \n"
        parts.append(head + scale + "\n".join(_matrix_lines(arr[index], fmt, summarise)))
    return "\n\n".join(parts)


def tensor_str(t):
    name = t.type()
    if t.dim() == 0 or t.numel() == 0:
        return f"[{name} with no dimension]\n" if t.dim() == 0 else \
            f"[{name} of size {'x'.join(str(s) for s in t.size())}]\n"
    arr = t.numpy()
    is_float = t._real in ("Float", "Double", "Half")
    body = _values_str(arr, is_float)
    return f"\n{body}\n[{name} of size {'x'.join(str(s) for s in t.size())}]\n"


def storage_str(s):
    name = s.type()
    n = s.size()
    if n == 0:
        return f"[{name} of size 0]\n"
    arr = np.array(s.tolist())
    is_float = s._real in ("Float", "Double", "Half")
    body = _values_str(arr, is_float)
    return f"{body}\n[{name} of size {n}]\n"
