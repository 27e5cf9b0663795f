"""Part verdicts of the headless live line on the demo line, scored against the line's truth.

Runs the same pipeline as ``cookie-inspector run --headless`` (capture thread, presence, inspection thread, one
verdict per part) over ``--parts`` parts of the demo line, every frame inspected (lossless, not real time, so the
figures do not depend on this machine's speed). Reports the share of defective parts flagged NG and of good parts
flagged NG, per defect type, and checks presence against the truth: a frame counted for a part while the cookie
was not whole in the region would be an alarm from a half-visible part. Beside the pipeline's verdicts (the median
of a part's first 8 frames in view), the same parts are also judged on all their frames in view (median, mean,
max), to show what waiting for the part to leave would change.

    .venv/bin/python benchmarks/live_line.py [--parts 300] [--seed 11] [--model DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from cookie_inspector.core.judge.evaluation import auroc
from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.line.live import FrameReport, LinePipeline, PartVerdict
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.line import DemoLine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "live_line.json")
    args = parser.parse_args()

    model_dir = args.model or demo_model_dir()
    inspector = Inspector(load_bundle(model_dir))
    line = DemoLine(seed=args.seed, realtime=False)
    verdicts: list[PartVerdict] = []
    scores: dict[int, list[float]] = defaultdict(list)
    wrong_presence: list[dict] = []
    done = threading.Event()

    def on_frame(report: FrameReport) -> None:
        if report.result is None:
            return
        scores[report.part].append(report.result.score)
        truth, roi = report.frame.truth, report.roi
        if truth is None or not truth.inside(roi.x, roi.y, roi.width, roi.height):
            wrong_presence.append({"frame": report.frame.index, "phase": truth.phase if truth else "empty belt"})

    def on_part(verdict: PartVerdict) -> None:
        if len(verdicts) < args.parts:
            verdicts.append(verdict)
        if len(verdicts) >= args.parts:
            done.set()

    pipeline = LinePipeline(line, inspector, on_frame=on_frame, on_part=on_part, lossless=True)
    started = time.monotonic()
    pipeline.start()
    done.wait()
    pipeline.stop()
    seconds = time.monotonic() - started

    phantoms = [v.number for v in verdicts if v.truth is None]  # a "part" where the belt was empty: must not happen
    verdicts = [v for v in verdicts if v.truth is not None]
    defective = np.array([v.truth.defective for v in verdicts])
    labels = [v.truth.label for v in verdicts]
    threshold = inspector.threshold
    rows = {}
    judged = (("pipeline: median of the first 8", None), ("median of all frames", np.median),
              ("mean of all frames", np.mean), ("max of all frames", np.max))  # fmt: skip
    for name, pick in judged:
        part_scores = np.array([v.score if pick is None else pick(scores[v.number]) for v in verdicts])
        flagged = part_scores >= threshold
        rows[name] = {
            "part_auroc": auroc(part_scores, defective),
            "defective_flagged": float(flagged[defective].mean()),
            "good_flagged": float(flagged[~defective].mean()),
        }
    flagged = np.array([v.verdict is Verdict.NG for v in verdicts])
    by_type = {
        label: float(flagged[[lab == label for lab in labels]].mean()) for label in sorted(set(labels) - {"good"})
    }
    missed = [
        {"part": v.truth.part, "defect": v.truth.label, "severity": round(v.truth.severity, 3),
         "normalized_score": round(v.normalized_score, 3)}
        for v in verdicts if v.truth.defective and v.verdict is not Verdict.NG
    ]  # fmt: skip
    false_alarms = [
        {"part": v.truth.part, "normalized_score": round(v.normalized_score, 3)}
        for v in verdicts
        if not v.truth.defective and v.verdict is Verdict.NG
    ]
    frames = [v.frames for v in verdicts]
    report = {
        "model": str(model_dir),
        "seed": args.seed,
        "parts": len(verdicts),
        "defective_parts": int(defective.sum()),
        "parts_with_the_right_truth": sum(v.truth.part == v.number - 1 for v in verdicts),
        "parts_on_an_empty_belt": phantoms,
        "frames_per_part": {"min": min(frames), "median": float(np.median(frames)), "max": max(frames)},
        "frames_counted_without_a_whole_part": len(wrong_presence),
        "aggregation": rows,
        "flagged_by_defect": by_type,
        "missed": missed,
        "false_alarms": false_alarms,
        "seconds": round(seconds, 1),
        "frames_inspected": pipeline.frames_inspected,
    }

    print(f"model {model_dir}, demo line seed {args.seed}: {len(verdicts)} parts ({int(defective.sum())} defective), "
          f"{seconds:.0f} s")  # fmt: skip
    print(f"one verdict per part, in order: {report['parts_with_the_right_truth']} of {len(verdicts)}; frames per "
          f"part {min(frames)}-{max(frames)}; frames counted without a whole part in the region: "
          f"{len(wrong_presence)}; parts on an empty belt: {len(phantoms)}")  # fmt: skip
    print(f"{'part score':<34}{'part AUROC':>12}{'defective flagged':>19}{'good flagged':>14}")
    for name, row in rows.items():
        print(f"{name:<34}{row['part_auroc']:>12.3f}{row['defective_flagged']:>19.3f}{row['good_flagged']:>14.3f}")
    print("flagged by defect: " + "  ".join(f"{k} {v:.2f}" for k, v in by_type.items()))
    for miss in missed:
        print(f"  missed part {miss['part']}: {miss['defect']} severity {miss['severity']}, "
              f"{miss['normalized_score']:.2f} x threshold")  # fmt: skip
    for alarm in false_alarms:
        print(f"  false alarm on good part {alarm['part']}: {alarm['normalized_score']:.2f} x threshold")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
