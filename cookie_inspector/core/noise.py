"""Smooth random fields for procedural textures and synthetic blemishes: numpy and OpenCV only, deterministic for
a given generator."""

from __future__ import annotations

import cv2
import numpy as np


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], feature_px: float) -> np.ndarray:
    """A float32 field of unit-ish variance whose blobs are about ``feature_px`` pixels across."""
    height, width = shape
    feature_px = max(float(feature_px), 1.0)
    grid_h = max(2, int(np.ceil(height / feature_px)) + 2)
    grid_w = max(2, int(np.ceil(width / feature_px)) + 2)
    grid = rng.standard_normal((grid_h, grid_w)).astype(np.float32)
    if feature_px <= 1.0:
        return grid[:height, :width]
    big = cv2.resize(grid, (int(grid_w * feature_px), int(grid_h * feature_px)), interpolation=cv2.INTER_CUBIC)
    return np.ascontiguousarray(big[:height, :width])


def fractal_noise(
    rng: np.random.Generator, shape: tuple[int, int], largest_px: float, octaves: int = 4, falloff: float = 0.55
) -> np.ndarray:
    """Several octaves of :func:`smooth_noise`, each half the size and ``falloff`` times the weight of the last."""
    total = np.zeros(shape, np.float32)
    weight, norm = 1.0, 0.0
    feature = largest_px
    for _ in range(octaves):
        total += weight * smooth_noise(rng, shape, feature)
        norm += weight * weight
        weight *= falloff
        feature = max(feature / 2.0, 1.0)
    return total / np.float32(np.sqrt(norm))


def periodic_profile(rng: np.random.Generator, theta: np.ndarray, harmonics: int, amplitude: float) -> np.ndarray:
    """A smooth random function of the angle ``theta`` (continuous all the way round), of RMS about ``amplitude``."""
    result = np.zeros_like(theta, dtype=np.float32)
    norm = 0.0
    for k in range(1, harmonics + 1):
        weight = 1.0 / k
        phase = rng.uniform(0, 2 * np.pi)
        result += np.float32(weight * rng.standard_normal()) * np.cos(k * theta + phase).astype(np.float32)
        norm += weight * weight
    return result * np.float32(amplitude / np.sqrt(norm / 2.0 + 1e-9) / np.sqrt(2.0))
