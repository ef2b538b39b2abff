"""What the organiser's console shows, computed from the day (no Qt, no words: the console words it).

One :func:`console_state` call per update gives the phase of the day, the stop the bus is at or
heading to with its countdown, how far ahead or behind the plan the bus is, who presents next,
and the next video; the console only formats these.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping, Optional

from app.tourday.day import TourDay


@dataclass(frozen=True)
class StopLine:
    """One stop in the console's list."""

    index: int
    name: str
    kind: str
    planned_arrival: dt.datetime
    planned_departure: dt.datetime
    status: str  # pending | arrived | done | passed | skipped
    actual_arrival: Optional[dt.datetime]
    actual_departure: Optional[dt.datetime]


@dataclass(frozen=True)
class ConsoleState:
    phase: str  # "before_start" | "driving" | "at_stop" | "returned"
    now: Optional[dt.datetime]
    delay_s: float  # > 0 behind the plan
    stop_index: Optional[int]  # the stop the bus is at, or heads to
    stop_name: str = ""
    stop_kind: str = ""
    stop_eta: Optional[dt.datetime] = None  # when the bus will be there (at the current delay)
    countdown_s: Optional[float] = None  # to arriving there, or (at a stop) to the planned departure
    presenter: str = ""  # the ambassador presenting the next stop
    presenter_stop: str = ""
    presenter_in_s: Optional[float] = None
    video_title: str = ""
    video_in_s: Optional[float] = None
    video_in_m: Optional[float] = None
    off_route_since: Optional[dt.datetime] = None
    headcount: Optional[int] = None
    stops: tuple[StopLine, ...] = ()


def console_state(day: TourDay, ambassadors: Mapping[int, str], now: Optional[dt.datetime] = None) -> ConsoleState:
    """The console's content at ``now`` (default: the last fix's time). ``ambassadors``: id -> name."""
    now = now or day.now
    plan = day.plan
    delay = day.delay_s(now)
    lines = tuple(StopLine(i, s.name, s.kind, s.arrival, s.departure, st.status, st.arrived_at, st.departed_at)
                  for i, (s, st) in enumerate(zip(plan.stops, day.state.stops)))
    index = day.next_index()
    if day.state.returned or (index is None and day.state.started):
        phase = "returned" if day.state.returned else "driving"
    elif not day.state.started:
        phase = "before_start"
    else:
        phase = "at_stop" if day.at_stop() is not None else "driving"
    name = kind = ""
    eta = countdown = None
    if index is not None:
        stop = plan.stops[index]
        name, kind = stop.name, stop.kind
        if phase == "at_stop":
            eta = day.state.stops[index].arrived_at
            countdown = (stop.departure - now).total_seconds() if now else None
        else:
            eta = day.eta(index, now)
            countdown = (eta - now).total_seconds() if now else None
    presenter = presenter_stop = ""
    presenter_in = None
    for i in range(index if index is not None else len(plan.stops), len(plan.stops)):
        s = plan.stops[i]
        if day.state.stops[i].status in ("pending", "arrived") and s.ambassador_id in ambassadors:
            presenter, presenter_stop = ambassadors[s.ambassador_id], s.name
            if now is not None:
                presenter_in = max(0.0, (day.eta(i, now) - now).total_seconds())
            break
    video = day.next_trigger("video")
    video_title, video_in_s, video_in_m = "", None, None
    if video is not None:
        video_title = (video.cue.title if video.cue is not None else "") or ""
        video_in_m = max(0.0, video.s_m - day.matcher.s_m)
        if now is not None:
            video_in_s = max(0.0, (video.planned_at + dt.timedelta(seconds=delay) - now).total_seconds())
    off = day.match.off_route_since if day.match is not None and day.match.off_route else None
    return ConsoleState(phase, now, delay, index, name, kind, eta, countdown, presenter, presenter_stop, presenter_in,
                        video_title, video_in_s, video_in_m, off, day.state.headcount, lines)
