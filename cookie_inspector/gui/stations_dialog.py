"""*Line > Stations...*: the window's stations in their order, each with its source and its product; add one (a name,
a source as typed or a folder chosen, a product), rename, remove and reorder them. Every change takes effect at once
and is remembered in the data folder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.gui.file_dialogs import existing_folder
from cookie_inspector.gui.messages import engine_text
from cookie_inspector.gui.stations import StationDeck


class AddStationDialog(QDialog):
    """A new station: its name, its source (typed, or a folder of photos chosen) and its product; the first
    station's name too when the line has had one unnamed station until now."""

    def __init__(self, parent: QWidget | None, products: list[str], name_first: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a station"))
        self.first_name = QLineEdit(self.tr("station 1"))
        self.name = QLineEdit(self.tr("station 2") if name_first else "")
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("camera number (0, 1...), a folder, a video, a stream URL, or demo"))
        choose = QPushButton(self.tr("Folder..."))
        choose.clicked.connect(self._choose)
        self.product = QComboBox()
        for product in products:
            self.product.addItem(product or self.tr("unnamed"), product)
        form = QFormLayout()
        if name_first:
            form.addRow(QLabel(self.tr("The line has one station: name it, so that the two can be told apart.")))
            form.addRow(self.tr("Name of the station in use:"), self.first_name)
        form.addRow(self.tr("Name:"), self.name)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(choose)
        form.addRow(self.tr("Source:"), row)
        form.addRow(self.tr("Product:"), self.product)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose(self) -> None:
        folder = existing_folder(self, self.tr("A folder of photos for this station"))
        if folder:
            self.source.setText(str(folder))


class StationsDialog(QDialog):
    """The stations of the window; changes go to the deck at once (it starts, stops and remembers them)."""

    def __init__(self, parent: QWidget | None, deck: StationDeck, products: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stations"))
        self.resize(720, 320)
        self.deck = deck
        self.products = products
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("station"), self.tr("source"), self.tr("product")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add..."))
        self.rename_button = QPushButton(self.tr("Rename..."))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.add_button.clicked.connect(lambda: self.add())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.remove_button.clicked.connect(lambda: self.remove())
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.add_button.setEnabled(deck.can_add)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each station is a camera (or a folder) with its own product, region, part "
                                        "numbers and calibration. Click a station's picture to watch it large: "
                                        "capture, retrain and the menus act on that one.")))  # fmt: skip
        layout.itemAt(0).widget().setWordWrap(True)
        layout.addLayout(row)
        layout.addWidget(close)
        self.table.itemSelectionChanged.connect(self._sync_buttons)
        self.fill()

    def fill(self, select: int | None = None) -> None:
        stations = self.deck.stations
        self.table.setRowCount(len(stations))
        for row, station in enumerate(stations):
            cells = (station.station or self.tr("(unnamed)"), station.source_text,
                     station.product or self.tr("unnamed"))  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setToolTip(station.source_text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if select is not None:
            self.table.selectRow(select)
        self._sync_buttons()

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _sync_buttons(self) -> None:
        row = self.selected()
        count = len(self.deck.stations)
        self.rename_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None and count > 1)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)

    def _refused(self, exc: InspectorError) -> None:
        QMessageBox.warning(self, self.tr("Stations"), engine_text(str(exc)))

    def add(self, name: str | None = None, source: str | None = None, product: str | None = None,
            first_name: str | None = None) -> bool:  # fmt: skip
        """Ask for a new station (or take the given answers); True when it was added."""
        name_first = len(self.deck.stations) == 1 and not self.deck.stations[0].station
        if name is None or source is None:
            dialog = AddStationDialog(self, self.products, name_first)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            name, source = dialog.name.text(), dialog.source.text()
            product = dialog.product.currentData()
            first_name = dialog.first_name.text()
        if not source.strip():
            QMessageBox.warning(self, self.tr("Stations"), self.tr("A station needs a source."))
            return False
        try:
            self.deck.add(name, source, product or "", first_name or "")
        except InspectorError as exc:
            self._refused(exc)
            return False
        self.fill(len(self.deck.stations) - 1)
        return True

    def rename(self, name: str | None = None) -> bool:
        row = self.selected()
        if row is None:
            return False
        station = self.deck.stations[row]
        if name is None:
            name, ok = QInputDialog.getText(self, self.tr("Rename station"), self.tr("Name:"), text=station.station)
            if not ok:
                return False
        try:
            self.deck.rename(station, name)
        except InspectorError as exc:
            self._refused(exc)
            return False
        self.fill(row)
        return True

    def remove(self, confirm: bool = True) -> bool:
        row = self.selected()
        if row is None:
            return False
        station = self.deck.stations[row]
        if confirm:
            answer = QMessageBox.question(self, self.tr("Stations"), self.tr(
                "Stop watching station {} and take it off the window? Its parts stay in the log.").format(
                station.station))  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.deck.remove(station)
        except InspectorError as exc:
            self._refused(exc)
            return False
        self.fill(min(row, len(self.deck.stations) - 1))
        return True

    def move(self, step: int) -> bool:
        row = self.selected()
        if row is None:
            return False
        try:
            self.deck.move(self.deck.stations[row], step)
        except InspectorError as exc:
            self._refused(exc)
        self.fill(max(0, min(len(self.deck.stations) - 1, row + step)))
        return True
