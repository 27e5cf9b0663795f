"""Every part's event as an HTTP POST of its JSON to a URL: delivered when the answer is 2xx, retried otherwise.

Events go one by one, in order, over one connection kept open while the receiver allows it; the header
``X-Cookie-Inspector-Event`` repeats the ``event_id`` so that a receiver can drop a repeat without parsing the body.
Only the standard library speaks HTTP here (no proxy is used: a receiver on the plant network is reached directly).
"""

from __future__ import annotations

import http.client
from collections.abc import Callable
from urllib.parse import urlsplit

from cookie_inspector import __version__
from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.line.outputs.config import OutboxBound, WebhookTarget
from cookie_inspector.core.line.outputs.outbox import Outbox, QueuedEvent
from cookie_inspector.core.line.outputs.sender import QueuedOutput


class WebhookOutput(QueuedOutput):
    kind = "webhook"
    title = "webhook"
    batch = 20

    def __init__(self, target: WebhookTarget, outbox: Outbox, bound: OutboxBound,
                 on_warning: Callable[[str], None] | None = None, station: str = "") -> None:  # fmt: skip
        super().__init__(outbox, bound, on_warning, station)
        self.target = target
        parts = urlsplit(target.url)
        self._https = parts.scheme == "https"
        self._host, self._port = parts.hostname, parts.port
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._connection: http.client.HTTPConnection | None = None
        """Kept open between events (HTTP/1.1 keep-alive) while the receiver allows it."""

    def _post(self, event: QueuedEvent) -> None:
        where = self.target.describe()
        headers = {"Content-Type": "application/json", "User-Agent": f"cookie-inspector/{__version__}",
                   "X-Cookie-Inspector-Event": event.event_id}  # fmt: skip
        for attempt in (1, 2):  # a kept-alive connection the receiver closed meanwhile: once more on a new one
            reused = self._connection is not None
            if self._connection is None:
                kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
                self._connection = kind(self._host, self._port, timeout=self.target.timeout)
            try:
                self._connection.request("POST", self._path, body=event.payload.encode(), headers=headers)
                response = self._connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.disconnect()
                if reused and attempt == 1 and isinstance(exc, (ConnectionError, http.client.RemoteDisconnected)):
                    continue
                if isinstance(exc, OSError):
                    raise OutputError(f"cannot reach {where} ({exc.strerror or exc})") from None
                raise OutputError(f"{where}: {type(exc).__name__}: {exc}") from None
            if response.will_close:
                self.disconnect()
            if not 200 <= response.status < 300:
                raise OutputError(f"{where} answered HTTP {response.status} {response.reason}")
            return

    def disconnect(self, goodbye: bool = False) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def deliver(self, events: list[QueuedEvent]) -> list[int]:
        acked = []
        for event in events:
            try:
                self._post(event)
            except OutputError:
                if not acked:
                    raise
                break  # what went is acknowledged; the rest fails again on the next round, and is said then
            acked.append(event.seq)
        self._set("connected", self.target.describe())
        return acked
