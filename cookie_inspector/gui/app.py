"""Start the window: the demo line with the shipped model unless a source or a model is named (or remembered)."""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cookie_inspector.core.errors import BundleError, InspectorError, OutputError
from cookie_inspector.core.frames.sources import UnavailableSource
from cookie_inspector.core.line.datadir import default_data_dir, hold
from cookie_inspector.core.line.model_library import ModelLibrary
from cookie_inspector.core.line.outputs.config import OutputsConfig
from cookie_inspector.core.line.products import Product, ProductCatalog, ProductError
from cookie_inspector.core.line.records import PICTURE_BUDGET_BYTES, InspectionLog, RecordError
from cookie_inspector.core.line.samples import SampleError, SampleStore
from cookie_inspector.core.line.station import ModelPool, StationSetup, load_stations
from cookie_inspector.core.model.bundle import is_bundle
from cookie_inspector.core.resources import app_icon, demo_model_dir
from cookie_inspector.gui.controller import FOLDER_PACE_MS, LineController
from cookie_inspector.gui.fonts import install_fonts
from cookie_inspector.gui.i18n import chosen_language, install_language
from cookie_inspector.gui.main_window import MainWindow
from cookie_inspector.gui.messages import engine_text
from cookie_inspector.gui.outputs_dialog import remembered_config
from cookie_inspector.gui.retrain import RetrainController
from cookie_inspector.gui.stations import StationDeck
from cookie_inspector.lines import open_source

ORGANISATION = "Cookie Inspector"
APPLICATION = "Cookie Inspector"
DESKTOP_FILE = "cookie-inspector"
"""The desktop entry's name (packaging/linux/cookie-inspector.desktop), so the desktop shows the window under it."""


def build_window(source_text: str | None = None, model_dir: Path | None = None, data_dir: Path | None = None,
                 settings: QSettings | None = None, log: bool = True, samples: bool = True,
                 train_epochs: int | None = None, train_architecture: str = "default",
                 outputs: OutputsConfig | None = None,
                 stations: list[tuple[str, str]] | None = None) -> MainWindow:  # fmt: skip
    """Everything the window needs, from what was asked for or remembered; falls back to the demo line and the
    shipped model (with a message) when a remembered source or model is gone.

    The model: the one named, else the one in use at the last close, else the active one of the data folder's
    models, else the shipped demo model (the product on the line's own model first; a remembered model of another
    data folder is not taken). ``samples``: the products (``<data>/products.json``), the samples panel (capture,
    retrain, models) over the product's samples folder and ``<data>/models``; ``train_epochs`` overrides the
    trainer's default,
    ``train_architecture`` names the model Retrain trains. ``outputs``: the line outputs to use (``run --mqtt``
    and friends), else the ones remembered from the *Line outputs* dialog. ``stations``: (name, source) of each
    station, instead of the remembered ones (each keeps the product it judged when it was remembered by that name;
    ``source_text`` is then the first's).
    """
    settings = settings or QSettings(ORGANISATION, APPLICATION)
    data_dir = Path(data_dir or default_data_dir())
    # one line a data folder: a second window (another process) would write the same log and take its alarms
    data_lock = hold(data_dir) if log or samples else None
    try:
        window = _assemble(source_text, model_dir, data_dir, settings, log, samples, train_epochs, train_architecture,
                           outputs, stations)  # fmt: skip
    except BaseException:
        if data_lock is not None:
            data_lock.release()
        raise
    window.data_lock = data_lock
    return window


