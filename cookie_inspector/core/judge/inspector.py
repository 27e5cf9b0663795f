"""One frame (or a batch) in, an inspection result out: reconstruction, error map, score, verdict, overlay."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

from cookie_inspector.core.errors import BundleError
from cookie_inspector.core.frames.preprocess import (
    MAX_ASPECT,
    DefaultRegion,
    Roi,
    as_grey,
    aspect_ratio,
    is_grey,
    preprocess,
    resolve_roi,
)
from cookie_inspector.core.judge.outline import OutlineParams, combine
from cookie_inspector.core.judge.presence import FRAMING_PRODUCT, around_product
from cookie_inspector.core.judge.scoring import (
    ScoringParams,
    error_maps,
    feature_maps,
    heatmap_overlay,
    scores_from_maps,
)

if TYPE_CHECKING:  # TensorFlow is imported when a model is first run, not with this module: the window opens first
    from cookie_inspector.core.model.bundle import ModelBundle


SHAPE_CHANGE = 1.25
"""A region whose width-to-height ratio differs from the training pictures' by more than this is said once."""


class Verdict(StrEnum):
    """OK below the warning threshold, WARN in the grey zone, NG at or above the threshold."""

    OK = "OK"
    WARN = "WARN"
    NG = "NG"


def verdict_for(score: float, threshold: float, warn_threshold: float) -> Verdict:
    if score >= threshold:
        return Verdict.NG
    if score >= warn_threshold:
        return Verdict.WARN
    return Verdict.OK


@dataclass(frozen=True)
class InspectionResult:
    """What the inspector found in one image. Images are (H, W, 3) RGB float32 in [0, 1] at the model's size."""

    image: np.ndarray
    reconstruction: np.ndarray | None
    """The pixel networks' rebuilt image; None for the feature models, which score features, not pixels."""
    error_map: np.ndarray
    score: float
    threshold: float
    warn_threshold: float
    roi: Roi | None

    @property
    def normalized_score(self) -> float:
        """The score in units of the threshold: 1.0 is the alarm line."""
        return self.score / self.threshold

    @property
    def verdict(self) -> Verdict:
        return verdict_for(self.score, self.threshold, self.warn_threshold)

    def overlay(self, opacity: float = 0.6) -> np.ndarray:
        """The inspected image with its error map in red on the threshold's fixed scale, as uint8 BGR."""
        return heatmap_overlay(self.image, self.error_map, self.threshold, opacity)


def compiled_forward(model, size: int):
    """The model's inference pass as a compiled TensorFlow function for (N, size, size, 3) float32 batches.

    Calling this costs a fraction of ``model.predict``, whose per-call set-up dominates at batch 1.
    """
    from cookie_inspector.core.model.tf_setup import tf

    spec = tf.TensorSpec(shape=(None, size, size, 3), dtype=tf.float32)

    def forward(x):
        return model(x, training=False)

    return tf.function(forward, input_signature=[spec], autograph=False)


