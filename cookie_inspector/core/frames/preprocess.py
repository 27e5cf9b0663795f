"""From a camera frame or an image file to the model's input: region of interest, resize, RGB float in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from cookie_inspector.core.errors import FrameError, RoiError

INPUT_SIZE = 300
"""Side of the square image the models see, in pixels."""

DefaultRegion = Literal["center", "full"] | float
"""Where to look when no ROI is given: the largest centred square (live frames), the whole image (files), or a
number: the largest centred box of that width-to-height ratio (the shape of the pictures a model was trained on)."""


@dataclass(frozen=True)
class Roi:
    """A region of interest in frame pixels: top-left corner and size, and the size of the frames it was drawn on
    when known (a region drawn on 1280x720 frames is fitted to the same place on 640x480 ones)."""

    x: int
    y: int
    width: int
    height: int
    frame: tuple[int, int] | None = None
    """(width, height) of the frames the region was drawn on; None: taken as it is, clipped to each frame."""

    @classmethod
    def parse(cls, text: str) -> Roi:
        """Read ``"x,y,width,height"`` (as typed on the command line), optionally followed by the frame it was
        drawn on: ``"x,y,width,height@WxH"`` (as the window remembers it)."""
        region, _, frame = text.partition("@")
        parts = [p.strip() for p in region.split(",")]
        if len(parts) != 4:
            raise RoiError(f"ROI {text!r}: expected four whole numbers x,y,width,height")
        try:
            x, y, w, h = (int(p) for p in parts)
            size = tuple(int(v) for v in frame.lower().split("x")) if frame.strip() else None
        except ValueError:
            raise RoiError(f"ROI {text!r}: expected four whole numbers x,y,width,height") from None
        if size is not None and (len(size) != 2 or min(size) < 2):
            raise RoiError(f"ROI {text!r}: the frame after @ is written WIDTHxHEIGHT")
        return cls(x, y, w, h, size)

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.width, self.height]

    def as_text(self) -> str:
        """What :meth:`parse` reads back, the frame included."""
        text = ",".join(map(str, self.as_list()))
        return f"{text}@{self.frame[0]}x{self.frame[1]}" if self.frame else text

    def fitted_to(self, frame_width: int, frame_height: int) -> Roi:
        """This region on a frame of this size: drawn on frames of another size, it is scaled to the same place
        (a camera's resolution changed, a folder of larger photos); then clipped to the frame."""
        region = self
        if self.frame is not None and self.frame != (frame_width, frame_height):
            sx, sy = frame_width / self.frame[0], frame_height / self.frame[1]
            region = Roi(round(self.x * sx), round(self.y * sy), max(2, round(self.width * sx)),
                         max(2, round(self.height * sy)))  # fmt: skip
        clipped = region.clipped_to(frame_width, frame_height)
        return Roi(clipped.x, clipped.y, clipped.width, clipped.height, (frame_width, frame_height))

    def crop(self, image: np.ndarray) -> np.ndarray:
        """This region's pixels of ``image`` (a view; the region is taken as lying inside the image)."""
        return image[self.y : self.y + self.height, self.x : self.x + self.width]

    def clipped_to(self, frame_width: int, frame_height: int) -> Roi:
        """The part of this region inside the frame; a region that misses the frame is an error."""
        if self.width <= 0 or self.height <= 0:
            raise RoiError(f"ROI {self.as_list()}: width and height must be positive")
        x0, y0 = max(self.x, 0), max(self.y, 0)
        x1, y1 = min(self.x + self.width, frame_width), min(self.y + self.height, frame_height)
        if x1 - x0 < 2 or y1 - y0 < 2:
            where = "lies outside" if x1 <= x0 or y1 <= y0 else "overlaps by less than 2 pixels"
            raise RoiError(
                f"ROI {self.as_list()} {where} the {frame_width}x{frame_height} frame "
                "(x,y,width,height in frame pixels)"
            )
        return Roi(x0, y0, x1 - x0, y1 - y0)


def default_roi(frame_width: int, frame_height: int, region: DefaultRegion = "center") -> Roi:
    """The region used when none is set: the whole frame, the largest centred square, or the largest centred box of
    the width-to-height ratio ``region``."""
    if region == "full":
        return Roi(0, 0, frame_width, frame_height)
    if isinstance(region, int | float) and region > 0:
        if frame_width / frame_height > region * SAME_SHAPE:  # wider than the shape wanted: full height
            width = max(2, min(frame_width, round(frame_height * region)))
            return Roi((frame_width - width) // 2, 0, width, frame_height)
        if frame_width / frame_height < region / SAME_SHAPE:  # taller: full width
            height = max(2, min(frame_height, round(frame_width / region)))
            return Roi(0, (frame_height - height) // 2, frame_width, height)
        return Roi(0, 0, frame_width, frame_height)
    side = min(frame_width, frame_height)
    return Roi((frame_width - side) // 2, (frame_height - side) // 2, side, side)


SAME_SHAPE = 1.02
"""Frames whose width-to-height ratio is within 2% of the one wanted are taken whole (a 1-pixel crop helps no one)."""


def as_three_channels(frame: np.ndarray) -> np.ndarray:
    """Grey, grey with one channel, BGR or BGRA -> BGR with the same pixel type (alpha is dropped)."""
    if not isinstance(frame, np.ndarray):
        raise FrameError(f"frame must be a numpy array, not {type(frame).__name__}")
    if frame.ndim == 2:
        return cv2.cvtColor(_cv_compatible(frame), cv2.COLOR_GRAY2BGR)
    if frame.ndim == 3 and frame.shape[2] == 1:
        return cv2.cvtColor(_cv_compatible(frame[:, :, 0]), cv2.COLOR_GRAY2BGR)
    if frame.ndim == 3 and frame.shape[2] == 3:
        return _cv_compatible(frame)
    if frame.ndim == 3 and frame.shape[2] == 4:
        return np.ascontiguousarray(_cv_compatible(frame)[:, :, :3])
    raise FrameError(f"cannot inspect a frame of shape {frame.shape}: expected grey, BGR or BGRA")


GREY_TOLERANCE = 4
"""Largest difference between colour channels (in 8-bit levels) of a picture still called grey: a grey photo saved
as colour, or a monochrome camera that delivers three equal channels."""

MAX_ASPECT = 3.0
"""Longest side over shortest side beyond which squashing a picture into the model's square distorts it badly."""

COLOR_RGB, COLOR_GREY = "RGB", "grey"
"""What a model was trained on (``preprocessing.color`` of its bundle)."""


def is_grey(frame: np.ndarray) -> bool:
    """Whether ``frame`` carries no colour: one channel, or channels equal within :data:`GREY_TOLERANCE` (on
    every fourth pixel each way, which is enough to tell)."""
    if frame.ndim == 2 or (frame.ndim == 3 and frame.shape[2] == 1):
        return True
    if frame.ndim != 3 or frame.shape[2] < 3:
        return False
    sample = frame[::4, ::4, :3].astype(np.float32)
    if frame.dtype == np.uint16:
        sample /= 257.0
    elif frame.dtype.kind == "f":
        sample *= 255.0
    spread = np.abs(sample[..., 0] - sample[..., 1]).max(initial=0.0)
    spread = max(spread, np.abs(sample[..., 1] - sample[..., 2]).max(initial=0.0))
    return bool(spread <= GREY_TOLERANCE)


def as_grey(frame: np.ndarray) -> np.ndarray:
    """``frame`` without its colour, still with three (equal) channels: what a model trained on grey photos saw."""
    bgr = as_three_channels(frame)
    return cv2.cvtColor(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)


def as_bgr8(image: np.ndarray) -> np.ndarray:
    """Any grey/BGR/BGRA image of 8 or 16 bits or float [0, 1] as BGR uint8 (what samples are stored as, and what
    the product is found on)."""
    bgr = as_three_channels(np.ascontiguousarray(image))
    if bgr.dtype == np.uint8:
        return bgr
    if bgr.dtype == np.uint16:
        return (bgr >> 8).astype(np.uint8)
    if np.issubdtype(bgr.dtype, np.floating):
        return (np.clip(np.nan_to_num(bgr), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    raise FrameError(f"cannot take pixels of type {bgr.dtype} to 8 bits")


def aspect_ratio(width: int, height: int) -> float:
    """Longest side over shortest side."""
    return max(width, height) / max(1, min(width, height))


def _cv_compatible(frame: np.ndarray) -> np.ndarray:
    """Pixel types OpenCV resizes: uint8, uint16 and float32 stay; bool and float64 are converted."""
    if frame.dtype in (np.uint8, np.uint16, np.float32):
        return np.ascontiguousarray(frame)
    if frame.dtype == np.bool_:
        return frame.astype(np.uint8) * 255
    if frame.dtype == np.float64 or frame.dtype == np.float16:
        return frame.astype(np.float32)
    raise FrameError(f"cannot inspect pixels of type {frame.dtype}: expected 8 or 16 bit integers or floats")


def _to_unit_float(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint8:
        return image.astype(np.float32) * np.float32(1.0 / 255.0)
    if image.dtype == np.uint16:
        return image.astype(np.float32) * np.float32(1.0 / 65535.0)
    out = np.nan_to_num(image.astype(np.float32, copy=False), nan=0.0, posinf=1.0, neginf=0.0)
    return np.clip(out, 0.0, 1.0)


def preprocess(
    frame: np.ndarray,
    size: int = INPUT_SIZE,
    roi: Roi | None = None,
    region: DefaultRegion = "center",
) -> np.ndarray:
    """Crop ``frame`` to the ROI, resize it to ``size`` x ``size`` and return RGB float32 in [0, 1].

    Accepts any frame size, grey, BGR or BGRA, 8 or 16 bit or float (floats are read as [0, 1]). A ROI that
    overlaps the frame only in part is clipped to it; one that misses it raises ``RoiError``.
    """
    check_frame(frame)
    height, width = frame.shape[:2]
    box = (roi or default_roi(width, height, region)).clipped_to(width, height)
    bgr = as_three_channels(box.crop(frame))
    if bgr.shape[0] != size or bgr.shape[1] != size:
        bgr = cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return _to_unit_float(rgb)


MIN_SIDE = 2
"""The smallest picture side that can be inspected at all (it is then enlarged to the model's size)."""


def check_frame(frame: np.ndarray) -> None:
    """Raise ``FrameError`` unless ``frame`` is a picture big enough to inspect."""
    if not isinstance(frame, np.ndarray) or frame.ndim not in (2, 3):
        shape = getattr(frame, "shape", None)
        raise FrameError(f"cannot inspect a frame of shape {shape}: expected a grey or colour image")
    _check_size(frame.shape[1], frame.shape[0])


def _check_size(width: int, height: int) -> None:
    if height < MIN_SIDE or width < MIN_SIDE:
        raise FrameError(f"the image is only {width}x{height} pixels: too small to inspect "
                         f"(at least {MIN_SIDE}x{MIN_SIDE})")  # fmt: skip


def resolve_roi(frame_shape: tuple[int, ...], roi: Roi | None, region: DefaultRegion = "center") -> Roi:
    """The region ``preprocess`` will actually use on a frame of this shape."""
    height, width = frame_shape[:2]
    _check_size(width, height)
    if roi is not None:
        fitted = roi.fitted_to(width, height)
        return Roi(fitted.x, fitted.y, fitted.width, fitted.height)
    return default_roi(width, height, region).clipped_to(width, height)
