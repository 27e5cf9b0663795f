"""Try the built bundle as an operator's PC would run it, with nothing from this checkout on its path.

1. The bundle holds the window's translations; the window (offscreen, in Japanese, on a PC whose fonts draw no
   Japanese: tests/fontless.py) on the demo line until a few parts have been judged: exit code 0, the parts in the
   inspection log of a fresh data folder, and the time from start to the first verdict. On the same PC, every text
   of the Japanese window has a glyph (``fonts``: the shipped font draws it), and the Japanese shift report of those
   parts carries its Japanese text in the font it embeds (pdffonts, pdftotext).
2. The console program: a headless run of the demo line with its verdicts to a webhook (a local receiver) and an
   OPC UA server (asyncua must be in the bundle), a training of the default model on a few demo cookies
   (what the window's retrain button runs: the ImageNet backbone's weights must come from the bundle itself), whose
   model the bundle then evaluates, and a one-epoch training of the pixel network.
3. On Linux, packaging/linux/install.sh into a throwaway prefix: the menu entry starts an installed program, its
   icon is installed, and the command put on the PATH runs.

The line bundle (``--line``, dist/cookie-inspector-line: LiteRT, no TensorFlow) gets 1 too, then its console program:
no TensorFlow in the bundle, ``info`` says the shipped model runs with LiteRT, the headless run with its outputs as
above, an evaluation of the shipped model on demo cookies (every image inspected with LiteRT), and ``train`` refused
with a message that says where to train (exit code 4).

    .venv/bin/python packaging/smoke_test.py [--bundle dist/cookie-inspector] [--parts 3]
    .venv/bin/python packaging/smoke_test.py --line [--bundle dist/cookie-inspector-line]

Prints one JSON summary line and exits non-zero, saying why, when anything fails.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.fontless import environment_without_cjk  # noqa: E402 - a PC without a Japanese font, for any bundle

WINDOW_PROGRAM = "CookieInspector"
CLI_PROGRAM = "cookie-inspector-cli"


class SmokeFailure(Exception):
    pass


def program(bundle: Path, name: str) -> Path:
    path = bundle / (name + (".exe" if sys.platform.startswith("win") else ""))
    if not path.is_file():
        raise SmokeFailure(f"{path} is missing: build the bundle first (packaging/build.sh)")
    return path


def clean_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, a throwaway home (settings, data) and no hint of this checkout or its Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COOKIE_INSPECTOR", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), TF_CPP_MIN_LOG_LEVEL="2")  # fmt: skip
    return env


def logged_parts(log: Path) -> int:
    if not log.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{log}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM parts").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet, or being written


def check_translations(bundle: Path) -> dict:
    """The window's translations travel in the bundle (the window below runs in Japanese)."""
    found = sorted(p.name for p in bundle.rglob("cookie_inspector_*.qm"))
    if found != ["cookie_inspector_en.qm", "cookie_inspector_ja.qm"]:
        raise SmokeFailure(f"the bundle's translations are {found or 'missing'}")
    return {"translations": found}


def fontless_env(work: Path) -> dict[str, str]:
    """The operator's environment on a PC whose fonts draw no Japanese (even where this machine has such a font)."""
    return environment_without_cjk(work / "fontless", base=clean_env(work / "home"))


def run_window(bundle: Path, work: Path, parts: int, timeout: float) -> dict:
    data = work / "window-data"
    log = data / "inspections.sqlite3"
    command = [str(program(bundle, WINDOW_PROGRAM)), "run", "--parts", str(parts), "--data-dir", str(data),
               "--language", "ja"]  # fmt: skip
    started = time.monotonic()
    first = None
    with open(work / "window.log", "wb") as output:
        process = subprocess.Popen(command, cwd=work, env=fontless_env(work), stdout=output,
                                   stderr=subprocess.STDOUT)  # fmt: skip
        while process.poll() is None:
            if first is None and logged_parts(log) > 0:
                first = time.monotonic() - started
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                raise SmokeFailure(f"the window did not finish {parts} parts in {timeout:.0f} s; see {work}/window.log")
            time.sleep(0.1)
    seconds = time.monotonic() - started
    tail = (work / "window.log").read_text(errors="replace")[-2000:]
    if process.returncode != 0:
        raise SmokeFailure(f"the window exited with {process.returncode}:\n{tail}")
    count = logged_parts(log)
    if count < parts:
        raise SmokeFailure(f"the window judged only {count} of {parts} parts:\n{tail}")
    return {"window_parts": count, "window_first_verdict_s": round(first or seconds, 1),
            "window_total_s": round(seconds, 1)}  # fmt: skip


