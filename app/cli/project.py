"""``zitour demo PATH [--force]``, ``zitour info PROJECT``, ``zitour open [PROJECT]``."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.cli.words import inline_label, kind_counts
from app.i18n import formats
from app.store.project import Project
from routing.messages import Message


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="write the demo project (real Krems industrial sites, invented facts)")
    demo.add_argument("path", type=Path, help="project file to write (a folder gets demo-krems.zitour)")
    demo.add_argument("--force", action="store_true", help="replace an existing demo or project file")
    demo.add_argument("--plan", action="store_true",
                      help="also plan every tour (the app then opens on a drawn route and timetable)")
    demo.set_defaults(func=run_demo)

    info = sub.add_parser("info", help="summary of a project: sites, tours, stops, ambassadors, videos")
    info.add_argument("project", type=Path)
    info.set_defaults(func=run_info)

    op = sub.add_parser("open", help="open the application, on PROJECT if given")
    op.add_argument("project", type=Path, nargs="?")
    op.set_defaults(func=run_open)


def run_demo(args: argparse.Namespace) -> int:
    from app.services.demo import build_demo

    path = build_demo(args.path, force=args.force)
    if args.plan:
        from app.services.planning import plan_tour
        from app.store import Project

        with Project.open(path) as project:
            for tour in project.tours():
                plan_tour(project, tour.id, time_limit_s=2.0)
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
        return Message("cli.no")
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
    with Project.open(args.project, read_only=True) as project:
        for line in info_lines(project, args.lang):
            print(line)
    return 0
