"""The tour problem, in the solver's own terms (no app, no Qt).

Times are seconds since local midnight of the tour day (``*_s``), durations are
seconds, distances metres. Places are indices into the travel matrices
(``TravelMatrix.duration_s`` / ``distance_m``: row = from, column = to,
``np.inf`` when a coach cannot drive there).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Hashable, Mapping, Optional, Sequence

import numpy as np

from routing.errors import Message, PlanningError

NodeId = Hashable
BusId = Hashable


class NodeKind(str, Enum):
    """What the bus does at a node (same values as ``app.model.entities.StopKind``)."""

    VISIT = "visit"
    DRIVE_BY = "drive_by"
    LUNCH = "lunch"
    BREAK = "break"
    PICKUP = "pickup"


# Stops an ambassador presents and videos announce.
PRESENTED_KINDS = frozenset({NodeKind.VISIT, NodeKind.DRIVE_BY})
# Nodes where the bus actually stops (people and ambassadors can board or leave).
STOPPING_KINDS = frozenset({NodeKind.VISIT, NodeKind.LUNCH, NodeKind.BREAK, NodeKind.PICKUP})


class Objective(str, Enum):
    """What the optimiser minimises (summed over buses)."""

    TOUR_TIME = "tour_time"  # return - departure (waiting included)
    DRIVING_TIME = "driving_time"  # sum of leg durations
    DISTANCE = "distance"  # sum of leg distances


class Lock(str, Enum):
    FIRST = "first"
    LAST = "last"
    INDEX = "index"  # at ``Node.lock_index`` (1-based among the bus's stops)


@dataclass(frozen=True)
class Window:
    """Service must *start* in [start_s, end_s] (seconds since midnight)."""

    start_s: float
    end_s: float

    def __post_init__(self) -> None:
        if self.end_s < self.start_s:
            raise PlanningError("problem.window_reversed", start=float(self.start_s), end=float(self.end_s))


@dataclass(frozen=True)
class Node:
    """A stop to serve: a visit, drive-by, lunch, break or pickup.

    ``windows`` empty means any time. ``service_s`` is the dwell (0 for a
    drive-by). ``site`` keys ambassadors, videos and site capacity.
    ``group_capacity`` is the largest group (people) the site hosts at once.
    ``boarding`` is the number of people boarding here (pickups; seats check).
    ``stated_windows``: when ``windows`` say when service may start so that the whole
    service fits inside these (each end moved earlier by ``service_s``), the windows as the
    organiser gave them; messages speak of these and of the service's end.
    """

    id: NodeId
    index: int
    kind: NodeKind = NodeKind.VISIT
    service_s: float = 0.0
    windows: tuple[Window, ...] = ()
    required: bool = True
    priority: int = 1
    lock: Optional[Lock] = None
    lock_index: Optional[int] = None
    allowed_buses: Optional[frozenset] = None
    site: Optional[Hashable] = None
    name: str = ""
    group_capacity: Optional[int] = None
    boarding: int = 0
    stated_windows: tuple[Window, ...] = ()

    @property
    def label(self) -> str:
        return self.name or str(self.id)


@dataclass(frozen=True)
class Vehicle:
    """A bus: leaves ``start_index`` no earlier than ``earliest_departure_s``,
    is back at ``end_index`` no later than ``latest_return_s``.

    ``participants`` people are on board from the start, ``seats`` caps people
    on board (pickups add to them). ``max_duty_s`` caps return - departure.
    ``latest_departure_s`` None: may leave as late as useful.
    """

    id: BusId
    start_index: int
    end_index: int
    earliest_departure_s: float
    latest_return_s: float
    seats: int = 50
    participants: int = 0
    max_duty_s: Optional[float] = None
    latest_departure_s: Optional[float] = None
    name: str = ""
    # Re-plan from now: driving already done since the last qualifying break.
    driving_since_break_s: float = 0.0
    first_break_part_taken: bool = False
    # Key into ``Problem.profiles``: the road matrices this bus drives on (None: the problem's own).
    profile: Optional[Hashable] = None

    @property
    def label(self) -> str:
        return self.name or str(self.id)


@dataclass(frozen=True)
class Precedence:
    """Node ``before`` must be served before node ``after``."""

    before: NodeId
    after: NodeId


_END = object()


def precedence_cycle(precedences: Sequence[Precedence]) -> list:
    """The node ids of one cycle of the order constraints, in order (``[]`` when there is none).

    "A before B, B before C, C before A" gives ``[A, B, C]``; "A before A" gives ``[A]``.
    No order can keep a cycle, so a problem with one is refused. (The editor refuses
    such a constraint up front; this guards every other way a problem is built.)
    """
    after: dict = {}
    for p in precedences:
        after.setdefault(p.before, []).append(p.after)
    done: set = set()
    for root in after:
        if root in done:
            continue
        path, on_path = [root], {root}
        todo = [iter(after.get(root, ()))]
        while todo:
            nxt = next(todo[-1], _END)
            if nxt is _END:  # every constraint after path[-1] explored: no cycle through it
                node = path.pop()
                on_path.discard(node)
                done.add(node)
                todo.pop()
                continue
            if nxt in on_path:
                return path[path.index(nxt):]
            if nxt not in done:
                path.append(nxt)
                on_path.add(nxt)
                todo.append(iter(after.get(nxt, ())))
    return []


@dataclass(frozen=True)
class DriverRules:
    """EU 561/2006-style driving limits (seconds).

    After at most ``max_driving_s`` of driving, a ``break_s`` break; it may be
    split into ``split_first_s`` then ``split_second_s``. A dwell at a stop
    (waiting + service) counts as rest when ``stops_count_as_rest``.
    """

    enabled: bool = True
    max_driving_s: float = 4 * 3600 + 30 * 60
    break_s: float = 45 * 60
    split_first_s: float = 15 * 60
    split_second_s: float = 30 * 60
    stops_count_as_rest: bool = True


@dataclass(frozen=True)
class Ambassador:
    """Presents ``sites`` on board while available (``windows`` empty: all day)."""

    id: Hashable
    sites: frozenset
    windows: tuple[Window, ...] = ()
    name: str = ""

    def available(self, start_s: float, end_s: float) -> bool:
        if not self.windows:
            return True
        return any(w.start_s <= start_s and end_s <= w.end_s for w in self.windows)


@dataclass(frozen=True)
class Video:
    id: Hashable
    site: Hashable
    duration_s: float
    title: str = ""


@dataclass(frozen=True)
class SiteCapacity:
    """A site that hosts one bus at a time, optionally only in given slots.

    ``slots`` non-empty: a visit (``NodeKind.VISIT``) of the site must start
    inside a slot (intersected with the stop's own windows) and each slot hosts
    at most one visit, whatever the bus.
    """

    site: Hashable
    one_bus_at_a_time: bool = True
    slots: tuple[Window, ...] = ()


@dataclass(frozen=True, eq=False)
class RoadMatrices:
    """Travel matrices of one vehicle profile, over the problem's places (same indices).

    ``duration_s``/``distance_m`` as in :class:`Problem` (``np.inf``: this
    vehicle cannot drive there). ``unreachable`` maps a place index to the road
    engine's reason why a vehicle of this profile cannot reach it (e.g. the
    site is too far from any road it may use). ``name`` names the profile in
    messages ("Double-decker 4.0 m").
    """

    duration_s: np.ndarray
    distance_m: np.ndarray
    unreachable: Mapping[int, Message] = field(default_factory=dict)
    name: str = ""


@dataclass(frozen=True)
class Problem:
    """Everything the solver needs.

    ``keep_order`` maps a bus id to the node ids in the organiser's order: those
    buses are only scheduled, never reordered. ``previous`` seeds the search
    (re-plan). ``ambassadors_required``: a presented stop nobody can present is
    dropped instead of only warned about.

    ``duration_s``/``distance_m`` are the matrices of buses whose ``profile`` is
    None; ``profiles`` holds the matrices of every other profile a bus names
    (buses of different heights or lengths do not share roads).
    ``unreachable`` gives the road engine's reason for places the default
    matrices cannot reach (see :class:`RoadMatrices`).
    """

    duration_s: np.ndarray
    distance_m: np.ndarray
    nodes: tuple[Node, ...]
    vehicles: tuple[Vehicle, ...]
    precedences: tuple[Precedence, ...] = ()
    driver_rules: DriverRules = field(default_factory=DriverRules)
    objective: Objective = Objective.TOUR_TIME
    ambassadors: tuple[Ambassador, ...] = ()
    videos: tuple[Video, ...] = ()
    site_capacities: tuple[SiteCapacity, ...] = ()
    keep_order: Optional[Mapping[BusId, Sequence[NodeId]]] = None
    previous: Optional[Mapping[BusId, Sequence[NodeId]]] = None
    ambassadors_required: bool = False
    profiles: Mapping[Hashable, RoadMatrices] = field(default_factory=dict)
    unreachable: Mapping[int, Message] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = self.duration_s.shape[0]
        shapes = [self.duration_s.shape, self.distance_m.shape]
        for rm in self.profiles.values():
            shapes += [np.shape(rm.duration_s), np.shape(rm.distance_m)]
        if any(sh != (n, n) for sh in shapes):
            raise PlanningError("problem.matrix_shape")
        ids = [nd.id for nd in self.nodes]
        if len(set(ids)) != len(ids):
            raise PlanningError("problem.duplicate_stop_id")
        if not self.vehicles:
            raise PlanningError("problem.no_bus")
        for nd in self.nodes:
            if not 0 <= nd.index < n:
                raise PlanningError("problem.stop_index_outside", stop=nd.label, index=nd.index)
            if nd.lock == Lock.INDEX and (nd.lock_index is None or nd.lock_index < 1):
                raise PlanningError("problem.lock_index_invalid", stop=nd.label)
        for v in self.vehicles:
            if v.profile is not None and v.profile not in self.profiles:
                raise PlanningError("problem.no_profile_matrices", bus=v.label)
            for i in (v.start_index, v.end_index):
                if not 0 <= i < n:
                    raise PlanningError("problem.depot_index_outside", bus=v.label, index=i)
        known = set(ids)
        for p in self.precedences:
            if p.before not in known or p.after not in known:
                raise PlanningError("problem.precedence_unknown_stop")
        cycle = precedence_cycle(self.precedences)
        if cycle:
            nm = self._node_map()
            raise PlanningError("solver.precedence_cycle", stops=[nm[x].label for x in cycle])

    def matrices(self, vehicle: Vehicle) -> RoadMatrices:
        """The road matrices ``vehicle`` drives on."""
        if vehicle.profile is None:
            m = self.__dict__.get("_default_rm")
            if m is None:
                m = RoadMatrices(self.duration_s, self.distance_m, self.unreachable)
                object.__setattr__(self, "_default_rm", m)
            return m
        return self.profiles[vehicle.profile]

    def node(self, node_id: NodeId) -> Node:
        return self._node_map()[node_id]

    def vehicle(self, bus_id: BusId) -> Vehicle:
        for v in self.vehicles:
            if v.id == bus_id:
                return v
        raise KeyError(bus_id)

    def _node_map(self) -> dict:
        m = self.__dict__.get("_nm")
        if m is None:
            m = {nd.id: nd for nd in self.nodes}
            object.__setattr__(self, "_nm", m)
        return m

    def with_(self, **changes) -> "Problem":
        return replace(self, **changes)
