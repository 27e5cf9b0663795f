"""The window's language: English or Japanese, from ``--language``, else the remembered choice (*View > Language*),
else the system locale. Qt's translators do the work: the app's own (resources/translations, compiled by
``pyside6-lrelease``), Qt's for its standard dialogs, and ours for what Qt's lacks (the file dialog's labels)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from cookie_inspector.core.resources import qt_gaps_file, translation_file

LANGUAGES = {"en": "English", "ja": "日本語"}
"""The languages the window speaks, by code, each named in itself (for the menu)."""
SETTING = "view/language"

_installed: list[QTranslator] = []


def system_language() -> str:
    """``ja`` when the system's locale is Japanese, else ``en``."""
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def chosen_language(settings: QSettings, requested: str | None = None) -> str:
    """The language to use: ``requested`` (the command line), else the remembered one, else the system's."""
    for candidate in (requested, settings.value(SETTING, "") or None):
        if candidate in LANGUAGES:
            return str(candidate)
    return system_language()


def _load(translator: QTranslator, path: Path | None) -> bool:
    """Load a compiled translation from memory: Qt maps a file it loads, so a file replaced while the window runs
    (an update installed, a translation compiled again) would take the window's words away, or stop it."""
    if path is None:
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False
    translator.data = data  # Qt reads from these bytes as long as the translator lives
    return translator.load(data)


def install_language(app: QCoreApplication, language: str) -> bool:
    """Put the app in ``language`` (replacing an earlier choice); True when its translation was found. English has
    one too: it holds the plural forms ("%n part(s)": "1 part", "2 parts")."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    found = False
    ours = QTranslator(app)
    if _load(ours, translation_file(language)):
        app.installTranslator(ours)
        _installed.append(ours)
        found = True
    qt = QTranslator(app)
    if language != "en" and qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    gaps = QTranslator(app)  # installed last: asked first, before Qt's own
    if _load(gaps, qt_gaps_file(language)):
        app.installTranslator(gaps)
        _installed.append(gaps)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale(language).language()))
    return found