def run_cli(bundle: Path, work: Path, args: list[str], timeout: float, ok=(0,),
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:  # fmt: skip
    command = [str(program(bundle, CLI_PROGRAM)), *args]
    try:
        done = subprocess.run(command, cwd=work, env=env or clean_env(work / "home"), capture_output=True, text=True,
                              timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise SmokeFailure(f"{' '.join(args[:2])} did not finish in {timeout:.0f} s") from None
    if done.returncode not in ok:
        raise SmokeFailure(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr[-2000:]}")
    return done


def check_japanese(bundle: Path, work: Path, timeout: float) -> dict:
    """On a PC without a Japanese font: every text of the Japanese window has a glyph, and the Japanese report of the
    window's parts embeds the shipped font and carries its Japanese text."""
    env = fontless_env(work)
    done = run_cli(bundle, work, ["fonts", "--language", "ja", "--json"], timeout, env=env)
    fonts = json.loads(done.stdout.splitlines()[-1])
    if fonts["japanese_drawn_with"] != ["IPAexGothic"] or fonts["undrawable"] or fonts["window_texts"] < 100:
        raise SmokeFailure(f"the Japanese window cannot be drawn without a Japanese font of the system's: {fonts}")
    pdf = work / "report-ja.pdf"
    run_cli(bundle, work, ["report", "--data-dir", str(work / "window-data"), "--out", str(pdf), "--language", "ja"],
            timeout, env=env)  # fmt: skip
    summary = {"japanese_window_texts": fonts["window_texts"], "japanese_report_kb": round(pdf.stat().st_size / 1024)}
    if shutil.which("pdffonts") and shutil.which("pdftotext"):
        embedded = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in embedded.splitlines() if "IPAexGothic" in line]
        if not rows or any(row[-5] != "yes" for row in rows) or "シフトレポート" not in text:
            raise SmokeFailure(f"the Japanese report lacks its font or its text:\n{embedded}\n{text[:500]}")
        summary["japanese_report_kana"] = len(re.findall(r"[\u3040-\u30ff]", text))
    elif b"IPAexGothic" not in pdf.read_bytes():
        raise SmokeFailure("the Japanese report does not embed the shipped font")
    return summary


class _Receiver(BaseHTTPRequestHandler):
    """The webhook's receiver for the headless run: keeps each POSTed event."""

    events: list[dict] = []

    def do_POST(self):  # noqa: N802 - the standard library's name
        _Receiver.events.append(json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0)))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_headless(bundle: Path, work: Path, parts: int, timeout: float) -> dict:
    """The demo line, headless, its verdicts to a webhook (a local receiver) and an OPC UA server."""
    started = time.monotonic()
    _Receiver.events = []
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    outputs = ["--webhook", f"http://127.0.0.1:{receiver.server_address[1]}/events",
               "--opcua", f"opc.tcp://127.0.0.1:{_free_port()}"]  # fmt: skip
    try:
        # exit code 1: a part was NG, which the demo line's defective cookies may well be
        done = run_cli(bundle, work, ["run", "--headless", "--fast", "--parts", str(parts), "--data-dir", "headless",
                                      *outputs], timeout, ok=(0, 1))  # fmt: skip
    finally:
        receiver.shutdown()
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"part"')]
    if len(lines) < parts:
        raise SmokeFailure(f"the headless run printed {len(lines)} of {parts} parts:\n{done.stdout[-2000:]}")
    if len(_Receiver.events) != len(lines) or "OPC UA: connected" not in done.stderr:
        raise SmokeFailure(f"the line outputs of the bundle: {len(_Receiver.events)} of {len(lines)} events at the "
                           f"webhook; OPC UA said:\n{done.stderr[-2000:]}")  # fmt: skip
    return {"headless_parts": len(lines), "headless_webhook_events": len(_Receiver.events),
            "headless_s": round(time.monotonic() - started, 1)}  # fmt: skip


def run_console(bundle: Path, work: Path, parts: int, timeout: float) -> dict:
    summary = run_headless(bundle, work, parts, timeout)
    started = time.monotonic()
    run_cli(bundle, work, ["demo-data", "cookies", "--train", "24", "--test-good", "4", "--test-defect", "4"], timeout)
    trained = run_cli(bundle, work, ["train", "cookies/train/good", "--out", "model", "--progress", "json"], timeout)
    if '"family": "features"' not in trained.stdout:
        raise SmokeFailure(f"the default model is not a feature model:\n{trained.stdout[-2000:]}")
    report = run_cli(bundle, work, ["evaluate", "model", "cookies", "--json", "figures.json"], timeout)
    figures = json.loads((work / "figures.json").read_text())
    if "image_auroc" not in figures:
        raise SmokeFailure(f"the bundle's evaluate wrote no figures:\n{report.stdout[-2000:]}")
    run_cli(bundle, work, ["train", "cookies/train/good", "--out", "pixel", "--arch", "pixel", "--epochs", "1"],
            timeout)  # fmt: skip
    return {**summary, "train_and_evaluate_s": round(time.monotonic() - started, 1)}


