"""Several stations on one PC: parts a second and verdict latency per station with 1, 2 and 4 stations.

Each station is a demo line in real time (its own seed: its own parts, 30 frames a second), all judged by the
shipped model loaded once (:class:`~cookie_inspector.core.line.station.ModelPool`), which takes the stations'
frames in turns, as ``run --headless --station`` does. For each station count, measured side by side in one run:

- parts judged a second per station, and whether each station judged every part that passed (none skipped, none
  judged twice: the demo line numbers its parts);
- the verdict latency: from the first frame of the part at rest (the first the verdict used) to the verdict (p50,
  p95): the frames the tracker waits for (8 at 30 frames a second, 0.23 s) and the model's turns;
- the frame latency: from a frame's arrival to the end of its inspection (p95), the time the window waits for a
  heatmap.

    .venv/bin/python benchmarks/stations.py [--counts 1 2 4] [--seconds 40]
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.judge.presence import PresenceSettings
from cookie_inspector.core.line.calibration import for_model
from cookie_inspector.core.line.live import LiveSettings
from cookie_inspector.core.line.station import ModelPool, Station
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.line import DemoLine


def measure(count: int, seconds: float, pool: ModelPool) -> list[dict]:
    """``count`` demo stations for ``seconds``: one row per station."""
    lock = threading.Lock()
    verdicts: dict[str, list] = {}
    frames: dict[str, list[float]] = {}
    stations = []
    for index in range(count):
        name = f"s{index + 1}"
        inspector = pool.get(demo_model_dir())
        calibration = for_model(inspector.bundle.meta, inspector.bundle.path, None)
        verdicts[name], frames[name] = [], []

        def on_part(station, verdict, record, name=name) -> None:
            with lock:
                verdicts[name].append((time.time() - verdict.started, verdict.truth.part if verdict.truth else None))

        station = Station(name, DemoLine(seed=10 + index, realtime=True), inspector,
                          LiveSettings(presence=PresenceSettings()), calibration=calibration,
                          on_part=on_part)  # fmt: skip
        station.pipeline.on_frame = lambda report, name=name: frames[name].append(report.latency)
        stations.append(station)
    for station in stations:
        station.start()
    time.sleep(3.0)  # the first frames compile the model's forward pass: not a part of the line's pace
    with lock:
        for name in verdicts:
            verdicts[name].clear()
            frames[name].clear()
    started = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - started
    with lock:
        taken = {name: list(v) for name, v in verdicts.items()}
        latencies = {name: list(f) for name, f in frames.items()}
    for station in stations:
        station.stop()
    rows = []
    for name, got in taken.items():
        numbers = [part for _, part in got if part is not None]
        gaps = sum(b - a - 1 for a, b in zip(numbers, numbers[1:], strict=False) if b > a + 1)
        twice = len(numbers) - len(set(numbers))
        waits = np.asarray([wait for wait, _ in got]) * 1000 if got else np.asarray([np.nan])
        frame_ms = np.asarray(latencies[name]) * 1000 if latencies[name] else np.asarray([np.nan])
        rows.append({"stations": count, "station": name, "parts": len(got),
                     "parts_per_s": round(len(got) / elapsed, 3), "skipped": gaps, "twice": twice,
                     "verdict_ms_p50": round(float(np.percentile(waits, 50)), 1),
                     "verdict_ms_p95": round(float(np.percentile(waits, 95)), 1),
                     "frame_ms_p95": round(float(np.percentile(frame_ms, 95)), 1)})  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", nargs="+", type=int, default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=40.0)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "stations.json")
    args = parser.parse_args()
    pool = ModelPool()
    rows = []
    print(f"{'stations':>8} {'station':>7} {'parts':>5} {'parts/s':>7} {'skipped':>7} {'twice':>5} "
          f"{'verdict p50 ms':>14} {'verdict p95 ms':>14} {'frame p95 ms':>12}")  # fmt: skip
    for count in args.counts:
        for row in measure(count, args.seconds, pool):
            rows.append(row)
            print(f"{row['stations']:>8} {row['station']:>7} {row['parts']:>5} {row['parts_per_s']:>7.2f} "
                  f"{row['skipped']:>7} {row['twice']:>5} {row['verdict_ms_p50']:>14.1f} "
                  f"{row['verdict_ms_p95']:>14.1f} {row['frame_ms_p95']:>12.1f}", flush=True)  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"command": "benchmarks/stations.py", "models_loaded": len(pool),
                                     "rows": rows}, indent=2) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
