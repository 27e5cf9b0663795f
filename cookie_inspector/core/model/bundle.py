"""A model bundle: a folder with ``model.keras`` and ``meta.json``, everything needed to use the model.

Bundles are written to a temporary folder beside the target and renamed into place, so a crash or a full disk never
leaves half a bundle; the bundle it replaces is kept as ``<name>.previous``. Loading uses Keras' safe mode and
checks the metadata against the model: a bundle that is missing, corrupt or inconsistent raises ``BundleError``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from cookie_inspector import __version__
from cookie_inspector.core.errors import BundleError, WriteError
from cookie_inspector.core.frames.imageio import staging_dir, write_bytes_atomic
from cookie_inspector.core.frames.preprocess import COLOR_GREY, COLOR_RGB, Roi
from cookie_inspector.core.judge.presence import FRAMING_REGION, FRAMINGS
from cookie_inspector.core.judge.scoring import ScoringParams

if TYPE_CHECKING:
    from cookie_inspector.core.model.tf_setup import keras


def _keras():
    from cookie_inspector.core.model import heads  # noqa: F401 - registers the feature heads' layers for safe loading
    from cookie_inspector.core.model.tf_setup import keras

    return keras


PIXEL_ARCHITECTURES = ("seed", "pixel")
FEATURE_ARCHITECTURES = ("feature-ae", "feature-gaussian", "feature-memory", "feature-ensemble", "feature-auto")
"""The architectures' names by family, kept here so that a bundle's metadata is read without TensorFlow (a test
keeps them in step with the registry of :mod:`cookie_inspector.core.model.architectures`)."""

MODEL_FILE = "model.keras"
META_FILE = "meta.json"
FORMAT_NAME = "cookie-inspector-bundle"
FORMAT_VERSION = 2
"""2: the architecture is always named as it is (format 1 said ``default`` for what is now ``pixel``)."""
REQUIRED_KEYS = (
    "architecture",
    "parameters",
    "input_shape",
    "threshold",
    "warn_threshold",
    "score_stats",
    "scoring",
    "trained_on",
    "created",
    "versions",
    "calibration",
)


@dataclass
class ModelBundle:
    """A loaded model with its metadata. ``model`` is None for a bundle loaded to run with its LiteRT export (no
    TensorFlow); :meth:`keras_model` loads the Keras model when it is needed after all (export, training)."""

    path: Path | None
    model: keras.Model | None
    meta: dict

    def keras_model(self) -> keras.Model:
        """The Keras model, loaded (and checked) now if it was not."""
        if self.model is None:
            self.model = _load_keras(Path(self.path), self.meta)
        return self.model

    @property
    def architecture(self) -> str:
        return str(self.meta["architecture"])

    @property
    def family(self) -> str:
        """``pixel`` or ``features`` (see :mod:`cookie_inspector.core.model.architectures`)."""
        return "pixel" if self.architecture in PIXEL_ARCHITECTURES else "features"

    @property
    def input_size(self) -> int:
        return int(self.meta["input_shape"][0])

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    @property
    def warn_threshold(self) -> float:
        return float(self.meta["warn_threshold"])

    @property
    def scoring(self) -> ScoringParams:
        return ScoringParams.from_dict(self.meta["scoring"])

    @property
    def roi(self) -> Roi | None:
        """The region of each image the model was trained on (``train --roi``); None: the whole image."""
        box = (self.meta.get("preprocessing") or {}).get("roi")
        return Roi(*(int(v) for v in box)) if box else None

    @property
    def trained_shape(self) -> float | None:
        """Width over height of the pictures (or regions) the model was trained on, when the bundle says and they
        share one shape (None when they came in many: :attr:`shapes_vary`)."""
        if self.shapes_vary:
            return None
        size = (self.meta.get("trained_on") or {}).get("image_size")
        try:
            width, height = (float(v) for v in size)
        except (TypeError, ValueError):
            return None
        return width / height if width > 0 and height > 0 else None

    @property
    def shapes_vary(self) -> bool:
        """The training pictures came in many shapes: each frame is taken whole (see ``training.SHAPES_VARY``)."""
        return bool((self.meta.get("trained_on") or {}).get("shapes_vary", False))

    @property
    def grey(self) -> bool:
        """Whether the model was trained on grey pictures."""
        return self.color == COLOR_GREY

    @property
    def product(self) -> str:
        """The product's name the model was taught for (empty for a bundle that does not say: "unnamed")."""
        return str(self.meta.get("product") or "")

    @property
    def framing(self) -> str:
        """``"product"`` for a model taught around the product: the line finds the product on each frame and frames
        it as the samples were; ``"region"`` (bundles that do not say too): the region as it is."""
        return str((self.meta.get("preprocessing") or {}).get("framing", FRAMING_REGION))

    @property
    def color(self) -> str:
        """``"RGB"`` for a model trained on colour pictures, ``"grey"`` for one trained on grey ones."""
        return str((self.meta.get("preprocessing") or {}).get("color", COLOR_RGB))


