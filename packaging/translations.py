"""Keep the window's translations in step with the code: ``python packaging/translations.py``.

1. ``pyside6-lupdate`` collects every ``tr()`` / ``QCoreApplication.translate()`` / ``QT_TRANSLATE_NOOP`` string of
   ``cookie_inspector/gui`` into ``resources/translations/cookie_inspector_<lang>.ts`` (existing translations are
   kept, strings no longer in the code are dropped);
2. the English file gets its plural forms ("%n part(s)" -> "1 part" / "2 parts") and the source as translation;
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` the app loads, ``qt_gaps_<lang>.ts`` too (Qt's own
   strings that Qt's translation lacks, such as the file dialog's labels; written by hand).

New strings in ``cookie_inspector_ja.ts`` come out *unfinished*: translate them (Qt Linguist: ``pyside6-linguist``,
or any editor), run this again, and commit both files. ``tests/gui/test_translations.py`` fails while a string of the
window has no finished translation or a ``.qm`` is older than its ``.ts``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("en", "ja")
SOURCES = sorted(str(p) for p in (ROOT / "cookie_inspector" / "gui").glob("*.py"))


def tool(name: str) -> str:
    """A PySide6 tool beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (pip install pyside6)")
    return found


def ts_path(language: str) -> Path:
    return FOLDER / f"cookie_inspector_{language}.ts"


def qm_path(language: str) -> Path:
    return FOLDER / f"cookie_inspector_{language}.qm"


def gaps() -> list[Path]:
    """``qt_gaps_<lang>.ts``: Qt's own strings that Qt's translation lacks (the file dialog's), written by hand."""
    return sorted(FOLDER.glob("qt_gaps_*.ts"))


def lupdate(language: str, ts: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *SOURCES, "-no-obsolete", "-locations", "none", "-source-language",
                    "en", "-target-language", language, "-ts", str(ts)], check=True, capture_output=True)  # fmt: skip


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def english_forms(source: str) -> tuple[str, str]:
    """The singular and plural of an English "%n thing(s)" message."""
    return source.replace("(s)", ""), source.replace("(s)", "s")


def fill_english(ts: Path) -> None:
    """English: the source is the translation; plural messages get their two forms."""
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            for form in english_forms(source):
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = source
    write_ts(tree, ts)


def write_ts(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def unfinished(ts: Path) -> list[str]:
    """The sources of ``ts`` without a finished, non-empty translation."""
    missing = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] if message.get("numerus") == "yes" else [
            translation.text]  # fmt: skip
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(f and f.strip() for f in forms):
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_path(language)
        lupdate(language, ts)
        if language == "en":
            fill_english(ts)
        lrelease(ts, qm_path(language))
        missing = unfinished(ts)
        print(f"{ts.name}: {len(missing)} string(s) to translate" + (":" if missing else ""))
        for source in missing:
            print(f"    {source!r}")
    for ts in gaps():
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"{ts.name}: compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
