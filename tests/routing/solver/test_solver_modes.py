"""Keep-order, re-plan from now, several buses, progress / cancel / best-so-far."""
from __future__ import annotations

import pytest

from routing.errors import Cancelled
from routing.progress import CancelToken
from routing.solver import Node, Problem, Vehicle, Window, replan_problem, solve
from tests.routing.solver.helpers import hm, one_bus, plane, random_points


def _tour(n=10, seed=3):
    dur, dist = plane(random_points(n + 1, seed))
    nodes = [Node(f"n{i}", i, service_s=900) for i in range(1, n + 1)]
    return dur, dist, nodes


def test_keep_order_only_computes_times():
    dur, dist, nodes = _tour(6)
    order = ["n3", "n1", "n6", "n2", "n5", "n4"]
    sol = solve(one_bus(dur, dist, nodes, keep_order={"bus": order}), time_limit_s=1)
    b = sol.buses[0]
    assert list(b.order) == order
    t = b.departure_s
    prev = 0
    for s in b.stops:  # times follow the matrix exactly
        t += dur[prev, s.index]
        assert s.arrival_s == pytest.approx(t)
        t = s.departure_s
        prev = s.index
    opt = solve(one_bus(dur, dist, nodes), time_limit_s=1)
    assert opt.objective_value <= sol.objective_value + 1e-6


def test_replan_from_now_keeps_done_stops_out_and_starts_at_position():
    dur, dist, nodes = _tour(8)
    p = one_bus(dur, dist, nodes, latest=hm(17))
    first = solve(p, time_limit_s=1)
    order = list(first.buses[0].order)
    done = order[:3]
    here = first.stop(done[-1])
    now = here.departure_s + 600  # ten minutes late leaving the third stop
    p2 = replan_problem(p, now_s=now, positions={"bus": here.index}, done=done,
                        previous={"bus": order})
    sol = solve(p2, time_limit_s=1)
    b = sol.buses[0]
    assert set(b.order) == set(order[3:])
    assert b.departure_s >= now - 1e-6
    assert b.legs[0].from_index == here.index
    assert b.return_s <= hm(17)


def test_multi_bus_splits_and_respects_each_bus():
    dur, dist = plane(random_points(21, 7, size_m=25000.0))
    nodes = [Node(f"n{i}", i, service_s=1800, windows=((Window(hm(9), hm(11)),) if i % 5 == 0 else ()))
             for i in range(1, 21)]
    vs = (Vehicle("A", 0, 0, hm(8), hm(13)), Vehicle("B", 0, 0, hm(8), hm(13)), Vehicle("C", 0, 0, hm(8), hm(13)))
    sol = solve(Problem(dur, dist, tuple(nodes), vs), time_limit_s=3)
    assert sol.feasible and not sol.dropped
    served = [n for b in sol.buses for n in b.order]
    assert sorted(served) == sorted(n.id for n in nodes)
    for b in sol.buses:
        assert b.return_s <= hm(13) + 1e-6


def test_different_start_and_end_depots():
    dur, dist = plane([(0, 0), (20000, 0), (5000, 0), (15000, 0)])
    v = Vehicle("bus", 0, 1, hm(8), hm(18))
    sol = solve(Problem(dur, dist, (Node("a", 2), Node("b", 3)), (v,)), time_limit_s=1)
    b = sol.buses[0]
    assert b.order == ("a", "b") and b.legs[-1].to_index == 1 and b.legs[0].from_index == 0


def test_progress_best_so_far_and_cancel():
    dur, dist, nodes = _tour(25, seed=5)
    p = one_bus(dur, dist, nodes)
    seen, best = [], []
    solve(p, time_limit_s=1.5, progress=lambda f, label: seen.append(f), on_best=best.append)
    assert seen and seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
    assert best and best[0].stats.get("partial")
    tok = CancelToken()
    calls = []

    def prog(f, label):
        calls.append(f)
        if f > 0.06:
            tok.cancel()

    with pytest.raises(Cancelled):
        solve(p, time_limit_s=20, progress=prog, cancel=tok)
