"""Turning entities into table rows and back, checking every value read.

Lists and nested records are stored as JSON text (never pickled); enums by
value; dates and clock times in ISO 8601.

A project file comes from partners, so what it holds is untrusted input. Every row
read goes through :func:`read_row`: each column has a check of what it may hold (a
known kind, a real time zone, a finite number in range, a date, a clock time, the
shape of its JSON, text no longer than :mod:`app.store.limits` allows). A value that
fails raises :class:`~app.errors.DamagedValue` (``store.damaged_value``) naming the
table, the row's key and the column; the store adds the file
(:meth:`~app.errors.DamagedValue.in_file`). Nothing past this module meets a NaN
coordinate, a ``kind='evil'`` or a plan whose times do not parse.
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
import math
import re
import zoneinfo
from enum import Enum
from typing import Any, Callable, Optional

from app.errors import DamagedValue, ProjectError
from app.model.entities import (
    Ambassador,
    Audience,
    Availability,
    Bus,
    DriverRules,
    FollowUp,
    FollowUpKind,
    LockKind,
    Objective,
    Participant,
    ParticipantGroup,
    Precedence,
    Site,
    SiteKind,
    SiteSource,
    Stop,
    StopKind,
    TimeWindow,
    Tour,
    TourOutcome,
    VehicleSpec,
    Video,
)
from app.model.plan import Plan
from app.store.limits import max_text
from routing.messages import Message

# -- writing ---------------------------------------------------------------------


def _windows_to_json(windows: list[TimeWindow]) -> str:
    return json.dumps([[w.start.isoformat(), w.end.isoformat()] for w in windows])


def site_to_row(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "kind": site.kind.value,
        "address": site.address,
        "lon": float(site.lon),
        "lat": float(site.lat),
        "gate_lon": site.gate_lon,
        "gate_lat": site.gate_lat,
        "coach_turns": 1 if site.coach_turns else 0,
        "sector": site.sector,
        "products": site.products,
        "jobs": site.jobs,
        "salaries": site.salaries,
        "training": site.training,
        "contact_name": site.contact_name,
        "contact_phone": site.contact_phone,
        "contact_email": site.contact_email,
        "notes": site.notes,
        "talking_points": site.talking_points,
        "visit_capacity": site.visit_capacity,
        "visit_slots": _windows_to_json(site.visit_slots),
        "source": site.source.value,
        "source_ref": site.source_ref,
    }


def video_to_row(video: Video) -> dict[str, Any]:
    return {"site_id": video.site_id, "path": video.path, "title": video.title, "duration_s": float(video.duration_s),
            "trim_in_s": float(video.trim_in_s),
            "trim_out_s": None if video.trim_out_s is None else float(video.trim_out_s)}


def ambassador_to_row(amb: Ambassador) -> dict[str, Any]:
    availability = [
        {"start": a.start.isoformat(), "end": a.end.isoformat(), "day": a.day.isoformat() if a.day else None}
        for a in amb.availability
    ]
    return {
        "name": amb.name,
        "organisation": amb.organisation,
        "phone": amb.phone,
        "email": amb.email,
        "availability": json.dumps(availability),
    }


def tour_to_row(tour: Tour) -> dict[str, Any]:
    rules = tour.driver_rules
    return {
        "name": tour.name,
        "date": tour.date.isoformat(),
        "timezone": tour.timezone,
        "audience": tour.audience.value,
        "start_site_id": tour.start_site_id,
        "end_site_id": tour.end_site_id,
        "earliest_departure": tour.earliest_departure.isoformat(),
        "latest_return": tour.latest_return.isoformat(),
        "participants": int(tour.participants),
        "objective": tour.objective.value,
        "departure_fixed": 1 if tour.departure_fixed else 0,
        "driver_rules": json.dumps(
            {
                "max_driving_s": rules.max_driving_s,
                "break_s": rules.break_s,
                "split_break_s": list(rules.split_break_s),
                "max_duty_s": rules.max_duty_s,
            }
        ),
        "notes": tour.notes,
        "territory": tour.territory,
        "retention_until": tour.retention_until.isoformat() if tour.retention_until else None,
    }


def bus_to_row(bus: Bus) -> dict[str, Any]:
    v = bus.vehicle
    return {
        "tour_id": bus.tour_id,
        "name": bus.name,
        "seats": int(bus.seats),
        "operator": bus.operator,
        "driver": bus.driver,
        "driver_phone": bus.driver_phone,
        "vehicle": json.dumps(
            {
                "name": v.name,
                "height_m": v.height_m,
                "weight_t": v.weight_t,
                "width_m": v.width_m,
                "length_m": v.length_m,
                "speed_factor": v.speed_factor,
                "town_speed_factor": v.town_speed_factor,
                "signal_delay_s": v.signal_delay_s,
                "stop_allowance_s": v.stop_allowance_s,
            }
        ),
        "start_site_id": bus.start_site_id,
        "end_site_id": bus.end_site_id,
    }


def group_to_row(group: ParticipantGroup) -> dict[str, Any]:
    return {"tour_id": group.tour_id, "name": group.name, "size": int(group.size), "bus_id": group.bus_id,
            "organisation": group.organisation, "audience": group.audience, "adults": int(group.adults),
            "contact": group.contact, "visits": json.dumps([int(i) for i in group.visits]),
            "choices": json.dumps([int(i) for i in group.choices]), "choices_k": int(group.choices_k)}


def participant_to_row(person: Participant) -> dict[str, Any]:
    return {"tour_id": person.tour_id, "group_id": person.group_id, "name": person.name,
            "organisation": person.organisation, "audience": person.audience, "contact": person.contact,
            "pickup": person.pickup, "present": None if person.present is None else int(bool(person.present))}


def follow_up_to_row(item: FollowUp) -> dict[str, Any]:
    return {"tour_id": item.tour_id, "site_id": item.site_id, "kind": item.kind.value,
            "on_date": item.on_date.isoformat(), "count": int(item.count), "notes": item.notes}


def outcome_to_row(outcome: TourOutcome) -> dict[str, Any]:
    return {"tour_id": outcome.tour_id, "registered": outcome.registered, "present": outcome.present,
            "by_audience": json.dumps({str(k): int(v) for k, v in outcome.by_audience.items()}, ensure_ascii=False),
            "present_by_audience": json.dumps({str(k): int(v) for k, v in outcome.present_by_audience.items()},
                                              ensure_ascii=False),
            "presenters": json.dumps([int(i) for i in outcome.presenters]),
            "feedback": json.dumps({str(q): {str(a): int(n) for a, n in answers.items()}
                                    for q, answers in outcome.feedback.items()}, ensure_ascii=False),
            "erased_on": outcome.erased_on.isoformat() if outcome.erased_on else None}


def stop_to_row(stop: Stop) -> dict[str, Any]:
    return {
        "tour_id": stop.tour_id,
        "site_id": stop.site_id,
        "kind": stop.kind.value,
        "dwell_s": int(stop.dwell_s),
        "windows": _windows_to_json(stop.windows),
        "required": 1 if stop.required else 0,
        "priority": int(stop.priority),
        "lock": stop.lock.value,
        "lock_index": stop.lock_index,
        "bus_id": stop.bus_id,
        "position": int(stop.position),
        "notes": stop.notes,
        "arrival_only": 1 if stop.arrival_only else 0,
    }


# -- checks of what a column may hold ----------------------------------------------


class _Bad(Exception):
    """One value failed its check; ``detail`` says how (a Message)."""

    def __init__(self, detail: Message):
        super().__init__(detail.code)
        self.detail = detail


SHOWN_CHARS = 40  # of a damaged value, in the message


def shown(value: Any) -> str:
    """``value`` as a message may show it: short, and readable whatever bytes it held."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("utf-8", "replace").decode("utf-8")  # undecodable bytes (surrogates) become "?"
    text = "".join(c if c.isprintable() else "·" for c in text[: SHOWN_CHARS + 1])
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _as_shown(value: Any) -> _Bad:
    return _Bad(Message("store.value.shown", value=shown(value)))


