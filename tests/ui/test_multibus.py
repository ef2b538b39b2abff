"""Several coaches in one tour, driven through the editor's widgets: coaches, groups, a stop
pinned to a coach, an order constraint; each edit saved at once and undoable; then the real
planner in its worker honours them.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QStyleOptionViewItem

from app.store.project import Project
from app.ui.panels.stops import COL_BUS
from app.ui.panels.tour_editor import GROUP_COL_BUS, GROUP_COL_SIZE
from tests.ui.conftest import dump, undoable


_undoable = undoable


def _file(path):
    return Project.open(path, read_only=True)


def _row_of(panel, stop_id: int) -> int:
    return [s.id for s in panel.model.stops].index(stop_id)


def _stops_by_kind(window):
    stops = window.stops_panel.model.stops
    visits = [s for s in stops if s.kind.value == "visit" and s.required and s.lock.value == "none"]
    drive_bys = [s for s in stops if s.kind.value == "drive_by" and s.required and s.lock.value == "none"]
    return visits, drive_bys


def test_two_coaches_a_group_a_pinned_stop_and_a_precedence_are_planned(window, project_path, qtbot):
    editor, panel, tour_id = window.tour_editor, window.stops_panel, window.session.tour_id
    with _file(project_path) as p:
        (bus1,) = p.buses(tour_id)
        assert p.groups(tour_id) == [] and p.precedences(tour_id) == []
    assert not editor.remove_bus_button.isEnabled()  # a tour keeps at least one coach

    # 1. a second bus, from the Buses tab's button
    shown = []
    _undoable(window, project_path, lambda: (editor.add_bus_button.click(), shown.append(editor.current_bus_id())))
    with _file(project_path) as p:
        buses = p.buses(tour_id)
    assert len(buses) == 2
    bus2 = next(b for b in buses if b.id != bus1.id)
    assert bus2.vehicle.length_m == 12.0 and bus2.seats == 50  # the 12 m coach defaults
    assert bus2.name == "Car 2"
    assert shown == [bus2.id] and editor.bus_list.count() == 2  # the new coach is shown for editing
    editor.select_bus(bus2.id)

    # 2. its seats and driver, typed in the form
    def edit_bus():
        editor.seats.setValue(30)
        editor.driver.setText("Marc Ody")
        editor.vehicle_height.setValue(3.5)
        editor.driver.editingFinished.emit()
    _undoable(window, project_path, edit_bus)
    with _file(project_path) as p:
        saved = p.get(type(bus2), bus2.id)
    assert (saved.seats, saved.driver, saved.vehicle.height_m) == (30, "Marc Ody", 3.5)
    assert "2 cars, 83 places" in editor.capacity.text()  # 53 + 30 seats, French

    # 3. a group, then its size and its coach, in the Groups table
    _undoable(window, project_path, editor.add_group_button.click)
    assert editor.groups_table.rowCount() == 1

    def edit_group():
        editor.groups_table.item(0, GROUP_COL_SIZE).setData(Qt.ItemDataRole.EditRole, 16)
    _undoable(window, project_path, edit_group)

    def group_on_bus2():
        box = editor.groups_table.cellWidget(0, GROUP_COL_BUS)
        box.setCurrentIndex(box.findData(bus2.id))
        box.activated.emit(box.currentIndex())
    _undoable(window, project_path, group_on_bus2)
    with _file(project_path) as p:
        (group,) = p.groups(tour_id)
    assert (group.size, group.bus_id) == (16, bus2.id)
    assert editor.capacity.text().startswith("16 participants pour 2 cars, 83 places")

    # 4. pin a visit to coach 2 through the table's coach column editor
    visits, drive_bys = _stops_by_kind(window)
    pinned = visits[1]
    model, view = panel.model, panel.view

    def pin():
        index = model.index(_row_of(panel, pinned.id), COL_BUS)
        delegate = view.itemDelegateForColumn(COL_BUS)
        combo = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
        assert [combo.itemText(i) for i in range(combo.count())] == ["Indifférent", "Car 1", "Car 2"]
        delegate.setEditorData(combo, index)
        combo.setCurrentIndex(combo.findData(bus2.id))
        delegate.setModelData(combo, model, index)
    _undoable(window, project_path, pin)
    assert model.index(_row_of(panel, pinned.id), COL_BUS).data() == "Car 2"
    assert model.headerData(COL_BUS, Qt.Orientation.Horizontal) == "Car"

    # 5. "a drive-by must come before the first visit", from the table's context menu: one whose
    # ambassador is on board in the morning (the first visit must end by 10 h 30, its window's end)
    first, then = drive_bys[0], visits[0]

    def precede():
        menu = panel.build_context_menu(_row_of(panel, first.id))
        sub = menu.findChild(QMenu, "mustPrecedeMenu")
        assert sub.title() == "Doit précéder…"
        action = next(a for a in sub.actions() if a.data() == then.id)
        assert action.isEnabled()
        action.trigger()
    _undoable(window, project_path, precede)
    assert panel.precedence_list.count() == 1
    assert " avant " in panel.precedence_list.item(0).text()
    # the opposite order is now offered disabled (it would be a cycle)
    sub = panel.build_context_menu(_row_of(panel, then.id)).findChild(QMenu, "mustPrecedeMenu")
    assert not next(a for a in sub.actions() if a.data() == first.id).isEnabled()

    # removing coach 2 unpins its stop and group; undo puts all of it back
    editor.select_bus(bus2.id)
    assert editor.remove_bus_button.isEnabled()
    state = dump(project_path)
    editor.remove_bus_button.click()
    with _file(project_path) as p:
        assert len(p.buses(tour_id)) == 1 and p.groups(tour_id)[0].bus_id is None
        assert next(s for s in p.stops(tour_id) if s.id == pinned.id).bus_id is None
    window.actions["actUndo"].trigger()
    assert dump(project_path) == state
    # and the constraint's Remove button, undone too
    panel.precedence_list.setCurrentRow(0)
    panel.remove_precedence_button.click()
    assert panel.precedence_list.count() == 0
    window.actions["actUndo"].trigger()
    assert dump(project_path) == state and panel.precedence_list.count() == 1

    # 6. optimise with the real planner in its worker
    with qtbot.waitSignal(window.c.planning.plan_ready, timeout=120_000) as blocker:
        assert window.c.planning.optimise(keep_order=False) is not None
    plan = blocker.args[0]
    assert {b.bus_id for b in plan.buses} == {bus1.id, bus2.id}
    where = {ps.stop_id: (bp.bus_id, ps) for bp in plan.buses for ps in bp.stops if ps.stop_id is not None}
    assert where[pinned.id][0] == bus2.id
    assert first.id in where and then.id in where, [d.reason.text("en") for d in plan.dropped]  # both served
    (bus_a, a), (bus_b, b) = where[first.id], where[then.id]
    if bus_a == bus_b:
        assert a.sequence < b.sequence
    else:  # across coaches: the first has left before the other is served
        assert a.departure <= b.arrival + dt.timedelta(seconds=b.wait_s)
    with _file(project_path) as p:
        assert p.plan(tour_id) == plan
    assert len(window.canvas.routes()) == 2


def test_would_cycle_follows_chains():
    from app.model.entities import Precedence
    from app.model.rules import would_cycle

    chain = [Precedence(1, 2), Precedence(2, 3)]
    assert would_cycle(chain, 3, 1) and would_cycle(chain, 2, 1) and would_cycle(chain, 4, 4)
    assert not would_cycle(chain, 1, 3) and not would_cycle(chain, 3, 4) and not would_cycle([], 1, 2)


def test_group_bus_over_its_seats_is_flagged(window, project_path):
    editor = window.tour_editor
    editor.add_group_button.click()
    box = editor.groups_table.cellWidget(0, GROUP_COL_BUS)
    box.setCurrentIndex(1)  # the only coach
    box.activated.emit(1)
    seats = window.session.project.buses(window.session.tour_id)[0].seats
    editor.groups_table.item(0, GROUP_COL_SIZE).setData(Qt.ItemDataRole.EditRole, seats + 5)
    text = editor.capacity.text()
    assert f"{seats + 5} participants pour 1 car, {seats} places" in text
    assert f"{seats + 5} personnes pour {seats} places" in text
