"""ptorch.save / ptorch.load: round trips of every type, shared storages, containers,
map_location, weights-only loading, damaged files."""
import collections
import io
import pickle

import numpy as np
import pytest

import ptorch
from ptorch.serialization import LoadError, WeightsOnlyError
from common import ALL_REALS, LAYOUTS, make, raises, tensor_class


def round_trip(obj, **kwargs):
    buf = io.BytesIO()
    ptorch.save(obj, buf)
    buf.seek(0)
    return ptorch.load(buf, **kwargs)


@pytest.mark.parametrize("real", ALL_REALS + ["Half"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_tensor_round_trip(real, layout):
    t, arr = make("Float" if real == "Half" else real, (3, 4), layout)
    if real == "Half":
        t, arr = t.half(), arr.astype(np.float16)
    r = round_trip(t)
    assert type(r) is type(t)
    assert tuple(r.size()) == (3, 4) and r.stride() == t.stride()
    np.testing.assert_array_equal(r.numpy(), arr)


@pytest.mark.parametrize("real", ALL_REALS + ["Half"])
def test_storage_round_trip(real):
    s = getattr(ptorch, real + "Storage")([1, 2, 3])
    r = round_trip(s)
    assert type(r) is type(s) and r.tolist() == [1, 2, 3]


def test_empty_and_file_paths(tmp_path):
    fn = tmp_path / "ckpt.pt"
    ptorch.save({"e": ptorch.FloatTensor(), "s": ptorch.LongStorage()}, fn)
    r = ptorch.load(fn)
    assert r["e"].dim() == 0 and r["s"].size() == 0
    ptorch.save([1, "two", 3.0, None, True, (4,), b"x"], str(fn))
    assert ptorch.load(str(fn)) == [1, "two", 3.0, None, True, (4,), b"x"]


def test_views_keep_sharing():
    base = ptorch.DoubleTensor(np.arange(12.0).reshape(3, 4))
    obj = {"base": base, "t": base.t(), "row": base.select(0, 1), "narrow": base.narrow(1, 1, 2),
           "storage": base.storage()}
    buf = io.BytesIO()
    ptorch.save(obj, buf)
    assert len(buf.getvalue()) < 12 * 8 + 1024  # the data are written once
    buf.seek(0)
    r = ptorch.load(buf)
    ptr = r["base"].storage().data_ptr()
    assert all(r[k].storage().data_ptr() == ptr for k in ("t", "row", "narrow"))
    assert r["storage"].data_ptr() == ptr
    r["base"].fill_(1)
    assert r["row"].tolist() == [1.0] * 4 and r["storage"][11] == 1.0
    assert r["narrow"].storage_offset() == 1 and r["t"].stride() == (1, 4)


def test_nested_containers_and_state_dict():
    sd = collections.OrderedDict([("w", ptorch.FloatTensor([[1, 2]])),
                                  ("b", ptorch.FloatTensor([3]))])
    obj = {"model": sd, "step": 10, "lr": [0.1, 0.01], "tags": {"a", "b"},
           "nested": [(ptorch.IntTensor([1]), {"x": ptorch.ByteTensor([255])})],
           "size": ptorch.FloatTensor(2, 3).size(), "c": 1 + 2j}
    r = round_trip(obj)
    assert type(r["model"]) is collections.OrderedDict and list(r["model"]) == ["w", "b"]
    assert r["model"]["w"].tolist() == [[1, 2]] and r["step"] == 10 and r["lr"] == [0.1, 0.01]
    assert r["tags"] == {"a", "b"} and r["c"] == 1 + 2j
    assert r["nested"][0][0].tolist() == [1] and r["nested"][0][1]["x"].tolist() == [255]
    assert r["size"] == (2, 3) and type(r["size"]) is ptorch.Size


class Model:
    def __init__(self):
        self.weight = ptorch.FloatTensor([[1, 2], [3, 4]])
        self.bias = self.weight.select(0, 1)


def test_whole_objects_need_weights_only_false():
    buf = io.BytesIO()
    ptorch.save(Model(), buf)
    buf.seek(0)
    with raises(WeightsOnlyError, "refusing to rebuild '.*Model'.*weights_only=False"):
        ptorch.load(buf)
    buf.seek(0)
    with pytest.raises(pickle.UnpicklingError):
        ptorch.load(buf)
    buf.seek(0)
    m = ptorch.load(buf, weights_only=False)
    assert isinstance(m, Model) and m.bias.tolist() == [3, 4]
    m.weight.fill_(0)
    assert m.bias.tolist() == [0, 0]


def test_weights_only_refuses_code():
    class Evil:
        def __reduce__(self):
            return (eval, ("1 + 1",))
    buf = io.BytesIO()
    ptorch.save({"x": Evil()}, buf)
    buf.seek(0)
    with raises(WeightsOnlyError, "builtins.eval"):
        ptorch.load(buf)


def test_map_location():
    t = ptorch.FloatTensor([1, 2])
    seen = []

    def fn(storage, location):
        seen.append((type(storage).__name__, location))
        return storage
    assert round_trip(t, map_location=fn).tolist() == [1, 2]
    assert seen == [("FloatStorage", "cpu")]
    assert round_trip(t, map_location={"cuda:0": "cpu"}).tolist() == [1, 2]
    assert round_trip(t, map_location=lambda s, loc: None).tolist() == [1, 2]
    with raises(RuntimeError, "only the CPU"):
        round_trip(t, map_location={"cpu": "cuda:1"})
    with raises(TypeError, "map_location"):
        round_trip(t, map_location=3)


def saved_bytes(obj):
    buf = io.BytesIO()
    ptorch.save(obj, buf)
    return buf.getvalue()


def test_not_a_checkpoint(tmp_path):
    with raises(LoadError, "not a ptorch checkpoint"):
        ptorch.load(io.BytesIO(b"hello, this is not a checkpoint"))
    with raises(LoadError, "not a ptorch checkpoint"):
        ptorch.load(io.BytesIO(pickle.dumps({"a": 1})))
    with raises(LoadError, "truncated"):
        ptorch.load(io.BytesIO(b""))
    fn = tmp_path / "x.npy"
    np.save(fn, np.zeros(3))
    with raises(LoadError, "not a ptorch checkpoint"):
        ptorch.load(fn)
    assert issubclass(LoadError, RuntimeError) and issubclass(LoadError, pickle.UnpicklingError)


def test_truncated_files():
    data = saved_bytes({"w": ptorch.DoubleTensor(100).fill_(1.5), "n": 3})
    for cut in list(range(0, len(data), max(1, len(data) // 60))) + [len(data) - 1]:
        with pytest.raises(LoadError, match="truncated|corrupted|not a ptorch"):
            ptorch.load(io.BytesIO(data[:cut]))


def test_corrupted_files():
    data = saved_bytes({"w": ptorch.FloatTensor(50).fill_(2), "l": [1, 2, 3]})
    rng = np.random.default_rng(0)
    failures = 0
    for _ in range(200):
        bad = bytearray(data)
        for pos in rng.integers(0, len(bad) - 200, size=3):  # damage the pickled part
            bad[pos] = int(rng.integers(0, 256))
        try:
            ptorch.load(io.BytesIO(bytes(bad)))
        except LoadError:
            failures += 1
    assert failures > 0  # (a flipped byte may also land somewhere harmless)


def test_large_tensor_is_raw_bytes():
    t = ptorch.FloatTensor(1_000_000).fill_(0.25)
    data = saved_bytes(t)
    assert 4_000_000 <= len(data) < 4_000_000 + 1024
    r = ptorch.load(io.BytesIO(data))
    assert r.numel() == 1_000_000 and r[999_999] == 0.25


def test_unseekable_stream():
    class Stream(io.RawIOBase):
        def __init__(self, data):
            self.data, self.pos = data, 0

        def readable(self):
            return True

        def readinto(self, b):
            n = min(len(b), len(self.data) - self.pos, 7)
            b[:n] = self.data[self.pos:self.pos + n]
            self.pos += n
            return n
    data = saved_bytes([ptorch.LongTensor([1, 2, 3]), tensor_class("Char")([-1])])
    r = ptorch.load(Stream(data))
    assert r[0].tolist() == [1, 2, 3] and r[1].tolist() == [-1]


def test_large_file_round_trips(tmp_path):
    """Files of a few MB (their blocks are reserved before the data are written): the same
    bytes as a save to memory, no longer, rewritten in place, and still caught when cut."""
    t = ptorch.DoubleTensor(np.arange(400_000, dtype=np.float64))
    obj = {"a": t, "b": t[10:20], "c": ptorch.ByteTensor(3_000_000).fill_(7)}
    fn = tmp_path / "big.pt"
    for _ in range(2):  # the second save truncates and rewrites the first
        ptorch.save(obj, fn)
        assert fn.read_bytes() == saved_bytes(obj)
    r = ptorch.load(fn)
    assert r["a"].tolist() == t.tolist() and r["b"].tolist() == list(range(10, 20))
    assert r["c"].numel() == 3_000_000 and r["c"][-1] == 7
    with open(fn, "wb") as f:  # into an open file, after bytes of the caller's own
        f.write(b"prefix")
        ptorch.save(t, f)
        f.write(b"suffix")
    data = fn.read_bytes()
    assert data[:6] == b"prefix" and data[-6:] == b"suffix"
    assert data[6:-6] == saved_bytes(t)
    with open(fn, "rb") as f:
        assert f.read(6) == b"prefix"
        assert ptorch.load(f).tolist() == t.tolist()
        assert f.read() == b"suffix"
    ptorch.save(t, fn)
    with open(fn, "r+b") as f:
        f.truncate(len(data) // 2)
    with raises(LoadError, "truncated"):
        ptorch.load(fn)
