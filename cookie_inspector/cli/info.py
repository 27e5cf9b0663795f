"""``cookie-inspector info``: a model bundle described."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_OK


def add_parser(commands) -> None:
    info = commands.add_parser("info", help="describe a model bundle", description="Print a bundle's metadata.")
    info.add_argument("model_dir", type=Path, metavar="MODEL_DIR")
    info.add_argument("--json", action="store_true", help="print meta.json as it is")
    info.set_defaults(handler=cmd_info)


def cmd_info(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.model.litert import tensorflow_installed

    # the Keras model checked where TensorFlow is there (a damaged one is no bundle); the line bundle checks what it
    # runs, the export
    bundle = load_bundle(args.model_dir, runtime="tensorflow" if tensorflow_installed() else "auto")
    meta = bundle.meta
    if args.json:
        print(json.dumps(meta, indent=2))
        return EXIT_OK
    trained = meta["trained_on"]
    calibration = meta["calibration"]
    print(f"product        {bundle.product or 'unnamed'}")
    print(f"architecture   {meta['architecture']} ({meta['parameters']:,} parameters)")
    features = (meta.get("training") or {}).get("features")
    if isinstance(features, dict):
        print(f"features       {features.get('backbone')} ({features.get('weights')} weights) at "
              f"{features.get('backbone_size')} px, taps {', '.join(features.get('taps', []))}; "
              f"{meta['training'].get('head')} head")  # fmt: skip
    print(f"input          {' x '.join(str(v) for v in meta['input_shape'])}")
    region = f"region {','.join(map(str, bundle.roi.as_list()))}" if bundle.roi else "whole images"
    if bundle.framing == "product":
        region += ", framed around the product found on each (the line frames each frame so)"
    print(f"trained on     {region}, {'grey' if bundle.grey else 'colour'} pictures")
    print(f"threshold      {meta['threshold']:.5f} (warn from {meta['warn_threshold']:.5f})")
    print(
        f"calibration    target false-alarm rate {calibration['target_false_alarm_rate']} on "
        + (f"out-of-fold scores of {calibration['held_out_samples']} good images ({calibration['folds']} folds)"
           if calibration.get("folds") else f"{calibration['held_out_samples']} held-out good images")
    )  # fmt: skip
    print(f"samples        {trained['samples']} images ({trained['digest'][:19]}...)")
    from cookie_inspector.core.model.choice import describe, estimate_of

    estimate = estimate_of(meta)
    if estimate is not None:
        choice = meta["training"]["choice"]
        print(f"chosen         {choice['chosen']} (of {len(choice['candidates'])} candidates, on test defects made "
              "from its samples)")  # fmt: skip
        print(f"sees           {describe(estimate)}")
    from cookie_inspector.core.model.litert import exported, litert_available, runs_with_litert

    if runs_with_litert(bundle.path, bundle.family != "features"):
        runtime = "LiteRT (model.tflite)"
    elif exported(bundle.path):
        runtime = ("TensorFlow (LiteRT is not installed)" if not litert_available() else
                   "TensorFlow (faster here; its LiteRT export runs where TensorFlow is not installed)")  # fmt: skip
    else:
        runtime = "TensorFlow (cookie-inspector export adds a LiteRT export)"
    print(f"runs with      {runtime}")
    print(f"created        {meta['created']}")
    return EXIT_OK
