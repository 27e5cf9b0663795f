"""The OPC UA server read by a real asyncua client: the counts and the last verdict follow the parts, the alarm
stays until AcknowledgeAlarm, and a configured user is the only one who may call it."""

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import pytest
from asyncua import Client, ua

from cookie_inspector.core.line.outputs.config import outputs_config
from cookie_inspector.core.line.outputs.hub import LineOutputs
from cookie_inspector.core.line.outputs.opcua import NAMESPACE, OBJECT
from cookie_inspector.core.line.outputs.outbox import Outbox
from cookie_inspector.core.line.records import InspectionLog
from tests.core.line.outputs.test_mqtt import Line
from tests.core.line.test_records import _verdict
from tests.services import free_port, wait_for


async def _read(url: str, names: list[str], user: str | None = None, password: str | None = None,
                call: bool = False) -> dict:  # fmt: skip
    client = Client(url, timeout=10)
    if user:
        client.set_user(user)
        client.set_password(password)
    async with client:
        index = await client.get_namespace_index(NAMESPACE)
        obj = client.get_node(ua.NodeId(OBJECT, index))
        values = {name: await client.get_node(ua.NodeId(f"{OBJECT}.{name}", index)).read_value() for name in names}
        if call:
            values["returned"] = await obj.call_method(ua.QualifiedName("AcknowledgeAlarm", index))
            values["Alarm after"] = await client.get_node(ua.NodeId(f"{OBJECT}.Alarm", index)).read_value()
        return values


def _line(tmp_path: Path, **config) -> tuple[Line, str, list[int]]:
    acknowledged = []
    url = f"opc.tcp://127.0.0.1:{free_port()}"
    line = Line(tmp_path / "data", opcua=url, **config)
    line.outputs.on_acknowledge = lambda: acknowledged.append(1)
    assert line.outputs.opcua.wait_ready().state == "connected"
    return line, url, acknowledged


def test_a_client_reads_the_line_and_acknowledges_the_alarm(tmp_path: Path):
    line, url, acknowledged = _line(tmp_path)
    line.outputs.model("cookies-v3", swapped=False)
    line.outputs.line_state("running")
    line.parts(5, ng_every=4)
    names = ["PartCount", "NgCount", "LastVerdict", "LastScore", "Alarm", "Running", "ModelName", "LastEventId",
             "LineName"]  # fmt: skip
    assert wait_for(lambda: asyncio.run(_read(url, ["PartCount"]))["PartCount"] == 5, 20, 0.2)
    values = asyncio.run(_read(url, names, call=True))
    assert values["NgCount"] == 1 and values["LastVerdict"] == "OK" and values["LastScore"] == pytest.approx(0.3)
    assert values["Alarm"] is True and values["Running"] is True and values["ModelName"] == "cookies-v3"
    assert values["LastEventId"] == line.ids[-1] and values["LineName"] == "line-1"
    assert values["returned"] is True and values["Alarm after"] is False and acknowledged == [1]
    line.outputs.alarm(True)  # a new NG part: the alarm is up again until the next acknowledgement
    assert wait_for(lambda: asyncio.run(_read(url, ["Alarm"]))["Alarm"] is True, 10, 0.2)
    line.close()


def test_while_a_new_product_is_taught_the_old_models_ng_raises_no_alarm_outside(tmp_path: Path):
    """The active model knows another product: a PLC must not reject the new product's parts on its word. OPC UA
    names the product taught and keeps Alarm down; each event says "teaching"; the status says it."""
    line, url, _ = _line(tmp_path, webhook="http://127.0.0.1:9/never")  # an outbox to read the events from
    line.outputs.line_state("running")
    line.outputs.teaching("tile B")
    line.parts(4, ng_every=1, teaching=True)
    assert wait_for(lambda: asyncio.run(_read(url, ["PartCount"]))["PartCount"] == 4, 20, 0.2)
    values = asyncio.run(_read(url, ["NgCount", "LastVerdict", "Alarm", "Teaching"]))
    assert values == {"NgCount": 4, "LastVerdict": "NG", "Alarm": False, "Teaching": "tile B"}
    events = [json.loads(e.payload) for e in Outbox(line.log.path).pending("webhook")]
    assert [e["teaching"] for e in events] == [True] * 4 and all(e["verdict"] == "NG" for e in events)
    assert line.outputs._state["teaching"] == "tile B"  # the status topic's payload
    line.outputs.teaching("")  # its own model is active: NG parts are alarms again
    line.parts(1, ng_every=1)
    assert wait_for(lambda: asyncio.run(_read(url, ["Alarm", "Teaching"])) == {"Alarm": True, "Teaching": ""}, 20,
                    0.2)  # fmt: skip
    assert "teaching" not in json.loads(Outbox(line.log.path).pending("webhook")[-1].payload)
    line.close()


