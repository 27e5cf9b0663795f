"""Capture mode and one-click retrain in the real window (offscreen, demo line): captures and their rejections, the
retrain button's minimum, a real training subprocess whose model is swapped in, Cancel and SIGKILL leaving the old
model active, and a false alarm turned into a good sample."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.judge.presence import PresenceState
from cookie_inspector.core.line.model_library import ModelLibrary
from cookie_inspector.core.line.samples import SampleStore
from cookie_inspector.core.model.bundle import read_meta
from cookie_inspector.core.model.choice import estimate_of
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.main_window import MainWindow
from cookie_inspector.gui.retrain import retrain_epochs
from cookie_inspector.gui.training import CLI_PROGRAM, train_command
from cookie_inspector.synth.dataset import crop_to_view
from cookie_inspector.synth.parts import GOOD, PartSpec, make_part, render_resting
from cookie_inspector.synth.station import Station

MINIMUM = 12


def _window(qtbot, tmp_path: Path, settings: QSettings, source: str = "demo:4", epochs: int | None = None,
            architecture: str = "default") -> MainWindow:  # fmt: skip
    window = build_window(source, data_dir=tmp_path / "data", settings=settings, train_epochs=epochs,
                          train_architecture=architecture)  # fmt: skip
    window.retrain.minimum = MINIMUM
    window.samples_panel.update_counts()
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)  # it loads in the background
    return window


def _close(qtbot, window: MainWindow) -> None:
    if window.retrain.run is not None:
        window.retrain.run.process.kill()
        window.retrain.run.process.waitForFinished(5000)
    window.close()
    # Every thread ends; on a loaded machine the inspection thread may still be compiling the model's first
    # forward pass (TensorFlow cannot be interrupted there), so it may take longer than the window waits.
    qtbot.waitUntil(lambda: not window.controller.running, timeout=30_000)


def _fill_samples(store: SampleStore, count: int) -> None:
    """Good demo cookies as the line's region shows them (distinct parts, so none is a near-duplicate)."""
    station = Station((640, 480), seed=4)
    for n in range(count):
        image, _ = render_resting(station, make_part(station, PartSpec((77, n), GOOD, 0.0)))
        name, verdict = store.add(crop_to_view(station, image))
        assert name is not None, verdict.reason


def _wait_for_presence(qtbot, window: MainWindow, state: PresenceState, verdict: Verdict | None = None) -> None:
    def seen() -> bool:
        _, report = window.controller.latest()
        if report is None or report.presence.state is not state:
            return False
        return verdict is None or (report.result is not None and report.result.verdict is verdict)

    qtbot.waitUntil(seen, timeout=30_000)


def test_capture_stores_the_region_and_rejects_a_frame_without_a_part(qtbot, tmp_path, settings):
    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    samples = tmp_path / "data" / "samples" / "good"
    window.capture_action.trigger()  # capture mode on (F6)
    assert panel.capture_button.isChecked() and retrain.capture_mode

    _wait_for_presence(qtbot, window, PresenceState.EMPTY)
    with qtbot.waitSignal(retrain.sampleRejected, timeout=2000) as rejected:
        retrain.capture_now()
    assert rejected.args[0] == "no part in the region"
    assert "not stored: no part in the region" in panel.capture_status.text()
    assert not list(samples.glob("*.png"))

    _wait_for_presence(qtbot, window, PresenceState.PRESENT, Verdict.OK)
    with qtbot.waitSignal(retrain.sampleAdded, timeout=2000) as added:
        retrain.capture_now()
    stored = samples / added.args[0]
    roi = window.view.roi  # the largest centred square of the demo line's frames
    assert stored.is_file() and stored.stat().st_size > 10_000
    assert cv2.imread(str(stored)).shape == (roi.height, roi.width, 3)  # the region at the camera's resolution
    qtbot.waitUntil(lambda: panel.gallery.count() == 1, timeout=3000)
    assert panel.count_label.text().startswith("1 good sample:")
    _close(qtbot, window)


