"""Participants, follow-ups and the season's report on the command line:

``zitour participants import PROJECT --tour NAME FILE.csv``, ``zitour participants erase PROJECT
[--tour NAME | --due]``, ``zitour followups import PROJECT FILE.csv``, ``zitour bilan FILE.zitour…
--out DIR [--from DATE] [--to DATE] [--territory NAME] [--organiser NAME]``, ``zitour demo-season
FOLDER``. User errors are one line and exit 1 (see :mod:`app.cli.main`).
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from routing.messages import Message


def _date(text: str) -> dt.date:
    from app.services.follow_ups import parse_date

    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (DD/MM/YYYY or YYYY-MM-DD)")
    return day


def register(sub: argparse._SubParsersAction) -> None:
    people = sub.add_parser("participants", help="a tour's participant list: import it, erase the names")
    psub = people.add_subparsers(dest="participants_command", metavar="ACTION", required=True)
    imp = psub.add_parser("import", help="add the people of a registration list (CSV) to a tour")
    imp.add_argument("project", type=Path)
    imp.add_argument("--tour", required=True, help="tour name")
    imp.add_argument("file", type=Path, help="CSV: Nom (or Prénom + Nom), Structure, Public, Téléphone, "
                                             "Point de prise en charge, Groupe")
    imp.set_defaults(func=run_import_participants)
    erase = psub.add_parser("erase", help="erase the participants' names and contacts, keeping the counts "
                                          "(not undoable)")
    erase.add_argument("project", type=Path)
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("--tour", help="this tour's names")
    which.add_argument("--due", action="store_true", help="every tour past its retention date")
    erase.set_defaults(func=run_erase)

    ups = sub.add_parser("followups", help="follow-ups after the tours (recruitments, training, internships...)")
    usub = ups.add_subparsers(dest="followups_command", metavar="ACTION", required=True)
    uimp = usub.add_parser("import", help="add follow-ups from a CSV (Type, Date, Nombre, Entreprise, Circuit, Notes)")
    uimp.add_argument("project", type=Path)
    uimp.add_argument("file", type=Path)
    uimp.set_defaults(func=run_import_follow_ups)

    bilan = sub.add_parser("bilan", help="the season's report (PDF with charts and CSV tables) across project files")
    bilan.add_argument("projects", type=Path, nargs="+", help="the season's .zitour files")
    bilan.add_argument("--out", type=Path, required=True, help="folder to write into")
    bilan.add_argument("--from", dest="start", type=_date, help="first day counted")
    bilan.add_argument("--to", dest="end", type=_date, help="last day counted")
    bilan.add_argument("--territory", default="", help="only the tours of this territory")
    bilan.add_argument("--organiser", default="", help="the organisers' name on the report (default: the "
                                                        "projects' own, else ZI Tour)")
    bilan.add_argument("--force", action="store_true", help="replace a report already in the folder")
    bilan.set_defaults(func=run_bilan)

    season = sub.add_parser("demo-season", help="write the demo and a demo season of four past tours (one file each)")
    season.add_argument("folder", type=Path)
    season.add_argument("--force", action="store_true", help="replace files that exist")
    season.set_defaults(func=run_demo_season)


def run_import_participants(args: argparse.Namespace) -> int:
    from app.services.participants import import_participants, read_participants_csv
    from app.store.project import Project

    found = read_participants_csv(args.file)
    with Project.open(args.project) as project:
        tour = project.tour_by_name(args.tour)
        added = import_participants(project, tour.id, found)
    print(Message("participants.imported", count=len(added), tour=tour.name).text(args.lang))
    if len(found.people) > len(added):
        print(Message("participants.already_listed", count=len(found.people) - len(added)).text(args.lang))
    for r in found.rejected:
        print(Message("participants.rejected_line", line=r.line, reason=r.reason).text(args.lang))
    if found.unknown_audiences:
        print(Message("participants.unknown_audiences", values=", ".join(sorted(found.unknown_audiences))).text(args.lang))
    return 0


def run_erase(args: argparse.Namespace) -> int:
    from app.services.participants import due_for_erasure, erase_names, holds_personal_data
    from app.store.project import Project

    with Project.open(args.project) as project:
        tours = due_for_erasure(project, dt.date.today()) if args.due else [project.tour_by_name(args.tour)]
        tours = [t for t in tours if holds_personal_data(project, t.id)]
        if not tours:
            print(Message("participants.nothing_to_erase").text(args.lang))
            return 0
        for tour in tours:
            count = len(project.participants(tour.id))
            erase_names(project, [tour.id], dt.date.today())
            print(Message("participants.erased", tour=tour.name, count=count).text(args.lang))
    return 0


def run_import_follow_ups(args: argparse.Namespace) -> int:
    from app.services.follow_ups import import_follow_ups, read_follow_ups_csv
    from app.store.project import Project

    with Project.open(args.project) as project:
        found = read_follow_ups_csv(args.file, project)
        added = import_follow_ups(project, found)
    print(Message("follow_ups.imported", count=len(added)).text(args.lang))
    if len(found.items) > len(added):
        print(Message("follow_ups.already_listed", count=len(found.items) - len(added)).text(args.lang))
    for r in found.rejected:
        print(Message("participants.rejected_line", line=r.line, reason=r.reason).text(args.lang))
    return 0


def run_bilan(args: argparse.Namespace) -> int:
    from app.exports import bilan_report
    from app.services.bilan import organiser_of, read_season, territories
    from routing.errors import UserError

    if args.start and args.end and args.end < args.start:
        raise UserError("bilan.bad_period", start=args.start.strftime("%d/%m/%Y"), end=args.end.strftime("%d/%m/%Y"))
    season = read_season(args.projects, args.start, args.end, args.territory)
    for file, reason in season.unreadable:
        print(Message("bilan.unreadable", file=file, reason=reason).text(args.lang))
    for tour, day, files in season.duplicates:
        print(Message("bilan.same_tour", tour=tour, date=day.strftime("%d/%m/%Y"), files=", ".join(files)).text(args.lang))
    if args.territory and not season.tours:
        raise UserError("bilan.unknown_territory", territory=args.territory,
                        known=", ".join(territories(args.projects)) or "—")
    organiser = args.organiser or organiser_of(args.projects) or "ZI Tour"
    base = bilan_report.file_base(organiser, season)
    existing = sorted(p.name for p in args.out.glob(f"{base}*")) if args.out.is_dir() else []
    if existing and not args.force:
        raise UserError("bilan.files_exist", files=", ".join(existing[:3]) + (" …" if len(existing) > 3 else ""))
    for path in bilan_report.write(season, args.out, organiser):
        print(path)
    return 0


def run_demo_season(args: argparse.Namespace) -> int:
    from app.services.demo_season import build_season

    for path in build_season(args.folder, force=args.force):
        print(path)
    return 0
