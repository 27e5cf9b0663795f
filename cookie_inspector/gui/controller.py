"""The one object between the window and the live line: owns the :class:`LinePipeline`, the inspection log and the
alarm, and turns what the worker threads report into Qt signals on the GUI thread.

Frames are not pushed through signals: the capture thread can deliver faster than a window repaints, so the latest
frame and the latest inspection wait here under a lock and the view takes them on its own timer (the display runs
at camera rate, never behind a queue). Scores for the plot are collected the same way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import shutil
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.frames.sources import Frame, FrameSource
from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.judge.presence import PresenceSettings
from cookie_inspector.core.line.calibration import LineCalibration, LineCalibrationSettings, for_model
from cookie_inspector.core.line.live import (
    SAID_ONCE,
    FrameReport,
    LinePipeline,
    LiveSettings,
    PartVerdict,
    model_name,
)
from cookie_inspector.core.line.outputs.config import OutputsConfig
from cookie_inspector.core.line.outputs.hub import LineOutputs
from cookie_inspector.core.line.outputs.outbox import Outbox, queue_name
from cookie_inspector.core.line.outputs.sender import OutputStatus
from cookie_inspector.core.line.records import RUN_REPLAY, InspectionLog, LineEvents, RecordError
from cookie_inspector.core.line.review import ReviewPart
from cookie_inspector.core.line.station import ModelPool
from cookie_inspector.core.line.watch import DriftMeter, SwapWatch, WatchReport, calibration_figures
from cookie_inspector.lines import default_presence_mode, open_source

RECENT_PARTS = 50
"""Parts over which the NG rate of the model in use is kept, as the baseline the next model's watch compares with."""
FLOOD_PARTS = 20
FLOOD_SHARE = 0.9
"""That share of the last :data:`FLOOD_PARTS` parts NG is not a bad batch but a model for another product."""
FOLDER_PACE_MS = 500
"""A folder's photos come one every this many milliseconds by default (an operator can follow them part by part)."""
FLOOD_PICTURES_EVERY = 10
"""During a flood of NG parts, the pictures of one NG part in this many are kept (each part stays logged and
pending): a model that knows another product must not fill the disk with pictures of good parts."""


