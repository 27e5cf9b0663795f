"""The live demo line: a camera-like source with a steady frame rate and the truth of every part."""

import time

import numpy as np
import pytest

from cookie_inspector.core.errors import SourceError
from cookie_inspector.synth.line import DemoLine, LineTiming
from cookie_inspector.synth.parts import GOOD, DefectMix

SMALL = (160, 120)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_frames_follow_the_schedule_exactly_on_a_fake_clock():
    clock = FakeClock()
    line = DemoLine(fps=25, frame_size=SMALL, clock=clock, sleep=clock.sleep)
    with line:
        frames = [line.read() for _ in range(100)]
    assert [f.index for f in frames] == list(range(100))
    assert [f.timestamp for f in frames] == [i / 25 for i in range(100)]
    assert clock.now == pytest.approx(100.0 + 99 / 25)  # waited for each frame's moment, no more
    assert line.dropped == 0


def test_a_late_reader_gets_the_current_frame_and_the_missed_ones_are_counted():
    clock = FakeClock()
    line = DemoLine(fps=30, frame_size=SMALL, clock=clock, sleep=clock.sleep)
    with line:
        first = line.read()
        clock.now += 0.5  # the reader was busy for half a second
        late = line.read()
        after = line.read()
    assert first.index == 0
    assert late.index == 15 and late.timestamp == pytest.approx(0.5)
    assert after.index == 16
    assert line.dropped == 14


def test_real_time_rate_without_drift():
    """A headless run on the real clock: 2 s of frames arrive at 30 fps, and the schedule does not slip."""
    line = DemoLine(fps=30, frame_size=SMALL)
    with line:
        start = time.monotonic()
        frames = [line.read()]
        while frames[-1].index < 59:
            frames.append(line.read())
        elapsed = time.monotonic() - start
    # Frame k is due at k/30 s after opening: the last one at 59/30 s, however the reads went. Rendering a small
    # frame takes a millisecond, so normally nothing is dropped; a stall of the machine may drop a frame or two,
    # but never delays the schedule.
    assert elapsed == pytest.approx(59 / 30, abs=0.25)
    assert all(f.timestamp == f.index / 30 for f in frames)
    assert len(frames) + line.dropped == 60
    assert line.dropped <= 3


def test_a_cycle_is_enter_rest_leave_gap_with_truth():
    timing = LineTiming()
    line = DemoLine(seed=1, fps=30, frame_size=SMALL, realtime=False, timing=timing)
    x, y, side = line.station.centre_square()
    with line:
        frames = [line.read() for _ in range(int(2 * timing.cycle * 30))]
    phases = [f.truth.phase if f.truth else None for f in frames]
    first_cycle = phases[: int(timing.cycle * 30)]
    order = [p for i, p in enumerate(first_cycle) if i == 0 or first_cycle[i - 1] != p]
    assert order == ["entering", "resting", "leaving", None]
    resting = [f for f in frames if f.truth and f.truth.phase == "resting"]
    assert len(resting) == pytest.approx(2 * timing.rest * 30, abs=2)
    assert all(f.truth.inside(x, y, side, side) for f in resting)
    assert not frames[0].truth.inside(x, y, side, side)  # the first frame shows the cookie coming in
    assert {f.truth.part for f in frames if f.truth} == {0, 1}
    for f in frames:
        if f.truth:
            assert f.truth.label == line.part_spec(f.truth.part).label
    # The empty belt really is empty: the gap frames differ from the resting ones where the cookie lies.
    gap = next(f for f in frames if f.truth is None)
    assert np.abs(gap.image.astype(int) - resting[0].image.astype(int)).mean() > 10


def test_defect_rate_and_every_defect_type_over_many_parts():
    line = DemoLine(seed=2, frame_size=SMALL, defect_rate=0.15)
    labels = [line.part_spec(n).label for n in range(1000)]
    defective = [label for label in labels if label != GOOD]
    assert 0.11 < len(defective) / len(labels) < 0.19
    assert set(defective) == {"crack", "chip", "broken", "burnt", "foreign"}
    again, other = DemoLine(seed=2, frame_size=SMALL), DemoLine(seed=3, frame_size=SMALL)
    assert labels == [again.part_spec(n).label for n in range(1000)]
    assert labels != [other.part_spec(n).label for n in range(1000)]


def test_a_defective_resting_part_has_its_defect_mask_in_the_frame():
    line = DemoLine(seed=0, frame_size=SMALL, defect_rate=1.0, mix=DefectMix({"burnt": 1.0}))
    timing = line.timing
    image, mask, truth = line.scene_at(timing.enter + timing.rest / 2)
    assert truth.defective and truth.phase == "resting"
    assert mask.any()
    bx, by, bw, bh = truth.box
    ys, xs = np.nonzero(mask)
    assert xs.min() >= bx and xs.max() < bx + bw and ys.min() >= by and ys.max() < by + bh


def test_reading_a_closed_line_is_a_clear_error():
    line = DemoLine(frame_size=SMALL)
    with pytest.raises(SourceError, match="not open"):
        line.read()
