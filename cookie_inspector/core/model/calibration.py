"""Setting the alarm threshold from good samples held out of training.

The threshold is the score that good parts exceed at the target false-alarm rate. Held-out sets are small (tens of
images), so the quantile is estimated two ways and the higher wins: a log-normal tail (smooth, reaches past the largest
sample; the lower of a fit to all the scores and one to their upper half) and the empirical quantile (no shape
assumed). The warning threshold starts the grey zone.

The line then sets its own threshold from the parts it judges (``core/line/calibration.py``) with the robust
statistics kept here, so that training can tell where a line whose good parts score like the samples will settle
(:func:`settled_threshold`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

LOWER_QUANTILE = 0.16
"""The spread is median - this quantile: one standard deviation for normally spread scores, and below the median,
where defects (high scores) do not reach."""
TAIL_FACTOR = 1.25
"""The line's threshold lies at least this many times the normal distribution's quantile (2.33 for 1% false
alarms) above the centre of its parts, in spreads. Measured (``benchmarks/operating_point.py``, each stream replayed
in 10 orders): the good parts' 99th percentile lay 0.9 to 2.4 such spreads above the centre, by product and by draw of
the samples; 1.25 with the line's own tail (``core/line/calibration.FENCE``) kept every set's median false alarms at
or under 2%, 1.15 and 1.2 left the tyres above it, 1.3 and more cost the tiles defects."""
LINE_BOUND = 2.0
"""The line's threshold stays within the samples' one divided or multiplied by this (its default; the engineer's to
change in the line's calibration settings)."""
DEFAULT_FALSE_ALARM_RATE = 0.01
DEFAULT_WARN_RATE = 0.05
MIN_CALIBRATION_SAMPLES = 2


@dataclass(frozen=True)
class Calibration:
    """Thresholds and the held-out score statistics they came from."""

    threshold: float
    warn_threshold: float
    false_alarm_rate: float
    warn_rate: float
    stats: dict
    observed_false_alarm_rate: float
    observed_warn_rate: float

    def to_dict(self, scored: str | None = None) -> dict:
        """For the bundle; ``scored``: what the scores were (default: held-out good samples)."""
        return {
            "method": f"max(lognormal_upper_tail, empirical_quantile) on {scored or 'held-out good samples'}",
            "target_false_alarm_rate": self.false_alarm_rate,
            "target_warn_rate": self.warn_rate,
            "held_out_samples": self.stats["count"],
            "observed_false_alarm_rate": self.observed_false_alarm_rate,
            "observed_warn_rate": self.observed_warn_rate,
        }


def score_statistics(scores: np.ndarray) -> dict:
    """Summary of a set of good-sample scores, kept in the bundle for scaling and for later comparison."""
    scores = np.asarray(scores, dtype=np.float64)
    logs = np.log(np.maximum(scores, 1e-12))
    log_median = float(np.median(logs))
    upper = logs[logs >= log_median] - log_median
    return {
        "count": int(scores.size),
        "mean": float(scores.mean()),
        "std": float(scores.std()),
        "min": float(scores.min()),
        "median": float(np.median(scores)),
        "p95": float(np.quantile(scores, 0.95)),
        "max": float(scores.max()),
        "log_mean": float(logs.mean()),
        "log_std": float(logs.std(ddof=1)) if scores.size > 1 else 0.0,
        "log_median": log_median,
        "log_upper_spread": float(np.sqrt(np.mean(upper**2))) if upper.size else 0.0,
    }


def _quantile(scores: np.ndarray, stats: dict, rate: float) -> float:
    z = NormalDist().inv_cdf(1.0 - rate)
    # two log-normal fits, the lower wins: one to all the log scores, which one unusually low score (an easy sample)
    # widens (it put 20 photos of a varied product at 2.5 x their highest score), and one to the upper half alone
    # (their root mean square above the median), which few scores make noisy; each errs high in its own case, and
    # the empirical quantile below keeps the threshold above the samples' own scores either way
    whole = math.exp(stats["log_mean"] + z * stats["log_std"])
    parametric = min(whole, math.exp(stats["log_median"] + z * stats["log_upper_spread"]))
    empirical = float(np.quantile(scores, 1.0 - rate, method="higher"))
    if empirical >= parametric:
        # the quantile is a sample's own score: that good sample is at the line, not over it (NG is score >= line)
        return float(np.nextafter(empirical * (1.0 + 1e-6), math.inf))
    return parametric


def calibrate(
    scores: np.ndarray,
    false_alarm_rate: float = DEFAULT_FALSE_ALARM_RATE,
    warn_rate: float = DEFAULT_WARN_RATE,
) -> Calibration:
    """Thresholds for ``scores`` of good samples the model did not train on."""
    scores = np.asarray(scores, dtype=np.float64).ravel()
    if scores.size < MIN_CALIBRATION_SAMPLES:
        raise ValueError(f"calibration needs at least {MIN_CALIBRATION_SAMPLES} held-out scores, got {scores.size}")
    if not 0.0 < false_alarm_rate < 0.5:
        raise ValueError("the target false-alarm rate must be between 0 and 0.5")
    if not false_alarm_rate <= warn_rate < 1.0:
        raise ValueError("the warning rate must be at least the false-alarm rate and below 1")
    stats = score_statistics(scores)
    threshold = _quantile(scores, stats, false_alarm_rate)
    warn_threshold = min(_quantile(scores, stats, warn_rate), threshold)
    return Calibration(
        threshold=threshold,
        warn_threshold=warn_threshold,
        false_alarm_rate=false_alarm_rate,
        warn_rate=warn_rate,
        stats=stats,
        observed_false_alarm_rate=float(np.mean(scores >= threshold)),
        observed_warn_rate=float(np.mean(scores >= warn_threshold)),
    )


def robust_centre_spread(scores: np.ndarray) -> tuple[float, float]:
    """(median, median - 16th percentile) of ``scores``: location and spread that defects, which score high, hardly
    move."""
    scores = np.asarray(scores, np.float64)
    median = float(np.median(scores))
    return median, max(median - float(np.quantile(scores, LOWER_QUANTILE)), 0.0)


def settled_threshold(scores: np.ndarray, threshold: float, false_alarm_rate: float = DEFAULT_FALSE_ALARM_RATE,
                      bound: float = LINE_BOUND) -> float:  # fmt: skip
    """Where the line's calibration (``core/line/calibration.py``) settles when its good parts score like
    ``scores``: :data:`TAIL_FACTOR` normal quantiles of the target rate above their centre, in spreads, within the
    samples' ``threshold`` divided and multiplied by ``bound``. A few odd scores move it little, where the samples'
    own threshold (their 1% quantile: with a hundred samples, the highest) is theirs."""
    centre, spread = robust_centre_spread(scores)
    line = centre + TAIL_FACTOR * NormalDist().inv_cdf(1.0 - false_alarm_rate) * spread
    return float(min(max(line, threshold / bound), threshold * bound))
