"""Synthetic anomalies for repair training: the model sees a good image with something wrong pasted on it and must
give back the clean image.

A plain autoencoder that is good enough to rebuild the random details of good parts (the chocolate chips, the
grain) is also good enough to rebuild a defect, so the defect leaves little error. Trained to *remove* arbitrary
blemishes, the network learns what belongs on a good part and paints over what does not: at inspection the defect
is repaired in the reconstruction and stands out in the error map. The blemishes are generic (blobs and strokes
filled with random colours, shifted copies of the image itself, darkening and brightening); they are not drawn from
any defect catalogue, so the model learns "not normal", not a list of defects.
"""

from __future__ import annotations

import cv2
import numpy as np

from cookie_inspector.core.model.tf_setup import keras
from cookie_inspector.core.noise import smooth_noise


def _blob_mask(rng: np.random.Generator, size: int) -> np.ndarray:
    """An irregular patch somewhere in the image, from a few pixels to over half the side across."""
    radius = size * float(np.exp(rng.uniform(np.log(0.02), np.log(0.3))))
    cy, cx = rng.uniform(0, size, 2)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    stretch = rng.uniform(0.4, 1.0)
    dx, dy = xx - cx, yy - cy
    u = (dx * np.cos(angle) + dy * np.sin(angle)) / radius
    v = (-dx * np.sin(angle) + dy * np.cos(angle)) / (radius * stretch)
    wobble = 0.35 * smooth_noise(rng, (size, size), max(radius * 0.6, 2.0))
    return (np.sqrt(u * u + v * v) + wobble < 1.0).astype(np.float32)


def _stroke_mask(rng: np.random.Generator, size: int) -> np.ndarray:
    """A thin wandering line."""
    canvas = np.zeros((size, size), np.uint8)
    x, y = rng.uniform(0, size, 2)
    heading = rng.uniform(0, 2 * np.pi)
    step = size * 0.02
    points = [(x, y)]
    for _ in range(int(rng.integers(5, 30))):
        heading += rng.normal(0, 0.4)
        x, y = x + step * np.cos(heading), y + step * np.sin(heading)
        points.append((x, y))
    width = max(1, int(round(size / 300 * rng.uniform(1, 4))))
    cv2.polylines(canvas, [np.round(np.array(points) * 16).astype(np.int32)], False, 1, width, cv2.LINE_AA, shift=4)
    return canvas.astype(np.float32)


def _cut_mask(rng: np.random.Generator, size: int) -> np.ndarray:
    """Everything beyond a ragged line across the middle part of the image."""
    angle = rng.uniform(0, 2 * np.pi)
    offset = size * rng.uniform(0.05, 0.35)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - size / 2
    along = xx * np.cos(angle) + yy * np.sin(angle)
    ragged = size * 0.02 * smooth_noise(rng, (size, size), size * 0.05)
    return (along + ragged > offset).astype(np.float32)


def corrupt(image: np.ndarray, rng: np.random.Generator, max_blemishes: int = 3) -> np.ndarray:
    """``image`` (H x W x 3 float in [0, 1], square) with 1 to ``max_blemishes`` random blemishes painted on."""
    size = image.shape[0]
    out = image.copy()
    for _ in range(int(rng.integers(1, max_blemishes + 1))):
        shape = rng.random()
        if shape < 0.25:
            mask = _stroke_mask(rng, size)
        elif shape < 0.4:
            mask = _cut_mask(rng, size)
        else:
            mask = _blob_mask(rng, size)
        if not mask.any():
            continue
        mask = cv2.GaussianBlur(mask, (0, 0), max(0.5, size / 300))
        kind = rng.integers(4)
        if kind == 0:  # a foreign colour
            fill = np.broadcast_to(rng.uniform(0, 1, 3).astype(np.float32), out.shape)
        elif kind == 1:  # a piece of the image from elsewhere (a missing piece shows the background, say)
            shift = rng.integers(-size // 2, size // 2, 2)
            fill = np.roll(out, tuple(int(s) for s in shift), axis=(0, 1))
        elif kind == 2:  # darker or lighter
            factor = rng.uniform(0.15, 0.6) if rng.random() < 0.6 else rng.uniform(1.3, 2.0)
            fill = np.clip(out * np.float32(factor), 0, 1)
        else:  # a mottled texture
            base = rng.uniform(0, 1, 3).astype(np.float32)
            texture = smooth_noise(rng, (size, size), rng.uniform(2, 12))[..., None] * np.float32(
                rng.uniform(0.05, 0.3)
            )
            fill = np.clip(base + texture, 0, 1)
        opacity = np.float32(rng.uniform(0.5, 1.0))
        m = (mask * opacity)[..., None]
        out = out * (1 - m) + fill * m
    return out.astype(np.float32)


class RepairBatches(keras.utils.PyDataset):
    """Training batches of (blemished image, clean image); a share of the images is left clean."""

    def __init__(self, images: np.ndarray, batch_size: int, seed: int, clean_share: float = 0.25) -> None:
        super().__init__()
        self.images = images
        self.batch_size = batch_size
        self.clean_share = clean_share
        self._rng = np.random.default_rng(seed)
        self._order = self._rng.permutation(len(images))

    def __len__(self) -> int:
        return int(np.ceil(len(self.images) / self.batch_size))

    def __getitem__(self, index: int):
        chosen = self._order[index * self.batch_size : (index + 1) * self.batch_size]
        clean = self.images[chosen]
        noisy = np.stack([img if self._rng.random() < self.clean_share else corrupt(img, self._rng) for img in clean])
        return noisy, clean

    def on_epoch_end(self) -> None:
        self._order = self._rng.permutation(len(self.images))
