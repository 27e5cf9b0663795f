"""Imports Keras on the TensorFlow backend with TensorFlow's start-up chatter turned down.

Import ``keras`` through this module (``from cookie_inspector.core.model.tf_setup import keras``) so that the backend
and the log level are set before TensorFlow loads, whichever module loads it first.
"""

from __future__ import annotations

import contextlib
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@contextlib.contextmanager
def _native_stderr_silenced():
    """TensorFlow's native libraries log CPU and CUDA notes straight to file descriptor 2 while loading, before
    any log level applies; park that descriptor on /dev/null for the import only (Python errors still surface)."""
    if "tensorflow" in sys.modules or os.environ.get("COOKIE_INSPECTOR_TF_LOGS"):
        yield
        return
    try:
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


with _native_stderr_silenced():
    import keras
    import tensorflow as tf

__all__ = ["keras", "tf"]
