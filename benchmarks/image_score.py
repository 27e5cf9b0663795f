"""How the image score is drawn from the anomaly map, at the low-false-alarm end: defects caught at 1% false alarms
(the threshold a perfect calibration would set on the test set's good images) and image AUROC, for the default
model's maps scored several ways, side by side on the same maps:

- ``max``: the highest value of the smoothed map (the app's score);
- ``top 0.5%`` / ``top 2%``: the mean of the highest 0.5% / 2% of the smoothed map's pixels;
- ``z max``: each position in units of the good parts' spread *at that position* (mean and standard deviation over
  good images the model did not fit on), then the highest: positions that vary on good parts stop dominating;
- ``z top 0.5%``: the same, mean of the highest 0.5%;
- ``z max, spread >= median`` (``median/2``): as ``z max``, each position's spread taken as at least the median
  spread over positions (or half of it): only positions more variable than most are damped.

The model is fitted on ``--samples`` of the set's good training images; the per-position statistics come from other
good images it did not fit on (the rest of ``train/good``, and ``validation/good`` where the set has one).

    .venv/bin/python benchmarks/image_score.py [--sets demo magnetic_tile mvtec3d_tire] [--samples 100]
        [--taps stride4 stride8 stride16 --json results/image_score_stride4.json]

``--taps`` trains the default model on other backbone taps than its own (stride 8 and 16): the stride-4 tap sees
smaller defects, on a grid four times as fine (four times the positions to score per frame).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

from cookie_inspector.core.frames.imageio import list_images, read_image
from cookie_inspector.core.frames.preprocess import preprocess
from cookie_inspector.core.judge.evaluation import discover_dataset
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.judge.scoring import feature_maps
from cookie_inspector.core.model.backbone import TAPS
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.features import FeatureSpec
from cookie_inspector.core.model.training import TrainingConfig, resolve_samples_dir, train
from cookie_inspector.synth.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent
RATE = 0.01


def smoothed_maps(inspector: Inspector, paths: list[Path]) -> np.ndarray:
    out = []
    for start in range(0, len(paths), 16):
        batch = np.stack([preprocess(read_image(p), inspector.size, None, "full") for p in paths[start : start + 16]])
        out.append(feature_maps(inspector.reconstruct(batch)[..., 0], inspector.scoring))
    return np.concatenate(out)


def top_mean(maps: np.ndarray, share: float) -> np.ndarray:
    flat = maps.reshape(len(maps), -1)
    k = max(1, int(flat.shape[1] * share))
    return np.sort(flat, axis=1)[:, -k:].mean(axis=1)


def rates(good: np.ndarray, bad: np.ndarray) -> dict:
    threshold = np.quantile(good, 1 - RATE, method="higher")
    auroc = float(((bad[:, None] > good[None, :]).sum() + 0.5 * (bad[:, None] == good[None, :]).sum())
                  / (len(good) * len(bad)))  # fmt: skip
    return {"detected_at_1pct": float(np.mean(bad > threshold)), "auroc": auroc}


def measure(name: str, pool: list[Path], extra_good: list[Path], test_root: Path, samples: int, work: Path,
            features: FeatureSpec | None = None) -> dict:  # fmt: skip
    rng = np.random.default_rng(0)
    order = rng.permutation(len(pool))
    fit, rest = [pool[i] for i in order[:samples]], [pool[i] for i in order[samples:]]
    folder = work / f"{name}-samples"
    folder.mkdir()
    for path in fit:
        shutil.copy(path, folder / path.name)
    train(folder, work / f"{name}-model", TrainingConfig(seed=0, features=features))
    inspector = Inspector(load_bundle(work / f"{name}-model"), region="full")
    reference = smoothed_maps(inspector, (rest + extra_good)[:200])
    mean, std = reference.mean(axis=0), reference.std(axis=0) + 1e-6
    items = discover_dataset(test_root)
    maps = smoothed_maps(inspector, [i.path for i in items])
    bad = np.array([i.is_defective for i in items])
    z = (maps - mean) / std
    floored = (maps - mean) / np.maximum(std, np.median(std))  # only positions more variable than most are damped
    half = (maps - mean) / np.maximum(std, 0.5 * np.median(std))
    ways = {"max": maps.reshape(len(maps), -1).max(axis=1), "top 0.5%": top_mean(maps, 0.005),
            "top 2%": top_mean(maps, 0.02), "z max": z.reshape(len(z), -1).max(axis=1),
            "z top 0.5%": top_mean(z, 0.005), "z max, spread >= median": floored.reshape(len(z), -1).max(axis=1),
            "z max, spread >= median/2": half.reshape(len(z), -1).max(axis=1)}  # fmt: skip
    result = {way: rates(scores[~bad], scores[bad]) for way, scores in ways.items()}
    print(f"{name} ({samples} samples, {len(reference)} good images for the per-position statistics)")
    for way, r in result.items():
        print(f"  {way:<26} detected at 1% false alarms {r['detected_at_1pct']:.3f}   image AUROC {r['auroc']:.3f}")
    taps = list((features or FeatureSpec()).taps)
    return {"set": name, "samples": samples, "taps": taps, "reference_images": len(reference), "ways": result}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["demo", "magnetic_tile", "mvtec3d_tire"])
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "image_score.json")
    parser.add_argument("--taps", nargs="+", choices=sorted(TAPS), help="the backbone taps (default: the model's)")
    args = parser.parse_args()
    features = FeatureSpec(taps=tuple(args.taps)) if args.taps else None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in args.sets:
            if name == "demo":
                write_dataset(work / "demo-pool", seed=21, train=args.samples + 150, test_good=0, test_defect=0)
                write_dataset(work / "demo-test", seed=21, train=0, test_good=150, test_defect=100)
                pool, extra, test = list_images(resolve_samples_dir(work / "demo-pool")), [], work / "demo-test"
            else:
                test = args.data / name
                if not test.is_dir():
                    print(f"{test}: missing, skipped")
                    continue
                pool = list_images(resolve_samples_dir(test))
                validation = test / "validation" / "good"
                extra = list_images(validation / "rgb" if (validation / "rgb").is_dir() else validation) \
                    if validation.is_dir() else []  # fmt: skip
            rows.append(measure(name, pool, extra, test, min(args.samples, len(pool) - 20), work, features))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rate": RATE, "rows": rows}, indent=2) + "\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
