"""The command line: real commands on real files, checking output and exit codes."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.cli import EXIT_CANCELLED, EXIT_INPUT, EXIT_MODEL, EXIT_NG, EXIT_OK, EXIT_USAGE, main
from cookie_inspector.core.resources import demo_model_dir
from tests.conftest import TEST_SIZE
from tests.imagegen import defect_pair, good_image, write_good_set


def test_train_with_json_progress_writes_a_bundle(tmp_path: Path, capsys):
    write_good_set(tmp_path / "good", 10, size=24)
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--arch", "pixel", "--size", "24",
                 "--epochs", "4", "--batch-size", "2", "--progress", "json", "--product", "ナット M4"])  # fmt: skip
    assert code == EXIT_OK
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["event"] for e in events] == ["start", "epoch", "epoch", "epoch", "epoch", "calibrating", "done"]
    assert (tmp_path / "m" / "model.keras").is_file()
    assert main(["info", str(tmp_path / "m")]) == EXIT_OK
    out = capsys.readouterr().out
    assert "architecture   pixel" in out and "product        ナット M4" in out  # the product's name, as typed
    assert main(["info", str(demo_model_dir())]) == EXIT_OK
    assert "product        unnamed" in capsys.readouterr().out  # a bundle that does not say


def test_the_default_model_is_fitted_on_features_with_its_progress_in_json(tmp_path: Path, capsys):
    from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE

    write_good_set(tmp_path / "good", 12, size=48)
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--size", "48", "--progress", "json"])
    assert code == EXIT_OK
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds[0] == "start" and events[0]["family"] == "features"
    assert events[0]["architecture"] == DEFAULT_ARCHITECTURE  # "default" is recorded as what it stands for
    samples = [e for e in events if e["event"] == "features" and "what" not in e]
    assert samples[-1]["done"] == 12
    # then the test images it chooses on: test defects made from the samples, the samples moved
    tests = [e for e in events if e["event"] == "features" and e.get("what") == "test images"]
    assert tests[-1]["done"] == tests[-1]["total"] == 12 + 70 + 12
    chosen = next(e for e in events if e["event"] == "chosen")
    assert chosen["defects"] == 70 and kinds.index("test_defects") < kinds.index("chosen")
    assert kinds[-3:] == ["calibrating", "exporting", "done"]  # saved with its LiteRT export, the line's runtime
    assert main(["info", str(tmp_path / "m")]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"architecture   {DEFAULT_ARCHITECTURE}" in out and "runs with      LiteRT (model.tflite)" in out
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "n"), "--size", "48", "--no-export"])
    assert code == EXIT_OK and not (tmp_path / "n" / "model.tflite").exists()
    capsys.readouterr()
    # the default chooses on out-of-fold scores: without folds it says so, and trains nothing
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "o"), "--size", "48", "--folds", "0"])
    assert code == EXIT_USAGE and "--folds 0 is for the other architectures" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_train_errors_have_exit_codes_and_json_messages(tmp_path: Path, capsys):
    write_good_set(tmp_path / "few", 3, size=24)
    code = main(["train", str(tmp_path / "few"), "--out", str(tmp_path / "m"), "--progress", "json"])
    assert code == EXIT_INPUT
    captured = capsys.readouterr()
    assert json.loads(captured.out.splitlines()[-1])["event"] == "error"
    assert "add 7 more" in captured.err
    assert main(["train", str(tmp_path / "few"), "--out", str(tmp_path / "m"), "--arch", "pixel", "--size", "25"]) == (
        EXIT_USAGE
    )
    assert "multiple of 12" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["train"])
    assert info.value.code == EXIT_USAGE
    with pytest.raises(SystemExit) as info:
        main(["inspect", "m", "x.png", "--roi", "1,2"])
    assert info.value.code == EXIT_USAGE
    assert "x,y,width,height" in capsys.readouterr().err


def test_inspect_prints_one_line_per_image_and_flags_ng(trained_bundle_dir: Path, tmp_path: Path, capsys):
    rng = np.random.default_rng(11)
    clean, burnt, _ = defect_pair(rng, TEST_SIZE)
    cv2.imwrite(str(tmp_path / "clean.png"), clean)
    cv2.imwrite(str(tmp_path / "burnt.png"), burnt)
    out = tmp_path / "overlays"
    assert main(["inspect", str(trained_bundle_dir), str(tmp_path / "clean.png"), "--out", str(out)]) == EXIT_OK
    source, score, norm, verdict = capsys.readouterr().out.strip().split("\t")
    assert source == str(tmp_path / "clean.png") and score.startswith("score ") and norm.startswith("norm ")
    assert verdict in ("OK", "WARN")
    code = main(["inspect", str(trained_bundle_dir), str(tmp_path), str(tmp_path / "clean.png"), "--out", str(out),
                 "--json"])  # fmt: skip
    assert code == EXIT_NG
    *records, summary = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {Path(r["source"]).name: r["verdict"] for r in records} == {"clean.png": "OK", "burnt.png": "NG"}
    assert summary == {"summary": {"inspected": 3, "ok": 2, "warn": 0, "ng": 1, "errors": 0, "warnings": 0,
                                   "exit_code": EXIT_NG}}  # fmt: skip
    assert all(r["normalized_score"] == pytest.approx(r["score"] / records[0]["score"] * records[0]["normalized_score"])
               for r in records)  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == ["burnt_overlay.png", "clean_2_overlay.png", "clean_overlay.png"]


def test_inspect_reads_a_video_frame_by_frame(trained_bundle_dir: Path, tmp_path: Path, capsys):
    video = tmp_path / "line.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10.0, (TEST_SIZE, TEST_SIZE))
    rng = np.random.default_rng(3)
    for _ in range(12):
        writer.write(good_image(rng, TEST_SIZE))
    writer.release()
    code = main(["inspect", str(trained_bundle_dir), str(video), "--out", str(tmp_path / "o"), "--every", "2"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [f"{video}#{i}" for i in range(0, 12, 2)]
    assert code in (EXIT_OK, EXIT_NG)
    written = cv2.VideoCapture(str(tmp_path / "o" / "line_overlay.mp4"))
    assert int(written.get(cv2.CAP_PROP_FRAME_COUNT)) == 6
    written.release()


def test_inspect_reports_bad_inputs_and_keeps_going(trained_bundle_dir: Path, tmp_path: Path, capsys):
    cv2.imwrite(str(tmp_path / "ok.png"), good_image(np.random.default_rng(0), TEST_SIZE))
    (tmp_path / "broken.png").write_bytes(b"nope")
    code = main(["inspect", str(trained_bundle_dir), str(tmp_path / "broken.png"), str(tmp_path / "ok.png"),
                 str(tmp_path / "missing.mp4")])  # fmt: skip
    captured = capsys.readouterr()
    assert code == EXIT_INPUT
    assert "ok.png" in captured.out
    assert "broken.png: not a readable image" in captured.err
    assert "missing.mp4: no such file" in captured.err


def test_model_problems_exit_4(tmp_path: Path, capsys):
    assert main(["inspect", str(tmp_path / "none"), str(tmp_path)]) == EXIT_MODEL
    assert "no such model bundle" in capsys.readouterr().err


def test_evaluate_prints_a_table_and_writes_json(trained_bundle_dir: Path, tmp_path: Path, capsys):
    from tests.core.judge.test_evaluation import _make_dataset

    _make_dataset(tmp_path / "set", "mvtec3d")
    code = main(["evaluate", str(trained_bundle_dir), str(tmp_path / "set"), "--json", str(tmp_path / "r.json")])
    assert code == EXIT_OK
    assert "image AUROC" in capsys.readouterr().out
    results = json.loads((tmp_path / "r.json").read_text())
    assert {"image_auroc", "pixel_auroc", "false_alarm_rate", "detection_rate", "images"} <= set(results)
    assert main(["evaluate", str(trained_bundle_dir), str(tmp_path / "nowhere")]) == EXIT_INPUT


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cookie_inspector", *args], capture_output=True, text=True,
                          timeout=120, **kwargs)  # fmt: skip


def test_module_entry_point_help_and_corrupt_bundle_without_traceback(trained_bundle_dir: Path, tmp_path: Path):
    for command in ([], ["train"], ["inspect"], ["evaluate"], ["info"]):
        result = _run(*command, "--help")
        assert result.returncode == 0 and "usage: cookie-inspector" in result.stdout
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("meta.json", "model.keras"):
        (broken / name).write_bytes((trained_bundle_dir / name).read_bytes())
    (broken / "model.keras").write_bytes(b"PK\x03\x04 damaged")
    result = _run("inspect", str(broken), str(tmp_path))
    assert result.returncode == EXIT_MODEL
    assert "model.keras: damaged or not a Keras model" in result.stderr
    assert "Traceback" not in result.stderr


def test_sigterm_cancels_training_cleanly(tmp_path: Path):
    write_good_set(tmp_path / "good", 12, size=24)
    process = subprocess.Popen(
        [sys.executable, "-m", "cookie_inspector", "train", str(tmp_path / "good"), "--out", str(tmp_path / "m"),
         "--arch", "pixel", "--size", "24", "--epochs", "100000", "--progress", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    for line in process.stdout:
        if json.loads(line)["event"] == "epoch":
            process.terminate()
            break
    out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_CANCELLED
    assert json.loads(out.splitlines()[-1])["event"] == "cancelled"
    assert "Traceback" not in err
    assert not (tmp_path / "m").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["good"]


def test_demo_data_writes_a_set_and_a_contact_sheet(tmp_path: Path, capsys):
    out, sheet = tmp_path / "demo", tmp_path / "sheet.png"
    args = ["demo-data", str(out), "--train", "2", "--test-good", "1", "--test-defect", "5", "--seed", "3"]
    assert main([*args, "--contact-sheet", str(sheet), "--severity", "0.5,0.9"]) == EXIT_OK
    assert "wrote" in capsys.readouterr().out
    assert len(list((out / "train" / "good").iterdir())) == 2
    assert {p.name for p in (out / "test").iterdir()} == {"good", "crack", "chip", "broken", "burnt", "foreign"}
    assert cv2.imread(str(sheet)).shape[0] > 100
    summary = json.loads((out / "demo_data.json").read_text())
    assert all(0.5 <= s <= 0.9 for s in summary["severity"].values())


def test_demo_data_never_writes_into_a_foreign_folder(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("keep me")
    assert main(["demo-data", str(tmp_path), "--train", "1", "--test-good", "0", "--test-defect", "0"]) == EXIT_INPUT
    assert "not a demo data set" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "keep me"
    with pytest.raises(SystemExit) as info:
        main(["demo-data", str(tmp_path / "x"), "--defects", "crack=1,mould=1"])
    assert info.value.code == EXIT_USAGE


def test_evaluate_without_a_model_uses_the_shipped_demo_model(tmp_path: Path, capsys):
    out = tmp_path / "demo"
    assert main(["demo-data", str(out), "--train", "0", "--test-good", "3", "--test-defect", "5", "--seed", "9"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(out)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "demo_model" in printed and "image AUROC" in printed


def test_run_headless_on_the_demo_line_prints_a_line_per_part_and_logs_them(tmp_path: Path, capsys):
    code = main(["run", "--headless", "--fast", "--parts", "3", "--data-dir", str(tmp_path / "data"),
                 "--json", str(tmp_path / "run.json"), "--picture-budget-gb", "0.000001"])  # fmt: skip
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["part"] for p in lines] == [1, 2, 3]
    assert [p["truth"]["part"] for p in lines] == [0, 1, 2]  # the demo line's own numbering, from 0
    assert all(p["frames"] == 8 and p["verdict"] in ("OK", "WARN", "NG") for p in lines)
    assert code == (EXIT_NG if any(p["verdict"] == "NG" for p in lines) else EXIT_OK)
    summary = json.loads((tmp_path / "run.json").read_text())
    assert summary["parts"] == 3 and summary["frames_dropped"] == 0
    assert summary["log"] == str(tmp_path / "data" / "inspections.sqlite3")
    assert (tmp_path / "data" / "inspections.sqlite3").is_file()
    # the first part's pictures (the best OK of its minutes, or an NG part's) took more than the 1 kB budget:
    # thinned at once, the row stays and says why
    kept = list((tmp_path / "data").rglob("*.png"))
    assert not kept and sqlite3.connect(summary["log"]).execute(
        "SELECT COUNT(*) FROM parts WHERE note LIKE '%disk budget%'").fetchone()[0] >= 1  # fmt: skip


def test_run_headless_on_a_photo_folder_gives_each_photo_a_verdict(tmp_path: Path, capsys):
    from cookie_inspector.synth.dataset import write_dataset
    from cookie_inspector.synth.parts import DefectMix

    demo = tmp_path / "demo"
    write_dataset(demo, seed=6, train=0, test_good=1, test_defect=1, mix=DefectMix({"burnt": 1}, severity=(1, 1)))
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a_good.png").write_bytes(next((demo / "test" / "good").iterdir()).read_bytes())
    (folder / "b_burnt.png").write_bytes(next((demo / "test" / "burnt").iterdir()).read_bytes())
    (folder / "c_broken_file.png").write_bytes(b"not a png")
    code = main(["run", "--headless", "--fast", "--source", str(folder), "--no-log"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [p["photo"] for p in out] == ["a_good.png", "b_burnt.png"]
    assert [p["verdict"] for p in out] == ["OK", "NG"] and code == EXIT_NG


def test_without_arguments_the_window_watches_the_demo_line_with_the_shipped_model(tmp_path: Path):
    """``cookie-inspector`` alone, as a user starts it: after a few seconds the log holds judged demo parts, and a
    SIGTERM closes the window cleanly (exit 0, settings written)."""
    import os
    import signal
    import sqlite3
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COOKIE_INSPECTOR_DATA": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}  # fmt: skip
    process = subprocess.Popen([sys.executable, "-m", "cookie_inspector"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    log = tmp_path / "data" / "inspections.sqlite3"
    try:
        deadline = time.monotonic() + 90
        rows: list = []
        while time.monotonic() < deadline and len(rows) < 2 and process.poll() is None:
            time.sleep(0.5)
            if log.exists():
                try:
                    rows = sqlite3.connect(log).execute("SELECT part, model, source FROM parts").fetchall()
                except sqlite3.OperationalError:  # the file is there, its tables not yet (or locked a moment)
                    rows = []
        assert len(rows) >= 2, process.stdout.read() if process.poll() is not None else "no parts logged in 90 s"
        assert rows[0][1] == "demo_model" and rows[0][2].startswith("demo line")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    settings = list((tmp_path / "config").rglob("*.conf"))
    assert settings and "source=demo" in settings[0].read_text()


def test_run_with_a_missing_source_says_why(tmp_path: Path, capsys):
    assert main(["run", "--headless", "--source", str(tmp_path / "nothing.avi")]) == EXIT_INPUT
    assert "no such camera, file, folder or stream" in capsys.readouterr().err


def test_without_a_display_the_window_explains_instead_of_crashing(tmp_path: Path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "cookie_inspector"], env={**env, "HOME": str(tmp_path)},
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == EXIT_USAGE
    assert "no display to open the window on" in done.stderr and "run --headless" in done.stderr


def test_cameras_says_when_there_is_none(capsys):
    """This machine has no camera: the command says so with exit code 3 (with one it prints its index)."""
    from cookie_inspector.core.frames.capture import list_cameras

    expected = list_cameras(2)
    code = main(["cameras", "--max", "2"])
    out, err = capsys.readouterr()
    assert [int(line) for line in out.split()] == expected
    assert code == (EXIT_OK if expected else EXIT_INPUT)
    assert expected or "no camera answered on indices 0-1" in err


def test_info_checks_the_bundle_as_loading_does(tmp_path: Path, capsys, trained_bundle_dir, feature_bundle_dir):
    import shutil

    from cookie_inspector.cli import EXIT_MODEL

    truncated = tmp_path / "truncated"
    shutil.copytree(trained_bundle_dir, truncated)
    data = (truncated / "model.keras").read_bytes()
    (truncated / "model.keras").write_bytes(data[: len(data) // 2])
    assert main(["info", str(truncated)]) == EXIT_MODEL
    err = capsys.readouterr().err
    assert "model.keras: damaged or not a Keras model" in err and "not found" not in err.lower()
    swapped = tmp_path / "swapped"  # the pixel network's meta.json with a feature model's model.keras
    shutil.copytree(trained_bundle_dir, swapped)
    shutil.copy(feature_bundle_dir / "model.keras", swapped / "model.keras")
    assert main(["info", str(swapped)]) == EXIT_MODEL
    assert "swapped" in capsys.readouterr().err
    assert main(["info", str(trained_bundle_dir)]) == 0


def test_on_a_full_disk_every_part_is_still_logged_and_it_is_said_once(tmp_path: Path, capsys, monkeypatch):
    from cookie_inspector.core.line import records
    from cookie_inspector.core.line.records import InspectionLog

    monkeypatch.setattr(records, "IMAGE_RESERVE_BYTES", 2**62)  # as if the data folder's disk were full
    code = main(["run", "--headless", "--fast", "--parts", "3", "--threshold", "1e-6", "--data-dir",
                 str(tmp_path / "data")])  # fmt: skip
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert code == EXIT_NG and len(lines) == 3 and all(line["verdict"] == "NG" for line in lines)
    assert all("NG pictures are not saved" in line["images_missing"] for line in lines)
    assert err.count("NG pictures are not saved") == 1  # once, not per part
    rows = InspectionLog(tmp_path / "data").recent()
    assert len(rows) == 3 and all(row.note for row in rows)


def test_on_a_real_full_disk_every_part_is_logged(small_disk: Path, trained_bundle_dir: Path, capsys):
    """A 3 MB data folder: below the free-space reserve no NG picture is saved, so every row fits."""
    from cookie_inspector.core.line.records import InspectionLog

    photos = write_good_set(small_disk.parent / "photos", 8)[0].parent  # each photo a part, every one NG below
    code = main(["run", "--headless", "--fast", "--source", str(photos), "--model", str(trained_bundle_dir),
                 "--threshold", "1e-6", "--data-dir", str(small_disk)])  # fmt: skip
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert code == EXIT_NG and len(lines) == 8
    assert err.count("NG pictures are not saved") == 1 and "MB free" in err
    rows = InspectionLog(small_disk).recent()
    assert len(rows) == 8 and all(row.verdict == "NG" and row.note and row.original is None for row in rows)


def test_training_onto_a_full_disk_names_the_folder_and_says_no_model_was_written(small_disk: Path, capsys):
    write_good_set(small_disk.parent / "good", 12, size=48)
    out = small_disk / "model"
    code = main(["train", str(small_disk.parent / "good"), "--out", str(out), "--size", "48"])
    err = capsys.readouterr().err
    assert code == EXIT_INPUT
    assert f"{out}: cannot write the model bundle (No space left on device); no model was written" in err
    assert list(small_disk.iterdir()) == []  # nothing half-written left behind


def _err_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("cookie-inspector: ")]


def test_every_bad_file_is_named_and_the_closing_count_matches_the_lines(trained_bundle_dir: Path, tmp_path: Path,
                                                                        capsys):  # fmt: skip
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(10):
        cv2.imwrite(str(folder / f"tiny{i}.png"), np.zeros((1, 1, 3), np.uint8))
    cv2.imwrite(str(folder / "ok.png"), good_image(np.random.default_rng(0), TEST_SIZE))
    os.symlink("nowhere.png", folder / "dangling.png")
    os.symlink("loop_b.png", folder / "loop_a.png")
    os.symlink("loop_a.png", folder / "loop_b.png")
    (folder / "album.png").mkdir()
    code = main(["inspect", str(trained_bundle_dir), str(folder), str(tmp_path / "gone.png")])
    out, err = capsys.readouterr()
    lines = _err_lines(err)
    for i in range(10):  # one line each, naming its file, and not a region that "lies outside" the picture
        assert (
            f"cookie-inspector: {folder / f'tiny{i}.png'}: the image is only 1x1 pixels: too small to inspect"
            in (lines)[i + 4]
        )
    assert not any("lies outside" in line for line in lines)
    assert lines[:4] == [
        f"cookie-inspector: {folder / 'album.png'}: skipped: a folder, not an image or video file",
        f"cookie-inspector: {folder / 'dangling.png'}: skipped: a broken link (it points to nowhere.png, which does "
        "not exist)",
        f"cookie-inspector: {folder / 'loop_a.png'}: skipped: a link loop (the link leads back to itself)",
        f"cookie-inspector: {folder / 'loop_b.png'}: skipped: a link loop (the link leads back to itself)",
    ]
    assert lines[14] == f"cookie-inspector: {tmp_path / 'gone.png'}: no such file"
    assert lines[-1] == "cookie-inspector: 15 input(s) could not be inspected; 1 inspected, 0 NG"
    assert len(lines) == 16 and out.count("\n") == 1 and "ok.png" in out
    assert code == EXIT_INPUT


def test_training_reports_links_and_folders_it_cannot_read(tmp_path: Path, capsys):
    import os

    write_good_set(tmp_path / "good", 10, size=24)
    os.symlink("nowhere.png", tmp_path / "good" / "dangling.png")
    os.symlink("loop.png", tmp_path / "good" / "loop.png")
    (tmp_path / "good" / "extra.png").mkdir()
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--arch", "pixel", "--size", "24",
                 "--epochs", "4", "--batch-size", "2", "--progress", "json"])  # fmt: skip
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    skipped = {Path(e["file"]).name: e["reason"] for e in events if e["event"] == "skipped"}
    assert skipped == {"dangling.png": "a broken link (it points to nowhere.png, which does not exist)",
                       "extra.png": "a folder, not an image or video file",
                       "loop.png": "a link loop (the link leads back to itself)"}  # fmt: skip
    start = next(e for e in events if e["event"] == "start")
    assert start["skipped"] == 3 and start["samples"] == 10 and code == EXIT_OK


def test_ng_wins_over_unreadable_files_and_json_carries_both_counts(trained_bundle_dir: Path, tmp_path: Path,
                                                                   capsys):  # fmt: skip
    rng = np.random.default_rng(11)
    for i in range(3):
        _, burnt, _ = defect_pair(rng, TEST_SIZE)
        cv2.imwrite(str(tmp_path / f"burnt{i}.png"), burnt)
    (tmp_path / "broken.png").write_bytes(b"nope")
    (tmp_path / "empty.png").write_bytes(b"")
    code = main(["inspect", str(trained_bundle_dir), str(tmp_path), "--json"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == EXIT_NG  # a defect found is never hidden behind an unreadable file
    assert records[-1]["summary"] == {"inspected": 3, "ok": 0, "warn": 0, "ng": 3, "errors": 2, "warnings": 0,
                                      "exit_code": EXIT_NG}  # fmt: skip
    assert {Path(r["source"]).name: r["error"] for r in records if "error" in r} == {
        "broken.png": "not a readable image", "empty.png": "empty file (0 bytes)"}  # fmt: skip
    assert _err_lines(err)[-1] == "cookie-inspector: 2 input(s) could not be inspected; 3 inspected, 3 NG"
    assert main(["inspect", str(trained_bundle_dir), str(tmp_path / "broken.png"), str(tmp_path / "burnt0.png")]) == (
        EXIT_NG
    )
    clean = tmp_path / "clean"
    clean.mkdir()
    cv2.imwrite(str(clean / "clean.png"), good_image(rng, TEST_SIZE))
    (clean / "broken.png").write_bytes(b"nope")
    assert main(["inspect", str(trained_bundle_dir), str(clean)]) == EXIT_INPUT  # no NG: the error decides


def test_a_training_too_short_to_follow_its_input_says_so(tmp_path: Path, capsys):
    write_good_set(tmp_path / "good", 10, size=24)
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--arch", "pixel", "--size", "24",
                 "--epochs", "1"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == EXIT_INPUT and not (tmp_path / "m").exists()
    assert "too few training steps for this network: 8 training images x 1 epoch(s) at batch 8 are 1 steps" in err
    assert "Train for --epochs 150 or more" in err and "learning-rate" not in err


def test_a_model_trained_on_a_region_inspects_that_region_by_default(tmp_path: Path, capsys):
    rng = np.random.default_rng(5)
    (tmp_path / "good").mkdir()
    for i in range(12):  # a 24 px cookie in the middle of a 48 px frame with a noisy border
        frame = rng.integers(0, 255, (48, 48, 3), dtype=np.uint8)
        frame[12:36, 12:36] = cv2.resize(good_image(rng, 96), (24, 24))
        cv2.imwrite(str(tmp_path / "good" / f"{i}.png"), frame)
    assert main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--arch", "pixel", "--size", "24",
                 "--epochs", "30", "--batch-size", "2", "--roi", "12,12,24,24"]) == EXIT_OK  # fmt: skip
    assert json.loads((tmp_path / "m" / "meta.json").read_text())["preprocessing"]["roi"] == [12, 12, 24, 24]
    capsys.readouterr()
    assert main(["info", str(tmp_path / "m")]) == EXIT_OK
    assert "trained on     region 12,12,24,24, colour pictures" in capsys.readouterr().out
    part = str(tmp_path / "good" / "0.png")

    def score(*extra: str) -> float:
        main(["inspect", str(tmp_path / "m"), part, "--json", *extra])
        return json.loads(capsys.readouterr().out.splitlines()[0])["score"]

    assert score() == score("--roi", "12,12,24,24") != score("--roi", "0,0,48,48")


def test_colour_and_shape_mismatches_are_warned_and_a_grey_model_sees_colour_as_grey(tmp_path: Path, capsys):
    rng = np.random.default_rng(2)
    (tmp_path / "grey").mkdir()
    for i in range(12):
        cv2.imwrite(str(tmp_path / "grey" / f"{i}.png"), cv2.cvtColor(good_image(rng, 48), cv2.COLOR_BGR2GRAY))
    assert main(["train", str(tmp_path / "grey"), "--out", str(tmp_path / "g"), "--size", "48"]) == EXIT_OK
    assert json.loads((tmp_path / "g" / "meta.json").read_text())["preprocessing"]["color"] == "grey"
    capsys.readouterr()
    assert main(["info", str(tmp_path / "g")]) == EXIT_OK
    assert "trained on     whole images, grey pictures" in capsys.readouterr().out
    colour = good_image(rng, 48)
    cv2.imwrite(str(tmp_path / "colour.png"), colour)
    cv2.imwrite(str(tmp_path / "as_grey.png"), cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY))
    cv2.imwrite(str(tmp_path / "strip.png"), np.full((10, 400, 3), 128, np.uint8))
    capsys.readouterr()
    main(["inspect", str(tmp_path / "g"), str(tmp_path / "colour.png"), str(tmp_path / "as_grey.png"), "--json"])
    first, second, _ = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["score"] == pytest.approx(second["score"], rel=1e-3)  # colour is taken as grey, not as a defect
    assert "warnings" not in first
    colour_model = tmp_path / "c"
    write_good_set(tmp_path / "colour_set", 12, size=48)
    assert main(["train", str(tmp_path / "colour_set"), "--out", str(colour_model), "--size", "48"]) == EXIT_OK
    capsys.readouterr()
    main(["inspect", str(colour_model), str(tmp_path / "as_grey.png"), str(tmp_path / "strip.png")])
    err = capsys.readouterr().err
    assert (f"warning: {tmp_path / 'as_grey.png'}: a grey picture, but the model was trained on colour ones: its "
            "verdict is unreliable") in err  # fmt: skip
    assert (f"warning: {tmp_path / 'strip.png'}: the region inspected is 400x10 pixels, squashed into the model's "
            "48x48 square") in err  # fmt: skip


def test_training_warns_of_squashed_and_mixed_grey_images(tmp_path: Path, capsys):
    write_good_set(tmp_path / "good", 12, size=48)
    cv2.imwrite(str(tmp_path / "good" / "long.png"), np.full((20, 200, 3), 128, np.uint8))
    cv2.imwrite(str(tmp_path / "good" / "grey.png"), np.full((48, 48), 128, np.uint8))
    code = main(["train", str(tmp_path / "good"), "--out", str(tmp_path / "m"), "--size", "48", "--progress",
                 "json"])  # fmt: skip
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    warnings = {Path(e["file"]).name: e["message"] for e in events if e["event"] == "warning"}
    assert code == EXIT_OK
    assert warnings["long.png"].startswith("200x20 pixels, squashed into a 48x48 square")
    assert warnings["good"].startswith("2 of 14 images are grey, the others in colour (grey: grey.png, long.png)")
    assert json.loads((tmp_path / "m" / "meta.json").read_text())["preprocessing"]["color"] == "RGB"


def test_a_folder_is_a_line_each_photo_judged_once_per_data_folder(tmp_path: Path, capsys):
    """``run`` on the same data folder goes on with the photos not yet judged; ``--from-start`` replays them (a run
    the log marks as a replay); ``--watch`` judges photos written while it runs."""
    import shutil
    import sqlite3
    import threading
    import time

    from cookie_inspector.synth.dataset import write_dataset

    write_dataset(tmp_path / "set", seed=8, train=7, test_good=0, test_defect=0)
    photos = sorted((tmp_path / "set" / "train" / "good").iterdir())
    folder, data = tmp_path / "line", tmp_path / "data"
    folder.mkdir()
    for photo in photos[:3]:
        shutil.copy2(photo, folder)

    def run(*extra: str) -> tuple[list[dict], str]:
        code = main(["run", "--headless", "--fast", "--source", str(folder), "--data-dir", str(data), *extra])
        captured = capsys.readouterr()
        assert code in (EXIT_OK, EXIT_NG), captured.err
        return [json.loads(line) for line in captured.out.splitlines()], captured.err

    first, _ = run()
    assert [p["photo"] for p in first] == [p.name for p in photos[:3]]
    for photo in photos[3:5]:
        shutil.copy2(photo, folder)
    second, _ = run()  # a restart: only the two new photos
    assert [p["photo"] for p in second] == [p.name for p in photos[3:5]]
    third, err = run()
    assert third == [] and "all 5 photos were judged before" in err
    replay, _ = run("--from-start")
    assert [p["photo"] for p in replay] == [p.name for p in photos[:5]]

    def camera_program() -> None:  # writes two more photos while the line watches
        time.sleep(1.5)
        for photo in photos[5:7]:
            shutil.copy2(photo, folder)
            time.sleep(0.3)

    writer = threading.Thread(target=camera_program)
    writer.start()
    watched, err = run("--watch", "--parts", "2")
    writer.join()
    assert [p["photo"] for p in watched] == [p.name for p in photos[5:7]]
    assert "waiting for new photos (5 judged)" in err
    with sqlite3.connect(data / "inspections.sqlite3") as db:
        kinds = [row[0] for row in db.execute("SELECT kind FROM runs ORDER BY started, rowid")]
        photo_rows = db.execute("SELECT COUNT(*), COUNT(DISTINCT name) FROM photos").fetchone()
        logged = db.execute("SELECT COUNT(*) FROM parts WHERE photo IS NOT NULL").fetchone()[0]
    assert kinds == [None, None, None, "replay", None]
    assert photo_rows == (7, 7) and logged == 3 + 2 + 5 + 2


def test_the_runtimes_own_log_lines_stay_off_the_operators_messages(tmp_path: Path):
    """LiteRT's "INFO: Created TensorFlow Lite XNNPACK delegate" is not among what a headless line says on stderr
    (COOKIE_INSPECTOR_DEBUG=1 keeps it)."""
    import os

    write_good_set(tmp_path / "photos", 1, size=64)
    command = [sys.executable, "-m", "cookie_inspector", "run", "--headless", "--fast", "--no-log", "--source",
               str(tmp_path / "photos")]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("COOKIE_INSPECTOR_DEBUG", "TF_CPP_MIN_LOG_LEVEL")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode in (EXIT_OK, EXIT_NG), done.stderr
    assert len(done.stdout.splitlines()) == 1 and "1 parts" in done.stderr and "XNNPACK" not in done.stderr
    debug = subprocess.run(command, capture_output=True, text=True, timeout=300,
                           env={**env, "COOKIE_INSPECTOR_DEBUG": "1"})  # fmt: skip
    assert "XNNPACK" in debug.stderr
