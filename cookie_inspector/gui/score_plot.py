"""The rolling anomaly score: the last minute of normalised scores (1.0 is the alarm line), the warning line, and a
red mark for every NG part."""

from __future__ import annotations

import math
import time
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

WINDOW_SECONDS = 60.0
TOP = 10.0
"""The axis reaches at most this many thresholds; higher scores sit on its edge (an NG mark as a triangle)."""
PLOT_HEIGHT = 150
PLOT_HEIGHT_SHARED = 100
"""The plot's height while the stations' tiles share the window with it."""
"""Fixed: an alarm or a badge appearing beside the live view never moves the plot (or the live view)."""


class ScorePlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="#141414")
        self.setToolTip(
            self.tr(
                "Anomaly score of the inspected frames over the last minute, in units of the "
                "threshold (1.0 = alarm). Gaps: no part in the region. Red dots: NG parts."
            )
        )
        self.setFixedHeight(PLOT_HEIGHT)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setLabel("left", self.tr("score / threshold"))
        self.setLabel("bottom", self.tr("seconds ago"))
        self.setXRange(-WINDOW_SECONDS, 0, padding=0)
        self.setYRange(0, 2, padding=0)
        self.showGrid(x=False, y=True, alpha=0.2)
        self._times: deque[float] = deque()
        self._scores: deque[float] = deque()
        self._ng: deque[tuple[float, float]] = deque()
        self._curve = self.plot([], [], pen=pg.mkPen("#e0e0e0", width=2), connect="finite")
        self._marks = pg.ScatterPlotItem(size=12, brush=pg.mkBrush("#ff3030"), pen=pg.mkPen("#ffffff"))
        self.addItem(self._marks)
        self._dots = pg.ScatterPlotItem(size=6, brush=pg.mkBrush("#e0e0e0"), pen=None)
        """A score with no neighbour (a folder's photo: one frame each) is a dot, where the curve draws nothing."""
        self.addItem(self._dots)
        dashed = Qt.PenStyle.DashLine
        self.threshold_line = pg.InfiniteLine(1.0, angle=0, pen=pg.mkPen("#ff3030", width=2, style=dashed))
        self.warn_line = pg.InfiniteLine(0.8, angle=0, pen=pg.mkPen("#ffb000", width=1, style=dashed))
        self.addItem(self.threshold_line)
        self.addItem(self.warn_line)
        self.points = 0
        self.dots = 0
        """Scores in view drawn as dots (no neighbour to join)."""
        self.above = 0
        """NG parts in view scoring above the axis (drawn as triangles on its edge)."""

    def set_warn_ratio(self, ratio: float) -> None:
        self.warn_line.setValue(ratio)

    def add_scores(self, items: list[tuple[float, float]]) -> None:
        for t, score in items:
            self._times.append(t)
            self._scores.append(score)
        self.points += len(items)

    def clear_scores(self) -> None:
        """No scores (another station in focus: its own come next). Not ``clear``: pyqtgraph's plot widget takes
        that name for removing every item, the threshold lines included."""
        self._times.clear()
        self._scores.clear()
        self._ng.clear()
        self.refresh()

    def mark_ng(self, normalized_score: float, at: float | None = None) -> None:
        self._ng.append((time.monotonic() if at is None else at, normalized_score))

    def refresh(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        cutoff = now - WINDOW_SECONDS
        while self._times and self._times[0] < cutoff:
            self._times.popleft()
            self._scores.popleft()
        while self._ng and self._ng[0][0] < cutoff:
            self._ng.popleft()
        x = np.fromiter(self._times, float, len(self._times)) - now
        y = np.fromiter(self._scores, float, len(self._scores))
        finite = y[np.isfinite(y)]
        top = max(2.0, math.ceil(float(finite.max()) * 1.1 * 2) / 2) if finite.size else 2.0
        top = min(top, TOP)
        edge = top * 0.97  # a score above the axis is drawn on its edge, never lost off the plot
        self._curve.setData(x, np.minimum(y, edge), connect="finite")
        finite = np.isfinite(y)
        before = np.concatenate(([False], finite[:-1]))
        after = np.concatenate((finite[1:], [False]))
        alone = finite & ~before & ~after
        self._dots.setData(x[alone], np.minimum(y[alone], edge))
        self.dots = int(alone.sum())
        marks = [(t - now, s) for t, s in self._ng]
        self._marks.setData([{"pos": (t, min(s, edge)), "symbol": "t1" if s > edge else "o"} for t, s in marks])
        self.above = sum(s > edge for _, s in marks)
        self.setYRange(0, top, padding=0)
