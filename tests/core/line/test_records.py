"""The inspection log is a real SQLite file: every part a row, NG parts with their pictures, nothing lost on a kill."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.judge.inspector import InspectionResult, Verdict
from cookie_inspector.core.line.live import PartVerdict
from cookie_inspector.core.line.records import LOG_NAME, InspectionLog, RecordError
from cookie_inspector.synth.line import PartTruth


def _verdict(number: int, score: float, truth=None, ended: float = 1_800_000_001.0, roi=None) -> PartVerdict:
    """A part judged OK below 0.8, WARN from 0.8, NG from 1.0 (the threshold)."""
    image = np.full((30, 30, 3), 0.5, np.float32)
    error = np.zeros((30, 30), np.float32)
    error[10:20, 10:20] = score
    result = InspectionResult(image, image, error, score, 1.0, 0.8, roi)
    verdict = Verdict.NG if score >= 1.0 else Verdict.WARN if score >= 0.8 else Verdict.OK
    frame = np.full((40, 60, 3), 128, np.uint8)
    return PartVerdict(number, verdict, score, 1.0, 0.8, 12, 100, 111, ended - 1.0, ended, "demo_model", result,
                       frame, truth)  # fmt: skip


def test_every_part_is_a_row_and_ng_parts_keep_their_images(tmp_path: Path):
    log = InspectionLog(tmp_path / "data")
    truth = PartTruth(7, "burnt", 0.9, "resting", (1, 2, 3, 4))
    ok = log.record(_verdict(1, 0.4), "camera 0")
    ng = log.record(_verdict(2, 1.7, truth), "camera 0")
    assert ok.verdict == "OK" and ok.kept == "best" and ok.original.startswith("pictures/")  # the first of its minutes
    assert ng.verdict == "NG" and ng.original.startswith("ng/") and ng.overlay and ng.kept == "ng"
    assert read_image(tmp_path / "data" / ng.thumb).shape == (30, 30, 3)  # small already: never enlarged
    original = read_image(tmp_path / "data" / ng.original)
    overlay = read_image(tmp_path / "data" / ng.overlay)
    assert original.shape == (40, 60, 3) and overlay.shape == (30, 30, 3)
    assert (overlay[15, 15] == [0, 0, 255]).all() or overlay[15, 15, 2] > 200  # the hot square is painted red
    assert log.counts() == {"OK": 1, "NG": 1}
    newest = log.recent(1)[0]
    assert newest.part == 2 and newest.truth["label"] == "burnt" and newest.source == "camera 0"
    log.close()
    rows = sqlite3.connect(tmp_path / "data" / LOG_NAME).execute("SELECT part, verdict, model FROM parts").fetchall()
    assert rows == [(1, "OK", "demo_model"), (2, "NG", "demo_model")]


def test_a_killed_writer_loses_nothing_it_had_logged(tmp_path: Path):
    """A child process logs 5 parts and is killed with SIGKILL while holding the log open: all 5 rows survive."""
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(Path(__file__).parents[2])!r})
from tests.core.line.test_records import _verdict
from cookie_inspector.core.line.records import InspectionLog
log = InspectionLog({str(tmp_path)!r})
for n in range(1, 6):
    log.record(_verdict(n, 0.3), "demo")
print("logged", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9 and "logged" in done.stdout, done.stderr
    rows = sqlite3.connect(tmp_path / LOG_NAME).execute("SELECT part FROM parts ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]


def test_a_damaged_log_or_a_file_in_the_way_is_a_clear_error(tmp_path: Path):
    (tmp_path / "in_the_way").write_text("not a folder")
    with pytest.raises(RecordError, match="cannot open the inspection log"):
        InspectionLog(tmp_path / "in_the_way")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / LOG_NAME).write_bytes(b"garbage " * 512)
    with pytest.raises(RecordError, match="cannot open the inspection log"):
        InspectionLog(damaged)
    assert (damaged / LOG_NAME).read_bytes() == b"garbage " * 512  # left as it was, for someone to look at


def test_pictures_that_cannot_be_written_never_cost_a_row_and_are_said_once(tmp_path: Path):
    log = InspectionLog(tmp_path)
    (tmp_path / "ng").write_text("a file where the NG folder should be")  # as a full disk would refuse them
    first = log.record(_verdict(3, 2.0), "demo")
    assert first.verdict == "NG" and first.original is None and "cannot save the pictures of NG part 3" in first.note
    warning = log.take_warning()
    assert warning is not None and "every part is still logged" in warning
    second = log.record(_verdict(4, 2.5), "demo")
    assert second.note and log.take_warning() is None  # said once, not per part
    assert log.record(_verdict(5, 0.2), "demo").note is None
    assert json.dumps(log.counts(), sort_keys=True) == '{"NG": 2, "OK": 1}'
    assert [row.part for row in log.recent()] == [5, 4, 3] and log.recent()[-1].note == first.note
    (tmp_path / "ng").unlink()  # room again: pictures are saved, and a later failure is said again
    third = log.record(_verdict(6, 3.0), "demo")
    assert third.original and (tmp_path / third.original).is_file() and log.images_off is None


def test_below_the_free_space_reserve_rows_go_on_without_pictures(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.reserve = 2**62  # more than any disk has: as if it were full
    record = log.record(_verdict(1, 2.0), "demo")
    assert record.original is None and "MB free; NG pictures are not saved below" in record.note
    assert not (tmp_path / "ng").exists() and len(log.recent()) == 1
    assert "every part is still logged" in log.take_warning()


def _earlier_release_log(folder: Path, verdict: str) -> None:
    """A log as the first release wrote it (no note, run, threshold_from or acknowledged column), with one part."""
    db = sqlite3.connect(folder / "inspections.sqlite3")
    db.executescript(
        "CREATE TABLE parts (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, part INTEGER NOT NULL, "
        "verdict TEXT NOT NULL, score REAL NOT NULL, threshold REAL NOT NULL, normalized_score REAL NOT NULL, "
        "frames INTEGER NOT NULL, model TEXT NOT NULL, source TEXT NOT NULL, truth TEXT, original TEXT, overlay TEXT);"
        "INSERT INTO parts (time, part, verdict, score, threshold, normalized_score, frames, model, source) "
        f"VALUES ('2026-11-01T10:00:00', 1, '{verdict}', 0.1, 1.0, 0.1, 8, 'm', 'demo');"
    )
    db.close()


def test_a_log_of_an_earlier_release_gets_the_note_column(tmp_path: Path):
    _earlier_release_log(tmp_path, "OK")
    log = InspectionLog(tmp_path)
    log.record(_verdict(2, 0.2), "demo")
    assert [(row.part, row.note) for row in log.recent()] == [(2, None), (1, None)]
    assert [row.run for row in log.recent()] == [log.run, None]  # the earlier release's row has no run


def test_each_run_into_a_folder_has_its_own_id_in_every_row(tmp_path: Path):
    import re

    first = InspectionLog(tmp_path)
    first.record(_verdict(1, 0.2), "demo")
    first.record(_verdict(2, 1.5), "demo")
    first.close()
    second = InspectionLog(tmp_path)  # part numbers start at 1 again
    second.record(_verdict(1, 0.3), "demo")
    assert re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{4}", first.run) and second.run != first.run
    rows = second.recent()
    assert [(row.run, row.part) for row in rows] == [(second.run, 1), (first.run, 2), (first.run, 1)]
    with sqlite3.connect(tmp_path / LOG_NAME) as db:
        runs = db.execute("SELECT id, pid FROM runs ORDER BY started, id").fetchall()
        by_run = dict(db.execute("SELECT run, COUNT(*) FROM parts GROUP BY run").fetchall())
    assert {run for run, _ in runs} == {first.run, second.run}
    assert by_run == {first.run: 2, second.run: 1}


def test_ng_parts_stay_pending_until_acknowledged_across_a_restart(tmp_path: Path):
    log = InspectionLog(tmp_path)
    for number, score in ((1, 0.2), (2, 1.5), (3, 2.5)):
        log.record(_verdict(number, score), "demo")
    log.close()
    again = InspectionLog(tmp_path)  # the app started again
    pending = again.pending_alarms()
    assert [(row.part, row.verdict) for row in pending] == [(2, "NG"), (3, "NG")]  # oldest first
    assert all(row.overlay and (tmp_path / row.overlay).is_file() for row in pending)
    assert again.acknowledge_alarms() == 2
    again.record(_verdict(4, 3.0), "demo")
    assert [row.part for row in again.pending_alarms()] == [4]
    headless = InspectionLog(tmp_path)
    headless.operator_acknowledges = False  # run --headless: nobody acknowledges there
    headless.record(_verdict(5, 3.0), "demo")
    assert [row.part for row in headless.pending_alarms()] == [4]


def test_each_station_gets_back_and_acknowledges_only_its_own_ng_parts(tmp_path: Path):
    top, side = InspectionLog(tmp_path, station="top"), InspectionLog(tmp_path, station="side")
    top.record(_verdict(1, 3.0), "demo")
    side.record(_verdict(1, 3.0), "folder")
    side.record(_verdict(2, 3.0), "folder")
    assert [row.part for row in top.pending_alarms()] == [1]
    assert [row.part for row in side.pending_alarms()] == [1, 2]
    assert top.acknowledge_alarms() == 1  # the operator at the top camera: the side's parts still wait
    assert top.pending_alarms() == [] and len(side.pending_alarms()) == 2
    assert InspectionLog(tmp_path).pending_alarms() == []  # a line of one station has none of theirs


def test_an_earlier_releases_ng_parts_do_not_come_back_as_alarms(tmp_path: Path):
    _earlier_release_log(tmp_path, "NG")
    assert InspectionLog(tmp_path).pending_alarms() == []


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.suffix in (".png", ".jpg")}


def test_warn_parts_and_a_sample_of_ok_parts_keep_their_pictures_for_review(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.ok_every = 5
    minute = 1_800_000_000.0 - 1_800_000_000.0 % 600  # the start of a ten-minute window
    parts = [log.record(_verdict(n, score, ended=minute + n), "demo")
             for n, score in enumerate((0.3, 0.2, 0.5, 0.4, 0.1, 0.6, 0.85, 0.2), start=1)]  # fmt: skip
    kept = {p.part: p.kept for p in log.recent() if p.kept}
    # 1 was the best of the window until 3, then 3 until 6; 5 is the fifth OK part; 7 is WARN
    assert kept == {5: "every", 6: "best", 7: "warn"}
    assert all(p.original is None and p.thumb is None for p in log.recent() if p.part in (1, 2, 3, 4, 8))
    replaced = [p for p in log.recent() if p.part in (1, 3)]
    assert all("higher-scoring OK part" in p.note for p in replaced)
    assert _files(tmp_path) == {name for p in log.recent() if p.kept for name in (p.original, p.overlay, p.thumb)}
    assert parts[6].original.startswith("pictures/") and parts[6].verdict == "WARN"
    later = log.record(_verdict(9, 0.05, ended=minute + 600), "demo")  # the next ten minutes: its own best
    assert later.kept == "best" and log.recent(4)[3].kept == "best"  # part 6 stays the best of its own
    log.close()


def test_the_pictures_stay_within_their_budget_oldest_thinned_first_and_every_row_stays(tmp_path: Path):
    log = InspectionLog(tmp_path)
    first = log.record(_verdict(1, 1.5), "demo")
    size = sum((tmp_path / name).stat().st_size for name in (first.original, first.overlay, first.thumb))
    log.picture_budget = int(size * 3.5)  # room for three parts' pictures
    for n in range(2, 8):
        log.record(_verdict(n, 1.5), "demo")
    rows = log.recent(10)[::-1]
    assert [r.part for r in rows] == list(range(1, 8))  # every row stays
    with_pictures = [r.part for r in rows if r.original]
    assert with_pictures == list(range(8 - len(with_pictures), 8)) and 1 <= len(with_pictures) <= 3  # the newest
    assert all("disk budget" in r.note for r in rows if not r.original)
    total = sum(p.stat().st_size for p in tmp_path.rglob("*") if p.suffix in (".png", ".jpg"))
    assert total <= log.picture_budget
    log.close()
    again = InspectionLog(tmp_path)  # the total is read back from the log after a restart
    assert again._picture_bytes == total
    again.close()


def test_a_part_keeps_the_region_it_was_inspected_in(tmp_path: Path):
    from cookie_inspector.core.frames.preprocess import Roi

    log = InspectionLog(tmp_path)
    record = log.record(_verdict(1, 1.5, roi=Roi(4, 5, 30, 20, frame=(60, 40))), "demo")
    assert record.region == "4,5,30,20@60x40" and log.recent(1)[0].region == record.region
    log.close()


def test_an_earlier_releases_ng_pictures_count_in_the_budget(tmp_path: Path):
    _earlier_release_log(tmp_path, "NG")
    (tmp_path / "ng").mkdir()
    (tmp_path / "ng" / "a.png").write_bytes(b"x" * 1000)
    db = sqlite3.connect(tmp_path / "inspections.sqlite3")
    db.execute("UPDATE parts SET original = 'ng/a.png', overlay = 'ng/missing.png'")
    db.commit()
    db.close()
    log = InspectionLog(tmp_path)
    assert log._picture_bytes == 1000 and log.recent(1)[0].kept == "ng"
    log.close()


def test_what_happens_to_the_line_is_logged_with_its_time_run_and_who(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.event("threshold", "1.20 x calibrated (0.04512)", "engineer")
    log.new_run()
    log.event("signal lost", "camera 0: no frame")
    log.close()
    db = sqlite3.connect(tmp_path / LOG_NAME)
    rows = db.execute("SELECT run, kind, detail, who FROM events ORDER BY id").fetchall()
    runs = [run for (run,) in db.execute("SELECT id FROM runs ORDER BY rowid")]
    assert rows == [(runs[0], "threshold", "1.20 x calibrated (0.04512)", "engineer"),
                    (runs[1], "signal lost", "camera 0: no frame", "")]  # fmt: skip


def test_a_log_that_refuses_the_thinning_keeps_its_pictures_and_the_line_goes_on(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.picture_budget = 1  # every part's pictures are past it
    db = sqlite3.connect(tmp_path / LOG_NAME)
    db.execute("CREATE TRIGGER refuse BEFORE UPDATE OF picture_bytes ON parts BEGIN SELECT RAISE(ABORT, 'busy'); END")
    db.commit()
    first = log.record(_verdict(1, 1.5), "demo")  # logged; its pictures stay, still named by its row
    assert (tmp_path / first.original).is_file() and log.recent(1)[0].original == first.original
    db.execute("DROP TRIGGER refuse")
    db.commit()
    log.record(_verdict(2, 1.5), "demo")  # the next part thins again: both go
    assert not any(r.original for r in log.recent(2)) and not list(tmp_path.rglob("*.png"))
    log.close()


def test_line_events_are_noted_once_per_change():
    from cookie_inspector.core.line.records import LineEvents

    noted = []
    events = LineEvents(lambda kind, detail: noted.append((kind, detail)))
    for state in ("running", "retrying", "retrying", "reconnected", "running", "ended"):
        events.status(state, state)
    status = {"state": "calibrating", "using": "conservative", "threshold": 5.5, "parts": 1, "of": 200}
    events.calibration(status)
    events.calibration({**status, "parts": 2})  # the same basis: nothing new
    events.calibration({**status, "using": "line", "parts": 20})
    assert noted == [("signal lost", "retrying"), ("signal back", "reconnected"),
                     ("calibration", "conservative threshold 5.50000 (calibrating, 1/200 parts)"),
                     ("calibration", "line threshold 5.50000 (calibrating, 20/200 parts)")]  # fmt: skip


def test_a_long_parts_heatmap_is_kept_in_its_own_proportions(tmp_path: Path):
    """The model sees a 1:2 region square; the stored heatmap and its thumbnail are 1:2 again, never squashed."""
    from cookie_inspector.core.frames.preprocess import Roi

    log = InspectionLog(tmp_path)
    record = log.record(_verdict(1, 2.0, roi=Roi(0, 0, 400, 800)), "folder long-photos")
    overlay = read_image(tmp_path / record.overlay)
    thumb = read_image(tmp_path / record.thumb)
    assert overlay.shape[:2] == (30, 15) and thumb.shape[0] == 2 * thumb.shape[1]
    square = log.record(_verdict(2, 2.0, roi=Roi(0, 0, 300, 300)), "camera 0")
    assert read_image(tmp_path / square.overlay).shape[:2] == (30, 30)
    log.close()
