"""Frame sources over OpenCV and the file system: a USB camera, a video file, a network stream, a folder of images.

All of them implement :class:`~cookie_inspector.core.frames.sources.FrameSource`. A failure (no such camera, a stream
that drops, a file that cannot be decoded) is a :class:`SourceError` saying which source and what happened; the capture
worker reopens the source with a growing pause. The demo line lives in ``synth`` and implements the same interface.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import InspectorError, SourceError
from cookie_inspector.core.frames.imageio import IMAGE_SUFFIXES, VIDEO_SUFFIXES, list_images, read_image
from cookie_inspector.core.frames.sources import Frame, FrameSource, SourceEnded

STREAM_TIMEOUT_MS = 5000
"""How long opening a stream, or waiting for its next frame, may take before it counts as failed."""
STREAM_PREFIXES = ("rtsp://", "rtsps://", "http://", "https://", "rtmp://", "udp://", "tcp://")


def _finite_positive(value: float) -> float | None:
    return float(value) if value and np.isfinite(value) and value > 0 else None


def _pace(due: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
    """Wait until ``due`` on ``clock`` (a file played at its own rate); never waits when already late."""
    delay = due - clock()
    if delay > 0:
        sleep(delay)


class VideoCaptureSource(FrameSource):
    """A camera (by index), a video file or a stream URL, read through ``cv2.VideoCapture``.

    A file plays at its own frame rate when ``realtime`` (as the window shows it) or as fast as it decodes (headless
    scoring); ``loop`` starts it again at the end instead of ending. A camera or a stream delivers at its own pace.
    """

    def __init__(
        self,
        target: int | str | Path,
        *,
        realtime: bool = True,
        loop: bool = False,
        fallback_fps: float = 25.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.target = target
        self.is_camera = isinstance(target, int)
        self.is_stream = isinstance(target, str) and target.lower().startswith(STREAM_PREFIXES)
        self.is_file = not self.is_camera and not self.is_stream
        self.realtime = realtime
        self.loop = loop
        self.fallback_fps = fallback_fps
        self._clock = clock
        self._sleep = sleep
        self._capture: cv2.VideoCapture | None = None
        self._index = 0
        self._opened_at = 0.0
        self.description = f"camera {target}" if self.is_camera else str(target)
        self.finite = self.is_file

    def open(self) -> None:
        self.close()
        if self.is_file and not Path(self.target).exists():
            raise SourceError(f"{self.target}: no such video file")
        if self.is_stream:  # a dead stream must not block the capture thread for FFmpeg's default 30 s
            timeouts = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, STREAM_TIMEOUT_MS]
            timeouts += [cv2.CAP_PROP_READ_TIMEOUT_MSEC, STREAM_TIMEOUT_MS]
            capture = cv2.VideoCapture(str(self.target), cv2.CAP_ANY, timeouts)
        else:
            capture = cv2.VideoCapture(self.target if self.is_camera else str(self.target))
        if not capture.isOpened():
            capture.release()
            what = "camera" if self.is_camera else "stream" if self.is_stream else "video"
            raise SourceError(f"{self.description}: the {what} cannot be opened")
        self._capture = capture
        self.nominal_fps = _finite_positive(capture.get(cv2.CAP_PROP_FPS))
        self._index = 0
        self._opened_at = self._clock()

    def read(self) -> Frame:
        if self._capture is None:
            raise SourceError(f"{self.description}: not open")
        ok, image = self._capture.read()
        if (not ok or image is None) and self.is_file:
            if self._index == 0:
                raise SourceError(f"{self.description}: no frame could be decoded")
            if not self.loop:
                raise SourceEnded(self.description)
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, image = self._capture.read()
        if not ok or image is None:
            raise SourceError(f"{self.description}: no frame (disconnected?)")
        index = self._index
        self._index += 1
        if self.is_file:
            timestamp = index / (self.nominal_fps or self.fallback_fps)
            if self.realtime:
                _pace(self._opened_at + timestamp, self._clock, self._sleep)
        else:
            timestamp = self._clock() - self._opened_at
        return Frame(_three_channel(image), index, timestamp)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def _three_channel(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


class FolderSource(FrameSource):
    """The images of a folder in name order, at ``fps`` when ``realtime``; unreadable files are skipped and listed
    in ``skipped`` (name and reason), never fatal. ``loop`` starts over at the end."""

    def __init__(
        self,
        folder: Path,
        *,
        fps: float = 2.0,
        realtime: bool = True,
        loop: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.folder = Path(folder)
        self.nominal_fps = float(fps)
        self.realtime = realtime
        self.loop = loop
        self.skipped: list[tuple[str, str]] = []
        self.finite = True
        self.description = f"folder {self.folder}"
        self._clock = clock
        self._sleep = sleep
        self._files: list[Path] = []
        self._position = 0
        self._index = 0
        self._opened_at = 0.0

    def open(self) -> None:
        if not self.folder.is_dir():
            raise SourceError(f"{self.folder}: no such folder")
        self._files = list_images(self.folder)
        if not self._files:
            raise SourceError(f"{self.folder}: no images ({', '.join(sorted(IMAGE_SUFFIXES))})")
        self._position = 0
        self._index = 0
        self._opened_at = self._clock()

    def read(self) -> Frame:
        if not self._files:
            raise SourceError(f"{self.description}: not open")
        attempts = 0
        while True:
            if self._position >= len(self._files):
                if not self.loop or attempts >= len(self._files):
                    raise SourceEnded(self.description)
                self._position = 0
            path = self._files[self._position]
            self._position += 1
            attempts += 1
            try:
                image = read_image(path)
                break
            except InspectorError as exc:
                if (path.name, str(exc)) not in self.skipped:
                    self.skipped.append((path.name, str(exc)))
                if attempts >= len(self._files) and self.loop:
                    raise SourceError(f"{self.folder}: none of the images can be read") from exc
        index = self._index
        self._index += 1
        timestamp = index / self.nominal_fps
        if self.realtime:
            _pace(self._opened_at + timestamp, self._clock, self._sleep)
        return Frame(_three_channel(image), index, timestamp, truth=path.name)

    def close(self) -> None:
        self._files = []


class AwaitedSource(FrameSource):
    """A folder or video file that is not there (yet): a share not mounted, a USB stick not plugged in. Opening it
    fails with the reason, so the line shows NO SIGNAL and tries again, as for a camera that is unplugged; once the
    path exists it opens as the folder or the video it is."""

    def __init__(self, path: Path, *, realtime: bool = True, loop: bool = False) -> None:
        self.path = Path(path)
        self.realtime = realtime
        self.loop = loop
        self.finite = True
        self.expects_folder = self.path.suffix.lower() not in VIDEO_SUFFIXES
        """A name without a video's suffix is taken for a folder (one photo per part) until it shows what it is."""
        self.description = f"{'folder ' if self.expects_folder else ''}{self.path}"
        self._inner: FrameSource | None = None

    def open(self) -> None:
        self.close()
        if self.path.is_dir():
            inner: FrameSource = FolderSource(self.path, realtime=self.realtime, loop=self.loop)
        elif self.path.exists():
            inner = VideoCaptureSource(self.path, realtime=self.realtime, loop=self.loop)
        else:
            raise SourceError(f"{self.path}: not there (is the drive or share connected?)")
        inner.open()
        self._inner = inner
        self.nominal_fps = inner.nominal_fps

    def read(self) -> Frame:
        if self._inner is None:
            raise SourceError(f"{self.description}: not open")
        return self._inner.read()

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
            self._inner = None

    @property
    def skipped(self) -> list[tuple[str, str]]:
        """The unreadable images of the folder, once it is open (see :class:`FolderSource`)."""
        return getattr(self._inner, "skipped", [])


