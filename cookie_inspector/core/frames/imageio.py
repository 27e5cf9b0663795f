"""Reading and writing image files safely: any path, any bit depth, atomic writes, clear errors."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import ImageReadError

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pnm"})
VIDEO_SUFFIXES = frozenset({".mp4", ".avi", ".mov", ".mkv", ".m4v", ".webm", ".mpg", ".mpeg", ".wmv"})


def is_image_path(path: Path) -> bool:
    """Whether the file name looks like an image (by suffix; the content is checked on reading)."""
    return path.suffix.lower() in IMAGE_SUFFIXES


def is_video_path(path: Path) -> bool:
    """Whether the file name looks like a video container."""
    return path.suffix.lower() in VIDEO_SUFFIXES


def list_images(folder: Path) -> list[Path]:
    """Image files directly in ``folder``, sorted by name; hidden files are left out."""
    return [p for p in scan_folder(folder)[0] if is_image_path(p)]


def scan_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The regular files directly in ``folder`` (hidden ones left out), sorted by name, and the entries that look
    like files but cannot be read as one, each with the reason: a broken link, a link loop, a sub-folder named like
    an image or a video, a device or a pipe. Other sub-folders are not listed (a data set's folders sit there)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImageReadError(f"{folder}: not a folder")
    try:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        raise ImageReadError(f"{folder}: cannot list the folder ({exc.strerror or exc})") from None
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in entries:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            target = _link_target(path)
            problems.append((path, f"a broken link (it points to {target}, which does not exist)"))
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                problems.append((path, "a link loop (the link leads back to itself)"))
            else:
                problems.append((path, f"cannot be read ({exc.strerror or exc})"))
            continue
        if stat.S_ISREG(mode):
            files.append(path)
        elif stat.S_ISDIR(mode):
            if is_image_path(path) or is_video_path(path):
                problems.append((path, "a folder, not an image or video file"))
        else:
            problems.append((path, "not a regular file (a device, pipe or socket)"))
    return files, problems


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "a missing file"


def read_image_bytes(path: Path) -> bytes:
    """The raw bytes of an image file; every failure becomes an ``ImageReadError`` that names the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImageReadError(f"{path}: is a folder, not an image") from None
    except OSError as exc:
        raise ImageReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data:
        raise ImageReadError(f"{path}: empty file (0 bytes)")
    return data


def decode_image(data: bytes, path: Path | str = "<bytes>") -> np.ndarray:
    """Decode image bytes as stored (grey, BGR or BGRA; 8 or 16 bit); ``path`` only names the source in errors."""
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise ImageReadError(f"{path}: not a readable image")
    return image


def read_image(path: Path) -> np.ndarray:
    """Decode an image file as stored. Reads the bytes and decodes them, so paths with any characters work."""
    return decode_image(read_image_bytes(path), path)


def write_image(path: Path, image: np.ndarray) -> None:
    """Encode and write an image atomically: a temporary file in the same folder, then a rename."""
    path = Path(path)
    ok, encoded = cv2.imencode(path.suffix or ".png", image)
    if not ok:
        raise OSError(f"{path}: cannot encode image as {path.suffix or '.png'}")
    write_bytes_atomic(path, encoded.tobytes())


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
_FILE_MODE = 0o666 & ~_UMASK
"""The permissions an ordinary ``open`` would give a new file (temporary files are created private)."""


def staging_dir(beside: Path, suffix: str = ".partial") -> Path:
    """A fresh hidden folder next to ``beside``, to be filled and then renamed into place; with the permissions an
    ordinary ``mkdir`` would give (temporary folders are created private)."""
    beside = Path(beside)
    beside.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{beside.name}.", suffix=suffix, dir=beside.parent))
    folder.chmod(0o777 & ~_UMASK)
    return folder


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash or a full disk never leaves a half-written file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
