"""The line's calibration in the window: said in the status bar, restarted and set by the engineer, kept per model
(a rollback brings back the model's own)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.line.calibration import LineCalibrationSettings
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.core.line.watch import WatchReport
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.gui.controller import LineController
from cookie_inspector.synth.line import DemoLine
from tests.gui.test_operator import FAST, _close
from tests.gui.test_operator import _open as _window


def test_the_status_bar_says_how_far_the_line_has_calibrated(qtbot, tmp_path, settings, inspector):
    log = InspectionLog(tmp_path / "data")
    controller = LineController(inspector, DemoLine(seed=5, timing=FAST), log=log)
    window = _window(qtbot, controller, settings)
    assert window.calibration_label.text() == ""
    qtbot.waitUntil(lambda: controller.parts >= 2, timeout=60_000)
    qtbot.waitUntil(lambda: "calibrating on the line" in window.calibration_label.text(), timeout=5000)
    status = controller.calibration.status()
    assert window.calibration_label.text() == f"calibrating on the line: {status['parts']} of 200 parts"
    # until 20 parts, only a conservative threshold alarms; the verdicts and the slider's label use it
    assert status["using"] == "conservative"
    assert controller.threshold == pytest.approx(1.5 * inspector.threshold)
    assert controller.last_verdict.threshold == pytest.approx(1.5 * inspector.threshold)
    assert f"{1.5 * inspector.threshold:.4f}" in window.threshold_label.text()
    assert controller.last_verdict.threshold_from.startswith("conservative ")

    window.recalibrate()
    assert controller.calibration.parts_seen == 0
    assert "starts again" in window.statusBar().currentMessage()
    _close(qtbot, window)
    log.close()


def test_the_engineer_sets_the_calibration_and_the_lock_keeps_it(qtbot, tmp_path, settings, inspector, monkeypatch):
    controller = LineController(inspector, DemoLine(seed=6, timing=FAST))
    window = _window(qtbot, controller, settings)
    dialog = window.calibration_dialog()
    assert dialog.enabled_box.isChecked() and dialog.parts_box.value() == 200 and dialog.bound_box.value() == 2.0
    dialog.parts_box.setValue(60)
    dialog.bound_box.setValue(1.5)
    dialog.accept()
    assert controller.calibration_settings == LineCalibrationSettings(parts=60, bound=1.5)
    assert controller.calibration.settings.bound == 1.5
    _close(qtbot, window)

    again = _window(qtbot, LineController(inspector, DemoLine(seed=6, timing=FAST)), settings)
    assert again.controller.calibration_settings == LineCalibrationSettings(parts=60, bound=1.5)  # remembered
    again.lock.set_password("engineer-1")
    assert again.lock.locked
    assert not again.recalibrate_action.isEnabled() and not again.calibration_action.isEnabled()
    again.controller.calibration.add(1.0, 1)
    again.recalibrate()  # a shortcut or a stale menu: nothing happens while locked
    assert again.controller.calibration.parts_seen == 1
    off = again.calibration_dialog()
    off.enabled_box.setChecked(False)
    off.accept()
    assert again.controller.calibration_settings.enabled  # unchanged under the lock
    assert off.result() == QDialog.DialogCode.Accepted
    _close(qtbot, again)


def test_each_model_keeps_its_own_calibration_and_a_rollback_brings_it_back(qtbot, tmp_path, inspector):
    other_dir = tmp_path / "models" / "other"
    shutil.copytree(demo_model_dir(), other_dir)
    other = Inspector(load_bundle(other_dir))
    log = InspectionLog(tmp_path / "data")
    controller = LineController(inspector, DemoLine(seed=7), log=log)
    statuses = []
    controller.calibrationChanged.connect(statuses.append)
    for number in range(1, 31):
        controller.calibration.add(0.4 * inspector.threshold + 0.001 * number, number)
    calibrated = controller.calibration.thresholds()
    assert calibrated[0] < inspector.threshold  # these parts score low: the line's threshold came down

    controller.set_inspector(other, watch=True)  # a retrain swapped in
    assert controller.calibration.parts_seen == 0 and controller.previous_model == Path(demo_model_dir())
    assert statuses[-1]["parts"] == 0 and statuses[-1]["using"] == "conservative"
    controller.calibration.add(1.0, 1)
    controller.set_inspector(inspector)  # rolled back: the old model with the line's calibration it had
    assert controller.calibration.parts_seen == 30
    assert controller.calibration.thresholds() == pytest.approx(calibrated)
    assert controller.threshold == pytest.approx(calibrated[0])
    controller.set_inspector(other)
    assert controller.calibration.parts_seen == 1
    log.close()


def test_the_operator_leaves_a_defect_that_passed_out_of_the_calibration(qtbot, tmp_path, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=8, timing=FAST))
    window = _window(qtbot, controller, settings)
    assert not window.defective_action.isEnabled()  # no part judged yet
    qtbot.waitUntil(lambda: controller.parts >= 2, timeout=60_000)
    qtbot.waitUntil(window.defective_action.isEnabled, timeout=5000)
    controller.pause()
    qtbot.wait(200)  # a part judged meanwhile reaches the window first
    last = controller.last_verdict
    seen = controller.calibration.parts_seen
    statuses = []
    controller.calibrationChanged.connect(statuses.append)
    window.defective_action.trigger()
    assert controller.calibration.parts_seen == seen - 1 and last.number not in controller.calibration._state.parts
    assert statuses and statuses[-1]["parts"] == seen - 1
    assert f"part {last.number} " in window.statusBar().currentMessage()
    assert "left out of the line's calibration" in window.statusBar().currentMessage()
    # the run, source, model and rate figures step aside so that the message is read whole, and come back
    assert not window.run_label.isVisible() and not window.source_label.isVisible()
    assert window.calibration_label.isVisible()
    window.statusBar().clearMessage()
    assert window.source_label.isVisible() and window.rate_label.isVisible()  # (the run's id too, with the room)
    window.defective_action.trigger()  # twice: it is out already
    assert "nothing to leave out" in window.statusBar().currentMessage()
    assert controller.calibration.parts_seen == seen - 1
    _close(qtbot, window)


def test_a_new_model_whose_line_calibration_is_held_at_the_bound_is_offered_the_rollback(qtbot, settings, inspector):
    controller = LineController(inspector, DemoLine(seed=9, timing=FAST))
    window = _window(qtbot, controller, settings)
    controller.previous_model = Path(demo_model_dir())
    window._on_watch(WatchReport("suspect", 24, 0, 0.1, 0.01, None, reason="bound", factor=2.0))
    assert window.panel.watch_box.isVisible() and window.panel.rollback_button.isVisible()
    text = window.panel.watch_label.text()
    assert "held at the bound, 2.00 x the samples'" in text and "roll back to demo_model" in text
    _close(qtbot, window)


def test_labels_from_the_review_feed_the_line_calibration_of_the_model_in_use(tmp_path, inspector):
    from cookie_inspector.core.line.review import ReviewPart

    controller = LineController(inspector, DemoLine(seed=7, timing=FAST), log=InspectionLog(tmp_path / "data"))
    calibration = controller.calibration
    calibration.add(3.0, 7)  # part 7 of this run is in the calibration

    def part(row: int, number: int, run: str | None, model: str, score: float = 9.0) -> ReviewPart:
        return ReviewPart(row, "2026-12-06T08:00:00+00:00", number, run, "NG", score, 2.0, 4.5, model, "demo",
                          None, None, None, None, None, None)  # fmt: skip

    run, model = controller.run_id, controller.model_name
    assert controller.apply_label(part(1, 7, "another run", model), "defect") == ""  # its number means another part
    assert controller.apply_label(part(2, 7, run, model), "defect") == "left out" and calibration.parts_seen == 0
    assert controller.apply_label(part(3, 8, run, "another model"), "good") == ""  # other units: not this one's
    assert controller.apply_label(part(4, 8, run, model), "good") == "counted good"
    assert controller.apply_label(part(4, 8, run, model), "good") == "counted good"  # labelled twice
    assert calibration._state.confirmed == [9.0]  # ... counts once
    assert controller.apply_label(part(5, 9, run, model), "unsure") == ""
    controller.stop()
