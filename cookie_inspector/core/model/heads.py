"""Heads that learn good patches from the backbone's feature maps and score every position of a new one.

Three heads, each fitted on the feature maps of good samples only:

- ``autoencoder``: a small convolutional autoencoder rebuilds the (standardised) feature map through a narrow
  bottleneck; a position's score is how badly it was rebuilt. The mission's autoencoder, in feature space.
- ``gaussian``: a mean and a covariance of the features at every grid position (on a random subset of the
  channels); a position's score is its Mahalanobis distance from the good parts' distribution there.
- ``memory``: a memory of good patches, thinned by a greedy coreset so that it covers their variety with few
  entries; a position's score is its distance to the nearest remembered patch.
- ``ensemble``: the Gaussian and the memory together, each score in units of its own spread on held-out good
  samples, in a weighted sum.
- ``auto``: the Gaussian (its covariance shrunk, so it holds from 20 samples), the memory or a weighted sum of both,
  optionally each position in units of its own spread over good samples: whichever
  :mod:`cookie_inspector.core.model.choice` finds best for the product.

Each head is Keras layers, so a fitted model is one Keras model (image -> anomaly map) saved in the bundle like
any other; the custom layers here are registered for Keras' safe loading.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from cookie_inspector.core.errors import TrainingCancelled
from cookie_inspector.core.model.tf_setup import keras

layers = keras.layers
ops = keras.ops

HEADS = ("autoencoder", "gaussian", "memory", "ensemble", "auto")
ENSEMBLE = {"gaussian": 0.4, "memory": 0.6}
"""The heads the ``ensemble`` adds up, with their weights, each in units of its spread over the held-out good
samples' positions. The memory weighs more: its maps follow a defect's outline more closely (pixel AUROC), the
Gaussian's ranks whole images better."""
ENSEMBLE_POOLS = {"memory": 1}
"""The ensemble's memory remembers patches without the 3 x 3 average: a speck a few pixels wide (a foreign flake on
a cookie) then stands out, while the Gaussian on averaged features keeps the broad view."""

GAUSSIAN_DIMS = 96
"""Channels the Gaussian head models (a random subset, as the covariance of all of them is large and slow)."""
GAUSSIAN_EPSILON = 0.01
"""Added to each covariance's diagonal: with a hundred samples a covariance is otherwise close to singular."""

MEMORY_SIZE = 2000
"""Most patches the memory head keeps (distance work per frame grows with it)."""
MEMORY_SHARE = 0.1
"""Share of all training patches the coreset keeps, up to :data:`MEMORY_SIZE`."""
CORESET_DIMS = 64
"""The coreset is chosen in a random projection to this many dimensions (it only needs distances roughly right)."""
CORESET_BLOCK = 2**26
"""Distances taken in one matrix product when patches are chosen already (patches x those chosen): 256 MB at most."""

Progress = Callable[[dict], None]


@keras.saving.register_keras_serializable(package="cookie_inspector")
class Standardize(layers.Layer):
    """(x - mean) / std per channel, with the statistics of the training features."""

    def build(self, input_shape):
        channels = int(input_shape[-1])
        self.mean = self.add_weight(shape=(channels,), initializer="zeros", trainable=False, name="mean")
        self.scale = self.add_weight(shape=(channels,), initializer="ones", trainable=False, name="scale")

    def call(self, x):
        return (x - self.mean) * self.scale


@keras.saving.register_keras_serializable(package="cookie_inspector")
class ReconstructionError(layers.Layer):
    """The mean squared difference over channels of two feature maps: (N, H, W, C) x 2 -> (N, H, W)."""

    def call(self, inputs):
        target, rebuilt = inputs
        return ops.mean(ops.square(target - rebuilt), axis=-1)


@keras.saving.register_keras_serializable(package="cookie_inspector")
class PositionGaussian(layers.Layer):
    """Mahalanobis distance of each position's features from that position's Gaussian: (N, H, W, C) -> (N, H, W).

    The precision matrix is stored as its Cholesky factor ``L`` (precision = L L^T), so the distance is the length
    of ``(x - mean) L``.
    """

    def __init__(self, channels: list[int], **kwargs):
        super().__init__(**kwargs)
        self.channels = [int(c) for c in channels]

    def build(self, input_shape):
        h, w, d = int(input_shape[1]), int(input_shape[2]), len(self.channels)
        self.mean = self.add_weight(shape=(h, w, d), initializer="zeros", trainable=False, name="mean")
        # half precision halves the bundle (the factor is most of it); the distance is computed in float32
        self.factor = self.add_weight(shape=(h, w, d, d), initializer="zeros", trainable=False, name="factor",
                                      dtype="float16")  # fmt: skip

    def call(self, x):
        x = ops.take(x, np.asarray(self.channels, np.int32), axis=-1)
        y = ops.einsum("bhwc,hwcd->bhwd", x - self.mean, ops.cast(self.factor, x.dtype))
        return ops.sqrt(ops.sum(ops.square(y), axis=-1) + 1e-12)

    def get_config(self):
        return {**super().get_config(), "channels": self.channels}


