"""Turning entities into table rows and back.

Lists and nested records are stored as JSON text (never pickled); enums by
value; dates and clock times in ISO 8601.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.model.entities import (
    Ambassador,
    Audience,
    Availability,
    Bus,
    DriverRules,
    LockKind,
    Objective,
    ParticipantGroup,
    Site,
    SiteKind,
    SiteSource,
    Stop,
    StopKind,
    TimeWindow,
    Tour,
    VehicleSpec,
    Video,
)


def _time(s: str) -> dt.time:
    return dt.time.fromisoformat(s)


def _windows_to_json(windows: list[TimeWindow]) -> str:
    return json.dumps([[w.start.isoformat(), w.end.isoformat()] for w in windows])


def _windows_from_json(text: str) -> list[TimeWindow]:
    return [TimeWindow(_time(a), _time(b)) for a, b in json.loads(text)]


def site_to_row(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "kind": site.kind.value,
        "address": site.address,
        "lon": float(site.lon),
        "lat": float(site.lat),
        "gate_lon": site.gate_lon,
        "gate_lat": site.gate_lat,
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


def site_from_row(row: dict[str, Any]) -> Site:
    data = dict(row)
    data["kind"] = SiteKind(data["kind"])
    data["source"] = SiteSource(data["source"])
    data["visit_slots"] = _windows_from_json(data.get("visit_slots") or "[]")
    return Site(**data)


def video_to_row(video: Video) -> dict[str, Any]:
    return {"site_id": video.site_id, "path": video.path, "title": video.title, "duration_s": float(video.duration_s)}


def video_from_row(row: dict[str, Any]) -> Video:
    return Video(**dict(row))


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


def ambassador_from_row(row: dict[str, Any], site_ids: set[int]) -> Ambassador:
    availability = [
        Availability(
            start=_time(a["start"]),
            end=_time(a["end"]),
            day=dt.date.fromisoformat(a["day"]) if a.get("day") else None,
        )
        for a in json.loads(row["availability"])
    ]
    return Ambassador(
        id=row["id"],
        name=row["name"],
        organisation=row["organisation"],
        phone=row["phone"],
        email=row["email"],
        availability=availability,
        site_ids=set(site_ids),
    )


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
    }


def tour_from_row(row: dict[str, Any]) -> Tour:
    rules = json.loads(row["driver_rules"] or "{}")
    if "split_break_s" in rules:
        rules["split_break_s"] = tuple(rules["split_break_s"])
    return Tour(
        id=row["id"],
        name=row["name"],
        date=dt.date.fromisoformat(row["date"]),
        timezone=row["timezone"],
        audience=Audience(row["audience"]),
        start_site_id=row["start_site_id"],
        end_site_id=row["end_site_id"],
        earliest_departure=_time(row["earliest_departure"]),
        latest_return=_time(row["latest_return"]),
        participants=row["participants"],
        objective=Objective(row["objective"]),
        departure_fixed=bool(row.get("departure_fixed", 1)),
        driver_rules=DriverRules(**rules),
        notes=row["notes"],
    )


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
            }
        ),
        "start_site_id": bus.start_site_id,
        "end_site_id": bus.end_site_id,
    }


def bus_from_row(row: dict[str, Any]) -> Bus:
    data = dict(row)
    data["vehicle"] = VehicleSpec(**json.loads(data["vehicle"] or "{}"))
    return Bus(**data)


def group_to_row(group: ParticipantGroup) -> dict[str, Any]:
    return {"tour_id": group.tour_id, "name": group.name, "size": int(group.size), "bus_id": group.bus_id}


def group_from_row(row: dict[str, Any]) -> ParticipantGroup:
    return ParticipantGroup(**dict(row))


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


def stop_from_row(row: dict[str, Any]) -> Stop:
    data = dict(row)
    data["kind"] = StopKind(data["kind"])
    data["windows"] = _windows_from_json(data["windows"])
    data["required"] = bool(data["required"])
    data["lock"] = LockKind(data["lock"])
    data["arrival_only"] = bool(data.get("arrival_only", 0))
    return Stop(**data)
