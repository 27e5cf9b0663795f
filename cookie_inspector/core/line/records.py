"""The inspection log: one row per part in a SQLite file in the data folder, and the images of every NG part.

Each part is committed on its own (write-ahead journal, synchronous commits), so closing or killing the app loses
at most the part in progress. An NG part's original frame and its heatmap overlay are written (atomically) to
``ng/`` before its row, so a row never names a missing picture. A full disk or a read-only folder is a
:class:`RecordError` naming the file; the line keeps running and the caller says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from cookie_inspector import __version__
from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.capture import folder_key
from cookie_inspector.core.frames.imageio import write_image
from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.live import PartVerdict, truth_dict

LOG_NAME = "inspections.sqlite3"
NG_FOLDER = "ng"
PICTURES_FOLDER = "pictures"
"""The pictures of WARN parts and of the OK parts kept for review (NG parts' are in ``ng/``)."""
PICTURE_BUDGET_BYTES = 2 * 2**30
"""The pictures of the log may take this much of the data folder by default; past it the oldest are thinned."""
OK_PICTURE_EVERY = 50
"""Every this many OK parts one keeps its pictures, for the review to see what good looks like on the line."""
BEST_OK_MINUTES = 10
"""And the highest-scoring OK part of each this many minutes: the good parts nearest to an alarm."""
THUMB_SIDE = 128
"""The longer side of a part's thumbnail (the review's grid reads these, not the full pictures)."""
KEPT_NG, KEPT_WARN, KEPT_EVERY, KEPT_BEST = "ng", "warn", "every", "best"
"""Why a part's pictures were kept (the ``kept`` column)."""

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
    acknowledged TEXT,
    region TEXT,
    thumb TEXT,
    picture_bytes INTEGER,
    kept TEXT,
    warn_threshold REAL,
    photo TEXT,
    product TEXT
);
CREATE INDEX IF NOT EXISTS parts_time ON parts(time);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    version TEXT NOT NULL,
    kind TEXT,
    product TEXT,
    station TEXT
);
"""
PHOTOS_SCHEMA = """
CREATE TABLE IF NOT EXISTS photos (
    folder TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    part INTEGER REFERENCES parts(id),
    PRIMARY KEY (folder, name, size, mtime_ns)
);
"""
"""A folder source's ledger: every photo judged from a folder (its absolute path, the file's name, size and time),
so that a restart, a reconnect or another ``run`` on the same data folder goes on with the photos not yet judged."""
RUN_REPLAY = "replay"
"""The kind of a run that judges a folder's photos again (``runs.kind``): not a new shift's parts."""
EVENTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    run TEXT,
    kind TEXT NOT NULL,
    detail TEXT,
    who TEXT,
    product TEXT
);
"""
"""What happened to the line besides its parts (the shift report tells it): ``model`` in use, ``threshold`` set by
hand, ``calibration`` (the line's own threshold in use, or finished), ``source``, ``signal lost`` / ``signal
back``; each names the product on the line then (a product's report tells its own)."""
LABELS_SCHEMA = """
CREATE TABLE IF NOT EXISTS labels (
    part INTEGER PRIMARY KEY REFERENCES parts(id),
    label TEXT NOT NULL,
    type TEXT,
    who TEXT NOT NULL,
    time TEXT NOT NULL
);
"""
"""What a person said each part was (see :mod:`cookie_inspector.core.line.review`): one row per part."""
IMAGE_RESERVE_BYTES = 64 * 2**20
"""Below this much free space in the data folder NG pictures are no longer saved: the rows of the log need the room,
and every part must keep its row."""


class RowWriter(Protocol):
    """More rows written in a part's own transaction (the line outputs' outbox): both are in the log, or neither."""

    def prepare(self, db: sqlite3.Connection) -> None:
        """Create the tables it writes to (once, when it is attached)."""

    def write(self, db: sqlite3.Connection, record: PartRecord, teaching: bool) -> None:
        """Write its rows for ``record`` in the open transaction; an error rolls the part back too."""


