"""Quantising the default model's backbone for LiteRT, against the full-precision export, side by side in one run.

For each set, the default model is trained on good training images (``--train``, held-out calibration for speed:
``folds=0``) and exported as training does (``model.tflite``, full precision). Its inference is then cut in two
``.tflite`` files: the backbone (image -> the two feature maps: the resize, EfficientNet-Lite0, the pools) and the
heads (feature maps -> anomaly map, full precision). The backbone is converted three ways: full precision, int8
post-training quantisation calibrated on the good training images themselves, and dynamic range (int8 weights,
float activations). Every variant scores the same test images: image AUROC, the largest and the median relative
score difference from the export, verdicts that change at the model's threshold, the pass of one image (median,
after warm-up, ``--threads``) and the files' size.

The team keeps a quantised backbone only where image AUROC stays within 0.005 of full precision on every set.

    .venv/bin/python benchmarks/litert_int8.py [--sets demo magnetic_tile mvtec3d_tire] [--train 100] [--test 200]

Writes ``benchmarks/results/litert_int8.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from ai_edge_litert.interpreter import Interpreter  # noqa: E402

from cookie_inspector.core.frames.imageio import list_images, read_image  # noqa: E402
from cookie_inspector.core.frames.preprocess import resolve_roi  # noqa: E402
from cookie_inspector.core.judge.evaluation import auroc, discover_dataset  # noqa: E402
from cookie_inspector.core.judge.inspector import Inspector  # noqa: E402
from cookie_inspector.core.judge.scoring import feature_maps, scores_from_maps  # noqa: E402
from cookie_inspector.core.model.bundle import load_bundle  # noqa: E402
from cookie_inspector.core.model.litert import RESIZE_LAYER, LiteRTForward, full_precision, resize_in_graph  # noqa: E402
from cookie_inspector.core.model.tf_setup import keras, tf  # noqa: E402
from cookie_inspector.core.model.training import TrainingConfig, load_samples, resolve_samples_dir, train  # noqa: E402
from cookie_inspector.synth.dataset import write_dataset  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TAPS = ("features", "features_pool1")
"""The layers whose outputs the heads read: the cut between the backbone and the heads."""
MODES = ("fp32", "int8", "dynamic")


def halves(model: keras.Model, source: int) -> tuple[keras.Model, keras.Model]:
    """(backbone, heads) of the default model, built as the export builds the whole: the backbone takes the image
    (the resize in the graph), the heads take the two feature maps, in full precision."""
    taps = [model.get_layer(name).output for name in TAPS]
    features = keras.Model(model.get_layer(RESIZE_LAYER).output, taps)
    image, resized = resize_in_graph(source, int(features.inputs[0].shape[1]))
    backbone = keras.Model(image, features(resized))
    heads = full_precision(keras.Model(taps, model.outputs))
    inputs = [keras.Input(shape=tuple(t.shape[1:]), batch_size=1, name=f"tap{i}") for i, t in enumerate(taps)]
    return backbone, keras.Model(inputs, heads(inputs))


def convert(model: keras.Model, mode: str, calibration: np.ndarray | None = None) -> bytes:
    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    if mode != "fp32":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if mode == "int8":  # activations too: calibrated on the good samples themselves
        converter.representative_dataset = lambda: ([image[None]] for image in calibration)
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        return bytes(converter.convert())


class Split:
    """The backbone's ``.tflite``, then the heads'; one image at a time, as the export runs."""

    def __init__(self, backbone: Path, heads: Path, reference: list[np.ndarray], probe: np.ndarray, threads: int):
        self.first, self.second = (Interpreter(model_path=str(p), num_threads=threads) for p in (backbone, heads))
        self.first.allocate_tensors()
        self.second.allocate_tensors()
        self.image = self.first.get_input_details()[0]["index"]
        outputs = [d["index"] for d in self.first.get_output_details()]
        self.first.set_tensor(self.image, probe[None])
        self.first.invoke()
        # the converter names outputs its own way: each tap is the output nearest to the Keras one
        self.taps = [min(outputs, key=lambda o, r=ref: float(np.abs(self.first.get_tensor(o)[0] - r).mean()))
                     for ref in reference]  # fmt: skip
        named = {d["name"]: d["index"] for d in self.second.get_input_details()}
        self.inputs = [next(index for name, index in named.items() if f"tap{i}" in name) for i in range(len(TAPS))]
        self.output = self.second.get_output_details()[0]["index"]

    def __call__(self, images: np.ndarray) -> np.ndarray:
        maps = []
        for image in np.asarray(images, np.float32):
            self.first.set_tensor(self.image, np.ascontiguousarray(image[None]))
            self.first.invoke()
            for tap, target in zip(self.taps, self.inputs, strict=True):
                self.second.set_tensor(target, self.first.get_tensor(tap))
            self.second.invoke()
            maps.append(self.second.get_tensor(self.output)[0].copy())
        return np.stack(maps)


def pass_ms(forward, size: int, rounds: int = 40) -> float:
    image = np.random.default_rng(0).random((1, size, size, 3), dtype=np.float32)
    for _ in range(5):
        forward(image)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        forward(image)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def dataset(name: str, work: Path, count: int, test: int) -> tuple[Path, list]:
    """(the training folder, [(test image, defective)]): every k-th test image when there are more than ``test``."""
    if name == "demo":
        write_dataset(work / "samples", seed=21, train=count, test_good=0, test_defect=0)
        write_dataset(work / "line", seed=22, train=0, test_good=test // 2, test_defect=test // 2)
        folder, root = resolve_samples_dir(work / "samples"), work / "line"
    else:
        root = DATA / name
        files = list_images(resolve_samples_dir(root))
        folder = work / "train"
        folder.mkdir()
        for i in np.random.default_rng(0).choice(len(files), size=min(count, len(files)), replace=False):
            shutil.copy(files[i], folder / files[i].name)
    items = [(item.path, item.defect != "good") for item in discover_dataset(root)]
    if len(items) > test:
        items = [items[int(k * len(items) / test)] for k in range(test)]
    return folder, items


def measure(name: str, work: Path, args) -> dict:
    folder, items = dataset(name, work, args.train, args.test)
    train(folder, work / "model", TrainingConfig(folds=0, seed=0))  # the default model, exported as it is saved
    bundle = load_bundle(work / "model", runtime="tensorflow")
    inspector = Inspector(bundle, runtime="tensorflow", region="full")
    images = np.stack([inspector.prepare(f, resolve_roi(f.shape, inspector.roi, "full"))
                       for f in (read_image(Path(p)) for p, _ in items)])  # fmt: skip
    defective = np.array([d for _, d in items])
    calibration = load_samples(folder, bundle.input_size).images.astype(np.float32)
    backbone, heads = halves(bundle.keras_model(), bundle.input_size)
    reference = [r.numpy()[0] for r in backbone(calibration[:1])]
    (work / "heads.tflite").write_bytes(convert(heads, "fp32"))
    variants = {"export (fp32, whole)": (LiteRTForward(work / "model", args.threads),
                                         (work / "model" / "model.tflite").stat().st_size)}  # fmt: skip
    for mode in MODES:
        path = work / f"backbone_{mode}.tflite"
        path.write_bytes(convert(backbone, mode, calibration))
        split = Split(path, work / "heads.tflite", reference, calibration[0], args.threads)
        variants[f"backbone {mode} + heads fp32"] = (
            split,
            path.stat().st_size + (work / "heads.tflite").stat().st_size,
        )
    rows, base = {}, None
    for label, (forward, size) in variants.items():
        scores = scores_from_maps(feature_maps(forward(images)[..., 0], bundle.scoring))
        base = scores if base is None else base
        relative = np.abs(scores - base) / np.maximum(np.abs(base), 1e-12)
        rows[label] = {"image_auroc": round(auroc(scores, defective), 4),
                       "max_relative_diff": float(relative.max()), "median_relative_diff": float(np.median(relative)),
                       "verdicts_changed": int(((scores > bundle.threshold) != (base > bundle.threshold)).sum()),
                       "pass_ms": round(pass_ms(forward, bundle.input_size), 1), "mb": round(size / 2**20, 1),
                       "backbone_mb": round((work / f"backbone_{label.split()[1]}.tflite").stat().st_size / 2**20, 2)
                       if label.startswith("backbone") else None}  # fmt: skip
    return {"train": len(calibration), "test": len(items), "defective": int(defective.sum()), "variants": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["demo", "magnetic_tile", "mvtec3d_tire"])
    parser.add_argument("--train", type=int, default=100)
    parser.add_argument("--test", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    report = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(), "threads": args.threads, "sets": {}}
    for name in args.sets:
        with tempfile.TemporaryDirectory() as work:
            report["sets"][name] = found = measure(name, Path(work), args)
        print(f"\n{name}: trained on {found['train']}, {found['test']} test images ({found['defective']} defective)")
        print(f"{'variant':<30}{'AUROC':>8}{'delta':>8}{'max rel':>10}{'median rel':>12}{'changed':>9}{'ms':>7}"
              f"{'MB':>7}")  # fmt: skip
        base = next(iter(found["variants"].values()))["image_auroc"]
        for label, row in found["variants"].items():
            print(f"{label:<30}{row['image_auroc']:>8.4f}{row['image_auroc'] - base:>+8.4f}"
                  f"{row['max_relative_diff']:>10.2e}{row['median_relative_diff']:>12.2e}{row['verdicts_changed']:>9}"
                  f"{row['pass_ms']:>7.1f}{row['mb']:>7.1f}", flush=True)  # fmt: skip
    out = ROOT / "benchmarks" / "results" / "litert_int8.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
