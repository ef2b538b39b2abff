"""GeoJSON (RFC 7946): stops, legs and sites of the plan, lon/lat WGS84, no ``crs`` member.

Each feature's ``layer`` property says what it is ("stop", "leg", "site", "dropped_stop": a stop
asked for that the plan does not serve, with its reason); the same records feed the GeoPackage.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.exports.context import ATTRIBUTION, ExportContext

DECIMALS = 6  # ~0.1 m, as RFC 7946 §11.2 suggests
LAYER_NAME = {"stops": "stop", "legs": "leg", "sites": "site", "dropped": "dropped_stop"}


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}.geojson"]


def _pt(lon: float, lat: float) -> list[float]:
    return [round(lon, DECIMALS), round(lat, DECIMALS)]


def records(ctx: ExportContext) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """``{"stops"|"legs"|"sites"|"dropped": [(geometry, properties)]}``; dropped: the stops asked
    for that the plan does not serve, with the reason (``served`` False)."""
    stops, legs, sites = [], [], []
    for bus in ctx.plan.buses:
        for r in ctx.rows(bus):
            if r.lonlat is None:
                continue
            p = r.planned
            stops.append(({"type": "Point", "coordinates": _pt(*r.lonlat)}, {
                "bus": bus.bus_name, "sequence": p.sequence, "name": r.name, "kind": p.kind,
                "arrival": ctx.local(p.arrival).isoformat(), "departure": ctx.local(p.departure).isoformat(),
                "wait_s": round(p.wait_s, 1), "ambassador": r.ambassador.name if r.ambassador else "",
                "site_id": p.site_id, "stop_id": p.stop_id, "served": True}))
        for i, leg in enumerate(bus.legs):
            coords = [_pt(lon, lat) for lon, lat in ctx.leg_coords(bus, i)]
            if len(coords) < 2:
                continue
            legs.append(({"type": "LineString", "coordinates": coords}, {
                "bus": bus.bus_name, "index": i, "from": ctx.site_name(leg.from_site_id),
                "to": ctx.site_name(leg.to_site_id), "departure": ctx.local(leg.departure).isoformat(),
                "arrival": ctx.local(leg.arrival).isoformat(), "duration_s": round(leg.duration_s, 1),
                "distance_m": round(leg.distance_m, 1), "ambassadors": ctx.ambassador_names(leg.ambassador_ids)}))
    dropped = []
    for d in ctx.plan.dropped:  # asked for and not on the programme: said, where the site is
        s = ctx.site(d.site_id)
        if s is None:
            continue
        dropped.append(({"type": "Point", "coordinates": _pt(s.lon, s.lat)}, {
            "name": s.name, "stop_id": d.stop_id, "site_id": d.site_id, "required": d.required,
            "served": False, "reason": d.reason.text("fr")}))
    for s in ctx.tour_sites():
        sites.append(({"type": "Point", "coordinates": _pt(s.lon, s.lat)}, {
            "site_id": s.id, "name": s.name, "kind": s.kind.value, "address": s.address, "sector": s.sector,
            "products": s.products, "jobs": s.jobs, "contact_name": s.contact_name,
            "contact_phone": s.contact_phone, "contact_email": s.contact_email}))
    return {"stops": stops, "legs": legs, "sites": sites, "dropped": dropped}


def build(ctx: ExportContext) -> dict[str, Any]:
    feats = []
    for layer, items in records(ctx).items():
        for geom, props in items:
            feats.append({"type": "Feature", "geometry": geom, "properties": {"layer": LAYER_NAME[layer], **props}})
    fc: dict[str, Any] = {"type": "FeatureCollection", "features": feats}
    b = ctx.bounds()
    if b:
        fc["bbox"] = [round(v, DECIMALS) for v in b]
    fc["attribution"] = ATTRIBUTION  # foreign member (RFC 7946 §6.1): map data credit
    return fc


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    path = folder / file_names(ctx)[0]
    path.write_text(json.dumps(build(ctx), ensure_ascii=False, indent=1), encoding="utf-8", newline="\n")
    return [path]