def _unreadable() -> _Bad:
    return _Bad(Message("store.value.unreadable"))


Check = Callable[[Any], Any]  # stored value -> the value the entity holds; raises _Bad


def _text(cap: int) -> Check:
    def check(value: Any) -> str:
        if type(value) is not str:
            raise _Bad(Message("store.value.not_text"))
        if len(value) > cap:
            raise _Bad(Message("store.value.too_long", length=len(value), limit=cap))
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # bytes that are not UTF-8 (read with surrogateescape)
                raise _Bad(Message("store.value.not_text")) from None
        return value

    return check


def _int(low: int, high: int, null: bool = False) -> Check:
    def check(value: Any) -> Optional[int]:
        if value is None and null:
            return None
        if type(value) is not int or not low <= value <= high:
            raise _as_shown(value)
        return value

    return check


_ID = _int(-(2**63), 2**63 - 1)
_REF = _int(-(2**63), 2**63 - 1, null=True)
MAX_SECONDS = 2 * 86_400  # a duration: two days


def _real(low: float, high: float, null: bool = False) -> Check:
    def check(value: Any) -> Optional[float]:
        if value is None and null:
            return None
        if type(value) not in (int, float) or not math.isfinite(value) or not low <= value <= high:
            raise _as_shown(value)
        return float(value)

    return check


