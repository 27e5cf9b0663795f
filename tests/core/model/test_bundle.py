import errno
import json
import shutil
from pathlib import Path

import pytest

from cookie_inspector.core.errors import BundleError, WriteError
from cookie_inspector.core.model.architectures import build_model
from cookie_inspector.core.model.bundle import META_FILE, MODEL_FILE, load_bundle, read_meta, save_bundle


def _meta(model, size=24) -> dict:
    return {
        "architecture": "pixel",
        "parameters": model.count_params(),
        "input_shape": [size, size, 3],
        "threshold": 0.2,
        "warn_threshold": 0.15,
        "score_stats": {"count": 3},
        "scoring": {"method": "max_smoothed_abs_error", "sigma": 1.0},
        "trained_on": {"samples": 0, "digest": "sha256:none"},
        "created": "2026-01-01T00:00:00+00:00",
        "versions": {},
        "calibration": {},
    }


@pytest.fixture(scope="module")
def small_model():
    return build_model("pixel", 24)


def test_round_trip_keeps_model_and_meta(tmp_path: Path, small_model):
    out = save_bundle(small_model, _meta(small_model), tmp_path / "m")
    bundle = load_bundle(out)
    assert bundle.model.count_params() == small_model.count_params()
    assert bundle.threshold == 0.2 and bundle.warn_threshold == 0.15 and bundle.input_size == 24
    assert read_meta(out)["format"] == "cookie-inspector-bundle"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_saving_again_keeps_the_previous_bundle(tmp_path: Path, small_model):
    target = tmp_path / "m"
    save_bundle(small_model, _meta(small_model), target)
    meta = _meta(small_model)
    meta["threshold"] = 0.3
    save_bundle(small_model, meta, target)
    assert load_bundle(target).threshold == 0.3
    assert load_bundle(tmp_path / "m.previous").threshold == 0.2


def test_an_empty_folder_is_used_without_a_previous_copy(tmp_path: Path, small_model):
    (tmp_path / "m").mkdir()
    save_bundle(small_model, _meta(small_model), tmp_path / "m")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_a_folder_that_is_not_a_bundle_is_never_overwritten(tmp_path: Path, small_model):
    target = tmp_path / "photos"
    target.mkdir()
    (target / "holiday.jpg").write_bytes(b"precious")
    with pytest.raises(BundleError, match="not a model bundle"):
        save_bundle(small_model, _meta(small_model), target)
    assert (target / "holiday.jpg").read_bytes() == b"precious"


def test_a_failed_save_leaves_nothing_behind(tmp_path: Path, small_model, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    save_bundle(small_model, _meta(small_model), tmp_path / "m")
    monkeypatch.setattr(small_model, "save", disk_full)
    with pytest.raises(WriteError) as caught:
        save_bundle(small_model, {**_meta(small_model), "threshold": 0.9}, tmp_path / "m")
    assert str(caught.value) == (f"{tmp_path / 'm'}: cannot write the model bundle (No space left on device); no "
                                 "model was written; the bundle already there is unchanged")  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]
    assert load_bundle(tmp_path / "m").threshold == 0.2


@pytest.fixture
def saved(tmp_path: Path, small_model) -> Path:
    return save_bundle(small_model, _meta(small_model), tmp_path / "m")


def test_corrupt_model_file_is_named(saved: Path):
    (saved / MODEL_FILE).write_bytes(b"this is not a zip archive")
    with pytest.raises(BundleError, match=r"model\.keras: damaged or not a Keras model"):
        load_bundle(saved)


def test_truncated_model_file_is_named(saved: Path):
    data = (saved / MODEL_FILE).read_bytes()
    (saved / MODEL_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleError, match=r"model\.keras"):
        load_bundle(saved)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda meta: meta.pop("threshold"), "lacks threshold"),
        (lambda meta: meta.update(architecture="vgg"), "unknown architecture"),
        (lambda meta: meta.update(input_shape=[48, 48, 3]), "the model takes"),
        (lambda meta: meta.update(parameters=5), "parameters"),
        (lambda meta: meta.update(warn_threshold=0.5), "warn_threshold <= threshold"),
        (lambda meta: meta.update(threshold="high"), "malformed"),
        (lambda meta: meta.update(format="something-else"), "not a Cookie Inspector bundle"),
    ],
)
def test_mismatched_meta_is_explained(saved: Path, change, message):
    meta = json.loads((saved / META_FILE).read_text())
    change(meta)
    (saved / META_FILE).write_text(json.dumps(meta))
    with pytest.raises(BundleError, match=message):
        load_bundle(saved)


