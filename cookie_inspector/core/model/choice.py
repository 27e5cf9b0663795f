"""The model chosen per product, from its good samples alone.

No single head or image score is right for every product: the nearest-neighbour memory sees fine defects on some
products that the Gaussian misses, the Gaussian sees tile cracks that the memory misses, and per-position scores
(each position in units of its own spread over good samples) help where good parts vary more in some places than
others. So training fits the candidates on the same features and judges each one on what it would really face:

- the good samples, each scored by the heads fitted without it (out of fold, as the threshold is calibrated),
- the same good samples moved a little and lit a little differently, as the line shows parts again
  (:func:`~cookie_inspector.core.model.synthetic.moved`; a way of scoring that calls them defects would raise false
  alarms on the line), and
- test defects made from those samples (:mod:`cookie_inspector.core.model.synthetic`), each scored by the heads
  fitted without its good sample.

They are ranked by a measure that a few odd good samples cannot swing: the mean of the AUROC and the share caught at
5% false alarms (ranking by the share at 1% of 40 good samples fails: three odd samples decide it); the strong default
(the memory with per-position z-scores) stays unless another candidate ranks clearly higher. The winner's
estimate is then read at the threshold the app will really use, where the line's calibration settles when its good
parts score like the samples out of fold (:func:`~cookie_inspector.core.model.calibration.settled_threshold`; the
samples' own 1% threshold is their highest score, which one odd sample sets): how many of the test defects it
catches, how many of the clearly visible ones, and the smallest one it catches, in the operator's words.

Everything here works on the heads' position scores (N, grid, grid) in numpy: the backbone ran once per image.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from cookie_inspector.core.judge.evaluation import auroc as roc_area
from cookie_inspector.core.judge.scoring import ScoringParams, feature_maps, scores_from_maps
from cookie_inspector.core.model.calibration import calibrate, settled_threshold

RANK_RATE = 0.05
"""False-alarm rate at which the candidates' catch is compared (with the AUROC): wide enough that a few odd good
samples do not decide it."""
SPREAD_FLOOR = 1.0
"""A position's spread, for its z-score, is at least the median spread over positions (this share of it): only the
positions that vary more than most are damped; one that never varied over a few good samples would otherwise call
every small change a defect (measured, ``benchmarks/image_score.py``: on the tyres the z-max's AUROC was 0.67 with
half the median as the floor, 0.75 with the median; the tiles 0.891 and 0.893)."""
BLIND_FLOOR = 0.5
"""Below this share of the clearly visible test defects caught, the model may be blind to this product's defects:
said, and never swapped in silently."""
CLEAR_STRENGTH = 0.5
"""Test defects of at least this strength (0 barely visible, 1 obvious) are the clearly visible ones: a model for
this product should catch most of them. The fainter half says how fine it goes, not whether it sees."""


@dataclass(frozen=True)
class Candidate:
    """A way of scoring: the heads' position scores (each in units of its spread over good samples) added with
    these weights, then optionally each position in units of its own spread (``position_z``); the image score is
    the highest value of the smoothed map, as for every model."""

    weights: tuple[tuple[str, float], ...]
    position_z: bool = False

    @property
    def heads(self) -> tuple[str, ...]:
        return tuple(head for head, weight in self.weights if weight > 0)

    @property
    def name(self) -> str:
        parts = [head if len(self.heads) == 1 else f"{weight:g} {head}" for head, weight in self.weights if weight > 0]
        return " + ".join(parts) + (", per-position z" if self.position_z else "")

    def to_dict(self) -> dict:
        return {"name": self.name, "weights": dict(self.weights), "position_z": self.position_z}


CANDIDATES = tuple(
    Candidate(weights, z)
    for weights in (
        (("gaussian", 1.0),),
        (("memory", 1.0),),
        (("gaussian", 0.4), ("memory", 0.6)),
        (("gaussian", 0.7), ("memory", 0.3)),
    )  # fmt: skip
    for z in (False, True)
)
"""What training chooses from: the Gaussian, the memory, two weighted sums, each with and without per-position
z-scores."""
PREFERRED = Candidate((("memory", 1.0),), True)
"""The strong default: the memory with per-position z-scores, within 0.02 to 0.04 of the best candidate on every set
measured (``benchmarks/model_choice.py``). Another candidate is chosen over it only when the test defects rank it
clearly higher (:data:`PREFER_MARGIN`)."""
PREFER_MARGIN = 0.05
"""How much higher (in rank: the mean of AUROC and catch at :data:`RANK_RATE`) another candidate must rank on the
test defects to be chosen over :data:`PREFERRED`. Measured on two runs of the regret table (18 draws each, tiles,
tyres and demo cookies from 20 to 100 samples; real defects caught at 2% false alarms lost against the best
candidate): always the best-ranked one 0.039 and 0.049, always the preferred one 0.040 and 0.021, the preferred one
unless another ranks 0.05 higher 0.030 and 0.032 (margins 0.03 and 0.08: 0.025 / 0.047 and 0.040 / 0.031). Test
defects rank the candidates close to the real ones' order but not exactly: small leads are noise."""


