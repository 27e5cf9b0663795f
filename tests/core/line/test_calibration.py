"""The line's own calibration on score streams drawn here (a real model's are in tests/test_cli_calibration.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cookie_inspector.core.line.calibration import (
    LineCalibration,
    LineCalibrationSettings,
    SampleReference,
    calibration_path,
    for_model,
)

META = {"threshold": 4.0, "warn_threshold": 3.5, "created": "2026-12-05T10:00:00+00:00",
        "calibration": {"target_false_alarm_rate": 0.01, "target_warn_rate": 0.05,
                        "scores": [float(v) for v in np.random.default_rng(0).normal(2.5, 0.5, 100)]}}  # fmt: skip


def reference() -> SampleReference:
    return SampleReference.from_meta(META)


def feed(calibration: LineCalibration, scores) -> list[tuple[float, float]]:
    """The thresholds each part met, as the live line uses them: asked before the part, told its score after."""
    met = []
    for number, score in enumerate(scores, start=1):
        met.append(calibration.thresholds())
        calibration.add(float(score), number)
    return met


def test_until_enough_parts_only_a_conservative_threshold_alarms():
    calibration = LineCalibration(reference())
    assert calibration.thresholds() == pytest.approx((4.0 * 1.5, 3.5 * 1.5))
    assert calibration.status()["using"] == "conservative"
    feed(calibration, [2.5] * 19)
    assert calibration.thresholds()[0] == pytest.approx(6.0)
    calibration.add(2.5, 20)
    assert calibration.status()["using"] == "line" and calibration.thresholds()[0] < 6.0
    assert calibration.describe() == "calibrating on the line: 20 of 200 parts"


def test_a_line_whose_good_parts_score_higher_than_the_samples_gets_a_threshold_that_holds_on_them():
    rng = np.random.default_rng(1)
    line = rng.normal(4.2, 0.45, 400)  # the light moved: every good part scores higher than the samples did
    samples_false_alarms = np.mean(line[40:] >= META["threshold"])
    calibration = LineCalibration(reference())
    met = feed(calibration, line)
    alarms = [score >= threshold for score, (threshold, _) in zip(line, met, strict=True)]
    assert samples_false_alarms > 0.3
    assert np.mean(alarms[40:]) <= 0.02
    warned = [warn <= score < threshold for score, (threshold, warn) in zip(line, met, strict=True)]
    assert np.mean(warned[40:]) <= 0.10
    assert calibration.state == "calibrated" and calibration.parts_seen == 200
    fresh = rng.normal(4.2, 0.45, 20_000)
    assert 0.0005 <= np.mean(fresh >= calibration.thresholds()[0]) <= 0.02  # held on the next parts, not asleep


def test_fifteen_percent_defective_parts_do_not_lift_the_threshold_above_them():
    rng = np.random.default_rng(2)
    good = rng.normal(2.6, 0.4, 200)
    clean = LineCalibration(reference())
    feed(clean, good)
    stream = good.copy()
    defective = rng.choice(200, size=30, replace=False)
    stream[defective] = rng.uniform(5.5, 9.0, 30)  # 15% defective parts, each clearly above good ones
    mixed = LineCalibration(reference())
    met = feed(mixed, stream)
    threshold = mixed.thresholds()[0]
    assert threshold < stream[defective].min()
    assert threshold == pytest.approx(clean.thresholds()[0], rel=0.12)
    caught = [stream[i] >= met[i][0] for i in defective if i >= 40]
    assert all(caught)


def _meta_with_samples(samples: np.ndarray) -> dict:
    return {**META, "calibration": {**META["calibration"], "scores": [float(v) for v in samples]}}


def test_a_long_upper_tail_that_the_samples_showed_is_followed_on_the_line():
    """Good parts whose scores reach far up (right-skewed, as a map's maximum often is): the spread below the centre
    says too little of the tail, so the line's own upper quantile lifts the threshold, as far as the samples' did."""
    rng = np.random.default_rng(3)
    samples = rng.gumbel(3.0, 0.4, 100)
    reference = SampleReference.from_meta(_meta_with_samples(samples))
    assert reference.sample_tail > 1.5  # the samples' 99th percentile lies far above their centre
    good = rng.gumbel(3.0, 0.4, 400)
    stream = good.copy()
    defective = rng.choice(400, size=48, replace=False)
    stream[defective] = rng.uniform(8.0, 12.0, 48)
    calibration = LineCalibration(reference)
    met = feed(calibration, stream)
    alarms = [stream[i] >= met[i][0] for i in range(40, 400) if i not in set(defective)]
    assert np.mean(alarms) <= 0.02
    assert all(stream[i] >= met[i][0] for i in defective if i >= 40)
    fresh = rng.gumbel(3.0, 0.4, 20_000)
    held = np.mean(fresh >= calibration.thresholds()[0])
    centre, spread = np.median(good), np.median(good) - np.quantile(good, 0.16)
    normal_only = np.mean(fresh >= centre + reference.tail * spread)
    assert held <= 0.02 < normal_only  # the normal tail alone would alarm on more than 2% of good parts


def test_subtle_defects_do_not_lift_the_threshold_over_them_where_the_samples_had_no_long_tail():
    rng = np.random.default_rng(4)
    stream = rng.normal(2.6, 0.4, 300)
    defective = rng.choice(300, size=45, replace=False)
    stream[defective] = rng.uniform(4.1, 4.7, 45)  # 15%, inside the fence: only just above the good parts
    calibration = LineCalibration(reference())  # samples: normal scores, a short tail
    met = feed(calibration, stream)
    assert calibration.thresholds()[0] < 4.1  # the line's own 99th percentile is a defect's: not followed
    assert all(stream[i] >= met[i][0] for i in defective if i >= 120)  # once the early margin has shrunk


def test_the_threshold_never_leaves_the_bound_and_says_so():
    calibration = LineCalibration(reference(), LineCalibrationSettings(bound=1.5))
    feed(calibration, np.random.default_rng(3).normal(20.0, 1.0, 60))  # another product altogether
    status = calibration.status()
    assert calibration.thresholds()[0] == pytest.approx(4.0 * 1.5)
    assert status["bounded"] == "high" and status["factor"] == pytest.approx(1.5)
    assert "held at the bound" in calibration.describe()
    low = LineCalibration(reference(), LineCalibrationSettings(bound=1.5))
    feed(low, np.random.default_rng(3).normal(0.5, 0.05, 60))
    assert low.thresholds()[0] == pytest.approx(4.0 / 1.5) and low.status()["bounded"] == "low"
    with pytest.raises(ValueError):
        LineCalibrationSettings(bound=0.5)


def test_off_means_the_samples_thresholds():
    calibration = LineCalibration(reference(), LineCalibrationSettings(enabled=False))
    feed(calibration, [9.0] * 50)
    assert calibration.thresholds() == (4.0, 3.5) and calibration.state == "off" and calibration.parts_seen == 0


def test_it_survives_a_restart_and_each_model_keeps_its_own(tmp_path):
    model_a, model_b = tmp_path / "models" / "a", tmp_path / "models" / "b"
    first = for_model(META, model_a, tmp_path)
    feed(first, np.random.default_rng(4).normal(3.0, 0.3, 60))
    again = for_model(META, model_a, tmp_path)  # the app started again
    assert again.parts_seen == 60 and again.thresholds() == pytest.approx(first.thresholds())
    assert for_model(META, model_b, tmp_path).parts_seen == 0  # another model starts its own
    stored = json.loads(calibration_path(tmp_path, model_a, META).read_text())
    assert stored["model"] == "a" and len(stored["scores"]) == 60
    feed(again, np.random.default_rng(5).normal(3.0, 0.3, 200))
    finished = for_model(META, model_a, tmp_path)
    assert finished.state == "calibrated" and finished.parts_seen == 200
    assert finished.thresholds() == pytest.approx(again.thresholds())
    finished.restart()
    assert for_model(META, model_a, tmp_path).parts_seen == 0
    # a model retrained under the same name is another model: it does not inherit the line's calibration
    assert calibration_path(tmp_path, model_a, {**META, "created": "2026-12-06T10:00:00+00:00"}) != \
        calibration_path(tmp_path, model_a, META)  # fmt: skip


def test_a_damaged_file_is_said_and_the_calibration_starts_again(tmp_path):
    path = calibration_path(tmp_path, tmp_path / "m", META)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    calibration = for_model(META, tmp_path / "m", tmp_path)
    assert calibration.parts_seen == 0 and "could not be read" in calibration.save_error
    calibration.add(2.0, 1)
    assert json.loads(path.read_text())["scores"] == [2.0]


def test_a_part_marked_defective_is_left_out():
    calibration = LineCalibration(reference())
    feed(calibration, [2.5 + 0.01 * i for i in range(30)])
    before = calibration.thresholds()
    calibration.add(50.0, 31)
    assert calibration.mark_defective(31) and not calibration.mark_defective(99)
    assert calibration.parts_seen == 30 and calibration.thresholds() == pytest.approx(before)
    # part numbers start again with each run: the latest part of that number is the one meant
    calibration.add(2.6, 5)
    calibration.add(40.0, 5)
    assert calibration.mark_defective(5)
    assert calibration.status()["parts"] == 31 and max(calibration._state.scores) < 40


def test_changing_the_settings_applies_at_once():
    calibration = LineCalibration(reference())
    feed(calibration, np.random.default_rng(6).normal(3.0, 0.3, 100))
    calibration.set_settings(LineCalibrationSettings(parts=80))
    assert calibration.state == "calibrated"
    calibration.set_settings(LineCalibrationSettings(enabled=False))
    assert calibration.thresholds() == (4.0, 3.5)


def test_a_bundle_without_calibration_scores_still_has_a_reference():
    ref = SampleReference.from_meta({"threshold": 2.0, "warn_threshold": 1.5,
                                     "score_stats": {"median": 1.0, "std": 0.3}})  # fmt: skip
    assert ref.centre == 1.0 and ref.spread == 0.3
    bare = SampleReference.from_meta({"threshold": 2.0, "warn_threshold": 1.5})
    assert bare.spread > 0 and bare.centre < 2.0


def test_parts_labelled_good_in_the_review_are_the_products_own_tail(tmp_path):
    """The same stream as the subtle defects': high parts the line may not follow on its own. Once a person labels
    those high parts good, they are the product's tail, and the threshold follows them (within the bound)."""
    rng = np.random.default_rng(4)
    stream = rng.normal(2.6, 0.4, 300)
    high = rng.choice(300, size=45, replace=False)
    stream[high] = rng.uniform(4.1, 4.7, 45)
    calibration = LineCalibration(reference(), path=tmp_path / "line.json")
    feed(calibration, stream)
    alone = calibration.thresholds()[0]
    assert alone < 4.1
    for i in high[:2]:  # labelled good: false alarms, not defects
        calibration.confirm_good(float(stream[i]), f"run:{i}")
        calibration.confirm_good(float(stream[i]), f"run:{i}")  # labelled twice: counts once
    assert calibration.thresholds()[0] == pytest.approx(alone)  # 2 of its 200 parts: within the 1% target
    for i in high[2:5]:
        calibration.confirm_good(float(stream[i]), f"run:{i}")
    assert calibration.thresholds()[0] > 4.1 and calibration.thresholds()[0] <= 4.0 * 2  # the bound still holds
    again = LineCalibration(reference(), path=tmp_path / "line.json")  # kept with the calibration
    assert again.thresholds() == pytest.approx(calibration.thresholds())


def test_one_part_labelled_good_far_above_the_rest_does_not_let_defects_lift_the_threshold():
    """A false alarm at 3 x the threshold labelled good: it counts, but the defective parts scoring between the
    line and it are still kept out; one false alarm in 200 parts is within the 1% target."""
    rng = np.random.default_rng(5)
    stream = rng.normal(2.6, 0.3, 200)
    defective = rng.choice(200, size=20, replace=False)
    stream[defective] = rng.uniform(6.0, 7.5, 20)  # clear defects, past the fence
    calibration = LineCalibration(reference())
    feed(calibration, stream)
    before = calibration.thresholds()[0]
    calibration.confirm_good(12.0)
    after = calibration.thresholds()[0]
    assert after < 6.0 and after == pytest.approx(before, rel=0.1)  # the defects stay above it


def test_one_good_label_early_in_the_calibration_neither_lifts_the_threshold_nor_drops_the_warn_line():
    """Seen in the window: on the 10th part a broken cookie labelled good (by mistake) sent the threshold to its
    bound and the WARN line below the good parts' centre."""
    rng = np.random.default_rng(6)
    calibration = LineCalibration(reference())
    feed(calibration, rng.normal(2.6, 0.3, 31))
    before = calibration.thresholds()
    calibration.confirm_good(22.3, "run:9")
    assert calibration.thresholds() == pytest.approx(before)
    for i in range(3):  # more of them than the 1% target allows: the line rises, to the bound at most
        calibration.confirm_good(9.0 + i, f"run:{20 + i}")
    threshold, warn = calibration.thresholds()
    assert threshold == pytest.approx(4.0 * 2) and calibration.status()["bounded"] == "high"
    assert before[1] <= warn <= threshold  # the WARN line never drops under where it was
