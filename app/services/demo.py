"""The demo project: real Krems industrial sites (OSM) with invented French facts.

``build_demo(path)`` writes a complete, deterministic project from
``resources/demo/krems_demo.json``: site names and positions come from the
bundled OSM extract ``maps/krems_austria.osm.gz`` (looked up by OSM id), every
other fact is invented and marked as demo data in the site's notes. Small real
video clips are written in a ``videos/`` folder beside the project.
"""
from __future__ import annotations

import datetime as dt
import os
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Optional

from app.errors import ProjectError
from app.model.entities import (
    Ambassador,
    Audience,
    Availability,
    LockKind,
    Site,
    SiteKind,
    SiteSource,
    Stop,
    StopKind,
    TimeWindow,
    Tour,
    Video,
)
from app.services.editing import new_bus
from app.services.osm_sites import OsmFeature, read_osm_features
from routing.leftovers import remove_stale
from app.services.videos import relative_video_path, video_duration_s, write_demo_clip
from app.store.project import Project, check_project_file
from routing.progress import CancelToken, ProgressCallback, check, report
from routing.shipped import shipped_dir

DEMO_DESCRIPTION = shipped_dir("resources") / "demo" / "krems_demo.json"
DEFAULT_NAME = "demo-krems.zitour"
# A site further than this from any road a coach can stop on gets the road point as its gate.
GATE_MIN_DISTANCE_M = 15.0


def _maps_dir() -> Path:
    return shipped_dir("maps")


