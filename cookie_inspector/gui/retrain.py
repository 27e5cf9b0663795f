"""The operator's loop, without widgets: capture good samples from the live line, retrain in a separate process, check
the new model, swap it in, roll back. The window's samples panel shows and drives it; tests drive it directly.

Capture takes the inspection region's pixels of the newest inspected frame (never a frame the model did not see, so
what was checked for presence is what is stored). In auto mode every new part gives one sample (its highest-scoring
frame, as the part's record keeps it), and optionally the region is captured every N milliseconds.

Safe swap: when the trainer's process has written its bundle, the bundle is loaded here as the app will load it and
run on the good samples it held out of training (:func:`check_bundle`); only if that passes does it become active
(``active.json``) and replace the line's model between two frames. Otherwise the old model stays and the reason is
shown. Cancel, a failure or a killed trainer leave the old model active and no bundle behind.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.judge.presence import FRAMING_PRODUCT, Presence, around_product
from cookie_inspector.core.line.live import PartVerdict
from cookie_inspector.core.line.model_library import CheckReport, ModelLibrary, check_bundle
from cookie_inspector.core.line.products import ProductCatalog
from cookie_inspector.core.line.samples import EXPOSURE_REASONS, RECOMMENDED_SAMPLES, SampleError, SampleStore
from cookie_inspector.core.model.choice import describe, estimate_of, is_blind
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.messages import shown_ratio
from cookie_inspector.gui.training import TrainingRun

EXPOSURE_ASK_AFTER = 5
"""Captures refused for exposure in a row before the operator is asked whether that is the product's look."""
RETRAIN_PASSES = 1400
"""Images a retrain of a pixel network shows it in all (epochs x training images): under three minutes for the
`pixel` network on two CPU cores while the line goes on inspecting, whatever the number of samples, so the
operator's wait does not grow with them (2,400 took four minutes there, 1,600 a little over three;
benchmarks/retrain.py)."""
MIN_EPOCHS, MAX_EPOCHS = 15, 50


def retrain_epochs(samples: int, holdout_fraction: float = 0.2) -> int:
    """Epochs for a retrain on ``samples`` good samples: :data:`RETRAIN_PASSES` images in all, within 15-50 epochs
    (18 for 100 samples, 50 up to 35 samples)."""
    training = max(1, samples - max(2, round(samples * holdout_fraction)))
    return int(min(MAX_EPOCHS, max(MIN_EPOCHS, round(RETRAIN_PASSES / training))))


TRAINING_NEEDS_TENSORFLOW = (
    "this line bundle inspects without TensorFlow, which training needs: train with the full installation, then "
    "open the model here (File > Open model)"
)
"""Why Retrain is off in the line bundle (LiteRT, no TensorFlow)."""


