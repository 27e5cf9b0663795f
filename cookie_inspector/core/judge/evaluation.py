"""Measuring a model on a labelled set in MVTec AD layout: image and pixel AUROC, and rates at the threshold.

Layout: ``<root>/test/good/`` and ``<root>/test/<defect>/`` hold images (directly or in an ``rgb/`` subfolder);
masks are ``<root>/ground_truth/<defect>/<stem>_mask.png`` or ``<root>/test/<defect>/gt/<stem>.png``, non-zero
meaning defect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import DatasetError, InspectorError
from cookie_inspector.core.frames.imageio import is_image_path, list_images, read_image
from cookie_inspector.core.frames.preprocess import Roi, preprocess, resolve_roi
from cookie_inspector.core.judge.inspector import Inspector, verdict_for

GOOD = "good"
CHUNK = 32


@dataclass(frozen=True)
class DatasetItem:
    """One test image: its file, its defect type (``good`` for none) and its mask file if any."""

    path: Path
    defect: str
    mask_path: Path | None

    @property
    def is_defective(self) -> bool:
        return self.defect != GOOD


def _images_in(folder: Path) -> list[Path]:
    images = list_images(folder)
    rgb = folder / "rgb"
    if not images and rgb.is_dir():
        images = list_images(rgb)
    return images


def _find_mask(root: Path, defect_dir: Path, stem: str) -> Path | None:
    candidates = [root / "ground_truth" / defect_dir.name, defect_dir / "gt"]
    for folder in candidates:
        if not folder.is_dir():
            continue
        for name in (f"{stem}_mask", stem):
            for path in folder.glob(f"{name}.*"):
                if is_image_path(path):
                    return path
    return None


def discover_dataset(root: Path) -> list[DatasetItem]:
    """Every test image under ``root`` with its label and mask; the layout is checked and explained on error."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such folder")
    test = root / "test" if (root / "test").is_dir() else root
    if not (test / GOOD).is_dir():
        raise DatasetError(f"{root}: expected MVTec layout with test/good/ and test/<defect>/ folders of images")
    items: list[DatasetItem] = []
    for defect_dir in sorted(p for p in test.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for path in _images_in(defect_dir):
            mask = None if defect_dir.name == GOOD else _find_mask(root, defect_dir, path.stem)
            items.append(DatasetItem(path=path, defect=defect_dir.name, mask_path=mask))
    if not any(not item.is_defective for item in items):
        raise DatasetError(f"{test / GOOD}: no good images to measure false alarms on")
    if not any(item.is_defective for item in items):
        raise DatasetError(f"{test}: no defect folders with images beside good/")
    return items


def auroc(scores: np.ndarray, labels: np.ndarray) -> float | None:
    """Area under the ROC curve (1 = defective ranks above every good one; ties count half); None if one class."""
    scores = np.asarray(scores).ravel()  # pixel sets run to tens of millions: keep float32 as float32
    if not np.issubdtype(scores.dtype, np.floating):
        scores = scores.astype(np.float64)
    labels = np.asarray(labels, dtype=bool).ravel()
    positives = int(labels.sum())
    negatives = labels.size - positives
    if positives == 0 or negatives == 0:
        return None
    order = np.argsort(-scores, kind="stable")
    sorted_scores, sorted_labels = scores[order], labels[order]
    distinct = np.flatnonzero(np.diff(sorted_scores))
    cut = np.r_[distinct, labels.size - 1]
    tps = np.cumsum(sorted_labels)[cut]
    fps = cut + 1 - tps
    tpr = np.r_[0.0, tps / positives]
    fpr = np.r_[0.0, fps / negatives]
    return float(np.trapezoid(tpr, fpr))


def read_mask(item: DatasetItem, image_shape: tuple[int, ...], size: int, roi: Roi | None) -> np.ndarray:
    """The item's defect mask, cut and resized as its image of ``image_shape`` is for a ``size`` x ``size`` input."""
    mask = read_image(item.mask_path)
    if mask.ndim == 3:
        mask = mask.max(axis=2)
    mask = (mask > 0).astype(np.uint8)
    height, width = image_shape[:2]
    if mask.shape != (height, width):
        mask = cv2.resize(mask, (width, height), interpolation=cv2.INTER_NEAREST)
    box = resolve_roi(image_shape, roi, "full")
    crop = box.crop(mask)
    return cv2.resize(crop, (size, size), interpolation=cv2.INTER_NEAREST).astype(bool)


def evaluate(
    inspector: Inspector,
    root: Path,
    roi: Roi | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Score every test image in ``root`` and report image/pixel AUROC and the rates at the model's threshold."""
    items = discover_dataset(root)
    size = inspector.size
    scores: list[float] = []
    used: list[DatasetItem] = []
    unreadable: list[dict] = []
    pixel_maps: list[np.ndarray] = []
    pixel_masks: list[np.ndarray] = []
    missing_masks = 0
    for start in range(0, len(items), CHUNK):
        batch_images, batch_items, batch_masks = [], [], []
        for item in items[start : start + CHUNK]:
            try:
                image = read_image(item.path)
                batch_images.append(preprocess(image, size, roi, region="full"))
                if not item.is_defective:
                    batch_masks.append(np.zeros((size, size), bool))
                elif item.mask_path is not None:
                    batch_masks.append(read_mask(item, image.shape, size, roi))
                else:
                    batch_masks.append(None)
                    missing_masks += 1
            except InspectorError as exc:
                unreadable.append({"path": str(item.path), "error": str(exc)})
                continue
            batch_items.append(item)
        if batch_images:
            _, maps, batch_scores = inspector.score_images(np.stack(batch_images))
            scores.extend(float(s) for s in batch_scores)
            used.extend(batch_items)
            for error_map, mask in zip(maps, batch_masks, strict=True):
                if mask is not None:
                    pixel_maps.append(error_map.astype(np.float32))
                    pixel_masks.append(mask)
        if progress:
            progress(min(start + CHUNK, len(items)), len(items))

    score_array = np.asarray(scores)
    labels = np.asarray([item.is_defective for item in used])
    threshold, warn = inspector.threshold, inspector.warn_threshold
    flagged = score_array >= threshold
    has_defect_pixels = any(mask.any() for mask in pixel_masks)
    pixel = auroc(np.concatenate(pixel_maps), np.concatenate(pixel_masks)) if has_defect_pixels else None

    by_defect = {}
    for defect in sorted({item.defect for item in used if item.is_defective}):
        picked = np.asarray([item.defect in (defect, GOOD) for item in used])
        of_type = np.asarray([item.defect == defect for item in used])
        by_defect[defect] = {
            "images": int(of_type.sum()),
            "detection_rate": float(flagged[of_type].mean()),
            "image_auroc": auroc(score_array[picked], labels[picked]),
        }
    return {
        "dataset": str(Path(root)),
        "model": str(inspector.bundle.path) if inspector.bundle.path else None,
        "architecture": inspector.bundle.architecture,
        "threshold": threshold,
        "warn_threshold": warn,
        "images": len(used),
        "good_images": int((~labels).sum()),
        "defective_images": int(labels.sum()),
        "image_auroc": auroc(score_array, labels),
        "pixel_auroc": pixel,
        "pixel_auroc_images": len(pixel_masks),
        "defective_images_without_mask": missing_masks,
        "false_alarm_rate": float(flagged[~labels].mean()),
        "detection_rate": float(flagged[labels].mean()),
        "by_defect": by_defect,
        "unreadable": unreadable,
        "per_image": [
            {
                "path": str(item.path),
                "defect": item.defect,
                "score": score,
                "normalized_score": score / threshold,
                "verdict": verdict_for(score, threshold, warn).value,
            }
            for item, score in zip(used, scores, strict=True)
        ],
    }
