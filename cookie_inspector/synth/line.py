"""The live demo line: a frame source that behaves like a camera over an inspection station.

Each part takes one cycle: the belt carries a cookie in from the left, stops with it under the camera for about a
second, carries it out to the right, and leaves a short empty gap. The scene is a function of time, and frame ``k``
shows time ``k / fps``; in real time the source waits for each frame's moment on a steady schedule (no drift), and a
reader that falls behind gets the current frame, the missed ones being dropped as a camera would. Every frame carries
its truth: which part is under the camera, good or which defect, and whether it is wholly in view.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from cookie_inspector.core.errors import SourceError
from cookie_inspector.core.frames.sources import Frame, FrameSource
from cookie_inspector.synth.cookies import DEFAULT_RECIPE
from cookie_inspector.synth.parts import GOOD, DefectMix, Part, PartSpec, make_part
from cookie_inspector.synth.station import Station

_LINE_STREAM = 3  # keeps the live line's parts apart from the data sets' parts of the same seed


@dataclass(frozen=True)
class LineTiming:
    """Seconds of each phase of a part's cycle."""

    enter: float = 0.6
    rest: float = 1.0
    leave: float = 0.6
    gap: float = 0.4

    def __post_init__(self) -> None:
        if min(self.enter, self.rest, self.leave) <= 0 or self.gap < 0:
            raise ValueError("enter, rest and leave must be positive, gap zero or more")

    @property
    def cycle(self) -> float:
        return self.enter + self.rest + self.leave + self.gap


@dataclass(frozen=True)
class PartTruth:
    """What the demo line knows about the part in a frame."""

    part: int
    """Part number on this line, from 0."""
    label: str
    """``"good"`` or the defect type."""
    severity: float
    phase: str
    """``"entering"``, ``"resting"`` or ``"leaving"``."""
    box: tuple[int, int, int, int]
    """The cookie's bounding box in frame pixels (x, y, width, height), unclipped."""

    @property
    def defective(self) -> bool:
        return self.label != GOOD

    def inside(self, x: int, y: int, width: int, height: int) -> bool:
        """Whether the whole cookie lies within this region of the frame."""
        bx, by, bw, bh = self.box
        return bx >= x and by >= y and bx + bw <= x + width and by + bh <= y + height


class DemoLine(FrameSource):
    """Procedural cookies on a belt, at ``fps`` frames per second of ``frame_size`` (width, height)."""

    def __init__(
        self,
        seed: int = 0,
        fps: float = 30.0,
        frame_size: tuple[int, int] = (640, 480),
        defect_rate: float = 0.15,
        mix: DefectMix | None = None,
        recipe: str = DEFAULT_RECIPE,
        timing: LineTiming | None = None,
        realtime: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        if not 0.0 <= defect_rate <= 1.0:
            raise ValueError("defect rate must be between 0 and 1")
        self.seed = seed
        self.nominal_fps = float(fps)
        self.defect_rate = defect_rate
        self.mix = mix or DefectMix()
        self.recipe = recipe
        self.timing = timing or LineTiming()
        self.realtime = realtime
        self.station = Station(frame_size, seed=seed)
        self.description = f"demo line (seed {seed}, {frame_size[0]}x{frame_size[1]} at {fps:g} fps)"
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._opened_at: float | None = None
        self._next_index = 0
        self._parts: dict[int, Part] = {}
        self.dropped = 0
        """Frames skipped because the reader fell more than a frame behind."""

    # The parts ------------------------------------------------------------------------------------------------
    def part_spec(self, number: int) -> PartSpec:
        """Good or which defect, and how severe, for part ``number``: fixed by the line's seed."""
        rng = np.random.default_rng(np.random.SeedSequence([self.seed, _LINE_STREAM, number, 1]))
        seed = (self.seed, _LINE_STREAM, number)
        if rng.random() >= self.defect_rate:
            return PartSpec(seed, GOOD)
        return PartSpec(seed, self.mix.choose(rng), self.mix.draw_severity(rng))

    def _part(self, number: int) -> Part:
        part = self._parts.get(number)
        if part is None:
            part = make_part(self.station, self.part_spec(number), self.recipe)
            self._parts = {n: p for n, p in self._parts.items() if n >= number - 1}
            self._parts[number] = part
        return part

    # The scene ------------------------------------------------------------------------------------------------
    def scene_at(self, t: float, frame_seed: int = 0) -> tuple[np.ndarray, np.ndarray, PartTruth | None]:
        """The picture at ``t`` seconds after the line started: (BGR image, defect mask, truth or None if empty)."""
        timing = self.timing
        number = int(t // timing.cycle)
        into = t - number * timing.cycle
        station = self.station
        part = self._part(number)
        side = part.sprite.side
        rest_x = station.width / 2 + part.look.rest_offset[0]
        start_x, end_x = -side / 2.0 - 1, station.width + side / 2.0 + 1
        travel = end_x - start_x
        if into < timing.enter:
            phase, x = "entering", start_x + (rest_x - start_x) * _ease(into / timing.enter)
        elif into < timing.enter + timing.rest:
            phase, x = "resting", rest_x
        elif into < timing.enter + timing.rest + timing.leave:
            phase, x = "leaving", rest_x + (end_x - rest_x) * _ease((into - timing.enter - timing.rest) / timing.leave)
        else:
            phase, x = None, end_x
        centre = (x, station.height / 2 + part.look.rest_offset[1])
        belt = -(number * travel + (x - start_x))  # the belt carries the cookie: its texture moves with it
        noise = np.random.default_rng(np.random.SeedSequence([self.seed, _LINE_STREAM, number, 2, frame_seed]))
        image, mask = station.render(part.sprite if phase else None, centre, belt, part.look, noise)
        if phase is None:
            return image, mask, None
        spec = part.spec
        truth = PartTruth(number, spec.label, spec.severity, phase, station.cookie_box(part.sprite, centre))
        return image, mask, truth

    # The source -----------------------------------------------------------------------------------------------
    def open(self) -> None:
        with self._lock:
            self._opened_at = self._clock()
            self._next_index = 0
            self.dropped = 0

    def close(self) -> None:
        with self._lock:
            self._opened_at = None
            self._parts.clear()

    def read(self) -> Frame:
        with self._lock:
            if self._opened_at is None:
                raise SourceError(f"{self.description}: not open")
            index = self._next_index
            if self.realtime:
                due = self._opened_at + index / self.nominal_fps
                now = self._clock()
                if now < due:
                    self._sleep(due - now)
                else:
                    current = int(math.floor((now - self._opened_at) * self.nominal_fps))
                    if current > index:  # more than a frame behind: skip to the frame of now
                        self.dropped += current - index
                        index = current
            self._next_index = index + 1
            t = index / self.nominal_fps
            image, _, truth = self.scene_at(t, frame_seed=index)
            return Frame(image, index, t, truth)


def _ease(x: float) -> float:
    """Belt motion: speeds up from rest and slows down to it."""
    x = min(max(x, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * x)
