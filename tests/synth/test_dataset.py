"""The demo data set writer: MVTec layout, every defect type, deterministic, safe with existing folders."""

import json

import cv2
import numpy as np
import pytest

from cookie_inspector.core.errors import DatasetError
from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.judge.evaluation import discover_dataset
from cookie_inspector.synth.cookies import DEFECT_TYPES
from cookie_inspector.synth.dataset import MARKER, allocate, contact_sheet, write_dataset
from cookie_inspector.synth.parts import DefectMix

SMALL = (128, 96)


def _write(folder, seed=0, **counts):
    counts = {"train": 4, "test_good": 2, "test_defect": 5} | counts
    return write_dataset(folder, seed=seed, frame_size=SMALL, **counts)


def test_layout_masks_and_every_defect_type(tmp_path):
    summary = _write(tmp_path / "set")
    root = tmp_path / "set"
    assert len(list((root / "train" / "good").glob("*.png"))) == 4
    assert len(list((root / "test" / "good").glob("*.png"))) == 2
    assert sorted(summary["test_defect"]) == sorted(DEFECT_TYPES)
    items = discover_dataset(root)
    defective = [item for item in items if item.is_defective]
    assert len(defective) == 5 and {item.defect for item in defective} == set(DEFECT_TYPES)
    for item in defective:
        image, mask = read_image(item.path), read_image(item.mask_path)
        assert image.shape == (96, 96, 3)
        assert mask.shape == (96, 96) and mask.any() and set(np.unique(mask)) <= {0, 255}
    assert json.loads((root / MARKER).read_text())["seed"] == 0


def test_same_seed_same_files_other_seed_other_cookies(tmp_path):
    _write(tmp_path / "a", seed=3)
    _write(tmp_path / "b", seed=3)
    _write(tmp_path / "c", seed=4)
    for relative in ["train/good/0000.png", "test/good/0001.png", "ground_truth/crack/0000_mask.png"]:
        assert np.array_equal(read_image(tmp_path / "a" / relative), read_image(tmp_path / "b" / relative))
    a = read_image(tmp_path / "a" / "train/good/0000.png").astype(int)
    c = read_image(tmp_path / "c" / "train/good/0000.png").astype(int)
    assert np.abs(a - c).mean() > 3


def test_refuses_a_folder_that_is_not_a_demo_set_and_replaces_one_that_is(tmp_path):
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"precious")
    with pytest.raises(DatasetError, match="not a demo data set"):
        _write(foreign)
    assert (foreign / "holiday.jpg").read_bytes() == b"precious"

    target = tmp_path / "set"
    _write(target, train=6)
    _write(target, train=3)
    assert len(list((target / "train" / "good").glob("*.png"))) == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left behind


def test_allocation_follows_the_weights():
    mix = DefectMix({"crack": 3.0, "chip": 1.0})
    labels = allocate(mix, 40)
    assert labels.count("crack") == 30 and labels.count("chip") == 10
    assert sorted(set(allocate(DefectMix(), 5))) == sorted(DEFECT_TYPES)
    assert len(allocate(DefectMix(), 3)) == 3


def test_contact_sheet_has_a_row_per_kind_and_green_outlines():
    sheet = contact_sheet(seed=0, columns=3, tile=96, frame_size=SMALL)
    rows = 1 + len(DEFECT_TYPES)
    assert sheet.shape[1] == 3 * 96 and sheet.shape[0] % rows == 0
    green = (sheet[..., 1] > 200) & (sheet[..., 0] < 120) & (sheet[..., 2] < 120)
    row_height = sheet.shape[0] // rows
    assert not green[:row_height].any()  # good cookies have no outline
    for row in range(1, rows):
        assert green[row * row_height : (row + 1) * row_height].any()
    assert cv2.imencode(".png", sheet)[0]
