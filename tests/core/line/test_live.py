"""The live line without a window: the latest-frame slot, parts from frames, and the whole pipeline on real sources
with the shipped model."""

import threading
import time

import numpy as np
import pytest

from cookie_inspector.core.errors import SourceError
from cookie_inspector.core.frames.capture import FolderSource
from cookie_inspector.core.frames.sources import Frame, FrameSource, SourceEnded
from cookie_inspector.core.judge.inspector import InspectionResult, Inspector, Verdict
from cookie_inspector.core.judge.presence import Presence, PresenceSettings, PresenceState
from cookie_inspector.core.line.live import Backoff, LatestFrameSlot, LinePipeline, LiveSettings, PartTracker
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.training import resolve_samples_dir
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.dataset import write_dataset
from cookie_inspector.synth.line import DemoLine, LineTiming
from cookie_inspector.synth.parts import DefectMix


@pytest.fixture(scope="module")
def demo_inspector() -> Inspector:
    return Inspector(load_bundle(demo_model_dir()))


def test_the_slot_keeps_only_the_newest_frame_and_counts_the_rest():
    slot = LatestFrameSlot()
    for i in range(3):
        slot.put(i)
    assert slot.take(timeout=0) == 2
    assert slot.dropped == 2
    assert slot.take(timeout=0.01) is None  # nothing newer
    slot.put(3)
    assert slot.take(timeout=0) == 3
    slot.close()
    assert slot.take(timeout=1) is None


def test_a_lossless_slot_holds_the_producer_back():
    slot = LatestFrameSlot(lossless=True)
    slot.put(0)
    second_put = threading.Event()

    def producer():
        slot.put(1)
        second_put.set()

    thread = threading.Thread(target=producer)
    thread.start()
    assert not second_put.wait(0.1)  # waits: 0 was not taken yet
    assert slot.take(timeout=1) == 0
    assert second_put.wait(2)
    assert slot.take(timeout=1) == 1
    thread.join()
    assert slot.dropped == 0


def _result(score: float) -> InspectionResult:
    tiny = np.zeros((4, 4, 3), np.float32)
    return InspectionResult(tiny, tiny, np.zeros((4, 4), np.float32), score, 1.0, 0.8, None)


def _frames(states_and_scores):
    present = Presence(PresenceState.PRESENT, 0.3, (0.5, 0.5))
    for index, item in enumerate(states_and_scores):
        frame = Frame(np.zeros((4, 4, 3), np.uint8), index, index / 30)
        if isinstance(item, PresenceState):
            yield frame, Presence(item), None
        else:
            yield frame, present, _result(item)


def test_parts_are_runs_of_present_frames_with_the_median_score():
    E, P, M = PresenceState.EMPTY, PresenceState.PARTIAL, PresenceState.MOVING
    sequence = [E, P, M, 0.5, 0.6, 2.0, 0.55, M, 0.5, P, P, E, M, 1.2, 1.3, 1.1, E, E, 0.9]
    tracker = PartTracker(end_after=2)
    parts = []
    for frame, presence, result in _frames(sequence):
        parts += tracker.add(frame, presence, result, "m")
    parts += tracker.flush()
    assert [p.number for p in parts] == [1, 2, 3]
    first, second, third = parts
    assert first.frames == 5 and first.score == pytest.approx(0.55)  # one odd frame (2.0) does not make it NG
    assert first.verdict is Verdict.OK and first.worst.score == 2.0
    assert second.verdict is Verdict.NG and second.score == pytest.approx(1.2)
    assert third.frames == 1 and third.verdict is Verdict.WARN
    assert (first.first_frame, first.last_frame) == (3, 8)


def test_a_part_is_judged_once_after_eight_frames_while_still_in_view():
    tracker = PartTracker(end_after=2)
    settled = []
    for frame, presence, result in _frames([0.5] * 7 + [1.5] * 10 + [PresenceState.EMPTY] * 3):
        settled.append(tracker.add(frame, presence, result, "m"))
    verdicts = [v for group in settled for v in group]
    assert len(verdicts) == 1 and settled[7] == verdicts  # on the 8th frame, not when the part leaves
    assert verdicts[0].frames == 8 and verdicts[0].score == pytest.approx(0.5)
    assert tracker.current is None and tracker.flush() == []


