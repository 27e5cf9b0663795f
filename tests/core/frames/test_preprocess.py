import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.core.errors import FrameError, ImageReadError, RoiError
from cookie_inspector.core.frames.imageio import read_image, staging_dir, write_image
from cookie_inspector.core.frames.preprocess import Roi, default_roi, preprocess, resolve_roi


def _check(out: np.ndarray, size: int = 300) -> None:
    assert out.shape == (size, size, 3)
    assert out.dtype == np.float32
    assert out.min() >= 0.0 and out.max() <= 1.0


def test_bgr_becomes_rgb_in_unit_range():
    frame = np.zeros((120, 160, 3), np.uint8)
    frame[:] = (255, 0, 0)  # pure blue in OpenCV's BGR order
    out = preprocess(frame)
    _check(out)
    np.testing.assert_allclose(out[150, 150], [0.0, 0.0, 1.0])


@pytest.mark.parametrize(
    "frame",
    [
        np.full((480, 640), 128, np.uint8),
        np.full((480, 640, 1), 128, np.uint8),
        np.full((33, 17, 4), 128, np.uint8),
        np.full((1080, 1920, 3), 128 * 257, np.uint16),
        np.full((50, 70, 3), 128 / 255, np.float64),
    ],
    ids=["grey", "grey-1ch", "bgra-tiny", "16bit-hd", "float64"],
)
def test_odd_frames_are_converted(frame):
    out = preprocess(frame)
    _check(out)
    np.testing.assert_allclose(out, 128 / 255, atol=1e-3)


def test_bool_and_nan_frames_stay_in_range():
    _check(preprocess(np.ones((40, 40), bool)))
    weird = np.full((40, 40, 3), np.nan, np.float32)
    weird[0, 0] = np.inf
    _check(preprocess(weird))


def test_sixteen_bit_full_scale_is_one():
    out = preprocess(np.full((20, 20, 3), 65535, np.uint16), size=12)
    np.testing.assert_allclose(out, 1.0)


@pytest.mark.parametrize("shape", [(10, 10, 2), (10, 10, 5), (1, 10, 3), (10,), (4, 4, 4, 3)])
def test_unusable_shapes_raise_frame_error(shape):
    with pytest.raises(FrameError):
        preprocess(np.zeros(shape, np.uint8))


def test_unusable_pixel_type_raises_frame_error():
    with pytest.raises(FrameError, match="complex"):
        preprocess(np.zeros((10, 10, 3), np.complex64))


def test_default_region_is_centred_square_for_frames_and_everything_for_files():
    frame = np.zeros((100, 200, 3), np.uint8)
    frame[:, :50] = 255  # left margin white: outside the centred square
    frame[:, 150:] = 255  # right margin white
    assert default_roi(200, 100) == Roi(50, 0, 100, 100)
    assert preprocess(frame, size=20).max() == 0.0
    assert preprocess(frame, size=20, region="full").max() == pytest.approx(1.0)


def test_roi_crops_the_given_region():
    frame = np.zeros((100, 100, 3), np.uint8)
    frame[10:30, 60:90] = (0, 0, 255)  # a red patch
    out = preprocess(frame, size=16, roi=Roi(60, 10, 30, 20))
    np.testing.assert_allclose(out[..., 0], 1.0)


def test_roi_partly_outside_is_clipped_and_fully_outside_is_refused():
    assert resolve_roi((100, 100, 3), Roi(80, 80, 50, 50)) == Roi(80, 80, 20, 20)
    with pytest.raises(RoiError, match="outside the 100x100 frame"):
        preprocess(np.zeros((100, 100, 3), np.uint8), roi=Roi(200, 0, 10, 10))
    with pytest.raises(RoiError, match="positive"):
        preprocess(np.zeros((100, 100, 3), np.uint8), roi=Roi(0, 0, 0, 10))


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "1,2,3,4,5", ""])
def test_roi_parse_rejects_malformed_text(text):
    with pytest.raises(RoiError):
        Roi.parse(text)


