"""Good samples: the capture checks, atomic storage, delete with undo, import from a folder."""

from __future__ import annotations

import errno

import cv2
import numpy as np
import pytest

from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.judge.presence import Presence, PresenceState
from cookie_inspector.core.line import samples as samples_module
from cookie_inspector.core.line.samples import ImportReport, QualitySettings, SampleError, SampleStore, sharpness
from cookie_inspector.core.model import training as training_module
from tests.imagegen import good_image

PRESENT = Presence(PresenceState.PRESENT, 0.5, (0.5, 0.5))


def _cookies(count: int, seed: int = 0, size: int = 160) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [good_image(rng, size) for _ in range(count)]


def test_a_good_capture_is_stored_whole_and_named_by_time(tmp_path):
    store = SampleStore(tmp_path / "good")
    image = _cookies(1)[0]
    name, verdict = store.add(image, PRESENT)
    assert verdict.accepted and name is not None and name.endswith(".png")
    assert np.array_equal(read_image(store.path(name)), image)  # lossless
    assert [p.name for p in (tmp_path / "good").iterdir()] == [name]  # no temporary file left behind
    assert store.names() == [name] and len(store) == 1


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        (PresenceState.EMPTY, "no part in the region"),
        (PresenceState.PARTIAL, "not wholly in the region"),
        (PresenceState.MOVING, "moving"),
    ],
)
def test_a_capture_without_a_whole_still_part_is_rejected_with_its_reason(tmp_path, state, reason):
    store = SampleStore(tmp_path / "good")
    name, verdict = store.add(_cookies(1)[0], Presence(state))
    assert name is None and reason in verdict.reason
    assert len(store) == 0 and not any((tmp_path / "good").iterdir())


def test_blurred_exposure_and_duplicate_captures_are_rejected(tmp_path):
    store = SampleStore(tmp_path / "good")
    cookies = _cookies(7)
    for image in cookies[:6]:
        assert store.add(image, PRESENT)[0] is not None
    fresh = cookies[6]

    blurred = cv2.GaussianBlur(fresh, (0, 0), 2.5)
    assert store.add(blurred, PRESENT)[1].reason.startswith("blurred")
    bright = np.clip(fresh.astype(np.float32) * 3.0, 0, 255).astype(np.uint8)
    assert store.add(bright, PRESENT)[1].reason.startswith("over-exposed")
    dark = (fresh.astype(np.float32) * 0.08).astype(np.uint8)
    assert store.add(dark, PRESENT)[1].reason.startswith("under-exposed")
    # the same part again, with fresh sensor noise: a near-duplicate
    noisy = np.clip(cookies[2].astype(np.float32) + np.random.default_rng(1).normal(0, 3, fresh.shape), 0, 255)
    assert "near-duplicate" in store.add(noisy.astype(np.uint8), PRESENT)[1].reason
    assert len(store) == 6
    assert store.add(fresh, PRESENT)[0] is not None  # the same cookie, sharp and well lit, passes


def test_a_smoother_good_part_is_kept_and_a_slightly_blurred_one_refused(tmp_path):
    """Real products vary in texture (a smooth tile has a third of its neighbours' sharpness): that is kept; one
    pixel of blur, which leaves a tenth, is refused."""
    rng = np.random.default_rng(4)

    def textured(contrast: float) -> np.ndarray:
        grain = cv2.resize(rng.normal(0, 1, (150, 150)), (300, 300), interpolation=cv2.INTER_CUBIC)
        return np.clip(128 + contrast * grain, 0, 255).astype(np.uint8)[:, :, None].repeat(3, axis=2)

    store = SampleStore(tmp_path / "good", settings=QualitySettings(check_exposure=False))
    for _ in range(8):
        assert store.add(textured(40.0))[0] is not None
    median = store.median_sharpness()
    smooth = textured(40.0 * 0.55)  # about 0.3 of the median sharpness (sharpness goes with contrast squared)
    assert 0.2 < sharpness(smooth) / median < 0.4
    assert store.add(smooth)[0] is not None
    blurred = cv2.GaussianBlur(textured(40.0), (0, 0), 1.0)
    assert sharpness(blurred) / median < 0.2
    assert store.add(blurred)[1].reason.startswith("blurred")


