"""Each reason for a dropped / late / uncovered stop, triggered by a crafted case."""
from __future__ import annotations

import numpy as np

from routing.solver import Ambassador, Node, NodeKind, Problem, SiteCapacity, Vehicle, Window, solve
from tests.routing.solver.helpers import hm, one_bus, plane


def _line(*xs_m):
    return plane([(0.0, 0.0)] + [(x, 0.0) for x in xs_m])  # 10 m/s


def _drop(sol, nid):
    d = [d for d in sol.dropped if d.node_id == nid]
    assert d, f"{nid} not dropped: {sol.dropped}"
    return d[0]


def test_window_unreachable_from_depot():
    dur, dist = _line(25200.0)  # 42 min from the depot
    n = Node("late_open", 1, service_s=600, windows=(Window(hm(9), hm(9, 30)),), name="Acme")
    sol = solve(one_bus(dur, dist, [n], earliest=hm(9)), time_limit_s=1)
    d = _drop(sol, "late_open")
    assert d.code == "window_unreachable"
    assert d.reason.text("fr") == ("La fenêtre 9\u00a0h\u00a000–9\u00a0h\u00a030 de l'arrêt Acme ne peut pas être atteinte "
                                   "(arrivée au plus tôt 9\u00a0h\u00a042 depuis le dépôt).")
    assert "9:42" in d.reason.text("en") and "9:00–9:30" in d.reason.text("en")
    assert not sol.all_required_served


def test_unreachable_by_coach():
    dur, dist = _line(1000.0, 2000.0)
    dur[0, 2] = dur[1, 2] = np.inf  # nothing drives into stop 2
    dist[0, 2] = dist[1, 2] = np.inf
    sol = solve(one_bus(dur, dist, [Node("ok", 1), Node("island", 2)]), time_limit_s=1)
    assert _drop(sol, "island").code == "unreachable"
    assert "accessible en car" in _drop(sol, "island").reason.text("fr")
    assert sol.buses[0].order == ("ok",)


def test_company_capacity():
    dur, dist = _line(1000.0)
    n = Node("small_co", 1, service_s=600, group_capacity=20)
    sol = solve(one_bus(dur, dist, [n], vehicle_kw=dict(participants=35)), time_limit_s=1)
    d = _drop(sol, "small_co")
    assert d.code == "company_capacity" and "20" in d.reason.text("fr") and "35" in d.reason.text("fr")


def test_day_too_short():
    dur, dist = _line(50000.0)  # 1 h 23 each way
    n = Node("far", 1, service_s=3 * 3600)
    sol = solve(one_bus(dur, dist, [n], earliest=hm(9), latest=hm(13)), time_limit_s=1)
    d = _drop(sol, "far")
    assert d.code == "day_too_short" and "13\u00a0h\u00a000" in d.reason.text("fr")


def test_no_ambassador_when_required_and_warning_otherwise():
    dur, dist = _line(1000.0, 2000.0)
    nodes = [Node("a", 1, service_s=600, site="A"), Node("b", 2, NodeKind.DRIVE_BY, site="B")]
    ambs = (Ambassador("x", frozenset({"A"}), (), "Xavier"),)
    sol = solve(one_bus(dur, dist, nodes, ambassadors=ambs, ambassadors_required=True), time_limit_s=1)
    assert _drop(sol, "b").code == "no_ambassador"
    assert sol.stop("a").ambassador_id == "x"
    sol = solve(one_bus(dur, dist, nodes, ambassadors=ambs), time_limit_s=1)
    assert not sol.dropped
    w = [w for w in sol.warnings if w.code == "no_ambassador"]
    assert len(w) == 1 and w[0].node_id == "b" and "aucun ambassadeur" in w[0].message.text("fr")


def test_ambassador_unavailable_is_explained():
    dur, dist = _line(1000.0)
    ambs = (Ambassador("x", frozenset({"A"}), (Window(hm(14), hm(16)),), "Xavier"),)
    sol = solve(one_bus(dur, dist, [Node("a", 1, service_s=600, site="A")], ambassadors=ambs), time_limit_s=1)
    w = [w for w in sol.warnings if w.code == "no_ambassador"]
    assert w and "Xavier" in w[0].message.text("fr") and "disponible" in w[0].message.text("fr")


