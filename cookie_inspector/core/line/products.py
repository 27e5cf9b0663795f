"""The products of one line, by name: each with its own good samples, its active model and its region.

A product is what an operator names in *New product*; switching product (*Line > Product...*) switches its samples
folder, its model and its region together, and the log, the report and the line outputs name it. The catalog is
``products.json`` in the data folder, written atomically. A data folder of an earlier release has one product
without a name ("unnamed") whose samples are the folder every release used (``samples/good``).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.imageio import write_bytes_atomic
from cookie_inspector.core.judge.presence import FRAMING_REGION, check_framing

PRODUCTS_FILE = "products.json"
LEGACY_SAMPLES = "samples/good"
"""Where the samples of a data folder from before products had names are (the unnamed product's)."""
PRODUCTS_FOLDER = "products"


class ProductError(InspectorError):
    """A product cannot be added or switched to (a name in use, an unwritable catalog)."""


@dataclass(frozen=True)
class Product:
    """One product of the line."""

    name: str
    """As the operator typed it, in any script; empty: the unnamed product of an earlier release."""
    samples: str
    """Its good samples' folder, relative to the data folder."""
    model: str | None = None
    """Its active model's name in the model library; None: it has none yet (it is being taught)."""
    region: str | None = None
    """Its region on the pictures (``x,y,w,h@WxH``, :meth:`Roi.as_text`); None: the model's own."""
    framing: str = FRAMING_REGION
    created: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def title(self) -> str:
        """How lists name it: its name, or "unnamed"."""
        return self.name or "unnamed"


class ProductCatalog:
    """The products of a data folder and which one is on the line now; safe to use from any thread."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir)
        self.path = self.folder / PRODUCTS_FILE
        self._lock = threading.Lock()
        self._products: list[Product] = []
        self._current = ""
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            products = [Product(**{k: v for k, v in item.items() if k in Product.__dataclass_fields__})
                        for item in data["products"]]  # fmt: skip
            current = str(data.get("current", ""))
        except FileNotFoundError:
            products, current = [], ""
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ProductError(f"{self.path}: not a readable list of products ({exc})") from exc
        if not products:
            products = [Product("", LEGACY_SAMPLES)]
        if current not in {p.name for p in products}:
            current = products[0].name
        self._products, self._current = products, current

    def _save(self) -> None:
        data = {"current": self._current, "products": [asdict(p) for p in self._products]}
        try:
            write_bytes_atomic(self.path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        except OSError as exc:
            raise ProductError(f"{self.path}: cannot write the list of products ({exc.strerror or exc})") from exc

    @property
    def products(self) -> list[Product]:
        with self._lock:
            return list(self._products)

    @property
    def current(self) -> Product:
        with self._lock:
            return self._find(self._current)

    def get(self, name: str) -> Product:
        with self._lock:
            return self._find(name)

    def _find(self, name: str) -> Product:
        for product in self._products:
            if product.name == name:
                return product
        raise ProductError(f"no product named {name!r}")

    def samples_dir(self, product: Product) -> Path:
        return self.folder / product.samples

    def add(self, name: str, framing: str = FRAMING_REGION) -> Product:
        """A new product with a samples folder of its own (empty); not yet the current one (:meth:`switch`)."""
        name = name.strip()
        if not name:
            raise ProductError("a product needs a name")
        check_framing(framing)
        with self._lock:
            if any(p.name == name for p in self._products):
                raise ProductError(f"there is a product named {name!r} already: switch to it (Line > Product...)")
            slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:32]
            number = len(self._products) + 1
            while True:
                samples = f"{PRODUCTS_FOLDER}/{number:03d}{'-' + slug if slug else ''}/samples"
                if not (self.folder / samples).exists() and samples not in {p.samples for p in self._products}:
                    break
                number += 1
            product = Product(name, samples, framing=framing)
            self._products.append(product)
            self._save()
        return product

    def switch(self, name: str) -> Product:
        """Make ``name`` the product on the line (remembered)."""
        with self._lock:
            product = self._find(name)
            self._current = name
            self._save()
        return product

    def update(self, name: str, **changes) -> Product:
        """Change what the catalog keeps of ``name`` (its ``model``, ``region``, ``framing``)."""
        with self._lock:
            product = self._find(name)
            changed = replace(product, **changes)
            self._products[self._products.index(product)] = changed
            self._save()
        return changed

    def product_of_model(self, model: str) -> Product | None:
        """The product whose active model is ``model``, if any."""
        with self._lock:
            return next((p for p in self._products if p.model == model), None)
