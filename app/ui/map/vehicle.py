"""The bus on the map during the tour day: an arrow pointing where it drives, its size in pixels."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem

SIZE_PX = 14.0
COLOUR = QColor("#d81b60")
OFF_ROUTE = QColor("#9e9e9e")


class VehicleItem(QGraphicsItem):
    """An arrow (heading known) or a disc (standing), drawn above everything else."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setZValue(1000)
        self.heading: Optional[float] = None
        self.on_route = True

    def boundingRect(self) -> QRectF:
        r = SIZE_PX + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def set_heading(self, heading_deg: Optional[float], on_route: bool = True) -> None:
        self.heading, self.on_route = heading_deg, on_route
        self.setRotation(heading_deg or 0.0)  # scene y grows southwards: a clockwise bearing is a rotation
        self.update()

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(QPen(QColor("white"), 2.5))
        painter.setBrush(QBrush(COLOUR if self.on_route else OFF_ROUTE))
        if self.heading is None:
            painter.drawEllipse(QPointF(0, 0), SIZE_PX * 0.7, SIZE_PX * 0.7)
            return
        r = SIZE_PX
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(0, -r), QPointF(r * 0.75, r * 0.8), QPointF(0, r * 0.4),
                                   QPointF(-r * 0.75, r * 0.8), QPointF(0, -r)]))
        painter.drawPath(path)
