"""A new product's first hour in the window: what an operator meets when the remembered source is gone, and the
like (each item of the first-hour issue that the window owns)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from cookie_inspector.core.frames.capture import AwaitedSource, FolderSource
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.frames.sources import Frame, UnavailableSource
from cookie_inspector.core.judge.inspector import InspectionResult, Inspector, Verdict
from cookie_inspector.core.judge.presence import Presence, PresenceState, product_box
from cookie_inspector.core.line.live import FrameReport, PartVerdict
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.core.line.samples import SampleStore
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.new_product_dialog import NewProductAnswer, NewProductDialog
from cookie_inspector.synth.line import DemoLine
from cookie_inspector.synth.parts import DefectMix
from tests.gui.test_operator import FAST, _close
from tests.gui.test_operator import _open as _window


def _photos(folder: Path, count: int = 3) -> None:
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(count):
        image = np.full((240, 320, 3), 235, np.uint8)
        cv2.circle(image, (100 + 30 * i, 120), 70, (40, 90, 160), -1)  # each photo a part of its own
        image = np.clip(image.astype(np.int16) + rng.integers(-6, 7, image.shape), 0, 255).astype(np.uint8)
        cv2.imwrite(str(folder / f"part{i:02d}.png"), image)


def _start(qtbot, tmp_path: Path, settings, source: str | None = None):
    """The window as the app builds it (``source`` None: the remembered one), shown and started."""
    window = build_window(source, data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def test_a_remembered_folder_that_is_gone_is_no_signal_and_comes_back_by_itself(qtbot, tmp_path: Path, settings):
    folder = tmp_path / "share" / "product-b"
    settings.setValue("line/source", str(folder))
    window = _start(qtbot, tmp_path, settings)
    controller = window.controller
    assert isinstance(controller.source, AwaitedSource) and not isinstance(controller.source, DemoLine)
    qtbot.waitUntil(lambda: "not there" in window.line_state(None)[1], timeout=60_000)  # once the model is in
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=5000)
    assert str(folder) in window.line_state(None)[1] and window.view.no_signal is not None
    assert window.view.frames_shown == 0  # no other line's pictures meanwhile
    _photos(folder)  # the share is mounted again
    qtbot.waitUntil(lambda: window.view.frames_shown > 0, timeout=30_000)
    qtbot.waitUntil(lambda: controller.state in ("running", "ended"), timeout=10_000)
    window.close()
    assert settings.value("line/source") == str(folder)  # still the product's folder, never "demo"


def test_a_remembered_source_that_cannot_be_read_is_no_signal_with_the_reason(qtbot, tmp_path: Path, settings):
    settings.setValue("line/source", "demo:x")
    window = _start(qtbot, tmp_path, settings)
    assert isinstance(window.controller.source, UnavailableSource)
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=10_000)
    assert "seed must be a whole number" in window.line_state(None)[1]
    window.close()
    assert settings.value("line/source") == "demo:x"


def test_a_source_that_opens_nothing_changes_nothing_and_is_not_remembered(qtbot, tmp_path: Path, settings):
    window = _start(qtbot, tmp_path, settings, "demo:5")
    window._use_source(str(tmp_path / "typo"))
    assert window.source_text == "demo:5" and isinstance(window.controller.source, DemoLine)
    window.close()
    assert settings.value("line/source") == "demo:5"


def test_another_source_is_a_new_run_with_its_own_counters_and_region(qtbot, tmp_path: Path, settings):
    photos = tmp_path / "product-b"
    _photos(photos, 4)
    window = _start(qtbot, tmp_path, settings, "demo:6")
    controller = window.controller
    qtbot.waitUntil(lambda: controller.parts >= 2, timeout=60_000)
    first_run = controller.run_id
    window._on_roi_changed(Roi(10, 20, 200, 150, (640, 480)))  # drawn on the demo line's 640 x 480 pictures
    window._use_source(str(photos))
    assert controller.run_id != first_run and window.run_label.text() == f"run {controller.run_id}"
    assert controller.settings.roi is None  # the demo line's region is not this product's: the model's own
    assert window.panel.count_values["parts"].text() == "0"
    qtbot.waitUntil(lambda: controller.state == "waiting", timeout=60_000)  # a folder is watched for new photos
    qtbot.waitUntil(lambda: controller.parts == 4, timeout=10_000)
    qtbot.waitUntil(lambda: window.panel.verdict == "NO PART", timeout=5000)  # the folder is done, not lost
    assert "waiting for new photos (4 judged)" in window.panel.detail_label.text()
    assert window.view.no_signal is None and not window.panel.signal_alarm
    assert controller.ng_parts <= 4 and window.panel.count_values["parts"].text() == "4"
    window._use_source("demo:6")
    assert controller.settings.roi == Roi(10, 20, 200, 150, (640, 480))  # each source's region comes back with it
    window.close()
    rows = InspectionLog(tmp_path / "data").recent(limit=1000)
    runs = {}
    for row in rows:
        runs.setdefault(row.run, []).append(row.part)
    assert sorted(runs[[r for r in runs if r not in (first_run,)][0]]) == [1, 2, 3, 4]
    assert all(len(parts) == len(set(parts)) for parts in runs.values())  # (run, part) names one part


def test_a_paused_line_goes_on_counting_its_parts(qtbot, tmp_path: Path, settings):
    window = _start(qtbot, tmp_path, settings, "demo:7")
    controller = window.controller
    qtbot.waitUntil(lambda: controller.parts >= 2, timeout=60_000)
    window.toggle_pause()
    last = controller.last_verdict.number
    window.toggle_pause()
    qtbot.waitUntil(lambda: controller.last_verdict.number > last, timeout=60_000)
    run = controller.run_id
    window.close()
    parts = [row.part for row in InspectionLog(tmp_path / "data").recent(limit=1000) if row.run == run]
    assert len(parts) == len(set(parts)) and min(parts) == 1


def test_pending_alarms_come_back_after_a_restart_until_acknowledged(qtbot, tmp_path: Path, settings, inspector):
    def window_on(log: InspectionLog):
        line = DemoLine(seed=8, defect_rate=1.0, mix=DefectMix({"burnt": 1}, severity=(1.0, 1.0)), timing=FAST)
        return _window(qtbot, LineController(inspector, line, log=log), settings)

    log = InspectionLog(tmp_path / "data")
    window = window_on(log)
    controller = window.controller
    qtbot.waitUntil(lambda: len(controller.alarms) >= 2, timeout=60_000)
    _close(qtbot, window)  # a restart (View > Language does the same) with NG parts nobody acknowledged
    log.close()
    pending = [(a.number, round(a.score, 4)) for a in controller.alarms]

    log = InspectionLog(tmp_path / "data")
    again = window_on(log)
    again.controller.pause()
    restored = [(a.number, round(a.score, 4)) for a in again.controller.alarms]
    assert restored[: len(pending)] == pending and again.controller.alarms[0].run == controller.run_id
    assert again.panel.alarm_box.isVisible()
    count = len(again.controller.alarms)
    assert f"take {count} parts off the line" in again.panel.alarm_label.text()
    assert "before the restart" in again.panel.alarm_list.item(count - 1).text()  # newest first: oldest last
    assert again.panel.alarm_list.item(count - 1).icon().isNull() is False  # its stored picture
    again.acknowledge()
    assert again.controller.alarms == []
    _close(qtbot, again)
    log.close()

    log = InspectionLog(tmp_path / "data")
    assert log.pending_alarms() == []  # acknowledged is acknowledged, also after the next restart
    log.close()


def _ng(number: int) -> PartVerdict:
    image = np.zeros((30, 30, 3), np.float32)
    result = InspectionResult(image, image, np.zeros((30, 30), np.float32), 9.0, 1.0, 0.8, None)
    return PartVerdict(number, Verdict.NG, 9.0, 1.0, 0.8, 8, 0, 7, 0.0, 0.0, "demo_model", result,
                       np.zeros((40, 40, 3), np.uint8))  # fmt: skip


def test_a_new_product_is_taught_without_the_old_models_alarms_or_refusals(qtbot, tmp_path: Path, settings):
    product = tmp_path / "product-b"
    _photos(product, 6)  # not a cookie: the shipped model calls every one NG
    window = build_window(str(product), data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    store, controller = window.retrain.store, window.controller
    _photos(tmp_path / "old-samples", 3)
    store.import_folder(tmp_path / "old-samples")
    assert len(store) == 3
    assert window.new_product("product B", confirm=False)
    assert controller.teaching == "product B" and controller.product == "product B"
    assert len(window.retrain.store) == 0 and window.retrain.store.folder != store.folder  # samples of its own
    assert len(SampleStore(store.folder)) == 3  # the earlier product keeps its samples where they were
    assert window.retrain.capture_mode and window.samples_panel.capture_button.isChecked()
    assert "teaching product B" in window.teaching_label.text() and window.end_teaching_action.isEnabled()
    window.show()
    window.start()
    # the folder's photos wait for the new product's first model: none is judged by the cookie model meanwhile
    qtbot.waitUntil(lambda: controller.inspector is not None, timeout=60_000)
    qtbot.waitUntil(lambda: window.panel.verdict == "TEACHING", timeout=5000)
    assert controller.latest()[0] is None  # not a photo read
    assert "wait for the first model of product B" in window.panel.detail_label.text()
    assert window.view.no_signal is None and controller.taught == controller.parts == 0
    assert controller.alarms == [] and not window.panel.alarm_box.isVisible()
    assert controller.ng_parts == 0 and window.panel.count_values["ng"].text() == "0"  # no NG rate of 100% either
    assert not (tmp_path / "data" / "ng").exists()  # no NG pictures of a product the model does not know
    present = Presence(PresenceState.PRESENT, 0.3, (0.5, 0.5))
    judged = FrameReport(Frame(np.zeros((240, 320, 3), np.uint8), 9, 0.0), Roi(0, 0, 240, 240), present,
                         _ng(7).worst, 7, 0.1)  # fmt: skip
    window._use_source("demo:4")  # a live line while teaching: the old model's word is shown as no verdict
    assert window.line_state(judged)[0] == "TEACHING"  # never the old model's big NG word on the new product
    window.refresh()
    assert window.view._heat is None  # nor its red heatmap over the new product
    detail = window.line_state(judged)[1]
    lines = window.panel.detail_label.fontMetrics().boundingRect(
        0, 0, window.panel.detail_label.width(), 1000, Qt.TextFlag.TextWordWrap, detail).height()  # fmt: skip
    assert lines <= window.panel.detail_label.height()  # said in full, not cut
    qtbot.waitUntil(lambda: controller.taught >= 1, timeout=60_000)  # its parts: seen (capture follows them)
    qtbot.waitUntil(lambda: controller.latest()[1] is not None and controller.latest()[1].presence.present,
                    timeout=30_000)  # fmt: skip
    assert window.retrain.capture_now() is not None  # a part in view: stored, not held back by the old model's NG
    assert controller.calibration.parts_seen == 0  # the old model's line calibration learnt nothing of it
    window._use_source(str(product))
    window.end_teaching()
    assert controller.teaching == "" and not window.end_teaching_action.isEnabled()
    qtbot.waitUntil(lambda: controller.parts == 6, timeout=60_000)  # the model in use judges the waiting photos
    window.close()
    log = InspectionLog(tmp_path / "data")
    rows = log.recent()
    assert len(rows) == 6 and {r.photo for r in rows} == {f"part{i:02d}.png" for i in range(6)}  # nothing else
    log.close()


def test_nearly_every_part_ng_says_the_likely_cause_once_in_the_banner_and_keeps_few_pictures(
    qtbot, tmp_path: Path, settings, monkeypatch
):
    window = build_window("demo:9", data_dir=tmp_path / "data", settings=settings)  # not started: parts by hand
    qtbot.addWidget(window)
    window.show()
    controller = window.controller
    qtbot.waitUntil(lambda: controller.inspector is not None, timeout=60_000)  # a model loaded later starts afresh
    log = controller._log
    floods = []
    controller.floodSuspected.connect(lambda ng, parts: floods.append((ng, parts)))
    for number in range(1, 51):  # as the worker thread hands them in: logged, then judged on the window's side
        controller._on_part(_ng(number))
        qtbot.waitUntil(lambda n=number: controller.parts == n, timeout=10_000)
    assert floods == [(20, 20)]  # once, not for every part
    assert "does the active model know another product?" in window.statusBar().currentMessage()
    # the cause stays where the operator looks, the alarm banner (not a note it would hide), with the way out
    panel = window.panel
    assert panel.alarm_box.isVisible() and panel.flood_box.isVisible()
    assert panel.flood_label.text() == "20 of the last 20 parts NG: is the active model for another product?"
    qtbot.wait(50)
    label = panel.flood_label
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    needed = label.fontMetrics().boundingRect(0, 0, label.width(), 10_000, flags, label.text()).height()
    assert needed <= label.height()  # said in full in the banner
    assert panel.teach_button.isVisible()
    asked = []
    monkeypatch.setattr(window, "new_product", lambda *a, **k: asked.append(a) or False)
    panel.teach_button.click()
    assert asked == [()]
    # every part is logged and pending; the first 20 before the flood and one in ten during it keep pictures
    rows = [r for r in log.recent(100) if r.verdict == "NG"]
    assert len(rows) == 50 and len(log.pending_alarms()) == 50
    assert sum(r.original is not None for r in rows) == 20 + 3  # parts 21-50: 21, 31, 41
    assert all("one NG part in 10" in r.note for r in rows if r.original is None)
    window.acknowledge()
    assert not panel.flood_box.isVisible()
    window.close()


def test_ctrl_q_on_a_running_line_asks_first(qtbot, settings, inspector, monkeypatch):
    controller = LineController(inspector, DemoLine(seed=10, timing=FAST))
    window = _window(qtbot, controller, settings)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr("cookie_inspector.gui.main_window.QMessageBox.question", answer)
    assert not window.quit() and window.isVisible() and controller.running
    assert asked == ["Stop inspecting the line and close Cookie Inspector?"]
    monkeypatch.setattr("cookie_inspector.gui.main_window.QMessageBox.question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # fmt: skip
    assert window.quit()
    qtbot.waitUntil(lambda: not controller.running, timeout=30_000)
    assert not window.isVisible()


def test_on_a_folder_the_picture_its_heatmap_and_its_verdict_are_one_photo(qtbot, tmp_path: Path, settings, inspector):
    """The next photo arrives before the last one is judged: the view keeps the judged photo with its heatmap and
    verdict, never the next photo under them."""
    _photos(tmp_path / "photos", 2)
    controller = LineController(inspector, FolderSource(tmp_path / "photos"))
    window = _window(qtbot, controller, settings)
    assert controller.stop()  # the photos are handed in by hand below
    controller.state = "running"
    assert controller.settings.presence.mode == "every-frame"
    first = Frame(np.zeros((200, 300, 3), np.uint8), 0, 0.0)
    second = Frame(np.full((240, 320, 3), 200, np.uint8), 1, 0.5)
    error = np.zeros((300, 300), np.float32)
    error[100:150, 100:150] = 9.0
    result = InspectionResult(np.zeros((300, 300, 3), np.float32), np.zeros((300, 300, 3), np.float32), error,
                              9.0, 1.0, 0.8, None)  # fmt: skip
    present = Presence(PresenceState.PRESENT, 0.3, (0.5, 0.5))
    judged = FrameReport(first, Roi(0, 0, 200, 200), present, result, 1, 0.1)
    with controller._lock:
        controller._latest_frame, controller._latest_report = second, judged
    window.refresh()
    assert window.view._frame_shape == (200, 300) and window.view._heat is not None  # the judged photo
    assert window.panel.verdict == "NG"
    with controller._lock:
        controller._latest_report = FrameReport(second, Roi(0, 0, 240, 240), present, None, None, 0.1)
    window.refresh()
    assert window.view._frame_shape == (240, 320) and window.view._heat is None
    _close(qtbot, window)


def test_the_view_draws_the_region_the_line_used_on_each_photo(qtbot, settings, inspector, tmp_path):
    """Photos of many sizes: the region drawn follows each photo (the line's own), never one photo's over another."""
    _photos(tmp_path / "photos", 1)
    controller = LineController(inspector, FolderSource(tmp_path / "photos"))
    window = _window(qtbot, controller, settings)
    assert controller.stop()
    controller.state = "running"
    present = Presence(PresenceState.PRESENT, 0.3, (0.5, 0.5))
    for index, (shape, roi) in enumerate((((400, 300), Roi(0, 50, 300, 300)), ((200, 500), Roi(150, 0, 200, 200)))):
        frame = Frame(np.zeros((*shape, 3), np.uint8), index, 0.0)
        with controller._lock:
            controller._latest_frame, controller._latest_report = frame, FrameReport(frame, roi, present, None, None, 0)
        window.refresh()
        assert window.view.roi == roi
    window._on_roi_changed(Roi(10, 10, 100, 100))  # the operator's own: it stays whatever the photo
    frame = Frame(np.zeros((400, 300, 3), np.uint8), 5, 0.0)
    with controller._lock:
        controller._latest_frame = frame
        controller._latest_report = FrameReport(frame, Roi(10, 10, 100, 100), present, None, None, 0)
    window.refresh()
    assert window.view.roi == Roi(10, 10, 100, 100)
    _close(qtbot, window)


def test_a_region_drawn_at_another_resolution_is_fitted_to_the_frames(qtbot, settings, inspector):
    """The camera now delivers 320 x 240 pictures; the region was drawn on 640 x 480 ones: the line inspects the
    same place, and the view draws it there (not hanging off the picture)."""
    controller = LineController(inspector, DemoLine(seed=12, timing=FAST, frame_size=(320, 240)))
    window = _window(qtbot, controller, settings)
    window._on_roi_changed(Roi(160, 80, 320, 320, (640, 480)))
    qtbot.waitUntil(lambda: controller.latest()[1] is not None and controller.latest()[1].roi.width == 160,
                    timeout=30_000)  # fmt: skip
    assert controller.latest()[1].roi == Roi(80, 40, 160, 160)
    qtbot.waitUntil(lambda: window.view.roi is not None and window.view.roi.frame == (320, 240), timeout=10_000)
    assert window.view.roi.as_list() == [80, 40, 160, 160]
    assert window._regions[window.source_text] == "160,80,320,320@640x480"  # remembered as drawn
    _close(qtbot, window)


def test_new_product_asks_for_a_name_and_a_region_and_learns_the_whole_picture(
    qtbot, tmp_path: Path, settings, monkeypatch
):
    """The old model's centred square would cut a 320 x 240 product: New product offers the whole picture (the
    default once a picture is there), and the samples captured are then whole pictures. (A camera filmed as a video:
    a folder's photos would wait for the new product's model instead.)"""
    photos = tmp_path / "wide-product"
    _photos(photos, 3)
    video = tmp_path / "wide-product.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 25.0, (320, 240))
    for photo in sorted(photos.iterdir()) * 4:  # 12 s: each part a second under the camera
        for _ in range(25):
            writer.write(cv2.imread(str(photo)))
    writer.release()
    window = _start(qtbot, tmp_path, settings, str(video))
    qtbot.waitUntil(lambda: window.controller.latest()[0] is not None, timeout=60_000)
    plain = np.full((240, 320, 3), 128, np.uint8)
    plain[:] = np.random.default_rng(3).integers(100, 160, plain.shape)  # a product that fills the picture
    dialog = NewProductDialog(window, str(video), plain)
    qtbot.addWidget(dialog)
    assert dialog.origin == "source" and dialog.region == "whole" and "320 x 240" in dialog.region_buttons[
        "whole"].text()  # fmt: skip
    assert not dialog.region_buttons["keep"].isEnabled()  # nothing drawn yet
    assert not dialog.region_buttons["around"].isEnabled()  # no product stands out from a plain background
    assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()  # the picture, shown
    found = product_box(window.controller.latest()[0].image)
    with_product = NewProductDialog(window, str(video), window.controller.latest()[0].image)
    qtbot.addWidget(with_product)
    assert with_product.region == "around" and with_product.box() == found  # around it by default
    with_product.region_buttons["square"].setChecked(True)
    assert with_product.answer() == NewProductAnswer("", "square", (320, 240), None)
    shown = []
    monkeypatch.setattr(window, "ask_new_product",
                        lambda: shown.append(1) or NewProductAnswer("wide product", "whole"))  # fmt: skip
    assert window.new_product(confirm=False)
    assert shown == [1] and window.controller.teaching == "wide product"
    assert window.controller.settings.roi == Roi(0, 0, 320, 240, (320, 240))
    assert window._regions[str(video)] == "0,0,320,240@320x240"  # remembered for this source
    qtbot.waitUntil(lambda: window.controller.latest()[1] is not None
                    and window.controller.latest()[1].roi == Roi(0, 0, 320, 240)
                    and window.controller.latest()[1].presence.present, timeout=30_000)  # fmt: skip
    rejected = []
    window.retrain.sampleRejected.connect(rejected.append)
    name = window.retrain.capture_now()
    assert name is not None, rejected
    sample = cv2.imread(str(window.retrain.store.folder / name))
    assert sample.shape[:2] == (240, 320)  # the whole product, not the middle square
    window.end_teaching()
    monkeypatch.setattr(window, "ask_new_product", lambda: NewProductAnswer("square product", "square"))
    assert window.new_product(confirm=False)
    assert window.controller.settings.roi == Roi(40, 0, 240, 240, (320, 240))
    window.end_teaching()
    monkeypatch.setattr(window, "ask_new_product", lambda: NewProductAnswer("round product", "around"))
    assert window.new_product(confirm=False)
    # around the product: found on each photo wherever it lies, not a box fixed on the first one
    assert window.controller.settings.roi is None and window.controller.framing == "product"
    assert window.retrain.store.framing == "product"  # remembered with the product's samples
    qtbot.waitUntil(lambda: window.controller.latest()[1] is not None
                    and window.controller.latest()[1].roi.width < 320
                    and window.controller.latest()[1].presence.present, timeout=30_000)  # fmt: skip
    roi = window.controller.latest()[1].roi  # the disc in view (radius 70, at x 100, 130 or 160) with some room
    centre = (roi.x + roi.width / 2, roi.y + roi.height / 2)
    assert 150 <= roi.width <= 175 and 150 <= roi.height <= 175
    assert min(abs(centre[0] - x) for x in (100, 130, 160)) <= 4 and abs(centre[1] - 120) <= 4
    name = window.retrain.capture_now()
    sample = cv2.imread(str(window.retrain.store.folder / name))
    assert 150 <= sample.shape[0] <= 175 and 150 <= sample.shape[1] <= 175  # the disc, framed as the line frames it
    window.end_teaching()
    assert window.controller.framing is None  # the active model's own framing again
    monkeypatch.setattr(window, "ask_new_product", lambda: None)  # cancelled: nothing changes
    assert not window.new_product(confirm=False) and window.controller.teaching == ""
    window.close()


def test_a_part_logged_as_an_alarm_just_before_new_product_stays_an_alarm(qtbot, tmp_path: Path, settings):
    """The worker logs a part as an alarm; New product begins before the window hears of it: the window, the log
    and a restart agree that it is pending (it does not come back from nowhere after the restart)."""
    window = build_window("demo:13", data_dir=tmp_path / "data", settings=settings)  # not started: parts by hand
    qtbot.addWidget(window)
    controller = window.controller
    controller._on_part(_ng(1))  # logged on the worker's side, not yet judged on the window's
    assert window.new_product("product C", confirm=False)
    qtbot.waitUntil(lambda: controller.parts == 1, timeout=10_000)
    assert [v.number for v in controller.alarms] == [1]
    controller._on_part(_ng(2))  # while teaching: neither an alarm nor pending, nor counted
    qtbot.waitUntil(lambda: controller.taught == 1, timeout=10_000)
    assert controller.parts == 1
    assert [v.number for v in controller.alarms] == [1]
    assert [r.part for r in controller._log.pending_alarms()] == [1]
    window.close()


def test_a_long_detail_is_cut_in_the_middle_to_its_two_lines_never_below_the_edge(qtbot):
    from cookie_inspector.gui.verdict_panel import VerdictPanel

    panel = VerdictPanel()
    qtbot.addWidget(panel)
    panel.resize(320, 600)
    panel.show()
    long = "folder /mnt/share/line-2/2026-12-06/first-shift/product-b/photos/mixed: every picture has been judged"
    panel.set_verdict("FINISHED", long)
    shown = panel.detail_label.text()
    label = panel.detail_label
    flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
    height = label.fontMetrics().boundingRect(0, 0, label.width() - 4, 10_000, flags, shown).height()
    assert height <= label.height() and shown != long
    assert shown.startswith("folder /mnt") and shown.endswith("every picture has been judged")  # the news kept
    assert label.toolTip() == long  # and all of it a hover away
    japanese = ("/mnt/share/line-2/2026-12-06/first-shift/product-b/photos/mixed: 見つかりません"
                "（ドライブや共有フォルダは接続されていますか？）、5 秒後に再接続します")  # fmt: skip
    panel.set_verdict("NO SIGNAL", japanese)
    assert "見つかりません" in label.text() and label.text().endswith("再接続します")  # the path cut, not the news
    as_said = ("/tmp/first-hour-ja-as-is-20-qsitrlrm/photos/mixed: 見つかりません(ドライブや共有フォルダは接続されて"
               "いますか?)、0.5 秒後に再接続します")  # fmt: skip
    panel.set_verdict("NO SIGNAL", as_said)
    assert label.text() == as_said  # all of it, in the smaller font's three lines
    panel.set_verdict("OK", "part 3: 0.42 x threshold")
    assert label.text() == "part 3: 0.42 x threshold" and label.toolTip() == ""


def test_new_product_after_the_folder_ended_takes_the_old_models_heatmap_off_the_photo(qtbot, tmp_path, settings,
                                                                                     feature_bundle_dir):  # fmt: skip
    photos = tmp_path / "product"
    _photos(photos, 2)
    window = _start(qtbot, tmp_path, settings, str(photos))
    qtbot.waitUntil(lambda: window.controller.state == "waiting" and window.controller.parts == 2, timeout=60_000)
    window.refresh()
    assert window.view._heat is not None  # the shipped model's red over the last photo
    assert window.new_product("round product", confirm=False)
    window.refresh()
    assert window.view._heat is None  # no new photo comes: the one in view is shown again without it
    window.end_teaching()
    window._last_frame_index = -1
    window.refresh()
    assert window.view._heat is not None  # the same model again: its own red
    # the product's new model comes in while no new photo does: the old model's red is not put back under its name
    window.controller.set_inspector(Inspector(load_bundle(feature_bundle_dir)))
    qtbot.waitUntil(lambda: window.controller.model_name == feature_bundle_dir.name, timeout=30_000)
    window._last_frame_index = -1
    window.refresh()
    assert window.view._heat is None
    window.close()


def test_new_product_asks_where_its_pictures_come_from_shows_the_first_and_crops_the_import_to_its_region(
    qtbot, tmp_path: Path, settings, monkeypatch
):
    """The natural order: New product asks first where the pictures come from (here a folder of good photos of a
    long product), shows that folder's first photo, then the region on it; the folder is imported cropped to that
    region, as the line will crop its pictures. With no picture at all, only the region drawn now is offered."""
    good = tmp_path / "long-good"
    good.mkdir()
    rng = np.random.default_rng(4)
    for i in range(6):
        photo = np.full((200, 400, 3), 230, np.uint8)
        cv2.rectangle(photo, (40 + 4 * i, 60), (360 - 4 * i, 140), (60, 70, 150), -1)  # a long bar on a light table
        photo = np.clip(photo.astype(np.int16) + rng.integers(-20, 21, photo.shape), 0, 255).astype(np.uint8)
        cv2.imwrite(str(good / f"good{i}.png"), photo)
    window = _start(qtbot, tmp_path, settings, "demo:4")
    qtbot.waitUntil(lambda: window.controller.latest()[0] is not None, timeout=60_000)

    def ask():
        dialog = NewProductDialog(window, window.source_text, window.controller.latest()[0].image)
        qtbot.addWidget(dialog)
        assert dialog.origin == "source" and "demo:4" in dialog.origin_buttons["source"].text()
        dialog.origin_buttons["folder"].setChecked(True)
        assert dialog.current_picture is None and not dialog.buttons.button(
            QDialogButtonBox.StandardButton.Ok).isEnabled()  # fmt: skip  # a folder to choose first
        dialog.set_folder(good)
        assert dialog.current_picture.shape == (200, 400, 3)  # the folder's first photo, not the cookie in view
        assert dialog.region == "around" and dialog.box().height < 140  # the bar found on it
        dialog.name_edit.setText("long bar")
        dialog.region_buttons["square"].setChecked(True)
        assert dialog.box() == Roi(100, 0, 200, 200)
        return dialog.answer()

    monkeypatch.setattr(window, "ask_new_product", ask)
    with qtbot.waitSignal(window.retrain.importDone, timeout=30_000):
        assert window.new_product(confirm=False)
    assert window.controller.teaching == "long bar"
    assert window.controller.settings.roi == Roi(100, 0, 200, 200, (400, 200))
    qtbot.waitUntil(lambda: len(window.retrain.store) == 6, timeout=10_000)
    shapes = {cv2.imread(str(window.retrain.store.path(n))).shape for n in window.retrain.store.names()}
    assert shapes == {(200, 200, 3)}  # the region's pixels, not the whole 400 x 200 photos
    blind = NewProductDialog(window, "camera 0", None)  # no picture from the source, none drawn
    qtbot.addWidget(blind)
    assert [k for k, b in blind.region_buttons.items() if b.isEnabled()] == ["keep"] and blind.region == "keep"
    assert "no picture" in blind.picture.text()
    window.close()


def test_new_product_keeping_the_yellow_box_pins_the_region_the_line_uses_by_default(qtbot, tmp_path, settings):
    """No region drawn for the demo line: the yellow box is the model's default one. Keeping it pins it (photos
    imported for the new product are cropped to it, as the line crops its frames)."""
    window = _start(qtbot, tmp_path, settings, "demo:4")
    qtbot.waitUntil(lambda: window.controller.latest()[1] is not None, timeout=60_000)
    assert window.controller.settings.roi is None
    default = window.controller.latest()[1].roi
    assert window.new_product("kept box", confirm=False, region="keep")
    assert window.controller.settings.roi == Roi(default.x, default.y, default.width, default.height, (640, 480))
    window.close()
