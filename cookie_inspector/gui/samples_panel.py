"""Samples and training, as a panel beside the live view: capture mode, the gallery of good samples, the retrain button,
the training's progress, and the list of trained models."""

from __future__ import annotations

import contextlib
from pathlib import Path

import cv2
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import ImageReadError, InspectorError
from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.frames.preprocess import as_bgr8
from cookie_inspector.core.line.samples import DeletedBatch, ImportReport, SampleError
from cookie_inspector.core.model.choice import describe, estimate_of, is_blind
from cookie_inspector.gui.file_dialogs import existing_folder
from cookie_inspector.gui.live_view import bgr_to_qimage
from cookie_inspector.gui.messages import engine_text
from cookie_inspector.gui.retrain import RetrainController

THUMB = 88
PANEL_WIDTH = 340
"""The panel's fixed width: at 1280 x 800 it leaves the live view about 590 pixels, training or not."""
LOAD_PER_TICK = 24
"""Thumbnails decoded per event-loop tick while the gallery fills (keeps the window responsive with many samples)."""


def thumbnail(path: Path) -> QIcon | None:
    try:
        image = as_bgr8(read_image(path))
    except (ImageReadError, InspectorError):
        return None
    small = cv2.resize(image, (THUMB, THUMB), interpolation=cv2.INTER_AREA)
    return QIcon(QPixmap.fromImage(bgr_to_qimage(np.ascontiguousarray(small))))


