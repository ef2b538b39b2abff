"""``zitour demo PATH [--force]``, ``zitour info PROJECT``, ``zitour open [PROJECT]``."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from app.model.entities import SiteKind, StopKind
from app.store.project import Project


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

    return int(run_gui(project=args.project, lang=args.lang) or 0)


_KIND_FR = {SiteKind.COMPANY: "entreprise", SiteKind.TRAINING_CENTRE: "centre de formation",
            SiteKind.INCLUSION: "SIAE", SiteKind.DEPOT: "dépôt", SiteKind.RESTAURANT: "restaurant",
            SiteKind.OTHER: "autre"}
_STOP_FR = {StopKind.VISIT: "visite", StopKind.DRIVE_BY: "passage", StopKind.LUNCH: "déjeuner",
            StopKind.BREAK: "pause", StopKind.PICKUP: "prise en charge"}


def _counts(counter: Counter, labels: dict, en: bool) -> str:
    parts = [f"{labels[k] if not en else k.value.replace('_', ' ')} {n}"
             for k, n in sorted(counter.items(), key=lambda kv: list(labels).index(kv[0]))]
    return ", ".join(parts)


def info_lines(project: Project, lang: str = "fr") -> list[str]:
    """The lines ``zitour info`` prints."""
    en = lang == "en"
    c = project.counts()
    sites = project.sites()
    lines = [
        f"{project.path.name} — " + (f"format {project.schema_version}, region {project.region_name or '—'}" if en else
                                     f"format {project.schema_version}, région {project.region_name or '—'}"),
        (f"Sites: {c['sites']}" if en else f"Sites : {c['sites']}")
        + (f" ({_counts(Counter(s.kind for s in sites), _KIND_FR, en)})" if sites else ""),
        f"Tours: {c['tours']}" if en else f"Circuits : {c['tours']}",
    ]
    for tour in project.tours():
        stops = project.stops(tour.id)  # type: ignore[arg-type]
        n_bus = len(project.buses(tour.id))  # type: ignore[arg-type]
        has_plan = project.plan(tour.id) is not None  # type: ignore[arg-type]
        kinds = _counts(Counter(s.kind for s in stops), _STOP_FR, en)
        if en:
            lines.append(f"  {tour.name}: {tour.date.isoformat()}, {tour.audience.value}, {len(stops)} stops"
                         f"{f' ({kinds})' if stops else ''}, {n_bus} bus(es), plan: {'yes' if has_plan else 'no'}")
        else:
            lines.append(f"  {tour.name} : {tour.date.isoformat()}, {tour.audience.value}, {len(stops)} arrêts"
                         f"{f' ({kinds})' if stops else ''}, {n_bus} car(s), plan : {'oui' if has_plan else 'non'}")
    total_s = sum(v.duration_s for v in project.videos())
    minutes, seconds = divmod(int(round(total_s)), 60)
    lines += [
        f"Stops: {c['stops']}, buses: {c['buses']}, plans: {c['plans']}" if en else
        f"Arrêts : {c['stops']}, cars : {c['buses']}, plans : {c['plans']}",
        f"Ambassadors: {c['ambassadors']}" if en else f"Ambassadeurs : {c['ambassadors']}",
        (f"Videos: {c['videos']} ({minutes} min {seconds:02d} s)" if en else
         f"Vidéos : {c['videos']} ({minutes} min {seconds:02d} s)"),
    ]
    return lines


def run_info(args: argparse.Namespace) -> int:
    # Read-only: works while the application has the project open, and never migrates it.
    with Project.open(args.project, read_only=True) as project:
        for line in info_lines(project, args.lang):
            print(line)
    return 0
