"""MQTT against a real mosquitto: every part's event arrives, in order, through a broker that is down at the start,
stopped and started again mid-run, or that wants a password; the status is retained and the last will says when
the app went away."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from cookie_inspector.core.line.outputs.config import outputs_config
from cookie_inspector.core.line.outputs.hub import LineOutputs
from cookie_inspector.core.line.records import InspectionLog
from tests.core.line.test_records import _verdict
from tests.services import Broker, Subscriber, free_port, needs_mosquitto, wait_for

ROOT = Path(__file__).parents[4]


class Line:
    """A real inspection log with the outputs on, fed with parts as the live line feeds them."""

    def __init__(self, folder: Path, **config) -> None:
        self.log = InspectionLog(folder)
        self.changes, self.warnings = [], []
        self.outputs = LineOutputs(outputs_config(line="line-1", **config), self.log,
                                   on_change=self.changes.append, on_warning=self.warnings.append)  # fmt: skip
        self.outputs.start()
        self.ids: list[str] = []
        self.count = 0

    def parts(self, n: int, ng_every: int = 0, teaching: bool = False) -> None:
        for _ in range(n):
            self.count += 1
            verdict = _verdict(self.count, 1.5 if ng_every and self.count % ng_every == 0 else 0.3)
            record = self.log.record(verdict, "camera 0", teaching=teaching)
            self.outputs.part(verdict, record)
            self.ids.append(f"line-1:{self.log.run}:{record.id}")

    def state(self, name: str) -> str:
        return next(s.state for s in self.outputs.statuses() if s.name == name)

    def close(self) -> None:
        self.outputs.close()
        self.log.close()


def _arrived_once_in_order(subscriber: Subscriber, ids: list[str]) -> bool:
    """Every id arrived; repeats (after a lost PUBACK) carry the same id and body; first arrivals keep the order."""
    events = subscriber.events()
    first_seen = list(dict.fromkeys(e["event_id"] for e in events))
    bodies = {}
    for event in events:
        assert bodies.setdefault(event["event_id"], event) == event, "one event id, two different events"
    return first_seen == ids


def test_every_part_arrives_with_its_fields_and_the_status_is_retained(tmp_path: Path, broker: Broker):
    subscriber = Subscriber(broker)
    line = Line(tmp_path / "data", mqtt=broker.url)
    line.outputs.model("cookies-v3", swapped=False)
    line.outputs.line_state("running", source="camera 0")
    line.parts(6, ng_every=3)
    assert wait_for(lambda: len(subscriber.events()) == 6)
    events = subscriber.events()
    assert [e["event_id"] for e in events] == line.ids
    ng = events[2]
    assert ng["verdict"] == "NG" and Path(ng["images"]["overlay"]).is_file() and ng["run"] == line.log.run
    assert {"part", "time", "score", "normalized_score", "threshold", "model", "source"} <= set(ng)
    assert subscriber.messages[0][0] == "cookie-inspector/line-1/status"
    assert wait_for(lambda: subscriber.events("status")[-1].get("model") == "cookies-v3")
    line.close()
    assert wait_for(lambda: subscriber.events("status")[-1]["state"] == "stopped")
    subscriber.close()
    late = Subscriber(broker, client_id="late")  # subscribes after the fact: the retained status is there
    assert wait_for(lambda: late.events("status"))
    assert late.events("status")[-1]["state"] == "stopped" and late.messages[-1][2]  # the retain flag
    late.close()


def test_the_status_follows_the_line(tmp_path: Path, broker: Broker):
    """Running, camera lost (a camera that opens but sends nothing is still lost; its frames coming back make it
    running), a model swapped in (said, then running with it), stopped."""
    subscriber = Subscriber(broker)
    line = Line(tmp_path / "data", mqtt=broker.url)
    outputs = line.outputs
    outputs.model("cookies-v1", swapped=False)
    outputs.line_state("running", "camera 0", "camera 0")
    outputs.line_state("retrying", "camera 0: no frame (disconnected?); trying again in 1 s")
    outputs.line_state("running", "camera 0", "camera 0")  # it opened again, but no frame yet
    outputs.line_state("reconnected", "camera 0: reconnected after 3 s without frames")
    outputs.model("cookies-v2")
    line.close()

    def states() -> list[str]:
        said = [s["state"] for s in subscriber.events("status")]
        return [state for n, state in enumerate(said) if n == 0 or said[n - 1] != state]

    assert wait_for(lambda: states()[-1:] == ["stopped"])
    assert states()[-6:] == ["running", "camera lost", "running", "model swapped", "running", "stopped"]
    last = subscriber.events("status")[-1]
    assert last["model"] == "cookies-v2" and last["running"] is False and last["line"] == "line-1"
    subscriber.close()


@needs_mosquitto
def test_broker_down_at_the_start_then_up_nothing_is_lost(tmp_path: Path):
    broker = Broker(tmp_path / "broker")  # configured, not started
    line = Line(tmp_path / "data", mqtt=broker.url)
    line.parts(10)
    assert wait_for(lambda: line.state("MQTT") == "failing")
    status = line.outputs.statuses()[0]
    assert "cannot reach the broker" in status.detail and status.queued == 10
    broker.start()
    subscriber = Subscriber(broker)
    line.parts(5)
    assert wait_for(lambda: _arrived_once_in_order(subscriber, line.ids), 40)
    assert wait_for(lambda: line.outputs.statuses()[0].queued == 0)
    line.close()
    subscriber.close()
    broker.stop()


@needs_mosquitto
def test_broker_stopped_mid_run_and_restarted_every_event_arrives(tmp_path: Path):
    """The broker goes away between parts (SIGTERM: it keeps the subscriber's session), parts go on being
    judged meanwhile, the broker comes back on the same port: every event arrives, none under two ids."""
    broker = Broker(tmp_path / "broker").start()
    subscriber = Subscriber(broker)
    line = Line(tmp_path / "data", mqtt=broker.url)
    line.parts(8)
    assert wait_for(lambda: len(subscriber.events()) == 8)
    broker.stop()
    line.parts(12)  # judged while the broker is away
    assert wait_for(lambda: line.state("MQTT") == "failing")
    broker.start()
    line.parts(4)
    assert wait_for(lambda: _arrived_once_in_order(subscriber, line.ids), 60)
    assert any(c.state == "failing" for c in line.changes) and line.state("MQTT") == "connected"
    line.close()
    subscriber.close()
    broker.stop()


@needs_mosquitto
def test_a_broker_that_wants_a_password(tmp_path: Path):
    broker = Broker(tmp_path / "broker", users={"line": "pa55word"}).start()
    wrong = Line(tmp_path / "wrong", mqtt=broker.url, mqtt_user="line", mqtt_password="guess")
    wrong.parts(2)
    assert wait_for(lambda: wrong.state("MQTT") == "failing")
    status = wrong.outputs.statuses()[0]
    assert "refused" in status.detail and "guess" not in status.describe() and status.queued == 2
    wrong.close()
    line = Line(tmp_path / "right", mqtt=broker.url, mqtt_user="line", mqtt_password="pa55word")
    line.parts(3)
    assert wait_for(lambda: line.outputs.statuses()[0].queued == 0 and line.state("MQTT") == "connected")
    assert "pa55word" not in (tmp_path / "right" / "inspections.sqlite3").read_bytes().decode("latin-1")
    line.close()
    broker.stop()


def test_past_the_bound_the_oldest_are_dropped_with_a_warning(tmp_path: Path, monkeypatch):
    from cookie_inspector.core.line.outputs import sender

    monkeypatch.setattr(sender, "PRUNE_EVERY", 0.05)
    line = Line(tmp_path / "data", mqtt=f"mqtt://127.0.0.1:{free_port()}", outbox_mb=0.002)  # about 5 events
    line.parts(12)
    assert wait_for(lambda: line.warnings)
    assert "the oldest" in line.warnings[0] and "0.002 MB" in line.warnings[0]
    assert 0 < line.outputs.statuses()[0].queued < 12
    line.close()


def test_the_last_will_says_when_the_app_went_away(tmp_path: Path, broker: Broker):
    """A process with the MQTT output is killed (SIGKILL): the broker publishes the retained last will."""
    script = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from tests.core.line.outputs.test_mqtt import Line
line = Line(__import__("pathlib").Path({str(tmp_path / "data")!r}), mqtt={broker.url!r})
line.outputs.line_state("running")
line.parts(1)
while line.outputs.statuses()[0].queued:
    time.sleep(0.05)
print("sent", flush=True)
time.sleep(60)
"""
    subscriber = Subscriber(broker)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "sent"
        assert wait_for(lambda: subscriber.events("status") and subscriber.events("status")[-1]["state"] == "running")
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
    assert wait_for(lambda: subscriber.events("status")[-1]["state"] == "gone")
    assert json.loads(subscriber.messages[-1][1])["running"] is False
    subscriber.close()
