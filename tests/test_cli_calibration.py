"""The operating point as ``run --headless`` meets it: a real model, real photos, the line's own calibration."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.cli import main
from tests.conftest import TEST_SIZE
from tests.imagegen import defect_pair, good_image

SKIP = 40
"""Parts at the start that the rates leave out: the line is calibrating."""


def drifted(image: np.ndarray) -> np.ndarray:
    """The same cookie at another station: 10% more light and a softer focus."""
    return np.clip(cv2.GaussianBlur(image.astype(np.float32) * 1.1, (0, 0), 0.65), 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def drifted_lines(tmp_path_factory) -> tuple[Path, Path]:
    """(200 good parts at the other station; the same line with 15% defective parts shuffled in)."""
    root = tmp_path_factory.mktemp("line")
    good, mixed = root / "good", root / "mixed"
    good.mkdir()
    mixed.mkdir()
    rng = np.random.default_rng(7)
    pictures = [drifted(good_image(rng, TEST_SIZE)) for _ in range(200)]
    for i, picture in enumerate(pictures):
        cv2.imwrite(str(good / f"{i:04d}_good.png"), picture)
    bad = set(rng.choice(200, size=30, replace=False).tolist())
    for i, picture in enumerate(pictures):
        if i in bad:
            defect = ("burnt", "chip", "broken")[i % 3]
            picture = drifted(defect_pair(rng, TEST_SIZE, defect, 1.0)[1])
            cv2.imwrite(str(mixed / f"{i:04d}_{defect}.png"), picture)
        else:
            cv2.imwrite(str(mixed / f"{i:04d}_good.png"), picture)
    return good, mixed


def run_line(source: Path, model: Path, data: Path | None, capsys, *extra: str) -> tuple[list[dict], dict]:
    summary_file = source.parent / f"summary-{source.name}.json"
    where = ["--data-dir", str(data)] if data is not None else ["--no-log"]
    code = main(["run", "--headless", "--fast", "--source", str(source), "--model", str(model), *where,
                 "--json", str(summary_file), *extra])  # fmt: skip
    assert code in (0, 1)
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    return lines, json.loads(summary_file.read_text())


def rates(parts: list[dict]) -> tuple[float, float]:
    """(NG share, WARN share) of the good parts after the first :data:`SKIP`."""
    good = [p for p in parts[SKIP:] if p["photo"].endswith("_good.png")]
    return (sum(p["verdict"] == "NG" for p in good) / len(good), sum(p["verdict"] == "WARN" for p in good) / len(good))


def test_at_another_station_the_line_calibrates_where_the_samples_threshold_alarms(
    feature_bundle_dir: Path, drifted_lines, tmp_path: Path, capsys
):
    good, mixed = drifted_lines
    samples_only, summary = run_line(good, feature_bundle_dir, None, capsys, "--line-calibration", "off")
    assert summary["calibration"]["state"] == "off"
    assert rates(samples_only)[0] > 0.10  # the samples' threshold: good parts alarm all shift long

    parts, summary = run_line(good, feature_bundle_dir, tmp_path / "data", capsys)
    false_alarms, warn = rates(parts)
    assert false_alarms <= 0.02 and warn <= 0.10
    calibration = summary["calibration"]
    assert calibration["state"] == "calibrated" and calibration["parts"] == 200 and calibration["using"] == "line"
    assert parts[0]["threshold_from"] == "conservative 0/200" and parts[-1]["threshold_from"].startswith("line")
    assert parts[0]["threshold"] == pytest.approx(1.5 * summary["calibration"]["samples_threshold"], rel=1e-4)
    assert Path(calibration["file"]).is_file()
    import sqlite3

    with sqlite3.connect(Path(summary["log"])) as db:  # the log says where each part's threshold came from
        logged = [row[0] for row in db.execute("SELECT threshold_from FROM parts ORDER BY id")]
    assert logged[0] == "conservative 0/200" and logged[-1].startswith("line")

    # 15% defective parts among them: the threshold hardly moves and stays below them
    parts_mixed, summary_mixed = run_line(mixed, feature_bundle_dir, tmp_path / "data-mixed", capsys)
    threshold = summary_mixed["calibration"]["threshold"]
    assert threshold == pytest.approx(calibration["threshold"], rel=0.15)
    defective = [p for p in parts_mixed[SKIP:] if not p["photo"].endswith("_good.png")]
    assert sum(p["verdict"] == "NG" for p in defective) >= 0.8 * len(defective)
    assert rates(parts_mixed)[0] <= 0.03


def test_the_line_calibration_goes_on_after_a_restart_and_starts_again_when_asked(
    feature_bundle_dir: Path, drifted_lines, tmp_path: Path, capsys
):
    good, _ = drifted_lines
    data = tmp_path / "data"
    run_line(good, feature_bundle_dir, data, capsys, "--parts", "60")
    parts, summary = run_line(good, feature_bundle_dir, data, capsys, "--parts", "10")
    assert parts[0]["threshold_from"] == "line 60/200"  # where the last run left it, not the conservative start
    assert summary["calibration"]["parts"] == 70
    parts, summary = run_line(good, feature_bundle_dir, data, capsys, "--parts", "5", "--recalibrate")
    assert parts[0]["threshold_from"] == "conservative 0/200" and summary["calibration"]["parts"] == 5


def test_a_model_trained_on_whole_photos_that_are_not_square_judges_whole_photos(tmp_path: Path, capsys):
    """Photographed 2:1 (two cookies side by side): the line looks at the whole photo, as training did, and gives
    the same scores as inspect."""
    rng = np.random.default_rng(11)
    samples, line = tmp_path / "samples", tmp_path / "line"
    samples.mkdir()
    line.mkdir()
    for i in range(24):
        pair = np.concatenate([good_image(rng, TEST_SIZE), good_image(rng, TEST_SIZE)], axis=1)
        cv2.imwrite(str((samples if i < 16 else line) / f"{i:03d}.png"), pair)
    model = tmp_path / "model"
    assert main(["train", str(samples), "--out", str(model), "--size", str(TEST_SIZE)]) == 0
    meta = json.loads((model / "meta.json").read_text())
    assert meta["trained_on"]["image_size"] == [2 * TEST_SIZE, TEST_SIZE]
    capsys.readouterr()
    assert main(["inspect", str(model), str(line), "--json"]) in (0, 1)
    inspected = {Path(e["source"]).name: e["score"] for e in map(json.loads, capsys.readouterr().out.splitlines())
                 if "score" in e}  # fmt: skip
    parts, summary = run_line(line, model, None, capsys, "--line-calibration", "off")
    assert len(parts) == 8
    for part in parts:
        assert part["score"] == pytest.approx(inspected[part["photo"]], rel=1e-3)
    assert sum(p["verdict"] == "NG" for p in parts) <= 1


def test_a_model_trained_on_photos_of_many_shapes_judges_each_photo_whole(tmp_path: Path, capsys):
    """Photos from 1:2 to 2:1 (tiles of many sizes): no box of their median shape would fit them, so the line takes
    each photo whole, as training did, and gives the same scores as inspect."""
    rng = np.random.default_rng(12)
    samples, line = tmp_path / "samples", tmp_path / "line"
    samples.mkdir()
    line.mkdir()
    shapes = [(1, 2), (1, 1), (2, 1)]
    for i in range(24):
        across, down = shapes[i % 3]
        rows = [np.concatenate([good_image(rng, TEST_SIZE) for _ in range(across)], axis=1) for _ in range(down)]
        cv2.imwrite(str((samples if i < 18 else line) / f"{i:03d}.png"), np.concatenate(rows, axis=0))
    model = tmp_path / "model"
    assert main(["train", str(samples), "--out", str(model), "--size", str(TEST_SIZE)]) == 0
    assert json.loads((model / "meta.json").read_text())["trained_on"]["shapes_vary"] is True
    capsys.readouterr()
    assert main(["inspect", str(model), str(line), "--json"]) in (0, 1)
    inspected = {Path(e["source"]).name: e["score"] for e in map(json.loads, capsys.readouterr().out.splitlines())
                 if "score" in e}  # fmt: skip
    parts, _ = run_line(line, model, None, capsys, "--line-calibration", "off")
    assert len(parts) == 6
    for part in parts:
        assert part["score"] == pytest.approx(inspected[part["photo"]], rel=1e-3)
