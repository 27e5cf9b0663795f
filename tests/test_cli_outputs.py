"""``run --headless`` with the line outputs, as a plant would run it: the app killed mid-run while the broker is
down loses no event; the next start sends them all, once each, in order."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.imagegen import write_good_set
from tests.services import Broker, Subscriber, WebhookReceiver, needs_mosquitto, wait_for


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cookie_inspector", "run", "--headless", *args]


def _logged_ids(data: Path, line: str) -> list[str]:
    db = sqlite3.connect(data / "inspections.sqlite3")
    rows = db.execute("SELECT run, id FROM parts ORDER BY id").fetchall()
    db.close()
    return [f"{line}:{run}:{row}" for run, row in rows]


@needs_mosquitto
def test_the_app_killed_while_the_broker_is_down_loses_no_event(tmp_path: Path, trained_bundle_dir: Path,
                                                                webhook_receiver: WebhookReceiver):  # fmt: skip
    photos = tmp_path / "photos"
    write_good_set(photos, 40, seed=5)
    data = tmp_path / "data"
    broker = Broker(tmp_path / "broker")  # down: configured, not started
    outputs = ["--mqtt", broker.url, "--webhook", webhook_receiver.url, "--line", "hall-1"]
    webhook_receiver.fail_with = 503  # the MES is down too
    first = subprocess.Popen(_command("--source", str(photos), "--model", str(trained_bundle_dir), "--data-dir",
                                      str(data), *outputs), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)  # fmt: skip
    try:
        lines = [json.loads(first.stdout.readline()) for _ in range(4)]  # four parts judged at 2 photos a second
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.wait(20)
    err = first.stderr.read()
    assert "MQTT: failing: cannot reach the broker" in err and "HTTP 503" in err
    logged = _logged_ids(data, "hall-1")
    assert len(logged) >= len(lines) == 4

    broker.start()
    subscriber = Subscriber(broker)
    webhook_receiver.fail_with = None
    more = tmp_path / "more"
    write_good_set(more, 3, seed=6)
    summary = tmp_path / "summary.json"
    second = subprocess.run(_command("--source", str(more), "--model", str(trained_bundle_dir), "--fast",
                                     "--data-dir", str(data), "--json", str(summary), *outputs),
                            capture_output=True, text=True, timeout=180)  # fmt: skip
    assert second.returncode in (0, 1), second.stderr
    every = _logged_ids(data, "hall-1")
    assert len(every) == len(logged) + 3
    assert wait_for(lambda: len({e["event_id"] for e in subscriber.events()}) == len(every), 30)
    mqtt_ids = list(dict.fromkeys(e["event_id"] for e in subscriber.events()))
    assert mqtt_ids == every  # every logged part, once each, in the order they were judged
    assert [e["event_id"] for e in webhook_receiver.received] == every
    assert {o["output"]: o["queued"] for o in json.loads(summary.read_text())["outputs"]} == {"MQTT": 0, "webhook": 0}
    subscriber.close()
    broker.stop()


def test_output_options_are_checked_before_anything_starts(tmp_path: Path):
    bad = subprocess.run(_command("--mqtt", "tcp://broker:1883"), capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "mqtt://HOST:PORT" in bad.stderr and "Traceback" not in bad.stderr
    no_log = subprocess.run(_command("--no-log", "--webhook", "http://127.0.0.1:9/x"), capture_output=True,
                            text=True, timeout=60)  # fmt: skip
    assert no_log.returncode == 2 and "drop --no-log" in no_log.stderr