def _flag(value: Any) -> bool:
    if type(value) is not int or value not in (0, 1):
        raise _as_shown(value)
    return bool(value)


def _enum(kind: type[Enum]) -> Check:
    values = kind._value2member_map_

    def check(value: Any) -> Enum:
        if type(value) is not str or value not in values:
            raise _as_shown(value)
        return values[value]  # type: ignore[return-value]

    return check


MIN_YEAR, MAX_YEAR = 1900, 2999  # far from datetime's limits, so date arithmetic never overflows


def _date_of(value: Any) -> dt.date:
    if type(value) is not str or len(value) > 32:
        raise _as_shown(value)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _as_shown(value) from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _as_shown(value)
    return day


def _time_of(value: Any) -> dt.time:
    """A clock time on the tour's day: local, so never with an offset (it could not be compared)."""
    if type(value) is not str or len(value) > 32:
        raise _as_shown(value)
    try:
        clock = dt.time.fromisoformat(value)
    except ValueError:
        raise _as_shown(value) from None
    if clock.tzinfo is not None:
        raise _as_shown(value)
    return clock


def _datetime_of(value: Any) -> dt.datetime:
    if type(value) is not str or len(value) > 64:
        raise _as_shown(value)
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _as_shown(value) from None
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        raise _as_shown(value)
    return when


_ZONE_KEY = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


def _zone(value: Any) -> str:
    """An IANA time zone name the system knows (never a path: ``zoneinfo`` reads files by it)."""
    if type(value) is not str or len(value) > 64 or not _ZONE_KEY.fullmatch(value):
        raise _as_shown(value)
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise _as_shown(value) from None
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON holds")


def _json(table: str, column: str, shape: Callable[[Any], Any], constants: bool = False) -> Check:
    """JSON text of ``shape``; NaN and Infinity are refused unless ``constants`` (then ``shape`` checks the
    numbers that matter: a plan's message parameters may say "inf" harmlessly)."""
    text = _text(max_text(table, column))
    parse_constant = None if constants else _no_constant

    def check(value: Any) -> Any:
        try:
            data = json.loads(text(value), parse_constant=parse_constant)
        except (ValueError, RecursionError):
            raise _unreadable() from None
        try:
            return shape(data)
        except _Bad:
            raise
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OverflowError):
            raise _unreadable() from None

    return check


MAX_ITEMS = 1_000  # time windows of a stop, availabilities of an ambassador


