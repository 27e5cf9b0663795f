"""Shared fixtures: small demo-line cookies, one real trained model per session, and a thread-leak guard."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.imagegen import write_good_set  # noqa: E402

TEST_SIZE = 96
"""Model input side for tests: small enough to train in seconds, a multiple of every architecture's stride."""


@pytest.fixture(autouse=True)
def no_leaked_threads():
    """Fail a test that leaves a Python thread running behind it."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not leaked:
            return
        time.sleep(0.05)
    pytest.fail(f"test leaked threads: {[t.name for t in leaked]}")


@pytest.fixture(scope="session")
def good_samples(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("samples") / "good"
    write_good_set(folder, 30, seed=1, size=TEST_SIZE)
    return folder


@pytest.fixture(scope="session")
def trained_bundle_dir(tmp_path_factory, good_samples) -> Path:
    """A real pixel autoencoder (the first release's network) trained for real on demo-line good cookies."""
    from cookie_inspector.core.model.training import TrainingConfig, train

    out = tmp_path_factory.mktemp("models") / "cookies"
    train(good_samples, out, TrainingConfig(architecture="pixel", epochs=40, size=TEST_SIZE, seed=3))
    return out


@pytest.fixture(scope="session")
def feature_bundle_dir(tmp_path_factory, good_samples) -> Path:
    """A real feature model with both heads (ImageNet features, the Gaussian and the memory: ``feature-ensemble``, as
    the shipped model) fitted on demo-line good cookies. The default's choice has a fixture of its own
    (``auto_bundle_dir``)."""
    from cookie_inspector.core.model.training import TrainingConfig, train

    out = tmp_path_factory.mktemp("models") / "features"
    train(good_samples, out, TrainingConfig(architecture="feature-ensemble", size=TEST_SIZE, seed=3))
    return out


@pytest.fixture
def small_disk(tmp_path):
    """A real 3 MB file system (a tmpfs) at ``tmp_path / "disk"``: what a full disk does, not a fake of it. Mounting
    needs root (CI runs as root); elsewhere the tests that need it are skipped, saying why."""
    import shutil
    import subprocess

    target = tmp_path / "disk"
    target.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs a 3 MB tmpfs, and mounting one needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(target)], capture_output=True,
                             text=True)  # fmt: skip
    if mounted.returncode:
        pytest.skip(f"cannot mount a 3 MB tmpfs here: {mounted.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.fixture
def broker(tmp_path):
    """A real mosquitto on a free loopback port (Debian's ``mosquitto``; ``.ci/run`` installs it), stopped after."""
    from tests.services import MOSQUITTO, Broker

    if MOSQUITTO is None:
        pytest.skip("mosquitto is not installed (apt-get install mosquitto; .ci/run does it as root)")
    running = Broker(tmp_path / "broker").start()
    yield running
    running.stop()


@pytest.fixture
def webhook_receiver():
    """A real HTTP server on a free loopback port that keeps every POSTed event."""
    from tests.services import WebhookReceiver

    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """The data folder of a real headless run of the demo line (16 parts with the shipped model: a real log with
    NG parts and their pictures). Copy it before writing to it."""
    folder = tmp_path_factory.mktemp("demo-run") / "data"
    done = subprocess.run([sys.executable, "-m", "cookie_inspector", "run", "--headless", "--fast", "--parts", "16",
                           "--data-dir", str(folder)], capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr  # 1: some part was NG, as the demo line's defects make it
    return folder


@pytest.fixture(scope="session")
def auto_bundle_dir(tmp_path_factory, good_samples) -> Path:
    """The default model for real: the head and score chosen for demo-line cookies from 30 good ones; its training's
    events beside it (``events.json``)."""
    import json

    from cookie_inspector.core.model.training import TrainingConfig, train

    out = tmp_path_factory.mktemp("auto") / "model"
    events: list[dict] = []
    train(good_samples, out, TrainingConfig(architecture="default", size=TEST_SIZE, seed=2), progress=events.append)
    (out.parent / "events.json").write_text(json.dumps(events))
    return out
