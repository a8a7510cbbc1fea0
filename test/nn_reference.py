"""NumPy references for the nn tests: plain loops and formulas, written for clarity on small
inputs, not speed."""
import numpy as np


def conv2d(x, w, b=None, stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1):
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding[0],) * 2, (padding[1],) * 2))
    oh = (h + 2 * padding[0] - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd + 2 * padding[1] - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, o, oh, ow))
    og = o // groups
    for oc in range(o):
        g = oc // og
        for i in range(oh):
            for j in range(ow):
                patch = xp[:, g * cg:(g + 1) * cg,
                           i * stride[0]:i * stride[0] + dilation[0] * (kh - 1) + 1:dilation[0],
                           j * stride[1]:j * stride[1] + dilation[1] * (kw - 1) + 1:dilation[1]]
                out[:, oc, i, j] = (patch * w[oc]).sum(axis=(1, 2, 3))
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def conv_transpose2d(x, w, b=None, stride=(1, 1), padding=(0, 0), output_padding=(0, 0),
                     dilation=(1, 1)):
    n, c, h, wd = x.shape
    _, o, kh, kw = w.shape
    fh = (h - 1) * stride[0] + dilation[0] * (kh - 1) + 1 + output_padding[0]
    fw = (wd - 1) * stride[1] + dilation[1] * (kw - 1) + 1 + output_padding[1]
    full = np.zeros((n, o, fh, fw))
    for i in range(h):
        for j in range(wd):
            for a in range(kh):
                for bb in range(kw):
                    full[:, :, i * stride[0] + a * dilation[0], j * stride[1] + bb * dilation[1]] \
                        += x[:, :, i, j] @ w[:, :, a, bb]
    out = full[:, :, padding[0]:fh - padding[0], padding[1]:fw - padding[1]]
    if b is not None:
        out = out + b.reshape(1, -1, 1, 1)
    return out


def conv3d(x, w, b=None, stride=1, padding=0):
    n, c, d, h, wd = x.shape
    o, _, kd, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0)) + ((padding, padding),) * 3)
    od, oh, ow = [(s + 2 * padding - k) // stride + 1 for s, k in zip((d, h, wd), (kd, kh, kw))]
    out = np.zeros((n, o, od, oh, ow))
    for a in range(od):
        for i in range(oh):
            for j in range(ow):
                patch = xp[:, :, a * stride:a * stride + kd, i * stride:i * stride + kh,
                           j * stride:j * stride + kw]
                out[:, :, a, i, j] = np.tensordot(patch, w, axes=([1, 2, 3, 4], [1, 2, 3, 4]))
    if b is not None:
        out += b.reshape(1, -1, 1, 1, 1)
    return out


def pool2d(x, k, s, p=(0, 0), op=np.max, ceil_mode=False, pad_value=-np.inf,
           count_include_pad=True):
    n, c, h, w = x.shape

    def osize(size, k, s, p):
        span = size + 2 * p - k
        o = (span + (s - 1 if ceil_mode else 0)) // s + 1
        if ceil_mode and (o - 1) * s >= size + p:
            o -= 1
        return o
    oh, ow = osize(h, k[0], s[0], p[0]), osize(w, k[1], s[1], p[1])
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * s[0] - p[0], j * s[1] - p[1]
            r1, c1 = min(r0 + k[0], h + p[0]), min(c0 + k[1], w + p[1])
            win = x[:, :, max(r0, 0):min(r1, h), max(c0, 0):min(c1, w)]
            if op is np.mean:
                div = (r1 - r0) * (c1 - c0) if count_include_pad else win.shape[2] * win.shape[3]
                out[:, :, i, j] = win.sum(axis=(2, 3)) / div
            else:
                out[:, :, i, j] = win.max(axis=(2, 3))
    return out


def adaptive2d(x, oh, ow, op):
    n, c, h, w = x.shape
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, r1 = (i * h) // oh, -((-(i + 1) * h) // oh)
            c0, c1 = (j * w) // ow, -((-(j + 1) * w) // ow)
            out[:, :, i, j] = op(x[:, :, r0:r1, c0:c1], axis=(2, 3))
    return out


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def batch_norm_train(x, w, b, eps=1e-5):
    axes = (0,) + tuple(range(2, x.ndim))
    shape = [1, -1] + [1] * (x.ndim - 2)
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w.reshape(shape) + b.reshape(shape)


def lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh):
    g = x @ w_ih.T + b_ih + h @ w_hh.T + b_hh
    n = h.shape[1]
    i, f, gg, o = sigmoid(g[:, :n]), sigmoid(g[:, n:2 * n]), np.tanh(g[:, 2 * n:3 * n]), \
        sigmoid(g[:, 3 * n:])
    c2 = f * c + i * gg
    return o * np.tanh(c2), c2


def gru_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    gi = x @ w_ih.T + b_ih
    gh = h @ w_hh.T + b_hh
    n = h.shape[1]
    r = sigmoid(gi[:, :n] + gh[:, :n])
    z = sigmoid(gi[:, n:2 * n] + gh[:, n:2 * n])
    cand = np.tanh(gi[:, 2 * n:] + r * gh[:, 2 * n:])
    return (1 - z) * cand + z * h


def rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh):
    return np.tanh(x @ w_ih.T + b_ih + h @ w_hh.T + b_hh)


def interp_matrix(n_in, n_out):
    """Linear interpolation from n_in to n_out points, end points aligned."""
    m = np.zeros((n_out, n_in))
    for i in range(n_out):
        pos = i * (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        lo = min(int(pos), n_in - 1)
        hi = min(lo + 1, n_in - 1)
        m[i, lo] += 1 - (pos - lo)
        m[i, hi] += pos - lo
    return m
