"""The outbox: every event an output must deliver, on disk until that output has acknowledged it.

It is a table of the inspection log's own SQLite file, and a part's events are written in the very transaction that
writes its row (:meth:`InspectionLog.record`): a part that is in the log has its events queued, a kill between the
two cannot happen. Each output (``mqtt``, ``webhook``) takes its events in order and deletes them once its receiver
acknowledged them (MQTT PUBACK, HTTP 2xx); a broker that is down, a cable pulled, the app restarted: the events wait.
A resend after a failure keeps the event's ``event_id``, so a receiver can drop a repeat.

The outbox is bounded (:class:`OutboxBound`): past it the oldest events of that output are dropped, and only then,
each drop written to ``outbox_dropped`` and said as a warning.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cookie_inspector.core.line.outputs.config import OutboxBound

if TYPE_CHECKING:
    from cookie_inspector.core.line.records import PartRecord

OUTBOX_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    output TEXT NOT NULL,
    event_id TEXT NOT NULL,
    queued_at REAL NOT NULL,
    payload TEXT NOT NULL,
    size INTEGER NOT NULL,
    UNIQUE (output, event_id)
);
CREATE INDEX IF NOT EXISTS outbox_order ON outbox(output, seq, size);
CREATE TABLE IF NOT EXISTS outbox_dropped (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    output TEXT NOT NULL,
    events INTEGER NOT NULL,
    first_event TEXT NOT NULL,
    last_event TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""


def queue_name(kind: str, station: str = "") -> str:
    """The outbox's name for an output's events: its kind (``mqtt``, ``webhook``), a station's own ``mqtt@top``."""
    return f"{kind}@{station}" if station else kind


def event_id(line: str, run: str, row: int) -> str:
    """Unique over lines, runs and parts, and the same each time the event is sent again. The log's row id, not
    the part number: part numbers start again when the line changes its source."""
    return f"{line}:{run}:{row}"


def part_event(record: PartRecord, line: str, folder: Path, station: str = "") -> dict[str, Any]:
    """The JSON event of one logged part, as every output sends it (a station's names it)."""
    event: dict[str, Any] = {
        "event_id": event_id(line, record.run or "", record.id),
        "line": line,
        **({"station": station} if station else {}),
        "run": record.run,
        "part": record.part,
        "time": record.time,
        "verdict": record.verdict,
        "score": round(record.score, 6),
        "normalized_score": round(record.normalized_score, 4),
        "threshold": round(record.threshold, 6),
        "model": record.model,
        "source": record.source,
    }
    if record.product is not None:
        event["product"] = record.product or "unnamed"
    if record.photo:
        event["photo"] = record.photo
    if record.original:
        event["images"] = {"original": str(folder / record.original), "overlay": str(folder / record.overlay)}
    elif record.note:
        event["images_missing"] = record.note
    return event


class OutboxWriter:
    """The log's side of the outbox: each logged part's event for every queued output (``mqtt``, ``webhook``),
    written in the part's own transaction (attach it with :meth:`InspectionLog.also_write`)."""

    def __init__(self, line: str, outputs: tuple[str, ...], folder: Path, station: str = "") -> None:
        self.line = line
        self.station = station
        self.outputs = tuple(queue_name(output, station) for output in outputs)
        self.folder = Path(folder)

    def prepare(self, db: sqlite3.Connection) -> None:
        db.executescript(OUTBOX_SCHEMA)

    def write(self, db: sqlite3.Connection, record: PartRecord, teaching: bool) -> None:
        event = part_event(record, self.line, self.folder, self.station)
        if teaching:  # the active model knows another product: its verdict is not to act on
            event["teaching"] = True
        payload = json.dumps(event, separators=(",", ":"))
        queued_at = _timestamp(record.time)
        db.executemany(
            "INSERT OR IGNORE INTO outbox (output, event_id, queued_at, payload, size) VALUES (?, ?, ?, ?, ?)",
            [(output, event["event_id"], queued_at, payload, len(payload)) for output in self.outputs],
        )


def _timestamp(iso: str) -> float:
    try:
        return datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return time.time()


@dataclass(frozen=True)
class QueuedEvent:
    seq: int
    event_id: str
    payload: str


