"""After a model swap, the live line is the real test: a model that passed its check on held-out samples can still
alarm on good parts framed differently (an imported folder, another light). :class:`SwapWatch` compares the first
parts after a swap with what the model was calibrated for and with how the previous model did on the same line;
:class:`DriftMeter` compares the OK parts' scores over the shift with the calibration (light or camera changes).

Both are plain bookkeeping over :class:`PartVerdict` values; the window decides what to show.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from dataclasses import dataclass

from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.live import PartVerdict

WATCH_PARTS = 30
"""Parts after a swap that the watch judges; past them it is over (the model is trusted, or was rolled back)."""
MIN_PARTS = 8
"""Parts it needs before it may call the alarm rate too high."""
MIN_ALARMS = 3
"""NG parts it needs before it may call the alarm rate too high: one or two may be real defects."""


@dataclass(frozen=True)
class WatchReport:
    """How the new model is doing on the line."""

    state: str
    """``watching`` (too few parts yet), ``suspect`` (far more alarms than calibrated: offer the rollback) or
    ``trusted`` (the watch ended without a finding)."""
    parts: int
    alarms: int
    limit: float
    """The alarm rate above which the model is suspect."""
    calibrated_rate: float
    previous_rate: float | None
    reason: str = "alarms"
    """Why it is suspect: ``alarms`` (far more NG parts than calibrated) or ``bound`` (the line's calibration is
    held at its upper bound: the line's good parts score far above the new model's samples)."""
    factor: float = 1.0
    """With ``bound``: the line's threshold over the samples' one."""

    @property
    def rate(self) -> float:
        return self.alarms / self.parts if self.parts else 0.0


class SwapWatch:
    """Counts the NG parts among the first :data:`WATCH_PARTS` after a swap.

    The model is suspect when at least :data:`MIN_ALARMS` of at least :data:`MIN_PARTS` parts are NG and their share
    is above ``limit``: five times its calibrated false-alarm rate, twice the previous model's NG rate on this line
    plus 5 points, and 10% at the least (a line with real defects must not look like a broken model).

    It follows the line's calibration (:mod:`~cookie_inspector.core.line.calibration`): the parts it judges at the
    conservative threshold, before the line's own estimate is used, do not count towards the watch's parts, so the
    watch ends only after :data:`WATCH_PARTS` parts judged at the line's threshold or the samples'; and a line
    calibration held at its upper bound makes the model suspect at once (the line's good parts look unlike the
    samples it learned: another region, light or product)."""

    def __init__(self, calibrated_rate: float, previous_rate: float | None = None, parts: int = WATCH_PARTS) -> None:
        self.calibrated_rate = max(0.0, float(calibrated_rate))
        self.previous_rate = previous_rate
        self.watch_parts = parts
        self.conservative_parts = 0
        """Parts seen while the line's calibration still used its conservative threshold."""
        self.bound_factor: float | None = None
        limits = [0.10, 5 * self.calibrated_rate]
        if previous_rate is not None:
            limits.append(2 * previous_rate + 0.05)
        self.limit = max(limits)
        self.parts = 0
        self.alarms = 0

    def add(self, verdict: PartVerdict, calibration: dict | None = None) -> WatchReport:
        """One more part; ``calibration``: the line's calibration's status after it (see
        :meth:`~cookie_inspector.core.line.calibration.LineCalibration.status`), None without one."""
        if self.parts < self.watch_parts + self.conservative_parts:
            self.parts += 1
            self.alarms += verdict.verdict is Verdict.NG
            if verdict.threshold_from.startswith("conservative"):
                self.conservative_parts += 1
        if calibration is not None and calibration.get("using") == "line" and calibration.get("bounded") == "high":
            self.bound_factor = float(calibration.get("factor", math.nan))
        return self.report()

    def report(self) -> WatchReport:
        figures = (self.parts, self.alarms, self.limit, self.calibrated_rate, self.previous_rate)
        if self.bound_factor is not None:
            return WatchReport("suspect", *figures, reason="bound", factor=self.bound_factor)
        suspect = self.parts >= MIN_PARTS and self.alarms >= MIN_ALARMS and self.alarms / self.parts > self.limit
        if suspect:
            state = "suspect"
        elif self.parts >= self.watch_parts + self.conservative_parts:
            state = "trusted"
        else:
            state = "watching"
        return WatchReport(state, *figures)


class DriftMeter:
    """The median normalised score of the last ``window`` OK and WARN parts against the calibration's median.

    ``ratio`` above :attr:`limit` means the good parts look less like the samples than they did: the light, the
    camera or the product changed (or the region moved), and the model will soon alarm on good parts."""

    def __init__(self, calibrated_median: float | None, window: int = 50, limit: float = 1.35, minimum: int = 15):
        self.calibrated_median = calibrated_median if calibrated_median and calibrated_median > 0 else None
        self.limit = limit
        self.minimum = minimum
        self._scores: deque[float] = deque(maxlen=window)

    def add(self, verdict: PartVerdict) -> None:
        if verdict.verdict is not Verdict.NG:
            self._scores.append(verdict.normalized_score)

    @property
    def ratio(self) -> float | None:
        """Live median over calibrated median, or None with too few parts or no calibration figures."""
        if self.calibrated_median is None or len(self._scores) < self.minimum:
            return None
        return statistics.median(self._scores) / self.calibrated_median

    @property
    def drifting(self) -> bool:
        ratio = self.ratio
        return ratio is not None and ratio > self.limit


def calibration_figures(meta: dict) -> tuple[float, float | None]:
    """(calibrated false-alarm rate, median good score / threshold) from a bundle's meta.json; 1% and None where
    it does not say."""
    calibration = meta.get("calibration") or {}
    rate = calibration.get("target_false_alarm_rate", calibration.get("observed_false_alarm_rate", 0.01))
    stats = meta.get("score_stats") or {}
    median, threshold = stats.get("median"), meta.get("threshold")
    try:
        normalised = float(median) / float(threshold) if median is not None and threshold else None
    except (TypeError, ValueError, ZeroDivisionError):
        normalised = None
    try:
        rate = float(rate)
    except (TypeError, ValueError):
        rate = 0.01
    return rate, normalised
