"""Stations: several cameras on one PC, each a line of its own.

A station is a name, a source, a product's model and a region, with its own part numbers, run in the log, line
calibration and no-signal state: one :class:`Station` holds them (its :class:`~cookie_inspector.core.line.live.
LinePipeline`, its :class:`~cookie_inspector.core.line.calibration.LineCalibration`, its
:class:`~cookie_inspector.core.line.records.InspectionLog` run). A line of one station is one of these too, named
"" (its rows, JSON lines and calibration file are then exactly those of a line without stations).

Stations that judge the same product share its model: :class:`ModelPool` loads each bundle once, and the model
takes the stations' frames in turns (:class:`~cookie_inspector.core.judge.inspector.Inspector` holds a lock around
its forward pass), so two cameras cost one model's memory. A station whose source fails retries alone; the others
go on.

On the command line a station is written ``NAME=SOURCE[,model=DIR][,roi=X,Y,W,H]`` (:meth:`StationSpec.parse`).
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from cookie_inspector.core.errors import InspectorError, RoiError
from cookie_inspector.core.frames.imageio import write_bytes_atomic
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.frames.sources import FrameSource
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.line.calibration import LineCalibration
from cookie_inspector.core.line.live import LinePipeline, LiveSettings, PartVerdict
from cookie_inspector.core.line.records import InspectionLog, LineEvents, PartRecord, RecordError
from cookie_inspector.core.model.bundle import load_bundle

NAME = re.compile(r"^[\w][\w .-]{0,39}$")
"""A station's name: a letter or digit first, up to 40 letters, digits, spaces, dots, dashes or underscores (it
names MQTT topics and OPC UA nodes as well as the log's rows)."""
_KEYS = re.compile(r",(?=(?:model|roi)=)")


class StationError(InspectorError):
    """A station cannot be made as written (its name, its source, its options)."""


@dataclass(frozen=True)
class StationSpec:
    """A station as written: its name, its source, its model (None: the line's default) and region (None: the
    model's own)."""

    name: str
    source: str
    model: Path | None = None
    roi: Roi | None = None

    @classmethod
    def parse(cls, text: str) -> StationSpec:
        """``NAME=SOURCE[,model=DIR][,roi=X,Y,W,H]`` (``top=0``, ``side=demo:3,model=models/tiles``); the source
        is everything up to ``,model=`` or ``,roi=``."""
        name, sep, rest = text.partition("=")
        if not sep or not rest.strip():
            raise StationError(f"station {text!r}: write NAME=SOURCE[,model=DIR][,roi=X,Y,W,H]")
        name = check_name(name)
        source, *options = _KEYS.split(rest)
        model = roi = None
        for option in options:
            key, _, value = option.partition("=")
            if not value.strip():
                raise StationError(f"station {name}: {key}= needs a value")
            if key == "model":
                model = Path(value.strip())
            else:
                try:
                    roi = Roi.parse(value.strip())
                except RoiError as exc:
                    raise StationError(f"station {name}: {exc}") from exc
        if not source.strip():
            raise StationError(f"station {name}: no source given")
        return cls(name, source.strip(), model, roi)


def check_names(stations: list[StationSpec] | list[StationSetup]) -> None:
    """Stations are told apart by name: each is a name (:func:`check_name`) and two of one name are refused (the
    case aside)."""
    names = [station.name for station in stations]
    for index, name in enumerate(names):
        check_name(name, names[:index])


STATIONS_FILE = "stations.json"
"""The window's stations, in their order, in the data folder (absent: one station, as a line has always been)."""


@dataclass(frozen=True)
class StationSetup:
    """A station of the window as remembered: its name, its source as typed and its product (empty: unnamed)."""

    name: str
    source: str
    product: str = ""


def check_name(name: str, taken: list[str] = ()) -> str:
    """``name`` stripped, when a station may be called so beside ``taken`` (the others' names); StationError
    otherwise, saying why."""
    name = name.strip()
    if not NAME.match(name):
        raise StationError(f"station {name!r}: a name of letters, digits, spaces, dots, dashes or underscores "
                           "(up to 40), starting with a letter or digit")  # fmt: skip
    if name.casefold() in {other.casefold() for other in taken}:
        raise StationError(f"two stations are named {name!r}: each needs a name of its own")
    return name


