"""Edits land where the organiser means them, and the project file can be handed over at any time.

Each test drives real widgets of the real window on a copy of the demo project and reads the
file back on its own connection.
"""
from __future__ import annotations

import shutil
import sqlite3

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.store.project import Project
from tests.ui.conftest import dump


def _click_row(view, row: int) -> None:
    from PySide6.QtTest import QTest

    rect = view.visualRect(view.model().index(row, 1))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())


def _show_active(window, qtbot) -> None:
    """Shown and active, so fields get the keyboard focus as under a real desktop."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def _pick_site(window, site_id: int) -> None:
    panel = window.sites_panel
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).data(Qt.ItemDataRole.UserRole) == site_id)
    panel.list.setCurrentItem(item)  # what a click does


def test_editing_a_site_with_a_stop_selected_stays_on_that_site(sync_window, project_path, qtbot):
    window = sync_window
    _show_active(window, qtbot)
    stops = window.session.project.stops(window.session.tour_id)
    _click_row(window.stops_panel.view, 0)  # the user selects the first stop (its site is shown)
    assert window.site_editor.site_id() == stops[0].site_id
    other = next(s for s in window.session.sites_by_id.values() if s.id != stops[0].site_id)
    _pick_site(window, other.id)  # then picks another company in the list and edits it
    editor = window.site_editor
    assert editor.site_id() == other.id
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Atelier Nord")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)  # commits and moves to the next field
    assert editor.site_id() == other.id  # the editor did not jump to the stop's site
    assert window.sites_panel.current_site_id() == other.id
    assert window.stops_panel.current_stop_id() == stops[0].id
    after_tab = QApplication.focusWidget()
    assert after_tab is not editor.name and editor.isAncestorOf(after_tab)  # on the next field of the same form
    with Project.open(project_path, read_only=True) as p:
        sites = {s.id: s for s in p.sites()}
    assert sites[other.id].name == "Atelier Nord"
    assert sites[stops[0].site_id].name == window.session.sites_by_id[stops[0].site_id].name != "Atelier Nord"


def _wheel(widget, steps: int = -3) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_form_and_never_edits_an_unfocused_number(sync_window, project_path, qtbot):
    window = sync_window
    editor = window.site_editor
    site = next(iter(window.session.sites_by_id.values()))
    window.session.select(site_id=site.id)
    window.resize(1366, 600)  # a short window: the site form scrolls
    _show_active(window, qtbot)
    before = dump(project_path)
    window.stops_panel.view.setFocus()
    values = (editor.visit_capacity.value(), editor.lon.value(), editor.kind.currentIndex())
    for box in (editor.visit_capacity, editor.lon, editor.kind):
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not focus them either
        _wheel(box)
    assert (editor.visit_capacity.value(), editor.lon.value(), editor.kind.currentIndex()) == values
    _pick_site(window, next(s.id for s in window.session.sites_by_id.values() if s.id != site.id))
    assert dump(project_path) == before  # switching sites committed nothing
    editor.visit_capacity.setFocus()
    _wheel(editor.visit_capacity, steps=1)  # focused: the wheel is the user's wish
    assert editor.visit_capacity.value() != values[0] or values[0] == editor.visit_capacity.maximum()


def test_undo_with_an_edit_being_typed_undoes_that_edit_only(sync_window, project_path, qtbot):
    window = sync_window
    stop = window.session.project.stops(window.session.tour_id)[0]
    import copy

    longer = copy.deepcopy(stop)
    longer.dwell_s += 600
    assert window.c.editing.update(stop, longer)  # an earlier, unrelated edit
    site = next(iter(window.session.sites_by_id.values()))
    window.session.select(site_id=site.id)
    editor = window.site_editor
    _show_active(window, qtbot)
    editor.address.setFocus()
    editor.address.selectAll()
    qtbot.keyClicks(editor.address, "1 rue du Port")  # typed, not committed yet
    window.actions["actUndo"].trigger()
    with Project.open(project_path, read_only=True) as p:
        assert p.stops(window.session.tour_id)[0].dwell_s == longer.dwell_s  # the earlier edit is kept
        assert next(s for s in p.sites() if s.id == site.id).address == site.address  # the typed one undone
    assert editor.address.text() == site.address


def test_a_copy_of_the_one_file_holds_every_edit(sync_window, project_path, tmp_path, qtbot):
    window = sync_window
    window.canvas.add_site_requested.emit(15.61, 48.401)
    added = max(window.session.sites_by_id)
    hand_copy = tmp_path / "by-hand.zitour"
    qtbot.waitUntil(lambda: not window.c.files.idle_timer.isActive(), timeout=10_000)  # idle: folded into the file
    shutil.copy2(project_path, hand_copy)  # the .zitour alone, as a user copies it
    conn = sqlite3.connect(hand_copy)
    try:
        assert conn.execute("SELECT count(*) FROM sites WHERE id = ?", (added,)).fetchone() == (1,)
    finally:
        conn.close()
    window.canvas.add_site_requested.emit(15.62, 48.402)  # and "Save a copy" right after an edit
    second = max(window.session.sites_by_id)
    copy_path = tmp_path / "pour-le-partenaire.zitour"
    assert window.c.files.save_copy(copy_path)
    with Project.open(copy_path, read_only=True) as p:
        assert {added, second} <= {s.id for s in p.sites()}
    assert window.session.project.path == project_path  # the organiser keeps working on the original
    assert not window.c.files.save_copy(project_path)  # never onto itself
    (error,) = window.notifier.errors
    assert error.message.code == "store.copy_onto_itself"
    window.notifier.errors.clear()


def test_reimporting_the_projects_region_asks_then_reports(sync_window, tmp_path):
    from app.ui.dialogs.regions import RegionsDialog
    from routing.regions import regions_dir
    from tests.conftest import KREMS_OSM

    window = sync_window
    name = window.session.region_name
    source = tmp_path / f"{name}.osm.gz"
    shutil.copy2(KREMS_OSM, source)
    dialog = RegionsDialog(window, window.session, window.c.files, window.c.editing, window.tasks)
    window.notifier.answer = False
    assert dialog.import_file(str(source)) is None  # the organiser keeps the region the project uses
    assert not (regions_dir() / f"{name}.zreg").exists() or window.notifier.questions
    assert len(window.notifier.questions) == 1 and name in window.notifier.questions[0]
    window.notifier.answer = True
    task = dialog.import_file(str(source))
    assert task is not None and task.done
    (report,) = window.notifier.infos
    assert name in report and "OpenStreetMap" in report  # the import's report, as the CLI prints it
    assert window.session.region is not None and window.session.region_name == name
    dialog.close()


def test_a_new_project_says_where_its_map_comes_from(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.notify import RecordingNotifier
    from app.ui.settings import Settings
    from app.ui.tasks import SyncTaskRunner

    create_app("fr")
    notifier = RecordingNotifier()
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), "fr",
                        notifier=notifier, tasks=SyncTaskRunner(notifier))
    qtbot.addWidget(window)
    window.show()
    assert window.c.files.new_project(tmp_path / "nouveau.zitour")
    hint = window.map_page.region_hint
    from PySide6.QtWidgets import QLabel

    assert hint.isVisible() and "carte routière" in hint.findChild(QLabel).text()
    assert window.counts_label.text() == "0 sites · 0 circuits"
    assert window.c.files.use_region("krems")  # what the regions dialog does
    assert not hint.isVisible() and window.session.region is not None
    window.canvas.add_site_requested.emit(15.61, 48.40)
    window.c.editing.new_tour()
    assert window.counts_label.text() == "1 site · 1 circuit"
    undo = window.actions["actUndo"]
    assert undo.iconText() == "Annuler" and undo.text() == "&Annuler Nouveau circuit"  # the toolbar word stays
    window.close()


def test_the_bus_gate_is_set_by_a_click_on_the_map(sync_window, project_path, qtbot):
    from PySide6.QtTest import QTest

    from app.ui.map.tools import EditSitesTool, SetGateTool

    window = sync_window
    _show_active(window, qtbot)
    site = next(s for s in window.session.sites_by_id.values() if s.gate_lon is None)
    window.session.select(site_id=site.id)
    editor, canvas = window.site_editor, window.canvas
    assert "aucun" in editor.gate.text() and not editor.gate_clear.isEnabled()
    editor.gate_button.click()
    assert isinstance(canvas.tool, SetGateTool)
    assert window.notifier.statuses[-1].startswith("Cliquez là où le car entre")
    QTest.keyClick(canvas, Qt.Key.Key_Escape)  # changed their mind: nothing set
    assert isinstance(canvas.tool, EditSitesTool)
    editor.gate_button.click()
    spot = canvas.viewport().rect().center() + QPoint(35, 20)
    lon, lat = canvas.lonlat_at(QPointF(spot))
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    assert isinstance(canvas.tool, EditSitesTool)  # one click, then the map edits sites again
    with Project.open(project_path, read_only=True) as p:
        stored = next(s for s in p.sites() if s.id == site.id)
    assert abs(stored.gate_lon - lon) < 1e-6 and abs(stored.gate_lat - lat) < 1e-6
    assert stored.routing_point == (stored.gate_lon, stored.gate_lat)  # where the planner now drives
    assert editor.gate.text() == f"{stored.gate_lon:.6f}, {stored.gate_lat:.6f}" and editor.gate_clear.isEnabled()
    editor.gate_clear.click()
    with Project.open(project_path, read_only=True) as p:
        assert next(s for s in p.sites() if s.id == site.id).gate_lon is None
    window.actions["actUndo"].trigger()
    with Project.open(project_path, read_only=True) as p:
        assert next(s for s in p.sites() if s.id == site.id).gate_lon == stored.gate_lon


def test_a_partners_file_with_a_trigger_is_refused_and_a_cleaned_copy_offered(qtbot, tmp_path, project_path):
    import hashlib
    import sqlite3

    from PySide6.QtCore import QSettings

    from app.errors import ForeignSchema
    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.notify import RecordingNotifier
    from app.ui.settings import Settings
    from app.ui.tasks import SyncTaskRunner

    conn = sqlite3.connect(project_path)
    conn.execute("CREATE TRIGGER plans_wipe AFTER UPDATE ON plans BEGIN DELETE FROM ambassadors; END")
    conn.commit()
    conn.close()
    before = hashlib.sha256(project_path.read_bytes()).hexdigest()
    create_app("fr")
    notifier = RecordingNotifier(answer=False)
    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), "fr",
                        notifier=notifier, tasks=SyncTaskRunner(notifier))
    qtbot.addWidget(window)
    assert not window.c.files.open_project(project_path)  # refused; the organiser declines the copy
    (error,) = notifier.errors
    assert isinstance(error, ForeignSchema) and "plans_wipe" in error.text("fr")
    assert "copie nettoyée" in notifier.questions[0] and window.session.project is None
    notifier.answer = True
    notifier.errors.clear()
    assert window.c.files.open_project(project_path)  # this time: the cleaned copy opens
    opened = window.session.project.path
    assert opened != project_path and opened.name.endswith("(nettoyé).zitour")
    assert window.session.project.ambassadors() and window.session.project.tours()  # the rows came along
    assert hashlib.sha256(project_path.read_bytes()).hexdigest() == before  # the partner's file untouched
    notifier.errors.clear()
    window.close()