def test_a_jump_or_a_new_model_starts_a_new_part_and_single_frames_are_parts_of_their_own():
    tracker = PartTracker()
    frame = Frame(np.zeros((4, 4, 3), np.uint8), 0, 0.0)
    here, there = Presence(PresenceState.PRESENT, 0.3, (0.3, 0.5)), Presence(PresenceState.PRESENT, 0.3, (0.7, 0.5))
    assert tracker.add(frame, here, _result(0.1), "a") == []
    assert [p.number for p in tracker.add(frame, there, _result(0.1), "a")] == [1]
    assert [p.model for p in tracker.add(frame, there, _result(0.1), "b")] == ["a"]
    single = PartTracker(single_frames=True)
    assert [p.number for p in single.add(frame, here, _result(0.1), "a")] == [1]
    assert [p.number for p in single.add(frame, here, _result(0.1), "a")] == [2]


def _collect(pipeline: LinePipeline, parts: int, timeout: float = 60.0) -> list:
    verdicts: list = []
    done = threading.Event()

    def on_part(verdict):
        verdicts.append(verdict)
        if len(verdicts) >= parts:
            done.set()

    pipeline.on_part = on_part
    pipeline.start()
    try:
        assert done.wait(timeout), f"only {len(verdicts)} parts in {timeout} s"
    finally:
        assert pipeline.stop()
    return verdicts[:parts]


def test_the_demo_line_gives_one_verdict_per_part_and_finds_the_defective_ones(demo_inspector):
    """Every frame inspected (lossless, as fast as the model goes): half the parts carry an obvious defect. (Foreign
    flakes are left out: a pale one can be nearly invisible at any size, and the model's misses are measured in
    benchmarks/, not asserted here.)"""
    mix = DefectMix({"crack": 1, "chip": 1, "broken": 1, "burnt": 1}, severity=(0.8, 1.0))
    line = DemoLine(seed=3, realtime=False, defect_rate=0.5, mix=mix)
    frames = []
    pipeline = LinePipeline(line, demo_inspector, lossless=True, on_frame=frames.append)
    verdicts = _collect(pipeline, 6)
    truths = [v.truth for v in verdicts]
    assert [t.part for t in truths] == list(range(6))  # one verdict per part, in order
    assert any(t.defective for t in truths) and not all(t.defective for t in truths)
    for verdict in verdicts:
        assert (verdict.verdict is Verdict.NG) == verdict.truth.defective, verdict
        assert verdict.frames == 8  # judged as soon as it was seen in 8 frames
    assert pipeline.dropped == 0
    # frames without a whole, still part in the region were not inspected and belong to no part
    idle = [r for r in frames if not r.presence.present]
    assert idle and all(r.result is None and r.part is None for r in idle)
    assert all(r.frame.truth is not None for r in frames if r.presence.present)


def test_the_threshold_can_change_while_the_line_runs(demo_inspector):
    line = DemoLine(seed=3, realtime=False, defect_rate=0.0)
    pipeline = LinePipeline(line, demo_inspector, LiveSettings(threshold=1e-6), lossless=True)
    verdicts = _collect(pipeline, 1)
    assert verdicts[0].verdict is Verdict.NG and verdicts[0].threshold == 1e-6
    assert pipeline.update_settings(threshold=None).threshold is None


class FlakySource(FrameSource):
    """Fails to open ``failures`` times, then delivers plain frames; breaks once after ``break_after`` frames."""

    description = "flaky camera"

    def __init__(self, failures: int, break_after: int | None = None, frames: int = 50) -> None:
        self.failures = failures
        self.break_after = break_after
        self.frames = frames
        self.opens = 0
        self.closes = 0
        self.index = 0

    def open(self) -> None:
        self.opens += 1
        if self.opens <= self.failures:
            raise SourceError("flaky camera: not plugged in")

    def read(self) -> Frame:
        time.sleep(0.002)
        if self.break_after is not None and self.index == self.break_after:
            self.break_after = None
            raise SourceError("flaky camera: cable pulled")
        if self.index >= self.frames:
            raise SourceEnded("done")
        self.index += 1
        return Frame(np.full((48, 64, 3), 90, np.uint8), self.index - 1, self.index / 30)

    def close(self) -> None:
        self.closes += 1


def test_a_failing_source_is_retried_and_the_line_comes_back(demo_inspector):
    statuses: list[tuple[str, str]] = []
    frames: list = []
    source = FlakySource(failures=2, break_after=10)
    pipeline = LinePipeline(source, demo_inspector, backoff=Backoff(0.01, 0.05), on_status=lambda s, m:
                            statuses.append((s, m)), on_frame=frames.append, lossless=True)  # fmt: skip
    pipeline.start()
    assert pipeline.wait(timeout=20)
    states = [s for s, _ in statuses]
    assert states[:5] == ["opening", "retrying", "opening", "retrying", "opening"]
    assert "flaky camera: not plugged in" in statuses[1][1] and "trying again" in statuses[1][1]
    assert any("cable pulled" in m for s, m in statuses if s == "retrying")
    assert states[-1] == "ended"
    assert len(frames) == 50  # every frame before and after the break arrived
    assert source.opens == 4 and source.closes >= 4
    assert all(r.presence.state is PresenceState.EMPTY for r in frames)  # a blank view is no part


