"""A PC without a Japanese font, on any machine: a fontconfig configuration with the system's fonts and settings but
every font that draws Japanese, Chinese or Korean rejected. Fontconfig reads it once, when Qt starts, so it serves a
fresh process (``FONTCONFIG_FILE`` in its environment). Used by the tests and by the bundles' smoke test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HAN_LANGUAGES = ("ja", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "ko")
"""Fontconfig's languages whose fonts carry kanji or kana."""


def fontconfig_without_cjk(folder: Path, also: tuple[Path, ...] = ()) -> Path:
    """Write ``folder/fonts.conf``: the system's font folders (and ``also``) and its settings, minus every font that
    covers a language of :data:`HAN_LANGUAGES`; its cache in ``folder``. Returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    dirs = ["/usr/share/fonts", "/usr/local/share/fonts", *(str(p) for p in also)]
    rejected = "".join(f'<pattern><patelt name="lang"><string>{lang}</string></patelt></pattern>'
                       for lang in HAN_LANGUAGES)  # fmt: skip
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + f"  <cachedir>{folder / 'cache'}</cachedir>\n"
        + '  <include ignore_missing="yes">/etc/fonts/conf.d</include>\n'
        + f"  <selectfont><rejectfont>{rejected}</rejectfont></selectfont>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def environment_without_cjk(folder: Path, base: dict[str, str] | None = None,
                            shipped_font: str = "shipped") -> dict[str, str]:  # fmt: skip
    """``base`` (else this process's environment, with a home of its own in ``folder``) for a process that sees no
    Japanese font of the system's, even one this machine has: a copy of the shipped font is put among the system's
    fonts, so a pass proves the rejection, not the machine's lack. ``shipped_font``: "missing" or "damaged" (a file
    of garbage in its place) gives the app its resources as they are but without a usable shipped font (controls)."""
    system = folder / "system-fonts"
    system.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "resources" / "fonts" / "ipaexg.ttf", system / "japanese-font-of-the-system.ttf")
    if base is None:
        base = {k: v for k, v in os.environ.items() if not k.startswith("COOKIE_INSPECTOR")}
        base.update(HOME=str(folder / "home"), XDG_CONFIG_HOME=str(folder / "home" / "config"))
    env = dict(base, FONTCONFIG_FILE=str(fontconfig_without_cjk(folder / "fontconfig", also=(system,))),
               QT_QPA_PLATFORM="offscreen")  # fmt: skip
    if shipped_font != "shipped":
        resources = folder / f"resources-font-{shipped_font}"
        resources.mkdir(exist_ok=True)
        for item in (ROOT / "resources").iterdir():
            if item.name != "fonts" and not (resources / item.name).exists():
                (resources / item.name).symlink_to(item)
        if shipped_font == "damaged":
            (resources / "fonts").mkdir(exist_ok=True)
            (resources / "fonts" / "ipaexg.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(range(256)) * 64)
        env["COOKIE_INSPECTOR_RESOURCES"] = str(resources)
    return env
