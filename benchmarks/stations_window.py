"""The window with several stations: is every station's picture drawn at least every 100 ms while they all judge?

The window as the app builds it (``build_window``), off screen, with 1, 2 and 4 demo stations in real time, all on
the shipped model loaded once. For each station, every time its picture is drawn (the large view for the station
in focus, its tile for the others) is noted; measured side by side in one run:

- the gaps between two drawn frames per station (p50, p95, max): the issue's goal is a frame drawn at least every
  100 ms per station;
- the GUI thread's own stalls: the longest gap between two display ticks (the refresh timer is 40 ms);
- parts judged per station.

    .venv/bin/python benchmarks/stations_window.py [--counts 1 2 4] [--seconds 20]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402 - the platform is chosen before Qt loads

from cookie_inspector.gui.app import application, build_window  # noqa: E402


def _spin(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def measure(app, count: int, seconds: float) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="stations-window-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window("demo:11", data_dir=folder / "data", settings=settings)
    window.resize(1280, 800)
    window.show()
    window.start()
    for index in range(1, count):
        window.stations.add(f"s{index + 1}", f"demo:{11 + index}", "", first_name="s1")
    drawn: dict[str, list[float]] = {}
    ticks: list[float] = []

    def noting(view, name):
        original = view.show_frame

        def show_frame(*args, **kwargs):
            drawn.setdefault(name, []).append(time.monotonic())
            return original(*args, **kwargs)

        view.show_frame = show_frame

    noting(window.view, window.controller.station)
    for tile in window.tiles.tiles:
        if tile.station is not window.controller:
            noting(tile.view, tile.station.station)
    refresh = window.refresh

    spent: list[float] = []

    def ticking():
        ticks.append(time.monotonic())
        refresh()
        spent.append(time.monotonic() - ticks[-1])

    window._refresh_timer.timeout.disconnect()
    window._refresh_timer.timeout.connect(ticking)
    _spin(app, 5.0)  # the model loads and compiles; the stations start
    drawn.clear()
    ticks.clear()
    spent.clear()
    parts = {s.station: s.parts for s in window.stations.stations}
    _spin(app, seconds)
    rows = []
    for station in window.stations.stations:
        name = station.station
        times = np.asarray(drawn.get(name, []))
        gaps = np.diff(times) * 1000 if len(times) > 1 else np.asarray([np.nan])
        rows.append({"stations": count, "station": name or "(one)", "frames_drawn": int(len(times)),
                     "gap_ms_p50": round(float(np.percentile(gaps, 50)), 1),
                     "gap_ms_p95": round(float(np.percentile(gaps, 95)), 1),
                     "gap_ms_max": round(float(gaps.max()), 1),
                     "parts": station.parts - parts[name]})  # fmt: skip
    stall = float(np.diff(ticks).max() * 1000) if len(ticks) > 1 else float("nan")
    for row in rows:
        row["gui_tick_max_ms"] = round(stall, 1)
        row["refresh_ms_p95"] = round(float(np.percentile(spent, 95) * 1000), 1) if spent else float("nan")
    window.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "stations_window.json")
    args = parser.parse_args()
    app, _ = application("en")
    rows = []
    for count in args.counts:
        rows += measure(app, count, args.seconds)
    print(
        "| stations | station | frames drawn | gap p50 ms | gap p95 ms | gap max ms | GUI tick max ms | "
        "refresh p95 ms | parts |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['stations']} | {r['station']} | {r['frames_drawn']} | {r['gap_ms_p50']} | {r['gap_ms_p95']} | "
            f"{r['gap_ms_max']} | {r['gui_tick_max_ms']} | {r['refresh_ms_p95']} | {r['parts']} |"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"seconds": args.seconds, "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