def test_capture_holds_back_what_the_model_flags_until_the_operator_adds_it(qtbot, tmp_path, settings):
    """A part the active model calls NG or WARN is never stored silently, in auto mode or by hand; the operator can
    look at it and add it deliberately."""
    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    # every part is flagged now (the slider's 0.25 x still let a very good part through once)
    window.controller.set_threshold(window.controller.inspector.threshold * 0.01)
    # a part whose frames were judged before the change may still end OK: wait for the first part judged after it
    qtbot.waitUntil(lambda: window.controller.last_verdict is not None
                    and window.controller.last_verdict.verdict is Verdict.NG, timeout=30_000)  # fmt: skip
    panel.auto_box.setChecked(True)
    window.capture_action.trigger()
    held: list[str] = []
    retrain.sampleHeldBack.connect(held.append)
    qtbot.waitUntil(lambda: len(held) >= 2, timeout=40_000)  # two parts passed in auto mode
    assert len(retrain.store) == 0
    assert held[0].startswith("part ") and "the model calls it NG" in held[0]
    assert panel.add_anyway_button.isVisible() and "not stored" in panel.capture_status.text()
    panel.auto_box.setChecked(False)
    _wait_for_presence(qtbot, window, PresenceState.PRESENT, Verdict.NG)
    with qtbot.waitSignal(retrain.sampleHeldBack, timeout=2000) as flagged:
        retrain.capture_now()  # by hand: held back too
    assert "the model calls this NG" in flagged.args[0] and len(retrain.store) == 0
    with qtbot.waitSignal(retrain.sampleAdded, timeout=2000) as added:
        panel.add_anyway_button.click()  # the operator has looked: it is good
    assert added.args[0].endswith("-checked.png") and len(retrain.store) == 1
    assert not panel.add_anyway_button.isVisible()
    with qtbot.waitSignal(retrain.sampleHeldBack, timeout=2000):
        retrain.capture_now()
    assert panel.add_anyway_button.isVisible()
    window.capture_action.trigger()  # capture mode off: what was held back is not offered any more
    assert not panel.add_anyway_button.isVisible() and retrain.add_held_back() is None
    _close(qtbot, window)


def test_retrain_is_enabled_from_the_minimum_and_swaps_in_a_real_model(qtbot, tmp_path, settings):
    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    _fill_samples(retrain.store, MINIMUM - 1)
    panel.sync_gallery()
    assert not panel.train_button.isEnabled()
    assert "1 more good sample needed" in panel.train_button.toolTip()
    _fill_samples_more(retrain.store)
    panel.sync_gallery()
    assert panel.train_button.isEnabled()

    old = window.controller.inspector
    steps: list[dict] = []
    retrain.trainingStep.connect(steps.append)
    said: list[str] = []  # what the panel shows at each step (it is connected first, so it has updated already)
    retrain.trainingStep.connect(lambda _event: said.append(panel.progress_label.text()))
    with qtbot.waitSignal(retrain.trainingEnded, timeout=240_000) as ended:
        panel.train_button.click()
        assert panel.progress_box.isVisibleTo(window) and not panel.train_button.isEnabled()
    outcome, message = ended.args
    assert outcome == "swapped", message
    # the default is a feature model: its progress is the samples read by the backbone, the head's fit, the export
    assert [s["done"] for s in steps if s["event"] == "features" and "what" not in s][-1] == MINIMUM
    # the default chooses the model for the product: the panel says each step in words
    assert any(text.startswith("making 70 test defects") for text in said)
    assert any(text.startswith("judging the candidate models: fold 5 of 5") for text in said)
    assert any(text.startswith("chose ") for text in said)
    assert any(s["event"] == "fitting" for s in steps)
    assert steps[-1]["event"] == "exporting" and said[-1] == "preparing the model for the line (LiteRT)"
    library = ModelLibrary(tmp_path / "data" / "models")
    active = library.active_name()
    assert active is not None and active in message
    assert window.controller.inspector is not old
    assert window.controller.inspector.bundle.path == library.folder / active
    assert window.controller.inspector.runtime == "litert"  # the retrained model came with its LiteRT export
    assert window.model_label.text() == f"model: {active}"
    assert window.samples_panel.active_label.text() == f"active model: {active}"
    entry = library.entries()[0]
    assert entry.name == active and entry.samples == MINIMUM and entry.false_alarm_rate == 0.0
    # the line goes on with the new model
    frames = window.view.frames_shown
    qtbot.waitUntil(lambda: window.view.frames_shown > frames + 5, timeout=5000)
    _close(qtbot, window)


