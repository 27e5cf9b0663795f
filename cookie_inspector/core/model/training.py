"""Training a model on a folder of good images, then calibrating its threshold on held-out good images.

A pixel network (``seed``, ``pixel``) is trained for epochs; a feature model is fitted on the frozen backbone's
features (:mod:`cookie_inspector.core.model.feature_training`). Both are calibrated and saved the same way.

Progress goes to a callback as plain dicts (the CLI prints them as JSON lines for the GUI's training process). A
``threading.Event`` cancels training within one batch; a cancelled run writes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from cookie_inspector.core.errors import (
    BundleError,
    InspectorError,
    NotEnoughSamplesError,
    TrainingCancelled,
    TrainingFailed,
)
from cookie_inspector.core.frames.imageio import decode_image, is_image_path, list_images, read_image_bytes, scan_folder
from cookie_inspector.core.frames.preprocess import (
    COLOR_GREY,
    COLOR_RGB,
    INPUT_SIZE,
    MAX_ASPECT,
    Roi,
    aspect_ratio,
    is_grey,
    preprocess,
    resolve_roi,
)
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.judge.outline import calibrate_outline
from cookie_inspector.core.judge.presence import (
    FRAMING_PRODUCT,
    FRAMING_REGION,
    check_framing,
    folder_framing,
    follow_product,
)
from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, ScoringParams
from cookie_inspector.core.model.architectures import check_input_size, get_architecture
from cookie_inspector.core.model.augment import RepairBatches
from cookie_inspector.core.model.bundle import ModelBundle, library_versions, save_bundle
from cookie_inspector.core.model.calibration import DEFAULT_FALSE_ALARM_RATE, DEFAULT_WARN_RATE, calibrate
from cookie_inspector.core.model.feature_training import DEFAULT_FOLDS, OOF_HEADS, fit_feature_model
from cookie_inspector.core.model.features import FeatureSpec
from cookie_inspector.core.model.limits import MIN_SAMPLES
from cookie_inspector.core.model.tf_setup import keras

MIN_HELD_OUT = 2
REFERENCE_SAMPLES = 8
"""Samples whose scores by the finished model the bundle keeps, for the activation check to compare after loading."""
DEFAULT_HOLDOUT_FRACTION = 0.2

ProgressCallback = Callable[[dict], None]


@dataclass
class TrainingConfig:
    """Everything that shapes a training run; ``None`` fields take the architecture's defaults."""

    architecture: str = "default"
    epochs: int | None = None
    batch_size: int | None = None
    learning_rate: float | None = None
    size: int = INPUT_SIZE
    roi: Roi | None = None
    product: str = ""
    """The product's name, as the operator gave it (recorded in the bundle; empty: unnamed)."""
    framing: str = FRAMING_REGION
    """``"product"``: each picture is framed around the product found on it (within ``roi``), and the line frames
    its frames the same way; a samples folder taken so (its :data:`FRAMING_FILE`) is framed already."""
    holdout_fraction: float = DEFAULT_HOLDOUT_FRACTION
    false_alarm_rate: float = DEFAULT_FALSE_ALARM_RATE
    warn_rate: float = DEFAULT_WARN_RATE
    seed: int = 0
    repair: bool | None = None
    features: FeatureSpec | None = None
    """Feature models: where the features come from (None: the architecture's)."""
    pretrained: bool = True
    """Feature models: ImageNet weights (False, random weights, is an ablation only)."""
    coreset: bool = True
    """Memory head: the greedy coreset (False, a random subsample of the same size, is an ablation only)."""
    export: bool = True
    """Feature models: the bundle carries a LiteRT export of its inference (``model.tflite``), the line's runtime."""
    folds: int = DEFAULT_FOLDS
    """Heads fitted in one pass (the default model): calibrate on out-of-fold scores of every sample, from this
    many folds; 0 or 1: hold a share out instead (``holdout_fraction``), as the pixel networks always do."""

    def resolved(self) -> TrainingConfig:
        """A copy with the architecture's defaults filled in and every value checked."""
        arch = get_architecture(self.architecture)
        config = dataclasses.replace(self, architecture=arch.name)  # "default" is recorded as what it stands for
        config.epochs = arch.defaults.epochs if self.epochs is None else int(self.epochs)
        if arch.head == "autoencoder" and self.epochs is None:
            config.epochs = None  # set by the number of training images (feature_epochs), once they are known
        config.batch_size = arch.defaults.batch_size if self.batch_size is None else int(self.batch_size)
        config.learning_rate = arch.defaults.learning_rate if self.learning_rate is None else self.learning_rate
        config.repair = arch.defaults.repair if self.repair is None else bool(self.repair)
        if (config.epochs is not None and config.epochs < 1) or config.batch_size < 1 or not config.learning_rate > 0:
            raise ValueError("epochs, batch size and learning rate must be positive")
        if not 0.0 < config.holdout_fraction < 1.0:
            raise ValueError("the held-out share must be between 0 and 1")
        check_input_size(arch, config.size)
        check_framing(config.framing)
        return config


