"""build_problem: the project in the solver's terms (no region needed: flat matrices stand in for the roads)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from app.model.entities import Bus, ParticipantGroup, Precedence, Site, SiteKind, Stop, StopKind, Tour
from app.model.rules import people_on_board
from app.services import planning
from app.store.project import Project
from routing import solver
from routing.errors import PlanningError


def _problem(project: Project, tour: Tour) -> solver.Problem:
    buses, stops = project.buses(tour.id), project.stops(tour.id)
    sites = {s.id: s for s in project.sites()}
    place_sites = planning.places(tour, buses, stops, sites)
    n = len(place_sites)
    flat = solver.RoadMatrices(np.full((n, n), 600.0), np.full((n, n), 5000.0))
    roads = {}
    for b in buses:
        profile = planning.vehicle_profile(b.vehicle)
        roads[profile] = planning.Roads(profile, None, [], flat)  # type: ignore[arg-type]
    return planning.build_problem(project, tour, buses, stops, sites, place_sites, roads)


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.zitour") as p:
        depot = p.add(Site("Dépôt", 15.60, 48.40, kind=SiteKind.DEPOT))
        tour = p.add(Tour("T", dt.date(2026, 3, 24), timezone="Europe/Vienna", start_site_id=depot.id,
                          participants=70))
        big = p.add(Bus("Car 1", 50, tour_id=tour.id))
        small = p.add(Bus("Car 2", 30, tour_id=tour.id))
        for i, name in enumerate(("A", "B", "C"), start=1):
            site = p.add(Site(name, 15.60 + i / 100, 48.41))
            p.add(Stop(site.id, StopKind.VISIT, 1800, tour_id=tour.id, position=i))
        p.add(ParticipantGroup("Classe", 25, bus_id=small.id, tour_id=tour.id))
        p.add(ParticipantGroup("Agence", 30, tour_id=tour.id))  # any bus: the one with most free seats
        yield p, tour, big, small


def test_people_on_board_become_the_vehicles_participants(project):
    p, tour, big, small = project
    problem = _problem(p, tour)
    assert isinstance(problem, solver.Problem)
    on_board = {v.id: v.participants for v in problem.vehicles}
    assert on_board == people_on_board(tour, p.buses(tour.id), p.groups(tour.id)) == {big.id: 30, small.id: 25}
    assert {v.id: v.seats for v in problem.vehicles} == {big.id: 50, small.id: 30}


def test_order_constraints_reach_the_solver_and_a_stored_cycle_is_refused(project):
    p, tour, _, _ = project
    a, b, c = (s.id for s in sorted(p.stops(tour.id), key=lambda s: s.position))
    p.add_precedence(Precedence(a, b))
    p.add_precedence(Precedence(b, c))
    assert _problem(p, tour).precedences == (solver.Precedence(a, b), solver.Precedence(b, c))
    p.add_precedence(Precedence(c, a))  # as an old file may hold: the editor refuses it (rules.would_cycle)
    with pytest.raises(PlanningError) as info:
        _problem(p, tour)
    assert info.value.message.code == "solver.precedence_cycle"
    assert info.value.text("en") == "The order constraints go round in a circle: A, B, C."
