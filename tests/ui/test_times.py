"""Times that mean what organisers mean, in the window: the meeting time or a floating departure, a
stop's "arrival only" option, the drivers' rest rules and the driver breaks on the timeline.

Each test drives the real widgets of the real window (click, type, Tab) on a copy of the demo
project, reads the project file back on its own connection, and undoes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QToolTip

from app.model.entities import Bus, DriverRules, Stop, StopKind, Tour
from app.store.project import Project
from app.ui import fmt
from app.ui.panels.stops import COL_ARRIVAL_ONLY
from tests.ui.conftest import undoable


def _show_active(window, qtbot) -> None:
    """Shown and active, so fields get the keyboard focus as under a real desktop."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def _tour(path, tour_id) -> Tour:
    with Project.open(path, read_only=True) as p:
        return p.get(Tour, tour_id)


def _stop(path, stop_id) -> Stop:
    with Project.open(path, read_only=True) as p:
        return p.get(Stop, stop_id)


_one_undo_step = undoable


def _retype(qtbot, box, text: str) -> None:
    """Select what the field shows, type over it, Tab out (which commits it)."""
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2_000)
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


# -- the departure: a meeting time unless "au plus tôt" --------------------------------------------

def _row_label(form, widget) -> str:
    """The label of the form row holding ``widget`` (in the row's own layout)."""
    for row in range(form.rowCount()):
        field = form.itemAt(row, form.ItemRole.FieldRole)
        if field is not None and field.layout() is not None and field.layout().indexOf(widget) >= 0:
            return form.itemAt(row, form.ItemRole.LabelRole).widget().text()
    raise AssertionError("no row holds the widget")


def test_the_departure_row_is_a_meeting_time_with_an_earliest_option(sync_window, project_path, qtbot):
    window = sync_window
    _show_active(window, qtbot)
    editor, tour_id = window.tour_editor, window.session.tour_id
    editor.tabs.setCurrentIndex(0)
    assert _row_label(editor.form, editor.departure) == "Départ à"
    box = editor.departure_floating
    assert box.text() == "au plus tôt (heure flottante)" and not box.isChecked()
    assert "rendez-vous" in box.toolTip() and "jamais plus tôt" in box.toolTip()
    assert _tour(project_path, tour_id).departure_fixed  # the default: the bus leaves at 8:30

    def tick():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    _one_undo_step(window, project_path, tick)
    assert box.isChecked() and not _tour(project_path, tour_id).departure_fixed

    # the planner follows: at 8:30 the bus would wait for Voest (9:00), "au plus tôt" it leaves later
    window.c.planning.optimise(keep_order=False)
    floating = window.session.plan.buses[0].departure
    assert fmt.clock(floating) != fmt.clock(_tour(project_path, tour_id).earliest_departure)
    assert window.itinerary.item(0, 5).text() == fmt.clock(floating)
    window.actions["actUndo"].trigger()  # the meeting time again
    assert _tour(project_path, tour_id).departure_fixed and not box.isChecked()
    window.c.planning.optimise(keep_order=False)
    fixed = window.session.plan.buses[0].departure
    assert fmt.clock(fixed) == "8\u00a0h\u00a030" and fixed < floating
    assert window.itinerary.item(0, 5).text() == "8\u00a0h\u00a030"


# -- a stop's "arrival only" option ----------------------------------------------------------------

def _check_indicator(view, index) -> QPoint:
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view).center()


