"""Products by name in the window: New product makes one with samples of its own, Line > Product... switches the
samples, the model and the region together, a restart keeps the product on the line, Models... lists by product."""

from __future__ import annotations

from pathlib import Path

from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.line.model_library import SHIPPED
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.product_dialog import ProductDialog
from tests.gui.test_first_hour import _photos


def _window(qtbot, tmp_path: Path, settings, source: str):
    window = build_window(source, data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)
    return window


def test_a_product_is_switched_with_its_samples_model_and_region_and_kept_across_a_restart(qtbot, tmp_path, settings):
    _photos(tmp_path / "line", 3)
    _photos(tmp_path / "cookies", 3)
    _photos(tmp_path / "tiles", 2)
    window = _window(qtbot, tmp_path, settings, str(tmp_path / "line"))
    controller, retrain = window.controller, window.retrain
    assert controller.product == "" and window.windowTitle() == "Cookie Inspector: unnamed product"
    retrain.store.import_folder(tmp_path / "cookies")
    first_samples = retrain.store.folder
    window._on_roi_changed(Roi(10, 20, 200, 150, (320, 240)))
    assert window.new_product("タイル", confirm=False, region="whole")
    assert controller.product == controller.teaching == "タイル" and "タイル" in window.windowTitle()
    assert len(retrain.store) == 0 and retrain.store.folder != first_samples
    retrain.store.import_folder(tmp_path / "tiles")
    qtbot.waitUntil(lambda: window.panel.verdict == "TEACHING", timeout=30_000)
    assert controller.taught == 0  # the folder's photos wait for the product's first model

    assert window.switch_product("")  # back to the first product: its samples, its model, its region
    assert controller.product == "" and controller.teaching == ""
    assert retrain.store.folder == first_samples and len(retrain.store) == 3
    assert controller.settings.roi == Roi(10, 20, 200, 150, (320, 240))
    qtbot.waitUntil(lambda: retrain.library.name_of(controller.model_path) == SHIPPED, timeout=30_000)
    dialog = ProductDialog(window, retrain.catalog, retrain.library)
    qtbot.addWidget(dialog)
    rows = [tuple(dialog.table.item(r, c).text() for c in (0, 1, 2, 4)) for r in range(dialog.table.rowCount())]
    assert rows == [("unnamed", "3", "shipped model", "yes"), ("タイル", "2", "none yet (teaching)", "")]
    dialog.table.selectRow(1)
    dialog.accept()
    assert dialog.chosen == "タイル"

    assert window.switch_product("タイル")  # no model of its own yet: taught, the active model gates nothing
    assert controller.teaching == "タイル" and len(retrain.store) == 2 and controller.settings.roi is None
    window.close()
    window = _window(qtbot, tmp_path, settings, str(tmp_path / "line"))  # a restart
    assert window.controller.product == window.controller.teaching == "タイル"
    assert "タイル" in window.teaching_label.text() and window.end_teaching_action.isEnabled()  # said at once
    assert len(window.retrain.store) == 2
    window.close()
    log = InspectionLog(tmp_path / "data")
    assert "タイル" not in {r.product for r in log.recent(1000)}  # nothing judged for it by another product's model
    log.close()
