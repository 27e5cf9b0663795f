"""Fitting a feature model: the backbone's features of the good samples, a head fitted on them, one Keras model.

The backbone is frozen, so "training" is one pass of the samples through it and a fit of the head: seconds for
the Gaussian and the memory, a short training of a small network for the autoencoder. Progress goes out as
``features`` events (images done), ``fitting`` events (the head's steps) and, for the autoencoder, ``epoch`` events
as for the pixel networks; a set ``cancel`` event stops within one batch or step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from cookie_inspector.core.errors import TrainingCancelled
from cookie_inspector.core.model import heads
from cookie_inspector.core.model.architectures import Architecture
from cookie_inspector.core.model.features import FeatureSpec, build_feature_extractor
from cookie_inspector.core.model.tf_setup import keras, tf

layers = keras.layers

EXTRACT_BATCH = 8


def extract_features(
    extractor: keras.Model, images: np.ndarray, report: Callable[[dict], None], cancel: threading.Event,
    done_before: int = 0, total: int | None = None,
) -> np.ndarray:  # fmt: skip
    """The feature maps of ``images``, a batch at a time, reporting progress and stopping when cancelled."""
    size = int(extractor.input_shape[1])
    forward = tf.function(lambda x: extractor(x, training=False), autograph=False,
                          input_signature=[tf.TensorSpec((None, size, size, 3), tf.float32)])  # fmt: skip
    total = total if total is not None else len(images)
    out = []
    for start in range(0, len(images), EXTRACT_BATCH):
        if cancel.is_set():
            raise TrainingCancelled("training cancelled; no model was written")
        out.append(forward(tf.constant(images[start : start + EXTRACT_BATCH])).numpy())
        report({"event": "features", "done": done_before + min(start + EXTRACT_BATCH, len(images)), "total": total})
    return np.concatenate(out) if out else np.zeros((0, *extractor.output_shape[1:]), np.float32)


def _head_scores(head: str, fitted: dict, features):
    """The (N, H, W) position scores of one fitted head on a feature tensor."""
    if head == "gaussian":
        layer = heads.PositionGaussian(fitted["channels"], name="gaussian")
        scores = layer(features)
        layer.set_weights(fitted["weights"])
        return scores
    if head == "memory":
        layer = heads.NearestPatch(len(fitted["weights"][0]), name="memory")
        scores = layer(features)
        layer.set_weights(fitted["weights"])
        return scores
    if head == "autoencoder":
        standardize = heads.Standardize(name="standardize")
        z = standardize(features)
        standardize.set_weights(fitted["stats"])
        return heads.ReconstructionError(name="ae_error")([z, heads.apply(fitted["stack"], z)])
    raise ValueError(f"unknown head {head!r}")


def _ensemble_scores(fitted: dict, features):
    """The mean of the member heads' scores, each in units of its spread over the held-out good positions."""
    parts = []
    for head in heads.ENSEMBLE:
        mean, std = fitted["norm"][head]
        scores = _head_scores(head, fitted[head], features)
        parts.append(layers.Rescaling(1.0 / std, offset=-mean / std, name=f"{head}_in_spreads")(scores))
    return layers.Average(name="ensemble")(parts)


def _position_scores(head: str, fitted: dict, features: np.ndarray) -> np.ndarray:
    """Run one fitted head on feature arrays (for the ensemble's normalisation)."""
    inputs = keras.Input(shape=features.shape[1:])
    model = keras.Model(inputs, _head_scores(head, fitted, inputs))
    return model.predict(features, batch_size=EXTRACT_BATCH, verbose=0)


def compose(extractor: keras.Model, arch: Architecture, fitted: dict, size: int) -> keras.Model:
    """image -> anomaly map (size x size x 1): the extractor, the fitted head, the map upsampled onto the image."""
    features = extractor.output
    grid = int(features.shape[1])
    scores = _ensemble_scores(fitted, features) if arch.head == "ensemble" else _head_scores(arch.head, fitted,
                                                                                              features)  # fmt: skip
    x = layers.Reshape((grid, grid, 1), name="position_scores")(scores)
    x = layers.Resizing(size, size, interpolation="bilinear", name="anomaly_map")(x)
    return keras.Model(extractor.input, x, name=arch.name)


