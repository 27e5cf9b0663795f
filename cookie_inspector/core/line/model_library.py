"""The trained models of one line: every bundle in ``<data>/models``, which one is active, and the check a new bundle
must pass before it may become active.

A retrain writes its bundle to a new folder (the bundle writer renames a finished staging folder into place, so a
killed training leaves no bundle, only a hidden staging folder, which :meth:`ModelLibrary.clean` removes). The active
model's name is in ``active.json``, replaced atomically: activating one model or rolling back to another is one
rename.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from cookie_inspector.core.errors import ImageReadError
from cookie_inspector.core.frames.imageio import read_image, write_bytes_atomic
from cookie_inspector.core.frames.preprocess import preprocess
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.bundle import META_FILE, BundleError, ModelBundle, is_bundle, load_bundle, read_meta
from cookie_inspector.core.model.choice import estimate_of

ACTIVE_FILE = "active.json"
SHIPPED = "shipped"
"""The name under which the model shipped with the app is listed and activated (the factory model)."""
DEFAULT_MAX_FALSE_ALARM_RATE = 0.02
"""A new model may become active only if at most this share of its held-out good samples raise an alarm."""


@dataclass(frozen=True)
class ModelEntry:
    """One bundle in the library, as listed to the operator."""

    name: str
    path: Path
    created: str
    architecture: str
    samples: int
    held_out: int
    threshold: float
    false_alarm_rate: float | None  # on the held-out good samples, as checked (None: never checked)
    training_seconds: float | None
    epochs: int | None
    check_passed: bool | None = None
    """The check before activation: True passed, False failed (see ``check_reason``), None never checked."""
    check_reason: str = ""
    shipped: bool = False
    product: str = ""
    """The product the model was taught for (empty: a bundle that does not say, shown as "unnamed")."""
    estimate: dict | None = None
    """What the model can see, as training estimated it on test defects made from its samples
    (:func:`cookie_inspector.core.model.choice.estimate_of`); None for a model trained without that choice."""

    @classmethod
    def from_meta(cls, path: Path, meta: dict, name: str | None = None, shipped: bool = False) -> ModelEntry:
        trained = meta.get("trained_on", {})
        training = meta.get("training", {})
        check = meta.get("check", {})
        calibration = meta.get("calibration", {})
        rate = check.get("false_alarm_rate", calibration.get("observed_false_alarm_rate"))
        passed = check.get("passed")
        return cls(
            name=name or path.name,
            path=path,
            created=str(meta.get("created", "")),
            architecture=str(meta.get("architecture", "?")),
            samples=int(trained.get("samples", 0)),
            held_out=int(trained.get("held_out", 0)),
            threshold=float(meta.get("threshold", float("nan"))),
            false_alarm_rate=None if rate is None else float(rate),
            training_seconds=training.get("seconds"),
            epochs=training.get("epochs_completed"),
            check_passed=None if passed is None else bool(passed),
            check_reason=str(check.get("reason", "")),
            shipped=shipped,
            product=str(meta.get("product") or ""),
            estimate=estimate_of(meta),
        )


@dataclass
class CheckReport:
    """Whether a new bundle may become active, and the figures that decided it."""

    passed: bool
    reason: str
    bundle: ModelBundle | None = None
    inspector: Inspector | None = None
    """The inspector the check ran (its forward pass compiled): ready for the line when the check passed."""
    held_out: int = 0
    false_alarms: int = 0
    scores: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """The held-out samples' file names, in the order of ``scores``."""
    threshold: float = float("nan")

    @property
    def left_out(self) -> list[str]:
        """The training samples the fit left out as unlike all the others (see ``feature_training.unlike_the_rest``)."""
        if self.bundle is None:
            return []
        return list(self.bundle.meta.get("trained_on", {}).get("left_out_files", []))

    @property
    def alarming(self) -> list[tuple[str, float]]:
        """(file name, score / threshold) of the held-out samples the model alarmed on, worst first."""
        found = [(name, score / self.threshold) for name, score in zip(self.names, self.scores, strict=False)
                 if score >= self.threshold * (1 + RECOMPUTED)]  # fmt: skip
        return sorted(found, key=lambda item: -item[1])

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.held_out if self.held_out else float("nan")


