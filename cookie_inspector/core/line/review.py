"""Looking back at the line: the logged parts, filtered and sorted for review, and the labels a person gives them.

A label says what a part really was: ``defect`` (with an optional defect type), ``good`` (a false alarm, when the
line called it NG) or ``unsure``. Labels live in the inspection log's own file (the ``labels`` table, one row per
part: the latest word stands), each written and committed at once, so a kill loses none. The review reads through a
connection of its own: it may stay open beside the running line.
"""

from __future__ import annotations

import dataclasses
import getpass
import math
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from cookie_inspector.core.errors import ImageReadError, InspectorError
from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.line.records import LOG_NAME, prepare_log, station_of

LABELS = ("defect", "good", "unsure")
DEFECT_TYPES = ("scratch", "crack", "chip", "stain", "foreign matter", "deformed", "missing", "other")
"""The defect types offered at first; the engineer edits the list (the window keeps it)."""
VERDICTS = ("OK", "WARN", "NG")
ORDERS = ("newest", "oldest", "highest", "lowest")
"""Sort orders: by time (newest or oldest first) or by score (highest or lowest first)."""
UNLABELLED = "none"
SHIFT_HOURS = 8
"""A shift, as the review and the shift report offer it: the last this many hours."""


class ReviewError(InspectorError):
    """The log cannot be read for review or a label cannot be written (a missing or damaged file, a full disk)."""


@dataclass(frozen=True)
class ReviewFilter:
    """Which logged parts to review. Times are ISO 8601 (as the log writes them); scores are normalised (1.0 is
    the threshold the part was judged at)."""

    run: str | None = None
    since: str | None = None
    until: str | None = None
    verdicts: tuple[str, ...] = VERDICTS
    score_min: float | None = None
    score_max: float | None = None
    label: str | None = None
    """``defect``, ``good``, ``unsure``, ``none`` (unlabelled) or None (any)."""
    pictures_only: bool = False
    order: str = "newest"
    product: str | None = None
    """The parts of this product alone (its name; empty: the unnamed one); None: of every product."""
    counted_only: bool = False
    """Leave out the parts a shift does not count: judged while a new product was taught (by another product's
    model) and those of a replay (a folder judged again)."""
    station: str | None = None
    """The parts of this station alone (its name; empty: a line of one station); None: of every station."""

    def where(self) -> tuple[str, list]:
        """The SQL condition and its parameters (over ``parts p LEFT JOIN labels l``)."""
        clauses, params = self.period("p.")
        verdicts = [v for v in self.verdicts if v in VERDICTS]
        if len(verdicts) < len(VERDICTS):
            clauses.append(f"p.verdict IN ({','.join('?' * len(verdicts))})" if verdicts else "0")
            params.extend(verdicts)
        if self.score_min is not None:
            clauses.append("p.normalized_score >= ?")
            params.append(self.score_min)
        if self.score_max is not None:
            clauses.append("p.normalized_score <= ?")
            params.append(self.score_max)
        if self.label == UNLABELLED:
            clauses.append("l.label IS NULL")
        elif self.label:
            clauses.append("l.label = ?")
            params.append(self.label)
        if self.pictures_only:
            clauses.append("p.original IS NOT NULL")
        if self.product is not None:
            clauses.append("COALESCE(p.product, '') = ?")
            params.append(self.product)
        if self.counted_only:
            clauses.append(COUNTED)
        if self.station is not None:
            clauses.append(f"{STATION_OF_PART} = ?")
            params.append(self.station)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def period(self, prefix: str = "") -> tuple[list[str], list]:
        """The conditions of the run and the time range alone, on a table with ``run`` and ``time`` columns (the
        parts, ``p.``; the log's events)."""
        clauses, params = [], []
        for value, condition in ((self.run, "run = ?"), (self.since, "time >= ?"), (self.until, "time < ?")):
            if value:
                clauses.append(prefix + condition)
                params.append(value)
        return clauses, params

    def order_by(self) -> str:
        return {"newest": "p.id DESC", "oldest": "p.id", "highest": "p.normalized_score DESC, p.id DESC",
                "lowest": "p.normalized_score, p.id DESC"}[self.order]  # fmt: skip


TEACHING = "teaching"
"""How the log marks a part judged while a new product was taught (``parts.acknowledged``): another product's
model judged it."""
COUNTED = (f"COALESCE(p.acknowledged, '') != '{TEACHING}' AND "
           "(p.run IS NULL OR p.run NOT IN (SELECT id FROM runs WHERE kind = 'replay'))")  # fmt: skip
"""The parts a shift counts (see :attr:`ReviewFilter.counted_only`)."""


STATION_OF_PART = station_of("p")
"""The station that judged part ``p``."""