PREPROCESSING_VALUES = {"region": ("full", "center"), "resize": ("area",), "color": (COLOR_RGB, COLOR_GREY),
                        "framing": FRAMINGS}  # fmt: skip


def check_preprocessing(block: object, where: str) -> None:
    """Raise ``BundleError`` unless ``block`` is a ``preprocessing`` block this release can follow."""
    if not isinstance(block, dict):
        raise BundleError(f"{where}: preprocessing must be a JSON object, not {type(block).__name__}")
    unknown = sorted(set(block) - {"roi", "range", *PREPROCESSING_VALUES})
    if unknown:
        raise BundleError(f"{where}: preprocessing has unknown entries {', '.join(map(repr, unknown))}")
    roi = block.get("roi")
    if roi is not None:
        whole = isinstance(roi, list) and len(roi) == 4 and all(isinstance(v, int) and not isinstance(v, bool)
                                                              for v in roi)  # fmt: skip
        if not whole or roi[0] < 0 or roi[1] < 0 or roi[2] < 2 or roi[3] < 2:
            raise BundleError(f"{where}: preprocessing.roi {roi!r} is not a region x,y,width,height (whole numbers, "
                              "x and y from 0, width and height at least 2)")  # fmt: skip
    for key, allowed in PREPROCESSING_VALUES.items():
        if key in block and block[key] not in allowed:
            raise BundleError(f"{where}: preprocessing.{key} {block[key]!r} is not one of "
                              f"{', '.join(map(repr, allowed))}")  # fmt: skip
    if "range" in block and block["range"] != [0.0, 1.0] and block["range"] != [0, 1]:
        raise BundleError(f"{where}: preprocessing.range {block['range']!r} is not [0.0, 1.0]")


def library_versions() -> dict:
    """Versions of everything that shapes a model's numbers, recorded in each bundle."""
    keras = _keras()
    from cookie_inspector.core.model.tf_setup import tf

    return {
        "cookie_inspector": __version__,
        "keras": keras.__version__,
        "tensorflow": tf.__version__,
        "numpy": np.__version__,
        "opencv": cv2.__version__,
        "python": platform.python_version(),
    }


def is_bundle(path: Path) -> bool:
    """Whether ``path`` looks like a bundle folder (both files present); says nothing of their content."""
    return (path / MODEL_FILE).is_file() and (path / META_FILE).is_file()


def _without_optimizer(model: keras.Model) -> keras.Model:
    """An uncompiled copy with the same weights: a bundle is for inference, and Adam's state would triple its size."""
    if getattr(model, "optimizer", None) is None:
        return model
    copy = _keras().Model.from_config(model.get_config())  # clone_model would copy the compile settings too
    copy.set_weights(model.get_weights())
    return copy


