"""A real MJPEG stream served over HTTP by ffmpeg on 127.0.0.1: a stalled server (paused with SIGSTOP, its TCP
connection still open, no frames) is noticed within the stream read timeout and the line reconnects by itself when
the server resumes, saying so; the libraries' own lines stay out of what the user reads."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from cookie_inspector.core.frames.capture import STREAM_TIMEOUT_MS, VideoCaptureSource
from cookie_inspector.core.line.live import Backoff, LinePipeline

FFMPEG = shutil.which("ffmpeg")
pytestmark = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg is not installed (Debian: apt-get install ffmpeg)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MjpegServer:
    """ffmpeg serving a test pattern as MJPEG over HTTP, one client per ffmpeg process (as ``-listen 1`` does),
    started again when a client has gone: a camera's web server that takes the next connection."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/stream.mjpg"
        self.process: subprocess.Popen | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self.starts = 0

    def _serve(self) -> None:
        while not self._stop.is_set():
            self.process = subprocess.Popen(
                [FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "quiet", "-re", "-f", "lavfi",
                 "-i", "testsrc=size=320x240:rate=15", "-f", "mpjpeg", "-listen", "1", self.url],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            self.starts += 1
            while self.process.poll() is None and not self._stop.is_set():
                time.sleep(0.05)
            time.sleep(0.1)

    def __enter__(self) -> MjpegServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(5)
        self._thread.join(5)


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_stalled_stream_is_noticed_within_the_read_timeout_and_recovers_when_the_server_resumes():
    statuses: list[tuple[float, str, str]] = []
    with MjpegServer(free_port()) as server:
        source = VideoCaptureSource(server.url)
        pipeline = LinePipeline(source, None, on_status=lambda s, m: statuses.append((time.monotonic(), s, m)),
                                backoff=Backoff(first=0.5, longest=1.0))  # fmt: skip
        pipeline.start()
        try:
            assert wait_for(lambda: pipeline.frames_captured >= 15, 30), statuses
            stalled = server.process
            stalled.send_signal(signal.SIGSTOP)  # the TCP connection stays open, no frame comes
            paused_at = time.monotonic()
            captured = pipeline.frames_captured

            def since(state: str, moment: float) -> list[tuple[float, str]]:
                return [(t, m) for t, s, m in statuses if s == state and t >= moment]

            assert wait_for(lambda: since("retrying", paused_at), 30), statuses
            noticed_at, message = since("retrying", paused_at)[0]
            # a few frames were still in the sockets' buffers; then the read waits the timeout, not FFmpeg's 30 s
            assert noticed_at - paused_at < STREAM_TIMEOUT_MS / 1000 + 3, f"after {noticed_at - paused_at:.1f} s"
            assert message.startswith(f"{server.url}: no frame") and "trying again" in message
            time.sleep(2)
            assert not since("reconnected", paused_at)  # nothing comes from a paused server
            resumed_at = time.monotonic()
            stalled.send_signal(signal.SIGCONT)  # it finds its client gone and ends; the next one serves
            assert wait_for(lambda: since("reconnected", resumed_at), 30), statuses
            assert wait_for(lambda: pipeline.frames_captured >= captured + 15, 30)
            said = since("reconnected", resumed_at)[0][1]
            assert said.startswith(f"{server.url}: reconnected after"), said
            assert pipeline.state == "running"
        finally:
            pipeline.stop()
    assert server.starts >= 2


def test_the_libraries_own_lines_stay_out_of_the_messages():
    """A refused stream: the run says what is wrong in its own words, without FFmpeg's or OpenCV's lines."""
    url = f"http://127.0.0.1:{free_port()}/stream.mjpg"  # nobody listens there
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENCV_", "COOKIE_INSPECTOR_DEBUG"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "cookie_inspector", "run", "--headless", "--source", url, "--no-log"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        assert wait_for(lambda: sum("trying again" in line for line in lines) >= 2, 60), lines
        assert process.poll() is None  # it keeps trying
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
        reader.join(10)
    err = "".join(lines)
    assert f"{url}: the stream cannot be opened; trying again in" in err
    for noise in ("[tcp @", "[http @", "WARN:", "Connection refused", "VIDEOIO"):
        assert noise not in err, err
