"""Write resources/sounds/alarm.wav: three short two-tone beeps (880 / 1320 Hz), 16-bit mono, 22.05 kHz.

Synthesised here so that the app ships no sound it did not make. Run from the repository root:

    .venv/bin/python packaging/make_alarm_sound.py
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 22050


def alarm_samples() -> np.ndarray:
    beep = np.arange(int(0.16 * RATE)) / RATE
    envelope = np.minimum(1.0, np.minimum(beep, beep[::-1]) / 0.01)  # 10 ms fade in and out: no clicks
    tone = lambda hz: np.sin(2 * np.pi * hz * beep) * envelope  # noqa: E731
    silence = np.zeros(int(0.06 * RATE))
    pattern = [tone(880), silence, tone(1320), silence] * 3
    return (np.concatenate(pattern) * 0.6 * 32767).astype("<i2")


def main() -> None:
    out = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "alarm.wav"
    out.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(alarm_samples().tobytes())
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
