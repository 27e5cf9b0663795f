"""Frames in: the sources (camera, video, stream, folder), the capture thread, image files, preprocessing."""
