"""The line's state as an OPC UA server, for a PLC or a SCADA to read: counts, the last verdict, the alarm.

One object ``CookieInspector`` (namespace ``urn:cookie-inspector``) with read-only variables, each also reachable
by a string node id ``ns=<idx>;s=CookieInspector.<Name>``, and the method ``AcknowledgeAlarm``, which acknowledges
as the window's button does. Several stations share one server: each is the object ``CookieInspector.<station>``
with the same variables and method. Anyone may read; when a user is configured, only that user may call the method.

The server runs its own asyncio loop on its own thread; :meth:`OpcUaServer.update` hands new values over without
waiting, so the inspection never waits for a client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from asyncua import Server, ua
from asyncua.crypto.permission_rules import USER_TYPES, PermissionRuleset, User, UserRole

from cookie_inspector.core.line.outputs.config import OpcUaTarget
from cookie_inspector.core.line.outputs.sender import OutputStatus

NAMESPACE = "urn:cookie-inspector"
OBJECT = "CookieInspector"
VARIABLES: dict[str, tuple[str, Any]] = {
    # name: (OPC UA type, value before the first part)
    "PartCount": ("Int64", 0),
    "NgCount": ("Int64", 0),
    "LastVerdict": ("String", ""),
    "LastScore": ("Double", 0.0),
    "LastNormalizedScore": ("Double", 0.0),
    "Threshold": ("Double", 0.0),
    "LastEventId": ("String", ""),
    "Alarm": ("Boolean", False),
    "Running": ("Boolean", False),
    "ModelName": ("String", ""),
    "LineName": ("String", ""),
    "Teaching": ("String", ""),
    "Product": ("String", ""),
}
"""The variables of the ``CookieInspector`` object, as the README lists them for a PLC programmer."""
METHOD = "AcknowledgeAlarm"
_UNSET = object()
_CALL = ua.NodeId(ua.ObjectIds.CallRequest_Encoding_DefaultBinary)
_WRITE = ua.NodeId(ua.ObjectIds.WriteRequest_Encoding_DefaultBinary)


class _Users:
    """Anyone may connect anonymously; a user name must come with the configured password."""

    def __init__(self, username: str | None, password: str | None) -> None:
        self.username, self.password = username, password

    def get_user(self, iserver, username=None, password=None, certificate=None) -> User | None:
        if not username:
            return User(role=UserRole.Anonymous)
        if self.username is not None and username == self.username and password == self.password:
            return User(role=UserRole.User, name=username)
        return None  # a wrong password is refused, not taken for anonymous


class _Rules(PermissionRuleset):
    """Reading, browsing and subscribing for everyone; calling (and writing) for everyone unless ``restricted``,
    then for the configured user only."""

    def __init__(self, restricted: bool) -> None:
        self._everyone = set(map(ua.NodeId, USER_TYPES))
        self._anonymous = self._everyone - {_CALL, _WRITE} if restricted else self._everyone

    def check_validity(self, user, action_type_id, body) -> bool:
        allowed = self._anonymous if user is None or user.role is UserRole.Anonymous else self._everyone
        return action_type_id in allowed


class OpcUaServer:
    """One station's object on the OPC UA server of its endpoint: ``start`` (returns at once; the status says when
    it listens), ``update(Name=value, ...)``, ``close``. ``on_acknowledge()`` is called on the server's thread when a
    client acknowledges this station's alarm.

    A line of one station is the object ``CookieInspector``; the stations of one PC share one server (one port) and
    each is the object ``CookieInspector.<station>``, its variables ``CookieInspector.<station>.<Name>``.
    """

    title = "OPC UA"

    def __init__(self, target: OpcUaTarget, line: str, on_acknowledge: Callable[[], None] | None = None,
                 on_change: Callable[[OutputStatus], None] | None = None, station: str = "") -> None:  # fmt: skip
        self.target = target
        self.station = station
        self.object = f"{OBJECT}.{station}" if station else OBJECT
        """The object's node id (string); its variables' are ``<object>.<Name>``."""
        self.on_acknowledge = on_acknowledge
        self.on_change = on_change
        self._values: dict[str, Any] = {name: value for name, (_, value) in VARIABLES.items()}
        self._values["LineName"] = line
        self._nodes: dict[str, Any] = {}
        self._node: Any = None
        self._written: dict[str, Any] = {}
        """What the address space holds now (the server's thread only)."""
        self._endpoint: _Endpoint | None = None
        self._status = OutputStatus(self.title, "connecting", 0, target.describe())
        self._settled = threading.Event()

    def status(self) -> OutputStatus:
        return self._status

    def _set(self, state: str, detail: str) -> None:
        self._status = OutputStatus(self.title, state, 0, detail)
        self._settled.set()
        if self.on_change:
            self.on_change(self._status)

    @property
    def running(self) -> bool:
        return self._endpoint is not None and self._endpoint.running

    def start(self) -> None:
        self._endpoint = _Endpoint.join(self)

    def wait_ready(self, timeout: float = 20.0) -> OutputStatus:
        """Wait until the server listens or failed (for tests and the headless start)."""
        self._settled.wait(timeout)
        return self._status

    def update(self, **values: Any) -> None:
        """New values for some variables (thread-safe, never waits)."""
        self._values.update(values)
        if self._endpoint is not None:
            self._endpoint.call(self._push, dict(values))

    def close(self, timeout: float = 5.0) -> None:
        endpoint, self._endpoint = self._endpoint, None
        if endpoint is not None:
            endpoint.leave(self, timeout)

    # -- the server's thread --------------------------------------------------------------------------------------
    def _push(self, values: dict[str, Any]) -> None:
        """Write the values that changed, in one task, straight into the address space (what subscribed clients
        see at once); each part's update is a handful of values."""
        changed = {name: value for name, value in values.items() if self._written.get(name, _UNSET) != value}
        endpoint = self._endpoint
        if changed and self._nodes and endpoint is not None and endpoint.server is not None:
            self._written.update(changed)
            asyncio.ensure_future(self._write(endpoint.server, changed))

    async def _write(self, server: Server, values: dict[str, Any]) -> None:
        now = datetime.now(UTC)
        for name, value in values.items():
            node = self._nodes.get(name)
            if node is not None:
                data = ua.DataValue(self._variant(name, value), SourceTimestamp=now, ServerTimestamp=now)
                await server.write_attribute_value(node.nodeid, data)

    @staticmethod
    def _variant(name: str, value: Any) -> ua.Variant:
        kind = VARIABLES[name][0]
        cast = {"Int64": int, "Double": float, "Boolean": bool, "String": str}[kind]
        return ua.Variant(cast(value), getattr(ua.VariantType, kind))

    async def _add_to(self, server: Server, index: int) -> None:
        """Make this station's object, its variables and its method in ``server``'s address space."""
        obj = await server.nodes.objects.add_object(ua.NodeId(self.object, index),
                                                    ua.QualifiedName(self.station or OBJECT, index))  # fmt: skip
        for name in VARIABLES:
            self._nodes[name] = await obj.add_variable(ua.NodeId(f"{self.object}.{name}", index),
                                                       ua.QualifiedName(name, index),
                                                       self._variant(name, self._values[name]))  # fmt: skip
        await obj.add_method(ua.NodeId(f"{self.object}.{METHOD}", index), ua.QualifiedName(METHOD, index),
                             self._acknowledge, [], [ua.VariantType.Boolean])  # fmt: skip
        self._node = obj
        self._written = {}
        self._push(dict(self._values))  # what changed while the object was being made

    async def _remove_from(self, server: Server) -> None:
        if self._node is not None:
            with contextlib.suppress(Exception):  # the server is closing anyway
                await server.delete_nodes([self._node], recursive=True)
        self._node, self._nodes = None, {}

    async def _acknowledge(self, parent) -> list:
        """AcknowledgeAlarm(): True when there was an alarm to acknowledge."""
        had = bool(self._values["Alarm"])
        self._values["Alarm"] = False
        self._written["Alarm"] = False
        endpoint = self._endpoint
        if endpoint is not None and endpoint.server is not None:
            await self._write(endpoint.server, {"Alarm": False})
        if self.on_acknowledge:
            self.on_acknowledge()
        return [ua.Variant(had, ua.VariantType.Boolean)]


class _Endpoint:
    """The OPC UA server listening on one endpoint, shared by the stations of this process (each its object); it
    runs its own asyncio loop on its own thread, and stops when its last station leaves."""

    _all: dict[tuple[str, int], _Endpoint] = {}
    _all_lock = threading.Lock()

    def __init__(self, target: OpcUaTarget) -> None:
        self.target = target
        self.stations: list[OpcUaServer] = []
        self.server: Server | None = None
        self._index = 0
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def join(cls, station: OpcUaServer) -> _Endpoint:
        key = (station.target.host, station.target.port)
        with cls._all_lock:
            endpoint = cls._all.get(key)
            if endpoint is None or not endpoint.running:
                endpoint = cls._all[key] = cls(station.target)
                endpoint.stations.append(station)
                endpoint._thread = threading.Thread(target=endpoint._run, name="cookie-inspector-opcua", daemon=True)
                endpoint._thread.start()
                return endpoint
        endpoint._add(station)
        return endpoint

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def call(self, function: Callable, *args: Any) -> None:
        """Run ``function(*args)`` on the server's loop, without waiting (nothing when it is not running)."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(function, *args)

    def _add(self, station: OpcUaServer) -> None:
        with self._lock:
            self.stations.append(station)
            server = self.server
        if server is not None:  # listening already: its object is made now, and it is told so
            self.call(lambda: asyncio.ensure_future(self._bring(station)))
        elif not self.running:
            station._set("failing", f"cannot listen on {self.target.endpoint}")

    async def _bring(self, station: OpcUaServer) -> None:
        await station._add_to(self.server, self._index)
        station._set("connected", self.target.describe())

    def leave(self, station: OpcUaServer, timeout: float) -> None:
        with self._lock:
            if station in self.stations:
                self.stations.remove(station)
            last = not self.stations
        if not last:
            if self.server is not None:
                self.call(lambda: asyncio.ensure_future(station._remove_from(self.server)))
            return
        with self._all_lock:
            if self._all.get((self.target.host, self.target.port)) is self:
                del self._all[(self.target.host, self.target.port)]
        if self._stopping is not None:
            self.call(self._stopping.set)
        if self._thread is not None:
            self._thread.join(timeout)
        station._set("stopped", self.target.endpoint)

    def _say(self, state: str, detail: str) -> None:
        with self._lock:
            stations = list(self.stations)
        for station in stations:
            station._set(state, detail)

    def _run(self) -> None:
        for name in ("asyncua", "asyncua.server", "asyncua.uaprotocol"):
            logging.getLogger(name).setLevel(logging.ERROR)
        try:
            asyncio.run(self._serve())
        except OSError as exc:
            self._say("failing", f"cannot listen on {self.target.endpoint} ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - the line goes on without its OPC UA server, and says so
            self._say("failing", f"{self.target.endpoint}: {type(exc).__name__}: {exc}")
        else:
            self._say("stopped", self.target.endpoint)
        finally:
            self.server = None

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        target = self.target
        server = Server(user_manager=_Users(target.username, target.password))
        await server.init()
        server.set_endpoint(f"opc.tcp://{target.host}:{target.port}/")
        server.set_server_name("Cookie Inspector")
        server.set_security_policy([ua.SecurityPolicyType.NoSecurity],
                                   permission_ruleset=_Rules(restricted=target.username is not None))  # fmt: skip
        server.set_identity_tokens([ua.AnonymousIdentityToken, ua.UserNameIdentityToken])
        self._index = await server.register_namespace(NAMESPACE)
        async with server:
            with self._lock:
                self.server = server  # a station that joins from now on is brought in by _add
                stations = list(self.stations)
            for station in stations:
                await station._add_to(server, self._index)
            for station in stations:
                station._set("connected", target.describe())
            await self._stopping.wait()
