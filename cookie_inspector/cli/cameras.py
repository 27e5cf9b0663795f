"""``cookie-inspector cameras``: the camera indices that deliver pictures."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cookie_inspector.cli.common import EXIT_INPUT, EXIT_OK, number


def add_parser(commands) -> None:
    cameras = commands.add_parser("cameras", help="list the cameras that deliver pictures",
                                  description="Try camera indices 0..N-1 and print those that open and give a frame "
                                  "(use one with run --source INDEX).")  # fmt: skip
    cameras.add_argument("--max", type=number(int, lambda v: v > 0, "a positive whole number"), default=8,
                         metavar="N", help="how many indices to try (default: 8)")  # fmt: skip
    cameras.set_defaults(handler=cmd_cameras)


def cmd_cameras(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.frames.capture import list_cameras

    found = list_cameras(args.max)
    for index in found:
        print(index)
    if not found:
        report(f"no camera answered on indices 0-{args.max - 1}")
        return EXIT_INPUT
    return EXIT_OK
