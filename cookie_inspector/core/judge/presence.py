"""Is a product in the inspection region, whole and still? Frames where it is not never raise an alarm.

The region's outer ring is taken as background (a belt, a tray): its median colour and spread say what "empty"
looks like in this frame, so slow changes of light or a moving textured belt need no reference picture. Pixels far
from it in colour (CIE Lab) are foreground; the largest foreground blob is the candidate product. It counts as
*present* when it is big enough, does not touch the region's edge (a part half in view is *partial*), and has not
moved since the previous frame (a part still sliding in is *moving*). Everything runs on a 96 x 96 copy of the
region: about half a millisecond a frame.

For close-ups where the product fills the whole region (no background in view), use ``mode="every-frame"``: each
frame is then a part of its own, as with a folder of photographs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.frames.preprocess import Roi, as_bgr8

WORK_SIZE = 96
"""Side of the downscaled region the test runs on."""


class PresenceState(StrEnum):
    EMPTY = "empty"
    PARTIAL = "partial"
    MOVING = "moving"
    PRESENT = "present"


PRESENCE_MODES = ("auto", "every-frame")


@dataclass(frozen=True)
class PresenceSettings:
    """Tuning of the presence test; the defaults suit a product on a plain or finely textured belt."""

    mode: str = "auto"
    min_area: float = 0.04
    """Smallest blob, as a share of the region, that counts as a product (smaller ones are crumbs or glare)."""
    min_contrast: float = 30.0
    """Least colour distance (CIE Lab units) from the background that counts as foreground, however quiet the belt.
    An empty demo belt, with its lamp hot spot and mottling, reaches 22; the cookies 45 and more."""
    noise_factor: float = 4.0
    """Foreground is also at least this many times the background's own colour spread."""
    still: float = 0.012
    """Largest movement of the blob's centre per frame, as a share of the region's side, for a part at rest."""

    def __post_init__(self) -> None:
        if self.mode not in PRESENCE_MODES:
            raise ValueError(f"unknown presence mode {self.mode!r} (known: {', '.join(PRESENCE_MODES)})")
        if not 0 < self.min_area < 1:
            raise ValueError("min_area must be a share between 0 and 1")


@dataclass(frozen=True)
class Presence:
    """What the presence test saw in one frame's region."""

    state: PresenceState
    area: float = 0.0
    """The largest blob's share of the region."""
    centre: tuple[float, float] | None = None
    """The blob's centre as a share of the region's width and height."""

    @property
    def present(self) -> bool:
        return self.state is PresenceState.PRESENT


def distance_from_ring(lab: np.ndarray, margin: int) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's distance from the background colour, the median Lab colour of the image's outer ring
    ``margin`` pixels wide; and the ring's mask."""
    ring = np.ones(lab.shape[:2], bool)
    ring[margin:-margin, margin:-margin] = False
    background = np.median(lab[ring], axis=0)
    return np.linalg.norm(lab - background, axis=2), ring


