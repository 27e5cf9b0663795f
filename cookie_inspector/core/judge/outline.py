"""The outline check: a part's silhouette against the silhouettes of good parts.

The autoencoder judges what a part looks like; a bite out of its rim can look like a plausible rim to it (the belt
showing where cookie should be is, pixel by pixel, just belt), so small chips score low. The silhouette shows them
plainly: a good part's outline bulges everywhere, a chip is a dent. The measure is the deepest dent of the outline
below its convex hull (OpenCV's convexity defects), as a share of the part's equivalent radius. Like the model, it
learns from good samples only: training measures it on the held-out good parts and sets its own threshold there, with
the same estimator as the model's. Products without a clear outline (a texture filling the region, a part touching
the region's edge in the held-out samples) get no outline check; their bundle says so.

In an inspection the two measures are combined in threshold units, ``max(model / model threshold, outline / outline
threshold)``, so one threshold line, one slider and one verdict serve both, and the dent is painted into the heatmap.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from cookie_inspector.core.judge.presence import clean_mask, distance_from_ring
from cookie_inspector.core.model.calibration import calibrate

METHOD = "convexity_depth"
RING = 0.03
"""Share of the side taken as the background ring around the region."""
MIN_CONTRAST = 30.0
"""Lab distance from the background a pixel needs to belong to the part (as the presence test)."""
MIN_AREA, MAX_AREA = 0.04, 0.85
"""The part's share of the region for an outline to count (smaller: a crumb; larger: no background to see)."""


@dataclass(frozen=True)
class Outline:
    """The silhouette of the part in one image: its deepest dent and where it is (None: no usable outline)."""

    depth: float | None
    """Deepest dent below the convex hull, in units of the part's equivalent radius."""
    dent: np.ndarray | None
    """Bool mask of the deepest dent's pixels (between the hull and the part), at the image's size."""


@dataclass(frozen=True)
class OutlineParams:
    threshold: float
    contrast: float = MIN_CONTRAST

    def to_dict(self) -> dict:
        return {"method": METHOD, "threshold": self.threshold, "contrast": self.contrast}

    @classmethod
    def from_meta(cls, data: dict | None) -> OutlineParams | None:
        if not data or not data.get("enabled") or data.get("method") != METHOD:
            return None
        return cls(float(data["threshold"]), float(data.get("contrast", MIN_CONTRAST)))


def _silhouette(image_rgb: np.ndarray, contrast: float) -> np.ndarray | None:
    """The largest foreground blob (uint8 0/1, holes filled) of an RGB float [0, 1] image, or None when there is
    no whole part: nothing, a crumb, a blob touching the edge, or no background ring to compare with."""
    side = image_rgb.shape[0]
    rgb8 = (np.clip(image_rgb, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    lab = cv2.cvtColor(rgb8, cv2.COLOR_RGB2LAB).astype(np.float32)
    distance, _ = distance_from_ring(lab, max(2, int(round(side * RING))))
    foreground = clean_mask((distance > contrast).astype(np.uint8), max(3, int(round(side / 60)) | 1))
    contours, _ = cv2.findContours(foreground, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    x, y, w, h = cv2.boundingRect(largest)
    area = cv2.contourArea(largest) / float(side * side)
    if not MIN_AREA <= area <= MAX_AREA or x <= 1 or y <= 1 or x + w >= side - 1 or y + h >= side - 1:
        return None
    blob = np.zeros(lab.shape[:2], np.uint8)
    cv2.drawContours(blob, [largest], -1, 1, thickness=cv2.FILLED)
    return blob


def outline(image_rgb: np.ndarray, contrast: float = MIN_CONTRAST) -> Outline:
    """The outline measure of one preprocessed image ((H, W, 3) RGB float in [0, 1])."""
    blob = _silhouette(image_rgb, contrast)
    if blob is None:
        return Outline(None, None)
    contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    contour = max(contours, key=cv2.contourArea)
    radius = float(np.sqrt(cv2.contourArea(contour) / np.pi))
    hull_index = cv2.convexHull(contour, returnPoints=False)
    try:
        defects = cv2.convexityDefects(contour, hull_index)
    except cv2.error:  # a self-touching contour: OpenCV refuses; judge it as having no dent
        defects = None
    if defects is None or len(defects) == 0 or radius <= 0:  # a convex part (a plate, a tile): no dent at all
        return Outline(0.0, None)
    defects = defects.reshape(-1, 4)
    start, end, _, depth = defects[int(np.argmax(defects[:, 3]))]
    # the dent: the pixels between the hull's chord over it and the part
    points = contour.reshape(-1, 2)
    arc = points[start : end + 1] if start <= end else np.concatenate([points[start:], points[: end + 1]])
    dent = np.zeros_like(blob)
    if len(arc) >= 3:
        cv2.fillPoly(dent, [arc.astype(np.int32)], 1)
    dent_mask = (dent > 0) & (blob == 0)
    return Outline(float(depth) / 256.0 / radius, dent_mask if dent_mask.any() else None)


def calibrate_outline(images: np.ndarray, false_alarm_rate: float, warn_rate: float) -> dict:
    """The outline check's section of a bundle's meta.json, from held-out good images ((N, H, W, 3) RGB float).

    Enabled only when every held-out image shows a whole part with an outline.
    """
    depths = [outline(image).depth for image in images]
    missing = sum(depth is None for depth in depths)
    if missing or len(depths) < 2:
        reason = f"{missing} of {len(depths)} held-out images show no whole part with a clear outline"
        return {"enabled": False, "method": METHOD, "reason": reason}
    calibration = calibrate(np.array(depths, dtype=np.float64), false_alarm_rate, warn_rate)
    return {"enabled": True, **OutlineParams(calibration.threshold).to_dict(), "stats": calibration.stats}


def combine(
    scores: np.ndarray, maps: np.ndarray, images: np.ndarray, threshold: float, params: OutlineParams
) -> tuple[np.ndarray, np.ndarray]:
    """Scores and error maps with the outline check folded in, in the model's score units: an image whose outline
    dent is deeper than its threshold scores ``dent / outline threshold x model threshold`` if that is higher, and
    the dent's pixels carry that score in the map."""
    scores = scores.copy()
    maps = maps.copy()
    for i, image in enumerate(images):
        found = outline(image, params.contrast)
        if found.depth is None:
            continue
        value = found.depth / params.threshold * threshold
        if value > scores[i]:
            scores[i] = value
        if found.dent is not None:
            np.maximum(maps[i], np.where(found.dent, np.float32(value), np.float32(0)), out=maps[i])
    return scores, maps
