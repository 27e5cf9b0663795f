"""Procedural cookies, good and defective, each defect with its exact pixel mask.

A cookie is drawn as a sprite: a colour image, the coverage (alpha) of what is there, the coverage of the intact
cookie (which casts the shadow), and a mask of the pixels a defect changed. The good cookie and its defect come from
separate random streams, so the same part seed gives the same cookie with or without a defect.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from cookie_inspector.core.noise import fractal_noise, periodic_profile, smooth_noise

DEFECT_TYPES = ("crack", "chip", "broken", "burnt", "foreign")
"""Every defect the demo line can make: a crack, a chipped rim, a broken cookie, a burnt spot, a foreign particle."""

RECIPES = ("sugar", "chocolate")
"""Toppings: sugar crystals, or chocolate chips."""

DEFAULT_RECIPE = "sugar"
"""The demo line bakes sugar cookies. Chocolate chips are a harder test: dark chips at random places look much like
burnt spots to an autoencoder, and rebuilding them exactly is what makes a model copy defects too."""

MASK_COVERAGE = 0.1
"""A pixel belongs to a defect's mask when the defect covers at least this share of it."""

_LIGHT = np.array([-0.45, -0.55, 0.70], np.float32)
_LIGHT /= np.linalg.norm(_LIGHT)
_FOREIGN_COLOURS = {  # BGR in [0, 1]: plastic, paper, metal
    "blue plastic": (0.78, 0.42, 0.10),
    "green plastic": (0.25, 0.62, 0.18),
    "red plastic": (0.16, 0.16, 0.78),
    "white paper": (0.86, 0.88, 0.88),
    "metal": (0.62, 0.60, 0.58),
}


@dataclass
class CookieSprite:
    """A cookie ready to be placed: every array is ``side x side``, the cookie's centre in the middle."""

    colour: np.ndarray  # float32 BGR in [0, 1]
    alpha: np.ndarray  # float32 coverage of what is there now
    body: np.ndarray  # float32 coverage of the intact cookie: casts the shadow
    mask: np.ndarray  # bool, the pixels the defect changed (all False for a good cookie)
    defect: str | None
    severity: float

    @property
    def side(self) -> int:
        return self.colour.shape[0]


def _smoothstep(edge0: float, edge1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - edge0) / (edge1 - edge0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _profile_lookup(rng: np.random.Generator, theta: np.ndarray, harmonics: int, amplitude: float) -> np.ndarray:
    """A periodic profile evaluated on 2048 angles and looked up per pixel (much faster than per-pixel cosines)."""
    samples = np.linspace(-np.pi, np.pi, 2048, endpoint=False, dtype=np.float32)
    table = periodic_profile(rng, samples, harmonics, amplitude)
    index = ((theta + np.pi) / (2 * np.pi) * 2048).astype(np.int32) % 2048
    return table[index]


def _blob_polygon(
    rng: np.random.Generator, centre: tuple[float, float], radius: float, vertices: int, roughness: float
) -> np.ndarray:
    """An irregular closed outline around ``centre``, in 1/16 pixel fixed point for ``cv2.fillPoly(shift=4)``."""
    angles = np.sort(rng.uniform(0, 2 * np.pi, vertices))
    radii = radius * (1.0 + roughness * rng.uniform(-1, 1, vertices))
    points = np.stack([centre[0] + radii * np.cos(angles), centre[1] + radii * np.sin(angles)], axis=1)
    return np.round(points * 16).astype(np.int32)


def _coverage_of_polys(side: int, polys: list[np.ndarray]) -> np.ndarray:
    canvas = np.zeros((side, side), np.uint8)
    cv2.fillPoly(canvas, polys, 255, lineType=cv2.LINE_AA, shift=4)
    return canvas.astype(np.float32) / 255.0


def _shade(height: np.ndarray, relief: float) -> np.ndarray:
    """Lambertian shading of a height field lit from the upper left; 1.0 on flat ground."""
    height = height.astype(np.float32, copy=False)
    gx = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=3) / 8.0 * relief
    gy = cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=3) / 8.0 * relief
    norm = np.sqrt(gx * gx + gy * gy + 1.0)
    lambert = (-gx * _LIGHT[0] - gy * _LIGHT[1] + _LIGHT[2]) / norm
    return lambert / _LIGHT[2]


