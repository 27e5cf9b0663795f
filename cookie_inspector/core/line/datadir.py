"""The data folder: the inspection log, NG images, and (soon) good samples and trained models.

``$COOKIE_INSPECTOR_DATA`` or ``--data-dir`` moves it; by default it is the user's data folder of the platform
(``~/.local/share/cookie-inspector`` on Linux), found with platformdirs.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "COOKIE_INSPECTOR_DATA"


def default_data_dir() -> Path:
    """Where the app keeps its data unless told otherwise."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("cookie-inspector", appauthor=False)
