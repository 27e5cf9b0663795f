"""Short trainings of the pixel networks: is the "output is near-constant" refusal right about what they would find?

Trains the ``pixel`` and ``seed`` networks on the first ``--samples`` good images of a real set (magnetic_tile by
default) for a few epoch counts, with the refusal recorded instead of raised, and measures each model anyway: the
spread of its reconstructions over the held-out images (as a share of the images' own spread: the refusal's
criterion, refused below 5%), the training steps, and the image AUROC on a fixed part of the test set (good images
and every defect type). A model the criterion refuses should be one that would not find defects either.

    .venv/bin/python benchmarks/short_training.py [--set ../shared/data/magnetic_tile] [--samples 60]
        [--runs pixel:5,10,20 seed:5,10] [--test 40] [--size 300] [--json FILE]

Writes benchmarks/results/short_training.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.errors import TrainingFailed
from cookie_inspector.core.frames.imageio import list_images, read_image
from cookie_inspector.core.judge.evaluation import auroc
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model import training
from cookie_inspector.core.model.training import TrainingConfig

HERE = Path(__file__).resolve().parent


def test_images(dataset: Path, per_class: int) -> tuple[list[Path], np.ndarray]:
    """Every ``k``-th image of test/good and of each defect folder, about ``per_class`` good and as many defective."""
    test = dataset / "test"
    good = list_images(test / "good")
    defects = sorted(p for p in test.iterdir() if p.is_dir() and p.name != "good")
    paths, labels = good[:: max(1, len(good) // per_class)][:per_class], []
    labels = [0] * len(paths)
    share = max(1, per_class // max(1, len(defects)))
    for folder in defects:
        images = list_images(folder if not (folder / "rgb").is_dir() else folder / "rgb")
        chosen = images[:: max(1, len(images) // share)][:share]
        paths += chosen
        labels += [1] * len(chosen)
    return paths, np.array(labels)


def write(args: argparse.Namespace, rows: list[dict], labels: np.ndarray) -> None:
    result = {
        "command": f"python benchmarks/short_training.py --set {args.set} --samples {args.samples} --runs "
        + " ".join(args.runs),
        "set": args.set.name,
        "samples": args.samples,
        "test_images": {"good": int((labels == 0).sum()), "defective": int((labels == 1).sum())},
        "collapse_ratio": training.COLLAPSE_RATIO,
        "few_steps": training.FEW_STEPS,
        "rows": rows,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=HERE.parent.parent / "shared" / "data" / "magnetic_tile")
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--runs", nargs="+", default=["pixel:5,10,20", "seed:5,10"])
    parser.add_argument("--test", type=int, default=40, help="good test images (and about as many defective)")
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "short_training.json")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cookie-short-"))
    samples = work / "good"
    samples.mkdir()
    for path in list_images(training.resolve_samples_dir(args.set))[: args.samples]:
        shutil.copy(path, samples / path.name)
    paths, labels = test_images(args.set, args.test)
    frames = [read_image(p) for p in paths]

    seen: dict = {}
    check = training.check_not_collapsed

    def recording_check(images, reconstructions, steps=None):
        seen["spread"] = float(reconstructions.std()) / max(float(images.std()), 1e-6)
        seen["steps"] = steps.steps if steps is not None else None
        try:
            check(images, reconstructions, steps)
            seen["refused"] = None
        except TrainingFailed as exc:
            seen["refused"] = str(exc).split(":")[0]

    training.check_not_collapsed = recording_check  # measure the model the check would refuse, too
    rows = []
    try:
        for run in args.runs:
            arch, _, counts = run.partition(":")
            for epochs in [int(c) for c in counts.split(",")]:
                seen.clear()
                started = time.monotonic()
                bundle = training.train(samples, work / f"{arch}-{epochs}", TrainingConfig(
                    architecture=arch, epochs=epochs, size=args.size, seed=0))  # fmt: skip
                seconds = time.monotonic() - started
                scores = np.array([r.score for r in Inspector(bundle, region="full").inspect_batch(frames)])
                row = {"architecture": arch, "epochs": epochs, "samples": args.samples, "steps": seen["steps"],
                       "spread": round(seen["spread"], 4), "refused": seen["refused"],
                       "image_auroc": round(float(auroc(scores, labels)), 3), "train_s": round(seconds, 1)}  # fmt: skip
                rows.append(row)
                print(json.dumps(row), flush=True)
                write(args, rows, labels)  # after every model: a long run keeps what it measured
    finally:
        training.check_not_collapsed = check
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'network':<8}{'epochs':>7}{'steps':>7}{'spread':>8}{'AUROC':>7}{'train s':>9}  verdict of the check")
    for r in rows:
        print(f"{r['architecture']:<8}{r['epochs']:>7}{r['steps']:>7}{r['spread']:>8.1%}{r['image_auroc']:>7.3f}"
              f"{r['train_s']:>9.0f}  {r['refused'] or 'accepted'}")  # fmt: skip


if __name__ == "__main__":
    main()
