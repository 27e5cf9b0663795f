"""The *Line outputs* dialog: where every verdict goes besides the window (MQTT, a webhook, an OPC UA server), and
the status-bar label that says how each output is doing.

What the dialog holds is remembered (QSettings group ``outputs``) except the passwords, which are never written to
disk: they come from the environment (``$COOKIE_INSPECTOR_MQTT_PASSWORD``, ``$COOKIE_INSPECTOR_OPCUA_PASSWORD``) or
are typed here for this session.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.line.outputs.config import OutboxBound, OutputsConfig, default_line_name, outputs_config
from cookie_inspector.core.line.outputs.sender import OutputStatus
from cookie_inspector.gui.messages import engine_text

FIELDS = ("line", "mqtt", "mqtt_user", "mqtt_ca", "webhook", "opcua", "opcua_user")
"""The remembered fields (``outputs/<name>``); the passwords are not among them."""


def remembered_config(settings: QSettings, passwords: dict[str, str] | None = None) -> OutputsConfig:
    """The outputs remembered from the last session (none: an empty config). A remembered value that no longer
    parses is an :class:`OutputError`."""
    values = {name: str(settings.value(f"outputs/{name}") or "") for name in FIELDS}
    days = float(settings.value("outputs/outbox_days") or OutboxBound.days)
    megabytes = float(settings.value("outputs/outbox_mb") or OutboxBound.megabytes)
    return outputs_config(**values, **(passwords or {}), outbox_days=days, outbox_mb=megabytes)


class LineOutputsDialog(QDialog):
    """Edit the outputs; :attr:`config` is what OK accepted (checked: a mistyped URL keeps the dialog open)."""

    def __init__(self, settings: QSettings, statuses: list[OutputStatus], parent: QWidget | None = None,
                 passwords: dict[str, str] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.settings = settings
        self.config: OutputsConfig | None = None
        self.setWindowTitle(self.tr("Line outputs"))
        self.edits: dict[str, QLineEdit] = {}
        passwords = passwords or {}

        def edit(name: str, placeholder: str, secret: bool = False) -> QLineEdit:
            line = QLineEdit(passwords.get(name, "") if secret else str(settings.value(f"outputs/{name}") or ""))
            line.setPlaceholderText(placeholder)
            line.setObjectName(name)
            line.setClearButtonEnabled(True)
            if secret:
                line.setEchoMode(QLineEdit.EchoMode.Password)
            self.edits[name] = line
            return line

        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Every part's verdict can also go to the plant floor. Events wait in an outbox in "
                               "the data folder until each output has acknowledged them, so a broker or network that "
                               "is down loses nothing. Leave a field empty to turn that output off."))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QFormLayout()
        general.addRow(self.tr("Line name"), edit("line", default_line_name()))
        layout.addLayout(general)

        mqtt = QGroupBox(self.tr("MQTT"))
        form = QFormLayout(mqtt)
        form.addRow(self.tr("Broker"), edit("mqtt", "mqtt://broker:1883/cookie-inspector"))
        form.addRow(self.tr("User"), edit("mqtt_user", self.tr("optional")))
        form.addRow(self.tr("Password"), edit("mqtt_password", self.tr("not saved; or $COOKIE_INSPECTOR_MQTT_PASSWORD"),
                                             secret=True))  # fmt: skip
        form.addRow(self.tr("CA file (mqtts://)"), edit("mqtt_ca", self.tr("optional")))
        layout.addWidget(mqtt)

        hook = QGroupBox(self.tr("Webhook"))
        form = QFormLayout(hook)
        form.addRow(self.tr("URL"), edit("webhook", "http://mes.local/cookie-inspector"))
        layout.addWidget(hook)

        opcua = QGroupBox(self.tr("OPC UA server"))
        form = QFormLayout(opcua)
        form.addRow(self.tr("Endpoint"), edit("opcua", "opc.tcp://0.0.0.0:4840"))
        form.addRow(self.tr("Acknowledging user"), edit("opcua_user", self.tr("optional: anyone may acknowledge")))
        form.addRow(self.tr("Password"), edit("opcua_password", self.tr("not saved; or "
                                                                        "$COOKIE_INSPECTOR_OPCUA_PASSWORD"),
                                             secret=True))  # fmt: skip
        layout.addWidget(opcua)

        bound = QGroupBox(self.tr("Outbox"))
        form = QFormLayout(bound)
        self.days = QDoubleSpinBox()
        self.days.setRange(0.1, 365)
        self.days.setSuffix(self.tr(" days"))
        self.days.setValue(float(settings.value("outputs/outbox_days") or OutboxBound.days))
        self.megabytes = QDoubleSpinBox()
        self.megabytes.setRange(1, 100_000)
        self.megabytes.setSuffix(" MB")
        self.megabytes.setValue(float(settings.value("outputs/outbox_mb") or OutboxBound.megabytes))
        form.addRow(self.tr("Keep undelivered events for at most"), self.days)
        form.addRow(self.tr("and at most (per output)"), self.megabytes)
        layout.addWidget(bound)

        self.status = QLabel(status_html(statuses, short=False) if statuses else self.tr("No output is on."))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c01818; font-weight: bold")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items()}

    def passwords(self) -> dict[str, str]:
        values = self.values()
        return {name: values[name] for name in ("mqtt_password", "opcua_password") if values[name]}

    def accept(self) -> None:  # noqa: D102 - Qt's name
        values = self.values()
        try:
            self.config = outputs_config(**values, outbox_days=self.days.value(), outbox_mb=self.megabytes.value())
        except OutputError as exc:
            self.error.setText(engine_text(str(exc)))
            return
        for name in FIELDS:
            self.settings.setValue(f"outputs/{name}", values[name])
        self.settings.setValue("outputs/outbox_days", self.days.value())
        self.settings.setValue("outputs/outbox_mb", self.megabytes.value())
        super().accept()


STATE_COLOURS = {"connected": "#1a7f1a", "ready": "#1a7f1a", "connecting": "#c05800", "failing": "#c01818",
                 "stopped": "#555555"}  # fmt: skip
MARKS = {"connected": "\u2713", "ready": "\u2713", "connecting": "\u2026", "failing": "\u2717", "stopped": "\u2013"}
"""The status bar's short form of each state (the tooltip and the dialog say it in words)."""