class RetrainController(QObject):
    """Samples, training and models of one line. Signals are emitted on the GUI thread."""

    sampleAdded = Signal(str)  # noqa: N815 - Qt naming; file name
    sampleRejected = Signal(str)  # noqa: N815 - the reason
    sampleHeldBack = Signal(str)  # noqa: N815 - a part the model flags was not stored: the reason; add_held_back()
    samplesChanged = Signal()  # noqa: N815 - count or content changed (delete, undo, import)
    trainingStarted = Signal(dict)  # noqa: N815 - the trainer's start event
    trainingProgress = Signal(dict)  # noqa: N815 - one epoch event
    trainingStep = Signal(dict)  # noqa: N815 - a feature model's step: "features" (done, total) or "fitting"
    trainingEnded = Signal(str, str)  # noqa: N815 - (outcome: swapped, rejected, blind, failed, cancelled; message)
    modelsChanged = Signal()  # noqa: N815
    importDone = Signal(str, object)  # noqa: N815 - (folder, ImportReport, or the error message as a str)
    exposureRefusedInARow = Signal(int, str)  # noqa: N815 - captures refused for exposure in a row, the last reason

    _checked = Signal(object, object)  # (bundle path, CheckReport) from the check thread
    _imported = Signal(str, object)  # (folder, ImportReport or message) from the import thread

    def __init__(self, line: LineController, store: SampleStore, library: ModelLibrary,
                 architecture: str = "default", epochs: int | None = None, minimum: int = RECOMMENDED_SAMPLES,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.line = line
        self.store = store
        self.library = library
        self.architecture = architecture
        self.epochs = epochs
        """Epochs of a retrain; None: :func:`retrain_epochs` of the sample count for a pixel network, the head's
        own schedule for a feature model."""
        self.minimum = minimum
        self.capture_mode = False
        self.auto_per_part = False
        self.run: TrainingRun | None = None
        self.checking = False
        self.last_check: CheckReport | None = None
        self.blind_model: str | None = None
        """The last new model that passed its check but may be blind to this product's defects (its estimate below
        the floor): not activated; :meth:`use_blind_model` activates it knowingly."""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.capture_now)
        self._last_auto_part = -1
        self.exposure_refused: list[tuple[np.ndarray, Presence | None, str]] = []
        """Captures refused as over- or under-exposed since the last stored sample: when every one of
        :data:`EXPOSURE_ASK_AFTER` captures in a row is, that is likely the product's look (a light table, a dark
        background), and the operator is asked once (:meth:`accept_exposure`)."""
        self._exposure_asked = False
        self._refused_kind = EXPOSURE_REASONS[0]
        self.held_back: np.ndarray | None = None
        """The last capture the active model flagged NG or WARN: not stored unless the operator adds it
        deliberately (:meth:`add_held_back`)."""
        self._checked.connect(self._on_checked, Qt.ConnectionType.QueuedConnection)
        self._imported.connect(self._on_imported, Qt.ConnectionType.QueuedConnection)
        self.importing = False
        self.catalog: ProductCatalog | None = None
        """The line's products (the window sets it): a model that becomes active is its product's."""
        self.trainee: LineController | None = None
        """The station a training run was started for: its model goes there, wherever the focus has moved since."""
        self._trained_on: Path | None = None
        line.partJudged.connect(self._on_part)
        library.clean(older_than_s=0)

    def training_for(self, line: LineController) -> bool:
        """A new model is being trained (or checked) for ``line``: it goes there when it passes."""
        return self.run is not None and self.trainee is line

    def set_line(self, line: LineController) -> None:
        """Capture, import and retrain act on ``line`` from now on (the station in focus); a training run under way
        still ends on the station it was started for."""
        if line is self.line:
            return
        self.line.partJudged.disconnect(self._on_part)
        self.line = line
        line.partJudged.connect(self._on_part)
        self.held_back = None
        self._last_auto_part = -1

    # -- capture ----------------------------------------------------------------------------------------------------
    def set_capture_mode(self, on: bool) -> None:
        self.capture_mode = on
        self.exposure_refused.clear()
        self._exposure_asked = False  # asked once per capture session
        if not on:
            self._timer.stop()

    def set_interval(self, milliseconds: int) -> None:
        """Capture the region every ``milliseconds`` while in capture mode (0: off)."""
        self._timer.stop()
        if milliseconds > 0:
            self._timer.start(milliseconds)

    def capture_now(self) -> str | None:
        """Store the newest inspected region as a good sample; returns its name, or None (``sampleRejected`` says
        why)."""
        _, report = self.line.latest()
        if report is None:
            return self._reject("no picture from the line yet")
        region = report.region or report.roi
        if self.store.framing == FRAMING_PRODUCT:  # this product's samples are framed around it, as its line will be
            region = around_product(report.frame.image, region)
        image = np.ascontiguousarray(region.crop(report.frame.image))
        result = report.result
        if result is not None and result.verdict is not Verdict.OK and not self.line.teaching:
            return self._hold_back(image, f"the model calls this {result.verdict.value} (score "
                                          f"{shown_ratio(result.normalized_score):.2f} x threshold)")  # fmt: skip
        return self._store(image, report.presence)

    def add_part(self, verdict: PartVerdict, prefix: str = "", deliberate: bool = True) -> str | None:
        """Store a judged part's picture as a good sample: an NG part the operator calls good (``deliberate``), or
        auto capture, which holds back parts the model flags NG or WARN."""
        roi = verdict.worst.roi
        if roi is None:
            return self._reject("the part has no region to store")
        image = np.ascontiguousarray(roi.crop(verdict.worst_frame))
        if not deliberate and verdict.verdict is not Verdict.OK and not self.line.teaching:
            score = shown_ratio(verdict.normalized_score)
            return self._hold_back(image, f"part {verdict.number}: the model calls it {verdict.verdict.value} "
                                          f"(score {score:.2f} x threshold)")  # fmt: skip
        return self._store(image, None, prefix)

    def _hold_back(self, image: np.ndarray, reason: str) -> None:
        self.held_back = image
        self.sampleHeldBack.emit(reason)
        return None

    def add_held_back(self) -> str | None:
        """Store the last held-back capture after all: the operator has looked and says it is good."""
        if self.held_back is None:
            return None
        image, self.held_back = self.held_back, None
        return self._store(image, None, "checked")

    def _store(self, image: np.ndarray, presence: Presence | None, prefix: str = "") -> str | None:
        try:
            name, verdict = self.store.add(image, presence, prefix)
        except SampleError as exc:
            return self._reject(str(exc))
        if name is None:
            reason = verdict.reason or "rejected"
            kind = next((k for k in EXPOSURE_REASONS if reason.startswith(k)), None)
            if kind is not None and self.store.checks_exposure(kind):
                self._refused_kind = kind
                self.exposure_refused = [*self.exposure_refused, (image, presence, prefix)][-EXPOSURE_ASK_AFTER:]
                if len(self.exposure_refused) >= EXPOSURE_ASK_AFTER and not self._exposure_asked:
                    self._exposure_asked = True
                    self.sampleRejected.emit(reason)
                    self.exposureRefusedInARow.emit(len(self.exposure_refused), reason)
                    return None
            return self._reject(reason)
        self.exposure_refused.clear()
        self.sampleAdded.emit(name)
        self.samplesChanged.emit()
        return name

    def accept_exposure(self) -> int:
        """The operator says the refused exposure is the product's look: this kind of exposure (under or over) is
        no longer refused for this product's samples (remembered with the samples), and the captures refused for
        it are stored after all (the other checks, the other kind of exposure included, still apply). Returns how
        many were stored."""
        try:
            self.store.allow_exposure(self._refused_kind)
        except SampleError as exc:
            self._reject(str(exc))
            return 0
        refused, self.exposure_refused = self.exposure_refused, []
        return sum(self._store(image, presence, prefix) is not None for image, presence, prefix in refused)

    def _reject(self, reason: str) -> None:
        self.sampleRejected.emit(reason)
        return None

    def import_folder(self, folder: Path, only: list[str] | None = None) -> bool:
        """Import a folder's images in the background (reading and checking hundreds of files takes seconds);
        ``importDone`` brings the report. ``only``: these files of it. Each photo is cropped to the region drawn
        for the product on the line (as the line crops its pictures), or framed around the product when its
        samples are. False if an import is already running."""
        if self.importing:
            return False
        self.importing = True
        region = self.line.settings.roi

        def work() -> None:
            try:
                result: object = self.store.import_folder(Path(folder), only=only, region=region)
            except SampleError as exc:
                result = str(exc)
            self._imported.emit(str(folder), result)

        threading.Thread(target=work, name="cookie-inspector-import", daemon=True).start()
        return True

    @Slot(str, object)
    def _on_imported(self, folder: str, result: object) -> None:
        self.importing = False
        self.importDone.emit(folder, result)
        self.samplesChanged.emit()

    @Slot(object)
    def _on_part(self, verdict: PartVerdict) -> None:
        if self.capture_mode and self.auto_per_part and verdict.number != self._last_auto_part:
            self._last_auto_part = verdict.number
            self.add_part(verdict, "part", deliberate=False)

    # -- training ---------------------------------------------------------------------------------------------------
    def can_train(self) -> tuple[bool, str]:
        if self.run is not None or self.checking:
            return False, "a training is already running"
        from cookie_inspector.core.model.litert import tensorflow_installed

        if not tensorflow_installed():
            return False, TRAINING_NEEDS_TENSORFLOW
        needed = self.store.needed(self.minimum)
        if needed:
            return False, f"{needed} more good sample{'s' if needed != 1 else ''} needed ({self.minimum} in all)"
        return True, f"train a new model on {len(self.store)} good samples; the line goes on meanwhile"

    def start_training(self) -> bool:
        self.blind_model = None
        ok, reason = self.can_train()
        if not ok:
            self.trainingEnded.emit("failed", reason)
            return False
        epochs = self.epochs
        from cookie_inspector.core.model.architectures import get_architecture  # TensorFlow: not at start-up

        if epochs is None and get_architecture(self.architecture).family == "pixel":
            epochs = retrain_epochs(len(self.store))  # a feature model's head has its own, quick, schedule
        run = TrainingRun(self.store.folder, self.library.new_path(), self.architecture, epochs, self,
                          product=self.line.teaching or self.line.product)  # fmt: skip
        run.started.connect(self.trainingStarted)
        run.epochDone.connect(self.trainingProgress)
        run.stepDone.connect(self.trainingStep)
        run.finished.connect(self._on_trained)
        run.failed.connect(lambda message: self._end("failed", message))
        run.cancelled.connect(lambda: self._end("cancelled", "training cancelled; the active model is unchanged"))
        self.run = run
        self.trainee = self.line
        self._trained_on = self.store.folder
        self.started_at = time.monotonic()
        run.start()
        return True

    def cancel_training(self) -> None:
        if self.run is not None:
            self.run.cancel()

    def _end(self, outcome: str, message: str) -> None:
        if self.run is not None:
            self.run.deleteLater()
        self.run = None
        self.library.clean(older_than_s=0)  # a killed trainer's staging folder
        self.trainingEnded.emit(outcome, message)
        self.modelsChanged.emit()

    def _on_trained(self, path: str) -> None:
        self.checking = True
        folder = self._trained_on or self.store.folder  # the samples it was trained on, wherever the focus is now

        def work() -> None:
            try:
                report = check_bundle(Path(path), folder)
            except Exception as exc:  # noqa: BLE001 - whatever the check meets, the old model stays
                report = CheckReport(False, f"the check failed: {type(exc).__name__}: {exc}")
            self._checked.emit(Path(path), report)

        threading.Thread(target=work, name="cookie-inspector-model-check", daemon=True).start()

    @Slot(object, object)
    def _on_checked(self, path: Path, report: CheckReport) -> None:
        self.checking = False
        self.last_check = report
        with contextlib.suppress(OSError, ValueError, InspectorError):  # the figures are a courtesy only
            self.library.record_check(path.name, report)
        inspector = report.inspector  # compiled by the check: the swap costs the line nothing
        if not report.passed or inspector is None:
            self._end("rejected", f"the new model was not activated: {report.reason}; the old model stays")
            return
        estimate = estimate_of(report.bundle.meta) if report.bundle is not None else None
        if estimate is not None and is_blind(estimate):  # never swapped in silently: the operator decides
            self.blind_model = path.name
            self._end("blind", f"the new model was not activated: {describe(estimate)}; the old model stays")
            return
        try:
            self.library.activate(path.name)
        except Exception as exc:  # noqa: BLE001
            self._end("failed", f"the new model could not be activated: {exc}")
            return
        line = self.trainee or self.line
        self._belongs_to_product(path.name, line.product)
        line.set_inspector(inspector, watch=True)
        seconds = time.monotonic() - self.started_at
        sees = f"; {describe(estimate)}" if estimate is not None else ""
        self._end("swapped", f"new model {path.name} active after {seconds:.0f} s: {report.reason}{sees}")

    def use_blind_model(self) -> str | None:
        """Activate the new model that may be blind to this product's defects, knowingly (the operator has read
        its estimate); its name, or None when there is none."""
        name, self.blind_model = self.blind_model, None
        if name is not None:
            self.activate(name)
        return name

    # -- models -------------------------------------------------------------------------------------------------------
    def set_store(self, store: SampleStore) -> None:
        """Another product's samples (*Line > Product...*, *New product*): capture, import and retrain use them."""
        self.store = store
        self.held_back = None
        self.exposure_refused = []
        self._exposure_asked = False
        self.samplesChanged.emit()

    def _belongs_to_product(self, name: str, product: str | None = None) -> None:
        """The product on the line (or ``product``) uses model ``name`` from now on (remembered in the catalog)."""
        if self.catalog is not None:
            with contextlib.suppress(InspectorError):  # the catalog says why on the next switch; the line goes on
                self.catalog.update(self.line.product if product is None else product, model=name)

    def activate(self, name: str) -> None:
        """Roll back (or forward) to a listed model: it becomes active and the line loads it in the background."""
        self.library.activate(name)
        self._belongs_to_product(name)
        self.line.load_model(self.library.path_of(name))
        self.modelsChanged.emit()

    def delete_samples_and_retrain(self, names: list[str]) -> bool:
        """The failed check's answer: remove the held-out samples that alarmed, then train again."""
        self.store.delete(names)
        self.samplesChanged.emit()
        return self.start_training()

    def delete_model(self, name: str) -> None:
        self.library.delete(name)
        self.modelsChanged.emit()