class LineEvents:
    """What the line tells, turned into the log's events once per change (see :data:`EVENTS_SCHEMA`): the signal
    lost and back (the source's states), the line calibration's threshold taken up or finished (its status after
    each part). ``note(kind, detail)`` writes one; the window's and ``run --headless``'s own, each saying a refusal
    its way."""

    SIGNAL_BACK = ("running", "reconnected", "ended", "stopped")

    def __init__(self, note: Callable[[str, str], None]) -> None:
        self._note = note
        self._signal_lost = False
        self._calibration: tuple[str, str] = ("", "")

    def status(self, state: str, message: str) -> None:
        """The source's state (the live line's ``on_status``)."""
        if state == "retrying" and not self._signal_lost:
            self._signal_lost = True
            self._note("signal lost", message)
        elif state in self.SIGNAL_BACK and self._signal_lost:
            self._signal_lost = False
            self._note("signal back", message)

    def calibration(self, status: dict) -> None:
        """The line calibration's status (:meth:`LineCalibration.status`) after a part."""
        basis = (status["state"], status["using"])
        if basis != self._calibration:
            self._calibration = basis
            self._note("calibration", f"{status['using']} threshold {status['threshold']:.5f} ({status['state']}, "
                                      f"{status['parts']}/{status['of']} parts)")  # fmt: skip


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
    region: str | None = None
    """The region inspected, in the original picture's pixels (``x,y,w,h@WxH``)."""
    thumb: str | None = None
    """The overlay's thumbnail (a path in the folder), when the pictures are kept."""
    kept: str | None = None
    """Why the pictures were kept (``ng``, ``warn``, ``every``: the sample of OK parts, ``best``: the highest OK
    part of its minutes); None: no pictures."""
    photo: str | None = None
    """The photo's file, when the part is a photo of a folder source."""
    product: str | None = None
    """The product on the line when it was judged (empty: unnamed; None: a row from before products)."""

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


def prepare_log(db: sqlite3.Connection, folder: Path) -> None:
    """Create the log's tables, or bring a log of an earlier release up to date (its new columns, its labels
    table); the same for the line that writes it and the review that reads it."""
    db.executescript(_SCHEMA + LABELS_SCHEMA + EVENTS_SCHEMA + PHOTOS_SCHEMA)
    if "product" not in {row[1] for row in db.execute("PRAGMA table_info(events)")}:
        db.execute("ALTER TABLE events ADD COLUMN product TEXT")
    run_columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    for column in ("kind", "product", "station"):
        if column not in run_columns:
            db.execute(f"ALTER TABLE runs ADD COLUMN {column} TEXT")
    columns = {row[1] for row in db.execute("PRAGMA table_info(parts)")}
    for column, kind in (
        ("note", "TEXT"),
        ("run", "TEXT"),
        ("threshold_from", "TEXT"),
        ("acknowledged", "TEXT"),
        ("region", "TEXT"),
        ("thumb", "TEXT"),
        ("picture_bytes", "INTEGER"),
        ("kept", "TEXT"),
        ("warn_threshold", "REAL"),
        ("photo", "TEXT"),
        ("product", "TEXT"),
    ):  # a log of an earlier release
        if column not in columns:
            db.execute(f"ALTER TABLE parts ADD COLUMN {column} {kind}")
    if "acknowledged" not in columns:  # its NG parts were dealt with under that release
        db.execute("UPDATE parts SET acknowledged = 'earlier release' WHERE verdict = 'NG'")
    db.execute("CREATE INDEX IF NOT EXISTS parts_run ON parts(run, part)")
    db.execute("CREATE INDEX IF NOT EXISTS parts_pictures ON parts(id) WHERE picture_bytes > 0")
    _size_older_pictures(db, folder)


def _size_older_pictures(db: sqlite3.Connection, folder: Path) -> None:
    """Rows of an earlier release name NG pictures without their size: measured once, for the budget."""
    rows = db.execute(
        "SELECT id, original, overlay FROM parts WHERE picture_bytes IS NULL AND original IS NOT NULL"
    ).fetchall()
    sizes = []
    for row, *names in rows:
        size = 0
        for name in names:
            with contextlib.suppress(OSError):
                size += (folder / name).stat().st_size if name else 0
        sizes.append((size, row))
    if sizes:
        db.executemany("UPDATE parts SET picture_bytes = ?, kept = 'ng' WHERE id = ?", sizes)


