"""From input and reconstruction to evidence: the error map, the image score, and the red heatmap overlay.

The score of an image is the highest value of its error map, so the score and the heatmap speak the same
units: a part is NG exactly where some region of its map reaches the threshold, and that region is painted full red.
The heatmap's colour scale is fixed relative to the calibrated threshold and never normalised per image, so the
same red means the same evidence on every frame and on every model.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SMOOTHED_DIFFERENCE = "max_abs_smoothed_diff"
"""Smooth the signed difference input - reconstruction per colour, then take its size: fine texture that the model
rebuilds only on average (sugar crystals, grain, sensor noise) cancels out, while a defect, which is darker, lighter
or another colour over a whole patch, keeps its sign and stands out. The default for new models."""

SMOOTHED_ERROR = "max_smoothed_abs_error"
"""Take |input - reconstruction| first, then smooth it: every bit of texture adds up. Models trained before the
demo line used this; their bundles say so and keep it."""

SMOOTHING_SIGMA_AT_300 = {SMOOTHED_DIFFERENCE: 2.0, SMOOTHED_ERROR: 4.0}
"""Gaussian smoothing for each method, in pixels of a 300 x 300 input (scaled for other sizes)."""

HEATMAP_FLOOR = 0.5
"""Share of the threshold below which the heatmap stays transparent; it is full red at the threshold."""


@dataclass(frozen=True)
class ScoringParams:
    """How error maps are smoothed and scored; stored in a model's bundle so scores stay comparable."""

    method: str = SMOOTHED_DIFFERENCE
    sigma: float = SMOOTHING_SIGMA_AT_300[SMOOTHED_DIFFERENCE]

    def __post_init__(self) -> None:
        if self.method not in SMOOTHING_SIGMA_AT_300:
            raise ValueError(f"unknown scoring method {self.method!r} (known: {', '.join(SMOOTHING_SIGMA_AT_300)})")

    @classmethod
    def for_size(cls, size: int, method: str = SMOOTHED_DIFFERENCE) -> ScoringParams:
        return cls(method=method, sigma=SMOOTHING_SIGMA_AT_300.get(method, 0.0) * size / 300.0)

    def to_dict(self) -> dict:
        return {"method": self.method, "sigma": self.sigma}

    @classmethod
    def from_dict(cls, data: dict) -> ScoringParams:
        return cls(method=str(data["method"]), sigma=float(data["sigma"]))


def _blur(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma, borderType=cv2.BORDER_REFLECT) if sigma > 0 else image


def error_maps(images: np.ndarray, reconstructions: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Per-pixel evidence for a batch, by the bundle's method (see :data:`SMOOTHED_DIFFERENCE`).

    ``images`` and ``reconstructions`` are (N, H, W, 3) float in [0, 1]; the result is (N, H, W) float32.
    """
    diff = images.astype(np.float32) - reconstructions.astype(np.float32)
    if params.method == SMOOTHED_DIFFERENCE:
        return np.stack([np.abs(_blur(d, params.sigma)).mean(axis=-1) for d in diff])
    return np.stack([_blur(np.abs(d).mean(axis=-1), params.sigma) for d in diff])


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
