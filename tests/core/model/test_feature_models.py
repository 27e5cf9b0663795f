"""The feature models for real: the backbone's features of demo cookies, each head fitted on good ones only, and
planted defects found; the bundle saves and loads safely; a bundle of the first release still inspects as it did."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from cookie_inspector.core.errors import TrainingCancelled
from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE
from cookie_inspector.core.model.bundle import META_FILE, load_bundle, read_meta
from cookie_inspector.core.model.training import TrainingConfig, train
from tests.conftest import TEST_SIZE
from tests.imagegen import defect_pair, good_image

HEAD_EPOCHS = {
    "feature-gaussian": None,
    "feature-memory": None,
    "feature-ensemble": None,
    "feature-ae": 15,
    "feature-auto": None,
}


def _pairs(count: int, defect: str = "burnt"):
    rng = np.random.default_rng(321)
    return [defect_pair(rng, TEST_SIZE, defect) for _ in range(count)]


@pytest.mark.parametrize("arch", sorted(HEAD_EPOCHS))
def test_each_head_fitted_on_good_cookies_finds_planted_defects(arch, good_samples, tmp_path):
    out = tmp_path / arch
    events: list[dict] = []
    bundle = train(good_samples, out, TrainingConfig(architecture=arch, epochs=HEAD_EPOCHS[arch], size=TEST_SIZE,
                                                     seed=1), progress=events.append)  # fmt: skip
    assert bundle.family == "features" and bundle.architecture == arch
    assert {"features", "calibrating", "done"} <= {event["event"] for event in events}
    if arch == "feature-ae":
        assert sum(event["event"] == "epoch" for event in events) == 15
    inspector = Inspector(load_bundle(out), region="full")
    pairs = _pairs(6)
    clean = inspector.inspect_batch([pair[0] for pair in pairs])
    burnt = inspector.inspect_batch([pair[1] for pair in pairs])
    higher = sum(bad.score > ok.score for ok, bad in zip(clean, burnt, strict=True))
    assert higher >= 5, [(ok.score, bad.score) for ok, bad in zip(clean, burnt, strict=True)]
    assert sum(result.verdict is Verdict.NG for result in burnt) >= 4
    assert sum(result.verdict is Verdict.NG for result in clean) <= 1


def test_the_heatmap_lies_on_the_defect(feature_bundle_dir: Path):
    inspector = Inspector(load_bundle(feature_bundle_dir), region="full")
    inside, outside = [], []
    for _clean, defective, mask in _pairs(4):
        result = inspector.inspect(defective)
        mask = np.asarray(mask, bool)
        if mask.shape != result.error_map.shape:
            import cv2

            mask = cv2.resize(mask.astype(np.uint8), result.error_map.shape[::-1], cv2.INTER_NEAREST) > 0
        inside.append(result.error_map[mask].mean())
        outside.append(result.error_map[~mask].mean())
    assert np.mean(inside) > 1.5 * np.mean(outside)


def test_a_feature_bundle_is_self_contained_and_scores_as_it_was_fitted(feature_bundle_dir: Path, tmp_path):
    meta = read_meta(feature_bundle_dir)
    assert meta["architecture"] == "feature-ensemble" and meta["format_version"] == 2
    assert meta["training"]["features"]["backbone"] == "efficientnet-lite0"
    assert meta["scoring"]["method"] == "max_smoothed_feature_distance"
    moved = tmp_path / "elsewhere"
    shutil.copytree(feature_bundle_dir, moved)
    bundle = load_bundle(moved)
    assert bundle.keras_model().output_shape == (None, TEST_SIZE, TEST_SIZE, 1)
    inspector = Inspector(bundle, region="full")
    result = inspector.inspect(good_image(np.random.default_rng(4), 150))
    assert result.reconstruction is None
    assert result.error_map.shape == (TEST_SIZE, TEST_SIZE)
    assert result.score == pytest.approx(float(result.error_map.max()))
    # calibrated on every sample, each scored out of fold (by the heads fitted on the other four folds)
    calibration = meta["calibration"]
    assert calibration["folds"] == 5 and "out-of-fold" in calibration["method"]
    assert calibration["held_out_samples"] == meta["trained_on"]["samples"] == len(calibration["scores"]) == 30
    assert calibration["observed_false_alarm_rate"] == 0.0 and max(calibration["scores"]) < meta["threshold"]
    # the reference scores are the shipped model's own: the loaded bundle gives them again
    reference = calibration["reference"]
    assert len(reference["files"]) == 8


def test_fitting_is_cancelled_within_a_batch_and_writes_nothing(good_samples, tmp_path):
    cancel = threading.Event()

    def progress(event):
        if event["event"] == "features" and event["done"] >= 8:
            cancel.set()

    with pytest.raises(TrainingCancelled):
        train(good_samples, tmp_path / "m", TrainingConfig(architecture="feature-memory", size=TEST_SIZE),
              progress=progress, cancel=cancel)  # fmt: skip
    assert not (tmp_path / "m").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_bundle_of_the_first_release_still_loads_and_inspects_as_it_did(trained_bundle_dir: Path, tmp_path):
    old = tmp_path / "old"
    shutil.copytree(trained_bundle_dir, old)
    meta = json.loads((old / META_FILE).read_text())
    meta["architecture"], meta["format_version"] = "default", 1  # what the first release wrote
    (old / META_FILE).write_text(json.dumps(meta))
    bundle = load_bundle(old)
    assert bundle.architecture == "pixel" and bundle.family == "pixel"
    frames = [good_image(np.random.default_rng(n), TEST_SIZE) for n in range(3)] + [_pairs(1)[0][1]]
    then = Inspector(load_bundle(trained_bundle_dir), region="full").inspect_batch(frames)
    now = Inspector(bundle, region="full").inspect_batch(frames)
    np.testing.assert_allclose([r.score for r in now], [r.score for r in then], rtol=1e-6)
    assert [r.verdict for r in now] == [r.verdict for r in then]
    assert now[0].reconstruction.shape == (TEST_SIZE, TEST_SIZE, 3)


def _single_layer_model(layer, shape):
    from cookie_inspector.core.model.tf_setup import keras

    inputs = keras.Input(shape)
    return keras.Model(inputs, layer(inputs))


def test_the_gaussian_head_is_the_mahalanobis_distance_at_each_position():
    from cookie_inspector.core.model import heads

    rng = np.random.default_rng(0)
    train_features = rng.standard_normal((40, 3, 3, 12)).astype(np.float32) * rng.uniform(0.5, 2, 12)
    channels, weights = heads.fit_gaussian(train_features, seed=0, dims=8)
    layer = heads.PositionGaussian(channels)
    model = _single_layer_model(layer, (3, 3, 12))
    layer.set_weights(weights)
    probe = rng.standard_normal((2, 3, 3, 12)).astype(np.float32)
    x = train_features[..., channels].astype(np.float64)
    mean = x.mean(axis=0)
    for i, j in ((0, 0), (1, 2)):
        cov = np.cov(x[:, i, j].T) + heads.GAUSSIAN_EPSILON * np.eye(len(channels))
        diff = probe[1, i, j, channels] - mean[i, j]
        expected = np.sqrt(diff @ np.linalg.inv(cov) @ diff)
        assert model.predict(probe, verbose=0)[1, i, j] == pytest.approx(expected, rel=2e-3)


def test_the_memory_head_is_the_distance_to_the_nearest_remembered_patch():
    from cookie_inspector.core.model import heads

    rng = np.random.default_rng(1)
    memory = rng.standard_normal((50, 6)).astype(np.float32)
    layer = heads.NearestPatch(50)
    model = _single_layer_model(layer, (2, 2, 6))
    layer.set_weights([memory, (memory**2).sum(axis=1)])
    probe = rng.standard_normal((3, 2, 2, 6)).astype(np.float32)
    expected = np.sqrt(((probe[..., None, :] - memory) ** 2).sum(-1)).min(-1)
    np.testing.assert_allclose(model.predict(probe, verbose=0), expected, rtol=1e-3, atol=1e-3)


def test_the_coreset_covers_every_cluster_where_a_random_subsample_misses_the_small_ones():
    from cookie_inspector.core.model import heads

    rng = np.random.default_rng(2)
    centres = rng.standard_normal((8, 16)) * 20
    sizes = [2000, 2000, 2000, 2000, 5, 5, 5, 5]  # four rare kinds of patch
    patches = np.concatenate([c + rng.standard_normal((n, 16)) for c, n in zip(centres, sizes, strict=True)])
    cluster = np.repeat(np.arange(8), sizes)
    chosen = heads.greedy_coreset(patches.astype(np.float32), 16, seed=0)
    assert len(set(chosen.tolist())) == 16
    assert set(cluster[chosen]) == set(range(8))
    random_pick = np.random.default_rng(0).choice(len(patches), 16, replace=False)
    assert len(set(cluster[random_pick])) < 8


def test_a_folds_memory_from_the_shared_greedy_order_holds_none_of_its_samples_and_covers_like_its_own():
    """One greedy pass over every sample serves each fold: the fold's memory keeps none of the held samples'
    patches, as many patches as a memory of the others alone, and covers the held samples about as that memory
    does (their out-of-fold distances, what the threshold is calibrated on, stay close)."""
    from cookie_inspector.core.model import heads

    rng = np.random.default_rng(4)
    kinds = rng.standard_normal((30, 24)).astype(np.float32) * 4
    samples = kinds[rng.integers(0, 30, (40, 6, 6))] + rng.standard_normal((40, 6, 6, 24)).astype(np.float32)
    patches = samples.reshape(-1, 24)
    order = heads.greedy_coreset(patches, heads.memory_count(len(patches)), seed=1)
    assert (heads.greedy_coreset(patches, 10, seed=1) == order[:10]).all()  # a longer order begins the same
    held = np.arange(8, 16)
    memory, squares = heads.fold_memory(patches, order, 36, held, seed=1)
    rest = np.setdiff1d(np.arange(40), held)
    own, _ = heads.fit_memory(samples[rest], seed=1)
    assert len(memory) == len(own) == heads.memory_count(len(rest) * 36)
    assert np.allclose(squares, np.square(memory).sum(axis=1))
    held_patches = {row.tobytes() for row in samples[held].reshape(-1, 24)}
    assert not any(row.tobytes() in held_patches for row in memory)
    shared = heads.memory_distances({"weights": [memory, squares]}, samples[held])
    alone = heads.memory_distances({"weights": [own, np.square(own).sum(axis=1)]}, samples[held])
    assert abs(shared.mean() / alone.mean() - 1) < 0.1, (shared.mean(), alone.mean())
    started = heads.greedy_coreset(patches, 50, seed=1, start=order[:20], exclude=np.arange(36))
    assert (started[:20] == order[:20]).all() and not np.isin(started, np.arange(36)).any()
    assert len(set(started.tolist())) == 50


def test_defects_captured_as_good_samples_are_left_out_of_the_fit_and_named(tmp_path):
    import cv2

    from tests.imagegen import write_good_set

    folder = tmp_path / "good"
    write_good_set(folder, 44, seed=5, size=TEST_SIZE)
    rng = np.random.default_rng(9)
    for n, defect in enumerate(("burnt", "broken")):
        cv2.imwrite(str(folder / f"zz_defect_{n}.png"), defect_pair(rng, TEST_SIZE, defect)[1])
    bundle = train(folder, tmp_path / "model", TrainingConfig(size=TEST_SIZE, seed=1, holdout_fraction=0.1))
    trained_on = bundle.meta["trained_on"]
    defects = {"zz_defect_0.png", "zz_defect_1.png"} - set(trained_on["held_out_files"])
    assert defects, "both defects were held out: pick another seed"
    assert set(trained_on["left_out_files"]) == defects
    assert len(bundle.meta["training"]["left_out"]) == len(defects)


def test_too_few_samples_to_judge_any_of_them_leave_nothing_out(feature_bundle_dir: Path):
    meta = read_meta(feature_bundle_dir)
    assert meta["trained_on"]["training"] < 40 and meta["trained_on"]["left_out_files"] == []


def test_the_auto_head_records_its_choice_and_what_it_sees_and_scores_as_chosen(auto_bundle_dir: Path, capsys):
    from cookie_inspector.core.line.model_library import check_bundle
    from cookie_inspector.core.model.choice import CANDIDATES, describe, estimate_of

    meta = read_meta(auto_bundle_dir)
    assert meta["architecture"] == DEFAULT_ARCHITECTURE == "feature-auto"  # the default chooses
    choice = meta["training"]["choice"]
    assert len(choice["candidates"]) == len(CANDIDATES)
    names = [c["name"] for c in choice["candidates"]]
    best = max(choice["candidates"], key=lambda c: (c["rank"], c["auroc"]))
    assert choice["chosen"] == best["name"] in names
    estimate = estimate_of(meta)
    assert estimate is not None and estimate["defects"] == 70 and 0 <= estimate["caught"] <= 70
    assert sum(caught for caught, _ in estimate["by_kind"].values()) == estimate["caught"]
    assert describe(estimate).startswith(f"it catches {estimate['caught']} of 70 test defects")
    events = json.loads((auto_bundle_dir.parent / "events.json").read_text())
    kinds = [e["event"] for e in events]
    assert kinds.index("test_defects") < kinds.index("fold") < kinds.index("chosen") < kinds.index("calibrating")
    chosen = next(e for e in events if e["event"] == "chosen")
    assert chosen["model"] == choice["chosen"] and chosen["caught"] == estimate["caught"]
    # the model's own layers give the scores the choice computed in numpy: the loaded bundle passes the check
    # (its reference samples scored as at training) and its threshold comes from the chosen candidate's scores
    report = check_bundle(auto_bundle_dir)
    assert report.passed, report.reason
    assert meta["calibration"]["folds"] == 5 and len(meta["calibration"]["scores"]) == 30
    weights = meta["training"]["weights"]
    assert set(weights) <= {"gaussian", "memory"} and all(w > 0 for w in weights.values())
    # info says it to whoever looks at the bundle
    from cookie_inspector.cli import main

    assert main(["info", str(auto_bundle_dir)]) == 0
    out = capsys.readouterr().out
    assert f"chosen         {choice['chosen']} (of {len(CANDIDATES)} candidates" in out
    assert f"sees           {describe(estimate)}" in out


def test_the_auto_model_runs_the_same_with_litert_and_finds_planted_defects(auto_bundle_dir: Path):
    from cookie_inspector.core.model.litert import exported

    assert exported(auto_bundle_dir)
    bundle = load_bundle(auto_bundle_dir)
    litert, keras_run = Inspector(bundle, region="full"), Inspector(bundle, region="full", runtime="tensorflow")
    assert litert.runtime == "litert" and keras_run.runtime == "tensorflow"
    pairs = _pairs(4, "burnt")
    frames = [p[0] for p in pairs] + [p[1] for p in pairs]
    a, b = litert.inspect_batch(frames), keras_run.inspect_batch(frames)
    np.testing.assert_allclose([r.score for r in a], [r.score for r in b], rtol=1e-3)
    assert [r.verdict for r in a] == [r.verdict for r in b]
    assert sum(r.score for r in a[4:]) > sum(r.score for r in a[:4])


def test_the_shrunk_gaussian_holds_with_fewer_samples_than_channels():
    """20 samples of 96 channels: the plain covariance (a small ridge) calls every direction the samples did not
    span a defect, so a new good sample scores far above the training ones; shrunk, it scores like them."""
    from cookie_inspector.core.model import heads

    rng = np.random.default_rng(4)
    mixing = rng.standard_normal((8, 96)).astype(np.float32)  # the features live near an 8-dimensional subspace

    def draw(n):
        return (rng.standard_normal((n, 2, 2, 8)) @ mixing + 0.3 * rng.standard_normal((n, 2, 2, 96))).astype(
            np.float32
        )

    train_f, fresh = draw(20), draw(200)
    ratios = {}
    for shrink in (False, True):
        fitted = dict(zip(("channels", "weights"), heads.fit_gaussian(train_f, seed=0, shrink=shrink), strict=True))
        inside = heads.gaussian_distances(fitted, train_f).mean()
        outside = heads.gaussian_distances(fitted, fresh).mean()
        ratios[shrink] = outside / inside
    assert ratios[False] > 3 and ratios[True] < ratios[False] / 2