def test_where_tensorflow_is_missing_retrain_is_off_and_says_why(qtbot, tmp_path, settings, monkeypatch):
    """The line bundle has no TensorFlow: Retrain stays off with enough samples, and says where to train."""
    from cookie_inspector.core.model import litert

    monkeypatch.setattr(litert, "tensorflow_installed", lambda: False)
    window = _window(qtbot, tmp_path, settings)
    panel = window.samples_panel
    _fill_samples(window.retrain.store, MINIMUM)
    panel.sync_gallery()
    assert not panel.train_button.isEnabled()
    assert panel.train_button.toolTip().startswith("this line bundle inspects without TensorFlow, which training needs")
    assert "File > Open model" in panel.train_reason.text()
    _close(qtbot, window)


def _fill_samples_more(store: SampleStore) -> None:
    station = Station((640, 480), seed=4)
    image, _ = render_resting(station, make_part(station, PartSpec((78, 0), GOOD, 0.0)))
    assert store.add(crop_to_view(station, image))[0] is not None


@pytest.mark.parametrize("how", ["cancel", "sigkill"])
def test_cancel_or_a_killed_trainer_leaves_the_old_model_and_no_bundle(qtbot, tmp_path, settings, how):
    window = _window(qtbot, tmp_path, settings, epochs=500, architecture="pixel")  # a training that lasts
    retrain = window.retrain
    _fill_samples(retrain.store, MINIMUM)
    old = window.controller.inspector
    with qtbot.waitSignal(retrain.trainingProgress, timeout=120_000):
        assert retrain.start_training()
    with qtbot.waitSignal(retrain.trainingEnded, timeout=30_000) as ended:
        if how == "cancel":
            window.samples_panel.cancel_button.click()
        else:
            os.kill(retrain.run.pid(), signal.SIGKILL)
    outcome, message = ended.args
    assert outcome == ("cancelled" if how == "cancel" else "failed"), message
    assert "model" in message and ("unchanged" in message)
    assert window.controller.inspector is old and window.controller.running
    models = tmp_path / "data" / "models"
    assert [p.name for p in models.iterdir()] == []  # no bundle, no half-written staging folder
    assert ModelLibrary(models).active_name() is None
    frames = window.view.frames_shown
    qtbot.waitUntil(lambda: window.view.frames_shown > frames + 5, timeout=5000)  # the app goes on
    _close(qtbot, window)


def test_a_false_alarm_becomes_a_good_sample_in_the_gallery(qtbot, tmp_path, settings):
    window = _window(qtbot, tmp_path, settings)
    window.set_threshold_factor(0.25)  # far below the calibrated threshold: good parts raise the alarm
    with qtbot.waitSignal(window.controller.alarmRaised, timeout=20_000) as alarm:
        pass
    verdict = alarm.args[0]
    assert window.panel.good_button.isEnabled() and window.good_action.isEnabled()
    name = window.add_last_ng_to_samples(confirm=False)
    assert name is not None and "false-alarm" in name
    panel = window.samples_panel
    qtbot.waitUntil(lambda: panel.gallery.count() == 1, timeout=3000)
    assert panel.gallery.item(0).data(Qt.ItemDataRole.UserRole) == name
    stored = window.retrain.store.path(name)
    roi = verdict.worst.roi
    assert np.array_equal(cv2.imread(str(stored)), verdict.worst_frame[roi.y : roi.y + roi.height,
                                                                      roi.x : roi.x + roi.width])  # fmt: skip
    assert window.controller.alarm is None and not window.panel.good_button.isEnabled()
    _close(qtbot, window)


