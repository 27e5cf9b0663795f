"""Framing that follows the product: a product taught "around the product" is found on each picture wherever it
lies, in training, on import and on the line, so that samples and line frame it alike."""

from __future__ import annotations

import json
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.cli import main as cli_main
from cookie_inspector.core.frames.capture import FolderSource
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.judge.presence import FRAMING_FILE, PresenceSettings, PresenceState, follow_product
from cookie_inspector.core.line.live import LinePipeline, LiveSettings
from cookie_inspector.core.line.samples import SampleStore
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.training import load_samples
from cookie_inspector.synth.line import DemoLine
from tests.conftest import TEST_SIZE

FRAME = (240, 320)
HALF = (52, 40)  # the product's half width and height in frame pixels


def product_photo(rng: np.random.Generator, centre: tuple[int, int] | None = None, defect: bool = False,
                  grey_table: int = 228) -> tuple[np.ndarray, tuple[int, int]]:  # fmt: skip
    """A flat product (a blue plate with four holes and a printed bar) on a plain light table, wherever ``centre``
    puts it (random when None), with a dark scratch across it when ``defect``. The picture and the centre."""
    height, width = FRAME
    if centre is None:
        centre = (int(rng.integers(HALF[0] + 12, width - HALF[0] - 12)),
                  int(rng.integers(HALF[1] + 12, height - HALF[1] - 12)))  # fmt: skip
    cx, cy = centre
    image = np.full((height, width, 3), grey_table, np.uint8)
    plate = tuple(int(v) for v in rng.integers((130, 70, 25), (190, 115, 60)))  # no two parts quite alike
    cv2.rectangle(image, (cx - HALF[0], cy - HALF[1]), (cx + HALF[0], cy + HALF[1]), plate, -1)
    for dx, dy in ((-30, -20), (30, -20), (-30, 20), (30, 20)):
        jx, jy = rng.integers(-3, 4, 2)
        cv2.circle(image, (cx + dx + int(jx), cy + dy + int(jy)), 7, (grey_table,) * 3, -1)
    bar = int(rng.integers(8, 20))
    cv2.rectangle(image, (cx - bar, cy - 4), (cx + bar, cy + 4), (60, 200, 230), -1)
    if defect:
        angle = rng.uniform(0, np.pi)
        dx, dy = int(26 * np.cos(angle)), int(26 * np.sin(angle))
        cv2.line(image, (cx - dx, cy - dy), (cx + dx, cy + dy), (20, 20, 20), 3)
    noise = rng.integers(-5, 6, image.shape)
    return np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8), centre


def _around(roi: Roi, centre: tuple[int, int]) -> bool:
    """``roi`` frames the product at ``centre``: centred on it within 4 pixels and a little larger than it."""
    x, y = roi.x + roi.width / 2, roi.y + roi.height / 2
    return (abs(x - centre[0]) <= 4 and abs(y - centre[1]) <= 4
            and 2 * HALF[0] < roi.width <= 2.5 * HALF[0] and 2 * HALF[1] < roi.height <= 2.5 * HALF[1])  # fmt: skip


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> Path:
    """24 photos of good products lying anywhere on the table."""
    folder = tmp_path_factory.mktemp("framing") / "photos"
    folder.mkdir()
    rng = np.random.default_rng(5)
    for i in range(24):
        cv2.imwrite(str(folder / f"good{i:02d}.png"), product_photo(rng)[0])
    return folder


@pytest.fixture(scope="module")
def framed_model(photos: Path, tmp_path_factory) -> Path:
    """A real feature model taught around the product, from the photos as they are (``train --framing product``)."""
    out = tmp_path_factory.mktemp("framing") / "model"
    assert cli_main(["train", str(photos), "--out", str(out), "--arch", "feature-gaussian", "--framing", "product",
                     "--size", str(TEST_SIZE), "--no-export"]) == 0  # fmt: skip
    return out


def test_the_product_is_found_wherever_it_lies_and_nothing_on_an_empty_table():
    rng = np.random.default_rng(1)
    for centre in ((70, 60), (250, 180), (160, 120)):
        image, _ = product_photo(rng, centre)
        found = follow_product(image, Roi(0, 0, FRAME[1], FRAME[0]))
        assert found is not None and _around(found, centre), (centre, found)
        assert found.frame == (FRAME[1], FRAME[0])
    image, _ = product_photo(rng, (100, 120))  # within a drawn region: in frame pixels still
    found = follow_product(image, Roi(20, 30, 200, 200))
    assert found is not None and _around(found, (100, 120))
    deep = image.astype(np.uint16) * 257  # a 16-bit camera
    assert follow_product(deep, Roi(0, 0, FRAME[1], FRAME[0])) == follow_product(image, Roi(0, 0, FRAME[1], FRAME[0]))
    empty = np.clip(np.full((*FRAME, 3), 228, np.int16) + rng.integers(-5, 6, (*FRAME, 3)), 0, 255).astype(np.uint8)
    assert follow_product(empty, Roi(0, 0, FRAME[1], FRAME[0])) is None


def test_training_around_the_product_crops_each_photo_and_the_bundle_says_so(framed_model: Path, photos: Path,
                                                                             capsys):  # fmt: skip
    bundle = load_bundle(framed_model)
    assert bundle.framing == "product"
    assert bundle.meta["preprocessing"]["framing"] == "product"
    width, height = bundle.meta["trained_on"]["image_size"]  # the product's box, not the 320 x 240 photo
    assert 2 * HALF[0] < width <= 2.5 * HALF[0] and 2 * HALF[1] < height <= 2.5 * HALF[1]
    assert cli_main(["info", str(framed_model)]) == 0
    assert "framed around the product found on each" in capsys.readouterr().out
    whole = load_samples(photos, TEST_SIZE)  # the same photos without framing: whole, as they were
    assert whole.framing == "region" and whole.image_size == [FRAME[1], FRAME[0]]