def status_html(statuses: list[OutputStatus], short: bool = True) -> str:
    """The outputs' states, each in its colour (red when failing): ``MQTT \u2713  webhook \u2717 7`` in the status
    bar, ``MQTT: connected  webhook: failing, queued 7: why`` in the dialog."""
    separator = "&nbsp;&nbsp;" if short else "<br>"
    return separator.join(
        f'<span style="color: {STATE_COLOURS.get(s.state, "#555555")}">'
        f"{escape(short_status(s) if short else status_text(s, detail=True))}</span>"
        for s in statuses
    )


def short_status(status: OutputStatus) -> str:
    text = f"{status.name} {MARKS.get(status.state, status.state)}"
    return text + (f" {status.queued}" if status.queued else "")


def status_text(status: OutputStatus, detail: bool = False) -> str:
    """``MQTT: connected``, ``webhook: failing, queued 12`` in the window's language; ``detail``: with why it fails
    or where it is connected."""
    states = {
        "connected": QCoreApplication.translate("Outputs", "connected"),
        "ready": QCoreApplication.translate("Outputs", "ready"),
        "connecting": QCoreApplication.translate("Outputs", "connecting"),
        "failing": QCoreApplication.translate("Outputs", "failing"),
        "stopped": QCoreApplication.translate("Outputs", "stopped"),
    }
    text = f"{status.name}: {states.get(status.state, status.state)}"
    if status.queued:
        text += ", " + QCoreApplication.translate("Outputs", "queued {}").format(status.queued)
    if detail and status.detail:
        text += ": " + (engine_text(status.detail) if status.state == "failing" else status.detail)
    return text


def status_tooltip(statuses: list[OutputStatus]) -> str:
    """Each output in words: where it is connected, or why it is failing, and what waits in its outbox."""
    return "\n".join(status_text(s, detail=True) for s in statuses)
