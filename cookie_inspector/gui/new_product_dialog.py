"""*Samples > New product...*: the new product's name and where on the picture it is learnt (the region).

The region is the new product's, not the old one's: the old model's default region (a centred square, say) may cut
a product of another shape, so the dialog offers the region around the product, found on each picture wherever it
lies (a product on a plain background: samples, imported photos and the line are all framed around it), the whole
picture, the region drawn now, or a centred square, and says that the yellow box can be moved and resized on the
picture at any time.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.frames.preprocess import Roi

REGIONS = ("around", "whole", "keep", "square")
"""The region choices: around the product found on each picture, the whole picture, the region drawn now, the
largest centred square."""


class NewProductDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, frame_size: tuple[int, int] | None = None,
                 has_own_region: bool = False, product: Roi | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("New product"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("for example: tile 40 x 40"))
        size = self.tr(" ({} x {} pixels)").format(*frame_size) if frame_size else ""
        around = self.tr(" ({} x {} pixels)").format(product.width, product.height) if product else ""
        self.region_buttons = {
            "around": QRadioButton(self.tr("Around the product, found on each picture{}").format(around)),
            "whole": QRadioButton(self.tr("The whole picture{}").format(size)),
            "keep": QRadioButton(self.tr("The region drawn now")),
            "square": QRadioButton(self.tr("The largest square in the middle")),
        }
        self.region_buttons["keep"].setEnabled(has_own_region)
        self.region_buttons["around"].setEnabled(product is not None)
        self.region_buttons["around"].setToolTip(self.tr(
            "The product stands out from a plain background (a light table, a tray, a belt): it is found on each "
            "picture wherever it lies, and the model sees it with some room around it, not the background; "
            "samples and imported photos are framed the same way") if product else
            self.tr("No product stands out from a plain background on the picture now"))  # fmt: skip
        self.region_buttons["around" if product else "whole" if frame_size else "keep"].setChecked(True)
        if not frame_size:  # no picture yet: its size is not known
            self.region_buttons["whole"].setEnabled(False)
            self.region_buttons["square"].setEnabled(False)
            self.region_buttons["keep"].setEnabled(True)
        group = QButtonGroup(self)
        for button in self.region_buttons.values():
            group.addButton(button)
        hint = QLabel(self.tr("The yellow box on the picture is the region: drag it or its corners at any time. "
                              "The samples are what is inside it."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The new product's name (the window, the log and the report name it):")))
        layout.addWidget(self.name_edit)
        layout.addWidget(QLabel(self.tr("Where on the picture is the product?")))
        for button in self.region_buttons.values():
            layout.addWidget(button)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    @property
    def name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def region(self) -> str:
        return next(key for key, button in self.region_buttons.items() if button.isChecked())
