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
from cookie_inspector.core.model.calibration import DEFAULT_FALSE_ALARM_RATE, DEFAULT_WARN_RATE
from cookie_inspector.core.model.features import FeatureSpec, build_feature_extractor
from cookie_inspector.core.model.tf_setup import keras, tf

layers = keras.layers

EXTRACT_BATCH = 8


def extract_features(
    extractor: keras.Model, images: np.ndarray, report: Callable[[dict], None], cancel: threading.Event,
    done_before: int = 0, total: int | None = None,
) -> list[np.ndarray]:  # fmt: skip
    """The feature maps of ``images`` (one array per output of the extractor), a batch at a time, reporting
    progress and stopping when cancelled."""
    size = int(extractor.input_shape[1])
    forward = tf.function(lambda x: extractor(x, training=False), autograph=False,
                          input_signature=[tf.TensorSpec((None, size, size, 3), tf.float32)])  # fmt: skip
    total = total if total is not None else len(images)
    outputs = len(extractor.outputs)
    out: list[list[np.ndarray]] = [[] for _ in range(outputs)]
    for start in range(0, len(images), EXTRACT_BATCH):
        if cancel.is_set():
            raise TrainingCancelled("training cancelled; no model was written")
        result = forward(tf.constant(images[start : start + EXTRACT_BATCH]))
        for i, maps in enumerate(result if outputs > 1 else [result]):
            out[i].append(maps.numpy())
        report({"event": "features", "done": done_before + min(start + EXTRACT_BATCH, len(images)), "total": total})
    shapes = [tuple(o.shape[1:]) for o in extractor.outputs]
    return [np.concatenate(o) if o else np.zeros((0, *shape), np.float32) for o, shape in zip(out, shapes, strict=True)]


COMBINED = ("ensemble", "auto")
"""Heads that add up the Gaussian's and the memory's scores (each member fitted under its own name)."""


def member_pools(arch: Architecture, spec: FeatureSpec) -> dict[str, int]:
    """The neighbourhood each head of ``arch`` scores: an ensemble's members their own, a single head the spec's."""
    if arch.head in COMBINED:
        return {head: heads.ENSEMBLE_POOLS.get(head) or spec.pool for head in heads.ENSEMBLE}
    return {arch.head: spec.pool}


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


def _head_distances(head: str, fitted: dict, features: np.ndarray) -> np.ndarray:
    """One fitted head's (N, H, W) position scores, in numpy (the same numbers as its Keras layer)."""
    if head == "gaussian":
        return heads.gaussian_distances(fitted, features)
    return heads.memory_distances(fitted, features)


def _ensemble_scores(fitted: dict, features: dict, weights: dict[str, float] | None = None):
    """The weighted sum of the member heads' scores, each in units of its spread over the held-out good positions;
    ``features`` holds each member's feature tensor. A member of weight 0 is left out (not even fitted)."""
    parts = []
    for head, weight in (weights or heads.ENSEMBLE).items():
        if weight <= 0:
            continue
        mean, std = fitted["norm"][head]
        scores = _head_scores(head, fitted[head], features[head])
        parts.append(layers.Rescaling(weight / std, offset=-weight * mean / std, name=f"{head}_weighted")(scores))
    return parts[0] if len(parts) == 1 else layers.Add(name="ensemble")(parts)


def _anomaly_map(arch: Architecture, fitted: dict, features: dict, grid: int, size: int):
    """The fitted head's position scores of ``features`` (each head's tensor), upsampled onto the image."""
    if arch.head == "ensemble":
        scores = _ensemble_scores(fitted, features)
    elif arch.head == "auto":  # the chosen weights, then each position in units of its own spread if so chosen
        scores = _ensemble_scores(fitted, features, fitted["weights"])
        if fitted.get("position_z") is not None:
            standardize = heads.PositionStandardize(name="position_z")
            scores = standardize(scores)
            standardize.set_weights(fitted["position_z"])
    else:
        scores = _head_scores(arch.head, fitted, features[arch.head])
    x = layers.Reshape((grid, grid, 1), name="position_scores")(scores)
    return layers.Resizing(size, size, interpolation="bilinear", name="anomaly_map")(x)


