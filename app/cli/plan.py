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

from app.cli.words import inline_label
from app.i18n import formats
from app.model.entities import StopKind
from routing.errors import UserError
from routing.messages import Distance, Duration, Message


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
        print(Message("cli.plan.dropped", reason=d.reason).text(lang), file=sys.stderr)
    return 0 if plan.all_required_served else 3


def format_plan(plan, lang: str = "fr") -> str:
    """The plan as ``zitour plan`` prints it: each bus's day, stop by stop, its video cues, then the warnings."""
    out = []
    kinds = {k.value: inline_label(k, lang) for k in StopKind}
    width = max(len(k) for k in kinds.values())
    for b in plan.buses:
        out.append(Message("cli.plan.bus", bus=b.bus_name, departure=b.departure, back=b.return_,
                           driving=Duration(b.driving_s), distance=Distance(b.distance_m)).text(lang))
        for s in b.stops:
            wait = " " + Message("cli.plan.wait", wait=Duration(s.wait_s)).text(lang) if s.wait_s >= 60 else ""
            who = f" [{s.ambassador_id}]" if s.ambassador_id is not None else ""
            times = formats.clock_range(s.arrival, s.departure, lang)
            out.append(f"  {s.sequence:>2}. {times} {kinds.get(s.kind, s.kind):<{width}} {s.name}{wait}{who}")
        for c in b.cues:
            start, offset = formats.clock(c.start, lang, seconds=True), formats.offset(c.offset_s, lang)
            if c.trim_end_s is not None:
                msg = Message("cli.plan.cue.trimmed", start=start, offset=offset, title=c.title,
                              trim_start=formats.offset(c.trim_start_s, lang), trim_end=formats.offset(c.trim_end_s, lang))
            else:
                msg = Message("cli.plan.cue", start=start, offset=offset, title=c.title)
            out.append("     " + msg.text(lang))
    for w in plan.warnings:
        out.append(("! " if w.severity != "info" else "i ") + w.message.text(lang))
    return "\n".join(out)
