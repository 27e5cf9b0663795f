"""``cookie-inspector inspect``: images, folders and videos, one line per picture."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from cookie_inspector.cli.common import EXIT_INPUT, EXIT_NG, EXIT_OK, err, positive_int, roi


def add_parser(commands) -> None:
    inspect = commands.add_parser(
        "inspect",
        help="inspect images, folders of images or videos",
        description="Print one line per image or video frame: source, score, normalised score (1.0 = threshold), "
        "verdict. Exit code 1 when any part is NG.",
    )
    inspect.add_argument("model_dir", type=Path, metavar="MODEL_DIR")
    inspect.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="image, folder of images, or video")
    inspect.add_argument("--out", type=Path, metavar="DIR", help="write heatmap overlays here")
    inspect.add_argument("--roi", type=roi, metavar="X,Y,W,H", help="region to inspect, in frame pixels")
    inspect.add_argument(
        "--region",
        choices=["auto", "full", "center"],
        default="auto",
        help="without --roi: whole image or largest centred square (auto: images full, videos center)",
    )
    inspect.add_argument("--opacity", type=float, default=0.6, help="heatmap opacity 0..1 (default: 0.6)")
    inspect.add_argument("--every", type=positive_int, default=1, help="inspect every N-th video frame")
    inspect.add_argument("--json", action="store_true", help="print JSON lines instead of text")
    inspect.set_defaults(handler=cmd_inspect)


def _expand_inputs(inputs: list[Path], problem: Callable[[str, str], None]) -> Iterator[tuple[str, Path]]:
    """("image" | "video", path) for every input; folders give their images and videos, sorted. What cannot be
    inspected in a folder (a broken link, a link loop, a sub-folder named like an image) goes to ``problem``."""
    from cookie_inspector.core.errors import ImageReadError
    from cookie_inspector.core.frames.imageio import is_image_path, is_video_path, scan_folder

    for path in inputs:
        if path.is_dir():
            try:
                files, broken = scan_folder(path)
            except ImageReadError as exc:
                problem(str(path), str(exc).removeprefix(f"{path}: "))
                continue
            found = [p for p in files if is_image_path(p) or is_video_path(p)]
            for entry, reason in broken:
                problem(str(entry), f"skipped: {reason}")
            if not found and not broken:
                problem(str(path), "no images or videos in this folder")
            for entry in found:
                yield ("video" if is_video_path(entry) else "image"), entry
        elif is_video_path(path):
            yield "video", path
        else:
            yield "image", path


def cmd_inspect(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    """Exit code: 1 when a part is NG (even if other inputs failed: a found defect is never hidden), else 3 when an
    input could not be inspected, else 0."""
    from cookie_inspector.core.errors import InspectorError
    from cookie_inspector.core.frames.imageio import read_image, write_image
    from cookie_inspector.core.frames.video import VideoWriter, iter_video_frames, video_fps
    from cookie_inspector.core.judge.inspector import InspectionResult, Inspector, Verdict
    from cookie_inspector.core.model.bundle import load_bundle

    bundle = load_bundle(args.model_dir)
    inspector = Inspector(bundle, roi=args.roi)
    problems: list[str] = []
    warned: list[str] = []
    verdicts: list[Verdict] = []
    used_names: set[str] = set()

    def out_name(stem: str, suffix: str) -> Path:
        name, n = f"{stem}_overlay{suffix}", 1
        while name in used_names:
            n += 1
            name = f"{stem}_{n}_overlay{suffix}"
        used_names.add(name)
        return args.out / name

    def problem(source: str, message: str) -> None:
        """One input that could not be inspected: one line, naming it; counted for the closing line."""
        problems.append(source)
        report(f"{source}: {message}")
        if args.json:
            print(json.dumps({"source": source, "error": message}), flush=True)

    def warn(source: str, frame) -> list[str]:
        notes = inspector.input_warnings(frame)
        for note in notes:
            err(f"warning: {source}: {note}")
        if notes:
            warned.append(source)
        return notes

    def emit(source: str, result: InspectionResult, notes: list[str] | None = None) -> None:
        verdicts.append(result.verdict)
        if args.json:
            record = {
                "source": source,
                "score": result.score,
                "normalized_score": result.normalized_score,
                "verdict": result.verdict.value,
            }
            if notes:
                record["warnings"] = notes
            print(json.dumps(record), flush=True)
        else:
            print(
                f"{source}\tscore {result.score:.5f}\tnorm {result.normalized_score:.3f}\t{result.verdict.value}",
                flush=True,
            )

    opacity = min(max(args.opacity, 0.0), 1.0)
    for kind, path in _expand_inputs(args.inputs, problem):
        region = args.region if args.region != "auto" else (Inspector.model_region(inspector.bundle) if kind == "video"
                                                            else "full")  # fmt: skip
        inspector.region = region
        try:
            if kind == "image":
                image = read_image(path)
                notes = warn(str(path), image)  # a picture too small to inspect is refused here already
                result = inspector.inspect(image)
                emit(str(path), result, notes)
                if args.out:
                    write_image(out_name(path.stem, ".png"), result.overlay(opacity))
            else:
                writer = VideoWriter(out_name(path.stem, ".mp4"), video_fps(path) / args.every) if args.out else None
                try:
                    batch: list[tuple[int, object]] = []
                    for index, frame in iter_video_frames(path, args.every):
                        if not batch and index < args.every:  # a video's frames are alike: its first one says it
                            warn(str(path), frame)
                        batch.append((index, frame))
                        if len(batch) == inspector.batch_size:
                            _inspect_video_batch(inspector, batch, path, emit, writer, opacity)
                            batch = []
                    _inspect_video_batch(inspector, batch, path, emit, writer, opacity)
                finally:
                    if writer:
                        writer.close()
        except InspectorError as exc:
            message = str(exc)
            problem(str(path), message.removeprefix(f"{path}: "))
        except OSError as exc:  # an overlay that cannot be written (full disk, no permission)
            problem(str(path), f"{exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}")
    ng = sum(v is Verdict.NG for v in verdicts)
    code = EXIT_NG if ng else (EXIT_INPUT if problems or not verdicts else EXIT_OK)
    if args.json:
        summary = {"inspected": len(verdicts), "ok": sum(v is Verdict.OK for v in verdicts),
                   "warn": sum(v is Verdict.WARN for v in verdicts), "ng": ng, "errors": len(problems),
                   "warnings": len(warned), "exit_code": code}  # fmt: skip
        print(json.dumps({"summary": summary}), flush=True)
    if not verdicts:
        report(f"nothing was inspected: {len(problems)} input(s) could not be" if problems else "nothing was inspected")
    elif problems:
        report(f"{len(problems)} input(s) could not be inspected; {len(verdicts)} inspected, {ng} NG")
    return code


def _inspect_video_batch(inspector, batch, path, emit, writer, opacity) -> None:
    if not batch:
        return
    results = inspector.inspect_batch([frame for _, frame in batch])
    for (index, _), result in zip(batch, results, strict=True):
        emit(f"{path}#{index}", result)
        if writer:
            writer.write(result.overlay(opacity))