def test_stop_ends_both_threads_even_on_a_realtime_source(demo_inspector):
    pipeline = LinePipeline(DemoLine(seed=1), demo_inspector)
    pipeline.start()
    time.sleep(0.3)
    assert pipeline.running
    started = time.monotonic()
    assert pipeline.stop(timeout=5)
    assert time.monotonic() - started < 2
    assert not pipeline.running
    assert pipeline.frames_captured > 0


def test_a_model_swap_applies_from_the_next_part(demo_inspector):
    line = DemoLine(seed=4, realtime=False, defect_rate=0.0, timing=LineTiming(rest=0.5))
    pipeline = LinePipeline(line, demo_inspector, lossless=True)
    models = []

    def on_part(verdict):
        models.append(verdict.model)
        if len(models) == 1:
            pipeline.set_inspector(Inspector(load_bundle(demo_model_dir())))

    pipeline.on_part = on_part
    pipeline.start()
    deadline = time.monotonic() + 60
    while len(models) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pipeline.stop()
    assert len(models) >= 3 and pipeline.inspector is not demo_inspector


def test_without_a_region_of_its_own_the_line_inspects_the_one_the_model_was_trained_on(demo_inspector):
    from cookie_inspector.core.frames.preprocess import Roi
    from cookie_inspector.core.model.bundle import ModelBundle

    bundle = demo_inspector.bundle
    trained_on = ModelBundle(bundle.path, bundle.model, {**bundle.meta, "preprocessing": {"roi": [100, 40, 260, 260]}})

    def regions(settings: LiveSettings) -> set:
        reports = []
        pipeline = LinePipeline(DemoLine(seed=4, realtime=False), Inspector(trained_on), settings, lossless=True,
                                on_frame=reports.append)  # fmt: skip
        pipeline.start()
        try:
            deadline = time.monotonic() + 30
            while len(reports) < 5 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            assert pipeline.stop()
        assert len(reports) >= 5
        return {r.roi for r in reports}

    assert regions(LiveSettings()) == {Roi(100, 40, 260, 260)}
    assert regions(LiveSettings(roi=Roi(10, 10, 200, 200))) == {Roi(10, 10, 200, 200)}  # the operator's wins


