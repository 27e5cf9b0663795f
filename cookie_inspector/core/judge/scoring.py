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

ORIENTED_DIFFERENCE = "max_abs_oriented_diff"
"""Like :data:`SMOOTHED_DIFFERENCE`, but the signed difference is smoothed in nine windows of the same area, one
round and eight elongated ones (long in one of eight directions, narrow across), and each pixel keeps the strongest.
A round window dilutes a thin crack or scratch with the good surface on both sides of it; a window laid along the
line gathers the line alone, so a faint crack scores about as high as a faint patch of the same contrast, while the
noise of a good surface is no stronger in a long window than in a round one. The default for new models."""

SMOOTHED_DIFFERENCE = "max_abs_smoothed_diff"
"""Smooth the signed difference input - reconstruction per colour (Gaussian, round), then take its size: fine
texture that the model rebuilds only on average (sugar crystals, grain, sensor noise) cancels out, while a defect,
which is darker, lighter or another colour over a whole patch, keeps its sign and stands out. Models trained
before the oriented windows used this and keep it."""

SMOOTHED_ERROR = "max_smoothed_abs_error"
"""Take |input - reconstruction| first, then smooth it: every bit of texture adds up. Models trained before the
demo line used this; their bundles say so and keep it."""

FEATURE_DISTANCE = "max_smoothed_feature_distance"
"""For the feature models: the head's score per feature position, upsampled onto the image (by the model itself)
and smoothed with a round Gaussian, so the map is the distance of each region's features from good ones."""

SMOOTHING_SIGMA_AT_300 = {
    ORIENTED_DIFFERENCE: 2.0,
    SMOOTHED_DIFFERENCE: 2.0,
    SMOOTHED_ERROR: 4.0,
    FEATURE_DISTANCE: 4.0,
}
"""Gaussian smoothing (the round window) for each method, in pixels of a 300 x 300 input (scaled for other sizes)."""

LINE_SIGMAS_AT_300 = (4.0, 1.0)
"""The elongated windows of :data:`ORIENTED_DIFFERENCE`: Gaussian sigma along and across, in pixels at 300 x 300.
Their area (along x across) equals the round window's (2 x 2), so good surfaces score alike in all nine."""

LINE_DIRECTIONS = 8
"""Directions of the elongated windows, evenly over 180 degrees (a line 11 degrees off still fills its window)."""

HEATMAP_FLOOR = 0.5
"""Share of the threshold below which the heatmap stays transparent; it is full red at the threshold."""


@dataclass(frozen=True)
class ScoringParams:
    """How error maps are smoothed and scored; stored in a model's bundle so scores stay comparable.

    ``sigma`` is the round window; ``line_sigmas`` (along, across) the elongated ones, used by
    :data:`ORIENTED_DIFFERENCE` only.
    """

    method: str = ORIENTED_DIFFERENCE
    sigma: float = SMOOTHING_SIGMA_AT_300[ORIENTED_DIFFERENCE]
    line_sigmas: tuple[float, float] = LINE_SIGMAS_AT_300

    def __post_init__(self) -> None:
        if self.method not in SMOOTHING_SIGMA_AT_300:
            raise ValueError(f"unknown scoring method {self.method!r} (known: {', '.join(SMOOTHING_SIGMA_AT_300)})")
        along, across = self.line_sigmas
        if self.method == ORIENTED_DIFFERENCE and not along > across > 0:
            raise ValueError(f"line_sigmas must be (along, across) with along > across > 0, not {self.line_sigmas}")

    @classmethod
    def for_size(cls, size: int, method: str = ORIENTED_DIFFERENCE) -> ScoringParams:
        scale = size / 300.0
        along, across = LINE_SIGMAS_AT_300
        return cls(method=method, sigma=SMOOTHING_SIGMA_AT_300.get(method, 0.0) * scale,
                   line_sigmas=(along * scale, across * scale))  # fmt: skip

    def to_dict(self) -> dict:
        data = {"method": self.method, "sigma": self.sigma}
        if self.method == ORIENTED_DIFFERENCE:
            data["line_sigmas"] = list(self.line_sigmas)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> ScoringParams:
        method, sigma = str(data["method"]), float(data["sigma"])
        if method != ORIENTED_DIFFERENCE:
            return cls(method=method, sigma=sigma)
        along, across = (float(v) for v in data["line_sigmas"])
        return cls(method=method, sigma=sigma, line_sigmas=(along, across))


