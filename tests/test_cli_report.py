"""``cookie-inspector report`` on the log of a real headless run of the demo line: the PDF's pages say the numbers
the log holds (read back with poppler's pdftotext, and rendered with pdftoppm), the HTML carries its own plots, and
the CSV re-reads as the log."""

import csv
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cookie_inspector.cli import EXIT_INPUT, EXIT_OK, EXIT_USAGE, main
from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.line.review import PartReview, ReviewFilter
from tests.fontless import environment_without_cjk

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None
                                   or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed")  # fmt: skip


@pytest.fixture(scope="module")
def labelled(demo_run: Path, tmp_path_factory) -> Path:
    """The run's data folder, copied, with its two highest NG parts labelled (a crack, and a false alarm) and its
    lowest-scoring part labelled a chip (a miss)."""
    data = Path(shutil.copytree(demo_run, tmp_path_factory.mktemp("report") / "data"))
    review = PartReview(data)
    worst, second = review.ids(ReviewFilter(verdicts=("NG",), order="highest"))[:2]
    review.label(worst, "defect", "crack")
    review.label(second, "good")
    review.label(review.ids(ReviewFilter(order="lowest"))[0], "defect", "chip")
    review.close()
    return data


def _log(folder: Path, sql: str) -> list:
    db = sqlite3.connect(folder / "inspections.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@needs_poppler
def test_the_pdf_report_says_the_numbers_the_log_holds(labelled: Path, tmp_path: Path, capsys):
    out = tmp_path / "shift" / "report.pdf"
    assert main(["report", "--data-dir", str(labelled), "--out", str(out), "--language", "en"]) == EXIT_OK
    assert f"wrote {out} (16 parts)" in capsys.readouterr().out
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    counts = dict(_log(labelled, "SELECT verdict, COUNT(*) FROM parts GROUP BY verdict"))
    ok, warn, ng = (counts.get(v, 0) for v in ("OK", "WARN", "NG"))
    assert re.search(rf"\b16\s+{ok}\s+{warn}\s+{ng}\s+{(ok + warn) / 16:.1%}", text), text[:1500]
    assert re.search(r"defect: crack\s+1\b", text) and re.search(r"labelled good \(false alarm\)\s+1\b", text)
    assert re.search(rf"not labelled\s+{ng - 2}\b", text)
    assert "Defective parts that passed (labels)" in text and re.search(r"defect: chip\s+1\b", text)
    assert re.search(rf"no operator \(headless run\)\s+{ng}\b", text)  # run --headless: nobody acknowledges
    assert re.search(r"demo_model\s+16\b", text)
    (model_event,) = _log(labelled, "SELECT detail FROM events WHERE kind = 'model'")
    assert "demo_model (" in model_event[0] and "model" in text
    assert "1 good and 2 defective parts labelled (0 unsure)" in text
    assert "misses: 1 of 2 (50%" in text and "false alarms: 1 of 1" in text
    assert "Top NG parts" in text and "0 s without a picture in 0 interruption(s)" in text
    pages = subprocess.run(["pdftoppm", "-png", "-r", "40", str(out), str(tmp_path / "page")], check=True)
    assert pages.returncode == 0
    rendered = sorted(tmp_path.glob("page*.png"))
    assert len(rendered) >= 2 and all((read_image(page) < 100).any() for page in rendered)  # pages with content
    assert (tmp_path / "shift" / "report.csv").is_file()
    # a plot's heading, the plot and its caption on one page: never a heading alone at a page's foot
    pages = text.split("\f")
    for heading, caption in (
        ("NG share per hour", "Bars: the share of NG parts"),
        ("Score distribution", "Parts by score as a multiple"),
    ):
        (page,) = [page for page in pages if heading in page]
        assert caption in page
    starts = [page.strip().splitlines()[0].strip() for page in pages if page.strip()]
    assert "NG share per hour" in starts and "Models and threshold changes" in starts  # each on a page of its own


def test_the_csv_beside_the_report_rereads_as_the_log(labelled: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    assert main(["report", "--data-dir", str(labelled), "--out", str(out), "--language", "en"]) == EXIT_OK
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 3 and "Shift report" in page  # its plots and pictures inside
    with open(tmp_path / "report.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    logged = _log(labelled, "SELECT p.id, p.verdict, p.score, p.part, p.run, l.label, l.type FROM parts p "
                            "LEFT JOIN labels l ON l.part = p.id ORDER BY p.id")  # fmt: skip
    assert len(rows) == len(logged) == 16
    for row, (part_id, verdict, score, number, run, label, kind) in zip(rows, logged, strict=True):
        assert (int(row["id"]), row["verdict"], float(row["score"]), int(row["part"]), row["run"]) == \
            (part_id, verdict, score, number, run)  # fmt: skip
        assert (row["label"] or None, row["defect_type"] or None) == (label, kind)


def _japanese_report(labelled: Path, folder: Path, shipped_font: str) -> tuple[str, str]:
    """The Japanese report written by a fresh process on a PC without a Japanese font: (its text, its fonts)."""
    out = folder / "report.pdf"
    subprocess.run([sys.executable, "-m", "cookie_inspector", "report", "--data-dir", str(labelled), "--out", str(out),
                    "--language", "ja"], env=environment_without_cjk(folder, shipped_font=shipped_font), check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    return text, fonts


@needs_poppler
def test_the_report_speaks_the_language_asked_for_on_a_pc_without_a_japanese_font(labelled: Path, tmp_path: Path):
    text, fonts = _japanese_report(labelled, tmp_path / "shipped", shipped_font="shipped")
    assert "シフトレポート" in text and "誤報" in text and "Shift report" not in text
    embedded = [line.split() for line in fonts.splitlines() if "IPAexGothic" in line]
    assert embedded and all(row[-5] == "yes" for row in embedded), fonts  # emb: the PDF carries the glyphs it uses
    # the control: the same PC without the shipped font writes a report with no Japanese in it at all
    text, fonts = _japanese_report(labelled, tmp_path / "control", shipped_font="missing")
    assert "IPAexGothic" not in fonts and not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)


def test_a_run_that_is_not_in_the_log_gives_an_empty_report_and_bad_requests_are_refused(labelled, tmp_path, capsys):
    out = tmp_path / "none.html"
    assert main(["report", "--data-dir", str(labelled), "--run", "no-such-run", "--out", str(out)]) == EXIT_OK
    assert "(0 parts)" in capsys.readouterr().out and out.is_file()
    assert main(["report", "--data-dir", str(labelled), "--out", str(tmp_path / "r.docx")]) == EXIT_USAGE
    assert main(["report", "--data-dir", str(tmp_path / "empty"), "--out", str(tmp_path / "r.pdf")]) == EXIT_INPUT
    assert "no inspection log here yet" in capsys.readouterr().err


def test_the_report_says_what_each_model_can_see(labelled: Path, tmp_path: Path):
    """A model trained with the choice records what it can see; the report's table of models says it."""
    import json

    from cookie_inspector.core.line.report import model_estimates
    from cookie_inspector.core.resources import demo_model_dir

    data = Path(shutil.copytree(labelled, tmp_path / "data"))
    model = data / "models" / "model-20261207-101010"
    model.mkdir(parents=True)
    meta = json.loads((demo_model_dir() / "meta.json").read_text())
    estimate = {"name": "memory", "caught": 61, "defects": 70, "smallest_caught_px": 35, "by_kind": {}}
    meta["training"]["choice"] = {"chosen": "memory", "estimate": estimate, "candidates": [estimate]}
    (model / "meta.json").write_text(json.dumps(meta))
    (model / "model.keras").write_bytes(b"")
    db = sqlite3.connect(data / "inspections.sqlite3")
    db.execute("UPDATE parts SET model = 'model-20261207-101010' WHERE id % 2 = 0")
    db.commit()
    db.close()
    found = model_estimates(data, ["model-20261207-101010", "demo_model", "gone"])
    shipped = json.loads((demo_model_dir() / "meta.json").read_text())["training"]["choice"]["estimate"]
    assert found == {"model-20261207-101010": estimate, "demo_model": shipped}  # "gone" is not there
    out = tmp_path / "report.html"
    assert main(["report", "--data-dir", str(data), "--out", str(out), "--language", "en"]) == EXIT_OK
    page = out.read_text()
    assert "what it can see" in page
    assert (
        "it catches 61 of 70 test defects made from your samples, at 1% false alarms; the smallest it catches is "
        "35 pixels"
    ) in page
