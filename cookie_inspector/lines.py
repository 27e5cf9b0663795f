"""Which line the user means: the demo line or a camera, video, stream or image folder, from one source text.

Lives beside ``core`` and ``synth`` (it needs both): ``core`` knows OpenCV's sources, ``synth`` draws the demo line.
"""

from __future__ import annotations

from cookie_inspector.core.errors import SourceError
from cookie_inspector.core.frames.capture import FolderSource, open_capture_source
from cookie_inspector.core.frames.sources import FrameSource

DEMO = "demo"
SOURCE_HELP = (
    "demo (the demo cookie line; demo:SEED for another), a camera index (0, camera:1), a video file, "
    "an image folder, or a stream URL (rtsp://, http://)"
)


def open_source(spec: str, *, realtime: bool = True, loop: bool = False, wait: bool = False, watch: bool = False,
                from_start: bool = False, fps: float = 2.0) -> FrameSource:  # fmt: skip
    """The frame source for ``spec`` (see :data:`SOURCE_HELP`); not yet opened. ``wait``: a folder or video file that
    is not there is waited for (NO SIGNAL until it is), not refused. A folder: ``watch`` for new photos,
    ``from_start`` (a replay), ``fps`` its pace when ``realtime``."""
    text = spec.strip()
    if text == DEMO or text.startswith(DEMO + ":"):
        from cookie_inspector.synth.line import DemoLine

        seed_text = text.partition(":")[2] or "0"
        if not seed_text.isdigit():
            raise SourceError(f"{spec}: the demo line's seed must be a whole number")
        return DemoLine(seed=int(seed_text), realtime=realtime)
    return open_capture_source(
        text, realtime=realtime, loop=loop, wait=wait, watch=watch, from_start=from_start, fps=fps
    )


def default_presence_mode(source: FrameSource) -> str:
    """Photos in a folder are one part each; everything else shows parts coming and going."""
    folder = isinstance(source, FolderSource) or getattr(source, "expects_folder", False)
    return "every-frame" if folder else "auto"
