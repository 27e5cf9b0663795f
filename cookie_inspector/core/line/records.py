"""The inspection log: one row per part in a SQLite file in the data folder, and the images of every NG part.

Each part is committed on its own (write-ahead journal, synchronous commits), so closing or killing the app loses
at most the part in progress. An NG part's original frame and its heatmap overlay are written (atomically) to
``ng/`` before its row, so a row never names a missing picture. A full disk or a read-only folder is a
:class:`RecordError` naming the file; the line keeps running and the caller says so.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cookie_inspector import __version__
from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.imageio import write_image
from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.live import PartVerdict, truth_dict
from cookie_inspector.core.line.outputs.outbox import OUTBOX_SCHEMA, part_event

LOG_NAME = "inspections.sqlite3"
NG_FOLDER = "ng"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS parts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    part INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    score REAL NOT NULL,
    threshold REAL NOT NULL,
    normalized_score REAL NOT NULL,
    frames INTEGER NOT NULL,
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    truth TEXT,
    original TEXT,
    overlay TEXT,
    note TEXT,
    run TEXT,
    threshold_from TEXT,
    acknowledged TEXT
);
CREATE INDEX IF NOT EXISTS parts_time ON parts(time);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    version TEXT NOT NULL
);
"""
IMAGE_RESERVE_BYTES = 64 * 2**20
"""Below this much free space in the data folder NG pictures are no longer saved: the rows of the log need the room,
and every part must keep its row."""


class RecordError(InspectorError):
    """The inspection log or an NG image could not be written (full disk, read-only folder, damaged file)."""


@dataclass(frozen=True)
class PartRecord:
    """One row of the log, as read back."""

    id: int
    time: str
    part: int
    verdict: str
    score: float
    threshold: float
    normalized_score: float
    frames: int
    model: str
    source: str
    truth: Any
    original: str | None
    overlay: str | None
    note: str | None = None
    """Why an NG part has no pictures (a full disk), when it has none."""
    run: str | None = None
    """The run that logged it (None in rows of logs from before runs were recorded)."""

    def as_pending_alarm(self, folder: Path) -> PartVerdict:
        """This NG part as an alarm again after a restart (see :meth:`InspectionLog.pending_alarms`): its live
        pictures are gone, so it carries its run and its stored picture with the heatmap (``folder``: the log's)."""
        try:
            ended = datetime.fromisoformat(self.time).timestamp()
        except ValueError:
            ended = 0.0
        return PartVerdict(number=self.part, verdict=Verdict.NG, score=self.score, threshold=self.threshold,
                           warn_threshold=self.threshold, frames=self.frames, first_frame=0, last_frame=0,
                           started=ended, ended=ended, model=self.model, worst=None, worst_frame=None,
                           truth=self.truth, run=self.run or "?",
                           overlay_path=str(Path(folder) / self.overlay) if self.overlay else "")  # fmt: skip


def new_run_id(now: datetime | None = None) -> str:
    """A run's id: its local start time to the second and four random hex digits (``20261202-041005-3fa2``):
    sorted by time, and two runs started in the same second still differ."""
    now = now or datetime.now(UTC).astimezone()
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


