"""iCalendar for partners: one event per visit and shared stop, one for the whole tour (RFC 5545).

Events are what a partner attends: a visit from its start (the coach may arrive earlier and
wait) to its end, to the minute, as the itinerary prints it; drive-bys are listed in the tour's
event. UIDs derive from the project, the tour and the stop ids, so re-exports update the same
events; SEQUENCE rises when an event's content changed since the last export, and an event
published before that the plan no longer has is sent again ``STATUS:CANCELLED`` with a higher
SEQUENCE (the previous hashes, sequences and times come in ``ctx.ics_state``, saved by the
export service). Times carry TZID with the tour's VTIMEZONE.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import icalendar

from app.exports.context import ExportContext
from app.exports.french import label, tour_title
from app.i18n import formats
from app.model.entities import StopKind


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.ics"]


def _minute(when: dt.datetime) -> dt.datetime:
    """``when`` to the minute (calendars show minutes; the itinerary prints them)."""
    return when.replace(second=0, microsecond=0)


def _span(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Start and end to the minute, the end after the start (RFC 5545: DTEND after DTSTART)."""
    start, end = _minute(start), _minute(end)
    return start, max(end, start + dt.timedelta(minutes=1))


def _dropped_lines(ctx: ExportContext) -> list[str]:
    return [f"- {ctx.site_name(d.site_id, f'arrêt {d.stop_id}')} : {d.reason.text('fr')}"
            for d in ctx.plan.dropped if d.required]


def _events(ctx: ExportContext) -> list[dict[str, Any]]:
    """Each event's UID and content (before sequence and stamp), tour event first: the tour, then
    what a partner attends — each visit and shared stop, from the visit's start (the coach may
    arrive earlier and wait) to its end. Drive-bys are no appointment: the tour event lists them."""
    t = ctx.tour
    out = []
    start_site = ctx.site(ctx.plan.buses[0].start_site_id) if ctx.plan.buses else None
    lines = []
    for r in ctx.rows():
        if not r.is_inserted:
            lines.append(f"{formats.clock(ctx.local(r.visit_start), 'fr')} — {r.name} ({r.kind_fr.lower()})")
    dropped = _dropped_lines(ctx)
    if dropped:
        lines += ["", "Arrêts demandés qui ne sont pas au programme :", *dropped]
    start, end = _span(ctx.local(ctx.departure), ctx.local(ctx.return_))
    out.append({
        "uid": ctx.uid("tour"),
        "summary": tour_title(t.name),
        "start": start, "end": end,
        "location": (start_site.name + (f", {start_site.address}" if start_site.address else "")) if start_site else "",
        "description": f"{formats.long_date(t.date, 'fr').capitalize()}\n" + "\n".join(lines),
        "geo": (start_site.lat, start_site.lon) if start_site else None,
    })
    for r in ctx.rows():
        if r.is_inserted or r.planned.kind in (StopKind.BREAK.value, StopKind.DRIVE_BY.value):
            continue
        s = r.site
        start, end = _span(ctx.local(r.visit_start), ctx.local(r.planned.departure))
        desc = [f"{r.kind_fr} — {tour_title(t.name)} ({r.bus.bus_name}), arrêt n° {r.number}.",
                f"{label('Début')} {formats.clock(start, 'fr')}, {label('fin')} {formats.clock(end, 'fr')}"
                + (f" (le car arrive à {formats.clock(ctx.local(r.planned.arrival), 'fr')})"
                   if r.planned.wait_s >= 60 else "") + "."]
        if t.participants:
            desc.append(f"{label('Participants')} {t.participants}")
        if r.ambassador is not None:
            desc.append(f"{label('Présenté par')} {r.ambassador.name}"
                        + (f" ({r.ambassador.phone})" if r.ambassador.phone else ""))
        bus = ctx.buses.get(r.bus.bus_id) if r.bus.bus_id is not None else None
        if bus is not None and bus.driver:
            desc.append(f"{label('Conducteur')} {bus.driver}" + (f", {bus.driver_phone}" if bus.driver_phone else ""))
        out.append({
            "uid": ctx.uid("stop", r.planned.stop_id),
            "summary": f"{tour_title(t.name)} — {r.kind_fr.lower()} : {r.name}",
            "start": start, "end": end,
            "location": (f"{s.name}, {s.address}" if s.address else s.name) if s else "",
            "description": "\n".join(desc),
            "geo": (r.lonlat[1], r.lonlat[0]) if r.lonlat else None,
        })
    return out


def _hash(event: dict[str, Any]) -> str:
    data = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in event.items()}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def event_state(ctx: ExportContext) -> dict[str, dict[str, Any]]:
    """``{uid: {"hash", "sequence", "summary", "start", "end"}}`` of this export: sequence +1 where
    the content changed. An event published before and gone now stays, ``"cancelled": True``, its
    sequence raised once: every later export cancels it again, for a partner who missed one."""
    state: dict[str, dict[str, Any]] = {}
    for ev in _events(ctx):
        h = _hash(ev)
        old = ctx.ics_state.get(ev["uid"])
        if old is None:
            seq = 0
        else:
            seq = int(old.get("sequence", 0)) + (0 if old.get("hash") == h and not old.get("cancelled") else 1)
        state[ev["uid"]] = {"hash": h, "sequence": seq, "summary": ev["summary"],
                            "start": ev["start"].isoformat(), "end": ev["end"].isoformat()}
    for uid, old in ctx.ics_state.items():
        if uid in state or not isinstance(old, dict) or "start" not in old:
            continue  # published by an earlier version without its times: nothing to cancel with
        seq = int(old.get("sequence", 0)) + (0 if old.get("cancelled") else 1)
        state[uid] = {**old, "sequence": seq, "cancelled": True}
    return state


def build(ctx: ExportContext) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ZI Tour planner//Export//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", tour_title(ctx.tour.name))
    cal.add("x-wr-timezone", ctx.tour.timezone)
    year = ctx.tour.date.year
    cal.add_component(icalendar.Timezone.from_tzid(ctx.tour.timezone, first_date=dt.date(year - 1, 1, 1),
                                                   last_date=dt.date(year + 1, 12, 31)))
    state = event_state(ctx)
    stamp = ctx.generated_at.astimezone(dt.timezone.utc).replace(microsecond=0)
    for ev in _events(ctx):
        e = icalendar.Event()
        e.add("uid", ev["uid"])
        e.add("dtstamp", stamp)
        e.add("sequence", state[ev["uid"]]["sequence"])
        e.add("dtstart", ev["start"])
        e.add("dtend", ev["end"])
        e.add("summary", ev["summary"])  # icalendar escapes , ; \ and newlines
        if ev["location"]:
            e.add("location", ev["location"])
        e.add("description", ev["description"])
        if ev["geo"]:
            e.add("geo", ev["geo"])
        e.add("status", "CONFIRMED")
        e.add("transp", "OPAQUE")
        cal.add_component(e)
    for uid, st in state.items():
        if not st.get("cancelled"):
            continue
        e = icalendar.Event()  # what a partner imported before and will not happen
        e.add("uid", uid)
        e.add("dtstamp", stamp)
        e.add("sequence", st["sequence"])
        e.add("dtstart", ctx.local(dt.datetime.fromisoformat(st["start"])))
        e.add("dtend", ctx.local(dt.datetime.fromisoformat(st["end"])))
        e.add("summary", f"Annulé — {st.get('summary', '')}")
        e.add("status", "CANCELLED")
        e.add("transp", "TRANSPARENT")
        cal.add_component(e)
    return cal


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    path = folder / file_names(ctx)[0]
    path.write_bytes(build(ctx).to_ical())
    return [path]
