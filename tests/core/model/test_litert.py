"""A feature model exported for LiteRT scores as the Keras model does, on demo-line cookies and on real photographs;
a bundle without an export, or with a stale or damaged one, still runs with TensorFlow."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from skimage import data as skimage_data  # a test extra: real photographs (a cup of coffee, a cat, rocket, ...)

from cookie_inspector.cli import EXIT_MODEL, EXIT_NG, EXIT_OK, main
from cookie_inspector.core.errors import BundleError
from cookie_inspector.core.judge.inspector import Inspector
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.model.litert import INFO_FILE, LITERT_FILE, exported, litert_available
from cookie_inspector.synth.line import DemoLine


@pytest.fixture(scope="module")
def exported_bundle(feature_bundle_dir: Path) -> Path:
    """The session's real default model: training saved it with its LiteRT export."""
    return feature_bundle_dir


@pytest.fixture(scope="module")
def older_bundle(feature_bundle_dir: Path, tmp_path_factory) -> Path:
    """The same model as an older release saved it: no LiteRT export."""
    folder = Path(shutil.copytree(feature_bundle_dir, tmp_path_factory.mktemp("litert") / "older"))
    (folder / LITERT_FILE).unlink()
    (folder / INFO_FILE).unlink()
    return folder


def _frames() -> list[np.ndarray]:
    cookies = [DemoLine(seed=9, defect_rate=0.5).scene_at(i * 1.7)[0] for i in range(6)]
    photos = [np.ascontiguousarray(photo()[..., ::-1]) for photo in (skimage_data.coffee, skimage_data.chelsea,
                                                                     skimage_data.rocket)]  # fmt: skip
    return cookies + photos


def test_the_exported_model_scores_as_the_keras_model_on_cookies_and_real_photographs(exported_bundle: Path):
    assert litert_available() and exported(exported_bundle)
    bundle = load_bundle(exported_bundle)
    keras_run, litert_run = Inspector(bundle, runtime="tensorflow"), Inspector(bundle)
    assert (keras_run.runtime, litert_run.runtime) == ("tensorflow", "litert")  # the export is used by itself
    frames = _frames()
    expected, found = keras_run.inspect_batch(frames), litert_run.inspect_batch(frames)
    for want, got in zip(expected, found, strict=True):
        assert got.score == pytest.approx(want.score, rel=1e-3)
        assert got.verdict is want.verdict
        assert np.abs(got.error_map - want.error_map).max() <= 1e-3 * want.error_map.max()
    assert len({round(r.score, 4) for r in expected}) > 3  # the frames are not all alike: the test can tell


def test_an_older_bundle_runs_with_tensorflow_until_export_adds_the_same_model(
    exported_bundle: Path, older_bundle: Path, capsys
):
    assert main(["info", str(older_bundle)]) == EXIT_OK
    assert "runs with      TensorFlow (cookie-inspector export adds a LiteRT export)" in capsys.readouterr().out
    frames = _frames()[:4]
    before = Inspector(load_bundle(older_bundle))
    assert before.runtime == "tensorflow"
    expected = [r.score for r in before.inspect_batch(frames)]
    assert main(["export", str(older_bundle)]) == EXIT_OK
    assert main(["info", str(older_bundle)]) == EXIT_OK
    assert "runs with      LiteRT (model.tflite)" in capsys.readouterr().out
    after = Inspector(load_bundle(older_bundle))
    assert after.runtime == "litert"
    assert [r.score for r in after.inspect_batch(frames)] == pytest.approx(expected, rel=1e-3)


def test_the_gaussian_factor_is_stored_in_half_precision_and_read_exactly(exported_bundle: Path):
    """The factor, half precision in the Keras model, is half precision in the ``.tflite`` too (half the file), and
    the interpreter's values are the Keras model's, bit for bit."""
    from ai_edge_litert.interpreter import Interpreter

    from cookie_inspector.core.model.heads import PositionGaussian

    model = load_bundle(exported_bundle, runtime="tensorflow").keras_model()
    factor = next(layer for layer in model.layers if isinstance(layer, PositionGaussian)).factor.numpy()
    assert factor.dtype == np.float16
    interpreter = Interpreter(model_path=str(exported_bundle / LITERT_FILE))
    interpreter.allocate_tensors()
    stored = [d for d in interpreter.get_tensor_details() if tuple(d["shape"]) == factor.shape]
    half = [d for d in stored if d["dtype"] == np.float16]
    assert len(half) == 1 and np.array_equal(interpreter.get_tensor(half[0]["index"]), factor)
    assert (exported_bundle / LITERT_FILE).stat().st_size < (exported_bundle / "model.keras").stat().st_size * 1.2


def test_a_stale_or_damaged_export_is_never_run(exported_bundle: Path, tmp_path: Path):
    stale = Path(shutil.copytree(exported_bundle, tmp_path / "stale"))
    info = json.loads((stale / INFO_FILE).read_text())
    (stale / INFO_FILE).write_text(json.dumps({**info, "model_digest": "another model"}))
    bundle = load_bundle(stale)
    assert not exported(stale) and Inspector(bundle).runtime == "tensorflow"  # another model's export: not used
    with pytest.raises(BundleError, match="no LiteRT export"):
        Inspector(bundle, runtime="litert")
    damaged = Path(shutil.copytree(exported_bundle, tmp_path / "damaged"))
    (damaged / LITERT_FILE).write_bytes((damaged / LITERT_FILE).read_bytes()[:1000])
    inspector = Inspector(load_bundle(damaged))
    assert inspector.runtime == "tensorflow" and np.isfinite(inspector.inspect(_frames()[0]).score)


