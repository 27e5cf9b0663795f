"""``cookie-inspector run``: the live line, in the window or headless, part by part."""

from __future__ import annotations

import argparse
import dataclasses
import json
import threading
from collections.abc import Callable
from pathlib import Path

from cookie_inspector.cli.common import (
    EXIT_CANCELLED,
    EXIT_INPUT,
    EXIT_NG,
    EXIT_OK,
    EXIT_USAGE,
    CancelOnSignal,
    err,
    number,
    positive_float,
    roi,
)


def _source_help() -> str:
    from cookie_inspector.lines import SOURCE_HELP

    return SOURCE_HELP


def add_parser(commands) -> None:
    run = commands.add_parser(
        "run",
        help="inspect a live line part by part",
        description="Watch a line (the demo line unless --source says otherwise): frames come in on one thread, the "
        "model runs on another whenever a part is in the region, whole and still, and each part gets one verdict. "
        "Prints one JSON line per part and logs every part in the data folder (NG parts with their images).",
    )
    run.add_argument("--source", metavar="SRC", help=f"what to watch: {_source_help()} (default: the window's "
                     "remembered line, the demo line the first time; headless: the demo line)")  # fmt: skip
    run.add_argument("--model", type=Path, metavar="MODEL_DIR", help="model bundle (default: the shipped demo model)")
    run.add_argument("--station", action="append", metavar="NAME=SRC[,model=DIR][,roi=X,Y,W,H]",
                     help="a station of its own (repeat for several cameras on one PC): its source, and with "
                     "--headless its model (default: --model) and region (default: --roi); each has its own part "
                     "numbers, run and line calibration, and its JSON lines name it; --parts N is per station. "
                     "The window opens with these stations (each judging its product: Line > Stations...) and "
                     "remembers them")  # fmt: skip
    run.add_argument("--headless", action="store_true", help="no window: print one JSON line per part")
    run.add_argument("--parts", type=number(int, lambda v: v > 0, "a positive whole number"), metavar="N",
                     help="stop after N parts (default: until the source ends, Ctrl+C or the close)")  # fmt: skip
    run.add_argument("--json", type=Path, metavar="FILE", help="also write a summary of the run as JSON")
    run.add_argument("--roi", type=roi, metavar="X,Y,W,H", help="inspection region (default: the model's own: the "
                     "region it was trained on, else the largest centred box shaped like its training pictures, the "
                     "whole frame when they are shaped alike)")  # fmt: skip
    run.add_argument("--threshold", type=number(float, lambda v: v > 0, "a positive number"), metavar="T",
                     help="alarm threshold in score units (default: the model's calibrated one)")  # fmt: skip
    run.add_argument("--presence", choices=("auto", "every-frame"),
                     help="auto: find the part on the background (default); every-frame: each frame is a part "
                     "(close-ups, photo folders: the default for a folder)")  # fmt: skip
    run.add_argument("--fast", action="store_true", help="files and the demo line: inspect every frame as fast "
                     "as the model goes, not in real time")  # fmt: skip
    folder = run.add_argument_group(
        "a folder of photos",
        "each photo is judged once per data folder: a run on the same --data-dir goes on with the photos not yet "
        "judged (without a log, --no-log, every run judges them all)",
    )
    folder.add_argument("--watch", action="store_true", help="keep judging new photos as they are written into the "
                        "folder (each once it has stopped growing), in the order they arrive, until Ctrl+C or "
                        "--parts")  # fmt: skip
    folder.add_argument("--from-start", action="store_true", help="judge every photo again, those judged before "
                        "too (a replay: the shift report keeps its parts apart)")  # fmt: skip
    folder.add_argument("--pace", type=number(int, lambda v: v >= 0, "0 or more milliseconds"), metavar="MS",
                        help="one photo every MS milliseconds (default: 500; 0 or --fast: as fast as the model "
                        "judges them)")  # fmt: skip
    run.add_argument("--data-dir", type=Path, metavar="DIR", help="where the log and NG images go (default: the "
                     "user data folder, or $COOKIE_INSPECTOR_DATA)")  # fmt: skip
    run.add_argument("--picture-budget-gb", type=positive_float, metavar="GB", help="the parts' pictures (NG, WARN, "
                     "a sample of OK) may take this much of the data folder; past it the oldest are thinned, their "
                     "rows stay (default: 2)")  # fmt: skip
    run.add_argument("--no-log", action="store_true", help="do not write the inspection log or NG images (nor the "
                     "line's calibration: it is then kept in memory for this run only)")  # fmt: skip
    calibration = run.add_argument_group(
        "the line's calibration",
        "the threshold set from the parts the line judges (their median and spread; see the README); kept per "
        "model in the data folder, so it goes on after a restart",
    )
    calibration.add_argument("--line-calibration", choices=("on", "off"), default="on",
                             help="on (default): calibrate on the line; off: the samples' threshold only")  # fmt: skip
    calibration.add_argument("--calibration-parts", type=number(int, lambda v: v >= 1, "a positive whole number"),
                             default=200, metavar="N", help="parts the calibration takes (default: 200)")  # fmt: skip
    calibration.add_argument("--calibration-bound", type=number(float, lambda v: v >= 1, "a number of 1 or more"),
                             default=2.0, metavar="B", help="the line's threshold stays within the samples' divided "
                             "or multiplied by B (default: 2)")  # fmt: skip
    calibration.add_argument("--recalibrate", action="store_true",
                             help="forget the line's calibration of this model and start it again")  # fmt: skip
    run.add_argument("--language", choices=("en", "ja"), default=argparse.SUPPRESS,
                     help="the window's language (default: View > Language, else the system's)")  # fmt: skip
    _add_output_options(run)
    run.set_defaults(handler=cmd_run)


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
        type=positive_float,
        metavar="DAYS",
        help="keep undelivered events this long at most (default: 7)",
    )
    outputs.add_argument(
        "--outbox-mb", type=positive_float, metavar="MB", help="and this much at most per output (default: 100)"
    )


