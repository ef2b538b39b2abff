"""Solve a VRPLIB instance with the app's engine adapter and print one JSON line.

    .venv/bin/python tests/benchmarks/vrplib_solve.py INSTANCE [--time-limit S] [--seed N] [--workers K]

Reads TSPLIB EUC_2D TSP, CVRP (.vrp) and Solomon VRPTW (.txt) with ``vrplib``.
Costs: TSPLIB EUC_2D rounds each edge to the nearest integer; Solomon uses the
DIMACS convention (Euclidean distance truncated to one decimal, used for time
and cost; objective total distance; scaled by 10 inside the engine).
Output: {"instance", "cost", "routes", "vehicles", "feasible", "seconds",
"best_s" (time to the returned solution), "workers", "iterations"}.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import vrplib

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from routing.solver.engine import EngineClient, EngineInstance, EngineVehicle, default_engine  # noqa: E402


def load(path: Path) -> tuple[EngineInstance, float, str]:
    """(instance, cost scale, kind). Engine costs are integers: cost = engine_cost / scale."""
    text = path.read_text(errors="replace")
    solomon = "CUSTOMER" in text.upper() and "VEHICLE" in text.upper() and "NAME" not in text.split("\n", 1)[0].upper().split(":")[0]
    if solomon:
        inst = vrplib.read_instance(str(path), instance_format="solomon", compute_edge_weights=False)
        xy = np.asarray(inst["node_coord"], dtype=float)
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
        mat = np.floor(d * 10.0).astype(np.int64)  # DIMACS: truncate to one decimal, x10 to stay integer
        tw = np.asarray(inst["time_window"], dtype=float)
        service = np.asarray(inst["service_time"], dtype=float)
        demand = np.asarray(inst["demand"], dtype=int)
        n = len(xy)
        clients = [EngineClient(location=i, service=int(round(service[i] * 10)),
                                windows=[(int(round(tw[i][0] * 10)), int(round(tw[i][1] * 10)))],
                                delivery=[int(demand[i])]) for i in range(1, n)]
        veh = EngineVehicle(start=0, end=0, tw_early=int(round(tw[0][0] * 10)), tw_late=int(round(tw[0][1] * 10)),
                            capacity=[int(inst["capacity"])], num_available=int(inst["vehicles"]))
        return EngineInstance(mat, mat, clients, [veh], unit_distance_cost=1, unit_duration_cost=0), 10.0, "vrptw"
    inst = vrplib.read_instance(str(path))
    ew = str(inst.get("edge_weight_type", "EUC_2D")).upper()
    if "edge_weight" in inst and ew != "EUC_2D":
        mat = np.asarray(inst["edge_weight"], dtype=np.int64)
    else:
        xy = np.asarray(inst["node_coord"], dtype=float)
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
        mat = np.floor(d + 0.5).astype(np.int64)  # TSPLIB nint
    n = mat.shape[0]
    if "demand" in inst and "capacity" in inst:
        depot = int(np.atleast_1d(inst.get("depot", [0]))[0])
        demand = np.asarray(inst["demand"], dtype=int)
        clients = [EngineClient(location=i, delivery=[int(demand[i])]) for i in range(n) if i != depot]
        veh = EngineVehicle(start=depot, end=depot, capacity=[int(inst["capacity"])], num_available=n - 1)
        return EngineInstance(mat, mat, clients, [veh]), 1.0, "cvrp"
    clients = [EngineClient(location=i) for i in range(1, n)]
    return EngineInstance(mat, mat, clients, [EngineVehicle(start=0, end=0)]), 1.0, "tsp"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("instance", type=Path)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-improvement", type=int, default=None,
                    help="stop after this many iterations without improvement")
    ap.add_argument("--workers", type=int, default=None,
                    help="parallel seeds (default: the engine's choice, as in the app)")
    ap.add_argument("--restart-iters", type=int, default=None,
                    help="iterations without improvement before a fresh restart (0: never)")
    a = ap.parse_args(argv)
    inst, scale, kind = load(a.instance)
    t = time.perf_counter()
    res = default_engine().solve(inst, time_limit_s=a.time_limit, seed=a.seed,
                                 no_improvement_iters=a.no_improvement, workers=a.workers,
                                 restart_iters=a.restart_iters)
    secs = time.perf_counter() - t
    routes = [[inst.clients[c].location for c in cl] for _, cl in res.routes]
    print(json.dumps({"instance": a.instance.name, "kind": kind, "cost": round(res.cost / scale, 2),
                      "routes": routes, "vehicles": len(routes), "feasible": res.feasible,
                      "seconds": round(secs, 2),
                      "best_s": None if res.best_time_s is None else round(res.best_time_s, 2),
                      "workers": res.workers, "iterations": res.iterations}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