def _assemble(source_text: str | None, model_dir: Path | None, data_dir: Path, settings: QSettings, log: bool,
              samples: bool, train_epochs: int | None, train_architecture: str,
              outputs: OutputsConfig | None, stations: list[tuple[str, str]] | None = None) -> MainWindow:  # fmt: skip
    """The window of :func:`build_window`, its data folder held."""
    problems = []
    library = None
    if samples:
        try:
            library = ModelLibrary(data_dir / "models", shipped=demo_model_dir())
        except OSError as exc:
            problems.append(
                QCoreApplication.translate("App", "{}: {}; capture and retrain are off").format(
                    data_dir / "models", exc.strerror or exc
                )
            )
    catalog = None
    if samples:
        try:
            catalog = ProductCatalog(data_dir)
        except ProductError as exc:
            problems.append(engine_text(str(exc)))
    remembered_model = settings.value("line/model") or None
    if remembered_model and Path(remembered_model).exists() and not _belongs(Path(remembered_model), data_dir):
        remembered_model = None  # a model of another data folder (another line, another product) is not this one's
    active = library.active_path() if library is not None else None
    own = None  # the current product's own model comes first
    setups = load_stations(data_dir) if log else []  # the stations as they were left (none: one, unnamed)
    if stations:  # asked for by name and source: each keeps the product it judged under that name
        products = {setup.name.casefold(): setup.product for setup in setups}
        setups = [StationSetup(name, source, products.get(name.casefold(), "")) for name, source in stations]
        source_text = setups[0].source
    current = catalog.current if catalog is not None else None  # the first station's product
    if setups and catalog is not None:
        with contextlib.suppress(InspectorError):
            current = catalog.get(setups[0].product)
    if current is not None and library is not None and current.model:
        own = library.path_of(current.model)
    if model_dir is not None and not is_bundle(Path(model_dir)):
        raise BundleError(f"{model_dir}: not a model bundle (a folder holding model.keras and meta.json)")
    # The model loads in the background (TensorFlow is not even imported yet): the window and the camera come first
    candidates = [Path(model_dir)] if model_dir is not None else []
    if model_dir is None:
        candidates += [Path(p) for p in (own, remembered_model, active) if p]
        candidates.append(demo_model_dir())
    candidates = list(dict.fromkeys(candidates))
    text = source_text or str(settings.value("line/source") or "demo")
    try:  # a remembered folder or file that is gone is waited for: NO SIGNAL with the reason until it is back
        source = open_source(text, wait=source_text is None, watch=True)  # a folder is a hot folder here
    except InspectorError as exc:
        if source_text is not None:
            raise
        # never another line in its place (the demo line runs only when asked for); the remembered source stays
        source = UnavailableSource(text, str(exc))
    first = setups[0] if setups else StationSetup("", text)
    record_log = None
    if log:
        try:
            record_log = _station_log(data_dir, settings, first.name)
        except RecordError as exc:
            problems.append(
                QCoreApplication.translate("App", "{}: parts will not be logged").format(engine_text(str(exc)))
            )
    models = ModelPool()  # stations of one product share its model, loaded once
    controller = LineController(None, source, log=record_log, source_factory=partial(open_source, watch=True),
                                station=first.name, source_text=text, models=models)  # fmt: skip
    with contextlib.suppress(TypeError, ValueError):  # Line > Folder pace..., remembered
        controller.set_folder_pace(int(settings.value("line/folder_pace_ms", FOLDER_PACE_MS)))
    retrain = None
    if library is not None:
        try:
            samples_dir = catalog.samples_dir(current) if catalog is not None else data_dir / "samples" / "good"
            store = SampleStore(samples_dir)
            retrain = RetrainController(
                controller, store, library, architecture=train_architecture, epochs=train_epochs
            )
        except SampleError as exc:
            problems.append(
                QCoreApplication.translate("App", "{}; capture and retrain are off").format(engine_text(str(exc)))
            )
    if catalog is not None:
        _put_product(controller, current)
        if retrain is not None:
            retrain.catalog = catalog

    def make_station(setup: StationSetup) -> LineController:
        return _station(setup, data_dir, settings, catalog, library, models, candidates, record_log is not None)

    deck = StationDeck(controller, make_station, data_dir)
    for setup in setups[1:]:
        try:
            deck.add(setup.name, setup.source, setup.product)
        except InspectorError as exc:
            problems.append(engine_text(str(exc)))
    window = MainWindow(controller, settings, text, retrain, stations=deck)
    try:
        config = outputs if outputs is not None else remembered_config(settings)
        if config.any:
            for station in deck.stations:
                station.set_outputs(config)
    except OutputError as exc:
        problems.append(QCoreApplication.translate("App", "line outputs are off: {}").format(engine_text(str(exc))))
    for problem in problems:
        window.statusBar().showMessage(problem)
    controller.load_first_of(candidates)
    return window


def _station(setup: StationSetup, data_dir: Path, settings: QSettings, catalog: ProductCatalog | None,
             library: ModelLibrary | None, models: ModelPool, candidates: list[Path],
             log: bool) -> LineController:  # fmt: skip
    """Another station of the window: its source (a remembered one that is gone is waited for), its own run in the
    log, its product and that product's model (else the line's), loading in the background. Raises InspectorError
    when its log cannot be opened."""
    try:
        source = open_source(setup.source, wait=True, watch=True)
    except InspectorError as exc:
        source = UnavailableSource(setup.source, str(exc))
    record_log = _station_log(data_dir, settings, setup.name) if log else None
    station = LineController(None, source, log=record_log, source_factory=partial(open_source, watch=True),
                             station=setup.name, source_text=setup.source, models=models)  # fmt: skip
    own = []
    product = None
    if catalog is not None:
        with contextlib.suppress(InspectorError):
            product = catalog.get(setup.product)
    if product is not None:
        _put_product(station, product)
        if product.model and library is not None:
            own = [library.path_of(product.model)]
    station.load_first_of(list(dict.fromkeys(own + candidates)))
    return station


def _station_log(data_dir: Path, settings: QSettings, station: str) -> InspectionLog:
    """A station's inspection log (its runs name it), with the pictures' disk budget of the settings file
    (``log/picture_budget_gb``; default 2). Raises RecordError when the log cannot be opened."""
    record_log = InspectionLog(data_dir, station=station)
    with contextlib.suppress(TypeError, ValueError):
        budget = float(settings.value("log/picture_budget_gb", PICTURE_BUDGET_BYTES / 2**30))
        record_log.picture_budget = int(budget * 2**30) if budget > 0 else PICTURE_BUDGET_BYTES
    return record_log


