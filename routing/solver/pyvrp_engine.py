"""PyVRP 0.14 behind the :mod:`routing.solver.engine` interface.

Native in PyVRP: time windows (one per client; several windows = one client
copy per window in a mutually exclusive, required-or-not ClientGroup), service
durations, prizes for optional clients, capacities and initial load, start and
end depots per vehicle, shift window (tw_early/tw_late/start_late), maximum
shift duration. Allowed vehicles per client: one routing profile per vehicle
in which forbidden clients are made prohibitively far (time warp), built on
the vehicle's own routing profile (one duration/distance matrix pair per
vehicle profile: buses of different heights do not share roads).

Search: PyVRP's iterated local search (late acceptance hill climbing), run
again from a fresh random solution whenever a run stagnates
(``restart_iters`` iterations without improving that run's best). Measured on
TSPLIB kroA100 and eil51: a single ILS run stays for good in the local optimum
it reaches within 0.1 s on about 2 seeds out of 5 (kroA100 +1.3 %), whatever
its history length or restart-to-best setting; fresh restarts reach the
optimum on every seed tried. Optionally several such searches run in
parallel processes with different seeds (``workers``) and the best is kept.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue as queue_mod
import time
from typing import Callable, Optional

import numpy as np
from pyvrp import (Client, ClientGroup, Depot, IteratedLocalSearch, IteratedLocalSearchCallbacks,
                   IteratedLocalSearchParams, Location, PenaltyManager, ProblemData, RandomNumberGenerator, Route,
                   Solution, SolveParams, VehicleType)
from pyvrp.search import LocalSearch, PerturbationManager, compute_neighbours

from routing.solver.engine import EngineInstance, EngineResult, Routes

INT_MAX = np.iinfo(np.int64).max

# Least number of iterations without improving the current run's best before
# restarting from a fresh random solution (see _RunStop). PyVRP does ~3-10k
# iterations/s on 50-100 stops, so a run stuck early is abandoned after
# ~0.1-0.3 s; on kroA100 and eil51 runs get stuck within ~300 iterations.
RESTART_ITERS = 1000
# Parallel seeds only pay off when the run is long enough to amortise a spawned
# interpreter (~0.5-1 s to import numpy and pyvrp).
PARALLEL_MIN_TIME_S = 5.0


def _objective(sol: Solution) -> tuple[bool, int]:
    """Sort key: feasible first, then PyVRP's objective (costs + uncollected prizes)."""
    return (not sol.is_feasible(),
            int(sol.distance_cost() + sol.duration_cost() + sol.fixed_vehicle_cost() + sol.uncollected_prizes()))


class _RunStop:
    """Stopping criterion of one ILS run inside :func:`_search` (all times from ``time.perf_counter``).

    Stops the run on the deadline, on cancel, on global stagnation (``no_impr``
    iterations without improving the best of all runs) or, to restart, when
    this run's best has not improved for ``max(restart_iters, i)`` iterations,
    ``i`` being the iteration of its last improvement: a run that still finds
    improvements late (hard time-window instances) is given as long again,
    a run stuck early (the TSP case) is abandoned soon.
    """

    def __init__(self, shared: "_SearchState", restart_iters: int):
        self.shared = shared
        self.restart_iters = restart_iters
        self.run_best: Optional[int] = None
        self.run_best_iter = 0
        self.run_iter = 0
        self.run_stale = 0
        self.restart = False

    def __call__(self, best_cost) -> bool:
        sh = self.shared
        if sh.stopped():
            return True
        self.run_iter += 1
        if self.run_best is None or best_cost < self.run_best:
            self.run_best, self.run_stale, self.run_best_iter = best_cost, 0, self.run_iter
        else:
            self.run_stale += 1
        sh.iters_since_global += 1
        if sh.no_impr and sh.iters_since_global >= sh.no_impr:
            sh.converged = True
            return True
        if self.restart_iters and self.run_stale >= max(self.restart_iters, self.run_best_iter):
            self.restart = True
            return True
        return False


