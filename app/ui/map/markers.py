"""Site markers: one shape and colour per SiteKind, a label when zoomed in, drag to move.

Markers ignore the view's zoom (``ItemIgnoresTransformations``): their size is in pixels.
They report clicks and drags to the canvas through plain callbacks so the canvas stays the
only object with Qt signals.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from app.model.entities import Site, SiteKind

MARKER_RADIUS_PX = 8.0
LABEL_MAX_M_PER_PX = 6.0    # site names are shown when zoomed in further than this
DRAG_THRESHOLD_PX = 3.0

# kind: (fill colour, shape)
KIND_STYLE: dict[SiteKind, tuple[str, str]] = {
    SiteKind.COMPANY: ("#1f5fbf", "circle"),
    SiteKind.TRAINING_CENTRE: ("#2e8b57", "triangle"),
    SiteKind.INCLUSION: ("#e07b00", "diamond"),
    SiteKind.DEPOT: ("#3a3a3a", "square"),
    SiteKind.RESTAURANT: ("#c2185b", "cup"),
    SiteKind.OTHER: ("#7a5c99", "pentagon"),
}


def kind_label(kind: SiteKind) -> str:
    """The translatable name of a site kind, for the legend (English source strings,
    context "MapLegend"; written out literally so pyside6-lupdate finds them)."""
    return {
        SiteKind.COMPANY: QCoreApplication.translate("MapLegend", "Company"),
        SiteKind.TRAINING_CENTRE: QCoreApplication.translate("MapLegend", "Training centre"),
        SiteKind.INCLUSION: QCoreApplication.translate("MapLegend", "Inclusion enterprise"),
        SiteKind.DEPOT: QCoreApplication.translate("MapLegend", "Depot"),
        SiteKind.RESTAURANT: QCoreApplication.translate("MapLegend", "Restaurant"),
        SiteKind.OTHER: QCoreApplication.translate("MapLegend", "Other"),
    }[kind]


def marker_shape(kind: SiteKind, r: float = MARKER_RADIUS_PX) -> QPainterPath:
    """Outline of a marker centred on (0, 0), in pixels."""
    shape = KIND_STYLE.get(kind, KIND_STYLE[SiteKind.OTHER])[1]
    path = QPainterPath()
    if shape == "circle":
        path.addEllipse(QPointF(0, 0), r, r)
    elif shape == "square":
        path.addRect(QRectF(-r * 0.85, -r * 0.85, r * 1.7, r * 1.7))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(0, -r * 1.1), QPointF(r * 1.05, r * 0.8),
                                   QPointF(-r * 1.05, r * 0.8), QPointF(0, -r * 1.1)]))
    elif shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(0, -r * 1.15), QPointF(r * 1.15, 0), QPointF(0, r * 1.15),
                                   QPointF(-r * 1.15, 0), QPointF(0, -r * 1.15)]))
    elif shape == "cup":   # rounded square with a notch: reads as "food" next to the others
        path.addRoundedRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8), r * 0.5, r * 0.5)
    else:
        import math
        pts = [QPointF(r * math.sin(2 * math.pi * i / 5), -r * math.cos(2 * math.pi * i / 5))
               for i in range(6)]
        path.addPolygon(QPolygonF(pts))
    return path


def paint_marker(painter: QPainter, kind: SiteKind, r: float = MARKER_RADIUS_PX,
                 selected: bool = False) -> None:
    """Draw a marker centred on the painter's origin (pixels)."""
    colour = QColor(KIND_STYLE.get(kind, KIND_STYLE[SiteKind.OTHER])[0])
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if selected:
        painter.setPen(QPen(QColor("#ffd400"), 4.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(0, 0), r + 5, r + 5)
    painter.setPen(QPen(QColor("white"), 2.0))
    painter.setBrush(QBrush(colour))
    painter.drawPath(marker_shape(kind, r))
    if kind == SiteKind.RESTAURANT:   # a fork: three tines
        painter.setPen(QPen(QColor("white"), 1.2))
        for dx in (-r * 0.35, 0.0, r * 0.35):
            painter.drawLine(QPointF(dx, -r * 0.5), QPointF(dx, r * 0.1))
        painter.drawLine(QPointF(0, r * 0.1), QPointF(0, r * 0.55))


def marker_pixmap(kind: SiteKind, size_px: int = 20) -> QPixmap:
    """A transparent pixmap of the marker of ``kind`` (for legends, lists and combo boxes)."""
    pm = QPixmap(size_px, size_px)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.translate(size_px / 2, size_px / 2)
    paint_marker(p, kind, size_px * 0.36)
    p.end()
    return pm


def legend_entries(size_px: int = 20) -> list[tuple[SiteKind, str, QIcon]]:
    """(kind, translated label, icon) for every site kind, in a stable order."""
    return [(k, kind_label(k), QIcon(marker_pixmap(k, size_px))) for k in KIND_STYLE]


class SiteMarker(QGraphicsItem):
    """A site on the map.  Left-press selects, left-drag moves, release reports the move."""

    def __init__(self, site: Site, pos: QPointF,
                 on_pressed: Callable[["SiteMarker"], None],
                 on_moved: Callable[["SiteMarker", QPointF], None]):
        super().__init__()
        self.site_id: int = site.id if site.id is not None else -1
        self.kind = site.kind
        self._on_pressed = on_pressed
        self._on_moved = on_moved
        self._selected = False
        self._press_scene: QPointF | None = None
        self._press_view: QPointF | None = None
        self._grab_offset = QPointF()
        self._dragging = False
        self.setPos(pos)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(10)
        self.setToolTip(site.name)
        self.label = QGraphicsSimpleTextItem(site.name, self)
        self.label.setBrush(QColor("#202020"))
        self.label.setPos(MARKER_RADIUS_PX + 4, -8)
        self.label.setVisible(False)

    # geometry -----------------------------------------------------------
    def boundingRect(self) -> QRectF:
        r = MARKER_RADIUS_PX + 8
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        p = QPainterPath()
        r = MARKER_RADIUS_PX + 2
        p.addEllipse(QPointF(0, 0), r, r)
        return p

    def paint(self, painter: QPainter, option, widget=None) -> None:
        paint_marker(painter, self.kind, MARKER_RADIUS_PX, self._selected)

    def set_site(self, site: Site, pos: QPointF) -> None:
        self.kind = site.kind
        self.setToolTip(site.name)
        self.label.setText(site.name)
        self.setPos(pos)
        self.update()

    def set_highlighted(self, on: bool) -> None:
        self._selected = on
        self.setZValue(12 if on else 10)
        self.update()

    def is_highlighted(self) -> bool:
        return self._selected

    # mouse --------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        self._press_scene = event.scenePos()
        self._press_view = QPointF(event.screenPos())
        self._grab_offset = event.scenePos() - self.pos()
        self._dragging = False
        self._on_pressed(self)

    def mouseMoveEvent(self, event) -> None:
        if self._press_view is None:
            return
        if not self._dragging:
            d = QPointF(event.screenPos()) - self._press_view
            if abs(d.x()) + abs(d.y()) < DRAG_THRESHOLD_PX:
                return
            self._dragging = True
        self.setPos(event.scenePos() - self._grab_offset)

    def mouseReleaseEvent(self, event) -> None:
        if self._press_view is None:
            return
        if self._dragging:
            self.setPos(event.scenePos() - self._grab_offset)
            self._on_moved(self, self.pos())
        self._press_view = None
        self._dragging = False