def fit_feature_model(
    arch: Architecture, size: int, x_train: np.ndarray, x_held: np.ndarray, *, epochs: int, batch_size: int,
    learning_rate: float, seed: int, report: Callable[[dict], None], cancel: threading.Event,
    spec: FeatureSpec | None = None, pretrained: bool = True, coreset: bool = True,
) -> tuple[keras.Model, dict]:  # fmt: skip
    """The fitted model and what to record of the fit (``training`` block of the bundle's metadata).

    ``pretrained=False`` (random backbone weights) and ``coreset=False`` (a random memory) are ablations only."""
    spec = spec or arch.features
    started = time.monotonic()
    if not pretrained:
        keras.utils.set_random_seed(seed)
    extractor = build_feature_extractor(size, spec, pretrained=pretrained)
    total = len(x_train) + len(x_held)
    f_train = extract_features(extractor, x_train, report, cancel, 0, total)
    f_held = extract_features(extractor, x_held, report, cancel, len(x_train), total)
    extracted = time.monotonic() - started
    fitted: dict = {}
    info: dict = {"head": arch.head, "features": {**spec.to_dict(), "weights": "imagenet" if pretrained else "random"},
                  "feature_seconds": round(extracted, 1)}  # fmt: skip
    members = heads.ENSEMBLE if arch.head == "ensemble" else (arch.head,)
    for head in members:
        target = fitted.setdefault(head, {}) if arch.head == "ensemble" else fitted
        if head == "gaussian":
            report({"event": "fitting", "head": "gaussian", "step": 0, "steps": 1})
            target["channels"], target["weights"] = heads.fit_gaussian(f_train, seed)
            info["channels"] = len(target["channels"])
        elif head == "memory":
            target["weights"] = heads.fit_memory(f_train, seed, report, cancel, coreset=coreset)
            info["memory"] = len(target["weights"][0])
            info["memory_selection"] = "greedy coreset" if coreset else "random subsample"
        elif head == "autoencoder":
            target["stats"] = heads.standardisation(f_train)
            target["stack"] = heads.autoencoder_layers(int(f_train.shape[-1]))
            history = heads.fit_autoencoder(
                f_train, f_held, target["stack"], target["stats"], epochs, batch_size, learning_rate, seed,
                lambda entry: _epoch_event(entry, started, report, cancel), cancel,
            )  # fmt: skip
            info.update(epochs=epochs, epochs_completed=len(history), batch_size=batch_size,
                        learning_rate=learning_rate, loss="mse",
                        final_loss=history[-1]["loss"] if history else None,
                        final_val_loss=history[-1]["val_loss"] if history else None)  # fmt: skip
    if arch.head == "ensemble":
        fitted["norm"] = {}
        for head in members:
            scores = _position_scores(head, fitted[head], f_held)
            fitted["norm"][head] = (float(scores.mean()), float(scores.std()) + 1e-6)
        info["normalisation"] = {head: list(v) for head, v in fitted["norm"].items()}
    if cancel.is_set():
        raise TrainingCancelled("training cancelled; no model was written")
    model = compose(extractor, arch, fitted, size)
    info["seconds"] = round(time.monotonic() - started, 1)
    info["seed"] = seed
    return model, info


def _epoch_event(entry: dict, started: float, report: Callable[[dict], None], cancel: threading.Event) -> None:
    if cancel.is_set():
        return
    elapsed = time.monotonic() - started
    done, epochs = entry["epoch"], entry["epochs"]
    eta = elapsed / done * (epochs - done)
    report({"event": "epoch", **entry, "elapsed_s": round(elapsed, 2), "eta_s": round(eta, 1)})
