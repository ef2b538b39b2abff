"""Small synthetic tours for the solver tests: points on a plane, 10 m/s coach."""
from __future__ import annotations

import itertools

import numpy as np

from routing.solver import Evaluator, Problem, Vehicle

H = 3600.0


def hm(h: int, m: int = 0) -> float:
    return h * H + m * 60.0


def plane(points, speed_mps: float = 10.0):
    """(duration_s, distance_m) for points in metres, straight lines."""
    p = np.asarray(points, dtype=float)
    dist = np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1))
    return dist / speed_mps, dist


def random_points(n: int, seed: int, size_m: float = 15000.0):
    rng = np.random.default_rng(seed)
    return rng.uniform(0, size_m, size=(n, 2))


def one_bus(dur, dist, nodes, **kw) -> Problem:
    v = Vehicle(kw.pop("bus_id", "bus"), kw.pop("start", 0), kw.pop("end", 0),
                kw.pop("earliest", hm(8)), kw.pop("latest", hm(18)), **kw.pop("vehicle_kw", {}))
    return Problem(dur, dist, tuple(nodes), (v,), **kw)


def brute_force(problem: Problem):
    """Best (key, order) over every subset of optional stops and every order, one bus.

    Key: (violation > 0, required unserved, priority lost, cost): the same order
    of preference the solver claims to optimise.
    """
    ev = Evaluator(problem)
    bus = problem.vehicles[0].id
    req = [n.id for n in problem.nodes if n.required]
    opt = [n for n in problem.nodes if not n.required]
    best = None
    for r in range(len(opt) + 1):
        for sub in itertools.combinations(opt, r):
            ids = req + [n.id for n in sub]
            lost = sum(n.priority for n in opt if n not in sub)
            for perm in itertools.permutations(ids):
                e = ev.route(bus, perm)
                if e.violation > 1e-6:
                    continue
                k = (lost, round(e.cost, 6))
                if best is None or k < best[0]:
                    best = (k, perm)
    return best
