"""Write demo-cookie data sets in MVTec AD layout, and a contact sheet of examples.

Each image is what the camera's default region sees when the cookie rests under it: the centred square of the
station frame, at the frame's own resolution. Training on these and inspecting the live demo line therefore show
the model the very same kind of picture.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import DatasetError
from cookie_inspector.core.frames.imageio import staging_dir, write_bytes_atomic, write_image
from cookie_inspector.synth.cookies import DEFAULT_RECIPE, DEFECT_TYPES
from cookie_inspector.synth.parts import GOOD, DefectMix, PartSpec, make_part, render_resting
from cookie_inspector.synth.station import Station

MARKER = "demo_data.json"
"""Written into every demo data set; only a folder holding it (or an empty one) is ever replaced."""

_SPLITS = {"train": 0, "test_good": 1, "test_defect": 2}


def allocate(mix: DefectMix, count: int) -> list[str]:
    """``count`` defect labels in proportion to the mix's weights; every type gets one when there is room."""
    names = mix.types()
    weights = np.array([mix.weights[n] for n in names], float)
    if count >= len(names):
        base = np.ones(len(names), int)
        share = weights / weights.sum() * (count - len(names))
    else:
        base = np.zeros(len(names), int)
        share = weights / weights.sum() * count
    counts = base + np.floor(share).astype(int)
    remainder = share - np.floor(share)
    for index in np.argsort(-remainder, kind="stable")[: count - int(counts.sum())]:
        counts[index] += 1
    return [name for name, n in zip(names, counts, strict=True) for _ in range(n)]


def crop_to_view(station: Station, image: np.ndarray) -> np.ndarray:
    """The centred square of a station frame: what the camera's default region sees."""
    x, y, side = station.centre_square()
    return np.ascontiguousarray(image[y : y + side, x : x + side])


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists():
        if not out_dir.is_dir():
            raise DatasetError(f"{out_dir}: exists and is not a folder")
        if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
            raise DatasetError(f"{out_dir}: folder is not empty and is not a demo data set; choose another folder")


def write_dataset(
    out_dir: Path,
    seed: int = 0,
    train: int = 200,
    test_good: int = 40,
    test_defect: int = 60,
    mix: DefectMix | None = None,
    recipe: str = DEFAULT_RECIPE,
    frame_size: tuple[int, int] = (640, 480),
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Write a demo data set: ``train/good``, ``test/good``, ``test/<defect>``, ``ground_truth/<defect>/*_mask.png``.

    The set is built in a temporary folder beside ``out_dir`` and renamed into place, so an interrupted run leaves
    the previous set (or nothing). Returns the summary that is also written to ``demo_data.json``.
    """
    out_dir = Path(out_dir)
    mix = mix or DefectMix()
    for name, count in (("train", train), ("test-good", test_good), ("test-defect", test_defect)):
        if count < 0:
            raise ValueError(f"--{name} must be zero or more")
    _prepare_out_dir(out_dir)
    station = Station(frame_size, seed=seed)
    jobs: list[tuple[Path, PartSpec]] = []
    for i in range(train):
        jobs.append((Path("train", GOOD, f"{i:04d}.png"), PartSpec((seed, _SPLITS["train"], i), GOOD)))
    for i in range(test_good):
        jobs.append((Path("test", GOOD, f"{i:04d}.png"), PartSpec((seed, _SPLITS["test_good"], i), GOOD)))
    severity_rng = np.random.default_rng(np.random.SeedSequence([seed, 99]))
    labels = allocate(mix, test_defect)
    severity_rng.shuffle(labels)
    numbers: dict[str, int] = {}
    for i, label in enumerate(labels):
        n = numbers[label] = numbers.get(label, -1) + 1
        spec = PartSpec((seed, _SPLITS["test_defect"], i), label, mix.draw_severity(severity_rng))
        jobs.append((Path("test", label, f"{n:04d}.png"), spec))

    staging = staging_dir(out_dir)
    severities: dict[str, float] = {}
    try:
        for done, (relative, spec) in enumerate(jobs, start=1):
            part = make_part(station, spec, recipe)
            image, mask = render_resting(station, part)
            write_image(staging / relative, crop_to_view(station, image))
            if spec.defect is not None:
                mask_path = Path("ground_truth", spec.label, f"{relative.stem}_mask.png")
                write_image(staging / mask_path, crop_to_view(station, mask.astype(np.uint8) * 255))
                severities[relative.as_posix()] = round(spec.severity, 4)
            if progress:
                progress(done, len(jobs))
        summary = {
            "generator": "cookie-inspector demo-data",
            "seed": seed,
            "recipe": recipe,
            "frame_size": list(frame_size),
            "image_size": [min(frame_size)] * 2,
            "train": train,
            "test_good": test_good,
            "test_defect": {name: labels.count(name) for name in DEFECT_TYPES if labels.count(name)},
            "severity_range": list(mix.severity),
            "severity": severities,
        }
        write_bytes_atomic(staging / MARKER, (json.dumps(summary, indent=2) + "\n").encode())
        if out_dir.exists():
            retired = out_dir.with_name(f".{out_dir.name}.old")
            shutil.rmtree(retired, ignore_errors=True)
            out_dir.rename(retired)
            staging.rename(out_dir)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return summary


def contact_sheet(
    seed: int = 0,
    recipe: str = DEFAULT_RECIPE,
    columns: int = 4,
    tile: int = 200,
    frame_size: tuple[int, int] = (640, 480),
) -> np.ndarray:
    """A grid of examples: a row of good cookies, then one row per defect from subtle to obvious, each defect ringed
    in green a few pixels outside its mask (so the line does not hide it). Returns a BGR uint8 image."""
    station = Station(frame_size, seed=seed)
    label_h = max(18, tile // 10)
    rows = []
    for row, label in enumerate((GOOD, *DEFECT_TYPES)):
        tiles = []
        for col in range(columns):
            severity = 0.0 if label == GOOD else 0.2 + 0.8 * col / max(columns - 1, 1)
            spec = PartSpec((seed, 7, row, col), label, severity)
            image, mask = render_resting(station, make_part(station, spec, recipe))
            view = cv2.resize(crop_to_view(station, image), (tile, tile), interpolation=cv2.INTER_AREA)
            small = cv2.resize(crop_to_view(station, mask.astype(np.uint8)), (tile, tile), cv2.INTER_NEAREST)
            small = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))  # ring, not cover
            contours, _ = cv2.findContours(small, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
            cv2.drawContours(view, contours, -1, (60, 255, 60), 1, cv2.LINE_AA)
            caption = np.full((label_h, tile, 3), 32, np.uint8)
            text = label if label == GOOD else f"{label}  severity {severity:.2f}"
            cv2.putText(
                caption, text, (6, label_h - 6), cv2.FONT_HERSHEY_SIMPLEX, label_h / 40, (235, 235, 235), 1, cv2.LINE_AA
            )
            tiles.append(np.vstack([caption, view]))
        rows.append(np.hstack(tiles))
    return np.vstack(rows)
