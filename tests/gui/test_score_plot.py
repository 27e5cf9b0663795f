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
