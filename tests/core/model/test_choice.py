"""Choosing the model per product from position scores: the candidate that separates the test defects from the good
samples wins, per-position z-scores are measured without the sample's own map, and the estimate is read at the
calibrated threshold."""

from __future__ import annotations

import numpy as np
import pytest

from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, ScoringParams
from cookie_inspector.core.model.calibration import calibrate, settled_threshold
from cookie_inspector.core.model.choice import (
    CANDIDATES,
    PREFER_MARGIN,
    PREFERRED,
    Candidate,
    choose,
    describe,
    image_scores,
    leave_one_out_z,
    position_stats,
)

SIZE, GRID = 48, 12
SCORING = ScoringParams.for_size(SIZE, FEATURE_DISTANCE)


def _maps(rng, count, spots=0.0, where=None):
    maps = rng.gamma(4.0, 0.25, (count, GRID, GRID)).astype(np.float32)
    if spots:
        for m in maps:
            y, x = where if where is not None else rng.integers(2, GRID - 2, 2)
            m[y - 1 : y + 1, x - 1 : x + 1] += spots
    return maps


def test_the_head_that_sees_the_defects_is_chosen_and_its_estimate_read_at_its_threshold():
    rng = np.random.default_rng(0)
    good = {"gaussian": _maps(rng, 40), "memory": _maps(rng, 40)}
    # the memory sees the defects (a strong spot); the Gaussian's maps of them look like good ones
    synthetic = {"gaussian": _maps(rng, 30), "memory": _maps(rng, 30, spots=4.0)}
    areas, kinds = np.arange(30) * 10 + 20, ["spot", "scratch", "warp"] * 10
    choice = choose(good, synthetic, areas, kinds, SIZE, SCORING, 0.01, 0.05)
    assert choice.chosen.candidate.heads == ("memory",)
    assert len(choice.estimates) == len(CANDIDATES) and choice.chosen.rank == max(e.rank for e in choice.estimates)
    gaussian = next(e for e in choice.estimates if e.candidate == Candidate((("gaussian", 1.0),)))
    assert gaussian.auroc < 0.7 < choice.chosen.auroc
    # the estimate is read where the line settles when its good parts score like the chosen candidate's out-of-fold
    # ones: robust centre and spread, within the samples' threshold halved and doubled
    samples = calibrate(choice.good_scores, 0.01, 0.05).threshold
    assert choice.chosen.threshold == pytest.approx(settled_threshold(choice.good_scores, samples, 0.01))
    assert samples / 2 <= choice.chosen.threshold <= samples
    assert choice.chosen.caught >= 25 and choice.chosen.defects == 30 and not choice.chosen.blind
    assert choice.chosen.smallest_caught is not None and choice.chosen.smallest_caught >= 20
    assert sum(caught for caught, _ in choice.chosen.by_kind.values()) == choice.chosen.caught
    record = choice.to_dict()
    assert record["chosen"] == choice.chosen.candidate.name and len(record["candidates"]) == len(CANDIDATES)
    words = describe(record["estimate"])
    assert words.startswith(f"it catches {choice.chosen.caught} of 30 test defects made from your samples")
    assert "the smallest it catches is" in words and "blind" not in words


def test_the_gaussian_wins_where_only_it_sees_them_and_a_model_that_sees_nothing_is_blind():
    rng = np.random.default_rng(1)
    good = {"gaussian": _maps(rng, 40), "memory": _maps(rng, 40)}
    synthetic = {"gaussian": _maps(rng, 30, spots=4.0), "memory": _maps(rng, 30)}
    choice = choose(good, synthetic, np.full(30, 50), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05)
    assert choice.chosen.candidate.heads == ("gaussian",)
    blind = choose(good, {"gaussian": _maps(rng, 30), "memory": _maps(rng, 30)}, np.full(30, 50), ["spot"] * 30,
                   SIZE, SCORING, 0.01, 0.05)  # fmt: skip
    assert blind.chosen.blind and blind.chosen.caught <= 5
    words = describe(blind.to_dict()["estimate"])
    assert "it may be blind to small defects of this product; more samples or a region closer" in words


def test_per_position_z_wins_where_good_parts_vary_in_one_place():
    rng = np.random.default_rng(2)
    good = {"gaussian": _maps(rng, 40), "memory": _maps(rng, 40)}
    for head in good:  # a place that varies on every good part (a label, a seam) hides faint defects elsewhere
        good[head][:, 2:4, 2:4] += rng.uniform(0, 6, (40, 1, 1))
    synthetic = {head: _maps(rng, 30, spots=2.5, where=(8, 8)) for head in good}
    for head in synthetic:
        synthetic[head][:, 2:4, 2:4] += rng.uniform(0, 6, (30, 1, 1))
    choice = choose(good, synthetic, np.full(30, 40), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05)
    assert choice.chosen.candidate.position_z and choice.stats is not None
    plain = next(e for e in choice.estimates if e.candidate == Candidate(choice.chosen.candidate.weights))
    assert choice.chosen.auroc > plain.auroc + 0.1