def _windows_shape(data: Any) -> list[TimeWindow]:
    if type(data) is not list or len(data) > MAX_ITEMS:
        raise _unreadable()
    windows = []
    for item in data:
        if type(item) is not list or len(item) != 2:
            raise _unreadable()
        windows.append(TimeWindow(_time_of(item[0]), _time_of(item[1])))  # ValueError: ends before it starts
    return windows


def _stop_ids_shape(data: Any) -> list[int]:
    """A group's programme: a list of stop ids, each once."""
    if type(data) is not list or len(data) > MAX_ITEMS or any(type(i) is not int for i in data):
        raise _unreadable()
    return list(dict.fromkeys(data))


MAX_COUNT = 100_000  # people or answers in one count (a tour's participants are capped the same)


def _counts_shape(data: Any) -> dict[str, int]:
    """Counts by name (answer -> how many): short names, counts from 0 to MAX_COUNT."""
    if type(data) is not dict or len(data) > MAX_ITEMS:
        raise _unreadable()
    for key, value in data.items():
        if len(key) > 200 or type(value) is not int or not 0 <= value <= MAX_COUNT:
            raise _unreadable()
    return dict(data)


def _audience_counts_shape(data: Any) -> dict[str, int]:
    """People by audience: every key an Audience value (the report prints its label)."""
    counts = _counts_shape(data)
    if any(key not in Audience._value2member_map_ for key in counts):
        raise _unreadable()
    return counts


def _feedback_shape(data: Any) -> dict[str, dict[str, int]]:
    """A questionnaire's counts: question -> answer -> how many gave it."""
    if type(data) is not dict or len(data) > MAX_ITEMS:
        raise _unreadable()
    out = {}
    for question, answers in data.items():
        if len(question) > 1_000:
            raise _unreadable()
        out[question] = _counts_shape(answers)
    return out


def _optional(check: Check) -> Check:
    """``check``, or NULL."""

    def optional(value: Any) -> Any:
        return None if value is None else check(value)

    return optional


def _present(value: Any) -> Optional[bool]:
    return None if value is None else _flag(value)


def _availability_shape(data: Any) -> list[Availability]:
    if type(data) is not list or len(data) > MAX_ITEMS:
        raise _unreadable()
    out = []
    for item in data:
        if type(item) is not dict or not {"start", "end"} <= set(item) <= {"start", "end", "day"}:
            raise _unreadable()
        day = item.get("day")
        out.append(Availability(_time_of(item["start"]), _time_of(item["end"]),
                                _date_of(day) if day is not None else None))
    return out


_VEHICLE_RANGES = {"height_m": (0.0, 10.0), "weight_t": (0.0, 100.0), "width_m": (0.0, 10.0),
                   "length_m": (0.0, 50.0), "speed_factor": (0.01, 5.0), "town_speed_factor": (0.01, 5.0),
                   "signal_delay_s": (0.0, 600.0), "stop_allowance_s": (0.0, 3600.0)}
_VEHICLE_NAME = _text(1_000)


def _vehicle_shape(data: Any) -> VehicleSpec:
    if type(data) is not dict or not set(data) <= {"name", *_VEHICLE_RANGES}:
        raise _unreadable()
    values: dict[str, Any] = {}
    for key, value in data.items():
        values[key] = _VEHICLE_NAME(value) if key == "name" else _real(*_VEHICLE_RANGES[key])(value)
    return VehicleSpec(**values)


_RULE_SECONDS = _int(0, MAX_SECONDS)


def _driver_rules_shape(data: Any) -> DriverRules:
    if type(data) is not dict or not set(data) <= {"max_driving_s", "break_s", "split_break_s", "max_duty_s"}:
        raise _unreadable()
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key == "split_break_s":
            if type(value) is not list or len(value) != 2:
                raise _unreadable()
            values[key] = (_RULE_SECONDS(value[0]), _RULE_SECONDS(value[1]))
        else:
            values[key] = _RULE_SECONDS(value)
    return DriverRules(**values)


