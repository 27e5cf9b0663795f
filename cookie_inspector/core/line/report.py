"""The shift report's figures, read from the inspection log: parts and yield, NG by defect type (from the labels),
NG share per hour, the score distribution, the models and every threshold change, time without signal, the alarms
and who acknowledged them, the top NG parts, and the rates measured from the labels. And the CSV of the parts.

Plain figures without Qt: the window and ``cookie-inspector report`` lay them out (HTML, PDF) in their language.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.imageio import write_bytes_atomic
from cookie_inspector.core.line.records import RUN_REPLAY, station_of
from cookie_inspector.core.line.review import STATION_OF_PART, TEACHING, PartReview, Rates, ReviewFilter, ReviewPart
from cookie_inspector.core.model.bundle import read_meta
from cookie_inspector.core.model.choice import estimate_of
from cookie_inspector.core.resources import demo_model_dir

TOP_NG = 6
"""NG parts shown with their heatmaps in the report (the highest scores with pictures)."""
SCORE_BINS = 24


@dataclass(frozen=True)
class Event:
    time: str
    run: str | None
    kind: str
    detail: str
    who: str


@dataclass(frozen=True)
class Outage:
    """A time without signal: from ``lost`` to ``back`` (None: not back by the end of the period)."""

    lost: str
    back: str | None
    seconds: float
    detail: str


@dataclass
class ShiftReport:
    """What a shift report says, for the parts of ``where``."""

    folder: Path
    where: ReviewFilter
    generated: str
    parts: int = 0
    ok: int = 0
    warn: int = 0
    ng: int = 0
    first: str | None = None
    last: str | None = None
    runs: list[str] = field(default_factory=list)
    ng_by_type: list[tuple[str, int]] = field(default_factory=list)
    """NG parts by what the labels say: ``defect:<type>``, ``defect``, ``good`` (false alarms), ``unsure``, ``none``."""
    missed_by_type: list[tuple[str, int]] = field(default_factory=list)
    """Parts labelled defective that passed (OK or WARN), by type: what the line let through."""
    hourly: list[tuple[str, int, int]] = field(default_factory=list)
    """(the hour's start, parts, NG parts) for every hour from the first part to the last."""
    score_edges: list[float] = field(default_factory=list)
    score_counts: list[int] = field(default_factory=list)
    """The parts' normalised scores in log-spaced bins (``score_edges`` has one more entry)."""
    models: list[tuple[str, int, str, str]] = field(default_factory=list)
    """(model, parts, first, last) in the order they were used."""
    estimates: dict[str, dict] = field(default_factory=dict)
    """What each model of :attr:`models` can see, as its training estimated it (``choice.estimate_of``), for the
    models whose bundle is still in the data folder and recorded one."""
    threshold_events: list[Event] = field(default_factory=list)
    """Models loaded, thresholds set by hand and the line calibration's steps, oldest first."""
    outages: list[Outage] = field(default_factory=list)
    acknowledgements: list[tuple[str, int]] = field(default_factory=list)
    """(how, NG parts) for the alarms dealt with: ``operator`` (the window), ``OPC UA``, ``no operator`` (headless),
    ``teaching``, ``earlier release``; ``pending`` for those still waiting."""
    top_ng: list[ReviewPart] = field(default_factory=list)
    rates: Rates = field(default_factory=Rates)
    product: str | None = None
    """The product reported on (empty: the unnamed one); None: every product."""
    not_counted: list[tuple[str, int]] = field(default_factory=list)
    """Parts of the period left out of every figure, by why: ``replay`` (a folder judged again), ``teaching``
    (judged by another product's model while a new product was taught), ``other products``."""

    @property
    def yield_share(self) -> float | None:
        """The share of parts that passed (OK or WARN)."""
        return (self.ok + self.warn) / self.parts if self.parts else None

    @property
    def seconds_without_signal(self) -> float:
        return sum(outage.seconds for outage in self.outages)


def _events(review: PartReview, where: ReviewFilter) -> list[Event]:
    """The log's events of the period, of ``where``'s product alone when it has one (an event logged before
    events named their product: its run's)."""
    clauses, params = where.period()
    if where.product is not None:
        clauses.append("COALESCE(product, (SELECT r.product FROM runs r WHERE r.id = events.run), '') = ?")
        params.append(where.product)
    if where.station is not None:
        clauses.append(f"{station_of('events')} = ?")
        params.append(where.station)
    clause = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = review.query(f"SELECT time, run, kind, COALESCE(detail, ''), COALESCE(who, '') FROM events{clause} "
                        "ORDER BY id", params)  # fmt: skip
    return [Event(*row) for row in rows]


def _seconds(start: str, end: str) -> float:
    try:
        return max(0.0, (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    except ValueError:
        return 0.0


def build_report(folder: Path, where: ReviewFilter | None = None, now: datetime | None = None) -> ShiftReport:
    """The report of the parts of ``where`` (its run and time range; its other filters are ignored) in the log of
    ``folder``. Raises :class:`~cookie_inspector.core.line.review.ReviewError` when there is no log."""
    where = where or ReviewFilter()
    period = ReviewFilter(run=where.run, since=where.since, until=where.until, order="oldest", product=where.product,
                          counted_only=True, station=where.station)  # fmt: skip
    now = now or datetime.now().astimezone()
    report = ShiftReport(Path(folder), period, now.isoformat(timespec="seconds"), product=where.product)
    review = PartReview(folder)
    try:
        clause, params = period.where()
        rows = review.query(f"SELECT p.time, p.verdict, p.normalized_score, p.model, p.run, l.label, l.type, "
                            f"p.acknowledged FROM parts p LEFT JOIN labels l ON l.part = p.id{clause} "
                            f"ORDER BY p.id", params)  # fmt: skip
        everything = ReviewFilter(run=where.run, since=where.since, until=where.until)
        clause, params = everything.where()
        others = review.query(f"SELECT COALESCE(p.product, ''), COALESCE(p.acknowledged, ''), r.kind, "
                              f"{STATION_OF_PART} FROM parts p "
                              f"LEFT JOIN labels l ON l.part = p.id LEFT JOIN runs r ON r.id = p.run{clause}",
                              params)  # fmt: skip
        events = _events(review, period)
        report.rates = review.rates(period)
        top_where = dataclasses.replace(period, verdicts=("NG",), pictures_only=True, order="highest")
        report.top_ng = review.parts(review.ids(top_where)[:TOP_NG])
    finally:
        review.close()
    report.not_counted = _not_counted(others, where.product, where.station)
    _count(report, rows)
    _threshold_and_signal(report, events)
    return report


def _not_counted(rows: list[tuple], product: str | None, station: str | None = None) -> list[tuple[str, int]]:
    """Why the parts of the period that the figures leave out were left out (each part once: a replay first, then
    teaching, then another station, then another product)."""
    why: Counter[str] = Counter()
    for part_product, acknowledged, kind, part_station in rows:
        if kind == RUN_REPLAY:
            why["replay"] += 1
        elif acknowledged == TEACHING:
            why["teaching"] += 1
        elif station is not None and part_station != station:
            why["other stations"] += 1
        elif product is not None and part_product != product:
            why["other products"] += 1
    reasons = ("replay", "teaching", "other stations", "other products")
    return [(reason, why[reason]) for reason in reasons if why[reason]]


def _count(report: ShiftReport, rows: list[tuple]) -> None:
    verdicts = Counter(row[1] for row in rows)
    report.parts, report.ok, report.warn, report.ng = len(rows), verdicts["OK"], verdicts["WARN"], verdicts["NG"]
    if not rows:
        return
    report.first, report.last = rows[0][0], rows[-1][0]
    report.runs = list(dict.fromkeys(row[4] for row in rows if row[4]))
    by_type: Counter[str] = Counter()
    acknowledged: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for _, verdict, _, _, _, label, kind, how in rows:
        if verdict != "NG":
            if label == "defect":
                missed[f"defect:{kind}" if kind else "defect"] += 1
            continue
        by_type[f"defect:{kind}" if label == "defect" and kind else (label or "none")] += 1
        stamped = how and how[:1].isdigit() and " " in how  # "<time> <who>"; an earlier release's: who alone
        acknowledged[how.split(" ", 1)[1] if stamped else (how or "pending")] += 1
    report.ng_by_type = sorted(by_type.items(), key=lambda item: (-item[1], item[0]))
    report.missed_by_type = sorted(missed.items(), key=lambda item: (-item[1], item[0]))
    report.acknowledgements = sorted(acknowledged.items(), key=lambda item: (-item[1], item[0]))
    # NG share per hour, every hour from the first part's to the last's (an hour without parts shows as such)
    hours: Counter[str] = Counter()
    ng_hours: Counter[str] = Counter()
    for time, verdict, *_ in rows:
        hour = time[:13]
        hours[hour] += 1
        ng_hours[hour] += verdict == "NG"
    try:
        start = datetime.fromisoformat(rows[0][0]).replace(minute=0, second=0, microsecond=0)
        end = datetime.fromisoformat(rows[-1][0])
        hour = start
        while hour <= end and len(report.hourly) < 24 * 31:
            key = hour.isoformat(timespec="seconds")[:13]
            report.hourly.append((hour.isoformat(timespec="minutes"), hours[key], ng_hours[key]))
            hour += timedelta(hours=1)
    except ValueError:
        report.hourly = [(hour, hours[hour], ng_hours[hour]) for hour in sorted(hours)]
    # the score distribution, log-spaced around the threshold (1.0)
    scores = [max(row[2], 1e-3) for row in rows if math.isfinite(row[2])]
    low = min(0.1, min(scores)) if scores else 0.1
    high = max(10.0, max(scores)) if scores else 10.0
    step = (math.log10(high) - math.log10(low)) / SCORE_BINS
    report.score_edges = [10 ** (math.log10(low) + i * step) for i in range(SCORE_BINS + 1)]
    counts = [0] * SCORE_BINS
    for score in scores:
        counts[min(SCORE_BINS - 1, int((math.log10(score) - math.log10(low)) / step))] += 1
    report.score_counts = counts
    models: dict[str, list] = {}
    for time, _, _, model, *_ in rows:
        entry = models.setdefault(model, [model, 0, time, time])
        entry[1] += 1
        entry[3] = time
    report.models = [tuple(entry) for entry in models.values()]
    report.estimates = model_estimates(report.folder, list(models))


def model_estimates(folder: Path, names: list[str]) -> dict[str, dict]:
    """The recorded estimate of each named model (the log names a model by its folder) found in ``folder``'s models
    or shipped with the app; a model opened from elsewhere, deleted since or trained without one is left out."""
    found = {}
    for name in names:
        try:
            place = demo_model_dir() if name == demo_model_dir().name else Path(folder) / "models" / str(name)
            estimate = estimate_of(read_meta(place))
        except InspectorError:
            continue
        if estimate is not None:
            found[name] = estimate
    return found


def _threshold_and_signal(report: ShiftReport, events: list[Event]) -> None:
    report.threshold_events = [e for e in events if e.kind in ("model", "threshold", "calibration")]
    lost: Event | None = None
    for event in events:
        if event.kind == "signal lost" and lost is None:
            lost = event
        elif event.kind == "signal back" and lost is not None:
            report.outages.append(Outage(lost.time, event.time, _seconds(lost.time, event.time), lost.detail))
            lost = None
    if lost is not None:
        end = report.where.until or report.last or report.generated
        report.outages.append(Outage(lost.time, None, _seconds(lost.time, end), lost.detail))


CSV_COLUMNS = ("id", "time", "run", "part", "verdict", "score", "threshold", "normalized_score", "model", "source",
               "region", "original", "overlay", "note", "acknowledged", "label", "defect_type", "labelled_by",
               "labelled_at", "product", "photo", "station")  # fmt: skip


def parts_csv(folder: Path, where: ReviewFilter | None = None) -> str:
    """Every part of ``where``'s run and time range, with its label, as CSV (oldest first)."""
    where = where or ReviewFilter()
    period = ReviewFilter(run=where.run, since=where.since, until=where.until, order="oldest")
    review = PartReview(folder)
    try:
        clause, params = period.where()
        rows = review.query(
            "SELECT p.id, p.time, p.run, p.part, p.verdict, p.score, p.threshold, p.normalized_score, p.model, "
            "p.source, p.region, p.original, p.overlay, p.note, p.acknowledged, l.label, l.type, l.who, l.time, "
            f"p.product, p.photo, {STATION_OF_PART} "
            f"FROM parts p LEFT JOIN labels l ON l.part = p.id{clause} ORDER BY p.id",
            params,
        )
    finally:
        review.close()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(["" if value is None else repr(value) if isinstance(value, float) else value
                         for value in row])  # fmt: skip
    return out.getvalue()


def write_parts_csv(folder: Path, path: Path, where: ReviewFilter | None = None) -> int:
    """Write :func:`parts_csv` to ``path`` (atomically, UTF-8 with a byte-order mark so that spreadsheets read
    Japanese text right); how many parts."""
    text = parts_csv(folder, where)
    write_bytes_atomic(Path(path), ("\ufeff" + text).encode("utf-8"))
    return text.count("\n") - 1
