"""The review: every logged part of a run, a shift or a time range as a grid of thumbnails with their heatmaps, one
part large with its region and score, and the keys that label it (D defect, G good, U unsure).

The grid holds only the ids of the parts that match (one column read from the log: a long log opens at once); a part's
row and thumbnail are read when it scrolls into view, and kept for a while. Labels are written to the log at once.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from pathlib import Path

import numpy as np
from PySide6.QtCore import QAbstractListModel, QDateTime, QModelIndex, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import ImageReadError, InspectorError
from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.line.review import (
    DEFECT_TYPES,
    ORDERS,
    SHIFT_HOURS,
    UNLABELLED,
    VERDICTS,
    PartReview,
    ReviewError,
    ReviewFilter,
    ReviewPart,
    period_filter,
)
from cookie_inspector.core.line.samples import SampleError, SampleStore
from cookie_inspector.gui.live_view import bgr_to_qimage
from cookie_inspector.gui.messages import engine_text, shown_ratio, source_name
from cookie_inspector.gui.rates_plot import RatesPanel
from cookie_inspector.gui.verdict_panel import verdict_word

TILE = 128
"""A thumbnail's side in the grid (the log's thumbnails are made this size)."""
PAGE = 200
"""Parts read from the log at once as the grid scrolls."""
THUMBS_KEPT = 3000
"""Thumbnails kept in memory (the least recently shown go first)."""
DEFECT_TYPES_SETTING = "review/defect_types"
VERDICT_COLOURS = {"OK": "#1f7a3c", "WARN": "#c08000", "NG": "#c01818"}
LABEL_COLOURS = {"defect": "#c01818", "good": "#1f7a3c", "unsure": "#6a6a6a"}
PartRole = Qt.ItemDataRole.UserRole + 1


class PartsModel(QAbstractListModel):
    """The parts that match the review's filter, by id; rows and thumbnails read on demand."""

    def __init__(self, review: PartReview, parent=None) -> None:
        super().__init__(parent)
        self.review = review
        self.ids: list[int] = []
        self._rows: dict[int, ReviewPart] = {}
        self._thumbs: OrderedDict[int, QPixmap] = OrderedDict()
        self._blank: dict[str, QPixmap] = {}

    def set_filter(self, where: ReviewFilter) -> None:
        self.beginResetModel()
        self.ids = self.review.ids(where)
        self._rows.clear()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.ids)

    def part(self, row: int) -> ReviewPart | None:
        if not 0 <= row < len(self.ids):
            return None
        part_id = self.ids[row]
        if part_id not in self._rows:
            if len(self._rows) > 20 * PAGE:  # a long scroll: forget what is far behind
                self._rows.clear()
            start = row - row % PAGE
            for found in self.review.parts(self.ids[start : start + PAGE]):
                self._rows[found.id] = found
        return self._rows.get(part_id)

    def refresh_part(self, part_id: int) -> None:
        """Read this part again (its label changed)."""
        found = self.review.part(part_id)
        if found is None:
            return
        self._rows[part_id] = found
        try:
            row = self.ids.index(part_id)
        except ValueError:
            return
        self.dataChanged.emit(self.index(row), self.index(row))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        part = self.part(index.row())
        if part is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{part.part}  {shown_ratio(part.normalized_score):.2f}x"
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{part.time[:19].replace('T', ' ')}  {verdict_word(part.verdict)}  {source_name(part.source)}"
        if role == PartRole:
            return part
        return None

    def thumbnail(self, part: ReviewPart) -> QPixmap:
        if part.id in self._thumbs:
            self._thumbs.move_to_end(part.id)
            return self._thumbs[part.id]
        pixmap = None
        name = part.thumb or part.overlay  # a log of an earlier release kept NG overlays without thumbnails
        if name:
            try:
                image = read_image(self.review.folder / name)
                pixmap = QPixmap.fromImage(bgr_to_qimage(np.ascontiguousarray(image)))
                if not part.thumb:
                    pixmap = pixmap.scaled(TILE, TILE, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            except (ImageReadError, OSError, ValueError):
                pixmap = None
        if pixmap is None:
            return self._placeholder(part.verdict)
        self._thumbs[part.id] = pixmap
        if len(self._thumbs) > THUMBS_KEPT:
            self._thumbs.popitem(last=False)
        return pixmap

    def _placeholder(self, verdict: str) -> QPixmap:
        """A tile for a part whose pictures were not kept: its verdict's colour, dimmed."""
        if verdict not in self._blank:
            pixmap = QPixmap(TILE, TILE)
            pixmap.fill(QColor("#e4e4e4"))
            painter = QPainter(pixmap)
            painter.setPen(QColor(VERDICT_COLOURS.get(verdict, "#555555")))
            font = QFont()
            font.setPointSize(18)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, verdict_word(verdict))
            painter.end()
            self._blank[verdict] = pixmap
        return self._blank[verdict]