class InspectionLog:
    """Appends part verdicts to ``folder/inspections.sqlite3``; safe to call from any thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self._lock = threading.Lock()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA + OUTBOX_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(parts)")}
            for column in ("note", "run", "threshold_from", "acknowledged"):  # a log of an earlier release
                if column not in columns:
                    self._db.execute(f"ALTER TABLE parts ADD COLUMN {column} TEXT")
            if "acknowledged" not in columns:  # its NG parts were dealt with under that release
                self._db.execute("UPDATE parts SET acknowledged = 'earlier release' WHERE verdict = 'NG'")
            self._db.execute("CREATE INDEX IF NOT EXISTS parts_run ON parts(run, part)")
            self.run = self._start_run()
            """This run's id, in every row it logs (part numbers start again at 1 in each run)."""
        except (sqlite3.Error, OSError) as exc:
            raise RecordError(f"{self.path}: cannot open the inspection log ({exc})") from exc
        self.reserve = IMAGE_RESERVE_BYTES
        self.images_off: str | None = None
        """Why NG pictures are not being saved now (None: they are)."""
        self._told = False
        self.outbox_for: tuple[str, ...] = ()
        """The outputs (``mqtt``, ``webhook``) that get each part's event in the outbox, in the row's transaction."""
        self.line = ""
        """The line's name in those events."""
        self.operator_acknowledges = True
        """An NG part stays pending in the log until the operator acknowledges it (the window); False where nobody
        acknowledges (``run --headless``: its NG parts are logged as dealt with by the line's outputs)."""

    def new_run(self) -> str:
        """Start another run (another source: its part numbers start again at 1); its id from now on."""
        with self._lock:
            try:
                self.run = self._start_run()
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot start a new run ({exc})") from exc
            return self.run

    def _start_run(self) -> str:
        for _ in range(8):  # the random digits collide once in 65536 runs started in one second
            run = new_run_id()
            try:
                self._db.execute("INSERT INTO runs (id, started, host, pid, version) VALUES (?, ?, ?, ?, ?)",
                                 (run, datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
                                  socket.gethostname(), os.getpid(), __version__))  # fmt: skip
                return run
            except sqlite3.IntegrityError:
                continue
        raise sqlite3.IntegrityError("no free run id")

    def record(self, verdict: PartVerdict, source: str, opacity: float = 0.6, teaching: bool = False,
               skip_pictures: str = "") -> PartRecord:  # fmt: skip
        """Log one part; an NG part's pictures go to ``ng/`` first. The row is written whatever happens to the
        pictures: when they cannot be saved (a full disk, a file in the way) or free space is below
        :attr:`reserve`, the row says so in ``note`` and :meth:`take_warning` tells it once. Raises
        :class:`RecordError` only when the row itself cannot be written. ``teaching``: a new product is being
        taught under a model that knows another one (every part is NG): an NG part's pictures are not kept and it
        is not pending for the operator. ``skip_pictures``: why this NG part's pictures are not kept (a flood of
        NG parts keeps one in ten); it stays pending."""
        now = datetime.fromtimestamp(verdict.ended, UTC).astimezone()
        original = overlay = note = dealt = None
        if verdict.verdict is Verdict.NG:
            if teaching:
                note, dealt = "teaching a new product: no pictures kept, no alarm", "teaching"
            elif skip_pictures:
                note = skip_pictures
            else:
                original, overlay, note = self._save_pictures(verdict, now, opacity)
            if dealt is None and not self.operator_acknowledges:
                dealt = "no operator"
        row = (now.isoformat(timespec="milliseconds"), verdict.number, verdict.verdict.value, verdict.score,
               verdict.threshold, verdict.normalized_score, verdict.frames, verdict.model, source,
               json.dumps(truth_dict(verdict.truth), default=str), original, overlay, note, self.run)  # fmt: skip
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    cursor = self._db.execute(
                        "INSERT INTO parts (time, part, verdict, score, threshold, normalized_score, frames, model, "
                        "source, truth, original, overlay, note, run, threshold_from, acknowledged) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*row, verdict.threshold_from or None, dealt),
                    )
                    record = PartRecord(int(cursor.lastrowid), *row[:9], verdict.truth, original, overlay, note,
                                        self.run)  # fmt: skip
                    if self.outbox_for:  # the part's events, in the row's own transaction: both or neither
                        event = part_event(record, self.line, self.folder)
                        if teaching:  # the active model knows another product: its verdict is not to act on
                            event["teaching"] = True
                        payload = json.dumps(event, separators=(",", ":"))
                        self._db.executemany(
                            "INSERT OR IGNORE INTO outbox (output, event_id, queued_at, payload, size) "
                            "VALUES (?, ?, ?, ?, ?)",
                            [
                                (output, event["event_id"], verdict.ended, payload, len(payload))
                                for output in self.outbox_for
                            ],  # fmt: skip
                        )
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot log part {verdict.number} ({exc})") from exc
        return record

    def _save_pictures(self, verdict: PartVerdict, now: datetime, opacity: float) -> tuple[str | None, ...]:
        """(original, overlay, None) as paths in the folder, or (None, None, why they were not saved)."""
        stem = f"{now:%Y%m%d-%H%M%S}-part{verdict.number:06d}"
        day = self.folder / NG_FOLDER / f"{now:%Y-%m-%d}"
        try:
            free = shutil.disk_usage(self.folder).free
        except OSError:
            free = None
        if free is not None and free < self.reserve:
            return self._pictures_off(f"{self.folder}: only {free / 2**20:.0f} MB free; NG pictures are not saved "
                                      f"below {self.reserve / 2**20:.0f} MB, every part is still logged")  # fmt: skip
        written = []
        try:
            for suffix, image in (("original", verdict.worst_frame), ("overlay", verdict.worst.overlay(opacity))):
                path = day / f"{stem}-{suffix}.png"
                write_image(path, image)
                written.append(path)
        except OSError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            reason = exc.strerror or str(exc)
            return self._pictures_off(f"{day}: cannot save the pictures of NG part {verdict.number} ({reason}); "
                                      "every part is still logged")  # fmt: skip
        if self.images_off is not None:  # room again
            self.images_off, self._told = None, False
        return str(written[0].relative_to(self.folder)), str(written[1].relative_to(self.folder)), None

    def _pictures_off(self, reason: str) -> tuple[None, None, str]:
        self.images_off = reason
        return None, None, reason

    def take_warning(self) -> str | None:
        """Why NG pictures are not saved, the first time it is asked since they stopped (once, not per part)."""
        if self.images_off is None or self._told:
            return None
        self._told = True
        return self.images_off

    def recent(self, limit: int = 100) -> list[PartRecord]:
        """The last ``limit`` parts, newest first."""
        return self._latest("", limit)

    def pending_alarms(self, limit: int = 500) -> list[PartRecord]:
        """The NG parts not yet acknowledged (the last ``limit``), oldest first: they outlive a restart."""
        return self._latest("WHERE verdict = 'NG' AND acknowledged IS NULL", limit)[::-1]

    def _latest(self, where: str, limit: int) -> list[PartRecord]:
        """The last ``limit`` rows that match ``where`` (an SQL clause of this module's own), newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, time, part, verdict, score, threshold, normalized_score, frames, model, source, truth, "
                f"original, overlay, note, run FROM parts {where} ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [PartRecord(*row[:10], json.loads(row[10]) if row[10] else None, *row[11:]) for row in rows]

    def acknowledge_alarms(self, how: str = "operator") -> int:
        """Every pending NG part is dealt with (``how``: who said so, with the time); how many were pending."""
        stamp = f"{datetime.now(UTC).astimezone().isoformat(timespec='seconds')} {how}"
        with self._lock:
            try:
                cursor = self._db.execute(
                    "UPDATE parts SET acknowledged = ? WHERE verdict = 'NG' AND acknowledged IS NULL", (stamp,)
                )
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot record the acknowledgement ({exc})") from exc
        return cursor.rowcount

    def counts(self) -> dict[str, int]:
        """Parts per verdict over the whole log."""
        with self._lock:
            rows = self._db.execute("SELECT verdict, COUNT(*) FROM parts GROUP BY verdict").fetchall()
        return {verdict: count for verdict, count in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()
