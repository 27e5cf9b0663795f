"""A new product's first hour in the window: what an operator meets when the remembered source is gone, and the
like (each item of the first-hour issue that the window owns)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.frames.capture import AwaitedSource
from cookie_inspector.core.frames.sources import UnavailableSource
from cookie_inspector.gui.app import build_window
from cookie_inspector.synth.line import DemoLine


def _photos(folder: Path, count: int = 3) -> None:
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(count):
        image = np.full((240, 320, 3), 235, np.uint8)
        cv2.circle(image, (160, 120), 80, (40, 90, 160), -1)
        image = np.clip(image.astype(np.int16) + rng.integers(-6, 7, image.shape), 0, 255).astype(np.uint8)
        cv2.imwrite(str(folder / f"part{i:02d}.png"), image)


def _start(qtbot, tmp_path: Path, settings):
    window = build_window(None, data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    return window


def test_a_remembered_folder_that_is_gone_is_no_signal_and_comes_back_by_itself(qtbot, tmp_path: Path, settings):
    folder = tmp_path / "share" / "product-b"
    settings.setValue("line/source", str(folder))
    window = _start(qtbot, tmp_path, settings)
    controller = window.controller
    assert isinstance(controller.source, AwaitedSource) and not isinstance(controller.source, DemoLine)
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=10_000)
    assert "not there" in window.line_state(None)[1] and str(folder) in window.line_state(None)[1]
    assert window.view.frames_shown == 0  # no other line's pictures meanwhile
    _photos(folder)  # the share is mounted again
    qtbot.waitUntil(lambda: window.view.frames_shown > 0, timeout=30_000)
    qtbot.waitUntil(lambda: controller.state in ("running", "ended"), timeout=10_000)
    window.close()
    assert settings.value("line/source") == str(folder)  # still the product's folder, never "demo"


def test_a_remembered_source_that_cannot_be_read_is_no_signal_with_the_reason(qtbot, tmp_path: Path, settings):
    settings.setValue("line/source", "demo:x")
    window = _start(qtbot, tmp_path, settings)
    assert isinstance(window.controller.source, UnavailableSource)
    qtbot.waitUntil(lambda: window.panel.verdict == "NO SIGNAL", timeout=10_000)
    assert "seed must be a whole number" in window.line_state(None)[1]
    window.close()
    assert settings.value("line/source") == "demo:x"


def test_a_source_that_opens_nothing_changes_nothing_and_is_not_remembered(qtbot, tmp_path: Path, settings):
    window = build_window("demo:5", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window._use_source(str(tmp_path / "typo"))
    assert window.source_text == "demo:5" and isinstance(window.controller.source, DemoLine)
    window.close()
    assert settings.value("line/source") == "demo:5"
