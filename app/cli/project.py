"""``zitour demo PATH [--force]``, ``zitour info PROJECT``, ``zitour clean PROJECT OUT``, ``zitour open [PROJECT]``."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.cli.words import inline_label, kind_counts
from app.errors import ProjectUntrusted
from app.i18n import formats
from app.store.project import Project
from routing.messages import Message


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="write the demo project (real Krems industrial sites, invented facts)")
    demo.add_argument("path", type=Path, help="project file to write (a folder gets demo-krems.zitour)")
    demo.add_argument("--force", action="store_true", help="replace an existing demo or project file")
    demo.add_argument("--plan", action="store_true",
                      help="also plan every tour (the app then opens on a drawn route and timetable) and write "
                           "each tour's rehearsal track (repetition-TOUR.nmea) beside the project")
    demo.set_defaults(func=run_demo)

    info = sub.add_parser("info", help="summary of a project: sites, tours, stops, ambassadors, videos")
    info.add_argument("project", type=Path)
    info.set_defaults(func=run_info)

    clean = sub.add_parser("clean", help="write a clean copy of a project refused on opening (a trigger, a view, "
                                         "damaged values...): only the tables, columns and rows a project has")
    clean.add_argument("project", type=Path)
    clean.add_argument("out", type=Path, help="the clean copy to write")
    clean.add_argument("--force", action="store_true", help="replace OUT if it exists")
    clean.set_defaults(func=run_clean)

    op = sub.add_parser("open", help="open the application, on PROJECT if given")
    op.add_argument("project", type=Path, nargs="?")
    op.set_defaults(func=run_open)

    desk = sub.add_parser("desktop-install", help="Linux: add ZI Tour planner to the applications menu and open "
                                                  ".zitour files with it on a double click (for this user)")
    desk.add_argument("--data-home", type=Path, help="where to install (default: $XDG_DATA_HOME or ~/.local/share)")
    desk.set_defaults(func=run_desktop_install)


def run_desktop_install(args: argparse.Namespace) -> int:
    from app.services.desktop_install import install

    for path in install(args.data_home):
        print(path)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from app.services.demo import build_demo

    path = build_demo(args.path, force=args.force)
    if args.plan:
        from app.services.planning import plan_tour
        from app.store import Project

        from app.exports.files import slug
        from app.tourday.fixes import write_nmea
        from app.tourday.route_track import RouteTrack, rehearsal_fixes

        with Project.open(path) as project:
            for tour in project.tours():
                plan = plan_tour(project, tour.id, time_limit_s=2.0)
                if plan.buses:  # the tour day's rehearsal ships with the demo: replay it in "Jour J"
                    write_nmea(path.parent / f"repetition-{slug(tour.name)}.nmea",
                               rehearsal_fixes(RouteTrack(plan.buses[0]), noise_m=4.0))
    print(path)
    return 0


def run_open(args: argparse.Namespace) -> int:
    from app.ui.launch import run_gui

    # the language asked with --lang (None: not asked) wins over the one saved in the application
    return int(run_gui(project=args.project, lang=args.cli_lang, env_lang=args.env_lang) or 0)


def info_lines(project: Project, lang: str = "fr") -> list[str]:
    """The lines ``zitour info`` prints, in ``lang``."""
    c = project.counts()
    sites = project.sites()
    kinds = kind_counts(Counter(s.kind for s in sites), lang)
    lines = [
        Message("cli.info.header", file=project.path.name, version=project.schema_version,
                region=project.region_name or "—").text(lang),
        (Message("cli.info.sites.by_kind", count=c["sites"], kinds=kinds) if sites else
         Message("cli.info.sites", count=c["sites"])).text(lang),
        Message("cli.info.tours", count=c["tours"]).text(lang),
    ]
    for tour in project.tours():
        stops = project.stops(tour.id)  # type: ignore[arg-type]
        n_bus = len(project.buses(tour.id))  # type: ignore[arg-type]
        has_plan = plan_state_words(project, tour.id)  # type: ignore[arg-type]
        audience = inline_label(tour.audience, lang)
        if stops:
            line = Message("cli.info.tour.by_kind", tour=tour.name, date=tour.date.isoformat(), audience=audience,
                           stops=len(stops), kinds=kind_counts(Counter(s.kind for s in stops), lang), buses=n_bus,
                           plan=has_plan)
        else:
            line = Message("cli.info.tour", tour=tour.name, date=tour.date.isoformat(), audience=audience,
                           stops=0, buses=n_bus, plan=has_plan)
        lines.append("  " + line.text(lang))
    total_s = sum(v.duration_s for v in project.videos())
    lines += [
        Message("cli.info.totals", stops=c["stops"], buses=c["buses"], plans=c["plans"]).text(lang),
        Message("cli.info.ambassadors", count=c["ambassadors"]).text(lang),
        Message("cli.info.videos", count=c["videos"], duration=formats.offset(total_s, lang)).text(lang),
    ]
    return lines


def plan_state_words(project: Project, tour_id: int) -> Message:
    """"no", or "yes" and whether the plan still matches the tour (:func:`app.services.plan_inputs.plan_status`)."""
    from app.services.plan_inputs import PlanState, plan_status

    plan = project.plan(tour_id)
    if plan is None:
        # a stored plan that cannot be read is no plan (Project.plan); say so rather than "no"
        return Message("cli.info.plan.damaged") if project.plan_damage(tour_id) else Message("cli.no")
    state = plan_status(project, tour_id, plan).state
    if state is PlanState.UP_TO_DATE:
        return Message("cli.info.plan.up_to_date")
    if state is PlanState.OUTDATED:
        return Message("cli.info.plan.outdated")
    if state is PlanState.UNKNOWN:
        return Message("cli.info.plan.unknown")
    return Message("cli.yes")  # a plan without buses


def run_info(args: argparse.Namespace) -> int:
    # Read-only: works while the application has the project open, and never migrates it.
    try:
        with Project.open(args.project, read_only=True) as project:
            for line in info_lines(project, args.lang):
                print(line)
    except ProjectUntrusted as exc:  # refused, or a damaged row: say the way out
        raise type(exc)(Message("cli.clean.hint", error=exc.message, file=str(args.project)), path=exc.path) from None
    return 0


def clean_lines(report, lang: str = "fr") -> list[str]:
    """The lines ``zitour clean`` prints about a :class:`app.store.clean.CleanReport`, in ``lang``."""
    lines = [Message("cli.clean.written", copy=str(report.path), file=str(report.source)).text(lang)]
    if report.dropped:
        lines.append(Message("cli.clean.dropped", what=report.dropped).text(lang))
    for table, skipped in report.skipped.items():
        lines.append(Message("cli.clean.skipped", table=table, skipped=skipped, copied=report.copied.get(table, 0),
                             reason=report.reasons[table]).text(lang))
    for table, count in report.cleared.items():
        lines.append(Message("cli.clean.cleared", table=table, count=count).text(lang))
    if not report.skipped:
        lines.append(Message("cli.clean.all_rows").text(lang))
    return lines


def run_clean(args: argparse.Namespace) -> int:
    from app.store.clean import clean_copy_report

    report = clean_copy_report(args.project, args.out, overwrite=args.force)
    for line in clean_lines(report, args.lang):
        print(line)
    return 0