def test_arrival_only_is_a_checkable_column_of_the_stops_table(window, project_path, qtbot):
    panel = window.stops_panel
    model, view = panel.model, panel.view
    assert model.headerData(COL_ARRIVAL_ONLY, Qt.Orientation.Horizontal) == "Arr. seule"
    header_tip = model.headerData(COL_ARRIVAL_ONLY, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "par défaut" in header_tip and "toute la visite" in header_tip
    row = next(r for r, s in enumerate(model.stops) if s.kind is StopKind.VISIT and s.windows)
    stop = model.stops[row]
    assert not stop.arrival_only
    index = model.index(row, COL_ARRIVAL_ONLY)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert "Toute la visite tient dans la fenêtre horaire (par défaut" in index.data(Qt.ItemDataRole.ToolTipRole)
    view.scrollTo(index)

    def click():
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         _check_indicator(view, model.index(row, COL_ARRIVAL_ONLY)))
    _one_undo_step(window, project_path, click)
    assert _stop(project_path, stop.id).arrival_only
    index = model.index(row, COL_ARRIVAL_ONLY)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Seule l'arrivée doit tomber dans la fenêtre")
    window.actions["actUndo"].trigger()
    assert not _stop(project_path, stop.id).arrival_only
    assert model.index(row, COL_ARRIVAL_ONLY).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    # a drive-by has no visit to fit in its window: no box to tick
    passing = model.index(next(r for r, s in enumerate(model.stops) if s.kind is StopKind.DRIVE_BY), COL_ARRIVAL_ONLY)
    assert passing.data(Qt.ItemDataRole.CheckStateRole) is None
    assert not model.flags(passing) & Qt.ItemFlag.ItemIsUserCheckable
    assert passing.data(Qt.ItemDataRole.ToolTipRole).startswith("Un passage commenté n'a pas de visite")


# -- the drivers' rest rules, and the breaks they make ----------------------------------------------

def test_driver_rules_are_shown_edited_and_reset_in_the_buses_tab(sync_window, project_path, qtbot):
    window = sync_window
    _show_active(window, qtbot)
    editor, tour_id = window.tour_editor, window.session.tour_id
    editor.tabs.setCurrentIndex(1)
    assert editor.tabs.tabText(1) == "Cars"
    form = editor.driver_rules
    assert form.isVisible()
    shown = [b.text() for b in form.boxes()]
    assert shown == ["4\u00a0h\u00a030", "45\u00a0min", "15\u00a0min", "30\u00a0min", "12\u00a0h"]  # the EU rules
    assert not form.defaults_button.isEnabled()  # already the EU defaults
    assert _tour(project_path, tour_id).driver_rules == DriverRules()

    _one_undo_step(window, project_path, lambda: _retype(qtbot, form.max_driving, "4 h"))
    assert _tour(project_path, tour_id).driver_rules.max_driving_s == 4 * 3600
    assert form.max_driving.text() == "4\u00a0h" and form.defaults_button.isEnabled()

    # the short rules of a test: 15 min of driving, 10 min of rest (or 5 + 5)
    for box, text in ((form.max_driving, "15 min"), (form.break_, "10"), (form.split_first, "5 min"),
                      (form.split_second, "0 h 05"), (form.max_duty, "11 h 30")):
        _retype(qtbot, box, text)
    rules = _tour(project_path, tour_id).driver_rules
    assert rules == DriverRules(15 * 60, 10 * 60, (5 * 60, 5 * 60), 11 * 3600 + 30 * 60)

    # the planner inserts a driver break; the timeline draws it hatched, with a tooltip saying what it is
    window.c.planning.optimise(keep_order=False)
    breaks = [ps for b in window.session.plan.buses for ps in b.stops if ps.kind == "break" and ps.stop_id is None]
    assert breaks, "no driver break planned"
    window.timeline_dock.show()
    window.timeline.repaint()
    blocks = [(rect, text) for rect, text in window.timeline._blocks if text.startswith("Pause conducteur")]
    assert len(blocks) == len(breaks)
    rect, text = blocks[0]
    assert "10\u00a0min" in text and "règles de conduite" in text
    assert fmt.clock(breaks[0].arrival) in text
    # hover the break's first quarter (a drive-by marker just after it is drawn on top of its end)
    pos = QPointF(rect.left() + rect.width() / 4, rect.center().y()).toPoint()
    QApplication.sendEvent(window.timeline, QHelpEvent(QEvent.Type.ToolTip, pos, window.timeline.mapToGlobal(pos)))
    assert QToolTip.text() == text

    # back to the EU rules in one click, one undo step
    _one_undo_step(window, project_path, form.defaults_button.click)
    assert _tour(project_path, tour_id).driver_rules == DriverRules()
    assert [b.text() for b in form.boxes()] == shown and not form.defaults_button.isEnabled()
    window.actions["actUndo"].trigger()
    assert _tour(project_path, tour_id).driver_rules == rules
    assert form.max_driving.text() == "15\u00a0min"


