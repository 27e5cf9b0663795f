"""One-click retrain, timed: from the click on Retrain to the new model inspecting the line, for 100 demo samples,
with the default (feature) model and the pixel network at the window's default settings (the pixel network:
retrain_epochs, 18 epochs for 100 samples), while the window runs the demo line; the window's event-loop delay
meanwhile (a 10 ms timer's lateness); and how well the swapped-in model finds defects on other demo cookies of the
same station (belt and light), as a line's own samples would be.

    .venv/bin/python benchmarks/retrain.py                          # default and pixel (about 5 minutes here)
    .venv/bin/python benchmarks/retrain.py --arch default seed --samples 100
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def retrain_once(architecture: str, samples: Path, work: Path) -> dict:
    from loop_probe import EventLoopProbe
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cookie_inspector.gui.app import build_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = work / f"data-{architecture}"
    shutil.copytree(samples, data / "samples" / "good")
    settings = QSettings(str(work / f"{architecture}.ini"), QSettings.Format.IniFormat)
    window = build_window("demo:5", data_dir=data, settings=settings)
    window.retrain.architecture = architecture
    window.resize(1300, 800)
    window.show()
    window.start()
    probe = EventLoopProbe()
    outcome: list[tuple[str, str]] = []
    epochs: list[dict] = []
    loop = QEventLoop()
    window.retrain.trainingProgress.connect(epochs.append)
    window.retrain.trainingEnded.connect(lambda how, message: (outcome.append((how, message)), loop.quit()))
    QTimer.singleShot(2000, loop.quit)  # the line runs for two seconds first
    loop.exec()
    if not window.samples_panel.train_button.isEnabled():
        window.close()
        raise SystemExit(f"retrain.py: cannot retrain: {window.samples_panel.train_button.toolTip()}")
    probe.start()
    started = time.perf_counter()
    window.samples_panel.train_button.click()
    loop.exec()
    seconds = time.perf_counter() - started
    probe.stop()
    how, message = outcome[0] if outcome else ("none", "")
    parts = window.controller.parts
    model = window.controller.model_name
    bundle_path = window.controller.inspector.bundle.path
    window.close()
    app.processEvents()
    delays = probe.delays[10:]
    return {
        "architecture": architecture,
        "samples": len(list((data / "samples" / "good").glob("*.png"))),
        "outcome": how,
        "message": message,
        "click_to_swap_s": seconds,
        "epochs": len(epochs),
        "last_loss": epochs[-1]["loss"] if epochs else None,
        "event_loop_delay_ms_p99": float(np.percentile(delays, 99)) if delays else None,
        "event_loop_delay_ms_max": max(delays) if delays else None,
        "parts_inspected_meanwhile": parts,
        "active_model": model,
        "bundle": str(bundle_path),
    }


def quality(bundle: Path, test_set: Path) -> dict:
    """The retrained model on demo cookies it never saw (another seed)."""
    from cookie_inspector.core.judge.evaluation import evaluate
    from cookie_inspector.core.judge.inspector import Inspector
    from cookie_inspector.core.model.bundle import load_bundle

    result = evaluate(Inspector(load_bundle(bundle), region="full"), test_set)
    return {key: result[key] for key in ("image_auroc", "pixel_auroc", "false_alarm_rate", "detection_rate")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", nargs="+", default=["default", "pixel"])
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "retrain.json")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from cookie_inspector.synth.dataset import write_dataset

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # the samples and the test cookies come from the line's own station (demo:5), other parts than the line's
        write_dataset(work / "demo", seed=5, train=args.samples, test_good=0, test_defect=0)
        write_dataset(work / "test", seed=5, train=0, test_good=50, test_defect=50)
        for architecture in args.arch:
            rows.append(retrain_once(architecture, work / "demo" / "train" / "good", work))
            row = rows[-1]
            if row["outcome"] == "swapped":
                row["quality"] = quality(Path(row["bundle"]), work / "test")
                print(f"  {architecture} on other cookies of the station: {row['quality']}", flush=True)
            print(f"{architecture}: {row['outcome']} after {row['click_to_swap_s']:.0f} s ({row['epochs']} epochs), "
                  f"event loop p99 {row['event_loop_delay_ms_p99']:.1f} ms", flush=True)  # fmt: skip
    print()
    print(f"{'network':<10}{'samples':>8}{'click to swap':>15}{'epochs':>8}{'loop p99 ms':>13}{'loop worst ms':>15}"
          f"{'parts meanwhile':>17}{'image AUROC':>13}{'false alarms':>14}{'detected':>10}  outcome")  # fmt: skip
    for row in rows:
        q = row.get("quality") or {}
        figures = (f"{q['image_auroc']:>13.3f}{q['false_alarm_rate']:>14.2f}{q['detection_rate']:>10.2f}" if q
                   else f"{'-':>13}{'-':>14}{'-':>10}")  # fmt: skip
        print(f"{row['architecture']:<10}{row['samples']:>8}{row['click_to_swap_s']:>14.0f}s{row['epochs']:>8}"
              f"{row['event_loop_delay_ms_p99']:>13.1f}{row['event_loop_delay_ms_max']:>15.1f}"
              f"{row['parts_inspected_meanwhile']:>17}{figures}  {row['outcome']}")  # fmt: skip
    print("quality: the swapped-in model on 50 good and 50 defective other demo cookies of the line's station")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"cpus": os.cpu_count(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