def normalisation(good: dict[str, np.ndarray]) -> dict[str, tuple[float, float]]:
    """Each head's (mean, std) over the out-of-fold position scores of the good samples."""
    return {head: (float(maps.mean()), float(maps.std()) + 1e-6) for head, maps in good.items()}


def combine(scores: dict[str, np.ndarray], norm: dict[str, tuple[float, float]], candidate: Candidate) -> np.ndarray:
    """The candidate's position map (N, grid, grid) before any per-position z: its heads' weighted, normalised sum."""
    total = None
    for head, weight in candidate.weights:
        if weight <= 0:
            continue
        mean, std = norm[head]
        part = (scores[head].astype(np.float32) - mean) * (weight / std)
        total = part if total is None else total + part
    return total


@dataclass(frozen=True)
class PositionStats:
    """Each position's mean and 1 / spread over good samples' maps (the spread floored, :data:`SPREAD_FLOOR`)."""

    mean: np.ndarray
    scale: np.ndarray

    def apply(self, maps: np.ndarray) -> np.ndarray:
        return (maps - self.mean) * self.scale


def _floored(spread: np.ndarray) -> np.ndarray:
    """Each position's spread, at least :data:`SPREAD_FLOOR` times the median over positions."""
    return np.maximum(spread, SPREAD_FLOOR * float(np.median(spread)) + 1e-6)


def position_stats(maps: np.ndarray) -> PositionStats:
    """The per-position yardstick of good maps (N, grid, grid)."""
    mean = maps.mean(axis=0)
    spread = maps.std(axis=0, ddof=1) if len(maps) > 1 else np.ones_like(mean)
    return PositionStats(mean.astype(np.float32), (1.0 / _floored(spread)).astype(np.float32))


def leave_one_out_z(maps: np.ndarray) -> np.ndarray:
    """Each good map in units of the *other* good maps' per-position mean and spread: a sample's own map must not
    set the yardstick it is measured with (with 20 samples its own peak would hold its z under 4.3)."""
    n = len(maps)
    if n < 3:
        return position_stats(maps).apply(maps)
    total, squares = maps.sum(axis=0), np.square(maps).sum(axis=0)
    out = np.empty_like(maps, dtype=np.float32)
    for i in range(n):
        mean = (total - maps[i]) / (n - 1)
        var = np.maximum((squares - np.square(maps[i])) / (n - 1) - np.square(mean), 0.0) * (n - 1) / (n - 2)
        out[i] = (maps[i] - mean) / _floored(np.sqrt(var))
    return out