def _plan_shape(data: Any) -> Plan:
    if type(data) is not dict:
        raise _unreadable()
    try:
        plan = Plan.from_json_dict(data)
    except Exception:  # noqa: BLE001 - pure data code reading a partner's JSON: any failure means unreadable
        raise _unreadable() from None
    _check_plan(plan)
    return plan


def _check_plan(plan: Plan) -> None:
    """What :meth:`Plan.from_json_dict` takes as it comes: ids, numbers, times of the right kind, so that
    drawing, printing or exporting the plan never meets a string id, a NaN duration or naive and aware
    times mixed (they cannot be compared)."""
    aware: set[bool] = set()

    def when(value: Any) -> None:
        if not isinstance(value, dt.datetime) or not MIN_YEAR <= value.year <= MAX_YEAR:
            raise _unreadable()
        aware.add(value.tzinfo is not None)

    def ident(value: Any, null: bool = True) -> None:
        if not (type(value) is int or (null and value is None)):
            raise _unreadable()

    def number(value: Any, null: bool = False) -> None:
        if null and value is None:
            return
        if type(value) not in (int, float) or not math.isfinite(value):
            raise _unreadable()

    def words(value: Any) -> None:
        if type(value) is not str:
            raise _unreadable()

    ident(plan.tour_id)
    when(plan.computed_at)
    number(plan.objective_value)
    if type(plan.keep_order) is not bool or not (plan.inputs_fingerprint is None
                                                  or type(plan.inputs_fingerprint) is str):
        raise _unreadable()
    for bus in plan.buses:
        for value in (bus.bus_id, bus.start_site_id, bus.end_site_id):
            ident(value)
        words(bus.bus_name)
        when(bus.departure)
        when(bus.return_)
        for s in bus.stops:
            ident(s.sequence, null=False)
            for value in (s.stop_id, s.site_id, s.ambassador_id):
                ident(value)
            words(s.kind)
            words(s.name)
            when(s.arrival)
            when(s.departure)
            number(s.wait_s)
            number(s.slack_s)
            ident(s.turns, null=False)
            for g in s.visitors:
                ident(g, null=False)
        for leg in bus.legs:
            ident(leg.from_site_id)
            ident(leg.to_site_id)
            when(leg.departure)
            when(leg.arrival)
            number(leg.duration_s)
            number(leg.distance_m)
            for point in leg.geometry:
                if len(point) != 2:
                    raise _unreadable()
                number(point[0])
                number(point[1])
            for a in leg.ambassador_ids:
                ident(a, null=False)
        for cue in bus.cues:
            ident(cue.video_id, null=False)
            ident(cue.site_id)
            ident(cue.leg_index, null=False)
            words(cue.title)
            when(cue.start)
            number(cue.offset_s)
            number(cue.trim_start_s)
            number(cue.trim_end_s, null=True)
    for d in plan.dropped:
        ident(d.stop_id, null=False)
        ident(d.site_id)
        ident(d.bus_id)
    for w in plan.warnings:
        words(w.code)
        words(w.severity)
        for value in (w.stop_id, w.site_id, w.bus_id):
            ident(value)
    if len(aware) > 1:
        raise _unreadable()


def _text_columns(table: str, *columns: str) -> dict[str, Check]:
    return {c: _text(max_text(table, c)) for c in columns}


def _aware_datetime_of(value: Any) -> dt.datetime:
    when = _datetime_of(value)
    if when.tzinfo is None:
        raise _as_shown(value)
    return when


def _one_of(*values: str) -> Check:
    def check(value: Any) -> str:
        if value not in values:
            raise _as_shown(value)
        return value

    return check


DAY_EVENT_KINDS = ("left_depot", "arrived", "departed", "passed", "skipped", "returned", "headcount", "cue",
                   "cue_dropped", "off_route", "back_on_route")