def list_cameras(max_index: int = 8) -> list[int]:
    """Indices of the cameras OpenCV can open and read a frame from (0 .. ``max_index`` - 1)."""
    found = []
    for index in range(max_index):
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened() and capture.read()[0]:
                found.append(index)
        finally:
            capture.release()
    return found


def open_capture_source(spec: str, *, realtime: bool = True, loop: bool = False, wait: bool = False) -> FrameSource:
    """The source a user means by ``spec``: a camera index (``0``, ``camera:1``), a stream URL, a folder of images or
    a video file. The demo line is not known here (``core`` does not draw cookies); see ``cookie_inspector.lines``.
    ``wait``: a folder or file that is not there is waited for (:class:`AwaitedSource`) instead of refused: for a
    remembered source, which may come back."""
    text = spec.strip()
    if not text:
        raise SourceError("no source given")
    camera = text.removeprefix("camera:")
    if camera.isdigit():
        return VideoCaptureSource(int(camera))
    if text.lower().startswith(STREAM_PREFIXES):
        return VideoCaptureSource(text)
    path = Path(text).expanduser()
    if path.is_dir():
        return FolderSource(path, realtime=realtime, loop=loop)
    if not path.exists():
        if wait:
            return AwaitedSource(path, realtime=realtime, loop=loop)
        raise SourceError(f"{text}: no such camera, file, folder or stream")
    return VideoCaptureSource(path, realtime=realtime, loop=loop)
