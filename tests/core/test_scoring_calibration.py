import numpy as np
import pytest

from cookie_inspector.core.calibration import calibrate
from cookie_inspector.core.scoring import (
    HEATMAP_FLOOR,
    SMOOTHED_ERROR,
    ScoringParams,
    error_maps,
    heatmap_overlay,
    scores_from_maps,
)


def test_error_map_is_mean_absolute_difference_and_score_its_maximum():
    images = np.zeros((2, 20, 20, 3), np.float32)
    recon = images.copy()
    recon[0, 5, 5] = [0.3, 0.6, 0.9]
    maps = error_maps(images, recon, ScoringParams(sigma=0))
    assert maps.shape == (2, 20, 20)
    assert maps[0, 5, 5] == pytest.approx(0.6)
    np.testing.assert_allclose(scores_from_maps(maps), [0.6, 0.0])


def test_smoothing_spreads_a_spike_but_keeps_a_broad_stain():
    images = np.zeros((2, 60, 60, 3), np.float32)
    recon = images.copy()
    recon[0, 30, 30] = 0.5  # one noisy pixel
    recon[1, 20:40, 20:40] = 0.5  # a real stain
    scores = scores_from_maps(error_maps(images, recon, ScoringParams(sigma=3)))
    assert scores[0] < 0.05
    assert scores[1] > 0.45


def test_smoothed_difference_cancels_fine_texture_but_keeps_a_darker_patch():
    """Speckle the model rebuilds only on average (bright and dark by turns) is not a defect; a patch that is darker
    all over is. The old method (smooth |error|) sees both alike."""
    images = np.full((2, 60, 60, 3), 0.5, np.float32)
    recon = images.copy()
    checker = (np.indices((60, 60)).sum(axis=0) % 2 * 2 - 1).astype(np.float32)[..., None]
    images[0] += 0.2 * checker  # fine texture, zero on average
    images[1, 20:40, 20:40] -= 0.2  # a darker patch, same contrast
    new = scores_from_maps(error_maps(images, recon, ScoringParams.for_size(60 * 5)))
    old = scores_from_maps(error_maps(images, recon, ScoringParams.for_size(60 * 5, method=SMOOTHED_ERROR)))
    assert new[0] < 0.02 and new[1] > 0.15
    assert old[0] > 0.15 and old[1] > 0.15
    with pytest.raises(ValueError, match="unknown scoring method"):
        ScoringParams(method="mean")


def test_heatmap_scale_is_fixed_by_the_threshold_not_by_the_image():
    image = np.full((10, 10, 3), 0.5, np.float32)
    faint = np.full((10, 10), 0.01, np.float32)  # every pixel far below threshold: must stay unpainted
    overlay = heatmap_overlay(image, faint, threshold=0.2, opacity=1.0)
    np.testing.assert_array_equal(overlay, np.full((10, 10, 3), 128, np.uint8))

    ramp = np.linspace(0, 0.4, 100, dtype=np.float32).reshape(10, 10)
    first = heatmap_overlay(image, ramp, threshold=0.2, opacity=1.0)
    doubled_elsewhere = ramp.copy()
    doubled_elsewhere[0, 0] = 5.0  # a huge value elsewhere must not rescale other pixels
    second = heatmap_overlay(image, doubled_elsewhere, threshold=0.2, opacity=1.0)
    np.testing.assert_array_equal(first[1:], second[1:])
    at_threshold = ramp >= 0.2
    assert (first[at_threshold] == [0, 0, 255]).all()  # full red (BGR) at and above the threshold
    below_floor = ramp < HEATMAP_FLOOR * 0.2
    assert (first[below_floor] == 128).all()


def test_heatmap_opacity_blends():
    image = np.zeros((4, 4, 3), np.float32)
    hot = np.ones((4, 4), np.float32)
    half = heatmap_overlay(image, hot, threshold=0.5, opacity=0.5)
    assert half[0, 0, 2] in (127, 128) and half[0, 0, 0] == 0


def test_calibration_hits_the_target_false_alarm_rate_on_a_large_sample():
    rng = np.random.default_rng(0)
    scores = rng.lognormal(mean=-3.0, sigma=0.3, size=20_000)
    calibration = calibrate(scores, false_alarm_rate=0.01, warn_rate=0.05)
    fresh = rng.lognormal(mean=-3.0, sigma=0.3, size=20_000)
    assert 0.005 < np.mean(fresh >= calibration.threshold) < 0.015
    assert 0.04 < np.mean(fresh >= calibration.warn_threshold) < 0.06
    assert calibration.warn_threshold < calibration.threshold


def test_calibration_on_few_samples_never_flags_the_calibration_set():
    scores = np.array([0.10, 0.11, 0.12, 0.13, 0.20])
    calibration = calibrate(scores)
    assert calibration.threshold >= scores.max()
    assert calibration.observed_false_alarm_rate == 0.0
    assert calibration.stats["count"] == 5


@pytest.mark.parametrize("kwargs", [{"false_alarm_rate": 0.0}, {"false_alarm_rate": 0.2, "warn_rate": 0.1}])
def test_calibration_rejects_bad_rates(kwargs):
    with pytest.raises(ValueError):
        calibrate(np.array([0.1, 0.2, 0.3]), **kwargs)


def test_calibration_needs_two_scores():
    with pytest.raises(ValueError, match="at least 2"):
        calibrate(np.array([0.1]))
