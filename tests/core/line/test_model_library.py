"""The model library: listing, the active model, rollback, delete, leftovers of a killed training, and the check a
new bundle must pass before it becomes active."""

from __future__ import annotations

import json
import shutil

import pytest

from cookie_inspector.core.line.model_library import ModelLibrary, check_bundle
from cookie_inspector.core.model.bundle import BundleError, read_meta


@pytest.fixture()
def library(tmp_path, trained_bundle_dir) -> ModelLibrary:
    lib = ModelLibrary(tmp_path / "models")
    for name in ("model-a", "model-b"):
        shutil.copytree(trained_bundle_dir, lib.folder / name)
    return lib


def test_a_trained_bundle_passes_its_check_on_the_samples_it_held_out(trained_bundle_dir, good_samples):
    meta = read_meta(trained_bundle_dir)
    held = meta["trained_on"]["held_out_files"]
    assert len(held) == meta["trained_on"]["held_out"] and all((good_samples / n).is_file() for n in held)
    report = check_bundle(trained_bundle_dir, good_samples)
    assert report.passed, report.reason
    assert report.held_out == len(held) and report.false_alarms == 0
    assert max(report.scores) < report.bundle.meta["threshold"]
    assert report.inspector._forward.experimental_get_tracing_count() == 1  # compiled once, ready for the line


def test_the_check_refuses_a_model_that_alarms_on_good_parts_or_does_not_load(tmp_path, trained_bundle_dir,
                                                                               good_samples):  # fmt: skip
    strict = tmp_path / "strict"
    shutil.copytree(trained_bundle_dir, strict)
    meta = json.loads((strict / "meta.json").read_text())
    meta["threshold"] = meta["score_stats"]["min"] * 0.5  # every good sample scores above this
    meta["warn_threshold"] = meta["threshold"] * 0.8
    (strict / "meta.json").write_text(json.dumps(meta))
    report = check_bundle(strict, good_samples)
    assert not report.passed and report.false_alarms == report.held_out > 0
    assert "held-out good samples" in report.reason

    broken = tmp_path / "broken"
    shutil.copytree(trained_bundle_dir, broken)
    (broken / "model.keras").write_bytes(b"half a file")
    report = check_bundle(broken, good_samples)
    assert not report.passed and "does not load" in report.reason


def test_activate_roll_back_and_delete(library):
    assert library.active_name() is None
    assert {e.name for e in library.entries()} == {"model-a", "model-b"}
    library.activate("model-b")
    assert library.active_name() == "model-b" and library.active_path() == library.folder / "model-b"
    with pytest.raises(BundleError, match="active model"):
        library.delete("model-b")
    library.activate("model-a")  # roll back
    assert ModelLibrary(library.folder).active_name() == "model-a"  # kept on disk
    library.delete("model-b")
    assert [e.name for e in library.entries()] == ["model-a"]
    with pytest.raises(BundleError):
        library.activate("model-b")


def test_a_damaged_active_file_or_a_vanished_model_means_no_active_model(library):
    (library.folder / "active.json").write_text("{not json")
    assert library.active_name() is None
    library.activate("model-a")
    shutil.rmtree(library.folder / "model-a")
    assert library.active_name() is None


def test_leftovers_of_a_killed_training_are_cleaned_and_never_listed(library):
    staging = library.folder / ".model-c.partial-x"
    staging.mkdir()
    (staging / "model.keras").write_bytes(b"half")
    assert "model-c" not in {e.name for e in library.entries()}
    assert library.clean() == [staging.name] and not staging.exists()


def test_new_paths_are_fresh_and_check_figures_are_kept(library, good_samples):
    first = library.new_path()
    assert not first.exists() and first.parent == library.folder
    report = check_bundle(library.folder / "model-a", good_samples)
    library.record_check("model-a", report)
    entry = next(e for e in library.entries() if e.name == "model-a")
    assert entry.false_alarm_rate == 0.0 and read_meta(library.folder / "model-a")["check"]["passed"] is True


def test_the_shipped_model_is_listed_last_activatable_and_never_deleted(tmp_path, trained_bundle_dir):
    from cookie_inspector.core.line.model_library import SHIPPED
    from cookie_inspector.core.resources import demo_model_dir

    lib = ModelLibrary(tmp_path / "models", shipped=demo_model_dir())
    shutil.copytree(trained_bundle_dir, lib.folder / "model-a")
    names = [entry.name for entry in lib.entries()]
    assert names == ["model-a", SHIPPED] and lib.entries()[-1].shipped
    lib.activate(SHIPPED)  # back to the factory model
    assert lib.active_name() == SHIPPED and lib.active_path() == demo_model_dir()
    assert lib.name_of(demo_model_dir()) == SHIPPED and lib.name_of(lib.folder / "model-a") == "model-a"
    with pytest.raises(BundleError, match="shipped"):
        lib.delete(SHIPPED)
    assert ModelLibrary(lib.folder).active_name() is None  # a library without a shipped model ignores it


def test_a_failed_check_is_listed_with_its_reason_and_names_the_samples_that_alarmed(tmp_path, trained_bundle_dir,
                                                                                     good_samples):  # fmt: skip
    lib = ModelLibrary(tmp_path / "models")
    strict = lib.folder / "strict"
    shutil.copytree(trained_bundle_dir, strict)
    meta = json.loads((strict / "meta.json").read_text())
    scores = sorted(check_bundle(strict, good_samples).scores)
    meta["threshold"] = (scores[-1] + scores[-2]) / 2  # the worst held-out sample alone is over it
    meta["warn_threshold"] = meta["threshold"] * 0.8
    (strict / "meta.json").write_text(json.dumps(meta))
    report = check_bundle(strict, good_samples, max_false_alarm_rate=0.0)
    assert not report.passed and report.false_alarms == 1
    ((name, ratio),) = report.alarming
    assert (good_samples / name).is_file() and ratio > 1.0
    lib.record_check("strict", report)
    entry = lib.entries()[0]
    assert entry.check_passed is False and "alarms on 1 of" in entry.check_reason


def test_a_default_model_is_checked_on_the_out_of_fold_scores_of_every_sample(feature_bundle_dir, good_samples,
                                                                             tmp_path):  # fmt: skip
    meta = read_meta(feature_bundle_dir)
    report = check_bundle(feature_bundle_dir, good_samples)
    assert report.passed, report.reason
    assert report.held_out == meta["trained_on"]["samples"] == 30  # every sample, not a fifth of them
    assert report.scores == meta["calibration"]["scores"] and "scored out of fold" in report.reason
    assert report.inspector.runtime == "litert"  # the export training wrote, loaded and ready for the line
    # a bundle whose model is not the one that was calibrated (its reference scores are not what it gives) fails
    swapped = tmp_path / "swapped"
    shutil.copytree(feature_bundle_dir, swapped)
    meta["calibration"]["reference"]["scores"] = [s + meta["threshold"] * 0.05
                                                  for s in meta["calibration"]["reference"]["scores"]]  # fmt: skip
    (swapped / "meta.json").write_text(json.dumps(meta))
    failed = check_bundle(swapped, good_samples)
    assert not failed.passed and "does not score its samples as it did when trained" in failed.reason
