"""A folder of photos is a line in the window: each photo judged once per data folder across restarts, new photos
judged as they arrive, a replay asked for, a pace chosen."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from cookie_inspector.core.line.records import LOG_NAME
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.main_window import NO_SIGNAL_S
from tests.gui.test_first_hour import _ng, _photos


def _window(qtbot, tmp_path: Path, settings, source: str | None):
    window = build_window(source, data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def _logged(tmp_path: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(tmp_path / "data" / LOG_NAME) as db:
        return db.execute(
            "SELECT parts.photo, parts.run, runs.kind FROM parts JOIN runs ON runs.id = parts.run ORDER BY parts.id"
        ).fetchall()


def test_a_folder_goes_on_after_a_restart_takes_new_photos_and_replays_when_asked(qtbot, tmp_path: Path, settings):
    shot = tmp_path / "camera-shots"
    _photos(shot, 4)
    folder = tmp_path / "line"
    folder.mkdir()
    for photo in sorted(shot.iterdir())[:3]:
        shutil.copy2(photo, folder)
    window = _window(qtbot, tmp_path, settings, str(folder))
    controller = window.controller
    qtbot.waitUntil(lambda: controller.parts == 3 and controller.state == "waiting", timeout=60_000)
    qtbot.waitUntil(lambda: controller.seconds_without_frames() > NO_SIGNAL_S + 0.2, timeout=10_000)
    code, detail, no_signal = window.line_state(None)
    assert code == "NO PART" and no_signal is None  # all judged: an empty belt, not a lost camera
    assert "waiting for new photos (3 judged)" in detail and "last: part 3" in detail
    shutil.copy2(sorted(shot.iterdir())[3], folder)  # the camera program writes the next photo
    qtbot.waitUntil(lambda: controller.parts == 4, timeout=30_000)
    assert controller.last_verdict.photo.path.name == "part03.png"
    first_run = controller.run_id
    window.close()

    window = _window(qtbot, tmp_path, settings, None)  # a restart on the remembered folder
    controller = window.controller
    qtbot.waitUntil(lambda: controller.state == "waiting" and controller.inspector is not None, timeout=60_000)
    assert controller.parts == 0 and "(4 judged)" in controller.message  # nothing judged twice
    assert [photo for photo, _, _ in _logged(tmp_path)] == ["part00.png", "part01.png", "part02.png", "part03.png"]

    window.ask_folder_pace(0)  # as fast as judged, remembered
    assert settings.value("line/folder_pace_ms") == 0 and not controller.source.realtime
    assert window.replay_action.isEnabled()
    learnt = controller.calibration.parts_seen
    assert window.replay_folder(confirm=False)
    qtbot.waitUntil(lambda: controller.parts == 4 and controller.state == "waiting", timeout=60_000)
    assert controller.calibration.parts_seen == learnt  # the line's calibration has seen these photos already
    window.close()
    rows = _logged(tmp_path)
    assert [kind for _, run, kind in rows if run == first_run] == [None] * 4
    replayed = [photo for photo, run, kind in rows if kind == "replay"]
    assert replayed == ["part00.png", "part01.png", "part02.png", "part03.png"]
    assert len(rows) == 8


def test_replay_is_only_for_a_folder(qtbot, tmp_path: Path, settings):
    window = _window(qtbot, tmp_path, settings, "demo:3")
    assert not window.replay_action.isEnabled() and not window.replay_folder(confirm=False)
    window.close()


def test_while_teaching_no_other_sources_picture_nor_other_models_scores(qtbot, tmp_path, settings):
    import math

    _photos(tmp_path / "tiles", 3)
    window = _window(qtbot, tmp_path, settings, "demo:2")
    controller = window.controller
    qtbot.waitUntil(lambda: controller.inspector is not None and window.view.frames_shown > 0, timeout=60_000)
    window._refresh_timer.stop()  # the scores are read here, not by the plot
    assert window.new_product("tiles", confirm=False, region="whole")
    qtbot.waitUntil(lambda: len(controller.take_scores()) > 0, timeout=10_000)  # drop what came before
    qtbot.waitUntil(lambda: controller.taught >= 1, timeout=60_000)  # demo parts seen by the cookie model
    scores = controller.take_scores()
    assert scores and all(math.isnan(score) for _, score in scores)  # its scores are no line for this product
    window._on_part(_ng(5))  # nor its NG parts red marks on the plot
    assert not window.plot._ng
    window.statusBar().clearMessage()  # nor its doubts about the frames (the region's shape against its samples')
    window._on_status("warning", f"{controller.source.description}: the region inspected is 640x480 pixels, but "
                      "the model was trained on pictures shaped 1.00:1 (width:height): ...")  # fmt: skip
    assert window.statusBar().currentMessage() == ""
    window._use_source(str(tmp_path / "tiles"))  # the folder waits for the tiles' first model
    window.refresh()
    assert window.view._image is None  # not the cookie of the last source under the folder's name
    qtbot.waitUntil(lambda: window.panel.verdict == "TEACHING", timeout=10_000)
    assert window.view._image is None and controller.latest()[0] is None
    window.close()
