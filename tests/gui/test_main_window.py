"""The real window on the demo line, offscreen, driven with pytest-qt: frames, verdicts, the alarm and its
acknowledgement, settings across a restart, a failing source, and a clean close."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QKeySequence, QStatusTipEvent
from PySide6.QtWidgets import QApplication, QInputDialog

from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.live import Backoff
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.gui.app import build_window, close_after_parts, prepare_application
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.main_window import MainWindow
from cookie_inspector.synth.line import DemoLine
from cookie_inspector.synth.parts import DefectMix
from tests.core.line.test_live import FlakySource


def _open(qtbot, controller: LineController, settings: QSettings) -> MainWindow:
    window = MainWindow(controller, settings)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    window.start()
    return window


def _close(window: MainWindow) -> None:
    window.close()
    assert not window.controller.running


def test_frames_and_part_verdicts_arrive(qtbot, tmp_path: Path, settings, monkeypatch):
    window = build_window("demo:3", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    judged = []
    window.controller.partJudged.connect(judged.append)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.view.frames_shown > 20, timeout=10_000)
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)  # it loads in the background
    qtbot.waitUntil(lambda: bool(judged), timeout=15_000)
    verdict = judged[0]
    assert verdict.number == 1 and 1 <= verdict.frames <= 8  # fewer when the machine is slower than the line
    qtbot.waitUntil(lambda: window.panel.count_values["parts"].text() == str(len(judged)), timeout=2000)
    qtbot.waitUntil(lambda: window.plot.points > 10, timeout=5000)
    assert "demo line (seed 3" in window.source_label.toolTip() and window.model_label.text() == "model: shipped model"
    qtbot.waitUntil(lambda: "fps" in window.rate_label.text(), timeout=3000)
    run = window.controller.run_id
    assert run and window.run_label.text() == f"run {run}"
    assert window.run_label.isVisible() == (not window.statusBar().currentMessage())  # it steps aside for messages
    window.review_action.trigger()  # Line > Review parts...: this run's parts, from the log the line writes
    review = window.review_window
    assert review is not None and review.current_filter().run == run and review.model.ids
    assert window.review_parts() is review  # one at a time: asked again, it comes to the front
    assert review.rates.set_button.isVisible() and review.rates.set_button.isEnabled()
    review.rates.set_candidate(1.5)
    review.rates.set_button.click()  # Set the threshold here: 1.5 x the threshold in use
    assert window.threshold_factor == pytest.approx(1.5, abs=0.02) and review.rates.candidate_factor == 1.0
    # File > Shift report...: "This run", then where
    monkeypatch.setattr(QInputDialog, "getItem", lambda _w, _t, _l, items, *a: (items[0], True))
    monkeypatch.setattr("cookie_inspector.gui.window_menus.save_file", lambda *a, **k: str(tmp_path / "shift.html"))
    window.report_action.trigger()
    assert "report written" in window.statusBar().currentMessage()
    assert f"run {run}" in (tmp_path / "shift.html").read_text(encoding="utf-8") and (tmp_path / "shift.csv").is_file()
    window.lock.set_password("abcd")  # the engineer lock closes it, as the threshold slider
    window.lock.lock()
    assert not review.rates.set_button.isEnabled()
    review.close()
    _close(window)
    rows = InspectionLog(tmp_path / "data").recent()
    assert rows and rows[-1].part == 1 and rows[-1].run == run


def test_a_defective_part_raises_the_alarm_until_acknowledged(qtbot, tmp_path: Path, settings, inspector):
    line = DemoLine(seed=8, defect_rate=1.0, mix=DefectMix({"burnt": 1}, severity=(1.0, 1.0)))
    controller = LineController(inspector, line, log=InspectionLog(tmp_path / "data"))
    window = _open(qtbot, controller, settings)
    with qtbot.waitSignal(controller.alarmRaised, timeout=15_000) as alarm:
        pass
    assert alarm.args[0].verdict is Verdict.NG
    assert window.panel.alarm_on and window.panel.ack_button.isEnabled()
    assert window.panel.alarm_box.isVisible() and "take 1 part off the line" in window.panel.alarm_label.text()
    assert window.panel.alarm_list.count() == 1 and window.panel.alarm_list.item(0).text().startswith("part 1 ")
    assert not window.panel.alarm_list.item(0).icon().isNull()  # its picture with the heatmap
    assert window.panel.counts_text() == "1 1 100.0%"
    assert window.sound.played >= 1
    styles = set()
    qtbot.waitUntil(lambda: styles.add(window.panel.alarm_box.styleSheet()) or len(styles) >= 2, timeout=3000)
    # the big word is the part under the camera, never painted over by the alarm
    assert window.panel.verdict in ("NG", "NO PART", "OK", "WARN")
    assert window.ack_action.shortcut() == QKeySequence("Ctrl+K")
    with qtbot.waitSignal(controller.alarmCleared, timeout=2000):
        qtbot.mouseClick(window.panel.ack_button, Qt.MouseButton.LeftButton)
    assert not window.panel.alarm_on and controller.alarm is None and not window.panel.alarm_box.isVisible()
    with qtbot.waitSignal(controller.alarmRaised, timeout=15_000):  # the next burnt cookie: a new alarm
        pass
    with qtbot.waitSignal(controller.alarmCleared, timeout=2000):
        window.ack_action.trigger()  # the menu entry and its shortcut
    _close(window)
    saved = list((tmp_path / "data" / "ng").rglob("*.png"))
    assert len(saved) >= 4  # original and overlay of each NG part


def test_region_and_threshold_survive_a_restart(qtbot, settings, inspector):
    window = _open(qtbot, LineController(inspector, DemoLine(seed=2)), settings)
    qtbot.waitUntil(lambda: window.view.roi is not None and window.view.frames_shown > 2, timeout=10_000)
    before = window.view.roi
    rect = window.view._to_screen(before)
    start = QPoint(int(rect.center().x()), int(rect.center().y()))
    qtbot.mousePress(window.view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.view, QPoint(start.x() - 30, start.y()))
    qtbot.mouseRelease(window.view, Qt.MouseButton.LeftButton, pos=QPoint(start.x() - 30, start.y()))
    moved = window.controller.settings.roi
    assert moved is not None and moved.x < before.x and moved.width == before.width
    window.set_threshold_factor(1.5)  # 1.5 x the threshold the app set itself (the line's, calibrating)
    assert window.controller.threshold == pytest.approx(1.5 * window.controller.calibrated_threshold)
    assert window.controller.settings.threshold == window.controller.threshold
    _close(window)

    again = _open(qtbot, LineController(inspector, DemoLine(seed=2)), settings)
    assert again.controller.settings.roi == moved
    assert again.threshold_factor == pytest.approx(1.5)
    assert again.controller.threshold == pytest.approx(1.5 * again.controller.calibrated_threshold)
    _close(again)


def test_a_failing_source_is_reported_and_the_line_recovers(qtbot, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=2))
    window = _open(qtbot, controller, settings)
    flaky = FlakySource(failures=3, frames=10_000)
    controller.set_source(flaky)
    controller._pipeline.backoff = Backoff(0.2, 0.4)
    qtbot.waitUntil(lambda: "not plugged in" in window.statusBar().currentMessage(), timeout=5000)
    shown = window.view.frames_shown
    qtbot.waitUntil(lambda: controller.state == "running", timeout=10_000)
    qtbot.waitUntil(lambda: window.view.frames_shown > shown + 5, timeout=5000)
    assert flaky.opens == 4
    assert window.statusBar().currentMessage().startswith("reconnected after ")  # the source is named beside it
    _close(window)


def test_a_broken_model_is_refused_and_the_line_keeps_its_own(qtbot, tmp_path: Path, settings, inspector, monkeypatch):
    controller = LineController(inspector, DemoLine(seed=2))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: controller.state == "running", timeout=10_000)  # its own status message has come
    monkeypatch.setattr("cookie_inspector.gui.main_window.QMessageBox.warning", lambda *a, **k: None)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "meta.json").write_text("{ not json")
    with qtbot.waitSignal(controller.modelFailed, timeout=10_000) as failed:
        controller.load_model(tmp_path / "broken")
    assert "broken" in failed.args[0]
    assert controller.inspector is inspector and "model not changed" in window.statusBar().currentMessage()
    _close(window)


def test_pause_releases_the_source_and_resume_brings_it_back(qtbot, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=2))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: window.view.frames_shown > 3, timeout=10_000)
    window.pause_action.trigger()
    assert controller.paused and not controller.running and window.pause_action.isChecked()
    controller.set_source(DemoLine(seed=3))  # a new source while paused stays paused
    assert not controller.running
    shown = window.view.frames_shown
    window.pause_action.trigger()
    assert controller.running and not window.pause_action.isChecked()
    qtbot.waitUntil(lambda: window.view.frames_shown > shown + 3, timeout=10_000)
    _close(window)


def test_the_window_carries_the_app_icon_and_can_close_itself_after_some_parts(qtbot, tmp_path: Path, settings):
    """What an unattended run (``cookie-inspector run --parts N``, the bundle's smoke test) relies on."""
    prepare_application(QApplication.instance())
    window = build_window("demo:4", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()[0].width() == 256
    close_after_parts(window, 2)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert not window.controller.running
    assert sorted(row.part for row in InspectionLog(tmp_path / "data").recent()) == [1, 2]


def test_a_long_status_message_is_read_whole_on_a_second_line_and_goes_after_its_time(qtbot, tmp_path, settings):
    """Beside the teaching and calibration labels, a message of two sentences did not fit on the status bar's one
    line and lost its end: it wraps to a second line now, and goes when its time is up."""
    window = build_window("demo:3", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)  # its own messages said
    qtbot.wait(200)
    window.new_product("tiles", confirm=False, region="whole")  # the teaching label takes its room
    assert window.teaching_label.isVisible()
    text = ("the region inspected is 640x480 pixels, but the model was trained on pictures shaped 1.00:1 "
            "(width:height): parts are squeezed before they are judged and false alarms may follow; draw a region "
            "of the model's shape, or retrain on this region")  # fmt: skip
    window.statusBar().showMessage(text, 300)
    label = window.statusBar().message_label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=3000)
    assert window.statusBar().currentMessage() == text and label.toolTip() == text
    lines = label.fontMetrics().boundingRect(0, 0, label.width(), 10_000, Qt.TextFlag.TextWordWrap, text).height()
    assert label.fontMetrics().horizontalAdvance(text) > label.width()  # it would not fit on one line
    assert lines <= label.height() and label.isVisible()  # every word of it on the bar
    width = label.width()
    QApplication.sendEvent(window, QStatusTipEvent("Watch a USB camera by index"))  # a menu item under the pointer
    assert label.text() == "Watch a USB camera by index" and label.isVisible() and not window.run_label.isVisible()
    QApplication.sendEvent(window, QStatusTipEvent(""))  # the pointer leaves it: the message again, as wide
    assert label.text() == text and label.isVisible() and label.width() == width and not window.run_label.isVisible()
    window.statusBar().showMessage(text, 300)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=3000)
    # long figures beside it never push the window past the screen: each is cut with an ellipsis instead
    window.calibration_label.setText("calibrating on the line: 53 of 200 parts (held at the bound, 2.00 x the "
                                     "samples' threshold)")  # fmt: skip
    window.drift_label.setText("good parts 0.41 x calibration")
    qtbot.wait(100)
    assert window.minimumSizeHint().width() <= 1000 and window.width() == 1000
    shown = [label for label in (window.teaching_label, window.drift_label, window.calibration_label,
                                 window.source_label, window.model_label, window.rate_label, window.run_label)
             if label.isVisible()]  # fmt: skip
    assert shown[:3] == [window.teaching_label, window.drift_label, window.calibration_label]  # what matters stays
    assert not window.run_label.isVisible()  # the run's id steps aside first
    assert sum(label.width() for label in shown) <= 1000 and not any(label.cut() for label in shown)
    window.resize(1900, 700)
    qtbot.waitUntil(lambda: window.run_label.isVisible(), timeout=3000)  # back with the room
    assert window.run_label.isVisible()  # back when the message has gone
    window.close()
