"""Test defects made from a product's own good samples, so that a model can be judged, and chosen, before any real
defect has been seen: what it would catch of them, at the threshold the app sets, says what it can see.

Each defect is painted onto one good sample (the image as the model sees it, RGB float in [0, 1]) on the product
(where the picture differs from its plain background, if it has one), with its exact mask. Kinds, each drawn from
the product's own pictures or plain image operations:

- ``cutpaste``: a patch of another sample (or another place of the same one) pasted in, its edge softened;
- ``blotch``: a blotch of smooth noise texture (several octaves of interpolated random grids, as Perlin noise)
  blended in, darker or lighter;
- ``scratch``: a thin line (one to three pixels), darker or lighter, straight or bent;
- ``missing``: a small patch erased to its surroundings (inpainted): a part missing, a hole filled;
- ``extra``: a small patch of the product duplicated elsewhere on it: an extra part, a blob;
- ``warp``: a local displacement, a bent edge or a dent;
- ``spot``: a soft spot of another colour or brightness.

Sizes run from barely visible (a few dozen pixels of a 300 x 300 picture, low contrast) to obvious, so the share a
model catches is an estimate of what it can see, and the smallest one it catches says how small it goes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from cookie_inspector.core.judge.presence import clean_mask, distance_from_ring

KINDS = ("cutpaste", "blotch", "scratch", "missing", "extra", "warp", "spot")
MASK_CONTRAST = 6.0
"""Least distance (CIE Lab units) of a neighbourhood's colour from the background's for the product's mask."""


@dataclass(frozen=True)
class SyntheticDefect:
    image: np.ndarray
    """The sample with the defect, (S, S, 3) float32 in [0, 1]."""
    mask: np.ndarray
    """Where the defect is, (S, S) bool."""
    kind: str
    base: int
    """Index of the good sample it was painted on."""
    strength: float
    """0 (barely visible) to 1 (obvious): the draw of its size and contrast."""

    @property
    def area(self) -> int:
        """Pixels of the defect (of the model's input)."""
        return int(self.mask.sum())


