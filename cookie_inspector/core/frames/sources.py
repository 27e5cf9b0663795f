"""What every frame source offers (camera, video, stream, image folder, demo line): frames with a number and a time.

A source's ``read`` blocks until its next frame is due and returns it; the capture thread calls it in a loop and
keeps only the latest frame. A source that has no more frames (the end of a video file) raises
:class:`SourceEnded`; one that fails raises :class:`SourceError` and may be opened again.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

import numpy as np

from cookie_inspector.core.errors import SourceError


class SourceEnded(Exception):
    """A finite source has delivered its last frame (its message says so, in the source's words)."""


class SourceWaiting(Exception):
    """No new frame yet, and none is missing: a watched folder waits for its next photo. The capture loop asks again
    (and can stop meanwhile); the line is waiting, not lost."""


@dataclass(frozen=True)
class Frame:
    """One picture from a source."""

    image: np.ndarray
    """BGR uint8, height x width x 3."""
    index: int
    """Frame number since the source was opened, from 0; a gap means frames were dropped."""
    timestamp: float
    """Seconds since the source was opened, on the source's own clock (when the frame was taken)."""
    truth: Any = None
    """What a synthetic source knows about the frame (the demo line: which part, good or which defect)."""
    photo: Any = None
    """The photo of a folder source this frame is (:class:`~cookie_inspector.core.frames.capture.Photo`)."""


class FrameSource(ABC):
    """A camera-like supplier of frames. Use ``with source:`` or ``open``/``close``."""

    description: str = "frame source"
    nominal_fps: float | None = None
    """The rate the source delivers at, when it has one (a camera's or a video's frame rate)."""
    finite = False
    """Its frames are the same whenever it is read (a folder, a video file): none may pass unjudged, so the line
    waits for its model before it reads them. A camera or a stream goes on without waiting."""

    from_start = False
    """A folder: deliver every photo, those judged before too (a replay)."""
    keeps_every_frame = False
    """Every frame is a part of its own (a folder's photos): the line judges each, however slow the model, and
    never replaces one waiting to be judged by the next. A camera's frames are replaced (only the newest counts)."""

    def open(self) -> None:  # noqa: B027 - a source with nothing to open keeps the default
        """Start delivering; may raise ``SourceError``."""

    def use_ledger(self, judged: Any) -> None:  # noqa: B027 - only a folder keeps what was judged
        """Leave out what the data folder's log says was judged before (a folder's photos; see
        :data:`~cookie_inspector.core.frames.capture.JudgedPhotos`); None: deliver everything."""

    def set_pace(self, fps: float | None) -> None:  # noqa: B027 - only a folder is paced by the line
        """A folder: one photo every 1/``fps`` s from the next on; None: as fast as the line judges them."""

    @abstractmethod
    def read(self) -> Frame:
        """The next frame, once it is due. Raises ``SourceEnded`` at the end, ``SourceError`` on a failure."""

    def close(self) -> None:  # noqa: B027 - a source with nothing to release keeps the default
        """Release the device or file; safe to call twice."""

    def __enter__(self) -> FrameSource:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class UnavailableSource(FrameSource):
    """A remembered source that cannot be used, with the reason: the line shows NO SIGNAL with it and keeps trying
    (the reason may go away, as a driver that was missing), and nothing else runs in its place."""

    def __init__(self, description: str, reason: str) -> None:
        self.description = description
        self.reason = reason

    def open(self) -> None:
        raise SourceError(self.reason)

    def read(self) -> Frame:
        raise SourceError(self.reason)
