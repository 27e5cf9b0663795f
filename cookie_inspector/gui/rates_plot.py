"""The line's measured rates: the scores of the parts labelled good and defective, with the threshold and WARN
lines, and a line to drag that shows what another threshold would have done to the same parts."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cookie_inspector.core.line.review import Rates, interval

TRUST_LABELS = 30
"""Below this many labelled parts of a kind, its rate is said to be a rough one (its interval is shown)."""
GOOD_COLOUR, DEFECT_COLOUR = "#2fa84f", "#e03030"


class RatesPanel(QWidget):
    """Counts and a strip plot of the labelled parts' scores (normalised: 1.0 is the threshold each part was judged
    at). ``thresholdChosen(factor)``: *Set the threshold here* at ``factor`` x the current one."""

    thresholdChosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rates = Rates()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.plot = pg.PlotWidget(background="#141414")
        self.plot.setFixedHeight(150)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", self.tr("score / threshold"))
        self.plot.getAxis("left").setTicks([[(0, self.tr("good")), (1, self.tr("defect"))]])
        self.plot.setYRange(-0.6, 1.6, padding=0)
        self.plot.setToolTip(self.tr("Each dot is a labelled part at its score. Drag the blue line to see what "
                                     "another threshold would have done to these parts."))  # fmt: skip
        self._good = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(GOOD_COLOUR), pen=pg.mkPen(None))
        self._defect = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(DEFECT_COLOUR), pen=pg.mkPen(None))
        dashed = Qt.PenStyle.DashLine
        self.threshold_line = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen("#ff3030", width=2, style=dashed))
        self.warn_line = pg.InfiniteLine(math.log10(0.8), angle=90, pen=pg.mkPen("#ffb000", width=1, style=dashed))
        self.candidate = pg.InfiniteLine(0.0, angle=90, movable=True, pen=pg.mkPen("#3aa0ff", width=2),
                                         hoverPen=pg.mkPen("#8cc8ff", width=3))  # fmt: skip
        for item in (self._good, self._defect, self.threshold_line, self.warn_line, self.candidate):
            self.plot.addItem(item)
        self.candidate.sigPositionChanged.connect(lambda *_: self._show_candidate())
        self.candidate_label = QLabel()
        self.candidate_label.setWordWrap(True)
        self.set_button = QPushButton(self.tr("Set the threshold here"))
        self.set_button.setToolTip(self.tr("The line's threshold becomes the blue line's (engineer lock)"))
        self.set_button.clicked.connect(lambda: self.thresholdChosen.emit(self.candidate_factor))
        self.set_button.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.plot)
        row = QHBoxLayout()
        row.addWidget(self.candidate_label, 1)
        row.addWidget(self.set_button)
        layout.addLayout(row)

    @property
    def candidate_factor(self) -> float:
        return float(10 ** self.candidate.value())

    def set_candidate(self, factor: float) -> None:
        self.candidate.setValue(math.log10(max(factor, 1e-3)))

    def set_rates(self, rates: Rates) -> None:
        self.rates = rates
        rng = np.random.default_rng(0)  # the same jitter each time: dots do not dance as labels come in
        for item, scores, row in ((self._good, rates.good_scores, 0.0), (self._defect, rates.defect_scores, 1.0)):
            x = np.log10(np.maximum(np.asarray(scores, dtype=float), 1e-3))
            item.setData(x=x, y=row + rng.uniform(-0.3, 0.3, len(x)))
        ratio = rates.warn_ratio
        self.warn_line.setVisible(ratio is not None and ratio > 0)
        if ratio:
            self.warn_line.setValue(math.log10(ratio))
        everything = [*rates.good_scores, *rates.defect_scores, 1.0, ratio or 1.0]
        low, high = max(min(everything), 1e-3), max(everything)
        self.plot.setXRange(math.log10(low) - 0.15, math.log10(high) + 0.15, padding=0)
        self.summary.setText(self._describe(rates, 1.0))
        self._show_candidate()

    def _show_candidate(self) -> None:
        factor = self.candidate_factor
        if abs(factor - 1.0) < 0.005:
            self.candidate_label.setText(self.tr("Drag the blue line to try another threshold."))
            return
        at = self.rates.at(factor)
        self.candidate_label.setText(self.tr("At {:.2f} x the threshold: {} false alarm(s) of {} good, {} miss(es) "
                                             "of {} defective").format(factor, at.false_alarms, at.labelled_good,
                                                                       at.misses, at.labelled_defect))  # fmt: skip

    def _describe(self, rates: Rates, factor: float) -> str:
        if not rates.labelled_good and not rates.labelled_defect:
            return self.tr("No part of this period is labelled yet: label parts (D, G, U) to measure the line.")
        parts = []
        for count, total, name in ((rates.false_alarms, rates.labelled_good, self.tr("false alarms")),
                                   (rates.misses, rates.labelled_defect, self.tr("misses"))):  # fmt: skip
            if not total:
                parts.append(self.tr("{}: no labelled part to count them on").format(name))
                continue
            low, high = interval(count, total)
            text = self.tr("{}: <b>{} of {}</b> ({:.0%}; 95% between {:.0%} and {:.0%})").format(
                name, count, total, count / total, low, high)  # fmt: skip
            if total < TRUST_LABELS:
                text += " " + self.tr("<i>(few labels: a rough figure)</i>")
            parts.append(text)
        head = self.tr("At the threshold, among {} good and {} defective parts labelled ({} unsure):").format(
            rates.labelled_good, rates.labelled_defect, rates.unsure)  # fmt: skip
        return head + "<br>" + "<br>".join(parts)
