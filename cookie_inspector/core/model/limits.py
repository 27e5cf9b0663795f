"""Limits of training that code without TensorFlow needs as well (the samples store, the window)."""

MIN_SAMPLES = 10
"""Fewest usable good images that train and calibrate a model (at least 2 of them are held out)."""
