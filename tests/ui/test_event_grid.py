"""The event grid in the real window: receptions drawn per company, a reception dragged with the
mouse, what the move breaks said at once, then the tour re-planned with the moved time."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from app.model.entities import Ambassador, Bus, ParticipantGroup, StopKind, TimeWindow
from app.services.event_pins import pins
from app.ui.dialogs.event_grid import PX_PER_MIN


def _event_day(window):
    """The demo tour with two 50-seat coaches and four groups of 15, companies open all day."""
    p, tour_id = window.session.project, window.session.tour_id
    tour = p.get(type(p.tours()[0]), tour_id)
    tour.latest_return = dt.time(19, 0)
    p.update(tour)
    for a in p.ambassadors():
        p.delete(Ambassador, a.id)
    car1 = p.buses(tour_id)[0]
    car1.seats = 50
    p.update(car1)
    car2 = p.add(Bus("Car 2", 50, tour_id=tour_id))
    for i in range(1, 5):
        p.add(ParticipantGroup(f"Groupe {i}", 15, bus_id=(car1 if i <= 2 else car2).id, tour_id=tour_id))
    for s in p.stops(tour_id):
        if s.kind == StopKind.VISIT:
            s.windows = [TimeWindow(dt.time(8, 30), dt.time(18, 30))]
            p.update(s)
    return car1, car2


def _drag(view, item, dx_px: float) -> None:
    """A real mouse drag of ``item`` by ``dx_px`` scene pixels (press, moves, release on the viewport)."""
    start = view.mapFromScene(item.sceneBoundingRect().center())
    vp = view.viewport()
    steps = 6
    QApplication.sendEvent(vp, QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(start), vp.mapToGlobal(QPointF(start)),
                                           Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                           Qt.KeyboardModifier.NoModifier))
    for k in range(1, steps + 1):
        pos = QPointF(start.x() + dx_px * k / steps, start.y())
        QApplication.sendEvent(vp, QMouseEvent(QEvent.Type.MouseMove, pos, vp.mapToGlobal(pos), Qt.MouseButton.NoButton,
                                               Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    end = QPointF(start.x() + dx_px, start.y())
    QApplication.sendEvent(vp, QMouseEvent(QEvent.Type.MouseButtonRelease, end, vp.mapToGlobal(end),
                                           Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton,
                                           Qt.KeyboardModifier.NoModifier))


def test_drag_a_reception_see_what_breaks_and_replan_with_it(sync_window, qtbot):
    window = sync_window
    car1, car2 = _event_day(window)
    window.actions["actOptimise"].trigger()
    plan = window.session.plan
    assert all(b.stops for b in plan.buses)
    assert window.actions["actEventGrid"].isEnabled()
    dialog = window.c.planning.event_grid()
    qtbot.addWidget(dialog)
    dialog.resize(1300, 600)
    dialog.view.resize(1280, 480)
    summary = dialog.findChild(type(dialog.check), "eventSummary").text()
    assert "2 cars" in summary and "4 groupes" in summary and "60 personnes" in summary
    # one block per bus and visit, labelled with its groups
    assert len(dialog.items) == 6
    dynea = next(k for k, it in dialog.items.items() if it.block.bus_id == car1.id and "×2" in it.block.label
                 and dialog.ctx.site(it.block.site_id).name.startswith("Dynea"))
    other = next(k for k, it in dialog.items.items() if it.block.site_id == dialog.items[dynea].block.site_id
                 and k != dynea)
    moved, target = dialog.items[dynea], dialog.items[other]
    assert "Groupe 1, Groupe 2" in moved.block.label

    # drag Car 1's Dynea visit onto Car 2's: Dynea receives 20 at once, 15 + 15 would be there
    _drag(dialog.view, moved, (target.block.start_s - moved.block.start_s) / 60 * PX_PER_MIN)
    assert abs(moved.start_s() - target.block.start_s) <= 5 * 60  # snapped to five minutes
    assert moved.pos().y() == moved.row_y  # along its row only
    text = dialog.check.text()
    assert "Dynea Austria GmbH aurait 30 personnes à la fois pour 20" in text, text
    assert moved.brush().color().name() == "#b00020"
    assert dialog.replan_button.isEnabled()

    # drag it back where it was: nothing pending
    _drag(dialog.view, moved, (moved.block.start_s - moved.start_s()) / 60 * PX_PER_MIN)
    assert not dialog.pending and not dialog.replan_button.isEnabled()

    # move it to 17 h (still open, after Car 2): re-plan with that time
    wanted = 17 * 3600 - 60 * 60 * 1.5 + 0.0  # starts 15 h 30, ends 17 h 00
    problems = dialog.move(*dynea, wanted)
    dialog.replan_button.click()
    fixed = pins(window.session.project, window.session.tour_id)
    assert list(fixed) == [dynea] and abs(fixed[dynea] - wanted) < 5 * 60  # five minutes from the planned start
    plan = window.session.plan
    visit = next(s for b in plan.buses if b.bus_id == car1.id for s in b.stops if s.stop_id == dynea[0])
    start = visit.arrival + dt.timedelta(seconds=visit.wait_s)
    start_s = start.hour * 3600 + start.minute * 60 + start.second
    assert fixed[dynea] - 1 <= start_s <= fixed[dynea] + 10 * 60, (start, problems)
    from app.services.plan_inputs import plan_status
    assert plan_status(window.session.project, window.session.tour_id).state.value == "up_to_date"
