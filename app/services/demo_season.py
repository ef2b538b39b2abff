"""The demo season: four past ZI Tours of the Krems demo, one project file each (as organisers keep
a season), with their participants (invented names), who was present, who presented, the feedback
questionnaire's counts and the follow-ups — what the season's report (Bilan) adds up.

Described in ``resources/demo/season.json`` (plain data); written beside the demo project, whose
videos folder the season files share. No Qt.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

from app.model.entities import FollowUp, FollowUpKind, Participant, Tour
from app.services.demo import build_demo, load_description
from app.store import day_log
from app.store.project import Project
from routing.shipped import shipped_dir

SEASON_DESCRIPTION = shipped_dir("resources") / "demo" / "season.json"


def load_season(path: Path = SEASON_DESCRIPTION) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def build_season(folder: Path | str, force: bool = False) -> list[Path]:
    """Write the season's project files into ``folder``, from the demo there (``demo-krems.zitour``,
    written first when missing or with ``force``); returns the season's files, in date order."""
    from app.tourday.day import DayEvent

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    demo = folder / "demo-krems.zitour"  # the season's source: the demo beside it (written if missing)
    if force or not demo.exists():
        build_demo(demo, force=force)
    desc, season = load_description(), load_season()
    osm_of = {s["key"]: s["osm"] for s in desc["sites"]}
    written = []
    for spec in season["tours"]:
        target = folder / spec["file"]
        if target.exists() and not force:
            raise FileExistsError(str(target))
        shutil.copyfile(demo, target)
        with Project.open(target) as project:
            sites = {s.source_ref: s.id for s in project.sites()}
            ambassadors = {a.name: a.id for a in project.ambassadors()}
            with project.transaction():
                project.set_setting("organiser", season["organiser"])
                for tour in project.tours():
                    if tour.name != spec["from_tour"]:
                        project.delete(Tour, tour.id)
                tour = next(t for t in project.tours())
                old_date, tour.date = tour.date, dt.date.fromisoformat(spec["date"])
                for ambassador in project.ambassadors():  # their days off and on move with the tour
                    if any(av.day == old_date for av in ambassador.availability):
                        ambassador.availability = [dataclasses.replace(av, day=tour.date) if av.day == old_date
                                                   else av for av in ambassador.availability]
                        project.update(ambassador)
                tour.territory = spec["territory"]
                if spec.get("retention_until"):
                    tour.retention_until = dt.date.fromisoformat(spec["retention_until"])
                if "counted" in spec:
                    tour.participants = spec["counted"]
                if spec.get("participants"):
                    tour.participants = len(spec["participants"])
                project.update(tour)
                for name, organisation, audience, contact, pickup, present in spec.get("participants", []):
                    project.add(Participant(name=name, tour_id=tour.id, organisation=organisation,
                                            audience=audience, contact=contact, pickup=pickup, present=present))
                outcome = project.outcome(tour.id)
                outcome.presenters = [ambassadors[n] for n in spec.get("presenters", [])]
                outcome.feedback = spec.get("feedback", {})
                project.set_outcome(outcome)
                for kind, on, count, site, notes in spec.get("follow_ups", []):
                    project.add(FollowUp(kind=FollowUpKind(kind), on_date=dt.date.fromisoformat(on), count=count,
                                         tour_id=tour.id, site_id=sites[osm_of[site]] if site else None,
                                         notes=notes))
            if "headcount" in spec:  # counted aboard on the day, as the tour-day mode logs it
                bus = project.buses(tour.id)[0]
                at = dt.datetime.combine(tour.date, tour.earliest_departure).astimezone()
                day_log.append_events(project, tour.id, bus.id,
                                      [DayEvent(at=at, kind="headcount", value=float(spec["headcount"]))])
        written.append(target)
    return written
