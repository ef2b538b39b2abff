"""PyVRP 0.14 behind the :mod:`routing.solver.engine` interface.

Native in PyVRP: time windows (one per client; several windows = one client
copy per window in a mutually exclusive, required-or-not ClientGroup), service
durations, prizes for optional clients, capacities and initial load, start and
end depots per vehicle, shift window (tw_early/tw_late/start_late), maximum
shift duration. Allowed vehicles per client: one routing profile per vehicle
in which forbidden clients are made prohibitively far (time warp), built on
the vehicle's own routing profile (one duration/distance matrix pair per
vehicle profile: buses of different heights do not share roads).
"""
from __future__ import annotations

import time
from typing import Callable, Optional

import numpy as np
import pyvrp
from pyvrp import (Client, ClientGroup, Depot, IteratedLocalSearchCallbacks, IteratedLocalSearchParams,
                   Location, ProblemData, Route, Solution, SolveParams, VehicleType)
from pyvrp.stop import NoImprovement

from routing.solver.engine import EngineInstance, EngineResult, Routes

INT_MAX = np.iinfo(np.int64).max


class _Stop:
    """Stopping criterion: runtime, no improvement, cancel; reports progress."""

    def __init__(self, limit_s, no_impr, should_stop, on_progress):
        self.t0 = time.perf_counter()
        self.limit_s = limit_s
        self.no_impr = NoImprovement(no_impr) if no_impr else None
        self.should_stop = should_stop
        self.on_progress = on_progress
        self.last = 0.0
        self.cancelled = False

    def __call__(self, best_cost) -> bool:
        now = time.perf_counter() - self.t0
        if self.on_progress is not None and now - self.last > 0.1:
            self.last = now
            self.on_progress(min(1.0, now / self.limit_s) if self.limit_s > 0 else 1.0)
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
            return True
        if now >= self.limit_s:
            return True
        return bool(self.no_impr is not None and self.no_impr(best_cost))


class _Callbacks(IteratedLocalSearchCallbacks):
    def __init__(self, decode, on_best):
        self.decode = decode
        self.user = on_best
        self.last = -1.0

    def on_start(self, ils):
        init = getattr(ils, "_init", None)  # the warm start / constructed start: first best-so-far
        if init is not None:
            self.on_best(init)

    def on_best(self, best):
        now = time.perf_counter()
        if self.user is not None and best.is_feasible() and now - self.last > 0.25:
            self.last = now
            self.user(self.decode(best), float(best.distance_cost() + best.duration_cost()))


