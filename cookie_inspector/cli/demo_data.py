"""``cookie-inspector demo-data``: a demo cookie data set and its contact sheet."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_OK, count


def _defect_types() -> tuple[str, ...]:
    from cookie_inspector.synth.cookies import DEFECT_TYPES

    return DEFECT_TYPES


def _defect_mix(text: str):
    from cookie_inspector.synth.parts import DefectMix

    try:
        return DefectMix.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _severity(text: str) -> tuple[float, float]:
    from cookie_inspector.synth.parts import DefectMix

    try:
        low, high = (float(p) for p in text.split(","))
        return DefectMix(severity=(low, high)).severity  # the mix checks the range
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: expected LOW,HIGH with 0 <= LOW <= HIGH <= 1 ({exc})") from None


def add_parser(commands) -> None:
    demo = commands.add_parser(
        "demo-data",
        help="write a demo cookie data set (MVTec layout) and a contact sheet",
        description="Draw procedural cookies as the demo line's camera sees them, good and defective, with exact "
        "defect masks, into OUT_DIR/train/good, OUT_DIR/test/<good|defect> and OUT_DIR/ground_truth/<defect>. "
        "The same seed always gives the same set; another seed gives other cookies.",
    )
    demo.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    demo.add_argument("--seed", type=int, default=0, help="which cookies (default: 0)")
    demo.add_argument("--train", type=count, default=200, help="good training images (default: 200)")
    demo.add_argument("--test-good", type=count, default=40, help="good test images (default: 40)")
    demo.add_argument("--test-defect", type=count, default=60, help="defective test images (default: 60)")
    demo.add_argument(
        "--defects",
        type=_defect_mix,
        metavar="TYPE=WEIGHT,...",
        help=f"which defects and how often, e.g. crack=2,chip=1 (default: all of {', '.join(_defect_types())} equally)",
    )
    demo.add_argument(
        "--severity", type=_severity, metavar="LOW,HIGH", help="defect severity range within 0..1 (default: 0.2,1)"
    )
    demo.add_argument(
        "--recipe",
        choices=["sugar", "chocolate"],
        default="sugar",
        help="toppings: sugar crystals (the demo line's, default) or chocolate chips (a harder test)",
    )
    demo.add_argument("--contact-sheet", type=Path, metavar="PNG", help="also write a grid of examples here")
    demo.set_defaults(handler=cmd_demo_data)


def cmd_demo_data(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from dataclasses import replace

    from cookie_inspector.core.frames.imageio import write_image
    from cookie_inspector.synth.dataset import contact_sheet, write_dataset
    from cookie_inspector.synth.parts import DefectMix

    mix = args.defects or DefectMix()
    if args.severity:
        mix = replace(mix, severity=args.severity)
    total = args.train + args.test_good + args.test_defect
    step = max(1, total // 10)

    def progress(done: int, count: int) -> None:
        if done % step == 0 or done == count:
            print(f"{done}/{count} images", file=sys.stderr, flush=True)

    summary = write_dataset(
        args.out_dir,
        seed=args.seed,
        train=args.train,
        test_good=args.test_good,
        test_defect=args.test_defect,
        mix=mix,
        recipe=args.recipe,
        progress=progress,
    )
    defects = ", ".join(f"{n} {name}" for name, n in summary["test_defect"].items()) or "none"
    print(
        f"wrote {args.out_dir}: {summary['train']} training images, {summary['test_good']} good test images, "
        f"defective test images: {defects}"
    )
    if args.contact_sheet:
        write_image(args.contact_sheet, contact_sheet(seed=args.seed, recipe=args.recipe))
        print(f"wrote {args.contact_sheet}")
    return EXIT_OK
