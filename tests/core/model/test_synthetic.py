"""Test defects made from good samples: each kind changes the picture where its mask says and barely elsewhere, lands
on the product (not its plain background), and the set runs from barely visible to obvious."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from cookie_inspector.core.model.synthetic import KINDS, make_defect, make_defects, product_mask


def _textured(rng: np.random.Generator, size: int = 128) -> np.ndarray:
    base = rng.uniform(0.35, 0.65, (size // 8, size // 8, 3)).astype(np.float32)
    return np.clip(cv2.resize(base, (size, size), interpolation=cv2.INTER_CUBIC)
                   + rng.normal(0, 0.02, (size, size, 3)).astype(np.float32), 0, 1)  # fmt: skip


def _disc_on_black(rng: np.random.Generator, size: int = 128) -> np.ndarray:
    image = np.zeros((size, size, 3), np.float32) + 0.03
    texture = _textured(rng, size)
    disc = np.zeros((size, size), np.uint8)
    cv2.circle(disc, (size // 2, size // 2), size // 4, 1, -1)
    image[disc > 0] = texture[disc > 0] + 0.3
    return np.clip(image, 0, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_changes_the_picture_inside_its_mask(kind):
    rng = np.random.default_rng(3)
    samples = np.stack([_textured(rng) for _ in range(4)])
    changes_inside, changes_outside = [], []
    for strength in (0.3, 0.7, 1.0):
        defect = make_defect(samples, 1, kind, strength, np.random.default_rng(int(strength * 10)))
        assert defect.kind == kind and defect.base == 1 and defect.image.dtype == np.float32
        assert defect.mask.shape == (128, 128) and defect.area >= 4
        assert defect.image.min() >= 0.0 and defect.image.max() <= 1.0
        change = np.abs(defect.image - samples[1]).max(axis=2)
        near = cv2.dilate(defect.mask.astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
        changes_inside.append(change[defect.mask].mean())
        changes_outside.append(change[~near].mean())
    assert min(changes_inside) > 0.02
    assert max(changes_outside) < 0.005  # the rest of the picture is the good sample


def test_defects_land_on_the_product_not_on_its_plain_background():
    rng = np.random.default_rng(5)
    samples = np.stack([_disc_on_black(rng) for _ in range(6)])
    mask = product_mask(samples[0])
    disc = np.zeros((128, 128), np.uint8)
    cv2.circle(disc, (64, 64), 32, 1, -1)
    assert mask[disc == 0].mean() < 0.05 and mask[disc > 0].mean() > 0.6
    defects = make_defects(samples, 21, seed=2)
    on_disc = [d.mask[disc > 0].sum() / max(d.area, 1) for d in defects]
    assert np.mean(on_disc) > 0.9
    # a surface that fills the picture (no plain background): anywhere but the very edge
    whole = product_mask(_textured(rng))
    assert whole.mean() > 0.7 and not whole[0].any()


def test_a_set_has_every_kind_from_barely_visible_to_obvious_and_is_the_same_for_the_same_seed():
    rng = np.random.default_rng(1)
    samples = np.stack([_textured(rng) for _ in range(10)])
    defects = make_defects(samples, 70, seed=4)
    assert [sum(d.kind == kind for d in defects) for kind in KINDS] == [10] * len(KINDS)
    strengths = np.array([d.strength for d in defects])
    assert strengths.min() < 0.05 and strengths.max() > 0.95
    areas = np.array([d.area for d in defects])
    blobs = np.array([d.kind in ("cutpaste", "blotch", "missing", "extra", "spot") for d in defects])
    # bigger with strength: the strongest blobs cover several times the faintest
    assert np.median(areas[blobs & (strengths > 0.7)]) > 4 * np.median(areas[blobs & (strengths < 0.3)])
    assert {d.base for d in defects} == set(range(10))
    again = make_defects(samples, 70, seed=4)
    assert all(np.array_equal(a.image, b.image) for a, b in zip(defects, again, strict=True))
    with pytest.raises(ValueError, match="unknown synthetic defect"):
        make_defect(samples, 0, "dent", 0.5, rng)


def test_a_moved_sample_is_the_same_part_a_little_shifted_and_lit_otherwise():
    from cookie_inspector.core.model.synthetic import moved

    rng = np.random.default_rng(8)
    image = _disc_on_black(rng)
    again = moved(image, np.random.default_rng(1))
    assert again.shape == image.shape and again.dtype == np.float32
    assert 0.0 < np.abs(again - image).mean() < 0.05  # changed, but the same part
    shift = cv2.phaseCorrelate(image.mean(axis=2).astype(np.float64), again.mean(axis=2).astype(np.float64))[0]
    assert 0 < max(abs(shift[0]), abs(shift[1])) <= 0.02 * 128 + 0.5
    ratio = again[48:80, 48:80].mean() / image[48:80, 48:80].mean()
    assert 0.9 < ratio < 1.1
