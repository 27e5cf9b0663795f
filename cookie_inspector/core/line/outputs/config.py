"""What the line outputs are told: where the broker, the OPC UA endpoint and the webhook are, and the outbox's bound.

Built from the ``run`` options or the window's *Line outputs* dialog; :func:`parse_mqtt_url` and friends turn what a
user typed into a target or an :class:`OutputError` that says what is wrong with it. Passwords live only in memory:
:meth:`MqttTarget.describe` and friends never show them, and nothing here writes them anywhere.
"""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cookie_inspector.core.errors import OutputError

DEFAULT_PREFIX = "cookie-inspector"
MQTT_PORT, MQTTS_PORT = 1883, 8883
OPCUA_PORT = 4840
ENV_MQTT_USER, ENV_MQTT_PASSWORD = "COOKIE_INSPECTOR_MQTT_USER", "COOKIE_INSPECTOR_MQTT_PASSWORD"
ENV_OPCUA_USER, ENV_OPCUA_PASSWORD = "COOKIE_INSPECTOR_OPCUA_USER", "COOKIE_INSPECTOR_OPCUA_PASSWORD"
_TOPIC_LEVEL = re.compile(r"^[^#+/\x00]+$")


def default_line_name() -> str:
    """The line's name when none is given: this computer's host name (one line, one PC is the usual plant)."""
    name = (socket.gethostname() or "line").split(".")[0].replace(" ", "-")
    return name if _TOPIC_LEVEL.match(name) else "line"


def topic_level(text: str) -> str:
    """``text`` as one MQTT topic level: no ``/``, ``+``, ``#``; spaces become ``-``."""
    text = text.strip().replace(" ", "-")
    if not _TOPIC_LEVEL.match(text):
        raise OutputError(f"the line name {text!r} cannot be an MQTT topic level (no '/', '+', '#' and not empty)")
    return text


def station_level(name: str) -> str:
    """A station's name as one MQTT topic level (spaces become ``-``; a station's name has no ``/``, ``+`` or
    ``#``)."""
    return name.strip().replace(" ", "-")


def _host_port(parts, default_port: int, url: str) -> tuple[str, int]:
    try:
        port = parts.port or default_port
    except ValueError:
        raise OutputError(f"{_redact(url)}: the port is not a number from 1 to 65535") from None
    if not parts.hostname:
        raise OutputError(f"{_redact(url)}: no host (write it as {parts.scheme}://HOST:PORT)")
    return parts.hostname, port


def _redact(url: str) -> str:
    """The URL without a password written into it."""
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)


@dataclass(frozen=True)
class MqttTarget:
    host: str
    port: int
    prefix: str = DEFAULT_PREFIX
    tls: bool = False
    ca_file: Path | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        user = f"{self.username}@" if self.username else ""
        return f"{'mqtts' if self.tls else 'mqtt'}://{user}{self.host}:{self.port}/{self.prefix}"

    def topic(self, line: str, leaf: str, station: str = "") -> str:
        """``PREFIX/LINE/LEAF``; a station's own: ``PREFIX/LINE/STATION/LEAF``."""
        return f"{self.prefix}/{line}/{station_level(station)}/{leaf}" if station else f"{self.prefix}/{line}/{leaf}"