class PartDelegate(QStyledItemDelegate):
    """A tile: the thumbnail, a bar in the verdict's colour, and the label's letter in a corner."""

    def __init__(self, letters: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.letters = letters

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        part: ReviewPart | None = index.data(PartRole)
        if part is None:
            return
        rect = option.rect
        painter.save()
        painter.fillRect(QRect(rect.left() + 2, rect.top() + 2, rect.width() - 4, 5),
                         QColor(VERDICT_COLOURS.get(part.verdict, "#555555")))  # fmt: skip
        if part.label:
            badge = QRect(rect.right() - 24, rect.top() + 9, 20, 20)
            painter.setBrush(QColor(LABEL_COLOURS[part.label]))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(badge)
            painter.setPen(QColor("white"))
            font = painter.font()
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.letters.get(part.label, "?"))
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:  # noqa: N802 - Qt's name
        return QSize(TILE + 12, TILE + 30)


class ReviewWindow(QWidget):
    """Review and label the logged parts of ``review``'s log. ``store``: the good samples a part labelled good can
    join (None: not offered)."""

    sampleAdded = Signal(str)
    thresholdChosen = Signal(float)
    """*Set the threshold here*: the line's threshold to this many times the current one."""
    labelled = Signal(int, str)
    """A part (its log id) got a label ("" when taken back)."""

    def __init__(self, review: PartReview, settings: QSettings, store: SampleStore | None = None,
                 where: ReviewFilter | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent, Qt.WindowType.Window)
        self.review = review
        self.settings = settings
        self.store = store
        self.setWindowTitle(self.tr("Review parts"))
        self.resize(1200, 740)
        self.letters = {"defect": self.tr("D"), "good": self.tr("G"), "unsure": self.tr("U")}
        self.model = PartsModel(review, self)

        self.period = QComboBox()
        self.period.setToolTip(self.tr("Which parts: all, a shift, today, a time range or one run"))
        self.since_edit, self.until_edit = QDateTimeEdit(), QDateTimeEdit()
        now = QDateTime.currentDateTime()
        for edit, value in ((self.since_edit, now.addSecs(-SHIFT_HOURS * 3600)), (self.until_edit, now)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setDateTime(value)
            edit.dateTimeChanged.connect(lambda *_: self.apply_filter())
        self.verdict_boxes: dict[str, QCheckBox] = {}
        for verdict in VERDICTS:
            box = QCheckBox(verdict_word(verdict))
            box.setChecked(True)
            box.toggled.connect(lambda *_: self.apply_filter())
            self.verdict_boxes[verdict] = box
        self.score_min, self.score_max = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value in ((self.score_min, 0.0), (self.score_max, 99.0)):
            spin.setRange(0.0, 99.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setValue(value)
            spin.setSuffix("x")
            spin.setToolTip(self.tr("Score as a multiple of the threshold the part was judged at"))
            spin.valueChanged.connect(lambda *_: self.apply_filter())
        self.station_filter = QComboBox()
        self.station_filter.setToolTip(self.tr("The parts of one station, or of every station"))
        self.station_filter.addItem(self.tr("every station"), None)
        stations = review.stations()
        for name in stations:
            self.station_filter.addItem(name, name)
        if where is not None and where.station is not None and where.station in stations:
            self.station_filter.setCurrentIndex(self.station_filter.findData(where.station))
        self.station_filter.setVisible(bool(stations))
        self.station_filter.currentIndexChanged.connect(lambda *_: self._on_station())
        self.label_filter = QComboBox()
        for text, value in ((self.tr("any label"), None), (self.tr("unlabelled"), UNLABELLED),
                            (self.tr("defect"), "defect"), (self.tr("good"), "good"),
                            (self.tr("unsure"), "unsure")):  # fmt: skip
            self.label_filter.addItem(text, value)
        self.label_filter.currentIndexChanged.connect(lambda *_: self.apply_filter())
        self.order = QComboBox()
        names = {"newest": self.tr("newest first"), "oldest": self.tr("oldest first"),
                 "highest": self.tr("highest score first"), "lowest": self.tr("lowest score first")}  # fmt: skip
        for order in ORDERS:
            self.order.addItem(names[order], order)
        self.order.currentIndexChanged.connect(lambda *_: self.apply_filter())
        self.pictures_box = QCheckBox(self.tr("with pictures"))
        self.pictures_box.setToolTip(self.tr("Only the parts whose pictures were kept (NG, WARN and a sample of OK)"))
        self.pictures_box.toggled.connect(lambda *_: self.apply_filter())
        self.count_label = QLabel()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the log again: the parts the line judged since (F5)"))
        self.refresh_button.clicked.connect(self.refresh)

        self.grid = QListView()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setIconSize(QSize(TILE, TILE))
        self.grid.setGridSize(QSize(TILE + 14, TILE + 32))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(PartDelegate(self.letters, self.grid))
        self.grid.selectionModel().currentChanged.connect(lambda current, _: self._show(current.row()))

        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(360, 300)
        self.picture.setStyleSheet("background: #202020")
        self.heatmap_box = QCheckBox(self.tr("Heatmap"))
        self.heatmap_box.setChecked(True)
        self.heatmap_box.setToolTip(self.tr("The inspected region with its heatmap; off: the whole picture with the "
                                            "region drawn on it"))  # fmt: skip
        self.heatmap_box.toggled.connect(lambda *_: self._show(self.grid.currentIndex().row()))
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.defect_button = QPushButton(self.tr("&Defect (D)"))
        self.good_button = QPushButton(self.tr("&Good (G)"))
        self.unsure_button = QPushButton(self.tr("&Unsure (U)"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.defect_button.clicked.connect(lambda: self.label_current("defect"))
        self.good_button.clicked.connect(lambda: self.label_current("good"))
        self.unsure_button.clicked.connect(lambda: self.label_current("unsure"))
        self.clear_button.clicked.connect(lambda: self.label_current(None))
        self.defect_type = QComboBox()
        self.defect_type.setToolTip(self.tr("The defect's type, saved with the label D"))
        self.edit_types_button = QPushButton(self.tr("Types..."))
        self.edit_types_button.setToolTip(self.tr("Edit the list of defect types"))
        self.edit_types_button.clicked.connect(self.edit_defect_types)
        self._load_defect_types()
        self.add_sample_button = QPushButton(self.tr("Add to good samples"))
        self.add_sample_button.setToolTip(self.tr("A part labelled good joins the good samples (the next retrain "
                                                  "learns it)"))  # fmt: skip
        self.add_sample_button.clicked.connect(self.add_current_to_samples)
        self.add_sample_button.setVisible(store is not None)
        self.message = QLabel()
        self.message.setWordWrap(True)

        filters = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(self.station_filter)
        row.addWidget(self.period, 1)
        row.addWidget(self.since_edit)
        self.range_dash = QLabel("-")
        row.addWidget(self.range_dash)
        row.addWidget(self.until_edit)
        filters.addLayout(row)
        row = QHBoxLayout()
        for box in self.verdict_boxes.values():
            row.addWidget(box)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("score")))
        row.addWidget(self.score_min)
        row.addWidget(QLabel("-"))
        row.addWidget(self.score_max)
        row.addSpacing(8)
        row.addWidget(self.label_filter)
        row.addWidget(self.order)
        row.addWidget(self.pictures_box)
        row.addStretch(1)
        row.addWidget(self.count_label)
        row.addWidget(self.refresh_button)
        filters.addLayout(row)
        detail = QWidget()
        side = QVBoxLayout(detail)
        side.addWidget(self.picture, 1)
        side.addWidget(self.heatmap_box)
        side.addWidget(self.info)
        buttons = QHBoxLayout()
        for button in (self.defect_button, self.good_button, self.unsure_button, self.clear_button):
            buttons.addWidget(button)
        side.addLayout(buttons)
        types = QHBoxLayout()
        types.addWidget(self.defect_type, 1)
        types.addWidget(self.edit_types_button)
        side.addLayout(types)
        side.addWidget(self.add_sample_button)
        side.addWidget(self.message)
        self.rates = RatesPanel()
        self.rates.thresholdChosen.connect(self.thresholdChosen)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.grid, 1)
        column.addWidget(self.rates)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        for key, label in (("D", "defect"), ("G", "good"), ("U", "unsure")):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda value=label: self.label_current(value))
        clear = QShortcut(QKeySequence(Qt.Key.Key_Delete), self)
        clear.activated.connect(lambda: self.label_current(None))
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.refresh)

        self._fill_periods(where)
        self.period.currentIndexChanged.connect(lambda *_: self.apply_filter())
        self.apply_filter()

    # -- the filter ---------------------------------------------------------------------------------------------
    def _fill_periods(self, where: ReviewFilter | None) -> None:
        self.period.blockSignals(True)
        self.period.addItem(self.tr("All parts"), "all")
        self.period.addItem(self.tr("This shift (last {} hours)").format(SHIFT_HOURS), "shift")
        self.period.addItem(self.tr("Today"), "today")
        self.period.addItem(self.tr("Time range"), "range")
        for run in self.review.runs():
            self.period.addItem(self.tr("run {} ({} parts)").format(run.id, run.parts), f"run:{run.id}")
        if where is not None and where.run:
            index = self.period.findData(f"run:{where.run}")
            self.period.setCurrentIndex(max(0, index))
        elif where is not None and (where.since or where.until):
            self.period.setCurrentIndex(3)
            if where.since:
                self.since_edit.setDateTime(QDateTime.fromString(where.since[:19], Qt.DateFormat.ISODate))
            if where.until:
                self.until_edit.setDateTime(QDateTime.fromString(where.until[:19], Qt.DateFormat.ISODate))
        self.period.blockSignals(False)

    def _on_station(self) -> None:
        """Another station: one run is one station's, so a run chosen gives way to every part of the log."""
        if str(self.period.currentData() or "").startswith("run:"):
            self.period.setCurrentIndex(max(0, self.period.findData("all")))  # applies the filter
        else:
            self.apply_filter()

    def current_filter(self) -> ReviewFilter:
        kind, _, run = str(self.period.currentData() or "all").partition(":")
        period = period_filter(kind, run)
        since, until = period.since, None
        if kind == "range":
            since, until = (_iso(edit.dateTime()) for edit in (self.since_edit, self.until_edit))
        maximum = self.score_max.value()
        return ReviewFilter(
            run=period.run, since=since, until=until,
            verdicts=tuple(v for v, box in self.verdict_boxes.items() if box.isChecked()),
            score_min=self.score_min.value() or None, score_max=None if maximum >= 99.0 else maximum,
            label=self.label_filter.currentData(), pictures_only=self.pictures_box.isChecked(),
            order=self.order.currentData(), station=self.station_filter.currentData(),
        )  # fmt: skip

    def refresh(self) -> None:
        """Read the log again (the line goes on meanwhile), keeping the part in view when it is still shown."""
        part = self.current_part()
        self.apply_filter()
        if part is not None and part.id in self.model.ids:
            self.grid.setCurrentIndex(self.model.index(self.model.ids.index(part.id)))

    def apply_filter(self) -> None:
        ranged = self.period.currentData() == "range"
        for widget in (self.since_edit, self.range_dash, self.until_edit):
            widget.setVisible(ranged)
        try:
            self.model.set_filter(self.current_filter())
        except ReviewError as exc:
            self.message.setText(engine_text(str(exc)))
            return
        self.show_rates()
        count = len(self.model.ids)
        self.count_label.setText(self.tr("%n part(s)", "", count))
        if count:
            self.grid.setCurrentIndex(self.model.index(0))
        else:
            self._show(-1)

    def show_rates(self) -> None:
        """The rates of the labelled parts of the period chosen (whatever the other filters: those choose what to
        look at, not what the line did)."""
        where = self.current_filter()
        try:
            self.rates.set_rates(self.review.rates(ReviewFilter(run=where.run, since=where.since, until=where.until,
                                                                station=where.station)))  # fmt: skip
        except ReviewError as exc:
            self.message.setText(engine_text(str(exc)))

    def allow_threshold(self, shown: bool, enabled: bool = True) -> None:
        """*Set the threshold here* is offered (a line runs with this log) and allowed (the engineer lock)."""
        self.rates.set_button.setVisible(shown)
        self.rates.set_button.setEnabled(enabled)

    # -- one part -----------------------------------------------------------------------------------------------
    def current_part(self) -> ReviewPart | None:
        return self.model.part(self.grid.currentIndex().row())

    def _show(self, row: int) -> None:
        part = self.model.part(row)
        self.message.setText("")
        for button in (self.defect_button, self.good_button, self.unsure_button, self.clear_button):
            button.setEnabled(part is not None)
        if part is None:
            self.picture.clear()
            self.info.setText(self.tr("No part matches."))
            self.add_sample_button.setEnabled(False)
            return
        self.picture.setPixmap(self._picture_of(part))
        colour = VERDICT_COLOURS.get(part.verdict, "#555555")
        lines = [
            self.tr("<b>part {}</b> of run {}").format(part.part, part.run or "-"),
            part.time[:23].replace("T", " "),
            self.tr("<b style='color:{}'>{}</b>  score {:.2f} x threshold ({:.5f} of {:.5f})").format(
                colour, verdict_word(part.verdict), shown_ratio(part.normalized_score), part.score, part.threshold),
            self.tr("model {}  source {}").format(html.escape(part.model), html.escape(source_name(part.source))),
        ]  # fmt: skip
        if part.product is not None:
            lines.append(self.tr("product {}").format(html.escape(part.product or self.tr("unnamed"))))
        if part.name:
            lines.append(self.tr("photo {}").format(html.escape(part.name)))
        if part.region:
            lines.append(self.tr("region {}").format(part.region))
        if part.note:
            lines.append(f"<i>{html.escape(engine_text(part.note))}</i>")
        if part.label:
            said = {"defect": self.tr("defect"), "good": self.tr("good"), "unsure": self.tr("unsure")}[part.label]
            kind = f" ({part.defect_type})" if part.defect_type else ""
            lines.append(self.tr("<b>labelled {}{}</b> by {} at {}").format(
                said, kind, part.labelled_by, (part.labelled_at or "")[:16].replace("T", " ")))  # fmt: skip
            if part.label == "good" and part.verdict == "NG":
                lines.append(self.tr("a false alarm"))
        self.info.setText("<br>".join(lines))
        self.add_sample_button.setEnabled(part.label == "good" and part.original is not None)

    def _picture_of(self, part: ReviewPart) -> QPixmap:
        """The overlay (heatmap on), or the original with the region drawn on it; a note when neither was kept."""
        name = part.overlay if self.heatmap_box.isChecked() else part.original
        image = None
        if name:
            try:
                image = read_image(self.review.folder / name)
            except (ImageReadError, OSError):
                image = None
        if image is None:
            pixmap = QPixmap(360, 300)
            pixmap.fill(QColor("#303030"))
            painter = QPainter(pixmap)
            painter.setPen(QColor("#dddddd"))
            painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("no pictures kept of this part"))  # fmt: skip
            painter.end()
            return pixmap
        if not self.heatmap_box.isChecked() and part.region:
            import cv2

            try:
                roi = Roi.parse(part.region).fitted_to(image.shape[1], image.shape[0])
                image = image.copy()
                width = max(2, round(max(image.shape[:2]) / 300))
                cv2.rectangle(image, (roi.x, roi.y), (roi.x + roi.width, roi.y + roi.height), (0, 200, 255), width)
            except (InspectorError, ValueError):
                pass
        pixmap = QPixmap.fromImage(bgr_to_qimage(np.ascontiguousarray(image)))
        room = self.picture.size()
        return pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)

    # -- labels ------------------------------------------------------------------------------------------------
    def label_current(self, label: str | None) -> bool:
        """Label the part in view (None: take its label back), then go to the next one."""
        part = self.current_part()
        if part is None:
            return False
        kind = self.defect_type.currentText() or None if label == "defect" else None
        try:
            self.review.label(part.id, label, kind)
        except ReviewError as exc:
            self.message.setText(engine_text(str(exc)))
            return False
        self.model.refresh_part(part.id)
        self.labelled.emit(part.id, label or "")
        self.show_rates()
        row = self.grid.currentIndex().row()
        if label is not None and row + 1 < self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(row + 1))
        else:
            self._show(row)
        return True

    def _load_defect_types(self) -> None:
        stored = self.settings.value(DEFECT_TYPES_SETTING)
        types = [str(t) for t in stored] if isinstance(stored, list) and stored else list(DEFECT_TYPES)
        self.defect_type.clear()
        self.defect_type.addItem("")
        self.defect_type.addItems(types)

    def defect_types(self) -> list[str]:
        return [self.defect_type.itemText(i) for i in range(1, self.defect_type.count())]

    def set_defect_types(self, types: list[str]) -> None:
        cleaned = list(dict.fromkeys(t.strip() for t in types if t.strip()))
        self.settings.setValue(DEFECT_TYPES_SETTING, cleaned or list(DEFECT_TYPES))
        self._load_defect_types()

    def edit_defect_types(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Defect types"), self.tr(
            "One defect type per line:"), "\n".join(self.defect_types()))  # fmt: skip
        if ok:
            self.set_defect_types(text.splitlines())

    # -- samples -----------------------------------------------------------------------------------------------
    def add_current_to_samples(self) -> str | None:
        """The part in view, labelled good, joins the good samples: its inspected region of the original picture."""
        part = self.current_part()
        if self.store is None or part is None or part.label != "good" or not part.original:
            return None
        try:
            name, verdict = self.store.add(self.review.inspected_picture(part), None, "reviewed")
        except (InspectorError, SampleError, OSError) as exc:
            self.message.setText(self.tr("not added: {}").format(engine_text(str(exc))))
            return None
        if name is None:
            self.message.setText(self.tr("not added: {}").format(engine_text(verdict.reason or "rejected")))
            return None
        self.message.setText(self.tr("part {} added to the good samples as {}").format(part.part, name))
        self.sampleAdded.emit(name)
        return name

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.settings.setValue("review/geometry", self.saveGeometry())
        self.review.close()
        super().closeEvent(event)


def _iso(value: QDateTime) -> str:
    return value.toPython().astimezone().isoformat(timespec="seconds")


def open_review(folder: Path, settings: QSettings, store: SampleStore | None = None,
                where: ReviewFilter | None = None, parent: QWidget | None = None) -> ReviewWindow:  # fmt: skip
    """The review of the log in ``folder``; raises :class:`ReviewError` when there is none to read."""
    window = ReviewWindow(PartReview(folder), settings, store, where, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    geometry = settings.value("review/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    return window