def compose(extractor: keras.Model, arch: Architecture, fitted: dict, size: int, pools: dict[str, int]) -> keras.Model:
    """image -> anomaly map (size x size x 1): the extractor, the fitted head, the map upsampled onto the image.
    ``pools`` says which of the extractor's outputs (in the order of its distinct values) each head scores."""
    order = list(dict.fromkeys(pools.values()))
    by_pool = dict(zip(order, extractor.outputs, strict=True))
    features = {head: by_pool[pool] for head, pool in pools.items()}
    grid = int(extractor.outputs[0].shape[1])
    return keras.Model(extractor.input, _anomaly_map(arch, fitted, features, grid, size), name=arch.name)


def head_maps(arch: Architecture, fitted: dict, size: int, pools: dict[str, int], maps: dict[int, np.ndarray]
              ) -> np.ndarray:  # fmt: skip
    """The anomaly maps (N, size, size) that :func:`compose`'s model gives for images whose features (per pool) are
    ``maps``: the same layers, fed the features the backbone already gave, so no image goes through it twice."""
    order = list(dict.fromkeys(pools.values()))
    inputs = {pool: keras.Input(shape=maps[pool].shape[1:], name=f"features_{pool}") for pool in order}
    grid = int(maps[order[0]].shape[1])
    model = keras.Model(
        [inputs[pool] for pool in order],
        _anomaly_map(arch, fitted, {head: inputs[pool] for head, pool in pools.items()}, grid, size),
    )
    count = len(maps[order[0]])
    out = [model([maps[pool][i : i + EXTRACT_BATCH] for pool in order], training=False).numpy()
           for i in range(0, count, EXTRACT_BATCH)]  # fmt: skip
    return np.concatenate(out)[..., 0] if out else np.zeros((0, size, size), np.float32)


LEAVE_OUT_Z = 6.5
"""A training image is left out when its most unusual position is this many robust deviations (median absolute
deviation x 1.4826) above the images' median: a defect captured as a good sample, not a good part's spread (good
demo cookies reach 4.2 and two defective ones 9.3 and 11.5 in ``tests/core/model/test_feature_models.py``'s set)."""
LEAVE_OUT_MAX = 0.05
"""At most this share of the training images is left out, the most unusual first."""
LEAVE_OUT_MIN_IMAGES = 40
"""Below this many training images the spread is too uncertain to call one image unlike the rest (with 24 good
demo cookies one of them was)."""
LEAVE_OUT_REFERENCES = 200
"""Each image is compared with at most this many others (a random choice beyond): the cost stays bounded."""


def unlike_the_rest(features: np.ndarray, seed: int = 0) -> list[int]:
    """Indices of the training images whose most unusual position is far outside the others' (see
    :data:`LEAVE_OUT_Z`), worst first, at most :data:`LEAVE_OUT_MAX` of them.

    An image's position is unusual when no *other* image has features like it at the same place: the distance to
    the nearest other image there, the worst over its positions. Leaving the image itself out matters: a Gaussian
    fitted with it (or a memory holding it) finds it ordinary."""
    count, height, width, channels = features.shape
    if count < LEAVE_OUT_MIN_IMAGES:
        return []
    rng = np.random.default_rng(seed)
    references = np.sort(rng.choice(count, size=min(count, LEAVE_OUT_REFERENCES), replace=False))
    x = features.reshape(count, height * width, channels).transpose(1, 0, 2).astype(np.float32)  # (P, N, C)
    worst = np.zeros(count, np.float32)
    for start in range(0, height * width, 64):  # a few positions at a time: (64, N, refs) distances at most
        block = x[start : start + 64]
        refs = block[:, references]
        d2 = (np.einsum("pnc,pnc->pn", block, block)[:, :, None] + np.einsum("pmc,pmc->pm", refs, refs)[:, None, :]
              - 2 * np.einsum("pnc,pmc->pnm", block, refs))  # fmt: skip
        d2[:, references, np.arange(len(references))] = np.inf  # an image is not its own neighbour
        worst = np.maximum(worst, np.sqrt(np.maximum(d2.min(axis=2), 0.0)).max(axis=0))
    median = float(np.median(worst))
    spread = float(np.median(np.abs(worst - median))) * 1.4826 + 1e-9
    robust = (worst - median) / spread
    order = np.argsort(-robust)[: int(count * LEAVE_OUT_MAX)]
    return [int(i) for i in order if robust[i] > LEAVE_OUT_Z]