def _station_specs(texts: list[str], report: Callable[[str], None]):
    """The stations of ``--station`` as written (:class:`~cookie_inspector.core.line.station.StationSpec`), or None
    after saying what is wrong with one."""
    from cookie_inspector.core.line.station import StationError, StationSpec, check_names

    try:
        specs = [StationSpec.parse(text) for text in texts]
        check_names(specs)
    except StationError as exc:
        report(str(exc))
        return None
    return specs


def _window_stations(texts: list[str], report: Callable[[str], None]) -> list[tuple[str, str]] | None:
    """The window's stations from ``--station NAME=SRC`` (their name and source), or None after saying why not: in
    the window a station judges its product's model in its product's region (*Line > Stations...*)."""
    specs = _station_specs(texts, report)
    if specs is None:
        return None
    for spec in specs:
        if spec.model is not None or spec.roi is not None:
            report(f"station {spec.name}: in the window a station judges with its product's model and region "
                   "(Line > Stations..., Line > Product...): give NAME=SOURCE, or use --headless")  # fmt: skip
            return None
    return [(spec.name, spec.source) for spec in specs]


def _outputs_config(args: argparse.Namespace):
    """The outputs asked for on the command line; None when none was (the window then uses its remembered ones)."""
    from cookie_inspector.core.line.outputs.config import outputs_config

    if not (args.mqtt or args.opcua or args.webhook):
        return None
    return outputs_config(line=args.line, mqtt=args.mqtt, mqtt_user=args.mqtt_user, mqtt_password=args.mqtt_password,
                          mqtt_ca=args.mqtt_ca, opcua=args.opcua, opcua_user=args.opcua_user,
                          opcua_password=args.opcua_password, webhook=args.webhook, outbox_days=args.outbox_days,
                          outbox_mb=args.outbox_mb)  # fmt: skip


