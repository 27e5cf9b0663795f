"""The line outputs, measured side by side in one run on loopback: what each output sustains, what they cost the
inspection, and how long a verdict takes to reach a subscriber.

1. Events per second each output delivers from a full outbox (``--events`` queued while its receiver was away):
   MQTT to a real mosquitto (QoS 1, each event acknowledged), the webhook to a local HTTP server (one POST each),
   and OPC UA variable updates read back by a real asyncua client.
2. The headless live line (``run --headless``'s pipeline, log on) on a folder of demo cookies, every photo a part,
   inspected as fast as the model goes: parts per second with all three outputs on against all off, in alternating
   rounds (the goal: within 5 %).
3. Latency from the verdict (the part's last frame) to the MQTT subscriber and to the webhook's receiver during
   those rounds: median and p99.

    .venv/bin/python benchmarks/outputs.py [--events 2000] [--photos 120] [--rounds 6]

Needs mosquitto (``apt-get install mosquitto``). Prints a table and writes ``benchmarks/results/outputs.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cookie_inspector.core.judge.inspector import Inspector  # noqa: E402
from cookie_inspector.core.judge.presence import PresenceSettings  # noqa: E402
from cookie_inspector.core.line.live import LinePipeline, LiveSettings  # noqa: E402
from cookie_inspector.core.line.outputs.config import outputs_config  # noqa: E402
from cookie_inspector.core.line.outputs.hub import LineOutputs  # noqa: E402
from cookie_inspector.core.line.outputs.outbox import OutboxWriter  # noqa: E402
from cookie_inspector.core.line.records import InspectionLog  # noqa: E402
from cookie_inspector.core.model.bundle import load_bundle  # noqa: E402
from cookie_inspector.core.resources import demo_model_dir  # noqa: E402
from cookie_inspector.lines import open_source  # noqa: E402
from tests.core.line.outputs.test_opcua import _read  # noqa: E402
from tests.core.line.test_records import _verdict  # noqa: E402
from tests.imagegen import write_good_set  # noqa: E402
from tests.services import MOSQUITTO, Broker, Subscriber, WebhookReceiver, free_port, wait_for  # noqa: E402


def serve_receivers(broker_port: int, ready_file: Path, out_file: Path) -> None:
    """The receiving end, in a process of its own as it would be on another PC: an MQTT subscriber and the
    webhook's HTTP server; on SIGTERM, every arrival (event, time.time()) goes to ``out_file`` as JSON."""
    import signal
    from types import SimpleNamespace

    subscriber = Subscriber(SimpleNamespace(port=broker_port), client_id="bench-subscriber")
    receiver = WebhookReceiver()
    done = []
    signal.signal(signal.SIGTERM, lambda *_: done.append(1))
    ready_file.write_text(receiver.url)
    while not done:
        time.sleep(0.1)
    mqtt = [(json.loads(payload), at) for topic, payload, _, at in subscriber.messages if topic.endswith("/parts")]
    out_file.write_text(json.dumps({"mqtt": mqtt, "webhook": list(zip(receiver.received, receiver.arrived,
                                                                       strict=True))}))  # fmt: skip
    receiver.close()
    subscriber.close()


class Receivers:
    """:func:`serve_receivers` in a child process; ``arrivals()`` stops it and reads what arrived."""

    def __init__(self, work: Path, broker: Broker, name: str) -> None:
        import subprocess

        self.ready, self.out = work / f"{name}.url", work / f"{name}.json"
        self.process = subprocess.Popen([sys.executable, __file__, "--serve-receivers", str(broker.port),
                                         str(self.ready), str(self.out)])  # fmt: skip
        if not wait_for(self.ready.exists, 30):
            raise SystemExit("the receivers did not start")
        time.sleep(0.2)
        self.url = self.ready.read_text()

    def arrivals(self) -> dict:
        self.process.terminate()
        self.process.wait(30)
        return json.loads(self.out.read_text())


