"""OpenCV sources over real files: a video written here, a folder with a broken image, a camera that is not there."""

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from cookie_inspector.core.errors import SourceError
from cookie_inspector.core.frames.capture import (
    AwaitedSource,
    FolderSource,
    VideoCaptureSource,
    list_cameras,
    open_capture_source,
)
from cookie_inspector.core.frames.sources import SourceEnded, SourceWaiting, UnavailableSource


def _write_video(path: Path, frames: int = 12, fps: float = 10.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (64, 48))
    assert writer.isOpened()
    for i in range(frames):
        image = np.full((48, 64, 3), 20 * i % 256, np.uint8)
        writer.write(image)
    writer.release()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_a_video_file_plays_at_its_rate_then_ends(tmp_path: Path):
    _write_video(tmp_path / "line.avi")
    clock = FakeClock()
    source = VideoCaptureSource(tmp_path / "line.avi", clock=clock, sleep=clock.sleep)
    with source:
        frames = []
        with pytest.raises(SourceEnded):
            while True:
                frames.append(source.read())
    assert [f.index for f in frames] == list(range(12))
    assert source.nominal_fps == pytest.approx(10.0)
    assert [f.timestamp for f in frames] == pytest.approx([i / 10 for i in range(12)])
    assert clock.now == pytest.approx(100.0 + 1.1)  # paced: the last frame is due 1.1 s after opening
    assert frames[3].image.shape == (48, 64, 3)
    assert abs(int(frames[3].image.mean()) - 60) <= 3  # the frame's own content, not a neighbour's


def test_a_looping_video_starts_over_and_fast_mode_does_not_wait(tmp_path: Path):
    _write_video(tmp_path / "line.avi", frames=5)
    clock = FakeClock()
    source = VideoCaptureSource(tmp_path / "line.avi", realtime=False, loop=True, clock=clock, sleep=clock.sleep)
    with source:
        frames = [source.read() for _ in range(12)]
    assert [f.index for f in frames] == list(range(12))
    assert clock.sleeps == []
    assert abs(float(frames[5].image.mean()) - float(frames[0].image.mean())) <= 3


def test_missing_and_broken_videos_say_so(tmp_path: Path):
    with pytest.raises(SourceError, match="no such video file"):
        VideoCaptureSource(tmp_path / "nothing.mp4").open()
    (tmp_path / "broken.mp4").write_bytes(b"this is not a video")
    source = VideoCaptureSource(tmp_path / "broken.mp4")
    with pytest.raises(SourceError, match=r"broken\.mp4"):
        source.open()
        source.read()
    source.close()


def test_a_camera_that_is_not_there_is_a_clear_error():
    assert 63 not in list_cameras(max_index=0)
    with pytest.raises(SourceError, match="camera 63"):
        VideoCaptureSource(63).open()


def test_a_folder_skips_unreadable_images_and_reports_them(tmp_path: Path):
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"{i}.png"), np.full((20, 30, 3), 40 * (i + 1), np.uint8))
    (tmp_path / "1b.png").write_bytes(b"garbage")
    (tmp_path / "notes.txt").write_text("not an image")
    clock = FakeClock()
    source = FolderSource(tmp_path, fps=4, clock=clock, sleep=clock.sleep)
    with source:
        frames = []
        with pytest.raises(SourceEnded):
            while True:
                frames.append(source.read())
    assert [f.photo.path.name for f in frames] == ["0.png", "1.png", "2.png"]
    assert [f.index for f in frames] == [0, 1, 2]
    assert [name for name, _ in source.skipped] == ["1b.png"]
    assert clock.now == pytest.approx(100.5)


def test_an_empty_folder_and_an_unknown_source_are_errors(tmp_path: Path):
    with pytest.raises(SourceError, match="no images"):
        FolderSource(tmp_path).open()
    with pytest.raises(SourceError, match="no such camera, file, folder or stream"):
        open_capture_source(str(tmp_path / "absent.avi"))


def test_source_texts_pick_the_right_kind(tmp_path: Path):
    _write_video(tmp_path / "v.avi", frames=2)
    assert open_capture_source("0").is_camera and open_capture_source("camera:2").target == 2
    assert open_capture_source("rtsp://10.0.0.5/line").is_stream
    assert isinstance(open_capture_source(str(tmp_path)), FolderSource)
    video = open_capture_source(str(tmp_path / "v.avi"))
    assert video.is_file and not video.is_camera


def test_a_remembered_folder_that_is_gone_is_waited_for_and_opens_when_it_is_back(tmp_path: Path):
    folder = tmp_path / "line-photos"
    with pytest.raises(SourceError, match="no such camera, file, folder or stream"):
        open_capture_source(str(folder))  # typed now: a mistake, said at once
    source = open_capture_source(str(folder), realtime=False, wait=True)
    assert isinstance(source, AwaitedSource) and source.expects_folder
    assert source.description == f"folder {folder}"
    with pytest.raises(SourceError, match="not there"):
        source.open()
    folder.mkdir()
    for i in range(2):
        cv2.imwrite(str(folder / f"part{i}.png"), np.full((40, 60, 3), 50 * i, np.uint8))
    source.open()  # the drive is back
    assert [source.read().image[0, 0, 0] for _ in range(2)] == [0, 50]
    with pytest.raises(SourceEnded):
        source.read()
    source.close()
    video = open_capture_source(str(tmp_path / "shift.mp4"), wait=True)
    assert isinstance(video, AwaitedSource) and not video.expects_folder