# Every column of every table (schema version CURRENT_VERSION) and its check.
COLUMNS: dict[str, dict[str, Check]] = {
    "settings": _text_columns("settings", "key", "value"),
    "sites": {
        "id": _ID,
        **_text_columns("sites", "name", "address", "sector", "products", "jobs", "salaries", "training",
                        "contact_name", "contact_phone", "contact_email", "notes", "talking_points", "source_ref"),
        "kind": _enum(SiteKind),
        "lon": _real(-180.0, 180.0),
        "lat": _real(-90.0, 90.0),
        "gate_lon": _real(-180.0, 180.0, null=True),
        "gate_lat": _real(-90.0, 90.0, null=True),
        "coach_turns": _flag,
        "visit_capacity": _int(0, 1_000_000, null=True),  # an import reads up to six digits
        "visit_slots": _json("sites", "visit_slots", _windows_shape),
        "source": _enum(SiteSource),
    },
    "videos": {
        "id": _ID,
        "site_id": _REF,
        **_text_columns("videos", "path", "title"),
        "duration_s": _real(0.0, MAX_SECONDS),
        "trim_in_s": _real(0.0, MAX_SECONDS),
        "trim_out_s": _real(0.0, MAX_SECONDS, null=True),
    },
    "ambassadors": {
        "id": _ID,
        **_text_columns("ambassadors", "name", "organisation", "phone", "email"),
        "availability": _json("ambassadors", "availability", _availability_shape),
    },
    "ambassador_sites": {"ambassador_id": _ID, "site_id": _ID},
    "tours": {
        "id": _ID,
        **_text_columns("tours", "name", "notes"),
        "date": _date_of,
        "timezone": _zone,
        "audience": _enum(Audience),
        "start_site_id": _REF,
        "end_site_id": _REF,
        "earliest_departure": _time_of,
        "latest_return": _time_of,
        "participants": _int(0, 100_000),
        "objective": _enum(Objective),
        "driver_rules": _json("tours", "driver_rules", _driver_rules_shape),
        "departure_fixed": _flag,
        "territory": _text(max_text("tours", "territory")),
        "retention_until": _optional(_date_of),
    },
    "buses": {
        "id": _ID,
        "tour_id": _REF,
        **_text_columns("buses", "name", "operator", "driver", "driver_phone"),
        "seats": _int(0, 500),
        "vehicle": _json("buses", "vehicle", _vehicle_shape),
        "start_site_id": _REF,
        "end_site_id": _REF,
    },
    "stops": {
        "id": _ID,
        "tour_id": _REF,
        "site_id": _ID,
        "kind": _enum(StopKind),
        "dwell_s": _int(0, MAX_SECONDS),
        "windows": _json("stops", "windows", _windows_shape),
        "required": _flag,
        "priority": _int(0, 1_000),
        "lock": _enum(LockKind),
        "lock_index": _int(0, 100_000, null=True),
        "bus_id": _REF,
        "position": _int(-(2**31), 2**31 - 1),
        "notes": _text(max_text("stops", "notes")),
        "arrival_only": _flag,
    },
    "participant_groups": {
        "id": _ID,
        "tour_id": _REF,
        "name": _text(max_text("participant_groups", "name")),
        "size": _int(0, 100_000),
        "bus_id": _REF,
        **_text_columns("participant_groups", "organisation", "contact"),
        "audience": _one_of("", *(a.value for a in Audience)),
        "adults": _int(0, 100_000),
        "visits": _json("participant_groups", "visits", _stop_ids_shape),
        "choices": _json("participant_groups", "choices", _stop_ids_shape),
        "choices_k": _int(0, 10_000),
    },
    "participants": {
        "id": _ID,
        "tour_id": _ID,
        "group_id": _REF,
        **_text_columns("participants", "name", "organisation", "contact", "pickup"),
        "audience": _one_of("", *(a.value for a in Audience)),
        "present": _present,
    },
    "follow_ups": {
        "id": _ID,
        "tour_id": _REF,
        "site_id": _REF,
        "kind": _enum(FollowUpKind),
        "on_date": _date_of,
        "count": _int(0, 100_000),
        "notes": _text(max_text("follow_ups", "notes")),
    },
    "tour_outcomes": {
        "tour_id": _ID,
        "registered": _int(0, 100_000, null=True),
        "present": _int(0, 100_000, null=True),
        "by_audience": _json("tour_outcomes", "by_audience", _audience_counts_shape),
        "present_by_audience": _json("tour_outcomes", "present_by_audience", _audience_counts_shape),
        "presenters": _json("tour_outcomes", "presenters", _stop_ids_shape),
        "feedback": _json("tour_outcomes", "feedback", _feedback_shape),
        "erased_on": _optional(_date_of),
    },
    "precedences": {"before_stop_id": _ID, "after_stop_id": _ID},
    "plans": {
        "tour_id": _ID,
        "computed_at": _datetime_of,
        "plan": _json("plans", "plan", _plan_shape, constants=True),
    },
    "day_events": {
        "id": _ID,
        "tour_id": _ID,
        "bus_id": _REF,
        "at": _aware_datetime_of,
        "kind": _one_of(*DAY_EVENT_KINDS),
        "stop_index": _int(0, 100_000, null=True),
        "stop_id": _REF,
        "ref": _text(max_text("day_events", "ref")),
        "value": _real(0.0, 1e6, null=True),
        "source": _one_of("auto", "manual"),
    },
    "day_track": {
        "id": _ID,
        "tour_id": _ID,
        "bus_id": _REF,
        "at": _aware_datetime_of,
        "lon": _real(-180.0, 180.0),
        "lat": _real(-90.0, 90.0),
        "speed_mps": _real(0.0, 1_000.0, null=True),
        "heading_deg": _real(0.0, 360.0, null=True),
    },
}


