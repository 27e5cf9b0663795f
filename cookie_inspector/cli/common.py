"""What every command shares: exit codes, argument types, errors on stderr, cancelling on a signal."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable

EXIT_OK = 0
EXIT_NG = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_CANCELLED = 130


def roi(text: str):
    from cookie_inspector.core.errors import RoiError
    from cookie_inspector.core.frames.preprocess import Roi

    try:
        return Roi.parse(text)
    except RoiError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def number(convert: Callable[[str], float], accept: Callable[[float], bool], requirement: str):
    """An argparse type: ``convert`` the text, then insist on ``requirement``."""
    noun = "whole number" if convert is int else "number"

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {noun}") from None
        if not accept(value):
            raise argparse.ArgumentTypeError(f"{text} must be {requirement}")
        return value

    return parse


fraction = number(float, lambda v: 0.0 < v < 1.0, "between 0 and 1 (exclusive)")
positive_int = number(int, lambda v: v >= 1, "at least 1")
count = number(int, lambda v: v >= 0, "zero or more")
positive_float = number(float, lambda v: v > 0, "positive")


def err(message: str) -> None:
    print(f"cookie-inspector: {message}", file=sys.stderr)


def format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class CancelOnSignal:
    """SIGINT/SIGTERM set an event (training stops cleanly within a batch); a second signal acts as usual."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        self.event.set()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def __enter__(self) -> threading.Event:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self.event

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def lower_priority() -> None:
    """Give way to the other processes of the machine (the window's live inspection); best effort."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000
            ctypes.windll.kernel32.SetPriorityClass(ctypes.windll.kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except (OSError, AttributeError):
        pass
