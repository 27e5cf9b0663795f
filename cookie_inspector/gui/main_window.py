"""The main window: live view, verdict panel, score plot, controls, menus and status bar, all fed by one
:class:`LineController`. Settings (source, region, threshold, heatmap, language, window geometry) come back at the
next start.

What the operator reads is never stale or about the wrong part: the big word follows the part under the camera, NG
parts that passed wait in their own banner until acknowledged, a source that stopped delivering shows NO SIGNAL over
a greyed picture, the model's loading shows as such, and a threshold off its calibration carries a badge.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import InspectorError, OutputError
from cookie_inspector.core.frames.preprocess import Roi, default_roi
from cookie_inspector.core.frames.sources import Frame
from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.judge.presence import FRAMING_PRODUCT, FRAMING_REGION, PresenceState
from cookie_inspector.core.line.datadir import LineLock
from cookie_inspector.core.line.live import FrameReport, PartVerdict
from cookie_inspector.core.line.model_library import SHIPPED
from cookie_inspector.core.line.review import ReviewError, ReviewFilter
from cookie_inspector.core.line.samples import SampleError, SampleStore
from cookie_inspector.core.line.watch import WatchReport
from cookie_inspector.core.model.bundle import is_bundle
from cookie_inspector.core.resources import alarm_sound
from cookie_inspector.gui import calibration_dialog
from cookie_inspector.gui.calibration_dialog import CalibrationDialog
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.live_view import LiveView, bgr_to_qimage
from cookie_inspector.gui.lock import EngineerLock
from cookie_inspector.gui.message_bar import MessageBar
from cookie_inspector.gui.messages import engine_text, shown_ratio, source_name
from cookie_inspector.gui.new_product_dialog import NewProductAnswer, NewProductDialog, first_picture
from cookie_inspector.gui.outputs_dialog import LineOutputsDialog
from cookie_inspector.gui.product_dialog import ProductDialog
from cookie_inspector.gui.retrain import RetrainController
from cookie_inspector.gui.review_window import ReviewWindow, open_review
from cookie_inspector.gui.samples_panel import SamplesPanel
from cookie_inspector.gui.score_plot import PLOT_HEIGHT, PLOT_HEIGHT_SHARED, ScorePlot
from cookie_inspector.gui.stations import StationDeck, StationTiles
from cookie_inspector.gui.stations_dialog import StationsDialog
from cookie_inspector.gui.verdict_panel import THUMB, VerdictPanel, verdict_word
from cookie_inspector.gui.window_menus import WindowMenus
from cookie_inspector.gui.window_status import WindowStatusBar

REFRESH_MS = 33
"""The display's pace: about 30 repaints a second, whatever the camera and the model do."""
STATUS_MS = 500
THRESHOLD_STEPS = 220
"""The threshold slider runs from 0.25x to 3x the model's calibrated threshold in this many steps (1x is a step)."""
THRESHOLD_RANGE = (0.25, 3.0)
NO_SIGNAL_S = 1.0
"""Seconds without a frame after which the view says NO SIGNAL."""
SIDE_WIDTH = 330
"""The verdict panel's fixed width: long texts wrap, they never take the live view's room."""
HEATMAP_LAG_FRAMES = 15
"""The heatmap is drawn only over a frame at most this many frames newer than the inspected one (it would sit
beside a moving part otherwise); the verdict always follows the newest inspection."""


class AlarmSound:
    """Plays the shipped alarm sound where Qt Multimedia works, else the system beep; never fails."""

    def __init__(self) -> None:
        self._effect = None
        path = alarm_sound()
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            if path is not None:
                self._effect = QSoundEffect()
                self._effect.setSource(QUrl.fromLocalFile(str(path)))
                self._effect.setVolume(0.9)
        except Exception:  # noqa: BLE001 - no audio stack (a headless box, a missing PulseAudio): beep instead
            self._effect = None
        self.played = 0

    def play(self) -> None:
        self.played += 1
        if self._effect is not None:
            self._effect.play()
        else:
            QApplication.beep()


def part_icon(verdict: PartVerdict) -> QIcon | None:
    """The NG part's inspected picture with its heatmap, as a thumbnail (a part brought back from the log after a
    restart: its stored picture)."""
    try:
        import cv2

        if verdict.worst is None:
            from cookie_inspector.core.frames.imageio import read_image

            overlay = read_image(Path(verdict.overlay_path))
        else:
            overlay = verdict.worst.overlay()
        small = cv2.resize(overlay, (THUMB, THUMB), interpolation=cv2.INTER_AREA)
        return QIcon(QPixmap.fromImage(bgr_to_qimage(small)))
    except Exception:  # noqa: BLE001 - a thumbnail is a courtesy; the alarm's text stands without it
        return None


def picture_of(station: LineController) -> tuple[Frame | None, FrameReport | None, FrameReport | None, bool]:
    """What a station's view shows now: (its newest frame, its newest report, the report whose heatmap goes over
    that frame or None, whether the heatmap is shown). Photos: every frame is a part of its own, so the view shows
    the photo that was judged, with its own heatmap, never the next photo under the last one's. No red from another
    product's model (while teaching, or the one before the new model came in)."""
    frame, report = station.latest()
    if station.settings.presence.mode == "every-frame" and report is not None:
        frame = report.frame
    recent = None
    if frame is not None and report is not None and report.frame.index >= frame.index - HEATMAP_LAG_FRAMES:
        recent = report
    own = recent is None or not recent.model or recent.model == station.model_name
    return frame, report, recent, own and not station.teaching


