"""The day of one bus: fixes and button presses in, logged events and the console's state out.

:class:`TourDay` holds the matching cursor (:mod:`~app.tourday.matching`), the triggers
(:mod:`~app.tourday.cues`) and each stop's status, and turns every fix into the
:class:`DayEvent` s it implies:

- leaving the depot (the bus is ``LEAVE_M`` along), arriving at a stop the group gets off at
  (within ``ARRIVE_M`` of it along the route and slower than walking pace), leaving it (the
  last fix there before the bus is ``LEAVE_M`` past it), passing a company (interpolated
  between the two fixes either side), back at the depot;
- a trigger reached fires once; one the bus jumped past (off route, a skipped stop) is dropped
  with its reason rather than played at the wrong place;
- going off route and back on.

The buttons (arrived, departed, skip, headcount, next cue) make the same events with
``source="manual"``. Every event is handed to the caller at once (the console writes it to the
project before the next fix). :meth:`TourDay.resume` rebuilds the state from the logged events,
so reopening after a crash continues where the bus was.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

from app.model.plan import BusPlan
from app.tourday.cues import GETS_OFF, LATE_M, Trigger, triggers_for
from app.tourday.fixes import Fix
from app.tourday.matching import Match, Matcher
from app.tourday.route_track import RouteTrack

ARRIVE_M = 40.0  # this close to a stop along the route...
SLOW_MPS = 1.5  # ...and this slow: arrived
LEAVE_M = 30.0  # this far past a stop (or the depot): left it
PASS_WITHOUT_STOP_M = 80.0  # this far past a visit never arrived at: passed without stopping


class Kind:
    """Event kinds (stored as text in the project's ``day_events``)."""

    LEFT_DEPOT = "left_depot"
    ARRIVED = "arrived"
    DEPARTED = "departed"
    PASSED = "passed"  # a drive-by passed, or a visit passed without stopping
    SKIPPED = "skipped"
    RETURNED = "returned"
    HEADCOUNT = "headcount"
    CUE = "cue"
    CUE_DROPPED = "cue_dropped"
    OFF_ROUTE = "off_route"
    BACK_ON_ROUTE = "back_on_route"


@dataclass(frozen=True)
class DayEvent:
    """One thing that happened: ``stop_index`` (0-based in the plan) and ``stop_id`` for stop
    events, ``ref`` a trigger's key (cue events) or a reason, ``value`` a headcount."""

    at: dt.datetime
    kind: str
    stop_index: Optional[int] = None
    stop_id: Optional[int] = None
    ref: str = ""
    value: Optional[float] = None
    source: str = "auto"  # "auto" | "manual"


@dataclass
class StopState:
    status: str = "pending"  # pending | arrived | done | passed | skipped
    arrived_at: Optional[dt.datetime] = None
    departed_at: Optional[dt.datetime] = None
    last_near: Optional[dt.datetime] = None


@dataclass
class _State:
    started: bool = False
    returned: bool = False
    returned_at: Optional[dt.datetime] = None
    stops: list[StopState] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    headcount: Optional[int] = None


class TourDay:
    """One bus's day against its plan."""

    def __init__(self, bus_plan: BusPlan, cue_before_m: Optional[float] = None):
        self.plan = bus_plan
        self.track = RouteTrack(bus_plan)
        self.triggers: list[Trigger] = triggers_for(self.track, cue_before_m)
        self.matcher = Matcher(self.track)
        self.state = _State(stops=[StopState() for _ in bus_plan.stops])
        self.match: Optional[Match] = None
        self.now: Optional[dt.datetime] = None
        self._depot_last_near: Optional[dt.datetime] = None
        self._left_at: Optional[dt.datetime] = None
        self.events: list[DayEvent] = []

    # -- replaying what was logged --------------------------------------------------------
    @classmethod
    def resume(cls, bus_plan: BusPlan, events: Iterable[DayEvent], cue_before_m: Optional[float] = None) -> "TourDay":
        """The day rebuilt from its logged events (in order); the cursor restarts at the farthest
        point they prove the bus reached."""
        day = cls(bus_plan, cue_before_m)
        by_key = {t.key: t for t in day.triggers}
        far = 0.0
        events = list(events)
        day.events = list(events)  # the whole day's, not only what comes next
        for e in events:
            day._apply(e)
            if e.stop_index is not None and e.kind in (Kind.ARRIVED, Kind.DEPARTED, Kind.PASSED, Kind.SKIPPED):
                if 0 <= e.stop_index < len(day.state.stops):
                    far = max(far, day.track.stop_m(e.stop_index) - (ARRIVE_M if e.kind == Kind.ARRIVED else 0.0))
            if e.kind == Kind.CUE and e.ref in by_key:
                far = max(far, by_key[e.ref].s_m)
            day.now = e.at
        day.matcher.s_m = far
        return day

    def _apply(self, e: DayEvent) -> None:
        """Change the state as event ``e`` says (the same for live and replayed events)."""
        st = self.state
        stop = st.stops[e.stop_index] if e.stop_index is not None and 0 <= e.stop_index < len(st.stops) else None
        if e.kind == Kind.LEFT_DEPOT:
            st.started = True
            self._left_at = e.at
        elif e.kind == Kind.RETURNED:
            st.started = st.returned = True
            st.returned_at = e.at
        elif e.kind == Kind.ARRIVED and stop is not None:
            st.started = True
            stop.status, stop.arrived_at = "arrived", e.at
        elif e.kind == Kind.DEPARTED and stop is not None:
            stop.status, stop.departed_at = "done", e.at
            if stop.arrived_at is None:
                stop.arrived_at = e.at
        elif e.kind == Kind.PASSED and stop is not None:
            st.started = True
            stop.status, stop.arrived_at, stop.departed_at = "passed", e.at, e.at
        elif e.kind == Kind.SKIPPED and stop is not None:
            stop.status = "skipped"
        elif e.kind == Kind.HEADCOUNT:
            st.headcount = None if e.value is None else int(e.value)
        elif e.kind == Kind.CUE:
            st.fired.add(e.ref)
        elif e.kind == Kind.CUE_DROPPED:
            st.dropped.add(e.ref.split(" ", 1)[0])

    def _emit(self, out: list[DayEvent], event: DayEvent) -> None:
        self._apply(event)
        self.events.append(event)
        out.append(event)

    def _stop_event(self, kind: str, index: int, at: dt.datetime, source: str = "auto") -> DayEvent:
        return DayEvent(at, kind, index, self.plan.stops[index].stop_id, source=source)

    # -- what is next -----------------------------------------------------------------------
    def next_index(self) -> Optional[int]:
        """The first stop not yet done, passed or skipped (the one the bus is at, if arrived)."""
        for i, s in enumerate(self.state.stops):
            if s.status in ("pending", "arrived"):
                return i
        return None

    def at_stop(self) -> Optional[int]:
        """The stop the bus stands at (arrived, not left), or None."""
        i = self.next_index()
        return i if i is not None and self.state.stops[i].status == "arrived" else None

    def delay_s(self, now: Optional[dt.datetime] = None) -> float:
        """Seconds behind the plan (negative: ahead) at ``now`` (default: the last fix's time)."""
        now = now or self.now
        if now is None:
            return 0.0
        if not self.state.started:
            return max(0.0, (now - self.plan.departure).total_seconds())
        if self.state.returned_at is not None:  # the day is over: how late it ended
            return (self.state.returned_at - self.plan.return_).total_seconds()
        i = self.at_stop()
        if i is not None:
            planned = self.plan.stops[i]
            late_arrival = (self.state.stops[i].arrived_at - planned.arrival).total_seconds()
            return max(late_arrival, (now - planned.departure).total_seconds())
        return (now - self.track.planned_time_at(self.matcher.s_m)).total_seconds()

    def eta(self, index: int, now: Optional[dt.datetime] = None) -> dt.datetime:
        """When the bus will reach stop ``index`` at the current delay."""
        return self.plan.stops[index].arrival + dt.timedelta(seconds=self.delay_s(now))

    def next_trigger(self, kind: Optional[str] = None) -> Optional[Trigger]:
        """The next trigger (of ``kind``) neither fired nor dropped."""
        done = self.state.fired | self.state.dropped
        for t in self.triggers:
            if t.key not in done and (kind is None or t.kind == kind):
                return t
        return None

    # -- fixes --------------------------------------------------------------------------------
    def feed(self, fix: Fix) -> list[DayEvent]:
        """Match ``fix`` and return the events it implies (already applied to the state)."""
        out: list[DayEvent] = []
        prev = self.match
        m = self.matcher.update(fix)
        self.match, self.now = m, fix.at
        if prev is not None and prev.off_route != m.off_route:
            self._emit(out, DayEvent(m.off_route_since or fix.at if m.off_route else fix.at,
                                     Kind.OFF_ROUTE if m.off_route else Kind.BACK_ON_ROUTE))
        if self.state.returned:
            return out
        slow = fix.speed_mps is None or fix.speed_mps < SLOW_MPS
        if not self.state.started:
            if m.s_m <= LEAVE_M:
                if slow or self._depot_last_near is None:
                    self._depot_last_near = fix.at
            else:
                self._emit(out, DayEvent(self._depot_last_near or fix.at, Kind.LEFT_DEPOT))
        if self.state.started:
            self._stops(out, prev, m, slow)
            self._cues(out, m)
            if m.s_m >= self.track.length_m - ARRIVE_M and slow and self.next_index() is None:
                self._emit(out, DayEvent(fix.at, Kind.RETURNED))
        return out

    def _stops(self, out: list[DayEvent], prev: Optional[Match], m: Match, slow: bool) -> None:
        while True:
            i = self.next_index()
            if i is None:
                return
            st = self.state.stops[i]
            stop_s = self.track.stop_m(i)
            kind = self.plan.stops[i].kind
            floor = self.state.stops[i - 1].departed_at if i > 0 else self._left_at
            if st.status == "arrived":
                if m.s_m <= stop_s + LEAVE_M:
                    if slow:
                        st.last_near = m.fix.at  # the departure is the last moment the bus stood there
                    return
                self._emit(out, self._stop_event(Kind.DEPARTED, i, st.last_near or m.fix.at))
                continue
            if kind not in GETS_OFF:  # a drive-by: passed when the cursor crosses it
                if m.s_m < stop_s:
                    return
                self._emit(out, self._stop_event(Kind.PASSED, i, _crossing(prev, m, stop_s, floor)))
                continue
            if m.s_m >= stop_s - ARRIVE_M and slow and m.on_route and m.s_m <= stop_s + LEAVE_M:
                st.last_near = m.fix.at
                self._emit(out, self._stop_event(Kind.ARRIVED, i, m.fix.at))
                return
            if m.s_m > stop_s + PASS_WITHOUT_STOP_M:
                self._emit(out, DayEvent(_crossing(prev, m, stop_s, floor), Kind.PASSED, i, self.plan.stops[i].stop_id,
                                         ref="without_stopping"))
                continue
            return

    def _cues(self, out: list[DayEvent], m: Match) -> None:
        done = self.state.fired | self.state.dropped
        on_leg = self.next_index()  # the bus drives (or has just driven) leg k to stop k...
        on_leg = len(self.state.stops) if on_leg is None else on_leg  # ...or the last leg home
        for t in self.triggers:
            if t.s_m > m.s_m or t.leg_index > on_leg:  # later legs wait until the bus leaves their start
                break
            if t.key in done:
                continue
            if t.stop_index is not None and self.state.stops[t.stop_index].status == "skipped":
                self._emit(out, DayEvent(m.fix.at, Kind.CUE_DROPPED, t.stop_index, ref=f"{t.key} skipped"))
            elif m.s_m - t.s_m > LATE_M:
                self._emit(out, DayEvent(m.fix.at, Kind.CUE_DROPPED, t.stop_index, ref=f"{t.key} passed"))
            else:
                self._emit(out, DayEvent(m.fix.at, Kind.CUE, t.stop_index, ref=t.key))

    # -- buttons ---------------------------------------------------------------------------------
    def _clock(self, now: Optional[dt.datetime]) -> dt.datetime:
        return now or self.now or dt.datetime.now(tz=self.plan.departure.tzinfo)

    def mark_arrived(self, now: Optional[dt.datetime] = None) -> list[DayEvent]:
        """The organiser says: we are at the next stop."""
        out: list[DayEvent] = []
        i = self.next_index()
        if i is not None and self.state.stops[i].status == "pending":
            if not self.state.started:
                self._emit(out, DayEvent(self._clock(now), Kind.LEFT_DEPOT, source="manual"))
            self._emit(out, self._stop_event(Kind.ARRIVED, i, self._clock(now), "manual"))
            self.matcher.s_m = max(self.matcher.s_m, self.track.stop_m(i) - ARRIVE_M)
        return out

    def mark_departed(self, now: Optional[dt.datetime] = None) -> list[DayEvent]:
        """The organiser says: we leave the stop we are at (or the depot)."""
        out: list[DayEvent] = []
        if not self.state.started:
            self._emit(out, DayEvent(self._clock(now), Kind.LEFT_DEPOT, source="manual"))
            return out
        i = self.at_stop()
        if i is not None:
            self._emit(out, self._stop_event(Kind.DEPARTED, i, self._clock(now), "manual"))
            self.matcher.s_m = max(self.matcher.s_m, self.track.stop_m(i))
        return out

    def skip_next(self, now: Optional[dt.datetime] = None) -> list[DayEvent]:
        """The organiser drops the next stop (not the one the bus stands at); its cues are dropped."""
        out: list[DayEvent] = []
        i = self.next_index()
        if i is not None and self.state.stops[i].status == "pending":
            self._emit(out, self._stop_event(Kind.SKIPPED, i, self._clock(now), "manual"))
            for t in self.triggers:
                if t.stop_index == i and t.key not in self.state.fired | self.state.dropped:
                    self._emit(out, DayEvent(self._clock(now), Kind.CUE_DROPPED, i, ref=f"{t.key} skipped"))
        return out

    def count_heads(self, count: int, now: Optional[dt.datetime] = None) -> list[DayEvent]:
        """Participants back on board (at the stop the bus stands at, or the last one)."""
        out: list[DayEvent] = []
        i = self.at_stop()
        self._emit(out, DayEvent(self._clock(now), Kind.HEADCOUNT, i,
                                 self.plan.stops[i].stop_id if i is not None else None,
                                 value=float(max(0, int(count))), source="manual"))
        return out

    def fire_next_cue(self, now: Optional[dt.datetime] = None) -> list[DayEvent]:
        """Play the next video now (the driver's or organiser's "next" key)."""
        out: list[DayEvent] = []
        t = self.next_trigger("video")
        if t is not None:
            self._emit(out, DayEvent(self._clock(now), Kind.CUE, t.stop_index, ref=t.key, source="manual"))
        return out


def _crossing(prev: Optional[Match], m: Match, s: float, floor: Optional[dt.datetime]) -> dt.datetime:
    """When the bus passed ``s`` metres along: interpolated between the previous fix and this one,
    and not before ``floor`` (when it left the stop before: a company at the same gate is passed
    on leaving)."""
    if prev is None or prev.s_m >= s:
        at = floor or m.fix.at
    elif m.s_m <= prev.s_m:
        at = m.fix.at
    else:
        at = prev.fix.at + (s - prev.s_m) / (m.s_m - prev.s_m) * (m.fix.at - prev.fix.at)
    return max(at, floor) if floor is not None else at
