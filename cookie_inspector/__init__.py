"""Cookie Inspector: real-time visual inspection with an autoencoder trained on good products."""

import os as _os

__version__ = "0.1.0"

if not _os.environ.get("COOKIE_INSPECTOR_DEBUG"):
    # OpenCV's and FFmpeg's own lines ("[tcp @ 0x...] Connection refused", "[ WARN:0@...] ...") would be mixed into
    # the messages the operator reads; the app says what went wrong itself. Read when OpenCV starts and when its
    # FFmpeg backend opens its first stream, so set before either. COOKIE_INSPECTOR_DEBUG=1 keeps them.
    _os.environ.setdefault("OPENCV_LOG_LEVEL", "OFF")
    _os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # AV_LOG_QUIET
