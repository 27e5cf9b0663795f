"""One part on the demo line: which cookie, good or which defect, how severe, and the light it is seen in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from cookie_inspector.synth.cookies import DEFAULT_RECIPE, DEFECT_TYPES, CookieSprite, render_cookie
from cookie_inspector.synth.station import Look, Station

GOOD = "good"


@dataclass(frozen=True)
class DefectMix:
    """How often each defect type appears among defective parts, and the range of their severity (0 subtle, 1
    obvious)."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict.fromkeys(DEFECT_TYPES, 1.0))
    severity: tuple[float, float] = (0.2, 1.0)

    def __post_init__(self) -> None:
        unknown = set(self.weights) - set(DEFECT_TYPES)
        if unknown:
            raise ValueError(f"unknown defect type(s) {sorted(unknown)}; choose from {', '.join(DEFECT_TYPES)}")
        if not any(w > 0 for w in self.weights.values()) or any(w < 0 for w in self.weights.values()):
            raise ValueError("defect weights must be zero or positive, and at least one positive")
        low, high = self.severity
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(f"severity range {self.severity} must lie within 0..1, low first")

    @classmethod
    def parse(cls, text: str) -> DefectMix:
        """Read ``"crack=2,chip=1,burnt=1"`` (types left out get weight 0)."""
        weights: dict[str, float] = {}
        for item in text.split(","):
            name, _, value = item.partition("=")
            try:
                weights[name.strip()] = float(value) if value.strip() else 1.0
            except ValueError:
                raise ValueError(f"defect mix {text!r}: {item!r} is not NAME=WEIGHT") from None
        return cls(weights)

    def types(self) -> list[str]:
        return [name for name in DEFECT_TYPES if self.weights.get(name, 0.0) > 0]

    def choose(self, rng: np.random.Generator) -> str:
        names = self.types()
        weights = np.array([self.weights[n] for n in names], float)
        return names[int(rng.choice(len(names), p=weights / weights.sum()))]

    def draw_severity(self, rng: np.random.Generator) -> float:
        return float(rng.uniform(*self.severity))


@dataclass(frozen=True)
class PartSpec:
    """Everything that decides how one part looks; the same spec always renders the same pictures."""

    seed: tuple[int, ...]
    label: str  # "good" or a defect type
    severity: float = 0.0

    @property
    def defect(self) -> str | None:
        return None if self.label == GOOD else self.label

    def sequence(self, purpose: int) -> np.random.SeedSequence:
        return np.random.SeedSequence([*self.seed, purpose])


@dataclass
class Part:
    spec: PartSpec
    sprite: CookieSprite
    look: Look


def make_part(station: Station, spec: PartSpec, recipe: str = DEFAULT_RECIPE) -> Part:
    """Draw the cookie and its conditions for ``spec`` on ``station``."""
    look = Look.draw(np.random.default_rng(spec.sequence(1)), station.frame_size)
    sprite = render_cookie(
        spec.sequence(0), station.cookie_radius * look.size_factor, recipe, spec.defect, spec.severity
    )
    return Part(spec, sprite, look)


def render_resting(station: Station, part: Part) -> tuple[np.ndarray, np.ndarray]:
    """The frame of ``part`` at rest under the camera: (BGR uint8 image, bool defect mask)."""
    rng = np.random.default_rng(part.spec.sequence(2))
    centre = (station.width / 2 + part.look.rest_offset[0], station.height / 2 + part.look.rest_offset[1])
    return station.render(part.sprite, centre, float(rng.uniform(0, station.period)), part.look, rng)
