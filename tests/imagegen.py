"""Small procedural test images: a round biscuit with chips on a belt, and the same with a planted defect."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def good_image(rng: np.random.Generator, size: int = 96) -> np.ndarray:
    """A BGR uint8 image of a golden disc with a few dark chips, slightly shifted and lit differently each time."""
    img = np.full((size, size, 3), (70, 80, 90), np.uint8)
    centre = (size // 2 + int(rng.integers(-2, 3)), size // 2 + int(rng.integers(-2, 3)))
    radius = int(size * 0.36)
    shade = int(rng.integers(-12, 13))
    cv2.circle(img, centre, radius, (60 + shade, 150 + shade, 200 + shade), -1)
    for _ in range(5):
        angle, dist = rng.uniform(0, 2 * np.pi), rng.uniform(0, radius * 0.7)
        chip = (int(centre[0] + dist * np.cos(angle)), int(centre[1] + dist * np.sin(angle)))
        cv2.circle(img, chip, max(2, size // 32), (45, 110, 150), -1)
    noise = rng.normal(0, 3, img.shape)
    return np.clip(img + noise, 0, 255).astype(np.uint8)


def with_defect(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The image with a bright blue-green stain on the biscuit: a defect no good sample has."""
    out = image.copy()
    size = image.shape[0]
    centre = (size // 2 + int(rng.integers(-6, 7)), size // 2 + int(rng.integers(-6, 7)))
    cv2.circle(out, centre, max(4, size // 9), (200, 220, 40), -1)
    return out


def write_good_set(folder: Path, count: int, seed: int = 0, size: int = 96) -> list[Path]:
    """Write ``count`` good PNG images into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(count):
        path = folder / f"good_{i:03d}.png"
        cv2.imwrite(str(path), good_image(rng, size))
        paths.append(path)
    return paths