def test_two_stops_same_tight_window_one_explained_in_context():
    dur, dist = _line(3000.0, 3600.0)  # 5 and 6 min from the depot
    w = (Window(hm(10), hm(10, 10)),)
    nodes = [Node("p", 1, service_s=1800, windows=w, required=True, priority=5),
             Node("q", 2, service_s=1800, windows=w, required=False, priority=1)]
    sol = solve(one_bus(dur, dist, nodes), time_limit_s=1)
    d = _drop(sol, "q")
    assert d.code in ("window_unreachable", "makes_other_late") and not d.required
    assert sol.all_required_served and sol.buses[0].order == ("p",)


def test_site_busy_one_bus_at_a_time():
    dur, dist = _line(1000.0)
    w = (Window(hm(10), hm(10)),)
    nodes = (Node("xa", 1, service_s=3600, windows=w, site="X", allowed_buses=frozenset({"A"})),
             Node("xb", 1, service_s=3600, windows=w, site="X", allowed_buses=frozenset({"B"})))
    vs = (Vehicle("A", 0, 0, hm(8), hm(18)), Vehicle("B", 0, 0, hm(8), hm(18)))
    sol = solve(Problem(dur, dist, nodes, vs, site_capacities=(SiteCapacity("X"),)), time_limit_s=1)
    assert len(sol.dropped) == 1 and sol.dropped[0].code == "site_busy"


def test_a_stop_that_must_fit_whole_in_its_hours_is_explained_with_them():
    """Start windows derived from the organiser's hours (end minus the service): the reasons quote
    the hours as given and when the visit would end, never the derived start window."""
    dur, dist = _line(25200.0, 1000.0)  # 42 min from the depot
    hours = (Window(hm(9), hm(9, 40)),)
    whole = Node("acme", 1, service_s=1800, windows=(Window(hm(9), hm(9, 10)),), stated_windows=hours, name="Acme")
    sol = solve(one_bus(dur, dist, [whole], earliest=hm(8, 30)), time_limit_s=1)
    d = _drop(sol, "acme")
    assert d.code == "window_unreachable"
    assert d.reason.text("fr") == ("L'arrêt Acme (30\u00a0min) ne tient pas dans ses horaires (9\u00a0h\u00a000–9\u00a0h\u00a040) : "
                                   "arrivée au plus tôt 9\u00a0h\u00a012 depuis le dépôt, il finirait à 9\u00a0h\u00a042.")
    assert d.reason.text("en") == ("Stop Acme (30 min) does not fit in its hours (9:00–9:40): earliest arrival 9:12 "
                                   "from the depot, it would end at 9:42.")
    # late in keep-order mode: by as much as the visit ends after the hours
    first = Node("first", 2, service_s=600)
    sol = solve(one_bus(dur, dist, [first, whole], earliest=hm(8, 30), keep_order={"bus": ["first", "acme"]}),
                time_limit_s=1)
    [w] = [w for w in sol.warnings if w.code == "late"]
    fr = w.message.text("fr")
    assert fr.startswith("L'arrêt Acme finit en retard : arrivée ") and "(9\u00a0h\u00a000–9\u00a0h\u00a040)" in fr
    late = sol.stop("acme").late_s
    end = sol.stop("acme").departure_s
    assert abs((end - hm(9, 40)) - late) < 1e-6  # the visit's end past the hours is the lateness


def test_late_in_keep_order_mode_is_a_warning_with_reason():
    dur, dist = _line(6000.0, 12000.0)
    nodes = [Node("a", 1, service_s=3600), Node("b", 2, service_s=600, windows=(Window(hm(8), hm(8, 30)),))]
    p = one_bus(dur, dist, nodes, keep_order={"bus": ["a", "b"]})
    sol = solve(p, time_limit_s=1)
    assert sol.buses[0].order == ("a", "b") and not sol.dropped and not sol.feasible
    w = [w for w in sol.warnings if w.code == "late"]
    assert w and w[0].node_id == "b" and "en retard" in w[0].message.text("fr") and "depuis a" in w[0].message.text("fr")
    assert sol.stop("b").late_s > 0
