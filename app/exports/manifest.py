"""The bus manifest: who is aboard each bus, for the driver and the group's safety (A4 PDF, one
page or more per bus). Names and contacts of the participants, the counted groups (pupils are
counted, not named) with their accompanying adults and contact, and a box to tick at boarding.

Personal data: written only when the organiser asks for it by name (never in "all" or a
partner pack, :data:`app.exports.registry.PERSONAL`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from app.exports.context import ExportContext
from app.exports.french import label, tour_title
from app.i18n import formats
from app.model.rules import seat_groups


def file_names(ctx: ExportContext) -> list[str]:
    if not ctx.participants and not ctx.groups and not ctx.tour.participants:
        return []
    return [f"{ctx.base_name}-liste-passagers.pdf"]


def aboard(ctx: ExportContext) -> list[tuple[Optional[int], str]]:
    """(bus id, bus name) in the plan's order, then "car à confirmer" (None) when someone has no bus yet."""
    buses = list(ctx.buses.values())
    seats = seat_groups(buses, list(ctx.groups.values()))
    out = [(b.id, b.name) for b in buses]
    single = buses[0].id if len(buses) == 1 else None
    if any((seats.get(p.group_id) if p.group_id in ctx.groups else single) is None for p in ctx.participants):
        out.append((None, "Car à confirmer"))
    return out


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    names = file_names(ctx)
    if not names:
        return []
    from app.exports.event_pdf import TablePage, title_band
    from app.exports.pdf_adapter import PdfCanvas

    buses = list(ctx.buses.values())
    seats = seat_groups(buses, list(ctx.groups.values()))
    single = buses[0].id if len(buses) == 1 else None
    path = folder / names[0]
    date = formats.long_date(ctx.tour.date, "fr")
    with PdfCanvas.pdf_file(path, title=f"Liste des passagers — {ctx.tour.name}", author=ctx.author) as canvas:
        first = True
        for bus_id, bus_name in aboard(ctx):
            people = [p for p in ctx.participants
                      if (seats.get(p.group_id) if p.group_id in ctx.groups else single) == bus_id]
            groups = [g for g in ctx.groups.values() if seats.get(g.id) == bus_id]
            bus = ctx.buses.get(bus_id) if bus_id is not None else None
            if not first:
                canvas.new_page()
            first = False
            counted = sum(g.people for g in groups) + sum(1 for p in people if p.group_id not in ctx.groups)
            if not ctx.groups and bus is not None and len(buses) == 1:  # a partial list: the tour's count
                counted = max(counted, ctx.tour.participants)
            lines = [tour_title(ctx.tour.name), f"{date} — {bus_name}" + (f" — {label('Conducteur')} {bus.driver}" if bus and bus.driver else ""),
                     f"{label('Personnes à bord')} {counted}" + (f" / {bus.seats} places" if bus and bus.seats else "")]
            y = title_band(canvas, "Liste des passagers", lines)
            if people:
                table = TablePage(canvas, y, ["N°", "Nom", "Structure", "Contact", "Prise en charge", "Groupe", "Présent"],
                                  [10, 44, 36, 30, 26, 22, 18])
                for i, p in enumerate(people, 1):
                    group = ctx.groups.get(p.group_id)
                    table.add([str(i), p.name, p.organisation, p.contact, p.pickup, group.name if group else "", "[   ]"])
                y = table.y + 6
            if groups:
                canvas.text(12, y, 186, 7, "Groupes comptés", size_pt=12, bold=True)
                table = TablePage(canvas, y + 8, ["Groupe", "Organisation", "Participants", "Accompagnateurs",
                                                  "Contact du groupe", "Présents"], [40, 44, 24, 26, 38, 14])
                for g in groups:
                    table.add([g.name, g.organisation, str(g.size), str(g.adults), g.contact, "____"])
                y = table.y + 6
            canvas.text(12, min(y, 262), 186, 14,
                        "Document nominatif, pour le conducteur et les accompagnateurs : à ne pas diffuser, à "
                        "détruire après le circuit.", size_pt=8, italic=True, color="#555555")
    return [path]
