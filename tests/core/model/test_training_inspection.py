"""A real (tiny) training run, then inspection with the model it produced."""

import threading
from pathlib import Path

import numpy as np
import pytest

from cookie_inspector.core.errors import NotEnoughSamplesError, TrainingCancelled
from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.model.bundle import load_bundle, read_meta
from cookie_inspector.core.model.training import MIN_SAMPLES, TrainingConfig, load_samples, resolve_samples_dir, train
from tests.conftest import TEST_SIZE
from tests.imagegen import defect_pair, good_image, write_good_set


def test_training_writes_a_loadable_calibrated_bundle(trained_bundle_dir: Path):
    meta = read_meta(trained_bundle_dir)
    bundle = load_bundle(trained_bundle_dir)
    assert bundle.architecture == "pixel"
    assert meta["input_shape"] == [TEST_SIZE, TEST_SIZE, 3]
    assert meta["trained_on"]["samples"] == 30
    assert meta["trained_on"]["held_out"] == 6 and meta["trained_on"]["training"] == 24
    assert meta["trained_on"]["digest"].startswith("sha256:")
    assert meta["calibration"]["held_out_samples"] == 6
    assert meta["calibration"]["observed_false_alarm_rate"] == 0.0
    assert 0 < meta["warn_threshold"] <= meta["threshold"]
    assert meta["threshold"] >= meta["score_stats"]["max"]
    assert meta["training"]["epochs_completed"] == 40
    assert set(meta["versions"]) >= {"keras", "tensorflow", "numpy", "opencv", "python"}


def test_a_planted_defect_scores_higher_than_a_clean_part(trained_bundle_dir: Path):
    inspector = Inspector(load_bundle(trained_bundle_dir), region="full")
    rng = np.random.default_rng(123)
    pairs = [defect_pair(rng, TEST_SIZE) for _ in range(6)]
    clean = [pair[0] for pair in pairs]
    burnt = [pair[1] for pair in pairs]
    clean_results = inspector.inspect_batch(clean)
    burnt_results = inspector.inspect_batch(burnt)
    for ok, bad in zip(clean_results, burnt_results, strict=True):
        assert bad.score > ok.score * 1.2
    assert all(result.verdict is Verdict.NG for result in burnt_results)
    assert sum(result.verdict is Verdict.NG for result in clean_results) <= 1


def test_inspection_result_fields_agree(trained_bundle_dir: Path):
    bundle = load_bundle(trained_bundle_dir)
    inspector = Inspector(bundle, region="full")
    result = inspector.inspect(good_image(np.random.default_rng(5), 200))  # any frame size
    assert result.reconstruction.shape == result.image.shape == (TEST_SIZE, TEST_SIZE, 3)
    assert result.error_map.shape == (TEST_SIZE, TEST_SIZE)
    assert result.score == pytest.approx(float(result.error_map.max()))
    assert result.normalized_score == pytest.approx(result.score / bundle.threshold)
    assert result.overlay(0.5).shape == (TEST_SIZE, TEST_SIZE, 3)


def test_inspection_never_goes_through_predict(trained_bundle_dir: Path, monkeypatch):
    bundle = load_bundle(trained_bundle_dir)

    def forbidden(*args, **kwargs):
        raise AssertionError("model.predict must not be used per frame")

    monkeypatch.setattr(bundle.model, "predict", forbidden)
    inspector = Inspector(bundle, region="full")
    frames = [good_image(np.random.default_rng(i), TEST_SIZE) for i in range(3)]
    single = [inspector.inspect(frame).score for frame in frames]
    batched = [result.score for result in inspector.inspect_batch(frames)]
    np.testing.assert_allclose(single, batched, rtol=1e-4)


def test_warm_up_compiles_the_forward_pass_once_so_the_first_frame_does_not(trained_bundle_dir: Path):
    inspector = Inspector(load_bundle(trained_bundle_dir))
    assert inspector._forward.experimental_get_tracing_count() == 0
    inspector.warm_up()
    assert inspector._forward.experimental_get_tracing_count() == 1
    inspector.inspect(good_image(np.random.default_rng(0), TEST_SIZE))
    inspector.inspect_batch([good_image(np.random.default_rng(n), TEST_SIZE) for n in range(3)])
    assert inspector._forward.experimental_get_tracing_count() == 1  # no other batch size traces again


def test_bad_samples_are_skipped_and_listed(tmp_path: Path):
    folder = tmp_path / "good"
    write_good_set(folder, 4, size=24)
    (folder / "zero.png").write_bytes(b"")
    (folder / "fake.jpg").write_text("hello")
    (folder / "notes.txt").write_text("shift log")
    samples = load_samples(folder, size=24)
    assert len(samples.paths) == 4
    reasons = {path.name: reason for path, reason in samples.skipped}
    assert reasons == {
        "zero.png": "empty file (0 bytes)",
        "fake.jpg": "not a readable image",
        "notes.txt": "not an image file (by its name)",
    }


