"""The review window over the log of a real headless run of the demo line: filter, sort, label by key, labels that
survive a restart, and a part labelled good that becomes a good sample."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.line.samples import SampleStore
from cookie_inspector.gui.review_window import ReviewWindow, open_review


@pytest.fixture
def data(demo_run: Path, tmp_path: Path) -> Path:
    """This test's own copy of the run's data folder (labels are written to it)."""
    return Path(shutil.copytree(demo_run, tmp_path / "data"))


def _rows(folder: Path, sql: str) -> list:
    db = sqlite3.connect(folder / "inspections.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _open(qtbot, folder: Path, settings, store=None) -> ReviewWindow:
    window = open_review(folder, settings, store)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # the keys are the window's shortcuts: they act in the active window
        window.show()
        window.activateWindow()
    return window


def test_the_grid_filters_and_sorts_as_the_log_holds_it(qtbot, data: Path, settings):
    window = _open(qtbot, data, settings)
    logged = _rows(data, "SELECT verdict, normalized_score FROM parts")
    assert window.model.rowCount() == len(logged) == 16
    assert window.count_label.text() == "16 parts"
    window.verdict_boxes["OK"].setChecked(False)
    flagged = [score for verdict, score in logged if verdict != "OK"]
    assert window.model.rowCount() == len(flagged) and window.count_label.text() == f"{len(flagged)} parts"
    window.verdict_boxes["OK"].setChecked(True)
    window.order.setCurrentIndex(window.order.findData("highest"))
    scores = [window.model.part(row).normalized_score for row in range(window.model.rowCount())]
    assert scores == sorted(scores, reverse=True) and scores[0] == max(s for _, s in logged)
    assert window.current_part().normalized_score == scores[0]  # the first of the new order is in view
    window.score_min.setValue(1.0)  # at or above the threshold: the NG parts
    assert window.model.rowCount() == sum(verdict == "NG" for verdict, _ in logged)
    window.score_min.setValue(0.0)
    window.pictures_box.setChecked(True)
    with_pictures = _rows(data, "SELECT COUNT(*) FROM parts WHERE original IS NOT NULL")[0][0]
    assert window.model.rowCount() == with_pictures and with_pictures >= 1
    assert not window.model.thumbnail(window.current_part()).isNull()  # its real thumbnail, read from the folder
    window.pictures_box.setChecked(False)
    window.grid.setCurrentIndex(window.model.index(3))
    shown = window.current_part().id
    db = sqlite3.connect(data / "inspections.sqlite3")  # the line logs another part meanwhile
    db.execute("INSERT INTO parts (time, part, verdict, score, threshold, normalized_score, frames, model, source, "
               "run) SELECT time, part + 100, 'NG', score * 9, threshold, normalized_score * 9, frames, model, "
               "source, run FROM parts ORDER BY id DESC LIMIT 1")  # fmt: skip
    db.commit()
    db.close()
    qtbot.keyClick(window.grid, Qt.Key.Key_F5)  # Refresh: read the log again, the part in view stays in view
    assert window.model.rowCount() == 17 and window.current_part().id == shown
    window.close()


def test_keys_label_the_part_in_view_and_the_labels_outlive_a_restart(qtbot, data: Path, settings):
    window = _open(qtbot, data, settings)
    window.order.setCurrentIndex(window.order.findData("highest"))
    worst, second = window.model.ids[:2]
    window.defect_type.setCurrentText("chip")
    qtbot.keyClick(window.grid, Qt.Key.Key_D)  # the grid has the focus, as after a click
    assert window.current_part().id == second  # on to the next part
    qtbot.keyClick(window.grid, Qt.Key.Key_G)
    labels = dict(_rows(data, "SELECT part, label || ':' || COALESCE(type, '') FROM labels"))
    assert labels == {worst: "defect:chip", second: "good:"}  # in the file at once
    window.close()

    again = _open(qtbot, data, settings)  # a new window, as after a restart of the app
    again.label_filter.setCurrentIndex(again.label_filter.findData("good"))
    assert again.model.ids == [second] and again.current_part().label == "good"
    assert "labelled good" in again.info.text()
    again.label_filter.setCurrentIndex(again.label_filter.findData("none"))
    assert again.model.rowCount() == 14
    summary = again.rates.summary.text()  # the rates of the run: the worst part, labelled defective, was caught
    assert "among 1 good and 1 defective parts labelled" in summary and "few labels" in summary
    good_score = again.review.part(second).normalized_score
    caught = "false alarms: <b>1 of 1</b>" if good_score >= 1.0 else "false alarms: <b>0 of 1</b>"
    assert caught in summary and "misses: <b>0 of 1</b>" in summary
    again.rates.set_candidate(good_score * 1.01)  # just above the good part: no false alarm there
    assert "0 false alarm(s) of 1 good, 0 miss(es) of 1 defective" in again.rates.candidate_label.text()
    assert not again.rates.set_button.isVisible()  # no line runs with the review alone: nothing to set
    again.close()


def test_a_part_labelled_good_joins_the_good_samples_in_one_click(qtbot, data: Path, settings):
    store = SampleStore(data / "samples" / "good")
    window = _open(qtbot, data, settings, store)
    window.pictures_box.setChecked(True)
    window.verdict_boxes["OK"].setChecked(False)
    part = window.current_part()
    assert part is not None and part.verdict == "NG" and part.original
    assert not window.add_sample_button.isEnabled()  # not labelled good yet
    window.label_current("good")
    window.grid.setCurrentIndex(window.model.index(window.model.ids.index(part.id)))
    assert window.add_sample_button.isEnabled()
    with qtbot.waitSignal(window.sampleAdded) as added:
        window.add_sample_button.click()
    name = added.args[0]
    assert "reviewed" in name and store.names() == [name]
    stored = read_image(store.path(name))
    region = [int(v) for v in part.region.split("@")[0].split(",")]
    assert stored.shape[:2] == (region[3], region[2])  # the region the part was inspected in, as capture stores it
    assert f"added to the good samples as {name}" in window.message.text()
    window.close()


def test_defect_types_are_the_engineers_list_and_kept(qtbot, data: Path, settings):
    window = _open(qtbot, data, settings)
    window.set_defect_types(["dent", " ", "burn", "dent"])
    assert window.defect_types() == ["dent", "burn"]
    window.close()
    again = _open(qtbot, data, settings)
    assert again.defect_types() == ["dent", "burn"]
    again.close()


def test_an_earlier_releases_ng_part_shows_its_overlay_in_the_grid(qtbot, tmp_path: Path, settings):
    import numpy as np

    from cookie_inspector.core.frames.imageio import write_image
    from tests.core.line.test_records import _earlier_release_log

    _earlier_release_log(tmp_path, "NG")  # its NG pictures have no thumbnail: the overlay stands in, made small
    write_image(tmp_path / "ng" / "overlay.png", np.full((60, 90, 3), (0, 0, 255), np.uint8))
    db = sqlite3.connect(tmp_path / "inspections.sqlite3")
    db.execute("UPDATE parts SET original = 'ng/overlay.png', overlay = 'ng/overlay.png'")
    db.commit()
    db.close()
    window = _open(qtbot, tmp_path, settings)
    thumbnail = window.model.thumbnail(window.current_part())
    assert (thumbnail.width(), thumbnail.height()) == (128, 85)  # its own shape, not the placeholder tile
    assert thumbnail.toImage().pixelColor(64, 40).red() == 255
    window.close()
