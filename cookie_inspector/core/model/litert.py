"""A feature model's inference in LiteRT (the TensorFlow Lite runtime): exported once with TensorFlow, run without it.

The export writes two files into the bundle: ``model.tflite``, the whole inference (image -> anomaly map), and
``litert.json``, which says what it was made from (the digest of ``model.keras``: a ``.tflite`` of another model is
never run). Two parts of the Keras model have no LiteRT form and are rebuilt for the export, with the same values:
the antialiased resize to the backbone's size (``ScaleAndTranslate``) becomes, for the model's one input size, two
products with a constant matrix read off TensorFlow's own resize (rows, then columns); the Gaussian head's factor,
kept in half precision in the Keras model, is given to the converter in full precision (it does not freeze
half-precision variables), and stored in half precision again in the ``.tflite`` with a DEQUANTIZE op before its use
(:func:`store_half`): the same values, exactly, in half the bytes (29 MB instead of 50 for the shipped model).

Measured with ``benchmarks/litert.py`` on the shipped model (2 cores): scores within 2e-6 of TensorFlow's on demo
cookies, magnetic tiles and tyres, the same verdicts; the model's pass 14 ms against TensorFlow's 30, a whole
``inspect`` of a 640 x 480 frame 21 ms against 36; ``run --headless`` gives its first verdict 0.7 s after the process
starts, against 4.9 s (it never imports TensorFlow).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from cookie_inspector.core.errors import BundleError
from cookie_inspector.core.frames.imageio import write_bytes_atomic

LITERT_FILE = "model.tflite"
INFO_FILE = "litert.json"
RESIZE_LAYER = "to_backbone_size"
"""The feature models' antialiased resize to the backbone's size: the exported model starts after it."""


def litert_available() -> bool:
    """Whether the LiteRT runtime is installed."""
    try:
        from ai_edge_litert.interpreter import Interpreter  # noqa: F401
    except ImportError:
        return False
    return True


def model_digest(folder: Path) -> str:
    """The digest of a bundle's ``model.keras`` (what its ``.tflite`` was made from). Read once per version of the
    file: loading a model asks for it more than once (the bundle, the inspector, the runner)."""
    path = (Path(folder) / "model.keras").resolve()
    found = path.stat()
    return _digest(str(path), found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=16)
def _digest(path: str, _mtime_ns: int, _size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def exported(folder: Path | None) -> bool:
    """Whether the bundle at ``folder`` carries a LiteRT export of the model it holds now."""
    if folder is None:
        return False
    folder = Path(folder)
    try:
        info = json.loads((folder / INFO_FILE).read_text())
        return (folder / LITERT_FILE).is_file() and info.get("model_digest") == model_digest(folder)
    except (OSError, ValueError, AttributeError):
        return False


def tensorflow_installed() -> bool:
    """Whether TensorFlow can be imported here (looked up, not imported: the import takes seconds)."""
    import importlib.util

    return importlib.util.find_spec("tensorflow") is not None


def runs_with_litert(folder: Path | None, pixel: bool, runtime: str = "auto") -> bool:
    """Whether the bundle at ``folder`` is run with its LiteRT export: ``runtime`` "litert", or "auto" for a feature
    model, or "auto" for a pixel network where TensorFlow is not installed (the line bundle). A pixel network runs
    faster in TensorFlow where both are there (``benchmarks/litert.py``); "tensorflow" never uses the export."""
    if runtime == "tensorflow" or not exported(folder) or not litert_available():
        return False
    return runtime == "litert" or not pixel or not tensorflow_installed()


def export_litert(bundle) -> Path:
    """Export the model of ``bundle`` (a loaded :class:`ModelBundle` with a path) for LiteRT, into its folder; the
    ``.tflite``'s path. Raises :class:`BundleError` when the converter fails."""
    if bundle.family != "features":
        return export_pixel(bundle.keras_model(), bundle.input_size, Path(bundle.path))
    return export_model(bundle.keras_model(), bundle.input_size, Path(bundle.path))


def export_pixel(model, input_size: int, folder: Path) -> Path:
    """Write the LiteRT export of the pixel network ``model`` (image -> reconstruction) into the bundle folder
    ``folder``. The network converts as it is; run with LiteRT only where TensorFlow is not installed (see
    :func:`runs_with_litert`)."""
    from cookie_inspector.core.model.tf_setup import keras

    image = keras.Input(shape=(input_size, input_size, 3), batch_size=1, name="image")
    return _convert(keras.Model(image, model(image)), folder, input_size, input_size)