def thumbnail(image: np.ndarray, side: int = THUMB_SIDE) -> np.ndarray:
    """``image`` shrunk so that its longer side is ``side`` pixels (never enlarged)."""
    height, width = image.shape[:2]
    scale = min(1.0, side / max(height, width))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA) if scale < 1 else image


def in_proportion(image: np.ndarray, roi) -> np.ndarray:
    """The model's square view of a region (``roi``) in the region's own proportions again, its longer side kept: a
    1:2 photo's heatmap is shown 1:2, not squashed square."""
    if roi is None or roi.width <= 0 or roi.height <= 0 or roi.width == roi.height:
        return image
    side = max(image.shape[:2])
    scale = side / max(roi.width, roi.height)
    size = (max(1, round(roi.width * scale)), max(1, round(roi.height * scale)))
    return cv2.resize(
        image, size, interpolation=cv2.INTER_AREA if size[0] * size[1] < side * side else cv2.INTER_LINEAR
    )


def new_run_id(now: datetime | None = None) -> str:
    """A run's id: its local start time to the second and four random hex digits (``20261202-041005-3fa2``):
    sorted by time, and two runs started in the same second still differ."""
    now = now or datetime.now(UTC).astimezone()
    return f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def station_of(table: str) -> str:
    """SQL for the station that wrote a row of ``table`` (a part ``p``, an event): its run's; empty for a line of one
    station."""
    return f"COALESCE((SELECT r.station FROM runs r WHERE r.id = {table}.run), '')"


_OWN_STATION = f"{station_of('parts')} = ?"
"""SQL: the part was judged at the log's station."""


