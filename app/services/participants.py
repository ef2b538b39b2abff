"""The people of a tour: the registration list, who was there, and the erasure of names.

A tour's list comes from a registration form's spreadsheet (CSV, headers in French or English),
by hand, or not at all (pupils are counted in their groups). Names are personal data: each tour
may carry a retention date after which :func:`erase_names` deletes them (and the groups'
contacts), keeping only the counts in the tour's outcome, then rewrites the file so nothing of
them is left in it. No Qt.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from app.model.entities import Audience, Participant, Tour
from app.model.season import plain
from app.services.csv_tables import RejectedLine, cells_of, fail, find_columns, read_table
from app.store import day_log
from routing.errors import Message

# Header words (lower case, accents removed) -> the participant's field.
HEADERS = {
    "name": ("nom", "nom prenom", "prenom nom", "nom et prenom", "nom complet", "name", "full name", "participant"),
    "first_name": ("prenom", "first name", "firstname"),
    "last_name": ("nom de famille", "last name", "lastname", "surname"),
    "organisation": ("structure", "organisme", "organisation", "organization", "etablissement", "employeur",
                     "entreprise", "agence", "school"),
    "audience": ("public", "type de public", "audience", "profil"),
    "contact": ("contact", "telephone", "tel", "portable", "mobile", "phone", "e-mail", "email", "courriel",
                "mail"),
    "pickup": ("point de prise en charge", "prise en charge", "point de ramassage", "ramassage", "pickup",
               "pick-up", "lieu de depart"),
    "group": ("groupe", "group", "classe"),
}
# Audience words -> Audience (what registration forms write).
AUDIENCE_WORDS = {
    Audience.PRESCRIPTEURS: ("prescripteur", "conseiller", "conseillere", "counsellor", "job counsellor"),
    Audience.SCOLAIRES: ("scolaire", "eleve", "college", "lycee", "pupil", "school", "student", "etudiant"),
    Audience.GRAND_PUBLIC: ("grand public", "public", "general public"),
    Audience.DEMANDEURS_EMPLOI: ("demandeur d'emploi", "demandeurs d'emploi", "demandeur", "job seeker",
                                 "jobseeker"),
}




def audience_of(word: str) -> str:
    """The Audience value a form's word names ("" when none does)."""
    text = plain(word)
    if not text:
        return ""
    for audience in Audience:
        if text == audience.value.replace("_", " "):
            return audience.value
    padded = f" {text} "
    found = [(len(w), audience) for audience, words in AUDIENCE_WORDS.items() for w in words
             if f" {w} " in padded or text.startswith(w)]
    return max(found, key=lambda f: f[0])[1].value if found else ""


@dataclass
class ParticipantImport:
    """What a list file gave: the people, the groups they named, and the lines left out."""

    people: list[Participant] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # the group of each person ("" when none)
    rejected: list[RejectedLine] = field(default_factory=list)
    unknown_audiences: set[str] = field(default_factory=set)


def read_participants_csv(path: Path) -> ParticipantImport:
    """The people listed in the CSV file at ``path``. Raises SiteImportError naming the file when it
    cannot be used at all (unreadable, empty, not a table, no name column)."""
    table = read_table(path)
    columns = find_columns(table.header, HEADERS)
    if "first_name" in columns and "name" in columns and plain(table.header[columns["name"]]) == "nom":
        columns["last_name"] = columns.pop("name")  # "Nom" beside "Prénom" is the family name
    if "name" not in columns and not {"first_name", "last_name"} & columns.keys():
        raise fail(path, Message("participants.no_name_column", columns=[h[:40] for h in table.header[:12]]))
    out = ParticipantImport()
    for line, cells in table.rows:
        value = cells_of(cells, columns)
        name = value.get("name") or " ".join(x for x in (value.get("first_name", ""), value.get("last_name", "")) if x)
        if not name:
            out.rejected.append(RejectedLine(line, Message("participants.no_name")))
            continue
        if any(unicodedata.category(ch) == "Cc" for ch in name):
            out.rejected.append(RejectedLine(line, Message("store.value.control_characters")))
            continue
        audience = audience_of(value.get("audience", ""))
        if value.get("audience") and not audience:
            out.unknown_audiences.add(value["audience"])
        out.people.append(Participant(name=name[:200], organisation=value.get("organisation", "")[:200],
                                      audience=audience, contact=value.get("contact", "")[:200],
                                      pickup=value.get("pickup", "")[:200]))
        out.groups.append(value.get("group", ""))
    return out


def import_participants(project: Any, tour_id: int, found: ParticipantImport) -> list[Participant]:
    """Add ``found``'s people to the tour, in one transaction; a person naming a group of the tour
    (by name, case and accents aside) joins it. Returns the people added."""
    groups = {plain(g.name): g.id for g in project.groups(tour_id)}
    listed = {same_person(p) for p in project.participants(tour_id)}
    added = []
    with project.transaction():
        for person, group in zip(found.people, found.groups):
            if same_person(person) in listed:
                continue  # the same list imported twice, or a person registered twice
            listed.add(same_person(person))
            person.tour_id = tour_id
            person.group_id = groups.get(plain(group)) if group else None
            added.append(project.add(person))
        keep_count_with_list(project, tour_id)
    return added


def same_person(person: Participant) -> tuple[str, str]:
    """What makes two lines the same person: the name (case and accents aside) and the contact."""
    return plain(person.name), plain(person.contact)


