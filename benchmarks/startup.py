"""The line's start, side by side: the shipped model run with LiteRT (its export, the app's way) against the same
model run with TensorFlow (a copy of the bundle without its export, as an older bundle is run), each in a fresh
process on the demo line, rounds interleaved.

- The window (``build_window`` as the app builds it, the model loaded in the background): seconds from the process
  start to the window on screen, the first camera frame painted, the model ready and the first verdict of a part;
  then the window's resident memory (VmRSS) after it has inspected the line for ``--settle`` more seconds, and its
  peak (VmHWM); whether TensorFlow was imported.
- Headless (``run --headless --fast --parts 1 --no-log``): seconds from the process start to the first verdict line.

Runs offscreen (``QT_QPA_PLATFORM=offscreen``) unless a display is set.

    .venv/bin/python benchmarks/startup.py [--rounds 3] [--settle 5]

Writes ``benchmarks/results/startup.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
sys.path.insert(0, str(ROOT))

from cookie_inspector.core.model.litert import INFO_FILE, LITERT_FILE, exported  # noqa: E402
from cookie_inspector.core.resources import demo_model_dir  # noqa: E402

WINDOW = r"""
import json, sys, time
t0 = float(sys.argv[1]); model = sys.argv[2]; data = sys.argv[3]; settle = float(sys.argv[4])
events = {}
def mark(name):
    events.setdefault(name, time.time() - t0)
def memory():
    status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    return {key: int(status[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from cookie_inspector.gui.app import build_window
mark("imports")
settings = QSettings(data + "/settings.ini", QSettings.Format.IniFormat)
window = build_window("demo", model_dir=model, data_dir=data, settings=settings)
window.show(); window.start()
QTimer.singleShot(0, lambda: mark("window"))
def tick():
    if window.view.frames_shown and "frame" not in events: mark("frame")
    if window.controller.inspector is not None: mark("model")
ticker = QTimer(); ticker.timeout.connect(tick); ticker.start(5)
def finish():
    events.update(memory())
    events["runtime"] = window.controller.inspector.runtime
    events["tensorflow"] = "tensorflow" in sys.modules
    window.close(); app.quit()
def part(_v):
    if "verdict" not in events:
        mark("verdict"); QTimer.singleShot(int(settle * 1000), finish)
window.controller.partJudged.connect(part)
QTimer.singleShot(90000, app.quit)
app.exec()
print(json.dumps(events))
"""

HEADLESS = r"""
import builtins, sys, time
t0 = float(sys.argv[1])
first = []
real_print = builtins.print
def timed(*a, **k):
    if not first and a and str(a[0]).startswith('{"part"'):
        first.append(time.time() - t0)
    real_print(*a, **k)
builtins.print = timed
from cookie_inspector.cli import main
main(["run", "--headless", "--fast", "--parts", "1", "--no-log", "--model", sys.argv[2]])
sys.stderr.write(f"FIRST {first[0]:.3f} TF {'tensorflow' in sys.modules}\n")
"""


def _env() -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    if not env.get("DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def window_once(model: Path, settle: float) -> dict:
    with tempfile.TemporaryDirectory() as data:
        started = time.time()
        out = subprocess.run([sys.executable, "-c", WINDOW, str(started), str(model), data, str(settle)],
                             capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=180)  # fmt: skip
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise SystemExit(f"the window failed: {out.stderr[-2000:]}")
        return json.loads(lines[-1])


def headless_once(model: Path) -> dict:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", HEADLESS, str(started), str(model)], capture_output=True, text=True,
                         env=_env(), cwd=ROOT, timeout=180)  # fmt: skip
    line = next((line for line in out.stderr.splitlines() if line.startswith("FIRST")), None)
    if line is None:
        raise SystemExit(f"run --headless failed: {out.stderr[-2000:]}")
    _, first, _, tf_loaded = line.split()
    return {"verdict": float(first), "tensorflow": tf_loaded == "True"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds of inspection before memory is read")
    args = parser.parse_args()
    shipped = demo_model_dir()
    if not exported(shipped):
        raise SystemExit(f"{shipped} carries no LiteRT export: cookie-inspector export {shipped}")
    with tempfile.TemporaryDirectory() as work:
        keras_only = Path(shutil.copytree(shipped, Path(work) / "shipped-without-export"))
        (keras_only / LITERT_FILE).unlink()
        (keras_only / INFO_FILE).unlink()
        models = {"litert": shipped, "tensorflow": keras_only}
        windows: dict[str, list[dict]] = {name: [] for name in models}
        headless: dict[str, list[dict]] = {name: [] for name in models}
        for _ in range(args.rounds):
            for name, model in models.items():  # interleaved: the machine's speed drifts
                windows[name].append(window_once(model, args.settle))
                headless[name].append(headless_once(model))
    keys = ("window", "frame", "model", "verdict")
    medians = {}
    for name in models:
        found = {key: round(statistics.median(r[key] for r in windows[name] if key in r), 2) for key in keys}
        found["rss_mb"] = round(statistics.median(r["VmRSS"] for r in windows[name]))
        found["peak_mb"] = round(statistics.median(r["VmHWM"] for r in windows[name]))
        found["runtime"] = windows[name][0]["runtime"]
        found["tensorflow_imported"] = any(r["tensorflow"] for r in windows[name])
        found["headless_verdict"] = round(statistics.median(r["verdict"] for r in headless[name]), 2)
        found["headless_tensorflow_imported"] = any(r["tensorflow"] for r in headless[name])
        medians[name] = found
    print(f"seconds from the process start, median of {args.rounds} rounds (demo line, shipped model); memory after "
          f"{args.settle:g} s of inspection")  # fmt: skip
    print(f"{'runtime':<12}" + "".join(f"{key:>9}" for key in keys) + f"{'headless':>10}{'RSS MB':>8}{'peak MB':>9}"
          f"{'TF imported':>13}")  # fmt: skip
    for name, found in medians.items():
        print(f"{name:<12}" + "".join(f"{found[key]:>9.2f}" for key in keys) + f"{found['headless_verdict']:>10.2f}"
              f"{found['rss_mb']:>8}{found['peak_mb']:>9}"
              f"{str(found['tensorflow_imported'] or found['headless_tensorflow_imported']):>13}")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    report = {"rounds": args.rounds, "settle_s": args.settle, "medians": medians,
              "runs": {"window": windows, "headless": headless},
              "date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count()}  # fmt: skip
    (RESULTS / "startup.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
