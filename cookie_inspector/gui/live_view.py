"""The live picture: the camera frame, the inspection region (drag to move, drag a corner to resize) and the red
heatmap of the last inspection over it, on the threshold's fixed scale."""

from __future__ import annotations

import dataclasses

import cv2
import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cookie_inspector.core.frames.preprocess import Roi, resolve_roi
from cookie_inspector.core.judge.scoring import HEATMAP_FLOOR
from cookie_inspector.core.line.live import FrameReport

HANDLE = 12.0
"""Pixels on screen around a corner of the region that grab it for resizing."""


def bgr_to_qimage(image: np.ndarray) -> QImage:
    """A QImage that owns a copy of a BGR uint8 picture."""
    rgb = np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    height, width = rgb.shape[:2]
    return QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def heatmap_qimage(error_map: np.ndarray, threshold: float, opacity: float) -> QImage:
    """Red with the heatmap's alpha: transparent below HEATMAP_FLOOR x threshold, ``opacity`` at the threshold."""
    strength = np.clip((error_map / threshold - HEATMAP_FLOOR) / (1.0 - HEATMAP_FLOOR), 0.0, 1.0)
    alpha = (strength * opacity * 255).astype(np.uint8)
    rgba = np.zeros((*error_map.shape, 4), np.uint8)
    rgba[..., 0] = 255
    rgba[..., 3] = alpha
    height, width = error_map.shape
    return QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


