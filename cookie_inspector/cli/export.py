"""``cookie-inspector export``: a feature model's bundle gets its LiteRT export (inference without TensorFlow)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_OK


def add_parser(commands) -> None:
    export = commands.add_parser(
        "export",
        help="add a LiteRT export to a feature model's bundle",
        description="Convert a feature model (the default and the other feature heads) for LiteRT, the TensorFlow "
        "Lite runtime, and store it in the bundle (model.tflite, litert.json). Training does it for every feature "
        "model it saves; this is for bundles saved without it (older releases, train --no-export). Inspect, run and "
        "the window then run the model with LiteRT: the same scores, faster, without TensorFlow. Pixel networks run "
        "with TensorFlow.",
    )
    export.add_argument("model_dir", type=Path, metavar="MODEL_DIR")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.model.litert import export_litert

    path = export_litert(load_bundle(args.model_dir))
    print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MB)")
    return EXIT_OK
