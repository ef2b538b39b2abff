"""GPX 1.1 for the driver's navigation app: a waypoint per stop, a route of the stops, a road track.

Written with gpxpy (which escapes XML text); times in UTC as GPX recommends.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import gpxpy.gpx as g

from app.exports.context import ExportContext
from app.i18n import formats


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.gpx"]


def _utc(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone.utc)


def build(ctx: ExportContext) -> g.GPX:
    gpx = g.GPX()
    gpx.creator = "ZI Tour planner"
    gpx.name = f"ZI Tour {ctx.tour.name}"
    gpx.description = f"{ctx.tour.date.isoformat()} — © OpenStreetMap contributors"
    gpx.time = _utc(ctx.generated_at)
    multi = len(ctx.plan.buses) > 1
    for bus in ctx.plan.buses:
        prefix = f"{bus.bus_name} " if multi else ""
        route = g.GPXRoute(name=f"{prefix}{ctx.tour.name}".strip())
        start, end = ctx.site(bus.start_site_id), ctx.site(bus.end_site_id)
        if start is not None:
            route.points.append(g.GPXRoutePoint(start.lat, start.lon, name=f"Départ {start.name}",
                                                time=_utc(bus.departure)))
        for r in ctx.rows(bus):
            if r.lonlat is None:
                continue
            lon, lat = r.site.routing_point if r.site is not None else r.lonlat
            name = f"{prefix}{r.number:02d} {r.name}"
            desc = f"{r.kind_fr} — {formats.clock_range(ctx.local(r.planned.arrival), ctx.local(r.planned.departure), 'fr')}"
            if r.site is not None and r.site.address:
                desc += f" — {r.site.address}"
            gpx.waypoints.append(g.GPXWaypoint(lat, lon, name=name, description=desc, time=_utc(r.planned.arrival),
                                               type=r.planned.kind))
            route.points.append(g.GPXRoutePoint(lat, lon, name=name, time=_utc(r.planned.arrival)))
        if end is not None:
            route.points.append(g.GPXRoutePoint(end.lat, end.lon, name=f"Retour {end.name}", time=_utc(bus.return_)))
        gpx.routes.append(route)
        track = g.GPXTrack(name=f"{prefix}Trajet routier".strip())
        for i in range(len(bus.legs)):
            seg = g.GPXTrackSegment()
            seg.points = [g.GPXTrackPoint(lat, lon) for lon, lat in ctx.leg_coords(bus, i)]
            if seg.points:
                track.segments.append(seg)
        gpx.tracks.append(track)
    return gpx


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    path = folder / file_names(ctx)[0]
    path.write_text(build(ctx).to_xml(version="1.1"), encoding="utf-8")
    return [path]
