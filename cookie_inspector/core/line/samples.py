"""The operator's good samples: quality checks, atomic storage, delete with undo, import from a folder.

Samples are the inspection region's pixels at the camera's own resolution (PNG, lossless), one file each in the
product's samples folder (:mod:`~cookie_inspector.core.line.products`; ``<data>/samples/good`` for the unnamed
product of an earlier release); training reads that folder as it is. Each capture is checked first and a rejected
one says why: no whole, still part in the region, blurred, over- or under-exposed, or a near-duplicate of a stored
sample (the same part captured twice teaches nothing and weighs twice). A folder imported is checked for the same
picture again only: photos of a uniform product are as alike as a capture repeated with sensor noise.

Deleting moves files into ``.trash/<batch>`` beside them, so a deletion can be undone until the store is opened again
(then the trash is emptied). Every write is a temporary file renamed into place: a crash or a full disk leaves either
the whole sample or nothing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import cv2
import numpy as np

from cookie_inspector.core.errors import FrameError, ImageReadError, RoiError
from cookie_inspector.core.frames.imageio import is_image_path, read_image, write_bytes_atomic
from cookie_inspector.core.frames.preprocess import Roi, as_bgr8
from cookie_inspector.core.judge.presence import (
    FRAMING_FILE,
    FRAMING_PRODUCT,
    FRAMING_REGION,
    Presence,
    PresenceState,
    around_product,
    check_framing,
    folder_framing,
)
from cookie_inspector.core.model.limits import MIN_SAMPLES

RECOMMENDED_SAMPLES = 20
"""Samples the retrain button asks for. The default model is calibrated on every sample (each scored out of fold),
and the line then calibrates the threshold on its own parts, so a new product can start from 20: on a simulated
shift (``benchmarks/operating_point.py``, docs/operating_point.md) models from 20 samples gave 0% to 0.5% false
alarms on good parts after the line's first 40 parts (demo, magnetic tiles, tyres; medians of three draws). More
samples find more defects (the model learns the product's variety): on magnetic tiles 20 samples caught 9% of the
defective ones, 100 samples 11%, 800 samples 74%."""

SIGNATURE_SIZE = 32
TRASH = ".trash"


class SampleError(Exception):
    """A sample could not be stored, read or removed (the message says which file and why)."""


@dataclass(frozen=True)
class QualitySettings:
    """Limits of the capture checks. Sharpness is the variance of the Laplacian of the grey image at 300 x 300;
    blur relative to the stored samples' median is what counts (it depends on the product's texture), with an
    absolute floor for the first samples."""

    min_sharpness: float = 8.0
    min_relative_sharpness: float = 0.2
    """Real products vary in texture: 3% of the good magnetic tiles are below 0.4 of their median (1% below 0.39),
    while a blur of 1 pixel (at 300 x 300) brings a tile to 0.04-0.09 and a tyre to 0.07-0.12 of theirs."""
    max_clipped_share: float = 0.05  # pixels at 250 or more
    min_mean_level: float = 30.0
    max_mean_level: float = 235.0
    max_dark_share: float = 0.5  # pixels at 5 or less
    duplicate_distance: float = 0.01  # mean |difference| of 32 x 32 grey signatures in [0, 1]
    check_exposure: bool = True
    """False for a product whose look is what the exposure check would refuse (a light table at 255 behind it, a
    black part): its samples are checked for blur and duplicates only."""
    allowed_exposure: tuple[str, ...] = ()
    """Kinds of :data:`EXPOSURE_REASONS` that are a look of this product (a dark variant of it, say), not refused;
    the other kind is still checked."""


EXPOSURE_REASONS = ("over-exposed", "under-exposed")
QUALITY_FILE = ".quality.json"
"""In the samples folder: how this product's samples are checked (the exposure check switched off, say)."""


@dataclass(frozen=True)
class Verdict:
    """Outcome of the checks: ``reason`` is None for an accepted image."""

    reason: str | None
    sharpness: float
    signature: np.ndarray

    @property
    def accepted(self) -> bool:
        return self.reason is None


def _grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image[..., :3], cv2.COLOR_BGR2GRAY)


