"""The computed plan of a tour: what each bus does, minute by minute.

Immutable value objects produced by the planning service, drawn by the UI,
rendered by the exports and stored (as JSON, never pickled) by the project store.
Datetimes are timezone-aware, in the tour's time zone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from routing.messages import Message


@dataclass(frozen=True)
class PlanWarning:
    """Something the organiser should know, with a reason fit to show as is.

    ``code`` is stable for programs (e.g. ``"window_unreachable"``,
    ``"no_ambassador"``, ``"video_too_long"``, ``"dropped"``, ``"unreachable"``).
    """

    code: str
    message: Message
    stop_id: Optional[int] = None
    site_id: Optional[int] = None
    bus_id: Optional[int] = None
    severity: str = "warning"  # "info" | "warning" | "error"


@dataclass(frozen=True)
class PlannedStop:
    """One stop of a bus's plan, in order.

    ``stop_id`` is None for a stop the planner inserted (a driver break).
    """

    sequence: int  # 1-based position in the bus's order
    stop_id: Optional[int]
    site_id: Optional[int]
    kind: str  # StopKind value
    arrival: dt.datetime
    departure: dt.datetime
    wait_s: float = 0.0  # waiting before the window opens
    slack_s: float = 0.0  # how much later the bus could arrive without breaking a window
    ambassador_id: Optional[int] = None  # ambassador presenting this stop
    name: str = ""  # the site's name at planning time (for exports of old plans)
    # Event days: the groups (ids) of this bus that visit here, and in how many turns they do
    # (a company receiving fewer people at once than the bus carries hosts sub-groups in turn).
    visitors: tuple[int, ...] = ()
    turns: int = 1


@dataclass(frozen=True)
class Leg:
    """The drive from one place to the next.

    Leg ``i`` of a bus ends at its stop ``i`` (sequence ``i + 1``); the last leg
    ends at the end depot.
    """

    from_site_id: Optional[int]
    to_site_id: Optional[int]
    departure: dt.datetime
    arrival: dt.datetime
    duration_s: float
    distance_m: float
    geometry: tuple[tuple[float, float], ...] = ()  # (lon, lat) road polyline
    ambassador_ids: tuple[int, ...] = ()  # on board during this leg


@dataclass(frozen=True)
class Cue:
    """A video to start on a leg."""

    video_id: int
    site_id: Optional[int]
    leg_index: int
    start: dt.datetime  # wall-clock start
    offset_s: float  # seconds after the bus's departure from the depot
    trim_start_s: float = 0.0  # play from this point of the file
    trim_end_s: Optional[float] = None  # stop at this point of the file (None: to the end)
    title: str = ""

    @property
    def play_s(self) -> Optional[float]:
        """How long the cue plays, when trimmed."""
        if self.trim_end_s is None:
            return None
        return self.trim_end_s - self.trim_start_s


@dataclass(frozen=True)
class BusPlan:
    """The day of one bus."""

    bus_id: Optional[int]
    bus_name: str
    start_site_id: Optional[int]
    end_site_id: Optional[int]
    departure: dt.datetime
    return_: dt.datetime
    stops: tuple[PlannedStop, ...]
    legs: tuple[Leg, ...]  # len(stops) + 1
    cues: tuple[Cue, ...] = ()

    @property
    def driving_s(self) -> float:
        return sum(leg.duration_s for leg in self.legs)

    @property
    def distance_m(self) -> float:
        return sum(leg.distance_m for leg in self.legs)


@dataclass(frozen=True)
class DroppedStop:
    """A stop the plan does not serve, and why. ``required`` False: an optional stop left out."""

    stop_id: int
    site_id: Optional[int]
    reason: Message
    required: bool = True
    bus_id: Optional[int] = None  # event days: the bus whose groups miss this visit (None: any bus)


@dataclass(frozen=True)
class Plan:
    """The computed plan of a tour."""

    tour_id: Optional[int]
    computed_at: dt.datetime
    buses: tuple[BusPlan, ...]
    dropped: tuple[DroppedStop, ...] = ()
    warnings: tuple[PlanWarning, ...] = ()
    objective_value: float = 0.0
    keep_order: bool = False
    solver: dict[str, Any] = field(default_factory=dict)  # engine name, runtime_s, ...
    # What the plan was computed from (app.services.plan_inputs); None: saved before plans had one.
    inputs_fingerprint: Optional[str] = None

    @property
    def all_required_served(self) -> bool:
        """True when every dropped stop (if any) is an optional one."""
        return not any(d.required for d in self.dropped)

    # -- JSON round trip -------------------------------------------------
    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (datetimes as ISO 8601 with offset)."""
        return _encode(asdict(self))

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> "Plan":
        msg = Message.from_json  # also reads the {"en", "fr"} texts of plans saved before message codes

        def when(s: str) -> dt.datetime:
            return dt.datetime.fromisoformat(s)

        buses = []
        for b in data["buses"]:
            stops = tuple(
                PlannedStop(**{**_legacy_stop(s), "arrival": when(s["arrival"]), "departure": when(s["departure"]),
                               "visitors": tuple(s.get("visitors", ()))})
                for s in b["stops"]
            )
            legs = tuple(
                Leg(
                    **{
                        **g,
                        "departure": when(g["departure"]),
                        "arrival": when(g["arrival"]),
                        "geometry": tuple(tuple(p) for p in g["geometry"]),
                        "ambassador_ids": tuple(g["ambassador_ids"]),
                    }
                )
                for g in b["legs"]
            )
            cues = tuple(Cue(**{**c, "start": when(c["start"])}) for c in b["cues"])
            buses.append(
                BusPlan(
                    **{
                        **b,
                        "departure": when(b["departure"]),
                        "return_": when(b["return_"]),
                        "stops": stops,
                        "legs": legs,
                        "cues": cues,
                    }
                )
            )
        # Plans saved before DroppedStop.required kept it in solver["required"] (stop id -> bool).
        legacy_required = dict(data.get("solver", {}).get("required", {}))
        return cls(
            tour_id=data["tour_id"],
            computed_at=when(data["computed_at"]),
            buses=tuple(buses),
            dropped=tuple(
                DroppedStop(stop_id=d["stop_id"], site_id=d["site_id"], reason=msg(d["reason"]),
                            required=bool(d.get("required", legacy_required.get(str(d["stop_id"]), True))),
                            bus_id=d.get("bus_id"))
                for d in data["dropped"]
            ),
            warnings=tuple(PlanWarning(**{**w, "message": msg(w["message"])}) for w in data["warnings"]),
            objective_value=data["objective_value"],
            keep_order=data["keep_order"],
            solver=dict(data["solver"]),
            inputs_fingerprint=data.get("inputs_fingerprint"),
        )


def _legacy_stop(s: dict[str, Any]) -> dict[str, Any]:
    """A stored planned stop with the keys of older plans renamed (``presenter_id`` -> ``ambassador_id``)."""
    if "presenter_id" not in s:
        return s
    s = dict(s)
    old = s.pop("presenter_id")
    s.setdefault("ambassador_id", old)
    return s


def _encode(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value
