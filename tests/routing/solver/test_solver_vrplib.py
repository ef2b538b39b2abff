"""tests/benchmarks/vrplib_solve.py on hand-written instances, optimum checked by brute force."""
from __future__ import annotations

import importlib.util
import itertools
import json
import math
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "vrplib_solve.py"


def _script():
    spec = importlib.util.spec_from_file_location("vrplib_solve", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(capsys, path, *extra):
    assert _script().main([str(path), "--time-limit", "1", *extra]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_tsp_euc2d_optimum(capsys):
    xy = [tuple(map(float, line.split()[1:])) for line in (DATA / "tiny8.tsp").read_text().splitlines()
          if line[:1].isdigit()]
    d = lambda a, b: math.floor(math.dist(xy[a], xy[b]) + 0.5)  # TSPLIB nint
    best = min(sum(d(a, b) for a, b in zip((0,) + p, p + (0,))) for p in itertools.permutations(range(1, 8)))
    out = _run(capsys, DATA / "tiny8.tsp")
    assert out["cost"] == best and out["feasible"] and out["vehicles"] == 1
    assert sorted(out["routes"][0]) == list(range(1, 8))


def test_solomon_dimacs_optimum(capsys):
    rows = [list(map(float, l.split())) for l in (DATA / "tiny5_solomon.txt").read_text().splitlines()
            if l.strip()[:1].isdigit() and len(l.split()) == 7]
    xy = [(r[1], r[2]) for r in rows]
    dem, ready, due, serv = ([r[i] for r in rows] for i in (3, 4, 5, 6))
    d = lambda a, b: math.floor(math.dist(xy[a], xy[b]) * 10) / 10  # DIMACS: truncate to one decimal

    def route_cost(r):
        if sum(dem[c] for c in r) > 20:
            return None
        t, cost, prev = 0.0, 0.0, 0
        for c in r:
            t = max(t + d(prev, c), ready[c])
            if t > due[c] + 1e-9:
                return None
            cost += d(prev, c)
            t += serv[c]
            prev = c
        t += d(prev, 0)
        return cost + d(prev, 0) if t <= due[0] + 1e-9 else None

    best = math.inf
    for assign in itertools.product(range(3), repeat=5):
        total = 0.0
        for v in range(3):
            cl = [c + 1 for c in range(5) if assign[c] == v]
            if not cl:
                continue
            costs = [x for x in (route_cost(p) for p in itertools.permutations(cl)) if x is not None]
            if not costs:
                total = math.inf
                break
            total += min(costs)
        best = min(best, total)
    out = _run(capsys, DATA / "tiny5_solomon.txt")
    assert out["feasible"] and out["cost"] == pytest.approx(best, abs=0.05)
