"""The window's stations: several cameras on one PC, each a line of its own, shown side by side.

A station of the window is a :class:`~cookie_inspector.gui.controller.LineController` (its source, its live
pipeline, its calibration and watch, its run, its product); :class:`StationDeck` holds them in their order and says
which one is in focus: the large view, the verdict panel, the score plot, capture, retrain and the menus act on that
one, and a click on another station's tile moves the focus there. Every station's NG parts reach the one alarm banner,
which names their station. A deck of one station is the window as it has always been (no tiles, no names).

The stations are remembered in the data folder (``stations.json``, :func:`~cookie_inspector.core.line.station.
save_stations`); *Line > Stations...* adds, renames, removes and reorders them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cookie_inspector.core.line.station import StationError, StationSetup, check_name, save_stations
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.live_view import LiveView
from cookie_inspector.gui.verdict_panel import COLOURS, verdict_word

TILE_COLUMNS = 4
"""Tiles in a row before the next row starts."""
SIDE_WIDTH = 150
"""The width of a tile's name, verdict and counts beside its picture."""


class StationDeck(QObject):
    """The stations of the window, in their order, and the one in focus.

    ``make(setup)`` builds a new station's controller (its source opened, its log run named, its product's model
    loading); the deck starts it when the others run.
    """

    focusChanged = Signal(object)  # noqa: N815 - the LineController now in focus
    stationsChanged = Signal()  # noqa: N815 - added, removed, renamed or moved
    stationAdded = Signal(object)  # noqa: N815 - the LineController added (the window connects to it)

    def __init__(self, first: LineController, make: Callable[[StationSetup], LineController] | None = None,
                 folder: Path | None = None, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.stations: list[LineController] = [first]
        self.focus = first
        self.folder = Path(folder) if folder is not None else None
        """Where the stations are remembered (None: not remembered, as in tests of one window)."""
        self._make = make
        self.busy: Callable[[LineController], bool] = lambda _station: False
        """Whether a station waits for something that must reach it (a model being trained for it: the window
        sets it): it cannot be removed meanwhile."""
        self.running = False
        """The window has started the line: a station added now starts at once."""

    # -- what the window reads ------------------------------------------------------------------------------------
    @property
    def several(self) -> bool:
        return len(self.stations) > 1

    def setups(self) -> list[StationSetup]:
        return [StationSetup(s.station, s.source_text, s.product) for s in self.stations]

    def by_name(self, name: str) -> LineController | None:
        return next((s for s in self.stations if s.station.casefold() == name.casefold()), None)

    @property
    def can_add(self) -> bool:
        return self._make is not None

    # -- changes --------------------------------------------------------------------------------------------------
    def set_focus(self, station: LineController) -> None:
        if station is not self.focus and station in self.stations:
            self.focus = station
            self.focusChanged.emit(station)

    def add(self, name: str, source_text: str, product: str = "", first_name: str = "") -> LineController:
        """A new station ``name`` on ``source_text`` judging ``product``. A line of one unnamed station names it
        ``first_name`` first (stations are told apart by name). Raises StationError (nothing changed) when a name
        is refused or the station cannot be made."""
        if self._make is None:
            raise StationError("the last station stays: a line needs one")  # a window of one line only
        taken = [s.station for s in self.stations]
        rename_first = len(self.stations) == 1 and not self.stations[0].station
        if rename_first:
            first_name = check_name(first_name)
            taken = [first_name]
        name = check_name(name, taken)
        station = self._make(StationSetup(name, source_text.strip(), product))
        if rename_first:
            self.stations[0].rename(first_name)
        self.stations.append(station)
        self.stationAdded.emit(station)
        if self.running:
            station.start()
        self._changed()
        return station

    def rename(self, station: LineController, name: str) -> None:
        name = check_name(name, [s.station for s in self.stations if s is not station])
        if name != station.station:
            station.rename(name)
            self._changed()

    def remove(self, station: LineController) -> None:
        """Stop ``station`` and take it off the window (its parts stay in the log). The last one stays."""
        if len(self.stations) <= 1:
            raise StationError("the last station stays: a line needs one")
        if self.busy(station):
            raise StationError(f"station {station.station} waits for the model being trained for it: remove it "
                               "when the training has ended")  # fmt: skip
        self.stations.remove(station)
        station.stop()
        station.close_outputs()
        if station is self.focus:
            self.set_focus(self.stations[0])
        station.deleteLater()
        self._changed()

    def move(self, station: LineController, step: int) -> None:
        """Move ``station`` ``step`` places (negative: earlier) in the order the tiles show them."""
        index = self.stations.index(station)
        target = max(0, min(len(self.stations) - 1, index + step))
        if target != index:
            self.stations.insert(target, self.stations.pop(index))
            self._changed()

    def start(self) -> None:
        self.running = True
        for station in self.stations:
            station.start()

    def stop(self) -> None:
        self.running = False
        for station in self.stations:
            station.stop()

    def save(self) -> None:
        """Remember the stations (raises StationError when the data folder refuses)."""
        if self.folder is not None:
            save_stations(self.folder, self.setups())

    def _changed(self) -> None:
        try:
            self.save()
        finally:
            self.stationsChanged.emit()


class StationTile(QFrame):
    """One station in the row of tiles: its name and product, its live picture with the heatmap, and its verdict
    (the same word and colour as the verdict panel) with its counts. A click puts it in focus."""

    clicked = Signal(object)

    def __init__(self, station: LineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel()
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.view = LiveView()
        self.view.setMinimumSize(150, 84)
        self.view.editable = False
        self.view.setToolTip(self.tr("Click to watch this station large"))
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.verdict.font())
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.verdict.setFont(big)
        self.counts = QLabel()
        self.detail = QLabel()
        self.detail.setStyleSheet("color: #555")
        self.code = ""
        self._frame_index = -1
        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.verdict)
        column.addWidget(self.counts)
        column.addWidget(self.detail)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(side)
        self.sync_title()
        self.set_focused(False)

    def sync_title(self) -> None:
        product = self.station.teaching or self.station.product
        self.title.setText(f"{self.station.station} · {product}" if product else self.station.station)

    def set_focused(self, on: bool) -> None:
        self.setStyleSheet("StationTile { border: 3px solid #2a6ad0; border-radius: 4px; }" if on
                           else "StationTile { border: 1px solid #9a9a9a; border-radius: 4px; }")  # fmt: skip
        self.focused = on

    def show_state(self, frame, report, code: str, detail: str, no_signal: str | None, heatmap: bool) -> None:
        """One display tick of this station (what the window's refresh works out for each)."""
        if frame is not None and frame.index != self._frame_index:
            self._frame_index = frame.index
            self.view.show_frame(frame.image, report, self.station.threshold, heatmap=heatmap)
        self.view.set_no_signal(no_signal)
        if code != self.code:
            self.code = code
            self.verdict.setText(verdict_word(code))
            colour = COLOURS.get(code, COLOURS[""])
            self.verdict.setStyleSheet(f"color: white; background: {colour}; border-radius: 6px; padding: 4px;")
        whole = " ".join(detail.split("\n"))
        if self.detail.toolTip() != whole:  # one line, cut at the tile's edge; the whole of it is the tooltip
            self.detail.setToolTip(whole)
            self.detail.setText(self.detail.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight, SIDE_WIDTH))
        counts = self.tr("%n part(s), {} NG", "", self.station.parts).format(self.station.ng_parts)
        if self.counts.text() != counts:
            self.counts.setText(counts)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.station)
        super().mousePressEvent(event)


class StationTiles(QWidget):
    """Every station's tile, in the deck's order, in rows of :data:`TILE_COLUMNS`; hidden with one station (the
    window is then as it has always been)."""

    def __init__(self, deck: StationDeck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.tiles: list[StationTile] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        deck.stationsChanged.connect(self.rebuild)
        deck.focusChanged.connect(lambda _station: self._mark_focus())
        self.rebuild()

    def tile_of(self, station: LineController) -> StationTile | None:
        return next((tile for tile in self.tiles if tile.station is station), None)

    def rebuild(self) -> None:
        kept = {tile.station: tile for tile in self.tiles}
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        self.tiles = []
        for index, station in enumerate(self.deck.stations):
            tile = kept.pop(station, None)
            if tile is None:
                tile = StationTile(station, self)
                tile.clicked.connect(self.deck.set_focus)
            tile.sync_title()
            self._grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)
            self.tiles.append(tile)
        for tile in kept.values():  # removed stations
            tile.setParent(None)
            tile.deleteLater()
        self._mark_focus()
        self.setVisible(self.deck.several)

    def _mark_focus(self) -> None:
        for tile in self.tiles:
            tile.set_focused(tile.station is self.deck.focus)