class _SearchState:
    """What the runs of one :func:`_search` share: deadline, cancel, progress, global best."""

    def __init__(self, limit_s, no_impr, should_stop, on_progress, on_best):
        self.t0 = time.perf_counter()
        self.limit_s = limit_s
        self.no_impr = no_impr
        self.should_stop = should_stop
        self.on_progress = on_progress
        self.on_best = on_best  # (Solution) -> None, only for new global bests
        self.best: Optional[Solution] = None
        self.best_epoch_s = time.time()  # wall clock (comparable across processes) of the last improvement
        self.iters_since_global = 0
        self.cancelled = False
        self.converged = False
        self.last_progress = 0.0

    def stopped(self) -> bool:
        now = time.perf_counter() - self.t0
        if self.on_progress is not None and now - self.last_progress > 0.1:
            self.last_progress = now
            self.on_progress(min(1.0, now / self.limit_s) if self.limit_s > 0 else 1.0)
        if self.should_stop is not None and self.should_stop():
            self.cancelled = True
        return self.cancelled or now >= self.limit_s

    def offer(self, sol: Solution) -> None:
        if self.best is None or _objective(sol) < _objective(self.best):
            self.iters_since_global = 0
            self.best = sol
            self.best_epoch_s = time.time()
            if self.on_best is not None:
                self.on_best(sol)


class _Callbacks(IteratedLocalSearchCallbacks):
    def __init__(self, state: _SearchState):
        self.state = state

    def on_best(self, best):
        self.state.offer(best)


def _search(data: ProblemData, *, seed: int, time_limit_s: float, no_improvement_iters: Optional[int],
            restart_iters: int, init: Optional[Solution], should_stop, on_progress, on_best,
            params: SolveParams = SolveParams()) -> tuple[Solution, int, _SearchState]:
    """Iterated local search with fresh restarts on stagnation: (best, iterations, state).

    Same components as ``pyvrp.solve`` (neighbourhood, operators, penalties,
    perturbation); the first run starts from ``init`` when given (warm start),
    every later one from a new random solution improved by an exhaustive local
    search. The best over all runs is returned.
    """
    state = _SearchState(time_limit_s, no_improvement_iters, should_stop, on_progress, on_best)
    rng = RandomNumberGenerator(seed=seed)
    ls = LocalSearch(data, rng, compute_neighbours(data, params.neighbourhood),
                     PerturbationManager(params.perturbation))
    for op in params.operators:
        if op.supports(data):
            ls.add_operator(op(data))
    pm = PenaltyManager(params.penalty.midpoint_penalties(data), params.penalty)
    ils_params = IteratedLocalSearchParams(
        num_iters_no_improvement=params.ils.num_iters_no_improvement, history_length=params.ils.history_length,
        exhaustive_on_best=params.ils.exhaustive_on_best, callbacks=_Callbacks(state))
    iterations = 0
    start = init
    while True:
        if start is None:
            start = ls(Solution.make_random(data, rng), pm.max_cost_evaluator(), exhaustive=True)
        state.offer(start)  # the warm start / constructed start: first best-so-far
        stop = _RunStop(state, restart_iters)
        res = IteratedLocalSearch(data, pm, ls, start, ils_params).run(stop, collect_stats=False)
        iterations += int(res.num_iterations)
        state.offer(res.best)
        if not stop.restart:
            break
        start = None
    return state.best, iterations, state


def _decoder(copy_of: list[int]) -> Callable[[Solution], Routes]:
    def decode(sol: Solution) -> Routes:
        out = []
        for r in sol.routes():
            visits = [copy_of[a.idx] for a in r.schedule() if a.is_client()]
            out.append((int(r.vehicle_type()), visits))
        return out
    return decode


def _warm_start(data: ProblemData, copy_of: list[int], initial_routes: Optional[Routes]) -> Optional[Solution]:
    if not initial_routes:
        return None
    first_copy: dict[int, int] = {}
    for k, ci in enumerate(copy_of):
        first_copy.setdefault(ci, k)
    try:
        routes = [Route(data, [first_copy[c] for c in cl], vt) for vt, cl in initial_routes if cl]
        return Solution(data, routes)
    except (RuntimeError, ValueError, KeyError):
        return None  # a stale seed must never stop planning


