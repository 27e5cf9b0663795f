"""The verdict, readable from two metres, and never about the wrong part.

The big word is the state of what is under the camera now: the part in view (OK / WARN / NG), NO PART, or the line's
own state (NO SIGNAL, LOADING MODEL, PAUSED, NO MODEL). An NG part that has passed is not told by the big word but by
the alarm banner below it: each NG part not yet acknowledged, with its picture and heatmap, its number and how many
parts ago it passed, until someone acknowledges. Above the counters, a badge says when the threshold is not the
calibrated one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

COLOURS = {
    "OK": "#1f9d4c",
    "WARN": "#d08a00",
    "NG": "#d42020",
    "NO PART": "#3a3a3a",
    "NO SIGNAL": "#5a5a5a",
    "LOADING": "#2a4a7a",
    "NO MODEL": "#7a2a7a",
    "PAUSED": "#3a3a3a",
    "FINISHED": "#2a5a6a",
    "TEACHING": "#8a5a00",
    "": "#3a3a3a",
}
FLASH_MS = 400
THUMB = 72


def verdict_word(code: str) -> str:
    """The big word for a state code, in the window's language."""
    words = {
        "OK": QCoreApplication.translate("Verdict", "OK"),
        "WARN": QCoreApplication.translate("Verdict", "WARN"),
        "NG": QCoreApplication.translate("Verdict", "NG"),
        "NO PART": QCoreApplication.translate("Verdict", "NO PART"),
        "NO SIGNAL": QCoreApplication.translate("Verdict", "NO SIGNAL"),
        "LOADING": QCoreApplication.translate("Verdict", "LOADING"),
        "NO MODEL": QCoreApplication.translate("Verdict", "NO MODEL"),
        "PAUSED": QCoreApplication.translate("Verdict", "PAUSED"),
        "FINISHED": QCoreApplication.translate("Verdict", "FINISHED"),
        "TEACHING": QCoreApplication.translate("Verdict", "TEACHING"),
    }
    return words.get(code, code)


