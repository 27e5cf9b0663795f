"""The line calibrates itself: the threshold set from the scores of the parts the line judges.

Samples captured in one sitting are never quite the parts a line sends over a shift: light, position and a new
batch of material move the whole score distribution, so a threshold drawn from the samples alone alarms on good
parts (or sleeps through defects). So the line takes the location and the spread of good parts' scores from its own
parts, and sets the threshold a number of spreads above the centre:

    threshold = median(line) + TAIL_FACTOR x z(rate) x spread(line)

with z(rate) the normal distribution's quantile of the target false-alarm rate (2.33 for 1%). Both statistics are
robust to the defective parts among the line's: the median moves little with 15% of them, and the spread is read
from the *lower* half of the scores (median minus the 16th percentile, one standard deviation of a normal
distribution), where defects, which score high, do not reach.

Some products' good parts have a longer upper tail than that (a few good parts that always score high). So the
line's own upper quantile counts too, read from its parts below a fence of :data:`FENCE` spreads (far-out parts are
defects): the threshold is raised to it, but never past the tail the samples themselves showed (their out-of-fold
scores' quantile, in the same spreads above their own centre). A long tail that the samples had is the product's;
one that only the line shows is more likely defective parts, and must not lift the threshold over them.

Until :attr:`LineCalibrationSettings.start_after` parts are seen the line alarms above a conservative threshold (the
samples' one, raised by :attr:`~LineCalibrationSettings.conservative`), so a new product can start at once; from then
on the line's estimate is used, with a margin that shrinks as parts come in, and after
:attr:`~LineCalibrationSettings.parts` parts the calibration is finished and held. The threshold never leaves
``[samples' / bound, samples' x bound]``: beyond that the line is not the product the samples showed, and it is the
engineer's call (a wider bound, or a retrain).

Plain bookkeeping without Qt: the live line (:class:`~cookie_inspector.core.line.live.LinePipeline`) asks it for
the thresholds of each frame and feeds it each part's score; its state is kept in a small JSON file per model in the
data folder, so it survives a restart and each model (a rollback too) comes back with its own. The constants were
chosen with ``benchmarks/operating_point.py`` (``docs/operating_point.md``).
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from statistics import NormalDist

import numpy as np

from cookie_inspector.core.frames.imageio import write_bytes_atomic
from cookie_inspector.core.model.calibration import LINE_BOUND, TAIL_FACTOR, robust_centre_spread

__all__ = ["TAIL_FACTOR", "LineCalibration", "LineCalibrationSettings", "SampleReference", "robust_centre_spread"]

MIN_SPREAD_SHARE = 0.25
"""The line's spread is taken as at least this share of the samples' (a line of near-identical scores must not
draw its threshold onto them)."""
FENCE = 5.0
"""The line's parts more than this many spreads above its centre are left out of its own upper quantile (they are
defects: a normal distribution's good parts reach 5 spreads once in 3.5 million). 4 left the tyres' long tail out
(4% false alarms), 6 let subtle defects lift the tiles' threshold."""
MARGIN = 1.0
"""While calibrating, the tail reaches ``z x (1 + MARGIN / sqrt(parts))`` spreads: wide on few parts, the
estimate's own uncertainty, shrinking as parts come in."""


@dataclass(frozen=True)
class LineCalibrationSettings:
    """How the line calibrates itself; the engineer's to change (the window's engineer lock covers them)."""

    enabled: bool = True
    parts: int = 200
    """Parts the calibration takes; then it is finished and held until *Recalibrate on the line*."""
    start_after: int = 20
    """Parts before the line's own estimate is used; until then the conservative threshold alarms."""
    conservative: float = 1.5
    """Until ``start_after`` parts: the samples' threshold times this (only the clearest defects alarm)."""
    bound: float = LINE_BOUND
    """The line's threshold stays within the samples' one divided or multiplied by this."""

    def __post_init__(self) -> None:
        if self.parts < 1 or self.start_after < 1:
            raise ValueError("the calibration's parts must be positive whole numbers")
        if not self.bound >= 1.0 or not self.conservative >= 1.0:
            raise ValueError("the bound and the conservative factor must be at least 1")


