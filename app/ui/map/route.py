"""The plan overlay: each bus's route with direction arrows, and numbered stop badges.

Route lines are drawn in scene metres with cosmetic pens (constant pixel width); arrows
are placed every :data:`ARROW_SPACING_PX` pixels along the line at paint time, so their
density does not depend on the zoom.  Badges ignore the zoom (pixel sizes).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem

ROUTE_WIDTH_PX = 4.0
ARROW_SPACING_PX = 90.0
ARROW_SIZE_PX = 7.0
BADGE_RADIUS_PX = 10.0
OUTDATED_GREY = "#9e9e9e"
OUTDATED_DASHES = [2.0, 1.5]  # in pen widths
OUTDATED_OPACITY = 0.55  # stop badges of an outdated plan


class RouteItem(QGraphicsItem):
    """One bus's route: its legs' polylines (scene metres), one colour, arrows along it."""

    def __init__(self, legs_xy: list[np.ndarray], colour: QColor, bus_index: int):
        super().__init__()
        self.colour = QColor(colour)
        self.bus_index = bus_index
        self.legs_xy = [np.asarray(l, np.float64).reshape(-1, 2) for l in legs_xy if len(l) >= 2]
        self.path = QPainterPath()
        for leg in self.legs_xy:
            self.path.moveTo(leg[0, 0], leg[0, 1])
            for x, y in leg[1:]:
                self.path.lineTo(x, y)
        self._rect = self.path.boundingRect()
        self._margin_m = 0.0
        self.outdated = False  # the plan no longer matches the tour: drawn grey and dashed
        self.setZValue(5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_outdated(self, outdated: bool) -> None:
        if outdated != self.outdated:
            self.outdated = outdated
            self.update()

    def line_colour(self) -> QColor:
        """The colour the line is drawn in: the bus's, or washed grey while the plan is outdated."""
        if not self.outdated:
            return QColor(self.colour)
        grey = QColor(OUTDATED_GREY)
        c = self.colour
        return QColor((c.red() + 3 * grey.red()) // 4, (c.green() + 3 * grey.green()) // 4,
                      (c.blue() + 3 * grey.blue()) // 4)

    def line_pen(self) -> QPen:
        pen = QPen(self.line_colour(), ROUTE_WIDTH_PX)
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if self.outdated:
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setDashPattern(OUTDATED_DASHES)
        else:
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def set_pixel_size(self, m_per_px: float) -> None:
        """Called by the canvas on zoom: arrows and pen widths stick out of the line by a few px."""
        margin = (ARROW_SIZE_PX + ROUTE_WIDTH_PX + 4) * m_per_px
        if abs(margin - self._margin_m) > 1e-9:
            self.prepareGeometryChange()
            self._margin_m = margin

    def boundingRect(self) -> QRectF:
        m = self._margin_m
        return self._rect.adjusted(-m, -m, m, m)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        casing = QPen(QColor(255, 255, 255, 230), ROUTE_WIDTH_PX + 3)
        casing.setCosmetic(True)
        casing.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        casing.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(casing)
        painter.drawPath(self.path)
        painter.setPen(self.line_pen())
        painter.drawPath(self.path)
        self._paint_arrows(painter)

    def _paint_arrows(self, painter: QPainter) -> None:
        t: QTransform = painter.transform()
        m = np.array([[t.m11(), t.m12()], [t.m21(), t.m22()]])
        d = np.array([t.dx(), t.dy()])
        painter.save()
        painter.resetTransform()
        painter.setPen(QPen(QColor("white"), 1.0))
        painter.setBrush(QBrush(self.line_colour().darker(130)))
        s = ARROW_SIZE_PX
        head = QPolygonF([QPointF(s, 0), QPointF(-s * 0.7, -s * 0.75), QPointF(-s * 0.3, 0),
                          QPointF(-s * 0.7, s * 0.75)])
        drawn = 0
        for leg in self.legs_xy:
            dev = leg @ m + d                          # device pixels
            seg = dev[1:] - dev[:-1]
            seg_len = np.hypot(seg[:, 0], seg[:, 1])
            cum = np.r_[0.0, np.cumsum(seg_len)]
            total = cum[-1]
            if total < ARROW_SPACING_PX * 0.6:
                at = np.array([total / 2.0]) if total > 3 * s else np.zeros(0)
            else:
                at = np.arange(ARROW_SPACING_PX / 2.0, total, ARROW_SPACING_PX)
            if len(at) > 400:       # very zoomed in on a long route: enough is enough
                at = at[:400]
            idx = np.clip(np.searchsorted(cum, at, side="right") - 1, 0, len(seg) - 1)
            frac = (at - cum[idx]) / np.maximum(seg_len[idx], 1e-9)
            pts = dev[idx] + seg[idx] * frac[:, None]
            angles = np.degrees(np.arctan2(seg[idx, 1], seg[idx, 0]))
            for (x, y), a in zip(pts, angles):
                painter.save()
                painter.translate(x, y)
                painter.rotate(a)
                painter.drawPolygon(head)
                painter.restore()
                drawn += 1
        self.arrows_drawn = drawn
        painter.restore()


# kind -> (shape, filled, dashed outline)
BADGE_STYLE = {
    "visit": ("circle", True, False),
    "pickup": ("circle", True, False),
    "drive_by": ("circle", False, True),
    "lunch": ("square", True, False),
    "break": ("roundsquare", False, False),
}
LUNCH_FILL = "#ffb300"
BREAK_FILL = "#eeeeee"


class StopBadge(QGraphicsItem):
    """A numbered badge at a planned stop; a click reports ``stop_id`` (None for planner breaks)."""

    def __init__(self, number: int, kind: str, colour: QColor, stop_id: int | None,
                 site_id: int | None, bus_index: int, on_clicked: Callable[["StopBadge"], None]):
        super().__init__()
        self.number = number
        self.kind = kind
        self.colour = QColor(colour)
        self.stop_id = stop_id
        self.site_id = site_id
        self.bus_index = bus_index
        self.offset_px = QPointF(0, 0)   # shifts badges sharing a place so all numbers stay readable
        self._on_clicked = on_clicked
        self._highlighted = False
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(20)
        self._font = QFont()
        self._font.setBold(True)
        self._font.setPixelSize(11)

    def boundingRect(self) -> QRectF:
        r = BADGE_RADIUS_PX + 7
        return QRectF(-r, -r, 2 * r, 2 * r).translated(self.offset_px)

    def set_offset(self, offset_px: QPointF) -> None:
        """Move the badge by ``offset_px`` screen pixels from its stop (its bounding box moves too)."""
        if offset_px != self.offset_px:
            self.prepareGeometryChange()
            self.offset_px = QPointF(offset_px)
            self.update()

    def set_highlighted(self, on: bool) -> None:
        self._highlighted = on
        self.setZValue(25 if on else 20)
        self.update()

    def is_highlighted(self) -> bool:
        return self._highlighted

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.translate(self.offset_px)
        r = BADGE_RADIUS_PX
        shape, filled, dashed = BADGE_STYLE.get(self.kind, BADGE_STYLE["visit"])
        if self._highlighted:
            painter.setPen(QPen(QColor("#ffd400"), 4.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r + 5, r + 5)
        if self.kind == "lunch":
            fill, text = QColor(LUNCH_FILL), QColor("#3a2a00")
        elif self.kind == "break":
            fill, text = QColor(BREAK_FILL), self.colour.darker(120)
        elif filled:
            fill, text = self.colour, QColor("white")
        else:
            fill, text = QColor("white"), self.colour.darker(110)
        pen = QPen(self.colour if not filled or self.kind in ("lunch", "break") else QColor("white"),
                   2.5 if dashed else 2.0)
        if dashed:
            pen.setDashPattern([2.0, 1.5])
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        rect = QRectF(-r, -r, 2 * r, 2 * r)
        if shape == "circle":
            painter.drawEllipse(rect)
        elif shape == "square":
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        else:
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        painter.setPen(text)
        painter.setFont(self._font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.number))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._on_clicked(self)
        else:
            event.ignore()