def product_mask(image: np.ndarray) -> np.ndarray:
    """Where the product is on a sample: the convex hull of the largest blob whose neighbourhoods differ from the
    picture's outer ring (its plain background: a light table, a tray, a belt), eroded a little. The whole
    picture, less a margin, when no such blob covers 8-95% of it (a surface that fills the picture)."""
    size = image.shape[0]
    margin = max(2, size // 20)
    whole = np.zeros(image.shape[:2], bool)
    whole[margin:-margin, margin:-margin] = True
    lab = cv2.cvtColor((np.clip(image, 0, 1) * 255).astype(np.uint8), cv2.COLOR_RGB2LAB).astype(np.float32)
    # the colour of each neighbourhood, not of each pixel: a dark product on a dark mat differs by its mean
    distance, ring = distance_from_ring(cv2.GaussianBlur(lab, (0, 0), size / 50), margin)
    level = max(MASK_CONTRAST, 4.0 * float(np.median(distance[ring])) * 1.4826)
    foreground = clean_mask((distance > level).astype(np.uint8), max(3, size // 60))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(foreground, connectivity=8)
    if count <= 1:
        return whole
    largest = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    hull = cv2.convexHull(cv2.findNonZero(largest))
    filled = np.zeros_like(largest)
    cv2.fillConvexPoly(filled, hull, 1)
    mask = cv2.erode(filled, np.ones((5, 5), np.uint8), iterations=max(1, size // 100)).astype(bool) & whole
    return mask if 0.08 <= mask.mean() <= 0.95 else whole


def _blob(size: int, centre: tuple[float, float], radius: float, rng: np.random.Generator) -> np.ndarray:
    """A soft irregular blob (S, S) in [0, 1] around ``centre``: an ellipse with a wobbling edge."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    ratio = rng.uniform(0.45, 1.0)
    dx, dy = xx - centre[0], yy - centre[1]
    u = (dx * np.cos(angle) + dy * np.sin(angle)) / radius
    v = (-dx * np.sin(angle) + dy * np.cos(angle)) / (radius * ratio)
    theta = np.arctan2(v, u)
    wobble = 1 + sum(rng.uniform(-0.18, 0.18) * np.cos(k * theta + rng.uniform(0, 6.3)) for k in (2, 3, 5))
    r = np.sqrt(u * u + v * v) / wobble
    return np.clip((1.15 - r) / 0.3, 0, 1).astype(np.float32)


def smooth_noise(size: int, rng: np.random.Generator, octaves: int = 4) -> np.ndarray:
    """Smooth noise texture (S, S) in [-1, 1]: random grids of growing fineness, interpolated and summed."""
    total = np.zeros((size, size), np.float32)
    amplitude, norm = 1.0, 0.0
    for octave in range(octaves):
        cells = 2 ** (octave + 2)
        grid = rng.uniform(-1, 1, (cells + 1, cells + 1)).astype(np.float32)
        total += amplitude * cv2.resize(grid, (size, size), interpolation=cv2.INTER_CUBIC)
        norm += amplitude
        amplitude *= 0.5
    return np.clip(total / norm * 1.6, -1, 1)


def _where(mask: np.ndarray, rng: np.random.Generator, keep_off: int) -> tuple[float, float]:
    """A random point of ``mask`` at least ``keep_off`` pixels from the picture's edge."""
    size = mask.shape[0]
    inner = mask.copy()
    inner[:keep_off], inner[-keep_off:], inner[:, :keep_off], inner[:, -keep_off:] = False, False, False, False
    ys, xs = np.nonzero(inner if inner.any() else mask)
    if len(ys) == 0:
        return size / 2, size / 2
    i = int(rng.integers(len(ys)))
    return float(xs[i]), float(ys[i])


def _radius(size: int, strength: float, rng: np.random.Generator) -> float:
    """A defect's radius: 1.5% to 9% of the picture's side, growing with strength."""
    return size * (0.015 + 0.075 * strength**1.5) * rng.uniform(0.85, 1.15)


def _contrast(strength: float, rng: np.random.Generator, brightness: float) -> float:
    """Signed change of brightness: 8% (barely visible) to 68% of the product's own brightness (at least 0.12), as
    a stain or a reflectance change is: a dark product's defects are dark too, a few levels from their
    surroundings."""
    return float(rng.choice((-1, 1))) * (0.08 + 0.6 * strength) * max(brightness, 0.12)


def make_defect(samples: np.ndarray, base: int, kind: str, strength: float, rng: np.random.Generator,
                mask: np.ndarray | None = None) -> SyntheticDefect:  # fmt: skip
    """One defect of ``kind`` painted on ``samples[base]`` (the others lend patches), ``strength`` in [0, 1];
    ``mask``: where the product is (default: :func:`product_mask`)."""
    image = samples[base].astype(np.float32)
    size = image.shape[0]
    region = product_mask(image) if mask is None else mask
    radius = _radius(size, strength, rng)
    keep_off = int(radius) + 2
    cx, cy = _where(region, rng, keep_off)
    brightness = float(image[region].mean()) if region.any() else float(image.mean())
    out = image.copy()
    if kind in ("cutpaste", "extra", "missing", "spot", "blotch"):
        weight = _blob(size, (cx, cy), radius, rng)
        if kind == "blotch":
            texture = smooth_noise(size, rng)[..., None]
            tint = 1.0 + rng.uniform(-0.3, 0.3, 3).astype(np.float32)
            level = _contrast(strength, rng, brightness)
            out = image + weight[..., None] * (level + 0.5 * abs(level) * texture) * tint
        elif kind == "spot":
            tint = rng.uniform(-0.15, 0.15, 3).astype(np.float32) * strength * max(brightness, 0.12)
            change = np.full(3, _contrast(strength, rng, brightness), np.float32) + tint
            out = image + weight[..., None] * change
        elif kind == "missing":
            hole = (weight > 0.2).astype(np.uint8)
            filled = cv2.inpaint((np.clip(image, 0, 1) * 255).astype(np.uint8), hole, 5, cv2.INPAINT_TELEA)
            out = image * (1 - weight[..., None]) + filled.astype(np.float32) / 255 * weight[..., None]
        else:  # a patch taken elsewhere: another sample (cutpaste) or another place on the product (extra)
            donor = samples[int(rng.integers(len(samples)))] if kind == "cutpaste" and len(samples) > 1 else image
            sx, sy = _where(product_mask(donor) if kind == "cutpaste" else region, rng, keep_off)
            shift = np.float32([[1, 0, sx - cx], [0, 1, sy - cy]])
            angle = rng.uniform(-180, 180) if kind == "cutpaste" else 0.0
            turn = cv2.getRotationMatrix2D((sx, sy), angle, 1.0)
            moved = cv2.warpAffine(donor.astype(np.float32), turn, (size, size), borderMode=cv2.BORDER_REFLECT)
            moved = cv2.warpAffine(moved, shift, (size, size), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=cv2.BORDER_REFLECT)  # fmt: skip
            out = image * (1 - weight[..., None]) + moved * weight[..., None]
        defect = weight > 0.35
    elif kind == "scratch":
        length = size * (0.06 + 0.3 * strength) * rng.uniform(0.8, 1.2)
        angle = rng.uniform(0, np.pi)
        bend = rng.uniform(-0.25, 0.25)
        t = np.linspace(-0.5, 0.5, 24)
        xs = cx + t * length * np.cos(angle) + bend * length * (t**2 - 0.25) * -np.sin(angle)
        ys = cy + t * length * np.sin(angle) + bend * length * (t**2 - 0.25) * np.cos(angle)
        points = np.stack([xs, ys], axis=1).round().astype(np.int32)
        line = np.zeros((size, size), np.uint8)
        cv2.polylines(line, [points], False, 255, thickness=int(rng.integers(1, 3 + int(strength > 0.5))),
                      lineType=cv2.LINE_AA)  # fmt: skip
        weight = line.astype(np.float32) / 255 * region.astype(np.float32)
        out = image + weight[..., None] * _contrast(0.3 + 0.7 * strength, rng, brightness)
        defect = weight > 0.3
    elif kind == "warp":
        weight = _blob(size, (cx, cy), radius * 1.3, rng)
        angle = rng.uniform(0, 2 * np.pi)
        push = radius * (0.25 + 0.5 * strength)
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
        map_x = (xx - weight * push * np.cos(angle)).astype(np.float32)
        map_y = (yy - weight * push * np.sin(angle)).astype(np.float32)
        out = cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
        moved = np.abs(out - image).max(axis=2)
        defect = (weight > 0.2) & (moved > 0.02)
    else:
        raise ValueError(f"unknown synthetic defect {kind!r} (known: {', '.join(KINDS)})")
    return SyntheticDefect(np.clip(out, 0, 1).astype(np.float32), defect, kind, base, float(strength))


def make_defects(samples: np.ndarray, count: int, seed: int = 0, kinds: tuple[str, ...] = KINDS,
                 bases: np.ndarray | None = None) -> list[SyntheticDefect]:  # fmt: skip
    """``count`` defects, the kinds in turn, strengths spread evenly from barely visible to obvious, each on a
    sample drawn from ``bases`` (default: all) in turn. A defect that changed almost nothing (a warp on a flat
    surface, a patch pasted onto its own likeness) is drawn again, at most a few times."""
    rng = np.random.default_rng(seed)
    bases = np.arange(len(samples)) if bases is None else np.asarray(bases)
    order = rng.permutation(bases)
    strengths = (np.arange(count) + rng.uniform(0, 1, count)) / count
    rng.shuffle(strengths)
    masks: dict[int, np.ndarray] = {}
    defects = []
    for i in range(count):
        base = int(order[i % len(order)])
        if base not in masks:
            masks[base] = product_mask(samples[base].astype(np.float32))
        for _attempt in range(4):
            defect = make_defect(samples, base, kinds[i % len(kinds)], float(strengths[i]), rng, masks[base])
            changed = np.abs(defect.image - samples[base]).max(axis=2)
            if defect.area >= 4 and float(np.percentile(changed[defect.mask], 75)) >= 0.03:
                break
        defects.append(defect)
    return defects


def moved(image: np.ndarray, rng: np.random.Generator, shift: float = 0.02, gain: float = 0.05) -> np.ndarray:
    """The same good part as the line will show it again: moved by up to ``shift`` of its size (the border
    mirrored in) and lit up to ``gain`` brighter or darker. Parts on a line are never quite the samples, and a way
    of scoring that calls such a part a defect must lose to one that does not."""
    size = image.shape[0]
    dx, dy = rng.uniform(-shift, shift, 2) * size
    out = cv2.warpAffine(image.astype(np.float32), np.float32([[1, 0, dx], [0, 1, dy]]), (size, size),
                         flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)  # fmt: skip
    return np.clip(out * rng.uniform(1 - gain, 1 + gain), 0, 1).astype(np.float32)