def export_model(model, input_size: int, folder: Path) -> Path:
    """Write the LiteRT export of the feature model ``model`` (its input ``input_size`` pixels square) into the
    bundle folder ``folder``, whose ``model.keras`` holds the same model; the ``.tflite``'s path. Raises
    :class:`BundleError` when the converter fails (the bundle still runs with TensorFlow)."""
    from cookie_inspector.core.model.tf_setup import keras

    folder = Path(folder)
    names = {layer.name for layer in model.layers}
    if RESIZE_LAYER in names:
        sub = keras.Model(model.get_layer(RESIZE_LAYER).output, model.outputs)
        source, target = input_size, int(sub.inputs[0].shape[1])
    else:  # the input is the backbone's size already
        sub, source, target = model, input_size, input_size
    clone = full_precision(sub)
    if source == target:
        return _convert(clone, folder, source, target)
    image, resized = resize_in_graph(source, target)
    return _convert(keras.Model(image, clone(resized)), folder, source, target)


def full_precision(model):
    """A copy of the Keras model ``model`` with every weight in full precision (the Gaussian head's factor is half
    precision in the bundle; the converter does not freeze half-precision variables): the same values."""
    from cookie_inspector.core.model.heads import PositionGaussian
    from cookie_inspector.core.model.tf_setup import keras

    class _FullPrecisionGaussian(PositionGaussian):
        def build(self, input_shape):
            h, w, d = int(input_shape[1]), int(input_shape[2]), len(self.channels)
            self.mean = self.add_weight(shape=(h, w, d), initializer="zeros", trainable=False, name="mean")
            self.factor = self.add_weight(shape=(h, w, d, d), initializer="zeros", trainable=False, name="factor")

    def clone_layer(layer):
        kind = _FullPrecisionGaussian if isinstance(layer, PositionGaussian) else layer.__class__
        return kind.from_config(layer.get_config())

    clone = keras.models.clone_model(model, clone_function=clone_layer)
    for old, new in zip(model.layers, clone.layers, strict=True):
        weights = old.get_weights()
        if weights:
            new.set_weights([np.asarray(w, np.float32) for w in weights])
    return clone


def resize_in_graph(source: int, target: int):
    """(an image input of ``source`` pixels square, batch 1; that image resized to ``target`` as the feature models'
    antialiased resize does it): two products with a constant matrix read off TensorFlow's own resize (rows, then
    columns), which LiteRT runs with the model's own threads."""
    from cookie_inspector.core.model.tf_setup import keras, tf

    eye = np.eye(source, dtype=np.float32)
    resize = tf.image.resize(eye[None, :, :, None], (target, source), method="bilinear",
                             antialias=True).numpy()[0, :, :, 0]  # fmt: skip
    image = keras.Input(shape=(source, source, 3), batch_size=1, name="image")  # static shapes for the einsums
    matrix = keras.ops.convert_to_tensor(resize)
    rows = keras.layers.Lambda(lambda x: keras.ops.einsum("ij,bjkc->bikc", matrix, x), name="resize_rows")(image)
    both = keras.layers.Lambda(lambda x: keras.ops.einsum("lk,bikc->bilc", matrix, x), name="resize_columns")(rows)
    return image, both


def _convert(whole, folder: Path, source: int, target: int) -> Path:
    """Convert the Keras model ``whole`` (one image in, the model's output out) and write it with its
    ``litert.json`` into ``folder``."""
    from cookie_inspector.core.model.tf_setup import tf

    converter = tf.lite.TFLiteConverter.from_keras_model(whole)
    try:
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):  # Keras lists the saved graph
            flat = converter.convert()
    except Exception as exc:  # noqa: BLE001 - the converter raises many kinds; the bundle keeps running with TF
        raise BundleError(f"{folder}: the model could not be converted for LiteRT ({str(exc)[:300]})") from exc
    flat = store_half(bytes(flat))
    info = {"model_digest": model_digest(folder), "input_size": source, "backbone_size": target,
            "made": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            "tensorflow": tf.__version__}  # fmt: skip
    write_bytes_atomic(folder / LITERT_FILE, bytes(flat))
    write_bytes_atomic(folder / INFO_FILE, (json.dumps(info, indent=2) + "\n").encode())  # last: says it is whole
    return folder / LITERT_FILE


HALF_MIN_BYTES = 1 << 20
"""Constants at least this large whose values half precision holds exactly are stored in half precision."""


