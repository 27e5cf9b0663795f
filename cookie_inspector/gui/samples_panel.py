"""Samples and training, as a panel beside the live view: capture mode, the gallery of good samples, the retrain button,
the training's progress, and the list of trained models."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from cookie_inspector.core.line.samples import DeletedBatch, ImportReport, SampleError, as_bgr8
from cookie_inspector.gui.live_view import bgr_to_qimage
from cookie_inspector.gui.retrain import RetrainController

THUMB = 88
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
        self._undo: list[DeletedBatch] = []
        self._pending: list[str] = []
        self._epochs: list[tuple[int, float, float | None]] = []

        # capture
        self.capture_button = QPushButton("Capture mode")
        self.capture_button.setCheckable(True)
        self.capture_button.setToolTip("Collect good samples from the line (F6)")
        self.snap_button = QPushButton("Capture sample")
        self.snap_button.setToolTip("Store the region now as a good sample (C)")
        self.snap_button.setEnabled(False)
        self.auto_box = QCheckBox("one per new part")
        self.auto_box.setToolTip("In capture mode, store each new part as a good sample")
        self.interval_box = QSpinBox()
        self.interval_box.setRange(0, 60_000)
        self.interval_box.setSingleStep(250)
        self.interval_box.setSuffix(" ms")
        self.interval_box.setSpecialValueText("no timer")
        self.interval_box.setToolTip("In capture mode, also store the region every so many milliseconds (0: off)")
        self.capture_status = QLabel()
        self.capture_status.setWordWrap(True)
        capture = QGroupBox("Capture")
        capture_layout = QVBoxLayout(capture)
        row = QHBoxLayout()
        row.addWidget(self.capture_button)
        row.addWidget(self.snap_button)
        capture_layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.auto_box)
        row.addWidget(QLabel("every"))
        row.addWidget(self.interval_box)
        capture_layout.addLayout(row)
        capture_layout.addWidget(self.capture_status)

        # gallery
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.gallery = QListWidget()
        self.gallery.setViewMode(QListWidget.ViewMode.IconMode)
        self.gallery.setIconSize(QSize(THUMB, THUMB))
        self.gallery.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.gallery.setMovement(QListWidget.Movement.Static)
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.gallery.setToolTip("Good samples. Select and press Delete to remove; Ctrl+Z brings them back")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Remove the selected samples (Delete)")
        self.undo_button = QPushButton("Undo delete")
        self.undo_button.setToolTip("Bring back the last deleted samples (Ctrl+Z)")
        self.undo_button.setEnabled(False)
        self.import_button = QPushButton("Import folder...")
        self.import_button.setToolTip("Add the good images of a folder; unreadable or unfit files are listed")
        gallery = QGroupBox("Good samples")
        gallery_layout = QVBoxLayout(gallery)
        gallery_layout.addWidget(self.count_label)
        gallery_layout.addWidget(self.gallery, 1)
        row = QHBoxLayout()
        for button in (self.delete_button, self.undo_button, self.import_button):
            row.addWidget(button)
        gallery_layout.addLayout(row)

        # training
        self.train_button = QPushButton("Retrain")
        self.train_button.setMinimumHeight(40)
        self.train_reason = QLabel()
        self.train_reason.setWordWrap(True)
        self.models_button = QPushButton("Models...")
        self.models_button.setToolTip("Every trained model: activate one (roll back) or delete it")
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.cancel_button = QPushButton("Cancel training")
        self.cancel_button.setToolTip("Stop the training; the current model stays")
        self.loss_plot = pg.PlotWidget()
        self.loss_plot.setMinimumHeight(110)
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.setLabel("bottom", "epoch")
        self.loss_plot.addLegend(offset=(5, 5))
        self.loss_curve = self.loss_plot.plot([], [], pen=pg.mkPen("#3377dd", width=2), name="loss")
        self.val_curve = self.loss_plot.plot([], [], pen=pg.mkPen("#dd7733", width=2), name="held out")
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
        training = QGroupBox("Model")
        training_layout = QVBoxLayout(training)
        row = QHBoxLayout()
        row.addWidget(self.train_button, 1)
        row.addWidget(self.models_button)
        training_layout.addLayout(row)
        training_layout.addWidget(self.train_reason)
        training_layout.addWidget(self.progress_box)
        training_layout.addWidget(self.result_label)

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
        retrain.samplesChanged.connect(self.sync_gallery)
        retrain.trainingStarted.connect(self._on_training_started)
        retrain.trainingProgress.connect(self._on_epoch)
        retrain.trainingStep.connect(self._on_step)
        retrain.trainingEnded.connect(self._on_training_ended)
        retrain.importDone.connect(self._imported)

        self._loader = QTimer(self)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_some)
        self.sync_gallery()
        if retrain.store.unreadable:
            self.capture_status.setText(f"{len(retrain.store.unreadable)} unreadable file(s) in the samples folder "
                                        f"are ignored: {', '.join(retrain.store.unreadable[:3])}")  # fmt: skip

    # -- capture ----------------------------------------------------------------------------------------------------
    def set_capture_mode(self, on: bool) -> None:
        self.capture_button.setChecked(on)
        self.snap_button.setEnabled(on)
        self.retrain.set_capture_mode(on)
        self.retrain.set_interval(self.interval_box.value() if on else 0)
        self.capture_status.setText("capture mode: show good parts to the camera" if on else "")

    def _on_interval(self, value: int) -> None:
        if self.retrain.capture_mode:
            self.retrain.set_interval(value)

    def _on_sample_added(self, name: str) -> None:
        self.capture_status.setStyleSheet("color: #1f7a3c")
        self.capture_status.setText(f"stored {name}")

    def _on_sample_rejected(self, reason: str) -> None:
        self.capture_status.setStyleSheet("color: #c01818")
        self.capture_status.setText(f"not stored: {reason}")

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
        text = f"{count} good sample{'s' if count != 1 else ''}"
        text += f": {needed} more needed before training" if needed else ": enough to train"
        self.count_label.setText(text)
        ok, reason = self.retrain.can_train()
        self.train_button.setEnabled(ok)
        self.train_button.setToolTip(reason)
        self.train_reason.setText("" if ok else reason)

    def selected_names(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.gallery.selectedItems()]

    def delete_selected(self) -> None:
        names = self.selected_names()
        if not names:
            return
        try:
            batch = self.retrain.store.delete(names)
        except SampleError as exc:
            QMessageBox.warning(self, "Samples not deleted", str(exc))
            batch = None
        if batch is not None and batch.names:
            self._undo.append(batch)
            self.undo_button.setEnabled(True)
            self.capture_status.setStyleSheet("")
            self.capture_status.setText(f"deleted {len(batch.names)} sample(s); Undo brings them back")
        self.sync_gallery()

    def undo_delete(self) -> None:
        if not self._undo:
            return
        batch = self._undo.pop()
        try:
            restored = self.retrain.store.undo(batch)
        except SampleError as exc:
            QMessageBox.warning(self, "Samples not restored", str(exc))
            restored = []
        self.undo_button.setEnabled(bool(self._undo))
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(f"restored {len(restored)} sample(s)")
        self.sync_gallery()

    def import_folder(self, folder: str | None = None) -> None:
        """Ask for a folder (unless given) and import it in the background; the result comes to :meth:`_imported`."""
        folder = folder or QFileDialog.getExistingDirectory(self, "Import good samples from a folder")
        if not folder or not self.retrain.import_folder(Path(folder)):
            return
        self.import_button.setEnabled(False)
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(f"importing {folder}...")

    def _imported(self, folder: str, report: object) -> None:
        self.import_button.setEnabled(True)
        if not isinstance(report, ImportReport):
            QMessageBox.warning(self, "Import failed", str(report))
            return
        text = f"imported {len(report.imported)} sample(s) from {folder}"
        if report.skipped:
            listed = "\n".join(f"{name}: {reason}" for name, reason in report.skipped[:30])
            more = f"\n... and {len(report.skipped) - 30} more" if len(report.skipped) > 30 else ""
            QMessageBox.information(self, "Import", f"{text}.\n\n{len(report.skipped)} skipped:\n{listed}{more}")
        self.capture_status.setStyleSheet("")
        self.capture_status.setText(text + (f", {len(report.skipped)} skipped" if report.skipped else ""))

    # -- training ---------------------------------------------------------------------------------------------------
    def start_training(self) -> None:
        if self.retrain.start_training():
            self._epochs = []
            self.loss_curve.setData([], [])
            self.val_curve.setData([], [])
            self.progress_label.setText("starting the trainer...")
            self.progress_bar.setRange(0, 0)
            self.progress_box.setVisible(True)
            self.result_label.setText("")
            self._started = time.monotonic()
        self.update_counts()

    def _on_training_started(self, event: dict) -> None:
        features = event.get("family") == "features"
        self.loss_plot.setVisible(not features or event.get("architecture") == "feature-ae")
        self.progress_bar.setRange(0, int(event.get("samples" if features else "epochs", 0)))
        self.progress_bar.setValue(0)
        self.progress_label.setText(f"training on {event.get('training')} samples, {event.get('held_out')} held "
                                    "out to calibrate")  # fmt: skip

    def _on_step(self, event: dict) -> None:
        """A feature model's progress: the backbone reading the samples, then the head's fit."""
        if event.get("event") == "features":
            done, total = int(event.get("done", 0)), int(event.get("total", 0))
            self.progress_label.setText(f"reading the features of sample {done} of {total}")
        else:
            done, total = int(event.get("step", 0)), int(event.get("steps", 0))
            self.progress_label.setText(f"fitting the {event.get('head', '')} head")
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
        left = f", {_format_seconds(float(eta))} left" if eta is not None else ""
        self.progress_label.setText(f"epoch {epoch} of {epochs}{left}")

    def _on_training_ended(self, outcome: str, message: str) -> None:
        self.progress_box.setVisible(False)
        colour = {"swapped": "#1f7a3c", "cancelled": "#555555"}.get(outcome, "#c01818")
        self.result_label.setStyleSheet(f"color: {colour}")
        self.result_label.setText(message)
        self.update_counts()

    def show_models(self) -> None:
        ModelsDialog(self.retrain, self).exec()


class ModelsDialog(QDialog):
    """Every trained model with its figures; activate (roll back) or delete."""

    COLUMNS = ("model", "created", "network", "samples", "false alarms", "epochs", "active")

    def __init__(self, retrain: RetrainController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retrain = retrain
        self.setWindowTitle("Models")
        self.resize(760, 320)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activate_button = QPushButton("Activate")
        self.activate_button.setToolTip("Inspect with this model from now on (roll back to an earlier one)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Remove this model (not the active one)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.activate_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.activate_button.clicked.connect(self._activate)
        self.delete_button.clicked.connect(self._delete)
        self.fill()

    def fill(self) -> None:
        entries = self.retrain.library.entries()
        active = self.retrain.library.active_name()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            rate = "-" if entry.false_alarm_rate is None else f"{entry.false_alarm_rate:.1%}"
            cells = (entry.name, entry.created.replace("T", " ")[:19], entry.architecture, str(entry.samples), rate,
                     str(entry.epochs or "-"), "yes" if entry.name == active else "")  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def _activate(self) -> None:
        name = self.selected()
        if name:
            try:
                self.retrain.activate(name)
            except InspectorError as exc:
                QMessageBox.warning(self, "Not activated", str(exc))
            self.fill()

    def _delete(self) -> None:
        name = self.selected()
        if name and QMessageBox.question(self, "Delete model", f"Delete {name}?") == QMessageBox.StandardButton.Yes:
            try:
                self.retrain.delete_model(name)
            except (InspectorError, OSError) as exc:
                QMessageBox.warning(self, "Not deleted", str(exc))
            self.fill()
