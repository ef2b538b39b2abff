"""A tour no plan can serve is refused in words before any search (exit 2 from the CLI)."""
from __future__ import annotations

import datetime as dt

import pytest

from app.model.entities import Bus, ParticipantGroup, Site, SiteKind, Stop, Tour
from app.services.planning import plan_tour
from app.store.project import Project
from routing.errors import PlanningError


@pytest.fixture
def project(tmp_path):
    p = Project.create(tmp_path / "p.zitour")
    p.set_region_name("krems")
    depot = p.add(Site("Krems Bahnhof", 15.6044579, 48.4095333, kind=SiteKind.DEPOT))
    voest = p.add(Site("Voest Alpine Krems", 15.6415863, 48.4110910))
    tour = p.add(Tour("Port", dt.date(2026, 6, 16), timezone="Europe/Vienna", start_site_id=depot.id,
                      participants=30))
    p.add(Bus("Car 1", seats=1, tour_id=tour.id))
    p.add(Stop(site_id=voest.id, dwell_s=1800, tour_id=tour.id))
    yield p, tour
    p.close()


def test_fewer_seats_than_people_is_refused(project):
    p, tour = project
    with pytest.raises(PlanningError) as info:
        plan_tour(p, tour.id, time_limit_s=1, save=False)
    assert info.value.text("fr") == ("Circuit Port : 30 personnes pour 1 places dans ses cars : ajoutez un car ou "
                                     "des places, ou réduisez les participants.")
    (bus,) = p.buses(tour.id)
    bus.seats = 50
    p.update(bus)
    p.add(ParticipantGroup("3e B", 60, tour_id=tour.id, bus_id=bus.id))
    with pytest.raises(PlanningError) as info:
        plan_tour(p, tour.id, time_limit_s=1, save=False)
    assert info.value.message.code in ("planning.not_enough_seats", "planning.bus_overfull")


def test_a_return_before_the_departure_is_said(project, capsys):
    p, tour = project
    (bus,) = p.buses(tour.id)
    bus.seats = 50
    p.update(bus)
    tour.earliest_departure, tour.latest_return = dt.time(14, 0), dt.time(9, 0)
    p.update(tour)
    with pytest.raises(PlanningError) as info:
        plan_tour(p, tour.id, time_limit_s=1, save=False)
    assert "le retour au plus tard (9\u00a0h\u00a000) n'est pas après le départ (14\u00a0h\u00a000)" in info.value.text("fr")
    from app.cli.main import main

    path = p.path
    p.close()
    assert main(["--lang", "fr", "plan", str(path), "--tour", "Port", "--time-limit", "1"]) == 2
    assert "n'est pas après le départ" in capsys.readouterr().err
