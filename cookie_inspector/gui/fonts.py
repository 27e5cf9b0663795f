"""Japanese on any PC: the font that ships with the app (IPAexGothic, resources/fonts) is registered with Qt at start
and follows the system's font in the application's font. Qt tries a font's families in turn for each character, so
whatever the system's font cannot draw (all of Japanese, on a PC without a Japanese font) is drawn with the shipped
one: in the window, its dialogs, the review, the shift report (Qt embeds what it draws into the PDF) and its plots.

And the check that a text can be drawn: every character has a glyph in the font that draws it, its families and
the system's fallbacks included (``cookie-inspector fonts`` runs it over the whole window)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication, QTextLayout
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QGroupBox, QLabel, QMainWindow, QToolTip, QWidget

from cookie_inspector.core.resources import japanese_font

_shipped: list[str] | None = None


def shipped_families() -> list[str]:
    """The shipped font's families, registered with Qt once per process; [] when its file is missing or unreadable
    (the app then draws with the system's fonts alone)."""
    global _shipped
    if _shipped is None:
        path = japanese_font()
        font_id = QFontDatabase.addApplicationFont(str(path)) if path is not None else -1
        _shipped = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return list(_shipped)


def install_fonts(app: QGuiApplication) -> list[str]:
    """Register the shipped font and put its family after the application font's own, so that every widget,
    dialog and painter that starts from the application's font (``QFont()`` does) draws with it what the system's
    font has no glyph for. Returns the shipped families."""
    families = shipped_families()
    font = app.font()
    wanted = [*font.families(), *(family for family in families if family not in font.families())]
    if wanted != font.families():
        font.setFamilies(wanted)
        app.setFont(font)
    return families


def missing_glyphs(text: str, font: QFont) -> str:
    """The characters of ``text`` (each once) that ``font`` cannot draw: no glyph in any of its families nor in the
    system's fallbacks. Spaces and control characters draw nothing and are never missing."""
    metrics = QFontMetrics(font)
    return "".join(dict.fromkeys(c for c in text if c.isprintable() and not c.isspace()
                                 and not metrics.inFontUcs4(ord(c))))  # fmt: skip


def drawn_with(text: str, font: QFont) -> list[str]:
    """The families that really draw ``text`` in ``font`` (Qt's layout, fallbacks included), in order of use."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return list(dict.fromkeys(run.rawFont().familyName() for run in layout.glyphRuns()))


def window_texts(window: QMainWindow) -> list[tuple[str, str, QFont]]:
    """(where, text, the font it is drawn in) of everything a window shows in words: its title, labels, buttons,
    group and dock titles, tooltips, menus and their entries."""
    found = [("title", window.windowTitle(), window.font())]
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((kind, widget.text(), widget.font()))
        if isinstance(widget, QGroupBox):
            found.append((kind, widget.title(), widget.font()))
        if isinstance(widget, QDockWidget):
            found.append((kind, widget.windowTitle(), widget.font()))
        if widget.toolTip():
            found.append((f"{kind} tooltip", widget.toolTip(), QToolTip.font()))
    for menu_action in window.menuBar().actions():
        found.append(("menu", menu_action.text(), window.menuBar().font()))
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if action.text():
                found.append(("menu entry", action.text(), menu.font()))
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                found.append(("menu tip", action.toolTip(), QToolTip.font()))
            if action.menu() is not None:
                found += [("submenu entry", a.text(), action.menu().font()) for a in action.menu().actions()]
    return found


def undrawable(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, text, its characters without a glyph) for each text of ``window`` that cannot be drawn whole."""
    problems = []
    for where, text, font in window_texts(window):
        missing = missing_glyphs(text, font)
        if missing:
            problems.append((where, text, missing))
    return problems
