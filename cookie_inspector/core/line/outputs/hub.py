"""The line's outputs together, as the window and ``run --headless`` use them.

:class:`LineOutputs` attaches the queued outputs to the inspection log (each part's events are then written in its
row's transaction), starts each output's thread, and is told of every part, of the line's state and of the model in
use, which it hands to each output without waiting for any network.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.judge.inspector import Verdict
from cookie_inspector.core.line.outputs.config import OutputsConfig
from cookie_inspector.core.line.outputs.outbox import Outbox, OutboxWriter, event_id
from cookie_inspector.core.line.outputs.sender import OutputStatus, QueuedOutput

if TYPE_CHECKING:
    from cookie_inspector.core.line.live import PartVerdict
    from cookie_inspector.core.line.records import InspectionLog, PartRecord

LINE_STATES = {
    "running": "running",
    "reconnected": "running",
    "retrying": "camera lost",
    "ended": "stopped",
    "stopped": "stopped",
}
"""The line's states (:class:`LinePipeline`) as the status topic names them. While the camera is lost, only its
frames coming back ("reconnected") make it "running" again: a camera that opens and sends nothing is still lost."""


class LineOutputs:
    """``start`` once, then ``part``, ``line_state``, ``model`` and ``alarm`` from any thread, ``close`` at the end.

    ``on_acknowledge()``: a client acknowledged the alarm (OPC UA), called on the output's own thread.
    ``on_warning(text)``: an outbox dropped events at its bound. ``on_change(OutputStatus)``: an output's state
    changed (connected, failing: why); each is called on the output's thread.
    """

    def __init__(self, config: OutputsConfig, log: InspectionLog | None,
                 on_acknowledge: Callable[[], None] | None = None, on_warning: Callable[[str], None] | None = None,
                 on_change: Callable[[OutputStatus], None] | None = None) -> None:  # fmt: skip
        if config.queued and log is None:
            raise OutputError("MQTT and the webhook send what the inspection log records (their outbox is in it): "
                              "they cannot run without the log (--no-log)")  # fmt: skip
        self.config = config
        self.log = log
        self.on_acknowledge = on_acknowledge
        self.on_warning = on_warning
        self.on_change = on_change
        self.queued: list[QueuedOutput] = []
        self.opcua = None
        self._outbox: Outbox | None = None
        self._lock = threading.Lock()
        self._parts = self._ng = 0
        self._state: dict[str, Any] = {"state": "starting", "running": False, "model": "", "source": "",
                                       "run": log.run if log is not None else None, "teaching": "",
                                       "product": ""}  # fmt: skip
        self._last: dict[str, OutputStatus] = {}

    def start(self, parts: int = 0, ng: int = 0, alarm: bool = False) -> None:
        """Start every output; ``parts``, ``ng``, ``alarm``: what the line counted before they were started (the
        window's counts, when outputs are turned on while it runs), for OPC UA to go on from."""
        self._parts, self._ng = parts, ng
        config = self.config
        if config.queued:
            self._outbox = Outbox(self.log.path)
            self.log.also_write(OutboxWriter(config.line, config.queued, self.log.folder, config.station))
        if config.mqtt is not None:
            from cookie_inspector.core.line.outputs.mqtt import MqttOutput

            self.queued.append(MqttOutput(config.mqtt, config.line, self._outbox, config.bound, self._warn,
                                          config.station))  # fmt: skip
        if config.webhook is not None:
            from cookie_inspector.core.line.outputs.webhook import WebhookOutput

            self.queued.append(WebhookOutput(config.webhook, self._outbox, config.bound, self._warn, config.station))
        for output in self.queued:
            output.on_change = self._changed
            output.set_line_status(self._state)
            output.start()
        if config.opcua is not None:
            from cookie_inspector.core.line.outputs.opcua import OpcUaServer  # asyncua: only when asked for

            self.opcua = OpcUaServer(config.opcua, config.line, self._acknowledged, self._changed, config.station)
            self.opcua.update(Running=self._state["running"], ModelName=self._state["model"], PartCount=parts,
                              NgCount=ng, Alarm=alarm, Teaching=self._state["teaching"],
                              Product=self._state["product"])  # fmt: skip
            self.opcua.start()

    # -- what the line tells ---------------------------------------------------------------------------------------
    def part(self, verdict: PartVerdict, record: PartRecord | None) -> None:
        """A part was judged (and logged, when ``record``): its events are in the outbox already; wake the
        senders and show it on OPC UA."""
        if record is not None:  # logged, so its events are queued
            for output in self.queued:
                output.wake()
        with self._lock:
            self._parts += 1
            ng = verdict.verdict is Verdict.NG
            self._ng += ng
            counts = self._parts, self._ng
        if self.opcua is not None:
            values: dict[str, Any] = {
                "PartCount": counts[0], "NgCount": counts[1], "LastVerdict": verdict.verdict.value,
                "LastScore": verdict.score, "LastNormalizedScore": verdict.normalized_score,
                "Threshold": verdict.threshold}  # fmt: skip
            if record is not None and record.run:
                values["LastEventId"] = event_id(self.config.line, record.run, record.id)
            if ng and not self._state.get("teaching"):  # a model that knows another product: its NG is no alarm
                values["Alarm"] = True
            self.opcua.update(**values)

    def line_state(self, state: str, detail: str = "", source: str | None = None) -> None:
        """The pipeline's state (running, reconnected, retrying, ended, stopped); others are ignored."""
        named = LINE_STATES.get(state)
        if named is None or (state == "running" and self._state["state"] == "camera lost"):
            return
        changes = {"state": named, "running": named in ("running", "camera lost"),
                   "detail": "" if detail == source else detail}  # fmt: skip
        if source is not None:
            changes["source"] = source
        self._publish(changes)

    def model(self, name: str, swapped: bool = True) -> None:
        """The model in use; ``swapped``: it replaced another on a running line (said as "model swapped", then the
        line is "running" again with it)."""
        if swapped and self._state["running"]:
            state = self._state["state"]
            self._publish({"model": name, "state": "model swapped"})
            self._publish({"state": state})
        else:
            self._publish({"model": name})

    def teaching(self, product: str) -> None:
        """A new product is being taught (its name), or no longer (empty): the status says so, each part's event
        carries ``"teaching"`` (the log adds it), and OPC UA raises no ``Alarm`` for the active model's NG parts
        (``Teaching`` names the product): a PLC must not reject the new product's parts on the old model's word."""
        self._publish({"teaching": product})
        if self.opcua is not None:
            self.opcua.update(Teaching=product)

    def product(self, name: str) -> None:
        """The product on the line (its name; empty: unnamed): in the status and on OPC UA's ``Product``."""
        if self._state.get("product") != name:  # said when it changes, not on every start of the outputs
            self._publish({"product": name})

    def alarm(self, active: bool) -> None:
        """The window's alarm was raised or acknowledged there."""
        if self.opcua is not None:
            self.opcua.update(Alarm=active)

    def _publish(self, changes: dict[str, Any]) -> None:
        with self._lock:
            self._state = {**self._state, **changes}
            state = dict(self._state)
        for output in self.queued:
            output.set_line_status(state)
        if self.opcua is not None:
            self.opcua.update(Running=state["running"], ModelName=state["model"], Product=state["product"])

    # -- what the outputs tell -------------------------------------------------------------------------------------
    def statuses(self) -> list[OutputStatus]:
        """Each output's state now, for the status bar."""
        found = [output.status() for output in self.queued]
        if self.opcua is not None:
            found.append(self.opcua.status())
        return found

    def _changed(self, status: OutputStatus) -> None:
        previous = self._last.get(status.name)
        self._last[status.name] = status
        if self.on_change and (previous is None or (previous.state, previous.detail) != (status.state, status.detail)):
            self.on_change(status)

    def _warn(self, message: str) -> None:
        if self.on_warning:
            self.on_warning(message)

    def _acknowledged(self) -> None:
        if self.on_acknowledge:
            self.on_acknowledge()

    def close(self, timeout: float = 5.0, drain: float = 5.0) -> None:
        """Say "stopped" on the status topic, give connected outputs up to ``drain`` seconds to deliver what is
        queued, stop their threads. What is not delivered stays in the outbox for the next start."""
        self._publish({"state": "stopped", "running": False})
        for output in self.queued:
            output.drain(drain)
        for output in self.queued:
            output.close(timeout)
        if self.opcua is not None:
            self.opcua.close(timeout)
        if self.log is not None:
            self.log.also_write(None)
        if self._outbox is not None:
            self._outbox.close()