def cmd_run(args: argparse.Namespace, report: Callable[[str], None]) -> int:
    from cookie_inspector.core.errors import OutputError
    from cookie_inspector.core.line.datadir import DataFolderInUse, default_data_dir, hold

    try:
        config = _outputs_config(args)  # a mistyped URL is said before anything starts
    except OutputError as exc:
        report(str(exc))
        return EXIT_USAGE
    if args.station and args.source is not None:
        report("--station is instead of --source: each station has its own")
        return EXIT_USAGE
    if args.source is None and args.headless:
        args.source = "demo"
    if not args.headless:
        from cookie_inspector.gui.app import main as window_main

        stations = None
        if args.station:
            stations = _window_stations(args.station, report)
            if stations is None:
                return EXIT_USAGE
        return window_main(args.source, args.model, args.data_dir, parts=args.parts,
                           language=getattr(args, "language", None), outputs=config,
                           stations=stations)  # fmt: skip
    if config is not None and config.queued and args.no_log:
        report("--mqtt and --webhook send what the inspection log records (their outbox is in it): drop --no-log")
        return EXIT_USAGE
    data_lock = None
    if not args.no_log:
        try:  # one line a data folder: another one would write the same log and take its alarms
            data_lock = hold(args.data_dir or default_data_dir())
        except DataFolderInUse as exc:
            report(str(exc))
            return EXIT_INPUT
    try:
        return _headless(args, report, config)
    finally:
        if data_lock is not None:
            data_lock.release()


def _headless(args: argparse.Namespace, report: Callable[[str], None], config) -> int:
    """``run --headless``: the line part by part, one JSON line each, until the source ends or enough parts; with
    ``--station``, several stations at once (each its own source, model, region, run and calibration), their JSON
    lines naming them."""
    import time

    from cookie_inspector.core.errors import InspectorError
    from cookie_inspector.core.frames.imageio import write_bytes_atomic
    from cookie_inspector.core.line.station import ModelPool, StationSpec

    if args.station:
        specs = _station_specs(args.station, report)
        if specs is None:
            return EXIT_USAGE
    else:
        specs = [StationSpec("", args.source, None, None)]
    pool = ModelPool()
    parts: list[dict] = []
    lock = threading.Lock()
    enough = threading.Event()
    stations = []
    for spec in specs:
        try:
            stations.append(_station(spec, args, report, pool, parts, lock, enough, config, stations))
        except InspectorError:  # said by the command line with its exit code (a model that cannot load: 4)
            if spec.name:
                report(f"station {spec.name} cannot start:")
            for built in stations:
                built.close(report)
            raise
    started = time.monotonic()
    with CancelOnSignal() as cancelled:
        for station in stations:
            station.station.start()
        while not all(station.done() for station in stations) and not enough.is_set() and not cancelled.is_set():
            enough.wait(0.2)  # until every station has judged its --parts, or its source has ended
        for station in stations:
            station.station.stop()
    seconds = time.monotonic() - started
    for station in stations:
        station.close(report)

    summaries = [station.summary(seconds) for station in stations]
    ng = sum(station.ng for station in stations)
    if args.station:
        summary = {"stations": summaries, "parts": len(parts), "ng": ng, "seconds": round(seconds, 2)}
    else:
        summary = summaries[0]
    if args.json:
        write_bytes_atomic(args.json, (json.dumps({**summary, "part_list": parts}, indent=2) + "\n").encode())
    for station in stations:
        calibration, log = station.station.calibration, station.station.log
        if calibration.save_error:
            report(calibration.save_error)
        prefix = f"{station.station.name}: " if station.station.name else ""
        err(f"{prefix}{len(station.lines)} parts, {station.ng} NG, in {seconds:.1f} s"
            + (f"; log {log.path}, run {log.run}" if log is not None else "")
            + f"; threshold {calibration.describe()}")  # fmt: skip
    if cancelled.is_set():
        return EXIT_CANCELLED
    return EXIT_NG if ng else EXIT_OK