def render_cookie(
    seed: int | np.random.SeedSequence,
    radius: float,
    recipe: str = DEFAULT_RECIPE,
    defect: str | None = None,
    severity: float = 0.5,
) -> CookieSprite:
    """Draw one cookie of about ``radius`` pixels; ``defect`` (one of :data:`DEFECT_TYPES`) at ``severity`` 0..1.

    The same ``seed`` always gives the same cookie, and the same cookie with or without the defect.
    """
    if recipe not in RECIPES:
        raise ValueError(f"unknown recipe {recipe!r}; choose from {', '.join(RECIPES)}")
    if defect is not None and defect not in DEFECT_TYPES:
        raise ValueError(f"unknown defect {defect!r}; choose from {', '.join(DEFECT_TYPES)}")
    sequence = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    base_seq, defect_seq = sequence.spawn(2)
    rng = np.random.default_rng(base_seq)
    severity = float(np.clip(severity, 0.0, 1.0))
    scale = radius / 130.0  # the sizes below were tuned for a cookie of radius 130 px

    side = 2 * int(np.ceil(radius * 1.15)) + 1
    half = side // 2
    yy, xx = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float32)
    rho = np.sqrt(xx * xx + yy * yy)
    theta = np.arctan2(yy, xx)

    # Outline: a slightly oval, lumpy round with a fine irregular edge.
    rim = radius * (1.0 + _profile_lookup(rng, theta, 5, 0.018) + _profile_lookup(rng, theta, 48, 0.006)).astype(
        np.float32
    )
    body = np.clip(rim - rho + 0.5, 0.0, 1.0)
    u = rho / rim

    # Height: flat top, rounded rim, lumps; toppings add their own.
    height = _smoothstep(1.0, 0.78, u) * 0.6 + 0.4 * _smoothstep(1.02, 0.9, u)
    height = height + 0.10 * fractal_noise(rng, (side, side), 28 * scale, octaves=3) * _smoothstep(1.0, 0.85, u)

    # Baked colour: pale centre, darker edge, per-cookie bake level, mottled surface and fine grain.
    bake = rng.normal(0.0, 1.0)
    centre_colour = np.array([0.42, 0.64, 0.84], np.float32) * np.float32(1.0 - 0.03 * bake)
    edge_colour = np.array([0.20, 0.38, 0.64], np.float32) * np.float32(1.0 - 0.06 * bake)
    ring = _smoothstep(0.45, 1.0, u + 0.06 * smooth_noise(rng, (side, side), 40 * scale))[..., None]
    colour = centre_colour * (1.0 - ring) + edge_colour * ring
    mottle = 0.07 * fractal_noise(rng, (side, side), 45 * scale, octaves=3)
    grain = 0.035 * smooth_noise(rng, (side, side), 1.6 * scale)
    colour = colour * (1.0 + mottle + grain)[..., None]
    pores = rng.uniform(0, 1, (side, side)) < 0.004
    pores = cv2.dilate(pores.astype(np.uint8), np.ones((2, 2), np.uint8)).astype(bool)
    colour[pores] *= np.float32(0.82)

    # Toppings.
    if recipe == "chocolate":
        count = int(rng.integers(5, 11))
        chips = np.zeros((side, side), np.float32)
        chip_height = np.zeros((side, side), np.float32)
        placed: list[tuple[float, float, float]] = []
        for _ in range(count * 6):
            if len(placed) == count:
                break
            r_chip = radius * rng.uniform(0.055, 0.1)
            dist = radius * 0.78 * np.sqrt(rng.uniform(0, 1))
            angle = rng.uniform(0, 2 * np.pi)
            cx, cy = dist * np.cos(angle), dist * np.sin(angle)
            if any(np.hypot(cx - px, cy - py) < (r_chip + pr) * 1.1 for px, py, pr in placed):
                continue
            placed.append((cx, cy, r_chip))
            poly = _blob_polygon(rng, (cx + half, cy + half), r_chip, int(rng.integers(7, 12)), 0.28)
            one = _coverage_of_polys(side, [poly])
            chips = np.maximum(chips, one)
            local = np.sqrt(np.clip(1.0 - ((xx - cx) ** 2 + (yy - cy) ** 2) / (r_chip * 1.2) ** 2, 0, 1))
            chip_height = np.maximum(chip_height, one * local * 0.9)
        chip_colour = np.array([0.10, 0.16, 0.25], np.float32) * np.float32(rng.uniform(0.85, 1.15))
        chip_colour = chip_colour * (1.0 + 0.12 * smooth_noise(rng, (side, side), 4 * scale))[..., None]
        colour = colour * (1.0 - chips[..., None]) + chip_colour * chips[..., None]
        height = height + chip_height
    else:
        count = int(rng.integers(60, 140))
        crystals = np.zeros((side, side), np.uint8)
        for _ in range(count):
            dist = radius * 0.9 * np.sqrt(rng.uniform(0, 1))
            angle = rng.uniform(0, 2 * np.pi)
            centre = (int(round((half + dist * np.cos(angle)) * 16)), int(round((half + dist * np.sin(angle)) * 16)))
            size = int(round(16 * max(0.7, rng.uniform(0.8, 2.0) * scale)))
            cv2.circle(crystals, centre, size, int(rng.integers(150, 256)), -1, cv2.LINE_AA, shift=4)
        sugar = crystals.astype(np.float32)[..., None] / 255.0
        colour = colour * (1.0 - sugar) + np.array([0.90, 0.93, 0.95], np.float32) * sugar
        height = height + 0.3 * sugar[..., 0]

    colour = colour * _shade(height, 9.0 * scale)[..., None]

    alpha = body.copy()
    mask = np.zeros((side, side), bool)
    if defect is not None:
        drng = np.random.default_rng(defect_seq)
        ctx = _DefectContext(drng, side, half, xx, yy, rho, u, rim, body, radius, scale, severity)
        colour, alpha, mask = _DEFECT_PAINTERS[defect](ctx, colour, alpha)
    f32 = np.float32
    return CookieSprite(
        np.clip(colour, 0.0, 1.0).astype(f32), alpha.astype(f32), body.astype(f32), mask, defect, severity
    )


