"""The procedural cookies: deterministic per seed, varied between parts, and masks that match the defects."""

import cv2
import numpy as np
import pytest

from cookie_inspector.synth.cookies import DEFECT_TYPES, MASK_COVERAGE, render_cookie
from cookie_inspector.synth.parts import GOOD, DefectMix, PartSpec, make_part, render_resting
from cookie_inspector.synth.station import Station

FRAME = (160, 120)


def _frame(station, spec):
    return render_resting(station, make_part(station, spec))


def test_same_seed_same_picture_other_seed_other_picture():
    a, b = Station(FRAME, seed=4), Station(FRAME, seed=4)
    image_a, _ = _frame(a, PartSpec((4, 0), GOOD))
    image_b, _ = _frame(b, PartSpec((4, 0), GOOD))
    other, _ = _frame(a, PartSpec((5, 0), GOOD))
    assert np.array_equal(image_a, image_b)
    assert np.abs(image_a.astype(int) - other.astype(int)).mean() > 3


@pytest.mark.parametrize("defect", DEFECT_TYPES)
@pytest.mark.parametrize("severity", [0.2, 1.0])
def test_mask_covers_exactly_the_pixels_the_defect_changed(defect, severity):
    station = Station(FRAME, seed=0)
    for k in range(3):
        good, good_mask = _frame(station, PartSpec((9, k), GOOD))
        bad, mask = _frame(station, PartSpec((9, k), defect, severity))
        assert not good_mask.any()
        assert mask.any(), "a defect always marks some pixels"
        diff = np.abs(good.astype(int) - bad.astype(int)).max(axis=2)
        # Outside the mask (allowing the camera blur's reach of 2 px) the picture is the good cookie's.
        near = cv2.dilate(mask.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        assert diff[~near].max() <= 6
        # Inside it, the defect really changed the picture.
        assert (diff[mask] > 2).mean() >= 0.95


def test_severity_grows_the_defect():
    station = Station((320, 240), seed=0)
    for defect in DEFECT_TYPES:
        subtle = np.mean([_frame(station, PartSpec((3, k), defect, 0.1))[1].sum() for k in range(4)])
        obvious = np.mean([_frame(station, PartSpec((3, k), defect, 1.0))[1].sum() for k in range(4)])
        assert obvious > 1.5 * subtle, defect


def test_good_parts_vary_like_real_ones():
    """Position, size, light and the cookie itself change from part to part: no two good parts are alike."""
    station = Station(FRAME, seed=0)
    frames = [_frame(station, PartSpec((1, k), GOOD))[0].astype(np.float32) for k in range(8)]
    diffs = [np.abs(frames[i] - frames[j]).mean() for i in range(8) for j in range(i + 1, 8)]
    assert min(diffs) > 4.0
    brightness = [f.mean() for f in frames]
    assert max(brightness) - min(brightness) > 4.0
    looks = [make_part(station, PartSpec((1, k), GOOD)).look for k in range(8)]
    assert len({look.rest_offset for look in looks}) == 8


def test_cookie_with_and_without_defect_is_the_same_cookie():
    plain = render_cookie(11, 40.0)
    cracked = render_cookie(11, 40.0, defect="crack", severity=1.0)
    assert np.array_equal(plain.body, cracked.body)
    outside = ~cracked.mask
    # Pixels the crack grazes by less than MASK_COVERAGE change by at most that share.
    assert np.abs(plain.colour[outside] - cracked.colour[outside]).max() <= MASK_COVERAGE


def test_bad_names_are_refused_with_the_choices():
    with pytest.raises(ValueError, match="crack"):
        render_cookie(0, 30.0, defect="mould")
    with pytest.raises(ValueError, match="chocolate"):
        render_cookie(0, 30.0, recipe="oatmeal")
    with pytest.raises(ValueError, match="unknown defect"):
        DefectMix.parse("crack=1,mould=2")
    with pytest.raises(ValueError):
        DefectMix({"crack": 0.0})


def test_sugar_recipe_has_no_chocolate():
    station = Station(FRAME, seed=0)
    part = make_part(station, PartSpec((2, 0), GOOD), recipe="sugar")
    dark = (part.sprite.colour.max(axis=2) < 0.3) & (part.sprite.alpha > 0.99)
    assert dark.mean() < 0.01