OOF_HEADS = ("ensemble", "auto", "gaussian", "memory")
"""Heads fitted in one pass: cheap enough to fit once per fold, so every sample gets an out-of-fold score."""
DEFAULT_FOLDS = 5


def fold_indices(count: int, folds: int, seed: int) -> list[np.ndarray]:
    """``folds`` disjoint, nearly equal, seeded random index sets covering ``range(count)``."""
    order = np.random.default_rng(seed).permutation(count)
    return [np.sort(order[f::folds]) for f in range(folds)]


def _fit_heads(arch: Architecture, pools: dict[str, int], train_maps: dict[int, np.ndarray], held_maps,
               info: dict, *, epochs: int, batch_size: int, learning_rate: float, seed: int, report, cancel,
               started: float, coreset: bool = True, only: tuple[str, ...] | None = None,
               memory_order: np.ndarray | None = None) -> dict:  # fmt: skip
    """Each member head (of ``only``, if given) fitted on ``train_maps`` (per pool); the ensemble's normalisation
    is not set here. The ``auto`` head's Gaussian shrinks its covariance (it may see 20 samples). ``memory_order``:
    the memory's greedy order of these samples' patches, made already (:func:`memory_order`)."""
    fitted: dict = {}
    for head, pool in pools.items():
        if only is not None and head not in only:
            continue
        target = fitted.setdefault(head, {}) if arch.head in COMBINED else fitted
        f_train = train_maps[pool]
        if head == "gaussian":
            report({"event": "fitting", "head": "gaussian", "step": 0, "steps": 1})
            target["channels"], target["weights"] = heads.fit_gaussian(f_train, seed, shrink=arch.head == "auto")
            info["channels"] = len(target["channels"])
        elif head == "memory":
            target["weights"] = heads.fit_memory(f_train, seed, report, cancel, coreset=coreset, order=memory_order)
            info["memory"] = len(target["weights"][0])
            info["memory_selection"] = "greedy coreset" if coreset else "random subsample"
        elif head == "autoencoder":
            target["stats"] = heads.standardisation(f_train)
            target["stack"] = heads.autoencoder_layers(int(f_train.shape[-1]))
            history = heads.fit_autoencoder(
                f_train, held_maps[pool], target["stack"], target["stats"], epochs, batch_size, learning_rate, seed,
                lambda entry: _epoch_event(entry, started, report, cancel), cancel,
            )  # fmt: skip
            info.update(epochs=epochs, epochs_completed=len(history), batch_size=batch_size,
                        learning_rate=learning_rate, loss="mse",
                        final_loss=history[-1]["loss"] if history else None,
                        final_val_loss=history[-1]["val_loss"] if history else None)  # fmt: skip
    return fitted


def _normalisation(pools: dict[str, int], fitted_and_maps: list[tuple[dict, dict[int, np.ndarray]]]) -> dict:
    """Each ensemble member's (mean, std) over the position scores of good images it was not fitted on."""
    norm = {}
    for head, pool in pools.items():
        scores = np.concatenate([_head_distances(head, fitted[head], maps[pool]).ravel()
                                 for fitted, maps in fitted_and_maps if len(maps[pool])])  # fmt: skip
        norm[head] = (float(scores.mean()), float(scores.std()) + 1e-6)
    return norm