def run_line_console(bundle: Path, work: Path, parts: int, timeout: float) -> dict:
    """The line bundle's console program: inspects with LiteRT, refuses to train, carries no TensorFlow."""
    heavy = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*")
                   if p.is_dir() and p.name in ("tensorflow", "keras"))  # fmt: skip
    if heavy:
        raise SmokeFailure(f"the line bundle carries {heavy}")
    shipped = next(bundle.rglob("demo_model"), None)
    if shipped is None or not (shipped / "model.tflite").is_file():
        raise SmokeFailure("the line bundle's shipped model has no LiteRT export (model.tflite)")
    info = run_cli(bundle, work, ["info", str(shipped)], timeout)
    if "runs with      LiteRT" not in info.stdout:
        raise SmokeFailure(f"info does not say the shipped model runs with LiteRT:\n{info.stdout[-2000:]}")
    summary = run_headless(bundle, work, parts, timeout)
    started = time.monotonic()
    run_cli(bundle, work, ["demo-data", "cookies", "--train", "5", "--test-good", "6", "--test-defect", "6"], timeout)
    report = run_cli(bundle, work, ["evaluate", str(shipped), "cookies", "--json", "figures.json"], timeout)
    figures = json.loads((work / "figures.json").read_text())
    if "image_auroc" not in figures:
        raise SmokeFailure(f"the line bundle's evaluate wrote no figures:\n{report.stdout[-2000:]}")
    refused = run_cli(bundle, work, ["train", "cookies/train/good", "--out", "model"], timeout, ok=(4,))
    if "inspects without TensorFlow, which training needs" not in refused.stderr or "Traceback" in refused.stderr:
        raise SmokeFailure(f"train in the line bundle did not say what it lacks:\n{refused.stderr[-2000:]}")
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    return {**summary, "evaluate_image_auroc": figures["image_auroc"],
            "evaluate_s": round(time.monotonic() - started, 1), "line_bundle_mb": round(size / 2**20)}  # fmt: skip


def run_install(bundle: Path, work: Path, timeout: float) -> dict:
    prefix = work / "prefix"
    started = time.monotonic()
    env = clean_env(work / "home") | {"PREFIX": str(prefix)}
    done = subprocess.run(["bash", str(ROOT / "packaging" / "linux" / "install.sh"), str(bundle)], env=env,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip
    if done.returncode != 0:
        raise SmokeFailure(f"install.sh exited with {done.returncode}:\n{done.stderr[-2000:]}")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(prefix / "share" / "applications" / "cookie-inspector.desktop")
    if "Desktop Entry" not in entry:
        raise SmokeFailure("install.sh wrote no desktop entry")
    section = entry["Desktop Entry"]
    program_path = Path(section.get("Exec", "").strip('"'))
    icon = prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / (section.get("Icon", "") + ".png")
    if not (program_path.is_file() and os.access(program_path, os.X_OK)) or not icon.is_file():
        raise SmokeFailure(f"the desktop entry points at {program_path} and {icon}: not both there")
    version = subprocess.run([str(prefix / "bin" / "cookie-inspector"), "--version"], env=env, capture_output=True,
                             text=True, timeout=timeout)  # fmt: skip
    if version.returncode != 0 or "cookie-inspector" not in version.stdout:
        raise SmokeFailure(f"the installed command did not run: {version.stderr[-2000:]}")
    return {"install_s": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, help="the bundle (dist/cookie-inspector, or -line with --line)")
    parser.add_argument("--line", action="store_true", help="the line bundle: LiteRT, no TensorFlow, no training")
    parser.add_argument("--parts", type=int, default=3, help="parts the window must judge (default: 3)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed for each step (default: 300)")
    args = parser.parse_args(argv)
    bundle = (args.bundle or ROOT / "dist" / ("cookie-inspector-line" if args.line else "cookie-inspector")).resolve()
    with tempfile.TemporaryDirectory(prefix="ci-smoke-") as tmp:
        work = Path(tmp)
        try:
            summary = {"bundle": str(bundle)}
            summary.update(check_translations(bundle))
            summary.update(run_window(bundle, work, args.parts, args.timeout))
            summary.update(check_japanese(bundle, work, args.timeout))
            if args.line:
                summary.update(run_line_console(bundle, work, args.parts, args.timeout))
            else:
                summary.update(run_console(bundle, work, args.parts, args.timeout))
            if sys.platform.startswith("linux") and not args.line:
                summary.update(run_install(bundle, work, args.timeout))
        except SmokeFailure as exc:
            print(f"smoke test failed: {exc}", file=sys.stderr)
            return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
