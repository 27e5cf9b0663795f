"""Soak: the headless live line on the demo line for an hour, log on, watched for leaks and slow-downs.

Runs what ``cookie-inspector run --headless --source demo`` runs (the demo line in real time, the capture and
inspection threads, one verdict per part, every part written to a real inspection log and NG parts' pictures to
its folder) inside this process, and every ``--every`` seconds records the process's resident memory, the
inspection rate, parts judged, frames dropped (delivered by the line but never inspected because a newer one
came first) and the size of the data folder. At the end: a JSON file, a Markdown table and a plot.

    .venv/bin/python benchmarks/soak.py [--minutes 60] [--every 30] [--seed 3] [--model DIR]

Writes benchmarks/results/soak.json, docs/soak.md and docs/soak.png. Memory growth is measured from the sample
at ``--settle`` minutes (TensorFlow's first calls allocate for good; default 2) to the end, and also from the
first sample. Linux only (resident memory is read from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.judge.inspector import Inspector, Verdict
from cookie_inspector.core.line.live import LinePipeline, LiveSettings, PartVerdict
from cookie_inspector.core.line.records import InspectionLog, RecordError
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.line import DemoLine

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs"


def resident_mb() -> float:
    """This process's resident set size in MB (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def plot(samples: list[dict], path: Path, title: str) -> None:
    """Three stacked panels (memory, inspection rate, dropped share) drawn with OpenCV: no plotting library."""
    width, panel_h, left, right, top = 1000, 190, 80, 20, 40
    panels = [
        ("resident memory (MB)", "rss_mb", (40, 40, 200)),
        ("inspections per second", "inspect_fps", (160, 90, 20)),
        ("frames dropped in the interval (%)", "dropped_pct", (30, 140, 30)),
    ]
    height = top + len(panels) * (panel_h + 40) + 30
    image = np.full((height, width, 3), 255, np.uint8)
    cv2.putText(image, title, (left, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 1, cv2.LINE_AA)
    minutes = np.array([s["minute"] for s in samples], float)
    span = max(float(minutes[-1]), 1e-6) if len(minutes) else 1.0
    for i, (label, key, colour) in enumerate(panels):
        y0 = top + i * (panel_h + 40) + 20
        values = np.array([s[key] for s in samples], float)
        low, high = (float(values.min()), float(values.max())) if len(values) else (0.0, 1.0)
        if key != "rss_mb":
            low = 0.0
        pad = max((high - low) * 0.1, 1.0 if key == "rss_mb" else 0.5)
        low, high = max(0.0, low - pad) if key == "rss_mb" else low, high + pad
        cv2.rectangle(image, (left, y0), (width - right, y0 + panel_h), (180, 180, 180), 1)
        cv2.putText(image, label, (left + 6, y0 - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
        for frac in (0.0, 0.5, 1.0):
            y = int(y0 + panel_h - frac * panel_h)
            cv2.line(image, (left - 4, y), (left, y), (0, 0, 0), 1)
            cv2.putText(image, f"{low + frac * (high - low):.1f}", (6, y + 4), cv2.FONT_HERSHEY_SIMPLEX, 0.42,
                        (60, 60, 60), 1, cv2.LINE_AA)  # fmt: skip
        if len(values) >= 2:
            xs = left + (minutes / span) * (width - left - right)
            ys = y0 + panel_h - (values - low) / (high - low) * panel_h
            points = np.stack([xs, ys], 1).round().astype(np.int32)
            cv2.polylines(image, [points], False, colour, 2, cv2.LINE_AA)
    step = next((t for t in (0.25, 0.5, 1, 2, 5, 10, 15, 30, 60) if span / t <= 8), 120)
    for tick in np.arange(0, span + 1e-9, step):
        frac = tick / span
        x = int(left + frac * (width - left - right))
        label = f"{tick:g}"
        cv2.putText(image, label, (x - 8, height - 12), cv2.FONT_HERSHEY_SIMPLEX, 0.42, (60, 60, 60), 1, cv2.LINE_AA)
    cv2.putText(image, "min", (6, height - 12), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(path), image):
        raise OSError(f"{path}: could not write the plot")


def markdown(result: dict, every_rows: int) -> str:
    s = result["summary"]
    lines = [
        "# Soak: the headless line for an hour",
        "",
        f"`{result['command']}` on {result['machine']}, {result['started']}; model {result['model']}.",
        "The demo line in real time, the inspection log on (a real SQLite file, NG parts' pictures saved)."
        + (f" Meanwhile: {result['note']}" if result.get("note") else ""),
        "",
        f"- duration: {s['minutes']:.1f} min, {s['parts']} parts ({s['ng']} NG), {s['log_rows']} rows in the log "
        f"({s['record_errors']} parts that could not be logged)",
        f"- resident memory: {s['rss_first_mb']:.0f} MB at the first sample, {s['rss_end_mb']:.0f} MB at the end "
        f"(settled range {s['rss_min_mb']:.0f}-{s['rss_peak_mb']:.0f} MB); **growth {s['growth_mb']:+.1f} MB** (median "
        f"of the last quarter, {s['rss_late_median_mb']:.0f} MB, against the first quarter after "
        f"{result['settle_minutes']:g} min, {s['rss_early_median_mb']:.0f} MB; goal < 50 MB), trend "
        f"{s['slope_mb_per_hour']:+.1f} MB per hour",
        f"- inspection rate: {s['inspect_fps_first_quarter']:.1f} inspections/s in the first quarter, "
        f"{s['inspect_fps_last_quarter']:.1f} in the last ({s['rate_change_pct']:+.1f}%); parts judged "
        f"{s['parts_per_min_first_quarter']:.1f} and {s['parts_per_min_last_quarter']:.1f} per minute",
        f"- frames dropped: {s['dropped_pct_first_quarter']:.1f}% in the first quarter, "
        f"{s['dropped_pct_last_quarter']:.1f}% in the last (a frame is dropped when a newer one arrives before the "
        "model is free; the line's verdicts use the frames inspected)",
        f"- data folder: {s['data_mb']:.1f} MB at the end",
        "",
        "![memory, rate and dropped frames over the run](soak.png)",
        "",
        "| minute | resident MB | inspections/s | parts/min | dropped % | parts | NG | log MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = result["samples"]
    picked = rows[::every_rows]
    if rows and picked[-1] is not rows[-1]:
        picked.append(rows[-1])
    for r in picked:
        lines.append(
            f"| {r['minute']:.1f} | {r['rss_mb']:.1f} | {r['inspect_fps']:.1f} | {r['parts_per_min']:.1f} | "
            f"{r['dropped_pct']:.1f} | {r['parts']} | {r['ng']} | {r['data_mb']:.1f} |"
        )
    lines += ["", "Reproduce: `" + result["command"] + "` (figures in benchmarks/results/soak.json).", ""]
    return "\n".join(lines)


def quarter_mean(samples: list[dict], key: str, last: bool) -> float:
    n = max(1, len(samples) // 4)
    chosen = samples[-n:] if last else samples[:n]
    return float(np.mean([s[key] for s in chosen])) if chosen else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--every", type=float, default=30.0, help="seconds between samples (default: 30)")
    parser.add_argument("--settle", type=float, default=2.0, help="minutes before growth is counted (default: 2)")
    parser.add_argument("--seed", type=int, default=3, help="the demo line's seed (default: 3)")
    parser.add_argument("--model", type=Path)
    parser.add_argument("--json", type=Path, default=HERE / "results" / "soak.json")
    parser.add_argument("--docs", type=Path, default=DOCS, help="where soak.md and soak.png go")
    parser.add_argument("--render", type=Path, metavar="SOAK_JSON", help="only write the docs again from a run's JSON")
    parser.add_argument("--note", help="what else ran on the machine meanwhile (goes into the report)")
    args = parser.parse_args()
    if args.render:
        result = json.loads(args.render.read_text())
        for key in ("log_rows", "record_errors"):  # where a first version of this script kept them
            result.setdefault(key, result.get("summary", {}).get(key, 0))
        result["summary"] = summarise(result)
        if args.note:
            result["note"] = args.note
        args.render.write_text(json.dumps(result, indent=2) + "\n")
        render(result, args.docs)
        return

    model_dir = args.model or demo_model_dir()
    data = Path(tempfile.mkdtemp(prefix="cookie-soak-"))
    inspector = Inspector(load_bundle(model_dir))
    log = InspectionLog(data)
    source = DemoLine(seed=args.seed, realtime=True)
    counts = {"parts": 0, "ng": 0, "record_errors": 0}
    lock = threading.Lock()

    def on_part(verdict: PartVerdict) -> None:
        try:
            log.record(verdict, source.description)
        except RecordError:
            counts["record_errors"] += 1
        with lock:
            counts["parts"] += 1
            counts["ng"] += verdict.verdict is Verdict.NG

    pipeline = LinePipeline(source, inspector, LiveSettings(), on_part=on_part)
    command = "python benchmarks/soak.py" + (f" --minutes {args.minutes:g}" if args.minutes != 60 else "")
    started_at = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    samples: list[dict] = []
    start = time.monotonic()
    pipeline.start()
    last = {"t": 0.0, "inspected": 0, "captured": 0, "dropped": 0, "parts": 0}
    try:
        while (elapsed := time.monotonic() - start) < args.minutes * 60:
            time.sleep(min(args.every, max(0.1, args.minutes * 60 - elapsed)))
            now = time.monotonic() - start
            with lock:
                parts, ng = counts["parts"], counts["ng"]
            captured, inspected, dropped = pipeline.frames_captured, pipeline.frames_inspected, pipeline.dropped
            dt = now - last["t"]
            new_frames = captured - last["captured"]
            sample = {
                "minute": round(now / 60, 3),
                "rss_mb": round(resident_mb(), 2),
                "inspect_fps": round((inspected - last["inspected"]) / dt, 2),
                "capture_fps": round(new_frames / dt, 2),
                "dropped_pct": round(100 * (dropped - last["dropped"]) / new_frames, 2) if new_frames else 0.0,
                "parts_per_min": round((parts - last["parts"]) / dt * 60, 2),
                "parts": parts,
                "ng": ng,
                "frames_captured": captured,
                "frames_inspected": inspected,
                "frames_dropped": dropped,
                "data_mb": round(folder_mb(data), 2),
                "line_state": pipeline.state,
            }
            samples.append(sample)
            last = {"t": now, "inspected": inspected, "captured": captured, "dropped": dropped, "parts": parts}
            print(json.dumps(sample), flush=True)
            if not pipeline.running:
                print("the line stopped: " + pipeline.message, flush=True)
                break
    finally:
        pipeline.stop()
        log.close()
    with sqlite3.connect(log.path) as db:
        rows = db.execute("SELECT COUNT(*) FROM parts").fetchone()[0]
    shutil.rmtree(data, ignore_errors=True)

    result = {
        "command": command,
        "machine": f"{platform.machine()} Linux, {os.cpu_count()} cores",
        "started": started_at,
        "model": str(Path(model_dir).name),
        "settle_minutes": args.settle,
        "every_s": args.every,
        "log_rows": rows,
        "record_errors": counts["record_errors"],
        "samples": samples,
    }
    if args.note:
        result["note"] = args.note
    result["summary"] = summarise(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    render(result, args.docs)


def summarise(result: dict) -> dict:
    """The run's figures: memory growth as the median of the last quarter against the median of the first quarter
    after settling (single samples swing by tens of MB as the allocator takes and gives back memory), and the slope
    of a straight line through the settled samples."""
    samples = result["samples"]
    settled = [s for s in samples if s["minute"] >= result["settle_minutes"]] or samples
    quarter = max(1, len(settled) // 4)
    early = float(np.median([s["rss_mb"] for s in settled[:quarter]]))
    late = float(np.median([s["rss_mb"] for s in settled[-quarter:]]))
    minutes = np.array([s["minute"] for s in settled])
    rss = np.array([s["rss_mb"] for s in settled])
    slope = float(np.polyfit(minutes, rss, 1)[0] * 60) if len(settled) >= 2 else 0.0
    summary = {
        "minutes": samples[-1]["minute"],
        "parts": samples[-1]["parts"],
        "ng": samples[-1]["ng"],
        "log_rows": result["log_rows"],
        "record_errors": result["record_errors"],
        "rss_first_mb": samples[0]["rss_mb"],
        "rss_end_mb": samples[-1]["rss_mb"],
        "rss_min_mb": min(s["rss_mb"] for s in settled),
        "rss_peak_mb": max(s["rss_mb"] for s in samples),
        "rss_early_median_mb": round(early, 2),
        "rss_late_median_mb": round(late, 2),
        "growth_mb": round(late - early, 2),
        "slope_mb_per_hour": round(slope, 2),
        "inspect_fps_first_quarter": quarter_mean(samples, "inspect_fps", last=False),
        "inspect_fps_last_quarter": quarter_mean(samples, "inspect_fps", last=True),
        "parts_per_min_first_quarter": quarter_mean(samples, "parts_per_min", last=False),
        "parts_per_min_last_quarter": quarter_mean(samples, "parts_per_min", last=True),
        "dropped_pct_first_quarter": quarter_mean(samples, "dropped_pct", last=False),
        "dropped_pct_last_quarter": quarter_mean(samples, "dropped_pct", last=True),
        "data_mb": samples[-1]["data_mb"],
    }
    first = summary["inspect_fps_first_quarter"]
    summary["rate_change_pct"] = round(100 * (summary["inspect_fps_last_quarter"] - first) / first, 2) if first else 0.0
    return summary


def render(result: dict, docs: Path) -> None:
    summary = result["summary"]
    title = (f"soak: {summary['minutes']:.0f} min, {summary['parts']} parts, memory {summary['growth_mb']:+.1f} MB "
             f"(median of the last quarter against the first, after {result['settle_minutes']:g} min)")  # fmt: skip
    plot(result["samples"], docs / "soak.png", title)
    (docs / "soak.md").write_text(markdown(result, max(1, round(300 / result["every_s"]))))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
