"""A reader for the safetensors format, restricted to the float tensors groklab writes.

Layout: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON mapping each tensor name to
{"dtype", "shape", "data_offsets": [begin, end]} plus an optional "__metadata__" object of strings, then the
little-endian data buffer the offsets point into. F32 and F64 tensors are read (as float32 and float64 arrays);
any other dtype is an error naming it.
"""
import json
import struct
from pathlib import Path

import numpy as np

DTYPES = {"F32": np.dtype("<f4"), "F64": np.dtype("<f8")}
MAX_HEADER_BYTES = 100_000_000  # the reference implementation's limit


class Tensors(dict):
    """Tensor name -> numpy array, in file order, with the file's ``__metadata__`` as ``.metadata`` (a dict of
    strings; empty when the file has none)."""

    def __init__(self, items=(), metadata=None):
        super().__init__(items)
        self.metadata = dict(metadata or {})

    def params(self):
        """The model parameters: every tensor except the optimizer state (``optimizer.<kind>.<param>``)."""
        return {k: v for k, v in self.items() if not k.startswith("optimizer.")}


class SafetensorsError(ValueError):
    """A file that is not a well-formed safetensors file of F32/F64 tensors."""


def read_safetensors(path):
    """Reads a safetensors file into :class:`Tensors` (writable numpy arrays, dtype as stored)."""
    path = Path(path)
    raw = bytearray(path.read_bytes())
    if len(raw) < 8:
        raise SafetensorsError(f"{path}: file too short for a header length ({len(raw)} bytes)")
    (n,) = struct.unpack("<Q", raw[:8])
    if n > MAX_HEADER_BYTES or n > len(raw) - 8:
        raise SafetensorsError(f"{path}: header length {n} exceeds the file size {len(raw)} or the format's limit")
    try:
        header = json.loads(raw[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SafetensorsError(f"{path}: header is not valid UTF-8 JSON: {e}") from None
    if not isinstance(header, dict):
        raise SafetensorsError(f"{path}: header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    data = memoryview(raw)[8 + n:]
    out = Tensors(metadata=metadata)
    for name, info in header.items():
        dtype = DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise SafetensorsError(f"{path}: tensor '{name}': unsupported dtype {info.get('dtype')} "
                                   f"(supported: {', '.join(DTYPES)})")
        shape = tuple(int(d) for d in info["shape"])
        begin, end = (int(o) for o in info["data_offsets"])
        count = int(np.prod(shape, dtype=np.int64))
        if end < begin or end > len(data) or end - begin != count * dtype.itemsize:
            raise SafetensorsError(f"{path}: tensor '{name}': data_offsets [{begin}, {end}] do not hold shape "
                                   f"{list(shape)} of {info['dtype']} within the {len(data)}-byte buffer")
        out[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(shape)
    return out
