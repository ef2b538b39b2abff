"""Planned against actual: what the plan said and what the log shows, per stop and per leg.

These are the data a later calibration of travel times uses, so every time is kept to the
second and nothing is rounded here (the CSV writer formats). A stop never reached has no actual
time (None), a skipped one says so.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional

from app.model.plan import BusPlan
from app.tourday.day import DayEvent, Kind


@dataclass(frozen=True)
class StopActual:
    index: int  # 0-based in the plan
    stop_id: Optional[int]
    site_id: Optional[int]
    name: str
    kind: str
    planned_arrival: dt.datetime
    planned_departure: dt.datetime
    arrival: Optional[dt.datetime]
    departure: Optional[dt.datetime]
    status: str  # "done" | "passed" | "passed_without_stopping" | "skipped" | "not_reached"
    headcount: Optional[int]

    @property
    def arrival_delay_s(self) -> Optional[float]:
        return None if self.arrival is None else (self.arrival - self.planned_arrival).total_seconds()

    @property
    def departure_delay_s(self) -> Optional[float]:
        return None if self.departure is None else (self.departure - self.planned_departure).total_seconds()


@dataclass(frozen=True)
class LegActual:
    index: int  # leg i ends at stop i (the last one at the depot)
    from_name: str
    to_name: str
    distance_m: float
    planned_departure: dt.datetime
    planned_arrival: dt.datetime
    departure: Optional[dt.datetime]
    arrival: Optional[dt.datetime]

    @property
    def planned_s(self) -> float:
        return (self.planned_arrival - self.planned_departure).total_seconds()

    @property
    def actual_s(self) -> Optional[float]:
        if self.departure is None or self.arrival is None:
            return None
        return (self.arrival - self.departure).total_seconds()


def stop_actuals(plan: BusPlan, events: Iterable[DayEvent]) -> list[StopActual]:
    """One row per planned stop, from the day's events (the last word wins: a manual correction
    after an automatic arrival replaces it)."""
    arrival: dict[int, dt.datetime] = {}
    departure: dict[int, dt.datetime] = {}
    status: dict[int, str] = {}
    heads: dict[int, int] = {}
    for e in events:
        i = e.stop_index
        if e.kind == Kind.HEADCOUNT and i is not None and e.value is not None:
            heads[i] = int(e.value)
        if i is None:
            continue
        if e.kind == Kind.ARRIVED:
            arrival[i] = e.at
            status.setdefault(i, "arrived")
        elif e.kind == Kind.DEPARTED:
            departure[i] = e.at
            status[i] = "done"
        elif e.kind == Kind.PASSED:
            arrival[i] = departure[i] = e.at
            status[i] = "passed_without_stopping" if e.ref == "without_stopping" else "passed"
        elif e.kind == Kind.SKIPPED:
            status[i] = "skipped"
    out = []
    for i, s in enumerate(plan.stops):
        st = status.get(i, "not_reached")
        if st == "arrived":
            st = "done" if i in departure else "arrived"
        out.append(StopActual(i, s.stop_id, s.site_id, s.name, s.kind, s.arrival, s.departure,
                              arrival.get(i), departure.get(i), st, heads.get(i)))
    return out


def leg_actuals(plan: BusPlan, events: Iterable[DayEvent], depot_name: str = "") -> list[LegActual]:
    """One row per planned leg: it left when the bus left the previous place, and arrived when the
    bus reached (or passed) the next one."""
    events = list(events)
    stops = stop_actuals(plan, events)
    left = next((e.at for e in events if e.kind == Kind.LEFT_DEPOT), None)
    back = next((e.at for e in events if e.kind == Kind.RETURNED), None)
    out = []
    for k, leg in enumerate(plan.legs):
        prev = stops[k - 1] if k > 0 else None
        nxt = stops[k] if k < len(stops) else None
        out.append(LegActual(
            k, prev.name if prev else depot_name, nxt.name if nxt else depot_name, leg.distance_m,
            leg.departure, leg.arrival,
            (prev.departure if prev else left), (nxt.arrival if nxt else back)))
    return out
