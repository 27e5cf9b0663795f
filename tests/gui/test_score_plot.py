"""The score plot can run for a shift: updating it thousands of times leaves Python's own objects alone.

PySide6 6.12.0 lost a reference to ``True`` (and, for scatter points, to ``None``) on every curve update through
pyqtgraph; at 30 updates a second the count ran out after a few minutes and the window died with "Fatal Python
error: deallocating True". The dependency excludes that release; this test fails on any binding that does it again.
"""

from __future__ import annotations

import sys

import numpy as np

from cookie_inspector.gui.score_plot import ScorePlot


def test_thousands_of_updates_keep_the_reference_counts_of_true_and_none(qtbot):
    plot = ScorePlot()
    qtbot.addWidget(plot)
    plot.resize(600, 200)
    plot.show()
    rng = np.random.default_rng(0)
    clock = 1000.0

    def update(n: int) -> None:
        nonlocal clock
        for _ in range(n):
            clock += 1 / 30
            score = float(rng.uniform(0.2, 1.5)) if rng.random() < 0.8 else float("nan")  # gaps: no part
            plot.add_scores([(clock, score)])
            if score > 1:
                plot.mark_ng(score, clock)
            plot.refresh(now=clock)
            plot.repaint()

    update(1900)  # past the plot's 60 s: from here on old points leave as new ones come
    before = sys.getrefcount(True), sys.getrefcount(None)
    update(1500)
    after = sys.getrefcount(True), sys.getrefcount(None)
    # a binding that drops references loses about one per update; a few may move with the data kept
    assert after[0] > before[0] - 100, f"True lost {before[0] - after[0]} references in 1500 updates"
    assert after[1] > before[1] - 100, f"None lost {before[1] - after[1]} references in 1500 updates"
    assert abs(after[1] - before[1]) < 300, f"None gained {after[1] - before[1]} references: something leaks"
    assert plot.points == 3400


def test_a_score_above_the_axis_is_drawn_on_its_edge_not_lost(qtbot):
    plot = ScorePlot()
    qtbot.addWidget(plot)
    plot.add_scores([(100.0, 0.5), (100.5, 24.0), (101.0, 0.6)])
    plot.mark_ng(24.0, 100.5)
    plot.refresh(now=101.0)
    low, high = plot.getViewBox().viewRange()[1]
    assert high == 10.0
    shown = plot._curve.getData()[1]
    assert 9.0 < shown.max() < high  # on the edge, in view
    points = plot._marks.points()
    assert len(points) == 1 and 9.0 < points[0].pos().y() < high and plot.above == 1


def test_a_folders_photos_each_one_score_are_drawn_as_dots(qtbot):
    plot = ScorePlot()
    qtbot.addWidget(plot)
    nan = float("nan")
    plot.add_scores([(100.0, 0.4), (100.2, nan), (101.0, 0.7), (101.2, nan), (102.0, 0.5), (102.1, 0.6)])
    plot.refresh(now=103.0)
    assert plot.dots == 2  # the two photos alone; the pair is a line as before
    assert sorted(round(p.pos().y(), 2) for p in plot._dots.points()) == [0.4, 0.7]
