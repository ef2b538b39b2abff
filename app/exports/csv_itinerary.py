"""CSV itinerary for spreadsheets: UTF-8 with BOM, ``;`` by default (French Excel/Calc), ``,`` as option.

One row per place of each bus: departure depot, stops, return depot; then one row per stop asked
for that the plan does not serve ("Non programmé", the reason in Notes). Cells that a
spreadsheet would take for a formula (starting with = + - @ tab or CR) get a leading
apostrophe so they stay text (OWASP "CSV injection"); a telephone number ("+33 6 ...") is
quoted instead, so it stays text without a stray apostrophe.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.exports.context import ExportContext

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# "+33 6 39 98 00 11", "+43 (0)2732 123": a telephone number, not a formula (Calc and Excel treat
# a leading + followed by digits as text once the cell is quoted; an apostrophe would show).
PHONE = re.compile(r"\+[0-9][0-9 ().\-/]*")
HEADER = ["Car", "N°", "Type", "Lieu", "Adresse", "Date", "Arrivée", "Départ", "Attente (min)", "Marge (min)",
          "Trajet depuis le lieu précédent (km)", "Trajet (min)", "Ambassadeurs à bord", "Présente",
          "Contact", "Téléphone", "Courriel", "Notes", "Latitude", "Longitude"]


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-itineraire.csv"]


def neutralise(value: Any) -> str:
    """``value`` as a cell that no spreadsheet evaluates: a cell that would start a formula gets a
    leading apostrophe, except a telephone number (written quoted instead, see :func:`write_rows`)."""
    text = "" if value is None else str(value)
    if PHONE.fullmatch(text):
        return text
    return "'" + text if text.startswith(FORMULA_START) else text


def write_rows(f, rows: list[list[str]], delimiter: str) -> None:
    """RFC 4180 rows, CRLF; a cell is quoted when it holds the delimiter, a quote or a line break,
    and always when it is a telephone number (so a spreadsheet keeps it as text)."""
    for row in rows:
        cells = []
        for cell in row:
            if PHONE.fullmatch(cell) or any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        f.write(delimiter.join(cells) + "\r\n")


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
    for d in ctx.plan.dropped:  # asked for, not on the programme: a row says so and why
        s = ctx.site(d.site_id)
        out.append(["", "", "Non programmé (obligatoire)" if d.required else "Non programmé (facultatif)",
                    s.name if s else f"arrêt {d.stop_id}", s.address if s else "", date, "", "", "", "", "", "", "",
                    "", s.contact_name if s else "", s.contact_phone if s else "", s.contact_email if s else "",
                    d.reason.text("fr"), deg(s.lat) if s else "", deg(s.lon) if s else ""])
    return [[neutralise(c) for c in row] for row in out]


def write_table(ctx: ExportContext, path: Path, table: list[list[str]]) -> Path:
    """``table`` as a CSV file at ``path``: UTF-8 with BOM (Excel then reads UTF-8), the chosen separator."""
    delimiter = ctx.options.csv_delimiter if ctx.options.csv_delimiter in (";", ",") else ";"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        write_rows(f, table, delimiter)
    return path


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    return [write_table(ctx, folder / file_names(ctx)[0], rows(ctx))]
