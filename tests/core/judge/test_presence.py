"""Part presence on the demo line, checked against its truth: a part half in view or an empty belt is never present."""

import numpy as np
import pytest

from cookie_inspector.core.frames.preprocess import default_roi
from cookie_inspector.core.judge.presence import Presence, PresenceSettings, PresenceState, assess, product_box
from cookie_inspector.synth.line import DemoLine


def test_presence_follows_the_demo_lines_truth_over_whole_cycles():
    line = DemoLine(seed=5, realtime=False)
    roi = default_roi(640, 480, "center")
    fps, cycle = line.nominal_fps, line.timing.cycle
    previous = None
    resting, resting_present, present_outside = 0, 0, 0
    for k in range(0, int(6 * cycle * fps), 3):
        image, _, truth = line.scene_at(k / fps, frame_seed=k)
        result = assess(image[roi.y : roi.y + roi.height, roi.x : roi.x + roi.width], previous=previous, frames_since=3)
        previous = result
        inside = truth is not None and truth.inside(roi.x, roi.y, roi.width, roi.height)
        if result.present and not inside:
            present_outside += 1
        if truth is not None and truth.phase == "resting":
            resting += 1
            resting_present += result.present
        if truth is None:
            assert result.state is PresenceState.EMPTY
    assert present_outside == 0  # never an alarm from an empty belt or a part half in view
    assert resting_present >= 0.9 * resting


def _scene(cx: float, cy: float, radius: float = 20, size: int = 120) -> np.ndarray:
    rng = np.random.default_rng(0)
    image = rng.normal(70, 3, (size, size, 3)).clip(0, 255).astype(np.uint8)  # a dark, slightly noisy belt
    yy, xx = np.mgrid[0:size, 0:size]
    image[(xx - cx) ** 2 + (yy - cy) ** 2 <= radius**2] = (60, 140, 200)  # a biscuit-coloured disc
    return image


def test_states_on_simple_scenes():
    assert assess(_scene(-100, -100)).state is PresenceState.EMPTY
    assert assess(_scene(5, 60)).state is PresenceState.PARTIAL  # cut by the left edge
    first = assess(_scene(60, 60))
    assert first.state is PresenceState.MOVING  # nothing to compare with yet
    assert assess(_scene(60, 60), previous=first).state is PresenceState.PRESENT
    assert assess(_scene(70, 60), previous=first).state is PresenceState.MOVING
    assert assess(_scene(60, 60, radius=3)).state is PresenceState.EMPTY  # a crumb is not a part
    assert first.centre == pytest.approx((0.5, 0.5), abs=0.02)


def test_every_frame_mode_and_bad_settings():
    everything = assess(_scene(-100, -100), PresenceSettings(mode="every-frame"))
    assert everything.present
    with pytest.raises(ValueError, match="unknown presence mode"):
        PresenceSettings(mode="sometimes")
    assert not Presence(PresenceState.MOVING).present


def _on_background(level: int) -> np.ndarray:
    rng = np.random.default_rng(level)
    frame = np.full((300, 400, 3), level, np.uint8)  # a light table at 255, a black tray at 0
    part = np.clip(rng.normal(110, 25, (200, 90, 3)), 0, 255).astype(np.uint8)  # a textured grey product
    frame[50:250, 150:240] = part
    return frame


@pytest.mark.parametrize("level", [255, 0, 60])
def test_the_product_is_found_on_a_plain_background_with_room_around_it(level):
    box = product_box(_on_background(level))
    assert box is not None and box.frame == (400, 300)
    assert box.x <= 150 and box.y <= 50 and box.x + box.width >= 240 and box.y + box.height >= 250  # all of it
    assert box.x >= 130 and box.y >= 30 and box.x + box.width <= 260 and box.y + box.height <= 270  # room, not more


def test_a_pale_product_on_a_light_table_is_found_whole():
    """A bright tile on white stands out by little, more at its darker top: all of it is the product."""
    rng = np.random.default_rng(7)
    frame = np.full((300, 400, 3), 255, np.uint8)
    shade = np.linspace(190, 245, 240)[:, None, None]  # darker at the top, nearly white at the bottom
    frame[30:270, 140:260] = np.clip(shade + rng.normal(0, 6, (240, 120, 3)), 0, 255).astype(np.uint8)
    box = product_box(frame)
    assert box is not None and box.y <= 30 and box.y + box.height >= 262  # down to its pale bottom


def test_no_box_when_the_product_fills_the_picture_or_nothing_stands_out():
    rng = np.random.default_rng(3)
    assert product_box(np.clip(rng.normal(110, 25, (300, 400, 3)), 0, 255).astype(np.uint8)) is None
    assert product_box(np.full((300, 400, 3), 200, np.uint8)) is None
    assert product_box(np.full((300, 400), 255, np.uint8)) is None  # a grey camera's empty light table
