"""One line a data folder: a second Cookie Inspector (another process) on the same data folder is refused, saying
which process holds it; a line that ends or dies gives it back."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cookie_inspector.core.line.datadir import LOCK_FILE, DataFolderInUse, hold

HOLDER = (
    "import sys, time\n"
    "from cookie_inspector.core.line.datadir import hold\n"
    "hold(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def _holder(folder: Path) -> subprocess.Popen:
    """Another process holding ``folder``, as a running line does."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def _in_another_process(folder: Path) -> bool:
    """Whether another process can hold ``folder`` now."""
    code = "import sys\nfrom cookie_inspector.core.line.datadir import hold\nhold(sys.argv[1])\n"
    return subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True).returncode == 0


def test_a_second_line_on_the_same_data_folder_is_refused_and_a_dead_one_gives_it_back(tmp_path: Path):
    holder = _holder(tmp_path)
    try:
        with pytest.raises(DataFolderInUse) as caught:
            hold(tmp_path)
        message = str(caught.value)
        assert f"process {holder.pid}" in message and "another Cookie Inspector line" in message
        assert "--data-dir" in message  # what to do about it
        # the headless line says so and stops before it writes anything
        done = subprocess.run([sys.executable, "-m", "cookie_inspector", "run", "--headless", "--parts", "1",
                               "--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 3 and f"process {holder.pid}" in done.stderr
        assert not (tmp_path / "inspections.sqlite3").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: no clean-up runs
        holder.wait()
    lock = hold(tmp_path)  # the operating system ended the dead process's lock
    assert (tmp_path / LOCK_FILE).read_text().startswith("process ")
    lock.release()


def test_lines_of_one_process_share_the_folder_and_give_it_back_when_the_last_ends(tmp_path: Path):
    first, second = hold(tmp_path), hold(tmp_path)
    assert not _in_another_process(tmp_path)
    first.release()
    first.release()  # twice: still counted once
    assert not _in_another_process(tmp_path)
    second.release()
    assert _in_another_process(tmp_path)


def test_the_window_is_refused_on_a_held_folder_and_gives_it_back_when_closed(qtbot, tmp_path: Path):
    from PySide6.QtCore import QSettings

    from cookie_inspector.gui.app import build_window

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    holder = _holder(tmp_path / "held")
    try:
        with pytest.raises(DataFolderInUse):
            build_window("demo", data_dir=tmp_path / "held", settings=settings)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    window = build_window("demo", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    assert not _in_another_process(tmp_path / "data")
    window.close()
    assert _in_another_process(tmp_path / "data")
