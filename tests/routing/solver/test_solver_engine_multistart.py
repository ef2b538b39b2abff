"""PyVRP engine search: fresh restarts on stagnation and parallel seeds (``workers``)."""
from __future__ import annotations

import itertools
import math
import time

import numpy as np

from routing.solver.engine import EngineClient, EngineInstance, EngineVehicle
from routing.solver.pyvrp_engine import PyVRPEngine, default_workers


def _tsp(n: int, seed: int) -> tuple[EngineInstance, np.ndarray]:
    """Random Euclidean TSP on ``n`` points (location 0 is the depot), edges rounded (TSPLIB nint)."""
    xy = np.random.default_rng(seed).uniform(0, 1000, size=(n, 2))
    mat = np.floor(np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)) + 0.5).astype(np.int64)
    inst = EngineInstance(mat, mat, [EngineClient(location=i) for i in range(1, n)], [EngineVehicle(start=0, end=0)])
    return inst, mat


def _tour_cost(mat: np.ndarray, inst: EngineInstance, visits: list[int]) -> int:
    locs = [0] + [inst.clients[c].location for c in visits] + [0]
    return int(sum(mat[a, b] for a, b in zip(locs, locs[1:])))


def _brute_force(mat: np.ndarray) -> int:
    n = mat.shape[0]
    best = math.inf
    for perm in itertools.permutations(range(1, n)):
        tour = (0,) + perm + (0,)
        best = min(best, sum(int(mat[a, b]) for a, b in zip(tour, tour[1:])))
    return int(best)


def test_small_tsp_optimum_with_frequent_restarts():
    inst, mat = _tsp(9, seed=3)
    opt = _brute_force(mat)
    # restart_iters=30: many fresh restarts within the second, each keeping the best.
    res = PyVRPEngine().solve(inst, time_limit_s=1.0, seed=0, workers=1, restart_iters=30)
    assert res.feasible and len(res.routes) == 1
    assert sorted(res.routes[0][1]) == list(range(8))
    assert _tour_cost(mat, inst, res.routes[0][1]) == res.cost == opt


def test_multistart_returns_best_of_its_seeds():
    # Iteration-count stops (no time pressure) make each seed's run reproducible,
    # so the two-worker result must equal the better of the two seeds run alone.
    inst, mat = _tsp(60, seed=11)
    kw = dict(time_limit_s=60.0, no_improvement_iters=1500, restart_iters=0)
    alone = [PyVRPEngine().solve(inst, seed=s, workers=1, **kw) for s in (5, 5 + 7919)]
    streamed: list[float] = []
    both = PyVRPEngine().solve(inst, seed=5, workers=2, on_best=lambda r, c: streamed.append(c), **kw)
    assert both.workers == 2 and both.feasible
    assert both.cost == min(r.cost for r in alone)
    assert _tour_cost(mat, inst, both.routes[0][1]) == both.cost
    assert streamed and streamed[-1] == both.cost  # the last best streamed is the result
    assert all(b <= a for a, b in zip(streamed, streamed[1:]))  # only improvements are streamed
    assert both.iterations > max(r.iterations for r in alone)  # both seeds' iterations are counted


def test_multistart_cancel_stops_every_seed():
    inst, _ = _tsp(80, seed=2)
    t0 = time.perf_counter()
    progress: list[float] = []
    res = PyVRPEngine().solve(inst, time_limit_s=60.0, seed=0, workers=2,
                              should_stop=lambda: time.perf_counter() - t0 > 2.0, on_progress=progress.append)
    elapsed = time.perf_counter() - t0
    assert elapsed < 10.0  # not the 60 s limit: the child seed stopped as well
    assert res.feasible and sorted(res.routes[0][1]) == list(range(79))
    assert progress and all(0.0 <= f <= 1.0 for f in progress)


def test_default_workers_only_for_long_runs():
    assert default_workers(1.0) == 1
    assert default_workers(30.0) >= 1
    assert default_workers(30.0) <= 2
