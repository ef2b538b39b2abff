"""The house: the session's typed change sets, views that subscribe without the window, the
planning controller driven by the synchronous task runner, the action registry, the map tools."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from app.store.project import Project
from app.ui.map.tools import BrowseTool, EditSitesTool
from app.ui.notify import RecordingNotifier
from app.ui.tasks import SyncTaskRunner


class PlanCounter(QWidget):
    """A view nobody told the window about: it subscribes to the session alone."""

    def __init__(self, session):
        super().__init__()
        self.stops_seen: list[int] = []
        session.plan_changed.connect(self.redraw)

    def redraw(self, plan) -> None:
        self.stops_seen.append(sum(len(b.stops) for b in plan.buses) if plan is not None else 0)


def test_planning_controller_with_the_synchronous_runner_feeds_a_new_view(sync_window, project_path):
    window = sync_window
    view = PlanCounter(window.session)
    ready = []
    window.c.planning.plan_ready.connect(ready.append)
    task = window.c.planning.optimise()
    assert task.done and window.tasks.titles[-1] == "Optimisation du circuit"
    (plan,) = ready
    served = sum(len(b.stops) for b in plan.buses)
    assert served > 0 and view.stops_seen[-1] == served
    assert window.session.plan == plan
    with Project.open(project_path, read_only=True) as p:  # recorded by the planning service
        assert p.plan(window.session.tour_id) == plan
    # the plan views redrew from the session: one itinerary row per stop plus the two depot rows
    assert window.itinerary.rowCount() == served + 2 * len(plan.buses)
    assert window.actions["actExportDialog"].isEnabled() and window.actions["actReplanNow"].isEnabled()


def test_change_sets_name_the_tables_and_the_initiator(sync_window):
    window = sync_window
    s = window.session
    got: dict[str, list] = {"sites": [], "tour": [], "people": [], "plan": []}
    s.sites_changed.connect(got["sites"].append)
    s.tour_changed.connect(got["tour"].append)
    s.people_changed.connect(got["people"].append)
    s.plan_changed.connect(got["plan"].append)

    site = next(iter(s.sites_by_id.values()))
    after = copy.deepcopy(site)
    after.name = "Atelier renommé"
    assert window.c.editing.update(site, after, initiator=window.site_editor)
    (change,) = got["sites"]
    assert change.tables == {"sites"} and change.initiator is window.site_editor
    assert s.sites_by_id[site.id].name == "Atelier renommé"
    assert got["people"] == [] and got["plan"] == []  # nothing else was redrawn

    for key in got:
        got[key].clear()
    stop = s.project.stops(s.tour_id)[0]
    longer = copy.deepcopy(stop)
    longer.dwell_s += 600
    assert window.c.editing.update(stop, longer, initiator=window.stops_panel)
    assert got["sites"] == [] and [c.tables for c in got["tour"]] == [{"stops"}]
    assert got["tour"][0].initiator is window.stops_panel

    for key in got:
        got[key].clear()
    window.actions["actUndo"].trigger()  # an undo is a change set without an initiator
    assert [c.tables for c in got["tour"]] == [{"stops"}] and got["tour"][0].initiator is None
    assert s.project.stops(s.tour_id)[0].dwell_s == stop.dwell_s


def test_a_refused_edit_reaches_the_notifier_not_the_undo_stack(sync_window):
    window = sync_window
    stack = window.c.editing.undo_stack
    stops = window.session.project.stops(window.session.tour_id)
    a, b = stops[0].id, stops[1].id
    assert window.c.editing.add_precedence(a, b)
    steps = stack.count()
    assert not window.c.editing.add_precedence(b, a)  # the opposite order: a cycle
    assert stack.count() == steps
    (error,) = window.notifier.errors
    assert error.message.code == "edit.precedence_cycle"
    assert error.text("fr") == "Ces deux arrêts ont déjà la contrainte d'ordre inverse."
    window.notifier.errors.clear()


def test_actions_follow_the_session_and_own_their_shortcuts(sync_window, qtbot, tmp_path):
    from app.ui.actions import ActionRegistry, ActionSpec

    window = sync_window
    assert window.actions["actOptimise"].isEnabled() and window.optimise_button.isEnabled()
    window.c.files.close_project()
    for name in ("actOptimise", "actAddSite", "actClose", "actExportDialog"):
        assert not window.actions[name].isEnabled(), name
    assert not window.optimise_button.isEnabled()  # the button follows its action
    assert window.actions["actExportDialog"].toolTip() == "Ouvrez d'abord un projet et optimisez un circuit"
    claimed = [k.toString() for a in window.findChildren(QAction) for k in a.shortcuts()]
    assert len(claimed) == len(set(claimed))
    host = QWidget()
    qtbot.addWidget(host)
    twice = (ActionSpec("a", "A", "x.go", "Ctrl+K"), ActionSpec("b", "B", "x.go", QKeySequence("Ctrl+K")))
    with pytest.raises(ValueError, match="Ctrl\\+K"):
        ActionRegistry(host, window.session, {"x": type("X", (), {"go": lambda self: None})()}, twice)


def test_a_read_only_project_gets_the_browse_tool(qtbot, tmp_path, project_path):
    from app.ui.launch import create_app
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    create_app("fr")
    holder = Project.open(project_path)  # another program has it open for writing
    try:
        notifier = RecordingNotifier()
        window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)), "fr",
                            notifier=notifier, tasks=SyncTaskRunner(notifier))
        qtbot.addWidget(window)
        assert window.c.files.open_project(project_path)
        assert window.session.project.read_only and isinstance(window.canvas.tool, BrowseTool)
        assert not window.actions["actOptimise"].isEnabled()
        assert not window.optimise_button.isEnabled() and not window.keep_order_button.isEnabled()
        window.c.files.close_project()
        window.c.files.open_project(Path(holder.path))  # still held: read-only again
        assert isinstance(window.canvas.tool, BrowseTool)
        window.close()
    finally:
        holder.close()
    window2 = MainWindow(Settings(QSettings(str(tmp_path / "s2.ini"), QSettings.Format.IniFormat)), "fr",
                         notifier=notifier, tasks=SyncTaskRunner(notifier))
    qtbot.addWidget(window2)
    assert window2.c.files.open_project(project_path)
    assert isinstance(window2.canvas.tool, EditSitesTool)
    window2.close()


def test_one_bus_editor_with_the_models_of_the_model_layer(sync_window, project_path):
    """The vehicle of a bus is chosen in the tour's Buses tab only, from the model's presets."""
    from app.model.entities import vehicle_presets

    window = sync_window
    editor = window.tour_editor
    assert window.c.editing.add_bus() is not None  # two buses
    tour_id = window.session.tour_id
    editor.select_bus(window.session.project.buses(tour_id)[0].id)
    names = [editor.vehicle_preset.itemText(i) for i in range(1, editor.vehicle_preset.count())]
    assert names == [v.name for v in vehicle_presets("fr")] == ["Autocar 12 m", "Autocar 15 m", "Midibus 9 m"]
    editor.vehicle_preset.activated.emit(3)  # the user picks the midibus
    first, second = window.session.project.buses(tour_id)
    assert (first.vehicle.name, first.vehicle.length_m, first.vehicle.height_m) == ("Midibus 9 m", 9.0, 3.2)
    assert second.vehicle.length_m == 12.0
    steps = window.c.editing.undo_stack.count()
    editor.vehicle_all_button.click()  # every bus gets it, as one step
    assert [b.vehicle.name for b in window.session.project.buses(tour_id)] == ["Midibus 9 m"] * 2
    assert window.c.editing.undo_stack.count() == steps + 1
    window.actions["actUndo"].trigger()
    with Project.open(project_path, read_only=True) as p:
        assert [b.vehicle.length_m for b in p.buses(tour_id)] == [9.0, 12.0]
    from app.ui.dialogs.regions import RegionsDialog

    dialog = RegionsDialog(window, window.session, window.c.files, window.c.editing, window.tasks)
    from PySide6.QtWidgets import QDoubleSpinBox

    assert dialog.findChildren(QDoubleSpinBox) == []  # no second vehicle editor there
    dialog.close()


def test_a_deleted_site_leaves_the_selection(sync_window):
    """Ctrl+T after deleting the selected site says what to do; nothing reaches the file or the undo stack."""
    window = sync_window
    site_id = window.c.editing.add_site(15.612, 48.401)
    assert window.session.selection.site_id == site_id
    window.c.editing.delete_site(site_id)
    assert window.session.selection.site_id is None
    steps = window.c.editing.undo_stack.count()
    window.actions["actAddStop"].trigger()
    assert window.c.editing.undo_stack.count() == steps and window.notifier.errors == []
    assert window.notifier.statuses[-1] == "Choisissez d'abord un site dans la liste ou sur la carte."
    window.actions["actUndo"].trigger()  # the site is back: selectable again, not selected by an undo
    assert site_id in window.session.sites_by_id


def test_switching_tour_fits_the_map_to_its_plan(sync_window):
    window = sync_window
    tours = window.session.project.tours()
    assert len(tours) >= 2
    window.c.planning.optimise()
    other = next(t.id for t in tours if t.id != window.session.tour_id)
    window.session.set_tour(other)
    window.c.planning.optimise()
    first = next(t.id for t in tours if t.id != other)
    window.canvas.zoom_by(3.0)  # the user zoomed somewhere
    assert not window.canvas.fit_pending()
    window.session.set_tour(first)
    assert window.canvas.fit_pending()  # fitted to that tour's route


def test_a_full_disk_refuses_the_edit_in_words_and_off_the_undo_stack(sync_window, monkeypatch):
    import sqlite3

    window = sync_window
    project = window.session.project
    site = next(iter(window.session.sites_by_id.values()))
    after = copy.deepcopy(site)
    after.name = "Nom jamais écrit"
    steps = window.c.editing.undo_stack.count()

    def full(_entity):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(project, "update", full)
    assert not window.c.editing.update(site, after, initiator=window.site_editor)
    monkeypatch.undo()
    assert window.c.editing.undo_stack.count() == steps
    (error,) = window.notifier.errors
    assert "le disque est plein" in error.text("fr") and "Nom jamais écrit" not in {
        s.name for s in window.session.project.sites()}
    window.notifier.errors.clear()