def test_a_retrain_shows_the_network_a_fixed_number_of_images_within_bounds():
    assert retrain_epochs(100) == 18  # 80 training images x 18 epochs: about 1,400
    assert retrain_epochs(35) == 50 and retrain_epochs(12) == 50  # never more than 50 epochs
    assert retrain_epochs(1000) == 15  # never fewer than 15
    assert [retrain_epochs(n) for n in (100, 150, 200)] == sorted([retrain_epochs(n) for n in (100, 150, 200)],
                                                                    reverse=True)  # fmt: skip


def test_a_folder_import_runs_in_the_background_and_lists_what_it_skipped(qtbot, tmp_path, settings, monkeypatch):
    folder = tmp_path / "incoming"
    folder.mkdir()
    station = Station((640, 480), seed=4)
    for n in range(3):
        image, _ = render_resting(station, make_part(station, PartSpec((79, n), GOOD, 0.0)))
        cv2.imwrite(str(folder / f"good{n}.png"), crop_to_view(station, image))
    (folder / "broken.png").write_bytes(b"not a picture")
    window = _window(qtbot, tmp_path, settings)
    panel = window.samples_panel
    with qtbot.waitSignal(window.retrain.importDone, timeout=20_000):
        panel.import_folder(str(folder))
        assert not panel.import_button.isEnabled()  # the window goes on while the files are read
    assert panel.import_button.isEnabled() and len(window.retrain.store) == 3
    qtbot.waitUntil(lambda: panel.gallery.count() == 3, timeout=3000)
    assert "imported 3 samples" in panel.capture_status.text() and "1 skipped" in panel.capture_status.text()
    report = panel.import_report
    assert "1 x not a readable image" in report.text() and "broken.png: not a readable image" in report.detailedText()
    report.close()
    _close(qtbot, window)


def _questions_answered(monkeypatch, reply: QMessageBox.StandardButton) -> list[str]:
    """The samples panel's questions answered ``reply``; the list collects their texts."""
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return reply

    monkeypatch.setattr("cookie_inspector.gui.samples_panel.QMessageBox.question", answer)
    return asked


def test_a_product_on_a_light_table_is_imported_after_one_question(qtbot, tmp_path, settings, monkeypatch):
    """Photos whose background is at 255 (the product's look) are refused as over-exposed; the operator is asked
    once, and then they are imported and this product's samples are no longer refused as over-exposed (too dark
    ones still are)."""
    folder = tmp_path / "light-table"
    folder.mkdir()
    rng = np.random.default_rng(5)
    for n in range(8):
        image = np.full((400, 600, 3), 255, np.uint8)  # the light table, blown out
        x, y = 150 + 40 * n, 120 + 20 * (n % 4)  # each photo a part of its own, placed a little differently
        cv2.circle(image, (x, y + 80), 110, (60, 80, 110), -1)
        patch = image[y : y + 160, x - 80 : x + 80]
        patch[:] = np.clip(patch - rng.integers(0, 40, patch.shape), 0, 255)
        cv2.imwrite(str(folder / f"p{n}.png"), image)
    (folder / "broken.png").write_bytes(b"not a picture")
    asked = _questions_answered(monkeypatch, QMessageBox.StandardButton.Yes)
    window = _window(qtbot, tmp_path, settings)
    panel, store = window.samples_panel, window.retrain.store
    panel.import_folder(str(folder))
    qtbot.waitUntil(lambda: len(store) == 8 and panel.import_button.isEnabled(), timeout=30_000)
    assert len(asked) == 1 and asked[0].startswith("8 of 9 photos look over-exposed (for example p0.png: ")
    assert not store.checks_exposure("over-exposed") and store.checks_exposure("under-exposed")
    assert "imported 8 samples" in panel.capture_status.text() and "1 skipped" in panel.capture_status.text()
    assert "broken.png" in panel.import_report.detailedText() and "p0.png" not in panel.import_report.detailedText()
    panel.import_report.close()
    _close(qtbot, window)
    again = SampleStore(store.folder)  # remembered for this product's samples
    assert not again.checks_exposure("over-exposed") and again.checks_exposure("under-exposed")


