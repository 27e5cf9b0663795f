"""The ``cookie-inspector`` command: train, inspect, evaluate and describe models without a window.

Exit codes: 0 done (inspect: every input inspected, every part OK or WARN); 1 inspect found at least one NG part
(this wins: also when other inputs could not be read), or fonts found a text that no font on this PC can draw; 2 the
command line is wrong; 3 an input or output file is a problem and no part is NG (unreadable image, missing folder, too
few samples, full disk); 4 a model bundle is missing or corrupt; 130 cancelled.
"""

from __future__ import annotations

import argparse
import json

from cookie_inspector import __version__
from cookie_inspector.cli import cameras, demo_data, evaluate, export, fonts, info, inspect, report, review, run, train
from cookie_inspector.cli.common import (
    EXIT_CANCELLED,
    EXIT_INPUT,
    EXIT_MODEL,
    EXIT_NG,
    EXIT_OK,
    EXIT_USAGE,
    err,
)
from cookie_inspector.cli.train import ARCH_CHOICES

__all__ = [
    "ARCH_CHOICES",
    "EXIT_CANCELLED",
    "EXIT_INPUT",
    "EXIT_MODEL",
    "EXIT_NG",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cookie-inspector",
        description="Visual inspection with a model taught only from good products (the features of an "
        "ImageNet-pretrained backbone; the original article's autoencoder as --arch seed).",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--language", choices=("en", "ja"), help="the window's language (default: the one chosen "
                        "in View > Language, else the system's)")  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (train, inspect, evaluate, demo_data, run, review, report, export, cameras, info, fonts):
        command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no command: the window, on the remembered line (the demo line the first time)
        from cookie_inspector.gui.app import main as window_main

        return window_main(language=args.language)
    json_errors = getattr(args, "progress", None) == "json"

    def report(message: str) -> None:
        if json_errors:
            print(json.dumps({"event": "error", "message": message}), flush=True)
        err(message)

    from cookie_inspector.core.errors import (
        BundleError,
        DatasetError,
        ImageReadError,
        InspectorError,
        NotEnoughSamplesError,
        TrainingCancelled,
    )

    try:
        return args.handler(args, report)
    except TrainingCancelled as exc:
        if json_errors:
            print(json.dumps({"event": "cancelled", "message": str(exc)}), flush=True)
        err(str(exc))
        return EXIT_CANCELLED
    except BundleError as exc:
        report(str(exc))
        return EXIT_MODEL
    except (ImageReadError, NotEnoughSamplesError, DatasetError) as exc:
        report(str(exc))
        return EXIT_INPUT
    except InspectorError as exc:
        report(str(exc))
        return EXIT_INPUT
    except OSError as exc:
        name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        report(f"{name}{exc.strerror or exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        err("interrupted")
        return EXIT_CANCELLED
