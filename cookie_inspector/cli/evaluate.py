"""``cookie-inspector evaluate``: a model measured on a labelled set in MVTec layout."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_OK, roi


def add_parser(commands) -> None:
    evaluate = commands.add_parser(
        "evaluate",
        help="measure a model on a labelled set in MVTec layout",
        description="Report image AUROC, pixel AUROC (where masks exist), and the false-alarm and detection rates "
        "at the model's threshold, on DATASET_DIR/test/good and DATASET_DIR/test/<defect>.",
    )
    evaluate.add_argument(
        "model_dir", type=Path, nargs="?", metavar="MODEL_DIR", help="model bundle (default: the shipped demo model)"
    )
    evaluate.add_argument("dataset_dir", type=Path, metavar="DATASET_DIR")
    evaluate.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    evaluate.add_argument("--roi", type=roi, metavar="X,Y,W,H", help="region of each image (default: all)")
    evaluate.set_defaults(handler=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.frames.imageio import write_bytes_atomic
    from cookie_inspector.core.judge.evaluation import discover_dataset, evaluate
    from cookie_inspector.core.judge.inspector import Inspector
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.resources import demo_model_dir

    discover_dataset(args.dataset_dir)  # a layout problem is reported before the model loads
    inspector = Inspector(load_bundle(args.model_dir or demo_model_dir()), roi=args.roi, region="full")
    results = evaluate(inspector, args.dataset_dir, roi=args.roi)
    for entry in results["unreadable"]:
        report(f"skipped {entry['error']}")

    def fmt(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    print(f"model     {results['model']} ({results['architecture']})")
    print(f"dataset   {results['dataset']}")
    print(f"images    {results['images']} ({results['good_images']} good, {results['defective_images']} defective)")
    print(f"threshold {results['threshold']:.5f}")
    print()
    print(f"{'':<24}{'images':>8}{'image AUROC':>13}{'detected':>10}")
    for defect, row in results["by_defect"].items():
        print(f"{defect:<24}{row['images']:>8}{fmt(row['image_auroc']):>13}{fmt(row['detection_rate']):>10}")
    print()
    print(f"image AUROC        {fmt(results['image_auroc'])}")
    print(f"pixel AUROC        {fmt(results['pixel_auroc'])}  ({results['pixel_auroc_images']} images with masks)")
    print(f"false-alarm rate   {fmt(results['false_alarm_rate'])}  (good images flagged NG)")
    print(f"detection rate     {fmt(results['detection_rate'])}  (defective images flagged NG)")
    if args.json:
        write_bytes_atomic(args.json, (json.dumps(results, indent=2) + "\n").encode())
    return EXIT_OK
