"""TensorFlow against LiteRT on the same model, side by side in one run: the shipped model (or ``--model``) is copied
twice, once exported for LiteRT again (``cookie-inspector export``: the time and size of the export), once without
its export (as an older bundle, which runs with TensorFlow), then both runtimes are measured.

1. Agreement: image scores and verdicts of both on demo-line cookies and on the real photographs of
   ``../shared/data`` (magnetic tiles, tyres): the largest relative score difference, verdicts that differ.
2. Speed in one process: the model's pass alone (one 300 x 300 image) and a whole ``Inspector.inspect`` of a
   640 x 480 frame, medians over alternating rounds.
3. The line's start in fresh processes: ``run --headless --fast --parts 1`` from the process start to its first
   verdict line and to its exit, each runtime in turn (``--rounds`` times); whether TensorFlow was imported.

    .venv/bin/python benchmarks/litert.py [--model DIR] [--rounds 3] [--photos 12]

Prints a table and writes ``benchmarks/results/litert.json``.
"""

from __future__ import annotations

import argparse
import glob
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from cookie_inspector.core.frames.imageio import read_image  # noqa: E402
from cookie_inspector.core.judge.inspector import Inspector  # noqa: E402
from cookie_inspector.core.model.bundle import load_bundle  # noqa: E402
from cookie_inspector.core.model.litert import INFO_FILE, LITERT_FILE, export_litert  # noqa: E402
from cookie_inspector.core.resources import demo_model_dir  # noqa: E402
from cookie_inspector.synth.line import DemoLine  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def photo_sets(count: int) -> dict[str, list[np.ndarray]]:
    sets = {"demo cookies": [DemoLine(seed=11, defect_rate=0.5).scene_at(i * 1.7)[0] for i in range(count)]}
    for name, pattern in (("magnetic tiles", "magnetic_tile/test/*/*.jpg"),
                          ("tyres", "mvtec3d_tire/test/*/rgb/*.png")):  # fmt: skip
        files = sorted(glob.glob(str(DATA / pattern)))
        if files:
            step = max(1, len(files) // count)
            sets[name] = [read_image(Path(f)) for f in files[::step][:count]]
    return sets


def agreement(bundle_tf, bundle_lite, sets) -> list[dict]:
    rows = []
    keras_run = Inspector(bundle_tf, runtime="tensorflow", region="full")
    lite_run = Inspector(bundle_lite, region="full")
    assert lite_run.runtime == "litert"
    for name, frames in sets.items():
        a, b = keras_run.inspect_batch(frames), lite_run.inspect_batch(frames)
        rel = max(abs(x.score - y.score) / max(abs(x.score), 1e-12) for x, y in zip(a, b, strict=True))
        differ = sum(x.verdict is not y.verdict for x, y in zip(a, b, strict=True))
        rows.append({"set": name, "pictures": len(frames), "max_relative_score_difference": float(rel),
                     "verdicts_differ": differ})  # fmt: skip
    return rows


def speed(bundle_tf, bundle_lite, rounds: int) -> dict:
    runs = {"tensorflow": Inspector(bundle_tf, runtime="tensorflow"), "litert": Inspector(bundle_lite)}
    frame = DemoLine(seed=2).scene_at(1.0)[0]
    size = runs["litert"].size
    image = np.random.default_rng(0).uniform(0, 1, (1, size, size, 3)).astype(np.float32)
    times: dict[str, dict[str, list[float]]] = {name: {"model_ms": [], "inspect_ms": []} for name in runs}
    for inspector in runs.values():
        inspector.warm_up()
        inspector.inspect(frame)
    for _ in range(rounds * 10):
        for name, inspector in runs.items():
            started = time.perf_counter()
            inspector.reconstruct(image)
            times[name]["model_ms"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            inspector.inspect(frame)
            times[name]["inspect_ms"].append((time.perf_counter() - started) * 1000)
    return {name: {key: round(statistics.median(values), 1) for key, values in found.items()}
            for name, found in times.items()}  # fmt: skip


def line_start(model: Path, runtime_dir: Path, rounds: int) -> dict:
    """Seconds from a fresh ``run --headless`` process's start to its first verdict line, and to its exit."""
    script = (
        "import sys, time\n"
        "started = time.perf_counter()\n"
        "from cookie_inspector.cli import main\n"
        "import builtins\n"
        "first = []\n"
        "real_print = builtins.print\n"
        "def timed(*a, **k):\n"
        "    if not first and a and str(a[0]).startswith('{\"part\"'):\n"
        "        first.append(time.perf_counter() - started)\n"
        "    real_print(*a, **k)\n"
        "builtins.print = timed\n"
        "main(['run', '--headless', '--fast', '--parts', '1', '--no-log', '--model', sys.argv[1]])\n"
        "sys.stderr.write(f'FIRST {first[0]:.3f} TOTAL {time.perf_counter() - started:.3f} '\n"
        "                 f'TF {\"tensorflow\" in sys.modules}\\n')\n"
    )
    found: dict[str, list] = {"tensorflow": [], "litert": []}
    for _ in range(rounds):
        for name, folder in (("tensorflow", model), ("litert", runtime_dir)):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True,
                                  cwd=ROOT, timeout=600)  # fmt: skip
            wall = time.perf_counter() - started
            line = next((line for line in done.stderr.splitlines() if line.startswith("FIRST")), None)
            if line is None:
                raise SystemExit(f"{name}: run failed\n{done.stderr[-2000:]}")
            _, first, _, total, _, tf_loaded = line.split()
            found[name].append({"first_verdict_s": float(first), "in_process_s": float(total),
                                "wall_s": round(wall, 2), "tensorflow_imported": tf_loaded == "True"})  # fmt: skip
    return {name: {"first_verdict_s": round(statistics.median(r["first_verdict_s"] for r in runs), 2),
                   "wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
                   "tensorflow_imported": any(r["tensorflow_imported"] for r in runs)}
            for name, runs in found.items()}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=demo_model_dir())
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--photos", type=int, default=12)
    args = parser.parse_args()
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"), "model": str(args.model)}
    with tempfile.TemporaryDirectory() as work:
        exported = Path(shutil.copytree(args.model, Path(work) / "model"))
        started = time.perf_counter()
        path = export_litert(load_bundle(exported, runtime="tensorflow"))
        results["export"] = {"seconds": round(time.perf_counter() - started, 1),
                             "tflite_mb": round(path.stat().st_size / 2**20, 1),
                             "keras_mb": round((exported / "model.keras").stat().st_size / 2**20, 1)}  # fmt: skip
        keras_only = Path(shutil.copytree(args.model, Path(work) / "keras-only"))  # as an older bundle: no export
        for name in (LITERT_FILE, INFO_FILE):
            (keras_only / name).unlink(missing_ok=True)
        bundle_tf, bundle_lite = load_bundle(keras_only, runtime="tensorflow"), load_bundle(exported)
        results["agreement"] = agreement(bundle_tf, bundle_lite, photo_sets(args.photos))
        results["speed"] = speed(bundle_tf, bundle_lite, args.rounds)
        results["line_start"] = line_start(keras_only, exported, args.rounds)
    print(f"export: {results['export']['seconds']} s, model.tflite {results['export']['tflite_mb']} MB "
          f"(model.keras {results['export']['keras_mb']} MB)")  # fmt: skip
    print(f"{'set':<18}{'pictures':>9}{'max rel. score diff':>21}{'verdicts differ':>17}")
    for row in results["agreement"]:
        print(
            f"{row['set']:<18}{row['pictures']:>9}{row['max_relative_score_difference']:>21.1e}"
            f"{row['verdicts_differ']:>17}"
        )
    print(
        f"{'runtime':<12}{'model ms':>10}{'inspect ms':>12}{'first verdict s':>17}{'run wall s':>12}{'TF imported':>13}"
    )
    for name in ("tensorflow", "litert"):
        s, line = results["speed"][name], results["line_start"][name]
        print(
            f"{name:<12}{s['model_ms']:>10.1f}{s['inspect_ms']:>12.1f}{line['first_verdict_s']:>17.2f}"
            f"{line['wall_s']:>12.2f}{str(line['tensorflow_imported']):>13}"
        )
    out = ROOT / "benchmarks" / "results" / "litert.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
