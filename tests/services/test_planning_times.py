"""Times that mean what organisers mean, end to end on Krems (real OSM roads).

- The tour's departure is a meeting time: the bus leaves then and waits where the windows
  need it; an "at the earliest" departure floats later, never earlier.
- A company's window is its opening: the whole visit fits in it, unless only the arrival
  is asked to (``Stop.arrival_only``).
- A visit longer than its window cannot happen: dropped with its reason, the rest planned.
- Availability is a constraint: a presented stop happens while one of the ambassadors who
  can present it is there, and that ambassador presents it.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.model.entities import (
    Ambassador, Availability, LockKind, Objective, Site, SiteKind, Stop, StopKind, TimeWindow, Tour,
)
from app.services.planning import plan_tour
from app.store.project import Project
from routing.errors import PlanningError

DAY = dt.date(2026, 3, 24)
VIENNA = ZoneInfo("Europe/Vienna")
T = dt.time


def local(t: dt.datetime) -> dt.time:
    return t.astimezone(VIENNA).time().replace(microsecond=0)


def start_of(ps) -> dt.datetime:
    return ps.arrival + dt.timedelta(seconds=ps.wait_s)


@pytest.fixture
def krems(tmp_path: Path):
    """An empty project on the Krems region with four real sites (the demo's coordinates)."""
    project = Project.create(tmp_path / "times.zitour")
    project.set_setting("region", "krems")
    sites = {
        "depot": project.add(Site("Krems Bahnhof", 15.6044579, 48.4095333, kind=SiteKind.DEPOT)),
        "voest": project.add(Site("Voest Alpine Krems", 15.6415863, 48.411091,
                                  gate_lon=15.6412868, gate_lat=48.4102722)),
        "pipelife": project.add(Site("Pipelife", 15.6378569, 48.4121598, gate_lon=15.6377451, gate_lat=48.4128192)),
        "dynea": project.add(Site("Dynea Austria GmbH", 15.6366098, 48.4067743,
                                  gate_lon=15.6366868, gate_lat=48.4069786)),
    }
    with project:
        yield project, sites


def tour(project: Project, sites: dict, name: str, leave=T(8, 30), fixed: bool = True, back=T(17)) -> Tour:
    return project.add(Tour(name, DAY, timezone="Europe/Vienna", start_site_id=sites["depot"].id,
                            earliest_departure=leave, latest_return=back, participants=20,
                            objective=Objective.TOUR_TIME, departure_fixed=fixed))


def visit(project: Project, t: Tour, site: Site, minutes: int, windows=(), position: int = 0, **kw) -> Stop:
    return project.add(Stop(site.id, StopKind.VISIT, minutes * 60, windows=[TimeWindow(a, b) for a, b in windows],
                            tour_id=t.id, position=position, **kw))


def served(plan, stop: Stop):
    [ps] = [ps for b in plan.buses for ps in b.stops if ps.stop_id == stop.id]
    return ps


# -- (a) the departure is a meeting time ---------------------------------------------------------

def test_a_fixed_departure_leaves_at_the_meeting_time_and_waits(krems):
    p, s = krems
    t = tour(p, s, "Rendez-vous 8 h 30")
    assert t.objective is Objective.TOUR_TIME  # "Journée la plus courte": waiting costs, yet the bus leaves
    visit(p, t, s["voest"], 45, [(T(10), T(12))], 1)
    visit(p, t, s["pipelife"], 45, [(T(10), T(12))], 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    [bus] = plan.buses
    assert local(bus.departure) == T(8, 30)
    assert not plan.dropped
    # the first window opens at 10:00: the bus is there well before and waits
    ps = bus.stops[0]
    assert local(ps.arrival) < T(9, 30) and ps.wait_s > 1800
    assert local(start_of(ps)) == T(10)


def test_a_floating_departure_leaves_later_but_never_before_the_earliest(krems):
    p, s = krems
    fixed = tour(p, s, "Fixe")
    floating = tour(p, s, "Au plus tôt", fixed=False)
    for t in (fixed, floating):
        visit(p, t, s["voest"], 45, [(T(10), T(12))], 1)
        visit(p, t, s["pipelife"], 45, [(T(10), T(12))], 2)
    fixed_plan = plan_tour(p, fixed.id, time_limit_s=1)
    floating_plan = plan_tour(p, floating.id, time_limit_s=1)
    [a], [b] = fixed_plan.buses, floating_plan.buses
    assert local(a.departure) == T(8, 30)
    assert T(8, 30) < local(b.departure) < T(10)  # leaves as late as useful: no wait at the first visit
    assert b.stops[0].wait_s < 60
    assert a.return_ == pytest.approx(b.return_, abs=dt.timedelta(minutes=1))  # same day's end, shorter day
    # the earliest departure is a floor, even when an earlier start would suit a window
    early = tour(p, s, "Au plus tôt 9 h", leave=T(9), fixed=False)
    visit(p, early, s["voest"], 45, [(T(8), T(9, 5))], 1)
    plan = plan_tour(p, early.id, time_limit_s=1)
    [bus] = plan.buses
    assert local(bus.departure) >= T(9)


# -- (b) the whole visit fits in the company's window, unless only the arrival must -----------------

def test_the_whole_visit_fits_in_the_window(krems):
    p, s = krems
    # 11:05 meeting time, a 30-min visit locked first, then Pipelife open 8:30-12:00 for 45 min:
    # after the first visit Pipelife could not be over by 12:00, so one of the two cannot be planned
    t = tour(p, s, "Visite entière", leave=T(11, 5))
    visit(p, t, s["dynea"], 30, (), 1, lock=LockKind.FIRST)
    pipe = visit(p, t, s["pipelife"], 45, [(T(8, 30), T(12))], 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert len(plan.dropped) == 1
    for ps in (ps for b in plan.buses for ps in b.stops if ps.stop_id == pipe.id):
        assert local(ps.departure) <= T(12)
    # free to choose the order: Pipelife first, over by 12:00, then Dynea
    t = tour(p, s, "Visite entière, ordre libre", leave=T(11, 5))
    visit(p, t, s["dynea"], 30, (), 1)
    pipe = visit(p, t, s["pipelife"], 45, [(T(8, 30), T(12))], 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert not plan.dropped
    ps = served(plan, pipe)
    assert local(ps.departure) <= T(12)
    assert [x.stop_id for x in plan.buses[0].stops][0] == pipe.id


def test_arrival_only_lets_the_visit_run_past_the_window(krems):
    p, s = krems
    t = tour(p, s, "Arrivée seulement", leave=T(11, 5))
    visit(p, t, s["dynea"], 30, (), 1, lock=LockKind.FIRST)
    pipe = visit(p, t, s["pipelife"], 45, [(T(8, 30), T(12))], 2, arrival_only=True)
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert not plan.dropped
    ps = served(plan, pipe)
    assert local(start_of(ps)) <= T(12) < local(ps.departure)
    assert p.stops(t.id)[1].arrival_only  # stored as given


def test_a_visit_that_cannot_end_in_time_is_explained_with_the_company_hours(krems):
    p, s = krems
    t = tour(p, s, "Trop tard pour finir", leave=T(11, 20))
    pipe = visit(p, t, s["pipelife"], 45, [(T(8, 30), T(12))], 1)
    other = visit(p, t, s["dynea"], 30, (), 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    [drop] = plan.dropped
    assert drop.stop_id == pipe.id and drop.reason.code == "solver.window_unreachable.whole"
    fr = drop.reason.text("fr").replace("\u00a0", " ")
    # the company's hours as typed (not the 8 h 30–11 h 15 the visit must start in), and its end
    assert fr.startswith("L'arrêt Pipelife (45 min) ne tient pas dans ses horaires (8 h 30–12 h 00) : "
                         "arrivée au plus tôt 11 h 2"), fr
    assert "il finirait à 12 h 1" in fr
    assert [ps.stop_id for b in plan.buses for ps in b.stops] == [other.id]


# -- (c) a visit longer than its window --------------------------------------------------------------

def test_a_visit_longer_than_its_window_is_dropped_with_its_reason_and_the_rest_planned(krems):
    p, s = krems
    t = tour(p, s, "Trop longue")
    long = visit(p, t, s["voest"], 75, [(T(9), T(10))], 1)
    other = visit(p, t, s["pipelife"], 45, (), 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    [drop] = plan.dropped
    assert drop.stop_id == long.id and drop.site_id == s["voest"].id and drop.required
    assert drop.reason.code == "planning.visit_longer_than_window"
    assert drop.reason.text("fr") == (
        "La visite de Voest Alpine Krems dure 1\u00a0h\u00a015, plus que l'ouverture de l'entreprise "
        "(9\u00a0h\u00a000–10\u00a0h\u00a000) : raccourcissez la visite, élargissez la fenêtre, ou ne demandez que "
        "l'arrivée dans la fenêtre pour cet arrêt.")
    assert "1 h 15" in drop.reason.text("en").replace("\u00a0", " ") or "1:15" in drop.reason.text("en")
    assert [ps.stop_id for b in plan.buses for ps in b.stops] == [other.id]
    assert not plan.all_required_served
    stored = p.plan(t.id)  # the reason survives the project file
    assert stored.dropped[0].reason.text("fr") == drop.reason.text("fr")
    # asked for the arrival only, the same visit fits
    long.arrival_only = True
    p.update(long)
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert not plan.dropped
    ps = served(plan, long)
    assert T(9) <= local(start_of(ps)) <= T(10)


def test_a_tour_whose_every_stop_cannot_happen_says_why(krems):
    p, s = krems
    t = tour(p, s, "Rien ne tient")
    visit(p, t, s["voest"], 75, [(T(9), T(10))], 1)
    with pytest.raises(PlanningError) as err:
        plan_tour(p, t.id, time_limit_s=1)
    assert err.value.message.code == "planning.visit_longer_than_window"
    assert err.value.text("fr").startswith("La visite de Voest Alpine Krems dure 1\u00a0h\u00a015")


# -- (d) the ambassadors' availability -----------------------------------------------------------------

def test_the_only_presenter_available_in_the_afternoon_presents_the_visit(krems):
    p, s = krems
    morning = p.add(Ambassador("Xavier Morin", site_ids={s["voest"].id}))  # no availability: all day
    yves = p.add(Ambassador("Yves Arnaud", availability=[Availability(T(14), T(17))], site_ids={s["pipelife"].id}))
    t = tour(p, s, "Après-midi")
    voest = visit(p, t, s["voest"], 45, [(T(9), T(12))], 1)
    pipe = visit(p, t, s["pipelife"], 45, (), 2)  # the company has no window: Yves's hours decide
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert not plan.dropped
    ps = served(plan, pipe)
    assert T(14) <= local(start_of(ps)) and local(ps.departure) <= T(17)
    assert ps.ambassador_id == yves.id
    assert served(plan, voest).ambassador_id == morning.id
    assert not [w for w in plan.warnings if w.code == "no_ambassador"]


def test_nobody_able_available_during_the_window_drops_the_stop_naming_them(krems):
    p, s = krems
    p.add(Ambassador("Yves Arnaud", availability=[Availability(T(14), T(17))], site_ids={s["pipelife"].id}))
    p.add(Ambassador("Zoé Lambert", availability=[Availability(T(8), T(17), DAY + dt.timedelta(days=1))],
                     site_ids={s["pipelife"].id}))  # there the day after only
    p.add(Ambassador("Anna Weber", site_ids={s["voest"].id}))  # cannot present Pipelife: not named
    t = tour(p, s, "Personne le matin")
    pipe = visit(p, t, s["pipelife"], 45, [(T(9), T(12))], 1)
    other = visit(p, t, s["voest"], 45, (), 2)
    plan = plan_tour(p, t.id, time_limit_s=1)
    [drop] = plan.dropped
    assert drop.stop_id == pipe.id and drop.reason.code == "planning.no_ambassador_available"
    fr = drop.reason.text("fr")
    assert fr == ("Aucune des personnes qui peuvent présenter Pipelife (Yves Arnaud, Zoé Lambert) n'est disponible "
                  "pendant sa fenêtre horaire (9\u00a0h\u00a000–12\u00a0h\u00a000) : changez une disponibilité ou "
                  "qui présente ce site.")
    assert "Anna" not in fr and "Yves Arnaud" in drop.reason.text("en")
    assert [ps.stop_id for b in plan.buses for ps in b.stops] == [other.id]


def test_an_ambassador_without_availability_is_there_all_day(krems):
    p, s = krems
    p.add(Ambassador("Yves Arnaud", availability=[Availability(T(14), T(17))], site_ids={s["pipelife"].id}))
    zoe = p.add(Ambassador("Zoé Lambert", site_ids={s["pipelife"].id}))  # no availability given
    t = tour(p, s, "Zoé toute la journée")
    pipe = visit(p, t, s["pipelife"], 45, [(T(9), T(12))], 1)
    plan = plan_tour(p, t.id, time_limit_s=1)
    assert not plan.dropped
    ps = served(plan, pipe)
    assert T(9) <= local(start_of(ps)) and local(ps.departure) <= T(12)
    assert ps.ambassador_id == zoe.id
