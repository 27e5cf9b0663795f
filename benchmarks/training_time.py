"""How long an operator waits for a model: ``cookie-inspector train`` on N demo cookies, each architecture in a fresh
process side by side: seconds from the process start to the saved model with its LiteRT export, and which model
the default chose.

    .venv/bin/python benchmarks/training_time.py [--counts 100 320] [--archs feature-ensemble default] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cookie_inspector.synth.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent


def one(samples: Path, arch: str, out: Path) -> dict:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "cookie_inspector", "train", str(samples), "--out", str(out), "--arch",
                           arch, "--progress", "json"], capture_output=True, text=True, check=True)  # fmt: skip
    total = time.monotonic() - started
    events = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    kinds = [e["event"] for e in events]
    return {"arch": arch, "seconds": round(total, 1), "events": len(events),
            "chosen": next((e["model"] for e in events if e["event"] == "chosen"), None),
            "steps": sorted(set(kinds), key=kinds.index)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", nargs="+", type=int, default=[100])
    parser.add_argument("--archs", nargs="+", default=["feature-ensemble", "default"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "training_time.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in args.counts:
            write_dataset(Path(tmp) / f"demo-{count}", seed=21, train=count, test_good=0, test_defect=0)
            samples = Path(tmp) / f"demo-{count}" / "train" / "good"
            for round_ in range(args.rounds):
                for arch in args.archs:  # side by side in each round
                    row = {"samples": count, "round": round_, **one(samples, arch, Path(tmp) / f"m-{arch}-{count}")}
                    rows.append(row)
                    print(f"{count:5d} samples  {arch:18s} {row['seconds']:6.1f} s  chose {row['chosen']}", flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
