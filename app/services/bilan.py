"""The season's figures for funders and partners, read from several project files.

A season is often one project file per tour: :func:`read_season` opens each file read-only and
keeps, per tour inside the period and territory asked for, what happened (people registered and
present by audience, companies visited or passed, ambassadors who presented, follow-ups, the
feedback questionnaire's counts) as :class:`~app.model.season.TourRecord`; the
:class:`~app.model.season.Season` adds them up. No Qt.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

from app.model.entities import StopKind, Tour
from app.model.season import Season, TourRecord, plain
from app.services.participants import attendance
from app.store import day_log
from routing.errors import UserError
from routing.messages import Message


# -- reading -------------------------------------------------------------------------------------
def _served(project: Any, tour: Tour, sites: dict[int, Any]) -> tuple[list[str], list[str], list[int]]:
    """(visited, passed, presenting ambassador ids) of ``tour``: what the tour day logged when it
    was run, else what the plan says, else the tour's stops."""
    stops = {s.id: s for s in project.stops(tour.id)}
    plan = project.plan(tour.id)
    visited, passed, presenters = [], [], []

    def name(site_id: Optional[int]) -> Optional[str]:
        site = sites.get(site_id)
        return site.name if site is not None else None

    if plan is not None and plan.buses:
        for bus in plan.buses:
            logged = day_log.events(project, tour.id, bus.bus_id)
            done = {e.stop_index: e.kind for e in logged if e.kind in ("arrived", "passed", "skipped")}
            for index, p in enumerate(bus.stops):
                if p.stop_id is None or p.kind not in (StopKind.VISIT.value, StopKind.DRIVE_BY.value):
                    continue
                status = done.get(index) if logged else ("arrived" if p.kind == StopKind.VISIT.value else "passed")
                n = name(p.site_id) or p.name
                if status == "arrived" and p.kind == StopKind.VISIT.value:
                    visited.append(n)
                elif status in ("arrived", "passed"):
                    passed.append(n)
                else:
                    continue
                if p.ambassador_id is not None:
                    presenters.append(p.ambassador_id)
    else:
        for s in stops.values():
            n = name(s.site_id)
            if n and s.kind is StopKind.VISIT:
                visited.append(n)
            elif n and s.kind is StopKind.DRIVE_BY:
                passed.append(n)
    return visited, passed, presenters


def tour_record(project: Any, tour: Tour, file: str) -> TourRecord:
    sites = {s.id: s for s in project.sites()}
    ambassadors = {a.id: a.name for a in project.ambassadors()}
    counts = attendance(project, tour)
    visited, passed, planned_presenters = _served(project, tour, sites)
    outcome = project.outcome(tour.id)
    presenter_ids = outcome.presenters or planned_presenters
    ups, by_company = Counter(), defaultdict(Counter)
    for f in project.follow_ups(tour.id):
        ups[f.kind.value] += f.count
        if f.site_id in sites:
            by_company[sites[f.site_id].name][f.kind.value] += f.count
    buses = len(project.buses(tour.id))
    return TourRecord(
        file=file, tour=tour.name, date=tour.date, territory=tour.territory, audience=tour.audience.value,
        kind="evenement" if buses > 1 else "circuit", buses=buses, registered=counts.registered,
        present=counts.present, by_audience=dict(counts.by_audience),
        present_by_audience=counts.present_by_audience, visited=tuple(dict.fromkeys(visited)),
        passed=tuple(n for n in dict.fromkeys(passed) if n not in visited),
        presenters=tuple(dict.fromkeys(ambassadors[i] for i in presenter_ids if i in ambassadors)),
        follow_ups=dict(ups), follow_ups_by_company={k: dict(v) for k, v in by_company.items()},
        feedback=outcome.feedback)


def read_season(paths: Iterable[Path | str], start: Optional[dt.date] = None, end: Optional[dt.date] = None,
                territory: str = "") -> Season:
    """The tours of ``paths`` dated ``start``..``end`` (inclusive; None: open) in ``territory`` ("" : all).

    A file that cannot be opened is listed in ``unreadable`` with why, and the others still count."""
    from app.store.project import Project

    season = Season(start=start, end=end, territory=territory)
    end = end or dt.date.today()  # a tour still to come has not happened: it counts once it has
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.resolve() in seen:
            continue  # the same file given twice counts once
        seen.add(path.resolve())
        try:
            tours, others, by_company = [], Counter(), defaultdict(Counter)
            with Project.open(path, read_only=True) as project:
                for tour in project.tours():
                    if start and tour.date < start or tour.date > end:
                        continue
                    if territory and plain(tour.territory) != plain(territory):
                        continue
                    tours.append(tour_record(project, tour, path.name))
                if not territory:  # a company's own follow-ups belong to no territory
                    sites = {s.id: s.name for s in project.sites()}
                    for f in project.follow_ups():
                        if f.tour_id is None and not (start and f.on_date < start or f.on_date > end):
                            others[f.kind.value] += f.count
                            if f.site_id in sites:
                                by_company[sites[f.site_id]][f.kind.value] += f.count
        except UserError as exc:
            season.unreadable.append((path.name, exc.message))
        except OSError as exc:
            season.unreadable.append((path.name, Message("import.unreadable", detail=str(exc.strerror or exc))))
        else:  # a file counts whole or not at all
            season.tours.extend(tours)
            for kind, n in others.items():
                season.other_follow_ups[kind] = season.other_follow_ups.get(kind, 0) + n
            for company, kinds in by_company.items():
                mine = season.other_by_company.setdefault(company, {})
                for kind, n in kinds.items():
                    mine[kind] = mine.get(kind, 0) + n
    # The same tour in two files (a copy, the demo beside its season) counts once: name and date.
    kept: dict[tuple[str, dt.date], TourRecord] = {}
    files: dict[tuple[str, dt.date], list[str]] = defaultdict(list)
    for t in sorted(season.tours, key=lambda t: (t.date, t.file, t.tour)):
        key = (plain(t.tour), t.date)
        files[key].append(t.file)
        if key not in kept or _facts(t) > _facts(kept[key]):  # the copy that recorded what happened
            kept[key] = t
    season.duplicates = [(kept[k].tour, k[1], tuple(f)) for k, f in files.items() if len(f) > 1]
    season.tours = list(kept.values())
    return season


def _facts(t: TourRecord) -> tuple[int, ...]:
    """How much of what happened a tour's record holds (the richer of two copies is kept)."""
    return (t.present is not None, len(t.presenters), sum(t.follow_ups.values()),
            sum(sum(a.values()) for a in t.feedback.values()))


def organiser_of(paths: Iterable[Path | str]) -> str:
    """The organisers' name the first readable project gives (its "organiser" setting), "" if none."""
    from app.store.project import Project

    for path in paths:
        try:
            with Project.open(Path(path), read_only=True) as project:
                name = project.setting("organiser") or ""
                if name:
                    return name
        except (UserError, OSError):
            continue
    return ""


def territories(paths: Iterable[Path | str]) -> list[str]:
    """The territories the tours of ``paths`` name (for the view's filter)."""
    from app.store.project import Project

    found = {}
    for path in paths:
        try:
            with Project.open(Path(path), read_only=True) as project:
                for t in project.tours():
                    if t.territory:
                        found.setdefault(plain(t.territory), t.territory)
        except (UserError, OSError):
            continue
    return sorted(found.values(), key=str.lower)
