"""The window's event-loop delay, as the benchmarks measure it: a 10 ms Qt timer's lateness at each tick."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

TICK_MS = 10


class EventLoopProbe:
    """``start()``, let the event loop run, ``stop()``; ``delays`` holds each tick's lateness in milliseconds."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.delays.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