def test_missing_and_broken_files_are_explained(saved: Path, tmp_path: Path):
    (saved / META_FILE).write_text("{not json")
    with pytest.raises(BundleError, match="not valid JSON"):
        load_bundle(saved)
    with pytest.raises(BundleError, match="no such model bundle"):
        load_bundle(tmp_path / "nowhere")
    other = tmp_path / "other"
    shutil.copytree(saved, other)
    (other / META_FILE).unlink()
    with pytest.raises(BundleError, match="meta.json: missing"):
        load_bundle(other)


def test_a_bundle_holds_weights_not_optimizer_state(trained_bundle_dir: Path):
    meta = json.loads((trained_bundle_dir / "meta.json").read_text())
    # float32 weights are 4 bytes a parameter; Adam's two moments would add 8 more.
    assert (trained_bundle_dir / "model.keras").stat().st_size < meta["parameters"] * 4 * 1.5 + 100_000


def test_a_killed_saves_leftovers_are_removed_by_the_next_save_to_that_place(tmp_path: Path):
    import os
    import subprocess
    import sys

    from cookie_inspector.core.model.bundle import OWNER_FILE, clean_stale_staging

    out = tmp_path / "m"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = tmp_path / ".m.abc123.partial"  # what a SIGKILL during a save leaves
    killed.mkdir()
    (killed / OWNER_FILE).write_text(dead.stdout.strip())
    (killed / "model.keras").write_bytes(b"half")
    running = tmp_path / ".m.def456.partial"  # a save still in progress in a live process
    running.mkdir()
    (running / OWNER_FILE).write_text(str(os.getpid()))
    other = tmp_path / ".other.xyz.partial"  # another bundle's: not ours to touch
    other.mkdir()
    assert clean_stale_staging(out) == [killed.name]
    assert not killed.exists() and running.exists() and other.exists()


def test_a_finished_bundle_carries_no_writer_mark(saved: Path):
    from cookie_inspector.core.model.bundle import OWNER_FILE

    assert sorted(p.name for p in saved.iterdir()) == [META_FILE, MODEL_FILE] and not (saved / OWNER_FILE).exists()


@pytest.mark.parametrize(
    ("block", "complaint"),
    [
        ("full", "preprocessing must be a JSON object"),
        ({"roi": "banana"}, "preprocessing.roi 'banana' is not a region"),
        ({"roi": [0, 0, -5, 10]}, "preprocessing.roi [0, 0, -5, 10] is not a region"),
        ({"roi": [0.5, 0, 10, 10]}, "preprocessing.roi [0.5, 0, 10, 10] is not a region"),
        ({"region": "sideways"}, "preprocessing.region 'sideways' is not one of 'full', 'center'"),
        ({"color": "purple"}, "preprocessing.color 'purple' is not one of 'RGB', 'grey'"),
        ({"range": [0, 255]}, "preprocessing.range [0, 255] is not [0.0, 1.0]"),
        ({"roi": None, "gamma": 2.2}, "preprocessing has unknown entries 'gamma'"),
    ],
)
def test_junk_in_the_preprocessing_block_is_refused(tmp_path: Path, small_model, block, complaint):
    out = save_bundle(small_model, {**_meta(small_model), "preprocessing": block}, tmp_path / "m")
    with pytest.raises(BundleError, match="meta.json: " + complaint.replace("[", r"\[").replace("]", r"\]")):
        read_meta(out)


def test_the_preprocessing_block_is_read_back(tmp_path: Path, small_model):
    from cookie_inspector.core.frames.preprocess import Roi
    from cookie_inspector.core.judge.inspector import Inspector

    block = {"roi": [4, 6, 30, 20], "region": "full", "resize": "area", "color": "grey", "range": [0.0, 1.0]}
    bundle = load_bundle(save_bundle(small_model, {**_meta(small_model), "preprocessing": block}, tmp_path / "m"))
    assert bundle.roi == Roi(4, 6, 30, 20) and bundle.color == "grey"
    assert Inspector(bundle).roi == Roi(4, 6, 30, 20)  # the default region of inspect and run
    assert Inspector(bundle, roi=Roi(0, 0, 10, 10)).roi == Roi(0, 0, 10, 10)  # --roi still wins
    plain = load_bundle(save_bundle(small_model, _meta(small_model), tmp_path / "plain"))  # bundles before the block
    assert plain.roi is None and plain.color == "RGB"
