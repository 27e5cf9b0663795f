"""Test pictures from the demo line: small crops of procedural cookies, good or with a defect and its mask."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.synth.dataset import crop_to_view
from cookie_inspector.synth.parts import GOOD, PartSpec, make_part, render_resting
from cookie_inspector.synth.station import Station

_STATIONS: dict[int, Station] = {}


def _station(size: int) -> Station:
    """The station whose centred square is ``size`` pixels (frames of 4:3), made once per size."""
    if size not in _STATIONS:
        _STATIONS[size] = Station((size * 4 // 3, size), seed=0)
    return _STATIONS[size]


def _render(seed: int, size: int, label: str, severity: float) -> tuple[np.ndarray, np.ndarray]:
    station = _station(size)
    image, mask = render_resting(station, make_part(station, PartSpec((1234, seed), label, severity)))
    return crop_to_view(station, image), crop_to_view(station, mask)


def good_image(rng: np.random.Generator, size: int = 96) -> np.ndarray:
    """A BGR uint8 picture of a good cookie as the camera's default region sees it; ``rng`` picks which."""
    return _render(int(rng.integers(2**31)), size, GOOD, 0.0)[0]


def defect_pair(
    rng: np.random.Generator, size: int = 96, defect: str = "burnt", severity: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same cookie good and with ``defect``: (clean, defective, bool mask of the defect)."""
    seed = int(rng.integers(2**31))
    clean = _render(seed, size, GOOD, 0.0)[0]
    defective, mask = _render(seed, size, defect, severity)
    return clean, defective, mask


def write_good_set(folder: Path, count: int, seed: int = 0, size: int = 96) -> list[Path]:
    """Write ``count`` good cookie PNGs into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(count):
        path = folder / f"good_{i:03d}.png"
        cv2.imwrite(str(path), good_image(rng, size))
        paths.append(path)
    return paths