def test_a_dark_variant_of_a_product_is_asked_about_once_and_a_stray_bad_photo_stays_refused(
    qtbot, tmp_path, settings, monkeypatch
):
    """A folder of a product in two colours: the dark-coloured variant (4 of 17 photos, not most) is refused as
    under-exposed; the operator is asked once about that group, not about one stray blown-out photo."""
    folder = tmp_path / "two-colours"
    folder.mkdir()
    rng = np.random.default_rng(11)
    for n in range(16):
        dark = n % 4 == 0
        image = np.full((240, 320, 3), 18 if dark else 120, np.uint8)
        image = np.clip(image.astype(np.int16) + rng.integers(-12, 13, image.shape), 0, 255).astype(np.uint8)
        cv2.circle(image, (120 + 5 * n, 120), 60, (30, 32, 34) if dark else (170, 160, 150), 4)
        cv2.imwrite(str(folder / f"p{n:02d}.png"), image)
    cv2.imwrite(str(folder / "stray.png"), np.full((240, 320, 3), 255, np.uint8))  # a flash in the lens
    asked = _questions_answered(monkeypatch, QMessageBox.StandardButton.Yes)
    window = _window(qtbot, tmp_path, settings)
    panel, store = window.samples_panel, window.retrain.store
    panel.import_folder(str(folder))
    qtbot.waitUntil(lambda: len(store) == 16 and panel.import_button.isEnabled(), timeout=30_000)
    assert len(asked) == 1 and asked[0].startswith("4 of 17 photos look under-exposed (for example p00.png: ")
    assert not store.checks_exposure("under-exposed") and store.checks_exposure("over-exposed")
    assert "imported 16 samples" in panel.capture_status.text() and "1 skipped" in panel.capture_status.text()
    assert "stray.png: over-exposed" in panel.import_report.detailedText()
    panel.import_report.close()
    _close(qtbot, window)


def _light_table(n: int, rng) -> np.ndarray:
    image = np.full((300, 300, 3), 255, np.uint8)  # the light table, blown out around the product
    x, y = 110 + 16 * (n % 6), 120 + 12 * (n // 6)  # each capture a part of its own, placed a little differently
    cv2.circle(image, (x, y), 80, (60, 80, 110), -1)
    patch = image[y - 60 : y + 60, x - 60 : x + 60]
    patch[:] = np.clip(patch - rng.integers(0, 40, patch.shape), 0, 255)
    return image


def test_capturing_a_product_on_a_light_table_asks_once_then_stores_what_was_refused(
    qtbot, tmp_path, settings, monkeypatch
):
    """Every capture of a steady line refused as over-exposed is the product's look, not a bad capture: after
    five in a row the operator is asked once; yes stores them and the exposure is not checked any more."""
    asked = _questions_answered(monkeypatch, QMessageBox.StandardButton.Yes)
    window = _window(qtbot, tmp_path, settings)
    panel, retrain, store = window.samples_panel, window.retrain, window.retrain.store
    panel.set_capture_mode(True)
    rng = np.random.default_rng(8)
    for n in range(4):
        assert retrain._store(_light_table(n, rng), None) is None  # what every capture path stores through
    assert asked == [] and len(store) == 0 and "over-exposed" in panel.capture_status.text()
    assert retrain._store(_light_table(4, rng), None) is None
    assert len(asked) == 1 and asked[0].startswith("The last 5 captures were all refused as over- or under-exposed")
    assert len(store) == 5 and not store.checks_exposure("over-exposed")  # the five refused ones stored after all
    assert store.checks_exposure("under-exposed")  # the look is a light one: too dark captures are still refused
    assert "5 refused captures stored" in panel.capture_status.text()
    assert retrain._store(_light_table(5, rng), None) is not None and len(asked) == 1  # asked once
    _close(qtbot, window)


def test_refused_captures_are_asked_about_once_per_capture_session(qtbot, tmp_path, settings, monkeypatch):
    asked = _questions_answered(monkeypatch, QMessageBox.StandardButton.No)
    window = _window(qtbot, tmp_path, settings)
    panel, retrain, store = window.samples_panel, window.retrain, window.retrain.store
    panel.set_capture_mode(True)
    rng = np.random.default_rng(9)
    for n in range(12):
        retrain._store(_light_table(n, rng), None)
    assert len(asked) == 1 and len(store) == 0 and store.checks_exposure("over-exposed")  # no: nothing stored
    panel.set_capture_mode(False)
    panel.set_capture_mode(True)
    for n in range(5):
        retrain._store(_light_table(n, rng), None)
    assert len(asked) == 2
    _close(qtbot, window)


def test_a_bundle_trains_through_its_console_program(tmp_path: Path, monkeypatch):
    """Frozen, there is no Python to run ``-m cookie_inspector``: the trainer is the bundle's console program beside
    the window's (which has no standard output on Windows), or the window's own program when that is missing."""
    window_program = tmp_path / "CookieInspector"
    window_program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(window_program))
    program, args = train_command(tmp_path / "good", tmp_path / "m", "default", 3)
    assert program == str(window_program) and args[:2] == ["train", str(tmp_path / "good")]
    (tmp_path / CLI_PROGRAM).write_bytes(b"")
    program, args = train_command(tmp_path / "good", tmp_path / "m", "default", 3)
    assert program == str(tmp_path / CLI_PROGRAM) and args[-2:] == ["--epochs", "3"]


