"""Company visit slots and buses of different vehicle profiles, checked from the solver's output."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from routing.messages import Distance, Message
from routing.solver import Node, NodeKind, Problem, SiteCapacity, Vehicle, Window, solve
from routing.solver.problem import RoadMatrices
from routing.solver.pyvrp_engine import PyVRPEngine
from routing.solver.solve import build_instance
from tests.routing.solver.helpers import hm, plane

DWELL_S = 45 * 60


def _slot_of(start_s, slots):
    hits = [k for k, w in enumerate(slots) if w.start_s - 1e-6 <= start_s <= w.end_s + 1e-6]
    return hits[0] if hits else None


def _two_bus_event(slots_a, slots_b, windows=()):
    """Depot 0, company A at 1, company B at 2 (a few minutes apart): each bus visits A and B."""
    dur, dist = plane([(0, 0), (3000, 0), (3000, 2500)])
    nodes = []
    for bus in ("c1", "c2"):
        nodes.append(Node(f"A-{bus}", 1, NodeKind.VISIT, DWELL_S, windows, allowed_buses=frozenset({bus}),
                          site="A", name="Alpha"))
        nodes.append(Node(f"B-{bus}", 2, NodeKind.VISIT, DWELL_S, windows, allowed_buses=frozenset({bus}),
                          site="B", name="Beta"))
    vehicles = tuple(Vehicle(b, 0, 0, hm(8, 30), hm(13), name=name) for b, name in (("c1", "Car 1"), ("c2", "Car 2")))
    caps = (SiteCapacity("A", False, slots_a), SiteCapacity("B", False, slots_b))
    return Problem(dur, dist, tuple(nodes), vehicles, site_capacities=caps)


def test_each_slot_hosts_one_visit_and_a_full_site_is_explained():
    slots_a = (Window(hm(9), hm(10)), Window(hm(10, 30), hm(11, 30)))
    slots_b = (Window(hm(9), hm(10)),)
    p = _two_bus_event(slots_a, slots_b)
    sol = solve(p, time_limit_s=1)
    assert sol.feasible
    served = {s.node_id: s for b in sol.buses for s in b.stops}
    # A has two slots: both buses visit it, one per slot
    assert {"A-c1", "A-c2"} <= set(served)
    a_slots = [_slot_of(served[n].start_s, slots_a) for n in ("A-c1", "A-c2")]
    assert None not in a_slots and a_slots[0] != a_slots[1]
    # B has one slot: one bus gets it, the other's visit is dropped, naming who holds the slot
    b_served = [n for n in ("B-c1", "B-c2") if n in served]
    assert len(b_served) == 1 and _slot_of(served[b_served[0]].start_s, slots_b) == 0
    [drop] = sol.dropped
    assert drop.node_id in ("B-c1", "B-c2") and drop.code == "slot_taken"
    holder = "Car 1" if b_served[0] == "B-c1" else "Car 2"
    assert drop.reason.text("en") == f"All visit slots of Beta are taken (9:00–10:00 by {holder})."
    assert drop.reason.text("fr") == f"Tous les créneaux de visite de Beta sont pris (9\u00a0h\u00a000–10\u00a0h\u00a000 par {holder})."
    assert not sol.all_required_served


def test_later_slot_is_waited_for_when_the_early_one_is_taken():
    # both buses reach A at about 8:35; A's slots are 9:00-9:30 and 10:00-10:30 and nobody visits B
    slots_a = (Window(hm(9), hm(9, 30)), Window(hm(10), hm(10, 30)))
    p = _two_bus_event(slots_a, (Window(hm(9), hm(12)),))
    p = p.with_(nodes=tuple(nd for nd in p.nodes if nd.site == "A"))
    sol = solve(p, time_limit_s=1)
    assert sol.feasible and not sol.dropped
    starts = sorted(sol.stop(n).start_s for n in ("A-c1", "A-c2"))
    assert _slot_of(starts[0], slots_a) == 0 and _slot_of(starts[1], slots_a) == 1
    # keep-order mode only computes times, and still shares the slots out
    kept = solve(p.with_(keep_order={"c1": ["A-c1"], "c2": ["A-c2"]}), time_limit_s=1)
    assert kept.feasible and not kept.dropped
    assert {_slot_of(kept.stop(n).start_s, slots_a) for n in ("A-c1", "A-c2")} == {0, 1}


def test_slots_intersect_the_stop_windows():
    slots_a = (Window(hm(8, 30), hm(9, 15)), Window(hm(11), hm(11, 20)))
    p = _two_bus_event(slots_a, (Window(hm(8), hm(12)),), windows=(Window(hm(9, 30), hm(12)),))
    p = p.with_(nodes=tuple(nd for nd in p.nodes if nd.id in ("A-c1", "B-c2")))
    sol = solve(p, time_limit_s=1)
    s = sol.stop("A-c1")
    assert s is not None and hm(11) <= s.start_s <= hm(11, 20)  # the only slot inside 9:30-12:00
    # no slot of A meets the stop's afternoon window: dropped with both lists in words
    afternoon = replace(p.node("A-c1"), windows=(Window(hm(14), hm(15)),))
    p2 = p.with_(nodes=tuple(afternoon if nd.id == "A-c1" else nd for nd in p.nodes),
                 vehicles=tuple(replace(v, latest_return_s=hm(18)) for v in p.vehicles))
    sol2 = solve(p2, time_limit_s=1)
    [drop] = sol2.dropped
    assert drop.code == "no_visit_slot"
    assert "8:30–9:15, 11:00–11:20" in drop.reason.text("en") and "14:00–15:00" in drop.reason.text("en")
    assert "8\u00a0h\u00a030–9\u00a0h\u00a015" in drop.reason.text("fr")


def _profiles_problem():
    """Depot 0, stop 1 under a low bridge (tall bus: no road), stop 2 (tall bus: a long detour)."""
    dur, dist = plane([(0, 0), (4000, 0), (0, 4000)])
    tall_dur, tall_dist = dur.copy(), dist.copy()
    tall_dur[1, :] = tall_dur[:, 1] = np.inf
    tall_dist[1, :] = tall_dist[:, 1] = np.inf
    tall_dur[1, 1] = tall_dist[1, 1] = 0.0
    tall_dur[[0, 2], [2, 0]] *= 3  # depot <-> 2 the long way round
    tall_dist[[0, 2], [2, 0]] *= 3
    why = Message("road.snap_too_far", distance=Distance(350.0), limit=Distance(200.0))
    tall = RoadMatrices(tall_dur, tall_dist, {1: why}, "Double-decker 4.0 m")
    return dur, dist, tall_dur, tall


def test_each_bus_drives_its_own_profile():
    dur, dist, tall_dur, tall = _profiles_problem()
    nodes = (Node("low", 1, NodeKind.VISIT, 1800, name="Usine Basse"),
             Node("far", 2, NodeKind.VISIT, 1800, allowed_buses=frozenset({"tall"}), name="Atelier Est"),
             Node("low-tall", 1, NodeKind.VISIT, 1800, allowed_buses=frozenset({"tall"}), name="Usine Basse"))
    vehicles = (Vehicle("small", 0, 0, hm(8), hm(17), name="Midibus"),
                Vehicle("tall", 0, 0, hm(8), hm(17), name="Impériale", profile="dd"))
    p = Problem(dur, dist, nodes, vehicles, profiles={"dd": tall})
    sol = solve(p, time_limit_s=1)
    assert sol.bus("small").order == ("low",)
    assert sol.bus("tall").order == ("far",)
    for g in sol.bus("tall").legs:  # the tall bus's legs come from its own matrix: the detour
        assert g.duration_s == pytest.approx(tall_dur[g.from_index, g.to_index])
    assert sol.bus("tall").legs[0].duration_s == pytest.approx(3 * dur[0, 2])
    [drop] = sol.dropped
    assert drop.node_id == "low-tall" and drop.code == "unreachable"
    assert drop.reason.text("en") == ("Stop Usine Basse cannot be reached by coach: site Usine Basse is 350 m from the "
                                      "nearest coach-legal road (more than 200 m): set a gate position or move the site.")
    assert drop.reason.text("fr").startswith(
        "L'arrêt Usine Basse n'est pas accessible en car : le site Usine Basse est à 350\u00a0m")


def test_engine_gets_one_routing_profile_per_vehicle_profile():
    dur, dist, tall_dur, tall = _profiles_problem()
    nodes = (Node("far", 2, NodeKind.VISIT, 1800), Node("low", 1, NodeKind.VISIT, 1800))
    vehicles = (Vehicle("small", 0, 0, hm(8), hm(17)), Vehicle("tall", 0, 0, hm(8), hm(17), profile="dd"))
    p = Problem(dur, dist, nodes, vehicles, profiles={"dd": tall})
    inst, node_ids, bus_ids = build_instance(p, {"far": {"small", "tall"}, "low": {"small"}}, ["small", "tall"])
    data, _ = PyVRPEngine().build(inst)
    small_t, tall_t = (data.vehicle_type(k).profile for k in range(2))
    assert small_t != tall_t
    loc_far = 1 + node_ids.index("far")  # one depot location first
    assert data.duration_matrix(small_t)[0, loc_far] == round(dur[0, 2])
    assert data.duration_matrix(tall_t)[0, loc_far] == round(tall_dur[0, 2])