@dataclass(frozen=True)
class SampleReference:
    """What the samples' calibration says: its thresholds, and the centre and spread of the scores they came from."""

    threshold: float
    warn_threshold: float
    centre: float
    spread: float
    false_alarm_rate: float = 0.01
    warn_rate: float = 0.05
    sample_tail: float = 0.0
    """How far the samples' own scores reach above their centre, in :data:`TAIL_FACTOR` units (their quantile at
    the target false-alarm rate, in spreads, over z(rate)); 0 where the bundle kept no scores. The line's own upper
    tail may lift its threshold up to this far, not beyond."""

    @property
    def tail(self) -> float:
        """How far above the centre the threshold lies at least, in spreads (see :data:`TAIL_FACTOR`)."""
        return TAIL_FACTOR * NormalDist().inv_cdf(1.0 - self.false_alarm_rate)

    @property
    def warn_tail(self) -> float:
        return TAIL_FACTOR * NormalDist().inv_cdf(1.0 - self.warn_rate)

    @property
    def tail_cap(self) -> float:
        """How far the line's own upper quantile may lift the threshold above the centre, in spreads."""
        return max(TAIL_FACTOR, self.sample_tail) * NormalDist().inv_cdf(1.0 - self.false_alarm_rate)

    @property
    def warn_tail_cap(self) -> float:
        return max(TAIL_FACTOR, self.sample_tail) * NormalDist().inv_cdf(1.0 - self.warn_rate)

    @classmethod
    def from_meta(cls, meta: dict) -> SampleReference:
        """From a bundle's meta.json: its calibration scores when it kept them, else its score statistics."""
        threshold, warn = float(meta["threshold"]), float(meta["warn_threshold"])
        scores = (meta.get("calibration") or {}).get("scores")
        centre = spread = math.nan
        kept: np.ndarray | None = None
        if isinstance(scores, list) and len(scores) >= 3:
            kept = np.asarray(scores, np.float64)
            kept = kept[np.isfinite(kept)]
            centre, spread = robust_centre_spread(kept) if len(kept) >= 3 else (math.nan, math.nan)
        else:
            stats = meta.get("score_stats") or {}
            if "median" in stats and "std" in stats:
                centre, spread = float(stats["median"]), float(stats["std"])
        if not (math.isfinite(centre) and math.isfinite(spread)) or spread <= 0 or threshold <= centre:
            # nothing to go on: the tail as a normal distribution's 1% over a spread of a tenth of the threshold
            spread = abs(threshold) * 0.1 or 1.0
            centre = threshold - 2.326 * spread
        targets = meta.get("calibration") or {}
        try:
            rate = float(targets.get("target_false_alarm_rate", 0.01))
            warn_rate = float(targets.get("target_warn_rate", 0.05))
        except (TypeError, ValueError):
            rate, warn_rate = 0.01, 0.05
        if not 0.0 < rate <= warn_rate < 0.5:
            rate, warn_rate = 0.01, 0.05
        sample_tail = 0.0
        if kept is not None and len(kept) >= 3 and spread > 0:
            reach = (float(np.quantile(kept, 1.0 - rate)) - centre) / spread
            sample_tail = max(reach / NormalDist().inv_cdf(1.0 - rate), 0.0)
        return cls(threshold, min(warn, threshold), centre, spread, rate, warn_rate, sample_tail)


@dataclass
class CalibrationState:
    """What a line calibration has seen, as stored."""

    scores: list[float] = field(default_factory=list)
    parts: list[int] = field(default_factory=list)
    """The part numbers of ``scores`` (per run; for leaving one out when it is marked defective)."""
    confirmed: list[float] = field(default_factory=list)
    """Scores of parts a person labelled good in the review (false alarms among them): the product's own tail."""
    confirmed_keys: list[str] = field(default_factory=list)
    """Which parts those are (the log's row ids): a part labelled good twice counts once."""
    started: str = ""
    finished: str = ""


@dataclass(frozen=True)
class LineEstimate:
    """The thresholds the line's parts give (see :meth:`LineCalibration._estimate_locked`); derived, never stored."""

    threshold: float
    warn_threshold: float
    bounded: str = ""
    """``"high"`` or ``"low"`` when the line's threshold is held at the bound."""