def load_description(path: Path = DEMO_DESCRIPTION) -> dict[str, Any]:
    """The demo's JSON description (plain data, never evaluated)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def demo_path(path: Path | str) -> Path:
    """Where ``zitour demo PATH`` writes: ``PATH`` itself, or ``PATH/demo-krems.zitour`` for a folder."""
    path = Path(path)
    return path / DEFAULT_NAME if path.is_dir() else path


def _address(tags: dict[str, str]) -> str:
    street = " ".join(x for x in (tags.get("addr:street", ""), tags.get("addr:housenumber", "")) if x)
    town = " ".join(x for x in (tags.get("addr:postcode", "3500"), tags.get("addr:city", "Krems an der Donau")) if x)
    return f"{street}, {town}" if street else town


def _site(spec: dict[str, Any], feature: OsmFeature, note: str) -> Site:
    gate_lon = gate_lat = None
    if feature.road_distance_m is not None and feature.road_distance_m > GATE_MIN_DISTANCE_M:
        gate_lon, gate_lat = feature.road_lon, feature.road_lat
    return Site(
        name=feature.name,
        lon=feature.lon,
        lat=feature.lat,
        kind=SiteKind(spec["kind"]),
        address=_address(feature.tags),
        gate_lon=gate_lon,
        gate_lat=gate_lat,
        coach_turns=SiteKind(spec["kind"]) is SiteKind.DEPOT,   # the bus yard
        sector=spec.get("sector", ""),
        products=spec.get("products", ""),
        jobs=spec.get("jobs", ""),
        salaries=spec.get("salaries", ""),
        training=spec.get("training", ""),
        contact_name=spec.get("contact_name", ""),
        contact_phone=spec.get("contact_phone", ""),
        contact_email=spec.get("contact_email", ""),
        notes=note,
        talking_points=spec.get("talking_points", ""),
        visit_capacity=spec.get("visit_capacity"),
        source=SiteSource.DEMO,
        source_ref=feature.ref,
    )


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def build_demo(
    path: Path | str,
    force: bool = False,
    progress: Optional[ProgressCallback] = None,
    cancel: Optional[CancelToken] = None,
) -> Path:
    """Write the demo project at ``path`` (a folder gets ``demo-krems.zitour``); returns the file's path.

    An existing file is replaced only with ``force`` and only if it is a ZI Tour
    project (never someone else's file). Clips go to ``<folder>/videos/``.
    Raises :class:`ProjectError` with the reason otherwise.
    """
    path = demo_path(path)
    if path.exists():
        if not force:
            raise ProjectError("demo.exists", file=str(path))
        try:
            check_project_file(path)
        except ProjectError:
            raise ProjectError("demo.not_a_project", file=str(path)) from None
    desc = load_description()
    report(progress, 0.0, "OSM")
    features = {f.ref: f for f in read_osm_features(_maps_dir() / desc["osm_file"])}
    check(cancel)

    videos_dir = path.parent / "videos"
    clips = []
    for i, spec in enumerate(desc["videos"]):
        report(progress, 0.2 + 0.5 * i / len(desc["videos"]), spec["title"])
        check(cancel)
        file = videos_dir / spec["file"]
        write_demo_clip(file, spec["duration_s"], spec["colour"])
        clips.append((spec, file, video_duration_s(file)))

    report(progress, 0.8, path.name)
    # Built under a temporary name, renamed when whole: a killed build leaves no half demo.
    remove_stale(path.parent, f".{path.name}.building-*")
    final, path = path, path.with_name(f".{path.name}.building-{os.getpid()}")
    project = Project.create(path, overwrite=True)
    try:
        with project.transaction():
            project.set_region_name(desc["region"])
            project.set_setting("demo", "1")
            sites: dict[str, Site] = {}
            for spec in desc["sites"]:
                feature = features.get(spec["osm"])
                if feature is None:
                    raise ProjectError("demo.site_missing", site=str(spec["osm"]), file=str(desc["osm_file"]))
                sites[spec["key"]] = project.add(_site(spec, feature, desc["demo_note"]))
            for spec, file, duration_s in clips:
                project.add(
                    Video(
                        path=relative_video_path(project.folder, file),
                        title=spec["title"],
                        duration_s=duration_s,
                        site_id=sites[spec["site"]].id,
                    )
                )
            for tour_spec in desc["tours"]:
                _add_tour(project, tour_spec, sites)
            for amb in desc["ambassadors"]:
                project.add(
                    Ambassador(
                        name=amb["name"],
                        organisation=amb["organisation"],
                        phone=amb["phone"],
                        email=amb["email"],
                        availability=[
                            Availability(_time(a), _time(b), dt.date.fromisoformat(day) if day else None)
                            for day, a, b in amb["availability"]
                        ],
                        site_ids={sites[k].id for k in amb["sites"]},  # type: ignore[misc]
                    )
                )
    except BaseException:
        project.close()
        path.unlink(missing_ok=True)  # no half-built demo
        raise
    project.close()  # the write-ahead log is folded in: the file is whole
    os.replace(path, final)
    report(progress, 1.0, final.name)
    return final


def _add_tour(project: Project, spec: dict[str, Any], sites: dict[str, Site]) -> Tour:
    tour = project.add(
        Tour(
            name=spec["name"],
            date=dt.date.fromisoformat(spec["date"]),
            timezone=spec["timezone"],
            audience=Audience(spec["audience"]),
            start_site_id=sites[spec["start"]].id,
            end_site_id=sites[spec["end"]].id,
            earliest_departure=_time(spec["earliest_departure"]),
            latest_return=_time(spec["latest_return"]),
            participants=spec["participants"],
            notes=spec["notes"],
        )
    )
    for n, bus in enumerate(spec["buses"]):
        # as the editor adds one (the catalog's name, the 12 m vehicle), with what the description says
        project.add(replace(new_bus(tour.id, n), **bus))
    for position, stop in enumerate(spec["stops"], start=1):
        project.add(
            Stop(
                tour_id=tour.id,
                site_id=sites[stop["site"]].id,  # type: ignore[arg-type]
                kind=StopKind(stop["kind"]),
                dwell_s=int(stop.get("dwell_min", 0)) * 60,
                windows=[TimeWindow(_time(a), _time(b)) for a, b in stop.get("windows", [])],
                required=stop.get("required", True),
                priority=stop.get("priority", 1),
                lock=LockKind(stop.get("lock", "none")),
                position=position,
                notes=stop.get("notes", ""),
            )
        )
    return tour