def fit_feature_model(
    arch: Architecture, size: int, x_train: np.ndarray, x_held: np.ndarray, *, epochs: int, batch_size: int,
    learning_rate: float, seed: int, report: Callable[[dict], None], cancel: threading.Event,
    spec: FeatureSpec | None = None, pretrained: bool = True, coreset: bool = True, leave_out: bool = True,
    folds: int = 0, false_alarm_rate: float = DEFAULT_FALSE_ALARM_RATE, warn_rate: float = DEFAULT_WARN_RATE,
) -> tuple[keras.Model, dict]:  # fmt: skip
    """The fitted model and what to record of the fit (``training`` block of the bundle's metadata).

    ``leave_out``: fit without the training images :func:`unlike_the_rest` finds (their indices in ``x_train`` are
    recorded as ``left_out``).

    ``folds`` (2 or more, heads of :data:`OOF_HEADS` only; ``x_held`` is then empty): every training image gets an
    *out-of-fold* score, from the head fitted on the other folds, and the model is fitted on all of them. Those
    scores (``info["oof_scores"]``, one per image, NaN for the images left out) are what the threshold is
    calibrated on: as many as there are samples, each from a model that never saw that image.

    ``auto`` head: the candidates of :mod:`cookie_inspector.core.model.choice` are judged out of fold on the good
    samples and on test defects made from them (``false_alarm_rate`` and ``warn_rate``: where its estimate is read),
    the best one is fitted on all samples; ``info["choice"]`` records the choice and every candidate's estimate.

    ``pretrained=False`` (random backbone weights) and ``coreset=False`` (a random memory) are ablations only."""
    from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, ScoringParams, feature_maps, scores_from_maps

    spec = spec or arch.features
    started = time.monotonic()
    if not pretrained:
        keras.utils.set_random_seed(seed)
    pools = member_pools(arch, spec)
    order = list(dict.fromkeys(pools.values()))
    extractor = build_feature_extractor(size, spec, pretrained=pretrained, pools=tuple(order))
    total = len(x_train) + len(x_held)
    train_maps = dict(zip(order, extract_features(extractor, x_train, report, cancel, 0, total), strict=True))
    held_maps = dict(zip(order, extract_features(extractor, x_held, report, cancel, len(x_train), total), strict=True))
    extracted = time.monotonic() - started
    info: dict = {"head": arch.head, "features": {**spec.to_dict(), "weights": "imagenet" if pretrained else "random"},
                  "feature_seconds": round(extracted, 1)}  # fmt: skip
    kept = np.arange(len(x_train))
    if leave_out and arch.head in OOF_HEADS:
        # a defect among the good samples would teach the memory that defects are normal: leave out the few
        # images unlike all the others (the window lists them for the operator to look at)
        screen_pool = pools.get("gaussian", order[0])
        left_out = unlike_the_rest(train_maps[screen_pool], seed)
        kept = np.setdiff1d(kept, left_out)
        info["left_out"] = left_out
    fit = {"epochs": epochs, "batch_size": batch_size, "learning_rate": learning_rate, "seed": seed,
           "report": report, "cancel": cancel, "started": started, "coreset": coreset}  # fmt: skip
    use_folds = folds >= 2 and arch.head in OOF_HEADS and len(kept) >= folds
    if arch.head == "auto":
        if not use_folds:
            raise ValueError("the auto head is chosen on out-of-fold scores: it needs folds (2 or more)")
        fitted = _fit_auto(arch, size, pools, extractor, x_train, train_maps, kept, info, fit, folds,
                           false_alarm_rate, warn_rate)  # fmt: skip
        model = compose(extractor, arch, fitted, size, pools)
        info["seconds"] = round(time.monotonic() - started, 1)
        info["seed"] = seed
        return model, info
    oof = np.full(len(x_train), np.nan)
    fold_fits: list[tuple[np.ndarray, dict]] = []
    if use_folds:
        for number, fold in enumerate(fold_indices(len(kept), folds, seed)):
            report({"event": "fold", "fold": number + 1, "folds": folds})
            rest = np.setdiff1d(kept, kept[fold])
            fold_fits.append((kept[fold], _fit_heads(arch, pools, {p: m[rest] for p, m in train_maps.items()}, None,
                                                     {}, **fit)))  # fmt: skip
    fitted = _fit_heads(arch, pools, {p: m[kept] for p, m in train_maps.items()}, held_maps, info, **fit)
    if arch.head == "ensemble":
        if use_folds:
            pairs = [(f, {p: m[idx] for p, m in train_maps.items()}) for idx, f in fold_fits]
        else:
            pairs = [(fitted, held_maps)]
        fitted["norm"] = _normalisation(pools, pairs)
        for _, fold_fitted in fold_fits:
            fold_fitted["norm"] = fitted["norm"]
        info["normalisation"] = {head: list(v) for head, v in fitted["norm"].items()}
        info["weights"] = dict(heads.ENSEMBLE)
        info["pools"] = pools
    if use_folds:
        scoring = ScoringParams.for_size(size, FEATURE_DISTANCE)
        for idx, fold_fitted in fold_fits:
            maps = head_maps(arch, fold_fitted, size, pools, {p: m[idx] for p, m in train_maps.items()})
            oof[idx] = scores_from_maps(feature_maps(maps, scoring))
        info["folds"] = folds
        info["oof_scores"] = [float(v) for v in oof]
    if cancel.is_set():
        raise TrainingCancelled("training cancelled; no model was written")
    model = compose(extractor, arch, fitted, size, pools)
    info["seconds"] = round(time.monotonic() - started, 1)
    info["seed"] = seed
    return model, info


