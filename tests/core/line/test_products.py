"""The line's products by name: each with a samples folder of its own, its model and its region, remembered in the
data folder; a data folder of an earlier release has one unnamed product with the samples it always had."""

from pathlib import Path

import pytest

from cookie_inspector.core.line.outputs.outbox import part_event
from cookie_inspector.core.line.products import LEGACY_SAMPLES, ProductCatalog, ProductError
from cookie_inspector.core.line.records import InspectionLog
from tests.core.line.test_records import _verdict


def test_products_have_names_samples_of_their_own_and_are_remembered(tmp_path: Path):
    catalog = ProductCatalog(tmp_path)
    assert [p.title for p in catalog.products] == ["unnamed"] and catalog.current.samples == LEGACY_SAMPLES
    tiles = catalog.add("タイル 30mm", framing="product")
    plates = catalog.add("plates")
    assert catalog.current.name == ""  # added, not yet on the line
    folders = {catalog.samples_dir(p) for p in catalog.products}
    assert len(folders) == 3 and all(f.is_relative_to(tmp_path) for f in folders)
    with pytest.raises(ProductError, match="already"):
        catalog.add("plates")
    with pytest.raises(ProductError, match="needs a name"):
        catalog.add("  ")
    catalog.switch(tiles.name)
    catalog.update(tiles.name, model="model-20261207-120000", region="10,20,300,200@640x480")
    again = ProductCatalog(tmp_path)  # a restart
    assert again.current.name == "タイル 30mm" and again.current.framing == "product"
    assert again.current.model == "model-20261207-120000" and again.current.region == "10,20,300,200@640x480"
    assert again.product_of_model("model-20261207-120000").name == "タイル 30mm"
    assert again.get("plates").samples == plates.samples and again.get("plates").model is None
    with pytest.raises(ProductError, match="no product named"):
        again.switch("bolts")


def test_a_damaged_list_of_products_is_a_clear_error(tmp_path: Path):
    (tmp_path / "products.json").write_text("{ not json")
    with pytest.raises(ProductError, match="not a readable list of products"):
        ProductCatalog(tmp_path)


def test_every_part_and_its_event_name_the_product_on_the_line(tmp_path: Path):
    log = InspectionLog(tmp_path)
    log.set_product("タイル")
    first = log.record(_verdict(1, 0.3), "folder tiles")
    log.set_product("plates")  # switched within the run: each part names its own product, the run its first
    second = log.record(_verdict(2, 0.3), "folder tiles")
    assert (first.product, second.product) == ("タイル", "plates")
    assert [r.product for r in log.recent()] == ["plates", "タイル"]
    assert part_event(first, "line-1", tmp_path)["product"] == "タイル"
    run_product = log._db.execute("SELECT product FROM runs WHERE id = ?", (log.run,)).fetchone()[0]
    assert run_product == "タイル"
    log.set_product("")
    assert part_event(log.record(_verdict(3, 0.3), "demo"), "line-1", tmp_path)["product"] == "unnamed"
    log.close()