@keras.saving.register_keras_serializable(package="cookie_inspector")
class NearestPatch(layers.Layer):
    """Euclidean distance of each position's features to the nearest patch in memory: (N, H, W, C) -> (N, H, W)."""

    def __init__(self, memory_size: int, **kwargs):
        super().__init__(**kwargs)
        self.memory_size = int(memory_size)

    def build(self, input_shape):
        channels = int(input_shape[-1])
        self.memory = self.add_weight(shape=(self.memory_size, channels), initializer="zeros", trainable=False,
                                      name="memory")  # fmt: skip
        self.memory_sq = self.add_weight(shape=(self.memory_size,), initializer="zeros", trainable=False,
                                         name="memory_sq")  # fmt: skip

    def call(self, x):
        shape = ops.shape(x)
        flat = ops.reshape(x, (-1, shape[-1]))
        d2 = ops.sum(ops.square(flat), axis=1, keepdims=True) - 2.0 * ops.matmul(flat, ops.transpose(self.memory))
        nearest = ops.min(d2 + self.memory_sq[None, :], axis=1)
        return ops.reshape(ops.sqrt(ops.maximum(nearest, 0.0) + 1e-12), (shape[0], shape[1], shape[2]))

    def get_config(self):
        return {**super().get_config(), "memory_size": self.memory_size}


@keras.saving.register_keras_serializable(package="cookie_inspector")
class PositionStandardize(layers.Layer):
    """Each position's score in units of its own spread over good samples: (N, H, W) -> (N, H, W), as
    ``(x - mean) * scale`` with a mean and a scale per position."""

    def build(self, input_shape):
        h, w = int(input_shape[1]), int(input_shape[2])
        self.mean = self.add_weight(shape=(h, w), initializer="zeros", trainable=False, name="mean")
        self.scale = self.add_weight(shape=(h, w), initializer="ones", trainable=False, name="scale")

    def call(self, x):
        return (x - self.mean) * self.scale


def gaussian_distances(fitted: dict, features: np.ndarray) -> np.ndarray:
    """What :class:`PositionGaussian` computes, in numpy: (N, H, W, C) -> (N, H, W)."""
    mean, factor = fitted["weights"]
    x = features[..., fitted["channels"]].astype(np.float32) - mean
    y = np.einsum("bhwc,hwcd->bhwd", x, factor.astype(np.float32), optimize=True)
    return np.sqrt(np.einsum("bhwd,bhwd->bhw", y, y) + 1e-12)


def memory_distances(fitted: dict, features: np.ndarray, batch: int = 4096) -> np.ndarray:
    """What :class:`NearestPatch` computes, in numpy: (N, H, W, C) -> (N, H, W)."""
    memory, memory_sq = fitted["weights"]
    flat = features.reshape(-1, features.shape[-1]).astype(np.float32)
    out = np.empty(len(flat), np.float32)
    for start in range(0, len(flat), batch):
        block = flat[start : start + batch]
        d2 = np.einsum("ij,ij->i", block, block)[:, None] - 2.0 * (block @ memory.T) + memory_sq[None, :]
        out[start : start + batch] = np.sqrt(np.maximum(d2.min(axis=1), 0.0) + 1e-12)
    return out.reshape(features.shape[:3])


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise TrainingCancelled("training cancelled; no model was written")


# ---- Gaussian -------------------------------------------------------------------------------------------------


