"""``zitour day rehearsal`` and ``zitour day report``: the tour day from the command line.

- ``rehearsal PROJECT --tour NAME --out FILE.nmea [--bus N] [--noise M]``: the plan driven on its
  own clock as an NMEA 0183 log (one fix a second): what the console's "Répétition" replays, for
  a rehearsal on another machine or a GPS simulator;
- ``report PROJECT --tour NAME --out DIR``: planned against actual from the tour day's logbook
  (CSV per stop and per leg) and the logged track (GPX).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from zoneinfo import ZoneInfo

from app.store.project import Project
from routing.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    day = sub.add_parser("day", help="the tour day: a rehearsal log of a plan, the report of a day run")
    which = day.add_subparsers(dest="day_command", metavar="ACTION", required=True)
    rehearsal = which.add_parser("rehearsal", help="write the plan driven on time as an NMEA 0183 log")
    rehearsal.add_argument("project", type=Path)
    rehearsal.add_argument("--tour", required=True, help="the tour's name")
    rehearsal.add_argument("--out", type=Path, required=True, help="the .nmea file to write")
    rehearsal.add_argument("--bus", type=int, default=1, help="which bus of the plan (1 = the first)")
    rehearsal.add_argument("--noise", type=float, default=0.0, help="GPS error to add, metres (a town: 3-8)")
    rehearsal.set_defaults(func=run_rehearsal)
    report = which.add_parser("report", help="planned against actual from the tour day's log (CSV, GPX)")
    report.add_argument("project", type=Path)
    report.add_argument("--tour", required=True, help="the tour's name")
    report.add_argument("--out", type=Path, required=True, help="the folder to write into")
    report.set_defaults(func=run_report)


def _plan(project: Project, name: str):
    tour = project.tour_by_name(name)
    plan = project.plan(tour.id)
    if plan is None or not plan.buses:
        raise UserError("cli.day.no_plan", tour=tour.name)
    return tour, plan


def run_rehearsal(args: argparse.Namespace) -> int:
    from app.tourday.fixes import write_nmea
    from app.tourday.route_track import RouteTrack, rehearsal_fixes

    with Project.open(args.project, read_only=True) as project:
        tour, plan = _plan(project, args.tour)
        if not 1 <= args.bus <= len(plan.buses):
            raise UserError("cli.day.no_such_bus", tour=tour.name, bus=args.bus, count=len(plan.buses))
        bus = plan.buses[args.bus - 1]
    fixes = rehearsal_fixes(RouteTrack(bus), noise_m=max(0.0, args.noise))
    print(write_nmea(args.out, fixes))
    return 0


def run_report(args: argparse.Namespace) -> int:
    from app.exports.day_report import write_day_report
    from app.exports.files import slug
    from app.store import day_log

    with Project.open(args.project, read_only=True) as project:
        tour, plan = _plan(project, args.tour)
        if not day_log.has_log(project, tour.id):
            raise UserError("cli.day.no_log", tour=tour.name)
        buses = [(b, day_log.events(project, tour.id, b.bus_id), day_log.track(project, tour.id, b.bus_id))
                 for b in plan.buses]
        names = {s.id: s.name for s in project.sites()}
    for path in write_day_report(args.out, slug(tour.name), ZoneInfo(tour.timezone), buses,
                                 names.get(plan.buses[0].start_site_id, "")):
        print(path)
    return 0
