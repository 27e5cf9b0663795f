"""The live line without a window: capture thread -> latest-frame slot -> inspection thread -> parts and verdicts.

Capture never waits for the model: the slot holds only the newest frame, and a frame replaced before the inspector
took it is counted as dropped, never queued. The inspection thread finds out whether a product is in the region
(:mod:`~cookie_inspector.core.judge.presence`), runs the model only when one is, whole and still, and groups consecutive
frames of one product into a part with one verdict (:class:`PartTracker`). A source that fails is reopened with a
growing pause; the model, the region and the threshold can be swapped between two frames from any thread.

The window (``gui``) and the headless ``run`` command drive the very same :class:`LinePipeline`; the window turns
its callbacks into Qt signals. Callbacks run on the worker threads and must return quickly.
"""

from __future__ import annotations

import dataclasses
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cookie_inspector.core.errors import InspectorError, SourceError
from cookie_inspector.core.frames.preprocess import DefaultRegion, Roi, resolve_roi
from cookie_inspector.core.frames.sources import Frame, FrameSource, SourceEnded, SourceWaiting
from cookie_inspector.core.judge.inspector import InspectionResult, Inspector, Verdict, verdict_for
from cookie_inspector.core.judge.presence import (
    FRAMING_PRODUCT,
    Presence,
    PresenceSettings,
    PresenceState,
    around_product,
    assess,
    check_framing,
)
from cookie_inspector.core.line.calibration import LineCalibration


@dataclass(frozen=True)
class LiveSettings:
    """What the operator can change while the line runs; replaced as a whole, read once per frame."""

    roi: Roi | None = None
    """The inspection region in frame pixels; None: the model's own (``train --roi``), else the largest centred
    square."""
    threshold: float | None = None
    """Alarm threshold in score units; None: the model's calibrated one. The warning line keeps its ratio to it."""
    presence: PresenceSettings = field(default_factory=PresenceSettings)
    framing: str | None = None
    """``"product"``: the model sees the region around the product found in the region on each frame (a product
    being taught around the product: its samples are captured so); ``"region"``: the region as it is; None: as the
    active model was taught (its bundle's framing)."""

    def __post_init__(self) -> None:
        if self.framing is not None:
            check_framing(self.framing)


@dataclass(frozen=True)
class FrameReport:
    """One inspected frame, for the live view and the score plot."""

    frame: Frame
    roi: Roi
    presence: Presence
    result: InspectionResult | None
    """The model's result; None when no part is in the region (the model is not run then)."""
    part: int | None
    """The number of the part this frame belongs to, when it counted for one."""
    latency: float
    """Seconds from the frame's arrival from the source to the end of its inspection."""
    region: Roi | None = None
    """The region watched (where presence is judged); ``roi`` is the part of it the model saw: the region around
    the product when the line frames the product (None: the same as ``roi``)."""
    model: str = ""
    """The model that judged the frame (:func:`model_name`; empty when none did)."""


@dataclass(frozen=True)
class PartVerdict:
    """The one verdict of one part, from its first frames in view (see :class:`PartTracker`)."""

    number: int
    verdict: Verdict
    score: float
    """The median of those frames' scores (one odd frame neither raises nor hides an alarm)."""
    threshold: float
    warn_threshold: float
    frames: int
    first_frame: int
    last_frame: int
    started: float
    """Wall-clock time (``time.time()``) of its first frame."""
    ended: float
    """Wall-clock time of the last frame the verdict used."""
    model: str
    worst: InspectionResult
    """The part's highest-scoring frame: its images are what an NG record keeps."""
    worst_frame: np.ndarray
    """The original BGR frame of ``worst``."""
    truth: Any = None
    """The source's truth about the part (the demo line's), from its worst frame."""
    threshold_from: str = ""
    """Where the threshold came from: ``operator`` (set by hand), ``samples``, ``conservative`` (the line's
    calibration had too few parts yet) or ``line`` (calibrated on the line's parts), with ``parts/of`` while the
    line's calibration is running (``line 63/200``)."""
    run: str = ""
    """The run of an NG part brought back from the log after a restart (empty for the live line's parts)."""
    overlay_path: str = ""
    """Such a part's stored picture with its heatmap (its live image is gone)."""
    photo: Any = None
    """The photo the part is, from a folder source (:class:`~cookie_inspector.core.frames.capture.Photo`)."""

    @property
    def normalized_score(self) -> float:
        return self.score / self.threshold


