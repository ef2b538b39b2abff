"""Re-planning the rest of the day from where a late bus is, on the real demo tour."""
from __future__ import annotations

import datetime as dt

from app.services.replan_day import replan_from_here, replan_inputs
from app.store.project import Project
from app.tourday.day import Kind, TourDay
from app.tourday.replan import changes, first_pending
from app.tourday.route_track import rehearsal_fixes
from tests.tourday.conftest import PRESCRIPTEURS

LATE = dt.timedelta(minutes=40)


def _late_day(bus, leg: int, into_m: float) -> TourDay:
    """The bus running 40 minutes late, ``into_m`` metres into leg ``leg``."""
    day = TourDay(bus)
    for fix in rehearsal_fixes(day.track, start=bus.departure + LATE, noise_m=4.0, seed=9):
        day.feed(fix)
        if day.next_index() == leg and day.matcher.s_m > day.track.leg_start_m[leg] + into_m:
            return day
    raise AssertionError("the rehearsal never got there")


def test_a_late_bus_gets_the_rest_of_its_day_planned_from_where_it_is(demo_copy):
    with Project.open(demo_copy) as project:
        tour = project.tour_by_name(PRESCRIPTEURS)
        old = project.plan(tour.id)
        bus = old.buses[0]
        leg = next(i for i, s in enumerate(bus.stops) if i > 2 and s.kind == "drive_by")
        day = _late_day(bus, leg, 800.0)
        assert day.delay_s() > 35 * 60
        inputs = replan_inputs(day, old)
        assert inputs.now == day.now and inputs.done == {s.stop_id for s in bus.stops[:leg]}
        new = replan_from_here(project, tour.id, day)
    nb = new.buses[0]
    k = first_pending(day)
    assert k == leg
    # What the day did is kept as it was: same stops, same positions (the logbook still reads right).
    assert nb.stops[:k] == bus.stops[:k] and nb.legs[:k] == bus.legs[:k]
    assert len(nb.legs) == len(nb.stops) + 1
    # The leg being driven: the part already driven, then the new road from the bus's position.
    joined = nb.legs[k]
    assert joined.geometry[0] == bus.legs[k].geometry[0]
    assert joined.departure == day.state.stops[k - 1].departed_at
    assert joined.arrival > day.now
    # Every stop left is served no earlier than planned (the next one late; after the fixed lunch the
    # afternoon may be on time again), or dropped with a reason.
    lines, _order = changes(bus, nb, new, k)
    assert {c.stop_id for c in lines} == {s.stop_id for s in bus.stops[k:] if s.stop_id is not None}
    for c in lines:
        assert (c.new_arrival is not None and c.new_arrival >= c.old_arrival) or (c.reason is not None and c.reason.text("fr"))
    assert lines[0].moved_s > 30 * 60
    # The day goes on on the new plan without a false alarm: from the bus's position, on time now.
    again = TourDay.resume(nb, day.events)
    assert again.next_index() == k
    events = []
    for fix in rehearsal_fixes(again.track):
        if fix.at > day.now:
            events += again.feed(fix)
    kinds = [e.kind for e in events]
    assert Kind.OFF_ROUTE not in kinds and kinds[-1] == Kind.RETURNED
    served = [s for s in nb.stops[k:] if s.kind != "drive_by"]
    arrivals = {e.stop_index: e.at for e in events if e.kind == Kind.ARRIVED}
    for i, s in enumerate(nb.stops):
        if i >= k and s.kind != "drive_by":
            assert abs((arrivals[i] - s.arrival).total_seconds()) <= 5
    assert served
