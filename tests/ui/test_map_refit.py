"""A fit asked for before the map has its size is done again when it gets it, until the user moves the map.

Base map: the real Krems extract (maps/krems_austria.osm.gz, © OpenStreetMap contributors).
Checks use the region's own coordinates, not the canvas's projection constants.
"""
from __future__ import annotations

import numpy as np
import pytest



@pytest.fixture(scope="module")
def krems_layers():
    from routing.regions import load_region

    return load_region("krems").layers


def _box(layers):
    coords = np.vstack([np.asarray(layers.roads.coords), np.asarray(layers.areas.coords)])
    return coords[:, 0].min(), coords[:, 1].min(), coords[:, 0].max(), coords[:, 1].max()


def _fill(canvas, box) -> tuple[float, bool]:
    """How much of the viewport the box fills (largest side share) and whether it is all inside."""
    w, s, e, n = box
    a, b = canvas.view_pos_of(w, n), canvas.view_pos_of(e, s)
    vp = canvas.viewport().rect()
    share = max((b.x() - a.x()) / vp.width(), (b.y() - a.y()) / vp.height())
    inside = vp.adjusted(-2, -2, 2, 2).contains(a) and vp.adjusted(-2, -2, 2, 2).contains(b)
    return share, inside


def test_the_region_is_fitted_again_when_the_view_gets_its_size(qtbot, krems_layers):
    from app.ui.map import MapCanvas

    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(160, 90)  # what a view has before its window's layout runs
    canvas.set_layers(krems_layers)  # fits the region into 160 x 90 px
    early = canvas.m_per_px()
    canvas.resize(1000, 700)
    canvas.show()
    qtbot.waitExposed(canvas)
    box = _box(krems_layers)
    share, inside = _fill(canvas, box)
    assert inside and share > 0.8, (share, inside)
    assert canvas.m_per_px() < 0.75 * early  # not the too-zoomed-out early fit
    assert canvas.fit_pending()

    # the window grows again (docks laid out): still the whole region, bigger
    before = canvas.m_per_px()
    canvas.resize(1300, 900)
    qtbot.wait(10)
    assert canvas.m_per_px() < before and _fill(canvas, box)[0] > 0.8

    # once the user zooms, a resize keeps the user's view
    canvas.zoom_by(2.0)
    user = canvas.m_per_px()
    assert not canvas.fit_pending()
    canvas.resize(900, 600)
    qtbot.wait(10)
    assert canvas.m_per_px() == pytest.approx(user)


def test_a_drag_on_the_map_stops_the_refit(qtbot, krems_layers):
    from PySide6.QtCore import QPoint, Qt

    from app.ui.map import MapCanvas

    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_layers(krems_layers)
    vp = canvas.viewport()
    start = vp.rect().center()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(60, 30))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 30))
    assert not canvas.fit_pending()
    centre = canvas.lonlat_at(vp.rect().center())
    canvas.resize(820, 620)
    after = canvas.lonlat_at(vp.rect().center())
    assert abs(after[0] - centre[0]) < 1e-3 and abs(after[1] - centre[1]) < 1e-3


def test_the_window_shows_its_map_fitted_without_help(window):
    """The window's fixture no longer calls fit_map(): the canvas already shows what fit_map would."""
    canvas = window.canvas
    shown = canvas.m_per_px()
    assert canvas.fit_pending()
    window.fit_map()
    assert canvas.m_per_px() == pytest.approx(shown, rel=1e-6)
