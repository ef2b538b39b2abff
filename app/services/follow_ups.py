"""Follow-ups after the tours — recruitments, training entries, internships, company visits
requested — entered by hand or read from a spreadsheet (CSV) the organiser keeps. No Qt.

CSV columns (French or English headers): type, date, nombre (default 1), entreprise (a site of
the project, by name), circuit (a tour, by name), notes. A line whose type, date, company or tour
cannot be read is left out and said, with its line number.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from app.model.entities import FollowUp, FollowUpKind
from app.model.season import plain
from app.services.csv_tables import RejectedLine, cells_of, fail, find_columns, read_table
from routing.errors import Message

HEADERS = {
    "kind": ("type", "suite", "kind", "resultat"),
    "date": ("date", "le", "on", "date de la suite"),
    "count": ("nombre", "nb", "count", "number", "quantite"),
    "company": ("entreprise", "societe", "company", "site"),
    "tour": ("circuit", "zi tour", "tour", "action"),
    "notes": ("notes", "note", "commentaire", "commentaires", "remarque"),
}
KIND_WORDS = {
    FollowUpKind.RECRUITMENT: ("recrutement", "embauche", "recruitment", "hire", "cdi", "cdd", "interim"),
    FollowUpKind.TRAINING: ("formation", "entree en formation", "training"),
    FollowUpKind.INTERNSHIP: ("stage", "immersion", "pmsmp", "internship"),
    FollowUpKind.VISIT_REQUEST: ("demande de visite", "visite demandee", "visit request", "visite"),
}


def kind_of(word: str) -> Optional[FollowUpKind]:
    word = plain(word)
    for kind in FollowUpKind:
        if word == kind.value.replace("_", " "):
            return kind
    for kind, words in KIND_WORDS.items():
        if any(word == w or word.startswith(w) for w in words):
            return kind
    return None


def parse_date(text: str) -> Optional[dt.date]:
    """A date as spreadsheets write it: 24/03/2026, 24/03/26, 2026-03-24."""
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class FollowUpImport:
    items: list[FollowUp] = field(default_factory=list)
    rejected: list[RejectedLine] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # id(item) -> its line in the file


def read_follow_ups_csv(path: Path, project: Any) -> FollowUpImport:
    """The follow-ups in the CSV at ``path``, companies and tours matched by name in ``project``."""
    table = read_table(path)
    columns = find_columns(table.header, HEADERS)
    if "kind" not in columns or "date" not in columns:
        raise fail(path, Message("follow_ups.missing_columns", columns=[h[:40] for h in table.header[:12]]))
    sites = {plain(s.name): s.id for s in project.sites()}
    tours = {plain(t.name): t.id for t in project.tours()}
    out = FollowUpImport()
    for line, cells in table.rows:
        value = cells_of(cells, columns)
        kind = kind_of(value["kind"])
        if kind is None:
            out.rejected.append(RejectedLine(line, Message("follow_ups.bad_kind", value=value["kind"])))
            continue
        on_date = parse_date(value["date"])
        if on_date is None:
            out.rejected.append(RejectedLine(line, Message("follow_ups.bad_date", value=value["date"])))
            continue
        count_text = value.get("count", "") or "1"
        if not (count_text.isascii() and count_text.isdigit()) or not 0 < int(count_text) <= 10_000:
            out.rejected.append(RejectedLine(line, Message("follow_ups.bad_count", value=count_text)))
            continue
        site_id = tour_id = None
        if value.get("company"):
            site_id = sites.get(plain(value["company"]))
            if site_id is None:
                out.rejected.append(RejectedLine(line, Message("follow_ups.unknown_company", value=value["company"])))
                continue
        if value.get("tour"):
            tour_id = tours.get(plain(value["tour"]))
            if tour_id is None:
                out.rejected.append(RejectedLine(line, Message("follow_ups.unknown_tour", value=value["tour"])))
                continue
        item = FollowUp(kind=kind, on_date=on_date, count=int(count_text), tour_id=tour_id, site_id=site_id,
                        notes=value.get("notes", "")[:1000])
        out.items.append(item)
        out.lines[id(item)] = line
    return out


def _same(item: FollowUp) -> tuple:
    return item.kind, item.on_date, item.count, item.tour_id, item.site_id, plain(item.notes)


def import_follow_ups(project: Any, found: FollowUpImport) -> list[FollowUp]:
    """Add ``found``'s follow-ups, but those already recorded the same (the same file imported
    twice); returns those added."""
    recorded = {_same(f) for f in project.follow_ups()}
    added = []
    with project.transaction():
        for item in found.items:
            if _same(item) not in recorded:
                recorded.add(_same(item))
                added.append(project.add(item))
    return added
