"""Itinerary PDF (A4): a route map drawn from the region's layers, then the day, bus by bus.

``render(ctx, canvas)`` draws on any PdfCanvas (a file here, a printer in the GUI).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from app.exports import mapdraw
from app.exports.context import ExportContext, StopRow
from app.exports.french import label, tour_title
from app.i18n import formats

MARGIN = 10.0
CONTENT_W = 190.0
BOTTOM = 284.0
GREY = "#555555"
COLUMNS = [("N°", 9), ("Arrivée", 15), ("Départ", 15), ("Attente", 14), ("Arrêt", 57), ("À bord · présente", 40),
           ("Contact sur place", 40)]


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-itineraire.pdf"]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    from app.exports.pdf_adapter import PdfCanvas

    path = folder / file_names(ctx)[0]
    with PdfCanvas.pdf_file(path, title=f"Itinéraire — {ctx.tour.name}", author=ctx.author) as canvas:
        render(ctx, canvas)
    return [path]


def render(ctx: ExportContext, canvas: Any) -> None:
    """All pages of the itinerary."""
    page = _Pages(ctx, canvas)
    _first_page(ctx, canvas, page)
    for b_index, bus in enumerate(ctx.plan.buses):
        page.new()
        _bus_table(ctx, canvas, page, b_index, bus)
    _contacts_and_warnings(ctx, canvas, page)
    if getattr(canvas, "emoji_dropped", False):
        canvas.text(MARGIN, 284, CONTENT_W, 4, EMOJI_NOTE, size_pt=6.5, color=GREY)


EMOJI_NOTE = "Les émojis des textes saisis ne sont pas imprimés (les polices du document n'en ont pas)."


class _Pages:
    """Page breaks and the footer on every page."""

    def __init__(self, ctx: ExportContext, canvas: Any):
        self.ctx, self.canvas, self.number, self.y = ctx, canvas, 0, MARGIN
        self._footer()

    def _footer(self) -> None:
        self.number += 1
        t = self.ctx.tour
        self.canvas.line(MARGIN, 288, MARGIN + CONTENT_W, 288, color="#bbbbbb", width_mm=0.2)
        self.canvas.text(MARGIN, 289, 150, 5, f"{tour_title(t.name)} — {formats.long_date(t.date, 'fr')}", size_pt=7, color=GREY)
        self.canvas.text(MARGIN + 140, 289, 50, 5, f"page {self.number}", size_pt=7, color=GREY, align="right")

    def new(self) -> None:
        self.canvas.new_page()
        self.y = MARGIN
        self._footer()

    def need(self, height: float) -> bool:
        """Start a new page if ``height`` mm do not fit; True when a page was started."""
        if self.y + height > BOTTOM:
            self.new()
            return True
        return False


def _summary(ctx: ExportContext) -> str:
    parts = []
    driving = [b for b in ctx.plan.buses if b.stops]
    if len(driving) > 1:  # each bus its own times: one bus's departure is not the tour's
        for b in driving:
            parts.append(f"{label(b.bus_name)} {formats.clock(ctx.local(b.departure), 'fr')}"
                         f"–{formats.clock(ctx.local(b.return_), 'fr')}")
    else:
        if ctx.departure is not None:
            parts.append(f"{label('Départ')} {formats.clock(ctx.local(ctx.departure), 'fr')}")
        if ctx.return_ is not None:
            parts.append(f"{label('Retour')} {formats.clock(ctx.local(ctx.return_), 'fr')}")
    parts += [f"{label(b.bus_name)} ne part pas" for b in ctx.plan.buses if not b.stops and len(ctx.plan.buses) > 1]
    dist = sum(b.distance_m for b in ctx.plan.buses)
    parts.append(formats.distance(dist, "fr"))
    n = sum(1 for r in ctx.rows() if not r.is_inserted)
    parts.append(f"{n} arrêt{'s' if n > 1 else ''}")
    nb = len(ctx.plan.buses)
    parts.append(f"{nb} car{'s' if nb > 1 else ''}")
    people = sum(g.people for g in ctx.groups.values()) if ctx.groups else ctx.tour.participants
    if people:
        parts.append(f"{people} participants")
    return " · ".join(parts)


def _first_page(ctx: ExportContext, canvas: Any, page: _Pages) -> None:
    t = ctx.tour
    y = MARGIN
    y += canvas.text(MARGIN, y, CONTENT_W, 16, tour_title(t.name), size_pt=17, bold=True) + 1
    sub = formats.long_date(t.date, 'fr').capitalize() + (f" · région {ctx.region_title}" if ctx.region_name else "")
    y += canvas.text(MARGIN, y, CONTENT_W, 7, sub, size_pt=11, color="#333333") + 1
    y += canvas.text(MARGIN, y, CONTENT_W, 6, _summary(ctx), size_pt=9, color=GREY) + 3
    rows = ctx.rows()
    legend_rows = (len(rows) + 1) // 2
    legend_h = min(70.0, 4.4 * legend_rows + 2)
    map_h = min(190.0, BOTTOM - y - legend_h - 4)
    frame = (MARGIN, y, CONTENT_W, map_h)
    bounds = ctx.bounds() or (0.0, 0.0, 0.0, 0.0)
    view = mapdraw.Viewport.fit(bounds, frame)
    with canvas.clipped(*frame):
        mapdraw.draw_base(canvas, view, ctx.layers)
        for b_index, bus in enumerate(ctx.plan.buses):
            mapdraw.draw_route(canvas, view, ctx.bus_track(bus), _colour(b_index))
        mapdraw.draw_street_names(canvas, view, ctx.layers)
        for bus in ctx.plan.buses:
            for sid in {bus.start_site_id, bus.end_site_id}:
                s = ctx.site(sid)
                if s is not None:
                    mapdraw.draw_marker(canvas, view, s.lon, s.lat, "D", "#222222", square=True)
        for r in rows:
            if r.lonlat is not None:
                mapdraw.draw_marker(canvas, view, r.lonlat[0], r.lonlat[1], str(r.number), _colour(r.bus_index))
        mapdraw.draw_frame_notes(canvas, view)
    if ctx.layers is None:
        canvas.text(MARGIN + 3, y + 3, 120, 5, "Fond de carte indisponible (région non chargée)", size_pt=7,
                    color=GREY)
    y += map_h + 3
    col_w = CONTENT_W / 2
    multi = len(ctx.plan.buses) > 1
    for i, r in enumerate(rows):
        col, line = divmod(i, legend_rows)
        x, yy = MARGIN + col * col_w, y + line * 4.4
        if yy + 4.4 > BOTTOM:
            break
        canvas.circle(x + 2, yy + 1.9, 1.8, fill=_colour(r.bus_index))
        canvas.text(x - 1, yy + 0.3, 6, 3.5, str(r.number), size_pt=5.5, bold=True, color="#ffffff", align="center")
        bus = f"{r.bus.bus_name} · " if multi else ""
        text = f"{bus}{formats.clock(ctx.local(r.planned.arrival), 'fr')} — {r.name}"
        canvas.text(x + 5, yy, col_w - 6, 4.2, text, size_pt=7.5, elide=True)
    page.y = BOTTOM


def _colour(index: int) -> str:
    return mapdraw.BUS_COLOURS[index % len(mapdraw.BUS_COLOURS)]


def _bus_table(ctx: ExportContext, canvas: Any, page: _Pages, b_index: int, bus: Any) -> None:
    bus_rec = ctx.buses.get(bus.bus_id) if bus.bus_id is not None else None
    title = f"{bus.bus_name} — {formats.clock(ctx.local(bus.departure), 'fr')} à {formats.clock(ctx.local(bus.return_), 'fr')}"
    page.y += canvas.text(MARGIN, page.y, CONTENT_W, 9, title, size_pt=13, bold=True, color=_colour(b_index)) + 1
    details = []
    if bus_rec is not None:
        details.append(f"{bus_rec.seats} places")
        if bus_rec.operator:
            details.append(f"{label('Autocariste')} {bus_rec.operator}")
        if bus_rec.driver:
            details.append(f"{label('Conducteur')} {bus_rec.driver}"
                           + (f", {bus_rec.driver_phone}" if bus_rec.driver_phone else ""))
        v = bus_rec.vehicle
        details.append(f"{v.name} (h. {str(v.height_m).replace('.', ',')} m, {str(v.weight_t).replace('.', ',')} t)")
    details.append(f"{formats.distance(bus.distance_m, 'fr')}, {formats.duration(bus.driving_s, 'fr')} de route")
    page.y += canvas.text(MARGIN, page.y, CONTENT_W, 12, " · ".join(details), size_pt=8.5, color="#333333") + 3
    _table_header(canvas, page)
    start = ctx.site(bus.start_site_id)
    _row(canvas, page, ["", "", formats.clock(ctx.local(bus.departure), "fr"), "",
                        "Départ — " + (start.name + (f"\n{start.address}" if start.address else "") if start else "dépôt"),
                        ctx.ambassador_names(bus.legs[0].ambassador_ids) if bus.legs else "", ""], shade=True)
    for r in ctx.rows(bus):
        _row(canvas, page, _cells(ctx, r))
    end = ctx.site(bus.end_site_id)
    _row(canvas, page, ["", formats.clock(ctx.local(bus.return_), "fr"), "", "",
                        "Retour — " + (end.name if end else "dépôt"), "", ""], shade=True)
    page.y += 4


def _cells(ctx: ExportContext, r: StopRow) -> list[str]:
    p = r.planned
    place = f"{r.name}\n{r.kind_fr}"
    if r.site is not None and r.site.address:
        place += f" · {r.site.address}"
    if r.stop is not None and r.stop.notes:
        place += f"\n{r.stop.notes}"
    on_board = ctx.ambassador_names(r.leg_in.ambassador_ids) if r.leg_in is not None else ""
    if r.ambassador is not None:
        on_board += f"\n{label('Présente')} {r.ambassador.name}"
    contact = ""
    if r.site is not None:
        contact = "\n".join(x for x in (r.site.contact_name, r.site.contact_phone, r.site.contact_email) if x)
    wait = formats.duration(p.wait_s, "fr") if p.wait_s >= 60 else "—"
    return [str(p.sequence), formats.clock(ctx.local(p.arrival), "fr"), formats.clock(ctx.local(p.departure), "fr"), wait, place,
            on_board.strip(), contact]


def _table_header(canvas: Any, page: _Pages) -> None:
    x = MARGIN
    canvas.rect(MARGIN, page.y, CONTENT_W, 6, fill="#2f3e4e")
    for title, w in COLUMNS:
        canvas.text(x + 1, page.y + 1.1, w - 2, 5, title, size_pt=7.5, bold=True, color="#ffffff")
        x += w
    page.y += 6


def _row(canvas: Any, page: _Pages, cells: list[str], shade: bool = False) -> None:
    """One table row; the place cell's first line (the stop's name) is bold."""
    size = 7.5
    head, _, rest = cells[4].partition("\n")
    heights = [canvas.text_height(c, w - 2, size, bold=(i == 0)) for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS))]
    w4 = COLUMNS[4][1] - 2
    head_h = canvas.text_height(head, w4, size, bold=not shade)
    heights[4] = head_h + canvas.text_height(rest, w4, size)
    h = min(max(heights) + 2, 60.0)
    if page.need(h):
        _table_header(canvas, page)
    if shade:
        canvas.rect(MARGIN, page.y, CONTENT_W, h, fill="#eef1f4")
    x = MARGIN
    for i, (c, (_, w)) in enumerate(zip(cells, COLUMNS)):
        if i == 4:
            canvas.text(x + 1, page.y + 1, w - 2, h - 1, head, size_pt=size, bold=not shade)
            canvas.text(x + 1, page.y + 1 + head_h, w - 2, h - 1 - head_h, rest, size_pt=size)
        else:
            canvas.text(x + 1, page.y + 1, w - 2, h - 1, c, size_pt=size, bold=(i == 0))
        x += w
    canvas.line(MARGIN, page.y + h, MARGIN + CONTENT_W, page.y + h, color="#cccccc", width_mm=0.15)
    page.y += h


def _contacts_and_warnings(ctx: ExportContext, canvas: Any, page: _Pages) -> None:
    amb_ids = {a for b in ctx.plan.buses for leg in b.legs for a in leg.ambassador_ids}
    amb_ids |= {r.ambassador.id for r in ctx.rows() if r.ambassador is not None}
    ambs = [ctx.ambassadors[i] for i in sorted(amb_ids, key=lambda i: ctx.ambassadors[i].name.lower())
            if i in ctx.ambassadors]
    if ambs:
        page.need(14)
        page.y += canvas.text(MARGIN, page.y, CONTENT_W, 8, "Ambassadeurs", size_pt=12, bold=True) + 1
        for a in ambs:
            line = " · ".join(x for x in (a.name, a.organisation, a.phone, a.email) if x)
            h = canvas.text_height(line, CONTENT_W, 8.5) + 0.8
            page.need(h)
            page.y += canvas.text(MARGIN, page.y, CONTENT_W, h, line, size_pt=8.5) + 0.8
        page.y += 3
    items = [f"Arrêt non desservi — {ctx.site_name(d.site_id, f'arrêt {d.stop_id}')} : {d.reason.text('fr')}"
             for d in ctx.plan.dropped]
    items += [w.message.text("fr") for w in ctx.plan.warnings]
    if items:
        page.need(14)
        page.y += canvas.text(MARGIN, page.y, CONTENT_W, 8, "Points d'attention", size_pt=12, bold=True) + 1
        for it in items:
            h = canvas.text_height("• " + it, CONTENT_W, 8.5) + 0.8
            page.need(h)
            page.y += canvas.text(MARGIN, page.y, CONTENT_W, h, "• " + it, size_pt=8.5) + 0.8