def test_a_rule_the_boxes_cannot_show_is_kept_until_its_own_box_is_retyped(qtbot):
    from app.ui.launch import create_app
    from app.ui.panels.driver_rules import DriverRulesForm

    create_app("fr")
    form = DriverRulesForm()
    qtbot.addWidget(form)
    odd = DriverRules(max_driving_s=4 * 3600, break_s=50 * 60 + 30, split_break_s=(0, 30 * 60), max_duty_s=20 * 3600)
    form.set_rules(odd)  # a file written elsewhere: 30 s, a 0 min part, 20 h of duty
    assert form.max_duty.text() == "18\u00a0h"  # the box's most
    emitted = []
    form.rules_edited.connect(emitted.append)
    form.max_driving.setValue(4 * 60 + 30)
    form.max_driving.editingFinished.emit()
    assert emitted == [DriverRules(4 * 3600 + 30 * 60, 50 * 60 + 30, (0, 30 * 60), 20 * 3600)]
    assert form.rules() == emitted[-1]
    form.max_duty.setValue(12 * 60)  # now retyped: taken as shown
    form.max_duty.editingFinished.emit()
    assert emitted[-1].max_duty_s == 12 * 3600 and emitted[-1].break_s == 50 * 60 + 30


# -- the coach's time model, per bus ------------------------------------------------------------------

def test_the_bus_tab_edits_the_coach_time_model(sync_window, project_path, qtbot):
    window = sync_window
    _show_active(window, qtbot)
    editor, tour_id = window.tour_editor, window.session.tour_id
    editor.tabs.setCurrentIndex(1)
    boxes = (editor.town_speed_factor, editor.signal_delay, editor.stop_allowance)
    assert all(b.isVisible() and b.isEnabled() for b in boxes)
    assert [b.text() for b in boxes] == ["0,80", "8,0 s", "15,0 s"]        # the documented defaults, in French
    assert _row_label(editor.bus_form, editor.signal_delay) == "Temps de trajet"
    bus_id = window.session.project.buses(tour_id)[0].id
    _one_undo_step(window, project_path, lambda: _retype(qtbot, editor.stop_allowance, "60"))
    with Project.open(project_path, read_only=True) as p:
        assert p.get(Bus, bus_id).vehicle.stop_allowance_s == 60
    assert window.session.plan_outdated or window.session.plan is None
    _retype(qtbot, editor.signal_delay, "20")
    with Project.open(project_path, read_only=True) as p:
        assert p.get(Bus, bus_id).vehicle.signal_delay_s == 20
    window.actions["actUndo"].trigger()
    with Project.open(project_path, read_only=True) as p:
        assert p.get(Bus, bus_id).vehicle.signal_delay_s == 8
    assert editor.signal_delay.text() == "8,0 s"


def test_a_vehicle_model_keeps_the_bus_s_time_settings(sync_window, project_path, qtbot):
    window = sync_window
    _show_active(window, qtbot)
    editor, tour_id = window.tour_editor, window.session.tour_id
    editor.tabs.setCurrentIndex(1)
    _retype(qtbot, editor.stop_allowance, "40")
    midibus = next(i for i in range(editor.vehicle_preset.count()) if editor.vehicle_preset.itemData(i) == 2)
    editor.vehicle_preset.activated.emit(midibus)
    with Project.open(project_path, read_only=True) as p:
        v = p.buses(tour_id)[0].vehicle
    assert v.length_m == 9.0 and v.height_m == 3.2          # the model's size
    assert v.stop_allowance_s == 40 and v.signal_delay_s == 8 and v.town_speed_factor == 0.8
