"""Ambassador stop sheets (A4): one page per organiser's stop, ready to print.

Each page: number, times and bus; company facts; talking points and notes; who
presents; the video cue; address and coach gate; a QR code of a ``geo:`` link;
a small map of the approach drawn from the region's layers.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Optional

from app.exports import mapdraw
from app.model.media import video_file
from app.exports.context import ExportContext, StopRow
from app.exports.french import label, tour_title
from app.i18n import formats
from app.i18n.formats import NBSP

LEFT_X, LEFT_W = 10.0, 118.0
RIGHT_X, RIGHT_W = 136.0, 64.0
BOTTOM = 284.0
APPROACH_HALF_SPAN_M = 450.0


def file_names(ctx: ExportContext) -> list[str]:
    return [f"{ctx.base_name}-fiches-arrets.pdf"]


EMOJI_NOTE_SHEET = "Les émojis des textes saisis ne sont pas imprimés (les polices du document n'en ont pas)."


def sheet_rows(ctx: ExportContext) -> list[StopRow]:
    """The stops that get a sheet: the organiser's own (not breaks the planner inserted)."""
    return [r for r in ctx.rows() if not r.is_inserted]


def write(ctx: ExportContext, folder: Path) -> list[Path]:
    from app.exports.pdf_adapter import PdfCanvas

    path = folder / file_names(ctx)[0]
    with PdfCanvas.pdf_file(path, title=f"Fiches arrêts — {ctx.tour.name}", author=ctx.author) as canvas:
        render(ctx, canvas)
    return [path]


def render(ctx: ExportContext, canvas: Any) -> None:
    rows = sheet_rows(ctx)
    if not rows:
        canvas.text(LEFT_X, 20, 190, 10, "Aucun arrêt dans ce plan.", size_pt=12)
        return
    for i, r in enumerate(rows):
        if i:
            canvas.new_page()
        _sheet(ctx, canvas, r, i + 1, len(rows))
        if getattr(canvas, "emoji_dropped", False):  # said on each sheet that lost some
            canvas.text(LEFT_X, 284, 190, 4, EMOJI_NOTE_SHEET, size_pt=6.5, color="#777777")
            canvas.emoji_dropped = False


def geo_uri(lon: float, lat: float) -> str:
    """RFC 5870 ``geo:`` URI (latitude first)."""
    return f"geo:{lat:.6f},{lon:.6f}"


def _colour(r: StopRow) -> str:
    return mapdraw.BUS_COLOURS[r.bus_index % len(mapdraw.BUS_COLOURS)]


def _sheet(ctx: ExportContext, canvas: Any, r: StopRow, index: int, total: int) -> None:
    colour = _colour(r)
    p = r.planned
    canvas.rect(0, 0, 210, 30, fill=colour)
    canvas.circle(21, 15, 9, fill="#ffffff")
    canvas.text(11, 9.5, 20, 12, str(r.number), size_pt=20 if r.number < 100 else 14, bold=True, color=colour,
                align="center", valign="middle")
    canvas.text(35, 5, 168, 11, r.name, size_pt=16 if len(r.name) < 48 else 12, bold=True, color="#ffffff")
    times = [r.kind_fr, f"{label('Arrivée')} {formats.clock(ctx.local(p.arrival), 'fr')}",
             f"{label('Départ')} {formats.clock(ctx.local(p.departure), 'fr')}"]
    if p.wait_s >= 60:
        times.append(f"{label('Attente')} {formats.duration(p.wait_s, 'fr')}")
    times.append(r.bus.bus_name)
    canvas.text(35, 17, 168, 6, " · ".join(times), size_pt=10, color="#ffffff")
    canvas.text(35, 23.5, 168, 5, f"{tour_title(ctx.tour.name)} — {formats.long_date(ctx.tour.date, 'fr')}", size_pt=8,
                color="#e8eef8")

    flow = _Flow(canvas, LEFT_X, 36, LEFT_W, BOTTOM, colour)
    s = r.site
    if s is not None:
        facts = [(label("Secteur"), s.sector), (label("Ce qui est fabriqué"), s.products),
                 (label("Métiers à pourvoir"), s.jobs), (label("Niveaux de salaire"), s.salaries),
                 (label("Formation interne"), s.training)]
        if s.visit_capacity:
            facts.append((label("Capacité d'accueil"), f"{s.visit_capacity}{NBSP}personnes"))
        flow.section("L'entreprise", "\n".join(f"{k} {v}" for k, v in facts if v))
        flow.section("Points à aborder", s.talking_points)
    notes = "\n".join(x for x in ((s.notes if s else ""), (r.stop.notes if r.stop else "")) if x)
    flow.section("Notes", notes)
    presenter = "—"
    if r.ambassador is not None:
        a = r.ambassador
        presenter = ", ".join(x for x in (a.name, a.organisation, a.phone) if x)
    on_board = ctx.ambassador_names(r.leg_in.ambassador_ids) if r.leg_in is not None else ""
    who = f"{label('Présente')} {presenter}" + (f"\n{label('À bord pendant le trajet')} {on_board}" if on_board else "")
    flow.section("Qui présente", who)
    flow.section("Vidéo", _video_text(ctx, r) or "Pas de vidéo prévue pour cet arrêt.")
    if s is not None:
        contact = "\n".join(x for x in (s.contact_name, s.contact_phone, s.contact_email) if x)
        flow.section("Contact sur place", contact)

    _right_column(ctx, canvas, r, colour)
    canvas.line(10, 288, 200, 288, color="#bbbbbb", width_mm=0.2)
    canvas.text(10, 289, 150, 5, f"Fiche arrêt — {ctx.tour.name}", size_pt=7, color="#555555")
    canvas.text(140, 289, 60, 5, f"{index} / {total}", size_pt=7, color="#555555", align="right")