def test_delete_can_be_undone_until_the_store_is_opened_again(tmp_path):
    store = SampleStore(tmp_path / "good")
    names = [store.add(image, PRESENT)[0] for image in _cookies(4)]
    batch = store.delete(names[1:3])
    assert store.names() == [names[0], names[3]]
    assert store.undo(batch) == names[1:3]
    assert store.names() == names
    store.delete([names[0]])
    again = SampleStore(tmp_path / "good")  # a new session: the earlier deletion is final
    assert again.names() == names[1:]
    assert not (tmp_path / "good" / ".trash").exists()


def test_import_takes_good_images_and_lists_the_rest(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    cookies = _cookies(3, seed=5)
    for i, image in enumerate(cookies):
        cv2.imwrite(str(folder / f"cookie{i}.png"), image)
    cv2.imwrite(str(folder / "copy-of-cookie0.png"), cookies[0])
    (folder / "broken.png").write_bytes(b"\x89PNG not really")
    (folder / "notes.txt").write_text("not an image")
    store = SampleStore(tmp_path / "good")
    report = store.import_folder(folder)
    assert len(report.imported) == 3 and len(store) == 3
    skipped = dict(report.skipped)
    assert set(skipped) == {"copy-of-cookie0.png", "broken.png", "notes.txt"}
    assert "near-duplicate" in skipped["copy-of-cookie0.png"] and "not a readable image" in skipped["broken.png"]
    with pytest.raises(SampleError):
        store.import_folder(tmp_path / "missing")


def test_a_full_disk_loses_nothing_and_says_so(tmp_path, monkeypatch):
    store = SampleStore(tmp_path / "good")
    kept = store.add(_cookies(1)[0], PRESENT)[0]

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(samples_module, "write_bytes_atomic", full)
    with pytest.raises(SampleError, match="No space left"):
        store.add(_cookies(1, seed=9)[0], PRESENT)
    assert store.names() == [kept] and [p.name for p in (tmp_path / "good").iterdir()] == [kept]


def test_the_count_needed_before_training(tmp_path):
    store = SampleStore(tmp_path / "good")
    assert store.needed(12) == 12
    for image in _cookies(5):
        store.add(image, PRESENT)
    assert store.needed(12) == 7
    assert store.needed(3) == training_module.MIN_SAMPLES - 5  # never below what training itself needs


def test_a_products_look_can_switch_the_exposure_check_off_and_it_is_remembered(tmp_path):
    bright = np.full((300, 300, 3), 255, np.uint8)
    cv2.circle(bright, (150, 150), 90, (40, 70, 120), -1)
    bright[100:200, 100:200] = np.random.default_rng(1).integers(30, 90, (100, 100, 3), dtype=np.uint8)
    store = SampleStore(tmp_path / "good")
    assert store.check(bright).reason.startswith("over-exposed")
    report = ImportReport([], [("a.png", "over-exposed: 80% ..."), ("b.png", "under-exposed: ..."),
                               ("c.png", "over-exposed: ..."), ("d.png", "blurred: ...")])  # fmt: skip
    assert report.exposure_refused() == ["a.png", "b.png", "c.png"]
    assert report.exposure_groups() == [("over-exposed", ["a.png", "c.png"])]  # one under-exposed: a stray photo
    assert ImportReport(["x"] * 30, report.skipped).exposure_groups() == [("over-exposed", ["a.png", "c.png"])]
    assert ImportReport(["x"] * 60, report.skipped).exposure_groups() == []  # 2 of 64: stray photos
    assert ImportReport([], [("b.png", "under-exposed: ...")]).exposure_groups() == [("under-exposed", ["b.png"])]
    dark = np.clip(bright.astype(np.int16) - 235, 0, 255).astype(np.uint8)
    assert store.check(dark).reason.startswith("under-exposed")
    store.allow_exposure("over-exposed")  # a light table: bright is the look, too dark is still refused
    assert store.check(bright).accepted and store.check(dark).reason.startswith("under-exposed")
    again = SampleStore(tmp_path / "good")
    assert not again.checks_exposure("over-exposed") and again.checks_exposure("under-exposed")
    store.set_check_exposure(False)
    assert not (store.check(dark).reason or "").startswith("under-exposed")  # neither kind checked now
    again = SampleStore(tmp_path / "good")
    assert not again.check_exposure and again.check(bright).accepted
    assert again.check(cv2.GaussianBlur(bright, (31, 31), 0)).reason.startswith("blurred")  # the rest still holds


def test_a_folder_of_alike_photos_is_imported_whole_and_only_a_repeated_photo_is_a_duplicate(tmp_path):
    """A dark, uniform product looks nearly the same on every photo (measured: real tyres 0.003 apart, a photo with
    sensor noise 0.0027): the photos of a folder are parts of their own, imported in one go or in two; the same
    picture again (twice in the folder, or stored already) is refused."""
    from cookie_inspector.core.line.samples import signature

    rng = np.random.default_rng(5)
    folder = tmp_path / "tyres"
    folder.mkdir()
    base = cv2.GaussianBlur(rng.integers(40, 90, (200, 200, 3)).astype(np.uint8), (0, 0), 1.0)
    photos = []
    for i in range(6):  # the same tread, a small mark elsewhere on each
        photo = base.copy()
        cv2.circle(photo, (30 + 28 * i, 100), 6, (140, 140, 140), -1)
        photos.append(photo)
        cv2.imwrite(str(folder / f"tyre{i}.png"), photo)
    cv2.imwrite(str(folder / "tyre0-again.png"), photos[0])
    distances = [float(np.abs(signature(photos[0]) - signature(p)).mean()) for p in photos[1:]]
    assert max(distances) < QualitySettings().duplicate_distance  # a capture would call each a duplicate
    store = SampleStore(tmp_path / "samples")
    report = store.import_folder(folder, only=[f"tyre{i}.png" for i in range(3)])  # a first batch
    assert len(report.imported) == 3
    report = store.import_folder(folder)  # the folder: its other photos, alike as they are, but not itself again
    assert len(report.imported) == 3 and {name for name, _ in report.skipped} == {
        "tyre0-again.png", "tyre0.png", "tyre1.png", "tyre2.png"}  # fmt: skip
    assert {reason for _, reason in report.skipped} == {"a near-duplicate of a stored sample"}


def test_an_import_is_cropped_to_the_region_drawn_as_the_line_crops_its_pictures(tmp_path):
    """A region drawn on 800 x 400 pictures: each photo of that size or shape gives the region's pixels (as the
    line would judge them), not the whole photo; a photo of another shape is kept whole and said so."""
    from cookie_inspector.core.frames.preprocess import Roi

    folder = tmp_path / "long-product"
    folder.mkdir()
    rng = np.random.default_rng(2)
    for n, (width, height) in enumerate([(800, 400), (800, 400), (400, 200), (500, 500)]):
        photo = np.full((height, width, 3), 40, np.uint8)
        photo[height // 4 : 3 * height // 4, width // 8 : 7 * width // 8] = good_image(rng, 160).mean()
        noise = rng.integers(0, 60, (height // 2, 3 * width // 4, 3))
        photo[height // 4 : 3 * height // 4, width // 8 : 7 * width // 8] += noise.astype(np.uint8)
        cv2.imwrite(str(folder / f"p{n}.png"), photo)
    store = SampleStore(tmp_path / "samples")
    region = Roi(100, 100, 600, 200, (800, 400))
    report = store.import_folder(folder, region=region)
    assert len(report.imported) == 4 and report.skipped == []
    shapes = sorted(read_image(store.path(name)).shape[:2] for name in report.imported)
    assert shapes == [(100, 300), (200, 600), (200, 600), (500, 500)]  # the region; scaled on a half-size photo
    assert report.whole == ["p3.png"]  # the square photo: where the region lies on it is not known
    inside = read_image(store.path(sorted(report.imported)[0]))
    assert float(inside.mean()) > 60  # the product's pixels, not the dark background around it
    whole = SampleStore(tmp_path / "whole")
    report = whole.import_folder(folder, region=Roi(0, 0, 800, 400, (800, 400)))  # the whole picture drawn
    shapes = sorted(read_image(whole.path(name)).shape[:2] for name in report.imported)
    assert shapes == [(200, 400), (400, 800), (400, 800), (500, 500)] and report.whole == []  # whole on any photo