def test_leave_one_out_z_measures_each_map_against_the_others_only():
    rng = np.random.default_rng(3)
    maps = rng.normal(1.0, 0.3, (8, 4, 4)).astype(np.float32)
    maps[3, 1, 1] += 5.0  # one sample unlike the others at one place
    z = leave_one_out_z(maps)
    others = np.delete(maps, 3, axis=0)
    stats = position_stats(others)
    assert z[3] == pytest.approx(stats.apply(maps[3:4])[0], rel=1e-4, abs=1e-4)
    # with its own map in the yardstick the same place would look far more ordinary
    assert z[3, 1, 1] > 2 * position_stats(maps).apply(maps)[3, 1, 1]


def test_image_scores_are_the_highest_value_of_the_upsampled_smoothed_map():
    maps = np.zeros((2, GRID, GRID), np.float32)
    maps[1, 5, 5] = 10.0
    scores = image_scores(maps, SIZE, SCORING)
    assert scores[0] == pytest.approx(0.0, abs=1e-6) and 0 < scores[1] < 10.0
    assert image_scores(np.zeros((0, GRID, GRID), np.float32), SIZE, SCORING).shape == (0,)


def test_the_settled_threshold_is_robust_to_a_few_odd_good_samples_and_stays_in_the_line_s_bound():
    rng = np.random.default_rng(5)
    scores = rng.normal(3.0, 0.4, 100)
    odd = np.r_[scores, [9.0, 11.0]]  # two odd good samples set the samples' own 1% threshold
    own = calibrate(odd).threshold
    settled = settled_threshold(odd, own)
    assert own > 8.9 and settled < 5.0  # the line's robust centre and spread barely move
    assert settled == pytest.approx(settled_threshold(scores, own), rel=0.05)
    assert settled_threshold(np.full(50, 3.0), 10.0) == 5.0  # never below half the samples' threshold


def test_a_way_of_scoring_that_calls_moved_good_parts_defects_loses():
    """Per-position z-scores fitted to parts that always lie in one place flag the same parts moved a little: with
    the moved good parts among the good ones, the plain score wins."""
    rng = np.random.default_rng(6)
    good = {"gaussian": _maps(rng, 40), "memory": _maps(rng, 40)}
    for head in good:  # a quiet place on every sample: its spread is the floor
        good[head][:, 6:8, 6:8] = 0.5 + rng.normal(0, 0.01, (40, 2, 2))
    synthetic = {head: _maps(rng, 30, spots=2.0) for head in good}
    moved = {head: _maps(rng, 40) for head in good}  # moved: the quiet place now shows ordinary texture
    without = choose(good, synthetic, np.full(30, 40), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05,
                     candidates=(Candidate((("memory", 1.0),)), Candidate((("memory", 1.0),), True)))  # fmt: skip
    with_moved = choose(good, synthetic, np.full(30, 40), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05,
                        candidates=(Candidate((("memory", 1.0),)), Candidate((("memory", 1.0),), True)),
                        moved=moved)  # fmt: skip
    z = next(e for e in with_moved.estimates if e.candidate.position_z)
    plain = next(e for e in with_moved.estimates if not e.candidate.position_z)
    assert z.auroc < next(e for e in without.estimates if e.candidate.position_z).auroc
    assert not with_moved.chosen.candidate.position_z and plain.rank > z.rank + PREFER_MARGIN


def test_the_strong_default_stays_unless_another_way_leads_clearly_on_the_test_defects():
    """Test defects rank the candidates close to the real defects' order, not exactly: a lead smaller than the
    margin is noise, and the memory with per-position z-scores stays."""
    rng = np.random.default_rng(6)
    good = {"gaussian": _maps(rng, 40), "memory": _maps(rng, 40)}
    for head in good:
        good[head][:, 6:8, 6:8] = 0.5 + rng.normal(0, 0.01, (40, 2, 2))
    synthetic = {head: _maps(rng, 30, spots=2.0) for head in good}
    moved = {head: _maps(rng, 20) for head in good}  # fewer moved parts: the plain score leads, by little
    plain = Candidate((("memory", 1.0),))
    choice = choose(good, synthetic, np.full(30, 40), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05,
                    candidates=(plain, PREFERRED), moved=moved)  # fmt: skip
    ranks = {e.candidate: e.rank for e in choice.estimates}
    assert 0 < ranks[plain] - ranks[PREFERRED] <= PREFER_MARGIN
    assert choice.chosen.candidate == PREFERRED
    without = choose(good, synthetic, np.full(30, 40), ["spot"] * 30, SIZE, SCORING, 0.01, 0.05,
                     candidates=(plain,), moved=moved)  # fmt: skip
    assert without.chosen.candidate == plain  # no default among the candidates: the best-ranked one