def test_roi_parse_reads_four_numbers():
    assert Roi.parse(" 5, 6,70 ,80") == Roi(5, 6, 70, 80)


def test_read_image_reports_each_kind_of_bad_file(tmp_path: Path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    text = tmp_path / "notes.png"
    text.write_text("not an image")
    with pytest.raises(ImageReadError, match="empty file"):
        read_image(empty)
    with pytest.raises(ImageReadError, match="not a readable image"):
        read_image(text)
    with pytest.raises(ImageReadError, match="no such file"):
        read_image(tmp_path / "missing.png")
    with pytest.raises(ImageReadError, match="folder"):
        read_image(tmp_path)


def test_images_round_trip_under_any_path_and_bit_depth(tmp_path: Path):
    deep = np.arange(0, 65535, 65535 // 100, dtype=np.uint16)[:100].reshape(10, 10)
    path = tmp_path / "bïscuit ünïcode.png"
    write_image(path, deep)
    back = read_image(path)
    assert back.dtype == np.uint16
    np.testing.assert_array_equal(back, deep)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary file left behind"
    colour = cv2.cvtColor(np.full((8, 8), 90, np.uint8), cv2.COLOR_GRAY2BGRA)
    write_image(tmp_path / "a.png", colour)
    assert read_image(tmp_path / "a.png").shape == (8, 8, 4)


def test_written_files_and_folders_get_ordinary_permissions(tmp_path: Path):
    """Atomic writes go through private temporary files; what lands must be as readable as a plain write."""
    mask = os.umask(0o022)
    os.umask(mask)
    target = tmp_path / "frame.png"
    write_image(target, np.zeros((4, 4, 3), np.uint8))
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    folder = staging_dir(tmp_path / "bundle")
    assert folder.stat().st_mode & 0o777 == 0o777 & ~mask


def test_grey_pictures_are_told_from_colour_ones():
    import cv2

    from cookie_inspector.core.frames.preprocess import as_grey, is_grey

    rng = np.random.default_rng(0)
    colour = rng.integers(0, 255, (40, 60, 3), dtype=np.uint8)
    grey = cv2.cvtColor(cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    assert not is_grey(colour) and is_grey(grey) and is_grey(grey[:, :, 0]) and is_grey(grey[:, :, :1])
    assert is_grey(np.clip(grey.astype(int) + rng.integers(-2, 3, grey.shape), 0, 255).astype(np.uint8))  # JPEG
    assert is_grey(grey.astype(np.uint16) * 257) and not is_grey(colour.astype(np.uint16) * 257)
    assert is_grey(grey.astype(np.float32) / 255) and not is_grey(colour.astype(np.float32) / 255)
    tinted = grey.copy()
    tinted[..., 2] = np.clip(tinted[..., 2].astype(int) + 12, 0, 255)  # a warm cast is colour
    assert not is_grey(tinted)
    out = as_grey(colour)
    assert out.shape == colour.shape and is_grey(out) and np.array_equal(out, grey)


def test_a_region_drawn_on_other_frames_is_fitted_to_the_same_place():
    drawn = Roi.parse("320,120,320,240@1280x720")  # as the window remembers it
    assert drawn == Roi(320, 120, 320, 240, (1280, 720)) and Roi.parse(drawn.as_text()) == drawn
    assert resolve_roi((720, 1280, 3), drawn) == Roi(320, 120, 320, 240)  # its own frames: as drawn
    assert resolve_roi((360, 640, 3), drawn) == Roi(160, 60, 160, 120)  # half the resolution: half the region
    assert resolve_roi((480, 640, 3), drawn) == Roi(160, 80, 160, 160)  # another shape: the same share of it
    # without its frame (typed on the command line, an older setting) a region is taken as it is, clipped
    assert resolve_roi((360, 640, 3), Roi(320, 120, 320, 240)) == Roi(320, 120, 320, 240)
    with pytest.raises(RoiError, match="WIDTHxHEIGHT"):
        Roi.parse("1,2,3,4@1280")
