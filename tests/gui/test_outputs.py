"""The window's line outputs: the dialog (remembered, passwords never saved, a mistyped URL refused), the status
label, the events of the window's parts at a real broker and webhook, and an alarm acknowledged over OPC UA."""

import asyncio
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from cookie_inspector.core.line.outputs.config import outputs_config
from cookie_inspector.core.line.records import InspectionLog
from cookie_inspector.gui.app import build_window
from cookie_inspector.gui.controller import LineController
from cookie_inspector.synth.line import DemoLine
from cookie_inspector.synth.parts import DefectMix
from tests.core.line.outputs.test_opcua import _read
from tests.gui.test_main_window import _close, _open
from tests.services import Subscriber, free_port, wait_for


def _ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_dialog_turns_outputs_on_and_remembers_them_but_not_the_passwords(qtbot, tmp_path: Path, settings,
                                                                              inspector, broker,
                                                                              webhook_receiver):  # fmt: skip
    controller = LineController(inspector, DemoLine(seed=3), log=InspectionLog(tmp_path / "data"))
    window = _open(qtbot, controller, settings)
    dialog = window.outputs_dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.edits["mqtt"].setText("tcp://127.0.0.1:1883")  # mistyped: refused, the dialog stays open
    _ok(dialog)
    assert dialog.isVisible() and "mqtt://HOST:PORT" in dialog.error.text()
    dialog.edits["line"].setText("hall-2")
    dialog.edits["mqtt"].setText(broker.url)
    dialog.edits["mqtt_password"].setText("not-on-disk")
    qtbot.keyClicks(dialog.edits["webhook"], webhook_receiver.url)
    subscriber = Subscriber(broker)
    _ok(dialog)
    assert not dialog.isVisible()
    assert controller.outputs_config.line == "hall-2" and controller.outputs_config.webhook is not None
    settings.sync()
    assert settings.value("outputs/mqtt") == broker.url and settings.value("outputs/webhook") == webhook_receiver.url
    assert "not-on-disk" not in Path(settings.fileName()).read_text()
    qtbot.waitUntil(lambda: len(webhook_receiver.received) >= 2, timeout=40_000)
    qtbot.waitUntil(lambda: len(subscriber.events()) >= 2, timeout=10_000)
    assert subscriber.events()[0]["event_id"].startswith("hall-2:" + controller.run_id)
    qtbot.waitUntil(lambda: "MQTT \u2713" in window.outputs_label.text(), timeout=5000)
    assert "webhook \u2713" in window.outputs_label.text()
    assert "MQTT: connected" in window.outputs_label.toolTip() and broker.url[7:] in window.outputs_label.toolTip()
    again = window.outputs_dialog()  # opens with what was set, the password of this session included
    assert again.edits["mqtt"].text() == broker.url and again.edits["mqtt_password"].text() == "not-on-disk"
    again.reject()
    _close(window)
    assert wait_for(lambda: subscriber.events("status")[-1]["state"] == "stopped")
    subscriber.close()


def test_remembered_outputs_start_with_the_window(qtbot, tmp_path: Path, settings, webhook_receiver):
    settings.setValue("outputs/webhook", webhook_receiver.url)
    settings.setValue("outputs/line", "hall-3")
    window = build_window("demo:2", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: len(webhook_receiver.received) >= 1, timeout=90_000)
    assert webhook_receiver.received[0]["line"] == "hall-3" and webhook_receiver.received[0]["part"] == 1
    _close(window)


