"""Frame sources over OpenCV and the file system: a USB camera, a video file, a network stream, a folder of images.

All of them implement :class:`~cookie_inspector.core.frames.sources.FrameSource`. A failure (no such camera, a stream
that drops, a file that cannot be decoded) is a :class:`SourceError` saying which source and what happened; the capture
worker reopens the source with a growing pause. The demo line lives in ``synth`` and implements the same interface.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import InspectorError, SourceError
from cookie_inspector.core.frames.imageio import IMAGE_SUFFIXES, VIDEO_SUFFIXES, list_images, read_image
from cookie_inspector.core.frames.sources import Frame, FrameSource, SourceEnded, SourceWaiting

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
                raise SourceEnded(f"{self.description}: no more frames")
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


@dataclass(frozen=True)
class Photo:
    """One photo of a folder as it was read: the file and which version of it (a camera program may write the same
    name again: another size or time is another photo)."""

    path: Path
    size: int
    mtime_ns: int

    @property
    def key(self) -> tuple[str, int, int]:
        """What a folder's ledger keeps of it (see :data:`JudgedPhotos`)."""
        return (self.path.name, self.size, self.mtime_ns)


JudgedPhotos = Callable[[Path], Collection[tuple[str, int, int]]]
"""The photos of a folder judged already (their :attr:`Photo.key`), as the data folder's log knows them: a folder
source goes on with the others, so each photo is judged once per data folder across restarts."""

SETTLE_S = 0.5
"""A new photo in a watched folder is taken once its size and time have not changed for this long (a camera program
may still be writing it)."""
POLL_S = 0.25
"""How often a watched folder is looked at for new photos."""


def folder_key(folder: Path) -> Path:
    """How a folder is named in the ledger: its absolute path (the same folder typed two ways is one folder)."""
    try:
        return Path(folder).expanduser().resolve()
    except OSError:
        return Path(folder).expanduser().absolute()