def test_too_few_samples_says_how_many_more(tmp_path: Path):
    folder = tmp_path / "good"
    write_good_set(folder, MIN_SAMPLES - 3, size=24)
    (folder / "broken.png").write_bytes(b"\x89PNG broken")
    with pytest.raises(NotEnoughSamplesError, match="7 usable good image.*add 3 more"):
        train(folder, tmp_path / "model", TrainingConfig(epochs=1, size=24))
    assert not (tmp_path / "model").exists()


def test_cancelling_stops_training_and_writes_nothing(tmp_path: Path):
    folder = tmp_path / "good"
    write_good_set(folder, 12, size=24)
    cancel = threading.Event()
    epochs_seen = []

    def progress(event: dict) -> None:
        if event["event"] == "epoch":
            epochs_seen.append(event["epoch"])
            cancel.set()

    with pytest.raises(TrainingCancelled):
        train(
            folder,
            tmp_path / "model",
            TrainingConfig(architecture="pixel", epochs=50, size=24),
            progress=progress,
            cancel=cancel,
        )
    assert epochs_seen == [1]
    assert list(tmp_path.iterdir()) == [folder]


def test_progress_reports_every_epoch_with_time_left(tmp_path: Path):
    folder = tmp_path / "good"
    write_good_set(folder, 10, size=24)
    events = []
    train(
        folder,
        tmp_path / "model",
        TrainingConfig(architecture="pixel", epochs=4, batch_size=2, size=24),
        progress=events.append,
    )
    kinds = [event["event"] for event in events]
    assert kinds == ["start", "epoch", "epoch", "epoch", "epoch", "calibrating", "done"]
    epochs = [event for event in events if event["event"] == "epoch"]
    assert [e["epoch"] for e in epochs] == [1, 2, 3, 4]
    assert all(e["loss"] > 0 and e["val_loss"] > 0 for e in epochs)
    assert epochs[-1]["eta_s"] == 0
    assert events[-1]["model"] == str(tmp_path / "model")


def test_a_dataset_root_in_mvtec_layout_is_accepted(tmp_path: Path):
    rgb = tmp_path / "set" / "train" / "good" / "rgb"
    write_good_set(rgb, 2, size=24)
    assert resolve_samples_dir(tmp_path / "set") == rgb
    plain = tmp_path / "plain"
    write_good_set(plain, 2, size=24)
    assert resolve_samples_dir(plain) == plain


def test_training_starts_from_the_mean_colour(tmp_path: Path):
    from cookie_inspector.core.model.architectures import build_model
    from cookie_inspector.core.model.training import start_at_mean_image

    rng = np.random.default_rng(0)
    dark = (rng.random((4, 24, 24, 3)) * [0.1, 0.2, 0.05]).astype(np.float32)
    for name in ("seed", "pixel"):
        model = build_model(name, 24)
        start_at_mean_image(model, dark)
        output = np.asarray(model(np.zeros((1, 24, 24, 3), np.float32)))
        np.testing.assert_allclose(output.mean(axis=(0, 1, 2)), dark.mean(axis=(0, 1, 2)), atol=0.02)


def test_a_collapsed_model_is_refused():
    from cookie_inspector.core.errors import TrainingFailed
    from cookie_inspector.core.model.training import check_not_collapsed

    images = np.random.default_rng(0).random((4, 24, 24, 3)).astype(np.float32)
    check_not_collapsed(images, images * 0.9)
    with pytest.raises(TrainingFailed, match="collapsed to a constant output image .0% of the images' spread.*"
                                             "lower --learning-rate"):  # fmt: skip
        check_not_collapsed(images, np.zeros_like(images))


def test_a_near_constant_output_after_few_steps_asks_for_more_training():
    from cookie_inspector.core.errors import TrainingFailed
    from cookie_inspector.core.model.training import FEW_STEPS, TrainingSteps, check_not_collapsed

    images = np.random.default_rng(0).random((4, 24, 24, 3)).astype(np.float32)
    flat = np.full_like(images, 0.5) + images * 0.01  # what the untrained network gives: the mean image
    with pytest.raises(TrainingFailed) as caught:
        check_not_collapsed(images, flat, TrainingSteps(48, 5, 8, "pixel"))
    message = str(caught.value)
    assert message.startswith("too few training steps for this network: 48 training images x 5 epoch(s) at batch 8 "
                              f"are 30 steps, and the pixel network needs about {FEW_STEPS}")  # fmt: skip
    assert f"Train for --epochs {-(-FEW_STEPS // 6)} or more" in message and "learning-rate" not in message
    with pytest.raises(TrainingFailed, match="collapsed"):  # enough steps: then it is a real collapse
        check_not_collapsed(images, flat, TrainingSteps(480, 50, 8, "pixel"))