def truth_dict(truth: Any) -> dict | None:
    """A part's truth as plain data for JSON: a dataclass's fields (the demo line's), else its name (a photo's)."""
    if truth is None:
        return None
    fields = getattr(truth, "__dataclass_fields__", None)
    if fields:
        return {name: getattr(truth, name) for name in fields}
    return {"name": str(truth)}


class PartTracker:
    """Groups present frames into parts and gives each part one verdict.

    The verdict comes once the part has been seen in ``decide_after`` frames (the median of their scores), so an NG
    part raises its alarm while it is still under the camera; a part that leaves sooner is judged on the frames it
    had. Later frames of a judged part are still inspected (the heatmap follows it) but judge nothing. A part ends
    after ``end_after`` frames in a row without it (empty or partial), when the product seen jumps elsewhere (a new
    one), or when the model changes. Moving frames neither add to a part nor end it. With ``single_frames`` every
    present frame is a part of its own (a folder of photos).
    """

    def __init__(self, end_after: int = 2, single_frames: bool = False, jump: float = 0.15,
                 decide_after: int = 8) -> None:  # fmt: skip
        self.end_after = max(1, end_after)
        self.single_frames = single_frames
        self.jump = jump
        self.decide_after = max(1, decide_after)
        self.count = 0
        self._frames: list[tuple[Frame, InspectionResult, float]] = []
        self._decided = False
        self._centre: tuple[float, float] | None = None
        self._absent = 0
        self._model = ""

    @property
    def current(self) -> int | None:
        """The number of the part being seen, if any."""
        return self.count if self._frames else None

    def add(
        self, frame: Frame, presence: Presence, result: InspectionResult | None, model: str = ""
    ) -> list[PartVerdict]:
        """Feed one frame; returns the verdicts it settled (none, or one; two when a part ends undecided as the next
        one appears)."""
        settled: list[PartVerdict] = []
        if presence.present and result is not None:
            moved = (
                self._centre is not None
                and presence.centre is not None
                and np.hypot(presence.centre[0] - self._centre[0], presence.centre[1] - self._centre[1]) > self.jump
            )
            if self._frames and (moved or model != self._model):
                settled += self._end()
            if not self._frames:
                self.count += 1
                self._centre = presence.centre
                self._model = model
            self._absent = 0
            if self._decided:
                self._frames[-1] = (frame, result, time.time())  # keep only the last: the part is judged
                return settled
            self._frames.append((frame, result, time.time()))
            if self.single_frames:
                settled += self._end()
            elif len(self._frames) >= self.decide_after:
                settled.append(self._verdict())
                self._decided = True
        elif presence.state in (PresenceState.EMPTY, PresenceState.PARTIAL) and self._frames:
            self._absent += 1
            if self._absent >= self.end_after:
                settled += self._end()
        return settled

    def flush(self) -> list[PartVerdict]:
        """End the part in progress, if any (the source ended or the line stops); its verdict if it had none."""
        return self._end() if self._frames else []

    def _end(self) -> list[PartVerdict]:
        verdicts = [] if self._decided else [self._verdict()]
        self._frames = []
        self._decided = False
        self._absent = 0
        self._centre = None
        return verdicts

    def _verdict(self) -> PartVerdict:
        frames = self._frames
        scores = [r.score for _, r, _ in frames]
        worst_frame, worst, _ = max(frames, key=lambda item: item[1].score)
        score = float(statistics.median(scores))
        return PartVerdict(
            number=self.count,
            verdict=verdict_for(score, worst.threshold, worst.warn_threshold),
            score=score,
            threshold=worst.threshold,
            warn_threshold=worst.warn_threshold,
            frames=len(frames),
            first_frame=frames[0][0].index,
            last_frame=frames[-1][0].index,
            started=frames[0][2],
            ended=frames[-1][2],
            model=self._model,
            worst=worst,
            worst_frame=worst_frame.image,
            truth=worst_frame.truth,
            photo=worst_frame.photo,
        )