def test_an_unavailable_source_keeps_saying_why():
    source = UnavailableSource("demo:x", "demo:x: the demo line's seed must be a whole number")
    for _ in range(2):
        with pytest.raises(SourceError, match="seed must be a whole number"):
            source.open()


def _photo(folder: Path, name: str, level: int = 80, size: int = 24) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    cv2.imwrite(str(path), np.full((size, size, 3), level, np.uint8))
    return path


def _read_all(source: FolderSource) -> list:
    frames = []
    with pytest.raises(SourceEnded) as ended:
        while True:
            frames.append(source.read())
    source.ended_message = str(ended.value)
    return frames


def test_a_folder_goes_on_with_the_photos_its_ledger_has_not_judged(tmp_path: Path):
    """A restart, a reconnect or another run on the same data folder: the photos judged before are not judged again;
    a photo written again under the same name is a new photo; a replay (from the start) delivers them all."""
    folder = tmp_path / "line"
    for i in range(4):
        _photo(folder, f"{i}.png", 40 * (i + 1))
    ledger: set = set()
    asked = []

    def judged(key: Path) -> set:
        asked.append(key)
        return ledger

    source = FolderSource(folder, realtime=False)
    source.use_ledger(judged)
    with source:
        first = [source.read(), source.read()]
    ledger |= {f.photo.key for f in first}  # judged (the log keeps them)
    assert asked == [folder.resolve()]
    with source:
        rest = _read_all(source)
    assert [f.photo.path.name for f in rest] == ["2.png", "3.png"] and source.judged_before == 2
    assert "2 were judged before this start" in source.ended_message
    ledger |= {f.photo.key for f in rest}
    with source:
        assert _read_all(source) == [] and "all 4 photos were judged before" in source.ended_message
    _photo(folder, "1.png", 200, size=30)  # the camera program wrote 1.png again: another photo
    with source:
        again = _read_all(source)
    assert [f.photo.path.name for f in again] == ["1.png"] and int(again[0].image.mean()) == 200
    replay = FolderSource(folder, realtime=False, from_start=True)
    replay.use_ledger(judged)
    with replay:
        assert [f.photo.path.name for f in _read_all(replay)] == ["0.png", "1.png", "2.png", "3.png"]


def test_a_watched_folder_takes_new_photos_once_they_are_complete_in_the_order_they_arrive(tmp_path: Path):
    folder = tmp_path / "hot"
    folder.mkdir()
    clock = FakeClock()
    source = FolderSource(folder, fps=4, watch=True, clock=clock, sleep=clock.sleep)
    with source:  # an empty watched folder is not an error: it waits
        with pytest.raises(SourceWaiting, match="waiting for new photos"):
            source.read()
        b = _photo(folder, "b.png", 60)
        a = _photo(folder, "a.png", 120)
        os.utime(b, ns=(1_000_000_000, 1_000_000_000))  # b arrived first, a second later
        os.utime(a, ns=(2_000_000_000, 2_000_000_000))
        growing = folder / "c.png"
        growing.write_bytes(cv2.imencode(".png", np.full((24, 24, 3), 9, np.uint8))[1].tobytes()[:40])
        with pytest.raises(SourceWaiting):  # first seen: each may still be being written
            source.read()
        clock.sleep(1.0)
        with growing.open("ab") as still_writing:  # c.png grows: not taken yet
            still_writing.write(b"\0" * 16)
        frames = [source.read(), source.read()]
        assert [f.photo.path.name for f in frames] == ["b.png", "a.png"]  # by arrival, not by name
        with pytest.raises(SourceWaiting):
            source.read()
        assert source.skipped == []  # a photo still being written is never read half-way
        clock.sleep(1.0)
        with pytest.raises(SourceWaiting):  # c.png settled, but it is not an image: skipped with the reason
            source.read()
        assert [name for name, _ in source.skipped] == ["c.png"]
        _photo(folder, "d.png", 30)
        clock.sleep(1.0)
        with pytest.raises(SourceWaiting):
            source.read()
        clock.sleep(1.0)
        assert source.read().photo.path.name == "d.png"


def test_a_folder_paced_by_the_window_can_change_pace_and_never_bursts_after_a_wait(tmp_path: Path):
    for i in range(3):
        _photo(tmp_path, f"{i}.png")
    clock = FakeClock()
    source = FolderSource(tmp_path, fps=2, clock=clock, sleep=clock.sleep)
    with source:
        source.read()
        source.read()
        assert clock.now == pytest.approx(100.5)
        source.set_pace(None)  # as fast as judged
        clock.now += 10  # the model took long: the next is not late, it is now
        source.read()
        assert clock.now == pytest.approx(110.5)