def keep_count_with_list(project: Any, tour_id: int) -> None:
    """A tour without groups counts its people in ``Tour.participants`` (what the seats are checked
    against): never fewer than its list holds."""
    tour = project.get(Tour, tour_id)
    listed = len(project.participants(tour_id))
    if not project.groups(tour_id) and listed > tour.participants:
        tour.participants = listed
        project.update(tour)


# -- attendance -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Attendance:
    """A tour's people in numbers. ``present`` None: not known. ``source`` says where ``present`` came
    from: "outcome" (entered, or kept at erasure), "list" (ticks on the list), "day" (the tour
    day's headcounts), "" (unknown)."""

    registered: int
    present: Optional[int]
    by_audience: dict[str, int]
    source: str
    present_by_audience: Optional[dict[str, int]] = None  # exact when the list was ticked


def _headcount(project: Any, tour_id: int) -> Optional[int]:
    """People counted aboard on the tour day: each bus's first headcount, summed (None: none taken)."""
    total, seen = 0, False
    for bus in project.buses(tour_id) or [None]:
        counts = [e.value for e in day_log.events(project, tour_id, bus.id if bus else None)
                  if e.kind == "headcount" and e.value is not None]
        if counts:
            total, seen = total + min(int(counts[0]), 100_000), True
    return total if seen else None


def attendance(project: Any, tour: Tour) -> Attendance:
    """Registered and present for ``tour``, from the best source the project holds."""
    people = project.participants(tour.id)
    outcome = project.outcome(tour.id)
    groups = project.groups(tour.id)
    group_ids = {g.id for g in groups}
    # a named person of a group is one of its counted members; the others travel on their own
    alone = [p for p in people if p.group_id not in group_ids]
    if groups:
        registered = sum(g.size for g in groups) + len(alone)
        by_audience = Counter()
        for g in groups:
            by_audience[g.audience or tour.audience.value] += g.size
        by_audience.update(p.audience or tour.audience.value for p in alone)
    elif people:  # the registration list is who registered (the tour's own count was an estimate)
        registered = len(people)
        by_audience = Counter(p.audience or tour.audience.value for p in people)
    elif outcome.registered is not None:
        registered, by_audience = outcome.registered, Counter(outcome.by_audience)
    else:
        registered, by_audience = tour.participants, Counter({tour.audience.value: tour.participants})
    present_by: Optional[dict[str, int]] = None
    if outcome.present is not None:
        present, source = outcome.present, "outcome"
        present_by = dict(outcome.present_by_audience) or None
    elif not groups and any(p.present is not None for p in people):  # ticks count only a whole list
        present, source = sum(1 for p in people if p.present), "list"
        present_by = dict(Counter(p.audience or tour.audience.value for p in people if p.present))
    else:
        present = _headcount(project, tour.id)
        source = "day" if present is not None else ""
    return Attendance(registered, present, {k: v for k, v in by_audience.items() if v}, source, present_by)


# -- retention ---------------------------------------------------------------------------------
def holds_personal_data(project: Any, tour_id: int) -> bool:
    """The tour still holds names or contacts: its participants, its groups' contacts."""
    return bool(project.participants(tour_id)) or any(g.contact for g in project.groups(tour_id))


def due_for_erasure(project: Any, today: dt.date) -> list[Tour]:
    """Tours past their retention date that still hold personal data."""
    return [t for t in project.tours()
            if t.retention_until is not None and t.retention_until < today and holds_personal_data(project, t.id)]


def erase_names(project: Any, tour_ids: list[int], today: dt.date) -> int:
    """Erase the names and contacts of ``tour_ids`` (participants, groups' contacts), keeping their
    counts in each tour's outcome, then rewrite the file without the erased pages. Not undoable, by
    design. Returns the number of people whose names were erased."""
    erased = 0
    with project.transaction():
        for tour_id in tour_ids:
            tour = project.get(Tour, tour_id)
            counts = attendance(project, tour)
            people = project.participants(tour_id)
            outcome = project.outcome(tour_id)
            outcome.registered = counts.registered
            outcome.by_audience = dict(counts.by_audience)
            if counts.present is not None:
                outcome.present = counts.present
                outcome.present_by_audience = dict(counts.present_by_audience or {})
            outcome.erased_on = today
            project.set_outcome(outcome)
            for person in people:
                project.delete(Participant, person.id)
            for group in project.groups(tour_id):
                if group.contact:
                    group.contact = ""
                    project.update(group)
            erased += len(people)
    project.vacuum()
    return erased


def save_people(project: Any, tour: Tour, people: list[Participant], outcome: Any, follow_ups: list) -> None:
    """Make the project hold exactly this tour, people list, outcome and follow-ups of the tour
    (rows kept by id are updated, others added or deleted), in one transaction."""
    from app.model.entities import FollowUp

    with project.transaction():
        project.update(tour)
        for kind, old, new in ((Participant, project.participants(tour.id), people),
                               (FollowUp, project.follow_ups(tour.id), follow_ups)):
            kept = {e.id for e in new if e.id is not None}
            for entity in old:
                if entity.id not in kept:
                    project.delete(kind, entity.id)
            for entity in new:
                if kind is Participant or entity.tour_id is None:  # a follow-up may name another tour
                    entity.tour_id = tour.id
                if entity.id is None:
                    project.add(entity)
                else:
                    project.update(entity)
        outcome.tour_id = tour.id
        project.set_outcome(outcome)
        keep_count_with_list(project, tour.id)
