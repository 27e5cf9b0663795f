"""``cookie-inspector report``: the shift report of the logged parts, as PDF or HTML, with their CSV beside it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from cookie_inspector.cli.review import add_period_options


def add_parser(commands) -> None:
    report = commands.add_parser(
        "report",
        help="write the shift report (PDF or HTML) and the parts' CSV",
        description="Write the shift report of the inspection log: parts, OK/WARN/NG and yield, NG by defect type "
        "(from the labels), NG share per hour, the score distribution, the models and every threshold change, time "
        "without signal, the alarms and their acknowledgements, the top NG parts and the rates measured from the "
        "labels. The parts (and their labels) go to a CSV beside it (report.pdf: report.csv). Without --run, "
        "--since or --until: every part in the log.",
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="report.pdf or report.html")
    add_period_options(report, "the report's language")
    report.add_argument("--product", metavar="NAME", help="only this product's parts (\"\" for the unnamed one; "
                        "default: every product). Parts judged while a new product was taught and those of a replay "
                        "are never counted: the report lists them apart")  # fmt: skip
    report.add_argument("--station", metavar="NAME", help="only this station's parts (run --headless --station; "
                        "default: every station)")  # fmt: skip
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.line.datadir import default_data_dir
    from cookie_inspector.core.line.review import ReviewError, ReviewFilter
    from cookie_inspector.gui.app import write_report
    from cookie_inspector.gui.report_writer import FORMATS, ReportError

    if args.out.suffix.lower() not in FORMATS:
        report(f"{args.out}: a report is a .pdf or an .html file")
        return EXIT_USAGE
    if args.run and (args.since or args.until):
        report("--run or --since/--until, not both")
        return EXIT_USAGE
    if args.since and args.until and args.until <= args.since:
        report("--until must come after --since")
        return EXIT_USAGE
    folder = Path(args.data_dir or default_data_dir())
    try:
        parts, csv_path = write_report(folder, ReviewFilter(run=args.run, since=args.since, until=args.until,
                                                            product=args.product, station=args.station),
                                       args.out, getattr(args, "language", None))  # fmt: skip
    except (ReviewError, ReportError) as exc:
        report(str(exc))
        return EXIT_INPUT
    print(f"wrote {args.out} ({parts} parts) and {csv_path}")
    return EXIT_OK
