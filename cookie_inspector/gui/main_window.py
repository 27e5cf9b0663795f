"""The main window: live view, verdict panel, score plot, controls, menus and status bar, all fed by one
:class:`LineController`. Settings (source, region, threshold, heatmap, window geometry) come back at the next start."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.frames.capture import list_cameras
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.line.live import PartVerdict
from cookie_inspector.core.resources import alarm_sound
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.live_view import LiveView
from cookie_inspector.gui.retrain import RetrainController
from cookie_inspector.gui.samples_panel import SamplesPanel
from cookie_inspector.gui.score_plot import ScorePlot
from cookie_inspector.gui.verdict_panel import VerdictPanel

REFRESH_MS = 33
"""The display's pace: about 30 repaints a second, whatever the camera and the model do."""
STATUS_MS = 500
THRESHOLD_STEPS = 220
"""The threshold slider runs from 0.25x to 3x the model's calibrated threshold in this many steps (1x is a step)."""
HOLD_VERDICT_S = 1.5
"""How long a finished part's verdict stays on the panel once the part has gone."""
THRESHOLD_RANGE = (0.25, 3.0)


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


class MainWindow(QMainWindow):
    def __init__(self, controller: LineController, settings: QSettings, source_text: str = "demo",
                 retrain: RetrainController | None = None) -> None:  # fmt: skip
        super().__init__()
        self.controller = controller
        self.retrain = retrain
        self.samples_panel: SamplesPanel | None = None
        self.last_ng: PartVerdict | None = None
        self.settings = settings
        self.source_text = source_text
        self.setWindowTitle("Cookie Inspector")
        self.sound = AlarmSound()
        self._last_frame_index = -1

        self.view = LiveView()
        self.panel = VerdictPanel()
        self.plot = ScorePlot()
        self.plot.set_warn_ratio(controller.warn_ratio)

        self.heatmap_box = QCheckBox("Heatmap")
        self.heatmap_box.setChecked(True)
        self.heatmap_box.setToolTip("Paint the difference between the part and the model's rebuild in red (H)")
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(10, 100)
        self.opacity_slider.setValue(60)
        self.opacity_slider.setToolTip("Opacity of the heatmap at the threshold")
        self.threshold_slider = QSlider(Qt.Orientation.Horizontal)
        self.threshold_slider.setRange(0, THRESHOLD_STEPS)
        self.threshold_slider.setToolTip("Alarm threshold, relative to the model's calibrated one; applies at once")
        self.threshold_label = QLabel()

        controls = QGroupBox("Inspection")
        form = QVBoxLayout(controls)
        form.addWidget(self.threshold_label)
        form.addWidget(self.threshold_slider)
        row = QHBoxLayout()
        row.addWidget(self.heatmap_box)
        row.addWidget(QLabel("opacity"))
        row.addWidget(self.opacity_slider)
        form.addLayout(row)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.panel, 1)
        side_layout.addWidget(controls)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.view)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(self.plot)
        main.setStretchFactor(0, 4)
        main.setStretchFactor(1, 1)
        self.setCentralWidget(main)
        if retrain is not None:
            self.samples_panel = SamplesPanel(retrain)
            dock = QDockWidget("Samples and training", self)
            dock.setObjectName("samples")
            dock.setWidget(self.samples_panel)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable)  # fmt: skip
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            retrain.trainingEnded.connect(self._on_training_ended)

        self.source_label, self.model_label, self.rate_label = QLabel(), QLabel(), QLabel()
        for label in (self.source_label, self.model_label, self.rate_label):
            self.statusBar().addPermanentWidget(label)
        self._build_menus()
        self._restore()

        controller.partJudged.connect(self._on_part)
        controller.alarmRaised.connect(self._on_alarm)
        controller.alarmCleared.connect(self.panel.clear_alarm)
        controller.statusChanged.connect(self._on_status)
        controller.modelChanged.connect(self._on_model_changed)
        controller.modelFailed.connect(self._on_model_failed)
        controller.sourceChanged.connect(lambda text: self.source_label.setText(f"source: {text}"))
        self.panel.acknowledged.connect(controller.acknowledge)
        self.panel.falseAlarm.connect(lambda: self.add_last_ng_to_samples())
        self.panel.good_button.setVisible(retrain is not None)
        self.view.roiChanged.connect(self._on_roi_changed)
        self.threshold_slider.valueChanged.connect(self._on_threshold_slider)
        self.heatmap_box.toggled.connect(self._on_heatmap_toggled)
        self.opacity_slider.valueChanged.connect(lambda v: setattr(self.view, "opacity", v / 100))

        self.source_label.setText(f"source: {controller.source.description}")
        self.model_label.setText(f"model: {controller.model_name}")
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_MS)
        self._status_timer.timeout.connect(self._update_rates)

    # -- setup ----------------------------------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "Open &camera...", self._open_camera, "Ctrl+Shift+C", "Watch a USB camera by index")
        self._action(file_menu, "Open &video file...", self._open_video, QKeySequence.StandardKey.Open,
                     "Play a recorded video as the line")  # fmt: skip
        self._action(file_menu, "Open &stream...", self._open_stream, None, "Watch an RTSP or HTTP stream")
        self._action(file_menu, "Open image &folder...", self._open_folder, None, "Inspect the photos of a folder")
        self._action(file_menu, "&Demo line", lambda: self._use_source("demo"), None, "The demo cookie line")
        file_menu.addSeparator()
        self._action(file_menu, "Open &model...", self._open_model, "Ctrl+M", "Use another trained model bundle")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Stop the line and close")
        line_menu = self.menuBar().addMenu("&Line")
        self.pause_action = self._action(line_menu, "&Pause", self.toggle_pause, "Space",
                                         "Stop and restart the line", checkable=True)  # fmt: skip
        self.ack_action = self._action(line_menu, "&Acknowledge alarm", self.controller.acknowledge, "Ctrl+K",
                                       "Clear the alarm once the NG part is dealt with")  # fmt: skip
        self.good_action = self._action(line_menu, "Last NG part was &good...", lambda: self.add_last_ng_to_samples(),
                                        None, "Add the last NG part to the good samples (next retrain)")  # fmt: skip
        self.good_action.setEnabled(False)
        if self.samples_panel is not None:
            panel = self.samples_panel
            samples_menu = self.menuBar().addMenu("&Samples")
            self.capture_action = self._action(samples_menu, "&Capture mode", panel.set_capture_mode, "F6",
                                               "Collect good samples from the line", checkable=True)  # fmt: skip
            panel.capture_button.toggled.connect(self.capture_action.setChecked)
            self._action(samples_menu, "Capture &sample", self._capture_key, "C",
                         "Store the region now as a good sample (in capture mode)")  # fmt: skip
            self._action(samples_menu, "&Import folder...", lambda: panel.import_folder(), None,
                         "Add the good images of a folder")  # fmt: skip
            self._action(samples_menu, "&Undo delete", panel.undo_delete, QKeySequence.StandardKey.Undo,
                         "Bring back the last deleted samples")  # fmt: skip
            samples_menu.addSeparator()
            self._action(samples_menu, "&Retrain", panel.start_training, "Ctrl+R",
                         "Train a new model on the good samples; the line goes on meanwhile")  # fmt: skip
            self._action(samples_menu, "Cancel &training", self.retrain.cancel_training, None,
                         "Stop the training; the current model stays")  # fmt: skip
            self._action(samples_menu, "&Models...", panel.show_models, None,
                         "Every trained model: activate one or delete it")  # fmt: skip
        view_menu = self.menuBar().addMenu("&View")
        self.heatmap_action = self._action(view_menu, "&Heatmap", self.heatmap_box.toggle, "H",
                                           "Show or hide the red heatmap", checkable=True)  # fmt: skip
        self.heatmap_action.setChecked(True)
        self._action(view_menu, "&Full screen", self.toggle_fullscreen, QKeySequence.StandardKey.FullScreen,
                     "Full screen on or off")  # fmt: skip
        self._action(view_menu, "Reset &region", lambda: self._on_roi_changed(None), None,
                     "Back to the largest centred square")  # fmt: skip

    def _restore(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        roi = self.settings.value("line/roi")
        if roi:
            try:
                restored = Roi.parse(str(roi))
                self.controller.set_roi(restored)
                self.view.set_roi(restored)
            except Exception:  # noqa: BLE001 - a damaged setting is dropped, not fatal
                self.settings.remove("line/roi")
        try:
            factor = float(self.settings.value("line/threshold_factor", 1.0))
        except (TypeError, ValueError):  # a damaged setting: back to the calibrated threshold
            factor = 1.0
        self.set_threshold_factor(factor)
        self.heatmap_box.setChecked(self.settings.value("view/heatmap", True) in (True, "true"))
        self.opacity_slider.setValue(int(self.settings.value("view/opacity", 60)))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        roi = self.controller.settings.roi
        self.settings.setValue("line/roi", ",".join(map(str, roi.as_list())) if roi else "")
        self.settings.setValue("line/threshold_factor", self.threshold_factor)
        self.settings.setValue("line/source", self.source_text)
        model = self.controller.inspector.bundle.path
        self.settings.setValue("line/model", str(model) if model else "")
        self.settings.setValue("view/heatmap", self.heatmap_box.isChecked())
        self.settings.setValue("view/opacity", self.opacity_slider.value())
        self.settings.sync()

    # -- running --------------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.controller.start()
        self._refresh_timer.start()
        self._status_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        self._refresh_timer.stop()
        self._status_timer.stop()
        self.controller.stop()
        event.accept()

    def refresh(self) -> None:
        """One display tick: the newest frame with the newest heatmap, new scores on the plot."""
        frame, report = self.controller.latest()
        if frame is not None and frame.index != self._last_frame_index:
            self._last_frame_index = frame.index
            recent = report if report is not None and report.frame.index >= frame.index - 15 else None
            self.view.show_frame(frame.image, recent, self.controller.threshold)
            self.panel.set_verdict(self._panel_verdict(recent))
        scores = self.controller.take_scores()
        if scores:
            self.plot.add_scores(scores)
        self.plot.refresh()

    def _panel_verdict(self, report) -> str:
        """The part in view's verdict so far (its frame's), the last part's for a moment after it left, or NO PART."""
        if report is not None and report.result is not None:
            return report.result.verdict.value
        last = self.controller.last_verdict
        if last is not None and time.time() - last.ended < HOLD_VERDICT_S:
            return last.verdict.value
        return "NO PART"

    def _update_rates(self) -> None:
        rates = self.controller.rates()
        self.rate_label.setText(f"camera {rates['camera_fps']:.1f} fps   inference {rates['inspect_fps']:.1f} fps   "
                                f"latency {rates['latency_ms']:.0f} ms")  # fmt: skip

    # -- controller events ----------------------------------------------------------------------------------------
    def _on_part(self, verdict: PartVerdict) -> None:
        self.panel.set_verdict(verdict.verdict.value)
        self.panel.set_counts(self.controller.parts, self.controller.ng_parts)
        if verdict.verdict.value == "NG":
            self.plot.mark_ng(verdict.normalized_score, time.monotonic())

    def _capture_key(self) -> None:
        if self.retrain is not None and self.retrain.capture_mode:
            self.retrain.capture_now()
        else:
            self.statusBar().showMessage("capture: switch capture mode on first (F6)", 4000)

    def add_last_ng_to_samples(self, confirm: bool = True) -> str | None:
        """Store the last NG part as a good sample after the operator confirms it was a false alarm."""
        verdict = self.last_ng
        if verdict is None or self.retrain is None:
            return None
        if confirm:
            answer = QMessageBox.question(self, "False alarm", f"Part {verdict.number} (score "
                                          f"{verdict.normalized_score:.2f} x threshold) was a good part?\n\n"
                                          "It is added to the good samples; the next retrain learns it.")  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return None
        name = self.retrain.add_part(verdict, "false-alarm")
        if name is not None:
            self.statusBar().showMessage(f"part {verdict.number} added to the good samples as {name}", 6000)
            self.last_ng = None
            self.good_action.setEnabled(False)
            self.panel.set_false_alarm_enabled(False)
            self.controller.acknowledge()
        return name

    def _on_training_ended(self, outcome: str, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        if outcome == "swapped":
            self.set_threshold_factor(1.0)  # the new model's own calibration

    def _on_alarm(self, verdict: PartVerdict) -> None:
        self.last_ng = verdict
        self.good_action.setEnabled(self.retrain is not None)
        self.panel.set_false_alarm_enabled(self.retrain is not None)
        stamp = time.strftime("%H:%M:%S", time.localtime(verdict.ended))
        self.panel.raise_alarm(f"NG part {verdict.number} at {stamp}: score {verdict.normalized_score:.2f} x "
                               "threshold. Take it off the line, then acknowledge.")  # fmt: skip
        self.sound.play()

    def _on_status(self, state: str, message: str) -> None:
        if state in ("retrying", "error"):
            self.statusBar().showMessage(message)
            self.view.show_message(message)
        elif state == "running":
            self.statusBar().showMessage(f"running: {message}", 3000)
        elif state == "ended":
            self.statusBar().showMessage(message)

    def _on_model_changed(self, name: str) -> None:
        self.model_label.setText(f"model: {name}")
        self.plot.set_warn_ratio(self.controller.warn_ratio)
        self.set_threshold_factor(self.threshold_factor)
        self.statusBar().showMessage(f"now inspecting with {name}", 5000)

    def _on_model_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"model not changed: {message}")
        QMessageBox.warning(self, "Model not loaded", f"The model could not be loaded; the line keeps the current "
                            f"one.\n\n{message}")  # fmt: skip

    # -- operator actions -----------------------------------------------------------------------------------------
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

    def _on_threshold_slider(self, _value: int) -> None:
        factor = self.threshold_factor
        model = self.controller.inspector.threshold
        self.controller.set_threshold(None if abs(factor - 1.0) < 1e-9 else model * factor)
        self.threshold_label.setText(f"threshold {model * factor:.4f}  ({factor:.2f} x calibrated)")

    def _on_heatmap_toggled(self, on: bool) -> None:
        self.view.show_heatmap = on
        self.heatmap_action.setChecked(on)

    def _on_roi_changed(self, roi: Roi | None) -> None:
        self.controller.set_roi(roi)
        self.view.set_roi(roi)

    def toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
            self.statusBar().showMessage("running", 2000)
        else:
            self.controller.pause()
            self.statusBar().showMessage("paused")
        self.pause_action.setChecked(self.controller.paused)

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _use_source(self, text: str) -> None:
        self.source_text = text
        self._last_frame_index = -1
        self.controller.open_source_text(text)

    def _open_camera(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = list_cameras()
        finally:
            QApplication.restoreOverrideCursor()
        if found:
            names = [f"camera {index}" for index in found]
            choice, ok = QInputDialog.getItem(self, "Open camera", "Cameras that deliver pictures:", names, 0, False)
            if ok:
                self._use_source(str(found[names.index(choice)]))
            return
        index, ok = QInputDialog.getInt(self, "Open camera", "No camera answered on indices 0-7. Try an index "
                                        "anyway (0 is the first camera):", 0, 0, 63)  # fmt: skip
        if ok:
            self._use_source(str(index))

    def _open_video(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open video", "", "Videos (*.mp4 *.avi *.mov *.mkv *.webm)")
        if path:
            self._use_source(path)

    def _open_stream(self) -> None:
        url, ok = QInputDialog.getText(self, "Open stream", "Stream URL (rtsp://..., http://...):")
        if ok and url.strip():
            self._use_source(url.strip())

    def _open_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open image folder")
        if path:
            self._use_source(path)

    def _open_model(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open model bundle (a folder with model.keras and meta.json)")
        if path:
            self.statusBar().showMessage(f"loading {Path(path).name}...")
            self.controller.load_model(Path(path))
