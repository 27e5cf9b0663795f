"""A retrain in a separate process: ``cookie-inspector train --progress json`` driven by QProcess.

The window only reads the process's JSON lines (one per epoch), so it stays responsive, and a crash of the training
(out of memory, a killed process) cannot take the app down: it ends as :attr:`TrainingRun.failed` with the reason.
Cancel asks the process to stop (it stops within a batch and writes nothing), and kills it if it has not ended after
a few seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

CANCEL_GRACE_MS = 5000
CLI_PROGRAM = "cookie-inspector-cli"
"""The bundle's console program (packaging/cookie_inspector.spec), which runs the trainer."""


def train_command(samples: Path, out: Path, architecture: str, epochs: int | None,
                  product: str = "") -> tuple[str, list[str]]:  # fmt: skip
    """(program, arguments) that run the trainer: the app itself when frozen into a bundle, else this Python."""
    args = ["train", str(samples), "--out", str(out), "--arch", architecture, "--progress", "json", "--background"]
    if product:
        args += ["--product", product]
    if epochs is not None:
        args += ["--epochs", str(epochs)]
    if getattr(sys, "frozen", False):
        return frozen_cli(), args
    return sys.executable, ["-m", "cookie_inspector", *args]


def frozen_cli() -> str:
    """In a bundle: its console program beside this one (the window's own program has no standard output on
    Windows), or this program when the bundle has none."""
    program = Path(sys.executable)
    console = program.with_name(CLI_PROGRAM + program.suffix)
    return str(console) if console.is_file() else str(program)


class TrainingRun(QObject):
    """One training process. Signals come on the GUI thread."""

    started = Signal(dict)  # the trainer's "start" event: samples, training, held_out, epochs
    epochDone = Signal(dict)  # noqa: N815 - Qt naming; the "epoch" event: epoch, epochs, loss, val_loss, eta_s
    stepDone = Signal(dict)  # noqa: N815 - a feature model's steps: "features" (done, total), "fitting" (step, steps),
    # "test_defects", "fold" (fold, folds) and "chosen" (model, caught, defects) while the default chooses, "exporting"
    calibrating = Signal()
    finished = Signal(str)  # the new bundle's folder
    failed = Signal(str)  # why, in words
    cancelled = Signal()

    def __init__(self, samples: Path, out: Path, architecture: str = "default", epochs: int | None = None,
                 parent: QObject | None = None, product: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.samples, self.out, self.architecture, self.epochs = Path(samples), Path(out), architecture, epochs
        self.product = product
        self.process = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONUNBUFFERED", "1")
        env.insert("TF_CPP_MIN_LOG_LEVEL", "2")
        self.process.setProcessEnvironment(env)
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)
        self._buffer = b""
        self._stderr: list[str] = []
        self._error_message = ""
        self._done_model: str | None = None
        self._cancel_requested = False
        self._ended = False
        self.history: list[dict] = []
        self.started_at: float | None = None

    # -- control --------------------------------------------------------------------------------------------------
    def start(self) -> None:
        program, args = train_command(self.samples, self.out, self.architecture, self.epochs, self.product)
        self.started_at = time.monotonic()
        self.process.start(program, args)

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self) -> None:
        """Stop the training; the old model stays. Kills the process if it has not stopped in a few seconds."""
        if not self.running:
            return
        self._cancel_requested = True
        self.process.terminate()  # SIGTERM: the trainer stops within a batch and writes nothing
        QTimer.singleShot(CANCEL_GRACE_MS, self._kill_if_running)

    def _kill_if_running(self) -> None:
        if self.running:
            self.process.kill()

    def pid(self) -> int:
        return int(self.process.processId())

    # -- the process's output -------------------------------------------------------------------------------------
    def _read_stdout(self) -> None:
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            try:
                event = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                continue
            if isinstance(event, dict):
                self._on_event(event)

    def _read_stderr(self) -> None:
        text = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        self._stderr = (self._stderr + [line for line in text.splitlines() if line.strip()])[-20:]

    def _on_event(self, event: dict) -> None:
        kind = event.get("event")
        if kind == "start":
            self.started.emit(event)
        elif kind == "epoch":
            self.history.append(event)
            self.epochDone.emit(event)
        elif kind in ("features", "fitting", "exporting", "test_defects", "fold", "chosen"):
            self.stepDone.emit(event)
        elif kind == "calibrating":
            self.calibrating.emit()
        elif kind == "done":
            self._done_model = str(event.get("model", self.out))
        elif kind == "error":
            self._error_message = str(event.get("message", ""))

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._end("failed", f"the trainer could not start ({self.process.errorString()})")

    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stdout()
        if self._done_model and code == 0:
            self._end("finished", self._done_model)
        elif self._cancel_requested:
            self._end("cancelled", "")
        elif status == QProcess.ExitStatus.CrashExit:
            self._end("failed", "the training process was stopped or crashed; the active model is unchanged")
        else:
            detail = self._error_message or (self._stderr[-1] if self._stderr else f"exit code {code}")
            self._end("failed", f"training failed: {detail}")

    def _end(self, how: str, detail: str) -> None:
        if self._ended:
            return
        self._ended = True
        if how == "finished":
            self.finished.emit(detail)
        elif how == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(detail)