SYNTHETIC_DEFECTS = 70
"""Test defects made from the samples to choose the ``auto`` head and say what it can see (ten of each kind)."""
MOVED_SAMPLES = 40
"""Good samples scored again moved and lit a little differently, as the line shows parts (at most this many)."""


def _memory_patches(pools: dict[str, int], train_maps: dict[int, np.ndarray], kept: np.ndarray
                    ) -> tuple[np.ndarray, int]:  # fmt: skip
    """Every kept sample's patches of the memory's pool, in sample order (P, C), and how many a sample has."""
    features = train_maps[pools["memory"]][kept]
    return features.reshape(-1, features.shape[-1]).astype(np.float32, copy=False), int(np.prod(features.shape[1:3]))


def memory_order(pools: dict[str, int], train_maps: dict[int, np.ndarray], kept: np.ndarray,
                 fit: dict) -> np.ndarray | None:  # fmt: skip
    """The greedy coreset order of every kept sample's patches (the memory's pool): the memory of all of them, and
    where each fold's memory starts from (:func:`heads.fold_memory`). None without a memory head or with a random
    memory."""
    if "memory" not in pools or not fit.get("coreset", True):
        return None
    patches, _ = _memory_patches(pools, train_maps, kept)
    return heads.greedy_coreset(patches, heads.memory_count(len(patches)), fit["seed"], fit["report"], fit["cancel"])