def _child_search(instance: EngineInstance, seed: int, deadline_epoch_s: float, no_improvement_iters,
                  restart_iters: int, initial_routes, queue, stop_event) -> None:
    """Entry point of a parallel seed (spawned process): posts ("best", ...) then ("done", ...) on ``queue``.

    Messages: ("best", seed, key, routes, cost) for feasible improvements
    (at most every 0.25 s) and ("done", seed, key, routes, cost, feasible,
    iterations, best_epoch_s) once, where key is the :func:`_objective` tuple.
    """
    try:
        engine = PyVRPEngine()
        data, copy_of = engine.build(instance)
        decode = _decoder(copy_of)
        last = [0.0]

        def post_best(sol):
            now = time.perf_counter()
            if sol.is_feasible() and now - last[0] > 0.25:
                last[0] = now
                queue.put(("best", seed, _objective(sol), decode(sol), _cost(sol)))

        best, iters, state = _search(
            data, seed=seed, time_limit_s=max(0.0, deadline_epoch_s - time.time()),
            no_improvement_iters=no_improvement_iters, restart_iters=restart_iters,
            init=_warm_start(data, copy_of, initial_routes), should_stop=stop_event.is_set,
            on_progress=None, on_best=post_best)
        queue.put(("done", seed, _objective(best), decode(best), _cost(best), bool(best.is_feasible()),
                   iters, state.best_epoch_s))
    except BaseException as exc:  # never leave the parent waiting
        queue.put(("error", seed, repr(exc)))


def _cost(sol: Solution) -> float:
    return float(sol.distance_cost() + sol.duration_cost())


def default_workers(time_limit_s: float) -> int:
    """Parallel seeds used when ``workers`` is not given: 1 below
    :data:`PARALLEL_MIN_TIME_S` or inside a daemonic process (which may not
    have children, e.g. the app's planning job), else ``min(2, cpu_count)``."""
    if time_limit_s < PARALLEL_MIN_TIME_S or mp.current_process().daemon:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


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
              on_best: Optional[Callable[[Routes, float], None]] = None,
              workers: Optional[int] = None, restart_iters: Optional[int] = None) -> EngineResult:
        """Best routes found within ``time_limit_s`` seconds (wall clock).

        ``no_improvement_iters``: stop earlier after that many iterations (summed
        over restarts) without a better solution. ``workers``: independent
        searches (seeds ``seed``, ``seed + 7919``, ...), one in this process and
        the others in spawned processes; ``None`` means :func:`default_workers`.
        ``restart_iters``: stagnation before a fresh restart (``None``:
        :data:`RESTART_ITERS`; 0: never). ``should_stop`` cancels all searches;
        ``on_best(routes, cost)`` gets feasible improvements of the best over
        all searches, at most every 0.25 s.
        """
        t_start, epoch_start = time.perf_counter(), time.time()
        data, copy_of = self.build(instance)
        decode = _decoder(copy_of)
        init = _warm_start(data, copy_of, initial_routes)
        n_workers = default_workers(time_limit_s) if workers is None else max(1, int(workers))
        if mp.current_process().daemon:
            n_workers = 1  # a daemonic process may not start children
        restart = RESTART_ITERS if restart_iters is None else max(0, int(restart_iters))
        reporter = _BestReporter(on_best)
        children = (_Children(instance, [seed + 7919 * k for k in range(1, n_workers)], time_limit_s,
                              no_improvement_iters, restart, initial_routes) if n_workers > 1 else None)

        def check_stop() -> bool:
            if children is not None:
                children.poll(reporter)
            return bool(should_stop is not None and should_stop())

        def own_best(sol: Solution) -> None:
            if sol.is_feasible():
                reporter.offer(_objective(sol), lambda: decode(sol), _cost(sol))

        best, iters, state = _search(data, seed=seed, time_limit_s=time_limit_s,
                                     no_improvement_iters=no_improvement_iters, restart_iters=restart, init=init,
                                     should_stop=check_stop, on_progress=on_progress, on_best=own_best)
        routes, cost, feasible, key = decode(best), _cost(best), bool(best.is_feasible()), _objective(best)
        best_epoch_s = state.best_epoch_s
        if children is not None:
            for c_key, c_routes, c_cost, c_feasible, c_iters, c_epoch_s in children.finish(
                    reporter, state.cancelled, should_stop):
                iters += c_iters
                if c_key < key:
                    key, routes, cost, feasible, best_epoch_s = c_key, c_routes, c_cost, c_feasible, c_epoch_s
        reporter.flush()
        served = {c for _, cl in routes for c in cl}
        return EngineResult(
            routes=routes,
            cost=float(cost),
            feasible=feasible,
            runtime_s=float(time.perf_counter() - t_start),
            iterations=int(iters),
            best_time_s=max(0.0, best_epoch_s - epoch_start),
            workers=n_workers,
            unserved=[i for i in range(len(instance.clients)) if i not in served],
        )


