"""The layering rule of the design: core/ and synth/ never import Qt or pyqtgraph, and synth/ needs no TensorFlow."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cookie_inspector

PACKAGE = Path(cookie_inspector.__file__).parent
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "cookie_inspector.gui", "cookie_inspector.cli")
FORBIDDEN = {"core": QT, "synth": (*QT, "tensorflow", "keras", "cookie_inspector.core.model.tf_setup")}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_sources_import_nothing_forbidden(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.startswith(FORBIDDEN[layer])]
    assert offenders == []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_importing_a_whole_layer_loads_nothing_forbidden(layer):
    """In a fresh interpreter, so that what other tests imported does not hide an indirect import."""
    modules = sorted(p.stem for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__")
    forbidden = tuple(name for name in FORBIDDEN[layer] if not name.startswith("cookie_inspector.core"))
    code = (
        "import sys\n"
        + "".join(f"import cookie_inspector.{layer}.{name}\n" for name in modules)
        + f"print([m for m in sys.modules if m.startswith({forbidden!r})])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_linter_contracts_hold():
    root = PACKAGE.parent
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout
