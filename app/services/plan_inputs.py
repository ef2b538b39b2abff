"""What a tour's plan depends on, and whether the plan still matches it. No Qt.

:func:`inputs_fingerprint` is a stable hash (sha256 of a canonical JSON) of everything the
planner reads for a tour: the tour's own fields, its buses and their vehicles, its groups,
its stops and order constraints, the sites its stops and depots use, the ambassadors and
videos of those sites, and the project's road region. The planning service stores it with
the plan (:attr:`app.model.plan.Plan.inputs_fingerprint`); :func:`plan_status` compares it
with the inputs as they are now: ``up_to_date``, ``outdated``, ``unknown`` (a plan saved
before plans had fingerprints: it may be outdated, nobody can tell) or ``none``.

The fingerprint is built from the dataclass fields themselves: every field of an entity
is an input unless :data:`IGNORED` names it, with why (a name, a description, a note...).
A field added later is therefore in the fingerprint until someone decides otherwise, and
``tests/services/test_plan_inputs.py`` fails until it is declared in :data:`INPUTS` or
:data:`IGNORED`. Fields left at their default value are left out of the canonical JSON, so
a new field with a default keeps the fingerprints of existing plans valid.

Cheap: a handful of reads on the project and one hash (a few milliseconds on the demo),
so the interface recomputes it after every edit.
"""
from __future__ import annotations

from app.services.event_pins import pins as event_pins

import datetime as dt
import hashlib
import json
from dataclasses import MISSING, dataclass, fields, is_dataclass
from enum import Enum
from typing import Any, Optional

from app.model.entities import (
    Ambassador,
    Availability,
    Bus,
    DriverRules,
    FollowUp,
    Participant,
    TourOutcome,
    ParticipantGroup,
    Precedence,
    Site,
    Stop,
    TimeWindow,
    Tour,
    VehicleSpec,
    Video,
)
from app.model.plan import Plan

FINGERPRINT_VERSION = "v3"
# v2 (2026-12): edge-based coach roads (turn rules, kerb-side stops, barriers) and the time
# model; a plan of an older version was planned on other roads and times: it is outdated.
# v3: event days (every group makes its programme, pinned receptions): a tour with groups was
# planned as a delivery before.
OLDER_VERSIONS = ("v1", "v2")

# Fields that never change a plan, per entity, and why. Every other field is an input.
IGNORED: dict[type, dict[str, str]] = {
    Tour: {"name": "a label; views and exports read it from the tour",
           "audience": "who the tour is for; the planner does not read it",
           "notes": "free text", "territory": "groups tours in the season's report",
           "retention_until": "when the participants' names are erased"},
    DriverRules: {},
    Bus: {"name": "a label (the plan keeps the name it had, exports read the current one)",
          "operator": "contact text", "driver": "contact text", "driver_phone": "contact text",
          "tour_id": "the tour is the one fingerprinted"},
    VehicleSpec: {"name": "the model's label; the roads depend on the dimensions and speed"},
    ParticipantGroup: {"name": "a label", "tour_id": "the tour is the one fingerprinted",
                       "organisation": "shown on the programmes", "audience": "shown on the programmes",
                       "contact": "shown on the company schedules"},
    Stop: {"notes": "free text", "tour_id": "the tour is the one fingerprinted",
           "position": "only the order counts, and only for a keep-order plan (the 'order' entry)"},
    TimeWindow: {},
    Precedence: {},
    Site: {"name": "a label; views and exports read it from the site", "kind": "the marker drawn on the map",
           "address": "description", "sector": "description", "products": "description", "jobs": "description",
           "salaries": "description", "training": "description", "contact_name": "contact text",
           "contact_phone": "contact text", "contact_email": "contact text", "notes": "free text",
           "talking_points": "free text", "source": "where the record came from",
           "source_ref": "where the record came from"},
    Ambassador: {"name": "a label (their order among the ambassadors is kept: it breaks ties)",
                 "organisation": "contact text", "phone": "contact text", "email": "contact text"},
    Availability: {},
    Video: {"path": "the file; its duration is what the planner reads", "title": "a label"},
    # The people's list counts through the tour's participant count (app.services.participants keeps
    # it at least the list's length); outcomes and follow-ups are what happened after the plan.
    Participant: {f: "the list counts through Tour.participants" for f in (
        "name", "tour_id", "group_id", "organisation", "audience", "contact", "pickup", "present", "id")},
    FollowUp: {f: "what came after the tour" for f in (
        "kind", "on_date", "count", "tour_id", "site_id", "notes", "id")},
    TourOutcome: {f: "what happened on the tour" for f in (
        "tour_id", "registered", "present", "by_audience", "present_by_audience", "presenters", "feedback",
        "erased_on")},
}

# Fields the plan depends on, per entity (the fingerprint takes every field not IGNORED;
# this list says so on purpose, and the tests check that the two lists cover every field).
INPUTS: dict[type, frozenset[str]] = {
    Tour: frozenset({"id", "date", "timezone", "start_site_id", "end_site_id", "earliest_departure",
                     "latest_return", "participants", "objective", "driver_rules", "departure_fixed"}),
    DriverRules: frozenset({"max_driving_s", "break_s", "split_break_s", "max_duty_s"}),
    Bus: frozenset({"id", "seats", "vehicle", "start_site_id", "end_site_id"}),
    VehicleSpec: frozenset({"height_m", "weight_t", "width_m", "length_m", "speed_factor", "town_speed_factor",
                            "signal_delay_s", "stop_allowance_s"}),
    ParticipantGroup: frozenset({"id", "size", "bus_id", "adults", "visits", "choices", "choices_k"}),
    Stop: frozenset({"id", "site_id", "kind", "dwell_s", "windows", "required", "priority", "lock", "lock_index",
                     "bus_id", "arrival_only"}),
    TimeWindow: frozenset({"start", "end"}),
    Precedence: frozenset({"before_stop_id", "after_stop_id"}),
    Site: frozenset({"id", "lon", "lat", "gate_lon", "gate_lat", "coach_turns", "visit_capacity", "visit_slots"}),
    Ambassador: frozenset({"id", "availability", "site_ids"}),
    Availability: frozenset({"start", "end", "day"}),
    Video: frozenset({"id", "site_id", "duration_s", "trim_in_s", "trim_out_s"}),
    Participant: frozenset(),
    FollowUp: frozenset(),
    TourOutcome: frozenset(),
}


class PlanState(str, Enum):
    NONE = "none"  # no plan
    UP_TO_DATE = "up_to_date"  # computed from the inputs as they are
    OUTDATED = "outdated"  # an input changed since
    UNKNOWN = "unknown"  # saved without a fingerprint (or by another fingerprint version): may be outdated


@dataclass(frozen=True)
class PlanStatus:
    """The state of a tour's plan, and the two fingerprints compared."""

    state: PlanState
    stored: Optional[str] = None  # the plan's fingerprint
    current: Optional[str] = None  # the inputs' fingerprint now

    @property
    def up_to_date(self) -> bool:
        return self.state is PlanState.UP_TO_DATE

    @property
    def stale(self) -> bool:
        """The plan may not match the tour (outdated, or of unknown state): show it so, ask before exporting."""
        return self.state in (PlanState.OUTDATED, PlanState.UNKNOWN)


NO_PLAN = PlanStatus(PlanState.NONE)

# -- canonical form ---------------------------------------------------------------------
_defaults: dict[tuple[type, str], Any] = {}
_NO_DEFAULT = object()


def _default(cls: type, f) -> Any:
    """The canonical form of a field's default (cached: defaults do not change)."""
    key = (cls, f.name)
    if key not in _defaults:
        if f.default is not MISSING:
            _defaults[key] = _canon(f.default)
        elif f.default_factory is not MISSING:  # type: ignore[misc]
            _defaults[key] = _canon(f.default_factory())  # type: ignore[misc]
        else:
            _defaults[key] = _NO_DEFAULT
    return _defaults[key]


def record(obj: Any) -> dict[str, Any]:
    """The input fields of dataclass ``obj`` in canonical form, those at their default left out."""
    cls = type(obj)
    ignored = IGNORED.get(cls, {})
    out = {}
    for f in fields(obj):
        if f.name in ignored:
            continue
        value = _canon(getattr(obj, f.name))
        if value != _default(cls, f):
            out[f.name] = value
    return out


def _canon(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return record(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time)):  # datetime too
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted((_canon(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in value.items()}
    return value


# -- the inputs of a tour -----------------------------------------------------------------
def plan_inputs(project: Any, tour_id: int, keep_order: bool = False) -> dict[str, Any]:
    """Everything the plan of ``tour_id`` depends on, as plain JSON data (``keep_order``: the stops'
    order counts too). Raises KeyError when the tour does not exist."""
    tour: Tour = project.get(Tour, tour_id)
    buses = project.buses(tour_id)
    stops = project.stops(tour_id)  # the organiser's order: position, id
    stop_sites = {s.site_id for s in stops}
    depots = {tour.start_site_id, tour.end_site_id}
    for b in buses:
        depots |= {b.start_site_id, b.end_site_id}
    used = (stop_sites | depots) - {None}
    sites = {s.id: s for s in project.sites() if s.id in used}
    ambassadors = []
    for a in project.ambassadors():  # their order breaks ties between equally good presenters
        presents = a.site_ids & stop_sites
        if not presents:
            continue  # presents none of the tour's sites: never assigned
        that_day = [av for av in a.availability if av.day is None or av.day == tour.date]
        entry = {**record(a), "site_ids": sorted(presents), "availability": _canon(that_day)}
        if a.availability and not that_day:
            entry["away_that_day"] = True
        ambassadors.append(entry)
    return {
        "fingerprint": FINGERPRINT_VERSION,
        "region": project.region_name or "",
        "keep_order": bool(keep_order),
        "tour": record(tour),
        "buses": [record(b) for b in sorted(buses, key=lambda b: b.id)],
        "groups": [record(g) for g in sorted(project.groups(tour_id), key=lambda g: g.id)],
        "stops": [record(s) for s in sorted(stops, key=lambda s: s.id)],
        "order": [s.id for s in stops] if keep_order else None,
        "precedences": sorted([p.before_stop_id, p.after_stop_id] for p in project.precedences(tour_id)),
        "sites": {str(sid): record(sites[sid]) if sid in sites else None for sid in sorted(used)},
        "ambassadors": ambassadors,
        "videos": [record(v) for v in project.videos() if v.site_id in stop_sites],
        "pins": sorted([s, b, t] for (s, b), t in event_pins(project, tour_id).items()),
    }


def fingerprint_of(inputs: dict[str, Any]) -> str:
    """``v1:`` and the sha256 of the canonical JSON of ``inputs``."""
    text = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return f"{FINGERPRINT_VERSION}:{hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def inputs_fingerprint(project: Any, tour_id: int, keep_order: bool = False) -> str:
    """The fingerprint of what the plan of ``tour_id`` depends on (see the module docstring)."""
    return fingerprint_of(plan_inputs(project, tour_id, keep_order))


_STORED: Any = object()


def plan_status(project: Any, tour_id: Optional[int], plan: Optional[Plan] = _STORED) -> PlanStatus:
    """Whether the plan of ``tour_id`` still matches the tour.

    ``plan``: the plan to judge (the one a window shows, maybe not saved); default: the stored one.
    """
    if project is None or tour_id is None:
        return NO_PLAN
    if plan is _STORED:
        plan = project.plan(tour_id)
    if plan is None or not plan.buses:
        return NO_PLAN
    stored = plan.inputs_fingerprint
    if stored and stored.split(":", 1)[0] in OLDER_VERSIONS:
        return PlanStatus(PlanState.OUTDATED, stored)
    if not stored or not stored.startswith(FINGERPRINT_VERSION + ":"):
        return PlanStatus(PlanState.UNKNOWN, stored)
    try:
        current = inputs_fingerprint(project, tour_id, plan.keep_order)
    except KeyError:  # the tour is gone
        return NO_PLAN
    return PlanStatus(PlanState.UP_TO_DATE if current == stored else PlanState.OUTDATED, stored, current)