@dataclass(frozen=True)
class Dropped:
    """Events an output lost to the outbox's bound."""

    output: str
    events: int
    first_event: str
    last_event: str
    reason: str

    def message(self) -> str:
        return (f"{self.output} outbox: {self.reason}; the oldest {self.events} event(s) were dropped "
                f"({self.first_event} to {self.last_event}, logged in outbox_dropped)")  # fmt: skip


class Outbox:
    """An output's side of the outbox: its own connection to the log's file, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        # An acknowledgement lost to a power cut only means the event goes again (same id): no fsync per delete
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(OUTBOX_SCHEMA)

    def pending(self, output: str, limit: int = 50) -> list[QueuedEvent]:
        """The oldest ``limit`` events ``output`` has not delivered, oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT seq, event_id, payload FROM outbox WHERE output = ? ORDER BY seq LIMIT ?",
                                    (output, limit)).fetchall()  # fmt: skip
        return [QueuedEvent(*row) for row in rows]

    def acknowledge(self, output: str, seqs: list[int]) -> None:
        """Its receiver has these: they leave the outbox."""
        if not seqs:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("DELETE FROM outbox WHERE output = ? AND seq = ?", [(output, s) for s in seqs])
            self._db.execute("COMMIT")

    def move(self, old: str, new: str) -> int:
        """A station renamed: the events still queued as ``old`` wait as ``new`` (in their order; their ids stay, so
        a receiver that has one already can drop the repeat). How many moved."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute("UPDATE OR IGNORE outbox SET output = ? WHERE output = ?", (new, old))
            self._db.execute("COMMIT")
        return cursor.rowcount

    def count(self, output: str) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM outbox WHERE output = ?", (output,)).fetchone()[0]

    def prune(self, output: str, bound: OutboxBound, now: float | None = None) -> Dropped | None:
        """Drop ``output``'s oldest events beyond ``bound`` (older than its days, or past its size); logged. Reads
        only the index of sizes (a full outbox of 100 MB is a scan of about 4 MB), and the oldest row for its age."""
        now = time.time() if now is None else now
        cutoff = now - bound.days * 86400
        limit = int(bound.megabytes * 2**20)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                last = None
                oldest = self._db.execute("SELECT queued_at FROM outbox WHERE output = ? ORDER BY seq LIMIT 1",
                                          (output,)).fetchone()  # fmt: skip
                if oldest is not None and oldest[0] < cutoff:  # events are queued in time order
                    last = self._db.execute("SELECT MAX(seq) FROM outbox WHERE output = ? AND queued_at < ?",
                                            (output, cutoff)).fetchone()[0]  # fmt: skip
                reason = f"events older than {bound.days:g} days"
                total = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM outbox WHERE output = ? AND seq > ?",
                                         (output, last or 0)).fetchone()[0]  # fmt: skip
                if total > limit:
                    reason = f"the bound of {bound.megabytes:g} MB was reached"
                    rows = self._db.execute("SELECT seq, size FROM outbox WHERE output = ? AND seq > ? ORDER BY seq",
                                            (output, last or 0))  # fmt: skip
                    for seq, size in rows:
                        total -= size
                        last = seq
                        if total <= limit:
                            break
                if last is None:
                    self._db.execute("COMMIT")
                    return None
                count, first, final = self._db.execute(
                    "SELECT COUNT(*), (SELECT event_id FROM outbox WHERE output = ?1 ORDER BY seq LIMIT 1), "
                    "(SELECT event_id FROM outbox WHERE output = ?1 AND seq = ?2) FROM outbox "
                    "WHERE output = ?1 AND seq <= ?2", (output, last)).fetchone()  # fmt: skip
                self._db.execute("DELETE FROM outbox WHERE output = ? AND seq <= ?", (output, last))
                dropped = Dropped(output, count, first, final, reason)
                stamp = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
                self._db.execute("INSERT INTO outbox_dropped (time, output, events, first_event, last_event, reason) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", (stamp, output, count, first, final, reason))  # fmt: skip
                self._db.execute("COMMIT")
                return dropped
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def drops(self) -> list[tuple]:
        """Every drop so far: (time, output, events, first_event, last_event, reason), oldest first."""
        with self._lock:
            return self._db.execute("SELECT time, output, events, first_event, last_event, reason FROM "
                                    "outbox_dropped ORDER BY id").fetchall()  # fmt: skip

    def close(self) -> None:
        with self._lock:
            self._db.close()