class LiveView(QWidget):
    """Paints what :meth:`show_frame` gives it; emits ``roiChanged`` when the operator moves the region."""

    roiChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setToolTip(self.tr("Live camera view. Drag the region to move it, drag a corner to resize it."))
        self._image: QImage | None = None
        self._frame_shape: tuple[int, int] | None = None
        self._roi: Roi | None = None
        """The region drawn: the operator's, else the one the line used for the frame shown."""
        self._own_roi = False
        """True when the region is the operator's (set_roi); otherwise it follows each frame."""
        self._heat: QImage | None = None
        self._heat_roi: Roi | None = None
        self._heat_key: tuple | None = None
        self.show_heatmap = True
        self.opacity = 0.6
        self._drag: tuple[str, QPointF, Roi] | None = None
        self.frames_shown = 0
        self.placeholder = self.tr("waiting for the first picture...")  # a camera, a folder, a stream
        self.no_signal: str | None = None
        """When set, the picture is stale: it is greyed and this text is written over it."""
        self.editable = True
        """False while the engineer lock is on: the region cannot be moved."""

    # -- content --------------------------------------------------------------------------------------------------
    @property
    def roi(self) -> Roi | None:
        return self._roi

    def set_roi(self, roi: Roi | None) -> None:
        """The operator's region, or None: the line's own (the model's region in each frame, as the line used it)."""
        self._roi = roi
        self._own_roi = roi is not None
        self.update()

    def show_frame(self, image: np.ndarray, report: FrameReport | None, threshold: float,
                   heatmap: bool = True) -> None:  # fmt: skip
        """The frame, with the heatmap of ``report`` when it is shown and ``heatmap`` allows it (not while a new
        product is taught: the active model's red would be about another product)."""
        self._image = bgr_to_qimage(image)
        shape_changed = self._frame_shape != image.shape[:2]
        self._frame_shape = image.shape[:2]
        height, width = image.shape[:2]
        if self._own_roi and self._drag is None and self._roi.frame not in (None, (width, height)):
            self._roi = self._roi.fitted_to(width, height)  # drawn on frames of another size: where the line fits it
        if not self._own_roi and self._drag is None:  # none of the operator's: the line's, following each picture
            if report is not None and report.frame.image.shape[:2] == image.shape[:2]:
                self._roi = report.roi
            elif self._roi is None or shape_changed:
                self._roi = resolve_roi(image.shape, None, "center")
        result = report.result if report is not None and self.show_heatmap and heatmap else None
        if result is None:
            self._heat = self._heat_roi = self._heat_key = None
        elif (
            self._heat_key is None or self._heat_key[0] is not result or self._heat_key[1:] != (threshold, self.opacity)
        ):
            self._heat = heatmap_qimage(result.error_map, threshold, self.opacity)  # a new inspection, not a new frame
            self._heat_roi = report.roi
            self._heat_key = (result, threshold, self.opacity)
        self.frames_shown += 1
        self.update()

    def clear(self) -> None:
        """No picture (another source: its first picture has not come yet); the region stays."""
        self._image = None
        self._heat = self._heat_key = None
        self.update()

    def show_message(self, text: str) -> None:
        self.placeholder = text
        if self._image is None:
            self.update()

    def set_no_signal(self, text: str | None) -> None:
        """Grey the last picture and write ``text`` over it (None: frames are coming again)."""
        if text != self.no_signal:
            self.no_signal = text
            self.update()

    # -- geometry -------------------------------------------------------------------------------------------------
    def _target(self) -> QRectF:
        """Where the frame is drawn: as large as fits, aspect kept, centred."""
        if self._frame_shape is None:
            return QRectF(self.rect())
        height, width = self._frame_shape
        scale = min(self.width() / width, self.height() / height)
        w, h = width * scale, height * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _scale(self) -> float:
        return self._target().width() / self._frame_shape[1] if self._frame_shape else 1.0

    def _to_screen(self, roi: Roi) -> QRectF:
        target, scale = self._target(), self._scale()
        return QRectF(target.x() + roi.x * scale, target.y() + roi.y * scale, roi.width * scale, roi.height * scale)

    # -- painting -------------------------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 20, 20))
        if self._image is None:
            painter.setPen(QColor(200, 200, 200))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.no_signal or self.placeholder)  # fmt: skip
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self._target(), self._image)
        if self._heat is not None and self._heat_roi is not None:
            painter.drawImage(self._to_screen(self._heat_roi), self._heat)
        if self._roi is not None:
            rect = self._to_screen(self._roi)
            painter.setPen(QPen(QColor(255, 215, 0), 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect)
            painter.setBrush(QColor(255, 215, 0))
            if self.editable:
                for corner in (rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()):
                    painter.drawRect(QRectF(corner.x() - 4, corner.y() - 4, 8, 8))
        if self.no_signal:
            self._paint_no_signal(painter)

    def _paint_no_signal(self, painter: QPainter) -> None:
        """The stale picture greyed out, with the reason across it: nobody takes it for a live view."""
        target = self._target()
        painter.fillRect(target, QColor(60, 60, 60, 200))
        box = target.adjusted(target.width() * 0.06, target.height() * 0.3, -target.width() * 0.06,
                              -target.height() * 0.3)  # fmt: skip
        painter.fillRect(box, QColor(0, 0, 0, 220))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 200, 0), 3))
        painter.drawRect(box)
        font = painter.font()
        font.setPointSize(max(11, int(target.height() / 34)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(box.adjusted(12, 8, -12, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.no_signal)  # fmt: skip

    # -- mouse: move and resize the region (kept square: the model sees a square) ----------------------------------
    def _grab(self, pos: QPointF) -> str | None:
        if self._roi is None or self._frame_shape is None or not self.editable:
            return None
        rect = self._to_screen(self._roi)
        corners = {"tl": rect.topLeft(), "tr": rect.topRight(), "bl": rect.bottomLeft(), "br": rect.bottomRight()}
        for name, corner in corners.items():
            if abs(pos.x() - corner.x()) <= HANDLE and abs(pos.y() - corner.y()) <= HANDLE:
                return name
        return "move" if rect.contains(pos) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        part = self._grab(event.position())
        if part is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag = (part, event.position(), self._roi)
        else:
            event.ignore()  # not the region's: the widget holding the view may want the click (a station's tile)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is None:
            grab = self._grab(event.position())
            shapes = {"move": Qt.CursorShape.SizeAllCursor, "tl": Qt.CursorShape.SizeFDiagCursor,
                      "br": Qt.CursorShape.SizeFDiagCursor, "tr": Qt.CursorShape.SizeBDiagCursor,
                      "bl": Qt.CursorShape.SizeBDiagCursor}  # fmt: skip
            self.setCursor(shapes.get(grab, Qt.CursorShape.ArrowCursor))
            return
        part, start, roi = self._drag
        scale = self._scale()
        dx, dy = (event.position().x() - start.x()) / scale, (event.position().y() - start.y()) / scale
        self._roi = self._moved(part, roi, dx, dy)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag is not None:
            self._drag = None
            height, width = self._frame_shape
            self._roi = dataclasses.replace(self._roi, frame=(width, height))
            self.roiChanged.emit(self._roi)  # with the frame it was drawn on: fitted to frames of another size

    def _moved(self, part: str, roi: Roi, dx: float, dy: float) -> Roi:
        height, width = self._frame_shape
        if part == "move":
            x = int(round(min(max(roi.x + dx, 0), width - roi.width)))
            y = int(round(min(max(roi.y + dy, 0), height - roi.height)))
            return Roi(x, y, roi.width, roi.height)
        # resize from a corner: the opposite corner stays, the side follows the larger of the two movements
        sign_x = -1 if part in ("tl", "bl") else 1
        sign_y = -1 if part in ("tl", "tr") else 1
        side = roi.width + max(sign_x * dx, sign_y * dy)
        right, bottom = roi.x + roi.width, roi.y + roi.height
        anchor_x = right if sign_x < 0 else roi.x
        anchor_y = bottom if sign_y < 0 else roi.y
        room_x = anchor_x if sign_x < 0 else width - anchor_x
        room_y = anchor_y if sign_y < 0 else height - anchor_y
        side = int(round(min(max(side, 32), room_x, room_y)))
        x = anchor_x - side if sign_x < 0 else anchor_x
        y = anchor_y - side if sign_y < 0 else anchor_y
        return Roi(int(x), int(y), side, side)