class LineCalibration:
    """The line's calibration of one model. Thread-safe: the inspection thread adds parts, the window reads."""

    def __init__(self, reference: SampleReference, settings: LineCalibrationSettings | None = None,
                 path: Path | None = None, model: str = "") -> None:  # fmt: skip
        self.reference = reference
        self.settings = settings or LineCalibrationSettings()
        self.path = path
        """Where the state is kept (None: in memory only)."""
        self.model = model
        self.save_error = ""
        self._lock = threading.Lock()
        self._state = CalibrationState()
        self._estimate: LineEstimate | None = None
        """From the parts seen, once there are enough of them (None before: the conservative threshold)."""
        if path is not None:
            self._load()

    # -- what the line uses --------------------------------------------------------------------------------------
    def thresholds(self) -> tuple[float, float]:
        """(threshold, warning threshold) for the next frame."""
        with self._lock:
            return self._thresholds_locked()

    def _thresholds_locked(self) -> tuple[float, float]:
        ref = self.reference
        if not self.settings.enabled:
            return ref.threshold, ref.warn_threshold
        if self._estimate is not None:
            return self._estimate.threshold, self._estimate.warn_threshold
        conservative = ref.threshold * self.settings.conservative
        return conservative, conservative * ref.warn_threshold / ref.threshold

    @property
    def state(self) -> str:
        """``off``, ``calibrating`` (``parts_seen`` of ``settings.parts``) or ``calibrated``."""
        if not self.settings.enabled:
            return "off"
        return "calibrated" if self._state.finished else "calibrating"

    @property
    def parts_seen(self) -> int:
        return len(self._state.scores)

    def status(self) -> dict:
        """A snapshot for the window, the summary JSON and the log."""
        with self._lock:
            threshold, warn = self._thresholds_locked()
            state = self._state
            return {"state": self.state, "parts": len(state.scores), "of": self.settings.parts,
                    "started": state.started, "finished": state.finished, "threshold": threshold,
                    "warn_threshold": warn, "samples_threshold": self.reference.threshold,
                    "factor": threshold / self.reference.threshold if self.reference.threshold else math.nan,
                    "bounded": self._estimate.bounded if self._estimate else "", "bound": self.settings.bound,
                    "centre": self._centre_locked(), "using": self._using_locked()}  # fmt: skip

    def _centre_locked(self) -> float:
        """The median score of the line's parts so far (the samples' before any)."""
        scores = self._state.scores
        return float(np.median(scores)) if scores else self.reference.centre

    def _using_locked(self) -> str:
        """Which threshold the line is using: ``samples``, ``conservative`` or ``line``."""
        if not self.settings.enabled:
            return "samples"
        return "line" if self._estimate is not None else "conservative"

    def label(self) -> str:
        """Where the threshold comes from, short, for each part's record: ``conservative 12/200``, ``line 63/200``,
        ``line`` (calibrated) or ``samples`` (off)."""
        with self._lock:
            using = self._using_locked()
            if not self.settings.enabled or self._state.finished:
                return using
            return f"{using} {len(self._state.scores)}/{self.settings.parts}"

    def describe(self) -> str:
        """One line for people: "calibrating on the line: 63 of 200 parts" and the like."""
        status = self.status()
        if status["state"] == "off":
            return "the samples' own (the line's calibration is off)"
        if status["state"] == "calibrated":
            text = f"calibrated on the line, {status['parts']} parts, {status['finished'][11:16]} UTC"
        else:
            text = f"calibrating on the line: {status['parts']} of {status['of']} parts"
        if status["bounded"]:
            text += f" (held at the bound, {status['factor']:.2f} x the samples' threshold)"
        return text

    def set_settings(self, settings: LineCalibrationSettings) -> None:
        """The engineer changed how the line calibrates: the thresholds follow at once (the parts seen are kept)."""
        with self._lock:
            self.settings = settings
            state = self._state
            if state.finished and len(state.scores) < settings.parts:
                state.finished = ""
            elif not state.finished and len(state.scores) >= settings.parts:
                state.finished = _now()
            self._estimate_locked()
            self._save_locked()

    # -- what the line tells it ----------------------------------------------------------------------------------
    def add(self, score: float, part: int = 0) -> None:
        """A part's score (not one the operator marked defective)."""
        if not self.settings.enabled or not math.isfinite(score):
            return
        with self._lock:
            state = self._state
            if state.finished:
                return
            if not state.started:
                state.started = _now()
            state.scores.append(float(score))
            state.parts.append(int(part))
            if len(state.scores) >= self.settings.parts:
                state.finished = _now()
            self._estimate_locked()
            self._save_locked()

    def mark_defective(self, part: int) -> bool:
        """Leave the part numbered ``part`` out (the operator says it was defective); True when it was in."""
        with self._lock:
            state = self._state
            if part not in state.parts:
                return False
            i = len(state.parts) - 1 - state.parts[::-1].index(part)  # the latest: numbers start again per run
            del state.scores[i], state.parts[i]
            self._estimate_locked()
            self._save_locked()
            return True

    def confirm_good(self, score: float, key: str = "") -> None:
        """A person labelled a part good (in the review): its score is the product's, however high. Parts labelled
        good may reach the threshold at the target false-alarm rate at most (2 of 200 parts at 1%); past that the
        threshold rises just above them, within the bound. So one false alarm labelled good moves nothing, a long
        tail of them lifts the line to the product's own."""
        if not self.settings.enabled or not math.isfinite(score):
            return
        with self._lock:
            if key and key in self._state.confirmed_keys:
                return
            self._state.confirmed.append(float(score))
            self._state.confirmed_keys.append(key)
            self._estimate_locked()
            self._save_locked()

    def restart(self) -> None:
        """*Recalibrate on the line*: forget the line's parts; the conservative threshold alarms until enough new
        ones are seen."""
        with self._lock:
            self._state = CalibrationState()
            self._estimate = None
            self._save_locked()

    def _estimate_locked(self) -> None:
        state, ref, settings = self._state, self.reference, self.settings
        count = len(state.scores)
        if count < settings.start_after:
            self._estimate = None
            return
        scores = np.asarray(state.scores)
        centre, spread = robust_centre_spread(scores)
        spread = max(spread, ref.spread * MIN_SPREAD_SHARE)
        widen = 1.0 if count >= settings.parts else 1.0 + MARGIN / math.sqrt(count)
        threshold = centre + ref.tail * widen * spread
        warn = centre + ref.warn_tail * widen * spread
        # the line's own upper quantile, below the fence, up to the tail the samples showed
        inside = scores[scores <= centre + FENCE * spread]
        if len(inside):
            own, own_warn = np.quantile(inside, [1.0 - ref.false_alarm_rate, 1.0 - ref.warn_rate])
            threshold = max(threshold, min(float(own), centre + ref.tail_cap * widen * spread))
            warn = max(warn, min(float(own_warn), centre + ref.warn_tail_cap * widen * spread))
        low, high = ref.threshold / settings.bound, ref.threshold * settings.bound
        bounded = "high" if threshold > high else "low" if threshold < low else ""
        clipped = min(max(threshold, low), high)
        if clipped != threshold:  # the warning line keeps its share of the way up
            warn = clipped * warn / threshold if threshold > 0 else clipped * ref.warn_threshold / ref.threshold
        # parts a person labelled good may alarm (or warn) at the target rate at most: beyond it, the line rises
        # just above them, however high they score, up to the bound
        lifted = min(_above_confirmed(clipped, state.confirmed, ref.false_alarm_rate, count), high)
        if lifted >= high > clipped:
            bounded = "high"
        warn = min(_above_confirmed(min(warn, clipped), state.confirmed, ref.warn_rate, count), lifted)
        self._estimate = LineEstimate(lifted, warn, bounded)

    # -- storage -------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            data = json.loads(Path(self.path).read_text())
            loaded = CalibrationState(**{k: data[k] for k in asdict(CalibrationState()) if k in data})
            if len(loaded.scores) != len(loaded.parts):
                raise ValueError("scores and parts differ in length")
            loaded.scores = [float(v) for v in loaded.scores]
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError) as exc:
            self.save_error = f"{self.path}: the line's calibration could not be read ({exc}); it starts again"
            return
        if data.get("reference_threshold") not in (None, self.reference.threshold):
            return  # another model of the same name: start again
        self._state = loaded
        self._estimate_locked()

    def _save_locked(self) -> None:
        if self.path is None:
            return
        data = {**asdict(self._state), "model": self.model, "reference_threshold": self.reference.threshold,
                "settings": asdict(self.settings)}  # fmt: skip
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(Path(self.path), (json.dumps(data) + "\n").encode())
            self.save_error = ""
        except OSError as exc:  # a full disk: the line goes on calibrating in memory
            self.save_error = f"{self.path}: the line's calibration could not be saved ({exc.strerror or exc})"