def _grey300(image: np.ndarray) -> np.ndarray:
    return cv2.resize(_grey(image), (300, 300), interpolation=cv2.INTER_AREA)


def sharpness(image: np.ndarray) -> float:
    """Variance of the Laplacian of the grey image at 300 x 300 (higher: sharper)."""
    return float(cv2.Laplacian(_grey300(image).astype(np.float32), cv2.CV_32F).var())


def signature(image: np.ndarray) -> np.ndarray:
    """A 32 x 32 grey thumbnail in [0, 1], for finding near-duplicates."""
    small = cv2.resize(_grey(image), (SIGNATURE_SIZE, SIGNATURE_SIZE), interpolation=cv2.INTER_AREA)
    return small.astype(np.float32) / 255.0


_PRESENCE_REASONS = {
    PresenceState.EMPTY: "no part in the region",
    PresenceState.PARTIAL: "the part is not wholly in the region",
    PresenceState.MOVING: "the part is moving",
}


def check(
    image: np.ndarray,
    presence: Presence | None = None,
    stored: Iterable[np.ndarray] = (),
    median_sharpness: float | None = None,
    settings: QualitySettings | None = None,
) -> Verdict:
    """Check a BGR uint8 image before it becomes a good sample.

    ``presence`` is the live line's assessment of the region (None: not checked, as for imported files);
    ``stored`` the signatures of the samples already kept; ``median_sharpness`` theirs, when there are enough.
    """
    settings = settings or QualitySettings()
    sharp = sharpness(image)
    sig = signature(image)
    reason = None
    if presence is not None and presence.state in _PRESENCE_REASONS:
        reason = _PRESENCE_REASONS[presence.state]
    if reason is None and settings.check_exposure:
        grey = _grey300(image)
        level = float(grey.mean())
        clipped = float((grey >= 250).mean())
        dark = float((grey <= 5).mean())
        if clipped > settings.max_clipped_share or level > settings.max_mean_level:
            reason = f"over-exposed: {clipped:.0%} of the region is blown out, mean level {level:.0f} of 255"
        elif dark > settings.max_dark_share or level < settings.min_mean_level:
            reason = f"under-exposed: mean level {level:.0f} of 255, {dark:.0%} of the region black"
        if reason is not None and reason.startswith(settings.allowed_exposure):
            reason = None  # that is how this product (or a variant of it) looks
    if reason is None:
        floor = settings.min_sharpness
        if median_sharpness:
            floor = max(floor, settings.min_relative_sharpness * median_sharpness)
        if sharp < floor:
            reason = f"blurred: sharpness {sharp:.0f}, at least {floor:.0f} needed"
    if reason is None:
        for other in stored:
            if float(np.abs(other - sig).mean()) < settings.duplicate_distance:
                reason = "a near-duplicate of a stored sample"
                break
    return Verdict(reason, sharp, sig)


@dataclass(frozen=True)
class DeletedBatch:
    """Samples moved to the trash by one delete; give it back to :meth:`SampleStore.undo`."""

    folder: Path
    names: tuple[str, ...]


EXPOSURE_GROUP_SHARE = 0.05
"""A group of photos refused for one kind of exposure (all the under-exposed ones, say) that is at least this
share of a folder, and two photos or more, is likely a variant of the product (a dark-coloured one) rather than a
bad photo: the operator is asked about it once."""


@dataclass
class ImportReport:
    imported: list[str]
    skipped: list[tuple[str, str]]  # (file name, reason)
    whole: list[str] = dataclasses.field(default_factory=list)
    """Photos imported whole although a region is drawn: they are not of the size (nor the shape) of the pictures
    the region was drawn on, so where the region lies on them is not known."""

    def exposure_refused(self, kind: str | None = None) -> list[str]:
        """The files refused for their exposure alone (``kind``: one of :data:`EXPOSURE_REASONS` only)."""
        kinds = (kind,) if kind else EXPOSURE_REASONS
        return [name for name, reason in self.skipped if reason.startswith(kinds)]

    def exposure_groups(self) -> list[tuple[str, list[str]]]:
        """The groups of photos refused for one kind of exposure that look like a variant of the product, not a
        stray bad photo: (kind, file names) for each kind with two photos or more that are at least
        :data:`EXPOSURE_GROUP_SHARE` of the folder (or a folder refused whole); the operator is asked once per
        group."""
        total = len(self.imported) + len(self.skipped)
        groups = []
        for kind in EXPOSURE_REASONS:
            names = self.exposure_refused(kind)
            if names and (len(names) == total or (len(names) >= 2 and len(names) >= EXPOSURE_GROUP_SHARE * total)):
                groups.append((kind, names))
        return groups


