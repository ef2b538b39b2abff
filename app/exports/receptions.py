"""Each company's reception schedule: which buses and groups come, how many people, when, in how
many turns, who to call on the bus — what a company needs to prepare the visit.

PDF (one page per company, A4) and CSV (one row per reception, ``;`` and UTF-8 with BOM like the
itinerary). A tour without visits gives no file.
"""
from __future__ import annotations

from pathlib import Path

from app.exports.context import ExportContext
from app.exports.csv_itinerary import neutralise, write_table
from app.exports.event_tables import Reception, receptions
from app.exports.french import for_print, label, tour_title
from app.i18n import formats

HEADER = ["Entreprise", "Adresse", "Date", "Car", "Groupes", "Organisations", "Personnes", "Dont accompagnateurs",
          "Arrivée du car", "Début de la visite", "Fin de la visite", "Départ du car", "Tours", "Horaires des tours",
          "Contacts des groupes", "Conducteur", "Téléphone du conducteur", "Ambassadeur"]


def file_names(ctx: ExportContext) -> list[str]:
    if not receptions(ctx):
        return []
    return [f"{ctx.base_name}-accueil-entreprises.pdf", f"{ctx.base_name}-accueil-entreprises.csv"]


def _hm(ctx: ExportContext, when) -> str:
    return ctx.local(when).strftime("%H:%M")


def _turns(ctx: ExportContext, r: Reception) -> str:
    return " / ".join(f"{_hm(ctx, a)}–{_hm(ctx, b)}" for a, b in r.turns)


def rows(ctx: ExportContext) -> list[list[str]]:
    """The CSV table, header first, cells neutralised."""
    date = ctx.tour.date.strftime("%d/%m/%Y")
    out = [HEADER]
    for r in receptions(ctx):
        bus = ctx.buses.get(r.bus.bus_id) if r.bus.bus_id is not None else None
        amb = ctx.ambassadors.get(r.planned.ambassador_id) if r.planned.ambassador_id is not None else None
        out.append([r.site.name, r.site.address, date, r.bus.bus_name, ", ".join(g.name for g in r.groups),
                    ", ".join(dict.fromkeys(g.organisation for g in r.groups if g.organisation)), str(r.people),
                    str(r.adults), _hm(ctx, r.planned.arrival), _hm(ctx, r.start), _hm(ctx, r.end),
                    _hm(ctx, r.planned.departure), str(len(r.turns)), _turns(ctx, r),
                    " ; ".join(f"{g.name} : {g.contact}" for g in r.groups if g.contact),
                    bus.driver if bus else "", bus.driver_phone if bus else "", amb.name if amb else ""])
    return [[neutralise(c) for c in row] for row in out]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    names = file_names(ctx)
    if not names:
        return []
    from app.exports.event_pdf import TablePage, title_band
    from app.exports.pdf_adapter import PdfCanvas

    pdf, csv = folder / names[0], write_table(ctx, folder / names[1], rows(ctx))
    by_site: dict[int, list[Reception]] = {}
    for r in receptions(ctx):
        by_site.setdefault(r.site.id, []).append(r)
    with PdfCanvas.pdf_file(pdf, title=f"Accueil des entreprises — {ctx.tour.name}", author=ctx.author) as canvas:
        for n, recs in enumerate(by_site.values()):
            if n:
                canvas.new_page()
            site = recs[0].site
            y = title_band(canvas, for_print(f"Accueil chez {site.name}"), [
                tour_title(ctx.tour.name), formats.long_date(ctx.tour.date, "fr").capitalize()
                + (f" · {site.address}" if site.address else "")])
            people = sum(r.people for r in recs)
            summary = (f"{len(recs)} accueil{'s' if len(recs) > 1 else ''}, {people} personnes en tout"
                       + (f" · capacité d'accueil {site.visit_capacity} personnes à la fois" if site.visit_capacity else ""))
            y += canvas.text(12, y, 186, 6, summary, size_pt=10.5, bold=True) + 3
            table = TablePage(canvas, y, ["Car", "Groupes", "Pers.", "Arrivée", "Visite", "Départ", "Contact à bord"],
                              [18, 46, 12, 16, 32, 16, 46])
            for r in recs:
                bus = ctx.buses.get(r.bus.bus_id) if r.bus.bus_id is not None else None
                groups = "\n".join(f"{g.name}" + (f" ({g.organisation})" if g.organisation else "")
                                   + (f", {g.adults} accompagnateurs" if g.adults else "") for g in r.groups)
                visit = _turns(ctx, r) + (f"\n{len(r.turns)} tours" if len(r.turns) > 1 else "")
                contact = "\n".join(list(dict.fromkeys(g.contact for g in r.groups if g.contact))
                                    + ([f"{label('Conducteur')} {bus.driver} {bus.driver_phone}".strip()]
                                       if bus and bus.driver else []))
                table.add([r.bus.bus_name, groups or "—", str(r.people), _hm(ctx, r.planned.arrival), visit,
                           _hm(ctx, r.planned.departure), for_print(contact)])
            note = ("Le car arrive à l'heure d'arrivée ; la visite commence à l'heure indiquée. Quand l'entreprise "
                    "reçoit moins de personnes à la fois que le car n'en transporte, les groupes visitent par tours.")
            canvas.text(12, table.y + 4, 186, 12, note, size_pt=8, color="#555555")
    return [pdf, csv]