def clean_mask(foreground: np.ndarray, size: int) -> np.ndarray:
    """A uint8 0/1 mask without specks (opened) and with small gaps filled (closed twice), round kernel of ``size``."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    foreground = cv2.morphologyEx(foreground, cv2.MORPH_OPEN, kernel)
    return cv2.morphologyEx(foreground, cv2.MORPH_CLOSE, kernel, iterations=2)


def _blob(region_bgr: np.ndarray, settings: PresenceSettings,
          size: int = WORK_SIZE) -> tuple[np.ndarray | None, float]:  # fmt: skip
    """The largest foreground blob's mask at ``size`` x ``size`` (or None) and its area share."""
    small = cv2.resize(region_bgr, (size, size), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    distance, ring = distance_from_ring(lab, 4)
    spread = float(np.median(distance[ring])) * 1.4826
    level = max(settings.min_contrast, settings.noise_factor * spread)
    foreground = clean_mask((distance > level).astype(np.uint8), 3)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(foreground, connectivity=8)
    if count <= 1:
        return None, 0.0
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    return labels == largest, float(stats[largest, cv2.CC_STAT_AREA]) / (size * size)


def assess(region_bgr: np.ndarray, settings: PresenceSettings | None = None,
           previous: Presence | None = None, frames_since: int = 1) -> Presence:  # fmt: skip
    """Presence in one region (BGR uint8). ``previous`` is the last frame's result, ``frames_since`` how many
    source frames ago it was (frames the inspector skipped count), so movement is judged per frame."""
    settings = settings or PresenceSettings()
    if settings.mode == "every-frame":
        return Presence(PresenceState.PRESENT, 1.0, (0.5, 0.5))
    if region_bgr.ndim == 2:
        region_bgr = cv2.cvtColor(region_bgr, cv2.COLOR_GRAY2BGR)
    mask, area = _blob(region_bgr, settings)
    if mask is None or area < settings.min_area:
        return Presence(PresenceState.EMPTY, area)
    ys, xs = np.nonzero(mask)
    centre = (float(xs.mean() + 0.5) / WORK_SIZE, float(ys.mean() + 0.5) / WORK_SIZE)
    edge = WORK_SIZE - 2
    if xs.min() <= 1 or ys.min() <= 1 or xs.max() >= edge or ys.max() >= edge:
        return Presence(PresenceState.PARTIAL, area, centre)
    if previous is None or previous.centre is None:
        return Presence(PresenceState.MOVING, area, centre)
    step = float(np.hypot(centre[0] - previous.centre[0], centre[1] - previous.centre[1])) / max(frames_since, 1)
    state = PresenceState.PRESENT if step <= settings.still else PresenceState.MOVING
    return Presence(state, area, centre)


PRODUCT_CONTRAST = 12.0
"""Least colour distance from the background that counts as the product when its region is found on a picture: a
plain background (a light table, a tray) is quieter than a belt, and a bright product on a light table stands out
by less than the presence test's floor (a pale tile was found by its darker top third alone at 30). The background's
own spread still raises it (``noise_factor``)."""
PRODUCT_WORK_SIZE = 192
"""Side of the downscaled picture the product's region is found on: finer than the presence test's, since the
region framed on each frame of a line moves by one of its pixels at most (7 frame pixels of a 1280-pixel frame)."""
PRODUCT_MARGIN = 0.08
"""Room left around a product found on a picture, as a share of its size on each side (a region drawn tight cuts
off a part placed a little differently)."""


def product_box(frame_bgr: np.ndarray, settings: PresenceSettings | None = None) -> Roi | None:
    """The region around the product on a picture of it on a plain background (a light table, a black tray, a
    belt): the largest foreground blob's bounding box with :data:`PRODUCT_MARGIN` around it, in frame pixels (its
    frame recorded). None when no product stands out from the picture's outer ring, or when it touches the edge
    (the product fills the picture: the whole picture is the region then)."""
    settings = settings or PresenceSettings(min_contrast=PRODUCT_CONTRAST)
    if frame_bgr.ndim == 2:
        frame_bgr = cv2.cvtColor(frame_bgr, cv2.COLOR_GRAY2BGR)
    height, width = frame_bgr.shape[:2]
    mask, area = _blob(frame_bgr, settings, PRODUCT_WORK_SIZE)
    if mask is None or area < settings.min_area:
        return None
    ys, xs = np.nonzero(mask)
    edge = PRODUCT_WORK_SIZE - 2
    if xs.min() <= 1 or ys.min() <= 1 or xs.max() >= edge or ys.max() >= edge:
        return None
    sx, sy = width / PRODUCT_WORK_SIZE, height / PRODUCT_WORK_SIZE
    x0, x1 = xs.min() * sx, (xs.max() + 1) * sx
    y0, y1 = ys.min() * sy, (ys.max() + 1) * sy
    mx, my = max(4.0, PRODUCT_MARGIN * (x1 - x0)), max(4.0, PRODUCT_MARGIN * (y1 - y0))
    left, top = max(0, int(x0 - mx)), max(0, int(y0 - my))
    right, bottom = min(width, int(np.ceil(x1 + mx))), min(height, int(np.ceil(y1 + my)))
    return Roi(left, top, right - left, bottom - top, (width, height))


FRAMING_REGION, FRAMING_PRODUCT = "region", "product"
FRAMINGS = (FRAMING_REGION, FRAMING_PRODUCT)
"""How a model's pictures are framed: the region as it is (drawn, or the model's own), or the region around the
product found on each picture within it (a product taught "around the product": samples, imports and the line's
frames are all framed the same way, wherever the product lies)."""


def follow_product(frame: np.ndarray, within: Roi) -> Roi | None:
    """The region around the product found in the ``within`` part of ``frame`` (frame pixels, its frame recorded),
    or None when no product stands out there (the region is then used as it is)."""
    height, width = frame.shape[:2]
    area = within.clipped_to(width, height)
    pixels = area.crop(frame)
    box = product_box(pixels if pixels.dtype == np.uint8 else as_bgr8(pixels))  # 16-bit, float: on an 8-bit copy
    if box is None:
        return None
    return Roi(area.x + box.x, area.y + box.y, box.width, box.height, (width, height))


def around_product(frame: np.ndarray, within: Roi) -> Roi:
    """What the model sees of ``frame`` when it is framed around the product: the region around the product found
    in ``within``, else ``within`` itself (no product stands out); in frame pixels, with ``within``'s frame."""
    found = follow_product(frame, within)
    return within if found is None else Roi(found.x, found.y, found.width, found.height, within.frame)


def check_framing(framing: str) -> None:
    """Raise ``ValueError`` unless ``framing`` is one of :data:`FRAMINGS`."""
    if framing not in FRAMINGS:
        raise ValueError(f"unknown framing {framing!r} (known: {', '.join(FRAMINGS)})")


FRAMING_FILE = ".framing.json"
"""In a folder of good samples: how its pictures were framed when they were taken (``{"framing": "product"}``: each
is already the region around the product, so training takes them whole and the model frames the line the same)."""


def folder_framing(folder: Path) -> str:
    """How the samples of ``folder`` were framed (:data:`FRAMING_FILE`); a folder without it: ``"region"``."""
    try:
        value = json.loads((Path(folder) / FRAMING_FILE).read_text()).get("framing")
    except (OSError, ValueError, AttributeError):
        return FRAMING_REGION
    return value if value in FRAMINGS else FRAMING_REGION