def out_of_fold_distances(arch: Architecture, pools: dict[str, int], train_maps: dict[int, np.ndarray],
                          kept: np.ndarray, extra_maps: dict[int, np.ndarray], bases: np.ndarray, fit: dict,
                          folds: int, order: np.ndarray | None = None,
                          ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:  # fmt: skip
    """Each head's (N, H, W) position scores of the kept samples, each from the heads fitted without its fold, and
    of the extra images (test defects), each from the heads fitted without its good sample (``bases``: indices
    into ``kept``). The memory of each fold comes from one greedy order of all kept samples (``order``, made here
    when not given: :func:`memory_order`), the other heads are fitted a fold at a time."""
    report = fit["report"]
    if order is None:
        order = memory_order(pools, train_maps, kept, fit)
    shared = order is not None and arch.head in COMBINED
    if shared:
        patches, per_sample = _memory_patches(pools, train_maps, kept)
    others = tuple(head for head in pools if not (shared and head == "memory"))
    good = {head: np.zeros((len(kept), *train_maps[pool].shape[1:3]), np.float32) for head, pool in pools.items()}
    extra = {head: np.zeros((len(bases), *extra_maps[pool].shape[1:3]), np.float32) for head, pool in pools.items()}
    for number, fold in enumerate(fold_indices(len(kept), folds, fit["seed"])):
        report({"event": "fold", "fold": number + 1, "folds": folds})
        rest = np.setdiff1d(np.arange(len(kept)), fold)
        fold_fitted = _fit_heads(arch, pools, {p: m[kept[rest]] for p, m in train_maps.items()}, None, {}, **fit,
                                 only=others)  # fmt: skip
        if shared:
            fold_fitted["memory"] = {"weights": heads.fold_memory(patches, order, per_sample, fold, fit["seed"],
                                                                  cancel=fit["cancel"])}  # fmt: skip
        own = np.isin(bases, fold)
        for head, pool in pools.items():
            good[head][fold] = _head_distances(head, fold_fitted[head], train_maps[pool][kept[fold]])
            extra[head][own] = _head_distances(head, fold_fitted[head], extra_maps[pool][own])
    return good, extra


def _fit_auto(arch: Architecture, size: int, pools: dict[str, int], extractor: keras.Model,
              x_train: np.ndarray, train_maps: dict[int, np.ndarray], kept: np.ndarray, info: dict, fit: dict,
              folds: int, false_alarm_rate: float, warn_rate: float) -> dict:  # fmt: skip
    """The ``auto`` head: test defects made from the kept samples, every candidate judged out of fold on them and
    on the samples, the best one fitted on all kept samples. Sets ``info["choice"]`` and ``info["oof_scores"]``."""
    from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, ScoringParams
    from cookie_inspector.core.model.choice import choose
    from cookie_inspector.core.model.synthetic import make_defects, moved

    report, cancel, seed = fit["report"], fit["cancel"], fit["seed"]
    report({"event": "test_defects", "count": SYNTHETIC_DEFECTS})
    defects = make_defects(x_train[kept], SYNTHETIC_DEFECTS, seed)
    rng = np.random.default_rng(seed + 1)
    again = np.sort(rng.choice(len(kept), size=min(len(kept), MOVED_SAMPLES), replace=False))
    images = np.stack([d.image for d in defects] + [moved(x_train[kept[i]], rng) for i in again])
    order = list(dict.fromkeys(pools.values()))
    done = len(x_train)

    def tested(event: dict) -> None:  # the test images' features: said as such, not as samples
        report({**event, "what": "test images"})

    extra_maps = dict(zip(order, extract_features(extractor, images, tested, cancel, done, done + len(images)),
                          strict=True))  # fmt: skip
    bases = np.r_[[d.base for d in defects], again].astype(np.int64)
    order = memory_order(pools, train_maps, kept, fit)
    good, extra = out_of_fold_distances(arch, pools, train_maps, kept, extra_maps, bases, fit, folds, order)
    synthetic = {head: maps[: len(defects)] for head, maps in extra.items()}
    again_maps = {head: maps[len(defects) :] for head, maps in extra.items()}
    if cancel.is_set():
        raise TrainingCancelled("training cancelled; no model was written")
    scoring = ScoringParams.for_size(size, FEATURE_DISTANCE)
    strengths = np.array([d.strength for d in defects])
    choice = choose(good, synthetic, np.array([d.area for d in defects]), [d.kind for d in defects], size,
                    scoring, false_alarm_rate, warn_rate, strengths=strengths, moved=again_maps)  # fmt: skip
    candidate = choice.chosen.candidate
    report({"event": "chosen", "model": candidate.name, "caught": choice.chosen.caught,
            "defects": choice.chosen.defects})  # fmt: skip
    fitted = _fit_heads(arch, pools, {p: m[kept] for p, m in train_maps.items()}, None, info, **fit,
                        only=candidate.heads, memory_order=order)  # fmt: skip
    fitted["norm"] = {head: choice.norm[head] for head in candidate.heads}
    fitted["weights"] = {head: weight for head, weight in candidate.weights if weight > 0}
    fitted["position_z"] = [choice.stats.mean, choice.stats.scale] if choice.stats is not None else None
    oof = np.full(len(x_train), np.nan)
    oof[kept] = choice.good_scores
    info.update(folds=folds, oof_scores=[float(v) for v in oof], pools=pools, choice=choice.to_dict(),
                normalisation={head: list(v) for head, v in fitted["norm"].items()},
                weights=fitted["weights"])  # fmt: skip
    return fitted


def _epoch_event(entry: dict, started: float, report: Callable[[dict], None], cancel: threading.Event) -> None:
    if cancel.is_set():
        return
    elapsed = time.monotonic() - started
    done, epochs = entry["epoch"], entry["epochs"]
    eta = elapsed / done * (epochs - done)
    report({"event": "epoch", **entry, "elapsed_s": round(elapsed, 2), "eta_s": round(eta, 1)})
