"""Detection quality on real photographs and on the demo cookies: every network side by side, and the ablations.

For each data set (the demo cookies of a fixed seed, and the real sets in ``../shared/data``: ``magnetic_tile``,
``mvtec3d_tire``), trains every network on ``train/good`` only (same images, same held-out split), evaluates it on
``test/`` as ``cookie-inspector evaluate`` does (image and pixel AUROC, false-alarm and detection rates at the
calibrated threshold), and measures training time, model-only inference at batch 1 and the model file's size.
The networks: the seed (the article's), the pixel network of the first release, and the feature models, one per
head; the default is marked. Ablation rows change one thing of the default at a time (random backbone weights
instead of ImageNet's, one tap instead of two, no neighbourhood average, another working size; the memory head
without its coreset), and the pixel network's reconstructions are scored each way of the first release. One figure
per set (good and defective examples with the seed's, the pixel network's and the default's heatmaps). Writes
``docs/quality.md``, ``docs/quality.json`` and ``docs/quality_<set>.jpg``.

    .venv/bin/python benchmarks/quality.py                      # everything: about an hour on 2 cores
    .venv/bin/python benchmarks/quality.py --sets mvtec3d_tire --networks feature-gaussian --out /tmp/q  # a look

Epochs differ between networks and sets (``EPOCHS``): the pixel networks get about the same training time on a
set, and the seed network, four times slower to train, gets fewer epochs. ``--scale`` multiplies every epoch count.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.frames.imageio import read_image
from cookie_inspector.core.frames.preprocess import preprocess
from cookie_inspector.core.judge.evaluation import DatasetItem, auroc, discover_dataset, evaluate, read_mask
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.judge.scoring import (
    SMOOTHED_DIFFERENCE,
    SMOOTHED_ERROR,
    ScoringParams,
    error_maps,
    heatmap_overlay,
    scores_from_maps,
)
from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE
from cookie_inspector.core.model.bundle import MODEL_FILE, load_bundle
from cookie_inspector.core.model.features import FeatureSpec
from cookie_inspector.core.model.training import TrainingConfig, resolve_samples_dir, train

ROOT = Path(__file__).resolve().parent.parent
REAL_SETS = ("magnetic_tile", "mvtec3d_tire")
DEMO_SEED = 5
DEMO_COUNTS = {"train": 300, "test_good": 100, "test_defect": 100}

EPOCHS = {
    "demo": {"seed": 6, "pixel": 30},
    "magnetic_tile": {"seed": 2, "pixel": 10},
    "mvtec3d_tire": {"seed": 15, "pixel": 60},
}
"""Epochs per set of the pixel networks. About equal training time per network on a set; the seed's are reduced.
The feature models are fitted with their own defaults (the autoencoder head: 60 epochs over the feature maps)."""

NETWORKS = (
    ("seed", "seed", {}),
    ("pixel", "pixel", {}),
    ("feature-ae", "feature-ae", {}),
    ("feature-gaussian", "feature-gaussian", {}),
    ("feature-memory", "feature-memory", {}),
    ("feature-ensemble", "feature-ensemble", {}),
)
"""(row name, architecture, training overrides): every network with its defaults."""

ABLATIONS = (
    ("default with random backbone weights", DEFAULT_ARCHITECTURE, {"pretrained": False}),
    ("default, stride-8 tap only", DEFAULT_ARCHITECTURE, {"features": FeatureSpec(taps=("stride8",))}),
    ("default, no 3x3 neighbourhood average for any head", DEFAULT_ARCHITECTURE, {"features": FeatureSpec(pool=1)}),
    ("default, backbone at 224 px", DEFAULT_ARCHITECTURE, {"features": FeatureSpec(backbone_size=224)}),
    ("feature-memory, random subsample instead of coreset", "feature-memory", {"coreset": False}),
)
"""One change to a feature model at a time (row name, architecture, overrides)."""

TARGETS = {
    "demo": {"image_auroc": 0.99, "pixel_auroc": 0.97},
    "magnetic_tile": {"image_auroc": 0.93, "pixel_auroc": 0.85},
    "mvtec3d_tire": {"image_auroc": 0.80, "pixel_auroc": 0.95},
}
"""The detection-quality goals for the default model (image and pixel AUROC)."""

SPEED_FRAMES = 40
FIGURE_TILE = 200


OPERATING_POINT_NOTE = (
    "**This page ranks; [operating_point.md](operating_point.md) decides.** The rates below are at each m"
    "odel's own threshold from its samples, on the test folder once. What an operator meets is the thresh"
    "old the app sets itself on the line (out-of-fold calibration, then the line's own), over a shift: fa"
    "lse alarms and defects caught there are measured by `benchmarks/operating_point.py` and reported in "
    "[operating_point.md](operating_point.md) (and in the README). How the image score is drawn from the "
    "map at 1% false alarms (maximum, top-k means, each position in units of its own spread on good parts"
    ") is measured by `benchmarks/image_score.py` (`benchmarks/results/image_score.json`)."
)


def prepare_demo(folder: Path) -> Path:
    from cookie_inspector.synth.dataset import write_dataset

    write_dataset(folder, seed=DEMO_SEED, train=DEMO_COUNTS["train"], test_good=DEMO_COUNTS["test_good"],
                  test_defect=DEMO_COUNTS["test_defect"])  # fmt: skip
    return folder


def load_test(root: Path, size: int) -> tuple[list[DatasetItem], np.ndarray, np.ndarray]:
    """Every readable test image of ``root`` preprocessed as the evaluation does, with its mask (all False if good)."""
    items, images, masks = [], [], []
    for item in discover_dataset(root):
        image = read_image(item.path)
        images.append(preprocess(image, size, None, region="full"))
        if item.is_defective and item.mask_path is not None:
            masks.append(read_mask(item, image.shape, size, None))
        else:
            masks.append(np.zeros((size, size), bool))
        items.append(item)
    return items, np.stack(images), np.stack(masks)


def inference_fps(inspector: Inspector, images: np.ndarray) -> float:
    """Model-only frames per second at batch 1 (as the live line runs), after one call to compile."""
    inspector.warm_up()
    frames = images[:SPEED_FRAMES]
    started = time.perf_counter()
    for frame in frames:
        inspector.reconstruct(frame[None])
    return len(frames) / (time.perf_counter() - started)


def ablation(inspector: Inspector, held: np.ndarray, images: np.ndarray, masks: np.ndarray,
             labels: np.ndarray) -> dict[str, dict]:  # fmt: skip
    """Image and pixel AUROC of scoring variants on the same reconstructions of a pixel network (the model's outline
    check left out, so every row compares the error maps alone)."""
    recon, held_recon = inspector.reconstruct(images), inspector.reconstruct(held)
    size = inspector.size
    variants = {
        "squared error smoothed (round, sigma 4)": ScoringParams.for_size(size, SMOOTHED_ERROR),
        "signed difference smoothed (round, sigma 2)": ScoringParams.for_size(size, SMOOTHED_DIFFERENCE),
        "signed difference, oriented windows (default)": ScoringParams.for_size(size),
    }
    rows = {}

    def row(maps: np.ndarray, scores: np.ndarray) -> dict:
        return aurocs(maps, scores, masks, labels)

    for name, params in variants.items():
        maps = error_maps(images, recon, params)
        rows[name] = row(maps, scores_from_maps(maps))
    # the default maps, scored and normalised other ways
    maps = error_maps(images, recon, ScoringParams.for_size(size))
    held_maps = error_maps(held, held_recon, ScoringParams.for_size(size))
    background = cv2.GaussianBlur(held_maps.mean(axis=0), (0, 0), 6.0 * size / 300)
    relative = maps / (background + float(np.median(background)))
    rows["oriented maps divided by the good samples' mean map"] = row(relative, scores_from_maps(relative))
    top = np.quantile(maps.reshape(len(maps), -1), 0.999, axis=1)
    rows["oriented maps, score = top 0.1% instead of the maximum"] = row(maps, top)
    rows[BRIGHTNESS_BASELINE] = brightness_baseline(images, masks, labels)
    return rows


BRIGHTNESS_BASELINE = "no model: the input's own brightness, smoothed (a floor to compare with)"


def brightness_baseline(images: np.ndarray, masks: np.ndarray, labels: np.ndarray) -> dict:
    """Image and pixel AUROC of a map that knows nothing of good parts: the smoothed grey level of the input. Where
    defects lie only on the product and the background is dark, such a map already ranks defect pixels high."""
    maps = np.stack([cv2.GaussianBlur(image.mean(axis=2), (0, 0), 2.0) for image in images])
    return aurocs(maps, scores_from_maps(maps), masks, labels)


def aurocs(maps: np.ndarray, scores: np.ndarray, masks: np.ndarray, labels: np.ndarray) -> dict:
    """Image AUROC of ``scores`` and pixel AUROC of ``maps`` against the masks (None for a set without masks)."""
    return {"image_auroc": auroc(scores, labels),
            "pixel_auroc": auroc(maps.ravel(), masks.ravel()) if masks.any() else None}  # fmt: skip


def figure(items: list[DatasetItem], images: np.ndarray, masks: np.ndarray,
           results: dict[str, tuple[Inspector, np.ndarray]], out: Path) -> None:  # fmt: skip
    """Two good and up to four defective test images (the middle file of each type): the input with the true
    defect outlined in green, then each network's heatmap at its own threshold."""
    picks: list[int] = []
    defects = [item.defect for item in items]
    goods = [i for i, d in enumerate(defects) if d == "good"]
    picks += [goods[len(goods) // 3], goods[2 * len(goods) // 3]]
    for defect in sorted({d for d in defects if d != "good"})[:4]:
        of_type = [i for i, d in enumerate(defects) if d == defect]
        picks.append(of_type[len(of_type) // 2])
    tile = FIGURE_TILE
    rows = []
    for i in picks:
        rgb8 = np.clip(images[i] * 255 + 0.5, 0, 255).astype(np.uint8)
        truth = cv2.cvtColor(rgb8, cv2.COLOR_RGB2BGR)
        contours, _ = cv2.findContours(masks[i].astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
        cv2.drawContours(truth, contours, -1, (0, 255, 0), 2)
        cells = [cv2.resize(truth, (tile, tile), interpolation=cv2.INTER_AREA)]
        for inspector, maps in results.values():
            overlay = heatmap_overlay(images[i], maps[i], inspector.threshold)
            cells.append(cv2.resize(overlay, (tile, tile), interpolation=cv2.INTER_AREA))
        label = np.full((24, tile * len(cells), 3), 255, np.uint8)
        cv2.putText(label, f"{items[i].defect}: {items[i].path.name}", (6, 17), cv2.FONT_HERSHEY_SIMPLEX, 0.5,
                    (0, 0, 0), 1, cv2.LINE_AA)  # fmt: skip
        rows.append(np.vstack([label, np.hstack(cells)]))
    header = np.full((30, tile * (1 + len(results)), 3), 255, np.uint8)
    for col, title in enumerate(["input, defect in green", *results]):
        cv2.putText(header, title, (col * tile + 6, 21), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    cv2.imwrite(str(out), np.vstack([header, *rows]), [cv2.IMWRITE_JPEG_QUALITY, 85])


FIGURE_ROWS = ("seed", "pixel", DEFAULT_ARCHITECTURE)


REUSABLE = ("seed", "pixel")
"""Rows whose training is deterministic (same code, data, split and epochs give the same weights), so ``--reuse``
may take them from an earlier report instead of training them again."""


def reused_rows(path: Path, name: str) -> dict[str, dict]:
    """The seed and pixel rows of set ``name`` in the earlier report at ``path`` (a report written before the
    feature models called the pixel network ``default``)."""
    report = json.loads(path.read_text())
    rows = report.get("sets", {}).get(name, {}).get("networks", {})
    renamed = {} if "default_architecture" in report else {"default": "pixel"}
    out = {}
    for old, row in rows.items():
        new = renamed.get(old, old)
        if new in REUSABLE:
            out[new] = {**row, "architecture": new, "reused_from": report["created"]}
    return out


def measure_set(name: str, root: Path, models: Path, networks, scale: float, figure_path: Path,
                reuse: Path | None = None) -> dict:  # fmt: skip
    epochs_for = EPOCHS.get(name, EPOCHS["magnetic_tile"])
    items, images, masks = None, None, None
    labels = None
    rows: dict[str, dict] = reused_rows(reuse, name) if reuse else {}
    networks = [n for n in networks if n[0] not in rows]
    figure_results: dict[str, tuple[Inspector, np.ndarray]] = {}
    ablation_rows: dict[str, dict] = {}
    for row_name, arch, overrides in networks:
        epochs = max(1, round(epochs_for[arch] * scale)) if arch in epochs_for else None
        print(f"[{name}] training {row_name}" + (f" for {epochs} epochs" if epochs else ""), flush=True)
        out = models / f"{name}-{row_name.replace(' ', '_').replace(',', '')}"
        started = time.perf_counter()
        bundle = train(root, out, TrainingConfig(architecture=arch, epochs=epochs, **overrides))
        train_s = time.perf_counter() - started
        inspector = Inspector(load_bundle(out), region="full")
        if items is None:
            items, images, masks = load_test(root, inspector.size)
            labels = np.array([item.is_defective for item in items])
        started = time.perf_counter()
        result = evaluate(inspector, root)
        eval_s = time.perf_counter() - started
        rows[row_name] = {
            "architecture": bundle.architecture,
            "ablation": row_name not in {n[0] for n in NETWORKS},
            "objective": bundle.meta["training"].get("objective") or f"{bundle.meta['training']['head']} head",
            "epochs": bundle.meta["training"].get("epochs_completed"),
            "image_auroc": result["image_auroc"],
            "pixel_auroc": result["pixel_auroc"],
            "false_alarm_rate": result["false_alarm_rate"],
            "detection_rate": result["detection_rate"],
            "by_defect": result["by_defect"],
            "threshold": result["threshold"],
            "outline_check": bool((bundle.meta.get("outline") or {}).get("enabled")),
            "train_seconds": round(train_s, 1),
            "training_images": bundle.meta["trained_on"]["training"],
            "held_out_images": bundle.meta["trained_on"]["held_out"],
            "evaluate_images_per_s": round(result["images"] / eval_s, 2),
            "inference_fps": round(inference_fps(inspector, images), 1),
            "parameters": bundle.meta["parameters"],
            "model_mb": round((out / MODEL_FILE).stat().st_size / 1e6, 1),
            "image_scores": [round(r["normalized_score"], 5) for r in result["per_image"]],
            "image_defects": [r["defect"] for r in result["per_image"]],
        }
        r = rows[row_name]
        print(f"[{name}] {row_name}: image AUROC {r['image_auroc']:.3f}, pixel AUROC {_fmt(r['pixel_auroc'])}, "
              f"false alarms {r['false_alarm_rate']:.3f}, detected {r['detection_rate']:.3f}, "
              f"{r['train_seconds']:.0f} s training", flush=True)  # fmt: skip
        if row_name in FIGURE_ROWS:
            _, maps, _ = inspector.score_images(images)
            label = f"{row_name} (default)" if row_name == DEFAULT_ARCHITECTURE else row_name
            figure_results[label] = (inspector, maps)
        if row_name == "pixel":
            samples = resolve_samples_dir(root)
            held = np.stack([preprocess(read_image(samples / f), inspector.size, None, region="full")
                             for f in bundle.meta["trained_on"]["held_out_files"]])  # fmt: skip
            ablation_rows = ablation(inspector, held, images, masks, labels)
    if figure_results:
        figure(items, images, masks, figure_results, figure_path)
    return {
        "dataset": name,
        "test_images": len(items),
        "defective_images": int(labels.sum()),
        "networks": rows,
        "ablation": ablation_rows,
        "figure": figure_path.name if figure_results else None,
    }


LABELS = {"image_auroc": "image AUROC", "pixel_auroc": "pixel AUROC"}
BOOTSTRAP_ROUNDS = 2000


def difference_interval(first: dict, second: dict) -> tuple[float, float] | None:
    """95% interval of image AUROC(first) - AUROC(second), resampling the test images (paired: the same draw for
    both); None when the per-image scores are missing. An interval that contains 0 is no clear difference."""
    if "image_scores" not in first or "image_scores" not in second:
        return None
    a, b = np.asarray(first["image_scores"]), np.asarray(second["image_scores"])
    labels = np.asarray([d != "good" for d in first["image_defects"]])
    rng = np.random.default_rng(0)
    differences = []
    for _ in range(BOOTSTRAP_ROUNDS):
        pick = rng.integers(0, len(labels), len(labels))
        if labels[pick].all() or not labels[pick].any():
            continue
        differences.append(auroc(a[pick], labels[pick]) - auroc(b[pick], labels[pick]))
    low, high = np.quantile(differences, [0.025, 0.975])
    return float(low), float(high)


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _row_line(data: dict, row_name: str, r: dict, default: str) -> str:
    label = f"**{row_name} (default)**" if row_name == default else row_name
    if r.get("reused_from"):
        label += f" (from the run of {r['reused_from'][:10]})"
    return (f"| {data['dataset']} | {label} | {r['epochs'] or '-'} | {_fmt(r['image_auroc'])} | "
            f"{_fmt(r['pixel_auroc'])} | {r['false_alarm_rate']:.3f} | {r['detection_rate']:.3f} | "
            f"{r['train_seconds']:.0f} | {r['inference_fps']:.1f} | {r['model_mb']:.1f} |")  # fmt: skip


def markdown(report: dict) -> str:
    default = report.get("default_architecture", DEFAULT_ARCHITECTURE)
    header = [
        "| set | network | epochs | image AUROC | pixel AUROC | false alarms | detected | training s | inference fps "
        "| model MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines = [
        "# Detection quality",
        "",
        f"Written by `benchmarks/quality.py` on {report['created']} ({report['machine']}; {report['minutes']:.0f} "
        "minutes for the whole run"
        + (f", combined from the runs started at {', '.join(report['merged'])}" if report.get("merged") else "")
        + "). Every network is trained on the set's `train/good` only, with the same "
        "held-out split, and evaluated on its `test/` folder. Rates are at the threshold each model calibrated on "
        f"its own held-out good images (1% false alarms targeted). The default model is `{default}`; epochs are "
        "those of the pixel networks and of the autoencoder head (the other heads are fitted in one pass).",
        "",
        OPERATING_POINT_NOTE,
        "",
        *header,
    ]
    for data in report["sets"].values():
        for row_name, r in data["networks"].items():
            if not r.get("ablation"):
                lines.append(_row_line(data, row_name, r, default))
    lines += ["", "## Goals", ""]
    for data in report["sets"].values():
        rows = data["networks"]
        chosen = rows.get(default)
        if not chosen:
            continue
        checks = []
        for key, goal in TARGETS.get(data["dataset"], {}).items():
            value = chosen[key]
            met = value is not None and value >= goal
            checks.append(f"{LABELS[key]} {_fmt(value)} (goal {goal}: {'met' if met else 'not met'})")
        for other in ("seed", "pixel"):
            if other in rows:
                interval = difference_interval(chosen, rows[other])
                if interval:
                    checks.append(f"image AUROC default - {other}, 95% bootstrap interval over the test images: "
                                  f"{interval[0]:+.3f} to {interval[1]:+.3f}")  # fmt: skip
        lines.append(f"- {data['dataset']}: " + "; ".join(checks))
    ablation_rows = [(data, n, r) for data in report["sets"].values() for n, r in data["networks"].items()
                     if r.get("ablation")]  # fmt: skip
    if ablation_rows:
        lines += ["", "## Ablation: one change to a feature model at a time", "", *header]
        lines += [_row_line(data, n, r, default) for data, n, r in ablation_rows]
    lines += ["", "## By defect type (image AUROC)", ""]
    for data in report["sets"].values():
        for row_name, r in data["networks"].items():
            by = ", ".join(f"{d} {_fmt(v['image_auroc'])}" for d, v in r["by_defect"].items())
            lines.append(f"- {data['dataset']}, {row_name}: {by}")
    names = next((list(d["ablation"]) for d in report["sets"].values() if d["ablation"]), [])
    if names:
        lines += ["", "## Ablation: scoring, on the pixel network's reconstructions", "",
                  "Image / pixel AUROC of the error maps alone (no outline check), the same reconstructions scored "
                  "each way.", "", "| scoring | " + " | ".join(report["sets"]) + " |",
                  "| --- |" + " --- |" * len(report["sets"])]  # fmt: skip
    for variant in names:
        cells = []
        for data in report["sets"].values():
            v = data["ablation"].get(variant)
            cells.append(f"{_fmt(v['image_auroc'])} / {_fmt(v['pixel_auroc'])}" if v else "-")
        lines.append(f"| {variant} | " + " | ".join(cells) + " |")
    lines += ["", "## Heatmaps", "",
              "Each figure: two good and four defective test images (the middle file of each defect type); the "
              "input with the true defect outlined in green, then the seed's, the pixel network's and the default's "
              "heatmap, each at its own calibrated threshold (transparent below half of it, full red at it).",
              ""]  # fmt: skip
    for data in report["sets"].values():
        if data["figure"]:
            lines += [f"![{data['dataset']}]({data['figure']})", ""]
        reused = {r["reused_from"][:10] for r in data["networks"].values() if r.get("reused_from")}
        if reused:
            lines += [f"The seed's and the pixel network's heatmaps on {data['dataset']}, from the run of "
                      f"{', '.join(sorted(reused))} whose rows are reused (the same test images):", "",
                      f"![{data['dataset']}: seed, pixel](quality_{data['dataset']}_seed_pixel.jpg)", ""]  # fmt: skip
    lines += ["Real photographs: magnetic_tile from \"Saliency of magnetic tile surface defects\" (Huang, Qiu, Yuan; "
              "The Visual Computer, 2020); tire from MVTec 3D-AD, (c) 2021 MVTec Software GmbH, CC BY-NC-SA 4.0. "
              "Both for non-commercial use; the images are not part of Cookie Inspector.", ""]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["demo", *REAL_SETS], help="demo and/or real set names")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="folder of the real sets")
    parser.add_argument("--networks", nargs="+", help="row names to train (default: all networks and ablations)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every epoch count (a quick look: 0.1)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="where quality.md/.json and figures go")
    parser.add_argument("--models", type=Path, help="keep the trained bundles here (default: a temporary folder)")
    parser.add_argument("--render", type=Path, help="only write quality.md again from this quality.json")
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="QUALITY_JSON",
        help="take the seed and pixel rows from this earlier report instead of training them again "
        "(their training is deterministic; such rows are marked and have no heatmap column)",
    )
    parser.add_argument(
        "--merge",
        type=Path,
        nargs="+",
        metavar="QUALITY_JSON",
        help="only combine the sets of these reports (in order) into --out's quality.md/.json",
    )
    args = parser.parse_args()
    if args.render:
        report = json.loads(args.render.read_text())
        (args.render.parent / "quality.md").write_text(markdown(report))
        return
    if args.merge:
        parts = [json.loads(path.read_text()) for path in args.merge]
        report = {**parts[0], "sets": {}, "minutes": sum(part["minutes"] for part in parts),
                  "merged": [part["created"] for part in parts]}  # fmt: skip
        for part in parts:
            report["sets"].update(part["sets"])
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "quality.json").write_text(json.dumps(report, indent=2))
        (args.out / "quality.md").write_text(markdown(report))
        return
    networks = [n for n in (*NETWORKS, *ABLATIONS) if not args.networks or n[0] in args.networks]
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    report = {"created": datetime.now(UTC).isoformat(timespec="seconds"),
              "machine": f"{platform.machine()}, {os.cpu_count()} cores, CPU",
              "scale": args.scale, "epochs": EPOCHS, "default_architecture": DEFAULT_ARCHITECTURE,
              "sets": {}}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        models = args.models or Path(tmp) / "models"
        for name in args.sets:
            if name == "demo":
                root = prepare_demo(Path(tmp) / "demo")
            else:
                root = args.data / name
                if not root.is_dir():
                    raise SystemExit(f"{root}: no such data set (see ../shared/data/README.md)")
            report["sets"][name] = measure_set(name, root, models, networks, args.scale,
                                               args.out / f"quality_{name}.jpg", args.reuse)  # fmt: skip
            report["minutes"] = (time.perf_counter() - started) / 60
            (args.out / "quality.json").write_text(json.dumps(report, indent=2))
    report["minutes"] = (time.perf_counter() - started) / 60
    (args.out / "quality.json").write_text(json.dumps(report, indent=2))
    (args.out / "quality.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()
