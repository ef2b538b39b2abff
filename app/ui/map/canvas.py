"""MapCanvas: the native map widget (QGraphicsView, no tile server, no web view).

Scene units are metres of a local equirectangular projection centred on the region
(see :mod:`.projection`); y grows southwards.  The base map is painted in
``drawBackground`` from the region's ``MapLayers`` with level of detail
(:mod:`.basemap`) and cached by the view (``CacheBackground``), so hovering, selecting
and moving markers never repaints the roads, and panning only paints the uncovered strip.
Sites, routes and stop badges are ordinary QGraphicsItems on top.

A fit asked for before the view has its final size (the region often arrives while the
window is still being laid out) is remembered and done again on each show/resize until
the user zooms, pans or a site/stop is centred: what the user sees is the fit at the
size the view really has.

Public API (everything else is private):

Signals
    site_selected(int site_id)                     user clicked a site marker
    site_moved(int site_id, float lon, float lat)  user dropped a dragged marker (on release only)
    add_site_requested(float lon, float lat)       "Add a site here" chosen in the context menu
    stop_clicked(int stop_id)                      user clicked a numbered stop badge
    context_menu_about_to_show(QMenu, float lon, float lat)  add your own actions before it shows
    scale_changed(float m_per_px)                  zoom changed
Methods
    set_layers(layers | None, fit=True), set_sites(sites), update_site(site), remove_site(site_id),
    set_plan(plan | None, sites_by_id), set_plan_outdated(bool) (routes grey and dashed, badges faded),
    select_site(site_id) -> bool, highlight_stop(stop_id) -> bool,
    fit_to_bounds(west, south, east, north), fit_to_plan() -> bool, fit_to_sites() -> bool, fit_all(),
    zoom_in(), zoom_out(), zoom_by(factor, view_pos=None), m_per_px(), lonlat_at(view_pos),
    view_pos_of(lon, lat), set_tool(MapTool), clear()
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QMenu, QWidget

from app.model.entities import Site

from . import style
from .basemap import BaseMap
from .tools import EditSitesTool, MapTool
from .markers import LABEL_MAX_M_PER_PX, SiteMarker
from .overlays import AttributionLabel, ScaleBar
from .projection import LocalProjection, layers_bounds
from .route import OUTDATED_OPACITY, RouteItem, StopBadge

MIN_M_PER_PX = 0.05      # most zoomed in
MAX_M_PER_PX = 2000.0    # most zoomed out
FIT_MARGIN_PX = 40
BADGE_OFFSET_PX = QPointF(13, -13)   # badges sit up-right of the site marker, which stays visible
BADGE_STACK_PX = 22.0                # further badges at the same place move right by this


class MapCanvas(QGraphicsView):
    """The map: base layers, site markers and the plan's routes.  See the module docstring."""

    site_selected = Signal(int)
    site_moved = Signal(int, float, float)
    add_site_requested = Signal(float, float)
    stop_clicked = Signal(int)
    gate_picked = Signal(int, float, float)  # site id, lon, lat: a coach gate placed with the gate tool
    context_menu_about_to_show = Signal(QMenu, float, float)
    scale_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._scene = QGraphicsScene(self)
        # Markers move and are few: no BSP index to maintain.
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(self._scene)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(style.LAND)

        self._projection: LocalProjection | None = None
        self._basemap: BaseMap | None = None
        self._layers = None
        self._layers_bounds: tuple[float, float, float, float] | None = None
        self._sites: dict[int, Site] = {}
        self._markers: dict[int, SiteMarker] = {}
        self._selected_site: int | None = None
        self._plan = None
        self._plan_sites: dict[int, Site] = {}
        self._routes: list[RouteItem] = []
        self._plan_outdated = False
        self._badges: list[StopBadge] = []
        self._vehicle = None  # the bus during the tour day (app.ui.map.vehicle)
        self._probe = None  # a site being placed, a feature hovered (app.ui.map.probe)
        self.tool: MapTool = EditSitesTool()
        self._context_menu: QMenu | None = None
        self._last_m_per_px = 1.0
        # The last fit's box as (west, south, east, north) degrees, fitted again on resize until
        # the user moves the view (degrees, not scene metres: the projection may change meanwhile).
        self._fit_box: tuple[float, float, float, float] | None = None

        self.attribution_label = AttributionLabel(self.tr("© OpenStreetMap contributors"), self)
        self.scale_bar = ScaleBar(self)
        self._idle = QTimer(self)
        self._idle.setInterval(20)
        self._idle.timeout.connect(self._build_idle)
        self.setTransform(QTransform.fromScale(1.0, 1.0))
        self._after_zoom()

    # ================================================================ data
    def set_layers(self, layers, fit: bool = True) -> None:
        """Show a region's base map (``routing.layers.MapLayers``), or none with ``None``.

        Sets the projection around the layers' bounds (sites and plan are re-projected)
        and, with ``fit``, shows the whole region.
        """
        self._layers = layers
        self._layers_bounds = None
        if layers is not None:
            # Roads and areas say where the region is; rivers and railways run far beyond it.
            self._layers_bounds = layers_bounds(layers, ("roads", "areas")) or layers_bounds(layers)
        if self._layers_bounds is not None:
            self._set_projection(LocalProjection.around(*self._layers_bounds))
            self._basemap = BaseMap(layers, self._projection)
            self._idle.start()
        else:
            self._basemap = None
        self._update_scene_rect()
        self.resetCachedContent()
        self.viewport().update()
        if fit and self._layers_bounds is not None:
            self.fit_to_bounds(*self._layers_bounds)

    def set_sites(self, sites: Iterable[Site]) -> None:
        """Replace every site marker (sites without an id are not shown)."""
        for m in self._markers.values():
            self._scene.removeItem(m)
        self._markers.clear()
        self._sites = {s.id: s for s in sites if s.id is not None}
        if self._projection is None and self._sites:
            lons = [s.lon for s in self._sites.values()]
            lats = [s.lat for s in self._sites.values()]
            self._set_projection(LocalProjection.around(min(lons), min(lats), max(lons), max(lats)))
        for site in self._sites.values():
            self._add_marker(site)
        if self._selected_site not in self._markers:
            self._selected_site = None
        self._update_scene_rect()
        self._after_zoom()

    def update_site(self, site: Site) -> None:
        """Add or refresh one site's marker (name, kind, position)."""
        if site.id is None:
            return
        self._sites[site.id] = site
        m = self._markers.get(site.id)
        if m is None:
            if self._projection is None:
                self._set_projection(LocalProjection(site.lon, site.lat))
            self._add_marker(site)
        else:
            m.set_site(site, self._to_scene(site.lon, site.lat))
        self._after_zoom()

    def remove_site(self, site_id: int) -> None:
        self._sites.pop(site_id, None)
        m = self._markers.pop(site_id, None)
        if m is not None:
            self._scene.removeItem(m)
        if self._selected_site == site_id:
            self._selected_site = None

    def set_plan(self, plan, sites_by_id: Mapping[int, Site] | None = None) -> None:
        """Draw ``plan`` (``app.model.plan.Plan``), or clear the overlay with ``None``.

        Each bus gets a colour (:func:`style.bus_colour` by bus index in ``plan.buses``), its
        legs' geometry is drawn with direction arrows, and each planned stop gets a badge
        numbered by its ``sequence``, placed at its site (``sites_by_id``), else at the end of
        the leg arriving there.  Stops with neither a known site nor leg geometry get no badge.
        """
        for item in [*self._routes, *self._badges]:
            self._scene.removeItem(item)
        self._routes.clear()
        self._badges.clear()
        self._plan = plan
        self._plan_sites = dict(sites_by_id or {})
        if plan is None:
            return
        outdated = self._plan_outdated
        if self._projection is None:
            pts = [p for b in plan.buses for leg in b.legs for p in leg.geometry]
            pts += [(s.lon, s.lat) for s in self._plan_sites.values()]
            if not pts:
                return
            a = np.asarray(pts)
            self._set_projection(LocalProjection.around(a[:, 0].min(), a[:, 1].min(),
                                                        a[:, 0].max(), a[:, 1].max()))
        for bi, bus in enumerate(plan.buses):
            colour = style.bus_colour(bi)
            legs_xy = [self._projection.array_to_scene(np.asarray(leg.geometry, np.float64))
                       for leg in bus.legs if len(leg.geometry) >= 2]
            route = RouteItem(legs_xy, colour, bi)
            route.set_outdated(outdated)
            self._scene.addItem(route)
            self._routes.append(route)
            for stop in bus.stops:
                pos = self._stop_position(bus, stop)
                if pos is None:
                    continue
                badge = StopBadge(stop.sequence, stop.kind, colour, stop.stop_id, stop.site_id, bi,
                                  self._on_badge_clicked)
                badge.offset_px = QPointF(BADGE_OFFSET_PX)  # spread at each zoom (_spread_badges)
                badge.setPos(pos)
                badge.setOpacity(OUTDATED_OPACITY if outdated else 1.0)
                self._scene.addItem(badge)
                self._badges.append(badge)
        self._update_scene_rect()
        self._after_zoom()

    def set_plan_outdated(self, outdated: bool) -> None:
        """Draw the plan's routes grey and dashed, and its badges faded, while it no longer matches the tour."""
        self._plan_outdated = outdated
        for route in self._routes:
            route.set_outdated(outdated)
        for badge in self._badges:
            badge.setOpacity(OUTDATED_OPACITY if outdated else 1.0)

    def plan_outdated(self) -> bool:
        return self._plan_outdated

    def clear(self) -> None:
        """Remove the base map, the sites and the plan."""
        self.set_plan(None)
        self.set_sites([])
        self._layers = None
        self._layers_bounds = None
        self._basemap = None
        self._projection = None
        self._idle.stop()
        self.resetCachedContent()
        self.viewport().update()

    def set_tool(self, tool: MapTool) -> None:
        """Hand the user's gestures on the map to ``tool`` (see :mod:`app.ui.map.tools`)."""
        if tool is self.tool:
            return
        self.tool.deactivate(self)
        self.tool = tool
        tool.activate(self)

    def put_marker_back(self, site_id: int) -> None:
        """Show a dragged marker at its site's position again."""
        site = self._sites.get(site_id)
        marker = self._markers.get(site_id)
        if site is not None and marker is not None:
            marker.setPos(self._to_scene(site.lon, site.lat))

    # ================================================================ the bus (tour day)
    def set_vehicle(self, lon: float, lat: float, heading_deg: float | None = None, on_route: bool = True,
                    follow: bool = False) -> None:
        """Show the bus at (lon, lat) degrees, pointing ``heading_deg`` (None: standing); ``follow``
        keeps it in view (the map scrolls when it nears an edge)."""
        from app.ui.map.vehicle import VehicleItem

        if self._vehicle is None or self._vehicle.scene() is not self._scene:
            self._vehicle = VehicleItem()
            self._scene.addItem(self._vehicle)
        pos = self._to_scene(lon, lat)
        self._vehicle.setPos(pos)
        self._vehicle.set_heading(heading_deg, on_route)
        if follow:
            margin = self.viewport().rect().adjusted(60, 60, -60, -60)
            if not margin.contains(self.mapFromScene(pos)):
                self.centerOn(pos)

    def clear_vehicle(self) -> None:
        if self._vehicle is not None and self._vehicle.scene() is self._scene:
            self._scene.removeItem(self._vehicle)
        self._vehicle = None

    @property
    def vehicle(self):
        return self._vehicle

    # ================================================================ selection
    def select_site(self, site_id: int | None, centre: bool = True) -> bool:
        """Highlight a site's marker (and centre on it); False if it has no marker.  Emits nothing."""
        for sid, m in self._markers.items():
            m.set_highlighted(sid == site_id)
        self._selected_site = site_id if site_id in self._markers else None
        self._after_zoom()
        m = self._markers.get(site_id) if site_id is not None else None
        if m is not None:
            if centre:
                self._user_moved_view()
                self.centerOn(m.pos())
            return True
        badges = [b for b in self._badges if b.site_id == site_id]
        if badges and centre:
            self._user_moved_view()
            self.centerOn(badges[0].pos())
        return bool(badges)

    def selected_site(self) -> int | None:
        return self._selected_site

    def highlight_stop(self, stop_id: int | None, centre: bool = True) -> bool:
        """Highlight a stop's badge (and centre on it); False if the plan has no badge for it."""
        found = None
        for b in self._badges:
            on = stop_id is not None and b.stop_id == stop_id
            b.set_highlighted(on)
            if on and found is None:
                found = b
        if found is not None and centre:
            self._user_moved_view()
            self.centerOn(found.pos())
        return found is not None

    # ================================================================ view
    def m_per_px(self) -> float:
        """Current scale: scene metres per screen pixel."""
        return 1.0 / self.transform().m11()

    def lonlat_at(self, view_pos: QPoint | QPointF) -> tuple[float, float]:
        """(lon, lat) under a viewport position (pixels, sub-pixel precision kept)."""
        p = self._view_to_scene(QPointF(view_pos))
        return self._projection.to_lonlat(p.x(), p.y()) if self._projection else (0.0, 0.0)

    def centre_lonlat(self) -> tuple[float, float] | None:
        """(lon, lat) degrees of the view's centre, or None before anything is drawn."""
        if self._projection is None:
            return None
        return self.lonlat_at(self.viewport().rect().center())

    def view_pos_of(self, lon: float, lat: float) -> QPoint:
        """Viewport position (pixels) of a WGS84 point."""
        return self.mapFromScene(self._to_scene(lon, lat))

    def fit_to_bounds(self, west: float, south: float, east: float, north: float) -> None:
        """Show the (west, south, east, north) box in degrees, with a small margin."""
        if self._projection is None:
            self._set_projection(LocalProjection.around(west, south, east, north))
            self._update_scene_rect()
        x0, y0, x1, y1 = self._projection.bounds_to_scene(west, south, east, north)
        self._fit_scene_rect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized())

    def fit_to_plan(self) -> bool:
        """Show every route and stop of the plan; False if there is nothing to show."""
        rect = QRectF()
        for r in self._routes:
            rect = rect.united(r.path.boundingRect())
        for b in self._badges:
            rect = rect.united(QRectF(b.pos(), b.pos()).adjusted(-1, -1, 1, 1))
        if rect.isNull():
            return False
        self._fit_scene_rect(rect)
        return True

    def fit_to_sites(self) -> bool:
        """Show every site marker; False if there is none."""
        if not self._markers:
            return False
        xs = [m.pos().x() for m in self._markers.values()]
        ys = [m.pos().y() for m in self._markers.values()]
        self._fit_scene_rect(QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys))))
        return True

    def fit_all(self) -> None:
        """The region if there is one, else the plan, else the sites (Ctrl+0)."""
        if self._layers_bounds is not None:
            self.fit_to_bounds(*self._layers_bounds)
        elif not self.fit_to_plan():
            self.fit_to_sites()

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    def zoom_by(self, factor: float, view_pos: QPointF | QPoint | None = None) -> None:
        """Magnify by ``factor`` (>1 zooms in) keeping the scene point under ``view_pos``
        (viewport pixels; default: the centre) where it is."""
        if view_pos is None:
            view_pos = QPointF(self.viewport().rect().center())
        view_pos = QPointF(view_pos)
        self._user_moved_view()
        anchor = self._view_to_scene(view_pos)
        k = self.transform().m11() * factor
        k = min(max(k, 1.0 / MAX_M_PER_PX), 1.0 / MIN_M_PER_PX)
        self._set_scale(k)
        # put the anchor back under the cursor: centre = anchor + (centre_px - cursor_px) / k
        c = QPointF(self.viewport().rect().center())
        self.centerOn(anchor + (c - view_pos) / k)

    # ================================================================ Qt events
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        if self._basemap is None:
            painter.fillRect(rect, style.LAND)
            return
        self._basemap.paint(painter, rect, 1.0 / painter.transform().m11())

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            return
        self.zoom_by(1.0015 ** delta, event.position())
        event.accept()

    def event(self, event) -> bool:
        # Esc belongs to the tool while it waits for a click (the window's Esc cancels running jobs).
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape
                and self.tool.takes_clicks):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.tool.takes_clicks:
            self.tool.cancel(self)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0 and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fit_all()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self._projection is None:
            return
        menu = self.build_context_menu(event.pos())
        menu.popup(event.globalPos())
        event.accept()

    def build_context_menu(self, view_pos: QPoint) -> QMenu:
        """The map's context menu for a viewport position (the canvas shows it on right-click).

        Holds "Add a site here"; ``context_menu_about_to_show`` lets the window add actions.
        """
        lon, lat = self.lonlat_at(QPointF(view_pos))
        if self._context_menu is not None:
            self._context_menu.deleteLater()
        menu = QMenu(self)
        self.tool.fill_context_menu(self, menu, lon, lat)
        self.context_menu_about_to_show.emit(menu, lon, lat)
        self._context_menu = menu
        return menu

    def mousePressEvent(self, event) -> None:
        if self.tool.takes_clicks and event.button() == Qt.MouseButton.LeftButton and self._projection is not None:
            self.tool.map_clicked(self, *self.lonlat_at(event.position()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._user_moved_view()  # a drag pans the map (or moves a marker): the user has taken over
        elif self.tool.takes_clicks and self._projection is not None:
            self.tool.map_hovered(self, *self.lonlat_at(event.position()))
        super().mouseMoveEvent(event)

    def show_probe(self, lon: float, lat: float, road: Optional[tuple[float, float]] = None,
                   reachable: bool = True) -> None:
        """A small target at (lon, lat) and, given ``road`` (lon, lat), a dashed line to where the
        coach would stop: the preview of a site being placed, or of a feature hovered in a list."""
        from app.ui.map.probe import ProbeItem

        if self._probe is None or self._probe.scene() is not self._scene:
            self._probe = ProbeItem()
            self._scene.addItem(self._probe)
        self._probe.place(self._to_scene(lon, lat), self._to_scene(*road) if road is not None else None, reachable)

    def hide_probe(self) -> None:
        if self._probe is not None and self._probe.scene() is self._scene:
            self._scene.removeItem(self._probe)
        self._probe = None

    @property
    def probe(self):
        return self._probe

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit()
        self._place_overlays()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._refit()
        self._place_overlays()

    def fit_pending(self) -> bool:
        """True while the last fit is redone on resize (the user has not moved the view since)."""
        return self._fit_box is not None

    # ================================================================ internals
    def _view_to_scene(self, p: QPointF) -> QPointF:
        # mapToScene() takes integer pixels; the view transform is a pure scale, so add p / k
        return QPointF(self.mapToScene(QPoint(0, 0))) + p / self.transform().m11()

    def _to_scene(self, lon: float, lat: float) -> QPointF:
        if self._projection is None:
            self._set_projection(LocalProjection(lon, lat))
        return QPointF(*self._projection.to_scene(lon, lat))

    def _set_projection(self, projection: LocalProjection) -> None:
        if projection == self._projection:
            return
        old_centre = self._projection.to_lonlat(*self._centre_xy()) if self._projection else None
        self._projection = projection
        # everything drawn from lon/lat is rebuilt in the new scene coordinates
        sites = list(self._sites.values())
        if self._markers:
            for m in self._markers.values():
                self._scene.removeItem(m)
            self._markers.clear()
            for s in sites:
                self._add_marker(s)
        if self._plan is not None:
            self.set_plan(self._plan, self._plan_sites)
        if old_centre is not None:
            self.centerOn(self._to_scene(*old_centre))

    def _centre_xy(self) -> tuple[float, float]:
        c = self.mapToScene(self.viewport().rect().center())
        return (c.x(), c.y())

    def _add_marker(self, site: Site) -> None:
        m = SiteMarker(site, self._to_scene(site.lon, site.lat), self._on_marker_pressed,
                       self._on_marker_moved)
        m.set_highlighted(site.id == self._selected_site)
        self._scene.addItem(m)
        self._markers[site.id] = m

    def _on_marker_pressed(self, marker: SiteMarker) -> None:
        self.tool.marker_pressed(self, marker.site_id)

    def _on_marker_moved(self, marker: SiteMarker, pos: QPointF) -> None:
        self.tool.marker_dropped(self, marker.site_id, pos)

    def _on_badge_clicked(self, badge: StopBadge) -> None:
        self.tool.badge_clicked(self, badge.stop_id)

    def _stop_position(self, bus, stop) -> QPointF | None:
        site = self._plan_sites.get(stop.site_id) if stop.site_id is not None else None
        if site is not None:
            return self._to_scene(site.lon, site.lat)
        i = stop.sequence - 1
        if 0 <= i < len(bus.legs) and bus.legs[i].geometry:
            return self._to_scene(*bus.legs[i].geometry[-1])
        if 0 <= i + 1 < len(bus.legs) and bus.legs[i + 1].geometry:
            return self._to_scene(*bus.legs[i + 1].geometry[0])
        return None

    def _user_moved_view(self) -> None:
        self._fit_box = None

    def _refit(self) -> None:
        if self._fit_box is not None and self._projection is not None and self.isVisible():
            x0, y0, x1, y1 = self._projection.bounds_to_scene(*self._fit_box)
            self._fit_scene_rect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized())

    def _set_scale(self, k: float) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        self.setTransform(QTransform.fromScale(k, k))
        self.centerOn(centre)
        self._after_zoom()

    def _fit_scene_rect(self, rect: QRectF) -> None:
        vw = max(self.viewport().width() - 2 * FIT_MARGIN_PX, 50)
        vh = max(self.viewport().height() - 2 * FIT_MARGIN_PX, 50)
        w = max(rect.width(), 1.0)
        h = max(rect.height(), 1.0)
        k = min(vw / w, vh / h, 1.0 / 0.5)   # never closer than 0.5 m/px on a fit
        k = min(max(k, 1.0 / MAX_M_PER_PX), 1.0 / MIN_M_PER_PX)
        self.setTransform(QTransform.fromScale(k, k))
        self.centerOn(rect.center())
        if self._projection is not None:
            w, n = self._projection.to_lonlat(rect.left(), rect.top())
            e, s = self._projection.to_lonlat(rect.right(), rect.bottom())
            self._fit_box = (min(w, e), min(s, n), max(w, e), max(s, n))
        self._after_zoom()

    def _update_scene_rect(self) -> None:
        """A scene rect well beyond the content, so the map can be panned past its edges."""
        rect = QRectF()
        if self._layers_bounds is not None and self._projection is not None:
            x0, y0, x1, y1 = self._projection.bounds_to_scene(*self._layers_bounds)
            rect = QRectF(QPointF(x0, y0), QPointF(x1, y1))
        for m in self._markers.values():
            rect = rect.united(QRectF(m.pos(), m.pos()).adjusted(-1, -1, 1, 1))
        for r in self._routes:
            rect = rect.united(r.path.boundingRect())
        if rect.isNull():
            rect = QRectF(-5000, -5000, 10000, 10000)
        pad = max(rect.width(), rect.height(), 20_000.0)
        self.setSceneRect(rect.adjusted(-pad, -pad, pad, pad))

    def _after_zoom(self) -> None:
        m = self.m_per_px()
        show_labels = m < LABEL_MAX_M_PER_PX
        for sid, marker in self._markers.items():
            marker.label.setVisible(show_labels or sid == self._selected_site)
        for r in self._routes:
            r.set_pixel_size(m)
        self._spread_badges()
        self.scale_bar.set_scale(m)
        if abs(m - self._last_m_per_px) > 1e-12:
            self._last_m_per_px = m
            self.scale_changed.emit(m)

    def _spread_badges(self) -> None:
        """Keep every stop number readable at this zoom: a badge that would cover one placed before
        (stops a few dozen metres apart, or the same site twice) moves right by BADGE_STACK_PX until free.

        Greedy in plan order, on screen pixels: O(n^2) for the few dozen badges of a plan."""
        placed: list[QPointF] = []
        min_gap = BADGE_STACK_PX - 0.5  # centres closer than a badge's width overlap
        for badge in self._badges:
            anchor = QPointF(self.mapFromScene(badge.pos()))
            offset = QPointF(BADGE_OFFSET_PX)
            for n in range(12):
                offset = BADGE_OFFSET_PX + QPointF(BADGE_STACK_PX * n, 0)
                centre = anchor + offset
                if all(abs(centre.x() - p.x()) >= min_gap or abs(centre.y() - p.y()) >= min_gap for p in placed):
                    break
            badge.set_offset(offset)
            placed.append(anchor + offset)

    def _place_overlays(self) -> None:
        vp = self.viewport().geometry()
        a = self.attribution_label
        a.adjustSize()
        a.move(vp.right() - a.width() + 1, vp.bottom() - a.height() + 1)
        a.raise_()
        s = self.scale_bar
        s.move(vp.left() + 8, vp.bottom() - s.height() - 6)
        s.raise_()

    def _build_idle(self) -> None:
        """Build one not-yet-built zoom band of the base map while the user does nothing."""
        if self._basemap is None:
            self._idle.stop()
            return
        from .basemap import band_of
        if not self._basemap.build_step(prefer=band_of(self.m_per_px())):
            self._idle.stop()

    # ---------------------------------------------------------------- for tests and tools
    def last_context_menu(self) -> QMenu | None:
        """The context menu shown last (tests trigger its actions)."""
        return self._context_menu

    def markers(self) -> dict[int, SiteMarker]:
        """Site markers by site id (read-only use)."""
        return dict(self._markers)

    def badges(self) -> list[StopBadge]:
        """Stop badges of the plan, bus by bus, in stop order."""
        return list(self._badges)

    def routes(self) -> list[RouteItem]:
        """One route item per bus of the plan."""
        return list(self._routes)

    @property
    def projection(self) -> LocalProjection | None:
        return self._projection

    @property
    def basemap(self) -> BaseMap | None:
        return self._basemap
