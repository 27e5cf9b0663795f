"""Real services for the line-output tests, each on a free loopback port: a mosquitto broker (Debian's package), an
MQTT subscriber that keeps what arrives, and an HTTP receiver for the webhook that can be told to fail."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

MOSQUITTO = shutil.which("mosquitto") or ("/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None)


needs_mosquitto = pytest.mark.skipif(
    MOSQUITTO is None, reason="mosquitto is not installed (apt-get install mosquitto; .ci/run does it as root)"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


class Broker:
    """A real mosquitto on 127.0.0.1:``port``; ``stop`` (SIGTERM: it saves its sessions) and ``start`` again on the
    same port; ``kill`` (SIGKILL)."""

    def __init__(self, folder: Path, port: int | None = None, users: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)
        lines = [f"listener {self.port} 127.0.0.1", "persistence true", f"persistence_location {folder}/",
                 f"log_dest file {folder}/mosquitto.log"]  # fmt: skip
        if os.geteuid() == 0:  # started by root, mosquitto would become the user "mosquitto" and lose its folder
            lines.append("user root")
        if users:
            passwords = folder / "passwords"
            passwords.touch()
            for user, password in users.items():
                subprocess.run(["mosquitto_passwd", "-b", str(passwords), user, password], check=True,
                               capture_output=True)  # fmt: skip
            lines += ["allow_anonymous false", f"password_file {passwords}"]
        else:
            lines.append("allow_anonymous true")
        self.config = folder / "mosquitto.conf"
        self.config.write_text("\n".join(lines) + "\n")

    @property
    def url(self) -> str:
        return f"mqtt://127.0.0.1:{self.port}"

    def start(self) -> Broker:
        self.process = subprocess.Popen([MOSQUITTO, "-c", str(self.config)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)  # fmt: skip

        def listening() -> bool:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return True
            except OSError:
                return False

        if not wait_for(listening, 10):
            log = (self.folder / "mosquitto.log").read_text()
            raise RuntimeError(f"mosquitto did not listen on {self.port}: {log}")
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(10)
        self.process = None

    def kill(self) -> None:
        self.stop(signal.SIGKILL)


class Subscriber:
    """Keeps every message under ``topic`` (QoS 1, a persistent session: what arrives while it is away waits for
    it at the broker)."""

    def __init__(self, broker: Broker, topic: str = "#", client_id: str = "test-subscriber") -> None:
        import paho.mqtt.client as mqtt

        self.messages: list[tuple[str, bytes, bool, float]] = []
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=False)
        self.client.reconnect_delay_set(0.1, 0.5)
        self.topic = topic

        def on_connect(client, userdata, flags, reason_code, properties):
            client.subscribe(topic, qos=1)

        def on_subscribe(client, userdata, mid, reason_codes, properties):
            self._subscribed.set()

        def on_message(client, userdata, message):
            with self._lock:
                self.messages.append((message.topic, message.payload, bool(message.retain), time.time()))

        self.client.on_connect, self.client.on_subscribe, self.client.on_message = on_connect, on_subscribe, on_message
        self.client.connect("127.0.0.1", broker.port, keepalive=5)
        self.client.loop_start()
        if not self._subscribed.wait(10):
            raise RuntimeError("the test subscriber could not subscribe")

    def events(self, leaf: str = "parts") -> list[dict]:
        with self._lock:
            return [json.loads(payload) for topic, payload, _, _ in self.messages if topic.endswith("/" + leaf)]

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


class WebhookReceiver:
    """An HTTP server on 127.0.0.1 that keeps every POSTed JSON; ``fail_with`` makes it answer that status instead
    (the event is then not kept: the sender must try again)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.arrived: list[float] = []
        """``time.time()`` of each event received."""
        self.headers: list[dict] = []
        self.fail_with: int | None = None
        self.attempts = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver allows

            def do_POST(self):  # noqa: N802 - the standard library's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.attempts += 1
                if receiver.fail_with:
                    self.send_response(receiver.fail_with)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                receiver.received.append(json.loads(body))
                receiver.arrived.append(time.time())
                receiver.headers.append(dict(self.headers))
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/events"
        self._thread = threading.Thread(target=self.server.serve_forever, name="test-webhook", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)
