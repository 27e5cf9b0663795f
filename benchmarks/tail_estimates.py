"""Which tail estimate should set the samples' own threshold: measured on the line, not on the samples.

Reads the streams that ``benchmarks/operating_point.py`` kept (``results/operating_point.json``): for each run, the
samples' out-of-fold scores (what ``train`` calibrates on) and the scores of the line's parts. Each estimate of the
99th percentile of good scores is computed from the samples' scores alone and judged as a fixed threshold on the
line (no line calibration), after the first parts as in the operating-point table:

- ``train``: today's rule, the higher of a log-normal fit and the empirical quantile (``core/model/calibration.py``);
- ``empirical``: the empirical quantile (the next sample's score up);
- ``conformal``: the conformal rank rule, the ``ceil((n + 1)(1 - rate))``-th smallest score (the largest below 99);
- ``lognormal``: a log-normal fit alone;
- ``gpd 20%`` / ``gpd 10%``: a generalised Pareto distribution fitted to the excesses of the top 20% / 10% of the
  scores (peaks over threshold), its quantile at the rate.

    .venv/bin/python benchmarks/tail_estimates.py   (needs scipy, which the test extra brings)
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import warnings
from pathlib import Path

import numpy as np

from cookie_inspector.core.model.calibration import calibrate

try:
    from scipy import stats
except ImportError as exc:  # pragma: no cover - the test extra brings it
    raise SystemExit("scipy is needed: .venv/bin/pip install -e '.[test]'") from exc

from operating_point import judge

RATE = 0.01
HERE = Path(__file__).resolve().parent


def by_train(scores: np.ndarray) -> float:
    return calibrate(scores, RATE, 0.05).threshold


def empirical(scores: np.ndarray) -> float:
    return float(np.quantile(scores, 1 - RATE, method="higher"))


def conformal(scores: np.ndarray) -> float:
    ranked = np.sort(scores)
    k = math.ceil((len(ranked) + 1) * (1 - RATE))
    return float(ranked[min(k, len(ranked)) - 1])


def lognormal(scores: np.ndarray) -> float:
    logs = np.log(np.maximum(scores, 1e-9))
    return float(np.exp(logs.mean() + stats.norm.ppf(1 - RATE) * logs.std(ddof=1)))


def pareto(share: float):
    def estimate(scores: np.ndarray) -> float:
        ranked = np.sort(scores)
        count = len(ranked)
        top = max(round(count * share), 5)
        if top >= count:
            return float(ranked[-1])
        base = ranked[count - top - 1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            shape, _, scale = stats.genpareto.fit(ranked[count - top :] - base, floc=0)
        beyond = RATE * count / top
        return float(base + stats.genpareto.ppf(1 - beyond, shape, 0, scale)) if beyond < 1 else empirical(scores)

    return estimate


ESTIMATES = {"train": by_train, "empirical": empirical, "conformal": conformal, "lognormal": lognormal,
             "gpd 20%": pareto(0.2), "gpd 10%": pareto(0.1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=HERE / "results" / "operating_point.json")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "tail_estimates.json")
    args = parser.parse_args()
    runs = json.loads(args.json.read_text())["runs"]
    keys = sorted({(r["set"], r["samples"]) for r in runs}, key=lambda k: (k[0], -1 if k[1] == "all" else -int(k[1])))
    rows = []
    print(f"{'set':<14}{'samples':>8}  " + "".join(f"{name:>20}" for name in ESTIMATES))
    for name, samples in keys:
        group = [r for r in runs if r["set"] == name and r["samples"] == samples]
        cells = []
        for estimate, rule in ESTIMATES.items():
            judged = []
            for run in group:
                oof = run["out_of_fold"]
                threshold = rule(np.asarray(oof["meta"]["calibration"]["scores"], np.float64))
                thresholds = [(threshold, threshold)] * len(run["defective"])
                judged.append(judge(oof["scores"], run["defective"], thresholds))
            row = {"set": name, "samples": samples, "estimate": estimate, "draws": len(judged),
                   "false_alarms": statistics.median(j["false_alarms"] for j in judged),
                   "false_alarms_worst": max(j["false_alarms"] for j in judged),
                   "detected": statistics.median(j["detected"] for j in judged)}  # fmt: skip
            rows.append(row)
            cells.append(f"{row['false_alarms']:6.1%} {row['false_alarms_worst']:6.1%} {row['detected']:5.2f}")
        print(f"{name:<14}{samples:>8}  " + "".join(f"{c:>20}" for c in cells))
    print("each cell: false alarms on good parts (median over draws, worst draw), defective parts NG")
    args.out.write_text(json.dumps({"rate": RATE, "rows": rows}, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
