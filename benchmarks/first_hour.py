"""The first hour with a product that is not a cookie, in the real window: what a new operator meets.

For each run, a folder of real photographs of a product (``--data``: an MVTec-style set, the magnetic tiles of
``../shared/data`` by default) is the source, and the window is driven step by step through its own entry points,
with its real dialogs answered as an operator would (each modal dialog is found and its button clicked):

1. *File > Open folder...* on the product's good photos;
2. *Samples > New product...*: a name, and the region the dialog offers first (around the product when it stands
   out from a plain background, else the whole picture);
3. *Import folder...*: the exposure question answered *Yes* when it comes, the report closed, and ten more photos
   imported when the checks left fewer than Retrain's minimum;
4. *Retrain*, then wait until the new model inspects;
5. *File > Open folder...* on a mixed folder (20 good photos the model never saw, 20 defective ones), judged to its
   end;
6. a restart (the window closed and built again from its settings): the NG parts not acknowledged come back;
7. the mixed folder taken away and the window started again: NO SIGNAL with the reason; the folder back: it goes
   on by itself.

``--look white`` / ``black`` puts each photo on a white (a light table, at 255) or black background in a frame that
is not square; ``white-anywhere`` / ``black-anywhere`` in a larger frame, each part somewhere else on it; ``as-is``
keeps the photos. ``--region around`` / ``whole`` answers New product so instead of taking what it offers.
Measured: minutes from *New product* to an active model, the clicks (a menu entry 2, a folder chosen 2, a dialog's
button 1, a typed name 1), and the verdicts right on the mixed folder.
Screenshots (``--shots DIR``) are of the whole screen under Xvfb (``DISPLAY``), else of the window.

    Xvfb :99 -screen 0 1280x800x24 &  DISPLAY=:99 .venv/bin/python benchmarks/first_hour.py \\
        --counts 20 100 --look as-is white black --language en ja --shots /tmp/first_hour
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cookie_inspector.core.frames.imageio import list_images, read_image  # noqa: E402
from cookie_inspector.core.judge.presence import product_box  # noqa: E402
from cookie_inspector.gui import i18n  # noqa: E402
from cookie_inspector.gui.app import build_window, prepare_application  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "magnetic_tile"
MENU, FOLDER, BUTTON, TYPED = 2, 2, 1, 1


def _look(image: np.ndarray, look: str, rng: np.random.Generator | None = None) -> np.ndarray:
    """The photo as another product would look: on a white or black background, in a 4:3 frame; ``-anywhere``:
    in a larger frame, wherever ``rng`` puts it (parts do not lie in one place on a table or a belt)."""
    if look == "as-is":
        return image
    if image.ndim == 2:  # a grey camera's photo
        image = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    height, width = image.shape[:2]
    scale = 220 / max(height, width)
    part = cv2.resize(image, (max(2, round(width * scale)), max(2, round(height * scale))))
    anywhere = look.endswith("-anywhere")
    frame = (360, 480) if anywhere else (300, 400)
    canvas = np.full((*frame, 3), 255 if look.startswith("white") else 0, np.uint8)
    y, x = (frame[0] - part.shape[0]) // 2, (frame[1] - part.shape[1]) // 2
    if anywhere and rng is not None:
        y = int(rng.integers(12, frame[0] - part.shape[0] - 12))
        x = int(rng.integers(12, frame[1] - part.shape[1] - 12))
    canvas[y : y + part.shape[0], x : x + part.shape[1]] = part
    return canvas


def prepare(data: Path, count: int, look: str, work: Path) -> tuple[Path, Path, Path]:
    """The product's good photos (``count`` of train/good), ten more good ones (for when the checks refuse some),
    and a mixed folder (20 good test photos, 20 defective ones, interleaved; their names say which)."""
    rng = np.random.default_rng(count)
    goods = list_images(data / "train" / "good")
    train, more = work / f"train{count}", work / "more"
    train.mkdir(parents=True)
    more.mkdir()
    chosen = rng.choice(len(goods), size=min(count + 10, len(goods)), replace=False)
    for n, index in enumerate(chosen):
        folder = train if n < count else more
        cv2.imwrite(str(folder / f"{n:03d}.png"), _look(read_image(goods[index]), look, rng))
    test_good = list_images(data / "test" / "good")
    bad = [p for folder in sorted((data / "test").iterdir()) if folder.name != "good" for p in list_images(folder)]
    chosen_good = [test_good[i] for i in rng.choice(len(test_good), size=20, replace=False)]
    chosen_bad = [bad[i] for i in rng.choice(len(bad), size=20, replace=False)]
    mixed = work / "mixed"
    mixed.mkdir()
    order = rng.permutation(40)
    for n, index in enumerate(order):
        path, kind = (chosen_good[index], "good") if index < 20 else (chosen_bad[index - 20], "bad")
        cv2.imwrite(str(mixed / f"{n:03d}-{kind}-{path.stem}.png"), _look(read_image(path), look, rng))
    return train, more, mixed


def _auroc(good: list[float], bad: list[float]) -> float | None:
    """How well the scores rank the mixed folder (1.0: every defective photo above every good one): what any
    threshold could make of this model."""
    if not good or not bad:
        return None
    wins = sum((b > g) + 0.5 * (b == g) for b in bad for g in good)
    return round(wins / (len(good) * len(bad)), 3)


def report_skipped(panel) -> list[tuple[str, str]]:
    """The files the last import report lists as skipped, with their reasons (from its details)."""
    lines = panel.import_report.detailedText().splitlines()
    return [tuple(line.split(": ", 1)) for line in lines if ": " in line]


class Operator:
    """Drives one window as an operator would, counting clicks and taking screenshots."""

    def __init__(self, app: QApplication, shots: Path | None, prefix: str) -> None:
        self.app, self.shots, self.prefix = app, shots, prefix
        self.clicks = 0
        self.answered: list[str] = []

    def wait(self, condition, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.03)
            if condition():
                return True
        return False

    def shot(self, window, name: str) -> None:
        if self.shots is None:
            return
        self.wait(lambda: False, 0.4)
        path = self.shots / f"{self.prefix}-{name}.png"
        if os.environ.get("DISPLAY"):  # the whole screen: dialogs included
            self.app.primaryScreen().grabWindow(0).save(str(path))
        else:
            window.grab().save(str(path))

    def answer_next_question(self, window, button: QMessageBox.StandardButton, name: str, until) -> None:
        """When a modal box with ``button`` opens before ``until()``: a screenshot, then ``button`` clicked (one
        click)."""

        def look() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox) or box.button(button) is None:
                if not until():
                    QTimer.singleShot(100, look)
                return
            self.answered.append(box.text().split("\n")[0])
            self.shot(window, name)
            self.clicks += BUTTON
            box.button(button).click()

        QTimer.singleShot(100, look)


def one_run(args, data: Path, count: int, look: str, language: str) -> dict:
    app = QApplication.instance()
    i18n.install_language(app, language)
    prefix = f"{language}-{look}-{count}"
    work = Path(tempfile.mkdtemp(prefix=f"first-hour-{prefix}-"))
    train, more, mixed = prepare(data, count, look, work / "photos")
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    operator = Operator(app, args.shots, prefix)
    window = build_window("demo", data_dir=work / "data", settings=settings)
    window.resize(1280, 800)
    window.show()
    window.start()
    operator.wait(lambda: window.controller.inspector is not None, 180)
    figures: dict = {"language": language, "look": look, "samples": count}

    started = time.monotonic()
    window._use_source(str(train))  # File > Open folder...: the menu entry, the folder chosen
    operator.clicks += MENU + FOLDER
    operator.wait(lambda: window.controller.latest()[0] is not None, 60)
    # Samples > New product..., its name typed, OK: the region the dialog offers first (around the product when one
    # stands out from a plain background, else the whole picture)
    operator.clicks += MENU + TYPED + BUTTON
    region = "around" if product_box(window.controller.latest()[0].image) is not None else "whole"
    region = region if args.region == "offered" else args.region
    figures["region"] = region
    window.new_product("product" if language == "en" else "製品", confirm=False, region=region)
    operator.shot(window, "1-new-product")
    panel = window.samples_panel

    def import_folder(folder: Path, shot: str) -> None:
        done = []
        window.retrain.importDone.connect(lambda *_: done.append(1))
        operator.answer_next_question(window, QMessageBox.StandardButton.Yes, "2-exposure-question",
                                      until=lambda: bool(done) and not window.retrain.importing)  # fmt: skip
        operator.clicks += BUTTON + FOLDER  # Import folder..., the folder chosen
        panel.import_folder(str(folder))
        operator.wait(lambda: bool(done) and not window.retrain.importing and panel.import_button.isEnabled(), 600)
        operator.wait(lambda: False, 1.0)
        operator.shot(window, shot)
        report = getattr(panel, "import_report", None)
        if report is not None and report.isVisible():
            figures.setdefault("skipped", []).extend(reason for _, reason in report_skipped(panel))
            report.close()
            operator.clicks += BUTTON

    import_folder(train, "3-imported")
    if len(window.retrain.store) < window.retrain.minimum:  # some refused: the operator imports a few more photos
        import_folder(more, "3b-imported-more")
    figures["imported"] = len(window.retrain.store)
    figures["asked"] = list(operator.answered)
    ended: list[tuple[str, str]] = []
    window.retrain.trainingEnded.connect(lambda outcome, message: ended.append((outcome, message)))
    trained = time.monotonic()
    operator.clicks += BUTTON  # Retrain
    panel.start_training()
    operator.wait(lambda: bool(ended), 1800)
    figures["training"] = ended[0] if ended else ("timeout", "")
    figures["train_s"] = round(time.monotonic() - trained, 1)
    if ended and ended[0][0] == "blind":  # the window says the model may be blind; the operator uses it knowingly
        operator.wait(lambda: False, 0.5)
        operator.shot(window, "4-blind")
        operator.clicks += BUTTON  # Use it anyway
        panel.blind_button.click()
    operator.wait(lambda: window.controller.model_name.startswith("model-") and not window.controller.teaching, 120)
    figures["minutes_to_active_model"] = round((time.monotonic() - started) / 60, 2)
    operator.shot(window, "4-active")
    figures["sees"] = panel.sees_label.text()  # what the window says the active model can see

    verdicts = []
    window.controller.partJudged.connect(verdicts.append)
    window._use_source(str(mixed))
    operator.clicks += MENU + FOLDER
    operator.wait(lambda: window.controller.state == "ended" and len(verdicts) >= 40, 600)
    operator.wait(lambda: False, 1.5)
    operator.shot(window, "5-mixed")
    bad = [v for v in verdicts if "-bad-" in str(v.truth)]
    good = [v for v in verdicts if "-good-" in str(v.truth)]
    figures.update({
        "parts": len(verdicts),
        "right": sum((v.verdict.value == "NG") == ("-bad-" in str(v.truth)) for v in verdicts),
        "defects_ng": sum(v.verdict.value == "NG" for v in bad), "defects": len(bad),
        "good_ng": sum(v.verdict.value == "NG" for v in good),
        "good_warn": sum(v.verdict.value == "WARN" for v in good),
        "good": len(good), "clicks_to_active_model": operator.clicks - MENU - FOLDER,
        "defects_warn": sum(v.verdict.value == "WARN" for v in bad),
        "auroc": _auroc([v.normalized_score for v in good], [v.normalized_score for v in bad]),
        "calibration": window.calibration_label.text(),
        "framing": window.controller.inspector.framing if window.controller.inspector is not None else None,
    })  # fmt: skip
    pending = len(window.controller.alarms)
    window.close()
    operator.wait(lambda: not window.controller.running, 30)

    # a restart: the NG parts nobody acknowledged come back
    again = build_window(None, data_dir=work / "data", settings=settings)
    figures["pending_before_restart"], figures["pending_after_restart"] = pending, len(again.controller.alarms)
    again.resize(1280, 800)
    again.show()
    again.start()
    operator.wait(lambda: again.controller.inspector is not None and again.controller.parts >= 3, 120)
    operator.shot(again, "6-restart")
    again.close()
    operator.wait(lambda: not again.controller.running, 30)

    # the folder taken away (a share not mounted): NO SIGNAL with the reason; back again: it goes on
    aside = mixed.with_name("mixed-away")
    mixed.rename(aside)
    missing = build_window(None, data_dir=work / "data", settings=settings)
    missing.resize(1280, 800)
    missing.show()
    missing.start()
    operator.wait(lambda: missing.controller.inspector is not None and missing.view.no_signal is not None, 120)
    figures["missing_source"] = missing.view.no_signal
    figures["remembered_source"] = settings.value("line/source")
    operator.shot(missing, "7-missing-source")
    aside.rename(mixed)
    figures["came_back"] = operator.wait(lambda: missing.controller.parts > 0, 120)
    missing.close()
    operator.wait(lambda: not missing.controller.running, 30)
    shutil.rmtree(work, ignore_errors=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--counts", type=int, nargs="+", default=[20, 100])
    parser.add_argument(
        "--look", nargs="+", default=["as-is"], choices=["as-is", "white", "black", "white-anywhere", "black-anywhere"]
    )
    parser.add_argument(
        "--region",
        choices=["offered", "around", "whole"],
        default="offered",
        help="the region answered in New product (default: the one the dialog offers first)",
    )
    parser.add_argument("--language", nargs="+", default=["en"], choices=["en", "ja"])
    parser.add_argument("--shots", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "first_hour.json")
    args = parser.parse_args()
    if args.shots is not None:
        args.shots.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    prepare_application(app)
    runs = []
    for language in args.language:
        for look in args.look:
            for count in args.counts:
                figures = one_run(args, args.data, count, look, language)
                print(json.dumps(figures, ensure_ascii=False), flush=True)
                runs.append(figures)
    print(f"\n{'language':8} {'look':14} {'samples':>7} {'min to model':>12} {'clicks':>6} {'right':>6} "
          f"{'defects NG':>10} {'good NG':>7} {'good WARN':>9} {'AUROC':>6}")  # fmt: skip
    for r in runs:
        print(f"{r['language']:8} {r['look']:14} {r['samples']:>7} {r['minutes_to_active_model']:>12} "
              f"{r['clicks_to_active_model']:>6} {r['right']:>3}/{r['parts']:<2} "
              f"{r['defects_ng']:>7}/{r['defects']:<2} "
              f"{r['good_ng']:>4}/{r['good']:<2} {r['good_warn']:>6}/{r['good']:<2} {r['auroc']}")  # fmt: skip
    args.out.write_text(json.dumps(runs, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
