"""Japanese and English: every string of the window has a finished translation, the shipped .qm files are those of
the .ts files, the Japanese window shows no English, the engine's messages the window shows are translated, and the
language is chosen by the command line, the remembered choice or the system."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListView,
    QMessageBox,
    QTreeView,
)

from cookie_inspector.core.errors import InspectorError
from cookie_inspector.core.frames.capture import open_capture_source
from cookie_inspector.core.frames.sources import SourceEnded, SourceWaiting
from cookie_inspector.core.judge.presence import Presence, PresenceState
from cookie_inspector.core.line import samples
from cookie_inspector.core.line.station import StationSetup, check_name, save_stations
from cookie_inspector.core.model.bundle import load_bundle
from cookie_inspector.core.resources import demo_model_dir
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.controller import LineController
from cookie_inspector.gui.fonts import window_texts
from cookie_inspector.gui.i18n import LANGUAGES, chosen_language, install_language
from cookie_inspector.gui.messages import engine_text, source_name, unknown_clauses
from cookie_inspector.gui.stations import StationDeck
from cookie_inspector.lines import open_source

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402 - packaging/translations.py, the maintainer's tool

NEUTRAL = re.compile(r"^[\d\s.,:;%x/()+\-–—·|#]*$")
"""Texts that need no translation: figures, units of punctuation."""
NAMES = re.compile(r"(fps|ms|x|OK|NG|English|demo_model|model-[\w-]+|[\w./-]+\.(png|mp4)|/[\w./-]+)")
"""Words that stay as they are: units, the verdict codes in figures, a language's own name, file names."""


