"""The season's report for funders and partners: one A4 PDF in French with the organisers' name,
the period, the key figures, bar charts and tables, and the same tables as CSV files (``;``,
UTF-8 with BOM, CRLF: Excel and LibreOffice open them as spreadsheets).

Every number printed comes from :class:`app.model.season.Season`'s methods, once, through
:func:`tables`: the PDF lays out the very rows the CSV files hold. Counts only, never names of
participants.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from app import i18n
from app.exports.charts import column_chart, hbar_chart
from app.exports.csv_itinerary import neutralise, write_rows
from app.exports.files import slug
from app.i18n import formats
from routing.messages import Message

AUDIENCE_ORDER = ("prescripteurs", "scolaires", "demandeurs_emploi", "grand_public", "other")
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
# The tours' table on paper: the CSV's columns but the file (the page is 186 mm wide), shorter headers.
TOUR_COLUMNS_PRINTED = ((0, "Date", 18), (1, "Circuit", 44), (3, "Territoire", 24), (4, "Public", 20),
                        (6, "Cars", 10), (7, "Inscrits", 14), (8, "Présents", 16), (9, "Visites", 12),
                        (10, "Passages", 16), (11, "Amb.", 12))


def _audience(value: str) -> str:
    return i18n.label(f"label.audience.{value}", "fr") if value else "—"


def _kind(value: str) -> str:
    return Message(f"bilan.kind.{value}").text("fr")


def _follow_up(value: str) -> str:
    text = i18n.label(f"label.follow_up_kind.{value}", "fr")
    return text[:1].upper() + text[1:]


def period_text(start: Optional[dt.date], end: Optional[dt.date], season: Any) -> str:
    """« du 1 septembre 2025 au 30 juin 2026 », from the tours' dates when the period is open."""
    dates = [t.date for t in season.tours]
    start = start or (min(dates) if dates else None)
    end = end or (max(dates) if dates else None)
    if start is None or end is None:
        return "aucun circuit"
    return f"du {formats.long_date(start, 'fr', weekday=False)} au {formats.long_date(end, 'fr', weekday=False)}"


def tables(season: Any) -> dict[str, list[list[str]]]:
    """Each table of the report, header first, as text cells: name -> rows (the CSV files' content)."""
    figures = [["Indicateur", "Valeur"]] + [[Message(f"bilan.figure.{code}").text("fr"), str(v)]
                                            for code, v in season.key_figures()]
    actions = [["Type", "Public", "Actions"]] + [[_kind(k), _audience(a), str(n)]
                                                for (k, a), n in season.actions().items()]
    people = season.people_by_audience()
    publics = [["Public", "Inscrits", "Présents"]] + [
        [_audience(a), str(r), str(p)] for a, (r, p) in sorted(
            people.items(), key=lambda kv: AUDIENCE_ORDER.index(kv[0]) if kv[0] in AUDIENCE_ORDER else 99)]
    companies = [["Entreprise", "Visites", "Passages commentés"]] + [[n, str(v), str(p)]
                                                                      for n, v, p in season.companies()]
    ambassadors = [["Ambassadeur", "Circuits présentés"]] + [[n, str(c)] for n, c in season.ambassadors()]
    follow_ups = [["Suite", "Nombre"]] + [[_follow_up(k), str(n)] for k, n in season.follow_ups().items()]
    by_company = [["Entreprise", "Suite", "Nombre"]] + [[c, _follow_up(k), str(n)]
                                                       for c, k, n in season.follow_ups_by_company()]
    tours = [["Date", "Circuit", "Fichier", "Territoire", "Public", "Type", "Cars", "Inscrits", "Présents",
              "Entreprises visitées", "Passages commentés", "Ambassadeurs"]]
    for t in season.tours:
        tours.append([t.date.strftime("%d/%m/%Y"), t.tour, t.file, t.territory, _audience(t.audience), _kind(t.kind),
                      str(t.buses), str(t.registered), "" if t.present is None else str(t.present),
                      str(len(t.visited)), str(len(t.passed)), str(len(t.presenters))])
    feedback = [["Question", "Réponse", "Nombre"]] + [[q, a, str(n)] for q, answers in season.feedback().items()
                                                      for a, n in answers.items()]
    months = formats.month_names("fr")
    timeline = [["Mois", "Actions", "Inscrits"]] + [
        [f"{months[int(m[5:]) - 1]} {m[:4]}", str(n), str(r)] for m, n, r in season.timeline()]
    return {"chiffres-cles": figures, "actions": actions, "publics": publics, "entreprises": companies,
            "ambassadeurs": ambassadors, "suites": follow_ups, "suites-entreprises": by_company,
            "circuits": tours, "retours": feedback, "calendrier": timeline}


def file_base(organiser: str, season: Any) -> str:
    dates = [t.date for t in season.tours] or [dt.date.today()]
    span = f"{min(dates).year}" if min(dates).year == max(dates).year else f"{min(dates).year}-{max(dates).year}"
    return f"bilan-{slug(organiser, fallback='zi-tour', max_len=30)}-{span}"