def _no_control_characters(check: Check) -> Check:
    """Names show in lists, terminals and every export: no NUL or other control character in them."""
    def named(value: Any) -> Any:
        value = check(value)
        if any(unicodedata.category(ch) == "Cc" for ch in value):
            raise _Bad(Message("store.value.control_characters"))
        return value

    return named


for _table, _checks in COLUMNS.items():
    if "name" in _checks and _table != "settings":
        _checks["name"] = _no_control_characters(_checks["name"])

# The columns that name a row in messages (its primary key).
KEYS: dict[str, tuple[str, ...]] = {
    "settings": ("key",),
    "ambassador_sites": ("ambassador_id", "site_id"),
    "precedences": ("before_stop_id", "after_stop_id"),
    "plans": ("tour_id",),
    "tour_outcomes": ("tour_id",),
}


def row_label(table: str, row: dict[str, Any]) -> str:
    """The row's key as a message shows it ("12", "3, 7", "region")."""
    return ", ".join(shown(row.get(k, "?")) for k in KEYS.get(table, ("id",)))


def damaged(table: str, row: Any, column: str, detail: Message) -> DamagedValue:
    """The error for one bad value (``row``: its key as shown); the store adds the file."""
    return DamagedValue(Message("store.damaged_value", file="", table=table, row=row, column=column, detail=detail))