@pytest.fixture
def japanese(qapp):
    assert install_language(qapp, "ja")
    yield
    install_language(qapp, "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_window_has_a_finished_translation(tmp_path, language):
    committed = translations.ts_path(language)
    fresh = tmp_path / committed.name
    shutil.copy(committed, fresh)
    translations.lupdate(language, fresh)  # what the code asks for now
    assert translations.unfinished(fresh) == [], f"run packaging/translations.py and translate {committed.name}"
    sources = {m.findtext("source") for m in _messages(committed)}
    assert sources == {m.findtext("source") for m in _messages(fresh)}, "run packaging/translations.py"


def _messages(ts: Path):
    import xml.etree.ElementTree as ET

    return list(ET.parse(ts).getroot().iter("message"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_qm_files_are_compiled_from_the_ts_files(tmp_path, language):
    qm = tmp_path / "out.qm"
    translations.lrelease(translations.ts_path(language), qm)
    assert qm.read_bytes() == translations.qm_path(language).read_bytes(), "run packaging/translations.py"


def test_the_japanese_window_shows_no_english(qtbot, tmp_path, japanese):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window("demo:4", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.controller.inspector is not None, timeout=60_000)
    qtbot.waitUntil(lambda: window.controller.parts >= 1, timeout=30_000)
    window.set_threshold_factor(1.5)  # the badge too
    window.samples_panel.progress_box.setVisible(True)
    qtbot.wait(600)
    english = []
    for where, text, _font in window_texts(window):
        rest = NAMES.sub("", text.replace("&", ""))
        if text and not NEUTRAL.match(rest) and not re.search(r"[^\x00-\x7f]", text):
            english.append((where, text))
    assert english == []
    assert window.panel.verdict_label.text() in ("良品", "要確認", "不良", "ワークなし")
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"
    window.close()
    qtbot.waitUntil(lambda: not window.controller.running, timeout=30_000)


def _training_station_removed() -> None:
    first, second = LineController(None, open_source("demo")), LineController(None, open_source("demo:2"))
    second.station = "side"
    deck = StationDeck(first)
    deck.stations.append(second)
    deck.busy = lambda station: station is second  # a model is being trained for it
    deck.remove(second)


def _engine_messages(tmp_path: Path) -> list[str]:
    """Messages the engine really gives the window: sources that fail, samples refused, training and checks."""
    messages = []
    broken_video = tmp_path / "broken.mp4"
    broken_video.write_bytes(b"\x00" * 4096)
    for text in ("7", str(broken_video)):
        source = open_capture_source(text)
        with pytest.raises(InspectorError) as failed:
            source.open()
        messages.append(f"{failed.value}; trying again in 8 s")
    for text in (str(tmp_path / "gone.mp4"), str(tmp_path / "no-such-folder"), "demo:x"):
        with pytest.raises(InspectorError) as failed:
            open_source(text)
        messages.append(str(failed.value))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InspectorError) as failed:
        open_source(str(tmp_path / "empty")).open()
    messages.append(str(failed.value))
    with pytest.raises(InspectorError) as failed:  # a remembered folder that is gone: waited for
        open_source(str(tmp_path / "unplugged"), wait=True).open()
    messages.append(f"{failed.value}; trying again in 4 s")
    (tmp_path / "one").mkdir()
    cv2.imwrite(str(tmp_path / "one" / "a.png"), np.zeros((8, 8, 3), np.uint8))
    folder = open_source(str(tmp_path / "one"), realtime=False)
    folder.open()
    folder.read()
    with pytest.raises(SourceEnded) as ended:
        folder.read()
    messages.append(str(ended.value))  # as the line says it
    judged = {("a.png", (tmp_path / "one" / "a.png").stat().st_size, (tmp_path / "one" / "a.png").stat().st_mtime_ns)}
    cv2.imwrite(str(tmp_path / "one" / "b.png"), np.zeros((8, 8, 3), np.uint8))
    for watch in (False, True):  # a folder that goes on after a restart, then one watched for new photos
        folder = open_source(str(tmp_path / "one"), realtime=False, watch=watch)
        folder.use_ledger(lambda _: judged)
        folder.open()
        if watch:
            folder.settle = 0.0
        with pytest.raises((SourceEnded, SourceWaiting)) as ended:
            while True:
                folder.read()
        messages.append(str(ended.value))
        judged.add(("b.png", (tmp_path / "one" / "b.png").stat().st_size,
                    (tmp_path / "one" / "b.png").stat().st_mtime_ns))  # fmt: skip
    folder = open_source(str(tmp_path / "one"), realtime=False)
    folder.use_ledger(lambda _: judged)
    folder.open()
    with pytest.raises(SourceEnded) as ended:
        folder.read()
    messages.append(str(ended.value))
    from cookie_inspector.core.line.products import ProductCatalog

    catalog = ProductCatalog(tmp_path / "products")
    catalog.add("タイル")
    for attempt in (lambda: catalog.add("タイル"), lambda: catalog.switch("bolts")):
        with pytest.raises(InspectorError) as failed:
            attempt()
        messages.append(str(failed.value))
    (tmp_path / "products" / "products.json").write_text("{ not json")
    with pytest.raises(InspectorError) as failed:
        ProductCatalog(tmp_path / "products")
    messages.append(str(failed.value))
    rng = np.random.default_rng(0)
    textured = cv2.GaussianBlur(rng.integers(60, 200, (300, 300, 3), dtype=np.uint8), (3, 3), 0)
    for image, presence in (
        (textured, Presence(PresenceState.EMPTY)),
        (textured, Presence(PresenceState.PARTIAL)),
        (textured, Presence(PresenceState.MOVING)),
        (np.full((300, 300, 3), 255, np.uint8), None),
        (np.full((300, 300, 3), 2, np.uint8), None),
        (np.full((300, 300, 3), 128, np.uint8), None),
    ):
        messages.append(samples.check(image, presence).reason)
    messages.append(samples.check(textured, None, [samples.signature(textured)]).reason)
    for folder in ("no-meta", "bad-json"):
        (tmp_path / folder).mkdir()
    (tmp_path / "bad-json" / "meta.json").write_text("{ not json")
    (tmp_path / "bad-json" / "model.keras").write_bytes(b"")
    (tmp_path / "half-model").mkdir()  # a valid meta.json beside a truncated model.keras
    shutil.copy(demo_model_dir() / "meta.json", tmp_path / "half-model" / "meta.json")
    (tmp_path / "half-model" / "model.keras").write_bytes((demo_model_dir() / "model.keras").read_bytes()[:5000])
    for folder in ("no-meta", "bad-json", "half-model"):
        with pytest.raises(InspectorError) as failed:
            load_bundle(tmp_path / folder)
        messages.append(str(failed.value))
    from cookie_inspector.core.line.records import InspectionLog
    from tests.core.line.test_records import _verdict

    for blocked in (False, True):  # the log's full-disk warnings, for real
        log = InspectionLog(tmp_path / f"log-{blocked}")
        if blocked:
            (log.folder / "ng").write_text("in the way")
        else:
            log.reserve = 2**62
        log.record(_verdict(3, 2.0), "demo")
        messages.append(log.take_warning())
        log.close()
    messages += [
        "a training is already running",
        "3 more good samples needed (100 in all)",
        "train a new model on 120 good samples; the line goes on meanwhile",
        "training cancelled; the active model is unchanged",
        "the new model was not activated: it alarms on 1 of 20 held-out good samples (5%); at most 2% is allowed; "
        "the old model stays",
        "new model model-20261202-101010 active after 64 s: 0 of 20 held-out good samples over the threshold (0%)",
        "the training process was stopped or crashed; the active model is unchanged",
    ]
    from cookie_inspector.core.errors import TrainingFailed, WriteError
    from cookie_inspector.core.model.training import TrainingSteps, check_not_collapsed

    flat = np.full((4, 24, 24, 3), 0.5, np.float32)
    with pytest.raises(TrainingFailed) as failed:  # what the trainer says of a training far too short
        check_not_collapsed(rng.random((4, 24, 24, 3)).astype(np.float32), flat, TrainingSteps(48, 5, 8, "pixel"))
    messages.append(str(failed.value))
    from cookie_inspector.core.model.bundle import save_bundle

    (tmp_path / "a-file").write_text("where the models folder should be")
    with pytest.raises(WriteError) as failed:
        save_bundle(load_bundle(demo_model_dir()).model, load_bundle(demo_model_dir()).meta, tmp_path / "a-file" / "m")
    messages.append(str(failed.value))
    from cookie_inspector.core.line.records import LineEvents

    noted: list[str] = []
    events = LineEvents(lambda _kind, detail: noted.append(detail))  # the report's table of threshold changes
    for state, using in (("calibrating", "conservative"), ("calibrated", "line")):
        events.calibration({"state": state, "using": using, "threshold": 0.01234, "parts": 1, "of": 200})
    messages += noted
    messages += ["http://127.0.0.1:8081/stream.mjpg: reconnected after 12 s without frames",
                 "reconnected after 12 s without frames"]  # fmt: skip
    from cookie_inspector.core.frames.preprocess import Roi
    from cookie_inspector.core.judge.inspector import Inspector

    colour_model = Inspector(load_bundle(demo_model_dir()), region="full")
    for warning in colour_model.input_warnings(np.full((20, 400), 128, np.uint8), None):  # grey, and long
        messages += [f"camera 0: {warning}", warning]  # the window shows it without the source's name too
    assert len(messages) >= 2 and "squashed" in messages[-1]
    wide = load_bundle(demo_model_dir())
    wide.meta["trained_on"] = {**wide.meta.get("trained_on", {}), "image_size": [400, 200]}  # trained on 2:1 photos
    colour_frame = np.dstack([np.full((300, 300), level, np.uint8) for level in (60, 120, 200)])
    shape_warnings = Inspector(wide).input_warnings(colour_frame, Roi(0, 0, 300, 300))
    assert len(shape_warnings) == 1 and "trained on pictures shaped 2.00:1" in shape_warnings[0]
    messages += [f"camera 0: {shape_warnings[0]}", shape_warnings[0]]
    messages += [
        "the new model was not activated: it alarms on 3 of 100 good samples scored out of fold (3%); at most 2% "
        "is allowed; the old model stays",
        "new model model-20261205-101010 active after 31 s: 0 of 100 good samples scored out of fold over the "
        "threshold (0%)",
        "the new model was not activated: the saved model does not score its samples as it did when trained (off by "
        "4.2% of its threshold): it is not the model that was calibrated; the old model stays",
    ]
    from cookie_inspector.core.model.choice import describe

    seen = {"caught": 63, "defects": 70, "smallest_caught_px": 41, "clear_caught": 35, "clear": 35}
    blind = {"caught": 18, "defects": 70, "smallest_caught_px": 63, "clear_caught": 14, "clear": 35}
    messages += [  # what the retrain says of what a new model can see (gui/retrain.py)
        f"new model model-20261207-101010 active after 19 s: 0 of 20 good samples scored out of fold over the "
        f"threshold (0%); {describe(seen)}",
        f"the new model was not activated: {describe(blind)}; the old model stays",
    ]
    return messages + _output_messages(tmp_path)


def _output_messages(tmp_path: Path) -> list[str]:
    """What the line outputs tell the window: a mistyped URL, an output that fails, what the outbox dropped."""
    from cookie_inspector.core.errors import OutputError
    from cookie_inspector.core.line.outputs import config
    from cookie_inspector.core.line.outputs.hub import LineOutputs
    from cookie_inspector.core.line.outputs.mqtt import MqttOutput
    from cookie_inspector.core.line.outputs.outbox import Dropped, Outbox, QueuedEvent
    from cookie_inspector.core.line.outputs.webhook import WebhookOutput
    from tests.services import free_port

    messages = []
    for mistake in (lambda: config.parse_mqtt_url("tcp://broker"), lambda: config.parse_mqtt_url("mqtt://b:99999"),
                    lambda: config.parse_mqtt_url("mqtt://"), lambda: config.parse_mqtt_url("mqtt://b/a/+"),
                    lambda: config.parse_mqtt_url("mqtt://b", ca_file=tmp_path / "ca.pem"),
                    lambda: config.parse_mqtt_url("mqtts://b", ca_file=tmp_path / "ca.pem"),
                    lambda: config.parse_opcua_url("tcp://plc"), lambda: config.parse_opcua_url("opc.tcp://p", "u"),
                    lambda: config.parse_webhook_url("ftp://mes"), lambda: config.OutboxBound(0, 1),
                    lambda: config.topic_level("hall/2"),
                    lambda: LineOutputs(config.outputs_config(webhook="http://mes/x"), None)):  # fmt: skip
        with pytest.raises(OutputError) as failed:
            mistake()
        messages.append(str(failed.value))
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    port = free_port()
    for fails in (lambda: MqttOutput(config.parse_mqtt_url(f"mqtt://127.0.0.1:{port}"), "l", outbox,
                                     config.OutboxBound()).connect(),
                  lambda: WebhookOutput(config.parse_webhook_url(f"http://127.0.0.1:{port}/x"), outbox,
                                        config.OutboxBound())._post(QueuedEvent(1, "e", "{}"))):  # fmt: skip
        with pytest.raises(OutputError) as failed:
            fails()
        messages.append(str(failed.value))
    outbox.close()
    for refused in (lambda: check_name("", []), lambda: check_name("side", ["Side"]),
                    lambda: save_stations(tmp_path / "one" / "a.png", [StationSetup("a", "0"), StationSetup("b", "1")]),
                    lambda: StationDeck(LineController(None, open_source("demo"))).remove(None),
                    lambda: _training_station_removed()):  # fmt: skip
        with pytest.raises(InspectorError) as failed:
            refused()
        messages.append(str(failed.value))
    messages += [
        "http://mes.local/hook answered HTTP 503 Service Unavailable",
        "the broker at 10.0.0.5:1883 refused the connection (Not authorized)",
        "the broker at 10.0.0.5:1883 did not answer within 10 s",
        "10.0.0.5:1883: the connection was lost",
        "10.0.0.5:1883: no PUBACK within 10 s",
        "cannot listen on opc.tcp://0.0.0.0:4840 (address already in use)",
        "the output is closing",
        Dropped("mqtt", 12, "l:r:1", "l:r:12", "the bound of 100 MB was reached").message(),
        Dropped("webhook", 3, "l:r:1", "l:r:3", "events older than 7 days").message(),
    ]
    return messages


def test_the_engines_messages_are_said_in_japanese(tmp_path, japanese):
    messages = _engine_messages(tmp_path)
    assert all(messages) and len(messages) >= 20
    unknown = {message: unknown_clauses(message) for message in messages if unknown_clauses(message)}
    assert unknown == {}
    for message in messages:
        assert re.search(r"[^\x00-\x7f]", engine_text(message)), message
    assert engine_text("camera 7: the camera cannot be opened; trying again in 8 s") == (
        "カメラ 7: カメラを開けません、8 秒後に再接続します"
    )
    assert engine_text("folder /data/tiles: not there (is the drive or share connected?)").startswith(
        "フォルダ /data/tiles: "
    )  # the source's own name in Japanese; its path as it is
    assert source_name("demo line (seed 4, 640x480 at 15 fps)") == "デモライン（シード 4、640x480、15 fps）"
    assert source_name("rtsp://10.0.0.5/line") == "rtsp://10.0.0.5/line"
    assert engine_text("an error nobody foresaw") == "an error nobody foresaw"  # kept, not lost
    assert (
        engine_text("folder /data/b: no more frames") == "フォルダ /data/b: すべての画像を判定しました"
    )  # not a video, and the folder named in Japanese


def test_in_english_the_engines_messages_are_its_own_words(tmp_path):
    for message in _engine_messages(tmp_path):
        assert engine_text(message) == message


def test_the_language_comes_from_the_command_line_then_the_remembered_choice_then_the_system(tmp_path, qtbot,
                                                                                             monkeypatch):  # fmt: skip
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr("cookie_inspector.gui.i18n.system_language", lambda: "en")
    assert chosen_language(settings) == "en"
    assert chosen_language(settings, "ja") == "ja"
    window = build_window("demo:4", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)  # no restart now
    window.language_actions["ja"].trigger()  # View > Language > 日本語
    assert settings.value("view/language") == "ja" and window.language_actions["ja"].isChecked()
    assert chosen_language(settings) == "ja" and chosen_language(settings, "en") == "en"
    window.language_actions[""].trigger()  # back to the system's
    assert chosen_language(settings) == "en"
    window.controller.stop()
    qtbot.waitUntil(lambda: not window.controller.running, timeout=30_000)


def test_the_command_line_offers_the_languages():
    out = subprocess.run([sys.executable, "-m", "cookie_inspector", "--language", "fr"], capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert out.returncode == 2 and "invalid choice: 'fr'" in out.stderr and "'ja'" in out.stderr


def test_importing_the_window_does_not_import_tensorflow():
    """The window opens before TensorFlow is even imported: the model loads in the background."""
    code = "import sys, cookie_inspector.gui.app; print('tensorflow' in sys.modules, 'keras' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_app_installs_its_translation_for_each_language(qapp):
    assert install_language(qapp, "ja") and QApplication.translate("Verdict", "NG") == "不良"
    assert install_language(qapp, "en") and QApplication.translate("Verdict", "NG") == "NG"  # replaces Japanese


def test_a_translation_replaced_while_the_window_runs_leaves_its_words_alone(qapp, tmp_path, monkeypatch):
    """An update installed (or a translation compiled again) while the window runs: the words stay (Qt mapped the
    file it loaded, and lost them or stopped the app)."""
    from cookie_inspector.core.resources import translation_file
    from cookie_inspector.gui import i18n

    copy = tmp_path / "cookie_inspector_ja.qm"
    copy.write_bytes(translation_file("ja").read_bytes())
    monkeypatch.setattr(i18n, "translation_file", lambda language: copy)
    assert install_language(qapp, "ja") and QApplication.translate("Verdict", "NG") == "不良"
    copy.write_bytes(b"\0" * 16)  # replaced in place
    assert QApplication.translate("Verdict", "NG") == "不良"
    monkeypatch.undo()
    assert install_language(qapp, "en")


def test_the_file_dialog_speaks_japanese_where_qts_own_translation_is_silent(qtbot, tmp_path, japanese):
    """Qt's Japanese lacks the file dialog's "&Look in:", "Files of &type:" and the list's "Folder": ours fills
    them, Qt's own does the rest."""
    (tmp_path / "photos").mkdir()
    dialog = QFileDialog(None, "", str(tmp_path), "Images (*.png)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog every platform without one gets
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and all(re.search(r"[^\x00-\x7f]", text) for text in labels), labels
    assert "場所(&L):" in labels and "ファイルの種類(&T):" in labels
    tree = dialog.findChild(QTreeView)
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 1, timeout=10_000)
    assert tree.model().data(tree.model().index(0, 2, tree.rootIndex())) == "フォルダ"
    # its sidebar says its places whole ("コンピューター", not "コンピ..."), as the window's dialogs widen it
    from cookie_inspector.gui.file_dialogs import SIDEBAR_ROOM, fit_sidebar

    sidebar = dialog.findChild(QListView, "sidebar")
    places = [str(sidebar.model().index(row, 0).data()) for row in range(sidebar.model().rowCount())]
    widest = max(sidebar.fontMetrics().horizontalAdvance(place) for place in places)
    assert any("コンピュータ" in place for place in places)
    assert fit_sidebar(dialog) >= widest + sidebar.iconSize().width() + SIDEBAR_ROOM // 2
    qtbot.waitUntil(lambda: sidebar.viewport().width() >= widest + sidebar.iconSize().width(), timeout=3000)


def test_the_shipped_qt_gaps_are_compiled_from_their_ts_files(tmp_path):
    found = translations.gaps()
    assert [ts.name for ts in found] == ["qt_gaps_ja.ts"]
    for ts in found:
        qm = tmp_path / "out.qm"
        translations.lrelease(ts, qm)
        assert qm.read_bytes() == ts.with_suffix(".qm").read_bytes(), "run packaging/translations.py"


def test_a_score_below_the_threshold_never_reads_as_the_threshold():
    from cookie_inspector.gui.messages import shown_ratio

    assert f"{shown_ratio(0.999):.2f}" == "0.99" and f"{shown_ratio(0.8):.2f}" == "0.80"  # a WARN part
    assert f"{shown_ratio(1.0):.2f}" == "1.00" and f"{shown_ratio(1.456):.2f}" == "1.46"  # NG parts as they are