class GreyLine(DemoLine):
    """The demo line through a monochrome camera: three equal channels."""

    def read(self) -> Frame:
        import cv2

        frame = super().read()
        grey = cv2.cvtColor(cv2.cvtColor(frame.image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
        return Frame(grey, frame.index, frame.timestamp, frame.truth)


def test_a_grey_camera_for_a_colour_model_is_said_once_and_the_line_goes_on(demo_inspector):
    statuses = []
    line = GreyLine(seed=4, realtime=False)
    pipeline = LinePipeline(line, demo_inspector, lossless=True, on_status=lambda s, m: statuses.append((s, m)))
    _collect(pipeline, 3)
    warnings = [m for s, m in statuses if s == "warning"]
    assert warnings == [f"{line.description}: a grey picture, but the model was trained on colour ones: its verdict "
                        "is unreliable (train a model on grey samples, or give colour pictures)"]  # fmt: skip
    assert "warning" not in {pipeline.state}


def test_the_last_photo_of_a_folder_is_judged_too(tmp_path, demo_inspector):
    """The end of a folder comes right after its last photo: it must not take that photo's place in the slot."""
    write_dataset(tmp_path / "set", seed=3, train=4, test_good=0, test_defect=0)
    folder = resolve_samples_dir(tmp_path / "set")
    last = sorted(p.name for p in folder.iterdir())[-1]
    demo_inspector.inspect_batch([np.zeros((300, 300, 3), np.uint8)])  # warm: no photo is dropped for the first
    for _ in range(3):
        parts = []
        source = FolderSource(folder, fps=5.0)  # realtime: a slot that keeps only the newest frame
        settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
        pipeline = LinePipeline(source, demo_inspector, settings, on_part=parts.append)
        pipeline.start()
        deadline = time.monotonic() + 30
        while pipeline.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert pipeline.stop(timeout=10)
        assert parts and parts[-1].photo.path.name == last and len(parts) == 4


def test_a_folder_waits_for_its_model_so_that_no_photo_passes_unjudged(tmp_path, demo_inspector):
    """The window loads its model in the background: a folder must not play to its end meanwhile."""
    write_dataset(tmp_path / "set", seed=4, train=3, test_good=0, test_defect=0)
    parts = []
    settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
    source = FolderSource(resolve_samples_dir(tmp_path / "set"), fps=5.0)
    pipeline = LinePipeline(source, None, settings, on_part=parts.append)
    pipeline.start()
    time.sleep(1.0)  # 5 photos a second: the folder would be over by now
    assert pipeline.state == "opening" and pipeline.frames_captured == 0
    demo_inspector.inspect_batch([np.zeros((300, 300, 3), np.uint8)])
    pipeline.set_inspector(demo_inspector)
    deadline = time.monotonic() + 30
    while pipeline.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pipeline.stop(timeout=10)
    assert len(parts) == 3


def test_a_photo_is_never_dropped_while_the_model_is_slow_on_the_first_one(tmp_path, monkeypatch):
    """A model's first inference is slow (it warms up); photos paced faster than that must each be judged, none
    replaced in the slot by the next (a restart once logged 54 parts for 55 photos)."""
    write_dataset(tmp_path / "set", seed=5, train=6, test_good=0, test_defect=0)
    folder = resolve_samples_dir(tmp_path / "set")
    inspector = Inspector(load_bundle(demo_model_dir()))
    judge = inspector.results_for
    calls = []

    def slow_first(*args, **kwargs):
        if not calls:
            time.sleep(0.8)  # as a cold model: 8 photos are due meanwhile
        calls.append(1)
        return judge(*args, **kwargs)

    monkeypatch.setattr(inspector, "results_for", slow_first)
    parts = []
    settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
    pipeline = LinePipeline(FolderSource(folder, fps=10.0), inspector, settings, on_part=parts.append)
    pipeline.start()
    deadline = time.monotonic() + 60
    while pipeline.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pipeline.stop(timeout=10)
    names = sorted(p.name for p in folder.iterdir())
    assert [p.photo.path.name for p in parts] == names and pipeline.dropped == 0
    assert [p.number for p in parts] == list(range(1, len(names) + 1))


def test_a_watched_folder_waits_without_losing_the_signal_and_judges_what_arrives(tmp_path, demo_inspector):
    folder = tmp_path / "hot"
    write_dataset(tmp_path / "set", seed=6, train=3, test_good=0, test_defect=0)
    photos = sorted(resolve_samples_dir(tmp_path / "set").iterdir())
    folder.mkdir()
    parts, states = [], []
    settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
    source = FolderSource(folder, realtime=False, watch=True, settle=0.2, poll=0.05)
    pipeline = LinePipeline(source, demo_inspector, settings, on_part=parts.append,
                            on_status=lambda s, m: states.append((s, m)))  # fmt: skip
    pipeline.start()
    try:
        _wait(lambda: pipeline.state == "waiting")
        for photo in photos:  # a camera program writes them one by one
            (folder / photo.name).write_bytes(photo.read_bytes())
            time.sleep(0.1)
        _wait(lambda: len(parts) == len(photos) and pipeline.state == "waiting")
        assert [p.photo.path.name for p in parts] == [p.name for p in photos]
        assert "waiting for new photos (3 judged)" in pipeline.message
        assert not any(state in ("retrying", "ended") for state, _ in states)
    finally:
        assert pipeline.stop(timeout=10)


def _wait(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_folder_holds_its_photos_while_the_line_has_no_model_and_goes_on_after(tmp_path, demo_inspector):
    """A new product taught while a folder plays: its photos wait (none read, none judged) until a model is back."""
    write_dataset(tmp_path / "set", seed=7, train=10, test_good=0, test_defect=0)
    folder = resolve_samples_dir(tmp_path / "set")
    parts = []
    settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
    pipeline = LinePipeline(FolderSource(folder, fps=5.0), demo_inspector, settings, on_part=parts.append)
    pipeline.start()
    try:
        _wait(lambda: len(parts) >= 2)
        pipeline.set_inspector(None)
        _wait(lambda: pipeline.state == "held")
        held_at = (pipeline.frames_captured, len(parts))
        time.sleep(1.0)  # 5 photos a second: 5 more would be read by now
        assert pipeline.frames_captured == held_at[0] and len(parts) <= held_at[1] + 1 and held_at[0] < 8
        pipeline.set_inspector(demo_inspector)
        _wait(lambda: len(parts) == 10)
    finally:
        assert pipeline.stop(timeout=10)
    assert sorted(p.photo.path.name for p in parts) == sorted(p.name for p in folder.iterdir())
