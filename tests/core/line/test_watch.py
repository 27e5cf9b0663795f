"""The watch after a model swap and the drift of good parts' scores: plain bookkeeping over part verdicts."""

from __future__ import annotations

import json

import pytest

from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.live import PartVerdict
from cookie_inspector.core.line.watch import MIN_ALARMS, MIN_PARTS, DriftMeter, SwapWatch, calibration_figures
from cookie_inspector.core.resources import demo_model_dir


def _part(number: int, normalized: float, threshold_from: str = "") -> PartVerdict:
    verdict = Verdict.NG if normalized >= 1 else Verdict.WARN if normalized >= 0.8 else Verdict.OK
    return PartVerdict(number=number, verdict=verdict, score=normalized * 2.0, threshold=2.0, warn_threshold=1.6,
                       frames=8, first_frame=0, last_frame=7, started=0.0, ended=0.0, model="m", worst=None,
                       worst_frame=None, threshold_from=threshold_from)  # fmt: skip


def test_a_model_that_alarms_on_a_third_of_the_parts_is_suspect_once_enough_parts_passed():
    watch = SwapWatch(calibrated_rate=0.01, previous_rate=0.02)
    scores = [1.5, 0.4, 0.5, 1.2, 0.3, 0.4, 1.1, 0.5]  # 3 NG of 8
    reports = [watch.add(_part(n, s)) for n, s in enumerate(scores, 1)]
    assert [r.state for r in reports[:-1]] == ["watching"] * (MIN_PARTS - 1)  # too few parts to judge before
    assert reports[-1].state == "suspect" and reports[-1].alarms == MIN_ALARMS and reports[-1].parts == MIN_PARTS
    assert reports[-1].rate == pytest.approx(3 / 8) and reports[-1].limit == pytest.approx(0.10)


def test_a_line_with_a_few_real_defects_does_not_look_like_a_broken_model():
    watch = SwapWatch(calibrated_rate=0.01, previous_rate=0.12)  # the old model flagged 12% on this line too
    for n in range(1, 31):
        report = watch.add(_part(n, 1.3 if n % 6 == 0 else 0.4))  # 5 NG of 30: 17%, under 2 x 12% + 5%
    assert report.state == "trusted" and report.alarms == 5 and report.limit == pytest.approx(0.29)
    assert watch.add(_part(31, 1.5)).parts == 30  # the watch is over: later parts are not counted


def test_two_alarms_are_never_enough_to_call_the_model_broken():
    watch = SwapWatch(calibrated_rate=0.01)
    for n, score in enumerate([1.4, 1.6] + [0.4] * 6, 1):
        report = watch.add(_part(n, score))
    assert report.state == "watching" and report.alarms == 2


def test_parts_judged_at_the_conservative_threshold_do_not_end_the_watch():
    """While the line's calibration starts, only the clearest defects alarm: those parts say little of the model,
    so the watch runs over 30 parts judged at the line's threshold after them."""
    watch = SwapWatch(calibrated_rate=0.01)
    for n in range(1, 21):
        report = watch.add(_part(n, 0.4, f"conservative {n - 1}/200"))
    for n in range(21, 50):
        report = watch.add(_part(n, 0.4, f"line {n - 1}/200"))
        assert report.state == "watching"
    report = watch.add(_part(50, 0.4, "line 49/200"))
    assert report.state == "trusted" and report.parts == 50


def test_a_line_calibration_held_at_its_upper_bound_makes_the_new_model_suspect():
    watch = SwapWatch(calibrated_rate=0.01)
    calibrating = {"using": "line", "bounded": "", "factor": 1.4}
    assert watch.add(_part(1, 0.5), {"using": "conservative", "bounded": "", "factor": 1.5}).state == "watching"
    assert watch.add(_part(2, 0.5), calibrating).state == "watching"
    report = watch.add(_part(3, 0.5), {"using": "line", "bounded": "high", "factor": 2.0})
    assert report.state == "suspect" and report.reason == "bound" and report.factor == 2.0
    assert report.alarms == 0  # no NG part: the line's good parts score above what the samples showed
    assert watch.add(_part(4, 0.5), calibrating).state == "suspect"  # said until the operator decides
    low = SwapWatch(calibrated_rate=0.01)
    assert low.add(_part(1, 0.5), {"using": "line", "bounded": "low", "factor": 0.5}).state == "watching"


def test_drift_compares_the_good_parts_median_with_the_calibration():
    meter = DriftMeter(calibrated_median=0.5, window=20, minimum=10)
    for n in range(9):
        meter.add(_part(n, 0.75))
    assert meter.ratio is None  # too few parts yet
    meter.add(_part(9, 0.75))
    meter.add(_part(10, 3.0))  # an NG part does not count: it is a defect, not drift
    assert meter.ratio == pytest.approx(1.5) and meter.drifting
    for n in range(20):
        meter.add(_part(n, 0.5))
    assert meter.ratio == pytest.approx(1.0) and not meter.drifting


def test_the_shipped_models_calibration_figures():
    meta = json.loads((demo_model_dir() / "meta.json").read_text())
    rate, median = calibration_figures(meta)
    assert rate == meta["calibration"]["target_false_alarm_rate"]
    assert median == pytest.approx(meta["score_stats"]["median"] / meta["threshold"]) and 0 < median < 1
    assert calibration_figures({}) == (0.01, None)
