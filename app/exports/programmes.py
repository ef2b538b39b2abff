"""Each group's programme: its bus, the companies it visits and when, the other moments of its
day — what a teacher hands to pupils, what a job counsellor reads before the tour.

PDF (one page per group, A4) and CSV (one row per moment of each group's day). A tour without
participant groups gives no file.
"""
from __future__ import annotations

from pathlib import Path

from app.exports.context import ExportContext
from app.exports.csv_itinerary import neutralise, write_table
from app.exports.event_tables import KIND_FR, programmes
from app.exports.french import for_print, label, tour_title
from app.i18n import formats

HEADER = ["Groupe", "Organisation", "Public", "Personnes", "Car", "Date", "Heure", "Jusqu'à", "Lieu", "Adresse",
          "Ce que fait le groupe"]
AUDIENCE_FR = {"prescripteurs": "Prescripteurs", "scolaires": "Scolaires", "grand_public": "Grand public",
               "demandeurs_emploi": "Demandeurs d'emploi", "other": "Autre"}


def file_names(ctx: ExportContext) -> list[str]:
    if not ctx.groups:
        return []
    return [f"{ctx.base_name}-programmes-groupes.pdf", f"{ctx.base_name}-programmes-groupes.csv"]


def _hm(ctx: ExportContext, when) -> str:
    return ctx.local(when).strftime("%H:%M")


def _what(line) -> str:
    return "Visite" if line.visits else KIND_FR.get(line.planned.kind, line.planned.kind)


def _missed(ctx: ExportContext, group, bus) -> list:
    """The visits the plan drops for ``group``'s bus (or for any bus) that its programme holds."""
    wanted = set(group.visits) | set(group.choices) if group.has_programme else None
    return [d for d in ctx.plan.dropped if d.bus_id in (None, bus.bus_id if bus else None)
            and (wanted is None or d.stop_id in wanted)
            and ctx.stops.get(d.stop_id) is not None and ctx.stops[d.stop_id].kind.value == "visit"]


def rows(ctx: ExportContext) -> list[list[str]]:
    date = ctx.tour.date.strftime("%d/%m/%Y")
    audience = AUDIENCE_FR.get(ctx.tour.audience.value, "")
    out = [HEADER]
    for g, bus, lines in programmes(ctx):
        who = [g.name, g.organisation, AUDIENCE_FR.get(g.audience, audience), str(g.people)]
        if bus is None or not lines:
            out.append(who + [bus.bus_name if bus else "", date, "", "", "", "", "Aucune étape au plan"])
            continue
        for line in lines:
            site = line.site
            out.append(who + [bus.bus_name, date, _hm(ctx, line.planned.arrival), _hm(ctx, line.planned.departure),
                              site.name if site else line.planned.name, site.address if site else "", _what(line)])
    return [[neutralise(c) for c in row] for row in out]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    names = file_names(ctx)
    if not names:
        return []
    from app.exports.event_pdf import TablePage, title_band
    from app.exports.pdf_adapter import PdfCanvas

    pdf, csv = folder / names[0], write_table(ctx, folder / names[1], rows(ctx))
    with PdfCanvas.pdf_file(pdf, title=f"Programmes des groupes — {ctx.tour.name}", author=ctx.author) as canvas:
        for n, (g, bus, lines) in enumerate(programmes(ctx)):
            if n:
                canvas.new_page()
            sub = [tour_title(ctx.tour.name), formats.long_date(ctx.tour.date, "fr").capitalize()]
            y = title_band(canvas, for_print(f"Programme du groupe {g.name}"), sub)
            facts = [f"{label('Personnes')} {g.size}" + (f" et {g.adults} accompagnateurs" if g.adults else "")]
            if g.organisation:
                facts.insert(0, f"{label('Organisation')} {g.organisation}")
            if bus is not None:
                b = ctx.buses.get(bus.bus_id) if bus.bus_id is not None else None
                facts.append(f"{label('Car')} {bus.bus_name}, départ {_hm(ctx, bus.departure)}, "
                             f"retour {_hm(ctx, bus.return_)}"
                             + (f" · {label('conducteur')} {b.driver} {b.driver_phone}".rstrip() if b and b.driver else ""))
            if g.contact:
                facts.append(f"{label('Contact du groupe')} {g.contact}")
            for fact in facts:
                y += canvas.text(12, y, 186, 6, for_print(fact), size_pt=10.5) + 1
            y += 4
            visits = sum(1 for line in lines if line.visits)
            heading = f"{visits} visite{'s' if visits > 1 else ''}" if visits else "Aucune visite"
            y += canvas.text(12, y, 186, 7, heading, size_pt=13, bold=True) + 2
            table = TablePage(canvas, y, ["Heure", "Jusqu'à", "Lieu", "Ce que fait le groupe"], [20, 20, 96, 50],
                              size_pt=10)
            for line in lines:
                site = line.site
                table.add([_hm(ctx, line.planned.arrival), _hm(ctx, line.planned.departure),
                           for_print((site.name if site else line.planned.name)
                                     + (f"\n{site.address}" if site and site.address else "")), _what(line)])
            y = table.y + 3
            if not lines:
                y += canvas.text(12, y, 186, 6, "Aucune étape au plan : voir l'organisateur.", size_pt=10) + 2
            for d in _missed(ctx, g, bus):  # what the group asked for and will not do, and why
                site = ctx.site(d.site_id)
                text = for_print(f"Non programmé : {site.name if site else d.stop_id} — {d.reason.text('fr')}")
                h = canvas.text_height(text, 186, 9) + 1
                if y + h > 280:
                    break
                canvas.text(12, y, 186, h, text, size_pt=9, color="#8a1c1c")
                y += h
    return [pdf, csv]