class PyVRPEngine:
    name = "pyvrp"

    def build(self, inst: EngineInstance):
        """ProblemData and the map client-copy index -> instance client index."""
        n_loc = inst.duration.shape[0]
        locations = [Location(0, 0) for _ in range(n_loc)]
        depot_locs: list[int] = []
        for v in inst.vehicles:
            for loc in (v.start, v.end):
                if loc not in depot_locs:
                    depot_locs.append(loc)
        depots = [Depot(loc) for loc in depot_locs]
        clients, groups, copy_of = [], [], []
        for ci, c in enumerate(inst.clients):
            wins = c.windows or [(0, INT_MAX)]
            common = dict(delivery=list(c.delivery), pickup=list(c.pickup), service_duration=int(c.service))
            if len(wins) == 1:
                a, b = wins[0]
                clients.append(Client(c.location, tw_early=int(a), tw_late=int(b), prize=int(c.prize),
                                      required=c.required, **common))
                copy_of.append(ci)
            else:
                gi = len(groups)
                members = []
                for a, b in wins:
                    members.append(len(clients))
                    clients.append(Client(c.location, tw_early=int(a), tw_late=int(b), prize=int(c.prize),
                                          required=False, group=gi, **common))
                    copy_of.append(ci)
                groups.append(ClientGroup(members, required=c.required))
        dim = max([len(c.delivery) for c in inst.clients] + [len(c.pickup) for c in inst.clients]
                  + [len(v.capacity) for v in inst.vehicles] + [0])
        # One PyVRP routing profile per (vehicle profile, clients it may not serve):
        # the vehicle's own matrices, with forbidden clients made prohibitively far (time warp).
        base = [(np.asarray(inst.matrices(k)[0], dtype=np.int64), np.asarray(inst.matrices(k)[1], dtype=np.int64))
                for k in range(1 + len(inst.profiles))]
        big = int(min(max(max(int(d.max(initial=0)) for d, _ in base), 1) * 50, 10**12))
        dmats, tmats = [dist for _, dist in base], [dur for dur, _ in base]
        made: dict = {}
        vtypes = []
        for vi, v in enumerate(inst.vehicles):
            profile = v.profile
            banned = frozenset(ci for ci, c in enumerate(inst.clients) if c.allowed is not None and vi not in c.allowed)
            if banned:
                if (v.profile, banned) not in made:
                    tm, dm = base[v.profile][0].copy(), base[v.profile][1].copy()
                    for ci in banned:
                        loc = inst.clients[ci].location
                        tm[loc, :] = big
                        tm[:, loc] = big
                        dm[loc, :] = big
                        dm[:, loc] = big
                        tm[loc, loc] = 0
                        dm[loc, loc] = 0
                    dmats.append(dm)
                    tmats.append(tm)
                    made[(v.profile, banned)] = len(dmats) - 1
                profile = made[(v.profile, banned)]
            cap = list(v.capacity) + [0] * (dim - len(v.capacity)) if v.capacity else [INT_MAX // 4] * dim
            init = list(v.initial_load) + [0] * (dim - len(v.initial_load)) if dim else []
            kw = {}
            if v.tw_late is not None:
                kw["tw_late"] = int(v.tw_late)
            if v.start_late is not None:
                kw["start_late"] = int(v.start_late)
            if v.shift_duration is not None:
                kw["shift_duration"] = int(v.shift_duration)
            vtypes.append(VehicleType(
                num_available=v.num_available, capacity=cap, start_depot=depot_locs.index(v.start),
                end_depot=depot_locs.index(v.end), tw_early=int(v.tw_early), initial_load=init,
                unit_distance_cost=inst.unit_distance_cost, unit_duration_cost=inst.unit_duration_cost,
                profile=profile, **kw))
        # pad client loads to the common dimension
        if dim:
            fixed = []
            for cl in clients:
                dl = list(cl.delivery) + [0] * (dim - len(cl.delivery))
                pk = list(cl.pickup) + [0] * (dim - len(cl.pickup))
                fixed.append(Client(cl.location, delivery=dl, pickup=pk, service_duration=cl.service_duration,
                                    tw_early=cl.tw_early, tw_late=cl.tw_late, prize=cl.prize,
                                    required=cl.required, group=cl.group))
            clients = fixed
        data = ProblemData(locations, clients, depots, vtypes, dmats, tmats, groups=groups)
        return data, copy_of

    def solve(self, instance: EngineInstance, *, time_limit_s: float, no_improvement_iters: Optional[int] = None,
              seed: int = 0, initial_routes: Optional[Routes] = None,
              should_stop: Optional[Callable[[], bool]] = None,
              on_progress: Optional[Callable[[float], None]] = None,
              on_best: Optional[Callable[[Routes, float], None]] = None) -> EngineResult:
        data, copy_of = self.build(instance)
        first_copy: dict[int, int] = {}
        for k, ci in enumerate(copy_of):
            first_copy.setdefault(ci, k)

        def decode(sol: Solution) -> Routes:
            out = []
            for r in sol.routes():
                visits = [copy_of[a.idx] for a in r.schedule() if a.is_client()]
                out.append((int(r.vehicle_type()), visits))
            return out

        init = None
        if initial_routes:
            try:
                routes = [Route(data, [first_copy[c] for c in cl], vt) for vt, cl in initial_routes if cl]
                init = Solution(data, routes)
            except (RuntimeError, ValueError, KeyError):
                init = None  # a stale seed must never stop planning
        stop = _Stop(time_limit_s, no_improvement_iters, should_stop, on_progress)
        params = SolveParams(ils=IteratedLocalSearchParams(callbacks=_Callbacks(decode, on_best)))
        res = pyvrp.solve(data, stop=stop, seed=seed, collect_stats=False, params=params, initial_solution=init)
        best = res.best
        routes = decode(best)
        served = {c for _, cl in routes for c in cl}
        return EngineResult(
            routes=routes,
            cost=float(best.distance_cost() + best.duration_cost()),
            feasible=bool(best.is_feasible()),
            runtime_s=float(res.runtime),
            iterations=int(res.num_iterations),
            unserved=[i for i in range(len(instance.clients)) if i not in served],
        )
