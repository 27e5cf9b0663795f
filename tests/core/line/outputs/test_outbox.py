"""The outbox lives in the log's SQLite file: a part's events are written with its row or not at all, leave only
when acknowledged, and are dropped (and that logged) only past the bound."""

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from cookie_inspector.core.line.outputs.config import OutboxBound
from cookie_inspector.core.line.outputs.outbox import Outbox, OutboxWriter
from cookie_inspector.core.line.records import LOG_NAME, InspectionLog, RecordError
from tests.core.line.test_records import _verdict


def _log(folder: Path, outputs=("mqtt", "webhook")) -> InspectionLog:
    log = InspectionLog(folder)
    log.also_write(OutboxWriter("line-1", outputs, folder))
    return log


def test_each_part_queues_one_event_per_output_in_its_rows_transaction(tmp_path: Path):
    log = _log(tmp_path)
    ok = log.record(_verdict(1, 0.4), "camera 0")
    ng = log.record(_verdict(2, 1.7), "camera 0")
    outbox = Outbox(log.path)
    for output in ("mqtt", "webhook"):
        events = [json.loads(e.payload) for e in outbox.pending(output)]
        assert [e["event_id"] for e in events] == [f"line-1:{log.run}:{ok.id}", f"line-1:{log.run}:{ng.id}"]
    first, second = (json.loads(e.payload) for e in outbox.pending("mqtt"))
    assert first["verdict"] == "OK" and first["run"] == log.run and first["part"] == 1
    assert ("images" in first) == (ok.original is not None)  # an OK part kept for review sends its pictures too
    assert datetime.fromisoformat(first["time"]).tzinfo is not None  # ISO 8601 with its zone
    assert second["verdict"] == "NG" and second["normalized_score"] == 1.7 and second["threshold"] == 1.0
    assert Path(second["images"]["original"]).is_file() and Path(second["images"]["overlay"]).is_file()
    assert {"score", "model", "source", "line"} <= set(second)
    outbox.acknowledge("mqtt", [e.seq for e in outbox.pending("mqtt")][:1])
    assert outbox.count("mqtt") == 1 and outbox.count("webhook") == 2  # each output acknowledges its own
    log.close()
    outbox.close()


def test_a_part_whose_events_cannot_be_queued_is_not_logged_either(tmp_path: Path):
    """Both or neither: when the outbox refuses the event (here a trigger stands for a full disk), the row goes
    too and the caller hears of it, so no part is ever logged without its events."""
    log = _log(tmp_path)
    log.record(_verdict(1, 0.4), "demo")
    db = sqlite3.connect(log.path)
    db.execute("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    db.commit()
    with pytest.raises(RecordError, match="cannot log part 2"):
        log.record(_verdict(2, 0.4), "demo")
    db.execute("DROP TRIGGER refuse")
    db.commit()
    log.record(_verdict(3, 0.4), "demo")
    parts = [row[0] for row in db.execute("SELECT part FROM parts ORDER BY id")]
    queued = db.execute("SELECT COUNT(*) FROM outbox WHERE output = 'mqtt'").fetchone()[0]
    assert parts == [1, 3] and queued == 2
    log.close()


def test_queued_events_survive_a_restart_in_order(tmp_path: Path):
    log = _log(tmp_path, ("mqtt",))
    for n in range(1, 6):
        log.record(_verdict(n, 0.3), "demo")
    log.close()
    again = _log(tmp_path, ("mqtt",))  # a new run in the same data folder
    again.record(_verdict(1, 0.3), "demo")
    outbox = Outbox(tmp_path / LOG_NAME)
    events = [json.loads(e.payload) for e in outbox.pending("mqtt")]
    assert [e["part"] for e in events] == [1, 2, 3, 4, 5, 1]
    assert len({e["event_id"] for e in events}) == 6 and events[-1]["run"] == again.run != events[0]["run"]
    again.close()
    outbox.close()


def test_past_the_size_bound_only_the_oldest_go_and_the_drop_is_logged(tmp_path: Path):
    log = _log(tmp_path, ("mqtt",))
    for n in range(1, 41):
        log.record(_verdict(n, 0.3), "demo")
    outbox = Outbox(log.path)
    sizes = [len(e.payload) for e in outbox.pending("mqtt", 100)]
    bound = OutboxBound(days=7, megabytes=sum(sizes[10:]) / 2**20)  # room for the newest 30 of the 40
    assert outbox.prune("mqtt", bound, now=1_800_000_100.0) is not None
    left = [json.loads(e.payload)["part"] for e in outbox.pending("mqtt", 100)]
    assert left == list(range(11, 41))
    ((time, output, events, first, last, reason),) = outbox.drops()
    assert (output, events) == ("mqtt", 10) and first.endswith(":1") and "MB" in reason
    assert outbox.prune("mqtt", bound, now=1_800_000_100.0) is None  # under the bound now: nothing more goes
    log.close()
    outbox.close()


def test_past_the_age_bound_events_older_than_the_days_go(tmp_path: Path):
    log = _log(tmp_path, ("webhook",))
    for n in range(1, 4):
        log.record(_verdict(n, 0.3), "demo")  # the parts ended at 1_800_000_001 (see _verdict)
    outbox = Outbox(log.path)
    bound = OutboxBound(days=1, megabytes=100)
    assert outbox.prune("webhook", bound, now=1_800_000_001.0 + 3600) is None  # an hour later: kept
    dropped = outbox.prune("webhook", bound, now=1_800_000_001.0 + 2 * 86400)
    assert dropped.events == 3 and "older than 1 days" in dropped.message() and outbox.count("webhook") == 0
    log.close()
    outbox.close()