class Turns:
    """A lock taken in the order it was asked for: the stations that share a model get its forward pass in turns,
    so one with parts in view never starves another (a plain lock may go to the thread that just let it go)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._next = 0
        self._serving = 0

    def __enter__(self) -> Turns:
        with self._changed:
            ticket = self._next
            self._next += 1
            while ticket != self._serving:
                self._changed.wait()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._serving += 1
            self._changed.notify_all()


class Inspector:
    """Runs a bundle's model on frames. Inference is a compiled TensorFlow function, not ``model.predict``."""

    def __init__(
        self,
        bundle: ModelBundle,
        roi: Roi | None = None,
        region: DefaultRegion | None = None,
        batch_size: int = 8,
        runtime: str = "auto",
    ) -> None:
        self.bundle = bundle
        self._turn = Turns()
        self.framing = bundle.framing
        """``"product"``: each frame is framed around the product found in the region (as the model's samples
        were); ``"region"``: the region as it is."""
        self.roi = roi if roi is not None else bundle.roi
        """The region inspected; by default the one the model was trained on (its bundle's ``preprocessing``)."""
        self.grey = bundle.grey
        """A model trained on grey pictures: colour frames lose their colour before it sees them."""
        self.trained_shape = bundle.trained_shape
        """Width over height of the pictures the model learnt; None for bundles that do not say, or whose pictures
        came in many shapes."""
        self.region: DefaultRegion = region if region is not None else self.model_region(bundle)
        """Where to look without a region: by default the largest centred box of the training pictures' shape (the
        whole picture when the frames are shaped like them), else the centred square."""
        self.batch_size = max(1, int(batch_size))
        self.size = bundle.input_size
        self.scoring: ScoringParams = bundle.scoring
        self.threshold = bundle.threshold
        self.warn_threshold = bundle.warn_threshold
        self.outline = OutlineParams.from_meta(bundle.meta.get("outline"))
        """The bundle's outline check (see :mod:`cookie_inspector.core.judge.outline`); None for bundles without one."""
        if bundle.model is not None:
            self.scores_features = tuple(bundle.model.output_shape[1:]) == (self.size, self.size, 1)
        else:  # loaded to run with its LiteRT export: a feature model
            self.scores_features = bundle.family == "features"
        """Whether the model outputs an anomaly map (a feature model) rather than a reconstruction."""
        self.runtime = "tensorflow"
        """What runs the model: ``litert`` for a model whose bundle carries its LiteRT export (``runtime`` "litert";
        "auto": a feature model, or a pixel network where TensorFlow is not installed), else ``tensorflow``."""
        self._forward = None
        if runtime != "tensorflow":
            from cookie_inspector.core.model.litert import LiteRTForward, runs_with_litert

            if runs_with_litert(bundle.path, bundle.family != "features", runtime):
                try:
                    self._forward = LiteRTForward(bundle.path)
                    self.runtime = "litert"
                except BundleError:
                    self._forward = None  # a damaged export: TensorFlow runs the model as before
            elif runtime == "litert":
                raise BundleError(f"{bundle.path}: no LiteRT export of this model, or no LiteRT runtime")
        if self._forward is None:
            self._forward = compiled_forward(bundle.keras_model(), self.size)

    @staticmethod
    def model_region(bundle: ModelBundle) -> DefaultRegion:
        """The line's default region for ``bundle``: each frame whole when its training pictures came in many
        shapes or around the product (found anywhere on it), else their shape, else (older bundles) the centred
        square."""
        if bundle.shapes_vary or bundle.framing == FRAMING_PRODUCT:
            return "full"
        shape = bundle.trained_shape
        return shape if shape is not None else "center"

    @classmethod
    def uncalibrated(cls, model, scoring: ScoringParams, architecture: str = "") -> Inspector:
        """An inspector for a model that has no threshold yet (threshold 1.0): for calibration and benchmarks."""
        size = int(model.input_shape[1])
        meta = {"architecture": architecture, "input_shape": [size, size, 3], "threshold": 1.0,
                "warn_threshold": 1.0, "scoring": scoring.to_dict()}  # fmt: skip
        from cookie_inspector.core.model.bundle import ModelBundle

        return cls(ModelBundle(None, model, meta), region="full")

    def warm_up(self) -> None:
        """Compile the forward pass now: its first call traces it, which takes seconds. Done where a model is
        loaded for the live line, so the first part after a swap is inspected at full speed."""
        self.reconstruct(np.zeros((1, self.size, self.size, 3), np.float32))

    def reconstruct(self, images: np.ndarray) -> np.ndarray:
        """The model's output for a (N, size, size, 3) float32 batch, computed ``batch_size`` at a time: the
        reconstructions of a pixel network, the (N, size, size, 1) anomaly maps of a feature model."""
        images = np.asarray(images, dtype=np.float32)
        if images.ndim != 4 or images.shape[1:] != (self.size, self.size, 3):
            raise ValueError(f"expected images of shape (N, {self.size}, {self.size}, 3), got {images.shape}")
        with self._turn:  # stations sharing this model take turns (a LiteRT interpreter is not thread-safe)
            if self.runtime == "litert":
                outputs = [self._forward(images[start : start + self.batch_size])
                           for start in range(0, len(images), self.batch_size)]  # fmt: skip
            else:
                from cookie_inspector.core.model.tf_setup import tf

                outputs = [
                    self._forward(tf.constant(images[start : start + self.batch_size])).numpy()
                    for start in range(0, len(images), self.batch_size)
                ]
        if outputs:
            return np.concatenate(outputs)
        return np.zeros((0, self.size, self.size, 1 if self.scores_features else 3), np.float32)

    def score_images(self, images: np.ndarray) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
        """(reconstructions or None for a feature model, error maps, scores) of preprocessed images."""
        reconstructions, maps = self._maps(images)
        scores = scores_from_maps(maps)
        if self.outline is not None:
            scores, maps = combine(scores, maps, images, self.threshold, self.outline)
        return reconstructions, maps, scores

    def _maps(self, images: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
        """(reconstructions or None for a feature model, error maps) of preprocessed images."""
        outputs = self.reconstruct(images)
        if self.scores_features:
            return None, feature_maps(outputs[..., 0], self.scoring)
        return outputs, error_maps(images, outputs, self.scoring)

    def model_scores(self, images: np.ndarray) -> np.ndarray:
        """The model's own image scores of preprocessed images, before the outline check: what training calibrates."""
        return scores_from_maps(self._maps(images)[1])

    def inspect(self, frame: np.ndarray) -> InspectionResult:
        """Inspect one frame (any size, grey/BGR/BGRA, 8/16 bit or float)."""
        return self.inspect_batch([frame])[0]

    def inspect_batch(self, frames: Sequence[np.ndarray]) -> list[InspectionResult]:
        """Inspect several frames in one model call per ``batch_size`` frames."""
        if not frames:
            return []
        rois = [self.frame_region(frame) for frame in frames]
        images = np.stack([self.prepare(frame, roi) for frame, roi in zip(frames, rois, strict=True)])
        return self.results_for(images, rois)

    def frame_region(self, frame: np.ndarray, roi: Roi | None = None) -> Roi:
        """The region of ``frame`` the model judges: ``roi`` (else the inspector's own, else its default region),
        and within it the region around the product for a model framed so (the region itself when no product
        stands out)."""
        box = resolve_roi(frame.shape, roi if roi is not None else self.roi, self.region)
        return around_product(frame, box) if self.framing == FRAMING_PRODUCT else box

    def prepare(self, frame: np.ndarray, roi: Roi | None) -> np.ndarray:
        """The model's input for ``frame``: cropped to ``roi``, resized, without colour for a grey model."""
        return preprocess(as_grey(frame) if self.grey and not is_grey(frame) else frame, self.size, roi)

    def input_warnings(self, frame: np.ndarray, roi: Roi | None = None) -> list[str]:
        """What makes this model's verdict on ``frame`` doubtful: a grey picture for a model trained on colour
        ones, or a region so elongated that squashing it into the model's square distorts it. ``roi``: the region
        judged (framed already); None: the one :meth:`frame_region` gives."""
        warnings = []
        if not self.grey and is_grey(frame):
            warnings.append("a grey picture, but the model was trained on colour ones: its verdict is unreliable "
                            "(train a model on grey samples, or give colour pictures)")  # fmt: skip
        box = self.frame_region(frame) if roi is None else resolve_roi(frame.shape, roi, self.region)
        shape = self.trained_shape if self.framing != FRAMING_PRODUCT else None  # the product's shape, not the region's
        if shape is not None and max(box.width / box.height / shape, shape * box.height / box.width) > SHAPE_CHANGE:
            warnings.append(f"the region inspected is {box.width}x{box.height} pixels, but the model was trained on "
                            f"pictures shaped {shape:.2f}:1 (width:height): parts are stretched differently from "
                            "the samples and good ones may alarm (draw the region in the samples' shape, or "
                            "retrain on samples of this region)")  # fmt: skip
        if aspect_ratio(box.width, box.height) > MAX_ASPECT:
            warnings.append(f"the region inspected is {box.width}x{box.height} pixels, squashed into the model's "
                            f"{self.size}x{self.size} square: parts look distorted and may be judged wrongly "
                            "(make the region closer to square, around the part)")  # fmt: skip
        return warnings

    def results_for(self, images: np.ndarray, rois: Sequence[Roi | None] | None = None) -> list[InspectionResult]:
        """Inspection results for already preprocessed images."""
        reconstructions, maps, scores = self.score_images(images)
        rois = rois if rois is not None else [None] * len(images)
        return [
            InspectionResult(
                image=images[i],
                reconstruction=None if reconstructions is None else reconstructions[i],
                error_map=maps[i],
                score=float(scores[i]),
                threshold=self.threshold,
                warn_threshold=self.warn_threshold,
                roi=rois[i],
            )
            for i in range(len(images))
        ]