def _format_seconds(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


class SamplesPanel(QWidget):
    """Drives a :class:`RetrainController`."""

    def __init__(self, retrain: RetrainController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retrain = retrain
        self._first_pass: tuple[ImportReport, set[str]] | None = None
        """An import's first pass and the files of it imported again (refused for an exposure that is the
        product's look), while they are: one report for both."""
        self.import_report: QMessageBox | None = None
        """The last import's report box, while shown."""
        self._undo: list[DeletedBatch] = []
        self._pending: list[str] = []
        self._epochs: list[tuple[int, float, float | None]] = []
        self._locked = False
        self._review_retrains = True
        self.setFixedWidth(PANEL_WIDTH)  # the live view keeps its room, whatever the training's labels say

        # capture
        self.capture_button = QPushButton(self.tr("Capture mode"))
        self.capture_button.setCheckable(True)
        self.capture_button.setToolTip(self.tr("Collect good samples from the line (F6)"))
        self.snap_button = QPushButton(self.tr("Capture sample"))
        self.snap_button.setToolTip(self.tr("Store the region now as a good sample (C)"))
        self.snap_button.setEnabled(False)
        self.auto_box = QCheckBox(self.tr("one per new part"))
        self.auto_box.setToolTip(self.tr("In capture mode, store each new part as a good sample"))
        self.interval_box = QSpinBox()
        self.interval_box.setRange(0, 60_000)
        self.interval_box.setSingleStep(250)
        self.interval_box.setSuffix(self.tr(" ms"))
        self.interval_box.setSpecialValueText(self.tr("no timer"))
        self.interval_box.setToolTip(
            self.tr("In capture mode, also store the region every so many milliseconds (0: off)")
        )
        self.capture_status = QLabel()
        self.capture_status.setWordWrap(True)
        capture = QGroupBox(self.tr("Capture"))
        capture_layout = QVBoxLayout(capture)
        row = QHBoxLayout()
        row.addWidget(self.capture_button)
        row.addWidget(self.snap_button)
        capture_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.auto_box)
        row.addWidget(QLabel(self.tr("every")))
        row.addWidget(self.interval_box)
        capture_layout.addLayout(row)
        capture_layout.addWidget(self.capture_status)
        self.add_anyway_button = QPushButton(self.tr("It is good: add it anyway"))
        self.add_anyway_button.setToolTip(self.tr("Store the part the model flagged as a good sample after all"))
        self.add_anyway_button.setVisible(False)
        capture_layout.addWidget(self.add_anyway_button)

        # gallery
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.gallery.setToolTip(self.tr("Good samples. Select and press Delete to remove; Ctrl+Z brings them back"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove the selected samples (Delete)"))
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setToolTip(self.tr("Bring back the last deleted samples (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        self.import_button = QPushButton(self.tr("Import folder..."))
        self.import_button.setToolTip(self.tr("Add the good images of a folder; unreadable or unfit files are listed"))
        gallery = QGroupBox(self.tr("Good samples"))
        gallery_layout = QVBoxLayout(gallery)
        gallery_layout.addWidget(self.count_label)
        gallery_layout.addWidget(self.gallery, 1)
        row = QHBoxLayout()
        for button in (self.delete_button, self.undo_button, self.import_button):
            row.addWidget(button)
        gallery_layout.addLayout(row)

        # training
        self.train_button = QPushButton(self.tr("Retrain"))
        self.train_button.setMinimumHeight(40)
        self.train_reason = QLabel()
        self.train_reason.setWordWrap(True)
        self.models_button = QPushButton(self.tr("Models..."))
        self.models_button.setMinimumHeight(40)  # beside Retrain, as tall
        self.models_button.setToolTip(self.tr("Every trained model: activate one (roll back) or delete it"))
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        self.active_label = QLabel()
        self.active_label.setWordWrap(True)
        self.sees_label = QLabel()  # what the active model can see, as its training estimated it
        self.sees_label.setWordWrap(True)
        self.sees_label.setVisible(False)
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("Cancel training"))
        self.cancel_button.setToolTip(self.tr("Stop the training; the current model stays"))
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setMinimumHeight(110)
        self.loss_plot.setMaximumHeight(150)
        for side in ("left", "bottom"):  # small ticks: the labels must not overlap in a narrow panel
            axis = self.loss_plot.getAxis(side)
            font = axis.font() if hasattr(axis, "font") else None
            if font is not None:
                font.setPointSize(7)
                axis.setTickFont(font)
        self.loss_plot.getAxis("left").setWidth(38)
        self.loss_plot.getAxis("bottom").setHeight(28)  # a linear loss axis: a log one labels every minor tick
        self.loss_plot.setLabel("bottom", self.tr("epoch"))
        self.loss_plot.addLegend(offset=(-5, 5))  # top right: the curves fall from the top left
        self.loss_curve = self.loss_plot.plot([], [], pen=pg.mkPen("#3377dd", width=2), name=self.tr("loss"))
        self.val_curve = self.loss_plot.plot([], [], pen=pg.mkPen("#dd7733", width=2), name=self.tr("held out"))
        self.progress_box = QWidget()
        progress_layout = QVBoxLayout(self.progress_box)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress_bar)
        progress_layout.addWidget(self.loss_plot)
        progress_layout.addWidget(self.cancel_button)
        self.progress_box.setVisible(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.blind_button = QPushButton(self.tr("Use it anyway"))
        self.blind_button.setToolTip(self.tr("Inspect with the new model although it may miss small defects of this "
                                             "product (the engineer lock covers this)"))  # fmt: skip
        self.blind_button.setVisible(False)
        self.blind_button.clicked.connect(self.use_blind_model)
        training = QGroupBox(self.tr("Model"))
        training_layout = QVBoxLayout(training)
        row = QHBoxLayout()
        row.addWidget(self.train_button, 1)
        row.addWidget(self.models_button)
        training_layout.addLayout(row)
        training_layout.addWidget(self.active_label)
        training_layout.addWidget(self.sees_label)
        training_layout.addWidget(self.train_reason)
        training_layout.addWidget(self.progress_box)
        training_layout.addWidget(self.result_label)
        training_layout.addWidget(self.blind_button)
        self.check_box = QWidget()
        check_layout = QVBoxLayout(self.check_box)
        check_layout.setContentsMargins(0, 0, 0, 0)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_list = QListWidget()
        self.check_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.check_list.setIconSize(QSize(THUMB, THUMB))
        self.check_list.setMaximumHeight(THUMB + 40)
        self.check_list.setFlow(QListWidget.Flow.LeftToRight)
        self.check_list.setWrapping(False)
        self.check_delete_button = QPushButton(self.tr("Delete them and retrain"))
        self.check_keep_button = QPushButton(self.tr("Keep them"))
        row = QHBoxLayout()
        row.addWidget(self.check_delete_button)
        row.addWidget(self.check_keep_button)
        check_layout.addWidget(self.check_label)
        check_layout.addWidget(self.check_list)
        check_layout.addLayout(row)
        self.check_box.setVisible(False)
        training_layout.addWidget(self.check_box)
        self.check_delete_button.clicked.connect(self.delete_reviewed)
        self.check_keep_button.clicked.connect(lambda: self.check_box.setVisible(False))

        layout = QVBoxLayout(self)
        layout.addWidget(capture)
        layout.addWidget(gallery, 1)
        layout.addWidget(training)

        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.gallery, self.delete_selected)
        self.capture_button.toggled.connect(self.set_capture_mode)
        self.snap_button.clicked.connect(retrain.capture_now)
        self.auto_box.toggled.connect(lambda on: setattr(retrain, "auto_per_part", on))
        self.interval_box.valueChanged.connect(self._on_interval)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo_delete)
        self.import_button.clicked.connect(self.import_folder)
        self.train_button.clicked.connect(self.start_training)
        self.cancel_button.clicked.connect(retrain.cancel_training)
        self.models_button.clicked.connect(self.show_models)
        retrain.sampleAdded.connect(self._on_sample_added)
        retrain.sampleRejected.connect(self._on_sample_rejected)
        retrain.sampleHeldBack.connect(self._on_held_back)
        self.add_anyway_button.clicked.connect(self.add_held_back)
        retrain.samplesChanged.connect(self.sync_gallery)
        retrain.trainingStarted.connect(self._on_training_started)
        retrain.trainingProgress.connect(self._on_epoch)
        retrain.trainingStep.connect(self._on_step)
        retrain.trainingEnded.connect(self._on_training_ended)
        retrain.importDone.connect(self._imported)
        retrain.exposureRefusedInARow.connect(self._on_exposure_refused)

        self._loader = QTimer(self)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_some)
        self.sync_gallery()
        if retrain.store.unreadable:
            self.capture_status.setText(self.tr("%n unreadable file(s) in the samples folder are ignored: {}", "",
                                                len(retrain.store.unreadable)).format(
                ", ".join(retrain.store.unreadable[:3])))  # fmt: skip

    # -- capture ----------------------------------------------------------------------------------------------------
    def set_capture_mode(self, on: bool) -> None:
        self.capture_button.setChecked(on)
        self.snap_button.setEnabled(on)
        self.retrain.set_capture_mode(on)
        self.retrain.set_interval(self.interval_box.value() if on else 0)
        self.capture_status.setText(self.tr("capture mode: show good parts to the camera") if on else "")
        if not on:  # a part held back in capture mode is not offered once capture is over
            self.add_anyway_button.setVisible(False)
            self.retrain.held_back = None

    def _on_interval(self, value: int) -> None:
        if self.retrain.capture_mode:
            self.retrain.set_interval(value)

    def _on_sample_added(self, name: str) -> None:
        self.capture_status.setStyleSheet("color: #1f7a3c")
        self.capture_status.setText(self.tr("stored {}").format(name))
        self.add_anyway_button.setVisible(False)

    def _on_sample_rejected(self, reason: str) -> None:
        self.capture_status.setStyleSheet("color: #c01818")
        self.capture_status.setText(self.tr("not stored: {}").format(engine_text(reason)))

    def _on_exposure_refused(self, count: int, reason: str) -> None:
        """Every capture in a row refused for exposure: asked once whether that is how the product looks."""
        if not self.ask_capture_look(count, reason):
            return
        stored = self.retrain.accept_exposure()
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(self.tr("this exposure is the product's look now; %n refused capture(s) "
                                            "stored", "", stored))  # fmt: skip

    def ask_capture_look(self, count: int, reason: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Capture"), self.tr(
            "The last {} captures were all refused as over- or under-exposed (the last: {}).\n\nIs that how this "
            "product looks, on a light table or a dark background? Then store them anyway; captures exposed like "
            "these are no longer refused for this product's samples (blur and duplicates still are).").format(
            count, engine_text(reason)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _on_held_back(self, reason: str) -> None:
        """A part the model flags: not stored; the operator may look and add it deliberately."""
        self.capture_status.setStyleSheet("color: #b05a00")
        self.capture_status.setText(self.tr("not stored: {}. Add it only if it is a good part.").format(
            engine_text(reason)))  # fmt: skip
        self.add_anyway_button.setVisible(True)

    def add_held_back(self) -> None:
        self.add_anyway_button.setVisible(False)
        self.retrain.add_held_back()

    # -- gallery ----------------------------------------------------------------------------------------------------
    def sync_gallery(self) -> None:
        """Make the gallery list the store's samples (new thumbnails are decoded a few per tick)."""
        names = self.retrain.store.names()
        wanted = set(names)
        for row in reversed(range(self.gallery.count())):
            if self.gallery.item(row).data(Qt.ItemDataRole.UserRole) not in wanted:
                self.gallery.takeItem(row)
        shown = {self.gallery.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.gallery.count())}
        self._pending = [name for name in names if name not in shown and name not in self._pending] + self._pending
        if self._pending and not self._loader.isActive():
            self._loader.start()
        self.update_counts()

    def _load_some(self) -> None:
        batch, self._pending = self._pending[:LOAD_PER_TICK], self._pending[LOAD_PER_TICK:]
        store = self.retrain.store
        present = set(store.names())
        for name in batch:
            if name not in present:
                continue
            icon = thumbnail(store.path(name))
            item = QListWidgetItem(icon, "") if icon is not None else QListWidgetItem("?")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.gallery.addItem(item)
        if not self._pending:
            self._loader.stop()
            self.gallery.sortItems()
            self.gallery.scrollToBottom()

    def update_counts(self) -> None:
        count = len(self.retrain.store)
        needed = self.retrain.store.needed(self.retrain.minimum)
        if needed:
            text = self.tr("%n good sample(s): {} more needed before training", "", count).format(needed)
        else:
            text = self.tr("%n good sample(s): enough to train", "", count)
        self.count_label.setText(text)
        ok, reason = self.retrain.can_train()
        self.train_button.setEnabled(ok and not self._locked)
        self.train_button.setToolTip(engine_text(reason))
        own = self.retrain.run is not None or self.retrain.checking  # the progress below says it
        self.train_reason.setText("" if ok or own else engine_text(reason))

    def selected_names(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.gallery.selectedItems()]

    def delete_selected(self) -> None:
        names = self.selected_names()
        if not names:
            return
        try:
            batch = self.retrain.store.delete(names)
        except SampleError as exc:
            QMessageBox.warning(self, self.tr("Samples not deleted"), engine_text(str(exc)))
            batch = None
        if batch is not None and batch.names:
            self._undo.append(batch)
            self.undo_button.setEnabled(True)
            self.capture_status.setStyleSheet("")
            self.capture_status.setText(self.tr("deleted %n sample(s); Undo brings them back", "", len(batch.names)))
        self.sync_gallery()

    def undo_delete(self) -> None:
        if not self._undo:
            return
        batch = self._undo.pop()
        try:
            restored = self.retrain.store.undo(batch)
        except SampleError as exc:
            QMessageBox.warning(self, self.tr("Samples not restored"), engine_text(str(exc)))
            restored = []
        self.undo_button.setEnabled(bool(self._undo))
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(self.tr("restored %n sample(s)", "", len(restored)))
        self.sync_gallery()

    def import_folder(self, folder: str | None = None) -> None:
        """Ask for a folder (unless given) and import it in the background; the result comes to :meth:`_imported`."""
        folder = folder or existing_folder(self, self.tr("Import good samples from a folder"))
        if not folder or not self.retrain.import_folder(Path(folder)):
            return
        self.import_button.setEnabled(False)
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(self.tr("importing {}...").format(folder))

    def _imported(self, folder: str, report: object) -> None:
        self.import_button.setEnabled(True)
        if not isinstance(report, ImportReport):
            QMessageBox.warning(self, self.tr("Import failed"), engine_text(str(report)))
            return
        store = self.retrain.store
        if self._first_pass is None:  # a group refused for one kind of exposure: a variant of the product? (once)
            allowed = []
            for kind, names in report.exposure_groups():
                if store.checks_exposure(kind) and self.ask_variant_look(report, kind, names):
                    try:
                        store.allow_exposure(kind)
                    except SampleError as exc:
                        QMessageBox.warning(self, self.tr("Import failed"), engine_text(str(exc)))
                        return
                    allowed.extend(names)
            if allowed and self.retrain.import_folder(Path(folder), only=allowed):
                self.import_button.setEnabled(False)
                self.capture_status.setText(self.tr("importing {}...").format(folder))
                self._first_pass = (report, set(allowed))
                return
        if self._first_pass is not None:  # the second pass of an import: one report for both
            (first, again), self._first_pass = self._first_pass, None
            kept = [(name, reason) for name, reason in first.skipped if name not in again]
            report = ImportReport(first.imported + report.imported, kept + report.skipped, first.whole + report.whole)
        text = self.tr("imported %n sample(s) from {}", "", len(report.imported)).format(folder)
        if report.whole:
            text += self.tr("; %n photo(s) of another size kept whole (the region is drawn on pictures of another "
                            "shape)", "", len(report.whole))  # fmt: skip
        if report.skipped:
            self.show_import_report(text, report)
        self.capture_status.setStyleSheet("")
        extra = self.tr(", %n skipped", "", len(report.skipped)) if report.skipped else ""
        self.capture_status.setText(text + extra)

    def ask_variant_look(self, report: ImportReport, kind: str, names: list[str]) -> bool:
        """A group of photos refused for one kind of exposure: asked once whether that is a look of the product (a
        dark-coloured variant, a light table behind it)."""
        total = len(report.imported) + len(report.skipped)
        reason = next(engine_text(r) for n, r in report.skipped if n == names[0])
        question = (self.tr("{} of {} photos look under-exposed (for example {}: {}).\n\nIs that how this product "
                            "or a variant of it looks (a dark-coloured one, on a dark background)? Then import them "
                            "anyway; photos this dark are no longer refused for this product's samples (too bright "
                            "ones, blur and duplicates still are).")
                    if kind == "under-exposed" else
                    self.tr("{} of {} photos look over-exposed (for example {}: {}).\n\nIs that how this product "
                            "or a variant of it looks (a light-coloured one, on a light table)? Then import them "
                            "anyway; photos this bright are no longer refused for this product's samples (too dark "
                            "ones, blur and duplicates still are)."))  # fmt: skip
        answer = QMessageBox.question(self, self.tr("Import"), question.format(len(names), total, names[0], reason),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def show_import_report(self, text: str, report: ImportReport) -> QMessageBox:
        """What was imported and why files were skipped: the reasons counted, each file in the details (a box that
        fits any screen, however many files were skipped)."""
        counts: dict[str, int] = {}
        for _, reason in report.skipped:
            kind = engine_text(reason).split(":")[0]
            counts[kind] = counts.get(kind, 0) + 1
        summary = "\n".join(f"{count} x {kind}" for kind, count in sorted(counts.items(), key=lambda kv: -kv[1])[:6])
        skipped = self.tr("%n skipped:", "", len(report.skipped))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Import"),
            f"{text}.\n\n{skipped}\n{summary}",
            parent=self,
        )
        box.setDetailedText("\n".join(f"{name}: {engine_text(reason)}" for name, reason in report.skipped))
        box.open()
        self.import_report = box
        return box

    # -- training ---------------------------------------------------------------------------------------------------
    def start_training(self) -> None:
        if self._locked:
            return
        if self.retrain.start_training():
            self._training_began()
        self.update_counts()

    def _training_began(self) -> None:
        self._epochs = []
        self.loss_curve.setData([], [])
        self.val_curve.setData([], [])
        self.progress_label.setText(self.tr("starting the trainer..."))
        self.check_box.setVisible(False)
        self.progress_bar.setRange(0, 0)
        self.progress_box.setVisible(True)
        self.result_label.setText("")

    def _on_training_started(self, event: dict) -> None:
        features = event.get("family") == "features"
        self.loss_plot.setVisible(not features or event.get("architecture") == "feature-ae")
        self.progress_bar.setRange(0, int(event.get("samples" if features else "epochs", 0)))
        self.progress_bar.setValue(0)
        if event.get("folds"):
            self.progress_label.setText(self.tr("training on {} samples, each also scored by a model fitted without "
                                                "it to calibrate").format(event.get("training")))  # fmt: skip
        else:
            self.progress_label.setText(self.tr("training on {} samples, {} held out to calibrate").format(
                event.get("training"), event.get("held_out")))  # fmt: skip

    def _on_step(self, event: dict) -> None:
        """A feature model's progress: the backbone reading the samples, the head's fit, then the export."""
        if event.get("event") == "exporting":
            self.progress_label.setText(self.tr("preparing the model for the line (LiteRT)"))
            self.progress_bar.setRange(0, 0)  # busy: the converter gives no steps
            return
        kind = event.get("event")
        if kind == "test_defects":
            self.progress_label.setText(self.tr("making {} test defects from the samples").format(event.get("count")))
            return
        if kind == "chosen":
            self.progress_label.setText(self.tr("chose {}; fitting it on every sample").format(event.get("model")))
            return
        if kind == "fold":  # the candidates fitted without one fold, judged on it and its test defects
            done, total = int(event.get("fold", 0)), int(event.get("folds", 0))
            self.progress_label.setText(self.tr("judging the candidate models: fold {} of {}").format(done, total))
        elif kind == "features":
            done, total = int(event.get("done", 0)), int(event.get("total", 0))
            if event.get("what") == "test images":
                self.progress_label.setText(self.tr("reading the test images ({} of {})").format(done, total))
            else:
                self.progress_label.setText(self.tr("reading the features of sample {} of {}").format(done, total))
        else:
            done, total = int(event.get("step", 0)), int(event.get("steps", 0))
            head = str(event.get("head", ""))
            heads = {"gaussian": self.tr("a Gaussian per position"), "memory": self.tr("a memory of good patches")}
            self.progress_label.setText(self.tr("fitting the model ({})").format(heads.get(head, head)))
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _on_epoch(self, event: dict) -> None:
        epoch, epochs = int(event.get("epoch", 0)), int(event.get("epochs", 0))
        self._epochs.append((epoch, float(event.get("loss") or np.nan), event.get("val_loss")))
        x = [e[0] for e in self._epochs]
        self.loss_curve.setData(x, [e[1] for e in self._epochs])
        vals = [(e[0], e[2]) for e in self._epochs if e[2] is not None]
        if vals:
            self.val_curve.setData([v[0] for v in vals], [v[1] for v in vals])
        self.progress_bar.setRange(0, epochs)
        self.progress_bar.setValue(epoch)
        eta = event.get("eta_s")
        if eta is not None:
            self.progress_label.setText(
                self.tr("epoch {} of {}, {} left").format(epoch, epochs, _format_seconds(float(eta)))
            )
        else:
            self.progress_label.setText(self.tr("epoch {} of {}").format(epoch, epochs))

    def _on_training_ended(self, outcome: str, message: str) -> None:
        self.progress_box.setVisible(False)
        colour = {"swapped": "#1f7a3c", "cancelled": "#555555", "blind": "#b35900"}.get(outcome, "#c01818")
        self.blind_button.setVisible(outcome == "blind")
        self.blind_button.setEnabled(not self._locked)
        self.result_label.setStyleSheet(f"color: {colour}")
        self.result_label.setText(engine_text(message))
        self.update_counts()
        report = self.retrain.last_check
        if outcome == "rejected" and report is not None and report.alarming:
            self.show_failed_check(report.alarming)
        elif outcome in ("swapped", "rejected") and report is not None and report.left_out:
            self.show_left_out(report.left_out)

    # -- a failed check: the held-out samples that alarmed ------------------------------------------------------
    def show_failed_check(self, alarming: list[tuple[str, float]]) -> None:
        """Thumbnails of the held-out good samples the new model alarmed on, with one click to delete them and
        train again (a defect captured as a good sample is the usual cause)."""
        self._fill_review([(name, self.tr("{:.2f} x threshold").format(ratio)) for name, ratio in alarming])
        self.check_delete_button.setText(self.tr("Delete them and retrain"))
        self._review_retrains = True
        self.check_label.setText(
            self.tr(
                "The new model alarmed on %n held-out good sample(s). Are they really "
                "good? Delete them and retrain, or keep them.",
                "",
                len(alarming),
            )
        )
        self.check_box.setVisible(True)

    def show_left_out(self, names: list[str]) -> None:
        """Thumbnails of the samples the training left out as unlike all the others, with one click to delete them
        (the model did not learn them either way)."""
        self._fill_review([(name, "") for name in names])
        self.check_label.setText(self.tr("The training left out %n sample(s) unlike all the others: a defect among "
                                         "the good samples? Delete them, or keep them.", "", len(names)))  # fmt: skip
        self.check_delete_button.setText(self.tr("Delete them"))
        self._review_retrains = False
        self.check_box.setVisible(True)

    def _fill_review(self, items: list[tuple[str, str]]) -> None:
        self.check_list.clear()
        store = self.retrain.store
        for name, text in items:
            icon = thumbnail(store.path(name))
            item = QListWidgetItem(icon, text) if icon is not None else QListWidgetItem(text or name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            self.check_list.addItem(item)

    def delete_reviewed(self) -> None:
        """The review's delete: the samples shown go (Undo brings them back); after a failed check, training starts
        again without them."""
        names = [self.check_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.check_list.count())]
        self.check_box.setVisible(False)
        try:
            if self._review_retrains:
                self.retrain.delete_samples_and_retrain(names)
            else:
                batch = self.retrain.store.delete(names)
                self._undo.append(batch)
                self.undo_button.setEnabled(True)
        except SampleError as exc:
            QMessageBox.warning(self, self.tr("Samples not deleted"), engine_text(str(exc)))
        self.sync_gallery()
        if self.retrain.run is not None:
            self._training_began()

    def use_blind_model(self) -> None:
        """*Use it anyway*: the new model that may be blind to small defects becomes active, knowingly."""
        if self._locked:
            return
        self.blind_button.setVisible(False)
        try:
            name = self.retrain.use_blind_model()
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("Not activated"), engine_text(str(exc)))
            return
        if name:
            self.result_label.setText("")  # the active model's own line below says what it sees

    def set_active_model(self, title: str) -> None:
        text = self.tr("active model: {}").format(title)
        if text != self.active_label.text():
            self.active_label.setText(text)
            if self.retrain.run is None and not self.retrain.checking:
                self.result_label.setText("")  # a message about an earlier model would name the wrong one
        inspector = self.retrain.line.inspector
        estimate = estimate_of(inspector.bundle.meta) if inspector is not None else None
        self.sees_label.setVisible(estimate is not None)
        if estimate is not None:
            self.sees_label.setText(engine_text(describe(estimate)))
            self.sees_label.setStyleSheet("color: #b35900" if is_blind(estimate) else "")

    def set_locked(self, locked: bool) -> None:
        """The engineer lock: retrain and model activation are read-only; capture stays open."""
        self._locked = locked
        self.blind_button.setEnabled(not locked)
        self.models_button.setToolTip(self.tr("Every model (locked: view only)") if locked else
                                      self.tr("Every model, the shipped one included: activate one (roll back) or "
                                              "delete it"))  # fmt: skip
        self.update_counts()

    def show_models(self) -> None:
        ModelsDialog(self.retrain, self, locked=self._locked).exec()