def check_bundle(
    path: Path,
    samples_folder: Path | None = None,
    max_false_alarm_rate: float = DEFAULT_MAX_FALSE_ALARM_RATE,
) -> CheckReport:
    """Load the bundle at ``path`` as the app will, inspect the good samples it held out of training and count how
    many it would alarm on. Passes when it loads, has a usable threshold, and its false-alarm rate is within
    ``max_false_alarm_rate``. ``samples_folder`` defaults to the folder the bundle was trained from."""
    try:
        bundle = load_bundle(path)
    except BundleError as exc:
        return CheckReport(False, f"the new model does not load: {exc}")
    meta = bundle.meta
    threshold = float(meta.get("threshold", float("nan")))
    if not np.isfinite(threshold) or threshold <= 0:
        return CheckReport(False, f"the new model's threshold is not usable ({threshold})", bundle)
    trained = meta.get("trained_on", {})
    folder = Path(samples_folder or trained.get("folder", ""))
    names = trained.get("held_out_files") or []
    if not names:
        return CheckReport(False, "the new model does not list its held-out samples; it cannot be checked", bundle)
    calibration = meta.get("calibration") or {}
    recorded = calibration.get("scores")
    if calibration.get("folds") and isinstance(recorded, list) and len(recorded) == len(names):
        return _check_out_of_fold(bundle, folder, names, [float(v) for v in recorded], max_false_alarm_rate)
    images, found = [], []
    for name in names:
        try:
            images.append(read_image(folder / name))
            found.append(name)
        except ImageReadError:
            continue  # deleted since training started: check on the others
    if len(images) < max(2, len(names) // 2):
        return CheckReport(False, f"only {len(images)} of the {len(names)} held-out samples are still there", bundle)
    inspector = Inspector(bundle)  # as the line will use it; the samples are whole regions already
    batch = np.stack([preprocess(image, inspector.size, None, "full") for image in images])
    scores = [result.score for result in inspector.results_for(batch)]
    # a score within RECOMPUTED of the threshold is the sample that set it, scored again (float rounding differs)
    alarms = sum(score >= inspector.threshold * (1 + RECOMPUTED) for score in scores)
    return _verdict(CheckReport(True, "", bundle, inspector, len(images), alarms, scores, found, inspector.threshold),
                    max_false_alarm_rate)  # fmt: skip


RECOMPUTED = 1e-4
"""Relative difference within which two computations of one score (training's and the loaded model's) agree."""


def _verdict(report: CheckReport, max_false_alarm_rate: float, what: str = "held-out good samples") -> CheckReport:
    if report.false_alarm_rate > max_false_alarm_rate:
        report.passed = False
        report.reason = (
            f"it alarms on {report.false_alarms} of {report.held_out} {what} ({report.false_alarm_rate:.0%}); "
            f"at most {max_false_alarm_rate:.0%} is allowed"
        )
    else:
        report.reason = (
            f"{report.false_alarms} of {report.held_out} {what} over the threshold ({report.false_alarm_rate:.0%})"
        )
    return report


def _check_out_of_fold(
    bundle: ModelBundle, folder: Path, names: list[str], scores: list[float], max_false_alarm_rate: float
) -> CheckReport:
    """A bundle calibrated on out-of-fold scores: each sample's score by a model fitted without it. The loaded model
    must give the few samples it kept as a reference the scores it gave them when it was trained (a bundle that
    does not load as it was saved fails), and at most ``max_false_alarm_rate`` of the out-of-fold scores may alarm."""
    inspector = Inspector(bundle)
    reference = (bundle.meta.get("calibration") or {}).get("reference") or {}
    images, expected = [], []
    for name, score in zip(reference.get("files", []), reference.get("scores", []), strict=False):
        try:
            images.append(read_image(folder / name))
            expected.append(float(score))
        except ImageReadError:
            continue  # deleted since: the out-of-fold scores still stand
    if not images:
        inspector.warm_up()  # compiled for the line all the same
    else:
        batch = np.stack([preprocess(image, inspector.size, None, "full") for image in images])
        got = inspector.model_scores(batch)
        # in units of the threshold: in-sample scores of the ensemble lie near 0, where relative errors mean nothing
        worst = max(abs(a - b) for a, b in zip(got, expected, strict=True)) / abs(inspector.threshold)
        if worst > 1e-3:
            why = (f"the saved model does not score its samples as it did when trained (off by {worst:.1%} of its "
                   "threshold): it is not the model that was calibrated")  # fmt: skip
            return CheckReport(False, why, bundle)
    alarms = sum(score >= inspector.threshold for score in scores)
    report = CheckReport(True, "", bundle, inspector, len(scores), alarms, scores, list(names), inspector.threshold)
    return _verdict(report, max_false_alarm_rate, "good samples scored out of fold")


class ModelLibrary:
    """The bundles in one folder and the name of the active one."""

    def __init__(self, folder: Path, shipped: Path | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.shipped = Path(shipped) if shipped is not None else None
        """The model shipped with the app: listed last as :data:`SHIPPED`, activatable, never deleted."""

    def path_of(self, name: str) -> Path:
        if name == SHIPPED and self.shipped is not None:
            return self.shipped
        return self.folder / name

    def entries(self) -> list[ModelEntry]:
        """Every readable bundle, newest first, then the shipped one."""
        found = []
        for path in self.folder.iterdir():
            if path.name.startswith(".") or not path.is_dir() or not is_bundle(path):
                continue
            try:
                found.append(ModelEntry.from_meta(path, read_meta(path)))
            except (BundleError, ValueError, TypeError):
                continue
        found.sort(key=lambda entry: (entry.created, entry.name), reverse=True)
        if self.shipped is not None and is_bundle(self.shipped):
            with contextlib.suppress(BundleError, ValueError, TypeError):
                found.append(ModelEntry.from_meta(self.shipped, read_meta(self.shipped), SHIPPED, shipped=True))
        return found

    def new_path(self) -> Path:
        """A fresh folder name for the next bundle (not created)."""
        base = datetime.now().strftime("model-%Y%m%d-%H%M%S")
        path, n = self.folder / base, 1
        while path.exists():
            path, n = self.folder / f"{base}-{n}", n + 1
        return path

    def active_name(self) -> str | None:
        try:
            name = json.loads((self.folder / ACTIVE_FILE).read_text()).get("active")
        except (OSError, ValueError, AttributeError):
            return None
        return name if isinstance(name, str) and is_bundle(self.path_of(name)) else None

    def active_path(self) -> Path | None:
        name = self.active_name()
        return self.path_of(name) if name else None

    def name_of(self, path: Path | None) -> str | None:
        """The listed name of the bundle at ``path`` (:data:`SHIPPED` for the shipped one), or None."""
        if path is None:
            return None
        path = Path(path).resolve()
        if self.shipped is not None and path == self.shipped.resolve():
            return SHIPPED
        return path.name if path.parent == self.folder.resolve() and is_bundle(path) else None

    def activate(self, name: str) -> None:
        """Make ``name`` the active model (the app loads it at the next start)."""
        if not is_bundle(self.path_of(name)):
            raise BundleError(f"{self.path_of(name)}: not a model bundle")
        data = {"active": name, "since": datetime.now(UTC).isoformat(timespec="seconds")}
        write_bytes_atomic(self.folder / ACTIVE_FILE, (json.dumps(data) + "\n").encode())

    def record_check(self, name: str, report: CheckReport) -> None:
        """Keep the check's figures in the bundle's meta.json (shown in the model list)."""
        path = self.folder / name
        meta = read_meta(path)
        meta["check"] = {
            "passed": report.passed,
            "reason": report.reason,
            "held_out": report.held_out,
            "false_alarms": report.false_alarms,
            "false_alarm_rate": report.false_alarm_rate if report.held_out else None,
            "checked": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        write_bytes_atomic(path / META_FILE, (json.dumps(meta, indent=2) + "\n").encode())

    def delete(self, name: str) -> None:
        """Remove a bundle; the active one cannot be deleted."""
        if name == SHIPPED:
            raise BundleError("the shipped model cannot be deleted")
        if name == self.active_name():
            raise BundleError(f"{name} is the active model; activate another one first")
        path = self.folder / name
        if not is_bundle(path):
            raise BundleError(f"{path}: not a model bundle")
        shutil.rmtree(path)

    def clean(self, older_than_s: float = 0.0, log: Callable[[str], None] | None = None) -> list[str]:
        """Remove staging folders that a killed or failed training left behind; returns their names."""
        removed = []
        now = time.time()
        for path in self.folder.iterdir():
            if path.name.startswith(".") and path.is_dir() and now - path.stat().st_mtime >= older_than_s:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
                if log:
                    log(f"removed an unfinished model folder: {path.name}")
        return removed