class _HeadlessStation:
    """One station of ``run --headless``: its :class:`~cookie_inspector.core.line.station.Station`, its outputs,
    and what it prints."""

    def __init__(self, station, outputs, model_path, lines: list[dict]) -> None:
        self.station = station
        self.outputs = outputs
        self.model_path = model_path
        self.lines = lines
        """Its parts' JSON lines, as printed."""

    @property
    def ng(self) -> int:
        from cookie_inspector.core.judge.inspector import Verdict

        return sum(line["verdict"] == Verdict.NG.value for line in self.lines)

    def done(self) -> bool:
        """It has printed its ``--parts`` (counted as printed: a part the station has judged may still wait for
        its turn to be printed), or its source has ended."""
        limit = self.station.pipeline.limit
        return not self.station.running or (limit is not None and len(self.lines) >= limit)

    def close(self, report: Callable[[str], None]) -> None:
        if self.outputs is not None:
            self.outputs.close()  # connected outputs get a few seconds to deliver what the last parts queued
            for status in self.outputs.statuses():
                if status.queued:
                    report(f"{status.name}: {status.queued} event(s) wait in the outbox for the next start")
        if self.station.log is not None:
            self.station.log.close()

    def summary(self, seconds: float) -> dict:
        from cookie_inspector.core.judge.inspector import Verdict

        station, calibration, own = self.station, self.station.calibration, self.lines
        pipeline = station.pipeline
        summary = {"source": station.source.description, "model": str(self.model_path),
                   "product": station.inspector.bundle.product or "unnamed", "parts": len(own),
                   "ng": self.ng, "seconds": round(seconds, 2),
                   "frames_captured": pipeline.frames_captured, "frames_inspected": pipeline.frames_inspected,
                   "frames_dropped": pipeline.dropped,
                   "log": str(station.log.path) if station.log is not None else None,
                   "run": station.log.run if station.log is not None else None,
                   "calibration": {**calibration.status(), "description": calibration.describe(),
                                   "file": str(calibration.path) if calibration.path else None}}  # fmt: skip
        if station.name:
            summary = {"station": station.name, **summary}
        if self.outputs is not None:
            summary["outputs"] = [{"output": s.name, "state": s.state, "queued": s.queued, "detail": s.detail}
                                  for s in self.outputs.statuses()]  # fmt: skip
        truths = [p for p in own if p["truth"] and "label" in p["truth"]]
        if truths:
            defective = [p for p in truths if p["truth"]["label"] != "good"]
            good = [p for p in truths if p["truth"]["label"] == "good"]
            summary["defective_parts"] = len(defective)

            def flagged(group: list[dict]) -> float | None:
                return sum(p["verdict"] == Verdict.NG.value for p in group) / len(group) if group else None

            summary["defective_flagged"] = flagged(defective)
            summary["good_flagged"] = flagged(good)
        return summary


