"""The map canvas driven like a user would: right-click to add, drag to move, plan overlay.

Base map: the real Krems extract (maps/krems_austria.osm.gz, © OpenStreetMap contributors).
Expected coordinates are checked with an independent haversine distance, not with the
canvas's own projection.
"""
from __future__ import annotations

import datetime as dt
import math

import pytest


from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QContextMenuEvent, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.model.entities import Site, SiteKind  # noqa: E402
from app.model.plan import BusPlan, Leg, Plan, PlannedStop  # noqa: E402

TZ = dt.timezone(dt.timedelta(hours=2))
CENTRE = (15.6125, 48.4060)   # Krems, near the station


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def krems_layers():
    from routing.regions import load_region

    return load_region("krems").layers


@pytest.fixture
def canvas(qtbot, krems_layers):
    from app.ui.map import MapCanvas

    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(800, 600)
    c.show()
    qtbot.waitExposed(c)
    c.set_layers(krems_layers)
    d = 0.01
    c.fit_to_bounds(CENTRE[0] - d, CENTRE[1] - d / 2, CENTRE[0] + d, CENTRE[1] + d / 2)
    return c


def sites() -> list[Site]:
    kinds = list(SiteKind)
    return [Site(name=f"Site {i}", lon=CENTRE[0] + 0.004 * (i - 2), lat=CENTRE[1] + 0.002 * (i % 3 - 1),
                 kind=kinds[i % len(kinds)], id=100 + i) for i in range(6)]


def vp_centre(canvas) -> QPoint:
    return canvas.viewport().rect().center()


def test_right_click_add_site_here_emits_the_clicked_point(canvas, qtbot):
    centre = vp_centre(canvas)
    for offset in (QPoint(0, 0), QPoint(150, -80)):
        pos = centre + offset
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, canvas.viewport().mapToGlobal(pos))
        QApplication.sendEvent(canvas.viewport(), event)
        menu = canvas.last_context_menu()
        assert menu is not None and menu.isVisible()
        action = next(a for a in menu.actions() if a.objectName() == "add_site_here")
        assert action.text() == "Add a site here"
        with qtbot.waitSignal(canvas.add_site_requested, timeout=1000) as blocker:
            action.trigger()
        menu.close()
        lon, lat = blocker.args
        if offset == QPoint(0, 0):
            # fit_to_bounds centred the view on CENTRE: the centre pixel is CENTRE
            assert haversine_m((lon, lat), CENTRE) < 2 * canvas.m_per_px() + 1.0
        else:
            # 150 px east and 80 px north of the centre, at the current scale
            expected = math.hypot(150, 80) * canvas.m_per_px()
            assert haversine_m((lon, lat), CENTRE) == pytest.approx(expected, rel=0.02, abs=3.0)
            assert lon > CENTRE[0] and lat > CENTRE[1]


def test_markers_one_per_site_and_legend(canvas):
    from app.ui.map import legend_entries
    from app.ui.map.markers import SiteMarker

    canvas.set_sites(sites())
    assert len(canvas.markers()) == 6
    assert sum(isinstance(i, SiteMarker) for i in canvas.scene().items()) == 6
    assert {m.kind for m in canvas.markers().values()} == set(SiteKind)
    canvas.set_sites(sites()[:3] + [Site(name="unsaved", lon=CENTRE[0], lat=CENTRE[1])])
    assert sum(isinstance(i, SiteMarker) for i in canvas.scene().items()) == 3
    entries = legend_entries()
    assert [k for k, _label, _icon in entries] == list(SiteKind)
    assert all(label and not icon.isNull() for _k, label, icon in entries)


def test_click_selects_and_drag_moves_marker_on_release_only(canvas, qtbot):
    site = sites()[0]
    canvas.set_sites([site])
    vp = canvas.viewport()
    start = canvas.view_pos_of(site.lon, site.lat)
    moved: list = []
    canvas.site_moved.connect(lambda *a: moved.append(a))
    with qtbot.waitSignal(canvas.site_selected, timeout=1000) as sel:
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    assert sel.args == [site.id]
    assert canvas.markers()[site.id].is_highlighted()
    for step in range(1, 5):
        qtbot.mouseMove(vp, start + QPoint(15 * step, 10 * step))
    assert moved == []          # nothing while dragging
    end = start + QPoint(60, 40)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    assert len(moved) == 1
    sid, lon, lat = moved[0]
    assert sid == site.id
    expected = math.hypot(60, 40) * canvas.m_per_px()
    assert haversine_m((lon, lat), (site.lon, site.lat)) == pytest.approx(expected, rel=0.03, abs=2.0)
    assert lon > site.lon and lat < site.lat       # right and down: east and south
    # a plain click does not move it
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=end)
    assert len(moved) == 1