def _video_text(ctx: ExportContext, r: StopRow) -> str:
    lines = []
    for c in sorted(r.cues, key=lambda c: c.start):
        v = ctx.videos.get(c.video_id)
        title = c.title or (v.title if v else f"vidéo {c.video_id}")
        line = f"« {title} » — à lancer à {formats.clock(ctx.local(c.start), 'fr')}"
        if c.trim_end_s is not None or c.trim_start_s:
            end = c.trim_end_s if c.trim_end_s is not None else (v.duration_s if v else None)
            line += f", extrait de {formats.offset(c.trim_start_s, 'fr')}"
            if end is not None:
                line += f" à {formats.offset(end, 'fr')}"
        elif v is not None:
            line += f", en entier ({formats.offset(v.duration_s, 'fr')})"
        if v is not None and video_file(ctx.media_folder, v.path) is not None:  # never a path outside the project
            line += f"\n{label('Fichier')} {v.path}"
        lines.append(line)
    return "\n".join(lines)


class _Flow:
    """Sections stacked down a column; what does not fit is cut at the page's bottom."""

    def __init__(self, canvas: Any, x: float, y: float, w: float, bottom: float, colour: str):
        self.c, self.x, self.y, self.w, self.bottom, self.colour = canvas, x, y, w, bottom, colour

    def section(self, title: str, body: str) -> None:
        if not body or self.y > self.bottom - 10:
            return
        self.c.text(self.x, self.y, self.w, 6, title, size_pt=11, bold=True, color=self.colour)
        self.y += 5.6
        self.c.line(self.x, self.y, self.x + self.w, self.y, color="#cccccc", width_mm=0.2)
        self.y += 1.2
        used = self.c.text(self.x, self.y, self.w, self.bottom - self.y, body, size_pt=9.5)
        self.y += used + 4.5


def _right_column(ctx: ExportContext, canvas: Any, r: StopRow, colour: str) -> None:
    y = 36.0
    lonlat = r.lonlat
    if lonlat is not None:
        import segno

        # where the coach goes: the printed coach entrance when the site has one
        uri = geo_uri(*(r.site.routing_point if r.site is not None else lonlat))
        qr = segno.make(uri, error="m", micro=False)
        matrix = [list(row) for row in qr.matrix_iter(border=2)]
        size = 34.0
        cell = size / len(matrix)
        qx = RIGHT_X + (RIGHT_W - size) / 2
        canvas.rect(qx, y, size, size, fill="#ffffff")
        canvas.cells(qx, y, cell, matrix)
        y += size + 1
        canvas.text(RIGHT_X, y, RIGHT_W, 8, f"Itinéraire GPS (scanner)\n{uri}", size_pt=6.5, color="#555555",
                    align="center")
        y += 9
    frame = (RIGHT_X, y, RIGHT_W, RIGHT_W)
    if lonlat is not None:
        _approach_map(ctx, canvas, r, frame, colour)
        y += RIGHT_W + 1
        canvas.text(RIGHT_X, y, RIGHT_W, 5, "Approche du site", size_pt=7, color="#555555", align="center")
        y += 6
    s = r.site
    if s is not None:
        canvas.text(RIGHT_X, y, RIGHT_W, 6, "Adresse et accès", size_pt=11, bold=True, color=colour)
        y += 6.8
        lines = [s.address or "Adresse non renseignée"]
        if s.gate_lon is not None and s.gate_lat is not None:
            lines.append(f"{label('Entrée des cars')} {_coord(s.gate_lon, s.gate_lat)}")
        lines.append(f"{label('Site')} {_coord(s.lon, s.lat)}")
        canvas.text(RIGHT_X, y, RIGHT_W, BOTTOM - y, "\n".join(lines), size_pt=8.5)


def _coord(lon: float, lat: float) -> str:
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "O"
    return f"{abs(lat):.5f}".replace(".", ",") + f"{NBSP}{ns}, " + f"{abs(lon):.5f}".replace(".", ",") + f"{NBSP}{ew}"


def _approach_map(ctx: ExportContext, canvas: Any, r: StopRow, frame: tuple, colour: str) -> None:
    lon, lat = r.lonlat  # type: ignore[misc]
    d_lat = APPROACH_HALF_SPAN_M / 110_574.0
    d_lon = APPROACH_HALF_SPAN_M / (111_320.0 * max(0.1, math.cos(math.radians(lat))))
    view = mapdraw.Viewport.fit((lon - d_lon, lat - d_lat, lon + d_lon, lat + d_lat), frame, margin=0.0)
    with canvas.clipped(*frame):
        mapdraw.draw_base(canvas, view, ctx.layers, detail=1.5)
        b = r.bus
        i = r.planned.sequence - 1
        if r.leg_out is not None and i + 1 < len(b.legs):
            mapdraw.draw_route(canvas, view, ctx.leg_coords(b, i + 1), "#9aa5b1", 0.9)
        if r.leg_in is not None and i < len(b.legs):
            mapdraw.draw_route(canvas, view, ctx.leg_coords(b, i), colour, 1.3)
        mapdraw.draw_street_names(canvas, view, ctx.layers, size_pt=5.0)
        s: Optional[Any] = r.site
        if s is not None and s.gate_lon is not None and s.gate_lat is not None:
            mapdraw.draw_marker(canvas, view, s.gate_lon, s.gate_lat, "E", "#222222", radius_mm=2.2, square=True)
        mapdraw.draw_marker(canvas, view, lon, lat, str(r.number), colour, radius_mm=3.2)
        mapdraw.draw_frame_notes(canvas, view)
