"""``cookie-inspector review``: the logged parts in the review window, to look back and label them."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_INPUT, EXIT_USAGE


def _time(text: str) -> str:
    from cookie_inspector.core.line.review import parse_time

    try:
        return parse_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(commands) -> None:
    review = commands.add_parser(
        "review",
        help="review and label the logged parts in a window",
        description="Open the review window on the inspection log of the data folder: the parts of a run, a shift "
        "or a time range as thumbnails with their heatmaps, to label them (D defect, G good, U unsure). The line "
        "may run meanwhile; labels are saved in the log at once.",
    )
    add_period_options(review, "the window's language")
    review.set_defaults(handler=cmd_review)


def add_period_options(parser: argparse.ArgumentParser, language: str) -> None:
    """The data folder, which parts (a run or a time range) and the language: review's and report's."""
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="the data folder (default: the user data "
                        "folder, or $COOKIE_INSPECTOR_DATA)")  # fmt: skip
    parser.add_argument("--run", metavar="ID", help="only this run's parts")
    parser.add_argument("--since", type=_time, metavar="T", help="only parts from this time on (2026-12-06T06:00, "
                        "2026-12-06, or 06:00 for today)")  # fmt: skip
    parser.add_argument("--until", type=_time, metavar="T", help="only parts before this time")
    parser.add_argument(
        "--language",
        choices=("en", "ja"),
        default=argparse.SUPPRESS,
        help=f"{language} (default: View > Language, else the system's)",
    )


def cmd_review(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.line.datadir import default_data_dir
    from cookie_inspector.core.line.review import ReviewError, ReviewFilter
    from cookie_inspector.gui.app import review_main

    if args.since and args.until and args.until <= args.since:
        report("--until must come after --since")
        return EXIT_USAGE
    folder = Path(args.data_dir or default_data_dir())
    try:
        return review_main(folder, ReviewFilter(run=args.run, since=args.since, until=args.until),
                           language=getattr(args, "language", None))  # fmt: skip
    except ReviewError as exc:
        report(str(exc))
        return EXIT_INPUT
