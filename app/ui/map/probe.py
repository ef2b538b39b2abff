"""A preview on the map: a target where the mouse is (or a hovered feature), and a dashed line
to the road point where the coach would stop for it. Sizes in pixels, above the markers."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsItemGroup, QGraphicsLineItem

COLOUR = QColor("#d81b60")
TOO_FAR = QColor("#8a8a8a")  # farther than a coach stop may be from its site


class ProbeItem(QGraphicsItemGroup):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(900)
        self.target = QGraphicsEllipseItem(QRectF(-7, -7, 14, 14))
        self.target.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.target.setPen(QPen(COLOUR, 2.5))
        self.road = QGraphicsEllipseItem(QRectF(-4, -4, 8, 8))
        self.road.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.road.setBrush(COLOUR)
        self.road.setPen(QPen(QColor("white"), 1.5))
        self.line = QGraphicsLineItem()
        pen = QPen(COLOUR, 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)  # in pixels, whatever the zoom
        self.line.setPen(pen)
        for item in (self.line, self.target, self.road):
            self.addToGroup(item)
        self.road_pos: Optional[QPointF] = None
        self.reachable = True

    def place(self, at: QPointF, road: Optional[QPointF], reachable: bool = True) -> None:
        self.target.setPos(at)
        self.road_pos = road
        self.reachable = reachable
        colour = COLOUR if reachable else TOO_FAR
        pen = self.line.pen()
        pen.setColor(colour)
        self.line.setPen(pen)
        self.road.setBrush(colour)
        self.road.setVisible(road is not None)
        self.line.setVisible(road is not None)
        if road is not None:
            self.road.setPos(road)
            self.line.setLine(QLineF(at, road))
