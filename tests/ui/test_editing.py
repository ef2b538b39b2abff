"""Drive the real window: sites from the map, tours and stops, undo/redo, reopen."""
from __future__ import annotations

import pytest
from PySide6.QtTest import QTest

from PySide6.QtCore import QModelIndex, Qt

from app.store.project import Project
from tests.ui.conftest import dump, make_window


def _sites_in_file(path):
    with Project.open(path, read_only=True) as p:
        return {s.id: s for s in p.sites()}


def test_add_site_from_the_map_lands_in_the_project_file(window, project_path):
    before = _sites_in_file(project_path)
    lon, lat = 15.6321, 48.4011
    window.canvas.add_site_requested.emit(lon, lat)
    after = _sites_in_file(project_path)
    new = [s for i, s in after.items() if i not in before]
    assert len(new) == 1
    assert (new[0].lon, new[0].lat) == (lon, lat)
    # it is listed, selected and shown in the editor
    assert window.sites_panel.current_site_id() == new[0].id
    assert window.site_editor.site_id() == new[0].id


def test_right_click_add_site_here_on_the_map(window, project_path):
    """The canvas's own context menu ("Add a site here") at a point of the map."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction

    canvas = window.canvas
    pos = canvas.viewport().rect().center() + QPoint(40, -25)
    lon, lat = canvas.lonlat_at(pos)
    menu = canvas.build_context_menu(pos)
    action = menu.findChild(QAction, "add_site_here")
    assert action is not None and action.isEnabled()
    before = _sites_in_file(project_path)
    action.trigger()
    new = [s for i, s in _sites_in_file(project_path).items() if i not in before]
    assert len(new) == 1 and abs(new[0].lon - lon) < 1e-9 and abs(new[0].lat - lat) < 1e-9


def _mouse(widget, kind, pos, buttons):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    types = {"press": QEvent.Type.MouseButtonPress, "move": QEvent.Type.MouseMove,
             "release": QEvent.Type.MouseButtonRelease}
    button = Qt.MouseButton.LeftButton if kind != "move" else Qt.MouseButton.NoButton
    p = QPointF(pos)
    event = QMouseEvent(types[kind], p, QPointF(widget.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_dragging_a_marker_moves_the_site_in_the_file(window, project_path, qtbot):
    from PySide6.QtCore import QPoint

    canvas = window.canvas
    sites = list(_sites_in_file(project_path).values())
    site = sites[0]
    for site in sites:  # a marker that no other marker covers
        canvas.select_site(site.id)  # centres it in view
        qtbot.wait(10)
        start = canvas.view_pos_of(site.lon, site.lat)
        if len([i for i in canvas.items(start) if type(i).__name__ == "SiteMarker"]) == 1:
            break
    end = start + QPoint(30, 20)
    target = canvas.lonlat_at(end)
    viewport = canvas.viewport()
    got = []
    canvas.site_moved.connect(lambda *a: got.append(a))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * i / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert got and got[-1][0] == site.id
    moved = _sites_in_file(project_path)[site.id]
    # A drop is exact to the pixel (the marker keeps where it was grabbed, to the sub-pixel).
    one_px = canvas.lonlat_at(end + QPoint(1, 1))
    tol_lon, tol_lat = abs(one_px[0] - target[0]) + 1e-7, abs(one_px[1] - target[1]) + 1e-7
    assert abs(moved.lon - target[0]) < tol_lon and abs(moved.lat - target[1]) < tol_lat
    assert (moved.lon, moved.lat) != (site.lon, site.lat)


def test_site_editor_edit_is_saved(window, project_path, qtbot):
    site = next(iter(_sites_in_file(project_path).values()))
    window.session.select(site_id=site.id)
    window.site_editor.sector.setText("Chimie fine")
    window.site_editor.sector.editingFinished.emit()
    assert _sites_in_file(project_path)[site.id].sector == "Chimie fine"


def test_create_a_tour_and_add_stops(window, project_path):
    with Project.open(project_path, read_only=True) as p:
        tours_before = {t.id for t in p.tours()}
    window.actions["actNewTour"].trigger()
    with Project.open(project_path, read_only=True) as p:
        new_tours = [t for t in p.tours() if t.id not in tours_before]
        assert len(new_tours) == 1
        tour = new_tours[0]
        assert len(p.buses(tour.id)) == 1
    assert window.session.tour_id == tour.id
    sites = [s for s in window.session.sites_by_id.values()][:3]
    for s in sites:
        window.sites_panel.list.setCurrentItem(_list_item(window.sites_panel, s.id))  # as a click does
        window.actions["actAddStop"].trigger()
    assert window.stops_panel.model.rowCount() == 3
    with Project.open(project_path, read_only=True) as p:
        assert [s.site_id for s in p.stops(tour.id)] == [s.id for s in sites]


def test_drag_reorder_of_the_stops_table(window, project_path):
    model = window.stops_panel.model
    ids = [s.id for s in model.stops]
    assert len(ids) >= 3
    # drag the first row below the third one, as the view's drop does
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    expected = ids[1:3] + ids[:1] + ids[3:]
    with Project.open(project_path, read_only=True) as p:
        assert [s.id for s in p.stops(window.session.tour_id)] == expected
    assert [s.id for s in model.stops] == expected


def test_editing_a_stop_cell(window, project_path):
    model = window.stops_panel.model
    stop = model.stops[0]
    assert model.setData(model.index(0, 3), 20, Qt.ItemDataRole.EditRole)  # dwell, minutes
    assert model.setData(model.index(0, 4), "9 h 15–10 h 45", Qt.ItemDataRole.EditRole)
    with Project.open(project_path, read_only=True) as p:
        saved = next(s for s in p.stops(window.session.tour_id) if s.id == stop.id)
    assert saved.dwell_s == 20 * 60
    assert [(w.start.hour, w.start.minute, w.end.hour, w.end.minute) for w in saved.windows] == [(9, 15, 10, 45)]


def test_undo_and_redo_restore_the_file_state(window, project_path):
    start = dump(project_path)
    # four different kinds of edit
    window.canvas.add_site_requested.emit(15.61, 48.40)
    site_id = window.sites_panel.current_site_id()
    window.canvas.site_moved.emit(site_id, 15.62, 48.41)
    victim = window.stops_panel.model.stops[0].site_id  # a site with a stop: the delete cascades
    window.c.editing.delete_site(victim)
    ids = [s.id for s in window.stops_panel.model.stops]
    window.c.editing.reorder_stops(list(reversed(ids)))
    end = dump(project_path)
    assert end != start
    assert window.c.editing.undo_stack.count() == 4
    for _ in range(4):
        window.actions["actUndo"].trigger()
    assert dump(project_path) == start
    for _ in range(4):
        window.actions["actRedo"].trigger()
    assert dump(project_path) == end
    # the window shows the file, not a stale copy
    assert [s.id for s in window.stops_panel.model.stops] == [
        s.id for s in Project.open(project_path, read_only=True).stops(window.session.tour_id)]


def test_undo_shortcuts(window):
    assert window.actions["actUndo"].shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.actions["actRedo"].shortcuts()]


def test_close_and_reopen_shows_the_same_state(window, project_path, qtbot, tmp_path, errors):
    window.canvas.add_site_requested.emit(15.605, 48.395)
    window.actions["actNewTour"].trigger()
    window.actions["actAddStop"].trigger()
    tour_id = window.session.tour_id
    shown_sites = [window.sites_panel.list.item(i).text() for i in range(window.sites_panel.list.count())]
    state = dump(project_path)
    window.close()
    assert window.session.project is None
    again = make_window(qtbot, tmp_path / "again")
    assert again.c.files.open_project(project_path)
    assert dump(project_path) == state
    assert [again.sites_panel.list.item(i).text() for i in range(again.sites_panel.list.count())] == shown_sites
    again.session.set_tour(tour_id)
    assert again.stops_panel.model.rowCount() == 1
    again.close()


def test_a_project_open_elsewhere_opens_read_only_with_a_banner(qtbot, tmp_path, project_path, errors):
    holder = Project.open(project_path)  # "another program"
    try:
        win = make_window(qtbot, tmp_path)
        assert win.c.files.open_project(project_path)
        assert win.session.project.read_only
        assert win.map_page.banner.isVisibleTo(win) or not win.map_page.banner.isHidden()
        assert "lecture seule" in win.map_page.banner.text()
        assert not win.actions["actAddSite"].isEnabled()
        assert not win.actions["actOptimise"].isEnabled()
        before = dump(project_path)
        win.canvas.add_site_requested.emit(15.6, 48.4)  # refused, nothing written
        assert dump(project_path) == before
        assert errors and "lecture seule" in errors[-1].text("fr")
        win.close()
    finally:
        holder.close()


def test_no_argument_opens_the_last_project_else_the_welcome_page(qtbot, tmp_path, project_path, errors):
    from PySide6.QtCore import QSettings

    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    create_app("fr")
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first = MainWindow(settings, "fr")
    qtbot.addWidget(first)
    assert first.welcome.isVisibleTo(first)  # nothing opened yet
    assert first.c.files.open_project(project_path)
    first.close()
    # what run_gui(None) does: the last project
    again = MainWindow(settings, "fr")
    qtbot.addWidget(again)
    last = settings.last_project()
    assert last == project_path.resolve()
    assert again.c.files.open_project(last)
    assert again.map_page.isVisibleTo(again)
    again.close()


def test_open_the_demo_from_the_welcome_page_builds_it_in_the_background(qtbot, tmp_path, errors):
    win = make_window(qtbot, tmp_path)
    win.show()
    assert win.welcome.isVisibleTo(win)
    with qtbot.waitSignal(win.session.region_changed, timeout=120_000):
        win.welcome.demo_button.click()
    assert win.session.project is not None and win.session.project.path.name == "demo-krems.zitour"
    assert win.sites_panel.list.count() > 0 and win.map_page.isVisibleTo(win)
    win.close()


def _list_item(panel, site_id):
    from PySide6.QtCore import Qt

    return next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == site_id)
