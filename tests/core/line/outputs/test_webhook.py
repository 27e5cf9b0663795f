"""The webhook against a real HTTP server on loopback: each event one POST, retried until a 2xx, in order."""

from pathlib import Path

from tests.core.line.outputs.test_mqtt import Line
from tests.services import WebhookReceiver, free_port, wait_for


def test_every_event_is_posted_once_with_its_id_in_a_header(tmp_path: Path, webhook_receiver: WebhookReceiver):
    line = Line(tmp_path / "data", webhook=webhook_receiver.url)
    line.parts(5, ng_every=5)
    assert wait_for(lambda: len(webhook_receiver.received) == 5)
    assert [e["event_id"] for e in webhook_receiver.received] == line.ids
    assert webhook_receiver.headers[0]["X-Cookie-Inspector-Event"] == line.ids[0]
    assert webhook_receiver.headers[0]["Content-Type"] == "application/json"
    assert webhook_receiver.received[-1]["verdict"] == "NG"
    assert wait_for(lambda: line.state("webhook") == "connected")
    line.close()


def test_a_failing_receiver_gets_the_events_again_until_it_takes_them(tmp_path: Path, webhook_receiver):
    webhook_receiver.fail_with = 503
    line = Line(tmp_path / "data", webhook=webhook_receiver.url)
    line.parts(4)
    assert wait_for(lambda: line.state("webhook") == "failing" and webhook_receiver.attempts >= 2)
    status = line.outputs.statuses()[0]
    assert "HTTP 503" in status.detail and status.queued == 4
    webhook_receiver.fail_with = None
    line.parts(2)
    assert wait_for(lambda: len(webhook_receiver.received) == 6, 40)
    assert [e["event_id"] for e in webhook_receiver.received] == line.ids
    line.close()


def test_a_receiver_down_at_the_start(tmp_path: Path):
    port = free_port()
    line = Line(tmp_path / "data", webhook=f"http://127.0.0.1:{port}/hook")
    line.parts(3)
    assert wait_for(lambda: line.state("webhook") == "failing")
    assert "cannot reach" in line.outputs.statuses()[0].detail
    line.close()  # a closed line keeps what it could not deliver: the next start sends it
    receiver = WebhookReceiver()
    again = Line(tmp_path / "data", webhook=receiver.url)
    assert wait_for(lambda: len(receiver.received) == 3)
    assert [e["event_id"] for e in receiver.received] == line.ids
    again.close()
    receiver.close()
