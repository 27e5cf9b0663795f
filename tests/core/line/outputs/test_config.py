"""What a user types for the outputs: good URLs become targets, bad ones say what is wrong, passwords never show."""

from pathlib import Path

import pytest

from cookie_inspector.core.errors import OutputError
from cookie_inspector.core.line.outputs.config import (
    ENV_MQTT_PASSWORD,
    OutboxBound,
    outputs_config,
    parse_mqtt_url,
    parse_opcua_url,
    parse_webhook_url,
)


def test_mqtt_urls_give_host_port_prefix_and_tls():
    plain = parse_mqtt_url("mqtt://broker.local")
    assert (plain.host, plain.port, plain.prefix, plain.tls) == ("broker.local", 1883, "cookie-inspector", False)
    assert plain.topic("line-3", "parts") == "cookie-inspector/line-3/parts"
    secure = parse_mqtt_url("mqtts://10.0.0.5:8884/plant/hall-2/")
    assert (secure.port, secure.prefix, secure.tls) == (8884, "plant/hall-2", True)


def test_passwords_come_from_options_url_or_environment_and_are_never_shown(monkeypatch):
    target = parse_mqtt_url("mqtt://operator:s3cret@broker:1883")
    assert (target.username, target.password) == ("operator", "s3cret")
    assert "s3cret" not in target.describe() and "s3cret" not in repr(target)
    monkeypatch.setenv(ENV_MQTT_PASSWORD, "from-env")
    assert parse_mqtt_url("mqtt://broker", username="u").password == "from-env"
    assert parse_mqtt_url("mqtt://broker", username="u", password="given").password == "given"
    with pytest.raises(OutputError) as error:
        parse_mqtt_url("http://u:topsecret@broker")
    assert "topsecret" not in str(error.value) and "mqtt://HOST:PORT" in str(error.value)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mqtt://", "no host"),
        ("mqtt://broker:99999", "port"),
        ("mqtt://broker/a/+/b", "prefix"),
        ("broker:1883", "mqtt://HOST:PORT"),
    ],
)
def test_bad_mqtt_urls_say_what_is_wrong(url: str, says: str):
    with pytest.raises(OutputError, match=says.replace("+", r"\+")):
        parse_mqtt_url(url)


def test_a_ca_file_needs_tls_and_must_exist(tmp_path: Path):
    with pytest.raises(OutputError, match="mqtts://"):
        parse_mqtt_url("mqtt://broker", ca_file=tmp_path / "ca.pem")
    with pytest.raises(OutputError, match="does not exist"):
        parse_mqtt_url("mqtts://broker", ca_file=tmp_path / "ca.pem")


def test_opcua_and_webhook_urls():
    opcua = parse_opcua_url("opc.tcp://0.0.0.0:4841")
    assert opcua.endpoint == "opc.tcp://0.0.0.0:4841" and opcua.username is None
    with pytest.raises(OutputError, match="opc.tcp://HOST:PORT"):
        parse_opcua_url("tcp://plc:4840")
    with pytest.raises(OutputError, match="needs a password"):
        parse_opcua_url("opc.tcp://0.0.0.0:4840", username="engineer")
    assert parse_webhook_url(" https://mes.local/hook ").url == "https://mes.local/hook"
    with pytest.raises(OutputError, match="http"):
        parse_webhook_url("ftp://mes.local/hook")


def test_a_config_from_typed_fields():
    config = outputs_config(line="Line 7", mqtt="mqtt://b", webhook="", opcua=None, outbox_days=2, outbox_mb=5)
    assert config.line == "Line-7" and config.queued == ("mqtt",) and config.any
    assert config.bound == OutboxBound(2, 5)
    assert not outputs_config().any and outputs_config().line  # the host name by default
    with pytest.raises(OutputError, match="topic level"):
        outputs_config(line="hall/7")
    with pytest.raises(OutputError, match="positive"):
        OutboxBound(0, 5)