def period_filter(kind: str, run: str | None = None, now: datetime | None = None,
                  product: str | None = None) -> ReviewFilter:  # fmt: skip
    """The parts of a period: ``all``, ``shift`` (the last :data:`SHIFT_HOURS`), ``today`` (since midnight) or
    ``run`` (the parts of ``run``); of ``product`` alone when given."""
    now = now or datetime.now().astimezone()
    since = {"shift": now - timedelta(hours=SHIFT_HOURS),
             "today": now.replace(hour=0, minute=0, second=0, microsecond=0)}.get(kind)  # fmt: skip
    return ReviewFilter(run=run if kind == "run" else None,
                        since=since.isoformat(timespec="seconds") if since else None, product=product)  # fmt: skip


@dataclass(frozen=True)
class ReviewPart:
    """One logged part as the review shows it."""

    id: int
    time: str
    part: int
    run: str | None
    verdict: str
    score: float
    normalized_score: float
    threshold: float
    model: str
    source: str
    original: str | None
    overlay: str | None
    thumb: str | None
    region: str | None
    note: str | None
    kept: str | None
    label: str | None = None
    defect_type: str | None = None
    labelled_by: str | None = None
    labelled_at: str | None = None
    name: str | None = None
    """The photo's file name, for a part from a folder of photos."""
    product: str | None = None
    """The product on the line when it was judged (empty: unnamed; None: logged before products had names)."""
    station: str = ""
    """The station that judged it (empty: a line of one station)."""


@dataclass(frozen=True)
class RunInfo:
    id: str
    started: str
    parts: int


@dataclass(frozen=True)
class Rates:
    """The line's rates as the labels measure them, at one threshold (normalised: 1.0 is each part's own)."""

    good_scores: tuple[float, ...] = ()
    """The scores of the parts labelled good."""
    defect_scores: tuple[float, ...] = ()
    """The scores of the parts labelled defective."""
    unsure: int = 0
    warn_ratio: float | None = None
    """The WARN line as a share of the threshold (the median over the parts of the period; None: not logged)."""
    threshold: float = 1.0

    @property
    def labelled_good(self) -> int:
        return len(self.good_scores)

    @property
    def labelled_defect(self) -> int:
        return len(self.defect_scores)

    @property
    def false_alarms(self) -> int:
        """Parts labelled good that the threshold calls NG."""
        return sum(score >= self.threshold for score in self.good_scores)

    @property
    def misses(self) -> int:
        """Parts labelled defective that the threshold lets pass."""
        return sum(score < self.threshold for score in self.defect_scores)

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.labelled_good if self.labelled_good else None

    @property
    def miss_rate(self) -> float | None:
        return self.misses / self.labelled_defect if self.labelled_defect else None

    def at(self, threshold: float) -> Rates:
        """The same labels at another threshold (normalised)."""
        return dataclasses.replace(self, threshold=threshold)


def interval(count: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% (Wilson score) interval of a rate of ``count`` in ``total``: how little a few labels tell."""
    if total <= 0:
        return 0.0, 1.0
    p = count / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


_COLUMNS = ("p.id, p.time, p.part, p.run, p.verdict, p.score, p.normalized_score, p.threshold, p.model, p.source, "
            "p.original, p.overlay, p.thumb, p.region, p.note, p.kept, l.label, l.type, l.who, l.time, "
            "COALESCE(p.photo, json_extract(CASE WHEN json_valid(p.truth) THEN p.truth END, '$.name')), "
            f"p.product, {STATION_OF_PART}")  # fmt: skip


def parse_time(text: str, now: datetime | None = None) -> str:
    """A time as typed (``2026-12-06T06:00``, ``2026-12-06 06:00``, ``2026-12-06``, or ``06:00`` for today), as
    the log's ISO 8601 in the local zone; ValueError when it is none of these."""
    now = now or datetime.now().astimezone()
    text = text.strip()
    try:
        if len(text) <= 5 and ":" in text:
            hours, minutes = (int(v) for v in text.split(":"))
            moment = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a time (2026-12-06T06:00, 2026-12-06 or 06:00)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=now.tzinfo)
    return moment.isoformat(timespec="seconds")


