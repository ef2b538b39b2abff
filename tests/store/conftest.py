"""Shared builders for store tests: one project holding one of every entity."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from app.model import (
    Ambassador, Audience, Availability, Bus, DriverRules, LockKind, Objective, ParticipantGroup, Precedence, Site,
    SiteKind, SiteSource, Stop, StopKind, TimeWindow, Tour, VehicleSpec, Video,
)
from app.store import Project


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(project: Project) -> dict:
    """Add one of each entity with non-default values everywhere; returns them by name."""
    depot = project.add(Site("Dépôt Krems", 15.6044579, 48.4095333, kind=SiteKind.DEPOT, source=SiteSource.MANUAL))
    site = project.add(
        Site(
            "Voest Alpine Krems", 15.6415863, 48.411091, kind=SiteKind.COMPANY, address="Hafenstraße, Krems",
            gate_lon=15.6412868, gate_lat=48.4102722, sector="Métallurgie", products="Tubes", jobs="Soudeur·se",
            salaries="2 100–2 800 € brut/mois", training="CQPM", contact_name="Mme Durand", contact_phone="+33 1 99",
            contact_email="rh@example.org", notes="démo\nligne 2", talking_points="3×8", visit_capacity=25,
            source=SiteSource.OSM, source_ref="way/83825269",
        )
    )
    video = project.add(Video("videos/v.mp4", "Les métiers", 95.5, site_id=site.id))
    amb = project.add(
        Ambassador("Claire", "UIMM", "+33 6", "c@example.org",
                   [Availability(dt.time(8), dt.time(12, 30), dt.date(2026, 3, 24)), Availability(dt.time(14), dt.time(17))],
                   {site.id})
    )
    tour = project.add(
        Tour("Prescripteurs", dt.date(2026, 3, 24), timezone="Europe/Vienna", audience=Audience.SCOLAIRES,
             start_site_id=depot.id, end_site_id=site.id, earliest_departure=dt.time(8, 15),
             latest_return=dt.time(16, 45), participants=42, objective=Objective.DISTANCE,
             driver_rules=DriverRules(max_driving_s=4 * 3600, break_s=30 * 60, split_break_s=(600, 1200),
                                      max_duty_s=10 * 3600), notes="note")
    )
    bus = project.add(Bus("Car 2", 35, "Autocars", "Jean", "+33 6 2", VehicleSpec(name="Midi", height_m=3.2),
                          start_site_id=depot.id, end_site_id=depot.id, tour_id=tour.id))
    group = project.add(ParticipantGroup("3e B", 28, bus_id=bus.id, tour_id=tour.id))
    s1 = project.add(Stop(site.id, StopKind.VISIT, 3600, [TimeWindow(dt.time(9), dt.time(10)),
                                                         TimeWindow(dt.time(14), dt.time(15, 30))],
                          required=False, priority=7, lock=LockKind.INDEX, lock_index=2, bus_id=bus.id, position=1,
                          notes="EPI", tour_id=tour.id))
    s2 = project.add(Stop(depot.id, StopKind.DRIVE_BY, tour_id=tour.id, position=2))
    project.add_precedence(Precedence(s1.id, s2.id))
    return dict(depot=depot, site=site, video=video, amb=amb, tour=tour, bus=bus, group=group, s1=s1, s2=s2)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.zitour"
