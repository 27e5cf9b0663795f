"""The window's tests run in English, as the app does on an English system: the English translation is installed
(it gives the plural forms, "1 part" / "2 parts")."""

import pytest

from cookie_inspector.gui.i18n import install_language


@pytest.fixture(autouse=True, scope="session")
def english(qapp):
    assert install_language(qapp, "en")
    yield