class InspectionLog:
    """Appends part verdicts to ``folder/inspections.sqlite3``; safe to call from any thread."""

    def __init__(self, folder: Path, station: str = "") -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self._lock = threading.Lock()
        self.product = ""
        """The product on the line (:meth:`set_product`): every part and the run name it."""
        self.station = station
        """The station whose parts this log writes (:mod:`~cookie_inspector.core.line.station`; empty: a line of
        one station): its run names it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            prepare_log(self._db, self.folder)
            self._picture_bytes = self._db.execute("SELECT COALESCE(SUM(picture_bytes), 0) FROM parts").fetchone()[0]
            self.run = self._start_run()
            """This run's id, in every row it logs (part numbers start again at 1 in each run)."""
        except (sqlite3.Error, OSError) as exc:
            raise RecordError(f"{self.path}: cannot open the inspection log ({exc})") from exc
        self.reserve = IMAGE_RESERVE_BYTES
        self.images_off: str | None = None
        """Why NG pictures are not being saved now (None: they are)."""
        self._told = False
        self.picture_budget = PICTURE_BUDGET_BYTES
        """Bytes the parts' pictures may take; past it the oldest are thinned (their rows stay)."""
        self.ok_every = OK_PICTURE_EVERY
        self.best_ok_minutes = BEST_OK_MINUTES
        self._ok_seen = 0
        self._best: tuple[int, int | None, float] | None = None
        """(its minutes' window, its row once logged, its score): the highest OK part kept in this window."""
        self._also: RowWriter | None = None
        self.operator_acknowledges = True
        """An NG part stays pending in the log until the operator acknowledges it (the window); False where nobody
        acknowledges (``run --headless``: its NG parts are logged as dealt with by the line's outputs)."""

    def also_write(self, writer: RowWriter | None) -> None:
        """Have ``writer`` write its rows in each part's transaction from now on (None: no more)."""
        with self._lock:
            if writer is not None:
                try:
                    writer.prepare(self._db)
                except sqlite3.Error as exc:
                    raise RecordError(f"{self.path}: cannot prepare the log for the line outputs ({exc})") from exc
            self._also = writer

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
                self._db.execute("INSERT INTO runs (id, started, host, pid, version, product, station) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (run, datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
                                  socket.gethostname(), os.getpid(), __version__, self.product,
                                  self.station or None))  # fmt: skip
                return run
            except sqlite3.IntegrityError:
                continue
        raise sqlite3.IntegrityError("no free run id")

    def record(self, verdict: PartVerdict, source: str, opacity: float = 0.6, teaching: bool = False,
               skip_pictures: str = "") -> PartRecord:  # fmt: skip
        """Log one part. The pictures of the parts worth reviewing go to the folder first (see :meth:`_keeps`):
        every NG part's (``ng/``), every WARN part's and a sample of OK parts' (``pictures/``), each with its
        heatmap and a thumbnail, within :attr:`picture_budget` (the oldest thinned first). The row is written
        whatever happens to the pictures: when they cannot be saved (a full disk, a file in the way) or free space
        is below :attr:`reserve`, the row says so in ``note`` and :meth:`take_warning` tells it once. Raises
        :class:`RecordError` only when the row itself cannot be written. ``teaching``: a new product is being
        taught under a model that knows another one (every part is NG): no pictures are kept and an NG part is not
        pending for the operator. ``skip_pictures``: why this NG part's pictures are not kept (a flood of NG parts
        keeps one in ten); it stays pending."""
        now = datetime.fromtimestamp(verdict.ended, UTC).astimezone()
        original = overlay = thumb = note = dealt = None
        size = 0
        kept = None if teaching else self._keeps(verdict)
        if verdict.verdict is Verdict.NG:
            if teaching:
                note, dealt = "teaching a new product: no pictures kept, no alarm", "teaching"
            elif skip_pictures:
                note, kept = skip_pictures, None
            if dealt is None and not self.operator_acknowledges:
                dealt = "no operator"
        if kept is not None:
            original, overlay, thumb, size, note = self._save_pictures(verdict, now, opacity)
            if original is None:
                kept = None
        roi = verdict.worst.roi if verdict.worst is not None else None
        row = (now.isoformat(timespec="milliseconds"), verdict.number, verdict.verdict.value, verdict.score,
               verdict.threshold, verdict.normalized_score, verdict.frames, verdict.model, source,
               json.dumps(truth_dict(verdict.truth), default=str), original, overlay, note, self.run)  # fmt: skip
        region = roi.as_text() if roi is not None else None
        photo = verdict.photo
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    cursor = self._db.execute(
                        "INSERT INTO parts (time, part, verdict, score, threshold, normalized_score, frames, model, "
                        "source, truth, original, overlay, note, run, threshold_from, acknowledged, region, thumb, "
                        "picture_bytes, kept, warn_threshold, photo, product) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            *row,
                            verdict.threshold_from or None,
                            dealt,
                            region,
                            thumb,
                            size,
                            kept,
                            verdict.warn_threshold,
                            photo.path.name if photo is not None else None,
                            self.product,
                        ),  # fmt: skip
                    )
                    record = PartRecord(int(cursor.lastrowid), *row[:9], verdict.truth, original, overlay, note,
                                        self.run, region, thumb, kept,
                                        photo.path.name if photo is not None else None, self.product)  # fmt: skip
                    if photo is not None:  # judged: a restart goes on with the folder's other photos
                        self._db.execute(
                            "INSERT OR IGNORE INTO photos (folder, name, size, mtime_ns, part) VALUES (?, ?, ?, ?, ?)",
                            (str(folder_key(photo.path.parent)), *photo.key, record.id),
                        )
                    if self._also is not None:  # the outputs' events, in the row's own transaction
                        self._also.write(self._db, record, teaching)
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                for name in (original, overlay, thumb):  # no row names them: they would be lost to the budget
                    if name:
                        (self.folder / name).unlink(missing_ok=True)
                raise RecordError(f"{self.path}: cannot log part {verdict.number} ({exc})") from exc
            self._picture_bytes += size
            if kept == KEPT_BEST:
                self._drop_previous_best(record.id, int(verdict.ended // (self.best_ok_minutes * 60)), verdict.score)
            if self._picture_bytes > self.picture_budget:
                self._thin()
        return record

    def _keeps(self, verdict: PartVerdict) -> str | None:
        """Why this part's pictures are kept (``KEPT_*``), or None: every NG and WARN part; of the OK parts every
        :attr:`ok_every`-th, and the highest-scoring one of each :attr:`best_ok_minutes` (a higher one later in
        the same minutes takes its place)."""
        if verdict.worst is None or verdict.worst_frame is None:
            return None
        if verdict.verdict is Verdict.NG:
            return KEPT_NG
        if verdict.verdict is Verdict.WARN:
            return KEPT_WARN
        self._ok_seen += 1
        window = int(verdict.ended // (self.best_ok_minutes * 60))
        best = self._best if self._best is not None and self._best[0] == window else None
        if self.ok_every and self._ok_seen % self.ok_every == 0:
            return KEPT_EVERY
        if best is None or verdict.score > best[2]:
            return KEPT_BEST
        return None

    def _drop_previous_best(self, row: int, window: int, score: float) -> None:
        """A higher OK part of the same minutes was kept (row ``row``): the previous one's pictures go."""
        previous = self._best[1] if self._best is not None and self._best[0] == window else None
        self._best = (window, row, score)
        if previous is not None:
            self._remove_pictures([previous], "a higher-scoring OK part of the same minutes was kept")

    def _thin(self) -> None:
        """Remove the oldest parts' pictures until the folder is back under 90% of the budget; rows stay."""
        goal = 0.9 * self.picture_budget
        while self._picture_bytes > goal:
            rows = [row for (row,) in self._db.execute(
                "SELECT id FROM parts WHERE picture_bytes > 0 ORDER BY id LIMIT 64").fetchall()]  # fmt: skip
            if not rows:
                self._picture_bytes = 0
                return
            if not self._remove_pictures(rows, f"pictures thinned to the disk budget of "
                                               f"{self.picture_budget / 2**30:g} GB"):  # fmt: skip
                return  # the log refuses the change now: the next part tries again

    def _remove_pictures(self, rows: list[int], why: str) -> bool:
        """Delete these rows' pictures and say why in their note (called with the lock held); False when the log
        refused the change (the pictures then stay, still named by their rows)."""
        marks = ",".join("?" * len(rows))
        try:
            found = self._db.execute(f"SELECT id, original, overlay, thumb, picture_bytes FROM parts WHERE id IN "
                                     f"({marks})", rows).fetchall()  # fmt: skip
            self._db.execute(f"UPDATE parts SET original = NULL, overlay = NULL, thumb = NULL, picture_bytes = 0, "
                             f"kept = NULL, note = ? WHERE id IN ({marks})", (why, *rows))  # fmt: skip
        except sqlite3.Error:
            return False
        for _, *names, size in found:
            for name in names:
                if name:
                    (self.folder / name).unlink(missing_ok=True)
            self._picture_bytes -= size or 0
        return True

    def _save_pictures(self, verdict: PartVerdict, now: datetime, opacity: float) -> tuple:
        """(original, overlay, thumbnail, bytes, None) as paths in the folder, or (None, None, None, 0, why they
        were not saved)."""
        stem = f"{now:%Y%m%d-%H%M%S}-part{verdict.number:06d}"
        folder = NG_FOLDER if verdict.verdict is Verdict.NG else PICTURES_FOLDER
        day = self.folder / folder / f"{now:%Y-%m-%d}"
        try:
            free = shutil.disk_usage(self.folder).free
        except OSError:
            free = None
        if free is not None and free < self.reserve:
            return self._pictures_off(f"{self.folder}: only {free / 2**20:.0f} MB free; NG pictures are not saved "
                                      f"below {self.reserve / 2**20:.0f} MB, every part is still logged")  # fmt: skip
        written = []
        overlay = in_proportion(verdict.worst.overlay(opacity), verdict.worst.roi)
        try:
            for suffix, image in (("original", verdict.worst_frame), ("overlay", overlay),
                                  ("thumb", thumbnail(overlay))):  # fmt: skip
                path = day / f"{stem}-{suffix}.{'jpg' if suffix == 'thumb' else 'png'}"
                write_image(path, image)
                written.append(path)
        except OSError as exc:
            for path in written:
                path.unlink(missing_ok=True)
            reason = exc.strerror or str(exc)
            return self._pictures_off(f"{day}: cannot save the pictures of {verdict.verdict.value} part "
                                      f"{verdict.number} ({reason}); every part is still logged")  # fmt: skip
        if self.images_off is not None:  # room again
            self.images_off, self._told = None, False
        size = sum(path.stat().st_size for path in written)
        return (*(str(path.relative_to(self.folder)) for path in written), size, None)

    def _pictures_off(self, reason: str) -> tuple:
        self.images_off = reason
        return None, None, None, 0, reason

    def event(self, kind: str, detail: str = "", who: str = "") -> None:
        """Note what happened to the line (see :data:`EVENTS_SCHEMA`), now, in this run."""
        stamp = datetime.now(UTC).astimezone().isoformat(timespec="milliseconds")
        with self._lock:
            try:
                self._db.execute("INSERT INTO events (time, run, kind, detail, who, product) VALUES (?, ?, ?, ?, ?, ?)",
                                 (stamp, self.run, kind, detail, who, self.product))  # fmt: skip
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot log the event {kind!r} ({exc})") from exc

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
        return self._latest(
            f"WHERE verdict = 'NG' AND acknowledged IS NULL AND {_OWN_STATION}", limit, (self.station,)
        )[::-1]

    def _latest(self, where: str, limit: int, args: tuple = ()) -> list[PartRecord]:
        """The last ``limit`` rows that match ``where`` (an SQL clause of this module's own), newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, time, part, verdict, score, threshold, normalized_score, frames, model, source, truth, "
                f"original, overlay, note, run, region, thumb, kept, photo, product FROM parts {where} "
                "ORDER BY id DESC LIMIT ?",
                (*args, limit),
            ).fetchall()
        return [PartRecord(*row[:10], json.loads(row[10]) if row[10] else None, *row[11:]) for row in rows]

    def acknowledge_alarms(self, how: str = "operator") -> int:
        """Every pending NG part of this log's station is dealt with (``how``: who said so, with the time); how many
        were pending."""
        stamp = f"{datetime.now(UTC).astimezone().isoformat(timespec='seconds')} {how}"
        with self._lock:
            try:
                cursor = self._db.execute(
                    f"UPDATE parts SET acknowledged = ? WHERE verdict = 'NG' AND acknowledged IS NULL AND "
                    f"{_OWN_STATION}",
                    (stamp, self.station),
                )
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot record the acknowledgement ({exc})") from exc
        return cursor.rowcount

    def judged_photos(self, folder: Path) -> set[tuple[str, int, int]]:
        """The photos of ``folder`` (as :func:`folder_key` names it) judged in this data folder: (name, size, time
        in ns). A folder source leaves them out (see :class:`~cookie_inspector.core.frames.capture.FolderSource`).
        An unreadable ledger is an empty one: the photos are judged again rather than lost."""
        with self._lock:
            try:
                rows = self._db.execute(
                    "SELECT name, size, mtime_ns FROM photos WHERE folder = ?", (str(folder),)
                ).fetchall()
            except sqlite3.Error:
                return set()
        return {(name, size, mtime) for name, size, mtime in rows}

    def set_product(self, name: str) -> None:
        """The product on the line from now on (its name; empty: unnamed): in every part's row, and in the run's
        when it has none yet (a run that judged two products names the first; each part names its own)."""
        with self._lock:
            self.product = name
            try:
                self._db.execute("UPDATE runs SET product = ? WHERE id = ? AND NOT EXISTS "
                                 "(SELECT 1 FROM parts WHERE run = ?)", (name, self.run, self.run))  # fmt: skip
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot record the product ({exc})") from exc

    def mark_run(self, kind: str) -> None:
        """Say what this run is (:data:`RUN_REPLAY`: a folder judged again), for the report to keep it apart."""
        with self._lock:
            try:
                self._db.execute("UPDATE runs SET kind = ? WHERE id = ?", (kind, self.run))
            except sqlite3.Error as exc:
                raise RecordError(f"{self.path}: cannot mark the run ({exc})") from exc

    def counts(self) -> dict[str, int]:
        """Parts per verdict over the whole log."""
        with self._lock:
            rows = self._db.execute("SELECT verdict, COUNT(*) FROM parts GROUP BY verdict").fetchall()
        return {verdict: count for verdict, count in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()
