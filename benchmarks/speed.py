"""Speed of every architecture, side by side in one run on this machine: the seed, the pixel network and the
feature models (the default among them).

Measures model-only inference (batch 1, through the same compiled function the inspector uses), a whole
``Inspector.inspect`` call on a 640 x 480 camera frame (preprocessing, model, error map, score), training images per
second (pixel networks: one epoch at batch 8; feature models: a whole fit on 100 images, backbone and head, divided
out), the size of the saved model, and the time of one error map by each scoring method (the part of ``inspect``
after the model). Each model is also exported for LiteRT (as training does for feature models) and its inference and
``inspect`` are measured with LiteRT in the same rounds (XNNPACK, ``litert.default_threads()``). Rounds alternate
between the architectures so that load on a noisy machine falls on all; the median round is reported.

    .venv/bin/python benchmarks/speed.py [--rounds 3] [--json benchmarks/results/speed.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.frames.preprocess import INPUT_SIZE
from cookie_inspector.core.judge.inspector import Inspector, compiled_forward
from cookie_inspector.core.judge.scoring import FEATURE_DISTANCE, SMOOTHED_DIFFERENCE, ScoringParams, error_maps
from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE, build_model, get_architecture
from cookie_inspector.core.model.bundle import ModelBundle
from cookie_inspector.core.model.feature_training import fit_feature_model
from cookie_inspector.core.model.litert import LITERT_FILE, LiteRTForward, export_model, export_pixel
from cookie_inspector.core.model.tf_setup import keras, tf

ARCHS = ("seed", "pixel", "feature-gaussian", "feature-memory", "feature-ensemble", "feature-ae")
FIT_IMAGES = 100


def inference_fps(forward, frames: int) -> float:
    image = tf.constant(np.random.default_rng(0).random((1, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32))
    started = time.perf_counter()
    for _ in range(frames):
        forward(image).numpy()
    return frames / (time.perf_counter() - started)


def litert_inference_fps(forward: LiteRTForward, frames: int) -> float:
    image = np.random.default_rng(0).random((1, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32)
    started = time.perf_counter()
    for _ in range(frames):
        forward(image)
    return frames / (time.perf_counter() - started)


def litert_setup(name: str, model: keras.Model, scoring: ScoringParams, folder: Path) -> tuple:
    """(LiteRT forward, LiteRT inspector, .tflite MB) of ``model`` saved and exported in ``folder``."""
    folder.mkdir()
    model.save(folder / "model.keras")
    family = get_architecture(name).family
    (export_pixel if family == "pixel" else export_model)(model, INPUT_SIZE, folder)
    meta = {"architecture": name, "input_shape": [INPUT_SIZE, INPUT_SIZE, 3], "threshold": 1.0,
            "warn_threshold": 1.0, "scoring": scoring.to_dict()}  # fmt: skip
    inspector = Inspector(ModelBundle(folder, model, meta), region="full", runtime="litert")
    return LiteRTForward(folder), inspector, (folder / LITERT_FILE).stat().st_size / 2**20


def inspect_fps(inspector: Inspector, frames: int) -> float:
    frame = np.random.default_rng(1).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    started = time.perf_counter()
    for _ in range(frames):
        inspector.inspect(frame)
    return frames / (time.perf_counter() - started)


def error_map_ms(params: ScoringParams, frames: int) -> float:
    rng = np.random.default_rng(3)
    image = rng.random((1, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32)
    recon = np.clip(image + rng.normal(0, 0.05, image.shape).astype(np.float32), 0, 1)
    started = time.perf_counter()
    for _ in range(frames):
        error_maps(image, recon, params)
    return (time.perf_counter() - started) / frames * 1000


SCORINGS = {"oriented (default)": ScoringParams.for_size(INPUT_SIZE),
            "round": ScoringParams.for_size(INPUT_SIZE, SMOOTHED_DIFFERENCE)}  # fmt: skip


def training_ips(model: keras.Model, images: int, batch_size: int) -> float:
    x = np.random.default_rng(2).random((images, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32)
    started = time.perf_counter()
    model.fit(x, x, batch_size=batch_size, epochs=1, verbose=0)
    return images / (time.perf_counter() - started)


def fit_feature(name: str, images: int) -> tuple[keras.Model, float]:
    """A feature model fitted on ``images`` random pictures (a fifth held out), and images per second of the fit."""
    import threading

    arch = get_architecture(name)
    x = np.random.default_rng(2).random((images, INPUT_SIZE, INPUT_SIZE, 3), dtype=np.float32)
    held = max(2, images // 5)
    started = time.perf_counter()
    model, _ = fit_feature_model(arch, INPUT_SIZE, x[held:], x[:held], epochs=arch.defaults.epochs,
                                 batch_size=arch.defaults.batch_size, learning_rate=arch.defaults.learning_rate,
                                 seed=0, report=lambda event: None, cancel=threading.Event())  # fmt: skip
    return model, images / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "speed.json")
    args = parser.parse_args()

    setups = {}
    exports = tempfile.TemporaryDirectory()
    for name in ARCHS:
        arch = get_architecture(name)
        if arch.family == "pixel":
            model = build_model(name)
            scoring = ScoringParams()
        else:
            model, _ = fit_feature(name, 12)  # for its shape and speed; a real fit is timed in the rounds
            scoring = ScoringParams.for_size(INPUT_SIZE, FEATURE_DISTANCE)
        with tempfile.TemporaryDirectory() as tmp:  # as in a bundle: weights, no optimizer state
            model.save(Path(tmp) / "m.keras")
            size_mb = (Path(tmp) / "m.keras").stat().st_size / 2**20
        inspector = Inspector.uncalibrated(model, scoring, name)
        forward = compiled_forward(model, INPUT_SIZE)
        inference_fps(forward, 3)  # trace and warm up
        inspect_fps(inspector, 3)
        lite_forward, lite_inspector, lite_mb = litert_setup(name, model, scoring, Path(exports.name) / name)
        litert_inference_fps(lite_forward, 3)
        inspect_fps(lite_inspector, 3)
        if arch.family == "pixel":
            model.compile(optimizer=keras.optimizers.Adam(arch.defaults.learning_rate), loss="mse")
            training_ips(model, arch.defaults.batch_size * 2, arch.defaults.batch_size)
        setups[name] = {"model": model, "forward": forward, "inspector": inspector, "arch": arch,
                        "parameters": model.count_params(), "size_mb": size_mb, "lite_forward": lite_forward,
                        "lite_inspector": lite_inspector, "lite_mb": lite_mb}  # fmt: skip

    samples: dict[str, dict[str, list[float]]] = {
        n: {"infer": [], "inspect": [], "train": [], "litert_infer": [], "litert_inspect": []} for n in ARCHS
    }
    map_ms: dict[str, list[float]] = {}
    for round_no in range(args.rounds):
        for name in ARCHS:
            s = setups[name]
            frames = 15 if name == "seed" else 40
            samples[name]["infer"].append(inference_fps(s["forward"], frames))
            samples[name]["inspect"].append(inspect_fps(s["inspector"], frames))
            samples[name]["litert_infer"].append(litert_inference_fps(s["lite_forward"], frames))
            samples[name]["litert_inspect"].append(inspect_fps(s["lite_inspector"], frames))
            if s["arch"].family == "pixel":
                samples[name]["train"].append(training_ips(s["model"], 48, s["arch"].defaults.batch_size))
            else:
                samples[name]["train"].append(fit_feature(name, FIT_IMAGES)[1])
        for label, params in SCORINGS.items():
            map_ms.setdefault(label, []).append(error_map_ms(params, 40))
        print(f"round {round_no + 1}/{args.rounds} done", flush=True)

    rows = {}
    for name in ARCHS:
        rows[name] = {
            "parameters": setups[name]["parameters"],
            "model_file_mb": round(setups[name]["size_mb"], 2),
            "inference_fps_batch1": round(statistics.median(samples[name]["infer"]), 2),
            "inspect_fps_640x480": round(statistics.median(samples[name]["inspect"]), 2),
            "training_images_per_s": round(statistics.median(samples[name]["train"]), 2),
            "litert_file_mb": round(setups[name]["lite_mb"], 2),
            "litert_inference_fps_batch1": round(statistics.median(samples[name]["litert_infer"]), 2),
            "litert_inspect_fps_640x480": round(statistics.median(samples[name]["litert_inspect"]), 2),
            "samples": samples[name],
        }
    keys = ("inference_fps_batch1", "inspect_fps_640x480", "training_images_per_s")
    ratio = {key: round(rows[DEFAULT_ARCHITECTURE][key] / rows["seed"][key], 2) for key in keys}

    header = (
        f"{'architecture':<22}{'parameters':>13}{'file MB':>9}{'infer fps':>11}{'inspect fps':>13}{'train img/s':>13}"
    )
    print()
    print(header)
    print("-" * len(header))
    for name in ARCHS:
        r = rows[name]
        label = f"{name} (default)" if name == DEFAULT_ARCHITECTURE else name
        print(f"{label:<22}{r['parameters']:>13,}{r['model_file_mb']:>9.1f}{r['inference_fps_batch1']:>11.1f}"
              f"{r['inspect_fps_640x480']:>13.1f}{r['training_images_per_s']:>13.1f}")  # fmt: skip
    print(f"{'default/seed':<22}{'':>13}{'':>9}{ratio['inference_fps_batch1']:>10.2f}x"
          f"{ratio['inspect_fps_640x480']:>12.2f}x{ratio['training_images_per_s']:>12.2f}x")  # fmt: skip
    print("\nLiteRT (the same models exported, the same rounds):")
    header = f"{'architecture':<22}{'tflite MB':>10}{'infer fps':>11}{'x TF':>7}{'inspect fps':>13}{'x TF':>7}"
    print(header)
    print("-" * len(header))
    for name in ARCHS:
        r = rows[name]
        infer, inspect = r["litert_inference_fps_batch1"], r["litert_inspect_fps_640x480"]
        print(f"{name:<22}{r['litert_file_mb']:>10.1f}{infer:>11.1f}{infer / r['inference_fps_batch1']:>6.2f}x"
              f"{inspect:>13.1f}{inspect / r['inspect_fps_640x480']:>6.2f}x")  # fmt: skip
    exports.cleanup()
    scoring = {label: round(statistics.median(times), 2) for label, times in map_ms.items()}
    print("\nerror map and score of one 300 x 300 frame: "
          + ", ".join(f"{label} {ms:.1f} ms" for label, ms in scoring.items()))  # fmt: skip

    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "tensorflow": tf.__version__,
            "keras": keras.__version__,
        },  # fmt: skip
        "rounds": args.rounds,
        "input_size": INPUT_SIZE,
        "default_architecture": DEFAULT_ARCHITECTURE,
        "architectures": rows,
        "default_over_seed": ratio,
        "error_map_ms": scoring,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
