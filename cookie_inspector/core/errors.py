"""The errors Cookie Inspector reports to a user: each says what went wrong and with which file."""

from __future__ import annotations


class InspectorError(Exception):
    """Base of every error that is the user's input, not a bug: shown as a message, never as a traceback."""


class ImageReadError(InspectorError):
    """An image file that is missing, empty or not a readable image."""


class FrameError(InspectorError):
    """A frame whose shape or pixel type cannot be inspected."""


class RoiError(InspectorError):
    """A region of interest that does not fit the frame."""


class BundleError(InspectorError):
    """A model bundle that is missing, corrupt or does not match what it claims to be."""


class NotEnoughSamplesError(InspectorError):
    """Too few usable good samples to train and calibrate a model."""


class DatasetError(InspectorError):
    """An evaluation folder that does not follow the expected layout."""


class TrainingCancelled(InspectorError):
    """Training was stopped on request; nothing was written."""


class TrainingFailed(InspectorError):
    """Training ran but produced no usable model (diverged, or collapsed to a constant output); nothing was written."""


class SourceError(InspectorError):
    """A frame source that cannot deliver: a missing camera, a dropped stream, a closed source."""


class WriteError(InspectorError):
    """An output that cannot be written (a full disk, a read-only folder): names the path and what was lost."""


class OutputError(InspectorError):
    """A line output (MQTT, OPC UA, webhook) that is misconfigured, cannot start, or cannot deliver now."""