def region_on_photo(region: Roi, width: int, height: int) -> Roi | None:
    """Where ``region`` lies on a photo of this size: the whole photo for a region that is the whole picture, the
    region itself on a photo of the size it was drawn on, scaled on one of the same shape (the same camera at
    another resolution), as it is when it was given without its pictures' size and lies on the photo; None when
    that is not known (a photo of another shape)."""
    if region.frame is not None and (region.x, region.y, region.width, region.height) == (0, 0, *region.frame):
        return Roi(0, 0, width, height, (width, height))  # the whole picture, whatever its size
    if region.frame is None:
        inside = region.x >= 0 and region.y >= 0 and region.x + region.width <= width
        return region if inside and region.y + region.height <= height else None
    frame_width, frame_height = region.frame
    if abs(frame_width * height - frame_height * width) > 0.01 * frame_width * height:
        return None
    try:
        return region.fitted_to(width, height)
    except RoiError:
        return None


class SampleStore:
    """The good samples in one folder. Thread-safe; signatures are kept in memory for the duplicate check."""

    def __init__(self, folder: Path, settings: QualitySettings | None = None) -> None:
        self.folder = Path(folder)
        self.settings = settings or QualitySettings()
        self._lock = threading.RLock()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SampleError(f"{self.folder}: cannot create the samples folder ({exc.strerror or exc})") from exc
        shutil.rmtree(self.folder / TRASH, ignore_errors=True)  # deletions of an earlier session are final
        try:
            stored = json.loads((self.folder / QUALITY_FILE).read_text())
            if stored.get("check_exposure") is False:
                self.settings = dataclasses.replace(self.settings, check_exposure=False)
            allowed = tuple(k for k in stored.get("allowed_exposure", ()) if k in EXPOSURE_REASONS)
            self.settings = dataclasses.replace(self.settings, allowed_exposure=allowed)
        except (OSError, ValueError, AttributeError, TypeError):
            pass  # none yet, or damaged: the checks as they come
        self._framing = folder_framing(self.folder)
        self._signatures: dict[str, np.ndarray] = {}
        self._sharpness: dict[str, float] = {}
        self.unreadable: list[str] = []
        for path in self._paths():
            try:
                image = read_image(path)
            except ImageReadError:
                self.unreadable.append(path.name)
                continue
            self._signatures[path.name] = signature(image)
            self._sharpness[path.name] = sharpness(image)

    @property
    def check_exposure(self) -> bool:
        return self.settings.check_exposure

    def checks_exposure(self, kind: str) -> bool:
        """Whether photos refused for this kind of exposure (one of :data:`EXPOSURE_REASONS`) are refused."""
        return self.settings.check_exposure and kind not in self.settings.allowed_exposure

    def set_check_exposure(self, on: bool) -> None:
        """Check this product's samples for over- and under-exposure or not (remembered in the samples folder)."""
        self._save_checks(dataclasses.replace(self.settings, check_exposure=on, allowed_exposure=()))

    def allow_exposure(self, kind: str) -> None:
        """This kind of exposure (one of :data:`EXPOSURE_REASONS`) is a look of the product (a dark variant of it):
        no longer refused; the other kind still is (remembered in the samples folder)."""
        if kind not in EXPOSURE_REASONS:
            raise ValueError(f"{kind!r} is not one of {EXPOSURE_REASONS}")
        allowed = tuple(sorted({*self.settings.allowed_exposure, kind}))
        self._save_checks(dataclasses.replace(self.settings, allowed_exposure=allowed))

    def _save_checks(self, settings: QualitySettings) -> None:
        with self._lock:
            stored = {"check_exposure": settings.check_exposure, "allowed_exposure": list(settings.allowed_exposure)}
            try:
                write_bytes_atomic(self.folder / QUALITY_FILE, (json.dumps(stored) + "\n").encode())
            except OSError as exc:
                raise SampleError(
                    f"{self.folder / QUALITY_FILE}: cannot save the checks ({exc.strerror or exc})"
                ) from exc
            self.settings = settings

    @property
    def framing(self) -> str:
        """``"product"``: this product's samples are the region around the product (captured so, and imported
        photos cropped so), and its model frames the line the same; ``"region"``: the region as it is."""
        return self._framing

    def set_framing(self, framing: str) -> None:
        """How this product's samples are framed (remembered in the samples folder, :data:`FRAMING_FILE`)."""
        check_framing(framing)
        with self._lock:
            path = self.folder / FRAMING_FILE
            try:
                if framing == FRAMING_REGION:
                    path.unlink(missing_ok=True)
                else:
                    write_bytes_atomic(path, (json.dumps({"framing": framing}) + "\n").encode())
            except OSError as exc:
                raise SampleError(f"{path}: cannot save how the samples are framed ({exc.strerror or exc})") from exc
            self._framing = framing

    # -- reading ---------------------------------------------------------------------------------------------------
    def _paths(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file() and not p.name.startswith(".")
                      and is_image_path(p))  # fmt: skip

    def names(self) -> list[str]:
        """Sample file names, oldest first (names start with their capture time)."""
        with self._lock:
            return sorted(self._signatures)

    def __len__(self) -> int:
        with self._lock:
            return len(self._signatures)

    def path(self, name: str) -> Path:
        return self.folder / name

    def needed(self, minimum: int = RECOMMENDED_SAMPLES) -> int:
        """How many more samples training needs before it can start."""
        return max(0, max(minimum, MIN_SAMPLES) - len(self))

    def median_sharpness(self) -> float | None:
        with self._lock:
            values = list(self._sharpness.values())
        return float(np.median(values)) if len(values) >= 5 else None

    # -- adding ----------------------------------------------------------------------------------------------------
    def check(self, image: np.ndarray, presence: Presence | None = None,
              settings: QualitySettings | None = None) -> Verdict:  # fmt: skip
        """The checks of ``image`` against the stored samples (``settings``: the checks; None: the store's own)."""
        with self._lock:
            stored = list(self._signatures.values())
        return check(image, presence, stored, self.median_sharpness(), settings or self.settings)

    def add(self, image: np.ndarray, presence: Presence | None = None, prefix: str = "",
            settings: QualitySettings | None = None) -> tuple[str | None, Verdict]:  # fmt: skip
        """Check ``image`` (BGR uint8) and store it if it passes: (file name or None, the checks' verdict).
        ``settings``: the checks (None: the store's own).

        Raises :class:`SampleError` when an accepted image cannot be written (nothing is left behind then).
        """
        image = as_bgr8(image)
        with self._lock:
            verdict = self.check(image, presence, settings)
            if not verdict.accepted:
                return None, verdict
            name = self._new_name(prefix)
            self._write(name, image)
            self._signatures[name] = verdict.signature
            self._sharpness[name] = verdict.sharpness
            return name, verdict

    def _new_name(self, prefix: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        base = f"{stamp}{'-' + prefix if prefix else ''}"
        name, n = f"{base}.png", 1
        while (self.folder / name).exists():
            name, n = f"{base}-{n}.png", n + 1
        return name

    def _write(self, name: str, image: np.ndarray) -> None:
        ok, data = cv2.imencode(".png", image)
        if not ok:
            raise SampleError(f"{name}: the image could not be encoded")
        try:
            write_bytes_atomic(self.folder / name, data.tobytes())
        except OSError as exc:
            raise SampleError(f"{self.folder / name}: cannot write the sample ({exc.strerror or exc})") from exc

    def import_folder(self, folder: Path, progress: Callable[[int, int], None] | None = None,
                      only: Iterable[str] | None = None, region: Roi | None = None) -> ImportReport:  # fmt: skip
        """Add every image in ``folder`` that passes the checks (no presence check: a photo becomes the sample as
        it is, so the whole photo is what is checked; samples framed around the product take the region around
        the product found on each photo, as the line will frame it; ``region``: the region drawn for the product,
        cropped from each photo of the pictures' size or shape, as the line crops it). ``only``: these file names
        of it (a second pass)."""
        folder = Path(folder)
        if not folder.is_dir():
            raise SampleError(f"{folder}: not a folder")
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        if only is not None:
            wanted = set(only)
            files = [p for p in files if p.name in wanted]
        report = ImportReport([], [])
        # the photos of a folder are parts of their own, however alike (a dark, uniform product looks nearly the
        # same on every photo, as alike as a capture repeated with sensor noise): only the same picture again, in
        # the folder or among the samples (a folder imported twice), is a duplicate
        strict = dataclasses.replace(self.settings, duplicate_distance=self.settings.duplicate_distance / 10)
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files))
            if not is_image_path(path):
                report.skipped.append((path.name, "not an image file"))
                continue
            try:
                image = as_bgr8(read_image(path))
                height, width = image.shape[:2]
                box = None
                if self._framing == FRAMING_PRODUCT:
                    box = around_product(image, Roi(0, 0, width, height))
                elif region is not None:
                    box = region_on_photo(region, width, height)
                if box is not None:
                    image = np.ascontiguousarray(box.crop(image))
            except (ImageReadError, FrameError) as exc:
                report.skipped.append((path.name, str(exc).removeprefix(f"{path}: ")))
                continue
            name, verdict = self.add(image, prefix="import", settings=strict)
            if name is None:
                report.skipped.append((path.name, verdict.reason or "rejected"))
            else:
                report.imported.append(name)
                if box is None and region is not None and self._framing != FRAMING_PRODUCT:
                    report.whole.append(path.name)
        if progress:
            progress(len(files), len(files))
        return report

    def put_aside(self, label: str = "") -> Path | None:
        """Move every sample (and this product's check settings) to ``archive/<time>-<label>/`` beside the samples
        folder, for a new product to start from none; nothing is deleted. The folder they went to, or None when
        there were none."""
        with self._lock:
            names = self.names()
            if not names:
                return None
            safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in label.strip())[:40]
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            target = self.folder.parent / "archive" / (f"{stamp}-{safe}" if safe else stamp)
            try:
                target.mkdir(parents=True, exist_ok=True)
                for name in names:
                    os.replace(self.folder / name, target / name)
                    del self._signatures[name]
                    self._sharpness.pop(name, None)
                for kept in (QUALITY_FILE, FRAMING_FILE):  # this product's, not the next one's
                    if (self.folder / kept).exists():
                        os.replace(self.folder / kept, target / kept)
            except OSError as exc:
                raise SampleError(f"cannot put the samples aside in {target} ({exc.strerror or exc})") from exc
            self.settings = dataclasses.replace(self.settings, check_exposure=True, allowed_exposure=())
            self._framing = FRAMING_REGION
            return target

    # -- removing --------------------------------------------------------------------------------------------------
    def delete(self, names: Iterable[str]) -> DeletedBatch:
        """Move these samples to the trash; :meth:`undo` brings them back."""
        with self._lock:
            batch = self.folder / TRASH / datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
            moved = []
            try:
                batch.mkdir(parents=True, exist_ok=True)
                for name in names:
                    if name not in self._signatures:
                        continue
                    os.replace(self.folder / name, batch / name)
                    moved.append(name)
                    del self._signatures[name]
                    self._sharpness.pop(name, None)
            except OSError as exc:
                raise SampleError(f"cannot delete samples ({exc.strerror or exc}); {len(moved)} were moved") from exc
            return DeletedBatch(batch, tuple(moved))

    def undo(self, batch: DeletedBatch) -> list[str]:
        """Put back the samples of a delete; returns their names."""
        with self._lock:
            restored = []
            for name in batch.names:
                source = batch.folder / name
                if not source.exists():
                    continue
                try:
                    os.replace(source, self.folder / name)
                    image = as_bgr8(read_image(self.folder / name))
                except (OSError, ImageReadError, FrameError) as exc:
                    raise SampleError(f"{name}: cannot restore ({exc})") from exc
                self._signatures[name] = signature(image)
                self._sharpness[name] = sharpness(image)
                restored.append(name)
            shutil.rmtree(batch.folder, ignore_errors=True)
            return restored
