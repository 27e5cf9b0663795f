"""One queued output's thread: take the oldest events from the outbox, deliver them, delete what was acknowledged.

The inspection never waits for it: a part's events are already on disk when :meth:`QueuedOutput.wake` is called, and
everything network-bound happens here, with a growing pause after a failure (0.5 s up to 30 s). Subclasses say how
to connect and how to deliver a batch (:class:`~cookie_inspector.core.line.outputs.mqtt.MqttOutput`,
:class:`~cookie_inspector.core.line.outputs.webhook.WebhookOutput`).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.line.outputs.config import OutboxBound
from cookie_inspector.core.line.outputs.outbox import Outbox, QueuedEvent, queue_name

PRUNE_EVERY = 10.0
"""Seconds between two checks of the outbox's bound."""


@dataclass(frozen=True)
class OutputStatus:
    """What the status bar and ``run --headless`` say of one output."""

    name: str
    """``MQTT``, ``OPC UA`` or ``webhook``."""
    state: str
    """``ready`` (nothing sent yet), ``connecting``, ``connected`` or ``failing``."""
    queued: int = 0
    """Events waiting in the outbox."""
    detail: str = ""
    """Why it is failing; where it is connected."""

    def describe(self) -> str:
        text = f"{self.name}: {self.state}"
        if self.queued:
            text += f", queued {self.queued}"
        if self.state == "failing" and self.detail:
            text += f": {self.detail}"
        return text


class QueuedOutput:
    """The delivery loop of one output that goes through the outbox. ``start``, ``wake`` on each new event,
    ``close``."""

    kind = ""
    """The outbox's name for it (``mqtt``, ``webhook``)."""
    title = ""
    batch = 50
    first_delay, longest_delay = 0.5, 30.0

    def __init__(self, outbox: Outbox, bound: OutboxBound, on_warning: Callable[[str], None] | None = None,
                 station: str = "") -> None:  # fmt: skip
        self.station = station
        self.queue = queue_name(self.kind, station)
        """Its events in the outbox (each station's are its own: ``mqtt@top``)."""
        self.outbox = outbox
        self.bound = bound
        self.on_warning = on_warning
        self.on_change: Callable[[OutputStatus], None] | None = None
        """Called (on this output's thread) when its state or detail changes."""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state, self._detail = "ready", ""
        self._queued = outbox.count(self.queue)
        self._last_prune = 0.0

    # -- for subclasses -------------------------------------------------------------------------------------------
    def connect(self) -> None:
        """Make sure the receiver can be reached (raise :class:`OutputError` saying why not)."""

    def deliver(self, events: list[QueuedEvent]) -> list[int]:
        """Send ``events`` in order; the seqs of those acknowledged. Raise :class:`OutputError` when nothing went."""
        raise NotImplementedError

    def disconnect(self, goodbye: bool = False) -> None:
        """Drop the connection after a failure (the next attempt connects anew); ``goodbye``: the output closes."""

    def set_line_status(self, status: dict) -> None:
        """The line's state (running, camera lost, ...), for an output that carries it (MQTT's status topic)."""

    def idle(self) -> None:
        """Called when the outbox is empty, before waiting (an MQTT output publishes its status here)."""

    # -- the loop -------------------------------------------------------------------------------------------------
    def status(self) -> OutputStatus:
        return OutputStatus(self.title, self._state, self._queued, self._detail)

    def _set(self, state: str, detail: str = "") -> None:
        changed = (state, detail) != (self._state, self._detail)
        self._state, self._detail = state, detail
        if changed and self.on_change:
            self.on_change(self.status())

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=f"cookie-inspector-{self.kind}", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A new event is in the outbox."""
        self._queued += 1
        self._wake.set()

    def drain(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the outbox to empty while the receiver takes events; True if empty."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.running:
            if self.outbox.count(self.queue) == 0 and not self.unsent_status():
                return True
            if self._state == "failing":
                return False
            self._wake.set()
            self._stop.wait(0.05)
        return self.outbox.count(self.queue) == 0

    def unsent_status(self) -> bool:
        """Whether a status change waits for delivery beside the outbox (MQTT's retained status); closing waits for
        it too, so "stopped" is said even by an output that was still connecting."""
        return False

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        delay = self.first_delay
        try:
            while not self._stop.is_set():
                self._maybe_prune()
                try:
                    self.connect()
                    self._wake.clear()  # before looking: an event queued from now on wakes the wait below
                    events = self.outbox.pending(self.queue, self.batch)
                    if not events:
                        self._queued = 0
                        self.idle()
                        self._wake.wait(1.0)
                        continue
                    acked = self.deliver(events)
                    self.outbox.acknowledge(self.queue, acked)
                    self._queued = self.outbox.count(self.queue)
                    delay = self.first_delay
                except OutputError as exc:
                    self._fail(str(exc))
                except Exception as exc:  # noqa: BLE001 - a library's surprise must not end the output for good
                    self._fail(f"{type(exc).__name__}: {exc}")
                else:
                    continue
                self._stop.wait(delay)
                delay = min(delay * 2, self.longest_delay)
        finally:
            self.disconnect(goodbye=True)

    def _fail(self, why: str) -> None:
        self._set("failing", why)
        with contextlib.suppress(Exception):  # the count is for show; the failure is what matters
            self._queued = self.outbox.count(self.queue)
        self.disconnect()

    def _maybe_prune(self) -> None:
        now = time.monotonic()
        if now - self._last_prune < PRUNE_EVERY:
            return
        self._last_prune = now
        dropped = self.outbox.prune(self.queue, self.bound)
        if dropped is not None:
            self._queued = self.outbox.count(self.queue)
            if self.on_warning:
                self.on_warning(dropped.message())
