"""What plays on the bus screens, and where along the route it starts.

A :class:`Trigger` is a point of the planned route (``s_m`` metres from the depot) and what
starts there:

- ``video``: each cue of the plan starts where the plan is at the cue's time (on the cue's own
  leg), or ``before_m`` metres before the company along that leg when the organiser asks for a
  distance instead;
- ``next_stop``: the "prochain arrêt" card of a visit (any stop the group gets off at), shown
  just after leaving the previous place;
- ``company``: the card of a company the bus drives past, ``COMPANY_CARD_BEFORE_M`` before it.

The route is measured from the depot along this bus's plan and the matching cursor only
advances (:mod:`app.tourday.matching`), so a trigger fires once, on the right pass of a street
the route takes twice. Keys are stable across a re-plan (they name the stop, not its position)
so a cue played before a re-plan is not played again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from app.model.entities import StopKind
from app.model.plan import Cue, PlannedStop
from app.tourday.route_track import RouteTrack

COMPANY_CARD_BEFORE_M = 250.0  # a drive-by's card shows this far before the company
NEXT_STOP_AFTER_M = 30.0  # the next visit's card shows once the bus has left the previous place
LATE_M = 400.0  # a trigger the cursor jumped past by more than this (off route, skipped) is dropped
GETS_OFF = {StopKind.VISIT.value, StopKind.LUNCH.value, StopKind.BREAK.value, StopKind.PICKUP.value}


def stop_key(stop: PlannedStop) -> str:
    """A planned stop's stable name: its stop id, or its sequence for a stop the planner inserted."""
    return f"stop{stop.stop_id}" if stop.stop_id is not None else f"seq{stop.sequence}"


@dataclass(frozen=True)
class Trigger:
    """Something to show when the bus reaches ``s_m`` metres along its route."""

    key: str
    kind: str  # "video" | "next_stop" | "company"
    leg_index: int
    s_m: float
    planned_at: dt.datetime  # when the plan passes s_m
    stop_index: Optional[int] = None  # the stop it is about (0-based in the plan)
    site_id: Optional[int] = None
    cue: Optional[Cue] = None


def _leg_stop(track: RouteTrack, leg_index: int) -> Optional[int]:
    """The stop leg ``leg_index`` ends at (None: the last leg, back to the depot)."""
    return leg_index if leg_index < track.stop_count else None


def triggers_for(track: RouteTrack, before_m: Optional[float] = None) -> list[Trigger]:
    """The triggers of a bus's plan, in route order. ``before_m``: start each company video that
    distance before its company along the leg (None: at the plan's cue time)."""
    plan = track.bus_plan
    out: list[Trigger] = []
    for cue in plan.cues:
        k = min(max(cue.leg_index, 0), len(plan.legs) - 1)
        end = _leg_stop(track, k)
        if before_m is not None and end is not None and plan.stops[end].site_id == cue.site_id:
            s = max(track.leg_start_m[k], track.leg_end_m[k] - before_m)
        else:
            s = track.s_at_planned_time(cue.start, k)
        name = stop_key(plan.stops[end]) if end is not None else "end"
        out.append(Trigger(f"video{cue.video_id}@{name}", "video", k, float(s), track.planned_time_at(s, k),
                           end, cue.site_id, cue))
    for index, stop in enumerate(plan.stops):
        start, end = float(track.leg_start_m[index]), float(track.leg_end_m[index])
        if stop.kind in GETS_OFF:
            s = min(start + NEXT_STOP_AFTER_M, (start + end) / 2)
            kind = "next_stop"
        elif stop.kind == StopKind.DRIVE_BY.value:
            s = max(start, end - COMPANY_CARD_BEFORE_M)
            kind = "company"
        else:
            continue
        out.append(Trigger(f"{kind}@{stop_key(stop)}", kind, index, s, track.planned_time_at(s, index), index,
                           stop.site_id))
    out.sort(key=lambda t: (t.s_m, t.kind != "next_stop"))
    return out