class VerdictPanel(QFrame):
    acknowledged = Signal()
    falseAlarm = Signal()  # noqa: N815 - Qt naming; the operator says the last NG part was good
    resetThreshold = Signal()  # noqa: N815
    rollBack = Signal()  # noqa: N815 - the watch's finding: back to the previous model
    keepModel = Signal()  # noqa: N815
    newProduct = Signal()  # noqa: N815 - nearly every part NG: teach the product on the line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        self.verdict_label = QLabel()
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont()
        font.setPointSize(34)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setMinimumHeight(84)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setToolTip(self.tr("The state of the part under the camera now"))
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        detail_font = QFont()
        detail_font.setPointSize(12)
        self._detail_font = detail_font
        self._detail_small_font = QFont(detail_font)
        self._detail_small_font.setPointSize(8)  # a long message (a source's reason) in the same two-line box
        self.detail_label.setFont(detail_font)
        lines = self.detail_label.fontMetrics().lineSpacing()
        small = QFontMetrics(self._detail_small_font).boundingRect(0, 0, 100, 1000, int(Qt.TextFlag.TextWordWrap),
                                                                  "Aあ(\nAあ(\nAあ(").height()  # fmt: skip
        # two lines always (three of a long message), Japanese included: the panel below never jumps
        self.detail_label.setFixedHeight(max(2 * lines + 6, small + 4))
        self._detail = ""
        """The detail as given (the label may show it cut to fit its two lines)."""

        self.threshold_badge = QFrame()
        badge_row = QHBoxLayout(self.threshold_badge)
        badge_row.setContentsMargins(8, 4, 4, 4)
        self.threshold_badge_label = QLabel()
        self.threshold_badge_label.setWordWrap(True)
        self.threshold_reset_button = QPushButton(self.tr("Reset"))
        self.threshold_reset_button.setToolTip(self.tr("Back to the model's calibrated threshold"))
        self.threshold_reset_button.clicked.connect(self.resetThreshold.emit)
        badge_row.addWidget(self.threshold_badge_label, 1)
        badge_row.addWidget(self.threshold_reset_button)
        self.threshold_off = False
        self.set_threshold_badge(None)

        counts = QWidget()
        grid = QGridLayout(counts)
        grid.setContentsMargins(0, 0, 0, 0)
        counts_font = QFont()
        counts_font.setPointSize(15)
        counts_font.setBold(True)
        self.count_values = {}
        for column, (key, title) in enumerate(
            (("parts", self.tr("parts")), ("ng", self.tr("NG")), ("rate", self.tr("NG rate")))
        ):
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setFont(counts_font)
            value.setMinimumWidth(60)
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.count_values[key] = value

        # the alarm: its own banner, apart from the big word
        self.alarm_box = QFrame()
        self.alarm_box.setObjectName("alarm")
        alarm_layout = QVBoxLayout(self.alarm_box)
        self.alarm_label = QLabel()
        self.alarm_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alarm_label.setWordWrap(True)
        alarm_font = QFont()
        alarm_font.setPointSize(13)
        alarm_font.setBold(True)
        self.alarm_label.setFont(alarm_font)
        self.alarm_list = QListWidget()
        self.alarm_list.setIconSize(QSize(THUMB, THUMB))
        self.alarm_list.setMinimumHeight(THUMB + 12)
        self.alarm_list.setWordWrap(True)
        self.alarm_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.alarm_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.alarm_list.setToolTip(self.tr("The NG parts not yet acknowledged, newest first"))
        self.ack_button = QPushButton(self.tr("Acknowledge alarm"))
        self.ack_button.setToolTip(self.tr("Clear the alarm once the NG parts are off the line (Ctrl+K)"))
        self.ack_button.setMinimumHeight(40)
        self.ack_button.clicked.connect(self.acknowledged.emit)
        self.good_button = QPushButton(self.tr("Not a defect"))
        self.good_button.setMinimumHeight(40)
        self.good_button.setToolTip(
            self.tr("The newest NG part was good: store it as a good sample for the next retrain")
        )
        self.good_button.setEnabled(False)
        self.good_button.clicked.connect(self.falseAlarm.emit)
        # nearly every part NG: the likely cause, in the banner the operator looks at, with the way out
        self.flood_box = QFrame()
        self.flood_box.setObjectName("flood")
        self.flood_box.setStyleSheet("QFrame#flood { background: #ffe08a; border-radius: 6px; } "
                                     "QFrame#flood QLabel { color: black; }")  # fmt: skip
        flood_layout = QHBoxLayout(self.flood_box)
        flood_layout.setContentsMargins(6, 4, 6, 4)
        self.flood_label = QLabel()
        self.flood_label.setWordWrap(True)
        self.teach_button = QPushButton(self.tr("New product..."))
        self.teach_button.setToolTip(self.tr("Teach the product on the line: its own samples and model"))
        self.teach_button.clicked.connect(self.newProduct.emit)
        flood_layout.addWidget(self.flood_label, 1)
        flood_layout.addWidget(self.teach_button)
        self.flood_box.setVisible(False)
        alarm_layout.addWidget(self.alarm_label)
        alarm_layout.addWidget(self.flood_box)
        alarm_layout.addWidget(self.alarm_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ack_button, 2)
        buttons.addWidget(self.good_button, 1)
        alarm_layout.addLayout(buttons)
        self.alarm_box.setVisible(False)

        # news that is not an alarm: an alarm acknowledged from elsewhere (OPC UA)
        self.note_label = QLabel()
        self.note_label.setObjectName("note")
        self.note_label.setWordWrap(True)
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note_label.setStyleSheet("background: #dce8f5; color: black; border-radius: 6px; padding: 6px;")
        self.note_label.setVisible(False)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(lambda: self.note_label.setVisible(False))

        # after a swap: the watch's finding
        self.watch_box = QFrame()
        self.watch_box.setStyleSheet("QFrame { background: #ffe08a; border-radius: 6px; } QLabel { color: black; }")
        watch_layout = QVBoxLayout(self.watch_box)
        self.watch_label = QLabel()
        self.watch_label.setWordWrap(True)
        self.rollback_button = QPushButton(self.tr("Roll back"))
        self.rollback_button.setToolTip(self.tr("Inspect with the previous model again"))
        self.rollback_button.clicked.connect(self.rollBack.emit)
        self.keep_button = QPushButton(self.tr("Keep this model"))
        self.keep_button.clicked.connect(self.keepModel.emit)
        row = QHBoxLayout()
        row.addWidget(self.rollback_button)
        row.addWidget(self.keep_button)
        watch_layout.addWidget(self.watch_label)
        watch_layout.addLayout(row)
        self.watch_box.setVisible(False)

        layout.addWidget(self.verdict_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.threshold_badge)
        layout.addWidget(counts)
        layout.addWidget(self.note_label)
        layout.addWidget(self.watch_box)
        layout.addWidget(self.alarm_box, 1)
        layout.addStretch(0)
        self.verdict = ""
        self.alarm_on = False
        self.signal_alarm = False
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(FLASH_MS)
        self._flash.timeout.connect(self._toggle_flash)
        self.set_counts(0, 0)
        self.set_verdict("NO PART")

    # -- the part under the camera ----------------------------------------------------------------------------
    def set_verdict(self, verdict: str, detail: str = "") -> None:
        """``verdict``: a state code (OK, WARN, NG, NO PART, NO SIGNAL, LOADING, NO MODEL, PAUSED, FINISHED,
        TEACHING)."""
        if verdict != self.verdict:
            self.verdict = verdict
            self.verdict_label.setText(verdict_word(verdict))
            colour = COLOURS.get(verdict, COLOURS[""])
            self.verdict_label.setStyleSheet(f"color: white; background: {colour}; border-radius: 8px;")
        if detail != self._detail:
            self._detail = detail
            self._show_detail()

    def _show_detail(self) -> None:
        shown = self._fitted(self._detail)
        self.detail_label.setText(shown)
        self.detail_label.setToolTip(self._detail if shown != self._detail else "")

    def _fitted(self, text: str) -> str:
        """``text`` as it fits the two lines of the detail, never below the panel's edge: a long path or address
        is cut in the middle, then a smaller font is tried, then the longest line is cut (the whole text is the
        tooltip). Sets the label's font."""
        label = self.detail_label
        width = max(label.width(), 200) - 4
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        for font in (self._detail_font, self._detail_small_font):
            label.setFont(font)
            metrics = label.fontMetrics()

            def fits(candidate: str, metrics=metrics) -> bool:
                return metrics.boundingRect(0, 0, width, 10_000, flags, candidate).height() <= label.height()

            if fits(text):
                return text
            # the words too long to wrap (a path, an address; Japanese wraps anywhere): each cut in the middle
            words = [metrics.elidedText(word, Qt.TextElideMode.ElideMiddle, int(width * 0.6))
                     if metrics.horizontalAdvance(word) > width * 0.6 and word.isascii() else word
                     for word in text.split(" ")]  # fmt: skip
            shorter = " ".join(words)
            if fits(shorter):
                return shorter
        lines = shorter.split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        budget = width * 2
        while budget > width // 2:
            lines[longest] = metrics.elidedText(lines[longest], Qt.TextElideMode.ElideMiddle, budget)
            candidate = "\n".join(lines)
            if fits(candidate):
                return candidate
            budget = int(budget * 0.85)
        return metrics.elidedText(text.replace("\n", " "), Qt.TextElideMode.ElideMiddle, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._detail:
            self._show_detail()  # a wider panel shows more of it

    def set_counts(self, parts: int, ng: int) -> None:
        self.count_values["parts"].setText(str(parts))
        self.count_values["ng"].setText(str(ng))
        self.count_values["rate"].setText(f"{100 * ng / parts:.1f}%" if parts else "-")

    def counts_text(self) -> str:
        return " ".join(self.count_values[key].text() for key in ("parts", "ng", "rate"))

    def set_threshold_badge(self, text: str | None) -> None:
        """A visible warning that the threshold is not the calibrated one (None: it is, said in grey; the badge
        keeps its place, so the panel never jumps)."""
        self.threshold_off = bool(text)
        if text:
            style = "QFrame { background: #ffcc33; border-radius: 6px; } QLabel { color: black; font-weight: bold; }"
        else:
            style = "QFrame { background: transparent; } QLabel { color: #777777; }"
        self.threshold_badge.setStyleSheet(style)
        self.threshold_badge_label.setText(text or self.tr("Threshold as calibrated"))
        self.threshold_reset_button.setVisible(bool(text))

    # -- the alarm ---------------------------------------------------------------------------------------------
    def show_note(self, text: str, seconds: float = 60.0) -> None:
        """A line of news under the counts for ``seconds`` (hidden sooner by the next alarm)."""
        self.note_label.setText(text)
        self.note_label.setVisible(True)
        self._note_timer.start(int(seconds * 1000))

    def show_alarms(self, title: str, items: list[tuple[QIcon | None, str]]) -> None:
        """The banner with its pending NG parts (newest first); an empty list hides it."""
        self.alarm_on = bool(items) or self.signal_alarm
        if items:
            self.note_label.setVisible(False)  # an alarm now: the old news goes
        while self.alarm_list.count() > len(items):  # the rows are updated in place: the list keeps its scroll
            self.alarm_list.takeItem(self.alarm_list.count() - 1)
        while self.alarm_list.count() < len(items):
            self.alarm_list.addItem(QListWidgetItem())
        for row, (icon, text) in enumerate(items):
            item = self.alarm_list.item(row)
            if item.text() != text:
                item.setText(text)
            item.setIcon(icon if icon is not None else QIcon())
        self.alarm_list.setVisible(bool(items))
        self.good_button.setVisible(bool(items))
        self.alarm_label.setText(title)
        self._alarm_changed()

    def set_flood_hint(self, text: str, can_teach: bool = True) -> None:
        """Nearly every part NG: why that is likely (empty: hidden), in the banner, and *New product...*
        (``can_teach``: not under the engineer lock)."""
        self.flood_label.setText(text)
        self.teach_button.setVisible(can_teach)
        self.flood_box.setVisible(bool(text))

    def set_signal_alarm(self, on: bool, text: str = "") -> None:
        """The no-signal alarm: the banner flashes with ``text`` until the frames come back or it is acknowledged."""
        self.signal_alarm = on
        if on:
            self.alarm_label.setText(text)
            self.alarm_list.setVisible(self.alarm_list.count() > 0)
        self.alarm_on = on or self.alarm_list.count() > 0
        self._alarm_changed()

    def clear_alarm(self) -> None:
        self.signal_alarm = False
        self.show_alarms("", [])

    def set_false_alarm_enabled(self, on: bool) -> None:
        self.good_button.setEnabled(on)

    def _alarm_changed(self) -> None:
        self.alarm_box.setVisible(self.alarm_on)
        self.ack_button.setEnabled(self.alarm_on)
        if self.alarm_on and not self._flash.isActive():
            self._flash.start()
        elif not self.alarm_on:
            self._flash.stop()
            self._flash_on = False
        self._paint()

    def _toggle_flash(self) -> None:
        self._flash_on = not self._flash_on
        self._paint()

    def _paint(self) -> None:
        background = "#ff2a2a" if self._flash_on else "#7a0000"
        self.alarm_box.setStyleSheet(
            f"QFrame#alarm {{ background: {background}; border-radius: 8px; }} "
            "QFrame#alarm > QLabel { color: white; }"
        )

    # -- the watch after a swap ---------------------------------------------------------------------------------
    def show_watch(self, text: str | None, can_roll_back: bool = True) -> None:
        self.watch_box.setVisible(bool(text))
        self.watch_label.setText(text or "")
        self.rollback_button.setVisible(can_roll_back)
