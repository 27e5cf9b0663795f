"""The main window's menus, and the dialogs only a menu opens (sources, model, language, the engineer lock, the
no-signal alarm). A part of :class:`MainWindow`, kept in a room of its own."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from cookie_inspector.core.frames.capture import list_cameras
from cookie_inspector.core.line.report import build_report
from cookie_inspector.core.line.review import SHIFT_HOURS, ReviewError, period_filter
from cookie_inspector.gui.file_dialogs import existing_folder, open_file, save_file
from cookie_inspector.gui.i18n import LANGUAGES, SETTING
from cookie_inspector.gui.messages import engine_text, source_name
from cookie_inspector.gui.report_writer import ReportError, ReportWriter


class WindowMenus:
    """File, Line, Samples and View, built on the window (``self``: a :class:`MainWindow`)."""

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.locked_actions: list[QAction] = []
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, slot, shortcut, tip in (
            (self.tr("Open &camera..."), self._open_camera, "Ctrl+Shift+C", self.tr("Watch a USB camera by index")),
            (self.tr("Open &video file..."), self._open_video, QKeySequence.StandardKey.Open,
             self.tr("Play a recorded video as the line")),
            (self.tr("Open &stream..."), self._open_stream, None, self.tr("Watch an RTSP or HTTP stream")),
            (self.tr("Open image &folder..."), self._open_folder, None, self.tr("Inspect the photos of a folder")),
            (self.tr("&Demo line"), lambda: self._use_source("demo"), None, self.tr("The demo cookie line")),
        ):  # fmt: skip
            self.locked_actions.append(self._action(file_menu, text, slot, shortcut, tip))
        self.replay_action = self._action(file_menu, self.tr("&Replay folder..."), lambda: self.replay_folder(), None,
                                          self.tr("Judge every photo of the folder again, those judged before too "
                                                  "(the report keeps a replay's parts apart)"))  # fmt: skip
        file_menu.addSeparator()
        self.locked_actions.append(self._action(file_menu, self.tr("Open &model..."), self._open_model, "Ctrl+M",
                                                self.tr("Use another trained model bundle")))  # fmt: skip
        file_menu.addSeparator()
        self.report_action = self._action(file_menu, self.tr("Shift &report..."), lambda: self.shift_report(), None,
                                          self.tr("Write the report of a run, a shift or a day as PDF or HTML, with "
                                                  "the parts' CSV"))  # fmt: skip
        self.report_action.setEnabled(self.controller.data_folder is not None)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), lambda: self.quit(), QKeySequence.StandardKey.Quit,
                     self.tr("Stop the line and close"))  # fmt: skip
        line_menu = self.menuBar().addMenu(self.tr("&Line"))
        self.pause_action = self._action(line_menu, self.tr("&Pause"), self.toggle_pause, "Space",
                                         self.tr("Stop and restart the line"), checkable=True)  # fmt: skip
        self.ack_action = self._action(line_menu, self.tr("&Acknowledge alarm"), self.acknowledge, "Ctrl+K",
                                       self.tr("Clear the alarm once the NG parts are dealt with"))  # fmt: skip
        self.good_action = self._action(line_menu, self.tr("Last NG part was &good..."),
                                        lambda: self.add_last_ng_to_samples(), None,
                                        self.tr("Add the last NG part to the good samples (next retrain)"))  # fmt: skip
        self.good_action.setEnabled(False)
        self.defective_action = self._action(
            line_menu,
            self.tr("Last part was &defective"),
            self.mark_last_defective,
            "Ctrl+D",
            self.tr("The last part was defective though it passed: the line's calibration leaves it out"),
        )
        self.defective_action.setEnabled(False)
        line_menu.addSeparator()
        self.product_action = self._action(line_menu, self.tr("Pro&duct..."), lambda: self.switch_product(), None,
                                           self.tr("Put another product on the line: its samples, its model and "
                                                   "its region together"))  # fmt: skip
        self.product_action.setEnabled(self.retrain is not None and self.retrain.catalog is not None)
        if self.product_action.isEnabled():
            self.locked_actions.append(self.product_action)
        self.stations_action = self._action(line_menu, self.tr("S&tations..."), lambda: self.stations_dialog(), None,
                                            self.tr("Several cameras on this PC: add, rename, remove and reorder the "
                                                    "stations"))  # fmt: skip
        self.locked_actions.append(self.stations_action)
        line_menu.addSeparator()
        self.reset_threshold_action = self._action(
            line_menu,
            self.tr("&Reset threshold"),
            self.reset_threshold,
            None,
            self.tr("Back to the model's calibrated threshold"),
        )
        self.locked_actions.append(self.reset_threshold_action)
        self.recalibrate_action = self._action(
            line_menu,
            self.tr("Re&calibrate on the line"),
            self.recalibrate,
            None,
            self.tr(
                "Forget the line's parts and calibrate the threshold on the "
                "next ones (after a change of light, camera or material)"
            ),
        )
        self.locked_actions.append(self.recalibrate_action)
        self.calibration_action = self._action(
            line_menu,
            self.tr("Line cal&ibration..."),
            self.calibration_dialog,
            None,
            self.tr("How the threshold follows the line's own parts"),
        )
        self.locked_actions.append(self.calibration_action)
        self._action(line_menu, self.tr("&Folder pace..."), lambda: self.ask_folder_pace(), None,
                     self.tr("How fast a folder's photos come: one every so many milliseconds, or as fast as "
                             "they are judged"))  # fmt: skip
        self._action(line_menu, self.tr("No-signal &alarm..."), self._ask_no_signal_alarm, None,
                     self.tr("Sound the alarm when the camera has sent nothing for some seconds"))  # fmt: skip
        self.outputs_action = self._action(line_menu, self.tr("Line &outputs..."), self.outputs_dialog, None,
                                           self.tr("Send every verdict to MQTT, a webhook or an OPC UA server "
                                                   "(PLC, SCADA, MES)"))  # fmt: skip
        self.locked_actions.append(self.outputs_action)
        line_menu.addSeparator()
        self.review_action = self._action(line_menu, self.tr("Re&view parts..."), self.review_parts, "Ctrl+Shift+R",
                                          self.tr("Look back at the logged parts and label them: defect, good or "
                                                  "unsure"))  # fmt: skip
        self.review_action.setEnabled(self.controller.data_folder is not None)
        line_menu.addSeparator()
        self.lock_action = self._action(
            line_menu,
            self.tr("Engineer &lock..."),
            self.lock_dialog,
            "Ctrl+L",
            self.tr("Lock or unlock the threshold, region, model, retrain and source"),
        )
        if self.samples_panel is not None:
            panel = self.samples_panel
            samples_menu = self.menuBar().addMenu(self.tr("&Samples"))
            self.capture_action = self._action(samples_menu, self.tr("&Capture mode"), panel.set_capture_mode,
                                               "F6", self.tr("Collect good samples from the line"),
                                               checkable=True)  # fmt: skip
            panel.capture_button.toggled.connect(self.capture_action.setChecked)
            self._action(samples_menu, self.tr("Capture &sample"), self._capture_key, "C",
                         self.tr("Store the region now as a good sample (in capture mode)"))  # fmt: skip
            self._action(samples_menu, self.tr("&Import folder..."), lambda: panel.import_folder(), None,
                         self.tr("Add the good images of a folder"))  # fmt: skip
            self._action(samples_menu, self.tr("&Undo delete"), panel.undo_delete, QKeySequence.StandardKey.Undo,
                         self.tr("Bring back the last deleted samples"))  # fmt: skip
            samples_menu.addSeparator()
            self.retrain_action = self._action(samples_menu, self.tr("&Retrain"), panel.start_training, "Ctrl+R",
                                               self.tr("Train a new model on the good samples; the line goes on "
                                                       "meanwhile"))  # fmt: skip
            self._action(samples_menu, self.tr("Cancel &training"), self.retrain.cancel_training, None,
                         self.tr("Stop the training; the current model stays"))  # fmt: skip
            self._action(samples_menu, self.tr("&Models..."), panel.show_models, None,
                         self.tr("Every model, the shipped one included: activate one or delete it"))  # fmt: skip
            self.locked_actions.append(self.retrain_action)
            samples_menu.addSeparator()
            self.new_product_action = self._action(
                samples_menu, self.tr("&New product..."), lambda: self.new_product(), None,
                self.tr("Teach the line another product: its own samples, capture without the active model's "
                        "verdicts, then Retrain"))  # fmt: skip
            self.end_teaching_action = self._action(
                samples_menu, self.tr("&End teaching"), lambda: self.end_teaching(), None,
                self.tr("The active model knows the product: its NG parts are alarms again"))  # fmt: skip
            self.end_teaching_action.setEnabled(False)
            self.locked_actions.append(self.new_product_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.heatmap_action = self._action(view_menu, self.tr("&Heatmap"), self.heatmap_box.toggle, "H",
                                           self.tr("Show or hide the red heatmap"), checkable=True)  # fmt: skip
        self.heatmap_action.setChecked(True)
        self._action(view_menu, self.tr("&Full screen"), self.toggle_fullscreen, QKeySequence.StandardKey.FullScreen,
                     self.tr("Full screen on or off"))  # fmt: skip
        self.reset_region_action = self._action(view_menu, self.tr("Reset &region"),
                                                lambda: self._on_roi_changed(None), None,
                                                self.tr("Back to the largest centred square"))  # fmt: skip
        self.locked_actions.append(self.reset_region_action)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = str(self.settings.value(SETTING, "") or "")
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("", self.tr("System default")), *LANGUAGES.items()):
            action = self._action(language_menu, name, lambda _=False, c=code: self.set_language(c), None,
                                  self.tr("The window's language (applies at the next start)"),
                                  checkable=True)  # fmt: skip
            action.setChecked(code == current)
            group.addAction(action)
            self.language_actions[code] = action

    def ask_folder_pace(self, milliseconds: int | None = None) -> None:
        """Line > Folder pace...: one photo every N ms (0: as fast as the model judges them); remembered."""
        if milliseconds is None:
            milliseconds, ok = QInputDialog.getInt(self, self.tr("Folder pace"), self.tr(
                "One photo of a folder every this many milliseconds (0: as fast as they are judged):"),
                self.controller.folder_pace_ms, 0, 60_000, 100)  # fmt: skip
            if not ok:
                return
        self.controller.set_folder_pace(milliseconds)
        self.settings.setValue("line/folder_pace_ms", self.controller.folder_pace_ms)

    def replay_folder(self, confirm: bool = True) -> bool:
        """File > Replay folder...: every photo of the folder judged again, in a run of its own that the log marks
        as a replay (the report leaves its parts out of the shift's counts). True when it started."""
        if self.lock.locked or not self.controller.is_folder:
            return False
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Replay folder"),
                self.tr(
                    "Judge every photo of {} again, those judged before too?\n\nThe replay is a run of its own; "
                    "the shift report keeps its parts apart."
                ).format(source_name(self.controller.source.description)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if not self.controller.open_source_text(self.source_text, replay=True):
            return False
        self._last_frame_index = -1
        self.statusBar().showMessage(self.tr("replaying {}").format(self.source_text), 10000)
        return True

    def _sync_replay(self) -> None:
        self.replay_action.setEnabled(self.controller.is_folder and not self.lock.locked)

    def _ask_no_signal_alarm(self) -> None:
        seconds, ok = QInputDialog.getInt(self, self.tr("No-signal alarm"), self.tr(
            "Sound the alarm after this many seconds without a picture (0: never):"),
            self.no_signal_alarm_seconds, 0, 3600)  # fmt: skip
        if ok:
            self.settings.setValue("line/no_signal_alarm_s", seconds)
            self._no_signal_alarm_s = seconds

    def lock_dialog(self) -> None:
        """Set the password (none yet), unlock (locked), or lock again / change it (unlocked)."""
        lock = self.lock
        if not lock.has_password:
            self._ask_new_password(self.tr("Set the engineer password (the threshold, region, model, retrain and "
                                           "source are locked with it):"))  # fmt: skip
            return
        if lock.locked:
            password, ok = QInputDialog.getText(self, self.tr("Engineer lock"), self.tr("Password:"),
                                                QLineEdit.EchoMode.Password)  # fmt: skip
            if ok and not lock.unlock(password):
                QMessageBox.warning(self, self.tr("Engineer lock"), self.tr("Wrong password; still locked."))
            elif ok:
                self.statusBar().showMessage(self.tr("unlocked for {:g} minutes").format(lock.relock_minutes), 5000)
            return
        choices = [self.tr("Lock now"), self.tr("Change the password"), self.tr("Relock after... minutes"),
                   self.tr("Remove the lock")]  # fmt: skip
        choice, ok = QInputDialog.getItem(self, self.tr("Engineer lock"), self.tr("Unlocked:"), choices, 0, False)
        if not ok:
            return
        if choice == choices[0]:
            lock.lock()
        elif choice == choices[1]:
            self._ask_new_password(self.tr("New engineer password:"))
        elif choice == choices[2]:
            minutes, ok = QInputDialog.getInt(self, self.tr("Engineer lock"), self.tr("Lock again after (minutes):"),
                                              max(1, round(lock.relock_minutes)), 1, 24 * 60)  # fmt: skip
            if ok:
                lock.set_relock_minutes(minutes)
        else:
            lock.remove_password()

    def _ask_new_password(self, prompt: str) -> None:
        first, ok = QInputDialog.getText(self, self.tr("Engineer lock"), prompt, QLineEdit.EchoMode.Password)
        if not ok:
            return
        again, ok = QInputDialog.getText(self, self.tr("Engineer lock"), self.tr("The same password again:"),
                                         QLineEdit.EchoMode.Password)  # fmt: skip
        if not ok:
            return
        if first != again:
            QMessageBox.warning(self, self.tr("Engineer lock"), self.tr("The two passwords differ; nothing changed."))
            return
        try:
            self.lock.set_password(first)
        except ValueError:
            QMessageBox.warning(self, self.tr("Engineer lock"), self.tr("At least 4 characters, please."))
            return
        self.statusBar().showMessage(self.tr("engineer lock set: the settings are locked"), 6000)

    def set_language(self, code: str) -> None:
        """Remember the window's language ("" for the system's) and offer to restart in it."""
        self.settings.setValue(SETTING, code)
        self.settings.sync()
        answer = QMessageBox.question(self, self.tr("Language"), self.tr(
            "The window speaks the new language from the next start. Restart now?"))  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.restart()

    def restart(self) -> None:
        """Close (settings saved, threads stopped) and start the app again with the same arguments."""
        self.close()
        if getattr(sys, "frozen", False):
            QProcess.startDetached(sys.executable, sys.argv[1:])
        else:
            QProcess.startDetached(sys.executable, ["-m", "cookie_inspector", *sys.argv[1:]])

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def shift_report(self, period: str | None = None, path: str | None = None) -> Path | None:
        """File > Shift report...: which parts (this run, this shift, today, every part), then where; the report
        and the CSV beside it are written at once. ``period`` and ``path`` answer the questions in advance."""
        folder = self.controller.data_folder
        if folder is None:
            return None
        product = self.controller.product or self.tr("unnamed")
        choices = {"run": self.tr("This run of {}").format(product),
                   "shift": self.tr("This shift of {} (last {} hours)").format(product, SHIFT_HOURS),
                   "today": self.tr("{} today").format(product),
                   "all": self.tr("Every part in the log, every product")}  # fmt: skip
        if period is None:
            text, ok = QInputDialog.getItem(self, self.tr("Shift report"), self.tr("Which parts:"),
                                            list(choices.values()), 1, False)  # fmt: skip
            if not ok:
                return None
            period = next(key for key, value in choices.items() if value == text)
        if path is None:
            suggested = str(Path.home() / f"shift-report-{time.strftime('%Y%m%d-%H%M')}.pdf")
            path = save_file(self, self.tr("Shift report"), suggested, self.tr("PDF (*.pdf);;HTML (*.html)"))
            if not path:
                return None
        if not Path(path).suffix:
            path = f"{path}.pdf"
        # the product on the line alone, unless every part is asked for
        where = period_filter(period, self.controller.run_id, product=None if period == "all" else
                              self.controller.product)  # fmt: skip
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            csv_path = ReportWriter().write(build_report(folder, where), Path(path))
        except (ReviewError, ReportError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Shift report"), self.tr("The report was not written:\n\n{}").format(
                engine_text(str(exc))))  # fmt: skip
            return None
        QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(self.tr("report written: {} (and {})").format(path, csv_path.name), 15000)
        return Path(path)

    def _open_camera(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = list_cameras()
        finally:
            QApplication.restoreOverrideCursor()
        if found:
            names = [self.tr("camera {}").format(index) for index in found]
            choice, ok = QInputDialog.getItem(self, self.tr("Open camera"), self.tr("Cameras that deliver pictures:"),
                                              names, 0, False)  # fmt: skip
            if ok:
                self._use_source(str(found[names.index(choice)]))
            return
        index, ok = QInputDialog.getInt(self, self.tr("Open camera"), self.tr(
            "No camera answered on indices 0-7. Try an index anyway (0 is the first camera):"), 0, 0, 63)  # fmt: skip
        if ok:
            self._use_source(str(index))

    def _open_video(self) -> None:
        path = open_file(self, self.tr("Open video"), "", self.tr("Videos (*.mp4 *.avi *.mov *.mkv *.webm)"))
        if path:
            self._use_source(path)

    def _open_stream(self) -> None:
        url, ok = QInputDialog.getText(self, self.tr("Open stream"), self.tr("Stream URL (rtsp://..., http://...):"))
        if ok and url.strip():
            self._use_source(url.strip())

    def _open_folder(self) -> None:
        path = existing_folder(self, self.tr("Open image folder"))
        if path:
            self._use_source(path)

    def _open_model(self) -> None:
        if self.lock.locked:
            return
        path = existing_folder(self, self.tr("Open model bundle (a folder with model.keras and meta.json)"))
        if path:
            self.statusBar().showMessage(self.tr("loading {}...").format(Path(path).name))
            self.controller.load_model(Path(path))
