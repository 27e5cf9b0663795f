"""Several stations in one window: each its own source, product, part numbers, run and calibration; a tile per
station, one large on a click; one alarm banner naming the station; *Line > Stations...* remembered."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cookie_inspector.core.line.records import LOG_NAME
from cookie_inspector.core.line.station import STATIONS_FILE
from cookie_inspector.gui.app import build_window
from tests.gui.test_first_hour import _photos, _start


def _parts_by_station(tmp_path: Path) -> dict[str, list[int]]:
    with sqlite3.connect(tmp_path / "data" / LOG_NAME) as db:
        rows = db.execute(
            "SELECT COALESCE(runs.station, ''), parts.part FROM parts JOIN runs ON runs.id = parts.run "
            "ORDER BY parts.id"
        ).fetchall()
    found: dict[str, list[int]] = {}
    for station, part in rows:
        found.setdefault(station, []).append(part)
    return found


def test_two_stations_judge_their_own_parts_side_by_side_and_the_alarm_names_the_station(
    qtbot, tmp_path: Path, settings
):
    photos = tmp_path / "side-camera"
    _photos(photos, 3)  # not cookies: the shipped model calls each NG
    window = _start(qtbot, tmp_path, settings, "demo:3")
    top = window.controller
    assert not window.tiles.isVisible() and window.windowTitle() == "Cookie Inspector: unnamed product"
    assert not (tmp_path / "data" / STATIONS_FILE).exists()  # one station: the window as it has always been

    dialog = window.stations_dialog()
    assert dialog.add("side", str(photos), "", first_name="top")
    side = window.stations.by_name("side")
    assert [s.station for s in window.stations.stations] == ["top", "side"] and top.station == "top"
    assert window.tiles.isVisible() and [t.station for t in window.tiles.tiles] == [top, side]
    assert window.controller is top  # the focus stays where it was

    qtbot.waitUntil(lambda: side.parts == 3 and top.parts >= 2, timeout=90_000)
    assert side.inspector is top.inspector  # one product, one model loaded once
    assert side.calibration.path != top.calibration.path  # each station calibrates on its own parts
    # the banner holds both stations' NG parts, each named by its station
    qtbot.waitUntil(lambda: "side" in window.panel.alarm_label.text(), timeout=10_000)
    texts = [window.panel.alarm_list.item(i).text() for i in range(window.panel.alarm_list.count())]
    assert sum(text.startswith("side: part ") for text in texts) == 3
    assert all(text.split(":")[0] in ("top", "side") for text in texts)
    # the side tile shows its own photos and verdict, the top tile the demo line's
    tile = window.tiles.tile_of(side)
    qtbot.waitUntil(lambda: tile.view.frames_shown > 0 and tile.code in ("NG", "NO PART"), timeout=10_000)
    assert tile.counts.text() == "3 parts, 3 NG"

    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)  # one large on a click
    assert window.controller is side and tile.focused and not window.tiles.tile_of(top).focused
    assert window.windowTitle() == "Cookie Inspector: unnamed product at side"
    assert window.retrain.line is side  # capture and retrain act on the station in focus
    assert window.plot.threshold_line in window.plot.getPlotItem().items  # the plot starts again, its lines stay
    shown = window.view.frames_shown
    qtbot.waitUntil(lambda: window.view.frames_shown > shown, timeout=10_000)
    assert window.panel.counts_text().startswith("3 3")

    review = window.review_parts()  # the review opens on the station in focus, and filters by station
    assert review.station_filter.isVisible() and review.station_filter.currentData() == "side"
    assert review.model.rowCount() == 3 and {p.station for p in review.model.review.parts(review.model.ids)} == {"side"}
    review.station_filter.setCurrentIndex(review.station_filter.findData("top"))
    assert {p.station for p in review.model.review.parts(review.model.ids)} == {"top"}
    review.close()

    window.acknowledge()  # every station's NG parts are dealt with
    assert not top.alarms and not side.alarms and window.panel.alarm_list.count() == 0
    top_parts = top.parts
    window.close()

    found = _parts_by_station(tmp_path)
    assert found["side"] == [1, 2, 3]  # its own part numbers
    assert found["top"][:top_parts] == list(range(1, top_parts + 1))
    remembered = json.loads((tmp_path / "data" / STATIONS_FILE).read_text())["stations"]
    assert [(s["name"], s["source"]) for s in remembered] == [("top", "demo:3"), ("side", str(photos))]

    window = _start(qtbot, tmp_path, settings, None)  # a restart: the same stations, each photo judged once
    assert [s.station for s in window.stations.stations] == ["top", "side"]
    side = window.stations.by_name("side")
    qtbot.waitUntil(lambda: side.state == "waiting" and side.inspector is not None, timeout=60_000)
    assert side.parts == 0 and not side.alarms and "(3 judged)" in side.message
    window.close()


def test_stations_are_renamed_reordered_and_removed_and_remembered(qtbot, tmp_path: Path, settings, monkeypatch):
    refused = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: refused.append(text))
    window = _start(qtbot, tmp_path, settings, "demo:1")
    dialog = window.stations_dialog()
    assert not dialog.add("", "demo:2", "", first_name="a")  # a station needs a name
    assert "a name of letters" in refused[-1]
    assert len(window.stations.stations) == 1 and window.controller.station == ""
    assert dialog.add("b", "demo:2", "", first_name="a")
    assert not dialog.add("B", "demo:4", "")  # two of one name are refused
    assert "two stations are named 'B'" in refused[-1]
    assert dialog.add("c", "demo:4", "")
    dialog.table.selectRow(2)
    assert dialog.rename("left")
    assert dialog.move(-1)  # left before b
    assert [s.station for s in window.stations.stations] == ["a", "left", "b"]
    assert [t.station.station for t in window.tiles.tiles] == ["a", "left", "b"]
    qtbot.mouseClick(window.tiles.tiles[2], Qt.MouseButton.LeftButton)
    b = window.controller
    assert b.station == "b"
    qtbot.waitUntil(lambda: b.parts >= 1 and b.calibration.parts_seen >= 1, timeout=60_000)
    seen, path = b.calibration.parts_seen, b.calibration.path
    window.stations.rename(b, "b2")  # what its line calibration has learnt goes with its new name
    assert b.calibration.path != path and b.calibration.parts_seen >= seen
    assert window.tiles.tiles[2].title.text() == "b2"
    dialog.table.selectRow(2)
    assert dialog.remove(confirm=False)
    assert not b.running and window.controller.station == "a"  # the focus goes back to the first
    assert len(window.tiles.tiles) == 2
    dialog.table.selectRow(0)
    assert dialog.remove(confirm=False)  # the first goes too: "left" is now the line's first station
    assert [s.station for s in window.stations.stations] == ["left"] and not dialog.remove_button.isEnabled()
    assert window.tiles.isHidden()
    window.close()

    remembered = json.loads((tmp_path / "data" / STATIONS_FILE).read_text())["stations"]
    assert remembered == [{"name": "left", "source": "demo:4", "product": ""}]
    with sqlite3.connect(tmp_path / "data" / LOG_NAME) as db:  # its runs name it by its new name
        names = {row[0] for row in db.execute("SELECT station FROM runs")}
    assert {"a", "b", "c", "left", "b2"} <= names
    window = _start(qtbot, tmp_path, settings, None)
    assert [s.station for s in window.stations.stations] == ["left"]
    assert window.controller.source_text == "demo:4"
    window.close()


def test_a_station_judges_its_own_product_while_the_other_teaches_a_new_one(qtbot, tmp_path: Path, settings):
    photos = tmp_path / "tiles"
    _photos(photos, 2)
    window = _start(qtbot, tmp_path, settings, "demo:3")
    catalog = window.retrain.catalog
    catalog.add("tiles")
    dialog = window.stations_dialog()
    assert dialog.add("tiles line", str(photos), "tiles", first_name="cookies")
    tiles = window.stations.by_name("tiles line")
    assert tiles.product == "tiles" and tiles.teaching == "tiles"  # no model of its own yet: taught
    cookies = window.controller
    qtbot.mouseClick(window.tiles.tile_of(tiles), Qt.MouseButton.LeftButton)
    assert window.retrain.store.folder == catalog.samples_dir(catalog.get("tiles"))  # its samples, not the cookies'
    code, _, _ = window.line_state(None, tiles)
    qtbot.waitUntil(lambda: window.line_state(None, tiles)[0] == "TEACHING", timeout=30_000)
    parts = cookies.parts
    qtbot.waitUntil(lambda: cookies.parts > parts, timeout=60_000)  # the other station goes on judging
    assert tiles.parts == 0 and not tiles.alarms  # its photos wait for its first model
    qtbot.mouseClick(window.tiles.tile_of(cookies), Qt.MouseButton.LeftButton)
    assert window.retrain.store.folder == catalog.samples_dir(catalog.get(""))
    window.close()
    remembered = json.loads((tmp_path / "data" / STATIONS_FILE).read_text())["stations"]
    assert [(s["name"], s["product"]) for s in remembered] == [("cookies", ""), ("tiles line", "tiles")]


def test_a_station_whose_camera_is_gone_is_no_signal_alone_and_waits_after_a_restart(qtbot, tmp_path: Path,
                                                                                      settings):  # fmt: skip
    window = _start(qtbot, tmp_path, settings, "demo:3")
    cookies = window.controller
    unplugged = tmp_path / "unplugged"
    unplugged.mkdir()
    assert window.stations_dialog().add("side", "7", "", first_name="top")  # no camera 7 on this PC
    side = window.stations.by_name("side")
    qtbot.waitUntil(lambda: window.tiles.tile_of(side).code == "NO SIGNAL", timeout=30_000)
    assert "camera 7" in window.tiles.tile_of(side).detail.toolTip()
    parts = cookies.parts
    qtbot.waitUntil(lambda: cookies.parts >= parts + 2, timeout=60_000)  # the other station goes on
    assert window.line_state(None, cookies)[0] != "NO SIGNAL"
    window.stations.rename(side, "dock")
    window.close()
    window = _start(qtbot, tmp_path, settings, None)  # restarted: the camera is still gone; it is waited for
    dock = window.stations.by_name("dock")
    assert dock is not None and window.stations.by_name("top") is window.controller
    qtbot.waitUntil(lambda: window.tiles.tile_of(dock).code == "NO SIGNAL", timeout=30_000)
    qtbot.waitUntil(lambda: window.controller.parts >= 1, timeout=60_000)
    window.close()


def test_the_window_opens_with_the_stations_asked_for_each_keeping_its_product(qtbot, tmp_path: Path, settings):
    photos = tmp_path / "tiles"
    _photos(photos, 2)
    window = _start(qtbot, tmp_path, settings, "demo:3")
    window.retrain.catalog.add("tiles")
    assert window.stations_dialog().add("side", str(photos), "tiles", first_name="top")
    window.close()
    window = build_window(
        data_dir=tmp_path / "data", settings=settings, stations=[("side", str(photos)), ("belt", "demo:5")]
    )  # run --station side=... belt=...
    qtbot.addWidget(window)
    assert [(s.station, s.source_text, s.product) for s in window.stations.stations] == [
        ("side", str(photos), "tiles"), ("belt", "demo:5", "")]  # fmt: skip
    assert window.controller.teaching == "tiles" and window.tiles.isVisibleTo(window)
    window.close()
    remembered = json.loads((tmp_path / "data" / STATIONS_FILE).read_text())["stations"]
    assert [s["name"] for s in remembered] == ["side", "belt"]


def test_a_retrain_started_at_one_station_ends_there_while_the_others_judge(qtbot, tmp_path: Path, settings,
                                                                            monkeypatch):  # fmt: skip
    from tests.gui.test_retrain import MINIMUM, _fill_samples

    refused = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: refused.append(text))
    window = _start(qtbot, tmp_path, settings, "demo:4")
    window.retrain.minimum = MINIMUM
    top = window.controller
    assert window.stations_dialog().add("side", "demo:5", "", first_name="top")
    side = window.stations.by_name("side")
    qtbot.waitUntil(lambda: side.inspector is not None and top.inspector is not None, timeout=60_000)
    old = side.inspector
    qtbot.mouseClick(window.tiles.tile_of(side), Qt.MouseButton.LeftButton)
    _fill_samples(window.retrain.store, MINIMUM)
    assert window.retrain.start_training()
    qtbot.mouseClick(window.tiles.tile_of(top), Qt.MouseButton.LeftButton)  # the focus moves on meanwhile
    assert window.retrain.line is top and window.retrain.trainee is side
    dialog = window.stations_dialog()
    dialog.table.selectRow(1)
    assert not dialog.remove(confirm=False) and "waits for the model being trained for it" in refused[-1]
    parts = top.parts, side.parts
    with qtbot.waitSignal(window.retrain.trainingEnded, timeout=240_000) as ended:
        pass
    assert ended.args[0] == "swapped", ended.args[1]
    assert top.parts > parts[0] and side.parts > parts[1]  # both went on judging while it trained
    assert side.inspector is not old and not window.retrain.training_for(side)
    path = side.inspector.bundle.path
    qtbot.waitUntil(lambda: top.model_path == path, timeout=60_000)  # one product: its new model at every station
    assert dialog.remove(confirm=False) and [s.station for s in window.stations.stations] == ["top"]
    window.close()