def test_a_failed_check_shows_the_samples_that_alarmed_and_deletes_them_to_train_again(qtbot, tmp_path, settings):
    from cookie_inspector.core.line.model_library import CheckReport

    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    _fill_samples(retrain.store, MINIMUM + 2)
    suspects = retrain.store.names()[:2]
    # what the check reports when two held-out samples alarm (the scores are in the threshold's units)
    retrain.last_check = CheckReport(False, "it alarms on 2 of 4 held-out good samples (50%); at most 2% is allowed",
                                     held_out=4, false_alarms=2, scores=[0.5, 1.7, 0.4, 1.2],
                                     names=[retrain.store.names()[5], suspects[0], retrain.store.names()[6],
                                            suspects[1]], threshold=1.0)  # fmt: skip
    retrain.trainingEnded.emit("rejected", "the new model was not activated: it alarms on 2 of 4 held-out good "
                                           "samples (50%); at most 2% is allowed; the old model stays")  # fmt: skip
    assert panel.check_box.isVisibleTo(window) and panel.check_list.count() == 2
    assert [panel.check_list.item(r).text() for r in range(2)] == ["1.70 x threshold", "1.20 x threshold"]
    assert "alarmed on 2 held-out good samples" in panel.check_label.text()
    assert panel.check_delete_button.text() == "Delete them and retrain"
    with qtbot.waitSignal(retrain.trainingStarted, timeout=120_000):
        panel.check_delete_button.click()
    assert not any(name in retrain.store.names() for name in suspects) and len(retrain.store) == MINIMUM
    assert not panel.check_box.isVisibleTo(window) and panel.progress_box.isVisibleTo(window)
    assert panel.train_reason.text() == ""  # its own training: no "a training is already running" under it
    _close(qtbot, window)


def test_samples_the_training_left_out_are_shown_and_can_be_deleted_with_undo(qtbot, tmp_path, settings):
    from cookie_inspector.core.line.model_library import CheckReport
    from cookie_inspector.core.model.bundle import ModelBundle

    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    _fill_samples(retrain.store, 5)
    odd = retrain.store.names()[3]
    meta = {"trained_on": {"left_out_files": [odd]}}
    retrain.last_check = CheckReport(True, "0 of 4 held-out good samples over the threshold (0%)",
                                     bundle=ModelBundle(None, None, meta))  # fmt: skip
    retrain.trainingEnded.emit("swapped", "new model model-x active after 50 s: 0 of 4 held-out good samples over "
                                          "the threshold (0%)")  # fmt: skip
    assert panel.check_box.isVisibleTo(window) and panel.check_list.count() == 1
    assert "left out 1 sample unlike all the others" in panel.check_label.text()
    panel.check_delete_button.click()  # "Delete them": no retrain, the model never learnt it
    assert odd not in retrain.store.names() and retrain.run is None and panel.undo_button.isEnabled()
    panel.undo_delete()
    assert odd in retrain.store.names()
    _close(qtbot, window)