class LatestFrameSlot:
    """Holds only the newest item; ``take`` waits for one newer than the last taken. Replaced items are counted.

    ``lossless`` makes ``put`` wait until the previous item was taken instead (for scoring a file or a
    non-realtime demo line frame by frame, where nothing may be dropped).
    """

    def __init__(self, lossless: bool = False) -> None:
        self.lossless = lossless
        self._condition = threading.Condition()
        self._item: Any = None
        self._sequence = 0
        self._taken = 0
        self._closed = False
        self.dropped = 0

    def put(self, item: Any, after_pending: bool = False) -> None:
        """``after_pending``: wait until the item now held is taken, as a lossless slot always does (the end of a
        source must not replace its last frame, which would then never be judged)."""
        with self._condition:
            if self.lossless or after_pending:
                self._condition.wait_for(lambda: self._sequence == self._taken or self._closed)
            if self._closed:  # the line is stopping: nobody will take it, and it was not dropped for a newer one
                return
            if self._sequence > self._taken:
                self.dropped += 1
            self._item = item
            self._sequence += 1
            self._condition.notify_all()

    def take(self, timeout: float | None = None) -> Any:
        """The newest item not yet taken, or None after ``timeout`` seconds or once closed and empty."""
        with self._condition:
            self._condition.wait_for(lambda: self._sequence > self._taken or self._closed, timeout)
            if self._sequence > self._taken:
                self._taken = self._sequence
                self._condition.notify_all()
                return self._item
            return None

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


@dataclass(frozen=True)
class Backoff:
    """Pauses between attempts to reopen a failed source: ``first``, doubling up to ``longest`` seconds."""

    first: float = 0.5
    longest: float = 8.0

    def delays(self):
        delay = self.first
        while True:
            yield delay
            delay = min(delay * 2, self.longest)


class _RateMeter:
    """Events per second over the last ``window`` seconds."""

    def __init__(self, window: float = 2.0) -> None:
        self.window = window
        self._times: list[float] = []

    def tick(self, now: float) -> None:
        self._times.append(now)
        cutoff = now - self.window
        while self._times and self._times[0] < cutoff:
            self._times.pop(0)

    def rate(self) -> float:
        if len(self._times) < 2:
            return 0.0
        span = self._times[-1] - self._times[0]
        return (len(self._times) - 1) / span if span > 0 else 0.0


_END = object()


def model_name(inspector: Inspector) -> str:
    """How records and the status bar name the model: its folder, or its architecture when it has none."""
    bundle = inspector.bundle
    return bundle.path.name if bundle.path is not None else bundle.architecture


SAID_ONCE = frozenset({"reconnected", "warning"})
"""Status events that tell something once without changing the line's state."""


