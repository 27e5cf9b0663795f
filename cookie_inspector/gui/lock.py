"""The engineer lock: what an operator must not change by accident (the threshold, the region, the active model,
retrain, the source) stays read-only until an engineer unlocks it with a password, and locks itself again after some
minutes. Acknowledging alarms and capturing samples stay open.

The password is never stored: the settings keep ``scrypt$n$r$p$salt$hash`` (a random 16-byte salt, scrypt with
n=2**14, r=8, p=1, 32 bytes), compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
DEFAULT_RELOCK_MINUTES = 10
MIN_PASSWORD = 4


def hash_password(password: str, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R,
                  p: int = SCRYPT_P) -> str:  # fmt: skip
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a :func:`hash_password` string; False for anything malformed."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        again = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(bytes.fromhex(digest)))  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again, bytes.fromhex(digest))


class EngineerLock(QObject):
    """Locked whenever a password is set and nobody unlocked it in the last :attr:`relock_minutes`."""

    changed = Signal(bool)  # locked

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._unlocked = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)

    @property
    def has_password(self) -> bool:
        return bool(self.settings.value("lock/hash", ""))

    @property
    def locked(self) -> bool:
        return self.has_password and not self._unlocked

    @property
    def relock_minutes(self) -> float:
        try:
            minutes = float(self.settings.value("lock/minutes", DEFAULT_RELOCK_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_RELOCK_MINUTES
        return minutes if minutes > 0 else DEFAULT_RELOCK_MINUTES

    def set_relock_minutes(self, minutes: float) -> None:
        self.settings.setValue("lock/minutes", max(1, int(minutes)))

    def set_password(self, password: str) -> None:
        """Set (or change) the password; only while unlocked, or when none is set. The lock is on from now."""
        if self.locked:
            raise PermissionError("unlock first")
        if len(password) < MIN_PASSWORD:
            raise ValueError(f"at least {MIN_PASSWORD} characters")
        self.settings.setValue("lock/hash", hash_password(password))
        self.settings.sync()
        self.lock()

    def remove_password(self) -> None:
        if self.locked:
            raise PermissionError("unlock first")
        self.settings.remove("lock/hash")
        self.settings.sync()
        self._timer.stop()
        self.changed.emit(False)

    def unlock(self, password: str) -> bool:
        if not self.has_password:
            return True
        if not verify_password(password, str(self.settings.value("lock/hash", ""))):
            return False
        self._unlocked = True
        self._timer.start(round(self.relock_minutes * 60_000))
        self.changed.emit(False)
        return True

    def lock(self) -> None:
        self._unlocked = False
        self._timer.stop()
        self.changed.emit(self.locked)

    def touch(self) -> None:
        """An engineer's action while unlocked: the relock timer starts again."""
        if self._unlocked and self.has_password:
            self._timer.start(round(self.relock_minutes * 60_000))
