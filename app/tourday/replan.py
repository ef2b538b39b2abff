"""Re-planning the rest of the day from where the bus is ("Recalculer depuis ici").

The planner (:func:`app.services.planning.plan_tour` with ``start_points`` and
``done_stop_ids``) plans what is left from the bus's position at the time of its last fix. Its
answer starts at a place that is no site; :func:`splice` puts it after what the day already
did, so the new plan is one whole day again: the stops before the bus's next one kept as they
are (their positions in the plan do not move, so the logbook still reads right), then the leg
being driven — the part already driven of the old route, then the new route from here — and
the new rest of the day. :func:`changes` says what the organiser accepts: stops whose time
moves, stops dropped (with the planner's reasons), a changed order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Optional

from app.model.plan import BusPlan, Leg, Plan
from app.tourday.day import TourDay


def _site(site_id: Optional[int]) -> Optional[int]:
    """The planner's transient "here" places have negative ids: no site."""
    return site_id if site_id is not None and site_id >= 0 else None


def driven_part(day: TourDay, leg_index: int) -> tuple[tuple[float, float], ...]:
    """The old route of leg ``leg_index`` from its start to the bus's cursor, (lon, lat)."""
    t = day.track
    a, b = float(t.leg_start_m[leg_index]), float(day.matcher.s_m)
    inside = [k for k in range(len(t.s)) if a <= t.s[k] <= b]
    points = [t.projection.to_lonlat(*t.xy[k]) for k in inside]
    end = day.track.point_at(b)
    if not points or points[-1] != end:
        points.append(end)
    return tuple((float(x), float(y)) for x, y in points)


def first_pending(day: TourDay) -> int:
    """The position of the first stop the day has not reached (the stop the bus stands at is reached)."""
    for i, st in enumerate(day.state.stops):
        if st.status == "pending":
            return i
    return len(day.state.stops)


def splice(day: TourDay, new_bus: BusPlan) -> BusPlan:
    """The day of the bus: what ``day`` has done so far, then ``new_bus`` (planned from here)."""
    old = day.plan
    k = first_pending(day)
    prefix_stops = list(old.stops[:k])
    prefix_legs = list(old.legs[:k])
    first = new_bus.legs[0]
    driven = driven_part(day, min(k, len(old.legs) - 1))
    left = old.legs[k].departure if k < len(old.legs) else first.departure
    if k > 0 and day.state.stops[k - 1].departed_at is not None:
        left = day.state.stops[k - 1].departed_at
    driven_m = float(day.matcher.s_m - day.track.leg_start_m[min(k, len(old.legs) - 1)])
    geometry = driven + tuple(tuple(p) for p in first.geometry[1:] if first.geometry)
    joined = Leg(old.legs[k].from_site_id if k < len(old.legs) else _site(first.from_site_id), _site(first.to_site_id),
                 left, first.arrival, (first.arrival - left).total_seconds(), max(0.0, driven_m) + first.distance_m,
                 geometry, first.ambassador_ids)
    stops = prefix_stops + [replace(s, sequence=k + 1 + i, site_id=_site(s.site_id)) for i, s in enumerate(new_bus.stops)]
    legs = prefix_legs + [joined] + [replace(g, from_site_id=_site(g.from_site_id)) for g in new_bus.legs[1:]]
    cues = tuple(c for c in old.cues if c.leg_index < k) + tuple(replace(c, leg_index=c.leg_index + k)
                                                                  for c in new_bus.cues)
    return replace(old, return_=new_bus.return_, stops=tuple(stops), legs=tuple(legs), cues=cues)


def spliced_plan(old: Plan, bus_index: int, day: TourDay, new: Plan) -> Plan:
    """``old`` with bus ``bus_index``'s day replaced by ``splice(day, ...)`` of ``new``'s same bus;
    the other buses as ``new`` planned them, its dropped stops and warnings."""
    bus_id = old.buses[bus_index].bus_id
    buses = []
    for b in new.buses:
        if b.bus_id == bus_id:
            buses.append(splice(day, b))
        else:
            buses.append(replace(b, start_site_id=_site(b.start_site_id)))
    return replace(new, buses=tuple(buses))


@dataclass(frozen=True)
class Change:
    """One line of what a re-plan changes: a stop's new arrival (None: dropped, ``reason`` says why)."""

    stop_id: Optional[int]
    name: str
    old_arrival: Optional[dt.datetime]
    new_arrival: Optional[dt.datetime]
    reason: object = None  # a Message, for a dropped stop

    @property
    def moved_s(self) -> Optional[float]:
        if self.old_arrival is None or self.new_arrival is None:
            return None
        return (self.new_arrival - self.old_arrival).total_seconds()


def changes(old_bus: BusPlan, new_bus: BusPlan, new_plan: Plan, from_index: int) -> tuple[list[Change], bool]:
    """What the rest of the day becomes: per remaining stop of the old plan its old and new arrival
    (a dropped one with its reason), and whether the order changed."""
    new_by_stop = {s.stop_id: s for s in new_bus.stops[from_index:] if s.stop_id is not None}
    dropped = {d.stop_id: d.reason for d in new_plan.dropped if d.bus_id in (None, new_bus.bus_id)}
    out = []
    for s in old_bus.stops[from_index:]:
        if s.stop_id is None:
            continue
        n = new_by_stop.get(s.stop_id)
        out.append(Change(s.stop_id, s.name, s.arrival, n.arrival if n else None, dropped.get(s.stop_id)))
    old_order = [s.stop_id for s in old_bus.stops[from_index:] if s.stop_id in new_by_stop]
    new_order = [s.stop_id for s in new_bus.stops[from_index:] if s.stop_id is not None]
    return out, old_order != new_order


def done_stop_ids(day: TourDay) -> set[int]:
    """The stops the day has done, passed or skipped (the re-plan leaves them out)."""
    return {s.stop_id for s, st in zip(day.plan.stops, day.state.stops)
            if s.stop_id is not None and st.status in ("done", "passed", "skipped", "arrived")}

