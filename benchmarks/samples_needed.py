"""How few good samples a new product can start with: the default model trained on N good samples, then judged
on fresh good parts (false alarms against the 1% the calibration targets) and on defective ones.

For each N, a model is trained on N good images (a fifth of them held out to calibrate, as Retrain does) and
evaluated on the test set: the demo cookies (fresh cookies of the same station: 200 good, 100 defective) and, where
``../shared/data`` has them, the real sets (their own test folders). Each N is repeated with several draws of the
samples; the table gives the median and the worst draw.

    .venv/bin/python benchmarks/samples_needed.py [--counts 10 15 20 30 50 100] [--draws 3] [--sets demo magnetic_tile]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.frames.imageio import list_images
from cookie_inspector.core.judge.evaluation import evaluate
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.training import TrainingConfig, resolve_samples_dir, train
from cookie_inspector.synth.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent
TARGET_FALSE_ALARMS = 0.01


def demo_sets(work: Path, largest: int) -> tuple[Path, Path]:
    """(a pool of good training cookies, a test set of fresh ones: 200 good, 100 defective), all of one station, as
    a line's own samples and parts are."""
    write_dataset(work / "demo", seed=21, train=largest, test_good=200, test_defect=100)
    return resolve_samples_dir(work / "demo"), work / "demo"


def run(pool: Path, test: Path, counts: list[int], draws: int, work: Path, name: str) -> list[dict]:
    files = list_images(pool)
    rows = []
    for count in counts:
        if count > len(files):
            continue
        results = []
        for draw in range(draws):
            pick = np.random.default_rng(100 * count + draw).choice(len(files), size=count, replace=False)
            folder = work / f"{name}-{count}-{draw}"
            folder.mkdir(parents=True)
            for i in pick:
                shutil.copy(files[i], folder / files[i].name)
            started = time.perf_counter()
            train(folder, work / f"model-{name}-{count}-{draw}", TrainingConfig(seed=draw))
            seconds = time.perf_counter() - started
            inspector = Inspector(load_bundle(work / f"model-{name}-{count}-{draw}"), region="full")
            result = evaluate(inspector, test)
            results.append({"false_alarm_rate": result["false_alarm_rate"], "detection_rate": result["detection_rate"],
                            "image_auroc": result["image_auroc"], "train_seconds": round(seconds, 1)})  # fmt: skip
            shutil.rmtree(folder)
        fa = [r["false_alarm_rate"] for r in results]
        det = [r["detection_rate"] for r in results]
        row = {"set": name, "samples": count, "draws": results,
               "false_alarm_median": statistics.median(fa), "false_alarm_worst": max(fa),
               "detection_median": statistics.median(det),
               "image_auroc_median": statistics.median(r["image_auroc"] for r in results)}  # fmt: skip
        rows.append(row)
        print(f"{name:<14}{count:>8}{row['false_alarm_median']:>12.3f}{row['false_alarm_worst']:>10.3f}"
              f"{row['detection_median']:>11.3f}{row['image_auroc_median']:>8.3f}", flush=True)  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10, 15, 20, 30, 50, 100])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument("--sets", nargs="+", default=["demo", "magnetic_tile", "mvtec3d_tire"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "samples_needed.json")
    args = parser.parse_args()
    print(f"default model: {DEFAULT_ARCHITECTURE}; false alarms on fresh good parts (target {TARGET_FALSE_ALARMS})")
    print(f"{'set':<14}{'samples':>8}{'FA median':>12}{'FA worst':>10}{'detected':>11}{'AUROC':>8}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.sets:
            if name == "demo":
                pool, test = demo_sets(work / "demo", max(args.counts))
            else:
                test = args.data / name
                if not test.is_dir():
                    print(f"{test}: missing, skipped")
                    continue
                pool = resolve_samples_dir(test)
            rows += run(pool, test, sorted(args.counts), args.draws, work, name)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"default_architecture": DEFAULT_ARCHITECTURE, "target": TARGET_FALSE_ALARMS,
                                     "rows": rows}, indent=2) + "\n")  # fmt: skip
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