@dataclass
class _DefectContext:
    rng: np.random.Generator
    side: int
    half: int
    xx: np.ndarray
    yy: np.ndarray
    rho: np.ndarray
    u: np.ndarray
    rim: np.ndarray
    body: np.ndarray
    radius: float
    scale: float
    severity: float

    def interior_point(self, max_u: float) -> tuple[float, float]:
        dist = self.radius * max_u * np.sqrt(self.rng.uniform(0, 1))
        angle = self.rng.uniform(0, 2 * np.pi)
        return dist * np.cos(angle), dist * np.sin(angle)


def _crumb_edge(ctx: _DefectContext, colour: np.ndarray, removed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Paint the pale, rough crumb exposed along a break; returns (colour, crumb coverage)."""
    outside = (removed < 0.5).astype(np.uint8)
    distance = cv2.distanceTransform(outside, cv2.DIST_L2, 3)
    width = ctx.radius * (0.035 + 0.03 * ctx.severity) * (1.0 + 0.35 * smooth_noise(ctx.rng, distance.shape, 6))
    band = np.clip(1.0 - distance / np.maximum(width, 1.0), 0.0, 1.0) * ctx.body * (1.0 - removed)
    band = np.clip(band * 2.5, 0.0, 1.0)
    crumb = np.array([0.50, 0.72, 0.90], np.float32) * (
        1.0 + 0.16 * smooth_noise(ctx.rng, distance.shape, 2.2 * ctx.scale)
    )[..., None].astype(np.float32)
    return colour * (1.0 - band[..., None]) + crumb * band[..., None], band


def _paint_chip(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray):
    angle = ctx.rng.uniform(-np.pi, np.pi)
    bite = ctx.radius * (0.08 + 0.14 * ctx.severity)
    probe = ctx.radius * 0.9
    rim_here = float(
        ctx.rim[ctx.half + int(round(probe * np.sin(angle))), ctx.half + int(round(probe * np.cos(angle)))]
    )
    centre = (ctx.half + (rim_here + bite * 0.3) * np.cos(angle), ctx.half + (rim_here + bite * 0.3) * np.sin(angle))
    removed = _coverage_of_polys(ctx.side, [_blob_polygon(ctx.rng, centre, bite, 14, 0.22)]) * ctx.body
    return _break(ctx, colour, alpha, removed)


def _paint_broken(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray):
    angle = ctx.rng.uniform(-np.pi, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)], np.float32)
    offset = ctx.radius * (0.62 - 0.5 * ctx.severity)
    along = -ctx.xx * normal[1] + ctx.yy * normal[0]
    jag = ctx.radius * 0.05 * _profile_lookup(ctx.rng, along / (ctx.radius * 2.4) * np.pi, 24, 1.0)
    signed = ctx.xx * normal[0] + ctx.yy * normal[1] - offset - jag
    removed = np.clip(signed + 0.5, 0.0, 1.0) * ctx.body
    return _break(ctx, colour, alpha, removed)


def _break(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray, removed: np.ndarray):
    colour, band = _crumb_edge(ctx, colour, removed)
    alpha = alpha * (1.0 - removed)
    mask = (removed >= MASK_COVERAGE) | (band >= MASK_COVERAGE)
    return colour, alpha, mask


def _paint_crack(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray):
    rng = ctx.rng
    length = ctx.radius * (0.35 + 0.6 * ctx.severity)
    step = ctx.radius * 0.035
    inside = ctx.radius * 0.88

    def walk(start: tuple[float, float], heading: float, steps: int) -> np.ndarray:
        points = [start]
        x, y = start
        for _ in range(steps):
            heading += rng.normal(0, 0.35)
            nx, ny = x + step * np.cos(heading), y + step * np.sin(heading)
            if np.hypot(nx, ny) > inside:  # bend back instead of running off the cookie
                heading += np.pi / 2
                continue
            x, y = nx, ny
            points.append((x, y))
        return np.array(points, np.float32)

    main = walk(ctx.interior_point(0.45), rng.uniform(0, 2 * np.pi), max(3, int(length / step)))
    paths = [main]
    for _ in range(int(rng.integers(1, 3))):
        if len(main) < 4:
            break
        at = main[int(rng.integers(1, len(main) - 1))]
        heading = rng.uniform(0, 2 * np.pi)
        paths.append(walk((float(at[0]), float(at[1])), heading, max(2, int(length * rng.uniform(0.2, 0.45) / step))))
    canvas = np.zeros((ctx.side, ctx.side), np.uint8)
    width = max(1, int(round((1.2 + 2.2 * ctx.severity) * ctx.scale)))
    for number, path in enumerate(paths):
        pts = np.round((path + ctx.half) * 16).astype(np.int32)
        cv2.polylines(canvas, [pts], False, 255, max(1, width - (number > 0)), cv2.LINE_AA, shift=4)
    cover = canvas.astype(np.float32) / 255.0 * ctx.body
    darkness = 0.28 + 0.25 * (1.0 - ctx.severity)
    colour = colour * (1.0 - cover[..., None] * (1.0 - darkness))
    return colour, alpha, cover >= MASK_COVERAGE


def _paint_burnt(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray):
    cx, cy = ctx.interior_point(0.68)
    spot = ctx.radius * (0.09 + 0.17 * ctx.severity)
    distance = np.sqrt((ctx.xx - cx) ** 2 + (ctx.yy - cy) ** 2) / spot
    distance = distance * (1.0 + 0.22 * smooth_noise(ctx.rng, distance.shape, spot * 0.8))
    strength = np.clip((1.0 - distance) / 0.45, 0.0, 1.0) * ctx.body
    strength = strength**0.7
    char = np.array([0.05, 0.07, 0.10], np.float32) * (1.0 + 0.4 * smooth_noise(ctx.rng, distance.shape, 3))[
        ..., None
    ].astype(np.float32)
    amount = (0.6 + 0.35 * ctx.severity) * strength[..., None]
    colour = colour * (1.0 - amount) + char * amount
    return colour, alpha, strength >= MASK_COVERAGE


def _paint_foreign(ctx: _DefectContext, colour: np.ndarray, alpha: np.ndarray):
    name = list(_FOREIGN_COLOURS)[int(ctx.rng.integers(len(_FOREIGN_COLOURS)))]
    cx, cy = ctx.interior_point(0.72)
    size = ctx.radius * (0.035 + 0.07 * ctx.severity)
    poly = _blob_polygon(ctx.rng, (cx + ctx.half, cy + ctx.half), size, int(ctx.rng.integers(4, 8)), 0.45)
    piece = _coverage_of_polys(ctx.side, [poly])
    shift = np.float32([[1, 0, 2.5 * ctx.scale], [0, 1, 3.0 * ctx.scale]])
    shadow = cv2.warpAffine(piece, shift, piece.shape[::-1])
    shadow = cv2.GaussianBlur(shadow, (0, 0), 1.5 * ctx.scale) * (1.0 - piece)
    colour = colour * (1.0 - 0.45 * shadow[..., None])
    tint = np.array(_FOREIGN_COLOURS[name], np.float32)
    sheen = 1.0 + 0.18 * ((ctx.xx - cx) * -0.5 + (ctx.yy - cy) * -0.6) / size
    paint = tint * np.clip(sheen, 0.7, 1.3)[..., None]
    colour = colour * (1.0 - piece[..., None]) + paint * piece[..., None]
    return colour, alpha, (piece >= MASK_COVERAGE) | (shadow * 0.45 >= 0.04)


_DEFECT_PAINTERS = {
    "crack": _paint_crack,
    "chip": _paint_chip,
    "broken": _paint_broken,
    "burnt": _paint_burnt,
    "foreign": _paint_foreign,
}
