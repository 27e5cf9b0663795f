"""``cookie-inspector train``: a model bundle from a folder of good images."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import (
    EXIT_MODEL,
    EXIT_OK,
    EXIT_USAGE,
    CancelOnSignal,
    format_seconds,
    fraction,
    lower_priority,
    number,
    positive_float,
    positive_int,
    roi,
)

ARCH_CHOICES = ("default", "feature-auto", "feature-gaussian", "feature-memory", "feature-ensemble", "feature-ae",
                "pixel", "seed")  # fmt: skip
"""The ``--arch`` names (kept here so that ``--help`` needs no TensorFlow; a test keeps it in step with the
architectures)."""


def add_parser(commands) -> None:
    train = commands.add_parser(
        "train",
        help="train a model on a folder of good images",
        description="Train a model on good images, calibrate its threshold on out-of-fold scores of every good "
        "image (the fixed heads may hold a share out instead: --folds 0), and save a model bundle. SAMPLES_DIR is a "
        "folder of images (or a dataset root with train/good/). The default model scores the features of an "
        "ImageNet-pretrained backbone (EfficientNet-Lite0) with the head and score chosen for the product from its "
        "good samples and test defects made from them (the Gaussian, the memory or both, with or without "
        "per-position z-scores); feature-gaussian, feature-memory, feature-ensemble and feature-ae are fixed heads, "
        "pixel the compact pixel autoencoder of the first release, seed the original article's network.",
    )
    train.add_argument("samples_dir", type=Path, metavar="SAMPLES_DIR")
    train.add_argument("--out", type=Path, required=True, metavar="MODEL_DIR", help="where to write the bundle")
    train.add_argument("--product", default="", metavar="NAME", help="the product's name, recorded in the model "
                       "(the window, the log, the report and the line outputs name it)")  # fmt: skip
    train.add_argument("--arch", default="default", choices=ARCH_CHOICES, help="model (default: default)")
    train.add_argument("--epochs", type=positive_int,
                       help="passes over the data (pixel networks: 50; feature-ae: 3000 images in all, 5 to 60 "
                       "epochs; other heads: one pass)")  # fmt: skip
    train.add_argument("--batch-size", type=positive_int, help="images per step (default: 8)")
    train.add_argument("--learning-rate", type=positive_float, help="Adam step size (seed: 5e-4, default: 1e-3)")
    train.add_argument("--size", type=positive_int, default=300, help="model input side in pixels (default: 300)")
    train.add_argument("--roi", type=roi, metavar="X,Y,W,H", help="region of each image to use (default: all)")
    train.add_argument("--framing", choices=("region", "product"), default="region",  # presence.FRAMINGS
                       help="product: crop each picture around the product found on it (a product on a plain "
                       "background), and frame the line's frames the same way; region: the region as it is "
                       "(default; a samples folder captured around the product is framed already)")  # fmt: skip
    train.add_argument("--holdout", type=fraction, default=0.2, help="share held out to calibrate the networks "
                       "that are not calibrated out of fold (default: 0.2)")  # fmt: skip
    train.add_argument("--folds", type=number(int, lambda v: v == 0 or v >= 2, "0, or 2 or more"), default=5,
                       metavar="K", help="default, Gaussian and memory models: calibrate on out-of-fold scores of "
                       "every sample from K folds (default: 5; 0: hold a share out instead)")  # fmt: skip
    train.add_argument(
        "--false-alarm-rate", type=fraction, default=0.01, help="target share of good parts flagged NG (0.01)"
    )
    train.add_argument("--warn-rate", type=fraction, default=0.05, help="target share of good parts in WARN (0.05)")
    train.add_argument("--seed", type=int, default=0, help="random seed for the split and the weights (0)")
    train.add_argument("--progress", choices=["text", "json"], default="text", help="json: JSON lines on stdout")
    train.add_argument("--background", action="store_true",
                       help="run at a lower priority: a live inspection on the same machine comes first")  # fmt: skip
    train.add_argument("--no-export", dest="export", action="store_false",
                       help="feature models: save without the LiteRT export (export adds it later)")  # fmt: skip
    train.set_defaults(handler=cmd_train)


def _text_progress(event: dict) -> None:
    kind = event["event"]
    if kind == "skipped":
        line = f"skipped {event['file']}: {event['reason']}"
    elif kind == "warning":
        line = f"warning: {event['file']}: {event['message']}"
    elif kind == "start":
        if event.get("folds"):
            line = (f"training {event['architecture']} on {event['training']} images, each also scored out of fold "
                    f"({event['folds']} folds) for calibration")  # fmt: skip
        else:
            line = (
                f"training {event['architecture']} on {event['training']} images, {event['held_out']} held out for "
                f"calibration"
            )
        if event.get("family") != "features" or event["architecture"] == "feature-ae":
            line += f", {event['epochs']} epochs"
    elif kind == "features":
        if event["done"] != event["total"] and event["done"] % 40 >= 8:
            return
        line = f"features of {event['done']}/{event['total']} images" + (
            " (the test images)" if event.get("what") == "test images" else ""
        )
    elif kind == "fitting":
        line = f"fitting the {event['head']} head ({event['step']}/{event['steps']})"
    elif kind == "epoch":
        val = event["val_loss"]
        line = (
            f"epoch {event['epoch']}/{event['epochs']}  loss {event['loss']:.5f}  "
            f"val {val if val is None else format(val, '.5f')}  {format_seconds(event['eta_s'])} left"
        )
    elif kind == "fold":
        line = f"fitting fold {event['fold']} of {event['folds']}"
    elif kind == "test_defects":
        line = f"making {event['count']} test defects from the samples, to choose the model and say what it sees"
    elif kind == "chosen":
        line = (f"chose {event['model']}: it catches {event['caught']} of {event['defects']} test defects where the "
                "line will settle")  # fmt: skip
    elif kind == "calibrating":
        if event.get("folds"):
            line = f"calibrating the threshold on the out-of-fold scores of {event['held_out']} images"
        else:
            line = f"calibrating the threshold on {event['held_out']} held-out images"
    elif kind == "exporting":
        line = "exporting the model for LiteRT, the line's runtime"
    elif kind == "done":
        line = (
            f"saved {event['model']}  threshold {event['threshold']:.5f}  warn {event['warn_threshold']:.5f}  "
            f"({format_seconds(event['seconds'])})"
        )
    else:
        line = json.dumps(event)
    print(line, file=sys.stderr, flush=True)


def _json_progress(event: dict) -> None:
    print(json.dumps(event), flush=True)


def cmd_train(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.model.litert import tensorflow_installed

    if not tensorflow_installed():
        report("this line bundle inspects without TensorFlow, which training needs: train with the full "
               "installation, then copy the model folder here")  # fmt: skip
        return EXIT_MODEL
    from cookie_inspector.core.model.architectures import get_architecture
    from cookie_inspector.core.model.training import TrainingConfig, train

    if get_architecture(args.arch).head == "auto" and args.folds < 2:
        report(f"{get_architecture(args.arch).name} chooses the model on out-of-fold scores: --folds 0 is for the "
               "other architectures (--arch)")  # fmt: skip
        return EXIT_USAGE
    progress = _json_progress if args.progress == "json" else _text_progress
    config = TrainingConfig(
        architecture=args.arch,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        size=args.size,
        roi=args.roi,
        framing=args.framing,
        product=args.product,
        holdout_fraction=args.holdout,
        folds=args.folds,
        false_alarm_rate=args.false_alarm_rate,
        warn_rate=max(args.warn_rate, args.false_alarm_rate),
        seed=args.seed,
        export=args.export,
    )
    try:
        config.resolved()
    except ValueError as exc:
        report(str(exc))
        return EXIT_USAGE
    if args.background:
        lower_priority()
    with CancelOnSignal() as cancel:
        train(args.samples_dir, args.out, config, progress=progress, cancel=cancel)
    return EXIT_OK