def test_an_alarm_acknowledged_over_opcua_clears_in_the_window_and_says_so(qtbot, tmp_path: Path, settings,
                                                                           inspector):  # fmt: skip
    line = DemoLine(seed=8, defect_rate=1.0, mix=DefectMix({"burnt": 1}, severity=(1.0, 1.0)))
    controller = LineController(inspector, line, log=InspectionLog(tmp_path / "data"))
    url = f"opc.tcp://127.0.0.1:{free_port()}"
    controller.set_outputs(outputs_config(opcua=url))
    window = _open(qtbot, controller, settings)
    qtbot.waitUntil(lambda: "OPC UA \u2713" in window.outputs_label.text(), timeout=30_000)
    with qtbot.waitSignal(controller.alarmRaised, timeout=20_000):
        pass
    assert window.panel.alarm_on
    with qtbot.waitSignal(controller.alarmCleared, timeout=10_000):
        values = asyncio.run(_read(url, ["NgCount"], call=True))
    assert values["returned"] is True and values["NgCount"] >= 1
    assert not window.panel.alarm_on and controller.alarm is None
    assert window.panel.note_label.isVisible()
    assert "Alarm acknowledged remotely (OPC UA) at" in window.panel.note_label.text()
    db = sqlite3.connect(tmp_path / "data" / "inspections.sqlite3")
    hows = {how.split(" ", 1)[1] for (how,) in db.execute(
        "SELECT acknowledged FROM parts WHERE verdict = 'NG' AND acknowledged IS NOT NULL")}  # fmt: skip
    db.close()
    assert hows == {"OPC UA"}  # the log keeps who dealt with the alarm, for the shift report
    with qtbot.waitSignal(controller.alarmRaised, timeout=20_000):  # the next NG part: the alarm again, on OPC UA too
        pass
    assert asyncio.run(_read(url, ["Alarm"]))["Alarm"] is True
    controller.pause()  # no next NG part to raise it again while the button's effect is read
    qtbot.mouseClick(window.panel.ack_button, Qt.MouseButton.LeftButton)  # the window's button clears it there too
    qtbot.waitUntil(lambda: asyncio.run(_read(url, ["Alarm"]))["Alarm"] is False, timeout=10_000)
    _close(window)


def test_every_station_of_the_window_sends_its_own_events_named_by_it(qtbot, tmp_path: Path, settings,
                                                                      webhook_receiver):  # fmt: skip
    settings.setValue("outputs/webhook", webhook_receiver.url)
    settings.setValue("outputs/line", "hall-4")
    window = build_window("demo:2", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    window.stations.add("side", "demo:5", "", first_name="top")  # the station added gets the line's outputs too
    qtbot.waitUntil(lambda: [e.get("station") for e in webhook_receiver.received].count("side") >= 2,
                    timeout=90_000)  # fmt: skip
    named = [e for e in webhook_receiver.received if "station" in e]
    assert all(e["line"] == "hall-4" for e in named) and {e["station"] for e in named} == {"top", "side"}
    assert [e["part"] for e in named if e["station"] == "side"][:2] == [1, 2]  # its own part numbers
    assert window.stations.by_name("side").outputs_config.station == "side"
    _close(window)


def test_what_the_line_had_queued_is_sent_after_it_is_named_a_station(qtbot, tmp_path: Path, settings,
                                                                      webhook_receiver):  # fmt: skip
    from cookie_inspector.core.line.outputs.outbox import Outbox

    settings.setValue("outputs/webhook", webhook_receiver.url)
    webhook_receiver.fail_with = 503  # the MES is down: the events wait in the outbox
    window = build_window("demo:2", data_dir=tmp_path / "data", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    outbox = Outbox(tmp_path / "data" / "inspections.sqlite3")
    qtbot.waitUntil(lambda: outbox.count("webhook") >= 2, timeout=90_000)
    window.stations.add("side", "demo:5", "", first_name="top")  # the line's one station is named "top"
    qtbot.waitUntil(lambda: outbox.count("webhook") == 0 and outbox.count("webhook@top") >= 2, timeout=20_000)
    webhook_receiver.fail_with = None
    qtbot.waitUntil(lambda: sum("station" not in e for e in webhook_receiver.received) >= 2, timeout=60_000)
    queued_unnamed = [e["part"] for e in webhook_receiver.received if "station" not in e]
    assert queued_unnamed[:2] == [1, 2]  # sent by the station it became, in order
    outbox.close()
    _close(window)
