"""Draw the application icon: resources/icons/cookie-inspector.png (256 px) and .ico (16-256 px, for Windows).

A golden cookie with chocolate chips under a red inspection frame. Drawn with OpenCV at 1024 px and scaled down,
so it is reproducible from this script alone: ``python packaging/make_icon.py``.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
BIG = 1024


def draw(size: int = BIG) -> np.ndarray:
    """The icon as BGRA uint8, size x size, transparent outside the drawing."""
    s = size / 1024.0
    colour = np.zeros((size, size, 3), np.uint8)
    alpha = np.zeros((size, size), np.uint8)
    centre = (int(512 * s), int(540 * s))
    radius = int(360 * s)
    rng = np.random.default_rng(3)
    # the cookie: a slightly uneven disc, darker towards the rim
    angles = np.linspace(0, 2 * np.pi, 180, endpoint=False)
    wobble = 1.0 + 0.025 * np.sin(5 * angles + 0.7) + 0.015 * np.sin(9 * angles)
    outline = np.stack([centre[0] + radius * wobble * np.cos(angles), centre[1] + radius * wobble * np.sin(angles)], 1)
    outline = np.round(outline).astype(np.int32)
    cv2.fillPoly(colour, [outline], (70, 150, 205), cv2.LINE_AA)
    cv2.fillPoly(alpha, [outline], 255, cv2.LINE_AA)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    rim = np.sqrt((xx - centre[0]) ** 2 + (yy - centre[1]) ** 2) / radius
    shade = np.clip(1.08 - 0.3 * rim**3, 0.6, 1.1)[..., None]
    colour = np.clip(colour.astype(np.float32) * shade, 0, 255).astype(np.uint8)
    for _ in range(9):  # chocolate chips
        r, a = radius * 0.65 * np.sqrt(rng.uniform(0.05, 1.0)), rng.uniform(0, 2 * np.pi)
        chip = (int(centre[0] + r * np.cos(a)), int(centre[1] + r * np.sin(a)))
        axes = (int(rng.uniform(34, 50) * s), int(rng.uniform(24, 36) * s))
        cv2.ellipse(colour, chip, axes, float(rng.uniform(0, 180)), 0, 360, (25, 45, 70), -1, cv2.LINE_AA)
    # the inspection frame: four red corners around the cookie
    red = (40, 40, 220)
    thick = int(56 * s)
    lo, hi, arm = int(70 * s), int(954 * s), int(230 * s)
    for x, y, dx, dy in ((lo, lo, 1, 1), (hi, lo, -1, 1), (lo, hi, 1, -1), (hi, hi, -1, -1)):
        for end in ((x + dx * arm, y), (x, y + dy * arm)):
            cv2.line(colour, (x, y), end, red, thick, cv2.LINE_AA)
            cv2.line(alpha, (x, y), end, 255, thick, cv2.LINE_AA)
    return np.dstack([colour, alpha])


def scaled(icon: np.ndarray, size: int) -> np.ndarray:
    return cv2.resize(icon, (size, size), interpolation=cv2.INTER_AREA)


def ico_bytes(icon: np.ndarray, sizes=ICO_SIZES) -> bytes:
    """A Windows .ico holding one PNG image per size (the format Windows has read since Vista)."""
    pngs = []
    for size in sizes:
        ok, data = cv2.imencode(".png", scaled(icon, size))
        if not ok:
            raise RuntimeError(f"could not encode the {size} px icon")
        pngs.append((size, data.tobytes()))
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    cv2.imwrite(str(OUT / "cookie-inspector.png"), scaled(icon, 256))
    (OUT / "cookie-inspector.ico").write_bytes(ico_bytes(icon))
    print(f"wrote {OUT / 'cookie-inspector.png'} and {OUT / 'cookie-inspector.ico'}")


if __name__ == "__main__":
    main()