OWNER_FILE = "writer.pid"
"""In a staging folder while it is written: the writing process's id, so a later save can tell a killed writer's
leftovers from a save in progress."""
STALE_STAGING_S = 3600.0
"""A staging folder without a live writer, or older than this, is a leftover."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, but not ours to signal
    return True


def clean_stale_staging(out_dir: Path) -> list[str]:
    """Remove what killed saves to ``out_dir`` left beside it (``.NAME.*.partial``); returns their names."""
    out_dir = Path(out_dir)
    removed = []
    if not out_dir.parent.is_dir():
        return removed
    now = time.time()
    for path in out_dir.parent.glob(f".{out_dir.name}.*.partial"):
        try:
            owner = int((path / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            owner = None
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        unowned = owner is None and age > 60  # not one being created this instant
        if age > STALE_STAGING_S or unowned or (owner is not None and not _alive(owner)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def save_bundle(model: keras.Model, meta: dict, out_dir: Path, finish: Callable[[Path], None] | None = None) -> Path:
    """Write ``model`` and ``meta`` as a bundle at ``out_dir``, atomically; returns the bundle's path. ``finish``,
    if given, adds to the bundle's folder before it takes its place (the LiteRT export).

    An existing bundle at ``out_dir`` is kept as ``<out_dir>.previous``. A folder there that is not a bundle is
    never overwritten.
    """
    out_dir = Path(out_dir)
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise ValueError(f"bundle metadata lacks {', '.join(missing)}")
    if out_dir.exists() and not (out_dir.is_dir() and (is_bundle(out_dir) or not any(out_dir.iterdir()))):
        raise BundleError(f"{out_dir}: exists and is not a model bundle; choose another output folder")
    tmp: Path | None = None
    try:
        clean_stale_staging(out_dir)
        tmp = staging_dir(out_dir)
        (tmp / OWNER_FILE).write_text(str(os.getpid()))
        _without_optimizer(model).save(tmp / MODEL_FILE)
        full_meta = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **meta}
        write_bytes_atomic(tmp / META_FILE, (json.dumps(full_meta, indent=2) + "\n").encode())
        if finish is not None:
            finish(tmp)
        (tmp / OWNER_FILE).unlink()
        _fsync_dir(tmp)
        if out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()
        if out_dir.exists():
            previous = out_dir.with_name(out_dir.name + ".previous")
            if previous.exists():
                shutil.rmtree(previous)
            os.replace(out_dir, previous)
        os.replace(tmp, out_dir)
        _fsync_dir(out_dir.parent)
    except BaseException as exc:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        cause = exc if isinstance(exc, OSError) else (exc.__cause__ or exc.__context__)
        if isinstance(cause, OSError) and not isinstance(exc, KeyboardInterrupt):  # Keras may wrap the OSError
            kept = "; the bundle already there is unchanged" if is_bundle(out_dir) else ""
            raise WriteError(f"{out_dir}: cannot write the model bundle ({cause.strerror or cause}); no model was "
                             f"written{kept}") from exc  # fmt: skip
        raise
    return out_dir


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_meta(path: Path) -> dict:
    """The checked ``meta.json`` of the bundle at ``path``."""
    path = Path(path)
    if not path.exists():
        raise BundleError(f"{path}: no such model bundle")
    if not path.is_dir():
        raise BundleError(f"{path}: a model bundle is a folder holding {MODEL_FILE} and {META_FILE}")
    meta_path = path / META_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"{meta_path}: missing; {path} is not a model bundle") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{meta_path}: not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise BundleError(f"{meta_path}: expected a JSON object")
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise BundleError(f"{meta_path}: lacks {', '.join(missing)}")
    if meta.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise BundleError(f"{meta_path}: not a Cookie Inspector bundle (format {meta['format']!r})")
    if meta.get("format_version", FORMAT_VERSION) > FORMAT_VERSION:
        raise BundleError(f"{meta_path}: written by a newer Cookie Inspector (format {meta['format_version']})")
    if meta["architecture"] == "default" and int(meta.get("format_version", 1)) < 2:
        from cookie_inspector.core.model.architectures import LEGACY_DEFAULT

        meta["architecture"] = LEGACY_DEFAULT  # what "default" was when the bundle was written
    if meta["architecture"] not in PIXEL_ARCHITECTURES + FEATURE_ARCHITECTURES:
        raise BundleError(f"{meta_path}: unknown architecture {meta['architecture']!r}")
    try:
        shape = [int(v) for v in meta["input_shape"]]
        threshold, warn = float(meta["threshold"]), float(meta["warn_threshold"])
        ScoringParams.from_dict(meta["scoring"])
    except (TypeError, ValueError, KeyError) as exc:
        raise BundleError(f"{meta_path}: malformed field ({exc})") from None
    if len(shape) != 3 or shape[0] != shape[1] or shape[2] != 3 or shape[0] < 8:
        raise BundleError(f"{meta_path}: input_shape {meta['input_shape']} is not a square RGB image")
    if not (np.isfinite(threshold) and threshold > 0 and np.isfinite(warn) and 0 < warn <= threshold):
        raise BundleError(f"{meta_path}: thresholds must be positive with warn_threshold <= threshold")
    if "preprocessing" in meta:
        check_preprocessing(meta["preprocessing"], str(meta_path))
    return meta


def load_bundle(path: Path, runtime: str = "auto") -> ModelBundle:
    """Load and check the bundle at ``path`` (Keras safe mode: no arbitrary code runs from the file). A model that
    is to run with its LiteRT export (``litert.runs_with_litert``: a feature model by default, a pixel network where
    TensorFlow is not installed) is loaded without TensorFlow; ``runtime`` "tensorflow" loads the Keras model
    whatever the bundle carries."""
    path = Path(path)
    meta = read_meta(path)
    model_path = path / MODEL_FILE
    if not model_path.is_file():
        raise BundleError(f"{model_path}: missing; the bundle is incomplete")
    if not zipfile.is_zipfile(model_path):  # Keras would say "file not found" of a file that is there
        raise BundleError(f"{model_path}: damaged or not a Keras model (a .keras file is a zip archive, this one is "
                          "truncated or something else)")  # fmt: skip
    from cookie_inspector.core.model.litert import runs_with_litert

    if runs_with_litert(path, meta["architecture"] in PIXEL_ARCHITECTURES, runtime):
        return ModelBundle(path=path, model=None, meta=meta)  # made from this very model.keras, checked then
    return ModelBundle(path=path, model=_load_keras(path, meta), meta=meta)


def _load_keras(path: Path, meta: dict) -> keras.Model:
    model_path = path / MODEL_FILE
    try:
        keras = _keras()
    except ImportError:  # the line bundle: LiteRT without TensorFlow
        raise BundleError(f"{path}: this model needs TensorFlow, which is not installed here; the line "
                          "bundle runs models that carry a LiteRT export (cookie-inspector export, run where "
                          "TensorFlow is installed, adds one)") from None  # fmt: skip
    try:
        model = keras.saving.load_model(model_path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for a damaged file; all mean the same to the user.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BundleError(f"{model_path}: cannot be loaded as a Keras model ({reason})") from None
    if not isinstance(model, keras.Model):
        raise BundleError(f"{model_path}: holds no Keras model")
    model_shape = [int(v) if v is not None else None for v in model.input_shape[1:]]
    if model_shape != [int(v) for v in meta["input_shape"]]:
        raise BundleError(f"{path}: the model takes {model_shape} but {META_FILE} says {meta['input_shape']}")
    family = "pixel" if meta["architecture"] in PIXEL_ARCHITECTURES else "features"
    expected = tuple(model_shape) if family == "pixel" else (*model_shape[:2], 1)
    if tuple(model.output_shape[1:]) != expected:
        what = "an autoencoder" if family == "pixel" else "a feature model's anomaly map"
        raise BundleError(f"{model_path}: {meta['architecture']} is {what}, but the model outputs "
                          f"{model.output_shape[1:]}")  # fmt: skip
    if int(meta["parameters"]) != model.count_params():
        raise BundleError(
            f"{path}: {META_FILE} says {meta['parameters']} parameters, the model has {model.count_params()}"
        )
    return model
