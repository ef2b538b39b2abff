"""CSV itinerary for spreadsheets: UTF-8 with BOM, ``;`` by default (French Excel/Calc), ``,`` as option.

One row per place of each bus: departure depot, stops, return depot. Cells that a
spreadsheet would take for a formula (starting with = + - @ tab or CR) get a leading
apostrophe so they stay text (OWASP "CSV injection").
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from app.exports.context import ExportContext

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["Car", "N°", "Type", "Lieu", "Adresse", "Date", "Arrivée", "Départ", "Attente (min)", "Marge (min)",
          "Trajet depuis le lieu précédent (km)", "Trajet (min)", "Ambassadeurs à bord", "Présente",
          "Contact", "Téléphone", "Courriel", "Notes", "Latitude", "Longitude"]


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-itineraire.csv"]


def neutralise(value: Any) -> str:
    """``value`` as a cell that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(ctx: ExportContext) -> list[list[str]]:
    """The table (header first), cells already neutralised."""
    comma = ctx.options.csv_delimiter == ";"  # decimal comma only where the separator leaves it free

    def num(x: float, d: int = 1) -> str:
        s = f"{x:.{d}f}"
        return s.replace(".", ",") if comma else s

    def deg(x: float) -> str:
        return num(x, 6)

    def hm(t: Any) -> str:
        return ctx.local(t).strftime("%H:%M")

    date = ctx.tour.date.strftime("%d/%m/%Y")
    out = [HEADER]
    for bus in ctx.plan.buses:
        start = ctx.site(bus.start_site_id)
        out.append([bus.bus_name, "0", "Départ", start.name if start else "", start.address if start else "", date,
                    "", hm(bus.departure), "", "", "", "", ctx.ambassador_names(bus.legs[0].ambassador_ids)
                    if bus.legs else "", "", "", "", "", "",
                    deg(start.lat) if start else "", deg(start.lon) if start else ""])
        for r in ctx.rows(bus):
            p, s = r.planned, r.site
            leg = r.leg_in
            out.append([
                bus.bus_name, str(p.sequence), r.kind_fr, r.name, s.address if s else "", date,
                hm(p.arrival), hm(p.departure), num(p.wait_s / 60, 0), num(p.slack_s / 60, 0),
                num(leg.distance_m / 1000) if leg else "", num(leg.duration_s / 60, 0) if leg else "",
                ctx.ambassador_names(leg.ambassador_ids) if leg else "",
                r.ambassador.name if r.ambassador else "",
                s.contact_name if s else "", s.contact_phone if s else "", s.contact_email if s else "",
                " / ".join(x for x in ((s.notes if s else ""), (r.stop.notes if r.stop else "")) if x),
                deg(r.lonlat[1]) if r.lonlat else "", deg(r.lonlat[0]) if r.lonlat else ""])
        end = ctx.site(bus.end_site_id)
        last = bus.legs[-1] if bus.legs else None
        out.append([bus.bus_name, str(len(bus.stops) + 1), "Retour", end.name if end else "",
                    end.address if end else "", date, hm(bus.return_), "", "", "",
                    num(last.distance_m / 1000) if last else "", num(last.duration_s / 60, 0) if last else "",
                    ctx.ambassador_names(last.ambassador_ids) if last else "", "", "", "", "", "",
                    deg(end.lat) if end else "", deg(end.lon) if end else ""])
    return [[neutralise(c) for c in row] for row in out]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    path = folder / file_names(ctx)[0]
    delimiter = ctx.options.csv_delimiter if ctx.options.csv_delimiter in (";", ",") else ";"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel then reads UTF-8
        csv.writer(f, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n").writerows(rows(ctx))
    return [path]