def read_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row``'s values as the entities hold them (enums, dates, windows, JSON read), every one checked.

    Raises :class:`~app.errors.DamagedValue` on the first value its column cannot hold, or on a
    column the table does not have.
    """
    checks = COLUMNS[table]
    out: dict[str, Any] = {}
    for column, value in row.items():
        check = checks.get(column)
        if check is None:
            raise damaged(table, row_label(table, row), shown(column), Message("store.value.unknown_column"))
        try:
            out[column] = check(value)
        except _Bad as bad:
            raise damaged(table, row_label(table, row), column, bad.detail) from None
    return out


def check_for_write(table: str, row: dict[str, Any]) -> None:
    """Refuse to store what :func:`read_row` would refuse to read (a duration of a week, a text over the
    limits, an unknown time zone...): the app never writes a project it would then call damaged.

    Raises :class:`~app.errors.ProjectError` ``store.value_refused`` naming table and column.
    """
    try:
        read_row(table, row)
    except DamagedValue as exc:
        params = exc.message.params
        raise ProjectError(Message("store.value_refused", table=table, column=params.get("column"),
                                   detail=params.get("detail"))) from None


def _build(table: str, row: dict[str, Any], make: Callable[..., Any], **extra: Any) -> Any:
    data = read_row(table, row)
    try:
        return make(**data, **extra)
    except (TypeError, ValueError) as exc:  # a combination no column check sees
        raise damaged(table, row_label(table, row), "—", Message("store.value.shown", value=shown(str(exc)))) from None


# -- reading -------------------------------------------------------------------------


def site_from_row(row: dict[str, Any]) -> Site:
    return _build("sites", row, Site)


def video_from_row(row: dict[str, Any]) -> Video:
    return _build("videos", row, Video)


def ambassador_from_row(row: dict[str, Any], site_ids: set[int]) -> Ambassador:
    return _build("ambassadors", row, Ambassador, site_ids=set(site_ids))


def tour_from_row(row: dict[str, Any]) -> Tour:
    return _build("tours", row, Tour)


def bus_from_row(row: dict[str, Any]) -> Bus:
    return _build("buses", row, Bus)


def group_from_row(row: dict[str, Any]) -> ParticipantGroup:
    return _build("participant_groups", row, ParticipantGroup)


def participant_from_row(row: dict[str, Any]) -> Participant:
    return _build("participants", row, Participant)


def follow_up_from_row(row: dict[str, Any]) -> FollowUp:
    return _build("follow_ups", row, FollowUp)


def outcome_from_row(row: dict[str, Any]) -> TourOutcome:
    return _build("tour_outcomes", row, TourOutcome)


def stop_from_row(row: dict[str, Any]) -> Stop:
    return _build("stops", row, Stop)


def precedence_from_row(row: dict[str, Any]) -> Precedence:
    return _build("precedences", row, Precedence)


def ambassador_site_from_row(row: dict[str, Any]) -> tuple[int, int]:
    data = read_row("ambassador_sites", row)
    return data["ambassador_id"], data["site_id"]


def setting_from_row(row: dict[str, Any]) -> str:
    return read_row("settings", row)["value"]


def plan_from_row(row: dict[str, Any]) -> Plan:
    """The stored plan of a ``plans`` row (its ``plan`` column, with ``tour_id`` for messages)."""
    return read_row("plans", row)["plan"]


def day_event_to_row(tour_id: int, bus_id: Optional[int], event: Any) -> dict[str, Any]:
    """A :class:`~app.tourday.day.DayEvent` of bus ``bus_id`` as a ``day_events`` row."""
    return {"tour_id": tour_id, "bus_id": bus_id, "at": event.at.isoformat(), "kind": event.kind,
            "stop_index": event.stop_index, "stop_id": event.stop_id, "ref": event.ref,
            "value": event.value, "source": event.source}


def day_event_from_row(row: dict[str, Any]) -> Any:
    from app.tourday.day import DayEvent

    r = read_row("day_events", row)
    return DayEvent(r["at"], r["kind"], r["stop_index"], r["stop_id"], r["ref"], r["value"], r["source"])


def fix_to_row(tour_id: int, bus_id: Optional[int], fix: Any) -> dict[str, Any]:
    """A :class:`~app.tourday.fixes.Fix` of bus ``bus_id`` as a ``day_track`` row."""
    def real(x: Any) -> Optional[float]:
        return None if x is None else float(x)  # a numpy float is a float to SQLite only once converted

    return {"tour_id": tour_id, "bus_id": bus_id, "at": fix.at.isoformat(), "lon": float(fix.lon),
            "lat": float(fix.lat), "speed_mps": real(fix.speed_mps), "heading_deg": real(fix.heading_deg)}


def fix_from_row(row: dict[str, Any]) -> Any:
    from app.tourday.fixes import Fix

    r = read_row("day_track", row)
    return Fix(r["at"], r["lon"], r["lat"], r["speed_mps"], r["heading_deg"])
