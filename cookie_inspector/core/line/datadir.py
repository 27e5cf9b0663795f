"""The data folder: the inspection log, NG images, and (soon) good samples and trained models.

``$COOKIE_INSPECTOR_DATA`` or ``--data-dir`` moves it; by default it is the user's data folder of the platform
(``~/.local/share/cookie-inspector`` on Linux), found with platformdirs.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from datetime import datetime
from pathlib import Path

import platformdirs

from cookie_inspector.core.errors import InspectorError

ENV_VAR = "COOKIE_INSPECTOR_DATA"


def default_data_dir() -> Path:
    """Where the app keeps its data unless told otherwise."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("cookie-inspector", appauthor=False)


LOCK_FILE = "line.lock"
"""In the data folder: held by the process whose line (the window or ``run --headless``) works on it; says which."""


class DataFolderInUse(InspectorError):
    """Another Cookie Inspector line works on this data folder: two would write one log and take each other's alarms."""


_held: dict[Path, list] = {}
"""The data folders this process holds: [open lock file, how many lines of this process use it]."""
_held_lock = threading.Lock()


class LineLock:
    """This process's hold on a data folder (:func:`hold`); :meth:`release` gives it back (a crash gives it back too:
    the operating system's lock ends with the process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._released = False

    def release(self) -> None:
        with _held_lock:
            if self._released or self.path not in _held:
                return
            self._released = True
            entry = _held[self.path]
            entry[1] -= 1
            if entry[1] <= 0:
                del _held[self.path]
                handle = entry[0]
                with contextlib.suppress(OSError):
                    handle.seek(0)
                    handle.truncate()
                handle.close()  # closing the file ends the operating system's lock


def _lock(handle) -> None:
    """The operating system's exclusive lock on the open file ``handle``, without waiting (OSError when taken)."""
    if os.name == "nt":  # pragma: no cover - the line PCs this is tested on run Linux
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def hold(folder: Path) -> LineLock:
    """Hold the data folder ``folder`` for this process's line. Raises :class:`DataFolderInUse` (saying which process
    holds it and since when) when another process's line works on it. Lines of one process share it."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = (folder / LOCK_FILE).resolve()
    except OSError:
        path = folder / LOCK_FILE
    with _held_lock:
        if path in _held:
            _held[path][1] += 1
            return LineLock(path)
        try:
            handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while the line runs
        except OSError as exc:
            raise DataFolderInUse(f"{folder}: cannot open the data folder's lock ({exc.strerror or exc})") from exc
        try:
            _lock(handle)
        except OSError:
            handle.seek(0)
            owner = handle.read().strip() or "another process"
            handle.close()
            raise DataFolderInUse(
                f"{folder}: another Cookie Inspector line works on this data folder ({owner}); close it first, or "
                "give this one a data folder of its own (--data-dir)"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} on {socket.gethostname()}, since "
                     f"{datetime.now().astimezone().isoformat(timespec='seconds')}\n")  # fmt: skip
        handle.flush()
        _held[path] = [handle, 1]
        return LineLock(path)