def test_a_pixel_network_exports_and_runs_with_tensorflow_where_it_is_installed(
    trained_bundle_dir: Path, tmp_path: Path, capsys
):
    """A pixel network converts as it is; TensorFlow runs it faster, so its export is for the line bundle (no
    TensorFlow) and for whoever asks for LiteRT."""
    folder = Path(shutil.copytree(trained_bundle_dir, tmp_path / "pixel"))
    assert main(["export", str(folder)]) == EXIT_OK
    assert exported(folder)
    assert main(["info", str(folder)]) == EXIT_OK
    assert "runs with      TensorFlow (faster here; its LiteRT export runs where TensorFlow" in capsys.readouterr().out
    keras_run = Inspector(load_bundle(folder))
    assert keras_run.runtime == "tensorflow"
    litert_run = Inspector(load_bundle(folder), runtime="litert")
    assert litert_run.runtime == "litert"
    frames = _frames()
    for want, got in zip(keras_run.inspect_batch(frames), litert_run.inspect_batch(frames), strict=True):
        assert got.score == pytest.approx(want.score, rel=1e-3) and got.verdict is want.verdict
        assert np.abs(got.reconstruction - want.reconstruction).max() <= 1e-4


def test_a_line_on_an_exported_model_never_imports_tensorflow(exported_bundle: Path, tmp_path: Path):
    """``run --headless`` on the exported model, in a fresh process: the parts are judged and neither TensorFlow nor
    Keras is ever imported (what makes the line start in a second or two)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from cookie_inspector.cli import main\n"
        f"code = main(['run', '--headless', '--fast', '--parts', '2', '--model', {str(exported_bundle)!r}, "
        f"'--data-dir', {str(tmp_path / 'data')!r}])\n"
        "print('modules', 'tensorflow' in sys.modules, 'keras' in sys.modules, 'exit', code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).parents[3])  # fmt: skip
    assert "modules False False exit" in done.stdout, done.stdout + done.stderr
    assert sum(line.startswith('{"part"') for line in done.stdout.splitlines()) == 2


def test_where_tensorflow_is_not_installed_exported_models_run_and_others_are_refused_plainly(
    exported_bundle: Path, trained_bundle_dir: Path, tmp_path: Path
):  # fmt: skip
    """The line bundle's case, in a fresh process whose TensorFlow and Keras cannot be imported: the exported
    feature model and an exported pixel network judge parts with LiteRT; a bundle without an export is refused with
    a message that says what to do, and nothing crashes."""
    import subprocess
    import sys

    pixel = Path(shutil.copytree(trained_bundle_dir, tmp_path / "pixel"))
    assert main(["export", str(pixel)]) == EXIT_OK
    older_bundle = Path(shutil.copytree(exported_bundle, tmp_path / "older"))
    (older_bundle / LITERT_FILE).unlink()
    script = (
        "import sys\n"
        "sys.modules['tensorflow'] = sys.modules['keras'] = None  # as if not installed: importing them fails\n"
        "from cookie_inspector.cli import main\n"
        "for model in sys.argv[1:]:\n"
        "    code = main(['run', '--headless', '--fast', '--parts', '2', '--no-log', '--model', model])\n"
        "    print('exit', code, flush=True)\n"
        f"print('train exit', main(['train', {str(tmp_path)!r}, '--out', {str(tmp_path / 'new')!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(exported_bundle), str(pixel), str(older_bundle)],
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).parents[3])  # fmt: skip
    exits = [line for line in done.stdout.splitlines() if line.startswith("exit")]
    assert exits[0] in (f"exit {EXIT_OK}", f"exit {EXIT_NG}") and exits[1] in (f"exit {EXIT_OK}", f"exit {EXIT_NG}")
    assert exits[2] == f"exit {EXIT_MODEL}", done.stdout + done.stderr
    assert sum(line.startswith('{"part"') for line in done.stdout.splitlines()) == 4
    assert "this model needs TensorFlow, which is not installed here" in done.stderr
    assert f"train exit {EXIT_MODEL}" in done.stdout  # training says it needs the full installation
    assert "inspects without TensorFlow, which training needs" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_window_on_the_shipped_model_judges_parts_without_importing_tensorflow(tmp_path: Path):
    """The window as the app builds it, in a fresh process (offscreen) on the demo line with the shipped model: it
    judges parts with LiteRT and TensorFlow is never imported (what makes its first verdict come in under 2 s)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from cookie_inspector.gui.app import build_window\n"
        f"data = {str(tmp_path)!r}\n"
        "settings = QSettings(data + '/settings.ini', QSettings.Format.IniFormat)\n"
        "window = build_window('demo', data_dir=data, settings=settings)\n"
        "judged = []\n"
        "def part(verdict):\n"
        "    judged.append(verdict)\n"
        "    if len(judged) == 2:\n"
        "        print('runtime', window.controller.inspector.runtime, 'tensorflow', 'tensorflow' in sys.modules,\n"
        "              'keras', 'keras' in sys.modules, flush=True)\n"
        "        window.close(); app.quit()\n"
        "window.controller.partJudged.connect(part)\n"
        "window.show(); window.start()\n"
        "QTimer.singleShot(60000, app.quit)\n"
        "app.exec()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env,
                          cwd=Path(__file__).parents[3])  # fmt: skip
    assert "runtime litert tensorflow False keras False" in done.stdout, done.stdout + done.stderr[-3000:]