_BORDER = cv2.BORDER_REFLECT
_CHANNEL_MEAN = np.full((1, 3), 1.0 / 3.0, np.float32)


def _blur(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma, borderType=_BORDER) if sigma > 0 else image


def _gaussian_taps(sigma: float) -> np.ndarray:
    radius = max(1, int(np.ceil(3.0 * sigma)))
    x = np.arange(-radius, radius + 1, dtype=np.float32)
    taps = np.exp(-(x * x) / np.float32(2.0 * sigma * sigma))
    return (taps / taps.sum()).astype(np.float32).reshape(-1, 1)


def _size(diff: np.ndarray) -> np.ndarray:
    """Mean over the colours of |diff|, (H, W, 3) -> (H, W) (cv2.transform: ten times numpy's speed here)."""
    return cv2.transform(np.abs(diff), _CHANNEL_MEAN)


def _oriented_map(diff: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Strongest |smoothed diff| over the round window and the elongated ones, for one (H, W, 3) difference.

    An elongated window is a narrow round blur (the same for every direction, so done once) followed by a 1-D blur
    along a line. Lines along the image axes need no resampling; for the others the narrow-blurred difference is
    rotated (bilinear) and blurred along both axes, the two results' maximum is rotated back, so each rotation
    serves two directions at right angles.
    """
    height, width = diff.shape[:2]
    along, across = params.line_sigmas
    narrow = _blur(diff, across)
    along_taps = _gaussian_taps(float(np.sqrt(along * along - across * across)))
    row, column = along_taps.reshape(1, -1), along_taps
    centre = ((width - 1) / 2.0, (height - 1) / 2.0)
    best = _size(_blur(diff, params.sigma))
    rotations = LINE_DIRECTIONS // 2
    for step in range(rotations):
        forward = cv2.getRotationMatrix2D(centre, 90.0 * step / rotations, 1.0)
        turned = narrow if step == 0 else cv2.warpAffine(narrow, forward, (width, height), flags=cv2.INTER_LINEAR,
                                                        borderMode=_BORDER)  # fmt: skip
        lines = np.maximum(_size(cv2.filter2D(turned, -1, row, borderType=_BORDER)),
                           _size(cv2.filter2D(turned, -1, column, borderType=_BORDER)))  # fmt: skip
        if step:
            backward = cv2.invertAffineTransform(forward)
            lines = cv2.warpAffine(lines, backward, (width, height), flags=cv2.INTER_LINEAR, borderMode=_BORDER)
        np.maximum(best, lines, out=best)
    return best


def error_maps(images: np.ndarray, reconstructions: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Per-pixel evidence for a batch, by the bundle's method (see :data:`ORIENTED_DIFFERENCE`).

    ``images`` and ``reconstructions`` are (N, H, W, 3) float in [0, 1]; the result is (N, H, W) float32.
    """
    diff = images.astype(np.float32) - reconstructions.astype(np.float32)
    if params.method == ORIENTED_DIFFERENCE:
        return np.stack([_oriented_map(np.ascontiguousarray(d), params) for d in diff])
    if params.method == SMOOTHED_DIFFERENCE:
        return np.stack([_size(_blur(d, params.sigma)) for d in diff])
    return np.stack([_blur(_size(d), params.sigma) for d in diff])


def feature_maps(raw_maps: np.ndarray, params: ScoringParams) -> np.ndarray:
    """Smoothed anomaly maps of a feature model: its (N, H, W) output, each map blurred by ``params.sigma``."""
    return np.stack([_blur(np.ascontiguousarray(m, dtype=np.float32), params.sigma) for m in raw_maps])


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
