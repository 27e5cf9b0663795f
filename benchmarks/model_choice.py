"""Does the choice made from synthetic test defects pick the model that real defects would pick? The regret table.

For each set and sample count (``--draws`` random draws of the set's ``train/good`` images), the ``feature-auto``
training's own steps run on those samples: features once, test defects made from the samples, every candidate of
``core/model/choice.py`` scored out of fold, the choice. Then every candidate is also fitted on all the samples and
judged on the set's real test images (good and defective, never seen in training):

- ``real caught``: real defects at or above the candidate's own calibrated threshold (what the line would call NG
  before its line calibration), with ``real FA`` the real good test images above it;
- ``real@2%``: real defects caught at the threshold that lets 2% of the real good test images through (a perfect
  calibration), and the real AUROC.

``regret`` is what the choice loses against the candidate that real defects would choose (best real caught minus
the chosen one's; and the same at 2%). The per-kind rankings say which synthetic kinds agree with real defects
(Spearman correlation, over the candidates, of each kind's catch with the real catch at 2%).

    .venv/bin/python benchmarks/model_choice.py [--sets demo magnetic_tile mvtec3d_tire] [--counts 20 50 100]
        [--draws 2] [--json benchmarks/results/model_choice.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.frames.imageio import list_images, read_image
from cookie_inspector.core.frames.preprocess import preprocess
from cookie_inspector.core.judge.evaluation import discover_dataset
from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, ScoringParams
from cookie_inspector.core.model import choice as choice_module
from cookie_inspector.core.model.architectures import get_architecture
from cookie_inspector.core.model.calibration import calibrate
from cookie_inspector.core.model.feature_training import (
    MOVED_SAMPLES,
    SYNTHETIC_DEFECTS,
    _fit_heads,
    _head_distances,
    extract_features,
    member_pools,
    out_of_fold_distances,
    unlike_the_rest,
)
from cookie_inspector.core.model.features import build_feature_extractor
from cookie_inspector.core.model.synthetic import make_defects, moved
from cookie_inspector.core.model.training import resolve_samples_dir
from cookie_inspector.synth.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SIZE = 300
FOLDS = 5


def load(paths: list[Path]) -> np.ndarray:
    return np.stack([preprocess(read_image(p), SIZE, None, "full") for p in paths])


def spearman(a: list[float], b: list[float]) -> float:
    ra, rb = np.argsort(np.argsort(a)), np.argsort(np.argsort(b))
    if np.std(ra) == 0 or np.std(rb) == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])


def one_draw(train_paths: list[Path], test_good: np.ndarray, test_bad: np.ndarray, count: int, seed: int) -> dict:
    arch = get_architecture("feature-auto")
    pools = member_pools(arch, arch.features)
    order = list(dict.fromkeys(pools.values()))
    rng = np.random.default_rng(seed)
    picks = sorted(rng.choice(len(train_paths), size=min(count, len(train_paths)), replace=False))
    samples = load([train_paths[i] for i in picks])
    started = time.monotonic()
    extractor = build_feature_extractor(SIZE, arch.features, pools=tuple(order))
    cancel = threading.Event()

    def features(images):
        return dict(zip(order, extract_features(extractor, images, lambda _: None, cancel), strict=True))

    train_maps = features(samples)
    kept = np.setdiff1d(np.arange(len(samples)), unlike_the_rest(train_maps[pools["gaussian"]], seed))
    defects = make_defects(samples[kept], SYNTHETIC_DEFECTS, seed)
    again_rng = np.random.default_rng(seed + 1)
    again = np.sort(again_rng.choice(len(kept), size=min(len(kept), MOVED_SAMPLES), replace=False))
    extra_maps = features(np.stack([d.image for d in defects] + [moved(samples[kept[i]], again_rng) for i in again]))
    fit = {"epochs": 1, "batch_size": 8, "learning_rate": 1e-3, "seed": seed, "report": lambda _: None,
           "cancel": cancel, "started": started, "coreset": True}  # fmt: skip
    bases = np.r_[[d.base for d in defects], again].astype(np.int64)
    good, extra = out_of_fold_distances(arch, pools, train_maps, kept, extra_maps, bases, fit, FOLDS)
    synthetic = {head: maps[: len(defects)] for head, maps in extra.items()}
    moved_maps = {head: maps[len(defects) :] for head, maps in extra.items()}
    scoring = ScoringParams.for_size(SIZE, FEATURE_DISTANCE)
    kinds = [d.kind for d in defects]
    strengths = np.array([d.strength for d in defects])
    chosen = choice_module.choose(good, synthetic, np.array([d.area for d in defects]), kinds, SIZE, scoring,
                                  0.01, 0.05, strengths=strengths, moved=moved_maps)  # fmt: skip
    seconds = time.monotonic() - started
    # every candidate fitted on all the samples, judged on the real test images
    fitted = _fit_heads(arch, pools, {p: m[kept] for p, m in train_maps.items()}, None, {}, **fit)
    real_maps = features(np.concatenate([test_good, test_bad]))
    real = {head: _head_distances(head, fitted[head], real_maps[pool]) for head, pool in pools.items()}
    n_good = len(test_good)
    rows = []
    for estimate in chosen.estimates:
        candidate = estimate.candidate
        good_maps = choice_module.combine(good, chosen.norm, candidate)
        real_combined = choice_module.combine(real, chosen.norm, candidate)
        if candidate.position_z:
            stats = choice_module.position_stats(good_maps)
            good_maps, real_combined = choice_module.leave_one_out_z(good_maps), stats.apply(real_combined)
        oof = choice_module.image_scores(good_maps, SIZE, scoring)
        threshold = calibrate(oof, 0.01, 0.05).threshold
        scores = choice_module.image_scores(real_combined, SIZE, scoring)
        real_good, real_bad = scores[:n_good], scores[n_good:]
        line2 = float(np.quantile(real_good, 0.98))
        hit = estimate.by_kind
        rows.append({
            "candidate": candidate.name, "synthetic_rank": round(estimate.rank, 4),
            "synthetic_auroc": round(estimate.auroc, 4), "synthetic_caught": round(estimate.share, 4),
            "synthetic_by_kind": {k: v[0] / max(v[1], 1) for k, v in hit.items()},
            "real_caught": round(float(np.mean(real_bad >= threshold)), 4),
            "real_false_alarms": round(float(np.mean(real_good >= threshold)), 4),
            "real_at_2pct": round(float(np.mean(real_bad > line2)), 4),
            "real_auroc": round(choice_module.auroc(real_good, real_bad), 4),
            "synthetic_clear_caught": estimate.clear_caught / max(estimate.clear, 1),
            "threshold": estimate.threshold, "synthetic_scores": [round(float(v), 5) for v in estimate.bad_scores],
            "good_oof_scores": [round(float(v), 5) for v in oof],
        })  # fmt: skip
    by_name = {row["candidate"]: row for row in rows}
    mine = by_name[chosen.chosen.candidate.name]
    kind_agreement = {kind: spearman([r["synthetic_by_kind"][kind] for r in rows], [r["real_at_2pct"] for r in rows])
                      for kind in dict.fromkeys(kinds)}  # fmt: skip
    return {
        "samples": len(samples), "kept": int(len(kept)), "seed": seed, "choice_seconds": round(seconds, 1),
        "chosen": mine["candidate"], "chosen_estimate": f"{chosen.chosen.caught}/{chosen.chosen.defects}",
        "chosen_clear": f"{chosen.chosen.clear_caught}/{chosen.chosen.clear}",
        "chosen_real_caught": mine["real_caught"], "chosen_real_false_alarms": mine["real_false_alarms"],
        "chosen_real_at_2pct": mine["real_at_2pct"],
        "best_real_caught": max(r["real_caught"] for r in rows),
        "best_real_at_2pct": max(r["real_at_2pct"] for r in rows),
        "best_by_real_at_2pct": max(rows, key=lambda r: r["real_at_2pct"])["candidate"],
        "regret_caught": round(max(r["real_caught"] for r in rows) - mine["real_caught"], 4),
        "regret_at_2pct": round(max(r["real_at_2pct"] for r in rows) - mine["real_at_2pct"], 4),
        "rank_correlation": round(spearman([r["synthetic_rank"] for r in rows], [r["real_at_2pct"] for r in rows]), 3),
        "kind_agreement": kind_agreement, "candidates": rows, "kinds": kinds,
        "strengths": [round(float(v), 3) for v in strengths], "areas": [d.area for d in defects],
    }  # fmt: skip


def set_paths(name: str, work: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """(train good, test good, test defective) image paths of a set."""
    if name == "demo":
        write_dataset(work / "demo-samples", seed=21, train=200, test_good=0, test_defect=0)
        write_dataset(work / "demo-line", seed=22, train=0, test_good=60, test_defect=60)
        root, train = work / "demo-line", list_images(work / "demo-samples" / "train" / "good")
    else:
        root = SHARED / name
        train = list_images(resolve_samples_dir(root / "train" / "good"))
    items = discover_dataset(root)
    good = [i.path for i in items if not i.is_defective]
    validation = root / "validation" / "good"
    if validation.is_dir():
        good += list_images(resolve_samples_dir(validation))
    return train, good, [i.path for i in items if i.is_defective]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["demo", "magnetic_tile", "mvtec3d_tire"])
    parser.add_argument("--counts", nargs="+", type=int, default=[20, 50, 100])
    parser.add_argument("--draws", type=int, default=2)
    parser.add_argument("--max-test", type=int, default=200, help="most test images of each kind (a random choice)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "model_choice.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            train, good_paths, bad_paths = set_paths(name, Path(tmp))
            rng = np.random.default_rng(7)
            good_paths = [good_paths[i] for i in sorted(rng.permutation(len(good_paths))[: args.max_test])]
            bad_paths = [bad_paths[i] for i in sorted(rng.permutation(len(bad_paths))[: args.max_test])]
            test_good, test_bad = load(good_paths), load(bad_paths)
            for count in args.counts:
                if count > len(train):
                    continue
                for draw in range(args.draws):
                    row = {"set": name, "count": count,
                           **one_draw(train, test_good, test_bad, count, seed=100 * draw + count)}  # fmt: skip
                    results.append(row)
                    print(f"{name:14s} {count:4d} draw {draw}: chose {row['chosen']:42s} "
                          f"est {row['chosen_estimate']:>6s} clear {row['chosen_clear']:>6s}"
                          f" real caught {row['chosen_real_caught']:.2f} (best {row['best_real_caught']:.2f}) FA "
                          f"{row['chosen_real_false_alarms']:.2f} | @2% {row['chosen_real_at_2pct']:.2f} (best "
                          f"{row['best_real_at_2pct']:.2f} {row['best_by_real_at_2pct']}) rho {row['rank_correlation']}"
                          f" [{row['choice_seconds']} s]", flush=True)  # fmt: skip
                    args.json.parent.mkdir(parents=True, exist_ok=True)
                    args.json.write_text(json.dumps(results, indent=1))
    print()
    print(
        "| set | samples | chosen (most often) | real caught, chosen | best | regret | at 2%: chosen | best | regret |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in args.sets:
        for count in args.counts:
            rows = [r for r in results if r["set"] == name and r["count"] == count]
            if not rows:
                continue
            chosen = max(set(r["chosen"] for r in rows), key=[r["chosen"] for r in rows].count)

            def mean(key: str, rows=rows) -> float:
                return float(np.mean([r[key] for r in rows]))

            print(f"| {name} | {rows[0]['samples']} | {chosen} | {mean('chosen_real_caught'):.2f} | "
                  f"{mean('best_real_caught'):.2f} | {mean('regret_caught'):.2f} | {mean('chosen_real_at_2pct'):.2f} | "
                  f"{mean('best_real_at_2pct'):.2f} | {mean('regret_at_2pct'):.2f} |")  # fmt: skip


if __name__ == "__main__":
    main()