def test_with_a_user_only_that_user_may_acknowledge(tmp_path: Path):
    line, url, acknowledged = _line(tmp_path, opcua_user="engineer", opcua_password="s3cret")
    line.parts(1, ng_every=1)
    assert wait_for(lambda: asyncio.run(_read(url, ["Alarm"]))["Alarm"] is True, 20, 0.2)  # anyone may read
    with pytest.raises(ua.UaStatusCodeError, match="BadUserAccessDenied"):
        asyncio.run(_read(url, ["Alarm"], call=True))
    with pytest.raises(ua.UaStatusCodeError):
        asyncio.run(_read(url, ["Alarm"], user="engineer", password="wrong"))
    assert acknowledged == []
    values = asyncio.run(_read(url, ["Alarm"], user="engineer", password="s3cret", call=True))
    assert values["Alarm after"] is False and acknowledged == [1]
    line.close()


def test_a_port_in_use_is_said_and_the_line_goes_on(tmp_path: Path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = Line(tmp_path / "data", opcua=f"opc.tcp://127.0.0.1:{port}")
        status = line.outputs.opcua.wait_ready()
        assert status.state == "failing" and "cannot listen" in status.detail and str(port) in status.detail
        line.parts(2)  # the parts are judged and logged all the same
        assert len(line.log.recent()) == 2
        line.close()


async def _read_station(url: str, station: str, names: list[str], call: bool = False) -> dict:
    client = Client(url, timeout=10)
    async with client:
        index = await client.get_namespace_index(NAMESPACE)
        own = f"{OBJECT}.{station}"
        values = {name: await client.get_node(ua.NodeId(f"{own}.{name}", index)).read_value() for name in names}
        if call:
            values["returned"] = await client.get_node(ua.NodeId(own, index)).call_method(
                ua.QualifiedName("AcknowledgeAlarm", index)
            )
        return values


def test_stations_share_one_server_each_its_own_object_and_alarm(tmp_path: Path):
    url = f"opc.tcp://127.0.0.1:{free_port()}"
    acknowledged: list[str] = []
    lines = {}
    for name in ("top", "side"):
        log = InspectionLog(tmp_path / "data", station=name)
        outputs = LineOutputs(replace(outputs_config(line="line-1", opcua=url), station=name), log,
                              on_acknowledge=lambda name=name: acknowledged.append(name))  # fmt: skip
        outputs.start()
        assert outputs.opcua.wait_ready().state == "connected"  # the second joins the first's server
        lines[name] = (log, outputs)
    for name, count, ng in (("top", 3, 0), ("side", 2, 2)):
        log, outputs = lines[name]
        for number in range(1, count + 1):
            verdict = _verdict(number, 1.5 if ng else 0.3)
            outputs.part(verdict, log.record(verdict, name))
    assert wait_for(lambda: asyncio.run(_read_station(url, "side", ["PartCount"]))["PartCount"] == 2, 20, 0.2)
    top = asyncio.run(_read_station(url, "top", ["PartCount", "NgCount", "Alarm", "LineName"]))
    assert top == {"PartCount": 3, "NgCount": 0, "Alarm": False, "LineName": "line-1"}
    side = asyncio.run(_read_station(url, "side", ["NgCount", "Alarm"], call=True))
    assert side["NgCount"] == 2 and side["Alarm"] is True and side["returned"] is True
    assert acknowledged == ["side"]  # the side's alarm only: the top station's operator is not told
    lines["top"][1].close()  # one station leaves: the other is still served
    assert asyncio.run(_read_station(url, "side", ["PartCount"]))["PartCount"] == 2
    lines["side"][1].close()
    for log, _ in lines.values():
        log.close()
    again = LineOutputs(outputs_config(line="line-1", opcua=url), None)  # the port is free again
    again.start()
    assert again.opcua.wait_ready().state == "connected"
    again.close()
