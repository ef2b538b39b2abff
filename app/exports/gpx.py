"""GPX 1.1 for the driver's navigation app, one file per bus: a waypoint per stop (with a ``<sym>``
and the French ``<type>``), a route of the stops, the road track.

Written with gpxpy (which escapes XML text); times in UTC as GPX recommends.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import gpxpy.gpx as g

from app.exports.context import ExportContext
from app.exports.files import unique_slugs
from app.exports.french import tour_title
from app.i18n import formats


# <sym>: names Garmin, OsmAnd and most navigation apps draw with an icon of their own
SYMBOL = {"visit": "Flag, Blue", "drive_by": "Information", "lunch": "Restaurant", "break": "Rest Area",
          "pickup": "Bus Station"}


NAME_CHARS = 40  # GPS units and apps cut longer waypoint names (the whole name is in <desc>)


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1].rstrip() + "…"


def _bus_names(ctx: ExportContext) -> list[str]:
    """One GPX per bus (a driver loads his own): ``<base>.gpx`` alone, ``<base>-<bus>.gpx`` for several."""
    if len(ctx.plan.buses) <= 1:
        return [f"{ctx.base_name}.gpx"]
    return [f"{ctx.base_name}-{part}.gpx" for part in unique_slugs((b.bus_name for b in ctx.plan.buses), "car")]


def file_names(ctx: ExportContext) -> list[str]:
    return _bus_names(ctx)


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc)


def build(ctx: ExportContext, bus=None) -> g.GPX:
    """The GPX of ``bus`` (default: the first): its waypoints, its route of the stops, its road track."""
    bus = bus if bus is not None else ctx.plan.buses[0]
    gpx = g.GPX()
    gpx.creator = "ZI Tour planner"
    multi = len(ctx.plan.buses) > 1
    gpx.name = f"{tour_title(ctx.tour.name)}" + (f" — {bus.bus_name}" if multi else "")
    gpx.description = f"{ctx.tour.date.isoformat()} — © OpenStreetMap contributors"
    gpx.time = _utc(ctx.generated_at)
    route = g.GPXRoute(name=bus.bus_name if multi else ctx.tour.name)
    start, end = ctx.site(bus.start_site_id), ctx.site(bus.end_site_id)
    if start is not None:
        route.points.append(g.GPXRoutePoint(start.lat, start.lon, name=f"Départ {start.name}",
                                            time=_utc(bus.departure)))
    for r in ctx.rows(bus):
        if r.lonlat is None:
            continue
        lon, lat = r.site.routing_point if r.site is not None else r.lonlat
        name = _short(f"{r.number:02d} {r.name}")
        desc = f"{r.name} — {r.kind_fr} — {formats.clock_range(ctx.local(r.planned.arrival), ctx.local(r.planned.departure), 'fr')}"
        if r.site is not None and r.site.address:
            desc += f" — {r.site.address}"
        gpx.waypoints.append(g.GPXWaypoint(lat, lon, name=name, description=desc, time=_utc(r.planned.arrival),
                                           symbol=SYMBOL.get(r.planned.kind, "Flag"), type=r.kind_fr))
        route.points.append(g.GPXRoutePoint(lat, lon, name=name, time=_utc(r.planned.arrival)))
    if end is not None:
        route.points.append(g.GPXRoutePoint(end.lat, end.lon, name=f"Retour {end.name}", time=_utc(bus.return_)))
    gpx.routes.append(route)
    track = g.GPXTrack(name="Trajet routier")
    for i in range(len(bus.legs)):
        seg = g.GPXTrackSegment()
        seg.points = [g.GPXTrackPoint(lat, lon) for lon, lat in ctx.leg_coords(bus, i)]
        if seg.points:
            track.segments.append(seg)
    gpx.tracks.append(track)
    return gpx


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    out = []
    for name, bus in zip(file_names(ctx), ctx.plan.buses):
        path = folder / name
        path.write_text(build(ctx, bus).to_xml(version="1.1"), encoding="utf-8", newline="\n")
        out.append(path)
    return out
