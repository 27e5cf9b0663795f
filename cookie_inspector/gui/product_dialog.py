"""*Line > Product...*: the line's products by name, each with its samples, its model and what that model can see;
the one chosen goes on the line with its samples, its model and its region."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.frames.imageio import list_images
from cookie_inspector.core.line.model_library import SHIPPED, ModelLibrary
from cookie_inspector.core.line.products import ProductCatalog
from cookie_inspector.core.model.choice import describe
from cookie_inspector.gui.messages import engine_text


class ProductDialog(QDialog):
    """Choose the product on the line; :attr:`chosen` is its name once accepted."""

    def __init__(self, parent: QWidget | None, catalog: ProductCatalog, library: ModelLibrary) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Product"))
        self.resize(760, 320)
        self.chosen: str | None = None
        self.products = catalog.products
        current = catalog.current.name
        models = {entry.name: entry for entry in library.entries()}
        columns = (self.tr("product"), self.tr("good samples"), self.tr("model"), self.tr("test defects caught"),
                   self.tr("on the line"))  # fmt: skip
        self.table = QTableWidget(len(self.products), len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, product in enumerate(self.products):
            folder = catalog.samples_dir(product)
            try:
                samples = len(list_images(folder)) if folder.is_dir() else 0
            except Exception:  # noqa: BLE001 - an unreadable folder counts as none
                samples = 0
            entry = models.get(product.model or "")
            if entry is None:
                model, sees, tip = self.tr("none yet (teaching)"), "-", ""
            else:
                model = self.tr("shipped model") if product.model == SHIPPED else entry.name
                estimate = entry.estimate
                sees = "-" if estimate is None else f"{estimate['caught']} / {estimate['defects']}"
                tip = engine_text(describe(estimate)) if estimate is not None else ""
            cells = (product.name or self.tr("unnamed"), str(samples), model, sees,
                     self.tr("yes") if product.name == current else "")  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if tip and column == 3:
                    item.setToolTip(tip)
                self.table.setItem(row, column, item)
            if product.name == current:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _index: self.accept())
        note = QLabel(self.tr("The product chosen goes on the line with its own good samples, its active model and "
                              "its region; the others keep theirs. Samples > New product... adds one."))  # fmt: skip
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Put on the line"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.products[rows[0].row()].name
        super().accept()