def image_scores(position_maps: np.ndarray, size: int, scoring: ScoringParams) -> np.ndarray:
    """What the model's own layers and the inspector make of position maps: upsampled onto the image (bilinear),
    smoothed, the highest value."""
    if len(position_maps) == 0:
        return np.zeros(0, np.float32)
    up = np.stack([cv2.resize(m.astype(np.float32), (size, size), interpolation=cv2.INTER_LINEAR)
                   for m in position_maps])  # fmt: skip
    return scores_from_maps(feature_maps(up, scoring))


def auroc(good: np.ndarray, bad: np.ndarray) -> float:
    """Probability that a defect scores above a good sample (ties count half)."""
    value = roc_area(np.concatenate([good, bad]), np.r_[np.zeros(len(good), bool), np.ones(len(bad), bool)])
    return float("nan") if value is None else value


def caught_at(good: np.ndarray, bad: np.ndarray, rate: float) -> float:
    """Share of ``bad`` above the good scores' (1 - rate) quantile."""
    if len(bad) == 0:
        return float("nan")
    line = float(np.quantile(good, 1.0 - rate))
    return float(np.mean(bad > line))


@dataclass
class Estimate:
    """How one candidate did on this product's good samples and test defects."""

    candidate: Candidate
    auroc: float
    caught_at_rank_rate: float
    rank: float
    threshold: float = 0.0
    caught: int = 0
    defects: int = 0
    smallest_caught: int | None = None
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    clear_caught: int = 0
    clear: int = 0
    bad_scores: np.ndarray | None = field(default=None, repr=False)
    """The test defects' scores (for benchmarks; not recorded)."""

    @property
    def share(self) -> float:
        return self.caught / self.defects if self.defects else 0.0

    @property
    def blind(self) -> bool:
        return is_blind(self.to_dict())

    def to_dict(self) -> dict:
        return {**self.candidate.to_dict(), "auroc": round(self.auroc, 4),
                f"caught_at_{RANK_RATE:g}": round(self.caught_at_rank_rate, 4), "rank": round(self.rank, 4),
                "caught": self.caught, "defects": self.defects, "smallest_caught_px": self.smallest_caught,
                "clear_caught": self.clear_caught, "clear": self.clear, "by_kind": self.by_kind}  # fmt: skip


@dataclass
class Choice:
    """The chosen candidate, every candidate's estimate, and what the chosen one needs to be built."""

    chosen: Estimate
    estimates: list[Estimate]
    norm: dict[str, tuple[float, float]]
    stats: PositionStats | None
    good_scores: np.ndarray
    """The chosen candidate's out-of-fold image scores of the good samples (what its threshold is calibrated on)."""

    def to_dict(self) -> dict:
        return {"chosen": self.chosen.candidate.name, "measure": f"mean of AUROC and caught at {RANK_RATE:g} "
                "false alarms, on test defects made from the samples, out of fold",
                "estimate": self.chosen.to_dict(), "candidates": [e.to_dict() for e in self.estimates]}  # fmt: skip


