"""Japanese on a PC without a Japanese font: the shipped font (IPAexGothic, resources/fonts) is registered at start
and follows the system's font, so every text of the Japanese window has a glyph in the font that really draws it.
Proved in fresh processes whose fontconfig sees the system's fonts minus every Japanese, Chinese and Korean one
(tests/fontless.py), against a control without the shipped font."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from cookie_inspector.core.resources import JAPANESE_FONT, japanese_font
from cookie_inspector.gui.fonts import install_fonts, missing_glyphs, shipped_families
from tests.fontless import ROOT, environment_without_cjk


def _fonts_check(env: dict[str, str], cwd: Path) -> tuple[int, dict]:
    done = subprocess.run([sys.executable, "-m", "cookie_inspector", "fonts", "--language", "ja", "--json"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stdout + done.stderr
    return done.returncode, json.loads(lines[-1])


def test_on_a_pc_without_a_japanese_font_the_japanese_window_draws_every_character(tmp_path: Path):
    # the control: the same PC, the app without its font: Japanese has no glyph, so the check can fail
    code, control = _fonts_check(environment_without_cjk(tmp_path / "control", shipped_font="missing"), tmp_path)
    assert code == 1 and control["shipped_font"] == {"file": None, "families": []}
    assert "検" in control["japanese_missing"] and "ワ" in control["japanese_missing"]
    assert len(control["undrawable"]) > 50  # most of the Japanese window is boxes
    assert any(p["where"] == "title" and "外観検査" in p["text"] for p in control["undrawable"])

    # a damaged font file: said, and the window opens all the same (with boxes for Japanese)
    code, damaged = _fonts_check(environment_without_cjk(tmp_path / "damaged", shipped_font="damaged"), tmp_path)
    assert code == 1 and damaged["shipped_font"]["families"] == [] and damaged["window_texts"] > 100
    assert damaged["shipped_font"]["file"].endswith("ipaexg.ttf")

    code, result = _fonts_check(environment_without_cjk(tmp_path / "shipped"), tmp_path)
    assert code == 0, result["undrawable"][:5]
    assert result["language"] == "ja" and result["shipped_font"]["families"] == ["IPAexGothic"]
    assert result["japanese_drawn_with"] == ["IPAexGothic"] and result["japanese_missing"] == ""
    assert result["window_texts"] == control["window_texts"] > 100 and result["undrawable"] == []


def test_the_shipped_font_follows_the_application_font_once(qapp):
    assert japanese_font() == ROOT / "resources" / "fonts" / JAPANESE_FONT
    assert (ROOT / "resources" / "fonts" / "IPA_Font_License_Agreement_v1.0.txt").is_file()
    primary = QApplication.font().families()[0]
    assert install_fonts(qapp) == ["IPAexGothic"] == shipped_families()
    assert install_fonts(qapp) == ["IPAexGothic"]  # a second call (a second window) adds nothing
    assert QApplication.font().families() == [primary, "IPAexGothic"]
    assert QFont().families() == [primary, "IPAexGothic"]  # what every painter and widget starts from
    assert missing_glyphs("良品 不良 検査中 OK", QFont()) == ""
