"""The shipped resources: found from this checkout, overridable, and the demo model works on fresh cookies."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cookie_inspector.core import resources
from cookie_inspector.core.errors import BundleError
from cookie_inspector.core.judge.evaluation import evaluate
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.synth.dataset import write_dataset
from cookie_inspector.synth.parts import DefectMix


def test_the_demo_model_is_found_and_is_a_default_bundle_of_bounded_size():
    from cookie_inspector.core.model.architectures import DEFAULT_ARCHITECTURE

    folder = resources.demo_model_dir()
    assert folder.name == "demo_model"
    bundle = load_bundle(folder)
    # the shipped model is the default's choice for the demo cookies, made from their good samples as for any product
    assert bundle.meta["architecture"] == DEFAULT_ARCHITECTURE and bundle.family == "features"
    assert bundle.meta["training"]["choice"]["chosen"] == bundle.meta["training"]["choice"]["estimate"]["name"]
    assert bundle.meta["input_shape"] == [300, 300, 3]
    # the backbone and the chosen heads travel inside the bundle (and in its LiteRT export, which runs it)
    assert (folder / "model.keras").stat().st_size <= 32 * 1024 * 1024
    assert (folder / "model.tflite").stat().st_size <= 32 * 1024 * 1024
    assert Inspector(bundle).runtime == "litert" and bundle.model is None  # the line runs it without TensorFlow


def test_the_environment_variable_points_elsewhere(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(resources.ENV_VAR, str(tmp_path))
    assert resources.resources_dir() == tmp_path
    assert resources.app_icon() is None and resources.alarm_sound() is None  # the window then goes without
    assert resources.japanese_font() is None  # and draws with the system's fonts alone
    with pytest.raises(BundleError, match="demo model is missing"):
        resources.demo_model_dir()


def test_the_demo_model_tells_defects_from_good_cookies_it_never_saw(tmp_path: Path):
    """A small set from a station the model was not trained on (it saw seeds 101-130), obvious defects of every
    kind."""
    write_dataset(tmp_path / "fresh", seed=5, train=0, test_good=12, test_defect=10, mix=DefectMix(severity=(0.6, 1.0)))
    inspector = Inspector(load_bundle(resources.demo_model_dir()), region="full")
    results = evaluate(inspector, tmp_path / "fresh")
    assert results["image_auroc"] >= 0.95
    # the memory's red lies on the defect, with a faint glow along some belt edges that counts against it here
    assert results["pixel_auroc"] >= 0.85
    assert results["false_alarm_rate"] <= 1 / 12


def test_the_demo_model_finds_faint_cracks_and_specks_on_cookies_of_an_unseen_station(tmp_path: Path):
    """Hairline cracks (severity 0.2-0.35, one or two pixels wide at 300 x 300) and small foreign flakes against
    good cookies of an unseen station: found at the model's own threshold, with the heatmap on them."""
    mix = DefectMix({"crack": 1.0, "foreign": 1.0}, severity=(0.2, 0.5))
    write_dataset(tmp_path / "faint", seed=13, train=0, test_good=16, test_defect=12, mix=mix)
    inspector = Inspector(load_bundle(resources.demo_model_dir()), region="full")
    results = evaluate(inspector, tmp_path / "faint")
    assert results["image_auroc"] >= 0.9
    assert results["pixel_auroc"] >= 0.95
    assert results["detection_rate"] >= 0.6
    assert results["false_alarm_rate"] <= 1 / 16


ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_reads_the_top_level_resources_folder(monkeypatch):
    monkeypatch.delenv(resources.ENV_VAR, raising=False)
    assert resources.resources_dir() == ROOT / "resources"
    assert resources.demo_model_dir() == ROOT / "resources" / "demo_model"
    assert resources.app_icon() == ROOT / "resources" / "icons" / "cookie-inspector.png"
    assert resources.alarm_sound() == ROOT / "resources" / "sounds" / "alarm.wav"
    assert resources.japanese_font() == ROOT / "resources" / "fonts" / "ipaexg.ttf"


def test_a_bundle_reads_the_resources_unpacked_beside_the_program_first(tmp_path: Path, monkeypatch):
    """PyInstaller sets sys._MEIPASS to the folder holding the bundle's data (packaging/cookie_inspector.spec puts
    resources/ there); that copy wins over any other the package could see."""
    shutil.copytree(ROOT / "resources", tmp_path / "resources")
    monkeypatch.delenv(resources.ENV_VAR, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.app_icon() == tmp_path / "resources" / "icons" / "cookie-inspector.png"
    assert load_bundle(resources.demo_model_dir()).family == "features"


def test_an_installed_wheel_carries_the_resources_and_finds_them(tmp_path: Path):
    """Build the wheel from this checkout, install it into a bare folder and ask that copy where its resources are,
    from a process that cannot see the checkout."""
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheel"), str(ROOT)],
                   check=True, cwd=tmp_path)  # fmt: skip
    (wheel,) = (tmp_path / "wheel").glob("cookie_inspector-*.whl")
    site = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True, cwd=tmp_path)
    script = (
        "import json, cookie_inspector\n"
        "from cookie_inspector.core import resources as r\n"
        "print(json.dumps([cookie_inspector.__file__, str(r.resources_dir()), str(r.demo_model_dir()),"
        " str(r.app_icon()), str(r.alarm_sound()), str(r.translation_file('ja')), str(r.japanese_font())]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != resources.ENV_VAR} | {"PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True)  # fmt: skip
    package, folder, demo, icon, sound, ja, font = (Path(p) for p in json.loads(done.stdout.splitlines()[-1]))
    assert package == site / "cookie_inspector" / "__init__.py"
    assert folder == site / "cookie_inspector" / "resources"
    assert demo == folder / "demo_model" and (demo / "meta.json").is_file() and (demo / "model.keras").is_file()
    assert icon == folder / "icons" / "cookie-inspector.png" and sound == folder / "sounds" / "alarm.wav"
    assert ja == folder / "translations" / "cookie_inspector_ja.qm" and ja.stat().st_size > 1000
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "cookie-inspector.png").read_bytes()
    # the Japanese font travels whole, with its licence beside it
    assert font == folder / "fonts" / "ipaexg.ttf"
    assert font.read_bytes() == (ROOT / "resources" / "fonts" / "ipaexg.ttf").read_bytes()
    assert (folder / "fonts" / "IPA_Font_License_Agreement_v1.0.txt").is_file()