def fit_gaussian(features: np.ndarray, seed: int = 0, dims: int = GAUSSIAN_DIMS,
                 shrink: bool = False) -> tuple[list[int], list]:  # fmt: skip
    """(channels, [mean, factor]) of the per-position Gaussian of ``features`` (N, H, W, C).

    ``shrink``: each position's covariance shrunk towards a multiple of the identity by the Ledoit-Wolf amount,
    which holds with fewer samples than channels (20 samples, 96 channels), where the plain covariance with a small
    ridge calls every direction the samples did not span a defect."""
    n, h, w, c = features.shape
    rng = np.random.default_rng(seed)
    channels = sorted(rng.choice(c, size=min(dims, c), replace=False).tolist())
    x = features[..., channels].astype(np.float64)
    mean = x.mean(axis=0)
    centred = x - mean
    d = len(channels)
    per_position = np.ascontiguousarray(centred.reshape(n, h * w, d).transpose(1, 2, 0))  # (HW, d, N)
    scatter = np.matmul(per_position, per_position.transpose(0, 2, 1)).reshape(h, w, d, d)  # batched BLAS
    if shrink:
        cov = scatter / max(n, 1)
        mu = np.trace(cov, axis1=-2, axis2=-1) / d
        frobenius = np.einsum("hwcd,hwcd->hw", cov, cov)
        delta = np.maximum(frobenius - mu * mu * d, 1e-12)
        fourth = np.square(np.einsum("nhwc,nhwc->nhw", centred, centred)).sum(axis=0)
        beta = np.maximum(fourth - n * frobenius, 0.0) / max(n, 1) ** 2
        amount = np.clip(beta / delta, 0.0, 1.0)[..., None, None]
        cov = (1 - amount) * cov + amount * mu[..., None, None] * np.eye(d)
        cov += 1e-6 * np.maximum(mu, 1e-6)[..., None, None] * np.eye(d)
    else:
        cov = scatter / max(n - 1, 1)
        cov += GAUSSIAN_EPSILON * np.eye(d)
    precision = np.linalg.inv(cov)
    precision = (precision + np.swapaxes(precision, -1, -2)) / 2
    factor = np.linalg.cholesky(precision)
    return channels, [mean.astype(np.float32), factor.astype(np.float16)]


# ---- memory (coreset) -----------------------------------------------------------------------------------------


def greedy_coreset(
    patches: np.ndarray, count: int, seed: int = 0, progress: Progress | None = None,
    cancel: threading.Event | None = None, start: np.ndarray | None = None, exclude: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """Indices of ``count`` patches chosen farthest-first: each new one is the patch farthest from those chosen.

    Distances are taken in a random projection to :data:`CORESET_DIMS` dimensions, which keeps them nearly the
    same at a fraction of the work. ``start``: indices chosen already (they come first, the rest is chosen
    farthest from them and each other); ``exclude``: indices never chosen (a fold's own patches).
    """
    total = len(patches)
    if count >= total and exclude is None:
        return np.arange(total)
    rng = np.random.default_rng(seed)
    dims = patches.shape[1]
    if dims > CORESET_DIMS:
        projection = rng.standard_normal((dims, CORESET_DIMS)).astype(np.float32) / np.sqrt(CORESET_DIMS)
        points = (patches @ projection).astype(np.float32)
    else:
        points = patches.astype(np.float32)
    norms = np.einsum("ij,ij->i", points, points)
    nearest = np.full(total, np.inf, np.float32)
    if exclude is not None:
        nearest[exclude] = -np.inf  # never the farthest
    if exclude is not None:
        count = min(count, total - len(np.unique(exclude)))
    chosen = np.empty(count, np.int64)
    begin = 0
    if start is not None and len(start):
        begin = min(len(start), count)
        chosen[:begin] = start[:begin]
        width = max(16, CORESET_BLOCK // total)
        for block in range(0, begin, width):  # their distances to every patch, a block at a time
            centres = points[chosen[block : min(begin, block + width)]]
            products = points @ (-2.0 * centres.T)  # |p - c|^2 - |p|^2, in place: the block is large
            products += np.einsum("ij,ij->i", centres, centres)[None]
            np.minimum(nearest, products.min(axis=1) + norms, out=nearest)
            _check(cancel)
    distance = np.empty(total, np.float32)
    step = max(1, count // 20)
    for i in range(begin, count):
        if i:
            chosen[i] = int(np.argmax(nearest))
        else:
            chosen[i] = int(rng.integers(total)) if exclude is None else int(np.argmax(nearest))
        centre = points[chosen[i]]
        np.dot(points, -2.0 * centre, out=distance)  # |p - c|^2 = |p|^2 - 2 p.c + |c|^2, as one matrix-vector product
        distance += norms
        distance += norms[chosen[i]]
        np.minimum(nearest, distance, out=nearest)
        if i % step == 0:
            _check(cancel)
            if progress is not None:
                progress({"event": "fitting", "head": "memory", "step": i, "steps": count})
    return chosen


def memory_count(patches: int, size: int = MEMORY_SIZE) -> int:
    """Patches the memory keeps of ``patches``: :data:`MEMORY_SHARE` of them, at most ``size``."""
    return int(min(size, max(1, round(patches * MEMORY_SHARE))))


def fold_memory(patches: np.ndarray, order: np.ndarray, per_sample: int, held: np.ndarray, seed: int = 0,
                size: int = MEMORY_SIZE, cancel: threading.Event | None = None) -> list:  # fmt: skip
    """The memory of a fold without the ``held`` samples, from the greedy order of every sample's patches
    (``order``, :func:`greedy_coreset` with this ``seed``; ``per_sample`` patches a sample, in sample order): the
    other samples' patches among its beginning, then farthest-first among theirs until it holds as many as a memory
    fitted on them alone (the held samples' patches had covered some places: those are filled again). A fraction of
    a greedy pass a fold instead of a whole one."""
    samples = len(patches) // per_sample
    count = memory_count((samples - len(held)) * per_sample, size)
    owners = order[:count] // per_sample
    start = order[:count][~np.isin(owners, held)]
    exclude = (np.asarray(held)[:, None] * per_sample + np.arange(per_sample)[None]).ravel()
    chosen = greedy_coreset(patches, count, seed, None, cancel, start=start, exclude=exclude)
    memory = patches[chosen]
    return [memory, np.sum(np.square(memory), axis=1)]


def fit_memory(
    features: np.ndarray, seed: int = 0, progress: Progress | None = None, cancel: threading.Event | None = None,
    size: int = MEMORY_SIZE, coreset: bool = True, order: np.ndarray | None = None,
) -> list:  # fmt: skip
    """[memory, memory_sq]: the coreset of all patches of ``features`` (N, H, W, C) (``coreset=False``: a random
    subsample of the same size, to measure what the coreset adds). ``order``: :func:`greedy_coreset` of these
    patches with this seed, made already (at least as long as the memory): its beginning is the coreset."""
    patches = features.reshape(-1, features.shape[-1]).astype(np.float32)
    count = memory_count(len(patches), size)
    if coreset and order is not None and len(order) >= count:  # the same greedy choice, made once already
        chosen = order[:count]
    elif coreset:
        chosen = greedy_coreset(patches, count, seed, progress, cancel)
    else:
        chosen = np.random.default_rng(seed).choice(len(patches), size=min(count, len(patches)), replace=False)
    memory = patches[chosen]
    return [memory, np.sum(np.square(memory), axis=1)]


# ---- feature autoencoder --------------------------------------------------------------------------------------


def autoencoder_layers(channels: int, bottleneck: int = 32, width: int = 128) -> list:
    """The feature autoencoder: 1x1 in, 3x3 down to the bottleneck's channels, 3x3 out, 1x1 back to the features."""
    return [
        layers.Conv2D(width, 1, name="ae_in"),
        layers.LeakyReLU(name="ae_in_act"),
        layers.Conv2D(bottleneck, 3, padding="same", name="ae_bottleneck"),
        layers.LeakyReLU(name="ae_bottleneck_act"),
        layers.Conv2D(width, 3, padding="same", name="ae_out"),
        layers.LeakyReLU(name="ae_out_act"),
        layers.Conv2D(channels, 1, name="ae_rebuilt"),
    ]


def apply(stack: list, x):
    for layer in stack:
        x = layer(x)
    return x


def standardisation(features: np.ndarray) -> list:
    """[mean, 1/std] of every channel over all positions of the training features."""
    flat = features.reshape(-1, features.shape[-1])
    return [flat.mean(axis=0).astype(np.float32), (1.0 / (flat.std(axis=0) + 1e-3)).astype(np.float32)]


class _EpochReport(keras.callbacks.Callback):
    def __init__(self, epochs: int, report: Progress, cancel: threading.Event | None) -> None:
        super().__init__()
        self.epochs, self.report, self.cancel = epochs, report, cancel
        self.history: list[dict] = []

    def on_train_batch_end(self, batch, logs=None):
        if self.cancel is not None and self.cancel.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        entry = {"epoch": epoch + 1, "epochs": self.epochs, "loss": float(logs.get("loss", float("nan"))),
                 "val_loss": float(logs["val_loss"]) if "val_loss" in logs else None}  # fmt: skip
        self.history.append(entry)
        self.report(entry)


def fit_autoencoder(
    features: np.ndarray, held: np.ndarray, stack: list, stats: list, epochs: int, batch_size: int,
    learning_rate: float, seed: int, report: Progress, cancel: threading.Event | None,
) -> list[dict]:  # fmt: skip
    """Train ``stack`` to rebuild standardised features (validated on the held-out ones); returns the epochs."""
    mean, scale = stats
    x = (features - mean) * scale
    x_held = (held - mean) * scale
    keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=x.shape[1:])
    model = keras.Model(inputs, apply(stack, inputs))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mse")
    callback = _EpochReport(epochs, report, cancel)
    model.fit(x, x, batch_size=batch_size, epochs=epochs, shuffle=True, validation_data=(x_held, x_held),
              callbacks=[callback], verbose=0)  # fmt: skip
    _check(cancel)
    return callback.history