SHAPES_VARY = 1.5
"""Training pictures whose width-to-height ratios spread more than this (90th over 10th percentile) come in many
shapes (photos of tiles from 0.4:1 to 2.5:1): the line then takes each frame whole rather than a box of their
median shape, which would cut most of them (on 40 photos of such tiles: AUROC 0.79 whole, 0.74 cut)."""


@dataclass
class SampleSet:
    """Good images loaded for training, with what was skipped and why."""

    folder: Path
    images: np.ndarray
    paths: list[Path]
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    digest: str = ""
    color: str = COLOR_RGB
    """``"grey"`` when every image is grey (the model is then a grey one), else ``"RGB"``."""
    image_size: list[int] = field(default_factory=list)
    """[width, height]: the median size of the pictures' regions (their shape is the line's default region)."""
    shapes_vary: bool = False
    """The pictures come in many shapes (see :data:`SHAPES_VARY`): no one shape is theirs, and the line takes each
    picture whole, as the samples were."""
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    """Images used but doubtful (a very elongated region, grey ones among colour ones), with the reason."""
    framing: str = FRAMING_REGION
    """``"product"``: the pictures are framed around the product (found on each, or taken so)."""


def resolve_samples_dir(folder: Path) -> Path:
    """Accept a dataset root in MVTec layout too: ``<root>/train/good`` (and its ``rgb/`` subfolder)."""
    folder = Path(folder)
    if (folder / "train" / "good").is_dir():
        folder = folder / "train" / "good"
    if (folder / "rgb").is_dir() and not list_images(folder):
        folder = folder / "rgb"
    return folder


