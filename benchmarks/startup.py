"""Start-up of the window, side by side: the model loaded in the background (the app's way) against the model loaded
before the window (what the window did up to this release), each in a fresh process on the demo line.

For each way and round it times, from the moment the process is started: the window on screen, the first camera
frame painted, the model ready, and the first verdict of a part. Runs offscreen (``QT_QPA_PLATFORM=offscreen``) unless
a display is set.

    .venv/bin/python benchmarks/startup.py [--rounds 3]

Writes ``benchmarks/results/startup.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

CHILD = r"""
import json, sys, time
t0 = float(sys.argv[1]); mode = sys.argv[2]; data = sys.argv[3]
events = {}
def mark(name):
    events.setdefault(name, time.time() - t0)
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
if mode == "before":  # the model loaded and compiled before the window is built
    from cookie_inspector.core.judge.inspector import Inspector
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.resources import demo_model_dir
    ready = Inspector(load_bundle(demo_model_dir())); ready.warm_up()
from cookie_inspector.gui.app import build_window
mark("imports")
settings = QSettings(data + "/settings.ini", QSettings.Format.IniFormat)
window = build_window("demo", data_dir=data, settings=settings)
if mode == "before":
    window.controller._loader.join()  # the window's own background load: not counted, the model is here already
    window.controller.set_inspector(ready)
window.show(); window.start()
QTimer.singleShot(0, lambda: mark("window"))
def tick():
    if window.view.frames_shown and "frame" not in events: mark("frame")
    if window.controller.inspector is not None: mark("model")
ticker = QTimer(); ticker.timeout.connect(tick); ticker.start(5)
def part(_v):
    mark("verdict"); window.close(); app.quit()
window.controller.partJudged.connect(part)
QTimer.singleShot(60000, app.quit)
app.exec()
print(json.dumps(events))
"""


def one(mode: str) -> dict:
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
        if not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        started = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, str(started), mode, data], capture_output=True, text=True,
                             env=env, timeout=180)  # fmt: skip
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise SystemExit(f"the child failed: {out.stderr[-2000:]}")
        return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    modes = ("background", "before")
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    for _ in range(args.rounds):
        for mode in modes:  # interleaved: the machine's speed drifts
            runs[mode].append(one(mode))
    keys = ("window", "frame", "model", "verdict")
    medians = {mode: {key: statistics.median(r[key] for r in runs[mode] if key in r) for key in keys} for mode in modes}
    print(f"seconds from the process start, median of {args.rounds} rounds (demo line, shipped model)")
    print(f"{'model loaded':<14}" + "".join(f"{key:>10}" for key in keys))
    for mode in modes:
        print(f"{mode:<14}" + "".join(f"{medians[mode][key]:>10.2f}" for key in keys))
    RESULTS.mkdir(exist_ok=True)
    report = {"rounds": args.rounds, "medians": medians, "runs": runs,
              "date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count()}  # fmt: skip
    (RESULTS / "startup.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
