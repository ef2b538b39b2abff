"""``zitour export PROJECT --tour NAME --format FMT --out DIR [--force] [--allow-outdated]``: write a tour's exports.

Exit 0: written; 1: an error (unknown tour or format, files exist without --force...); 4: the plan
no longer matches the tour (edited since it was planned, or saved before plans recorded what they
were computed from): run ``zitour plan`` again, or pass ``--allow-outdated``.
"""
from __future__ import annotations

import argparse
import sys

FORMAT_HELP = ("pdf|sheets|booklets|programmes|receptions|csv|gpx|ics|geojson|gpkg|html|xspf|m3u|pack|all (repeat or "
               "comma-separate); manifest: the named passenger list per bus, only when asked for by name")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="export a tour's plan (PDF, stop sheets, CSV, GPX, ICS, maps, playlists)",
                              description="Export the computed plan of a tour into a folder.")
    p.add_argument("project", help="the .zitour project file")
    p.add_argument("--tour", required=True, help="tour name")
    p.add_argument("--format", dest="formats", action="append", required=True, metavar="FORMAT", help=FORMAT_HELP)
    p.add_argument("--out", required=True, help="folder to write into (created if missing)")
    p.add_argument("--force", action="store_true", help="replace files that already exist")
    p.add_argument("--allow-outdated", action="store_true",
                   help="export the plan even if the tour changed since it was planned (exit 4 otherwise)")
    p.add_argument("--csv-separator", choices=(";", ","), default=";",
                   help="CSV separator: ';' (default, French spreadsheets) or ','")
    p.add_argument("--no-online-tiles", action="store_true",
                   help="do not offer the optional online OpenStreetMap layer in the HTML map")
    p.add_argument("--pack-without-videos", action="store_true",
                   help="leave the clips out of the partner pack (its README lists them; smaller to send)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.errors import PlanOutdated, ProjectInUse, ProjectReadOnly
    from app.exports.context import ExportOptions
    from app.services.export import export_tour
    from app.services.plan_inputs import PlanState, plan_status
    from app.store.project import Project
    from app.exports.pack import LARGE_PACK_BYTES
    from routing.messages import Message

    try:
        project = Project.open(args.project)
    except (ProjectInUse, ProjectReadOnly):
        # another window has it open (or no write access): export from a read-only view;
        # only the calendar's sequence numbers cannot be saved then
        project = Project.open(args.project, read_only=True)
    options = ExportOptions(csv_delimiter=args.csv_separator, online_tiles=not args.no_online_tiles,
                            pack_videos=not args.pack_without_videos)
    with project:
        tour = project.tour_by_name(args.tour)
        status = plan_status(project, tour.id)
        if status.stale:
            if not args.allow_outdated:
                raise PlanOutdated(Message("cli.export.plan_unknown", tour=tour.name)
                                   if status.state is PlanState.UNKNOWN else
                                   Message("cli.export.plan_outdated", tour=tour.name))
            print(Message("cli.export.outdated_note", tour=tour.name).text(args.lang), file=sys.stderr)
        paths = export_tour(project, tour, args.formats, args.out, force=args.force, options=options)
        plan = project.plan(tour.id)
        names = {s.id: s.name for s in project.sites()}
    for path in paths:
        print(path)
        if path.name.endswith("-pack-partenaires.zip") and path.stat().st_size > LARGE_PACK_BYTES:
            print(Message("cli.export.large_pack", file=path.name, size=f"{path.stat().st_size / 1e6:.0f}")
                  .text(args.lang), file=sys.stderr)
    if project.read_only and any(f in ",".join(args.formats) for f in ("ics", "pack", "all")):
        print(Message("cli.export.read_only_note").text(args.lang), file=sys.stderr)
    # The documents say which stops asked for are not on the programme; so does the command, and its
    # exit code, as ``zitour plan`` does.
    required = [d for d in (plan.dropped if plan is not None else ()) if d.required]
    for d in plan.dropped if plan is not None else ():
        code = "cli.export.dropped_required" if d.required else "cli.export.dropped_optional"
        print(Message(code, stop=names.get(d.site_id, str(d.stop_id)), reason=d.reason).text(args.lang),
              file=sys.stderr)
    return 3 if required else 0
