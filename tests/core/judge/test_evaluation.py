from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.core.errors import DatasetError
from cookie_inspector.core.judge.evaluation import auroc, discover_dataset, evaluate
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.bundle import load_bundle
from tests.conftest import TEST_SIZE
from tests.imagegen import defect_pair, good_image


def test_auroc_known_values():
    assert auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]) == 1.0
    assert auroc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]) == 0.0
    assert auroc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]) == 0.5
    assert auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == 0.75
    assert auroc([0.1, 0.2], [0, 0]) is None


def _make_dataset(root: Path, layout: str) -> None:
    """A small labelled set: 8 good and 8 cookies with a burnt spot, masks in the given MVTec layout."""
    rng = np.random.default_rng(7)
    good_dir = root / "test" / "good"
    good_dir.mkdir(parents=True)
    for i in range(8):
        cv2.imwrite(str(good_dir / f"{i:03d}.png"), good_image(rng, TEST_SIZE))
    for i in range(8):
        _, bad, defect_mask = defect_pair(rng, TEST_SIZE)
        mask = defect_mask.astype(np.uint8) * 255
        if layout == "mvtec":
            image_dir, mask_path = root / "test" / "burnt", root / "ground_truth" / "burnt" / f"{i:03d}_mask.png"
        else:
            image_dir, mask_path = root / "test" / "burnt" / "rgb", root / "test" / "burnt" / "gt" / f"{i:03d}.png"
        image_dir.mkdir(parents=True, exist_ok=True)
        mask_path.parent.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(image_dir / f"{i:03d}.png"), bad)
        cv2.imwrite(str(mask_path), mask)


@pytest.mark.parametrize("layout", ["mvtec", "mvtec3d"])
def test_evaluate_reports_the_figures_in_both_mask_layouts(trained_bundle_dir: Path, tmp_path: Path, layout):
    _make_dataset(tmp_path, layout)
    items = discover_dataset(tmp_path)
    assert len(items) == 16 and all(item.mask_path for item in items if item.is_defective)
    results = evaluate(Inspector(load_bundle(trained_bundle_dir), region="full"), tmp_path)
    assert results["images"] == 16 and results["good_images"] == 8 and results["defective_images"] == 8
    assert results["image_auroc"] > 0.9
    assert results["pixel_auroc"] > 0.8
    assert results["pixel_auroc_images"] == 16
    assert results["detection_rate"] >= 0.75
    assert results["false_alarm_rate"] <= 0.25
    assert set(results["by_defect"]) == {"burnt"}
    assert len(results["per_image"]) == 16


def test_unreadable_test_images_are_listed_not_fatal(trained_bundle_dir: Path, tmp_path: Path):
    _make_dataset(tmp_path, "mvtec")
    (tmp_path / "test" / "burnt" / "zz_garbage.png").write_bytes(b"garbage")
    results = evaluate(Inspector(load_bundle(trained_bundle_dir), region="full"), tmp_path)
    assert results["images"] == 16
    assert [Path(entry["path"]).name for entry in results["unreadable"]] == ["zz_garbage.png"]


def test_layout_problems_are_explained(tmp_path: Path):
    with pytest.raises(DatasetError, match="no such folder"):
        discover_dataset(tmp_path / "nowhere")
    with pytest.raises(DatasetError, match="test/good"):
        discover_dataset(tmp_path)
    (tmp_path / "test" / "good").mkdir(parents=True)
    cv2.imwrite(str(tmp_path / "test" / "good" / "a.png"), np.zeros((8, 8), np.uint8))
    with pytest.raises(DatasetError, match="no defect folders"):
        discover_dataset(tmp_path)