def test_a_model_that_may_be_blind_is_not_swapped_in_silently_and_is_used_only_knowingly(qtbot, tmp_path, settings):
    """A new model passes its check (no false alarms) but catches under half of the test defects made from the
    samples: the old model stays, the panel says what it sees and what helps, and *Use it anyway* (not under the
    engineer lock) makes it active."""
    import json
    import shutil

    from cookie_inspector.core.judge.inspector import Inspector
    from cookie_inspector.core.line.model_library import CheckReport
    from cookie_inspector.core.model.bundle import META_FILE, load_bundle

    window = _window(qtbot, tmp_path, settings)
    retrain, panel = window.retrain, window.samples_panel
    before = retrain.library.active_name()
    folder = retrain.library.new_path()
    shutil.copytree(demo_model_dir(), folder)
    meta = json.loads((folder / META_FILE).read_text())
    estimate = {"name": "memory", "caught": 18, "defects": 70, "smallest_caught_px": 63, "clear_caught": 12,
                "clear": 35, "by_kind": {}}  # fmt: skip
    meta["training"]["choice"] = {"chosen": "memory", "estimate": estimate, "candidates": [estimate]}
    (folder / META_FILE).write_text(json.dumps(meta))
    bundle = load_bundle(folder)
    report = CheckReport(True, "0 of 20 good samples scored out of fold over the threshold (0%)", bundle,
                         Inspector(bundle), held_out=20)  # fmt: skip
    with qtbot.waitSignal(retrain.trainingEnded) as ended:
        retrain._on_checked(folder, report)
    outcome, message = ended.args
    assert outcome == "blind" and retrain.library.active_name() == before
    assert message == (
        "the new model was not activated: it catches 18 of 70 test defects made from your samples, at "
        "1% false alarms; 12 of the 35 clearly visible ones; the smallest it catches is 63 pixels; it may be "
        "blind to small defects of this product; more samples or a region closer around the product help; the "
        "old model stays"
    )
    assert panel.result_label.text() == message and panel.blind_button.isVisibleTo(window)
    assert window.controller.inspector.bundle.path != folder
    # Models... shows what each model sees: the new one caught 18 of 70, the shipped one what it recorded
    from cookie_inspector.gui.samples_panel import SEES_COLUMN, ModelsDialog

    dialog = ModelsDialog(retrain, panel)
    rows = {dialog.table.item(r, 1).text(): dialog.table.item(r, SEES_COLUMN) for r in range(dialog.table.rowCount())}
    assert rows[folder.name].text() == "18 / 70" and "may be blind" in rows[folder.name].toolTip()
    shipped = estimate_of(read_meta(demo_model_dir()))
    assert rows["shipped model"].text() == f"{shipped['caught']} / 70" and "may be blind" not in rows[
        "shipped model"].toolTip()  # fmt: skip
    dialog.close()
    panel.set_locked(True)  # the engineer lock covers it
    assert not panel.blind_button.isEnabled()
    panel.set_locked(False)
    with qtbot.waitSignal(window.controller.modelChanged, timeout=60_000):
        panel.blind_button.click()
    assert retrain.library.active_name() == folder.name and window.controller.inspector.bundle.path == folder
    assert not panel.blind_button.isVisibleTo(window)
    # the panel says under the active model's name what it can see, in the warning colour
    assert panel.sees_label.isVisibleTo(window) and panel.sees_label.text().startswith("it catches 18 of 70")
    assert "may be blind" in panel.sees_label.text() and "b35900" in panel.sees_label.styleSheet()
    _close(qtbot, window)
