"""The operating point as a line meets it: false alarms and WARN among good parts, and defects caught, at the
threshold the app sets itself, over a stream of parts that plays like a shift.

For each set and sample count (three draws each), a model is trained on that many of the set's ``train/good``
images, then it judges a stream of parts one by one, as ``run`` does: the set's good test parts several times, each
a little different (brightness within 4%, moved by up to 1% with the background mirrored in), with about 12%
defective parts shuffled in. Side by side, on the same stream:

- ``held-out``: the calibration before out-of-fold scores (a fifth of the samples held out, its own model);
- ``out-of-fold``: every sample scored by a model fitted without it; the threshold stays the samples';
- ``out-of-fold + line``: the same model, and the line calibrates itself on the parts it judges
  (:mod:`cookie_inspector.core.line.calibration`), as ``run`` and the window do by default.

Rates count the parts after the first 40. ``ideal`` is what a perfect threshold catches on the same scores at the
same false-alarm rate. The demo set's samples come from one station and its line from another (other belt, other
light): the drift a real line has. The stream's scores are kept in the JSON, so ``--reanalyse`` replays other
calibration settings without training again.

    .venv/bin/python benchmarks/operating_point.py [--sets demo magnetic_tile mvtec3d_tire] [--counts all 100 50 20]
        [--draws 3] [--reanalyse]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.frames.imageio import list_images, read_image
from cookie_inspector.core.judge.evaluation import discover_dataset
from cookie_inspector.core.judge.inspector import Inspector, Verdict, verdict_for
from cookie_inspector.core.line import calibration as line_calibration
from cookie_inspector.core.line.calibration import LineCalibration, LineCalibrationSettings, SampleReference
from cookie_inspector.core.model.architectures import get_architecture
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.calibration import calibrate
from cookie_inspector.core.model.training import TrainingConfig, resolve_samples_dir, train
from cookie_inspector.synth.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent
SKIP = 40
"""Parts at the start of the stream that the rates leave out (the line's calibration is starting)."""
DEFECT_SHARE = 0.12
METHODS = ("held-out", "out-of-fold", "out-of-fold + line")
ORDERS = 10
"""Orders each stream is replayed in (see :func:`replay`)."""


def perturb(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The same part again: brightness within 4%, moved by up to 1% of its size, the background mirrored in."""
    height, width = image.shape[:2]
    dx, dy = rng.uniform(-0.01, 0.01) * width, rng.uniform(-0.01, 0.01) * height
    moved = cv2.warpAffine(image, np.float32([[1, 0, dx], [0, 1, dy]]), (width, height), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REFLECT)  # fmt: skip
    gain = rng.uniform(0.96, 1.04)
    return np.clip(moved.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def stream_items(test_root: Path, repeats: int, seed: int) -> list[tuple[Path, bool]]:
    """(image, defective) in line order: every good test part ``repeats`` times, about 12% defective ones. A set's
    ``validation/good`` parts, unseen by training, join the good test parts (more distinct good parts: a false-alarm
    rate counted on few of them moves in steps of one part)."""
    items = discover_dataset(test_root)
    good = [i.path for i in items if not i.is_defective]
    validation = test_root / "validation" / "good"
    if validation.is_dir():
        good += list_images(resolve_samples_dir(validation))
    bad = [i.path for i in items if i.is_defective]
    rng = np.random.default_rng(seed)
    parts = [(p, False) for p in good for _ in range(repeats)]
    wanted = round(len(parts) * DEFECT_SHARE / (1 - DEFECT_SHARE))
    picks = rng.choice(len(bad), size=wanted, replace=wanted > len(bad))
    parts += [(bad[i], True) for i in picks]
    order = rng.permutation(len(parts))
    return [parts[i] for i in order]


def score_stream(model_dir: Path, items: list[tuple[Path, bool]], seed: int) -> list[float]:
    """Each part's score as the line gives it (the whole picture is the region, as for a folder of photos)."""
    inspector = Inspector(load_bundle(model_dir), region="full")
    rng = np.random.default_rng(seed)
    cache: dict[Path, np.ndarray] = {}
    scores = []
    batch: list[np.ndarray] = []
    for path, _ in items:
        if path not in cache:
            cache[path] = read_image(path)
        batch.append(perturb(cache[path], rng))
        if len(batch) == 8:
            scores += [r.score for r in inspector.inspect_batch(batch)]
            batch = []
    if batch:
        scores += [r.score for r in inspector.inspect_batch(batch)]
    return scores


def judge(scores: list[float], defective: list[bool], thresholds: list[tuple[float, float]]) -> dict:
    """Rates after the first :data:`SKIP` parts at the thresholds each part met, and the perfect threshold's."""
    good_ng = good_warn = good = bad = caught = 0
    good_scores, bad_scores = [], []
    for i, (score, is_bad, (threshold, warn)) in enumerate(zip(scores, defective, thresholds, strict=True)):
        if i < SKIP:
            continue
        verdict = verdict_for(score, threshold, warn)
        if is_bad:
            bad += 1
            caught += verdict is Verdict.NG
            bad_scores.append(score)
        else:
            good += 1
            good_ng += verdict is Verdict.NG
            good_warn += verdict is Verdict.WARN
            good_scores.append(score)
    # the best any threshold does with as many false alarms: just above the (k+1)-th highest good score
    ranked = sorted(good_scores, reverse=True)
    line = ranked[good_ng] if good_ng < len(ranked) else -np.inf
    ideal = sum(s > line for s in bad_scores) / bad if bad else float("nan")
    return {"false_alarms": good_ng / good if good else float("nan"), "warn": good_warn / good if good else 0.0,
            "detected": caught / bad if bad else float("nan"), "ideal": ideal, "good": good,
            "defective": bad}  # fmt: skip


def auroc(scores: list[float], defective: list[bool]) -> float:
    good = np.asarray([s for s, d in zip(scores, defective, strict=True) if not d])
    bad = np.asarray([s for s, d in zip(scores, defective, strict=True) if d])
    if not len(good) or not len(bad):
        return float("nan")
    greater = (bad[:, None] > good[None, :]).sum() + 0.5 * (bad[:, None] == good[None, :]).sum()
    return float(greater / (len(good) * len(bad)))


def replay(run: dict, settings: LineCalibrationSettings, orders: int = 1) -> dict[str, dict]:
    """The three calibrations judged on one run's stream scores, averaged over ``orders`` orders of the stream (the
    stream as it was, then shuffles: the line's calibration depends on which parts come first, and one order is one
    draw of that)."""
    defective = np.asarray(run["defective"])
    held, oof = run["held_out"], recalibrated(run["out_of_fold"])
    results: dict[str, list[dict]] = {method: [] for method in METHODS}
    factors = []
    for order in range(orders):
        index = np.arange(len(defective)) if order == 0 else np.random.default_rng(order).permutation(len(defective))
        bad = defective[index].tolist()
        held_scores = np.asarray(held["scores"])[index].tolist()
        oof_scores = np.asarray(oof["scores"])[index].tolist()
        results["held-out"].append(judge(held_scores, bad, [(held["threshold"], held["warn"])] * len(bad)))
        results["out-of-fold"].append(judge(oof_scores, bad, [(oof["threshold"], oof["warn"])] * len(bad)))
        line = LineCalibration(SampleReference.from_meta(oof["meta"]), settings)
        thresholds = []
        for number, score in enumerate(oof_scores, start=1):
            thresholds.append(line.thresholds())
            line.add(score, number)
        results["out-of-fold + line"].append(judge(oof_scores, bad, thresholds))
        factors.append(line.status()["factor"])
    out = {}
    for method, values in results.items():
        out[method] = {key: float(np.mean([v[key] for v in values])) for key in values[0]}
        out[method]["false_alarms_worst"] = max(v["false_alarms"] for v in values)
    out["out-of-fold + line"]["final_factor"] = float(np.median(factors))
    for name, key in (("held-out", "held_out"), ("out-of-fold", "out_of_fold")):
        out[name]["auroc"] = auroc(run[key]["scores"], run["defective"])
    out["out-of-fold + line"]["auroc"] = out["out-of-fold"]["auroc"]
    return out


def recalibrated(oof: dict) -> dict:
    """The out-of-fold run with its samples' thresholds drawn again from its kept scores by today's rule
    (``core/model/calibration.py``): a replay measures the calibration as the code has it, not as it was."""
    scores = np.asarray(oof["meta"]["calibration"]["scores"], np.float64)
    calibration = calibrate(scores)
    meta = {**oof["meta"], "threshold": calibration.threshold, "warn_threshold": calibration.warn_threshold}
    return {**oof, "threshold": calibration.threshold, "warn": calibration.warn_threshold, "meta": meta}


def sets_for(name: str, data: Path, work: Path) -> tuple[Path, Path, int] | None:
    """(pool of good samples, test root, how often each good test part passes) for a set."""
    if name == "demo":
        write_dataset(work / "demo-samples", seed=21, train=200, test_good=0, test_defect=0)
        write_dataset(work / "demo-line", seed=22, train=0, test_good=120, test_defect=70)
        return resolve_samples_dir(work / "demo-samples"), work / "demo-line", 4
    root = data / name
    if not root.is_dir():
        print(f"{root}: missing, skipped")
        return None
    return resolve_samples_dir(root), root, {"magnetic_tile": 3, "mvtec3d_tire": 5}.get(name, 3)


HELD_OUT_ARCHS = ("feature-ensemble", "feature-gaussian", "feature-memory")
"""Architectures that also train with a share held out; the others (the ``auto`` head is chosen out of fold) give
their held-out row the out-of-fold model's figures."""


def trained_run(arch: str, folder: Path, work: Path, items: list[tuple[Path, bool]], draw: int) -> dict:
    """One architecture trained on ``folder`` (held out and out of fold), scoring the stream ``items``."""
    run = {"arch": arch, "defective": [bad for _, bad in items]}
    held_out = get_architecture(arch).name in HELD_OUT_ARCHS  # "default" as what it stands for (feature-auto)
    keys = (("held_out", 0), ("out_of_fold", 5)) if held_out else (("out_of_fold", 5),)
    for key, folds in keys:
        started = time.perf_counter()
        model = work / f"model-{key}"
        bundle = train(folder, model, TrainingConfig(architecture=arch, seed=draw, folds=folds))
        seconds = time.perf_counter() - started
        run[key] = {"threshold": bundle.threshold, "warn": bundle.warn_threshold,
                    "meta": {k: bundle.meta[k] for k in ("threshold", "warn_threshold", "calibration", "score_stats")},
                    "train_seconds": round(seconds, 1), "scores": score_stream(model, items, seed=draw)}  # fmt: skip
        choice = bundle.meta["training"].get("choice")
        if choice:
            run[key]["chosen"], run[key]["estimate"] = choice["chosen"], choice["estimate"]
        shutil.rmtree(model)
    run.setdefault("held_out", run["out_of_fold"])
    return run


def train_runs(args: argparse.Namespace) -> list[dict]:
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.sets:
            found = sets_for(name, args.data, work)
            if found is None:
                continue
            pool, test_root, repeats = found
            files = list_images(pool)
            for count_text in args.counts:
                count = len(files) if count_text == "all" else int(count_text)
                if count > len(files) or (count_text != "all" and count == len(files) and "all" in args.counts):
                    continue
                for draw in range(args.draws):
                    rng = np.random.default_rng(1000 * count + draw)
                    folder = work / f"{name}-{count}-{draw}"
                    folder.mkdir()
                    for i in rng.choice(len(files), size=count, replace=False):
                        shutil.copy(files[i], folder / files[i].name)
                    items = stream_items(test_root, repeats, seed=draw)
                    for arch in args.archs:
                        run = trained_run(arch, folder, work, items, draw)
                        run.update({"set": name, "samples": count_text, "count": count, "draw": draw})
                        runs.append(run)
                        partial = args.json.with_suffix(".partial.json")  # a run cut short keeps what it measured
                        partial.parent.mkdir(parents=True, exist_ok=True)
                        partial.write_text(json.dumps({"runs": runs}) + "\n")
                        summary = replay(run, LineCalibrationSettings())
                        print(f"{name:<14}{count_text:>5} draw {draw} {arch}: " + "  ".join(
                            f"{m}: FA {r['false_alarms']:.3f} WARN {r['warn']:.3f} det {r['detected']:.2f}/"
                            f"{r['ideal']:.2f}" for m, r in summary.items()), flush=True)  # fmt: skip
                    shutil.rmtree(folder)
    return runs


def table(runs: list[dict], settings: LineCalibrationSettings, orders: int = ORDERS) -> list[dict]:
    rows = []
    keys = sorted({(r["set"], r["samples"], r.get("arch", "default")) for r in runs},
                  key=lambda k: (k[0], -1 if k[1] == "all" else -int(k[1]), k[2]))  # fmt: skip
    for name, samples, arch in keys:
        group = [replay(r, settings, orders) for r in runs
                 if r["set"] == name and r["samples"] == samples and r.get("arch", "default") == arch]  # fmt: skip
        for method in METHODS:
            values = [g[method] for g in group]
            row = {"set": name, "samples": samples, "arch": arch, "method": method, "draws": len(values),
                   "orders": orders}  # fmt: skip
            for field in ("false_alarms", "warn", "detected", "ideal", "auroc"):
                row[field] = statistics.median(v[field] for v in values)
            row["false_alarms_worst"] = max(v["false_alarms_worst"] for v in values)
            rows.append(row)
    return rows


def print_table(rows: list[dict]) -> None:
    print(f"\n{'set':<14}{'samples':>8}  {'model':<18}{'calibration':<20}{'FA':>7}{'FA worst':>9}{'WARN':>7}"
          f"{'NG on defects':>15}{'ideal':>7}{'AUROC':>7}")  # fmt: skip
    for r in rows:
        print(f"{r['set']:<14}{r['samples']:>8}  {r.get('arch', 'default'):<18}{r['method']:<20}"
              f"{r['false_alarms']:>7.3f}"
              f"{r['false_alarms_worst']:>9.3f}{r['warn']:>7.3f}{r['detected']:>15.3f}{r['ideal']:>7.3f}"
              f"{r['auroc']:>7.3f}")  # fmt: skip


def write_markdown(rows: list[dict], path: Path, settings: LineCalibrationSettings, command: str) -> None:
    """The table as docs/operating_point.md: what a line meets, at the threshold the app sets itself."""
    draws = max(r["draws"] for r in rows)
    orders = max(r.get("orders", 1) for r in rows)
    lines = [
        "# The operating point",
        "",
        f"Written by `{command}` on {time.strftime('%Y-%m-%d')} (2 cores, CPU). Each row: the median over draws of "
        f"the samples ({draws} draws each), trained with `train`'s defaults, judging a shift on a line simulated from "
        f"the set's test photographs and its unseen `validation/good` ones where it has them (good parts several "
        f"times each, brightness within 4%, moved by up to 1%; {DEFECT_SHARE:.0%} defective parts shuffled in). Each "
        f"draw's stream is replayed in {orders} orders and its rates averaged; *worst*: the worst single order of any "
        f"draw. Rates count the parts after the first {SKIP}. *ideal*: the defective parts a perfect threshold "
        "catches on the same scores at the same false-alarm rate. The line's calibration: "
        f"{settings.parts} parts, bound {settings.bound:g}, tail {line_calibration.TAIL_FACTOR:g} x the normal "
        f"quantile at least, its own tail below {line_calibration.FENCE:g} spreads up to the samples', margin "
        f"{line_calibration.MARGIN:g}.",
        "",
        "| set | samples | model | calibration | false alarms (NG) on good parts | worst | good parts in WARN "
        "| defective parts NG | ideal | image AUROC |",
        "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        bold = "**" if r["method"] == "out-of-fold + line" else ""
        lines.append(f"| {r['set']} | {r['samples']} | {r.get('arch', 'default')} | {bold}{r['method']}{bold} "
                     f"| {r['false_alarms']:.1%} "
                     f"| {r['false_alarms_worst']:.1%} | {r['warn']:.1%} | {r['detected']:.2f} | {r['ideal']:.2f} "
                     f"| {r['auroc']:.3f} |")  # fmt: skip
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["demo", "magnetic_tile", "mvtec3d_tire"])
    parser.add_argument("--counts", nargs="+", default=["all", "100", "50", "20"])
    parser.add_argument("--draws", type=int, default=3)
    parser.add_argument(
        "--archs",
        nargs="+",
        default=["default"],
        help="architectures trained side by side on the same samples and streams (default: default)",
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "operating_point.json")
    parser.add_argument("--reanalyse", action="store_true", help="replay the stored streams, train nothing")
    parser.add_argument(
        "--also",
        type=Path,
        nargs="*",
        default=[],
        help="with --reanalyse: newer runs' JSON; their sets' runs replace the stored ones, and the merged runs are "
        "written back to --json",
    )
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "operating_point.md",
                        help="where the table goes as Markdown (default: docs/operating_point.md)")  # fmt: skip
    parser.add_argument("--tail-factor", type=float, help="replay with another TAIL_FACTOR (with --reanalyse)")
    parser.add_argument("--margin", type=float, help="replay with another MARGIN (with --reanalyse)")
    parser.add_argument("--fence", type=float, help="replay with another FENCE (0: the line's own tail unused)")
    parser.add_argument("--calibration-parts", type=int, default=200, help="the line's calibration's parts")
    parser.add_argument("--orders", type=int, default=ORDERS, help="orders each stream is replayed in")
    args = parser.parse_args()
    if args.tail_factor is not None:
        line_calibration.TAIL_FACTOR = args.tail_factor
    if args.margin is not None:
        line_calibration.MARGIN = args.margin
    if args.fence is not None:
        line_calibration.FENCE = args.fence
    settings = LineCalibrationSettings(parts=args.calibration_parts)
    if args.reanalyse:  # the stored streams of one run or several (--also: newer runs of some sets replace theirs)
        runs = []
        for source in [args.json, *args.also]:
            newer = json.loads(source.read_text())["runs"]
            names = {run["set"] for run in newer}
            runs = [run for run in runs if run["set"] not in names] + newer
    else:
        runs = train_runs(args)
    rows = table(runs, settings, args.orders)
    print_table(rows)
    if args.markdown is not None:
        write_markdown(rows, args.markdown, settings, "benchmarks/operating_point.py" +
                       (" --reanalyse" if args.reanalyse else ""))  # fmt: skip
        print(f"wrote {args.markdown}")
    if not args.reanalyse or args.also:  # merged runs are kept together
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"skip": SKIP, "defect_share": DEFECT_SHARE, "rows": rows, "runs": runs})
                             + "\n")  # fmt: skip
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
