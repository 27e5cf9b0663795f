"""The main window's status bar: source, model, rates, run, calibration, outputs, teaching, drift, lock and disk,
and the messages that step in front of them. A part of :class:`MainWindow`, kept in a room of its own."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cookie_inspector.gui.message_bar import FitLabel
from cookie_inspector.gui.messages import engine_text, source_name
from cookie_inspector.gui.outputs_dialog import status_html, status_text, status_tooltip

SOURCE_LABEL_WIDTH = 180
"""Pixels the status bar gives the source's name (the whole name is its tool tip)."""


class WindowStatusBar:
    """The labels of the status bar and what keeps them current (``self``: a :class:`MainWindow`)."""

    def _build_status_bar(self) -> None:
        self.source_label, self.model_label, self.rate_label = FitLabel(), FitLabel(), FitLabel()
        self.lock_label = FitLabel()
        self.disk_label = FitLabel()
        self.disk_label.setStyleSheet("color: #c01818; font-weight: bold")
        self.drift_label = FitLabel()
        self.drift_label.setToolTip(self.tr("The median score of the last good parts against the one the model was "
                                            "calibrated with: well above 1, the light, the camera or the product "
                                            "has changed and false alarms will follow"))  # fmt: skip
        self._drift_said = False
        self.outputs_label = FitLabel()
        self.outputs_label.setObjectName("outputs")
        self._output_passwords: dict[str, str] = {}
        """Passwords typed into the Line outputs dialog: for this session only, never saved."""
        self.teaching_label = FitLabel()
        self.teaching_label.setObjectName("teaching")
        self.teaching_label.setStyleSheet("color: #c05800; font-weight: bold")
        self.calibration_label = FitLabel()
        self.calibration_label.setObjectName("calibration")
        self.calibration_label.setToolTip(self.tr(
            "Where the threshold comes from: the samples give it a first value, then the line sets it from the "
            "parts it judges (Line > Line calibration...)"))  # fmt: skip
        self.run_label = FitLabel()
        controller = self.controller
        if controller.run_id:
            self.run_label.setText(self.tr("run {}").format(controller.run_id))
            self.run_label.setToolTip(self.tr("Every part of this run is logged with this run id (part numbers "
                                              "start again at 1 in each run)"))  # fmt: skip
        figures = [
            self.disk_label,
            self.lock_label,
            self.teaching_label,
            self.drift_label,
            self.calibration_label,
            self.outputs_label,
            self.run_label,
            self.source_label,
            self.model_label,
            self.rate_label,
        ]
        self._background_labels = (self.run_label, self.source_label, self.model_label, self.rate_label)
        """Status bar figures that step aside while a message is shown, so the message is read whole."""
        # on a narrow screen the run's id steps aside first, then the rates, the model and the source
        priority = figures[:6] + [self.source_label, self.model_label, self.rate_label, self.run_label]
        self.statusBar().add_figures(figures, self._background_labels, priority)

    def _update_rates(self) -> None:
        rates = self.controller.rates()
        self.rate_label.setText(self.tr("camera {:.1f} fps  inference {:.1f} fps  latency {:.0f} ms").format(
            rates["camera_fps"], rates["inspect_fps"], rates["latency_ms"]))  # fmt: skip
        if self._alarms():
            self._show_alarms()  # "N parts ago" moves on as parts pass
        self._show_outputs()
        problem = self.controller.log_problem
        self.disk_label.setText(self.tr("NG pictures not saved: disk full") if problem else "")
        self.disk_label.setToolTip(engine_text(problem) if problem else "")

    def _show_outputs(self) -> None:
        statuses = self.controller.output_statuses()
        self.outputs_label.setText(status_html(statuses))
        self.outputs_label.setToolTip(status_tooltip(statuses))

    def _on_output_changed(self, status) -> None:
        self._show_outputs()
        if status.state == "failing":  # said once as it starts failing; the label stays red, its tooltip says why
            self.statusBar().showMessage(status_text(status, detail=True), 15000)

    def _on_output_warning(self, message: str) -> None:
        self.statusBar().showMessage(engine_text(message), 30000)

    def _show_drift(self) -> None:
        """Good parts scoring well above the calibration's: say it, in the status bar and once as a message."""
        drift = self.controller.drift
        ratio = drift.ratio
        if ratio is None:
            self.drift_label.setText("")
            return
        self.drift_label.setText(self.tr("good parts {:.2f} x calibration").format(ratio))
        self.drift_label.setStyleSheet("color: #c05800; font-weight: bold" if drift.drifting else "color: #555555")
        if drift.drifting and not self._drift_said:
            self._drift_said = True
            self.statusBar().showMessage(self.tr(
                "Good parts now score {:.2f} x what the model was calibrated with: has the light, the camera or the "
                "product changed? Check the region and the light, or retrain.").format(ratio), 20000)  # fmt: skip
        elif not drift.drifting:
            self._drift_said = False

    def _on_source_changed(self, text: str) -> None:
        # a long stream URL is cut in the middle: messages need the room
        full = self.tr("source: {}").format(source_name(text))
        self.source_label.setText(self.source_label.fontMetrics().elidedText(full, Qt.TextElideMode.ElideMiddle,
                                                                              SOURCE_LABEL_WIDTH))  # fmt: skip
        self.source_label.setToolTip(full)
        self._sync_replay()
