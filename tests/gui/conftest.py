"""Shared by the window's tests: they run in English, as the app does on an English system (the English translation
is installed: it gives the plural forms, "1 part" / "2 parts"); the shipped model's inspector; a settings file of
the test's own."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.gui.i18n import install_language


@pytest.fixture(autouse=True, scope="session")
def english(qapp):
    assert install_language(qapp, "en")
    yield


@pytest.fixture(scope="module")
def inspector() -> Inspector:
    """The shipped demo model, loaded once per test module."""
    return Inspector(load_bundle(demo_model_dir()))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The window's settings in a file of the test's own (never the user's)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