class LineController(QObject):
    """Runs one line. Public signals are emitted on the GUI thread."""

    partJudged = Signal(object)
    """A part's :class:`PartVerdict`."""
    alarmRaised = Signal(object)
    """An NG part's verdict; it stays in :attr:`alarms` until :meth:`acknowledge`."""
    alarmCleared = Signal()
    modelStateChanged = Signal(str, str)  # noqa: N815
    """(state, detail): ``loading`` (a path), ``ready`` (the model's name) or ``failed`` (why)."""
    watchReport = Signal(object)  # noqa: N815
    """A :class:`WatchReport` after each part while a swapped-in model is watched."""
    statusChanged = Signal(str, str)
    """(state, message): opening, running, retrying, ended, stopped, error."""
    modelChanged = Signal(str)
    modelFailed = Signal(str)
    modelFellBack = Signal(str)  # noqa: N815
    """At start-up the remembered model failed to load (why); the line runs on the next candidate."""
    sourceChanged = Signal(str)
    teachingChanged = Signal(str)  # noqa: N815
    """A new product is being taught (its name), or no longer (empty): see :meth:`set_teaching`."""
    productChanged = Signal(str)  # noqa: N815
    """Another product is on the line (its name; empty: unnamed): see :meth:`set_product`."""
    floodSuspected = Signal(int, int)  # noqa: N815
    """Nearly every recent part is NG (NG parts, of parts): the active model likely knows another product."""
    runStarted = Signal(str)  # noqa: N815
    """Another source began a new run (its id in the log; empty without a log): the counters start again."""
    remotelyAcknowledged = Signal(str)  # noqa: N815
    """A line output acknowledged the alarm (its name: ``OPC UA``); ``alarmCleared`` follows when one was up."""
    outputChanged = Signal(object)  # noqa: N815
    """An output's :class:`OutputStatus` changed (connected, failing: why)."""
    outputWarning = Signal(str)  # noqa: N815
    """An outbox reached its bound and dropped its oldest events (what was dropped)."""
    calibrationChanged = Signal(object)  # noqa: N815
    """The line's calibration moved on (its :meth:`LineCalibration.status`), after each part and on a restart."""

    _partFromWorker = Signal(object, bool)  # the verdict, and whether it was logged as taught (no alarm)
    _statusFromWorker = Signal(str, str)
    _modelLoaded = Signal(object, str, str)
    _remoteAck = Signal()

    def __init__(
        self,
        inspector: Inspector | None,
        source: FrameSource,
        settings: LiveSettings | None = None,
        log: InspectionLog | None = None,
        source_factory: Callable[[str], FrameSource] = open_source,
        parent: QObject | None = None,
        *,
        station: str = "",
        source_text: str = "",
        models: ModelPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        """The station's name (empty: a line of one station, as it has always been): its runs name it and its
        line calibration is its own."""
        self.source_text = source_text or source.description
        """The source as the operator typed it (the window remembers its region by it)."""
        self._models = models
        """Where the stations' models are shared (each bundle loaded once); None: each load its own."""
        self._inspector = inspector
        self._source = source
        self._settings = settings or LiveSettings(presence=PresenceSettings(mode=default_presence_mode(source)))
        self._log = log
        self._source_factory = source_factory
        self.folder_pace_ms = FOLDER_PACE_MS
        """A folder's pace: one photo every this many milliseconds; 0: as fast as the model judges them."""
        self._prepare_source(source)
        self._lock = threading.Lock()
        self._latest_frame: Frame | None = None
        self._latest_report: FrameReport | None = None
        self._scores: deque[tuple[float, float]] = deque(maxlen=10_000)
        self._pipeline: LinePipeline | None = None
        self._started_at: float | None = None
        self._loader: threading.Thread | None = None
        self.parts = 0
        """Parts judged in this run, as the shift report counts them (not those judged while teaching)."""
        self.taught = 0
        """Parts judged in this run while a new product was taught (by another product's model)."""
        self.ng_parts = 0
        self._last_number = 0
        """The highest part number of this run so far (a line started again goes on from it)."""
        self.product = ""
        """The product on the line (its name; empty: the unnamed product of an earlier release): the log's runs and
        parts and the line outputs name it."""
        self.teaching = ""
        """The new product being taught (*Line > New product...*), empty otherwise: meanwhile the active model,
        which knows another product, raises no alarms, keeps no NG pictures and teaches its line calibration
        nothing."""
        self.flooding = False
        """Nearly every recent part is NG (:data:`FLOOD_SHARE`): the active model likely knows another product;
        until the share falls below half, the window says so in the alarm banner and one NG part in
        :data:`FLOOD_PICTURES_EVERY` keeps its pictures."""
        self._flood_ng = 0
        self.alarms: list[PartVerdict] = []
        """NG parts not yet acknowledged, oldest first."""
        self.last_verdict: PartVerdict | None = None
        self.state = "stopped"
        self.message = ""
        self.paused = False
        self.last_frame_at: float | None = None
        """``time.monotonic()`` of the source's newest frame (None before the first)."""
        self.model_state = "ready" if inspector is not None else "loading"
        self.previous_model: Path | None = None
        """The model in use before the last swap: what a rollback goes back to."""
        self.watch: SwapWatch | None = None
        self.last_watch: WatchReport | None = None
        self._recent: deque[bool] = deque(maxlen=RECENT_PARTS)
        self.drift = DriftMeter(calibration_figures(inspector.bundle.meta)[1] if inspector is not None else None)
        self.calibration_settings = LineCalibrationSettings()
        """How the line calibrates itself (the window sets them from its remembered settings)."""
        self._drift_basis: tuple[str, str] = ("", "")
        self._events = LineEvents(self.log_event)
        """The signal lost and back, the line calibration's steps: in the log once per change."""
        self.calibration: LineCalibration | None = self._calibration_for(inspector)
        """The line's calibration of the model in use (kept in the log's data folder); None before a model."""
        self._partFromWorker.connect(self._on_part_main, Qt.ConnectionType.QueuedConnection)
        self._statusFromWorker.connect(self._on_status_main, Qt.ConnectionType.QueuedConnection)
        self._modelLoaded.connect(self._on_model_loaded, Qt.ConnectionType.QueuedConnection)
        self._remoteAck.connect(self._on_remote_ack, Qt.ConnectionType.QueuedConnection)
        self._outputs: LineOutputs | None = None
        self.outputs_config = OutputsConfig()
        """What the line outputs were last told (an empty config: none is on)."""
        self._outputs_worker: threading.Thread | None = None

    # -- what the window reads ------------------------------------------------------------------------------------
    @property
    def inspector(self) -> Inspector | None:
        """The model in use; None while the first one loads."""
        return self._inspector

    @property
    def alarm(self) -> PartVerdict | None:
        """The newest unacknowledged NG part."""
        return self.alarms[-1] if self.alarms else None

    @property
    def data_folder(self) -> Path | None:
        """The data folder the inspection log is in (None without a log)."""
        return self._log.folder if self._log is not None else None

    @property
    def log_problem(self) -> str | None:
        """Why the inspection log is not saving NG pictures now (a full disk), or None."""
        return self._log.images_off if self._log is not None else None

    @property
    def run_id(self) -> str | None:
        """This run's id in the inspection log (None without a log)."""
        return self._log.run if self._log is not None else None

    @property
    def model_path(self) -> Path | None:
        return self._inspector.bundle.path if self._inspector is not None else None

    @property
    def source(self) -> FrameSource:
        return self._source

    @property
    def settings(self) -> LiveSettings:
        return self._settings

    @property
    def model_name(self) -> str:
        return model_name(self._inspector) if self._inspector is not None else ""

    @property
    def threshold(self) -> float:
        if self._settings.threshold is not None:
            return self._settings.threshold
        return self.calibrated_threshold

    @property
    def calibrated_threshold(self) -> float:
        """The threshold the app sets itself now: the line's calibration's, else the model's (NaN before one)."""
        if self.calibration is not None:
            return self.calibration.thresholds()[0]
        return self._inspector.threshold if self._inspector is not None else math.nan

    @property
    def warn_ratio(self) -> float:
        if self._inspector is None:
            return 0.8
        if self.calibration is not None:
            threshold, warn = self.calibration.thresholds()
            return warn / threshold if threshold > 0 else 0.8
        return self._inspector.warn_threshold / self._inspector.threshold

    def _calibration_for(self, inspector: Inspector | None) -> LineCalibration | None:
        if inspector is None:
            return None
        folder = self._log.folder if self._log is not None else None
        return for_model(
            inspector.bundle.meta, inspector.bundle.path, folder, self.calibration_settings, station=self.station
        )

    def set_calibration_settings(self, settings: LineCalibrationSettings) -> None:
        """The engineer changed how the line calibrates itself; the thresholds follow from the next frame."""
        self.calibration_settings = settings
        if self.calibration is not None:
            self.calibration.set_settings(settings)
            self.calibrationChanged.emit(self.calibration.status())

    def mark_defective(self, part: int) -> bool:
        """The operator says part ``part`` was defective: the line's calibration leaves it out. True when it was
        in (the calibration is running and had it)."""
        calibration = self.calibration
        if calibration is None or not calibration.mark_defective(part):
            return False
        self.calibrationChanged.emit(calibration.status())
        return True

    def apply_label(self, part: ReviewPart, label: str) -> str:
        """A label given in the review, for the line's calibration: a part of this run labelled ``defect`` is left
        out of it (``"left out"``); a part of the model in use labelled ``good`` counts as the product's own tail
        (``"counted good"``, once per part); else nothing happens (``""``)."""
        if label == "defect" and part.run == self.run_id and self.mark_defective(part.part):
            return "left out"
        calibration = self.calibration
        if label != "good" or part.model != self.model_name or calibration is None or calibration.state == "off":
            return ""
        calibration.confirm_good(part.score, f"{part.run}:{part.id}")
        self.calibrationChanged.emit(calibration.status())
        return "counted good"

    def log_event(self, kind: str, detail: str = "", who: str = "") -> None:
        """Note in the log what happened to the line (for the shift report); a log that refuses it is said, the
        line goes on."""
        if self._log is None:
            return
        try:
            self._log.event(kind, detail, who)
        except RecordError as exc:
            self.statusChanged.emit("warning", str(exc))

    def recalibrate(self) -> None:
        """*Recalibrate on the line*: the line's calibration of the model in use starts again."""
        if self.calibration is not None:
            self.calibration.restart()
            self.calibrationChanged.emit(self.calibration.status())

    def seconds_without_frames(self, now: float | None = None) -> float:
        """Seconds since the source's last frame (since the line started, before the first)."""
        now = time.monotonic() if now is None else now
        since = self.last_frame_at if self.last_frame_at is not None else self._started_at
        return max(0.0, now - since) if since is not None else 0.0

    @property
    def running(self) -> bool:
        return self._pipeline is not None and self._pipeline.running

    def latest(self) -> tuple[Frame | None, FrameReport | None]:
        with self._lock:
            return self._latest_frame, self._latest_report

    def take_scores(self) -> list[tuple[float, float]]:
        """(monotonic time, normalised score or NaN for no part) of the frames inspected since the last call."""
        with self._lock:
            items = list(self._scores)
            self._scores.clear()
        return items

    def rates(self) -> dict[str, float]:
        pipeline = self._pipeline
        if pipeline is None:
            return {"camera_fps": 0.0, "inspect_fps": 0.0, "latency_ms": 0.0, "dropped": 0}
        report = self._latest_report
        return {"camera_fps": pipeline.capture_fps(), "inspect_fps": pipeline.inspect_fps(),
                "latency_ms": report.latency * 1000 if report else 0.0, "dropped": pipeline.dropped}  # fmt: skip

    # -- running --------------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.running:
            return
        self._started_at = time.monotonic()
        self.last_frame_at = None
        self._pipeline = LinePipeline(self._source, self._line_inspector(), self._settings, on_frame=self._on_frame,
                                      on_part=self._on_part, on_status=self._on_status,
                                      on_capture=self._on_capture, calibration=self._line_calibration(),
                                      first_part=self._last_number + 1,
                                      learn=not self._source.from_start)  # fmt: skip
        self._pipeline.start()

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the line's threads (and wait for a model still loading); True when they ended within ``timeout``."""
        deadline = time.monotonic() + timeout
        stopped = self._pipeline.stop(timeout) if self._pipeline is not None else True
        if self._loader is not None and self._loader.is_alive():
            self._loader.join(max(0.0, deadline - time.monotonic()))
        return stopped

    def pause(self) -> None:
        """Stop watching until :meth:`resume` (the source is released: a camera can be unplugged meanwhile)."""
        self.paused = True
        self.stop()

    def resume(self) -> None:
        self.paused = False
        self.start()

    def _prepare_source(self, source: FrameSource) -> None:
        """A folder goes on with the photos not yet judged in this data folder (its ledger is the log), at the
        window's pace."""
        source.use_ledger(self._log.judged_photos if self._log is not None else None)
        source.set_pace(1000.0 / self.folder_pace_ms if self.folder_pace_ms > 0 else None)

    def set_folder_pace(self, milliseconds: int) -> None:
        """One photo every ``milliseconds`` (0: as fast as judged), from the next photo on."""
        self.folder_pace_ms = max(0, int(milliseconds))
        self._prepare_source(self._source)

    @property
    def is_folder(self) -> bool:
        """The source is a folder of photos (one part each, judged once per data folder)."""
        return self._source.keeps_every_frame

    def set_source(self, source: FrameSource, replay: bool = False) -> None:
        """Watch another source: the line stops, the presence mode follows the kind of source, and it starts again
        unless paused. ``replay``: a folder's photos are all judged again, in a run the log marks as a replay."""
        self.stop()
        self._source = source
        self._prepare_source(source)
        if replay:
            source.from_start = True
        self._new_run()
        if replay and self._log is not None:
            try:
                self._log.mark_run(RUN_REPLAY)
            except RecordError as exc:
                self.statusChanged.emit("error", str(exc))
        presence = PresenceSettings(mode=default_presence_mode(source))
        self._settings = dataclasses.replace(self._settings, presence=presence)
        with self._lock:
            self._latest_frame = self._latest_report = None
        self.sourceChanged.emit(source.description)
        self.log_event("source", source.description)
        if not self.paused:
            self.start()

    def _line_inspector(self) -> Inspector | None:
        """The model the line judges with: none for a folder while a new product is taught (its photos wait for
        the product's first model instead of being judged by another product's)."""
        return None if self.teaching and self._source.keeps_every_frame else self._inspector

    def _line_calibration(self) -> LineCalibration | None:
        """The calibration the line feeds: none while a new product is taught (its parts are not the model's)."""
        return None if self.teaching else self.calibration

    def set_product(self, name: str) -> None:
        """The product on the line from now on: every part logged names it, and so do the outputs and the
        window."""
        self.product = name.strip()
        if self._log is not None:
            try:
                self._log.set_product(self.product)
            except RecordError as exc:
                self.statusChanged.emit("error", str(exc))

        if self._outputs is not None:
            self._outputs.product(self.product)
        self.productChanged.emit(self.product)

    def set_teaching(self, product: str) -> None:
        """Teach a new product (its name), or stop (empty): while teaching, the active model's verdicts are logged
        but raise no alarms and keep no pictures, and capture is not held back by them."""
        self.teaching = product.strip()
        self.flooding = False
        if self._outputs is not None:
            self._outputs.teaching(self.teaching)
        if self._pipeline is not None:
            self._pipeline.set_inspector(self._line_inspector(), self._line_calibration())
        self.teachingChanged.emit(self.teaching)

    def _new_run(self) -> None:
        """Another source is another run: its own id in the log, part numbers and counters from the start (the NG
        parts not yet acknowledged stay: they are still to be taken off the line)."""
        run = ""
        if self._log is not None:
            try:
                run = self._log.new_run()
            except RecordError as exc:
                self.statusChanged.emit("error", str(exc))
                run = self._log.run
        self._last_number = 0
        self.parts = self.ng_parts = self.taught = 0
        self.last_verdict = None
        self._recent.clear()
        self.flooding = False
        self.runStarted.emit(run)

    def open_source_text(self, text: str, replay: bool = False) -> bool:
        """Like :meth:`set_source` for what a user typed; a bad text is reported as an error and changes nothing
        (False)."""
        try:
            source = self._source_factory(text)
        except InspectorError as exc:
            self.statusChanged.emit("error", str(exc))
            return False
        self.source_text = text
        self.set_source(source, replay=replay)
        return True

    def rename(self, name: str) -> None:
        """The station is called ``name`` from now on: a new run in the log names it, and its line calibration is
        the one kept under that name."""
        before, before_name = self.calibration, self.station
        self.station = name
        if self._log is not None:
            self._log.station = name
        self._new_run()
        self.calibration = self._calibration_for(self._inspector)
        if before is not None and before.path is not None and self.calibration.path is not None:
            # what the line has learnt is the station's, whatever its name: it goes with the new name
            with contextlib.suppress(OSError):
                if Path(before.path).exists() and not Path(self.calibration.path).exists():
                    shutil.copy2(before.path, self.calibration.path)
                    self.calibration = self._calibration_for(self._inspector)
        if self._pipeline is not None:
            self._pipeline.set_inspector(self._line_inspector(), self._line_calibration())
        if self.outputs_config.any:  # its outputs name it by its new name, and send what the old name had queued
            self.set_outputs(self.outputs_config, renamed_from=before_name)

    def _replace_settings(self, settings: LiveSettings) -> None:
        self._settings = settings
        if self._pipeline is not None:
            self._pipeline.set_settings(settings)

    def set_threshold(self, threshold: float | None) -> None:
        """The alarm threshold in score units (None: the model's); applies from the next frame."""
        if threshold is not None and not threshold > 0:
            raise ValueError("threshold must be positive")
        self._replace_settings(dataclasses.replace(self._settings, threshold=threshold))

    def set_roi(self, roi: Roi | None) -> None:
        self._replace_settings(dataclasses.replace(self._settings, roi=roi))

    def set_framing(self, framing: str | None) -> None:
        """Frame the product found in the region on each frame (``"product"``), the region as it is
        (``"region"``), or as the active model was taught (None)."""
        self._replace_settings(dataclasses.replace(self._settings, framing=framing))

    @property
    def framing(self) -> str | None:
        return self._settings.framing

    def acknowledge(self) -> None:
        """The operator dealt with every pending NG part (the log keeps that: they do not come back after a
        restart)."""
        if self._outputs is not None:
            self._outputs.alarm(False)
        if self._log is not None:
            try:
                self._log.acknowledge_alarms()
            except RecordError as exc:
                self.statusChanged.emit("error", str(exc))
        if self.alarms:
            self.alarms = []
            self.alarmCleared.emit()

    def restore_alarms(self) -> int:
        """The NG parts still pending in the log from before a restart come back as alarms (oldest first); how
        many. Their live pictures are gone: each keeps its stored one."""
        if self._log is None:
            return 0
        try:
            pending = self._log.pending_alarms()
        except RecordError as exc:
            self.statusChanged.emit("error", str(exc))
            return 0
        restored = [record.as_pending_alarm(self._log.folder) for record in pending]
        self.alarms = restored + self.alarms
        for verdict in restored:
            self.alarmRaised.emit(verdict)
        return len(restored)

    # -- line outputs ---------------------------------------------------------------------------------------------
    @property
    def outputs(self) -> LineOutputs | None:
        return self._outputs

    def output_statuses(self) -> list[OutputStatus]:
        """Each line output's state now (empty when none is on)."""
        return self._outputs.statuses() if self._outputs is not None else []

    def set_outputs(self, config: OutputsConfig, renamed_from: str | None = None) -> None:
        """Send the verdicts to these outputs from now on (an empty config: to none). The old ones are closed and
        the new ones started on a worker thread, so the window never waits for a network; what the old ones had
        not delivered stays in the outbox, and the new ones send it if they are of the same kind. Raises
        :class:`OutputError` when MQTT or the webhook are asked for without an inspection log. The outputs speak for
        this station (its MQTT topics, webhook events and OPC UA object name it); ``renamed_from``: the station's
        name before a rename, whose undelivered events the new outputs send."""
        config = dataclasses.replace(config, station=self.station)
        new = None
        if config.any:
            new = LineOutputs(config, self._log, on_acknowledge=self._remoteAck.emit,
                              on_warning=self.outputWarning.emit, on_change=self.outputChanged.emit)  # fmt: skip
        old, self._outputs = self._outputs, new
        self.outputs_config = config
        state, message, running, name, teaching = self.state, self.message, self.running, self.model_name, self.teaching
        product = self.product
        counts = self.parts, self.ng_parts, bool(self.alarms)
        previous = self._outputs_worker

        def work() -> None:
            if previous is not None:
                previous.join()
            if old is not None:
                old.close(drain=0.0)
            if renamed_from is not None and config.queued and self._log is not None:
                with contextlib.suppress(sqlite3.Error, OSError):  # what cannot move waits under the old name
                    outbox = Outbox(self._log.path)
                    for kind in config.queued:
                        outbox.move(queue_name(kind, renamed_from), queue_name(kind, self.station))
                    outbox.close()
            if new is not None:
                new.start(*counts)
                if name:
                    new.model(name, swapped=False)
                if teaching:
                    new.teaching(teaching)
                new.product(product)
                new.line_state(state if running else "stopped", message, self._source.description)

        self._outputs_worker = threading.Thread(target=work, name="cookie-inspector-outputs-setup", daemon=True)
        self._outputs_worker.start()

    def close_outputs(self, drain: float = 2.0) -> None:
        """At the end: say "stopped", give connected outputs ``drain`` seconds to deliver, close them."""
        if self._outputs_worker is not None:
            self._outputs_worker.join(10.0)
        outputs, self._outputs = self._outputs, None
        if outputs is not None:
            outputs.close(drain=drain)

    @Slot()
    def _on_remote_ack(self) -> None:
        if self._log is not None:  # the log keeps who dealt with them: here a client of the OPC UA server
            try:
                self._log.acknowledge_alarms("OPC UA")
            except RecordError as exc:
                self.statusChanged.emit("error", str(exc))
        had = bool(self.alarms)
        if had:
            self.alarms = []
        self.remotelyAcknowledged.emit("OPC UA")
        if had:
            self.alarmCleared.emit()

    def load_model(self, folder: Path, watch: bool = True) -> None:
        """Load a bundle in the background; the line keeps its model until the new one is ready, and keeps it for
        good if the new one cannot be loaded (``modelFailed``). ``watch``: watch the first parts after the swap."""
        self.load_first_of([Path(folder)], watch=watch)

    def load_first_of(self, folders: list[Path], watch: bool = False) -> None:
        """Load the first of ``folders`` that loads, in the background (the window and the camera run meanwhile;
        :attr:`model_state` is ``loading``). When one loads after others failed, why they failed comes with
        ``modelFellBack``; when none loads, with ``modelFailed``."""
        if self._inspector is None:
            self.model_state = "loading"
            self.modelStateChanged.emit("loading", str(folders[0]))

        def work() -> None:
            problems = []
            for folder in folders:
                try:
                    from cookie_inspector.core.model.bundle import load_bundle  # TensorFlow: here, not at start-up

                    if self._models is not None:  # another station may have it loaded already
                        inspector = self._models.get(Path(folder))
                    else:
                        inspector = Inspector(load_bundle(Path(folder)))
                    inspector.warm_up()
                except InspectorError as exc:
                    problems.append(str(exc))
                    continue
                except Exception as exc:  # noqa: BLE001 - a broken file must not take the window down
                    problems.append(f"{folder}: {type(exc).__name__}: {exc}")
                    continue
                self._modelLoaded.emit(inspector, "; ".join(problems), "watch" if watch else "")
                return
            self._modelLoaded.emit(None, "; ".join(problems), "")

        self._loader = threading.Thread(target=work, name="cookie-inspector-model-load", daemon=True)
        self._loader.start()

    def set_inspector(self, inspector: Inspector, watch: bool = False) -> None:
        """Inspect with ``inspector`` from the next frame. ``watch``: a swap the operator should see confirmed on
        the line (:class:`SwapWatch` over the next parts, ``watchReport``)."""
        old = self._inspector
        self._inspector = inspector
        self.calibration = self._calibration_for(inspector)  # each model its own: a rollback brings its own back
        if self._pipeline is not None:
            self._pipeline.set_inspector(self._line_inspector(), self._line_calibration())
        rate, median = calibration_figures(inspector.bundle.meta)
        self.drift = DriftMeter(median)
        self.watch = self.last_watch = None
        if old is not None and old.bundle.path != inspector.bundle.path:
            self.previous_model = old.bundle.path
            if watch:
                previous_rate = sum(self._recent) / len(self._recent) if len(self._recent) >= 10 else None
                self.watch = SwapWatch(rate, previous_rate)
        self._recent.clear()
        self.flooding = False  # another model: its own verdicts will tell
        if self._outputs is not None:
            self._outputs.model(self.model_name, swapped=old is not None)
        self.model_state = "ready"
        self.log_event("model", f"{self.model_name} ({inspector.bundle.path})")
        self.modelStateChanged.emit("ready", self.model_name)
        self.modelChanged.emit(self.model_name)
        if self.calibration is not None:
            self.calibrationChanged.emit(self.calibration.status())

    def stop_watch(self) -> None:
        """The operator has seen the watch's finding (kept the model, or rolled back)."""
        self.watch = None

    # -- worker threads -------------------------------------------------------------------------------------------
    def _on_capture(self, frame: Frame) -> None:
        with self._lock:
            self._latest_frame = frame
            self.last_frame_at = time.monotonic()

    def _on_frame(self, report: FrameReport) -> None:
        # while a new product is taught the active model's scores are about another product: not plotted
        score = report.result.normalized_score if report.result is not None and not self.teaching else math.nan
        with self._lock:
            self._latest_report = report
            self._scores.append((time.monotonic(), score))

    def _on_part(self, verdict: PartVerdict) -> None:
        self._last_number = max(self._last_number, verdict.number)
        record_error = ""
        record = None
        teaching = bool(self.teaching)  # decided once: the log, the outputs and the window's alarm agree
        if teaching:  # another product's model: its verdict is no verdict; shown (capture follows parts), not kept
            self._partFromWorker.emit(verdict, teaching)
            return
        if self._log is not None:
            try:
                record = self._log.record(verdict, self._source.description, teaching=teaching,
                                          skip_pictures=self._flood_skips(verdict))  # fmt: skip
                record_error = self._log.take_warning() or ""  # a full disk: said once, the log goes on
            except RecordError as exc:
                record_error = str(exc)
        outputs = self._outputs
        if outputs is not None:  # its events are in the outbox already: this only wakes the senders
            outputs.part(verdict, record)
        self._partFromWorker.emit(verdict, teaching)
        if record_error:
            self._statusFromWorker.emit("error", record_error)

    def _on_status(self, state: str, message: str) -> None:
        outputs = self._outputs
        if outputs is not None:
            outputs.line_state(state, message, self._source.description)
        self._statusFromWorker.emit(state, message)

    # -- GUI thread -----------------------------------------------------------------------------------------------
    @Slot(object, bool)
    def _on_part_main(self, verdict: PartVerdict, teaching: bool) -> None:
        if teaching:  # judged by another product's model: counted apart, as the shift report does
            self.taught += 1
        else:
            self.parts += 1
        self.last_verdict = verdict
        ng = verdict.verdict is Verdict.NG
        self._recent.append(ng)
        calibration = self.calibration
        status = None
        if calibration is not None:
            status = calibration.status()
            basis = (status["state"], status["using"])
            if basis != self._drift_basis and status["using"] == "line" and status["centre"] > 0:
                # the drift meter starts again from the line's calibration (earlier parts were judged against
                # another threshold): drift is what moves after the line was calibrated
                self.drift = DriftMeter(status["centre"] / status["threshold"])
            self._events.calibration(status)
            self._drift_basis = basis
            self.calibrationChanged.emit(status)
        self.drift.add(verdict)
        # while a new product is taught, the active model (which knows another product) judges nothing: its NG is
        # neither an alarm nor counted as NG
        alarm = ng and not teaching
        if alarm:
            self.ng_parts += 1
            self.alarms.append(verdict)
        self.partJudged.emit(verdict)
        if alarm:
            self.alarmRaised.emit(verdict)
        self._check_flood()
        if self.watch is not None:
            self.last_watch = self.watch.add(verdict, status)
            if self.last_watch.state == "trusted":
                self.watch = None
            self.watchReport.emit(self.last_watch)

    def _flood_skips(self, verdict: PartVerdict) -> str:
        """Why this NG part keeps no pictures during a flood (empty: it keeps them). Worker thread."""
        if verdict.verdict is not Verdict.NG or not self.flooding:
            return ""
        self._flood_ng += 1
        if self._flood_ng % FLOOD_PICTURES_EVERY == 1:
            return ""
        return (f"nearly every part is NG (does the active model know another product?): the pictures of one NG "
                f"part in {FLOOD_PICTURES_EVERY} are kept")  # fmt: skip

    def _check_flood(self) -> None:
        """Nearly every part NG (18 of the last 20): said once, until the share falls below half."""
        recent = list(self._recent)[-FLOOD_PARTS:]
        if self.teaching or len(recent) < FLOOD_PARTS:
            return
        ng = sum(recent)
        if ng >= FLOOD_SHARE * FLOOD_PARTS and not self.flooding:
            self._flood_ng = 0
            self.flooding = True
            self.floodSuspected.emit(ng, len(recent))
        elif ng < FLOOD_PARTS / 2:
            self.flooding = False

    @Slot(str, str)
    def _on_status_main(self, state: str, message: str) -> None:
        self._events.status(state, message)
        if state not in SAID_ONCE:  # "reconnected", "warning": news, the line's state stays
            self.state, self.message = state, message
        self.statusChanged.emit(state, message)

    @Slot(object, str, str)
    def _on_model_loaded(self, inspector: Inspector | None, error: str, how: str) -> None:
        if inspector is None:
            if self._inspector is None:
                self.model_state = "failed"
                self.modelStateChanged.emit("failed", error)
            self.modelFailed.emit(error)
            return
        self.set_inspector(inspector, watch=how == "watch")
        if error:  # an earlier candidate failed: say so, the line runs with this one
            self.modelFellBack.emit(error)