def parse_mqtt_url(url: str, username: str | None = None, password: str | None = None,
                   ca_file: Path | str | None = None) -> MqttTarget:  # fmt: skip
    """``mqtt://HOST[:PORT][/PREFIX]`` or ``mqtts://`` (TLS, with ``ca_file`` or the system's authorities). The user
    and password come from the arguments, else from the URL, else from the environment."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("mqtt", "mqtts"):
        raise OutputError(f"{_redact(url)}: an MQTT broker is written mqtt://HOST:PORT[/PREFIX] (or mqtts:// for TLS)")
    tls = parts.scheme == "mqtts"
    host, port = _host_port(parts, MQTTS_PORT if tls else MQTT_PORT, url)
    prefix = parts.path.strip("/") or DEFAULT_PREFIX
    if any(not _TOPIC_LEVEL.match(level) for level in prefix.split("/")):
        raise OutputError(f"{_redact(url)}: the topic prefix {prefix!r} may not contain '+', '#' or empty levels")
    username = username or (unquote(parts.username) if parts.username else None) or os.environ.get(ENV_MQTT_USER)
    password = password or (unquote(parts.password) if parts.password else None) or os.environ.get(ENV_MQTT_PASSWORD)
    ca = Path(ca_file) if ca_file else None
    if ca is not None and not tls:
        raise OutputError(f"{_redact(url)}: a CA file is for a TLS broker: write mqtts://")
    if ca is not None and not ca.is_file():
        raise OutputError(f"{ca}: the CA file does not exist")
    return MqttTarget(host, port, prefix, tls, ca, username or None, password or None)


@dataclass(frozen=True)
class OpcUaTarget:
    host: str
    port: int
    username: str | None = None
    """When set (with a password), only this user may call AcknowledgeAlarm; anyone may read."""
    password: str | None = field(default=None, repr=False)

    @property
    def endpoint(self) -> str:
        return f"opc.tcp://{self.host}:{self.port}"

    def describe(self) -> str:
        return self.endpoint + (f" (acknowledge: {self.username} only)" if self.username else "")


def parse_opcua_url(url: str, username: str | None = None, password: str | None = None) -> OpcUaTarget:
    """``opc.tcp://HOST:PORT`` where the server listens (``0.0.0.0`` for every network of this PC)."""
    parts = urlsplit(url.strip())
    if parts.scheme != "opc.tcp":
        raise OutputError(f"{_redact(url)}: an OPC UA endpoint is written opc.tcp://HOST:PORT")
    host, port = _host_port(parts, OPCUA_PORT, url)
    username = username or os.environ.get(ENV_OPCUA_USER) or None
    password = password or os.environ.get(ENV_OPCUA_PASSWORD) or None
    if bool(username) != bool(password):
        raise OutputError("an OPC UA user needs a password and a password needs a user "
                          f"(--opcua-user/--opcua-password or ${ENV_OPCUA_USER}/${ENV_OPCUA_PASSWORD})")  # fmt: skip
    return OpcUaTarget(host, port, username, password)


@dataclass(frozen=True)
class WebhookTarget:
    url: str
    timeout: float = 5.0

    def describe(self) -> str:
        return _redact(self.url)


def parse_webhook_url(url: str) -> WebhookTarget:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutputError(f"{_redact(url)}: a webhook is an http:// or https:// URL")
    return WebhookTarget(url.strip())


@dataclass(frozen=True)
class OutboxBound:
    """How much the outbox keeps for an output that cannot deliver: the oldest events go only past this."""

    days: float = 7.0
    megabytes: float = 100.0

    def __post_init__(self) -> None:
        if not (self.days > 0 and self.megabytes > 0):
            raise OutputError("the outbox bound must be positive (days and MB)")

    def describe(self) -> str:
        return f"{self.days:g} days or {self.megabytes:g} MB"


@dataclass(frozen=True)
class OutputsConfig:
    """Which outputs are on. An empty config is valid: nothing goes out."""

    line: str = field(default_factory=default_line_name)
    mqtt: MqttTarget | None = None
    opcua: OpcUaTarget | None = None
    webhook: WebhookTarget | None = None
    bound: OutboxBound = field(default_factory=OutboxBound)
    station: str = ""
    """The station these outputs speak for (empty: a line of one station): its MQTT topics, its webhook events
    and its OPC UA object name it."""

    @property
    def any(self) -> bool:
        return any((self.mqtt, self.opcua, self.webhook))

    @property
    def queued(self) -> tuple[str, ...]:
        """The outputs whose events go through the outbox (OPC UA shows the present state: nothing to queue)."""
        return tuple(name for name, target in (("mqtt", self.mqtt), ("webhook", self.webhook)) if target)


def outputs_config(line: str | None = None, mqtt: str | None = None, mqtt_user: str | None = None,
                   mqtt_password: str | None = None, mqtt_ca: Path | str | None = None, opcua: str | None = None,
                   opcua_user: str | None = None, opcua_password: str | None = None, webhook: str | None = None,
                   outbox_days: float | None = None, outbox_mb: float | None = None) -> OutputsConfig:  # fmt: skip
    """A config from what a user typed (options or the dialog's fields); empty texts mean "off"."""
    return OutputsConfig(
        line=topic_level(line) if line and line.strip() else default_line_name(),
        mqtt=parse_mqtt_url(mqtt, mqtt_user, mqtt_password, mqtt_ca) if mqtt and mqtt.strip() else None,
        opcua=parse_opcua_url(opcua, opcua_user, opcua_password) if opcua and opcua.strip() else None,
        webhook=parse_webhook_url(webhook) if webhook and webhook.strip() else None,
        bound=OutboxBound(outbox_days or OutboxBound.days, outbox_mb or OutboxBound.megabytes),
    )
