"""From input and reconstruction to evidence: the error map, the image score, and the red heatmap overlay.

The score of an image is the highest value of its smoothed error map, so the score and the heatmap speak the same
units: a part is NG exactly where some region of its map reaches the threshold, and that region is painted full red.
The heatmap's colour scale is fixed relative to the calibrated threshold and never normalised per image, so the
same red means the same evidence on every frame and on every model.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SMOOTHING_SIGMA_AT_300 = 4.0
"""Gaussian smoothing of the error map, in pixels of a 300 x 300 input (scaled for other sizes)."""

HEATMAP_FLOOR = 0.5
"""Share of the threshold below which the heatmap stays transparent; it is full red at the threshold."""


@dataclass(frozen=True)
class ScoringParams:
    """How error maps are smoothed and scored; stored in a model's bundle so scores stay comparable."""

    method: str = "max_smoothed_abs_error"
    sigma: float = SMOOTHING_SIGMA_AT_300

    @classmethod
    def for_size(cls, size: int) -> ScoringParams:
        return cls(sigma=SMOOTHING_SIGMA_AT_300 * size / 300.0)

    def to_dict(self) -> dict:
        return {"method": self.method, "sigma": self.sigma}

    @classmethod
    def from_dict(cls, data: dict) -> ScoringParams:
        return cls(method=str(data["method"]), sigma=float(data["sigma"]))


def error_maps(images: np.ndarray, reconstructions: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Per-pixel evidence for a batch: |input - reconstruction| averaged over colour, then Gaussian-smoothed.

    ``images`` and ``reconstructions`` are (N, H, W, 3) float in [0, 1]; the result is (N, H, W) float32.
    """
    diff = np.abs(images.astype(np.float32) - reconstructions.astype(np.float32)).mean(axis=-1)
    if params.sigma <= 0:
        return diff
    return np.stack([cv2.GaussianBlur(m, (0, 0), params.sigma, borderType=cv2.BORDER_REFLECT) for m in diff])


def scores_from_maps(maps: np.ndarray) -> np.ndarray:
    """Image score of each map in a (N, H, W) batch: its highest smoothed error."""
    return maps.reshape(maps.shape[0], -1).max(axis=1)


def heatmap_overlay(image_rgb: np.ndarray, error_map: np.ndarray, threshold: float, opacity: float = 0.6) -> np.ndarray:
    """Paint ``error_map`` in red over ``image_rgb`` (float RGB in [0, 1]); returns uint8 BGR for display or saving.

    Transparent below ``HEATMAP_FLOOR`` x threshold, rising to ``opacity`` red at the threshold and above.
    """
    if threshold <= 0:
        raise ValueError("threshold must be positive")
    opacity = float(np.clip(opacity, 0.0, 1.0))
    strength = np.clip((error_map / threshold - HEATMAP_FLOOR) / (1.0 - HEATMAP_FLOOR), 0.0, 1.0)
    alpha = (strength * opacity)[..., None].astype(np.float32)
    red = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    blended = image_rgb.astype(np.float32) * (1.0 - alpha) + red * alpha
    rgb8 = np.clip(blended * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return cv2.cvtColor(rgb8, cv2.COLOR_RGB2BGR)