def test_a_folder_of_samples_taken_around_the_product_is_not_cropped_again(tmp_path: Path):
    rng = np.random.default_rng(2)
    folder = tmp_path / "samples"
    store = SampleStore(folder)
    store.set_framing("product")
    for i, table in enumerate((228, 190, 150)):  # three lights, or they would be near-duplicates
        image, _ = product_photo(rng, defect=i == 1, grey_table=table)
        found = follow_product(image, Roi(0, 0, FRAME[1], FRAME[0]))
        name, verdict = store.add(np.ascontiguousarray(found.crop(image)))  # as the window captures them
        assert name is not None, verdict.reason
    sizes = sorted(cv2.imread(str(store.path(name))).shape[1::-1] for name in store.names())
    loaded = load_samples(folder, TEST_SIZE, framing="product")
    assert loaded.framing == "product" and not loaded.warnings
    assert tuple(loaded.image_size) == sizes[1]  # the stored sizes' median: each taken whole, not cropped again
    assert json.loads((folder / FRAMING_FILE).read_text()) == {"framing": "product"}
    assert SampleStore(folder).framing == "product"  # remembered after a restart
    aside = store.put_aside("plates")
    assert (aside / FRAMING_FILE).exists() and store.framing == "region"  # the next product starts as it chooses


def test_the_line_finds_the_product_on_each_frame_and_judges_it_as_taught(framed_model: Path):
    inspector = Inspector(load_bundle(framed_model))
    assert inspector.framing == "product" and inspector.region == "full"
    rng = np.random.default_rng(11)
    goods = [product_photo(rng) for _ in range(12)]
    bads = [product_photo(rng, defect=True) for _ in range(12)]
    results = inspector.inspect_batch([image for image, _ in goods + bads])
    for result, (_, centre) in zip(results, goods + bads, strict=True):
        assert _around(result.roi, centre), (centre, result.roi)
    good, bad = results[:12], results[12:]
    assert sum(r.verdict is Verdict.NG for r in good) <= 1, [r.normalized_score for r in good]
    assert sum(r.verdict is Verdict.NG for r in bad) >= 10, [r.normalized_score for r in bad]
    # a product in a corner of the table: still framed and judged as taught
    image, centre = product_photo(rng, (FRAME[1] - HALF[0] - 10, FRAME[0] - HALF[1] - 10))
    result = inspector.inspect(image)
    assert _around(result.roi, centre) and result.verdict is not Verdict.NG


def test_import_crops_each_photo_around_the_product_as_the_line_will(photos: Path, tmp_path: Path):
    store = SampleStore(tmp_path / "samples")
    store.set_framing("product")
    report = store.import_folder(photos)
    assert len(report.imported) == 24 and not report.skipped
    for name in report.imported:
        height, width = cv2.imread(str(store.path(name))).shape[:2]
        assert 2 * HALF[0] < width <= 2.5 * HALF[0] and 2 * HALF[1] < height <= 2.5 * HALF[1]
    whole = SampleStore(tmp_path / "whole")  # framed as a region: the photo as it is
    assert whole.framing == "region"
    name = whole.import_folder(photos, only=["good00.png"]).imported[0]
    assert cv2.imread(str(whole.path(name))).shape[:2] == FRAME


def test_a_line_around_the_product_follows_each_part_through_the_frame(framed_model: Path, tmp_path: Path):
    """On a real source (a folder of photos, each a part) the region judged is the product's on each photo; on
    the demo belt, where cookies slide through, it follows each cookie."""
    rng = np.random.default_rng(21)
    folder = tmp_path / "line"
    folder.mkdir()
    centres = {}
    for i in range(6):
        image, centres[f"p{i}.png"] = product_photo(rng, defect=i == 3)
        cv2.imwrite(str(folder / f"p{i}.png"), image)
    reports, parts = [], []
    pipeline = LinePipeline(FolderSource(folder), Inspector(load_bundle(framed_model)),
                            LiveSettings(presence=PresenceSettings(mode="every-frame")), lossless=True,
                            on_frame=reports.append, on_part=parts.append)  # fmt: skip
    pipeline.start()
    deadline = time.monotonic() + 60
    while pipeline.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pipeline.stop(timeout=10)
    assert len(reports) == 6
    for report in reports:
        assert _around(report.roi, centres[report.frame.photo.path.name]), (report.frame.photo, report.roi)
        assert report.region == Roi(0, 0, FRAME[1], FRAME[0])  # the whole picture is watched
    ng = {p.photo.path.name for p in parts if p.verdict is Verdict.NG}
    assert len(parts) == 6 and "p3.png" in ng and len(ng) <= 2, [(p.photo, p.normalized_score) for p in parts]

    demo = []  # the line's framing set by the window while a product is taught around it
    belt = LinePipeline(DemoLine(seed=4, realtime=False), Inspector(load_bundle(framed_model)),
                        LiveSettings(framing="product"), lossless=True, on_frame=demo.append)  # fmt: skip
    belt.start()
    deadline = time.monotonic() + 60
    while sum(r.presence.present for r in demo) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert belt.stop()
    width, height = demo[0].frame.image.shape[1], demo[0].frame.image.shape[0]
    seen = [r for r in demo if r.presence.state in (PresenceState.MOVING, PresenceState.PRESENT)]
    assert sum(r.presence.present for r in seen) >= 12
    assert all(r.roi.width < width * 0.8 and r.roi.height < height * 0.8 for r in seen)  # the cookie, not the belt
    sliding = {r.roi.x for r in seen if r.presence.state is PresenceState.MOVING}
    assert len(sliding) >= 4  # the region slides in with the cookie
