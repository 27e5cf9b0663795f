"""``cookie-inspector fonts``: can this PC draw the window in its language? The shipped Japanese font, the fonts that
really draw Japanese here, and every text of the window (built off screen on the demo line) checked character by
character for a glyph."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import EXIT_OK

EXIT_UNDRAWABLE = 1
SAMPLE_JAPANESE = "良品 不良 要確認 ワークなし 検査 シフトレポート"
"""Kana and kanji of the window's own words: what the report of the fonts says is drawn with."""


def add_parser(commands) -> None:
    fonts = commands.add_parser(
        "fonts",
        help="check that this PC can draw the window's language",
        description="Say which font draws Japanese on this PC (the app ships IPAexGothic for PCs without one) and "
        "check every text of the window in the language (built off screen on the demo line, with nothing logged) "
        "for characters that no font can draw. Exit code 1 when one cannot be drawn.",
    )
    fonts.add_argument(
        "--language",
        choices=("en", "ja"),
        default=argparse.SUPPRESS,
        help="the window's language to check (default: View > Language, else the system's)",
    )
    fonts.add_argument("--json", action="store_true", help="print the result as one JSON object")
    fonts.set_defaults(handler=cmd_fonts)


def cmd_fonts(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from cookie_inspector.core.resources import japanese_font
    from cookie_inspector.gui.app import application, build_window, no_display_reason
    from cookie_inspector.gui.fonts import drawn_with, missing_glyphs, shipped_families, undrawable, window_texts
    from cookie_inspector.gui.i18n import chosen_language

    if QApplication.instance() is None and no_display_reason() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # glyphs need fonts, not a screen
    app, settings = application(getattr(args, "language", None))
    language = chosen_language(settings, getattr(args, "language", None))
    with tempfile.TemporaryDirectory(prefix="cookie-inspector-fonts-") as folder:
        scratch = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window("demo", data_dir=Path(folder) / "data", log=False, settings=scratch)
        deadline = time.monotonic() + 60
        while window.controller.model_state == "loading" and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        texts = window_texts(window)
        problems = undrawable(window)
        window.close()
        app.processEvents()
    path = japanese_font()
    result = {
        "language": language,
        "shipped_font": {"file": str(path) if path else None, "families": shipped_families()},
        "japanese_drawn_with": drawn_with(SAMPLE_JAPANESE, QFont()),
        "japanese_missing": missing_glyphs(SAMPLE_JAPANESE, QFont()),
        "window_texts": len(texts),
        "undrawable": [{"where": where, "text": text, "missing": missing} for where, text, missing in problems],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        shipped = ", ".join(result["shipped_font"]["families"]) or "missing"
        print(f"shipped font      {shipped}" + (f" ({path})" if path else ""))
        print(f"Japanese drawn    with {', '.join(result['japanese_drawn_with'])}"
              + (f"; no glyph for {result['japanese_missing']}" if result["japanese_missing"] else ""))  # fmt: skip
        print(
            f"window ({language})       {len(texts)} texts, "
            + (f"{len(problems)} with characters no font draws" if problems else "every character drawn")
        )
        for where, text, missing in problems[:20]:
            print(f"  {where}: {text!r}: no glyph for {missing}")
    if problems or result["japanese_missing"]:
        report("some text cannot be drawn on this PC" + ("" if path else ": the shipped Japanese font is missing"))
        return EXIT_UNDRAWABLE
    return EXIT_OK
