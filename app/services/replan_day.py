"""Re-plan the rest of a tour day from the bus's GPS position (the tour day's "Recalculer depuis ici").

:func:`replan_inputs` reads from the running day what the planner needs — where the bus is, the
time, the stops done — and :func:`replan_from_here` plans the rest (optional stops dropped first,
with their reasons, as any plan) and splices it after what the day did. Nothing is saved: the
organiser sees the changes (:func:`app.tourday.replan.changes`) and accepts them or not.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from app.model.plan import Plan
from app.tourday.day import TourDay
from app.tourday.replan import done_stop_ids

REPLAN_TIME_LIMIT_S = 1.5  # the organiser waits on a moving bus: a good plan now beats the best later


@dataclass(frozen=True)
class ReplanInputs:
    bus_id: Optional[int]
    lon: float
    lat: float
    now: dt.datetime
    done: frozenset[int]


def replan_inputs(day: TourDay, old: Plan) -> ReplanInputs:
    """Where and when the rest of the day starts. At a stop the bus leaves at its planned departure
    (or now, when later); the stops of the other buses are done once their planned departure is past."""
    fix = day.match.fix if day.match is not None else None
    now = day.now or day.plan.departure
    standing = day.at_stop()
    if standing is not None:
        now = max(now, day.plan.stops[standing].departure)
    if fix is not None:
        lon, lat = fix.lon, fix.lat
    else:
        lon, lat = day.track.point_at(day.matcher.s_m)
    done = set(done_stop_ids(day))
    for bus in old.buses:
        if bus.bus_id != day.plan.bus_id:
            done |= {s.stop_id for s in bus.stops if s.stop_id is not None and s.departure <= now}
    return ReplanInputs(day.plan.bus_id, float(lon), float(lat), now, frozenset(done))


def plan_rest(project, tour_id: int, inputs: ReplanInputs, time_limit_s: float = REPLAN_TIME_LIMIT_S,
              progress=None, cancel=None) -> Plan:
    """The planner's answer for the rest of the day (its first leg starts at the bus's position)."""
    from app.services.planning import plan_tour

    return plan_tour(project, tour_id, time_limit_s=time_limit_s, now=inputs.now, save=False,
                     start_points={inputs.bus_id: (inputs.lon, inputs.lat)}, done_stop_ids=set(inputs.done),
                     progress=progress, cancel=cancel)


def replan_from_here(project, tour_id: int, day: TourDay, time_limit_s: float = REPLAN_TIME_LIMIT_S) -> Plan:
    """The whole day again: what ``day`` did, then the rest planned from where the bus is."""
    from app.tourday.replan import spliced_plan

    old = project.plan(tour_id)
    inputs = replan_inputs(day, old)
    new = plan_rest(project, tour_id, inputs, time_limit_s)
    index = next(i for i, b in enumerate(old.buses) if b.bus_id == day.plan.bus_id)
    return spliced_plan(old, index, day, new)