def _put_product(station: LineController, product: Product) -> None:
    """``product`` is on ``station``'s line; one still being taught (no model of its own yet) is taught there."""
    station.set_product(product.name)
    if product.name and not product.model:
        station.set_teaching(product.name)
        station.set_framing(product.framing)


def _belongs(model: Path, data_dir: Path) -> bool:
    """``model`` is one of this data folder's models, or the shipped one."""
    try:
        model = model.resolve()
        return model.is_relative_to(Path(data_dir).resolve() / "models") or model == demo_model_dir().resolve()
    except OSError:
        return False


def no_display_reason() -> str | None:
    """Why a window cannot open here (Linux without X11 or Wayland), or None. Qt would abort with a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return ("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): start it from a desktop "
            "session, under Xvfb, or use 'cookie-inspector run --headless'")  # fmt: skip


def prepare_application(app: QApplication) -> None:
    """The app's names (settings, desktop entry), its icon, which every window and dialog then shows, and its
    Japanese font, so Japanese shows whatever fonts the system has."""
    install_fonts(app)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName(DESKTOP_FILE)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))


def application(language: str | None = None) -> tuple[QApplication, QSettings]:
    """The application (made once), its names and icon, the settings and the language: ``language``, else the one
    remembered, else the system's."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prepare_application(app)
    settings = QSettings(ORGANISATION, APPLICATION)
    install_language(app, chosen_language(settings, language))
    return app, settings


def close_after_parts(window: MainWindow, parts: int) -> None:
    """Close ``window`` (and so end the app) once ``parts`` parts have been judged: for unattended runs."""
    judged = 0

    def count(_verdict) -> None:
        nonlocal judged
        judged += 1
        if judged == parts:
            QTimer.singleShot(0, window.close)

    window.controller.partJudged.connect(count)


def main(source_text: str | None = None, model_dir: Path | None = None, data_dir: Path | None = None,
         parts: int | None = None, language: str | None = None, outputs: OutputsConfig | None = None,
         stations: list[tuple[str, str]] | None = None) -> int:  # fmt: skip
    """Open the window and run until it is closed (or, with ``parts``, until that many parts have been judged).
    ``stations``: (name, source) of each station (``run --station``), instead of the remembered ones."""
    if sys.stderr is not None and not faulthandler.is_enabled():
        faulthandler.enable()  # a crash in a native library still leaves the Python stacks on stderr
    reason = no_display_reason()
    if reason is not None:
        print(f"cookie-inspector: {reason}", file=sys.stderr)
        return 2
    app, settings = application(language)
    try:
        window = build_window(source_text, model_dir, data_dir, settings=settings, outputs=outputs, stations=stations)
    except InspectorError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cookie Inspector"), engine_text(str(exc)))
        return 3
    if parts:
        close_after_parts(window, parts)
    window.show()
    window.start()
    return run_until_closed(app, window)


def run_until_closed(app: QApplication, window) -> int:
    """Run the event loop until ``window`` closes. Ctrl+C in the terminal or a service manager's SIGTERM closes it
    properly (settings saved, threads stopped); Python sees signals only between Qt events, so a timer gives it a
    moment five times a second."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    return app.exec()


def review_main(folder: Path, where=None, language: str | None = None) -> int:
    """Open the review window alone on the log of ``folder`` and run until it is closed. Raises
    :class:`ReviewError` (before any window) when there is no log to review."""
    from cookie_inspector.core.line.review import PartReview
    from cookie_inspector.gui.review_window import open_review

    PartReview(folder).close()  # no log, a damaged one: said on the command line, before a window opens
    reason = no_display_reason()
    if reason is not None:
        print("cookie-inspector: no display to open the review window on (neither DISPLAY nor WAYLAND_DISPLAY is "
              "set): start it from a desktop session or under Xvfb", file=sys.stderr)  # fmt: skip
        return 2
    app, settings = application(language)
    try:
        store = SampleStore(folder / "samples" / "good")
    except SampleError:
        store = None
    window = open_review(folder, settings, store, where)
    window.show()
    return run_until_closed(app, window)


def write_report(folder: Path, where, out: Path, language: str | None = None) -> tuple[int, Path]:
    """Write the shift report of the log in ``folder`` to ``out`` (PDF or HTML) and the parts' CSV beside it, with
    no window (Qt lays it out; without a display, off screen); (parts, the CSV's path)."""
    from cookie_inspector.core.line.report import build_report
    from cookie_inspector.gui.report_writer import ReportWriter

    report = build_report(folder, where)  # no log: said before Qt starts
    if QApplication.instance() is None and no_display_reason() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a report needs fonts and a painter, not a screen
    application(language)
    return report.parts, ReportWriter().write(report, Path(out))