def _above_confirmed(line: float, confirmed: list[float], rate: float, parts: int) -> float:
    """``line``, raised just above the parts labelled good where more of them reach it than ``rate`` of ``parts``
    allows, and never for one alone (a single false alarm says nothing of a rate: on 30 parts it would be 3%)."""
    above = sorted((score for score in confirmed if score >= line), reverse=True)
    allowed = max(1, math.ceil(rate * max(parts, len(confirmed))))
    return max(line, above[allowed] * (1 + 1e-6)) if len(above) > allowed else line


CALIBRATION_FOLDER = "line_calibration"


def calibration_path(data_dir: Path, model_path: Path | None, meta: dict, station: str = "") -> Path:
    """Where the line keeps its calibration of the model at ``model_path`` (its name, and a digest of where it
    lives and when it was made, so two models of the same name never share one); each ``station`` keeps its own
    (two cameras see a product differently)."""
    name = model_path.name if model_path is not None else str(meta.get("architecture", "model"))
    key = f"{Path(model_path).resolve() if model_path is not None else ''}|{meta.get('created', '')}"
    if station:
        key += f"|{station}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return Path(data_dir) / CALIBRATION_FOLDER / f"{name}-{digest}.json"


def for_model(meta: dict, model_path: Path | None, data_dir: Path | None,
              settings: LineCalibrationSettings | None = None, station: str = "") -> LineCalibration:  # fmt: skip
    """The line's calibration of a loaded model (at ``station``): its stored state from ``data_dir`` (None: in
    memory only)."""
    path = calibration_path(data_dir, model_path, meta, station) if data_dir is not None else None
    name = model_path.name if model_path is not None else str(meta.get("architecture", ""))
    return LineCalibration(SampleReference.from_meta(meta), settings, path, name)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
