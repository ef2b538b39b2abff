"""plan_tour end to end: road-engine reasons, buses of different heights, company visit slots.

Krems (real OSM roads) for the road reasons and the slots; a hand-written low-bridge
fixture (tests/services/data/low_bridge.osm) for the vehicle profiles.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from app.model.entities import Bus, Site, SiteKind, Stop, StopKind, TimeWindow, Tour, VehicleSpec
from app.services.planning import plan_tour
from app.store.project import Project
from routing.network import SNAP_MAX_DISTANCE_M, haversine_m

DATA = Path(__file__).resolve().parent / "data"
DAY = dt.date(2026, 3, 24)
T = dt.time


def _project(path: Path, region: str) -> Project:
    project = Project.create(path)
    project.set_setting("region", region)
    return project


def _tour(project: Project, name: str, depot: Site, latest=T(13)) -> Tour:
    return project.add(Tour(name, DAY, timezone="Europe/Vienna", start_site_id=depot.id,
                            earliest_departure=T(8, 30), latest_return=latest, participants=20))


# -- 1. a site the road engine cannot attach: its reason, in both languages --------------------

@pytest.fixture(scope="module")
def krems_project(tmp_path_factory):
    path = tmp_path_factory.mktemp("krems") / "roads.zitour"
    with _project(path, "krems") as p:
        depot = p.add(Site("Dépôt Krems", 15.6044579, 48.4095333, kind=SiteKind.DEPOT))
        voest = p.add(Site("Voest Alpine Krems", 15.6415863, 48.411091, gate_lon=15.6412868, gate_lat=48.4102722))
        # on the Danube's centre line (OSM waterway "Donau"), east of the Mautern bridge
        river = p.add(Site("Ponton Donau", 15.6477879, 48.3978445))
        for name, required in (("Ponton requis", True), ("Ponton facultatif", False)):
            tour = _tour(p, name, depot)
            p.add(Stop(voest.id, StopKind.VISIT, 1800, tour_id=tour.id, position=1))
            p.add(Stop(river.id, StopKind.VISIT, 1800, required=required, tour_id=tour.id, position=2))
    return path


def test_unsnappable_site_is_dropped_with_the_road_engine_reason(krems_project):
    with Project.open(krems_project) as p:
        tour = p.tour_by_name("Ponton requis")
        river = next(s for s in p.sites() if s.name == "Ponton Donau")
        plan = plan_tour(p, tour.id, time_limit_s=1)
    [drop] = plan.dropped
    assert drop.site_id == river.id and drop.required and not plan.all_required_served
    en, fr = drop.reason.text("en"), drop.reason.text("fr")
    assert en.startswith("Stop Ponton Donau cannot be reached by coach: site Ponton Donau is ")
    assert "from the nearest coach-legal road" in en and "route autorisée aux autocars la plus proche" in fr
    assert "Ponton Donau" in fr
    metres = int(re.search(r"is (\d+) m from", en).group(1))
    # the river's centre line is further from any road than a coach may park (and not across the map)
    assert SNAP_MAX_DISTANCE_M < metres < haversine_m(15.6044579, 48.4095333, 15.6477879, 48.3978445)
    assert f"à {metres}\u00a0m" in fr
    assert [s.name for b in plan.buses for s in b.stops] == ["Voest Alpine Krems"]


# -- 2. buses of different heights: each on its own roads ------------------------------------------

BRIDGE_LAT = 45.1000
DETOUR_LAT = 45.1060


@pytest.fixture(scope="module")
def bridge_plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("bridge") / "bridge.zitour"
    from routing.regions import import_region

    import_region(DATA / "low_bridge.osm")  # as `zitour region import` does; the project names it
    with _project(path, "low-bridge") as p:
        # at the dead end: the coach turns round there and leaves eastwards with the depot on its right
        depot = p.add(Site("Dépôt Ouest", 4.9971, 45.0998, kind=SiteKind.DEPOT))
        est = p.add(Site("Atelier Est", 5.0100, 45.0998))
        basse = p.add(Site("Usine Basse", 5.0200, 45.0998))
        tour = _tour(p, "Pont bas", depot, latest=T(17))
        midi = p.add(Bus("Midibus", 30, vehicle=VehicleSpec(name="Midibus 3.2 m", height_m=3.2, length_m=9.5),
                         tour_id=tour.id))
        tall = p.add(Bus("Impériale", 80, vehicle=VehicleSpec(name="Impériale 4.0 m", height_m=4.0, length_m=13.0),
                         tour_id=tour.id))
        p.add(Stop(basse.id, StopKind.VISIT, 1800, tour_id=tour.id, position=1))
        p.add(Stop(est.id, StopKind.VISIT, 1800, bus_id=tall.id, tour_id=tour.id, position=2))
        p.add(Stop(basse.id, StopKind.VISIT, 1800, bus_id=tall.id, tour_id=tour.id, position=3))
        plan = plan_tour(p, tour.id, time_limit_s=1)
        return plan, {"depot": depot, "est": est, "basse": basse, "midi": midi, "tall": tall}


def test_tall_bus_never_passes_the_low_bridge(bridge_plan):
    plan, e = bridge_plan
    by_bus = {b.bus_id: b for b in plan.buses}
    midi, tall = by_bus[e["midi"].id], by_bus[e["tall"].id]
    assert [s.site_id for s in midi.stops] == [e["basse"].id]  # only the midibus can reach the low factory
    assert [s.site_id for s in tall.stops] == [e["est"].id]
    # the tall bus takes the long way round (north), never the bridge road; the midibus the bridge
    for g in tall.legs:
        assert g.geometry and max(lat for _, lat in g.geometry) >= DETOUR_LAT - 1e-6
        assert not any(abs(lat - BRIDGE_LAT) < 1e-6 and 5.0005 < lon < 5.0095 for lon, lat in g.geometry)
    for g in midi.legs:
        assert g.geometry and max(lat for _, lat in g.geometry) < BRIDGE_LAT + 0.001
    direct = haversine_m(5.0, BRIDGE_LAT, 5.01, BRIDGE_LAT)
    detour = 2 * haversine_m(5.0, BRIDGE_LAT, 5.0, DETOUR_LAT) + direct
    assert tall.legs[0].distance_m >= 0.95 * detour
    # the tall bus's own stop at the low factory: dropped with its road engine's reason
    [drop] = plan.dropped
    assert drop.site_id == e["basse"].id and drop.required
    assert drop.reason.text("en").startswith("Stop Usine Basse cannot be reached by coach: site Usine Basse is ")
    assert "from the nearest coach-legal road" in drop.reason.text("en")


# -- 3. company visit slots, two buses -----------------------------------------------------------

def test_visit_slots_two_buses_two_companies(tmp_path):
    with _project(tmp_path / "slots.zitour", "krems") as p:
        depot = p.add(Site("Dépôt Krems", 15.6044579, 48.4095333, kind=SiteKind.DEPOT))
        voest = p.add(Site("Voest Alpine Krems", 15.6415863, 48.411091, gate_lon=15.6412868, gate_lat=48.4102722,
                           visit_slots=[TimeWindow(T(9), T(10)), TimeWindow(T(10, 30), T(11, 30))]))
        pipe = p.add(Site("Pipelife", 15.6378569, 48.4121598, visit_slots=[TimeWindow(T(9), T(10))]))
        tour = _tour(p, "Slots", depot)
        buses = [p.add(Bus(f"Car {i}", 30, tour_id=tour.id)) for i in (1, 2)]
        for b in buses:
            for site in (voest, pipe):
                p.add(Stop(site.id, StopKind.VISIT, 45 * 60, bus_id=b.id, tour_id=tour.id))
        plan = plan_tour(p, tour.id, time_limit_s=1)
    slots = {voest.id: voest.visit_slots, pipe.id: pipe.visit_slots}
    held: dict = {}
    for b in plan.buses:
        for s in b.stops:
            start = (s.arrival + dt.timedelta(seconds=s.wait_s)).time()
            [k] = [k for k, w in enumerate(slots[s.site_id]) if w.start <= start <= w.end]
            assert (s.site_id, k) not in held  # one visit per slot
            held[(s.site_id, k)] = b.bus_name
    assert sum(1 for site, _ in held if site == voest.id) == 2  # Voest's two slots: one bus each
    [drop] = plan.dropped
    assert drop.site_id == pipe.id and not plan.all_required_served
    holder = held[(pipe.id, 0)]
    assert drop.reason.text("en") == f"All visit slots of Pipelife are taken (9:00–10:00 by {holder})."
    assert drop.reason.text("fr") == f"Tous les créneaux de visite de Pipelife sont pris (9\u00a0h\u00a000–10\u00a0h\u00a000 par {holder})."
