"""The verdict, readable from two metres: OK / WARN / NG / NO PART, the part counters, and the alarm that flashes
until someone acknowledges it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

COLOURS = {"OK": "#1f9d4c", "WARN": "#d08a00", "NG": "#d42020", "NO PART": "#3a3a3a", "": "#3a3a3a"}
FLASH_MS = 400


class VerdictPanel(QFrame):
    acknowledged = Signal()
    falseAlarm = Signal()  # noqa: N815 - Qt naming; the operator says the last NG part was good

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(330)
        layout = QVBoxLayout(self)
        self.verdict_label = QLabel("NO PART")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont()
        font.setPointSize(40)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setMinimumHeight(110)
        self.verdict_label.setToolTip("The verdict of the part in view, or of the last part")
        self.counts_label = QLabel()
        counts_font = QFont()
        counts_font.setPointSize(14)
        self.counts_label.setFont(counts_font)
        self.counts_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alarm_label = QLabel()
        self.alarm_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alarm_label.setWordWrap(True)
        self.ack_button = QPushButton("Acknowledge alarm")
        self.ack_button.setToolTip("Clear the alarm once the NG part is dealt with (Ctrl+K)")
        self.ack_button.setEnabled(False)
        self.ack_button.setMinimumHeight(44)
        self.ack_button.clicked.connect(self.acknowledged.emit)
        self.good_button = QPushButton("Not a defect: add to good samples")
        self.good_button.setToolTip("The last NG part was good: store it as a good sample for the next retrain")
        self.good_button.setEnabled(False)
        self.good_button.clicked.connect(self.falseAlarm.emit)
        for widget in (self.verdict_label, self.counts_label, self.alarm_label, self.ack_button, self.good_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.verdict = "NO PART"
        self.alarm_on = False
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(self._toggle_flash)
        self.set_counts(0, 0)
        self._paint()

    def set_verdict(self, verdict: str) -> None:
        if verdict != self.verdict:
            self.verdict = verdict
            self.verdict_label.setText(verdict)
            self._paint()

    def set_counts(self, parts: int, ng: int) -> None:
        rate = f"{100 * ng / parts:.1f}%" if parts else "-"
        self.counts_label.setText(f"parts {parts}   NG {ng}   NG rate {rate}")

    def raise_alarm(self, text: str) -> None:
        self.alarm_on = True
        self.alarm_label.setText(text)
        self.ack_button.setEnabled(True)
        if not self._flash.isActive():
            self._flash.start()
        self._paint()

    def set_false_alarm_enabled(self, on: bool) -> None:
        self.good_button.setEnabled(on)

    def clear_alarm(self) -> None:
        self.alarm_on = False
        self._flash.stop()
        self._flash_on = False
        self.alarm_label.setText("")
        self.ack_button.setEnabled(False)
        self._paint()

    def _toggle_flash(self) -> None:
        self._flash_on = not self._flash_on
        self._paint()

    def _paint(self) -> None:
        if self.alarm_on:
            background = "#ff2a2a" if self._flash_on else "#7a0000"
            self.setStyleSheet(f"VerdictPanel {{ background: {background}; }} QLabel {{ color: white; }}")
            self.verdict_label.setStyleSheet("color: white; background: transparent;")
        else:
            self.setStyleSheet("")
            colour = COLOURS.get(self.verdict, COLOURS[""])
            self.verdict_label.setStyleSheet(f"color: white; background: {colour}; border-radius: 8px;")
