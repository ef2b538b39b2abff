"""Map tools: one object per way of using the map, as QGIS's ``QgsMapTool``.

The canvas hands the user's gestures on it (a marker pressed or dragged, a stop
badge clicked, the context menu) to its current tool; a mode chooses the tool
(``canvas.set_tool``), which is activated and deactivated as it comes and goes.
The canvas itself only pans and zooms.

- :class:`BrowseTool`: look and select; markers snap back if dragged, nothing is added.
- :class:`EditSitesTool`: select, drag a marker to move its site, "Add a site here".
- :class:`PlaceSitesTool`: each click adds a site, with a preview of where the coach stops.

The next tools (set a site's bus gate by a click, follow the bus on tour day)
are further subclasses.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


class MapTool:
    """What the map does with the user's gestures; the base selects and changes nothing."""

    name = "browse"
    takes_clicks = False  # True: a click on the map itself goes to map_clicked (not a pan)

    def activate(self, canvas) -> None:
        """Called when the tool becomes the canvas's."""

    def deactivate(self, canvas) -> None:
        """Called when another tool replaces it."""

    def marker_pressed(self, canvas, site_id: int) -> None:
        canvas.select_site(site_id, centre=False)
        canvas.site_selected.emit(site_id)

    def marker_dropped(self, canvas, site_id: int, pos: QPointF) -> None:
        """A marker was dragged to scene position ``pos``: put it back (the site does not move)."""
        canvas.put_marker_back(site_id)

    def badge_clicked(self, canvas, stop_id) -> None:
        canvas.highlight_stop(stop_id, centre=False)
        if stop_id is not None:
            canvas.stop_clicked.emit(stop_id)

    def fill_context_menu(self, canvas, menu: QMenu, lon: float, lat: float) -> None:
        """Add the tool's entries for a right-click at (lon, lat) degrees."""

    def map_clicked(self, canvas, lon: float, lat: float) -> None:
        """A left click on the map at (lon, lat) degrees (only when ``takes_clicks``)."""

    def map_hovered(self, canvas, lon: float, lat: float) -> None:
        """The mouse moved over the map, no button held (only when ``takes_clicks``)."""

    def cancel(self, canvas) -> None:
        """Esc: leave the tool's gesture unfinished (nothing by default)."""


class BrowseTool(MapTool):
    """Read-only projects and looking around: select, never change."""

    def fill_context_menu(self, canvas, menu: QMenu, lon: float, lat: float) -> None:
        add = _add_site_action(menu)
        add.setEnabled(False)
        menu.addAction(add)


class EditSitesTool(MapTool):
    """Planning: drag a marker to move its site, right-click to add one."""

    name = "edit_sites"

    def marker_dropped(self, canvas, site_id: int, pos: QPointF) -> None:
        lon, lat = canvas.projection.to_lonlat(pos.x(), pos.y())
        canvas.site_moved.emit(site_id, lon, lat)

    def fill_context_menu(self, canvas, menu: QMenu, lon: float, lat: float) -> None:
        add = _add_site_action(menu)
        add.triggered.connect(lambda: canvas.add_site_requested.emit(lon, lat))
        menu.addAction(add)


class SetGateTool(MapTool):
    """One click on the map sets where the bus enters site ``site_id``; then ``done()``."""

    name = "set_gate"
    takes_clicks = True

    def __init__(self, site_id: int, done):
        self.site_id = site_id
        self.done = done

    def activate(self, canvas) -> None:
        canvas.viewport().setCursor(Qt.CursorShape.CrossCursor)
        canvas.setFocus()  # Esc reaches the map

    def deactivate(self, canvas) -> None:
        canvas.viewport().unsetCursor()

    def marker_pressed(self, canvas, site_id: int) -> None:
        pass  # a click on a marker is a click on the map, not a new selection

    def map_clicked(self, canvas, lon: float, lat: float) -> None:
        canvas.gate_picked.emit(self.site_id, lon, lat)
        self.done()

    def cancel(self, canvas) -> None:
        self.done()


class PlaceSitesTool(MapTool):
    """Place sites by clicking: each click adds a site there; the mouse shows where the coach would
    stop for it (``snap(lon, lat)`` -> ((road lon, lat), within reach) or None; grey beyond reach:
    the site would need a gate). Esc (or the toggle) leaves."""

    name = "place_sites"
    takes_clicks = True

    def __init__(self, snap, done):
        self.snap = snap
        self.done = done

    def activate(self, canvas) -> None:
        canvas.viewport().setCursor(Qt.CursorShape.CrossCursor)
        canvas.setMouseTracking(True)
        canvas.setFocus()  # Esc reaches the map

    def deactivate(self, canvas) -> None:
        canvas.viewport().unsetCursor()
        canvas.hide_probe()

    def marker_pressed(self, canvas, site_id: int) -> None:
        canvas.select_site(site_id, centre=False)  # a click on a site selects it, adds nothing
        canvas.site_selected.emit(site_id)

    def map_hovered(self, canvas, lon: float, lat: float) -> None:
        found = self.snap(lon, lat)
        canvas.show_probe(lon, lat, found[0] if found else None, reachable=bool(found and found[1]))

    def map_clicked(self, canvas, lon: float, lat: float) -> None:
        canvas.add_site_requested.emit(lon, lat)

    def fill_context_menu(self, canvas, menu: QMenu, lon: float, lat: float) -> None:
        add = _add_site_action(menu)
        add.triggered.connect(lambda: canvas.add_site_requested.emit(lon, lat))
        menu.addAction(add)

    def cancel(self, canvas) -> None:
        self.done()


def _add_site_action(menu: QMenu) -> QAction:
    add = QAction(QCoreApplication.translate("MapCanvas", "Add a site here"), menu)
    add.setObjectName("add_site_here")
    return add
