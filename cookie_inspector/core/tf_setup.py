"""Imports Keras on the TensorFlow backend with TensorFlow's start-up chatter turned down.

Import ``keras`` through this module (``from cookie_inspector.core.tf_setup import keras``) so that the backend
and the log level are set before TensorFlow loads, whichever module loads it first.
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

__all__ = ["keras", "tf"]