def load_stations(data_dir: Path) -> list[StationSetup]:
    """The stations remembered in ``data_dir`` (empty: none remembered, or a damaged file, which is set aside as
    ``stations.json.damaged`` so that the line starts as one station instead of not at all)."""
    path = Path(data_dir) / STATIONS_FILE
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["stations"]
        stations = [StationSetup(str(e["name"]), str(e["source"]), str(e.get("product", ""))) for e in entries]
        check_names(stations)
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, StationError):
        with contextlib.suppress(OSError):
            path.replace(path.with_name(STATIONS_FILE + ".damaged"))
        return []
    return stations


def save_stations(data_dir: Path, stations: list[StationSetup]) -> None:
    """Remember ``stations`` in ``data_dir`` (written atomically); one unnamed station is no file at all. Raises
    StationError when the file cannot be written."""
    path = Path(data_dir) / STATIONS_FILE
    try:
        if len(stations) <= 1 and not (stations and stations[0].name):
            path.unlink(missing_ok=True)
            return
        text = json.dumps({"stations": [asdict(s) for s in stations]}, ensure_ascii=False, indent=1)
        write_bytes_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise StationError(f"{path}: the stations cannot be remembered: {exc.strerror or exc}") from exc


class ModelPool:
    """One inspector per model bundle, however many stations judge with it (loaded once, taken in turns)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inspectors: dict[Path, Inspector] = {}

    def get(self, path: Path) -> Inspector:
        """The inspector of the bundle at ``path`` (loaded on first use). Raises what loading raises."""
        key = Path(path).resolve()
        with self._lock:
            if key not in self._inspectors:
                self._inspectors[key] = Inspector(load_bundle(key))
            return self._inspectors[key]

    def __len__(self) -> int:
        return len(self._inspectors)


class Station:
    """One station's line: its source judged by its model (shared through a :class:`ModelPool`), its parts logged
    in its own run and its calibration learnt from its own parts.

    ``on_part(station, verdict, record)`` and ``on_status(station, state, message)`` are called from the station's
    worker threads, after the station has logged the part (``record`` None without a log, or when the row could
    not be written: ``log_error`` says why) or noted the state.
    """

    def __init__(
        self,
        name: str,
        source: FrameSource,
        inspector: Inspector,
        settings: LiveSettings,
        *,
        calibration: LineCalibration | None = None,
        log: InspectionLog | None = None,
        on_part: Callable[[Station, PartVerdict, PartRecord | None], None] | None = None,
        on_status: Callable[[Station, str, str], None] | None = None,
        lossless: bool = False,
        limit: int | None = None,
        learn: bool = True,
    ) -> None:
        self.name = name
        self.source = source
        self.inspector = inspector
        self.calibration = calibration
        self.log = log
        self.log_error = ""
        """Why the last part's row could not be written (empty: it was)."""
        self.parts = 0
        self.on_part = on_part
        self.on_status = on_status
        self._events = LineEvents(self._note) if log is not None else None
        self.pipeline = LinePipeline(source, inspector, settings, on_part=self._on_part, on_status=self._on_status,
                                     lossless=lossless, calibration=calibration, limit=limit,
                                     learn=learn)  # fmt: skip

    # -- running --------------------------------------------------------------------------------------------------
    def start(self) -> None:
        self.pipeline.start()

    def stop(self) -> None:
        self.pipeline.stop()

    @property
    def running(self) -> bool:
        return self.pipeline.running

    @property
    def state(self) -> str:
        """The station's line state (``running``, ``retrying`` while its source is away, ``ended``...)."""
        return self.pipeline.state

    # -- what the line tells ----------------------------------------------------------------------------------------
    def _note(self, kind: str, detail: str) -> None:
        with contextlib.suppress(RecordError):  # the line goes on; a log that refuses rows says so per part
            self.log.event(kind, detail)

    def _on_part(self, verdict: PartVerdict) -> None:
        self.parts += 1
        record = None
        if self.log is not None:
            if self.calibration is not None:
                self._events.calibration(self.calibration.status())
            try:
                record = self.log.record(verdict, self.source.description)
                self.log_error = ""
            except RecordError as exc:
                self.log_error = str(exc)
        if self.on_part is not None:
            self.on_part(self, verdict, record)

    def _on_status(self, state: str, message: str) -> None:
        if self._events is not None:
            self._events.status(state, message)
        if self.on_status is not None:
            self.on_status(self, state, message)
