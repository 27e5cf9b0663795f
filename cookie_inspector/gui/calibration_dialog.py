"""How the line calibrates itself: on or off, over how many parts, and how far from the samples' threshold it may go.

The engineer's settings (the engineer lock covers them); remembered in the window's settings.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.line.calibration import LineCalibrationSettings

KEY = "line/calibration"


def load_settings(settings: QSettings) -> LineCalibrationSettings:
    """The remembered settings; damaged or missing values take the defaults."""
    default = LineCalibrationSettings()
    try:
        return LineCalibrationSettings(
            enabled=settings.value(f"{KEY}/enabled", default.enabled) in (True, "true"),
            parts=int(settings.value(f"{KEY}/parts", default.parts)),
            bound=float(settings.value(f"{KEY}/bound", default.bound)),
        )
    except (TypeError, ValueError):
        return default


def save_settings(settings: QSettings, values: LineCalibrationSettings) -> None:
    settings.setValue(f"{KEY}/enabled", values.enabled)
    settings.setValue(f"{KEY}/parts", values.parts)
    settings.setValue(f"{KEY}/bound", values.bound)


def status_text(status: dict) -> str:
    """The status bar's words for :meth:`LineCalibration.status`, in the window's language."""
    if status["state"] == "off":
        return QCoreApplication.translate("Calibration", "threshold from the samples")
    if status["state"] == "calibrated":
        when = status["finished"]
        with contextlib.suppress(ValueError):
            when = datetime.fromisoformat(when).astimezone().strftime("%H:%M")
        text = QCoreApplication.translate("Calibration", "calibrated on the line, {} parts, {}").format(
            status["parts"], when)  # fmt: skip
    else:
        text = QCoreApplication.translate("Calibration", "calibrating on the line: {} of {} parts").format(
            status["parts"], status["of"])  # fmt: skip
    if status["bounded"]:
        text += " " + QCoreApplication.translate("Calibration", "(held at the bound: {:.2f} x the samples')").format(
            status["factor"])  # fmt: skip
    return text


class CalibrationDialog(QDialog):
    """Edits :class:`LineCalibrationSettings`."""

    def __init__(self, values: LineCalibrationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Line calibration"))
        explain = QLabel(self.tr(
            "The samples give the threshold a first value. The line then sets it from the parts it judges (their "
            "median and spread); defective parts among them hardly move it. Until the first {} parts only a "
            "conservative threshold alarms.").format(LineCalibrationSettings().start_after))  # fmt: skip
        explain.setWordWrap(True)
        self.enabled_box = QCheckBox(self.tr("Calibrate on the line"))
        self.enabled_box.setChecked(values.enabled)
        self.parts_box = QSpinBox()
        self.parts_box.setRange(LineCalibrationSettings().start_after, 10_000)
        self.parts_box.setValue(values.parts)
        self.parts_box.setSuffix(self.tr(" parts"))
        self.bound_box = QDoubleSpinBox()
        self.bound_box.setRange(1.0, 10.0)
        self.bound_box.setSingleStep(0.1)
        self.bound_box.setDecimals(2)
        self.bound_box.setValue(values.bound)
        self.bound_box.setToolTip(self.tr("The line's threshold stays between the samples' divided and multiplied "
                                          "by this"))  # fmt: skip
        form = QFormLayout()
        form.addRow(self.enabled_box)
        form.addRow(self.tr("Calibrate over"), self.parts_box)
        form.addRow(self.tr("At most x / ÷ the samples' threshold"), self.bound_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def values(self) -> LineCalibrationSettings:
        return LineCalibrationSettings(enabled=self.enabled_box.isChecked(), parts=self.parts_box.value(),
                                       bound=self.bound_box.value())  # fmt: skip
