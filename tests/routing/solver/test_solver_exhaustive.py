"""The solver equals the exhaustive optimum on small tours (every order, every optional subset)."""
from __future__ import annotations

import pytest

from routing.solver import Lock, Node, NodeKind, Objective, Precedence, Window, solve
from tests.routing.solver.helpers import brute_force, hm, one_bus, plane, random_points


def _tour(seed: int, n: int, *, windows=True, optional=0, lock=False, prec=False, objective=Objective.TOUR_TIME):
    pts = random_points(n + 1, seed)
    dur, dist = plane(pts)
    nodes = []
    for i in range(1, n + 1):
        w = ()
        if windows and i % 3 == 0:
            a = hm(8, 30) + (seed * 7 + i * 23) % 180 * 60
            w = (Window(a, a + 45 * 60),)
            if i % 2 == 0:  # a second window in the afternoon
                w = w + (Window(a + 4 * 3600, a + 4 * 3600 + 3600),)
        kind = NodeKind.DRIVE_BY if i % 4 == 0 else NodeKind.VISIT
        nodes.append(Node(f"n{i}", i, kind, 0 if kind == NodeKind.DRIVE_BY else 600 + 300 * (i % 3), w,
                          required=i <= n - optional, priority=1 + i % 3,
                          lock=(Lock.LAST if lock and i == 1 else None)))
    precs = (Precedence("n2", "n1"),) if prec else ()
    return one_bus(dur, dist, nodes, precedences=precs, objective=objective)


CASES = [
    dict(seed=1, n=7),
    dict(seed=2, n=7, optional=2),
    dict(seed=3, n=7, lock=True, prec=True),
    dict(seed=4, n=7, objective=Objective.DISTANCE),
    dict(seed=5, n=8),  # above the in-house exact limit: PyVRP + local search must find it
    dict(seed=6, n=8, lock=True),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(f"{k}{v}" for k, v in c.items()))
def test_equals_exhaustive_optimum(case):
    problem = _tour(**case)
    best = brute_force(problem)
    assert best is not None
    (lost, cost), order = best
    sol = solve(problem, time_limit_s=3, seed=1)
    assert sol.feasible
    got_lost = sum(problem.node(d.node_id).priority for d in sol.dropped)
    assert got_lost == lost
    assert sol.objective_value == pytest.approx(cost, abs=1e-3), (sol.buses[0].order, order)


def test_driving_time_objective_matches_brute_force():
    problem = _tour(seed=11, n=7, windows=False, objective=Objective.DRIVING_TIME)
    (_, cost), _ = brute_force(problem)
    sol = solve(problem, time_limit_s=2)
    assert sol.objective_value == pytest.approx(cost, abs=1e-3)
    assert sol.buses[0].driving_s == pytest.approx(cost, abs=1e-3)
