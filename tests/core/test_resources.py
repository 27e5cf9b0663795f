"""The shipped resources: found from this checkout, overridable, and the demo model works on fresh cookies."""

from pathlib import Path

import pytest

from cookie_inspector.core import resources
from cookie_inspector.core.bundle import load_bundle
from cookie_inspector.core.errors import BundleError
from cookie_inspector.core.evaluation import evaluate
from cookie_inspector.core.inspector import Inspector
from cookie_inspector.core.scoring import ORIENTED_DIFFERENCE, SMOOTHED_DIFFERENCE, ScoringParams
from cookie_inspector.synth.dataset import write_dataset
from cookie_inspector.synth.parts import DefectMix


def test_the_demo_model_is_found_and_is_a_small_default_bundle():
    folder = resources.demo_model_dir()
    assert folder.name == "demo_model"
    bundle = load_bundle(folder)
    assert bundle.meta["architecture"] == "default"
    assert bundle.meta["input_shape"] == [300, 300, 3]
    assert sum(p.stat().st_size for p in folder.iterdir()) <= 20 * 1024 * 1024


def test_the_environment_variable_points_elsewhere(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    assert resources.resources_dir() == tmp_path
    with pytest.raises(BundleError, match="demo model is missing"):
        resources.demo_model_dir()


def test_the_demo_model_tells_defects_from_good_cookies_it_never_saw(tmp_path: Path):
    """A small set from a seed the model was not trained on (it saw seed 1), obvious defects of every kind."""
    write_dataset(tmp_path / "fresh", seed=5, train=0, test_good=12, test_defect=10, mix=DefectMix(severity=(0.6, 1.0)))
    inspector = Inspector(load_bundle(resources.demo_model_dir()), region="full")
    results = evaluate(inspector, tmp_path / "fresh")
    assert results["image_auroc"] >= 0.95
    assert results["pixel_auroc"] >= 0.9
    assert results["false_alarm_rate"] <= 1 / 12


def test_the_demo_model_finds_faint_cracks_that_a_round_window_misses(tmp_path: Path):
    """Hairline cracks (severity 0.2-0.35, one or two pixels wide at 300 x 300) against good cookies of an unseen
    seed: the oriented windows of the model's scoring tell them apart; the round window alone, on the very same
    reconstructions, does much worse."""
    mix = DefectMix({"crack": 1.0}, severity=(0.2, 0.35))
    write_dataset(tmp_path / "faint", seed=13, train=0, test_good=16, test_defect=12, mix=mix)
    inspector = Inspector(load_bundle(resources.demo_model_dir()), region="full")
    assert inspector.scoring.method == ORIENTED_DIFFERENCE
    oriented = evaluate(inspector, tmp_path / "faint")
    inspector.scoring = ScoringParams.for_size(inspector.size, SMOOTHED_DIFFERENCE)
    round_only = evaluate(inspector, tmp_path / "faint")
    assert oriented["image_auroc"] >= 0.9
    assert oriented["image_auroc"] >= round_only["image_auroc"] + 0.1
    assert oriented["pixel_auroc"] > round_only["pixel_auroc"]