def test_drag_on_empty_map_pans(canvas, qtbot):
    vp = canvas.viewport()
    before = canvas.lonlat_at(QPointF(vp_centre(canvas)))
    p = vp_centre(canvas) + QPoint(-200, 150)     # an empty spot: no marker there
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p)
    for step in range(1, 6):
        qtbot.mouseMove(vp, p + QPoint(20 * step, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p + QPoint(100, 0))
    after = canvas.lonlat_at(QPointF(vp_centre(canvas)))
    assert after[0] < before[0]                   # dragged the map right: we now look further west
    assert haversine_m(before, after) == pytest.approx(100 * canvas.m_per_px(), rel=0.05, abs=2.0)


def _plan(site_list: list[Site]) -> tuple[Plan, dict[int, Site]]:
    by_id = {s.id: s for s in site_list}
    depot, a, b, c = site_list[3], site_list[0], site_list[1], site_list[2]
    t0 = dt.datetime(2025, 6, 3, 8, 30, tzinfo=TZ)

    def leg(s1: Site, s2: Site, i: int) -> Leg:
        # a dog-leg through an intermediate vertex, as a road would
        mid = ((s1.lon + s2.lon) / 2, max(s1.lat, s2.lat) + 0.0015)
        return Leg(s1.id, s2.id, t0 + dt.timedelta(minutes=20 * i), t0 + dt.timedelta(minutes=20 * i + 10),
                   600.0, 1500.0, ((s1.lon, s1.lat), mid, (s2.lon, s2.lat)))

    kinds = ["visit", "drive_by", "lunch"]
    order = [a, b, c]
    stops = tuple(PlannedStop(i + 1, 500 + i, s.id, kinds[i], t0 + dt.timedelta(minutes=20 * i + 10),
                              t0 + dt.timedelta(minutes=20 * i + 15)) for i, s in enumerate(order))
    path = [depot, *order, depot]
    legs = tuple(leg(path[i], path[i + 1], i) for i in range(len(path) - 1))
    bus = BusPlan(1, "Car 1", depot.id, depot.id, t0, t0 + dt.timedelta(hours=3), stops, legs)
    return Plan(1, t0, (bus,)), by_id


def test_route_overlay_badges_path_and_pixels(canvas, qtbot):
    from app.ui.map import bus_colour
    from app.ui.map.canvas import BADGE_OFFSET_PX

    site_list = sites()
    canvas.set_sites(site_list)
    plan, by_id = _plan(site_list)
    canvas.set_plan(plan, by_id)
    assert canvas.fit_to_plan()
    badges = canvas.badges()
    stops = plan.buses[0].stops
    assert len(badges) == len(stops)
    assert [b.number for b in badges] == [1, 2, 3]
    assert [b.kind for b in badges] == ["visit", "drive_by", "lunch"]
    assert len(canvas.routes()) == 1

    img = canvas.viewport().grab().toImage()
    colour = bus_colour(0)

    def near_colour(p: QPoint, radius: int = 2) -> bool:
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                c = QColor(img.pixel(p.x() + dx, p.y() + dy))
                if abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + \
                        abs(c.blue() - colour.blue()) < 60:
                    return True
        return False

    # the drawn route passes through every intermediate vertex of every leg's geometry
    for leg in plan.buses[0].legs:
        mid = leg.geometry[1]
        assert near_colour(canvas.view_pos_of(*mid)), f"route not drawn through {mid}"
    # and not far away from it
    assert not near_colour(QPoint(5, 5))

    # clicking a badge reports its stop; the warnings panel can highlight and centre one
    b2 = badges[1]
    pos = canvas.mapFromScene(b2.pos()) + BADGE_OFFSET_PX.toPoint()
    with qtbot.waitSignal(canvas.stop_clicked, timeout=1000) as clicked:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert clicked.args == [501]
    canvas.zoom_by(4)
    canvas.centerOn(canvas.mapToScene(QPoint(0, 0)))
    assert canvas.highlight_stop(502)
    assert badges[2].is_highlighted() and not badges[1].is_highlighted()
    centre = canvas.lonlat_at(QPointF(vp_centre(canvas)))
    site_c = by_id[stops[2].site_id]
    assert haversine_m(centre, (site_c.lon, site_c.lat)) < 3 * canvas.m_per_px() + 1
    assert not canvas.highlight_stop(999)
    canvas.set_plan(None, {})
    assert canvas.badges() == [] and canvas.routes() == []


def test_zoom_wheel_keys_and_scale_bar(canvas, qtbot):
    vp = canvas.viewport()
    m0 = canvas.m_per_px()
    bar0 = canvas.scale_bar.length_m
    cursor = vp_centre(canvas) + QPoint(200, 100)
    under = canvas.lonlat_at(QPointF(cursor))
    wheel = QWheelEvent(QPointF(cursor), QPointF(vp.mapToGlobal(cursor)), QPoint(0, 0), QPoint(0, 480),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(vp, wheel)
    m1 = canvas.m_per_px()
    assert m1 < m0 / 1.5
    # the point under the cursor stays under the cursor
    assert haversine_m(canvas.lonlat_at(QPointF(cursor)), under) < 2 * m1 + 0.5
    assert canvas.scale_bar.length_m < bar0
    assert canvas.scale_bar.length_px <= 130 + 1e-6
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.m_per_px() > m1
    m2 = canvas.m_per_px()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.m_per_px() < m2
    qtbot.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert canvas.m_per_px() > m0          # the whole region is bigger than the test's view


def test_attribution_always_visible(canvas):
    label = canvas.attribution_label
    assert label.isVisible()
    assert "OpenStreetMap" in label.text()
    assert canvas.rect().contains(label.geometry())
    canvas.zoom_by(8)
    canvas.resize(500, 400)
    QApplication.processEvents()
    assert label.isVisible() and canvas.rect().contains(label.geometry())
    # it is in what the user sees (grab includes the overlay)
    img = canvas.grab().toImage()
    g = label.geometry()
    dark = sum(QColor(img.pixel(x, g.center().y())).lightness() < 120 for x in range(g.left(), g.right()))
    assert dark > 5


def test_select_site_centres_and_read_only_puts_markers_back(canvas, qtbot):
    site_list = sites()
    canvas.set_sites(site_list)
    target = site_list[5]
    assert canvas.select_site(target.id)
    centre = canvas.lonlat_at(QPointF(vp_centre(canvas)))
    assert haversine_m(centre, (target.lon, target.lat)) < 2 * canvas.m_per_px() + 1
    assert canvas.markers()[target.id].is_highlighted()
    assert not canvas.select_site(12345)
    from app.ui.map.tools import BrowseTool

    canvas.set_tool(BrowseTool())
    moved: list = []
    canvas.site_moved.connect(lambda *a: moved.append(a))
    vp = canvas.viewport()
    start = canvas.view_pos_of(target.lon, target.lat)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(30, 30))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 40))
    assert moved == []
    assert (canvas.view_pos_of(target.lon, target.lat) - canvas.mapFromScene(
        canvas.markers()[target.id].pos())).manhattanLength() <= 1


def test_sites_set_before_the_region_are_reprojected(qtbot, krems_layers):
    from app.ui.map import MapCanvas

    c = MapCanvas()
    qtbot.addWidget(c)
    c.resize(600, 400)
    c.show()
    site_list = sites()
    c.set_sites(site_list)          # no region yet: the projection is centred on the sites
    c.set_layers(krems_layers)      # the region's projection replaces it
    c.select_site(site_list[2].id)
    for s in site_list:
        marker_px = c.mapFromScene(c.markers()[s.id].pos())
        lon, lat = c.lonlat_at(QPointF(marker_px))
        assert haversine_m((lon, lat), (s.lon, s.lat)) < 2 * c.m_per_px() + 0.5
