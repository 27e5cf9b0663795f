"""``cookie-inspector review``: what it refuses before any window opens, and the times it reads."""

from datetime import datetime
from pathlib import Path

import pytest

from cookie_inspector.cli import EXIT_INPUT, main
from cookie_inspector.core.line.review import parse_time


def test_review_without_a_log_says_so_and_opens_no_window(tmp_path: Path, capsys):
    assert main(["review", "--data-dir", str(tmp_path)]) == EXIT_INPUT
    assert "no inspection log here yet (run the line first)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [(["--since", "yesterday"], "'yesterday' is not a time"),
     (["--since", "10:00", "--until", "09:00"], "--until must come after --since")],
)  # fmt: skip
def test_review_refuses_times_it_cannot_use(tmp_path: Path, capsys, args, said):
    try:
        code = main(["review", "--data-dir", str(tmp_path), *args])
    except SystemExit as exc:  # argparse refuses what is no time at all
        code = exc.code
    assert code == 2 and said in capsys.readouterr().err


def test_times_are_read_as_typed_in_the_local_zone():
    now = datetime(2026, 12, 6, 14, 30).astimezone()
    assert parse_time("06:00", now).startswith("2026-12-06T06:00:00")
    assert parse_time("2026-12-01", now).startswith("2026-12-01T00:00:00")
    assert parse_time("2026-12-01 22:15", now).startswith("2026-12-01T22:15:00")
    assert parse_time("2026-12-01T22:15+09:00", now) == "2026-12-01T22:15:00+09:00"
    with pytest.raises(ValueError, match="is not a time"):
        parse_time("25:99", now)