class _BestReporter:
    """Forwards improvements of the best over all searches to ``on_best``, at most every 0.25 s.

    An improvement held back by the throttle is sent by :meth:`flush`, so the
    last best streamed equals the result.
    """

    def __init__(self, on_best: Optional[Callable[[Routes, float], None]]):
        self.user = on_best
        self.key: Optional[tuple] = None
        self.last_sent = -1.0
        self.pending: Optional[tuple[Routes, float]] = None

    def offer(self, key, routes: Callable[[], Routes] | Routes, cost: float) -> None:
        if self.user is None or (self.key is not None and key >= self.key):
            return
        self.key = key
        self.pending = (routes() if callable(routes) else routes, cost)
        if time.perf_counter() - self.last_sent > 0.25:
            self.flush()

    def flush(self) -> None:
        if self.user is not None and self.pending is not None:
            self.last_sent = time.perf_counter()
            routes, cost = self.pending
            self.pending = None
            self.user(routes, cost)


class _Children:
    """Parallel seeds in spawned processes (spawn: never fork a process that may run Qt threads)."""

    GRACE_S = 5.0  # after the deadline, before stragglers are terminated

    def __init__(self, instance, seeds, time_limit_s, no_improvement_iters, restart_iters, initial_routes):
        ctx = mp.get_context("spawn")
        self.queue = ctx.Queue()
        self.stop_event = ctx.Event()
        self.deadline_epoch_s = time.time() + time_limit_s
        self.pending = set(seeds)
        self.results: list[tuple] = []
        self.last_poll = 0.0
        self.procs = [ctx.Process(target=_child_search, name=f"pyvrp-seed-{s}", daemon=True,
                                  args=(instance, s, self.deadline_epoch_s, no_improvement_iters, restart_iters,
                                        initial_routes, self.queue, self.stop_event)) for s in seeds]
        for p in self.procs:
            p.start()

    def _handle(self, msg, reporter: _BestReporter) -> None:
        kind, seed = msg[0], msg[1]
        if kind == "best":
            reporter.offer(msg[2], msg[3], msg[4])
        elif kind == "done":
            _, _, key, routes, cost, feasible, iters, best_epoch_s = msg
            if feasible:
                reporter.offer(key, routes, cost)
            self.results.append((key, routes, cost, feasible, iters, best_epoch_s))
            self.pending.discard(seed)
        else:  # "error": that seed is lost, the others still count
            self.pending.discard(seed)

    def poll(self, reporter: _BestReporter) -> None:
        now = time.perf_counter()
        if now - self.last_poll < 0.05:  # called every ILS iteration: keep it cheap
            return
        self.last_poll = now
        while True:
            try:
                msg = self.queue.get_nowait()
            except queue_mod.Empty:
                return
            self._handle(msg, reporter)

    def finish(self, reporter: _BestReporter, cancelled: bool, should_stop) -> list[tuple]:
        """Waits for every seed (stopping them at once when cancelled); their final results."""
        if cancelled:
            self.stop_event.set()
        while self.pending:
            if should_stop is not None and should_stop():
                self.stop_event.set()
            timeout = self.deadline_epoch_s + self.GRACE_S - time.time()
            if timeout <= 0 or not any(p.is_alive() for p in self.procs) and self.queue.empty():
                break
            try:
                self._handle(self.queue.get(timeout=min(0.1, timeout)), reporter)
            except queue_mod.Empty:
                continue
        self.stop_event.set()
        for p in self.procs:
            p.join(timeout=1.0)
            if p.is_alive():
                p.terminate()
                p.join(timeout=1.0)
        return self.results