def who_labels() -> str:
    """The name a label is signed with: the user logged in on this machine."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "operator"


class PartReview:
    """The log of ``folder`` opened for review: parts found and labelled; safe to call from any thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        if not self.path.is_file():
            raise ReviewError(f"{self.path}: no inspection log here yet (run the line first)")
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            prepare_log(self._db, self.folder)  # a log of an earlier release: its new columns and labels table
        except sqlite3.Error as exc:
            raise ReviewError(f"{self.path}: cannot read the inspection log ({exc})") from exc

    def ids(self, where: ReviewFilter) -> list[int]:
        """The ids of every part that matches, in the filter's order (one column: fast for a long log)."""
        clause, params = where.where()
        with self._lock:
            rows = self._db.execute(f"SELECT p.id FROM parts p LEFT JOIN labels l ON l.part = p.id{clause} "
                                    f"ORDER BY {where.order_by()}", params).fetchall()  # fmt: skip
        return [row[0] for row in rows]

    def parts(self, ids: list[int]) -> list[ReviewPart]:
        """These parts (in the order of ``ids``; ids no longer in the log are left out)."""
        found: dict[int, ReviewPart] = {}
        with self._lock:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                rows = self._db.execute(f"SELECT {_COLUMNS} FROM parts p LEFT JOIN labels l ON l.part = p.id "
                                        f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()  # fmt: skip
                found.update((row[0], ReviewPart(*row)) for row in rows)
        return [found[i] for i in ids if i in found]

    def part(self, part_id: int) -> ReviewPart | None:
        found = self.parts([part_id])
        return found[0] if found else None

    def inspected_picture(self, part: ReviewPart) -> np.ndarray:
        """The region the part was inspected in, cut from its stored original picture (as capture stores a good
        sample). Raises :class:`ImageReadError` when the picture is gone or unreadable."""
        if not part.original:
            raise ImageReadError(f"part {part.part}: no pictures were kept of it")
        image = read_image(self.folder / part.original)
        if not part.region:
            return image
        roi = Roi.parse(part.region).fitted_to(image.shape[1], image.shape[0])
        return np.ascontiguousarray(roi.crop(image))

    def label(self, part_id: int, label: str | None, defect_type: str | None = None, who: str | None = None) -> None:
        """Say what the part was (None: take the label back); committed before it returns."""
        if label is not None and label not in LABELS:
            raise ValueError(f"{label!r} is not a label ({', '.join(LABELS)})")
        stamp = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
        with self._lock:
            try:
                if label is None:
                    self._db.execute("DELETE FROM labels WHERE part = ?", (part_id,))
                else:
                    self._db.execute(
                        "INSERT INTO labels (part, label, type, who, time) VALUES (?, ?, ?, ?, ?) ON CONFLICT(part) "
                        "DO UPDATE SET label = excluded.label, type = excluded.type, who = excluded.who, "
                        "time = excluded.time",
                        (part_id, label, defect_type if label == "defect" else None, who or who_labels(), stamp),
                    )
            except sqlite3.Error as exc:
                raise ReviewError(f"{self.path}: cannot save the label of part {part_id} ({exc})") from exc

    def runs(self) -> list[RunInfo]:
        """Every run with parts, newest first."""
        with self._lock:
            rows = self._db.execute("SELECT r.id, r.started, COUNT(p.id) FROM runs r JOIN parts p ON p.run = r.id "
                                    "GROUP BY r.id ORDER BY r.rowid DESC").fetchall()  # fmt: skip
        return [RunInfo(*row) for row in rows]

    def stations(self) -> list[str]:
        """The named stations with parts in the log, in the order they first judged one (none: a line of one
        station)."""
        try:
            rows = self.query("SELECT r.station FROM runs r WHERE r.station <> '' AND EXISTS (SELECT 1 FROM parts p "
                              "WHERE p.run = r.id) GROUP BY r.station ORDER BY MIN(r.rowid)")  # fmt: skip
        except ReviewError:  # a log of an earlier release: one station
            return []
        return [row[0] for row in rows]

    def rates(self, where: ReviewFilter, threshold: float = 1.0) -> Rates:
        """False alarms and misses among the labelled parts that match, if the threshold were ``threshold`` x
        each part's own (1.0: as they were judged)."""
        clause, params = where.where()
        joiner = " AND " if clause else " WHERE "
        with self._lock:
            rows = self._db.execute(f"SELECT l.label, p.normalized_score FROM parts p JOIN labels l ON l.part = p.id"
                                    f"{clause}{joiner}l.label IS NOT NULL", params).fetchall()  # fmt: skip
            warn = self._db.execute(f"SELECT p.warn_threshold / p.threshold FROM parts p LEFT JOIN labels l ON "
                                    f"l.part = p.id{clause}{joiner}p.warn_threshold IS NOT NULL AND p.threshold > 0 "
                                    f"ORDER BY p.id DESC LIMIT 2000", params).fetchall()  # fmt: skip
        good = [score for label, score in rows if label == "good"]
        defect = [score for label, score in rows if label == "defect"]
        ratios = sorted(r for (r,) in warn)
        warn_ratio = ratios[len(ratios) // 2] if ratios else None
        return Rates(tuple(good), tuple(defect), sum(label == "unsure" for label, _ in rows), warn_ratio, threshold)

    def query(self, sql: str, params: list | tuple = ()) -> list[tuple]:
        """Rows of a read-only query of this package's own (the shift report's figures)."""
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise ReviewError(f"{self.path}: cannot read the inspection log ({exc})") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()
