"""Ambassadors' booklets: one PDF per ambassador, the stops they present in the order of the day.

A cover (the ambassador, the tour, the day, their stops with times and buses, who to call) then,
for each of their stops, the stop sheet of :mod:`app.exports.pdf_sheets` (the company's facts,
talking points, video, contact, QR code to the coach entrance, approach map). An ambassador who
presents nothing gets no booklet; the file names carry their names.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from app.exports.context import ExportContext
from app.exports.files import unique_slugs
from app.exports.french import label, tour_title
from app.i18n import formats
from app.model.plan_view import StopRow


def _by_ambassador(ctx: ExportContext) -> list[tuple[Any, list[StopRow]]]:
    """(ambassador, the stops they present in the day's order), in name order."""
    from app.exports.pdf_sheets import sheet_rows

    rows = sorted(sheet_rows(ctx), key=lambda r: (r.planned.arrival, r.bus_index))
    out = []
    for a in sorted(ctx.ambassadors.values(), key=lambda a: a.name.lower()):
        mine = [r for r in rows if r.ambassador is not None and r.ambassador.id == a.id]
        if mine:
            out.append((a, mine))
    return out


def file_names(ctx: ExportContext) -> list[str]:
    parts = unique_slugs((a.name for a, _ in _by_ambassador(ctx)), "ambassadeur", max_len=40)
    return [f"{ctx.base_name}-livret-{part}.pdf" for part in parts]


def _cover(ctx: ExportContext, canvas: Any, ambassador, rows: list[StopRow]) -> None:
    canvas.rect(0, 0, 210, 42, fill="#2f3e4e")
    canvas.text(15, 9, 180, 12, f"Livret de {ambassador.name}", size_pt=20, bold=True, color="#ffffff")
    canvas.text(15, 22, 180, 7, tour_title(ctx.tour.name), size_pt=12, color="#ffffff")
    canvas.text(15, 30, 180, 6, formats.long_date(ctx.tour.date, "fr").capitalize(), size_pt=10, color="#e8eef8")
    y = 52.0
    canvas.text(15, y, 180, 7, f"Vos {len(rows)} présentations" if len(rows) > 1 else "Votre présentation",
                size_pt=13, bold=True)
    y += 9
    for r in rows:
        line = (f"{formats.clock(ctx.local(r.planned.arrival), 'fr')} — {r.name} ({r.kind_fr.lower()}, "
                f"{r.bus.bus_name}, arrêt n° {r.number})")
        h = canvas.text_height(line, 180, 10.5) + 1.5
        canvas.text(15, y, 180, h, line, size_pt=10.5)
        y += h
    y += 6
    contacts = []
    for bus in {r.bus.bus_id: r.bus for r in rows}.values():
        b = ctx.buses.get(bus.bus_id) if bus.bus_id is not None else None
        if b is not None and b.driver:
            contacts.append(f"{label(f'Conducteur du {bus.bus_name}')} {b.driver}"
                            + (f", {b.driver_phone}" if b.driver_phone else ""))
    if ctx.organiser:
        contacts.append(f"{label('Organisation')} {ctx.organiser}")
    if contacts:
        canvas.text(15, y, 180, 7, "Contacts du jour", size_pt=13, bold=True)
        y += 9
        for c in contacts:
            canvas.text(15, y, 180, 6, c, size_pt=10.5)
            y += 6
    canvas.text(15, 285, 180, 5, "Les pages suivantes : une fiche par arrêt, dans l'ordre de la journée.",
                size_pt=8, color="#555555")


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    from app.exports.pdf_adapter import PdfCanvas
    from app.exports.pdf_sheets import EMOJI_NOTE_SHEET, _sheet

    out = []
    for name, (ambassador, rows) in zip(file_names(ctx), _by_ambassador(ctx)):
        path = folder / name
        with PdfCanvas.pdf_file(path, title=f"Livret de {ambassador.name} — {ctx.tour.name}",
                                author=ctx.author) as canvas:
            _cover(ctx, canvas, ambassador, rows)
            for i, r in enumerate(rows):
                canvas.new_page()
                _sheet(ctx, canvas, r, i + 1, len(rows))
                if canvas.emoji_dropped:
                    canvas.text(10, 284, 190, 4, EMOJI_NOTE_SHEET, size_pt=6.5, color="#777777")
                    canvas.emoji_dropped = False
        out.append(path)
    return out
