"""Detection quality of the seed and default architectures, trained and evaluated side by side on one data set.

Trains each architecture on ``DATASET/train/good`` (same images, same held-out split, same epochs), evaluates it
on ``DATASET/test`` with ``cookie_inspector.core.evaluation``, and prints one table: image AUROC, pixel AUROC,
false-alarm and detection rates at the calibrated threshold, training time and inference speed.

    .venv/bin/python benchmarks/quality.py ../shared/data/mvtec3d_tire --epochs 50
    .venv/bin/python benchmarks/quality.py ../shared/data/magnetic_tile --epochs 10 --archs default seed

Models are written under ``--models`` (default: a temporary folder) and the figures to ``--json``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.bundle import load_bundle
from cookie_inspector.core.evaluation import evaluate
from cookie_inspector.core.inspector import Inspector
from cookie_inspector.core.training import TrainingConfig, train

METRICS = ("image_auroc", "pixel_auroc", "false_alarm_rate", "detection_rate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--archs", nargs="+", default=["default", "seed"])
    parser.add_argument("--models", type=Path, help="keep the trained bundles here")
    parser.add_argument("--json", type=Path, help="default: benchmarks/results/quality-<dataset>.json")
    args = parser.parse_args()
    out_json = args.json or Path(__file__).parent / "results" / f"quality-{args.dataset.resolve().name}.json"

    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        models = args.models or Path(tmp)
        for name in args.archs:
            print(f"training {name} on {args.dataset} for {args.epochs} epochs", flush=True)
            started = time.perf_counter()
            train(args.dataset, models / f"{args.dataset.resolve().name}-{name}",
                  TrainingConfig(architecture=name, epochs=args.epochs))  # fmt: skip
            train_s = time.perf_counter() - started
            inspector = Inspector(load_bundle(models / f"{args.dataset.resolve().name}-{name}"), region="full")
            started = time.perf_counter()
            results = evaluate(inspector, args.dataset)
            eval_s = time.perf_counter() - started
            rows[name] = {
                **{key: results[key] for key in METRICS},
                "by_defect": results["by_defect"],
                "images": results["images"],
                "threshold": results["threshold"],
                "train_seconds": round(train_s, 1),
                "eval_images_per_s": round(results["images"] / eval_s, 2),
                "good_scores_median": float(
                    np.median([r["score"] for r in results["per_image"] if r["defect"] == "good"])
                ),
            }
            print(f"  {name}: " + ", ".join(f"{k} {rows[name][k]:.3f}" for k in METRICS if rows[name][k] is not None))

    header = (
        f"{'architecture':<14}{'image AUROC':>13}{'pixel AUROC':>13}{'false alarms':>14}{'detected':>10}{'train s':>9}"
    )
    print()
    print(f"{args.dataset} ({args.epochs} epochs)")
    print(header)
    print("-" * len(header))
    for name, r in rows.items():
        print(f"{name:<14}{r['image_auroc']:>13.3f}{r['pixel_auroc'] or float('nan'):>13.3f}"
              f"{r['false_alarm_rate']:>14.3f}{r['detection_rate']:>10.3f}{r['train_seconds']:>9.0f}")  # fmt: skip
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps({"dataset": str(args.dataset), "epochs": args.epochs, "results": rows}, indent=2))
    print(f"\nwrote {out_json}")


if __name__ == "__main__":
    main()
