"""Every part's event as an HTTP POST of its JSON to a URL: delivered when the answer is 2xx, retried otherwise.

Events go one by one, in order; the header ``X-Cookie-Inspector-Event`` repeats the ``event_id`` so that a receiver
can drop a repeat without parsing the body. Only the standard library speaks HTTP here.
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable

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
                 on_warning: Callable[[str], None] | None = None) -> None:  # fmt: skip
        super().__init__(outbox, bound, on_warning)
        self.target = target

    def _post(self, event: QueuedEvent) -> None:
        request = urllib.request.Request(self.target.url, data=event.payload.encode(), method="POST", headers={
            "Content-Type": "application/json", "User-Agent": f"cookie-inspector/{__version__}",
            "X-Cookie-Inspector-Event": event.event_id})  # fmt: skip
        where = self.target.describe()
        try:
            with urllib.request.urlopen(request, timeout=self.target.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise OutputError(f"{where} answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            reason = getattr(exc.reason, "strerror", None) or exc.reason
            raise OutputError(f"cannot reach {where} ({reason})") from None
        except (OSError, http.client.HTTPException) as exc:
            raise OutputError(f"{where}: {type(exc).__name__}: {exc}") from None

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
