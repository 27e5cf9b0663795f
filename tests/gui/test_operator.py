"""What the operator reads, in the real window on the demo line (offscreen): the big word about the part under the
camera, NG parts in their own banner, NO SIGNAL for a dead or stalled source, the model loading in the background,
the threshold badge, the model list with the shipped model and its check results, the watch after a swap, the
engineer lock and the layout at 1280 x 800."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from cookie_inspector.core.errors import SourceError
from cookie_inspector.core.frames.sources import Frame, FrameSource
from cookie_inspector.core.line.live import Backoff
from cookie_inspector.core.line.model_library import SHIPPED, ModelLibrary
from cookie_inspector.core.line.watch import DriftMeter
from cookie_inspector.core.model.choice import estimate_of
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.main_window import MainWindow
from cookie_inspector.gui.samples_panel import ModelsDialog
from cookie_inspector.synth.line import DemoLine, LineTiming
from cookie_inspector.synth.parts import DefectMix

FAST = LineTiming(enter=0.3, rest=0.7, leave=0.3, gap=0.2)
"""A quicker demo line: a part every 1.5 s."""


def _open(qtbot, controller: LineController, settings: QSettings) -> MainWindow:
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    return window


def _close(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.controller.running, timeout=30_000)


def _built(qtbot, tmp_path: Path, settings: QSettings, source: str = "demo:4") -> MainWindow:
    window = build_window(source, data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    return window


class StallingSource(FrameSource):
    """Delivers ``frames`` plain frames, then hangs in ``read`` for seconds (a camera whose driver stopped
    delivering) before its driver gives up."""

    description = "stalling camera"

    def __init__(self, frames: int = 20) -> None:
        self.frames = frames
        self.index = 0
        self._closed = threading.Event()

    def open(self) -> None:
        self._closed.clear()

    def read(self) -> Frame:
        if self.index >= self.frames:
            self._closed.wait(2.5)
            raise SourceError("stalling camera: no frame (disconnected?)")
        time.sleep(0.03)
        self.index += 1
        return Frame(np.full((48, 64, 3), 90, np.uint8), self.index - 1, self.index / 30)

    def close(self) -> None:
        self._closed.set()


def test_a_camera_that_cannot_be_opened_shows_no_signal_over_the_greyed_last_picture(qtbot, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=2))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: window.view.frames_shown > 5, timeout=10_000)
    settings.setValue("line/no_signal_alarm_s", 1)
    played = window.sound.played
    controller.open_source_text("7")  # a real OpenCV capture of a camera this machine does not have
    controller._pipeline.backoff = Backoff(0.5, 1.0)
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=10_000)
    assert window.view.no_signal.startswith("NO SIGNAL: camera 7: the camera cannot be opened; trying again in")
    assert window.panel.detail_label.text().startswith("camera 7: the camera cannot be opened")
    assert window.view._image is not None  # the last picture stays, greyed, under the message
    # the optional alarm after N seconds without a picture: once, until acknowledged
    qtbot.waitUntil(lambda: window.panel.signal_alarm, timeout=10_000)
    assert window.sound.played == played + 1 and window.panel.alarm_box.isVisible()
    assert "NO SIGNAL for 1 s" in window.panel.alarm_label.text()
    window.panel.ack_button.click()
    assert not window.panel.signal_alarm and not window.panel.alarm_box.isVisible()
    window._use_source("demo:2")  # frames again: the view is live, the panel says what is under the camera
    qtbot.waitUntil(lambda: window.panel.verdict != "NO SIGNAL", timeout=15_000)
    assert window.view.no_signal is None
    _close(qtbot, window)


def test_a_source_that_stops_delivering_shows_no_signal_after_a_second(qtbot, settings, inspector):
    controller = LineController(inspector, StallingSource(frames=15))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: window.view.frames_shown >= 5, timeout=10_000)
    assert window.panel.verdict != "NO SIGNAL"
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=10_000)
    assert controller.state == "running"  # the driver says nothing: only the missing frames tell
    assert window.view.no_signal.startswith("NO SIGNAL: no picture from stalling camera for 1 s")
    _close(qtbot, window)


def test_the_model_loads_in_the_background_while_the_camera_is_already_shown(qtbot, tmp_path, settings):
    window = _built(qtbot, tmp_path, settings)
    controller = window.controller
    assert controller.inspector is None and controller.model_state == "loading"
    assert window.panel.verdict == "LOADING"  # from the first paint, before any frame
    qtbot.waitUntil(lambda: window.view.frames_shown > 0, timeout=10_000)  # the camera, before the model
    if controller.inspector is None:
        assert window.panel.verdict == "LOADING" and window.model_label.text() == "model: loading..."
    qtbot.waitUntil(lambda: controller.inspector is not None, timeout=60_000)
    assert window.model_label.text() == "model: shipped model"
    assert window.samples_panel.active_label.text() == "active model: shipped model"
    qtbot.waitUntil(lambda: window.panel.verdict in ("OK", "WARN", "NG"), timeout=20_000)
    _close(qtbot, window)


def test_a_remembered_model_that_is_gone_falls_back_to_the_shipped_one_with_a_message(qtbot, tmp_path, settings):
    settings.setValue("line/model", str(tmp_path / "deleted-model"))
    window = _built(qtbot, tmp_path, settings)
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)
    assert window.model_label.text() == "model: shipped model"
    assert "the remembered model could not be loaded" in window.statusBar().currentMessage()
    _close(qtbot, window)


def test_every_ng_part_waits_in_the_banner_until_acknowledged_while_the_big_word_follows_the_camera(
    qtbot, settings, inspector
):
    line = DemoLine(seed=8, defect_rate=1.0, mix=DefectMix({"burnt": 1}, severity=(1.0, 1.0)), timing=FAST)
    controller = LineController(inspector, line)
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: len(controller.alarms) >= 2, timeout=40_000)
    panel = window.panel
    assert panel.alarm_box.isVisible() and panel.alarm_list.count() == len(controller.alarms)
    assert "take 2 parts off the line" in panel.alarm_label.text()
    newest, oldest = panel.alarm_list.item(0).text(), panel.alarm_list.item(1).text()
    assert newest.startswith(f"part {controller.alarms[-1].number} ")
    assert oldest.startswith(f"part {controller.alarms[0].number}  passed 1 part ago")
    # the big word is about what is in view now: the part under the camera, or nothing
    _, report = controller.latest()
    code, detail, _ = window.line_state(report)
    if report is not None and report.part is not None:
        assert detail.startswith(f"part {report.part}")
    else:
        assert code == "NO PART" and f"last: part {controller.last_verdict.number} " in detail
    window.acknowledge()
    assert not controller.alarms and not panel.alarm_box.isVisible() and panel.alarm_list.count() == 0
    _close(qtbot, window)


def test_an_off_calibration_threshold_carries_a_badge_and_a_reset(qtbot, settings, inspector):
    window = _open(qtbot, LineController(inspector, DemoLine(seed=2)), settings)
    panel = window.panel
    assert not panel.threshold_off and panel.threshold_badge_label.text() == "Threshold as calibrated"
    assert not panel.threshold_reset_button.isVisible()
    window.set_threshold_factor(1.82)
    assert panel.threshold_off and panel.threshold_reset_button.isVisible()
    assert "1.82 x calibrated: defects may pass" in panel.threshold_badge_label.text()
    _close(qtbot, window)
    again = _open(qtbot, LineController(inspector, DemoLine(seed=2)), settings)
    assert again.panel.threshold_off  # kept across a restart, and said so
    again.panel.threshold_reset_button.click()
    assert again.threshold_factor == pytest.approx(1.0) and not again.panel.threshold_off
    assert again.controller.settings.threshold is None
    again.set_threshold_factor(0.5)
    assert "more false alarms" in again.panel.threshold_badge_label.text()
    _close(qtbot, again)


def _copy_demo_model(folder: Path, threshold_factor: float = 1.0, check: dict | None = None) -> Path:
    shutil.copytree(demo_model_dir(), folder)
    meta = json.loads((folder / "meta.json").read_text())
    meta["threshold"] *= threshold_factor
    meta["warn_threshold"] *= threshold_factor
    if check is not None:
        meta["check"] = check
    (folder / "meta.json").write_text(json.dumps(meta))
    return folder


def test_the_models_list_has_the_shipped_model_and_asks_before_activating_a_failed_one(
    qtbot, tmp_path, settings, monkeypatch
):
    failed = {"passed": False, "reason": "it alarms on 6 of 20 held-out good samples (30%); at most 2% is allowed",
              "held_out": 20, "false_alarms": 6, "false_alarm_rate": 0.3}  # fmt: skip
    copy = _copy_demo_model(tmp_path / "data" / "models" / "model-failed", check=failed)
    meta = json.loads((copy / "meta.json").read_text())
    del meta["training"]["choice"]  # as a model trained before the choice: it recorded nothing of what it sees
    (copy / "meta.json").write_text(json.dumps(meta))
    window = _built(qtbot, tmp_path, settings)
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)
    dialog = ModelsDialog(window.retrain, window)
    qtbot.addWidget(dialog)
    rows = [(dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text(), dialog.table.item(r, 5).text(),
             dialog.table.item(r, 7).text(), dialog.table.item(r, 8).text())
            for r in range(dialog.table.rowCount())]  # fmt: skip
    # the shipped model (the default's choice) recorded what it can see: the test defects it catches; "-" for none
    caught = f"{estimate_of(window.controller.inspector.bundle.meta)['caught']} / 70"
    assert rows == [("unnamed", "model-failed", "FAILED", "-", ""),  # by product: the one on the line first
                    ("demo cookies", "shipped model", "shipped", caught, "yes")]  # fmt: skip
    assert "alarms on 6 of 20" in dialog.table.item(0, 0).toolTip()
    asked: list[str] = []

    def answer(reply):
        def question(_parent, _title, text, *args):
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dialog.select("model-failed")
    dialog.activate_button.click()
    assert asked and "failed its check" in asked[0] and "alarms on 6 of 20" in asked[0]
    assert window.retrain.library.active_name() is None  # declined: nothing changed
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dialog.select("model-failed")
    dialog.activate_button.click()
    # while the line loads it, the table says so (the shipped model still inspects)
    assert [dialog.table.item(r, 8).text() for r in range(2)] == ["loading...", "yes"]
    qtbot.waitUntil(lambda: window.controller.model_name == "model-failed", timeout=60_000)
    assert window.model_label.text() == "model: model-failed"
    assert window.samples_panel.active_label.text() == "active model: model-failed"
    # the open table followed the line by itself, and kept the selection
    assert dialog.table.item(0, 8).text() == "yes" and dialog.table.item(1, 8).text() == ""
    assert dialog.selected() == "model-failed"
    dialog.select(SHIPPED)  # back to the factory model: passed models are not asked about
    asked.clear()
    dialog.activate_button.click()
    assert not asked
    qtbot.waitUntil(lambda: window.model_label.text() == "model: shipped model", timeout=60_000)
    assert window.samples_panel.active_label.text() == "active model: shipped model"
    assert [dialog.table.item(r, 8).text() for r in range(2)] == ["", "yes"]
    assert ModelLibrary(tmp_path / "data" / "models").active_name() is None  # no shipped model in this library
    _close(qtbot, window)


def test_a_swapped_in_model_that_alarms_far_more_than_calibrated_offers_the_rollback(
    qtbot, tmp_path, settings, inspector
):
    strict = _copy_demo_model(tmp_path / "strict", threshold_factor=0.3)  # framed for other pictures, say
    controller = LineController(inspector, DemoLine(seed=101, defect_rate=0.0, timing=FAST))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: controller.parts >= 10, timeout=60_000)  # the shipped model's rate on this line
    controller.load_model(strict)
    qtbot.waitUntil(lambda: controller.model_name == "strict", timeout=60_000)
    qtbot.waitUntil(lambda: window.panel.watch_box.isVisible(), timeout=90_000)
    report = controller.last_watch
    assert report.state == "suspect" and report.alarms >= 3 and report.rate > report.limit
    assert "roll back to demo_model" in window.panel.watch_label.text()
    window.panel.rollback_button.click()
    qtbot.waitUntil(lambda: controller.model_name == "demo_model", timeout=60_000)
    assert not window.panel.watch_box.isVisible() and controller.watch is None
    assert window.model_label.text() == "model: demo_model"
    _close(qtbot, window)


def test_the_engineer_lock_keeps_the_settings_read_only_and_relocks_itself(qtbot, tmp_path, settings):
    window = _built(qtbot, tmp_path, settings)
    qtbot.waitUntil(lambda: window.controller.inspector is not None and window.view.roi is not None, timeout=60_000)
    lock = window.lock
    lock.set_password("line-4-engineer")
    stored = str(settings.value("lock/hash"))
    assert stored.startswith("scrypt$16384$8$1$") and "line-4-engineer" not in stored
    assert lock.locked and window.lock_label.text() == "LOCKED"
    locked_off = [window.threshold_slider, window.panel.threshold_reset_button, window.samples_panel.train_button]
    assert not any(widget.isEnabled() for widget in locked_off)
    assert not any(action.isEnabled() for action in window.locked_actions)  # sources, model, retrain, region
    assert window.ack_action.isEnabled() and window.capture_action.isEnabled()  # the operator's own work
    assert window.samples_panel.capture_button.isEnabled()
    before = window.controller.settings.roi
    rect = window.view._to_screen(window.view.roi)
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    qtbot.mousePress(window.view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.view, QPoint(start.x() - 40, start.y()))
    qtbot.mouseRelease(window.view, Qt.MouseButton.LeftButton, pos=QPoint(start.x() - 40, start.y()))
    assert window.controller.settings.roi == before  # the region does not move
    dialog = ModelsDialog(window.retrain, window, locked=True)
    qtbot.addWidget(dialog)
    assert not dialog.activate_button.isEnabled() and not dialog.delete_button.isEnabled()

    assert not lock.unlock("wrong") and lock.locked
    assert lock.unlock("line-4-engineer") and not lock.locked
    assert window.threshold_slider.isEnabled() and all(action.isEnabled() for action in window.locked_actions)
    settings.setValue("lock/minutes", 0.005)  # 0.3 s, for the test
    lock.touch()
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert not window.threshold_slider.isEnabled() and window.lock_label.text() == "LOCKED"
    _close(qtbot, window)


def test_at_1280_by_800_nothing_is_clipped_and_training_does_not_squeeze_the_live_view(qtbot, tmp_path, settings):
    window = _built(qtbot, tmp_path, settings)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)
    panel, samples = window.panel, window.samples_panel
    panel.set_counts(12345, 678)
    qtbot.wait(50)
    for value in panel.count_values.values():  # five-digit counters fit
        assert value.sizeHint().width() <= value.width(), value.text()
    width = window.view.width()
    # a training in progress, with long labels, as a real one shows them
    samples.progress_box.setVisible(True)
    samples.progress_label.setText("reading the features of sample 1234 of 5000, then fitting the gaussian head "
                                   "and the memory bank, about two minutes left")  # fmt: skip
    samples.result_label.setText("new model model-20261202-101010 active after 64 s: 0 of 20 held-out good samples "
                                 "over the threshold (0%)")  # fmt: skip
    qtbot.wait(100)
    assert samples.width() <= 400 and window.view.width() >= width - 5 and window.view.width() >= 560
    assert (window.width(), window.height()) == (1280, 800)  # its minimum size fits the screen
    # everything the panel can show at once: an off-calibration badge, a watch finding, NG parts
    plot, view = window.plot.geometry(), window.view.geometry()
    window.set_threshold_factor(1.5)
    window.panel.set_verdict("NO SIGNAL", "camera 7: the camera cannot be opened; trying again in 8 s")
    window._refresh_timer.stop()  # the panel keeps what it was given
    window.panel.show_watch("The new model alarmed on 6 of the first 22 parts (27%); it was calibrated for 1%.")
    window.panel.show_alarms("NG: take 3 parts off the line, then acknowledge", [(None, "part 1\n12:00:00")] * 3)
    qtbot.wait(100)
    assert window.minimumSizeHint().height() <= 800 and (window.width(), window.height()) == (1280, 800)
    assert window.plot.geometry() == plot and window.view.geometry() == view  # nothing jumps
    assert window.minimumSizeHint().width() <= 1280 and window.minimumSizeHint().height() <= 800
    _close(qtbot, window)


def test_good_parts_drifting_from_the_calibration_are_pointed_out(qtbot, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=101, defect_rate=0.0, timing=FAST))
    window = _open(qtbot, controller, settings)
    assert window.drift_label.text() == ""  # too few parts to say anything
    # as if the light had changed since calibration: the good parts' median is 0.2 x threshold at calibration
    controller.drift = DriftMeter(calibrated_median=0.2, minimum=3)
    qtbot.waitUntil(lambda: controller.drift.ratio is not None, timeout=30_000)
    qtbot.waitUntil(lambda: "x calibration" in window.drift_label.text(), timeout=5000)
    assert controller.drift.drifting and "c05800" in window.drift_label.styleSheet()
    assert "has the light, the camera or the product changed?" in window.statusBar().currentMessage()
    _close(qtbot, window)


def test_a_full_disk_is_shown_and_every_part_still_logged(qtbot, tmp_path, settings, inspector):
    from cookie_inspector.core.line.records import InspectionLog

    log = InspectionLog(tmp_path / "data")
    log.reserve = 2**62  # as if the disk were full
    controller = LineController(inspector, DemoLine(seed=2, timing=FAST), log=log)
    window = _open(qtbot, controller, settings)
    window.set_threshold_factor(0.25)
    qtbot.waitUntil(lambda: controller.ng_parts >= 2, timeout=40_000)
    qtbot.waitUntil(lambda: window.disk_label.text() == "NG pictures not saved: disk full", timeout=3000)
    assert "every part is still logged" in window.disk_label.toolTip()
    _close(qtbot, window)
    rows = InspectionLog(tmp_path / "data").recent()
    assert len(rows) == controller.parts and all(row.note for row in rows if row.verdict == "NG")
