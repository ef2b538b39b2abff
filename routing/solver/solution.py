"""What the solver returns: per-bus schedules, cues, ambassadors, warnings, drops.

Times are seconds since local midnight of the tour day; durations seconds;
distances metres. ``node_id``/``bus_id`` are the ids given in the problem.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Hashable, Optional

from routing.errors import Message


@dataclass(frozen=True)
class ScheduledStop:
    """One served node. ``start_s`` is when service starts (in ``window``)."""

    node_id: Hashable
    index: int  # matrix index
    kind: str
    arrival_s: float
    start_s: float
    departure_s: float
    wait_s: float  # arrival -> service start (window not yet open)
    slack_s: float  # how much later the bus could arrive here without breaking any later window / the return
    late_s: float = 0.0  # > 0 only in keep-order mode (or when nothing better exists): start after the window end
    window: Optional[tuple[float, float]] = None  # the window used (start_s, end_s)
    ambassador_id: Optional[Hashable] = None  # ambassador presenting this stop
    name: str = ""


@dataclass(frozen=True)
class ScheduledLeg:
    """Drive to stop ``i`` (leg ``i``); the last leg ends at the end depot.

    ``departure_s`` is when the wheels turn (after any driver break before it).
    """

    from_index: int
    to_index: int
    departure_s: float
    arrival_s: float
    duration_s: float
    distance_m: float
    on_board: tuple = ()  # ambassador ids on board during the leg


@dataclass(frozen=True)
class DriverBreak:
    """A driver rest. ``before_leg`` is the index of the leg it precedes.

    ``inserted`` True: the planner added the time (the bus waits at ``index``);
    False: the rest is taken during a stop's dwell.
    """

    before_leg: int
    index: int
    start_s: float
    duration_s: float
    inserted: bool = True


@dataclass(frozen=True)
class VideoCue:
    """Start ``video_id`` at ``start_s`` (``offset_s`` after the bus leaves the depot).

    Plays from ``trim_start_s`` to ``trim_end_s`` of the file (None: to the end).
    """

    video_id: Hashable
    site: Hashable
    leg_index: int
    start_s: float
    offset_s: float
    trim_start_s: float = 0.0
    trim_end_s: Optional[float] = None
    title: str = ""


@dataclass(frozen=True)
class Issue:
    """A warning with a reason fit to show as is. ``code`` is stable for programs."""

    code: str
    message: Message
    node_id: Optional[Hashable] = None
    bus_id: Optional[Hashable] = None
    severity: str = "warning"


@dataclass(frozen=True)
class DroppedNode:
    """A node the plan does not serve; ``code`` names the constraint that stops it."""

    node_id: Hashable
    code: str
    reason: Message
    required: bool = True


@dataclass(frozen=True)
class BusSchedule:
    bus_id: Hashable
    departure_s: float
    return_s: float
    stops: tuple[ScheduledStop, ...]
    legs: tuple[ScheduledLeg, ...]  # len(stops) + 1
    breaks: tuple[DriverBreak, ...] = ()
    cues: tuple[VideoCue, ...] = ()
    boardings: tuple[tuple[Hashable, int, int], ...] = ()  # (ambassador, first leg on board, last leg on board)

    @property
    def order(self) -> tuple:
        return tuple(s.node_id for s in self.stops)

    @property
    def driving_s(self) -> float:
        return sum(g.duration_s for g in self.legs)

    @property
    def distance_m(self) -> float:
        return sum(g.distance_m for g in self.legs)

    @property
    def duty_s(self) -> float:
        return self.return_s - self.departure_s


@dataclass(frozen=True)
class Solution:
    """The solved tour. ``feasible``: every served stop on time and every hard rule kept."""

    buses: tuple[BusSchedule, ...]
    dropped: tuple[DroppedNode, ...] = ()
    warnings: tuple[Issue, ...] = ()
    objective_value: float = 0.0
    feasible: bool = True
    stats: dict[str, Any] = field(default_factory=dict)

    def bus(self, bus_id: Hashable) -> BusSchedule:
        for b in self.buses:
            if b.bus_id == bus_id:
                return b
        raise KeyError(bus_id)

    def stop(self, node_id: Hashable) -> Optional[ScheduledStop]:
        for b in self.buses:
            for s in b.stops:
                if s.node_id == node_id:
                    return s
        return None

    @property
    def all_required_served(self) -> bool:
        return not any(d.required for d in self.dropped)