def drain_rate(work: Path, events: int, kind: str, url: str) -> float:
    """Queue ``events`` with the receiver away, then time the output emptying the outbox (each event taken off
    only when acknowledged; that every one arrived is checked at the receiver afterwards)."""
    log = InspectionLog(work / f"drain-{kind}")
    log.also_write(OutboxWriter("bench", (kind,), log.folder))
    for n in range(1, events + 1):
        log.record(_verdict(n, 0.3), "bench")
    started = time.perf_counter()
    outputs = LineOutputs(outputs_config(line="bench", **{kind: url}), log)
    outputs.start()
    if not wait_for(lambda: outputs.queued[0].outbox.count(kind) == 0, 600, 0.01):
        raise SystemExit(f"{kind}: the outbox did not empty")
    seconds = time.perf_counter() - started
    outputs.close(drain=0)
    log.close()
    return events / seconds


def opcua_rate(work: Path, events: int) -> float:
    """``events`` parts told to the OPC UA output, until a client reads the last PartCount."""
    url = f"opc.tcp://127.0.0.1:{free_port()}"
    log = InspectionLog(work / "opcua")
    outputs = LineOutputs(outputs_config(line="bench", opcua=url), log)
    outputs.start()
    outputs.opcua.wait_ready()
    verdicts = [_verdict(n, 0.3) for n in range(1, events + 1)]
    started = time.perf_counter()
    for verdict in verdicts:
        outputs.part(verdict, None)
    if not wait_for(lambda: asyncio.run(_read(url, ["PartCount"]))["PartCount"] == events, 300, 0.01):
        raise SystemExit("OPC UA: the last count never showed")
    seconds = time.perf_counter() - started
    outputs.close()
    log.close()
    return events / seconds


def line_round(work: Path, photos: Path, inspector: Inspector, config, name: str) -> tuple[float, int]:
    """One headless run over the photos (lossless: every photo a part); parts per second."""
    log = InspectionLog(work / name)
    outputs = LineOutputs(config, log) if config is not None else None
    if outputs is not None:  # started and connected first: the OPC UA server's start-up (2 s of CPU) is not a round's
        outputs.start()
        outputs.opcua.wait_ready()
        wait_for(lambda: all(s.state in ("connected", "ready") for s in outputs.statuses()), 30)
    parts = []

    def on_part(verdict) -> None:
        record = log.record(verdict, "photos")
        if outputs is not None:
            outputs.part(verdict, record)
        parts.append(verdict)

    settings = LiveSettings(presence=PresenceSettings(mode="every-frame"))
    pipeline = LinePipeline(open_source(str(photos), realtime=False), inspector, settings, on_part=on_part,
                            on_status=outputs.line_state if outputs else None, lossless=True)  # fmt: skip
    started = time.perf_counter()
    pipeline.start()
    pipeline.wait(600)
    seconds = time.perf_counter() - started
    if outputs is not None:
        outputs.close()
    log.close()
    return len(parts) / seconds, len(parts)