def store_half(flat: bytes) -> bytes:
    """The model ``flat`` (a ``.tflite``) with every large float32 constant whose values are all exact in half
    precision (the Gaussian head's factor) stored in half precision, dequantised once when the interpreter prepares
    the model: the values the ops see are the same, bit for bit."""
    from ai_edge_litert import schema_py_generated as schema
    from ai_edge_litert.tools import flatbuffer_utils

    model = flatbuffer_utils.read_model_from_bytearray(bytearray(flat))
    users: dict[int, int] = {}
    for graph in model.subgraphs:
        for tensor in graph.tensors:
            users[tensor.buffer] = users.get(tensor.buffer, 0) + 1
    dequantize = None
    changed = False
    for graph in model.subgraphs:
        for index in range(len(graph.tensors)):
            tensor = graph.tensors[index]
            data = model.buffers[tensor.buffer].data if tensor.buffer else None
            if (tensor.type != schema.TensorType.FLOAT32 or data is None or len(data) < HALF_MIN_BYTES
                    or users[tensor.buffer] != 1 or tensor.isVariable):  # fmt: skip
                continue
            values = np.frombuffer(bytes(data), np.float32)
            half = values.astype(np.float16)
            if not np.array_equal(half.astype(np.float32), values, equal_nan=True):
                continue
            if dequantize is None:
                dequantize = len(model.operatorCodes)
                code = schema.OperatorCodeT()
                code.builtinCode = code.deprecatedBuiltinCode = schema.BuiltinOperator.DEQUANTIZE
                code.version = 2  # float16 -> float32
                model.operatorCodes.append(code)
            model.buffers[tensor.buffer].data = np.frombuffer(half.tobytes(), np.uint8)
            tensor.type = schema.TensorType.FLOAT16
            full = schema.TensorT()
            full.shape, full.type, full.buffer = list(tensor.shape), schema.TensorType.FLOAT32, 0
            full.name = (tensor.name or b"") + b"/float32"
            graph.tensors.append(full)
            for op in graph.operators:
                op.inputs = [len(graph.tensors) - 1 if i == index else i for i in op.inputs]
            op = schema.OperatorT()
            op.opcodeIndex, op.inputs, op.outputs = dequantize, [index], [len(graph.tensors) - 1]
            graph.operators.insert(0, op)
            changed = True
    return bytes(flatbuffer_utils.convert_object_to_bytearray(model)) if changed else flat


def default_threads() -> int:
    """Threads for the interpreter: every core up to four (a line PC's inspection thread is the busy one)."""
    return max(1, min(4, os.cpu_count() or 1))


_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def _runtime_quiet():
    """Keep the runtime's own "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." off the standard error,
    where the operator's messages go (it reads its log level from the environment the process started with, so
    setting it here does not help). A failure still raises; ``COOKIE_INSPECTOR_DEBUG=1`` shows the line."""
    if os.environ.get("COOKIE_INSPECTOR_DEBUG"):
        yield
        return
    with _STDERR_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):  # no standard error to speak of (a windowed program)
            yield
            return
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class LiteRTForward:
    """The exported model of the bundle at ``folder``: (N, size, size, 3) float32 images -> (N, size, size, 1) maps,
    as the Keras model's forward pass gives them. Raises :class:`BundleError` when the export is missing, stale or
    damaged."""

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        from ai_edge_litert.interpreter import Interpreter

        folder = Path(folder)
        if not exported(folder):
            raise BundleError(f"{folder}: no LiteRT export of this model (cookie-inspector export makes one)")
        try:
            self._interpreter = Interpreter(model_path=str(folder / LITERT_FILE), num_threads=threads or
                                            default_threads())  # fmt: skip
            details = self._interpreter.get_input_details()[0]
            self._input = details["index"]
            self.size = int(details["shape_signature"][1])
            self._interpreter.resize_tensor_input(self._input, [1, self.size, self.size, 3])
            with _runtime_quiet():
                self._interpreter.allocate_tensors()
            self._output = self._interpreter.get_output_details()[0]["index"]
        except (OSError, ValueError, RuntimeError) as exc:
            raise BundleError(f"{folder}: the LiteRT export cannot be loaded ({exc})") from exc
        self.threads = threads or default_threads()
        self._lock = threading.Lock()  # one interpreter: one image at a time, whichever thread asks

    def __call__(self, images: np.ndarray) -> np.ndarray:
        images = np.asarray(images, dtype=np.float32)
        if images.ndim != 4 or images.shape[1:] != (self.size, self.size, 3):
            raise ValueError(f"expected images of shape (N, {self.size}, {self.size}, 3), got {images.shape}")
        outputs = []
        with self._lock:
            for image in images:
                self._interpreter.set_tensor(self._input, np.ascontiguousarray(image[None]))
                self._interpreter.invoke()
                outputs.append(self._interpreter.get_tensor(self._output)[0].copy())
        return np.stack(outputs)
