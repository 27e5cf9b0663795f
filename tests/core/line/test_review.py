"""The review reads the real log file: filters and orders its parts, and keeps every label at once."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.core.line.review import PartReview, ReviewError, ReviewFilter, interval
from tests.core.line.test_records import _earlier_release_log, _verdict


@pytest.fixture
def logged(tmp_path: Path) -> Path:
    """Two runs: the first with 6 parts, the second with 3, at scores that give OK, WARN and NG."""
    log = InspectionLog(tmp_path)
    for n, score in enumerate((0.2, 0.9, 1.5, 0.4, 2.5, 0.85), start=1):
        log.record(_verdict(n, score, ended=1_800_000_000.0 + n), "demo")
    log.new_run()
    for n, score in enumerate((0.3, 1.2, 0.1), start=1):
        log.record(_verdict(n, score, ended=1_800_003_600.0 + n), "camera 0")
    log.close()
    return tmp_path


def test_filters_and_orders_over_runs_times_verdicts_scores_and_labels(logged: Path):
    review = PartReview(logged)
    runs = review.runs()
    assert [r.parts for r in runs] == [3, 6]  # newest first
    everything = review.parts(review.ids(ReviewFilter()))
    assert len(everything) == 9 and everything[0].source == "camera 0"  # newest first by default
    first_run = review.parts(review.ids(ReviewFilter(run=runs[1].id, order="oldest")))
    assert [p.part for p in first_run] == [1, 2, 3, 4, 5, 6]
    ng = review.parts(review.ids(ReviewFilter(verdicts=("NG",), order="highest")))
    assert [p.normalized_score for p in ng] == [2.5, 1.5, 1.2]
    warn_and_ng = review.parts(review.ids(ReviewFilter(verdicts=("WARN", "NG"), score_max=1.4)))
    assert sorted(p.normalized_score for p in warn_and_ng) == [0.85, 0.9, 1.2]
    assert len(review.ids(ReviewFilter(since=everything[2].time))) == 3
    assert len(review.ids(ReviewFilter(until=everything[2].time))) == 6  # the second run came an hour later
    assert review.ids(ReviewFilter(verdicts=())) == []
    review.label(ng[0].id, "good")
    review.label(ng[1].id, "defect", "crack")
    assert [p.id for p in review.parts(review.ids(ReviewFilter(label="good")))] == [ng[0].id]
    assert len(review.ids(ReviewFilter(label="none"))) == 7
    marked = review.part(ng[1].id)
    assert (marked.label, marked.defect_type) == ("defect", "crack") and marked.labelled_by and marked.labelled_at
    review.label(ng[1].id, "unsure")  # the latest word stands; a type belongs to defects only
    assert (review.part(ng[1].id).label, review.part(ng[1].id).defect_type) == ("unsure", None)
    review.label(ng[1].id, None)
    assert review.part(ng[1].id).label is None
    with pytest.raises(ValueError):
        review.label(ng[1].id, "maybe")
    review.close()


def test_the_rates_count_false_alarms_and_misses_among_the_labelled_parts(logged: Path):
    review = PartReview(logged)
    by_score = {p.normalized_score: p.id for p in review.parts(review.ids(ReviewFilter()))}
    review.label(by_score[2.5], "good")  # NG but good: a false alarm
    review.label(by_score[0.2], "good")
    review.label(by_score[0.9], "defect", "stain")  # WARN, passed: a miss
    review.label(by_score[1.5], "defect")
    review.label(by_score[0.3], "unsure")
    rates = review.rates(ReviewFilter())
    assert (rates.labelled_good, rates.labelled_defect, rates.unsure) == (2, 2, 1)
    assert (rates.false_alarms, rates.misses) == (1, 1) and rates.false_alarm_rate == 0.5
    stricter = review.rates(ReviewFilter(), threshold=0.8)  # were the threshold at 0.8 x: the miss is caught
    assert stricter.misses == 0 and stricter.false_alarms == 1
    assert sorted(rates.good_scores) == [0.2, 2.5] and sorted(rates.defect_scores) == [0.9, 1.5]
    assert rates.warn_ratio == pytest.approx(0.8)  # every part was judged with its WARN line at 0.8 x threshold
    low, high = interval(rates.false_alarms, rates.labelled_good)
    assert low < 0.1 and high > 0.9  # one false alarm in two labelled good parts tells almost nothing
    assert interval(10, 1000) == pytest.approx((0.0054, 0.0183), abs=1e-4)
    review.close()


def test_a_label_survives_a_kill_of_the_process_that_gave_it(logged: Path):
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(Path(__file__).parents[3])!r})
from cookie_inspector.core.line.review import PartReview, ReviewFilter
review = PartReview({str(logged)!r})
review.label(review.ids(ReviewFilter(order="oldest"))[0], "defect", "chip")
print("labelled", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "labelled" in done.stdout and done.returncode != 0
    rows = sqlite3.connect(logged / "inspections.sqlite3").execute("SELECT label, type FROM labels").fetchall()
    assert rows == [("defect", "chip")]


def test_an_older_log_gets_its_labels_table_and_a_missing_one_is_a_clear_error(tmp_path: Path):
    _earlier_release_log(tmp_path, "NG")
    review = PartReview(tmp_path)
    (part,) = review.parts(review.ids(ReviewFilter()))
    review.label(part.id, "good")
    assert review.part(part.id).label == "good" and part.thumb is None
    review.close()
    with pytest.raises(ReviewError, match="no inspection log here"):
        PartReview(tmp_path / "elsewhere")


def test_a_photos_part_carries_its_file_name_for_the_review(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.record(_verdict(1, 1.5, truth="tile_0042.jpg"), "folder photos")  # a photo's truth is its name
    log.record(_verdict(2, 1.5), "demo")
    log.close()
    review = PartReview(tmp_path)
    assert [p.name for p in review.parts(review.ids(ReviewFilter(order="oldest")))] == ["tile_0042.jpg", None]
    review.close()


def test_a_period_is_a_run_a_shift_today_or_everything():
    from datetime import datetime

    from cookie_inspector.core.line.review import period_filter

    now = datetime(2026, 12, 6, 14, 30).astimezone()
    assert period_filter("shift", "r1", now).since.startswith("2026-12-06T06:30:00")
    assert period_filter("today", None, now).since.startswith("2026-12-06T00:00:00")
    assert period_filter("run", "r1", now) == ReviewFilter(run="r1")
    assert period_filter("all", "r1", now) == ReviewFilter()
