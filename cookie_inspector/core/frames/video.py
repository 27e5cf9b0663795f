"""Reading frames from a video file or stream with OpenCV, and writing overlay videos."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import ImageReadError


def iter_video_frames(source: Path | str, every: int = 1) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(frame_index, frame)`` for every ``every``-th frame of a video; an unopenable source is an error."""
    if isinstance(source, Path) and not source.exists():
        raise ImageReadError(f"{source}: no such file")
    capture = cv2.VideoCapture(str(source))
    try:
        if not capture.isOpened():
            raise ImageReadError(f"{source}: cannot be opened as a video")
        index = 0
        while True:
            ok, frame = capture.read()
            if not ok or frame is None:
                break
            if index % every == 0:
                yield index, frame
            index += 1
        if index == 0:
            raise ImageReadError(f"{source}: no frames could be decoded")
    finally:
        capture.release()


def video_fps(source: Path | str, fallback: float = 25.0) -> float:
    """The frame rate a video declares, or ``fallback`` when it declares none."""
    capture = cv2.VideoCapture(str(source))
    try:
        fps = capture.get(cv2.CAP_PROP_FPS) if capture.isOpened() else 0.0
    finally:
        capture.release()
    return float(fps) if fps and np.isfinite(fps) and fps > 0 else fallback


class VideoWriter:
    """Writes BGR frames of one size to an MP4 file; opened on the first frame."""

    def __init__(self, path: Path, fps: float) -> None:
        self.path = Path(path)
        self.fps = fps
        self._writer: cv2.VideoWriter | None = None
        self.frames = 0

    def write(self, frame: np.ndarray) -> None:
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            height, width = frame.shape[:2]
            self._writer = cv2.VideoWriter(str(self.path), cv2.VideoWriter_fourcc(*"mp4v"), self.fps, (width, height))
            if not self._writer.isOpened():
                raise OSError(f"{self.path}: cannot open a video file for writing")
        self._writer.write(frame)
        self.frames += 1

    def close(self) -> None:
        if self._writer is not None:
            self._writer.release()
            self._writer = None

    def __enter__(self) -> VideoWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
