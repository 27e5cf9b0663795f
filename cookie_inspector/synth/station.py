"""The inspection station: a conveyor belt under a camera, the light, and the camera's own blur and noise.

Everything here works in frame pixels for any frame size; the cookie is sized from the frame's shorter side, so a
160 x 120 test frame and a 640 x 480 demo frame show the same scene.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from cookie_inspector.core.noise import fractal_noise, smooth_noise
from cookie_inspector.synth.cookies import CookieSprite

COOKIE_RADIUS = 0.27
"""Nominal cookie radius as a share of the frame's shorter side (the cookie fills about 55% of the centre square)."""

SHADOW_STRENGTH = 0.55
"""How much light the cookie's shadow takes from the belt where it is darkest."""

SHADOW_MASK_LEVEL = 0.05
"""A change of shadow this large (share of the light) puts a pixel in a missing piece's defect mask."""

_NOISE_FIELDS = 4
_NOISE_MARGIN = 32

_BELT_COLOUR = np.array([0.42, 0.39, 0.35], np.float32)  # BGR: a slate-grey food belt


@dataclass(frozen=True)
class Look:
    """What changes from part to part besides the cookie: light, white balance, camera blur and noise, and where
    the cookie comes to rest."""

    gain: float
    white_balance: tuple[float, float, float]
    blur_sigma: float  # in frame pixels
    noise_sigma: float  # in [0, 1] intensity units
    rest_offset: tuple[float, float]  # in frame pixels from the frame centre
    size_factor: float

    @classmethod
    def draw(cls, rng: np.random.Generator, frame_size: tuple[int, int]) -> Look:
        width, height = frame_size
        short = min(width, height)
        wb = tuple(float(v) for v in np.clip(rng.normal(1.0, 0.025, 3), 0.93, 1.07))
        return cls(
            gain=float(rng.uniform(0.9, 1.1)),
            white_balance=wb,  # type: ignore[arg-type]
            blur_sigma=float(rng.uniform(0.35, 0.9) * short / 480),
            noise_sigma=float(rng.uniform(1.5, 3.5) / 255),
            rest_offset=(float(rng.uniform(-0.04, 0.04) * short), float(rng.uniform(-0.04, 0.04) * short)),
            size_factor=float(rng.uniform(0.96, 1.04)),
        )


@dataclass(frozen=True)
class _Layers:
    pad: int
    shadow_light: np.ndarray  # light left by the shadow, (side + 2 pad) square
    cover: np.ndarray  # 1 - alpha
    premultiplied: np.ndarray  # colour x alpha
    mask: np.ndarray  # defect mask, (side + 2 pad) square
    box: tuple[int, ...]  # the cookie's bounding box within the sprite: x, y, width, height


