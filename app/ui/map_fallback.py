"""A minimal stand-in for the map canvas (``app.ui.map``), used only if it cannot be imported.

Same signals and methods as the real canvas, so the window works and tests run
while the real one is being built: sites as dots, the plan as lines, no roads.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

SCALE = 10000.0  # scene units per degree


class FallbackMapCanvas(QGraphicsView):
    site_selected = Signal(int)
    site_moved = Signal(int, float, float)
    add_site_requested = Signal(float, float)
    stop_clicked = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._markers: dict[int, object] = {}
        self.selected_site: Optional[int] = None
        self.layers = None
        self.plan = None

    @staticmethod
    def _pt(lon: float, lat: float) -> QPointF:
        return QPointF(lon * SCALE, -lat * SCALE)

    def set_layers(self, layers) -> None:
        self.layers = layers

    def set_sites(self, sites) -> None:
        for item in self._markers.values():
            self.scene().removeItem(item)
        self._markers = {}
        for s in sites:
            p = self._pt(s.lon, s.lat)
            item = self.scene().addEllipse(p.x() - 3, p.y() - 3, 6, 6, QPen(Qt.GlobalColor.black),
                                           QBrush(QColor("#1f77b4")))
            item.setToolTip(s.name)
            self._markers[s.id] = item

    def set_plan(self, plan, sites_by_id) -> None:
        self.plan = plan
        for item in [i for i in self.scene().items() if i.data(0) == "plan"]:
            self.scene().removeItem(item)
        if plan is None:
            return
        for bus in plan.buses:
            path = QPainterPath()
            first = True
            for leg in bus.legs:
                for lon, lat in leg.geometry:
                    p = self._pt(lon, lat)
                    path.moveTo(p) if first else path.lineTo(p)
                    first = False
            item = self.scene().addPath(path, QPen(QColor("#d62728"), 0))
            item.setData(0, "plan")

    def select_site(self, site_id) -> None:
        self.selected_site = site_id

    def fit_to_bounds(self, w, s, e, n) -> None:
        self.fitInView(self._pt(w, n).x(), self._pt(w, n).y(), (e - w) * SCALE, (n - s) * SCALE,
                       Qt.AspectRatioMode.KeepAspectRatio)

    def fit_to_plan(self) -> None:
        self.fitInView(self.scene().itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def clear(self) -> None:
        self.scene().clear()
        self._markers = {}
