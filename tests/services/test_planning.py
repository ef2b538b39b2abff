"""plan_tour and `zitour plan` end to end on the demo project (Krems, real OSM roads)."""
from __future__ import annotations


import pytest

from app.services.demo import build_demo
from app.services.planning import plan_tour
from app.store.project import Project

TOUR = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("demo"))


def test_plan_tour_stores_a_plan_with_reasons_and_geometry(demo):
    with Project.open(demo) as project:
        tour = project.tour_by_name(TOUR)
        plan = plan_tour(project, tour.id, time_limit_s=1)
        stored = project.plan(tour.id)
        stops = {s.id: s for s in project.stops(tour.id)}
    assert stored is not None and stored.to_json_dict() == plan.to_json_dict()
    served = [s.stop_id for b in plan.buses for s in b.stops if s.stop_id is not None]
    assert set(served) | {d.stop_id for d in plan.dropped} == set(stops)
    assert all(d.reason.text("fr") and d.reason.text("en") for d in plan.dropped)
    for b in plan.buses:
        assert len(b.legs) == len(b.stops) + 1
        assert any(len(g.geometry) >= 2 for g in b.legs)
        for s, g in zip(b.stops, b.legs):
            assert g.arrival <= s.arrival
            assert s.arrival <= s.departure
        for s in b.stops:  # windows hold for every served stop
            st = stops.get(s.stop_id)
            if st is not None and st.windows:
                t = s.arrival.time()
                assert any(w.start <= max(t, w.start) <= w.end for w in st.windows)
