"""Event days on the real Krems roads: every group makes its programme, whatever bus carries it.

The reported case: two 50-seat coaches, four groups of 15, groups 3–4 on Car 2. The first
wave served each stop once by any bus: Car 2 got no stop ("Départ 8 h 30 / Retour 8 h 30"),
with no warning.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from app.exports.event_tables import receptions
from app.model.entities import Ambassador, Bus, ParticipantGroup, Stop, StopKind, TimeWindow, Tour
from app.services.demo import build_demo
from app.services.export import build_context, export_context
from app.services.planning import plan_tour
from app.store.project import Project

TOUR = "ZI Tour prescripteurs — Port et chimie"


@pytest.fixture
def demo(tmp_path):
    return build_demo(tmp_path)


def _two_coaches(project: Project, *, wide: bool) -> tuple[Tour, Bus, Bus, list[ParticipantGroup]]:
    """The reported tour: Car 1 and Car 2 (50 seats), groups 1–2 on Car 1, 3–4 on Car 2. ``wide``: the
    companies open all day and no ambassador's hours narrow them (an ambassador rides one coach at a
    time), so that both coaches can visit every company in turn."""
    tour = project.tour_by_name(TOUR)
    car1 = project.buses(tour.id)[0]
    car1.seats = 50
    project.update(car1)
    car2 = project.add(Bus("Car 2", 50, tour_id=tour.id))
    groups = [project.add(ParticipantGroup(f"Groupe {i}", 15, bus_id=car1.id if i <= 2 else car2.id,
                                           tour_id=tour.id)) for i in range(1, 5)]
    if wide:
        for a in project.ambassadors():
            project.delete(Ambassador, a.id)
        tour.latest_return = dt.time(19, 0)
        project.update(tour)
        for s in project.stops(tour.id):
            if s.kind == StopKind.VISIT:
                s.windows = [TimeWindow(dt.time(8, 30), dt.time(18, 30))]
                project.update(s)
    return tour, car1, car2, groups


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def test_the_second_coach_carries_its_groups_through_the_programme(demo):
    with Project.open(demo) as project:
        tour, car1, car2, groups = _two_coaches(project, wide=True)
        plan = plan_tour(project, tour.id, time_limit_s=2)
        visits = {s.id for s in project.stops(tour.id) if s.kind == StopKind.VISIT}
        sites = {s.id: s for s in project.sites()}
    by_bus = {b.bus_id: b for b in plan.buses}
    assert set(by_bus) == {car1.id, car2.id}
    for bus, mine in ((car1, groups[:2]), (car2, groups[2:])):
        bp = by_bus[bus.id]
        assert bp.return_ > bp.departure  # no "Départ 8 h 30 / Retour 8 h 30"
        served = {s.stop_id for s in bp.stops if s.kind == "visit"}
        assert served == visits, f"{bus.name} misses visits: {plan.dropped}"
        for s in bp.stops:
            if s.kind == "visit":
                assert set(s.visitors) == {g.id for g in mine}
    assert not [w for w in plan.warnings if w.code == "bus_without_stop"]
    assert not plan.dropped or all(not d.required for d in plan.dropped)
    # no company receives more than it can at once: two coaches of 30 at Dynea (20) or Pipelife (25)
    # come one after the other, each in two turns of the visit's length
    for sid in visits:
        at = [(s, b) for b in plan.buses for s in b.stops if s.stop_id == sid]
        cap = sites[at[0][0].site_id].visit_capacity
        if cap is not None and cap < 60:
            (s1, _), (s2, _) = at
            start = lambda s: s.arrival + dt.timedelta(seconds=s.wait_s)  # noqa: E731
            assert not _overlap((start(s1), s1.departure), (start(s2), s2.departure)), sites[s1.site_id].name
        if cap is not None and cap < 30:
            assert all(s.turns == 2 for s, _ in at)


def test_the_reported_day_warns_for_every_visit_a_coach_cannot_make(demo):
    """With the demo's real opening hours, two coaches of 30 cannot both visit Voest (30 at once,
    1 h 15 inside 9 h–10 h 30): one does, the other's visit is dropped with its reason, and no bus
    stays at the depot."""
    with Project.open(demo) as project:
        tour, car1, car2, _ = _two_coaches(project, wide=False)
        plan = plan_tour(project, tour.id, time_limit_s=2)
    assert all(b.stops for b in plan.buses)
    lost = [d for d in plan.dropped if d.required]
    assert lost and all(d.bus_id in (car1.id, car2.id) for d in lost)
    texts = [d.reason.text("fr").replace("\u00a0", " ") for d in lost]
    assert any("Dynea" in t and "2 tours de 45 min" in t and "13 h 30–14 h 45" in t for t in texts), texts
    assert all(("Car 1" in t) or ("Car 2" in t) for t in texts), texts
    # the cover of the itinerary gives each coach its own times
    with Project.open(demo) as project:
        ctx = build_context(project, tour.id, layers=None)
    from app.exports.pdf_itinerary import _summary
    summary = _summary(ctx)
    for b in plan.buses:
        assert f"{b.bus_name}\u00a0: {b.departure.strftime('%-H')}\u00a0h" in summary


def test_a_bus_left_without_a_stop_is_warned_with_the_reason(demo):
    """Without groups, stops are shared out; a second bus that gets nothing carries people all the
    same and must say so."""
    with Project.open(demo) as project:
        tour = project.tour_by_name(TOUR)
        for s in project.stops(tour.id)[1:]:
            project.delete(Stop, s.id)
        tour.participants = 40
        project.update(tour)
        spare = project.add(Bus("Car 2", 50, tour_id=tour.id))
        plan = plan_tour(project, tour.id, time_limit_s=1)
    idle = [b for b in plan.buses if not b.stops]
    assert len(idle) == 1
    warned = [w for w in plan.warnings if w.code == "bus_without_stop"]
    assert [w.bus_id for w in warned] == [idle[0].bus_id]
    assert warned[0].severity == "error"
    assert "20 personnes" in warned[0].message.text("fr") and "groupes de participants" in warned[0].message.text("fr")
    assert spare.id in {b.bus_id for b in plan.buses}


def test_programmes_with_choices_and_company_schedules_read_back(demo, tmp_path):
    """Groups with their own programmes: one required visit each and "1 among" the others; the
    company schedule CSV read back by the csv module names every group where it goes."""
    with Project.open(demo) as project:
        tour, car1, car2, groups = _two_coaches(project, wide=True)
        visits = [s for s in project.stops(tour.id) if s.kind == StopKind.VISIT]
        voest, dynea, pipelife = visits
        for g in groups:
            g.visits = [voest.id]
            g.choices = [dynea.id, pipelife.id]
            g.choices_k = 1
            g.organisation = "Collège Jean Moulin" if g.bus_id == car2.id else "France Travail Krems"
            g.adults = 2
            g.contact = f"Responsable {g.name}, +33 6 00 00 00 0{g.id % 10}"
            project.update(g)
        plan = plan_tour(project, tour.id, time_limit_s=2)
        ctx = build_context(project, tour.id, layers=None)
        files = export_context(ctx, ["receptions", "programmes"], tmp_path / "out")
    for bp in plan.buses:
        kinds = [s.stop_id for s in bp.stops if s.kind == "visit"]
        assert voest.id in kinds and len(kinds) == 2  # the required visit and one choice, same for both groups
    chosen = {bp.bus_id: {s.stop_id for s in bp.stops if s.kind == "visit"} - {voest.id} for bp in plan.buses}
    assert chosen[car1.id] != chosen[car2.id]  # the choices spread over the companies
    names = sorted(p.name for p in files)
    assert [n.rsplit("-", 2)[-2:] for n in names] == [["accueil", "entreprises.csv"], ["accueil", "entreprises.pdf"],
                                                      ["programmes", "groupes.csv"], ["programmes", "groupes.pdf"]]
    rec_csv = next(p for p in files if p.name.endswith("accueil-entreprises.csv"))
    rows = list(csv.DictReader(io.StringIO(rec_csv.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 4  # Voest twice, one choice company per coach
    voest_rows = [r for r in rows if r["Entreprise"] == "Voest Alpine Krems"]
    assert {r["Car"] for r in voest_rows} == {"Car 1", "Car 2"}
    for r in rows:
        assert r["Personnes"] == "34" and r["Dont accompagnateurs"] == "4"
        assert r["Contacts des groupes"].count("+33 6") == 2
    assert {r["Organisations"] for r in voest_rows} == {"Collège Jean Moulin", "France Travail Krems"}
    assert len(receptions(ctx)) == 4
    prog_csv = next(p for p in files if p.name.endswith("programmes-groupes.csv"))
    prog = list(csv.DictReader(io.StringIO(prog_csv.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["Groupe"] for r in prog} == {g.name for g in groups}
    for g in groups:
        mine = [r for r in prog if r["Groupe"] == g.name and r["Ce que fait le groupe"] == "Visite"]
        assert len(mine) == 2 and mine[0]["Personnes"] == "17"


def test_a_two_day_event_gives_each_day_its_programmes(demo):
    """Day 1 and day 2 are two tours of the project; the same class on both days has its programme
    each day, and each company's schedule covers the day's receptions."""
    with Project.open(demo) as project:
        tour, car1, car2, groups = _two_coaches(project, wide=True)
        day2 = project.tour_by_name("ZI Tour scolaires — Découverte des métiers")
        c1 = project.buses(day2.id)[0]
        c1.seats = 50
        project.update(c1)
        c2 = project.add(Bus("Car 2", 50, tour_id=day2.id))
        for i, g in enumerate(groups):
            project.add(ParticipantGroup(g.name, g.size, bus_id=(c2 if i < 2 else c1).id, tour_id=day2.id))
        day2.participants = 0
        day2.latest_return = dt.time(17, 0)
        project.update(day2)
        for s in project.stops(day2.id):
            if s.kind == StopKind.VISIT:
                s.windows = [TimeWindow(dt.time(9, 0), dt.time(16, 30))]
                project.update(s)
        plans = [plan_tour(project, t.id, time_limit_s=2) for t in (tour, day2)]
        contexts = [build_context(project, t.id, layers=None) for t in (tour, day2)]
    from app.exports.event_tables import programmes
    for plan, ctx in zip(plans, contexts):
        assert all(b.stops for b in plan.buses)
        progs = programmes(ctx)
        assert sorted(g.name for g, _, _ in progs) == [g.name for g in groups]
        for g, bus, lines in progs:
            assert bus is not None and any(line.visits for line in lines)
    # on day 2 groups 1–2 ride Car 2: their programme says so
    day2_progs = {g.name: bus.bus_name for g, bus, _ in programmes(contexts[1])}
    assert day2_progs["Groupe 1"] == "Car 2" and day2_progs["Groupe 3"] == "Car 1"
