"""*Samples > New product...*: the new product's name, where its pictures come from, and where on them it is.

Teaching goes in the order an operator thinks of it: first where the new product's pictures come from (the line's
source as it is, or a folder of good photos to import as its first samples), then that source's first picture is
shown, and the region is chosen on it: around the product, found on each picture wherever it lies (a product on a
plain background: samples, imported photos and the line are all framed around it), the whole picture, the region
drawn now, or the largest centred square. The region chosen is drawn on the picture in yellow, and the dialog says
that the yellow box on the live view can be moved and resized at any time. Photos imported are cropped to the region
as the line crops its pictures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import ImageReadError
from cookie_inspector.core.frames.imageio import is_image_path, read_image
from cookie_inspector.core.frames.preprocess import Roi, as_bgr8, default_roi
from cookie_inspector.core.judge.presence import product_box
from cookie_inspector.core.line.samples import region_on_photo
from cookie_inspector.gui.file_dialogs import existing_folder
from cookie_inspector.gui.live_view import bgr_to_qimage

REGIONS = ("around", "whole", "keep", "square")
"""The region choices: around the product found on each picture, the whole picture, the region drawn now, the
largest centred square."""
ORIGINS = ("source", "folder")
"""Where the new product's pictures come from: the line's source, or a folder of good photos imported."""
PREVIEW = (360, 240)
MAX_TRIED = 30
"""Files of a folder tried for its first picture (a folder of other files first: not read to the end)."""


@dataclass(frozen=True)
class NewProductAnswer:
    """What the dialog was told: the name, the region (one of :data:`REGIONS`), the size (width, height) of the
    picture it was chosen on (None: no picture), and the folder of good photos to import first (None: the
    source's parts are captured)."""

    name: str
    region: str
    size: tuple[int, int] | None = None
    folder: Path | None = None


def first_picture(folder: Path, newest: bool = False) -> np.ndarray | None:
    """The first readable photo of ``folder`` by name (``newest``: the last written), or None."""
    try:
        files = [p for p in Path(folder).iterdir() if p.is_file() and not p.name.startswith(".") and is_image_path(p)]
    except OSError:
        return None
    key = (lambda p: (p.stat().st_mtime_ns, p.name)) if newest else (lambda p: p.name)
    try:
        files.sort(key=key, reverse=newest)
    except OSError:
        return None
    for path in files[:MAX_TRIED]:
        try:
            return as_bgr8(read_image(path))
        except ImageReadError:
            continue
    return None


class NewProductDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, source_name: str = "", source_picture: np.ndarray | None = None,
                 drawn: Roi | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("New product"))
        self._source_picture = source_picture
        self._drawn = drawn
        self._folder: Path | None = None
        self._folder_picture: np.ndarray | None = None
        self._product: Roi | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("for example: tile 40 x 40"))
        shown = source_name if len(source_name) <= 48 else "..." + source_name[-45:]
        self.origin_buttons = {
            "source": QRadioButton(self.tr("Its parts on the line's source ({})").format(shown)),
            "folder": QRadioButton(self.tr("A folder of its good photos, imported as its first samples:")),
        }
        self.origin_buttons["source"].setToolTip(source_name)
        self.origin_buttons["source"].setChecked(True)
        origins = QButtonGroup(self)
        for button in self.origin_buttons.values():
            origins.addButton(button)
            button.toggled.connect(lambda _on: self._update())
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText(self.tr("no folder chosen"))
        self.folder_button = QPushButton(self.tr("Choose..."))
        self.folder_button.clicked.connect(self._choose_folder)
        self.picture = QLabel()
        self.picture.setFixedSize(*PREVIEW)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setStyleSheet("background: #202020; color: #dddddd")
        self.region_buttons = {
            "around": QRadioButton(self.tr("Around the product, found on each picture")),
            "whole": QRadioButton(self.tr("The whole picture")),
            "keep": QRadioButton(self.tr("The region drawn now")),
            "square": QRadioButton(self.tr("The largest square in the middle")),
        }
        self._region_texts = {key: button.text() for key, button in self.region_buttons.items()}
        regions = QButtonGroup(self)
        for button in self.region_buttons.values():
            regions.addButton(button)
            button.toggled.connect(lambda on: on and self._draw())
        hint = QLabel(self.tr("The yellow box on the picture is the region: drag it or its corners at any time. "
                              "The samples are what is inside it."))  # fmt: skip
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("1. The new product's name (the window, the log and the report name it):")))
        layout.addWidget(self.name_edit)
        layout.addWidget(QLabel(self.tr("2. Where do its pictures come from?")))
        layout.addWidget(self.origin_buttons["source"])
        layout.addWidget(self.origin_buttons["folder"])
        row = QHBoxLayout()
        row.addSpacing(20)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("3. Where on the picture is the product?")))
        body = QHBoxLayout()
        body.addWidget(self.picture)
        choices = QVBoxLayout()
        for button in self.region_buttons.values():
            choices.addWidget(button)
        choices.addWidget(hint)
        choices.addStretch(1)
        body.addLayout(choices, 1)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(760, self.sizeHint().height())

    # -- what was chosen --------------------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def origin(self) -> str:
        return next(key for key, button in self.origin_buttons.items() if button.isChecked())

    @property
    def region(self) -> str:
        return self._checked_region() or "keep"

    @property
    def folder(self) -> Path | None:
        return self._folder if self.origin == "folder" else None

    @property
    def current_picture(self) -> np.ndarray | None:
        """The first picture of the chosen origin (None: none to show)."""
        return self._folder_picture if self.origin == "folder" else self._source_picture

    def answer(self) -> NewProductAnswer:
        picture = self.current_picture
        size = (picture.shape[1], picture.shape[0]) if picture is not None else None
        return NewProductAnswer(self.name, self.region, size, self.folder)

    def box(self, region: str | None = None) -> Roi | None:
        """The region chosen (``region``: that choice instead), on the picture shown (None: not known on it)."""
        picture = self.current_picture
        if picture is None:
            return None
        height, width = picture.shape[:2]
        region = region or self.region
        if region == "around":
            return self._product
        if region == "square":
            return default_roi(width, height, "center")
        if region == "keep":
            return region_on_photo(self._drawn, width, height) if self._drawn is not None else None
        return Roi(0, 0, width, height)

    # -- choosing ---------------------------------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        folder = existing_folder(self, self.tr("The new product's good photos"))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        """The folder of good photos to import; its first photo is shown."""
        self._folder = Path(folder)
        self._folder_picture = first_picture(self._folder)
        self.folder_edit.setText(str(folder))
        self.folder_edit.setToolTip(str(folder))
        self.origin_buttons["folder"].setChecked(True)
        self._update()

    def _update(self) -> None:
        """The choices that the picture of the chosen origin allows; the default the first that it does."""
        picture = self.current_picture
        self._product = product_box(picture) if picture is not None else None
        size = (picture.shape[1], picture.shape[0]) if picture is not None else None
        # the region drawn now, where it lies on this picture (with no picture: kept as it is, or the default)
        keep = picture is None or self.box("keep") is not None
        enabled = {"around": self._product is not None, "whole": size is not None, "keep": keep,
                   "square": size is not None}  # fmt: skip
        extra = {"around": self._product and (self._product.width, self._product.height), "whole": size}
        for key, button in self.region_buttons.items():
            button.setEnabled(enabled[key])
            pixels = extra.get(key)
            button.setText(self._region_texts[key] + (self.tr(" ({} x {} pixels)").format(*pixels) if pixels else ""))
        self.region_buttons["around"].setToolTip(self.tr(
            "The product stands out from a plain background (a light table, a tray, a belt): it is found on each "
            "picture wherever it lies, and the model sees it with some room around it, not the background; "
            "samples and imported photos are framed the same way") if self._product else
            self.tr("No product stands out from a plain background on this picture"))  # fmt: skip
        chosen = self._checked_region()
        if chosen is None or not enabled[chosen]:  # the first the picture allows: around the product if found
            self.region_buttons[next(key for key in REGIONS if enabled[key])].setChecked(True)
        folder_missing = self.origin == "folder" and self._folder is None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not folder_missing)
        self._draw()

    def _checked_region(self) -> str | None:
        return next((key for key, button in self.region_buttons.items() if button.isChecked()), None)

    def _draw(self) -> None:
        """The first picture of the chosen origin, the region chosen on it in yellow."""
        picture = self.current_picture
        if picture is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText((self.tr("no photo of this folder could be read") if self._folder else
                                  self.tr("choose the folder of good photos")) if self.origin == "folder" else
                                 self.tr("no picture from the source yet: the region drawn now is kept, and can be "
                                         "drawn on the live view later"))  # fmt: skip
            return
        height, width = picture.shape[:2]
        pixmap = QPixmap.fromImage(bgr_to_qimage(np.ascontiguousarray(picture))).scaled(
            *PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)  # fmt: skip
        box = self.box() if self._checked_region() is not None else None
        if box is not None:
            scale = pixmap.width() / width
            painter = QPainter(pixmap)
            painter.setPen(QPen(QColor(255, 220, 0), 2))
            painter.drawRect(int(box.x * scale), int(box.y * scale), max(1, int(box.width * scale) - 1),
                             max(1, int(box.height * scale) - 1))  # fmt: skip
            painter.end()
        self.picture.setText("")
        self.picture.setPixmap(pixmap)
