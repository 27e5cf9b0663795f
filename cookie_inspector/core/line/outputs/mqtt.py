"""Every part's event to an MQTT broker (QoS 1, acknowledged by PUBACK), the line's status retained beside it.

Topics, for a prefix ``P`` and a line ``L``: ``P/L/parts`` gets one JSON event per part; ``P/L/status`` holds the
line's state (retained: a dashboard that subscribes later still reads it), and the broker itself writes
``{"state": "gone"}`` there when the app disappears without saying goodbye (the last will). A connection that fails
is dropped whole and made anew after a pause, so paho keeps no queue of its own: the outbox is the only one, and an
event resent after a lost PUBACK carries the same ``event_id``.
"""

from __future__ import annotations

import contextlib
import json
import os
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import paho.mqtt.client as mqtt

from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.line.outputs.config import MqttTarget, OutboxBound, station_level
from cookie_inspector.core.line.outputs.outbox import Outbox, QueuedEvent
from cookie_inspector.core.line.outputs.sender import QueuedOutput

ACK_TIMEOUT = 10.0
"""Seconds a batch may wait for its PUBACKs before the connection is taken for dead."""


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="milliseconds")


class MqttOutput(QueuedOutput):
    kind = "mqtt"
    title = "MQTT"

    def __init__(self, target: MqttTarget, line: str, outbox: Outbox, bound: OutboxBound,
                 on_warning: Callable[[str], None] | None = None, station: str = "") -> None:  # fmt: skip
        super().__init__(outbox, bound, on_warning, station)
        self.target = target
        self.line = line
        self.parts_topic = target.topic(line, "parts", station)
        self.status_topic = target.topic(line, "status", station)
        own = f"-{station_level(station)}" if station else ""  # two clients of one id would push each other off
        self.client_id = f"cookie-inspector-{line}{own}-{os.getpid()}"
        self._client: mqtt.Client | None = None
        self._connected = threading.Event()
        self._answered = threading.Event()
        self._refused = ""
        self._line_status: dict[str, Any] = self._named({"state": "starting", "running": False})
        self._statuses: deque[dict[str, Any]] = deque(maxlen=16)
        """Status changes not yet published, oldest first (while away, only the newest few are kept)."""

    def _named(self, status: dict[str, Any]) -> dict[str, Any]:
        """``status`` naming the line, and the station when there are several."""
        return {**status, "line": self.line, **({"station": self.station} if self.station else {})}

    def set_line_status(self, status: dict[str, Any]) -> None:
        """The line's state for the retained status topic: sent now if connected, else the newest on connecting."""
        self._line_status = {**self._named(status), "time": now_iso()}
        self._statuses.append(self._line_status)
        self._wake.set()

    def unsent_status(self) -> bool:
        return bool(self._statuses)

    # -- connection -----------------------------------------------------------------------------------------------
    def _on_connect(self, client, userdata, flags, reason_code, properties) -> None:
        if reason_code.is_failure:
            self._refused = str(reason_code)
        else:
            self._connected.set()
        self._answered.set()

    def _on_disconnect(self, client, userdata, flags, reason_code, properties) -> None:
        self._connected.clear()

    def connect(self) -> None:
        if self._client is not None and self._connected.is_set():
            return
        self.disconnect()
        target = self.target
        self._set("connecting", target.describe())
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=self.client_id, clean_session=True,
                             reconnect_on_failure=False)  # fmt: skip
        client.connect_timeout = 5.0
        if target.username:
            client.username_pw_set(target.username, target.password)
        if target.tls:
            try:
                client.tls_set(ca_certs=str(target.ca_file) if target.ca_file else None)
            except (OSError, ssl.SSLError) as exc:
                raise OutputError(f"{target.ca_file}: not a usable CA file ({exc})") from exc
        gone = {"state": "gone", "running": False, "line": self.line,
                "detail": "the app went away without saying goodbye (the broker's last will)"}  # fmt: skip
        client.will_set(self.status_topic, json.dumps(gone), qos=1, retain=True)
        client.on_connect, client.on_disconnect = self._on_connect, self._on_disconnect
        self._connected.clear()
        self._answered.clear()
        self._refused = ""
        try:
            client.connect(target.host, target.port, keepalive=10)
        except ssl.SSLError as exc:
            raise OutputError(f"TLS with {target.host}:{target.port} failed ({exc.reason or exc})") from exc
        except OSError as exc:
            why = exc.strerror or exc
            raise OutputError(f"cannot reach the broker at {target.host}:{target.port} ({why})") from exc
        self._client = client
        client.loop_start()
        deadline = time.monotonic() + 10.0
        while not self._answered.wait(0.1) and not self._stop.is_set() and time.monotonic() < deadline:
            pass
        if self._stop.is_set() and not self._answered.is_set():
            raise OutputError("the output is closing")
        if not self._answered.is_set():
            raise OutputError(f"the broker at {target.host}:{target.port} did not answer within 10 s")
        if self._refused:
            raise OutputError(f"the broker at {target.host}:{target.port} refused the connection ({self._refused})")
        if not self._statuses:  # every new connection repeats the status (a restarted broker may have lost it)
            self._statuses.append(self._line_status)
        self._set("connected", target.describe())

    def disconnect(self, goodbye: bool = False) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        if goodbye and self._connected.is_set():  # a clean stop: the status says so, and no last will is sent
            self._publish_status(client, wait=2.0)
            client.disconnect()
        client.loop_stop()
        self._connected.clear()

    # -- delivery -------------------------------------------------------------------------------------------------
    def _publish_status(self, client: mqtt.Client, wait: float = 0.0) -> None:
        """Publish the status changes in order (retained: the last one is what a new subscriber reads)."""
        info = None
        while self._statuses:
            info = client.publish(self.status_topic, json.dumps(self._statuses[0]), qos=1, retain=True)
            if info.rc != mqtt.MQTT_ERR_SUCCESS:
                return
            self._statuses.popleft()
        if wait and info is not None:
            with contextlib.suppress(RuntimeError, ValueError):
                info.wait_for_publish(wait)

    def idle(self) -> None:
        if self._client is not None:
            self._publish_status(self._client)

    def deliver(self, events: list[QueuedEvent]) -> list[int]:
        client = self._client
        if client is None:
            raise OutputError("not connected")
        self._publish_status(client)
        sent = []
        for event in events:
            info = client.publish(self.parts_topic, event.payload, qos=1)
            if info.rc != mqtt.MQTT_ERR_SUCCESS:
                break
            sent.append((event.seq, info))
        acked = []
        deadline = time.monotonic() + ACK_TIMEOUT
        for seq, info in sent:
            while not info.is_published() and self._connected.is_set() and time.monotonic() < deadline:
                try:
                    info.wait_for_publish(0.2)
                except (RuntimeError, ValueError):
                    break
            if not info.is_published():
                break
            acked.append(seq)
        if len(acked) < len(events):
            why = "the connection was lost" if not self._connected.is_set() else f"no PUBACK within {ACK_TIMEOUT:g} s"
            if not acked:
                raise OutputError(f"{self.target.host}:{self.target.port}: {why}")
            self._connected.clear()  # the rest after a new connection
        return acked
