"""Several stations on one PC, headless: each its own source, model, region, part numbers, run and calibration,
one model loaded once for the stations that share it, and a station whose source ends or fails alone."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cookie_inspector.cli import EXIT_MODEL, EXIT_NG, EXIT_OK, EXIT_USAGE, main
from cookie_inspector.core.frames.preprocess import Roi
from cookie_inspector.core.line.review import PartReview, ReviewFilter
from cookie_inspector.core.line.station import ModelPool, StationError, StationSpec, check_names
from cookie_inspector.core.resources import demo_model_dir
from tests.services import Subscriber, wait_for


def test_a_station_is_written_name_equals_source_with_its_model_and_region():
    assert StationSpec.parse("top=demo:3") == StationSpec("top", "demo:3")
    spec = StationSpec.parse("side 2=rtsp://cam/a,b,model=models/tiles,roi=10,20,300,200@640x480")
    assert spec.name == "side 2" and spec.source == "rtsp://cam/a,b"  # a comma of the URL stays in it
    assert spec.model == Path("models/tiles") and spec.roi == Roi(10, 20, 300, 200, (640, 480))
    for bad in ("top", "=demo", "top=", "top=demo,model=", "-x=demo", "top=demo,roi=1,2"):
        with pytest.raises(StationError):
            StationSpec.parse(bad)
    with pytest.raises(StationError, match="two stations are named"):
        check_names([StationSpec("Top", "demo"), StationSpec("top", "demo:2")])


def test_stations_that_judge_one_product_share_its_model(tmp_path: Path):
    pool = ModelPool()
    first = pool.get(demo_model_dir())
    assert pool.get(demo_model_dir() / ".." / demo_model_dir().name) is first and len(pool) == 1


def test_two_stations_each_judge_every_part_in_their_own_run_and_name_it(tmp_path: Path, capsys):
    data = tmp_path / "data"
    code = main(["run", "--headless", "--fast", "--station", "top=demo:3", "--station", "side=demo:5", "--parts",
                 "4", "--data-dir", str(data), "--json", str(tmp_path / "run.json")])  # fmt: skip
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    for name in ("top", "side"):
        mine = [line["part"] for line in lines if line["station"] == name]
        assert mine == [1, 2, 3, 4], lines  # none skipped, none twice
    assert code in (EXIT_OK, EXIT_NG)
    summary = json.loads((tmp_path / "run.json").read_text())
    assert [s["station"] for s in summary["stations"]] == ["top", "side"] and summary["parts"] == 8
    assert summary["stations"][0]["run"] != summary["stations"][1]["run"]
    files = {s["calibration"]["file"] for s in summary["stations"]}
    assert len(files) == 2  # each camera calibrates the shared model on its own parts
    db = sqlite3.connect(data / "inspections.sqlite3")
    rows = db.execute("SELECT r.station, COUNT(*), COUNT(DISTINCT p.part) FROM parts p JOIN runs r ON r.id = p.run "
                      "GROUP BY r.station ORDER BY r.station").fetchall()  # fmt: skip
    assert rows == [("side", 4, 4), ("top", 4, 4)]
    assert "top: 4 parts" in captured.err and "side: 4 parts" in captured.err
    review = PartReview(data)  # the review and the report take one station's parts
    side = review.parts(review.ids(ReviewFilter(station="side")))
    assert len(side) == 4 and {part.station for part in side} == {"side"}
    assert len(review.ids(ReviewFilter(station=""))) == 0  # no part of a line without stations here
    review.close()
    assert main(["report", "--data-dir", str(data), "--station", "top", "--out", str(tmp_path / "top.html"),
                 "--language", "en"]) == EXIT_OK  # fmt: skip
    assert "wrote" in capsys.readouterr().out
    html = (tmp_path / "top.html").read_text()
    assert "Station: top" in html and "Not counted: 4 parts of other stations." in html
    csv_text = (tmp_path / "top.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].endswith(",station") and csv_text.count(",side\n") == 4


def test_a_station_whose_folder_ends_stops_alone_and_one_station_looks_as_before(tmp_path: Path, capsys):
    from cookie_inspector.synth.dataset import write_dataset

    demo = tmp_path / "demo"
    write_dataset(demo, seed=6, train=0, test_good=2, test_defect=0)
    folder = tmp_path / "photos"
    folder.mkdir()
    for i, photo in enumerate(sorted((demo / "test" / "good").iterdir())):
        (folder / f"p{i}.png").write_bytes(photo.read_bytes())
    main(["run", "--headless", "--fast", "--station", f"photos={folder}", "--station", "belt=demo:2", "--parts", "3",
          "--no-log"])  # fmt: skip
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["photo"] for line in lines if line["station"] == "photos"] == ["p0.png", "p1.png"]  # then ended
    assert [line["part"] for line in lines if line["station"] == "belt"] == [1, 2, 3]  # the other went on
    main(["run", "--headless", "--fast", "--source", str(folder), "--no-log"])
    single = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["photo"] for line in single] == ["p0.png", "p1.png"] and "station" not in single[0]


def test_each_station_speaks_for_itself_on_mqtt_and_the_webhook(tmp_path: Path, capsys, broker,
                                                                 webhook_receiver):  # fmt: skip
    subscriber = Subscriber(broker)
    code = main(["run", "--headless", "--fast", "--station", "top=demo:3", "--station", "side=demo:5", "--parts",
                 "3", "--data-dir", str(tmp_path / "data"), "--line", "hall-1", "--mqtt", broker.url, "--webhook",
                 webhook_receiver.url])  # fmt: skip
    assert code in (EXIT_OK, EXIT_NG)
    err = capsys.readouterr().err
    assert "top: MQTT: connected" in err and "side: webhook" in err  # each station says how its outputs are
    topics = {}
    assert wait_for(lambda: len(subscriber.events()) == 6, 20)
    for topic, payload, _, _ in subscriber.messages:
        topics.setdefault(topic, []).append(json.loads(payload))
    for name in ("top", "side"):
        parts = topics[f"cookie-inspector/hall-1/{name}/parts"]
        assert [(e["station"], e["part"]) for e in parts] == [(name, 1), (name, 2), (name, 3)]
        assert topics[f"cookie-inspector/hall-1/{name}/status"][-1]["station"] == name
    assert not [t for t in topics if t.startswith("cookie-inspector/hall-1/parts")]  # no event without a station
    assert wait_for(lambda: len(webhook_receiver.received) == 6, 20)
    by_station = {}
    for event in webhook_receiver.received:
        by_station.setdefault(event["station"], []).append(event["part"])
    assert by_station == {"top": [1, 2, 3], "side": [1, 2, 3]}
    assert len({e["event_id"] for e in webhook_receiver.received}) == 6  # one id each, whatever the station
    subscriber.close()


def test_stations_are_refused_where_they_cannot_work_yet_with_the_reason(tmp_path: Path, capsys):
    assert main(["run", "--headless", "--station", "a=demo", "--station", "a=demo:2"]) == EXIT_USAGE
    assert "two stations are named 'a'" in capsys.readouterr().err
    assert main(["run", "--headless", "--source", "demo", "--station", "a=demo"]) == EXIT_USAGE
    assert "instead of --source" in capsys.readouterr().err
    assert main(["run", "--station", "a=demo", "--station", "b=demo:2,roi=0,0,50,50"]) == EXIT_USAGE  # the window
    assert "station b: in the window a station judges with its product's model and region" in capsys.readouterr().err
    missing = tmp_path / "no-model"
    assert main(["run", "--headless", "--station", "a=demo", "--station", f"b=demo:2,model={missing}",
                 "--no-log"]) == EXIT_MODEL  # fmt: skip
    err = capsys.readouterr().err
    assert "station b cannot start" in err and str(missing) in err