def choose(good: dict[str, np.ndarray], synthetic: dict[str, np.ndarray], areas: np.ndarray, kinds: list[str],
           size: int, scoring: ScoringParams, false_alarm_rate: float, warn_rate: float,
           candidates: tuple[Candidate, ...] = CANDIDATES, strengths: np.ndarray | None = None,
           moved: dict[str, np.ndarray] | None = None) -> Choice:  # fmt: skip
    """Rank ``candidates`` on out-of-fold position scores per head: ``good`` (N, grid, grid) of the good samples,
    ``synthetic`` (M, grid, grid) of the test defects (``areas`` their sizes in pixels, ``kinds`` their kinds,
    ``strengths`` how visible they were made, default all clear), ``moved`` (K, grid, grid) of good samples moved
    and lit a little differently (ranked as good parts too); the best one's catch is then read where its line will
    settle."""
    clear = np.ones(len(areas), bool) if strengths is None else np.asarray(strengths) >= CLEAR_STRENGTH
    norm = normalisation(good)
    estimates = []
    scored = {}
    for candidate in candidates:
        good_maps, bad_maps = combine(good, norm, candidate), combine(synthetic, norm, candidate)
        moved_maps = combine(moved, norm, candidate) if moved else None
        stats = None
        if candidate.position_z:
            stats = position_stats(good_maps)
            good_maps, bad_maps = leave_one_out_z(good_maps), stats.apply(bad_maps)
            moved_maps = stats.apply(moved_maps) if moved_maps is not None else None
        good_scores, bad_scores = image_scores(good_maps, size, scoring), image_scores(bad_maps, size, scoring)
        ranked = good_scores if moved_maps is None else np.r_[good_scores, image_scores(moved_maps, size, scoring)]
        area_under, caught = auroc(ranked, bad_scores), caught_at(ranked, bad_scores, RANK_RATE)
        estimates.append(Estimate(candidate, area_under, caught, (area_under + caught) / 2))
        scored[candidate] = (good_scores, bad_scores, stats)
    best = max(estimates, key=lambda e: (e.rank, e.auroc))
    preferred = next((e for e in estimates if e.candidate == PREFERRED), None)
    if preferred is not None and best.rank - preferred.rank <= PREFER_MARGIN:
        best = preferred  # no clear lead over the strong default
    for estimate in estimates:  # every candidate's catch where its line will settle, for the record
        good_scores, bad_scores, _ = scored[estimate.candidate]
        samples = calibrate(good_scores, false_alarm_rate, warn_rate).threshold
        threshold = settled_threshold(good_scores, samples, false_alarm_rate)
        hit = bad_scores >= threshold
        estimate.threshold, estimate.caught, estimate.defects = float(threshold), int(hit.sum()), len(bad_scores)
        estimate.smallest_caught = int(areas[hit].min()) if hit.any() else None
        estimate.clear_caught, estimate.clear = int((hit & clear).sum()), int(clear.sum())
        estimate.bad_scores = bad_scores
        estimate.by_kind = {kind: [int(np.sum(hit & (np.asarray(kinds) == kind))), int(kinds.count(kind))]
                            for kind in dict.fromkeys(kinds)}  # fmt: skip
    good_scores, _, stats = scored[best.candidate]
    return Choice(best, estimates, norm, stats, good_scores)


def estimate_of(meta: dict) -> dict | None:
    """The estimate a bundle records of what its model can see (``training.choice.estimate``), or None (a model
    trained before the choice, or of another architecture)."""
    choice = (meta.get("training") or {}).get("choice")
    estimate = choice.get("estimate") if isinstance(choice, dict) else None
    if not isinstance(estimate, dict) or not isinstance(estimate.get("defects"), int) or not estimate["defects"]:
        return None
    return estimate


BLIND = "it may be blind to small defects of this product"
WHAT_HELPS = "more samples or a region closer around the product help"


def is_blind(estimate: dict) -> bool:
    """Whether a recorded estimate falls below :data:`BLIND_FLOOR` of the clearly visible test defects (of all of
    them, for an estimate that does not tell them apart)."""
    if int(estimate.get("clear") or 0) > 0:
        return int(estimate["clear_caught"]) < BLIND_FLOOR * int(estimate["clear"])
    return int(estimate["caught"]) < BLIND_FLOOR * int(estimate["defects"])


def describe(estimate: dict) -> str:
    """A recorded estimate in an operator's words, in English clauses joined by "; " (the window translates them):
    what it catches, the smallest it catches, and below the floor that it may be blind and what helps."""
    caught, defects = int(estimate["caught"]), int(estimate["defects"])
    clauses = [f"it catches {caught} of {defects} test defects made from your samples, at 1% false alarms"]
    if int(estimate.get("clear") or 0) > 0:
        clauses.append(f"{estimate['clear_caught']} of the {estimate['clear']} clearly visible ones")
    if estimate.get("smallest_caught_px"):
        clauses.append(f"the smallest it catches is {estimate['smallest_caught_px']} pixels")
    if is_blind(estimate):
        clauses += [BLIND, WHAT_HELPS]
    return "; ".join(clauses)
