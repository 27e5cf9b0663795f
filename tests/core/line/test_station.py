"""A station is a line of its own: one whose source fails is NO SIGNAL alone, the others go on judging with the
model they share."""

from __future__ import annotations

import threading
import time

from cookie_inspector.core.frames.sources import UnavailableSource
from cookie_inspector.core.line.live import LiveSettings
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.core.line.station import ModelPool, Station
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.line import DemoLine


def test_a_station_whose_camera_is_gone_retries_alone_while_the_other_judges_its_parts(tmp_path):
    pool = ModelPool()
    judged: list[tuple[str, int]] = []
    states: dict[str, list[str]] = {"belt": [], "side": []}
    lock = threading.Lock()

    def on_part(station, verdict, record) -> None:
        with lock:
            judged.append((station.name, verdict.number))

    def on_status(station, state, message) -> None:
        with lock:
            states[station.name].append(state)

    belt = Station("belt", DemoLine(seed=4, realtime=False), pool.get(demo_model_dir()), LiveSettings(),
                   log=InspectionLog(tmp_path, station="belt"), on_part=on_part, on_status=on_status,
                   lossless=True)  # fmt: skip
    side = Station("side", UnavailableSource("camera 7", "camera 7 is not plugged in"), pool.get(demo_model_dir()),
                   LiveSettings(), log=InspectionLog(tmp_path, station="side"), on_part=on_part,
                   on_status=on_status)  # fmt: skip
    assert belt.inspector is side.inspector and len(pool) == 1  # one model for both
    for station in (belt, side):
        station.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len([n for n, _ in judged if n == "belt"]) < 3:
            time.sleep(0.1)
    finally:
        for station in (belt, side):
            station.stop()
    assert [number for name, number in judged if name == "belt"][:3] == [1, 2, 3]
    assert not any(name == "side" for name, _ in judged)
    assert "retrying" in states["side"] and "retrying" not in states["belt"]

    def lost(log: InspectionLog) -> list[str]:
        rows = log._db.execute("SELECT detail FROM events WHERE run = ? AND kind = 'signal lost'", (log.run,))
        return [detail for (detail,) in rows]

    assert lost(side.log) and "not plugged in" in lost(side.log)[0]  # its own run says it lost its signal
    assert lost(belt.log) == []
    for station in (belt, side):
        station.log.close()


def test_the_shared_model_is_taken_in_the_order_the_stations_asked_for_it():
    from cookie_inspector.core.judge.inspector import Turns

    turns, order = Turns(), []
    release = threading.Event()

    def holder() -> None:
        with turns:
            release.wait(5)

    def station(name: str) -> None:
        with turns:
            order.append(name)

    first = threading.Thread(target=holder)
    first.start()
    time.sleep(0.05)
    waiting = []
    for name in ("c", "a", "b"):  # asked in this order while the model is busy
        thread = threading.Thread(target=station, args=(name,))
        thread.start()
        waiting.append(thread)
        time.sleep(0.05)
    release.set()
    for thread in [first, *waiting]:
        thread.join(5)
    assert order == ["c", "a", "b"]
