"""The ``cookie-inspector`` command: train, inspect, evaluate and describe models without a window.

Exit codes: 0 done (inspect: every input inspected, every part OK or WARN); 1 inspect found at least one NG part
(this wins: also when other inputs could not be read); 2 the command line is wrong; 3 an input or output file is a
problem and no part is NG (unreadable image, missing folder, too few samples, full disk); 4 a model bundle is missing
or corrupt; 130 cancelled.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from cookie_inspector import __version__

EXIT_OK = 0
EXIT_NG = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_MODEL = 4
EXIT_CANCELLED = 130

ARCH_CHOICES = ("default", "feature-gaussian", "feature-memory", "feature-ensemble", "feature-ae", "pixel", "seed")
"""The ``--arch`` names (kept here so that ``--help`` needs no TensorFlow; a test keeps it in step with the
architectures)."""


def _roi(text: str):
    from cookie_inspector.core.errors import RoiError
    from cookie_inspector.core.frames.preprocess import Roi

    try:
        return Roi.parse(text)
    except RoiError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _number(convert: Callable[[str], float], accept: Callable[[float], bool], requirement: str):
    """An argparse type: ``convert`` the text, then insist on ``requirement``."""
    noun = "whole number" if convert is int else "number"

    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {noun}") from None
        if not accept(value):
            raise argparse.ArgumentTypeError(f"{text} must be {requirement}")
        return value

    return parse


def _source_help() -> str:
    from cookie_inspector.lines import SOURCE_HELP

    return SOURCE_HELP


def _defect_types() -> tuple[str, ...]:
    from cookie_inspector.synth.cookies import DEFECT_TYPES

    return DEFECT_TYPES


def _defect_mix(text: str):
    from cookie_inspector.synth.parts import DefectMix

    try:
        return DefectMix.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _severity(text: str) -> tuple[float, float]:
    from cookie_inspector.synth.parts import DefectMix

    try:
        low, high = (float(p) for p in text.split(","))
        return DefectMix(severity=(low, high)).severity  # the mix checks the range
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r}: expected LOW,HIGH with 0 <= LOW <= HIGH <= 1 ({exc})") from None


_fraction = _number(float, lambda v: 0.0 < v < 1.0, "between 0 and 1 (exclusive)")
_positive_int = _number(int, lambda v: v >= 1, "at least 1")
_count = _number(int, lambda v: v >= 0, "zero or more")
_positive_float = _number(float, lambda v: v > 0, "positive")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cookie-inspector",
        description="Visual inspection with an autoencoder trained only on good products.",
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--language", choices=("en", "ja"), help="the window's language (default: the one chosen "
                        "in View > Language, else the system's)")  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    train = commands.add_parser(
        "train",
        help="train a model on a folder of good images",
        description="Train a model on good images, calibrate its threshold on held-out good images, and save a "
        "model bundle. SAMPLES_DIR is a folder of images (or a dataset root with train/good/). The default model "
        "scores the features of an ImageNet-pretrained backbone (EfficientNet-Lite0) with a Gaussian per position; "
        "feature-memory and feature-ae are the other feature heads, pixel the compact pixel autoencoder of the first "
        "release, seed the original article's network.",
    )
    train.add_argument("samples_dir", type=Path, metavar="SAMPLES_DIR")
    train.add_argument("--out", type=Path, required=True, metavar="MODEL_DIR", help="where to write the bundle")
    train.add_argument("--arch", default="default", choices=ARCH_CHOICES, help="model (default: default)")
    train.add_argument("--epochs", type=_positive_int,
                       help="passes over the data (pixel networks: 50; feature-ae: 3000 images in all, 5 to 60 "
                       "epochs; other heads: one pass)")  # fmt: skip
    train.add_argument("--batch-size", type=_positive_int, help="images per step (default: 8)")
    train.add_argument("--learning-rate", type=_positive_float, help="Adam step size (seed: 5e-4, default: 1e-3)")
    train.add_argument("--size", type=_positive_int, default=300, help="model input side in pixels (default: 300)")
    train.add_argument("--roi", type=_roi, metavar="X,Y,W,H", help="region of each image to use (default: all)")
    train.add_argument("--holdout", type=_fraction, default=0.2, help="share held out to calibrate the networks "
                       "that are not calibrated out of fold (default: 0.2)")  # fmt: skip
    train.add_argument("--folds", type=_number(int, lambda v: v == 0 or v >= 2, "0, or 2 or more"), default=5,
                       metavar="K", help="default, Gaussian and memory models: calibrate on out-of-fold scores of "
                       "every sample from K folds (default: 5; 0: hold a share out instead)")  # fmt: skip
    train.add_argument(
        "--false-alarm-rate", type=_fraction, default=0.01, help="target share of good parts flagged NG (0.01)"
    )
    train.add_argument("--warn-rate", type=_fraction, default=0.05, help="target share of good parts in WARN (0.05)")
    train.add_argument("--seed", type=int, default=0, help="random seed for the split and the weights (0)")
    train.add_argument("--progress", choices=["text", "json"], default="text", help="json: JSON lines on stdout")
    train.add_argument("--background", action="store_true",
                       help="run at a lower priority: a live inspection on the same machine comes first")  # fmt: skip
    train.set_defaults(handler=cmd_train)

    inspect = commands.add_parser(
        "inspect",
        help="inspect images, folders of images or videos",
        description="Print one line per image or video frame: source, score, normalised score (1.0 = threshold), "
        "verdict. Exit code 1 when any part is NG.",
    )
    inspect.add_argument("model_dir", type=Path, metavar="MODEL_DIR")
    inspect.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="image, folder of images, or video")
    inspect.add_argument("--out", type=Path, metavar="DIR", help="write heatmap overlays here")
    inspect.add_argument("--roi", type=_roi, metavar="X,Y,W,H", help="region to inspect, in frame pixels")
    inspect.add_argument(
        "--region",
        choices=["auto", "full", "center"],
        default="auto",
        help="without --roi: whole image or largest centred square (auto: images full, videos center)",
    )
    inspect.add_argument("--opacity", type=float, default=0.6, help="heatmap opacity 0..1 (default: 0.6)")
    inspect.add_argument("--every", type=_positive_int, default=1, help="inspect every N-th video frame")
    inspect.add_argument("--json", action="store_true", help="print JSON lines instead of text")
    inspect.set_defaults(handler=cmd_inspect)

    evaluate = commands.add_parser(
        "evaluate",
        help="measure a model on a labelled set in MVTec layout",
        description="Report image AUROC, pixel AUROC (where masks exist), and the false-alarm and detection rates "
        "at the model's threshold, on DATASET_DIR/test/good and DATASET_DIR/test/<defect>.",
    )
    evaluate.add_argument(
        "model_dir", type=Path, nargs="?", metavar="MODEL_DIR", help="model bundle (default: the shipped demo model)"
    )
    evaluate.add_argument("dataset_dir", type=Path, metavar="DATASET_DIR")
    evaluate.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    evaluate.add_argument("--roi", type=_roi, metavar="X,Y,W,H", help="region of each image (default: all)")
    evaluate.set_defaults(handler=cmd_evaluate)

    demo = commands.add_parser(
        "demo-data",
        help="write a demo cookie data set (MVTec layout) and a contact sheet",
        description="Draw procedural cookies as the demo line's camera sees them, good and defective, with exact "
        "defect masks, into OUT_DIR/train/good, OUT_DIR/test/<good|defect> and OUT_DIR/ground_truth/<defect>. "
        "The same seed always gives the same set; another seed gives other cookies.",
    )
    demo.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    demo.add_argument("--seed", type=int, default=0, help="which cookies (default: 0)")
    demo.add_argument("--train", type=_count, default=200, help="good training images (default: 200)")
    demo.add_argument("--test-good", type=_count, default=40, help="good test images (default: 40)")
    demo.add_argument("--test-defect", type=_count, default=60, help="defective test images (default: 60)")
    demo.add_argument(
        "--defects",
        type=_defect_mix,
        metavar="TYPE=WEIGHT,...",
        help=f"which defects and how often, e.g. crack=2,chip=1 (default: all of {', '.join(_defect_types())} equally)",
    )
    demo.add_argument(
        "--severity", type=_severity, metavar="LOW,HIGH", help="defect severity range within 0..1 (default: 0.2,1)"
    )
    demo.add_argument(
        "--recipe",
        choices=["sugar", "chocolate"],
        default="sugar",
        help="toppings: sugar crystals (the demo line's, default) or chocolate chips (a harder test)",
    )
    demo.add_argument("--contact-sheet", type=Path, metavar="PNG", help="also write a grid of examples here")
    demo.set_defaults(handler=cmd_demo_data)

    run = commands.add_parser(
        "run",
        help="inspect a live line part by part",
        description="Watch a line (the demo line unless --source says otherwise): frames come in on one thread, the "
        "model runs on another whenever a part is in the region, whole and still, and each part gets one verdict. "
        "Prints one JSON line per part and logs every part in the data folder (NG parts with their images).",
    )
    run.add_argument("--source", default="demo", metavar="SRC", help=f"what to watch: {_source_help()}")
    run.add_argument("--model", type=Path, metavar="MODEL_DIR", help="model bundle (default: the shipped demo model)")
    run.add_argument("--headless", action="store_true", help="no window: print one JSON line per part")
    run.add_argument("--parts", type=_number(int, lambda v: v > 0, "a positive whole number"), metavar="N",
                     help="stop after N parts (default: until the source ends, Ctrl+C or the close)")  # fmt: skip
    run.add_argument("--json", type=Path, metavar="FILE", help="also write a summary of the run as JSON")
    run.add_argument("--roi", type=_roi, metavar="X,Y,W,H", help="inspection region (default: the model's own: the "
                     "region it was trained on, else the largest centred box shaped like its training pictures, the "
                     "whole frame when they are shaped alike)")  # fmt: skip
    run.add_argument("--threshold", type=_number(float, lambda v: v > 0, "a positive number"), metavar="T",
                     help="alarm threshold in score units (default: the model's calibrated one)")  # fmt: skip
    run.add_argument("--presence", choices=("auto", "every-frame"),
                     help="auto: find the part on the background (default); every-frame: each frame is a part "
                     "(close-ups, photo folders: the default for a folder)")  # fmt: skip
    run.add_argument("--fast", action="store_true", help="files and the demo line: inspect every frame as fast "
                     "as the model goes, not in real time")  # fmt: skip
    run.add_argument("--data-dir", type=Path, metavar="DIR", help="where the log and NG images go (default: the "
                     "user data folder, or $COOKIE_INSPECTOR_DATA)")  # fmt: skip
    run.add_argument("--no-log", action="store_true", help="do not write the inspection log or NG images (nor the "
                     "line's calibration: it is then kept in memory for this run only)")  # fmt: skip
    calibration = run.add_argument_group(
        "the line's calibration",
        "the threshold set from the parts the line judges (their median and spread; see the README); kept per "
        "model in the data folder, so it goes on after a restart",
    )
    calibration.add_argument("--line-calibration", choices=("on", "off"), default="on",
                             help="on (default): calibrate on the line; off: the samples' threshold only")  # fmt: skip
    calibration.add_argument("--calibration-parts", type=_number(int, lambda v: v >= 1, "a positive whole number"),
                             default=200, metavar="N", help="parts the calibration takes (default: 200)")  # fmt: skip
    calibration.add_argument("--calibration-bound", type=_number(float, lambda v: v >= 1, "a number of 1 or more"),
                             default=2.0, metavar="B", help="the line's threshold stays within the samples' divided "
                             "or multiplied by B (default: 2)")  # fmt: skip
    calibration.add_argument("--recalibrate", action="store_true",
                             help="forget the line's calibration of this model and start it again")  # fmt: skip
    run.add_argument("--language", choices=("en", "ja"), default=argparse.SUPPRESS,
                     help="the window's language (default: View > Language, else the system's)")  # fmt: skip
    _add_output_options(run)
    run.set_defaults(handler=cmd_run)

    cameras = commands.add_parser("cameras", help="list the cameras that deliver pictures",
                                  description="Try camera indices 0..N-1 and print those that open and give a frame "
                                  "(use one with run --source INDEX).")  # fmt: skip
    cameras.add_argument("--max", type=_number(int, lambda v: v > 0, "a positive whole number"), default=8,
                         metavar="N", help="how many indices to try (default: 8)")  # fmt: skip
    cameras.set_defaults(handler=cmd_cameras)

    info = commands.add_parser("info", help="describe a model bundle", description="Print a bundle's metadata.")
    info.add_argument("model_dir", type=Path, metavar="MODEL_DIR")
    info.add_argument("--json", action="store_true", help="print meta.json as it is")
    info.set_defaults(handler=cmd_info)
    return parser


def _add_output_options(run: argparse.ArgumentParser) -> None:
    outputs = run.add_argument_group(
        "line outputs",
        "every part's verdict to the plant floor; MQTT and the webhook queue in an outbox in the data "
        "folder until delivered (the window: Line > Line outputs, remembered; these options override it)",
    )
    outputs.add_argument("--line", metavar="NAME", help="this line's name in topics and events (default: host name)")
    outputs.add_argument(
        "--mqtt",
        metavar="URL",
        help="MQTT broker: mqtt://HOST[:PORT][/PREFIX] or mqtts://... "
        "(default prefix cookie-inspector): events on PREFIX/LINE/parts, state on PREFIX/LINE/status",
    )
    outputs.add_argument("--mqtt-user", metavar="USER", help="broker user (or $COOKIE_INSPECTOR_MQTT_USER)")
    outputs.add_argument(
        "--mqtt-password",
        metavar="PASSWORD",
        help="broker password (better: $COOKIE_INSPECTOR_MQTT_PASSWORD, not in the process list)",
    )
    outputs.add_argument("--mqtt-ca", type=Path, metavar="FILE", help="CA certificate of an mqtts:// broker")
    outputs.add_argument("--opcua", metavar="URL", help="serve the line's state over OPC UA at opc.tcp://HOST:PORT")
    outputs.add_argument(
        "--opcua-user",
        metavar="USER",
        help="only this user may call AcknowledgeAlarm (or $COOKIE_INSPECTOR_OPCUA_USER)",
    )
    outputs.add_argument(
        "--opcua-password", metavar="PASSWORD", help="that user's password (or $COOKIE_INSPECTOR_OPCUA_PASSWORD)"
    )
    outputs.add_argument("--webhook", metavar="URL", help="POST every part's event as JSON to this http(s) URL")
    outputs.add_argument(
        "--outbox-days",
        type=_positive_float,
        metavar="DAYS",
        help="keep undelivered events this long at most (default: 7)",
    )
    outputs.add_argument(
        "--outbox-mb", type=_positive_float, metavar="MB", help="and this much at most per output (default: 100)"
    )


def _outputs_config(args: argparse.Namespace):
    """The outputs asked for on the command line; None when none was (the window then uses its remembered ones)."""
    from cookie_inspector.core.line.outputs.config import outputs_config

    if not (args.mqtt or args.opcua or args.webhook):
        return None
    return outputs_config(line=args.line, mqtt=args.mqtt, mqtt_user=args.mqtt_user, mqtt_password=args.mqtt_password,
                          mqtt_ca=args.mqtt_ca, opcua=args.opcua, opcua_user=args.opcua_user,
                          opcua_password=args.opcua_password, webhook=args.webhook, outbox_days=args.outbox_days,
                          outbox_mb=args.outbox_mb)  # fmt: skip


def _err(message: str) -> None:
    print(f"cookie-inspector: {message}", file=sys.stderr)


def _format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _text_progress(event: dict) -> None:
    kind = event["event"]
    if kind == "skipped":
        line = f"skipped {event['file']}: {event['reason']}"
    elif kind == "warning":
        line = f"warning: {event['file']}: {event['message']}"
    elif kind == "start":
        if event.get("folds"):
            line = (f"training {event['architecture']} on {event['training']} images, each also scored out of fold "
                    f"({event['folds']} folds) for calibration")  # fmt: skip
        else:
            line = (
                f"training {event['architecture']} on {event['training']} images, {event['held_out']} held out for "
                f"calibration"
            )
        if event.get("family") != "features" or event["architecture"] == "feature-ae":
            line += f", {event['epochs']} epochs"
    elif kind == "features":
        if event["done"] != event["total"] and event["done"] % 40 >= 8:
            return
        line = f"features of {event['done']}/{event['total']} images"
    elif kind == "fitting":
        line = f"fitting the {event['head']} head ({event['step']}/{event['steps']})"
    elif kind == "epoch":
        val = event["val_loss"]
        line = (
            f"epoch {event['epoch']}/{event['epochs']}  loss {event['loss']:.5f}  "
            f"val {val if val is None else format(val, '.5f')}  {_format_seconds(event['eta_s'])} left"
        )
    elif kind == "fold":
        line = f"fitting fold {event['fold']} of {event['folds']}"
    elif kind == "calibrating":
        if event.get("folds"):
            line = f"calibrating the threshold on the out-of-fold scores of {event['held_out']} images"
        else:
            line = f"calibrating the threshold on {event['held_out']} held-out images"
    elif kind == "done":
        line = (
            f"saved {event['model']}  threshold {event['threshold']:.5f}  warn {event['warn_threshold']:.5f}  "
            f"({_format_seconds(event['seconds'])})"
        )
    else:
        line = json.dumps(event)
    print(line, file=sys.stderr, flush=True)


def _json_progress(event: dict) -> None:
    print(json.dumps(event), flush=True)


class _CancelOnSignal:
    """SIGINT/SIGTERM set an event (training stops cleanly within a batch); a second signal acts as usual."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._previous: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        self.event.set()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def __enter__(self) -> threading.Event:
        for sig in (signal.SIGINT, signal.SIGTERM):
            self._previous[sig] = signal.signal(sig, self._handle)
        return self.event

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def _lower_priority() -> None:
    """Give way to the other processes of the machine (the window's live inspection); best effort."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000
            ctypes.windll.kernel32.SetPriorityClass(ctypes.windll.kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(10)
    except (OSError, AttributeError):
        pass


def cmd_train(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.model.training import TrainingConfig, train

    progress = _json_progress if args.progress == "json" else _text_progress
    config = TrainingConfig(
        architecture=args.arch,
        epochs=args.epochs,
        batch_size=args.batch_size,
        learning_rate=args.learning_rate,
        size=args.size,
        roi=args.roi,
        holdout_fraction=args.holdout,
        folds=args.folds,
        false_alarm_rate=args.false_alarm_rate,
        warn_rate=max(args.warn_rate, args.false_alarm_rate),
        seed=args.seed,
    )
    try:
        config.resolved()
    except ValueError as exc:
        report(str(exc))
        return EXIT_USAGE
    if args.background:
        _lower_priority()
    with _CancelOnSignal() as cancel:
        train(args.samples_dir, args.out, config, progress=progress, cancel=cancel)
    return EXIT_OK


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
            _err(f"warning: {source}: {note}")
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


def cmd_evaluate(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.frames.imageio import write_bytes_atomic
    from cookie_inspector.core.judge.evaluation import discover_dataset, evaluate
    from cookie_inspector.core.judge.inspector import Inspector
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.resources import demo_model_dir

    discover_dataset(args.dataset_dir)  # a layout problem is reported before the model loads
    inspector = Inspector(load_bundle(args.model_dir or demo_model_dir()), roi=args.roi, region="full")
    results = evaluate(inspector, args.dataset_dir, roi=args.roi)
    for entry in results["unreadable"]:
        report(f"skipped {entry['error']}")

    def fmt(value) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    print(f"model     {results['model']} ({results['architecture']})")
    print(f"dataset   {results['dataset']}")
    print(f"images    {results['images']} ({results['good_images']} good, {results['defective_images']} defective)")
    print(f"threshold {results['threshold']:.5f}")
    print()
    print(f"{'':<24}{'images':>8}{'image AUROC':>13}{'detected':>10}")
    for defect, row in results["by_defect"].items():
        print(f"{defect:<24}{row['images']:>8}{fmt(row['image_auroc']):>13}{fmt(row['detection_rate']):>10}")
    print()
    print(f"image AUROC        {fmt(results['image_auroc'])}")
    print(f"pixel AUROC        {fmt(results['pixel_auroc'])}  ({results['pixel_auroc_images']} images with masks)")
    print(f"false-alarm rate   {fmt(results['false_alarm_rate'])}  (good images flagged NG)")
    print(f"detection rate     {fmt(results['detection_rate'])}  (defective images flagged NG)")
    if args.json:
        write_bytes_atomic(args.json, (json.dumps(results, indent=2) + "\n").encode())
    return EXIT_OK


def cmd_demo_data(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from dataclasses import replace

    from cookie_inspector.core.frames.imageio import write_image
    from cookie_inspector.synth.dataset import contact_sheet, write_dataset
    from cookie_inspector.synth.parts import DefectMix

    mix = args.defects or DefectMix()
    if args.severity:
        mix = replace(mix, severity=args.severity)
    total = args.train + args.test_good + args.test_defect
    step = max(1, total // 10)

    def progress(done: int, count: int) -> None:
        if done % step == 0 or done == count:
            print(f"{done}/{count} images", file=sys.stderr, flush=True)

    summary = write_dataset(
        args.out_dir,
        seed=args.seed,
        train=args.train,
        test_good=args.test_good,
        test_defect=args.test_defect,
        mix=mix,
        recipe=args.recipe,
        progress=progress,
    )
    defects = ", ".join(f"{n} {name}" for name, n in summary["test_defect"].items()) or "none"
    print(
        f"wrote {args.out_dir}: {summary['train']} training images, {summary['test_good']} good test images, "
        f"defective test images: {defects}"
    )
    if args.contact_sheet:
        write_image(args.contact_sheet, contact_sheet(seed=args.seed, recipe=args.recipe))
        print(f"wrote {args.contact_sheet}")
    return EXIT_OK


def cmd_run(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    import time

    from cookie_inspector.core.errors import OutputError
    from cookie_inspector.core.frames.imageio import write_bytes_atomic
    from cookie_inspector.core.judge.inspector import Inspector, Verdict
    from cookie_inspector.core.judge.presence import PresenceSettings
    from cookie_inspector.core.line.calibration import LineCalibrationSettings, for_model
    from cookie_inspector.core.line.datadir import default_data_dir
    from cookie_inspector.core.line.live import LinePipeline, LiveSettings, PartVerdict, model_name, truth_dict
    from cookie_inspector.core.line.outputs.hub import LineOutputs
    from cookie_inspector.core.line.records import InspectionLog, RecordError
    from cookie_inspector.core.model.bundle import load_bundle
    from cookie_inspector.core.resources import demo_model_dir
    from cookie_inspector.lines import default_presence_mode, open_source

    try:
        config = _outputs_config(args)  # a mistyped URL is said before anything starts
    except OutputError as exc:
        report(str(exc))
        return EXIT_USAGE
    if not args.headless:
        from cookie_inspector.gui.app import main as window_main

        return window_main(args.source, args.model, args.data_dir, parts=args.parts,
                           language=getattr(args, "language", None), outputs=config)  # fmt: skip
    if config is not None and config.queued and args.no_log:
        report("--mqtt and --webhook send what the inspection log records (their outbox is in it): drop --no-log")
        return EXIT_USAGE
    source = open_source(args.source, realtime=not args.fast)
    inspector = Inspector(load_bundle(args.model or demo_model_dir()))
    log = None if args.no_log else InspectionLog(args.data_dir or default_data_dir())
    if log is not None:
        log.operator_acknowledges = False  # nobody acknowledges here: the window must not inherit these alarms
    line_settings = LineCalibrationSettings(enabled=args.line_calibration == "on", parts=args.calibration_parts,
                                            bound=args.calibration_bound)  # fmt: skip
    calibration = for_model(inspector.bundle.meta, inspector.bundle.path,
                            None if args.no_log else (args.data_dir or default_data_dir()), line_settings)  # fmt: skip
    if calibration.save_error:
        report(calibration.save_error)
    if args.recalibrate:
        calibration.restart()
    report(f"threshold: {calibration.describe()}")
    outputs = None
    if config is not None:
        outputs = LineOutputs(config, log, on_acknowledge=lambda: report("alarm acknowledged remotely (OPC UA)"),
                              on_warning=lambda text: report(f"warning: {text}"),
                              on_change=lambda status: report(status.describe()))  # fmt: skip
        outputs.start()
        outputs.model(model_name(inspector), swapped=False)
    presence = PresenceSettings(mode=args.presence or default_presence_mode(source))
    settings = LiveSettings(roi=args.roi, threshold=args.threshold, presence=presence)
    parts: list[dict] = []
    enough = threading.Event()
    lock = threading.Lock()

    def on_part(verdict: PartVerdict) -> None:
        with lock:
            if enough.is_set():
                return
            line = {"part": verdict.number, "verdict": verdict.verdict.value, "score": round(verdict.score, 5),
                    "normalized_score": round(verdict.normalized_score, 4), "threshold": round(verdict.threshold, 5),
                    "threshold_from": verdict.threshold_from, "frames": verdict.frames,
                    "truth": truth_dict(verdict.truth)}  # fmt: skip
            record = None
            if log is not None:
                try:
                    record = log.record(verdict, source.description)
                    if record.original:
                        line["images"] = [record.original, record.overlay]
                    elif record.note:
                        line["images_missing"] = record.note
                    warning = log.take_warning()
                    if warning:  # once, not per part
                        report(warning)
                except RecordError as exc:
                    report(f"{exc}; the line goes on")
            if outputs is not None:
                outputs.part(verdict, record)
            parts.append(line)
            print(json.dumps(line), flush=True)
            if args.parts and len(parts) >= args.parts:
                enough.set()

    def on_status(state: str, message: str) -> None:
        if outputs is not None:
            outputs.line_state(state, message, source.description)
        if state in ("retrying", "error", "reconnected"):
            report(message)
        elif state == "warning":
            report(f"warning: {message}")

    pipeline = LinePipeline(source, inspector, settings, on_part=on_part, on_status=on_status, lossless=args.fast,
                            calibration=calibration, limit=args.parts)  # fmt: skip
    started = time.monotonic()
    with _CancelOnSignal() as cancelled:
        pipeline.start()
        while pipeline.running and not enough.is_set() and not cancelled.is_set():
            enough.wait(0.2)
        pipeline.stop()
    seconds = time.monotonic() - started
    if outputs is not None:
        outputs.close()  # connected outputs get a few seconds to deliver what the last parts queued
        for status in outputs.statuses():
            if status.queued:
                report(f"{status.name}: {status.queued} event(s) wait in the outbox for the next start")
    if log is not None:
        log.close()

    ng = [p for p in parts if p["verdict"] == Verdict.NG.value]
    summary = {"source": source.description, "model": str(args.model or demo_model_dir()), "parts": len(parts),
               "ng": len(ng), "seconds": round(seconds, 2), "frames_captured": pipeline.frames_captured,
               "frames_inspected": pipeline.frames_inspected, "frames_dropped": pipeline.dropped,
               "log": str(log.path) if log is not None else None,
               "run": log.run if log is not None else None,
               "calibration": {**calibration.status(), "description": calibration.describe(),
                               "file": str(calibration.path) if calibration.path else None}}  # fmt: skip
    if outputs is not None:
        summary["outputs"] = [{"output": s.name, "state": s.state, "queued": s.queued, "detail": s.detail}
                              for s in outputs.statuses()]  # fmt: skip
    truths = [p for p in parts if p["truth"] and "label" in p["truth"]]
    if truths:
        defective = [p for p in truths if p["truth"]["label"] != "good"]
        good = [p for p in truths if p["truth"]["label"] == "good"]
        summary["defective_parts"] = len(defective)

        def flagged(group: list[dict]) -> float | None:
            return sum(p["verdict"] == Verdict.NG.value for p in group) / len(group) if group else None

        summary["defective_flagged"] = flagged(defective)
        summary["good_flagged"] = flagged(good)
    if args.json:
        write_bytes_atomic(args.json, (json.dumps({**summary, "part_list": parts}, indent=2) + "\n").encode())
    if calibration.save_error:
        report(calibration.save_error)
    _err(f"{len(parts)} parts, {len(ng)} NG, in {seconds:.1f} s"
         + (f"; log {log.path}, run {log.run}" if log is not None else "")
         + f"; threshold {calibration.describe()}")  # fmt: skip
    if cancelled.is_set():
        return EXIT_CANCELLED
    return EXIT_NG if ng else EXIT_OK


def cmd_cameras(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.frames.capture import list_cameras

    found = list_cameras(args.max)
    for index in found:
        print(index)
    if not found:
        report(f"no camera answered on indices 0-{args.max - 1}")
        return EXIT_INPUT
    return EXIT_OK


def cmd_info(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.model.bundle import load_bundle

    bundle = load_bundle(args.model_dir)  # checked as loading does: a damaged model.keras is no bundle to describe
    meta = bundle.meta
    if args.json:
        print(json.dumps(meta, indent=2))
        return EXIT_OK
    trained = meta["trained_on"]
    calibration = meta["calibration"]
    print(f"architecture   {meta['architecture']} ({meta['parameters']:,} parameters)")
    features = (meta.get("training") or {}).get("features")
    if isinstance(features, dict):
        print(f"features       {features.get('backbone')} ({features.get('weights')} weights) at "
              f"{features.get('backbone_size')} px, taps {', '.join(features.get('taps', []))}; "
              f"{meta['training'].get('head')} head")  # fmt: skip
    print(f"input          {' x '.join(str(v) for v in meta['input_shape'])}")
    region = f"region {','.join(map(str, bundle.roi.as_list()))}" if bundle.roi else "whole images"
    print(f"trained on     {region}, {'grey' if bundle.grey else 'colour'} pictures")
    print(f"threshold      {meta['threshold']:.5f} (warn from {meta['warn_threshold']:.5f})")
    print(
        f"calibration    target false-alarm rate {calibration['target_false_alarm_rate']} on "
        + (f"out-of-fold scores of {calibration['held_out_samples']} good images ({calibration['folds']} folds)"
           if calibration.get("folds") else f"{calibration['held_out_samples']} held-out good images")
    )  # fmt: skip
    print(f"samples        {trained['samples']} images ({trained['digest'][:19]}...)")
    print(f"created        {meta['created']}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # no command: the window, on the remembered line (the demo line the first time)
        from cookie_inspector.gui.app import main as window_main

        return window_main(language=args.language)
    json_errors = getattr(args, "progress", None) == "json"

    def report(message: str) -> None:
        if json_errors:
            print(json.dumps({"event": "error", "message": message}), flush=True)
        _err(message)

    from cookie_inspector.core.errors import (
        BundleError,
        DatasetError,
        ImageReadError,
        InspectorError,
        NotEnoughSamplesError,
        TrainingCancelled,
    )

    try:
        return args.handler(args, report)
    except TrainingCancelled as exc:
        if json_errors:
            print(json.dumps({"event": "cancelled", "message": str(exc)}), flush=True)
        _err(str(exc))
        return EXIT_CANCELLED
    except BundleError as exc:
        report(str(exc))
        return EXIT_MODEL
    except (ImageReadError, NotEnoughSamplesError, DatasetError) as exc:
        report(str(exc))
        return EXIT_INPUT
    except InspectorError as exc:
        report(str(exc))
        return EXIT_INPUT
    except OSError as exc:
        name = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        report(f"{name}{exc.strerror or exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_CANCELLED