def load_samples(folder: Path, size: int = INPUT_SIZE, roi: Roi | None = None,
                 framing: str = FRAMING_REGION) -> SampleSet:  # fmt: skip
    """Read and preprocess every image in ``folder``; unreadable or unusable files are skipped and listed.
    ``framing="product"``: each picture is cropped around the product found on it (within ``roi``), unless the
    folder says its pictures were taken so (:func:`folder_framing`); one where none stands out is taken whole.

    The digest identifies the set by content (a SHA-256 over the sorted SHA-256 of each used file), so a retrain
    on the same images, renamed or not, is recognisable.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotEnoughSamplesError(f"{folder}: no such folder of good samples")
    files, skipped = scan_folder(folder)
    framed = folder_framing(folder) == FRAMING_PRODUCT
    find = framing == FRAMING_PRODUCT and not framed
    images, paths, hashes, greys, warnings, sizes = [], [], [], [], [], []
    for path in files:
        if not is_image_path(path):
            skipped.append((path, "not an image file (by its name)"))
            continue
        try:
            data = read_image_bytes(path)
            picture = decode_image(data, path)
            box = resolve_roi(picture.shape, roi, "full")
            found = follow_product(picture, box) if find else None
            if find and found is None:
                warnings.append((path, "no product stands out from the background: the picture is taken whole"))
            box = found or box
            images.append(preprocess(picture, size, box))
        except InspectorError as exc:
            skipped.append((path, str(exc).removeprefix(f"{path}: ")))
            continue
        if aspect_ratio(box.width, box.height) > MAX_ASPECT:
            warnings.append((path, f"{box.width}x{box.height} pixels, squashed into a {size}x{size} square: the "
                                   "model learns it distorted (crop the parts with --roi, or photograph them "
                                   "closer to square)"))  # fmt: skip
        paths.append(path)
        sizes.append((box.width, box.height))
        greys.append(is_grey(picture))
        hashes.append(hashlib.sha256(data).hexdigest())
    skipped.sort(key=lambda item: item[0].name)
    color = COLOR_GREY if greys and all(greys) else COLOR_RGB
    if color == COLOR_RGB and any(greys):
        grey_names = [p.name for p, grey in zip(paths, greys, strict=True) if grey]
        warnings.append(
            (
                folder,
                f"{len(grey_names)} of {len(paths)} images are grey, the others in colour (grey: "
                f"{', '.join(grey_names[:3])}{', ...' if len(grey_names) > 3 else ''}); the model "
                "is trained as a colour model, so grey parts will be judged against colour ones",
            )
        )
    digest = "sha256:" + hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()
    stacked = np.stack(images) if images else np.zeros((0, size, size, 3), np.float32)
    size_of = [int(np.median([s[0] for s in sizes])), int(np.median([s[1] for s in sizes]))] if sizes else []
    ratios = np.array([w / h for w, h in sizes if h > 0], np.float64)
    vary = len(ratios) >= 4 and float(np.quantile(ratios, 0.9) / np.quantile(ratios, 0.1)) > SHAPES_VARY
    return SampleSet(folder=folder, images=stacked, paths=paths, skipped=skipped, digest=digest, color=color,
                     warnings=warnings, image_size=size_of, shapes_vary=vary,
                     framing=FRAMING_PRODUCT if find or framed else FRAMING_REGION)  # fmt: skip


def split_held_out(count: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, held_out): a seeded random share held out, never fewer than ``MIN_HELD_OUT``."""
    held = max(MIN_HELD_OUT, int(round(count * fraction)))
    order = np.random.default_rng(seed).permutation(count)
    return np.sort(order[held:]), np.sort(order[:held])


class _ProgressCallback(keras.callbacks.Callback):
    """Reports each epoch with an estimate of the time left, and stops within a batch when cancelled."""

    def __init__(self, epochs: int, report: ProgressCallback, cancel: threading.Event) -> None:
        super().__init__()
        self.epochs = epochs
        self.report = report
        self.cancel = cancel
        self.started = 0.0
        self.history: list[dict] = []

    def on_train_begin(self, logs=None):
        self.started = time.monotonic()

    def on_train_batch_end(self, batch, logs=None):
        if self.cancel.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        elapsed = time.monotonic() - self.started
        done = epoch + 1
        entry = {
            "event": "epoch",
            "epoch": done,
            "epochs": self.epochs,
            "loss": _finite(logs.get("loss")),
            "val_loss": _finite(logs.get("val_loss")),
            "elapsed_s": round(elapsed, 2),
            "eta_s": round(elapsed / done * (self.epochs - done), 1),
        }
        self.history.append(entry)
        if not self.cancel.is_set():
            self.report(entry)


def start_at_mean_image(model: keras.Model, images: np.ndarray) -> None:
    """Set the sigmoid output's bias so that the untrained network already outputs the training set's mean colour.

    From the default bias of 0 the network starts at mid-grey; on dark products (mean pixel 0.1, say) the first
    steps then push every output logit down so hard that the sigmoid saturates at exactly 0 and no gradient is left:
    the model outputs black for ever. Starting at the mean colour removes that push. The architecture is unchanged.
    """
    output = model.get_layer("reconstruction")
    mean = np.clip(images.reshape(-1, images.shape[-1]).mean(axis=0), 0.02, 0.98)
    output.bias.assign(np.log(mean / (1.0 - mean)).astype("float32"))