class Station:
    """The fixed parts of the scene: the belt texture (seamless, it scrolls) and the light falloff of the lamp."""

    def __init__(self, frame_size: tuple[int, int] = (640, 480), seed: int = 0) -> None:
        width, height = frame_size
        if width < 16 or height < 16:
            raise ValueError(f"frame size {width}x{height} is too small (at least 16x16)")
        self.width, self.height = width, height
        rng = np.random.default_rng(np.random.SeedSequence([seed, 7919]))
        short = min(width, height)
        self.period = width
        long_tex = (
            0.05 * fractal_noise(rng, (height, 2 * width), short * 0.25, octaves=3)
            + 0.035 * smooth_noise(rng, (height, 2 * width), max(1.0, short / 300))
            + 0.02 * smooth_noise(rng, (height, 2 * width), max(1.0, short / 60))
        )
        ramp = (np.arange(width, dtype=np.float32) / width)[None, :]
        seamless = (ramp * long_tex[:, :width] + (1 - ramp) * long_tex[:, width:]) / np.sqrt(ramp**2 + (1 - ramp) ** 2)
        belt = _BELT_COLOUR * (1.0 + seamless)[..., None]
        self._belt = np.concatenate([belt, belt], axis=1).astype(np.float32)  # two periods: any window is one slice
        yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
        dist = np.hypot((xx - width / 2) / short, (yy - height / 2) / short)
        self._light = (1.08 - 0.35 * dist**2).astype(np.float32)[..., None]
        self._cached: tuple[CookieSprite, _Layers] | None = None
        self._light_cache: tuple[Look, np.ndarray] | None = None
        # Sensor noise: a few fields drawn once, each frame takes one at a random offset (drawing a fresh field per
        # frame costs more than the rest of the frame).
        shape = (height + _NOISE_MARGIN, width + _NOISE_MARGIN, 3)
        self._noise = [rng.standard_normal(shape, dtype=np.float32) for _ in range(_NOISE_FIELDS)]

    @property
    def frame_size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def cookie_radius(self) -> float:
        return COOKIE_RADIUS * min(self.width, self.height)

    def centre_square(self) -> tuple[int, int, int]:
        """(x, y, side) of the largest centred square: where the camera's default region looks."""
        side = min(self.width, self.height)
        return (self.width - side) // 2, (self.height - side) // 2, side

    def render(
        self,
        sprite: CookieSprite | None,
        centre: tuple[float, float],
        belt_offset: float,
        look: Look,
        noise_rng: np.random.Generator,
    ) -> tuple[np.ndarray, np.ndarray]:
        """One camera frame: (BGR uint8 image, bool defect mask in frame pixels).

        ``centre`` is where the cookie's centre is in the frame (it may be partly or wholly outside); ``belt_offset``
        is how far the belt has moved, in pixels.
        """
        start = int(round(belt_offset)) % self.period
        scene = self._belt[:, start : start + self.width].copy()
        mask = np.zeros((self.height, self.width), bool)
        if sprite is not None:
            self._place(scene, mask, sprite, centre)
        cv2.multiply(scene, self._light_for(look), dst=scene)
        if look.blur_sigma > 0.05:
            scene = cv2.GaussianBlur(scene, (0, 0), look.blur_sigma)
        field = self._noise[int(noise_rng.integers(len(self._noise)))]
        dy, dx = (int(v) for v in noise_rng.integers(0, _NOISE_MARGIN, 2))
        scene = cv2.scaleAdd(field[dy : dy + self.height, dx : dx + self.width], look.noise_sigma, scene)
        image = cv2.convertScaleAbs(scene, alpha=255.0)  # rounds and saturates; the scene is never negative
        return image, mask

    def _light_for(self, look: Look) -> np.ndarray:
        """The lamp's falloff times the part's gain and white balance, per pixel and channel (kept per look)."""
        if self._light_cache is None or self._light_cache[0] is not look:
            tint = np.array(look.white_balance, np.float32) * np.float32(look.gain)
            self._light_cache = (look, np.ascontiguousarray(self._light * tint, dtype=np.float32))
        return self._light_cache[1]

    def _place(self, scene: np.ndarray, mask: np.ndarray, sprite: CookieSprite, centre: tuple[float, float]) -> None:
        layers = self._layers_for(sprite)
        left = int(round(centre[0])) - sprite.side // 2
        top = int(round(centre[1])) - sprite.side // 2
        pad = layers.pad
        _paste(scene, layers.shadow_light, left - pad, top - pad, multiply=True)
        _paste(scene, layers.cover, left, top, multiply=True)
        _paste(scene, layers.premultiplied, left, top, multiply=False)
        _paste_mask(mask, layers.mask, left - pad, top - pad)

    def _layers_for(self, sprite: CookieSprite) -> _Layers:
        """The sprite's layers ready to paste; kept for the last sprite, which a moving part reuses every frame."""
        cached = self._cached
        if cached is not None and cached[0] is sprite:
            return cached[1]
        radius = sprite.side / 2.3  # the sprite leaves 15% room around the cookie
        pad = int(radius * 0.2)
        side = sprite.side
        # Soft shadow, thrown down and right, away from the lamp. Where a piece is missing its shadow is missing
        # too, and those pixels belong to the defect.
        shadow = _shadow(sprite.alpha, radius, pad)
        mask = np.zeros(shadow.shape, bool)
        mask[pad : pad + side, pad : pad + side] = sprite.mask
        if sprite.defect is not None and not np.array_equal(sprite.alpha, sprite.body):
            uncovered = np.ones(shadow.shape, np.float32)  # the shadow shows only where no cookie lies on it
            uncovered[pad : pad + side, pad : pad + side] -= sprite.alpha
            change = SHADOW_STRENGTH * np.abs(_shadow(sprite.body, radius, pad) - shadow) * uncovered
            mask |= change >= SHADOW_MASK_LEVEL
        a = sprite.alpha[..., None]
        layers = _Layers(
            pad=pad,
            shadow_light=(1.0 - SHADOW_STRENGTH * shadow)[..., None],
            cover=1.0 - a,
            premultiplied=sprite.colour * a,
            mask=mask,
            box=tuple(int(v) for v in cv2.boundingRect((sprite.alpha >= 0.5).astype(np.uint8))),
        )
        self._cached = (sprite, layers)
        return layers

    def cookie_box(self, sprite: CookieSprite, centre: tuple[float, float]) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the cookie itself in frame pixels, unclipped (it may reach outside the frame)."""
        x, y, w, h = self._layers_for(sprite).box
        return int(round(centre[0])) - sprite.side // 2 + x, int(round(centre[1])) - sprite.side // 2 + y, w, h


def _shadow(coverage: np.ndarray, radius: float, pad: int) -> np.ndarray:
    """The soft shadow a cookie of this coverage throws, on a canvas ``pad`` pixels larger on every side."""
    side = coverage.shape[0]
    canvas = np.zeros((side + 2 * pad, side + 2 * pad), np.float32)
    canvas[pad : pad + side, pad : pad + side] = coverage
    canvas = cv2.GaussianBlur(canvas, (0, 0), radius * 0.05)
    shift = np.float32([[1, 0, radius * 0.035], [0, 1, radius * 0.05]])
    return cv2.warpAffine(canvas, shift, canvas.shape[::-1])


def _window(dst_shape: tuple[int, ...], src_shape: tuple[int, ...], left: int, top: int):
    """Matching slices of destination and source for a source placed at (left, top); None if they do not meet."""
    h, w = dst_shape[:2]
    sh, sw = src_shape[:2]
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + sw, w), min(top + sh, h)
    if x0 >= x1 or y0 >= y1:
        return None
    return (slice(y0, y1), slice(x0, x1)), (slice(y0 - top, y1 - top), slice(x0 - left, x1 - left))


def _paste(dst: np.ndarray, src: np.ndarray, left: int, top: int, multiply: bool) -> None:
    window = _window(dst.shape, src.shape, left, top)
    if window is None:
        return
    (dy, dx), (sy, sx) = window
    if multiply:
        dst[dy, dx] *= src[sy, sx]
    else:
        dst[dy, dx] += src[sy, sx]


def _paste_mask(dst: np.ndarray, src: np.ndarray, left: int, top: int) -> None:
    window = _window(dst.shape, src.shape, left, top)
    if window is None:
        return
    (dy, dx), (sy, sx) = window
    dst[dy, dx] |= src[sy, sx]
