"""The review of a long log, as the quality engineer meets it: how long the window takes to open on 50,000 logged
parts, and how long each step of a scroll through its grid takes to paint (the thumbnails read from the folder as
they come into view).

The log is written here: 50,000 parts over three shifts (90% OK, 7% WARN, 3% NG, with scores to match), every NG
and WARN part and a sample of OK parts with real pictures (demo-line cookies and their heatmaps, through the log's
own writer), the rest without, as the log keeps them. Then, side by side in one run:

1. opening: the review window built, filled and painted, for the whole log and for one shift (a third of it);
2. scrolling: the grid moved half a page at a time from the top through 400 steps and repainted at each; the time of
   each step (median, 95th percentile, worst) against 16 ms (60 frames a second) and 33 ms;
3. the same scroll ordered by score (the NG parts, all with pictures, come first).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/review.py [--parts 50000]

Prints a table and writes ``benchmarks/results/review.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cookie_inspector.core.judge.inspector import InspectionResult, Verdict  # noqa: E402
from cookie_inspector.core.line.live import PartVerdict  # noqa: E402
from cookie_inspector.core.line.records import InspectionLog  # noqa: E402
from cookie_inspector.core.line.review import ReviewFilter  # noqa: E402
from cookie_inspector.gui.review_window import open_review  # noqa: E402
from cookie_inspector.synth.line import DemoLine  # noqa: E402

PICTURES = 300
"""Parts written through the log with their pictures (the rest of the rows share their picture files)."""


def write_log(folder: Path, parts: int) -> dict:
    """A log of ``parts`` parts over three shifts; returns what it holds."""
    rng = np.random.default_rng(0)
    log = InspectionLog(folder)
    start = datetime(2026, 12, 1, 6, 0).astimezone()
    step = timedelta(hours=24) / parts
    # real pictures for the first parts, through the log's own writer (thumbnail and all)
    line = DemoLine(seed=3)
    for n in range(1, PICTURES + 1):
        frame = line.scene_at(n * 1.7)[0]
        image = np.ascontiguousarray(frame[:, :, ::-1]).astype(np.float32) / 255.0
        error = np.zeros(image.shape[:2], np.float32)
        error[40:90, 50:110] = rng.uniform(0.5, 3.0)
        score = float(rng.uniform(1.0, 4.0)) if n % 3 == 0 else float(rng.uniform(0.8, 0.99))
        result = InspectionResult(image, None, error, score, 1.0, 0.8, None)
        verdict = Verdict.NG if score >= 1.0 else Verdict.WARN
        ended = (start + step * n).timestamp()
        log.record(PartVerdict(n, verdict, score, 1.0, 0.8, 6, 0, 5, ended - 0.2, ended, "bench", result, frame,
                               None), "bench")  # fmt: skip
    pictures = log.recent(PICTURES)
    # the other rows straight into the same table, as a long run leaves it
    kinds = rng.choice(["OK", "WARN", "NG"], size=parts - PICTURES, p=[0.90, 0.07, 0.03])
    rows = []
    for i, verdict in enumerate(kinds):
        n = PICTURES + 1 + i
        score = {"OK": rng.lognormal(np.log(0.45), 0.25), "WARN": rng.uniform(0.8, 1.0),
                 "NG": rng.uniform(1.0, 6.0)}[verdict]  # fmt: skip
        shown = pictures[i % PICTURES] if verdict != "OK" or i % 50 == 0 else None
        time_text = (start + step * n).isoformat(timespec="milliseconds")
        rows.append((time_text, n, verdict, float(score), 1.0, float(score), 6, "bench", "bench", None,
                     shown.original if shown else None, shown.overlay if shown else None, None, log.run,
                     shown.thumb if shown else None, 0 if shown else None, "80,0,480,480@640x480", 0.8))  # fmt: skip
    db = log._db
    db.execute("BEGIN")
    db.executemany("INSERT INTO parts (time, part, verdict, score, threshold, normalized_score, frames, model, source, "
                   "truth, original, overlay, note, run, thumb, picture_bytes, region, warn_threshold) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
    db.execute("COMMIT")
    counts = log.counts()
    log.close()
    return {"parts": sum(counts.values()), **counts, "first": start.isoformat(), "hours": 24}


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def open_time(app: QApplication, folder: Path, where: ReviewFilter | None, order: str = "newest") -> tuple:
    settings = QSettings(str(folder / "bench-settings.ini"), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = open_review(folder, settings, None, where)
    window.resize(1280, 800)
    if order != "newest":
        window.order.setCurrentIndex(window.order.findData(order))
    window.show()
    settle(app)
    window.grid.viewport().repaint()
    return time.perf_counter() - started, window


def scroll_times(app: QApplication, window, steps: int) -> list[float]:
    bar = window.grid.verticalScrollBar()
    bar.setValue(0)
    settle(app)
    times = []
    for _ in range(steps):
        started = time.perf_counter()
        bar.setValue(bar.value() + max(1, bar.pageStep() // 2))
        window.grid.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=50_000)
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    results: dict = {"machine": f"{os.cpu_count()} cores", "when": datetime.now().isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "data"
        written = time.perf_counter()
        results["log"] = write_log(folder, args.parts)
        results["log"]["seconds_to_write"] = round(time.perf_counter() - written, 1)
        shift_start = datetime.fromisoformat(results["log"]["first"])
        shift = ReviewFilter(since=shift_start.isoformat(timespec="seconds"),
                             until=(shift_start + timedelta(hours=8)).isoformat(timespec="seconds"))  # fmt: skip
        rows = []
        for name, where, order in (("whole log, newest first", None, "newest"),
                                   ("one shift (8 h)", shift, "newest"),
                                   ("whole log, highest score first", None, "highest")):  # fmt: skip
            seconds, window = open_time(app, folder, where, order)
            count = window.model.rowCount()
            steps = scroll_times(app, window, args.steps)
            window.close()
            settle(app)
            row = {"view": name, "parts": count, "open_s": round(seconds, 3),
                   "scroll_median_ms": round(statistics.median(steps), 1),
                   "scroll_p95_ms": round(float(np.percentile(steps, 95)), 1), "scroll_max_ms": round(max(steps), 1),
                   "steps_over_33ms": sum(s > 33 for s in steps), "steps": len(steps)}  # fmt: skip
            rows.append(row)
        results["views"] = rows
    print(f"log: {results['log']['parts']} parts ({results['log'].get('OK', 0)} OK, {results['log'].get('WARN', 0)} "
          f"WARN, {results['log'].get('NG', 0)} NG), written in {results['log']['seconds_to_write']} s")  # fmt: skip
    print(f"{'view':<34}{'parts':>8}{'open s':>9}{'scroll ms: median':>19}{'p95':>7}{'max':>7}{'>33 ms':>8}")
    for row in rows:
        print(
            f"{row['view']:<34}{row['parts']:>8}{row['open_s']:>9.3f}{row['scroll_median_ms']:>19.1f}"
            f"{row['scroll_p95_ms']:>7.1f}{row['scroll_max_ms']:>7.1f}{row['steps_over_33ms']:>5}/{row['steps']}"
        )
    out = ROOT / "benchmarks" / "results" / "review.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