COLLAPSE_RATIO = 0.05
"""A reconstruction whose spread over the held-out images is below this share of theirs hardly depends on its input:
every part would come out alike (see benchmarks/short_training.py for what such models find)."""

FEW_STEPS = 150
"""Below this many training steps a pixel network's output is still close to the constant image it starts from (the
training set's mean): a refusal then means "train longer", not "the training went wrong"."""


@dataclass(frozen=True)
class TrainingSteps:
    """How much training a pixel network had: for the message when its output is still near-constant."""

    samples: int
    epochs: int
    batch_size: int
    architecture: str = "the"

    @property
    def steps(self) -> int:
        return math.ceil(self.samples / self.batch_size) * self.epochs


def check_not_collapsed(images: np.ndarray, reconstructions: np.ndarray, training: TrainingSteps | None = None) -> None:
    """Refuse a model whose output no longer depends on its input (a constant image): it would pass every part."""
    spread = float(reconstructions.std()) / max(float(images.std()), 1e-6)
    if spread >= COLLAPSE_RATIO:
        return
    if training is not None and training.steps < FEW_STEPS:
        wanted = math.ceil(FEW_STEPS / math.ceil(training.samples / training.batch_size))
        raise TrainingFailed(
            f"too few training steps for this network: {training.samples} training images x {training.epochs} "
            f"epoch(s) at batch {training.batch_size} are {training.steps} steps, and the {training.architecture} "
            f"network needs about {FEW_STEPS} before its output follows its input (now it gives every image "
            f"almost the same picture, {spread:.0%} of their spread), so it would not see defects; nothing was "
            f"written. Train for --epochs {max(wanted, training.epochs + 1)} or more, or give more samples"
        )
    raise TrainingFailed(
        f"training failed: the network collapsed to a constant output image ({spread:.0%} of the images' spread) "
        "and would not see defects; nothing was written. Try a lower --learning-rate, or check that the samples "
        "are not blank"
    )


def _finite(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _ignore(_: dict) -> None:
    pass


AUTOENCODER_PASSES = 3000
"""Feature maps the feature autoencoder is shown in all (epochs x training images), within 5 to 60 epochs: its
fit then takes about as long for a thousand samples as for a hundred."""


def autoencoder_epochs(training_images: int) -> int:
    return int(min(60, max(5, math.ceil(AUTOENCODER_PASSES / max(training_images, 1)))))


def _train_pixel_network(
    config: TrainingConfig, x_train: np.ndarray, x_held: np.ndarray, report: ProgressCallback,
    cancel: threading.Event,
) -> tuple[keras.Model, dict]:  # fmt: skip
    """Train a pixel network for its epochs; returns it with the ``training`` block of the bundle's metadata."""
    keras.utils.set_random_seed(config.seed)
    model = get_architecture(config.architecture).build(config.size)
    start_at_mean_image(model, x_train)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=config.learning_rate), loss="mse")
    callback = _ProgressCallback(config.epochs, report, cancel)
    started = time.monotonic()
    if config.repair:  # blemished inputs, clean targets, batched by the data set itself
        data = {"x": RepairBatches(x_train, config.batch_size, seed=config.seed)}
    else:
        data = {"x": x_train, "y": x_train, "batch_size": config.batch_size, "shuffle": True}
    model.fit(**data, epochs=config.epochs, validation_data=(x_held, x_held), callbacks=[callback], verbose=0)
    if cancel.is_set():
        raise TrainingCancelled("training cancelled; no model was written")
    seconds = time.monotonic() - started
    last = callback.history[-1] if callback.history else {}
    if last.get("loss") is None:
        raise TrainingFailed("training diverged (the loss is not a finite number); try a lower --learning-rate")
    return model, {
        "epochs": config.epochs,
        "epochs_completed": len(callback.history),
        "batch_size": config.batch_size,
        "learning_rate": config.learning_rate,
        "loss": "mse",
        "objective": "repair synthetic blemishes" if config.repair else "copy",
        "final_loss": last.get("loss"),
        "final_val_loss": last.get("val_loss"),
        "seconds": round(seconds, 1),
        "seed": config.seed,
    }