def _station(spec, args: argparse.Namespace, report: Callable[[str], None], pool, parts: list[dict],
             lock: threading.Lock, enough: threading.Event, config, everyone: list) -> _HeadlessStation:  # fmt: skip
    """One station of ``run --headless``, built and ready to start (raises what opening its model or log raises).
    ``everyone``: the run's stations (``--parts N`` ends the run when each has judged N)."""
    from cookie_inspector.core.judge.presence import PresenceSettings
    from cookie_inspector.core.line.calibration import LineCalibrationSettings, for_model
    from cookie_inspector.core.line.datadir import default_data_dir
    from cookie_inspector.core.line.live import LiveSettings, model_name, truth_dict
    from cookie_inspector.core.line.outputs.hub import LineOutputs
    from cookie_inspector.core.line.records import RUN_REPLAY, InspectionLog
    from cookie_inspector.core.line.station import Station
    from cookie_inspector.core.resources import demo_model_dir
    from cookie_inspector.lines import default_presence_mode, open_source

    name = spec.name
    said = (lambda text: report(f"{name}: {text}")) if name else report
    pace = 500 if args.pace is None else args.pace
    source = open_source(spec.source, realtime=not args.fast and pace > 0, watch=args.watch,
                         from_start=args.from_start, fps=1000 / pace if pace > 0 else 2.0)  # fmt: skip
    model_path = spec.model or args.model or demo_model_dir()
    inspector = pool.get(model_path)
    data_dir = None if args.no_log else (args.data_dir or default_data_dir())
    log = None if data_dir is None else InspectionLog(data_dir, station=name)
    product = inspector.bundle.product
    if log is not None:
        log.set_product(product)  # the model's product: the run and every part name it
        source.use_ledger(log.judged_photos)  # a folder goes on with the photos not yet judged here
        if args.from_start and source.keeps_every_frame:
            log.mark_run(RUN_REPLAY)
        log.operator_acknowledges = False  # nobody acknowledges here: the window must not inherit these alarms
        if args.picture_budget_gb:
            log.picture_budget = int(args.picture_budget_gb * 2**30)
        log.event("source", source.description)
        log.event("model", f"{model_name(inspector)} ({inspector.bundle.path})")
        if args.threshold:
            log.event("threshold", f"{args.threshold:.5f} (--threshold)", "command line")
    line_settings = LineCalibrationSettings(enabled=args.line_calibration == "on", parts=args.calibration_parts,
                                            bound=args.calibration_bound)  # fmt: skip
    calibration = for_model(inspector.bundle.meta, inspector.bundle.path, data_dir, line_settings, station=name)
    if calibration.save_error:
        said(calibration.save_error)
    if args.recalibrate:
        calibration.restart()
    said(f"threshold: {calibration.describe()}")
    outputs = None
    if config is not None:  # each station's own: its MQTT topics, its webhook events, its OPC UA object
        outputs = LineOutputs(dataclasses.replace(config, station=name), log,
                              on_acknowledge=lambda: said("alarm acknowledged remotely (OPC UA)"),
                              on_warning=lambda text: said(f"warning: {text}"),
                              on_change=lambda status: said(status.describe()))  # fmt: skip
        outputs.start()
        outputs.model(model_name(inspector), swapped=False)
        outputs.product(product)
    presence = PresenceSettings(mode=args.presence or default_presence_mode(source))
    settings = LiveSettings(roi=spec.roi or args.roi, threshold=args.threshold, presence=presence)
    lines: list[dict] = []

    def on_part(station, verdict, record) -> None:
        with lock:
            if enough.is_set():
                return
            line = {"part": verdict.number, "verdict": verdict.verdict.value, "score": round(verdict.score, 5),
                    "normalized_score": round(verdict.normalized_score, 4), "threshold": round(verdict.threshold, 5),
                    "threshold_from": verdict.threshold_from, "frames": verdict.frames,
                    "truth": truth_dict(verdict.truth)}  # fmt: skip
            if name:
                line = {"station": name, **line}
            if verdict.photo is not None:
                line["photo"] = verdict.photo.path.name
            if record is not None:
                if record.original:
                    line["images"] = [record.original, record.overlay]
                elif record.note:
                    line["images_missing"] = record.note
                warning = station.log.take_warning()
                if warning:  # once, not per part
                    said(warning)
            elif station.log_error:
                said(f"{station.log_error}; the line goes on")
            if outputs is not None:
                outputs.part(verdict, record)
            lines.append(line)
            parts.append(line)
            print(json.dumps(line), flush=True)
            if args.parts and all(other.done() for other in everyone):
                enough.set()

    def on_status(station, state: str, message: str) -> None:
        if outputs is not None:
            outputs.line_state(state, message, source.description)
        if state in ("retrying", "error", "reconnected", "waiting", "ended"):
            said(message)
        elif state == "warning":
            said(f"warning: {message}")

    station = Station(name, source, inspector, settings, calibration=calibration, log=log, on_part=on_part,
                      on_status=on_status, lossless=args.fast, limit=args.parts,
                      learn=not args.from_start)  # fmt: skip
    return _HeadlessStation(station, outputs, model_path, lines)
