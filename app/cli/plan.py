"""``zitour plan PROJECT --tour NAME [--time-limit S] [--keep-order] [--json]``.

Plans the tour, stores the plan in the project and prints the schedule.
Exit 0: every required stop served; 3: some required stop dropped (reasons
printed); 2: bad input (unknown tour, no region, unreadable project...).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from routing.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="optimise a tour's order and timings and store the plan")
    p.add_argument("project", type=Path)
    p.add_argument("--tour", required=True, help="tour name")
    p.add_argument("--time-limit", type=float, default=5.0, help="optimiser time limit, seconds (default 5)")
    p.add_argument("--keep-order", action="store_true", help="keep the stops' order, only compute times")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from app.services.planning import plan_tour
    from app.store.project import Project

    lang = getattr(args, "lang", "fr") or "fr"
    try:
        project = Project.open(args.project)
    except UserError as exc:
        print(f"zitour: {exc.text(lang)}", file=sys.stderr)
        return 2
    try:
        tour = project.tour_by_name(args.tour)
        plan = plan_tour(project, tour.id, keep_order=args.keep_order, time_limit_s=args.time_limit)
    except UserError as exc:
        print(f"zitour: {exc.text(lang)}", file=sys.stderr)
        return 2
    finally:
        project.close()
    if args.json:
        print(json.dumps(plan.to_json_dict(), ensure_ascii=False))
    else:
        print(format_plan(plan, lang))
    for d in plan.dropped:
        print(("Dropped: " if lang == "en" else "Non desservi : ") + d.reason.text(lang), file=sys.stderr)
    return 0 if plan.all_required_served else 3


def format_plan(plan, lang: str = "fr") -> str:
    en = lang == "en"
    out = []
    for b in plan.buses:
        out.append(f"{b.bus_name}: {b.departure:%H:%M} -> {b.return_:%H:%M}, "
                   f"{b.driving_s / 60:.0f} min {'driving' if en else 'de conduite'}, {b.distance_m / 1000:.1f} km")
        for s in b.stops:
            wait = f" ({'wait' if en else 'attente'} {s.wait_s / 60:.0f} min)" if s.wait_s >= 60 else ""
            who = f" [{s.presenter_id}]" if s.presenter_id is not None else ""
            out.append(f"  {s.sequence:>2}. {s.arrival:%H:%M}-{s.departure:%H:%M} {s.kind:<8} {s.name}{wait}{who}")
        for c in b.cues:
            trim = f" (0-{c.trim_end_s:.0f} s)" if c.trim_end_s is not None else ""
            out.append(f"     video {c.start:%H:%M:%S} +{c.offset_s / 60:.1f} min: {c.title}{trim}")
    for w in plan.warnings:
        out.append(("! " if w.severity != "info" else "i ") + w.message.text(lang))
    return "\n".join(out)
