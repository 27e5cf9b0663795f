"""The main window's status bar, whose messages are read whole.

Qt's own status bar draws a message on one line and cuts what does not fit: a message of two sentences (a model
trained on pictures of another shape, say, in Japanese or beside the teaching label) lost its end. Here a message is
a word-wrapped label: it takes a second line when it needs one, and its full text is also its tool tip. The rest of
the status bar API is the same (``showMessage`` with a timeout, ``currentMessage``, ``clearMessage``,
``messageChanged``); a menu item's status tip stands in front of the message while the pointer is on it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QToolTip, QWidget


class MessageBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message_label = QLabel()
        self.message_label.setObjectName("message")
        self.message_label.setWordWrap(True)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.addWidget(self.message_label, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)
        self._message = ""

    def add_figures(self, figures: list[QLabel], background: tuple[QLabel, ...] = (),
                    priority: list[QLabel] | None = None) -> None:  # fmt: skip
        """The status bar's figures, left to right; ``background`` ones step aside while a message is shown. When
        the bar is too narrow for all, the last of ``priority`` (default: left to right) step aside first."""
        for label in figures:
            self.addPermanentWidget(label)
            if isinstance(label, FitLabel):
                label.textSet = self.fit
        self._figures = list(priority or figures)
        self._background = set(background)
        self.fit()

    def fit(self) -> None:
        """Show the figures that have something to say and fit, the most important first; the others step aside
        (their text stays, and comes back with the room)."""
        figures = getattr(self, "_figures", [])
        if not figures:
            return
        message = bool(self.message_label.text())
        room = self.width() - 24 - (self.MESSAGE_ROOM if message else 0)  # the size grip, the message's own room
        used = 0
        for label in figures:
            wanted = bool(label.text()) and not (message and label in self._background)
            width = label.sizeHint().width() + 12
            fits = wanted and used + width <= room
            if fits:
                used += width
            label.setVisible(fits)

    MESSAGE_ROOM = 360
    """Pixels a message keeps beside the figures that stay with it (it wraps within them)."""

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()

    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        """Show ``text`` (for ``timeout`` ms; 0: until the next message or :meth:`clearMessage`)."""
        self._timer.stop()
        self._message = text
        if text and timeout > 0:
            self._timer.start(timeout)
        self._display(text)

    def show_tip(self, tip: str) -> None:
        """A menu item's status tip while the pointer is on it; the message comes back when it leaves (Qt's own
        bar would have cleared it). The window sends its status tips here (:meth:`MainWindow.event`)."""
        self._display(tip or self._message)

    def _display(self, text: str) -> None:
        changed = text != self.message_label.text()
        self.message_label.setText(text)
        self.message_label.setToolTip(text)
        if changed:
            self.fit()
            self.messageChanged.emit(text)

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        return self.message_label.text()

    def clearMessage(self) -> None:  # noqa: N802 - Qt's name
        self.showMessage("")


class FitLabel(QLabel):
    """A status bar figure that never widens the window: with too little room it is cut at its end with an
    ellipsis (its whole text a hover away), where a plain label would push the window past the screen's edge."""

    SHORTEST = 60
    """Pixels it keeps however little room there is."""

    textSet = None  # noqa: N815 - beside Qt's names
    """Called after each new text (the status bar fits its figures again)."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        changed = text != self.text()
        super().setText(text)
        if changed and self.textSet is not None:
            self.textSet()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.SHORTEST), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        room = self.contentsRect()
        if not self.cut():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.setFont(self.font())
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(room, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
        painter.end()

    def cut(self) -> bool:
        """Whether its text is cut now (too little room); a rich text is drawn as Qt draws it."""
        text = self.text()
        return (
            not text.lstrip().startswith("<")
            and self.fontMetrics().horizontalAdvance(text) > self.contentsRect().width()
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.cut():  # the whole text, before what the tip explains
            tip = self.text() + ("\n\n" + self.toolTip() if self.toolTip() else "")
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