class FolderSource(FrameSource):
    """The photos of a folder, one part each, in name order, then (``watch``) every new photo as it arrives, in the
    order they arrive, once it is complete. Paced at ``fps`` when ``realtime`` (one photo every 1/fps s at most),
    else as fast as the line judges them; the line never drops one (:attr:`keeps_every_frame`).

    With a ledger (:meth:`use_ledger`) the photos judged before (a restart, a reconnect, ``run`` on the same data
    folder) are not delivered again; ``from_start`` (a replay) and ``loop`` deliver them all. Unreadable files are
    skipped and listed in ``skipped`` (name and reason), never fatal.
    """

    keeps_every_frame = True

    def __init__(
        self,
        folder: Path,
        *,
        fps: float = 2.0,
        realtime: bool = True,
        loop: bool = False,
        watch: bool = False,
        from_start: bool = False,
        settle: float = SETTLE_S,
        poll: float = POLL_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.folder = Path(folder)
        self.nominal_fps = float(fps)
        self.realtime = realtime
        self.loop = loop
        self.watch = watch
        self.from_start = from_start
        self.settle = settle
        self.poll = poll
        self.skipped: list[tuple[str, str]] = []
        self.finite = True
        self.description = f"folder {self.folder}"
        self.judged_before = 0
        """Photos of the folder left out at the last open because they were judged before."""
        self.delivered = 0
        """Photos delivered since the last open."""
        self._judged: JudgedPhotos | None = None
        self._clock = clock
        self._sleep = sleep
        self._files: list[Path] = []
        self._known: set[tuple[str, int, int]] = set()
        """Every version of a file queued, delivered or judged before: a rescan queues only what is new."""
        self._growing: dict[str, tuple[int, int, float]] = {}
        """New files seen but not yet settled: their (size, time) when first seen so, and when."""
        self._position = 0
        self._index = 0
        self._opened = False
        self._opened_at = 0.0
        self._due: float | None = None
        self._looked_at = -math.inf

    def use_ledger(self, judged: JudgedPhotos | None) -> None:
        self._judged = judged

    def set_pace(self, fps: float | None) -> None:
        """One photo every 1/``fps`` s from the next on; None: as fast as the line judges them."""
        if fps is not None and fps <= 0:
            raise ValueError("fps must be positive")
        self.realtime = fps is not None
        if fps is not None:
            self.nominal_fps = float(fps)

    def open(self) -> None:
        if not self.folder.is_dir():
            raise SourceError(f"{self.folder}: no such folder")
        files = list_images(self.folder)
        if not files and not self.watch:
            raise SourceError(f"{self.folder}: no images ({', '.join(sorted(IMAGE_SUFFIXES))})")
        judged: set[tuple[str, int, int]] = set()
        if self._judged is not None and not self.from_start and not self.loop:
            judged = set(self._judged(folder_key(self.folder)))
        self._known = set(judged)
        self._files = []
        self._growing = {}
        self.judged_before = 0
        fresh = time.time() - self.settle
        for path in files:
            key = _key(path)
            if key is not None and key in judged:
                self.judged_before += 1
                continue
            if key is not None and self.watch and key[2] / 1e9 > fresh:
                continue  # written a moment ago, perhaps still being written: taken once it has settled
            if key is not None:
                self._known.add(key)
            self._files.append(path)
        self._position = 0
        self._index = 0
        self.delivered = 0
        self._opened = True
        self._opened_at = self._clock()
        self._due = None
        self._looked_at = self._clock()

    def read(self) -> Frame:
        if not self._opened:
            raise SourceError(f"{self.description}: not open")
        attempts = 0
        while True:
            if self._position >= len(self._files):
                if self.watch:
                    self._wait_for_new()
                    continue
                if not self.loop or not self._files or attempts >= len(self._files):
                    raise SourceEnded(self._ended())
                self._position = 0
            path = self._files[self._position]
            self._position += 1
            attempts += 1
            try:
                stat = path.stat()
                image = read_image(path)
                break
            except FileNotFoundError:
                continue  # taken away since it was listed: nothing to judge
            except (InspectorError, OSError) as exc:
                reason = str(exc) if isinstance(exc, InspectorError) else f"{path}: {exc.strerror or exc}"
                if (path.name, reason) not in self.skipped:
                    self.skipped.append((path.name, reason))
                if self.loop and attempts >= len(self._files):
                    raise SourceError(f"{self.folder}: none of the images can be read") from exc
        photo = Photo(path, stat.st_size, stat.st_mtime_ns)
        self._known.add(photo.key)
        index = self._index
        self._index += 1
        self.delivered += 1
        now = self._clock()
        due = now if self._due is None else max(now, self._due + 1.0 / self.nominal_fps)
        if self.realtime:
            _pace(due, self._clock, self._sleep)
        self._due = due
        return Frame(_three_channel(image), index, due - self._opened_at, photo=photo)

    def _ended(self) -> str:
        if self.judged_before and not self.delivered:
            return (f"{self.description}: all {self.judged_before} photos were judged before "
                    "(a replay judges them again)")  # fmt: skip
        if self.judged_before:
            return f"{self.description}: no more photos ({self.judged_before} were judged before this start)"
        return f"{self.description}: no more frames"

    def _wait_for_new(self) -> None:
        """Look for new complete photos (queued in the order they arrived); none yet: :class:`SourceWaiting`
        after a short wait, so that the line can stop meanwhile."""
        wait = self._looked_at + self.poll - self._clock()
        if wait > 0:
            self._sleep(wait)
        self._looked_at = now = self._clock()
        if not self.folder.is_dir():
            raise SourceError(f"{self.folder}: no such folder")
        arrived = []
        for path in list_images(self.folder):
            key = _key(path)
            if key is None or key in self._known:
                continue
            seen = self._growing.get(path.name)
            if seen is None or seen[:2] != key[1:]:
                self._growing[path.name] = (key[1], key[2], now)  # new, or still changing: look again later
                continue
            if now - seen[2] < self.settle:
                continue
            del self._growing[path.name]
            self._known.add(key)
            arrived.append((key[2], path.name, path))
        if arrived:
            self._files.extend(path for _, _, path in sorted(arrived))
            return
        done = self.delivered + self.judged_before
        raise SourceWaiting(f"{self.description}: waiting for new photos ({done} judged)")

    def close(self) -> None:
        self._opened = False
        self._files = []


def _key(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (path.name, stat.st_size, stat.st_mtime_ns)


class AwaitedSource(FrameSource):
    """A folder or video file that is not there (yet): a share not mounted, a USB stick not plugged in. Opening it
    fails with the reason, so the line shows NO SIGNAL and tries again, as for a camera that is unplugged; once the
    path exists it opens as the folder or the video it is (a folder with ``watch``, its ledger and its pace)."""

    def __init__(self, path: Path, *, realtime: bool = True, loop: bool = False, watch: bool = False,
                 fps: float = 2.0, from_start: bool = False) -> None:  # fmt: skip
        self.path = Path(path)
        self.realtime = realtime
        self.loop = loop
        self.watch = watch
        self.fps = fps
        self.from_start = from_start
        self.finite = True
        self.expects_folder = self.path.suffix.lower() not in VIDEO_SUFFIXES
        """A name without a video's suffix is taken for a folder (one photo per part) until it shows what it is."""
        self.description = f"{'folder ' if self.expects_folder else ''}{self.path}"
        self._inner: FrameSource | None = None
        self._judged: JudgedPhotos | None = None

    @property
    def keeps_every_frame(self) -> bool:  # type: ignore[override]
        return self._inner.keeps_every_frame if self._inner is not None else self.expects_folder

    def use_ledger(self, judged: JudgedPhotos | None) -> None:
        self._judged = judged
        if self._inner is not None:
            self._inner.use_ledger(judged)

    def set_pace(self, fps: float | None) -> None:
        """As :meth:`FolderSource.set_pace`, for the folder once it is there."""
        self.realtime = fps is not None
        self.fps = fps or self.fps
        if isinstance(self._inner, FolderSource):
            self._inner.set_pace(fps)

    def open(self) -> None:
        self.close()
        if self.path.is_dir():
            inner: FrameSource = FolderSource(self.path, fps=self.fps, realtime=self.realtime, loop=self.loop,
                                              watch=self.watch, from_start=self.from_start)  # fmt: skip
            inner.use_ledger(self._judged)
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


def open_capture_source(spec: str, *, realtime: bool = True, loop: bool = False, wait: bool = False,
                        watch: bool = False, from_start: bool = False, fps: float = 2.0) -> FrameSource:  # fmt: skip
    """The source a user means by ``spec``: a camera index (``0``, ``camera:1``), a stream URL, a folder of images or
    a video file. The demo line is not known here (``core`` does not draw cookies); see ``cookie_inspector.lines``.
    ``wait``: a folder or file that is not there is waited for (:class:`AwaitedSource`) instead of refused: for a
    remembered source, which may come back. A folder: ``watch`` for new photos, ``from_start`` (a replay), ``fps``
    its pace when ``realtime`` (see :class:`FolderSource`)."""
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
        return FolderSource(path, fps=fps, realtime=realtime, loop=loop, watch=watch, from_start=from_start)
    if not path.exists():
        if wait:
            return AwaitedSource(path, realtime=realtime, loop=loop, watch=watch, fps=fps, from_start=from_start)
        raise SourceError(f"{text}: no such camera, file, folder or stream")
    return VideoCaptureSource(path, realtime=realtime, loop=loop)
