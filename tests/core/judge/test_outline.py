"""The outline check: a dent in the silhouette is measured and located, good outlines stay below their calibrated
threshold, products without an outline get no check, and an inspection folds the check into its score and heatmap."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from cookie_inspector.core.frames.preprocess import preprocess
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.judge.outline import OutlineParams, calibrate_outline, combine, outline
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from tests.imagegen import defect_pair, good_image


def _disc(dent: float = 0.0, size: int = 300) -> np.ndarray:
    """A pale disc on a dark belt (RGB float), with a round bite of ``dent`` x radius taken out of its right side."""
    image = np.full((size, size, 3), 0.2, np.float32)
    cv2.circle(image, (size // 2, size // 2), size // 3, (0.8, 0.6, 0.4), thickness=-1, lineType=cv2.LINE_AA)
    if dent:
        radius = size // 3
        bite = int(round(dent * radius))
        cv2.circle(image, (size // 2 + radius + bite, size // 2), 2 * bite, (0.2, 0.2, 0.2), -1, cv2.LINE_AA)
    return image


def test_a_bite_is_measured_in_radii_and_located():
    assert outline(_disc()).depth == pytest.approx(0.0, abs=0.02)
    depths = [outline(_disc(dent=d)).depth for d in (0.1, 0.2, 0.3)]
    assert depths == sorted(depths) and 0.1 < depths[1] < 0.2  # below the hull's chord: less than the bite itself
    found = outline(_disc(dent=0.2))
    ys, xs = np.nonzero(found.dent)
    assert xs.min() > 300 // 2 + 300 // 3 - 0.3 * 100 and abs(ys.mean() - 150) < 5  # at the bite, on the right


def test_a_straight_edged_part_has_no_dent_and_is_calibrated():
    """A plate or a tile is convex: its outline has no dent at all (OpenCV finds none), depth 0, and the check can be
    calibrated on such parts (it once failed the whole training of a rectangular product)."""
    plates = []
    for shift in range(4):
        image = np.full((120, 120, 3), 0.85, np.float32)
        cv2.rectangle(image, (20 + shift, 25), (95 + shift, 90), (0.2, 0.35, 0.6), -1)
        plates.append(image)
    assert [outline(plate).depth for plate in plates] == [0.0] * 4
    assert calibrate_outline(np.stack(plates), 0.01, 0.05)["enabled"]


def test_no_outline_without_a_whole_part_on_a_background():
    texture = np.random.default_rng(0).uniform(0.3, 0.7, (300, 300, 3)).astype(np.float32)
    assert outline(texture).depth is None  # a texture filling the region
    assert outline(np.full((300, 300, 3), 0.3, np.float32)).depth is None  # nothing there
    cut = _disc()[:, 60:]
    assert outline(cv2.resize(cut, (300, 300))).depth is None  # the part touches the region's edge
    section = calibrate_outline(np.stack([texture, _disc()]), 0.005, 0.025)
    assert section["enabled"] is False and "1 of 2" in section["reason"]
    assert OutlineParams.from_meta(section) is None


def test_good_cookies_stay_below_the_calibrated_threshold_and_chips_go_above():
    rng = np.random.default_rng(4)
    goods = np.stack([preprocess(good_image(rng, 300), 300, None, "full") for _ in range(12)])
    section = calibrate_outline(goods[:8], 0.005, 0.025)
    assert section["enabled"] is True
    params = OutlineParams.from_meta(section)
    assert all(outline(image).depth < params.threshold for image in goods[8:])
    chips = [defect_pair(rng, 300, "chip", severity=0.6)[1] for _ in range(4)]
    depths = [outline(preprocess(chip, 300, None, "full")).depth for chip in chips]
    assert min(depths) > params.threshold, depths


def test_combine_raises_the_score_only_for_a_deep_dent_and_paints_it():
    images = np.stack([_disc(), _disc(dent=0.25)])
    maps = np.full((2, 300, 300), 0.01, np.float32)
    scores = np.array([0.05, 0.05])
    params = OutlineParams(threshold=0.1)
    combined, painted = combine(scores, maps, images, threshold=0.1, params=params)
    assert combined[0] == pytest.approx(0.05)  # a round part: the model's score stands
    assert combined[1] == pytest.approx(outline(images[1]).depth / 0.1 * 0.1) and combined[1] > 0.1
    assert painted[1].max() == pytest.approx(combined[1]) and painted[1][150, 20] == pytest.approx(0.01)
    assert np.array_equal(maps, np.full((2, 300, 300), 0.01, np.float32))  # inputs untouched


def test_the_shipped_model_checks_outlines():
    inspector = Inspector(load_bundle(demo_model_dir()), region="full")
    assert inspector.outline is not None and 0.03 < inspector.outline.threshold < 0.1