class LinePipeline:
    """A frame source and an inspector joined by two threads. ``start``, then ``stop`` (or wait for the end of a
    finite source with :meth:`wait`). The inspector may be None until a model is loaded (:meth:`set_inspector`):
    frames then arrive with their presence but no result, and no part is judged.

    ``on_frame(FrameReport)``, ``on_part(PartVerdict)``, ``on_status(state, message)`` and ``on_capture(Frame)``
    (every frame the source delivers, for a display that runs at camera rate) are called from the worker threads;
    ``state`` is one of ``"opening"``, ``"running"``, ``"retrying"``, ``"reconnected"`` (said once, when frames come
    back after a retry; the line is running again), ``"held"`` (a folder or a file waits for a model: the model was
    taken away, as while a new product is taught, and no photo may pass unjudged), ``"warning"`` (the frames do not
    suit the model: grey frames for a colour model, a region far from square; said once per model and region),
    ``"waiting"`` (a watched folder
    has judged every photo so far and waits for the next: nothing is missing), ``"ended"``, ``"stopped"`` or
    ``"error"`` (an inspection failed on a frame; the line goes on). The states of :data:`SAID_ONCE` are news, not
    a state: :attr:`state` stays what it was.
    """

    def __init__(
        self,
        source: FrameSource,
        inspector: Inspector | None,
        settings: LiveSettings | None = None,
        *,
        on_frame: Callable[[FrameReport], None] | None = None,
        on_part: Callable[[PartVerdict], None] | None = None,
        on_status: Callable[[str, str], None] | None = None,
        on_capture: Callable[[Frame], None] | None = None,
        region: DefaultRegion | None = None,
        backoff: Backoff | None = None,
        end_after: int = 2,
        lossless: bool = False,
        calibration: LineCalibration | None = None,
        limit: int | None = None,
        first_part: int = 1,
        learn: bool = True,
    ) -> None:
        self._source = source
        self.first_part = max(1, int(first_part))
        """The number of the first part this line judges: a line started again within a run (after a pause) goes on
        counting, so a run's part numbers stay unique."""
        self._inspector = inspector
        self._calibration = calibration
        self.learn = learn
        """The line's calibration learns from the parts judged (False: a replay, whose photos it has seen)."""
        self.limit = limit
        """Parts after which the line gives no more verdicts (``run --parts``); None: no limit."""
        self._settings = settings or LiveSettings()
        self.region: DefaultRegion | None = region
        """Where to look without a region set; None: where the model in use looks (its training pictures' shape)."""
        self.on_frame = on_frame
        self.on_part = on_part
        self.on_status = on_status
        self.on_capture = on_capture
        self.backoff = backoff or Backoff()
        self.end_after = end_after
        self.lossless = lossless
        """Inspect every frame, holding the source back when the model is slower (files; never a camera)."""
        self._slot = LatestFrameSlot(lossless)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._tracker_reset = threading.Event()
        self._capture_rate = _RateMeter()
        self._inspect_rate = _RateMeter()
        self.frames_captured = 0
        self.frames_inspected = 0
        self.parts = 0
        self.state = "stopped"
        self.message = ""
        self._lost_at: float | None = None
        """``time.monotonic()`` when the source last failed, until its frames come back."""
        self._checked: tuple[int, Roi] | None = None
        """The model and region whose input was last checked (:meth:`Inspector.input_warnings`)."""

    # -- what may change while running (any thread) -------------------------------------------------------------
    @property
    def settings(self) -> LiveSettings:
        return self._settings

    def set_settings(self, settings: LiveSettings) -> None:
        self._settings = settings

    def update_settings(self, **changes: Any) -> LiveSettings:
        self._settings = dataclasses.replace(self._settings, **changes)
        return self._settings

    @property
    def inspector(self) -> Inspector | None:
        return self._inspector

    def set_inspector(self, inspector: Inspector | None, calibration: LineCalibration | None = None) -> None:
        """Use another model from the next frame on; the part in progress is finished with the old one.
        ``calibration``: the line's calibration of that model (None: the model's own thresholds)."""
        self._calibration = calibration
        self._inspector = inspector

    @property
    def source(self) -> FrameSource:
        return self._source

    # -- figures -------------------------------------------------------------------------------------------------
    @property
    def dropped(self) -> int:
        """Frames the source delivered that the inspector never saw (it was busy with a newer one's predecessor)."""
        return self._slot.dropped

    def capture_fps(self) -> float:
        return self._capture_rate.rate()

    def inspect_fps(self) -> float:
        return self._inspect_rate.rate()

    # -- running -------------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def start(self) -> None:
        if self.running:
            raise RuntimeError("the line is already running")
        self._stop.clear()
        self._slot = LatestFrameSlot(self.lossless)
        self._threads = [
            threading.Thread(target=self._capture_loop, name="cookie-inspector-capture", daemon=True),
            threading.Thread(target=self._inspect_loop, name="cookie-inspector-inspect", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop both threads; True when they have ended within ``timeout`` seconds."""
        self._stop.set()
        self._slot.close()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        ended = not self.running
        if ended:
            self._status("stopped", "")
        return ended

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a finite source to end (or a stop); True when both threads have ended."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not self.running

    def thresholds(self, settings: LiveSettings, inspector: Inspector) -> tuple[float, float]:
        """(threshold, warning threshold) now: the operator's, else the line's calibration, else the model's."""
        if settings.threshold is not None:
            return settings.threshold, settings.threshold * inspector.warn_threshold / inspector.threshold
        calibration = self._calibration
        if calibration is not None:
            return calibration.thresholds()
        return inspector.threshold, inspector.warn_threshold

    def threshold_from(self, settings: LiveSettings) -> str:
        """Where the threshold comes from now (see :attr:`PartVerdict.threshold_from`)."""
        if settings.threshold is not None:
            return "operator"
        calibration = self._calibration
        return calibration.label() if calibration is not None else "samples"

    def _status(self, state: str, message: str) -> None:
        if state not in SAID_ONCE:
            self.state, self.message = state, message
        if self.on_status:
            self.on_status(state, message)

    def _capture_loop(self) -> None:
        delays = self.backoff.delays()
        source = self._source
        self._lost_at = None
        try:
            if source.finite and self._inspector is None:  # a folder or a file: no photo may pass unjudged
                self._status("opening", f"{source.description}: waiting for the model to load")
                while self._inspector is None and not self._stop.wait(0.05):
                    pass
            while not self._stop.is_set():
                try:
                    self._status("opening", source.description)
                    source.open()
                    self._status("running", source.description)
                    delays = self.backoff.delays()
                    while not self._stop.is_set():
                        if source.finite and self._inspector is None:  # no photo passes unjudged meanwhile
                            if self.state != "held":
                                self._status("held", f"{source.description}: waiting for the model")
                            self._stop.wait(0.05)
                            continue
                        if self.state == "held":
                            self._status("running", source.description)
                        try:
                            frame = source.read()
                        except SourceWaiting as exc:  # a watched folder: nothing new yet, nothing lost
                            if self.state != "waiting" or self.message != str(exc):
                                self._status("waiting", str(exc))
                            continue
                        if self.state == "waiting":
                            self._status("running", source.description)
                        if self._lost_at is not None:  # frames again: say so, the last word was "trying again"
                            gone = time.monotonic() - self._lost_at
                            self._lost_at = None
                            news = f"{source.description}: reconnected after {gone:.0f} s without frames"
                            self._status("reconnected", news)
                        self.frames_captured += 1
                        self._capture_rate.tick(time.monotonic())
                        if self.on_capture:
                            self.on_capture(frame)
                        # a folder's photo is a part: it waits for the one before to be judged, never replaces it
                        self._slot.put((frame, time.monotonic()), after_pending=source.keeps_every_frame)
                except SourceEnded as exc:
                    self._slot.put(_END, after_pending=True)  # the last frame is judged first
                    self._status("ended", str(exc) or f"{source.description}: no more frames")
                    return
                except (SourceError, InspectorError, OSError) as exc:
                    self._retry_after(str(exc), next(delays))
                except Exception as exc:  # noqa: BLE001 - a driver's surprise must not kill the line
                    self._retry_after(f"{source.description}: {type(exc).__name__}: {exc}", next(delays))
                finally:
                    source.close()
        finally:
            self._slot.close()

    def _retry_after(self, message: str, delay: float) -> None:
        if self._lost_at is None:
            self._lost_at = time.monotonic()
        self._status("retrying", f"{message}; trying again in {delay:g} s")
        self._stop.wait(delay)

    def _inspect_loop(self) -> None:
        tracker = PartTracker(end_after=self.end_after)
        tracker.count = self.first_part - 1
        previous: Presence | None = None
        previous_index = -1
        while True:
            item = self._slot.take(timeout=0.2)
            if item is None:
                if self._stop.is_set():
                    break
                continue
            if item is _END:
                break
            frame, arrived = item
            while self._inspector is None and self._source.keeps_every_frame and not self._stop.is_set():
                self._stop.wait(0.05)  # a photo read before the model was taken away waits for one, never lost
            settings, inspector = self._settings, self._inspector
            tracker.single_frames = settings.presence.mode == "every-frame"
            try:
                report, finished = self._inspect_one(frame, arrived, settings, inspector, tracker, previous,
                                                     frame.index - previous_index)  # fmt: skip
            except (InspectorError, ValueError) as exc:
                self._status("error", f"frame {frame.index}: {exc}")
                continue
            previous, previous_index = report.presence, frame.index
            self.frames_inspected += 1
            self._inspect_rate.tick(time.monotonic())
            if self.on_frame:
                self.on_frame(report)
            self._emit(finished)
        self._emit(tracker.flush())

    def _emit(self, finished: list[PartVerdict]) -> None:
        for verdict in finished:
            if self.limit is not None and self.parts >= self.limit:
                return  # judged while the line stops after its last part: neither said nor counted anywhere
            self.parts += 1
            # where its threshold came from: the calibration's state before this part is added to it
            verdict = dataclasses.replace(verdict, threshold_from=self.threshold_from(self._settings))
            calibration, inspector = self._calibration, self._inspector
            own = inspector is not None and verdict.model == model_name(inspector)
            if self.learn and calibration is not None and own:  # a replay's photos taught it already
                calibration.add(verdict.score, verdict.number)
            if self.on_part:
                self.on_part(verdict)

    def _inspect_one(
        self,
        frame: Frame,
        arrived: float,
        settings: LiveSettings,
        inspector: Inspector | None,
        tracker: PartTracker,
        previous: Presence | None,
        frames_since: int,
    ) -> tuple[FrameReport, list[PartVerdict]]:
        chosen = settings.roi if settings.roi is not None else (inspector.roi if inspector is not None else None)
        framing = settings.framing or (inspector.framing if inspector is not None else None)
        if self.region is not None:
            region = self.region
        elif framing == FRAMING_PRODUCT:
            region = "full"  # the product is looked for on the whole picture
        else:
            region = inspector.region if inspector is not None else "center"
        roi = base = resolve_roi(frame.image.shape, chosen, region)  # the line's region, else the model's own
        presence = assess(roi.crop(frame.image), settings.presence, previous, frames_since)
        if framing == FRAMING_PRODUCT and presence.state is not PresenceState.EMPTY:
            roi = around_product(frame.image, base)  # the product, framed as its samples were
        if inspector is None:  # the model is still loading: the frame is shown, nothing is judged
            return FrameReport(frame, roi, presence, None, None, time.monotonic() - arrived, base), []
        result = None
        if presence.present:
            if self._checked != (id(inspector), base):  # once per model and region: a grey camera, a long region
                self._checked = (id(inspector), base)
                for warning in inspector.input_warnings(frame.image, roi):
                    self._status("warning", f"{self._source.description}: {warning}")
            image = inspector.prepare(frame.image, roi)
            result = inspector.results_for(image[None], [roi])[0]
            threshold, warn = self.thresholds(settings, inspector)
            if (threshold, warn) != (result.threshold, result.warn_threshold):
                result = dataclasses.replace(result, threshold=threshold, warn_threshold=warn)
        finished = tracker.add(frame, presence, result, model_name(inspector))
        part = None
        if result is not None:  # the part this frame belongs to (a single-frame part is over already)
            part = tracker.current if tracker.current is not None else finished[-1].number
        report = FrameReport(frame, roi, presence, result, part, time.monotonic() - arrived, base,
                             model_name(inspector) if result is not None else "")  # fmt: skip
        return report, finished