def write(season: Any, folder: Path, organiser: str) -> list[Path]:
    """The PDF report and one CSV per table into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    base = file_base(organiser, season)
    data = tables(season)
    written = [_write_pdf(season, data, folder / f"{base}.pdf", organiser)]
    for name, rows in data.items():
        path = folder / f"{base}-{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            write_rows(f, [[neutralise(c) for c in row] for row in rows], ";")
        written.append(path)
    return written


def _write_pdf(season: Any, data: dict[str, list[list[str]]], path: Path, organiser: str) -> Path:
    from app.exports.event_pdf import MARGIN, WIDTH, TablePage, title_band
    from app.exports.pdf_adapter import PdfCanvas

    period = period_text(season.start, season.end, season)
    with PdfCanvas.pdf_file(path, title=f"Bilan — {organiser} — {period}", author=organiser) as canvas:
        lines = [organiser, f"Période : {period}"]
        if season.territory:
            lines.append(f"Territoire : {season.territory}")
        y = title_band(canvas, "Bilan des ZI Tours", lines)
        # the key figures, four to a row
        cells = data["chiffres-cles"][1:]
        box_w = WIDTH / 4
        for i, (label, value) in enumerate(cells):
            bx, by = MARGIN + (i % 4) * box_w, y + (i // 4) * 19
            canvas.rect(bx + 1, by, box_w - 2, 17, fill="#eef2f8")
            canvas.text(bx + 2, by + 1, box_w - 4, 8, value, size_pt=15, bold=True, color="#1f3f6f")
            canvas.text(bx + 2, by + 9, box_w - 4, 8, label, size_pt=7.5)
        y += 19 * ((len(cells) + 3) // 4) + 1
        estimated = [t for t in season.tours if t.present is not None and len(t.by_audience) > 1
                     and (t.present_by_audience is None or sum(t.present_by_audience.values()) != t.present)]
        notes = []
        missing = [t for t in season.tours if t.present is None]
        if missing:
            notes.append("Présence non relevée (comptée 0) : " + ", ".join(
                f"{t.tour} du {t.date.strftime('%d/%m/%Y')}" for t in missing) + ".")
        if estimated:
            notes.append("Présents par public estimés au prorata des inscrits pour les circuits comptés sans liste : "
                         + ", ".join(f"{t.tour} du {t.date.strftime('%d/%m/%Y')}" for t in estimated) + ".")
        for note in notes:
            h = canvas.text_height(note, WIDTH, 8)
            canvas.text(MARGIN, y, WIDTH, h + 1, note, size_pt=8, italic=True, color="#555555")
            y += h + 1.5
        y += 3
        publics = [(row[0], (int(row[1]), int(row[2]))) for row in data["publics"][1:]]
        ups = [(row[0], (int(row[1]),)) for row in data["suites"][1:]]
        y = max(hbar_chart(canvas, MARGIN, y, WIDTH / 2 - 3, "Participants par public", publics,
                           ("Inscrits", "Présents")),
                hbar_chart(canvas, MARGIN + WIDTH / 2 + 3, y, WIDTH / 2 - 3, "Suites des circuits", ups, ("Nombre",)))
        months = [(f"{MONTHS_SHORT[int(m[5:]) - 1]} {m[2:4]}", n) for m, n, _ in season.timeline()]
        y = column_chart(canvas, MARGIN, y + 2, WIDTH, 32, "Actions par mois", months)
        top = [(row[0], (int(row[1]), int(row[2]))) for row in data["entreprises"][1:16]]
        if y + 12 + 5 * len(top) > 280:
            canvas.new_page()
            y = MARGIN
        y = hbar_chart(canvas, MARGIN, y, WIDTH, "Entreprises les plus impliquées", top,
                       ("Visites", "Passages commentés"))
        data = dict(data, circuits=[[h for _, h, _ in TOUR_COLUMNS_PRINTED]] + [
            [row[i] for i, _, _ in TOUR_COLUMNS_PRINTED] for row in data["circuits"][1:]])
        for title, name, widths in (
                ("Circuits", "circuits", tuple(w for _, _, w in TOUR_COLUMNS_PRINTED)),
                ("Actions par type et public", "actions", (70, 80, 36)),
                ("Participants par public", "publics", (90, 48, 48)),
                ("Entreprises", "entreprises", (110, 38, 38)),
                ("Ambassadeurs mobilisés", "ambassadeurs", (130, 56)),
                ("Suites", "suites", (130, 56)),
                ("Suites par entreprise", "suites-entreprises", (90, 60, 36)),
                ("Retours des participants", "retours", (110, 46, 30))):
            rows = data[name]
            if len(rows) < 2:
                continue
            if y > 240:
                canvas.new_page()
                y = MARGIN
            canvas.text(MARGIN, y + 2, WIDTH, 7, title, size_pt=12, bold=True)
            table = TablePage(canvas, y + 9, rows[0], widths, size_pt=7.5 if name == "circuits" else 9)
            for row in rows[1:]:
                table.add(row)
            y = table.y + 4
    return path
