import cv2
import numpy as np
import pytest

from cookie_inspector.core.judge.scoring import (
    HEATMAP_FLOOR,
    ORIENTED_DIFFERENCE,
    SMOOTHED_DIFFERENCE,
    SMOOTHED_ERROR,
    ScoringParams,
    error_maps,
    heatmap_overlay,
    scores_from_maps,
)
from cookie_inspector.core.model.calibration import calibrate


def test_error_map_is_mean_absolute_difference_and_score_its_maximum():
    images = np.zeros((2, 20, 20, 3), np.float32)
    recon = images.copy()
    recon[0, 5, 5] = [0.3, 0.6, 0.9]
    maps = error_maps(images, recon, ScoringParams(SMOOTHED_DIFFERENCE, sigma=0))
    assert maps.shape == (2, 20, 20)
    assert maps[0, 5, 5] == pytest.approx(0.6)
    np.testing.assert_allclose(scores_from_maps(maps), [0.6, 0.0])


def test_smoothing_spreads_a_spike_but_keeps_a_broad_stain():
    images = np.zeros((2, 60, 60, 3), np.float32)
    recon = images.copy()
    recon[0, 30, 30] = 0.5  # one noisy pixel
    recon[1, 20:40, 20:40] = 0.5  # a real stain
    scores = scores_from_maps(error_maps(images, recon, ScoringParams(SMOOTHED_DIFFERENCE, sigma=3)))
    assert scores[0] < 0.05
    assert scores[1] > 0.45


def test_smoothed_difference_cancels_fine_texture_but_keeps_a_darker_patch():
    """Speckle the model rebuilds only on average (bright and dark by turns) is not a defect; a patch that is darker
    all over is. The old method (smooth |error|) sees both alike. The oriented windows, narrow across, cancel less
    of a pixel checkerboard (the worst case: resampled at 45 degrees it aliases) but still keep it far below."""
    images = np.full((2, 60, 60, 3), 0.5, np.float32)
    recon = images.copy()
    checker = (np.indices((60, 60)).sum(axis=0) % 2 * 2 - 1).astype(np.float32)[..., None]
    images[0] += 0.2 * checker  # fine texture, zero on average
    images[1, 20:40, 20:40] -= 0.2  # a darker patch, same contrast
    new = scores_from_maps(error_maps(images, recon, ScoringParams.for_size(60 * 5, SMOOTHED_DIFFERENCE)))
    oriented = scores_from_maps(error_maps(images, recon, ScoringParams.for_size(60 * 5)))
    old = scores_from_maps(error_maps(images, recon, ScoringParams.for_size(60 * 5, method=SMOOTHED_ERROR)))
    assert new[0] < 0.02 and new[1] > 0.15
    assert oriented[0] < 0.05 and oriented[1] > 0.15
    assert old[0] > 0.15 and old[1] > 0.15
    with pytest.raises(ValueError, match="unknown scoring method"):
        ScoringParams(method="mean")


def _line(size: int, angle_degrees: float, length: float, width: int = 1) -> np.ndarray:
    canvas = np.zeros((size, size), np.uint8)
    c, a = size / 2, np.radians(angle_degrees)
    dx, dy = length / 2 * np.cos(a), length / 2 * np.sin(a)
    cv2.line(canvas, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1, width)
    return canvas.astype(bool)


@pytest.mark.parametrize("angle", [0, 22.5, 45, 60, 90, 101, 135, 170])
def test_oriented_windows_find_a_thin_line_in_any_direction(angle):
    """A one-pixel crack of contrast 0.3 is diluted by the round window to a fifth of its contrast; the elongated
    window along it keeps about twice as much (exactly twice along the image axes; the bilinear turns of the other
    directions and a line between two directions lose a little), and the map is hot all along the line."""
    size = 300
    images = np.full((1, size, size, 3), 0.5, np.float32)
    line = _line(size, angle, 80)
    images[0][line] -= 0.3
    recon = np.full_like(images, 0.5)
    round_only = error_maps(images, recon, ScoringParams.for_size(size, SMOOTHED_DIFFERENCE))[0]
    oriented = error_maps(images, recon, ScoringParams.for_size(size))[0]
    assert oriented.max() > 1.5 * round_only.max()
    assert oriented.max() > 0.06
    assert np.median(oriented[line]) > 0.5 * oriented.max()  # all along the line, not only at a point of it
    assert (oriented >= round_only - 1e-6).all()  # the round window is one of the nine


def test_oriented_windows_score_noise_and_patches_like_the_round_one():
    """Good surfaces must not look worse in the long windows (same area), and a broad stain scores its contrast."""
    rng = np.random.default_rng(3)
    size = 300
    noise = rng.normal(0.5, 0.05, (1, size, size, 3)).astype(np.float32)
    flat = np.full_like(noise, 0.5)
    round_noise = scores_from_maps(error_maps(noise, flat, ScoringParams.for_size(size, SMOOTHED_DIFFERENCE)))[0]
    oriented_noise = scores_from_maps(error_maps(noise, flat, ScoringParams.for_size(size)))[0]
    assert round_noise <= oriented_noise < 1.6 * round_noise
    stain = flat.copy()
    stain[0, 100:160, 100:160] -= 0.2
    assert scores_from_maps(error_maps(stain, flat, ScoringParams.for_size(size)))[0] == pytest.approx(0.2, abs=0.01)


def test_scoring_params_round_trip_and_old_bundles_keep_their_method():
    new = ScoringParams.for_size(600)
    assert new.method == ORIENTED_DIFFERENCE and new.sigma == 4.0 and new.line_sigmas == (8.0, 2.0)
    assert ScoringParams.from_dict(new.to_dict()) == new
    old = ScoringParams.from_dict({"method": SMOOTHED_DIFFERENCE, "sigma": 2.0})  # as a bundle of before writes it
    assert old.method == SMOOTHED_DIFFERENCE and "line_sigmas" not in old.to_dict()
    with pytest.raises(ValueError, match="along > across"):
        ScoringParams(line_sigmas=(1.0, 2.0))


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


def test_an_unusually_low_score_does_not_lift_the_threshold_far_above_the_samples():
    """20 photos of a varied product, scored out of fold (as measured): two easy ones scored far below the rest.
    A log-normal fitted to all of them put the threshold at 2.5 x the highest score, above every part of the line."""
    scores = np.array([3.52, 2.15, 3.16, 6.66, 5.91, 0.37, 5.96, 5.04, 3.04, 8.51, 3.85, 2.72, 5.97, 7.99, 5.54,
                       5.83, 5.03, 5.57, 1.04, 4.04])  # fmt: skip
    threshold = calibrate(scores).threshold
    assert scores.max() < threshold < 1.3 * scores.max()
    logs = np.log(scores)
    assert np.exp(logs.mean() + 2.326 * logs.std(ddof=1)) > 2.4 * scores.max()  # what the whole fit said