def _export(model, size: int, folder: Path, report: Callable[[dict], None]) -> None:
    """The LiteRT export of a feature model, into its bundle before the bundle takes its place. A model the
    converter refuses is still saved (it runs with TensorFlow), with a warning."""
    from cookie_inspector.core.model.litert import export_model

    report({"event": "exporting", "runtime": "litert"})
    try:
        export_model(model, size, folder)
    except BundleError as exc:
        report({"event": "warning", "file": "model.tflite", "message": f"{exc}; the model runs with TensorFlow"})


def train(
    samples_dir: Path,
    out_dir: Path,
    config: TrainingConfig | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ModelBundle:
    """Train, calibrate and save a model bundle from the good images in ``samples_dir``.

    Raises ``NotEnoughSamplesError`` (with how many more are needed), ``TrainingCancelled`` when ``cancel`` is
    set (nothing is written then), and ``BundleError`` when ``out_dir`` cannot take a bundle.
    """
    config = (config or TrainingConfig()).resolved()
    report = progress or _ignore
    cancel = cancel or threading.Event()
    samples_dir = resolve_samples_dir(samples_dir)

    samples = load_samples(samples_dir, config.size, config.roi, config.framing)
    for path, reason in samples.skipped:
        report({"event": "skipped", "file": str(path), "reason": reason})
    for path, message in samples.warnings:
        report({"event": "warning", "file": str(path), "message": message})
    usable = len(samples.paths)
    if usable < MIN_SAMPLES:
        raise NotEnoughSamplesError(
            f"{samples_dir}: {usable} usable good image(s), at least {MIN_SAMPLES} are needed: "
            f"add {MIN_SAMPLES - usable} more"
        )
    arch = get_architecture(config.architecture)
    if arch.head == "auto" and config.folds < 2:
        raise ValueError(f"{arch.name} chooses the model on out-of-fold scores: it needs 2 or more folds, not "
                         f"{config.folds}")  # fmt: skip
    out_of_fold = arch.family == "features" and arch.head in OOF_HEADS and config.folds >= 2
    if out_of_fold:  # every sample trains the model and, out of fold, calibrates it
        train_idx, held_idx = np.arange(usable), np.zeros(0, np.int64)
    else:
        train_idx, held_idx = split_held_out(usable, config.holdout_fraction, config.seed)
    x_train, x_held = samples.images[train_idx], samples.images[held_idx]
    if config.epochs is None:
        config.epochs = autoencoder_epochs(len(train_idx))
    report(
        {
            "event": "start",
            "architecture": config.architecture,
            "family": arch.family,
            "samples": usable,
            "training": len(train_idx),
            "held_out": len(held_idx),
            "folds": config.folds if out_of_fold else 0,
            "skipped": len(samples.skipped),
            "epochs": config.epochs,
            "batch_size": config.batch_size,
        }
    )

    if arch.family == "features":
        model, training_meta = fit_feature_model(
            arch, config.size, x_train, x_held, epochs=config.epochs, batch_size=config.batch_size,
            learning_rate=config.learning_rate, seed=config.seed, report=report, cancel=cancel,
            spec=config.features, pretrained=config.pretrained, coreset=config.coreset,
            folds=config.folds if out_of_fold else 0, false_alarm_rate=config.false_alarm_rate,
            warn_rate=config.warn_rate,
        )  # fmt: skip
        seconds = training_meta["seconds"]
        scoring = ScoringParams.for_size(config.size, FEATURE_DISTANCE)
    else:
        model, training_meta = _train_pixel_network(config, x_train, x_held, report, cancel)
        seconds = training_meta["seconds"]
        scoring = ScoringParams.for_size(config.size)

    scorer = Inspector.uncalibrated(model, scoring, config.architecture)
    oof = np.asarray(training_meta.pop("oof_scores", []), np.float64)
    if oof.size:
        calibration_idx = train_idx[np.isfinite(oof)]
        calibration_scores = oof[np.isfinite(oof)]
        report({"event": "calibrating", "held_out": len(calibration_idx), "folds": training_meta.get("folds")})
        # the shipped model's own scores of a few samples: the activation check loads the bundle and must find them
        reference_idx = calibration_idx[:REFERENCE_SAMPLES]
        reference_scores = scorer.model_scores(samples.images[reference_idx])
    else:
        calibration_idx = held_idx
        report({"event": "calibrating", "held_out": len(held_idx)})
        held_reconstructions, _, calibration_scores = scorer.score_images(x_held)
        reference_idx, reference_scores = np.zeros(0, np.int64), np.zeros(0)
        if held_reconstructions is not None:
            steps = TrainingSteps(len(train_idx), int(training_meta["epochs_completed"]), int(config.batch_size),
                                  config.architecture)  # fmt: skip
            check_not_collapsed(x_held, held_reconstructions, steps)
    if not np.all(np.isfinite(calibration_scores)) or not np.all(np.isfinite(reference_scores)):
        raise TrainingFailed("fitting failed: the model's scores of the good samples are not finite numbers")
    calibration = calibrate(calibration_scores, config.false_alarm_rate, config.warn_rate)
    # the outline check may add half the false-alarm budget again (the model keeps its own calibration)
    outline_check = calibrate_outline(samples.images[calibration_idx], config.false_alarm_rate / 2,
                                      config.warn_rate / 2)  # fmt: skip
    calibration_block = calibration.to_dict(
        f"out-of-fold scores of every sample ({training_meta.get('folds')} folds)" if oof.size else None
    )
    if oof.size:
        calibration_block["folds"] = training_meta.get("folds")
    calibration_block["scores"] = [round(float(v), 7) for v in calibration_scores]
    calibration_block["reference"] = {"files": [samples.paths[i].name for i in reference_idx],
                                      "scores": [float(v) for v in reference_scores]}  # fmt: skip

    meta = {
        "product": config.product.strip(),
        "architecture": config.architecture,
        "parameters": int(model.count_params()),
        "input_shape": [config.size, config.size, 3],
        "threshold": calibration.threshold,
        "warn_threshold": calibration.warn_threshold,
        "score_stats": calibration.stats,
        "scoring": scoring.to_dict(),
        "preprocessing": {
            "roi": config.roi.as_list() if config.roi else None,
            "region": "full",
            "framing": samples.framing,
            "resize": "area",
            "color": samples.color,
            "range": [0.0, 1.0],
        },
        "trained_on": {
            "samples": usable,
            "training": int(len(train_idx)),
            "held_out": int(len(calibration_idx)),
            "skipped": len(samples.skipped),
            "digest": samples.digest,
            "image_size": samples.image_size,
            "shapes_vary": samples.shapes_vary,
            "folder": str(samples_dir.resolve()),
            "held_out_files": [samples.paths[i].name for i in calibration_idx],
            "left_out_files": [samples.paths[train_idx[i]].name for i in training_meta.get("left_out", [])],
        },
        "training": training_meta,
        "calibration": calibration_block,
        "outline": outline_check,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": library_versions(),
    }
    finish = None
    if arch.family == "features" and config.export:

        def finish(folder: Path) -> None:
            _export(model, config.size, folder, report)

    path = save_bundle(model, meta, out_dir, finish=finish)
    bundle = ModelBundle(path=path, model=model, meta={**meta})
    report(
        {
            "event": "done",
            "model": str(path),
            "threshold": calibration.threshold,
            "warn_threshold": calibration.warn_threshold,
            "seconds": round(seconds, 1),
        }
    )
    return bundle
