"""Where the files that ship with the app live (demo model, sound, icons, fonts), however it was installed.

A source checkout and an editable install read the top-level ``resources/`` folder in place; a wheel carries the
same folder inside the package (``cookie_inspector/resources``); a frozen bundle unpacks it beside the program.
``COOKIE_INSPECTOR_RESOURCES`` overrides all of these.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import cookie_inspector
from cookie_inspector.core.errors import BundleError

ENV_VAR = "COOKIE_INSPECTOR_RESOURCES"
DEMO_MODEL = "demo_model"


def resource_candidates() -> list[Path]:
    """The folders searched, in order."""
    package = Path(cookie_inspector.__file__).resolve().parent
    candidates = []
    if os.environ.get(ENV_VAR):
        candidates.append(Path(os.environ[ENV_VAR]))
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [package / "resources", package.parent / "resources"]
    return candidates


def resources_dir() -> Path:
    """The first resources folder that exists."""
    for candidate in resource_candidates():
        if candidate.is_dir():
            return candidate
    searched = ", ".join(str(c) for c in resource_candidates())
    raise FileNotFoundError(f"the app's resources folder is missing (searched {searched})")


def _shipped_file(*parts: str) -> Path | None:
    """A file in the resources folder, or None when it (or the folder) is missing."""
    try:
        path = resources_dir().joinpath(*parts)
    except FileNotFoundError:
        return None
    return path if path.is_file() else None


def alarm_sound() -> Path | None:
    """The alarm sound shipped in resources/sounds, or None when it is missing (the window then beeps)."""
    return _shipped_file("sounds", "alarm.wav")


def app_icon() -> Path | None:
    """The application icon (PNG) shipped in resources/icons, or None when it is missing."""
    return _shipped_file("icons", "cookie-inspector.png")


def demo_model_dir() -> Path:
    """The shipped demo model bundle: used whenever no model is named."""
    try:
        folder = resources_dir() / DEMO_MODEL
    except FileNotFoundError as exc:
        raise BundleError(f"no model given and the demo model is missing: {exc}") from None
    if not (folder / "meta.json").is_file():
        raise BundleError(f"no model given and the demo model is missing from {folder}")
    return folder


def translation_file(language: str) -> Path | None:
    """The compiled Qt translation (resources/translations/cookie_inspector_<language>.qm), or None."""
    return _shipped_file("translations", f"cookie_inspector_{language}.qm")


def qt_gaps_file(language: str) -> Path | None:
    """Qt's own strings that Qt's translation lacks (resources/translations/qt_gaps_<language>.qm), or None."""
    return _shipped_file("translations", f"qt_gaps_{language}.qm")


JAPANESE_FONT = "ipaexg.ttf"
"""IPAexGothic (IPA Font License v1.0, resources/fonts): Japanese on a PC that has no Japanese font of its own."""


def japanese_font() -> Path | None:
    """The Japanese font shipped in resources/fonts, or None when it is missing."""
    return _shipped_file("fonts", JAPANESE_FONT)
