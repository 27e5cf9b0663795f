"""The file and folder dialogs of the window, with a sidebar that says its places whole.

On a PC without a desktop's own dialog (a line PC's bare X session, say) Qt draws its own, whose sidebar is narrow:
in Japanese "Computer" (コンピューター) read "コンピ...". These functions open the same dialogs as Qt's static ones
(the desktop's own where there is one) and widen that sidebar to its longest place once it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QListView, QSplitter, QWidget

SIDEBAR_ROOM = 48
"""Pixels beside the longest place's text in the sidebar: its icon and the margins."""


def fit_sidebar(dialog: QFileDialog) -> int:
    """Widen the sidebar of Qt's own dialog to its longest place; the width it has then (0: a desktop's dialog,
    which has no such sidebar)."""
    sidebar = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    if sidebar is None or splitter is None or sidebar.model() is None:
        return 0
    model = sidebar.model()
    metrics = sidebar.fontMetrics()
    widest = max((metrics.horizontalAdvance(str(model.index(row, 0).data() or "")) for row in
                  range(model.rowCount())), default=0)  # fmt: skip
    need = widest + sidebar.iconSize().width() + SIDEBAR_ROOM
    sizes = splitter.sizes()
    if len(sizes) >= 2 and sizes[0] < need:
        total = sum(sizes)
        splitter.setSizes([need, max(total - need, total // 2)] + sizes[2:])
    return splitter.sizes()[0] if splitter.sizes() else 0


def _run(dialog: QFileDialog) -> list[str]:
    QTimer.singleShot(0, lambda: fit_sidebar(dialog))  # once it is laid out
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def existing_folder(parent: QWidget | None, title: str, start: str = "") -> str:
    """A folder chosen by the operator ("" when cancelled), as :meth:`QFileDialog.getExistingDirectory`."""
    dialog = QFileDialog(parent, title, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def open_file(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> str:
    """A file to open ("" when cancelled), as :meth:`QFileDialog.getOpenFileName`."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "") -> str:
    """A file to write ("" when cancelled), as :meth:`QFileDialog.getSaveFileName`."""
    dialog = QFileDialog(parent, title, suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""