SEES_COLUMN = 7
"""The Models table's column of test defects caught (its tooltip says it in words)."""


class ModelsDialog(QDialog):
    """Every model with its check result, the shipped one included; activate (roll back) or delete. Activating a
    model that failed its check asks first, with the reason."""

    def __init__(self, retrain: RetrainController, parent: QWidget | None = None, locked: bool = False) -> None:
        super().__init__(parent)
        self.retrain = retrain
        self.locked = locked
        self.setWindowTitle(self.tr("Models"))
        self.resize(860, 340)
        columns = (self.tr("product"), self.tr("model"), self.tr("created"), self.tr("network"), self.tr("samples"),
                   self.tr("check"), self.tr("false alarms"), self.tr("test defects caught"),
                   self.tr("active"))  # fmt: skip
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activate_button = QPushButton(self.tr("Activate"))
        self.activate_button.setToolTip(self.tr("Inspect with this model from now on (roll back to an earlier one)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Remove this model (not the active one, not the shipped one)"))
        self.lock_note = QLabel(self.tr("Locked by the engineer: view only") if locked else "")
        for button in (self.activate_button, self.delete_button):
            button.setEnabled(not locked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.activate_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.lock_note)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.activate_button.clicked.connect(self._activate)
        self.delete_button.clicked.connect(self._delete)
        for button in (self.activate_button, self.delete_button, *buttons.buttons()):  # one row, one height
            button.setMinimumHeight(32)
        self.entries = []
        self._loading: str | None = None  # activated here, not yet loaded by the line
        self.fill()
        # the table follows the line while open: a model activated here loads in the background, a retrain in
        # the background may swap, another model may fail to load
        self._connections = [(retrain.modelsChanged, self._refill), (retrain.line.modelChanged, self._line_loaded),
                             (retrain.line.modelFailed, self._line_loaded)]  # fmt: skip
        for signal, slot in self._connections:
            signal.connect(slot)
        self.finished.connect(self._disconnect)

    def fill(self) -> None:
        library = self.retrain.library
        current = self.retrain.line.product or self.tr("unnamed")  # by product, the one on the line first
        self.entries = sorted(library.entries(), key=lambda e: (self._product(e) != current, self._product(e)))
        in_use = library.name_of(self.retrain.line.model_path)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            rate = "-" if entry.false_alarm_rate is None else f"{entry.false_alarm_rate:.1%}"
            if entry.shipped:
                name, check = self.tr("shipped model"), self.tr("shipped")
            else:
                name = entry.name
                check = {True: self.tr("passed"), False: self.tr("FAILED"), None: self.tr("not checked")}[
                    entry.check_passed
                ]
            estimate = entry.estimate
            sees = "-" if estimate is None else f"{estimate['caught']} / {estimate['defects']}"
            cells = (self._product(entry), name, entry.created.replace("T", " ")[:19], entry.architecture,
                     str(entry.samples), check, rate, sees, self._active_cell(entry.name, in_use))  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry.check_passed is False:
                    item.setForeground(Qt.GlobalColor.red)
                    item.setToolTip(engine_text(entry.check_reason))
                elif estimate is not None and column == SEES_COLUMN:
                    item.setToolTip(engine_text(describe(estimate)))
                    if is_blind(estimate):
                        item.setForeground(QColor("#b35900"))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _product(self, entry) -> str:
        """The product a model was taught for: its bundle's, else the product whose model it is, else unnamed."""
        if entry.product:
            return entry.product
        if entry.shipped:
            return self.tr("demo cookies")
        catalog = self.retrain.catalog
        owner = catalog.product_of_model(entry.name) if catalog is not None else None
        return owner.name if owner is not None and owner.name else self.tr("unnamed")

    def _active_cell(self, name: str, in_use: str | None) -> str:
        """ "yes" for the model the line inspects with; "loading..." for the one activated here and on its way."""
        if name == in_use:
            return self.tr("yes")
        if name == self._loading:
            return self.tr("loading...")
        return ""

    def _line_loaded(self, *_args) -> None:
        """The line loaded a model, or failed to (it keeps its own): nothing is on its way any more."""
        self._loading = None
        self._refill()

    def _refill(self, *_args) -> None:
        keep = self.selected()
        self.fill()
        if keep:
            self.select(keep)

    def _disconnect(self) -> None:
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # already gone with the window
                signal.disconnect(slot)

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()].name if rows else None

    def select(self, name: str) -> None:
        for row, entry in enumerate(self.entries):
            if entry.name == name:
                self.table.selectRow(row)

    def confirm_failed(self, entry) -> bool:
        """Ask before activating a model that failed its check."""
        answer = QMessageBox.question(self, self.tr("Activate a model that failed its check?"), self.tr(
            "{} failed its check before activation:\n\n{}\n\nIt will probably raise false alarms. Activate it "
            "anyway?").format(entry.name, engine_text(entry.check_reason) or self.tr("no reason recorded")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _activate(self) -> None:
        name = self.selected()
        if not name or self.locked:
            return
        entry = next(e for e in self.entries if e.name == name)
        if entry.check_passed is False and not self.confirm_failed(entry):
            return
        try:
            self._loading = name
            self.retrain.activate(name)
        except InspectorError as exc:
            self._loading = None
            QMessageBox.warning(self, self.tr("Not activated"), engine_text(str(exc)))
        self._refill()

    def _delete(self) -> None:
        name = self.selected()
        if not name or self.locked:
            return
        answer = QMessageBox.question(self, self.tr("Delete model"), self.tr("Delete {}?").format(name))
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.retrain.delete_model(name)
            except (InspectorError, OSError) as exc:
                QMessageBox.warning(self, self.tr("Not deleted"), engine_text(str(exc)))
            self.fill()
