"""Read a PyTorch state dict saved in the legacy (pre-1.6, not zip) format, with the standard library and numpy.

PyTorch is not a dependency of Cookie Inspector. A ``.pth`` file of that format is five pickles in a row (a magic
number, the protocol version, the writer's type sizes, the state dict whose tensors point at storages by key, the
list of storage keys) followed by the raw bytes of each storage, each behind an 8-byte element count.

A pickle is code: an ordinary ``pickle.load`` would call whatever function the file names. The unpickler here
admits only the names a state dict of float tensors needs (an ordered dict, the tensor-rebuild function and a few
storage types, all mapped to harmless local stand-ins) and refuses everything else, so a tampered file raises
:class:`WeightsError` instead of running anything.
"""

from __future__ import annotations

import collections
import io
import pickle
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from cookie_inspector.core.errors import InspectorError

LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
"""The number that opens every legacy-format PyTorch file."""

STORAGE_DTYPES = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}


class WeightsError(InspectorError):
    """A weights file that is not a legacy PyTorch state dict, is damaged, or asks for code it may not run."""


@dataclass(frozen=True)
class _StorageType:
    dtype: np.dtype


@dataclass(frozen=True)
class _TensorRef:
    """A tensor as the pickle describes it: a view (offset, shape, strides in elements) of a storage."""

    key: str
    dtype: np.dtype
    offset: int
    shape: tuple[int, ...]
    strides: tuple[int, ...]


def _rebuild_tensor(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None, *_more):
    key, dtype = storage
    return _TensorRef(key, dtype, int(storage_offset), tuple(int(v) for v in size), tuple(int(v) for v in stride))


_ALLOWED = {
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
    **{("torch", name): _StorageType(dtype) for name, dtype in STORAGE_DTYPES.items()},
}


class _RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that knows only the names of :data:`_ALLOWED` and answers storages by their key."""

    def __init__(self, file: BinaryIO, path: Path) -> None:
        super().__init__(file)
        self._path = path
        self.storages: dict[str, tuple[np.dtype, int]] = {}

    def find_class(self, module: str, name: str):
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise WeightsError(
                f"{self._path}: refused: the weights file asks for {module}.{name}, which a plain state dict of "
                "tensors never needs (the file may have been tampered with)"
            ) from None

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"):
            raise WeightsError(f"{self._path}: unexpected persistent reference {pid!r:.80}")
        storage_type, key, _location, count = pid[1], str(pid[2]), pid[3], int(pid[4])
        if not isinstance(storage_type, _StorageType):
            raise WeightsError(f"{self._path}: storage {key} has no known element type")
        self.storages[key] = (storage_type.dtype, count)
        return key, storage_type.dtype


def read_state_dict(path: Path) -> dict[str, np.ndarray]:
    """The tensors of the legacy-format PyTorch file at ``path``, by name, as numpy arrays (C order, copied)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WeightsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    stream = io.BytesIO(data)
    try:
        magic = _RestrictedUnpickler(stream, path).load()
        if magic != LEGACY_MAGIC:
            raise WeightsError(f"{path}: not a legacy-format PyTorch file (zip-format files are not supported)")
        _RestrictedUnpickler(stream, path).load()  # protocol version
        sys_info = _RestrictedUnpickler(stream, path).load()
        if not (isinstance(sys_info, dict) and sys_info.get("little_endian", False)):
            raise WeightsError(f"{path}: written on a big-endian machine, which is not supported")
        body = _RestrictedUnpickler(stream, path)
        state = body.load()
        keys = _RestrictedUnpickler(stream, path).load()
    except WeightsError:
        raise
    except Exception as exc:  # a truncated or garbled pickle raises many types
        raise WeightsError(f"{path}: damaged or not a PyTorch weights file ({type(exc).__name__}: {exc})") from None
    if not isinstance(state, dict) or not isinstance(keys, list):
        raise WeightsError(f"{path}: holds no state dict")
    raw: dict[str, np.ndarray] = {}
    for key in keys:
        key = str(key)
        if key not in body.storages:
            raise WeightsError(f"{path}: storage {key} is listed but no tensor uses it")
        dtype, count = body.storages[key]
        header = stream.read(8)
        if len(header) != 8:
            raise WeightsError(f"{path}: truncated (storage {key} is missing)")
        (stored_count,) = struct.unpack("<q", header)
        if stored_count != count:
            raise WeightsError(f"{path}: storage {key} holds {stored_count} elements, the tensors say {count}")
        buffer = stream.read(count * dtype.itemsize)
        if len(buffer) != count * dtype.itemsize:
            raise WeightsError(f"{path}: truncated inside storage {key}")
        raw[key] = np.frombuffer(buffer, dtype=dtype)
    tensors: dict[str, np.ndarray] = {}
    for name, ref in state.items():
        if not isinstance(ref, _TensorRef):
            raise WeightsError(f"{path}: entry {name!r} is not a tensor")
        tensors[str(name)] = _view(raw[ref.key], ref, path, str(name))
    return tensors


def _view(storage: np.ndarray, ref: _TensorRef, path: Path, name: str) -> np.ndarray:
    if len(ref.shape) != len(ref.strides) or any(s < 0 for s in ref.strides) or ref.offset < 0:
        raise WeightsError(f"{path}: tensor {name!r} has an invalid layout")
    last = ref.offset + sum((n - 1) * s for n, s in zip(ref.shape, ref.strides, strict=True)) if all(ref.shape) else 0
    if last >= max(len(storage), 1) and all(ref.shape):
        raise WeightsError(f"{path}: tensor {name!r} reaches beyond its storage")
    item = storage.itemsize
    view = np.lib.stride_tricks.as_strided(
        storage[ref.offset :], shape=ref.shape, strides=tuple(s * item for s in ref.strides), writeable=False
    )
    return np.array(view, order="C", copy=True)