def latencies(received: list[tuple[dict, float]]) -> dict:
    """Milliseconds from each part's verdict (its event's time) to its arrival, first arrivals only."""
    seen, values = set(), []
    for event, arrived in received:
        if event["event_id"] in seen:
            continue
        seen.add(event["event_id"])
        values.append((arrived - datetime.fromisoformat(event["time"]).timestamp()) * 1000)
    values.sort()
    return {"n": len(values), "median_ms": round(statistics.median(values), 1),
            "p99_ms": round(values[min(len(values) - 1, int(0.99 * len(values)))], 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events queued for each output (default: 2000)")
    parser.add_argument("--photos", type=int, default=120, help="photos (parts) per line round (default: 120)")
    parser.add_argument("--rounds", type=int, default=6, help="pairs of rounds, off and on (default: 6)")
    parser.add_argument("--serve-receivers", nargs=3, metavar=("PORT", "READY", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_receivers:
        port, ready, out = args.serve_receivers
        serve_receivers(int(port), Path(ready), Path(out))
        return 0
    if MOSQUITTO is None:
        raise SystemExit("mosquitto is not installed (apt-get install mosquitto)")
    with tempfile.TemporaryDirectory(prefix="bench-outputs-") as tmp:
        work = Path(tmp)
        broker = Broker(work / "broker").start()
        try:
            drains = Receivers(work, broker, "drain")
            rates = {
                "mqtt": drain_rate(work, args.events, "mqtt", broker.url),
                "webhook": drain_rate(work, args.events, "webhook", drains.url),
                "opcua": opcua_rate(work, args.events),
            }
            drained = drains.arrivals()
            photos = work / "photos"
            write_good_set(photos, args.photos, seed=4, size=300)
            inspector = Inspector(load_bundle(demo_model_dir()))
            inspector.warm_up()
            receivers = Receivers(work, broker, "line")
            on = outputs_config(line="bench", mqtt=broker.url, webhook=receivers.url,
                                opcua=f"opc.tcp://127.0.0.1:{free_port()}")  # fmt: skip
            line_round(work, photos, inspector, None, "warm")  # the first round pays for tracing: not counted
            rounds = {"off": [], "on": []}
            for n in range(args.rounds):  # off-on, then on-off: a machine that slows or speeds up favours neither
                pair = (("off", None), ("on", on))
                for label, config in pair if n % 2 == 0 else pair[::-1]:
                    rate, parts = line_round(work, photos, inspector, config, f"{label}-{n}")
                    rounds[label].append(round(rate, 3))
            time.sleep(1.0)
            arrived = receivers.arrivals()
        finally:
            broker.stop()
    delivered = {kind: len({e["event_id"] for e, _ in drained[kind]}) for kind in ("mqtt", "webhook")}
    if delivered != {"mqtt": args.events, "webhook": args.events}:
        raise SystemExit(f"the receivers got {delivered} of {args.events} events each")
    off, on_rate = statistics.median(rounds["off"]), statistics.median(rounds["on"])
    ratios = [round(b / a, 3) for a, b in zip(rounds["off"], rounds["on"], strict=True)]
    result = {
        "events_per_s": {k: round(v, 1) for k, v in rates.items()},
        "queued_events": args.events,
        "line_parts_per_s": rounds,
        "line_on_over_off": round(on_rate / off, 3),
        "line_on_over_off_by_round": ratios,
        "line_on_over_off_median_of_rounds": statistics.median(ratios),
        "latency_mqtt": latencies(arrived["mqtt"]),
        "latency_webhook": latencies(arrived["webhook"]),
        "photos_per_round": args.photos,
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    print(f"output    events/s   (from a full outbox of {args.events}, every one received; OPC UA: updates until a "
          "client reads the last)")  # fmt: skip
    for name, rate in result["events_per_s"].items():
        print(f"{name:<9} {rate:9.1f}")
    print(f"\nthe live line, parts/s over {args.photos} photos, rounds alternating")
    print(f"outputs off  {' '.join(f'{r:6.2f}' for r in rounds['off'])}   median {off:.2f}")
    print(f"outputs on   {' '.join(f'{r:6.2f}' for r in rounds['on'])}   median {on_rate:.2f}")
    print(f"on / off     {' '.join(f'{r:6.3f}' for r in ratios)}   median {statistics.median(ratios):.3f}; "
          f"of the medians {result['line_on_over_off']:.3f}")  # fmt: skip
    print("\nverdict to receiver, ms   median     p99      n")
    for name in ("mqtt", "webhook"):
        figures = result[f"latency_{name}"]
        print(f"{name:<24} {figures['median_ms']:7.1f} {figures['p99_ms']:7.1f} {figures['n']:6d}")
    out = ROOT / "benchmarks" / "results" / "outputs.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
