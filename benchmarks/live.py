"""The live line's speed, in one run: model-only throughput, the threaded pipeline's throughput, frame-to-verdict
latency on the real-time demo line, and how late the window's event loop gets while it inspects.

1. model only: ``Inspector.inspect`` (preprocess, model, error map, score) on demo frames with a cookie at rest,
   one after another on this thread;
2. pipeline: the same frames through ``LinePipeline`` (capture thread, latest-frame slot, presence, inspection
   thread, part tracker, callbacks), lossless so that every frame is inspected: frames per second;
3. latency: the real-time demo line at 30 fps through the pipeline for ``--seconds``: from a frame's arrival from
   the source to the end of its inspection (frames with a part in view), median and p95;
4. event loop: the real window (offscreen) on the real-time demo line for ``--seconds``, a 10 ms timer measuring
   how late each tick fires: p99 and worst.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/live.py [--seconds 20] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from cookie_inspector.core.frames.sources import Frame, FrameSource, SourceEnded
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.line.live import FrameReport, LinePipeline
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.synth.line import DemoLine


class RestingFrames(FrameSource):
    """Pre-drawn frames of cookies at rest, delivered as fast as asked, ``count`` in all."""

    description = "resting demo cookies"

    def __init__(self, images: list[np.ndarray], count: int) -> None:
        self.images, self.count, self.index = images, count, 0

    def open(self) -> None:
        self.index = 0

    def read(self) -> Frame:
        if self.index >= self.count:
            raise SourceEnded(self.description)
        frame = Frame(self.images[self.index % len(self.images)], self.index, self.index / 30)
        self.index += 1
        return frame


def resting_images(parts: int = 4) -> list[np.ndarray]:
    line = DemoLine(seed=21, realtime=False)
    timing = line.timing
    images = []
    for part in range(parts):
        for k in range(8):
            t = part * timing.cycle + timing.enter + 0.1 + k / 30
            images.append(line.scene_at(t, frame_seed=part * 100 + k)[0])
    return images


def model_only_fps(inspector: Inspector, images: list[np.ndarray], frames: int) -> float:
    started = time.perf_counter()
    for i in range(frames):
        inspector.inspect(images[i % len(images)])
    return frames / (time.perf_counter() - started)


def pipeline_fps(inspector: Inspector, images: list[np.ndarray], frames: int) -> tuple[float, int]:
    inspected = []
    pipeline = LinePipeline(RestingFrames(images, frames), inspector, lossless=True,
                            on_frame=lambda r: inspected.append(r.result is not None))  # fmt: skip
    started = time.perf_counter()
    pipeline.start()
    pipeline.wait()
    seconds = time.perf_counter() - started
    pipeline.stop()
    return len(inspected) / seconds, sum(inspected)


def realtime_latency(inspector: Inspector, seconds: float) -> dict:
    reports: list[FrameReport] = []
    pipeline = LinePipeline(DemoLine(seed=5), inspector, on_frame=reports.append)
    pipeline.start()
    time.sleep(seconds)
    pipeline.stop()
    latencies = sorted(r.latency * 1000 for r in reports if r.result is not None)
    return {
        "frames_captured": pipeline.frames_captured,
        "frames_inspected": pipeline.frames_inspected,
        "frames_dropped": pipeline.dropped,
        "inspected_with_a_part": len(latencies),
        "latency_ms_median": statistics.median(latencies) if latencies else None,
        "latency_ms_p95": float(np.percentile(latencies, 95)) if latencies else None,
    }


def event_loop_delay(seconds: float) -> dict:
    from loop_probe import EventLoopProbe
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from cookie_inspector.gui.app import build_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window("demo:5", data_dir=Path(tmp) / "data", settings=settings)
        window.resize(1200, 800)
        window.show()
        window.start()
        probe = EventLoopProbe()
        probe.start()
        QTimer.singleShot(int(seconds * 1000), app.quit)
        app.exec()
        probe.stop()
        shown, parts = window.view.frames_shown, window.controller.parts
        window.close()
    delays = probe.delays[50:]  # the first half second is start-up
    return {
        "ticks": len(delays),
        "delay_ms_p99": float(np.percentile(delays, 99)),
        "delay_ms_max": max(delays),
        "frames_shown_per_s": shown / seconds,
        "parts": parts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "live.json")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    inspector = Inspector(load_bundle(demo_model_dir()))
    images = resting_images()
    model_only_fps(inspector, images, 10)  # warm up
    rounds = [(model_only_fps(inspector, images, args.frames), pipeline_fps(inspector, images, args.frames))
              for _ in range(3)]  # fmt: skip
    model = statistics.median(r[0] for r in rounds)
    pipe = statistics.median(r[1][0] for r in rounds)
    inspected = rounds[0][1][1]
    latency = realtime_latency(inspector, args.seconds)
    loop = event_loop_delay(args.seconds)

    print(f"{'measure':<44}{'value':>12}")
    print(f"{'model only, frames/s (inspect on one thread)':<44}{model:>12.1f}")
    print(f"{'pipeline, frames/s (threads, every frame)':<44}{pipe:>12.1f}   {pipe / model:.0%} of model only, "
          f"{inspected} of {args.frames} frames with a part")  # fmt: skip
    print(f"{'real-time line: frame-to-verdict ms, median':<44}{latency['latency_ms_median']:>12.1f}")
    print(f"{'real-time line: frame-to-verdict ms, p95':<44}{latency['latency_ms_p95']:>12.1f}   "
          f"{latency['frames_captured']} captured, {latency['frames_inspected']} inspected, "
          f"{latency['frames_dropped']} dropped")  # fmt: skip
    print(f"{'window: event-loop delay ms, p99':<44}{loop['delay_ms_p99']:>12.1f}")
    print(f"{'window: event-loop delay ms, worst':<44}{loop['delay_ms_max']:>12.1f}   "
          f"{loop['frames_shown_per_s']:.1f} frames shown/s, {loop['parts']} parts")  # fmt: skip
    report = {"cpus": os.cpu_count(), "threads": threading.active_count(), "model_only_fps": model,
              "pipeline_fps": pipe, "pipeline_over_model": pipe / model, "rounds": rounds,
              "realtime": latency, "event_loop": loop}  # fmt: skip
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=float) + "\n")


if __name__ == "__main__":
    main()
