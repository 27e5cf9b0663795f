"""The shift report tells the truth: the product on the line alone, the parts judged while a new product was taught
and those of a replay left out of its counts and its top NG page and listed apart, the product named first."""

from __future__ import annotations

from pathlib import Path

from cookie_inspector.core.line.records import RUN_REPLAY, InspectionLog
from cookie_inspector.core.line.report import build_report
from cookie_inspector.core.line.review import ReviewFilter, period_filter
from cookie_inspector.gui.report_writer import ReportWriter
from tests.core.line.test_records import _verdict


def _day(folder: Path) -> None:
    """A day on one line: tiles judged (2 OK, 1 NG), taught while the cookie model judged (2 NG), a replay of the
    tiles folder (3), and plates (1 OK, 1 NG)."""
    log = InspectionLog(folder)
    log.set_product("tiles")
    log.event("model", "tiles-model")
    for number, score in ((1, 0.2), (2, 0.3), (3, 1.6)):
        log.record(_verdict(number, score), "folder tiles")
    for number in (4, 5):  # the cookie model called every tile NG while tiles were taught
        log.record(_verdict(number, 3.0), "folder tiles", teaching=True)
    log.new_run()
    log.mark_run(RUN_REPLAY)
    for number, score in ((1, 0.2), (2, 0.3), (3, 5.0)):
        log.record(_verdict(number, score), "folder tiles")
    log.new_run()
    log.set_product("plates")
    log.event("model", "plates-model")
    log.event("threshold", "threshold 5.0", "operator 7")
    log.record(_verdict(1, 0.1), "camera 0")
    log.record(_verdict(2, 2.5), "camera 0")
    log.close()


def test_the_report_counts_the_product_on_the_line_and_lists_apart_what_it_leaves_out(tmp_path: Path, qapp):
    _day(tmp_path)
    report = build_report(tmp_path, period_filter("all", product="tiles"))
    assert (report.parts, report.ok, report.warn, report.ng) == (3, 2, 0, 1)
    assert report.not_counted == [("replay", 3), ("teaching", 2), ("other products", 2)]
    assert [p.normalized_score for p in report.top_ng] == [1.6]  # not the replay's 5.0, not the taught 3.0s
    assert report.acknowledgements == [("pending", 1)]  # the taught parts' "teaching" is not among them
    assert [e.detail for e in report.threshold_events] == ["tiles-model"]  # not the plates' model nor threshold
    text = ReportWriter().html(report, {"hourly": "", "scores": "", "ng0": ""})
    assert "Product: tiles" in text
    assert ("Not counted: 3 parts of a replay (a folder judged again), 2 parts judged while a new product was "
            "taught, 2 parts of other products.") in text  # fmt: skip

    plates = build_report(tmp_path, ReviewFilter(product="plates"))
    assert [e.detail for e in plates.threshold_events] == ["plates-model", "threshold 5.0"]
    assert (plates.parts, plates.ng) == (2, 1) and plates.not_counted == [("replay", 3), ("teaching", 2),
                                                                        ("other products", 3)]  # fmt: skip
    every = build_report(tmp_path)  # every product: still never the taught parts nor the replay
    assert (every.parts, every.ng) == (5, 2) and every.not_counted == [("replay", 3), ("teaching", 2)]
    assert "Every product" in ReportWriter().html(every, {"hourly": "", "scores": "", "ng0": "", "ng1": ""})
    assert len(every.threshold_events) == 3