class MainWindow(WindowMenus, WindowStatusBar, QMainWindow):
    def __init__(self, controller: LineController, settings: QSettings, source_text: str = "demo",
                 retrain: RetrainController | None = None, lock: EngineerLock | None = None,
                 stations: StationDeck | None = None) -> None:  # fmt: skip
        super().__init__()
        controller.source_text = source_text
        self.stations = stations or StationDeck(controller)
        """The window's stations (:mod:`~cookie_inspector.gui.stations`); ``controller`` is the first. The large
        view, the panel, the plot, capture, retrain and the menus act on the one in focus (:attr:`controller`)."""
        self.retrain = retrain
        self.data_lock: LineLock | None = None
        """The hold on the data folder (``build_window`` takes it); given back when the window closes."""
        self.samples_panel: SamplesPanel | None = None
        self.last_ng: PartVerdict | None = None
        self.settings = settings
        self._flood_text = ""
        """The likely cause of a flood of NG parts, shown in the alarm banner while it lasts."""
        self._regions: dict[str, str] = {}
        """The region drawn for each source (its text): ``x,y,w,h`` in that source's pixels."""
        self.lock = lock or EngineerLock(settings, self)
        self.setWindowTitle(self.tr("Cookie Inspector"))
        self.sound = AlarmSound()
        self._last_frame_index = -1
        self._icons: dict[tuple[str, int], QIcon | None] = {}
        self._signal_alarmed = False
        self._signal_acknowledged = False
        self._no_signal_alarm_s: int | None = None
        self._said: tuple[str, str] = ("", "")
        self._alarm_in_view: int | None = None
        self.review_window: ReviewWindow | None = None

        self.view = LiveView()
        self.panel = VerdictPanel()
        self.plot = ScorePlot()
        self.plot.set_warn_ratio(controller.warn_ratio)

        self.heatmap_box = QCheckBox(self.tr("Heatmap"))
        self.heatmap_box.setChecked(True)
        self.heatmap_box.setToolTip(self.tr("Paint where the part differs from good parts in red (H)"))
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(10, 100)
        self.opacity_slider.setValue(60)
        self.opacity_slider.setToolTip(self.tr("Opacity of the heatmap at the threshold"))
        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(0, THRESHOLD_STEPS)
        self.threshold_slider.setToolTip(self.tr("Alarm threshold, relative to the model's calibrated one; "
                                                 "applies at once"))  # fmt: skip
        self.threshold_label = QLabel()
        self.threshold_label.setWordWrap(True)

        controls = QGroupBox(self.tr("Inspection"))
        form = QVBoxLayout(controls)
        form.addWidget(self.threshold_label)
        form.addWidget(self.threshold_slider)
        row = QHBoxLayout()
        row.addWidget(self.heatmap_box)
        self.opacity_caption = QLabel(self.tr("opacity"))
        row.addWidget(self.opacity_caption)
        row.addWidget(self.opacity_slider)
        form.addLayout(row)

        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.panel, 1)
        side_layout.addWidget(controls)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.view)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        self.tiles = StationTiles(self.stations)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(self.tiles)
        main.addWidget(top)
        main.addWidget(self.plot)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 4)
        main.setStretchFactor(2, 1)
        main.setChildrenCollapsible(False)
        self.setCentralWidget(main)
        self.samples_dock: QDockWidget | None = None
        if retrain is not None:
            self.samples_panel = SamplesPanel(retrain)
            dock = QDockWidget(self.tr("Samples and training"), self)
            dock.setObjectName("samples")
            dock.setWidget(self.samples_panel)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable)  # fmt: skip
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.samples_dock = dock
            retrain.trainingEnded.connect(self._on_training_ended)
            self.stations.busy = retrain.training_for  # the station a model is trained for stays until it has it
            retrain.modelsChanged.connect(self._sync_model_labels)

        self.setStatusBar(MessageBar(self))  # a long message takes a second line, never cut
        self._build_status_bar()
        self._logged_factor: float | None = None
        self._threshold_note = QTimer(self)
        self._threshold_note.setSingleShot(True)
        self._threshold_note.setInterval(1500)
        self._threshold_note.timeout.connect(self._log_threshold)
        self._build_menus()
        self._restore()
        self._logged_factor = self.threshold_factor  # the remembered threshold is no change

        for station in self.stations.stations:
            self._connect_station(station)
        self.stations.stationAdded.connect(self._on_station_added)
        self.stations.focusChanged.connect(self._on_focus)
        self.stations.stationsChanged.connect(self._on_stations_changed)
        self.panel.acknowledged.connect(self.acknowledge)
        self.panel.falseAlarm.connect(lambda: self.add_last_ng_to_samples())
        self.panel.resetThreshold.connect(self.reset_threshold)
        self.panel.rollBack.connect(self.roll_back)
        self.panel.keepModel.connect(self.keep_model)
        self.panel.newProduct.connect(lambda: self.new_product())
        self.panel.good_button.setVisible(retrain is not None)
        self.view.roiChanged.connect(self._on_roi_changed)
        self.threshold_slider.valueChanged.connect(self._on_threshold_slider)
        self.heatmap_box.toggled.connect(self._on_heatmap_toggled)
        self.opacity_slider.valueChanged.connect(lambda v: setattr(self.view, "opacity", v / 100))
        self.lock.changed.connect(lambda _locked: self._apply_lock())

        self.plot.setFixedHeight(PLOT_HEIGHT_SHARED if self.stations.several else PLOT_HEIGHT)
        self._on_source_changed(controller.source.description)
        self._on_teaching(controller.teaching)  # a product still being taught when the app was closed
        self._sync_model_labels()
        self._apply_lock()
        pending = sum(station.restore_alarms() for station in self.stations.stations)
        if pending:  # NG parts nobody acknowledged before the last close are still pending
            self.statusBar().showMessage(self.tr("%n NG part(s) from before the restart still wait for "
                                                 "acknowledgement", "", pending), 15000)  # fmt: skip
        code, detail, _ = self.line_state(None)  # from the first paint on: LOADING while the model loads
        self.panel.set_verdict(code, detail)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_MS)
        self._status_timer.timeout.connect(self._update_rates)

    # -- stations -------------------------------------------------------------------------------------------------
    @property
    def controller(self) -> LineController:
        """The station in focus (the only one, on a line of one station)."""
        return self.stations.focus

    @property
    def source_text(self) -> str:
        """The focused station's source, as typed."""
        return self.controller.source_text

    @source_text.setter
    def source_text(self, text: str) -> None:
        self.controller.source_text = text

    def _connect_station(self, station: LineController) -> None:
        """Every station's NG parts reach the alarm banner; what the large view, the panel, the plot and the status
        bar tell comes from the station in focus."""

        def focused(handler):
            return lambda *args: handler(*args) if station is self.controller else None

        station.partJudged.connect(lambda verdict: self._on_station_part(station, verdict))
        station.alarmRaised.connect(lambda verdict: self._on_alarm(verdict, station))
        station.alarmCleared.connect(self._on_alarm_cleared)
        station.statusChanged.connect(lambda state, message: self._on_station_status(station, state, message))
        station.modelChanged.connect(focused(self._on_model_changed))
        station.modelChanged.connect(lambda _name: self._share_model(station))
        station.modelFailed.connect(focused(self._on_model_failed))
        station.modelFellBack.connect(focused(self._on_model_fell_back))
        station.modelStateChanged.connect(focused(lambda *_: self._sync_model_labels()))
        station.watchReport.connect(focused(self._on_watch))
        station.sourceChanged.connect(focused(self._on_source_changed))
        station.runStarted.connect(focused(self._on_run_started))
        station.teachingChanged.connect(focused(self._on_teaching))
        station.productChanged.connect(focused(lambda *_: self._sync_model_labels()))
        station.productChanged.connect(lambda *_: self._on_stations_changed())
        station.floodSuspected.connect(focused(self._on_flood))
        station.remotelyAcknowledged.connect(self._on_remote_ack)
        station.outputChanged.connect(focused(self._on_output_changed))
        station.outputWarning.connect(focused(self._on_output_warning))
        station.calibrationChanged.connect(focused(self._on_calibration))

    def _on_station_added(self, station: LineController) -> None:
        """A station added: the window's way of calibrating and its folder pace are its own too."""
        self._connect_station(station)
        station.set_calibration_settings(self.controller.calibration_settings)
        station.set_folder_pace(self.controller.folder_pace_ms)
        config = self.stations.stations[0].outputs_config
        if config.any:  # the line's outputs are every station's
            try:
                station.set_outputs(config)
            except OutputError as exc:
                self.statusBar().showMessage(engine_text(str(exc)), 15000)

    def _on_station_part(self, station: LineController, verdict: PartVerdict) -> None:
        """A part judged at ``station``: the panel and the plot tell the one in focus; any part moves the banner's
        "N parts ago" on."""
        if station is self.controller:
            self._on_part(verdict)
        elif self._alarms():
            self._show_alarms()

    def _on_station_status(self, station: LineController, state: str, message: str) -> None:
        """The station in focus says its state in the status bar; another says only its errors, with its name (its
        tile shows its state)."""
        if station is self.controller:
            self._on_status(state, message)
        elif state == "error":
            self.statusBar().showMessage(f"{station.station}: {engine_text(message)}")

    def _share_model(self, station: LineController) -> None:
        """A product's new model (retrained, rolled back) goes to every station judging that product."""
        path = station.model_path
        if path is None or station.teaching:
            return
        for other in self.stations.stations:
            if other is not station and other.product == station.product and not other.teaching \
                    and other.model_path != path and other.model_state != "loading":  # fmt: skip
                other.load_model(path)

    def _on_focus(self, station: LineController) -> None:
        """Another station in focus: the large view, the panel, the plot, the region and capture follow it."""
        self._last_frame_index = -1
        self.view.clear()
        self.plot.clear_scores()
        self.panel.set_counts(station.parts, station.ng_parts)
        self.panel.show_watch(None)
        self._apply_source_region()
        self.run_label.setText(self.tr("run {}").format(station.run_id) if station.run_id else "")
        self._on_source_changed(station.source.description)
        self._on_teaching(station.teaching)
        self.plot.set_warn_ratio(station.warn_ratio)
        self.set_threshold_factor(self.threshold_factor)
        if station.calibration is not None:
            self._on_calibration(station.calibration.status())
        if self.retrain is not None:
            self.retrain.set_line(station)
            self._follow_product(station.product)
        self._sync_model_labels()
        self.pause_action.setChecked(station.paused)
        self.statusBar().showMessage(self.tr("station {} in focus").format(station.station), 4000)

    def _follow_product(self, name: str) -> None:
        """Capture, import and retrain use the samples of the focused station's product."""
        catalog = self.retrain.catalog
        if catalog is None:
            return
        try:
            store = SampleStore(catalog.samples_dir(catalog.get(name)))
        except InspectorError as exc:
            self.statusBar().showMessage(engine_text(str(exc)))
            return
        if store.folder != self.retrain.store.folder:
            self.retrain.set_store(store)

    def _on_stations_changed(self) -> None:
        for tile in self.tiles.tiles:
            tile.sync_title()
        # the tiles take the height a shorter plot gives back: the window still fits a 1280 x 800 screen
        self.plot.setFixedHeight(PLOT_HEIGHT_SHARED if self.stations.several else PLOT_HEIGHT)
        self._sync_model_labels()
        self._show_alarms() if self._alarms() else self._on_alarm_cleared()

    def stations_dialog(self) -> StationsDialog | None:
        """*Line > Stations...* (shown; changes take effect at once). None while the engineer lock is on."""
        if self.lock.locked:
            return None
        catalog = self.retrain.catalog if self.retrain is not None else None
        products = [product.name for product in catalog.products] if catalog is not None else [""]
        dialog = StationsDialog(self, self.stations, products)
        dialog.show()
        self.lock.touch()
        return dialog

    def _alarms(self) -> list[tuple[LineController, PartVerdict]]:
        """Every station's NG parts not yet acknowledged, oldest first."""
        pending = [(station, verdict) for station in self.stations.stations for verdict in station.alarms]
        return sorted(pending, key=lambda item: item[1].ended)

    # -- setup ----------------------------------------------------------------------------------------------------
    def _restore(self) -> None:
        self.controller.set_calibration_settings(calibration_dialog.load_settings(self.settings))
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        try:
            regions = json.loads(str(self.settings.value("line/regions") or "{}"))
            self._regions = {str(k): str(v) for k, v in regions.items()} if isinstance(regions, dict) else {}
        except ValueError:  # a damaged setting is dropped, not fatal
            self._regions = {}
        legacy = self.settings.value("line/roi")  # one region for every source, as an earlier release kept it
        if legacy and self.source_text not in self._regions:
            self._regions[self.source_text] = str(legacy)
        self.settings.remove("line/roi")
        self._apply_source_region()
        try:
            factor = float(self.settings.value("line/threshold_factor", 1.0))
        except (TypeError, ValueError):  # a damaged setting: back to the calibrated threshold
            factor = 1.0
        self.set_threshold_factor(factor)
        self.heatmap_box.setChecked(self.settings.value("view/heatmap", True) in (True, "true"))
        self.opacity_slider.setValue(int(self.settings.value("view/opacity", 60)))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("line/regions", json.dumps(self._regions))
        self.settings.setValue("line/threshold_factor", self.threshold_factor)
        first = self.stations.stations[0]
        self.settings.setValue("line/source", first.source_text)
        model = first.model_path
        if first.inspector is not None:  # still loading: the remembered one stays
            self.settings.setValue("line/model", str(model) if model else "")
        self.settings.setValue("view/heatmap", self.heatmap_box.isChecked())
        self.settings.setValue("view/opacity", self.opacity_slider.value())
        self.settings.sync()

    # -- running --------------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.stations.start()
        self._refresh_timer.start()
        self._status_timer.start()

    def event(self, event: QEvent) -> bool:
        # a menu item's status tip: Qt hands it to its own status bar code, which would hide the message label
        if event.type() == QEvent.Type.StatusTip:
            self.statusBar().show_tip(event.tip())
            return True
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._threshold_note.isActive():  # a threshold set just before the close is logged too
            self._threshold_note.stop()
            self._log_threshold()
        self.save_settings()
        self._refresh_timer.stop()
        self._status_timer.stop()
        self.stations.stop()
        for station in self.stations.stations:
            station.close_outputs()  # "stopped" on the status topic; what is undelivered waits in the outbox
        with contextlib.suppress(InspectorError):
            self.stations.save()
        if self.data_lock is not None:  # another line may work on the data folder now
            self.data_lock.release()
        event.accept()

    def refresh(self) -> None:
        """One display tick: the newest frame with the newest heatmap, the state of what is under the camera, new
        scores on the plot."""
        frame, report, recent, heatmap = picture_of(self.controller)
        if frame is not None and frame.index != self._last_frame_index:
            self._last_frame_index = frame.index
            self.view.show_frame(frame.image, recent, self.controller.threshold, heatmap=heatmap)
        in_view = report.part if report is not None else None
        if self.controller.alarms and in_view != self._alarm_in_view:
            self._show_alarms()  # "under the camera now" must not outlive the part in view
        code, detail, no_signal = self.line_state(report)
        self.view.set_no_signal(no_signal)
        self.panel.set_verdict(code, detail)
        self._check_signal_alarm(no_signal)
        scores = self.controller.take_scores()
        if scores:
            self.plot.add_scores(scores)
        self.plot.refresh()
        if self.stations.several:
            self._refresh_tiles()

    def _refresh_tiles(self) -> None:
        """Every station's tile: its newest picture with its heatmap, and its state as the panel would say it."""
        for tile in self.tiles.tiles:
            frame, report, recent, heatmap = picture_of(tile.station)
            tile.show_state(frame, recent, *self.line_state(report, tile.station), heatmap=heatmap)

    def line_state(self, report, controller: LineController | None = None) -> tuple[str, str, str | None]:
        """(the panel's state code, its detail line, the no-signal text over the view or None) of ``controller``'s
        station (default: the one in focus)."""
        controller = controller or self.controller
        if controller.paused:
            return "PAUSED", self.tr("the line is paused (Space resumes)"), None
        if controller.state == "ended":  # a folder or a video played to its end: nothing is missing
            return "FINISHED", self._engine_text_once(controller.message) if controller.message else "", None
        if controller.model_state == "loading" and controller.source.finite:  # its frames wait for the model
            return "LOADING", self.tr("loading the model..."), None
        if controller.teaching and controller.is_folder:  # its photos wait for the product's first model
            return (
                "TEACHING",
                self.tr(
                    "the photos of the folder wait for the first model of {}: import good ones "
                    "(Samples > Import folder...), then Retrain"
                ).format(controller.teaching),
                None,
            )
        if controller.state == "waiting":  # a folder whose photos are all judged: an empty belt, not a lost signal
            detail = self._engine_text_once(controller.message)
            last = controller.last_verdict
            if last is not None:
                detail += "\n" + self.tr("last: part {} {}").format(last.number, verdict_word(last.verdict.value))
            return "NO PART", detail, None
        silent = controller.seconds_without_frames()
        if controller.state == "retrying" or (controller.running and silent > NO_SIGNAL_S):
            if controller.state == "retrying" and controller.message:
                reason = self._engine_text_once(controller.message)
            else:
                reason = self.tr("no picture from {} for {:.0f} s").format(
                    source_name(controller.source.description), silent
                )
            return "NO SIGNAL", reason, self.tr("NO SIGNAL: {}").format(reason)
        if controller.model_state == "loading":
            return "LOADING", self.tr("loading the model..."), None
        if controller.inspector is None:
            return "NO MODEL", self.tr("no model could be loaded: open one (File > Open model)"), None
        if report is None or report.result is None or report.part is None:
            # nothing whole and still in the region: no verdict is being made, whatever passed before
            last = controller.last_verdict
            moving = report is not None and report.presence.state in (PresenceState.MOVING, PresenceState.PARTIAL)
            detail = self.tr("a part is moving through the region") if moving else ""
            if last is not None:
                shown = self.tr("last: part {} {}").format(last.number, verdict_word(last.verdict.value))
                detail = f"{detail}\n{shown}" if detail else shown
            return "NO PART", detail, None
        last = controller.last_verdict
        if controller.teaching:  # the active model knows another product: its verdict is no verdict on this one
            return (
                "TEACHING",
                self.tr("part {}: {:.2f} x the threshold of a model for another product").format(
                    report.part, shown_ratio(report.result.normalized_score)
                ),
                None,
            )
        if last is not None and last.number == report.part:
            return last.verdict.value, self.tr("part {}: {:.2f} x threshold").format(
                last.number, shown_ratio(last.normalized_score)), None  # fmt: skip
        return report.result.verdict.value, self.tr("part {}: judging...").format(report.part), None

    def _engine_text_once(self, message: str) -> str:
        """:func:`engine_text` of the source's message, translated once per message, not on every display tick."""
        if self._said[0] != message:
            self._said = (message, engine_text(message))
        return self._said[1]

    def _check_signal_alarm(self, no_signal: str | None) -> None:
        """The optional no-signal alarm: after the set seconds without frames, once, until frames come back."""
        if no_signal is None:
            if self._signal_alarmed:
                self.panel.set_signal_alarm(False)
            self._signal_alarmed = self._signal_acknowledged = False
            return
        seconds = self.no_signal_alarm_seconds
        if seconds <= 0 or self._signal_alarmed or self._signal_acknowledged:
            return
        if self.controller.seconds_without_frames() >= seconds:
            self._signal_alarmed = True
            self.panel.set_signal_alarm(True, self.tr("NO SIGNAL for {} s: check the camera").format(seconds))
            self.sound.play()

    @property
    def no_signal_alarm_seconds(self) -> int:
        """Seconds without a picture before the no-signal alarm (0: never); read from the settings once."""
        if self._no_signal_alarm_s is None:
            try:
                self._no_signal_alarm_s = max(0, int(self.settings.value("line/no_signal_alarm_s", 0)))
            except (TypeError, ValueError):
                self._no_signal_alarm_s = 0
        return self._no_signal_alarm_s

    def outputs_dialog(self) -> LineOutputsDialog:
        """Line > Line outputs: edit where the verdicts go; OK applies at once (the line keeps running)."""
        dialog = LineOutputsDialog(self.settings, self.controller.output_statuses(), self,
                                   passwords=self._output_passwords)  # fmt: skip
        dialog.accepted.connect(lambda: self._apply_outputs(dialog))
        dialog.open()
        return dialog

    # -- the line's calibration -----------------------------------------------------------------------------------
    def calibration_dialog(self) -> CalibrationDialog:
        """Line > Line calibration: the engineer's settings; OK applies at once and is remembered."""
        dialog = CalibrationDialog(self.controller.calibration_settings, self)
        dialog.accepted.connect(lambda: self._apply_calibration(dialog))
        dialog.open()
        return dialog

    def _apply_calibration(self, dialog: CalibrationDialog) -> None:
        if self.lock.locked:
            return
        values = dialog.values()
        calibration_dialog.save_settings(self.settings, values)
        self.controller.set_calibration_settings(values)
        self.lock.touch()

    def recalibrate(self) -> None:
        """Line > Recalibrate on the line."""
        if self.lock.locked:
            return
        self.controller.recalibrate()
        self.statusBar().showMessage(self.tr("the line's calibration starts again: a conservative threshold "
                                             "alarms until enough parts are seen"), 10000)  # fmt: skip
        self.lock.touch()

    def _on_calibration(self, status: dict) -> None:
        self.calibration_label.setText(calibration_dialog.status_text(status))
        bounded = bool(status["bounded"])
        self.calibration_label.setStyleSheet("color: #c05800; font-weight: bold" if bounded else "color: #555555")
        self.plot.set_warn_ratio(self.controller.warn_ratio)
        if abs(self.threshold_factor - 1.0) < 1e-9:
            self._show_threshold_label()

    def _apply_outputs(self, dialog: LineOutputsDialog) -> None:
        self._output_passwords = dialog.passwords()
        try:  # the line's outputs: every station sends its own verdicts to them, named by its station
            for station in self.stations.stations:
                station.set_outputs(dialog.config)
        except OutputError as exc:
            self.statusBar().showMessage(engine_text(str(exc)), 15000)
            return
        self.statusBar().showMessage(self.tr("line outputs: {}").format(
            ", ".join(self._output_names(dialog.config)) or self.tr("none")), 5000)  # fmt: skip

    @staticmethod
    def _output_names(config) -> list[str]:
        return [name for name, on in (("MQTT", config.mqtt), ("webhook", config.webhook), ("OPC UA", config.opcua))
                if on]  # fmt: skip

    def _on_remote_ack(self, output: str) -> None:
        if self.panel.signal_alarm:  # as the window's button does: a no-signal alarm too
            self._signal_acknowledged = True
            self.panel.set_signal_alarm(False)
        stamp = time.strftime("%H:%M:%S")
        self.panel.show_note(self.tr("Alarm acknowledged remotely ({}) at {}").format(output, stamp))

    def _on_run_started(self, run: str) -> None:
        """Another source: a new run, its counters from zero (the pending NG parts stay until acknowledged)."""
        self.panel.set_counts(0, 0)
        self.defective_action.setEnabled(False)
        if run:
            self.run_label.setText(self.tr("run {}").format(run))

    # -- controller events ----------------------------------------------------------------------------------------
    def _on_part(self, verdict: PartVerdict) -> None:
        self.panel.set_counts(self.controller.parts, self.controller.ng_parts)
        self.defective_action.setEnabled(True)
        self._show_drift()
        if verdict.verdict is Verdict.NG and not self.controller.teaching:  # not another product's model's NG
            self.plot.mark_ng(verdict.normalized_score, time.monotonic())
        if self._alarms():
            self._show_alarms()

    def _on_alarm(self, verdict: PartVerdict, station: LineController | None = None) -> None:
        station = station or self.controller
        self._icons[(station.station, verdict.run, verdict.number)] = part_icon(verdict)
        if verdict.run:  # pending from before a restart: shown again, not a new alarm (no sound, not "last NG")
            self._show_alarms()
            return
        if station is self.controller:
            self.last_ng = verdict
            self.good_action.setEnabled(self.retrain is not None)
            self.panel.set_false_alarm_enabled(self.retrain is not None)
        self._show_alarms()
        self.sound.play()

    def _show_alarms(self) -> None:
        alarms = self._alarms()
        named = self.stations.several
        items = []
        in_view = {}  # each station's part under its camera now, asked once
        for station in dict.fromkeys(station for station, _ in alarms):
            _, report = station.latest()
            in_view[station] = report.part if report is not None else None
        for station, verdict in reversed(alarms):
            latest = station.last_verdict.number if station.last_verdict else 0
            stamp = time.strftime("%H:%M:%S", time.localtime(verdict.ended))
            after = latest - verdict.number
            if verdict.run:
                where = self.tr("before the restart (run {})").format(verdict.run)
            elif verdict.number == in_view[station]:
                where = self.tr("under the camera now")
            elif after <= 0:
                where = self.tr("just passed")
            else:
                where = self.tr("passed %n part(s) ago", "", after)
            score = shown_ratio(verdict.normalized_score)
            text = self.tr("part {}  {}\n{}  score {:.2f} x threshold").format(verdict.number, where, stamp, score)
            if named:  # several stations: which one to walk to comes first
                text = self.tr("{}: {}").format(station.station, text)
            items.append((self._icons.get((station.station, verdict.run, verdict.number)), text))
        self._alarm_in_view = in_view.get(self.controller)
        if named and alarms:
            where = ", ".join(dict.fromkeys(station.station for station, _ in reversed(alarms)))
            title = self.tr("NG at {}: take %n part(s) off the line, then acknowledge", "", len(alarms)).format(where)
        else:
            title = self.tr("NG: take %n part(s) off the line, then acknowledge", "", len(alarms))
        self.panel.show_alarms(title if alarms else "", items)
        self._sync_flood_hint()

    def _on_alarm_cleared(self) -> None:
        if self._alarms():  # another station's NG parts still wait
            self._show_alarms()
            return
        self._icons.clear()
        self.panel.show_alarms("", [])
        self._sync_flood_hint()

    def acknowledge(self) -> None:
        """Every pending NG part, at every station (and a no-signal alarm), is dealt with."""
        if self.panel.signal_alarm:
            self._signal_acknowledged = True
            self.panel.set_signal_alarm(False)
        for station in list(self.stations.stations):
            if station.alarms or station is self.controller:
                station.acknowledge()

    def _capture_key(self) -> None:
        if self.retrain is not None and self.retrain.capture_mode:
            self.retrain.capture_now()
        else:
            self.statusBar().showMessage(self.tr("capture: switch capture mode on first (F6)"), 4000)

    def mark_last_defective(self) -> bool:
        """Line > Last part was defective: the line's calibration leaves the last judged part out (a defect that
        passed must not teach the line that such parts are good)."""
        verdict = self.controller.last_verdict
        if verdict is None:
            return False
        left_out = self.controller.mark_defective(verdict.number)
        if left_out:
            text = self.tr("part {} (score {:.2f} x threshold) left out of the line's calibration").format(
                verdict.number, shown_ratio(verdict.normalized_score))  # fmt: skip
        else:
            text = self.tr("part {} is not in the line's calibration (it is finished or off): nothing to leave "
                           "out").format(verdict.number)  # fmt: skip
        self.statusBar().showMessage(text, 8000)
        return left_out

    def add_last_ng_to_samples(self, confirm: bool = True) -> str | None:
        """Store the last NG part as a good sample after the operator confirms it was a false alarm."""
        verdict = self.last_ng
        if verdict is None or self.retrain is None:
            return None
        if confirm:
            answer = QMessageBox.question(self, self.tr("False alarm"), self.tr(
                "Part {} (score {:.2f} x threshold) was a good part?\n\nIt is added to the good samples; the next "
                "retrain learns it.").format(verdict.number, shown_ratio(verdict.normalized_score)))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return None
        name = self.retrain.add_part(verdict, "false-alarm")
        if name is not None:
            self.statusBar().showMessage(self.tr("part {} added to the good samples as {}").format(
                verdict.number, name), 6000)  # fmt: skip
            self.last_ng = None
            self.good_action.setEnabled(False)
            self.panel.set_false_alarm_enabled(False)
            self.controller.acknowledge()
        return name

    def review_parts(self) -> ReviewWindow | None:
        """Line > Review parts...: the review window on this line's log (one at a time; raised when open)."""
        if self.review_window is not None:
            self.review_window.show()
            self.review_window.raise_()
            self.review_window.activateWindow()
            return self.review_window
        folder = self.controller.data_folder
        if folder is None:
            return None
        try:
            window = open_review(folder, self.settings, self.retrain.store if self.retrain is not None else None,
                                 ReviewFilter(run=self.controller.run_id,
                                              station=self.controller.station if self.stations.several else None),
                                 self)  # fmt: skip
        except ReviewError as exc:
            self.statusBar().showMessage(engine_text(str(exc)), 10000)
            return None
        if self.retrain is not None:
            window.sampleAdded.connect(lambda _name: self.retrain.samplesChanged.emit())
        window.labelled.connect(self._on_review_label)
        window.thresholdChosen.connect(self.set_threshold_from_review)
        window.allow_threshold(True, not self.lock.locked)
        window.destroyed.connect(lambda *_: setattr(self, "review_window", None))
        self.review_window = window
        window.show()
        return window

    def set_threshold_from_review(self, factor: float) -> None:
        """*Set the threshold here* in the review's rates: the threshold moves by ``factor`` (engineer lock)."""
        if self.lock.locked:
            return
        self.set_threshold_factor(self.threshold_factor * factor)
        self.statusBar().showMessage(self.tr("threshold set from the labelled parts: {:.2f} x calibrated").format(
            self.threshold_factor), 8000)  # fmt: skip
        if self.review_window is not None:
            self.review_window.rates.set_candidate(1.0)

    def _on_review_label(self, part_id: int, label: str) -> None:
        """A label given in the review feeds the line's calibration (the controller decides how); said here."""
        review = self.review_window
        part = review.review.part(part_id) if review is not None else None
        done = self.controller.apply_label(part, label) if part is not None else ""
        if done == "left out":
            self.statusBar().showMessage(self.tr("part {} left out of the line's calibration").format(part.part), 6000)
        elif done == "counted good":
            self.statusBar().showMessage(self.tr("part {} counts as good in the line's calibration").format(
                part.part), 6000)  # fmt: skip

    def _on_training_ended(self, outcome: str, message: str) -> None:
        self.statusBar().showMessage(engine_text(message), 15000)
        if outcome == "swapped":
            self.set_threshold_factor(1.0)  # the new model's own calibration
            if self.controller.teaching:  # the new product's own model: it knows the product now
                self.end_teaching()

    # -- a new product ----------------------------------------------------------------------------------------------
    def new_product(self, name: str | None = None, confirm: bool = True, region: str = "keep",
                    size: tuple[int, int] | None = None, folder: Path | None = None) -> bool:  # fmt: skip
        """*Samples > New product...*: a name, where its pictures come from (the source, or a ``folder`` of good
        photos imported as its first samples) and its region on them (``around`` the product found on each picture,
        the ``whole`` picture, ``keep`` the one drawn, a centred ``square``; ``size``: of the picture it was chosen
        on). Capture mode goes on, and until the new product's own model is active nothing is judged with another
        product's model: a folder's photos wait, a live source's parts are shown but neither logged nor counted.
        True when teaching began."""
        if self.lock.locked or self.retrain is None:
            return False
        if name is None:
            answer = self.ask_new_product()
            if answer is None:
                return False
            name, region, size, folder = answer.name, answer.region, answer.size, answer.folder
        catalog = self.retrain.catalog
        if catalog is not None:  # a product of its own: the current one keeps its samples, model and region
            framing = FRAMING_PRODUCT if region == "around" else FRAMING_REGION
            try:
                product = catalog.add(name.strip() or self.tr("new product"), framing)
            except InspectorError as exc:
                QMessageBox.warning(self, self.tr("New product"), engine_text(str(exc)))
                return False
            if not self._enter_product(product.name, teaching=True):
                return False
            self._set_product_region(region, size)
            if self.samples_panel is not None:
                self.samples_panel.set_capture_mode(True)
                if folder is not None:  # its first samples: the folder's photos, cropped to the region just chosen
                    self.samples_panel.import_folder(str(folder))
            self.statusBar().showMessage(
                self.tr("teaching {}: importing {}, then Retrain").format(product.name, folder) if folder else
                self.tr("teaching {}: capture good parts (F6, C) or import a folder of photos, then Retrain").format(
                    product.name), 20000)  # fmt: skip
            self.lock.touch()
            return True
        store = self.retrain.store
        if confirm and len(store):
            answer = QMessageBox.question(self, self.tr("New product"), self.tr(
                "The %n good sample(s) of the current product are put aside in the data folder's samples/archive "
                "(not deleted), so that the new product's model learns the new product alone. Go on?", "",
                len(store)))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            aside = store.put_aside(self.controller.teaching or self.tr("previous product"))
        except SampleError as exc:
            QMessageBox.warning(self, self.tr("New product"), engine_text(str(exc)))
            return False
        self.controller.set_teaching(name.strip() or self.tr("new product"))
        self._set_product_region(region, size)
        self.retrain.samplesChanged.emit()
        if self.samples_panel is not None:
            self.samples_panel.set_capture_mode(True)
            if folder is not None:
                self.samples_panel.import_folder(str(folder))
        where = self.tr("; the earlier samples are in {}").format(aside) if aside is not None else ""
        self.statusBar().showMessage(self.tr("teaching {}: capture good parts (F6, C), then Retrain{}").format(
            self.controller.teaching, where), 20000)  # fmt: skip
        self.lock.touch()
        return True

    def _leave_product(self) -> None:
        """The product on the line keeps its model (unless it is being taught: the active model is another's) and
        the region drawn for it."""
        catalog = self.retrain.catalog if self.retrain is not None else None
        if catalog is None:
            return
        changes = {"region": self.controller.settings.roi.as_text() if self.controller.settings.roi else None,
                   "framing": self.controller.framing or FRAMING_REGION}  # fmt: skip
        if not self.controller.teaching:
            model = self.retrain.library.name_of(self.controller.model_path)
            if model is not None:
                changes["model"] = model
        with contextlib.suppress(InspectorError):
            catalog.update(self.controller.product, **changes)

    def _enter_product(self, name: str, teaching: bool = False) -> bool:
        """Put product ``name`` on the line: its samples, its model (loaded in the background; none yet: teaching
        until its first model), its region. True when it is on the line."""
        catalog = self.retrain.catalog
        try:
            product = catalog.get(name)
            store = SampleStore(catalog.samples_dir(product))
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Product"), engine_text(str(exc)))
            return False
        self._leave_product()
        try:
            catalog.switch(product.name)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Product"), engine_text(str(exc)))
            return False
        self.retrain.set_store(store)
        self.controller.set_teaching("")
        self.controller.set_product(product.name)
        self.controller.set_framing(product.framing if teaching or not product.model else None)
        region = None
        if product.region:
            with contextlib.suppress(ValueError):
                region = Roi.parse(product.region)
        self._on_roi_changed(region)
        model = product.model
        if model is not None and is_bundle(self.retrain.library.path_of(model)):
            with contextlib.suppress(InspectorError, OSError):
                self.retrain.library.activate(model)
            self.controller.load_model(self.retrain.library.path_of(model))
        else:
            teaching = True  # no model of its own yet: the active one knows another product
        if teaching:
            self.controller.set_teaching(product.name)
        self._sync_model_labels()
        return True

    def switch_product(self, name: str | None = None) -> bool:
        """*Line > Product...*: another product on the line, with its samples, its active model and its region
        (remembered). True when switched."""
        if self.lock.locked or self.retrain is None or self.retrain.catalog is None:
            return False
        catalog = self.retrain.catalog
        if name is None:
            dialog = ProductDialog(self, catalog, self.retrain.library)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
                return False
            name = dialog.chosen
        if name == self.controller.product and not self.controller.teaching:
            return False
        if not self._enter_product(name):
            return False
        self.statusBar().showMessage(self.tr("product on the line: {}").format(name or self.tr("unnamed")), 10000)
        self.lock.touch()
        return True

    def ask_new_product(self) -> NewProductAnswer | None:
        """The New product dialog (where the pictures come from, the first one, the region on it), or None when
        cancelled."""
        frame, _ = self.controller.latest()
        picture = frame.image if frame is not None else None
        if picture is None and Path(self.source_text).is_dir():  # a folder judged to its end: its last photo
            picture = first_picture(Path(self.source_text), newest=True)
        drawn = self.controller.settings.roi if self.source_text in self._regions else None
        dialog = NewProductDialog(self, self.source_text, picture, drawn or self._default_box())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()

    def _default_box(self) -> Roi | None:
        """The yellow box the line uses where none is drawn (the model's own region) on the last frame judged, with
        that frame's size; None before one."""
        _, report = self.controller.latest()
        if report is None or report.roi is None:
            return None
        height, width = report.frame.image.shape[:2]
        return dataclasses.replace(report.roi, frame=(width, height))

    def _set_product_region(self, region: str, size: tuple[int, int] | None = None) -> None:
        """The new product's region on the pictures of this source (remembered for it like a drawn one), chosen on
        a picture of ``size`` (None: the picture in view). Around the product: the product is found on each frame
        wherever it lies (the whole picture is watched), its samples are framed around it, and so is the line of
        the model taught from them."""
        framing = FRAMING_PRODUCT if region == "around" else FRAMING_REGION
        if self.retrain is not None:
            try:
                self.retrain.store.set_framing(framing)
            except SampleError as exc:
                QMessageBox.warning(self, self.tr("New product"), engine_text(str(exc)))
        self.controller.set_framing(framing)
        if size is None:
            frame, _ = self.controller.latest()
            size = (frame.image.shape[1], frame.image.shape[0]) if frame is not None else None
        if region == "around":
            self._on_roi_changed(None)  # the product is looked for on the whole picture
            return
        if region == "keep":  # the yellow box as it is: pinned, so that photos imported are cropped to it too
            default = self._default_box() if self.controller.settings.roi is None else None
            if default is not None:
                self._on_roi_changed(default)
            return
        if size is None:
            return
        width, height = size
        box = default_roi(width, height, "center") if region == "square" else Roi(0, 0, width, height)
        self._on_roi_changed(dataclasses.replace(box, frame=(width, height)))

    def end_teaching(self) -> None:
        if not self.controller.teaching:
            return
        product = self.controller.teaching
        self.controller.set_teaching("")
        self.controller.set_framing(None)  # the active model's own framing from now on
        self.statusBar().showMessage(self.tr("{}: the active model's NG parts are alarms again").format(product), 15000)

    def _on_teaching(self, product: str) -> None:
        self._last_frame_index = -1  # the picture in view is shown again, with or without the active model's heatmap
        self.teaching_label.setText(self.tr("teaching {}").format(product) if product else "")
        self.teaching_label.setToolTip(self.tr("No alarms from the active model while a new product is taught: it "
                                               "knows another product") if product else "")  # fmt: skip
        if self.retrain is not None:
            self.end_teaching_action.setEnabled(bool(product))

    def _on_flood(self, ng: int, parts: int) -> None:
        self.statusBar().showMessage(self.tr("{} of the last {} parts are NG: does the active model know another "
                                             "product? Samples > New product... teaches this one").format(ng, parts),
                                     30000)  # fmt: skip
        # the banner's own words, short (its button is the way out)
        self._flood_text = self.tr("{} of the last {} parts NG: is the active model for another product?").format(
            ng, parts)  # fmt: skip
        self._show_alarms()

    def _sync_flood_hint(self) -> None:
        """The flood's likely cause stays in the alarm banner while it lasts, with *New product...* when allowed."""
        flooding = self.controller.flooding and bool(self.controller.alarms)
        action = getattr(self, "new_product_action", None)
        self.panel.set_flood_hint(self._flood_text if flooding else "",
                                  can_teach=action is not None and action.isEnabled())  # fmt: skip

    def _on_status(self, state: str, message: str) -> None:
        text = engine_text(message)
        if state in ("retrying", "error"):
            self.statusBar().showMessage(text)
            self.view.show_message(text)
        elif state == "running":
            self.statusBar().showMessage(self.tr("running: {}").format(text), 3000)
        elif state in ("warning", "reconnected"):  # the source is named beside it already: the news alone
            prefix = f"{self.controller.source.description}: "
            if state == "warning" and self.controller.teaching and message.startswith(prefix):
                return  # the frames against another product's model: nothing the new product's teaching needs
            own = engine_text(message.removeprefix(prefix))
            self.statusBar().showMessage(own, 20000 if state == "warning" else 15000)
            self.view.show_message("")
        elif state in ("ended", "waiting"):
            self.statusBar().showMessage(text)

    def _on_model_changed(self, name: str) -> None:
        self.plot.set_warn_ratio(self.controller.warn_ratio)
        self.set_threshold_factor(self.threshold_factor)
        self._sync_model_labels()
        if self.controller.watch is None:
            self.panel.show_watch(None)
        self.statusBar().showMessage(self.tr("now inspecting with {}").format(self.model_title()), 5000)

    def model_title(self) -> str:
        """How the window names the model in use: the shipped one as such."""
        controller = self.controller
        if controller.inspector is None:
            return self.tr("loading...") if controller.model_state == "loading" else self.tr("none")
        library = self.retrain.library if self.retrain is not None else None
        if library is not None and library.name_of(controller.model_path) == SHIPPED:
            return self.tr("shipped model")
        return controller.model_name

    def _sync_model_labels(self) -> None:
        """Every place that names the active model says the same; the window's title names the product."""
        title = self.model_title()
        self.model_label.setText(self.tr("model: {}").format(title))
        product = self.controller.product or self.tr("unnamed product")
        if self.stations.several:
            self.setWindowTitle(self.tr("Cookie Inspector: {} at {}").format(product, self.controller.station))
        else:
            self.setWindowTitle(self.tr("Cookie Inspector: {}").format(product))
        if self.samples_panel is not None:
            self.samples_panel.set_active_model(title)

    def _on_model_failed(self, message: str) -> None:
        text = engine_text(message)
        if self.controller.inspector is None:
            self.statusBar().showMessage(self.tr("no model: {}").format(text))
        else:
            self.statusBar().showMessage(self.tr("model not changed: {}").format(text))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Model not loaded"), self.tr(
            "The model could not be loaded; the line keeps the current one.\n\n{}").format(text),
            QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setModal(False)
        box.open()  # never blocks the line's display

    def _on_model_fell_back(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("the remembered model could not be loaded ({}); using {}").format(
            engine_text(message), self.model_title()))  # fmt: skip

    def _on_watch(self, report: WatchReport) -> None:
        """After a swap: offer the rollback when the new model alarms far more than it was calibrated for."""
        if report.state == "suspect" and report.reason == "bound":
            previous = self.controller.previous_model
            text = self.tr("The line's parts score far above the new model's samples: its threshold is held at the "
                           "bound, {:.2f} x the samples'. Is the region, the light or the product the same as in "
                           "the samples? If not, roll back to {}.").format(
                report.factor, previous.name if previous else "?")  # fmt: skip
            self.panel.show_watch(text, previous is not None)
        elif report.state == "suspect":
            previous = self.controller.previous_model
            text = self.tr("The new model alarmed on {} of the first {} parts ({:.0%}); it was calibrated for "
                           "{:.0%}. Check the NG parts: if they are good, roll back to {}.").format(
                report.alarms, report.parts, report.rate, report.calibrated_rate,
                previous.name if previous else "?")  # fmt: skip
            self.panel.show_watch(text, previous is not None)
        elif report.state == "trusted":
            self.panel.show_watch(None)
            self.statusBar().showMessage(self.tr("the new model's first {} parts look as calibrated").format(
                report.parts), 8000)  # fmt: skip

    def roll_back(self) -> None:
        previous = self.controller.previous_model
        self.panel.show_watch(None)
        self.controller.stop_watch()
        if previous is None:
            return
        library = self.retrain.library if self.retrain is not None else None
        name = library.name_of(previous) if library is not None else None
        if name is not None and self.retrain is not None:
            self.retrain.activate(name)
        else:
            self.controller.load_model(previous, watch=False)
        self.statusBar().showMessage(self.tr("rolling back to {}...").format(previous.name), 5000)

    def keep_model(self) -> None:
        self.panel.show_watch(None)
        self.controller.stop_watch()

    # -- the threshold ------------------------------------------------------------------------------------------
    @property
    def threshold_factor(self) -> float:
        low, high = THRESHOLD_RANGE
        return low + (high - low) * self.threshold_slider.value() / THRESHOLD_STEPS

    def set_threshold_factor(self, factor: float) -> None:
        low, high = THRESHOLD_RANGE
        factor = min(max(factor, low), high)
        self.threshold_slider.blockSignals(True)
        self.threshold_slider.setValue(round((factor - low) / (high - low) * THRESHOLD_STEPS))
        self.threshold_slider.blockSignals(False)
        self._on_threshold_slider(self.threshold_slider.value())

    def _log_threshold(self) -> None:
        """A threshold set by hand goes in the log (who, when), for the shift report."""
        factor = self.threshold_factor
        if self._logged_factor is None or abs(factor - self._logged_factor) < 1e-9:
            return
        self._logged_factor = factor
        value = self.controller.threshold if self.controller.inspector is not None else float("nan")
        who = "engineer" if self.lock.has_password else "operator"
        self.controller.log_event("threshold", f"{factor:.2f} x calibrated ({value:.5f})", who)

    def reset_threshold(self) -> None:
        if not self.lock.locked:
            self.set_threshold_factor(1.0)

    def _show_threshold_label(self) -> None:
        threshold = self.controller.threshold
        value = f"{threshold:.4f}" if self.controller.inspector is not None else "-"
        self.threshold_label.setText(
            self.tr("threshold {}  ({:.2f} x calibrated)").format(value, self.threshold_factor)
        )

    def _on_threshold_slider(self, _value: int) -> None:
        factor = self.threshold_factor
        if self._logged_factor is not None and abs(factor - self._logged_factor) > 1e-9:
            self._threshold_note.start()  # logged once the hand has settled, not for every step of a drag
        calibrated = abs(factor - 1.0) < 1e-9
        if self.controller.inspector is not None:
            self.controller.set_threshold(None if calibrated else self.controller.calibrated_threshold * factor)
        self._show_threshold_label()
        if calibrated:
            self.panel.set_threshold_badge(None)
        elif factor > 1:
            self.panel.set_threshold_badge(self.tr("Threshold {:.2f} x calibrated: defects may pass").format(factor))
        else:
            self.panel.set_threshold_badge(self.tr("Threshold {:.2f} x calibrated: more false alarms").format(factor))
        self.lock.touch()

    def _on_heatmap_toggled(self, on: bool) -> None:
        self.view.show_heatmap = on
        self.heatmap_action.setChecked(on)

    def _on_roi_changed(self, roi: Roi | None) -> None:
        if self.lock.locked:
            return
        self.controller.set_roi(roi)
        self.view.set_roi(roi)
        if roi is None:
            self._regions.pop(self.source_text, None)
        else:
            self._regions[self.source_text] = roi.as_text()
        self.lock.touch()

    def _apply_source_region(self) -> None:
        """The region drawn for the source in use, remembered per source (another source's pixels would cut
        another picture); none drawn: the model's own region."""
        region = None
        text = self._regions.get(self.source_text)
        if text:
            try:
                region = Roi.parse(text)
            except Exception:  # noqa: BLE001 - a damaged setting is dropped, not fatal
                self._regions.pop(self.source_text, None)
        self.controller.set_roi(region)
        self.view.set_roi(region)

    # -- the engineer lock ----------------------------------------------------------------------------------------
    def _apply_lock(self) -> None:
        locked = self.lock.locked
        if self.review_window is not None:
            self.review_window.allow_threshold(True, not locked)
        self.threshold_slider.setEnabled(not locked)
        self.panel.threshold_reset_button.setEnabled(not locked)
        self.view.editable = not locked
        self.view.update()
        for action in self.locked_actions:
            action.setEnabled(not locked)
        self._sync_replay()
        if self.samples_panel is not None:
            self.samples_panel.set_locked(locked)
        if not self.lock.has_password:
            self.lock_label.setText("")
        else:
            self.lock_label.setText(self.tr("LOCKED") if locked else self.tr("unlocked"))
        self.lock_label.setStyleSheet("color: #c01818; font-weight: bold" if locked else "color: #1f7a3c")

    # -- operator actions -----------------------------------------------------------------------------------------
    def quit(self, confirm: bool = True) -> bool:
        """File > Quit (Ctrl+Q): a running line is not stopped by a stray key; asks first. True when closing."""
        if confirm and self.controller.running and not self.controller.paused:
            answer = QMessageBox.question(self, self.tr("Quit"), self.tr(
                "Stop inspecting the line and close Cookie Inspector?"))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.close()
        return True

    def toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
            self.statusBar().showMessage(self.tr("running"), 2000)
        else:
            self.controller.pause()
            self.statusBar().showMessage(self.tr("paused"))
        self.pause_action.setChecked(self.controller.paused)

    def _use_source(self, text: str) -> None:
        if self.lock.locked:
            return
        if self.controller.open_source_text(text):  # a text that opens nothing changes nothing, nor is remembered
            self.source_text = text
            self._last_frame_index = -1
            self.view.clear()  # never the last source's picture over this one's name
            self._apply_source_region()
        self.lock.touch()
