"""Entry point: solve a tour problem, or re-plan it from now.

Pipeline: (1) stops that no bus could serve even alone are dropped with their
reason; (2) the engine (PyVRP by default) optimises what it can model natively;
(3) a local search with the exact schedule evaluator enforces and polishes the
rest (locks, precedences, driver breaks, one-bus-at-a-time sites, visit
slots) and solves small routes exactly; (4) anything still breaking a rule is
dropped, each with a reason; (5) ambassadors, video cues and warnings are
added. Each bus drives on its own vehicle profile's matrices throughout.
"""
from __future__ import annotations

import math
import time
from dataclasses import replace
from typing import Callable, Hashable, Iterable, Mapping, Optional, Sequence

import numpy as np

from routing.messages import Clock, Duration, Message, rule_words
from routing.progress import CancelToken, ProgressCallback, check, report
from routing.solver import cues as cues_mod
from routing.solver import explain, onboard
from routing.solver import slots as slots_mod
from routing.solver.engine import Engine, EngineClient, EngineInstance, EngineVehicle, default_engine
from routing.solver.problem import Objective, Problem
from routing.solver.repair import State, improve, removals
from routing.solver.schedule import Evaluator
from routing.solver.solution import (BusSchedule, DriverBreak, DroppedNode, Issue, ScheduledLeg, ScheduledStop,
                                     Solution)

_ALONE_OK = {"lock", "precedence"}  # issues a one-stop route may show that say nothing about the stop itself


def solve(problem: Problem, *, time_limit_s: float = 10.0, engine: Optional[Engine] = None, seed: int = 0,
          progress: Optional[ProgressCallback] = None, cancel: Optional[CancelToken] = None,
          on_best: Optional[Callable[[Solution], None]] = None) -> Solution:
    """Best orders and schedules for ``problem`` within about ``time_limit_s`` seconds.

    Raises :class:`routing.errors.Cancelled` when ``cancel`` is set; ``on_best``
    receives each improving solution found by the engine (best-so-far, before
    the final polish).
    """
    t_start = time.perf_counter()
    engine = engine or default_engine()
    # visits of slotted sites: windows = slots x own windows, for the engine and the explanations too
    problem, no_slot = slots_mod.restrict_to_slots(problem)
    ev = Evaluator(problem)
    keep = {b: list(o) for b, o in (problem.keep_order or {}).items()}
    free_buses = [v.id for v in problem.vehicles if v.id not in keep]
    report(progress, 0.0, "preparing")
    dropped: dict = {}
    candidates: dict = {}
    kept_ids = {nid for o in keep.values() for nid in o}
    for nd in problem.nodes:
        if nd.id in kept_ids:
            continue
        if nd.id in no_slot:
            dropped[nd.id] = no_slot[nd.id]
            continue
        ok = set()
        for b in free_buses:
            r = ev.route(b, [nd.id])
            if all(c in _ALONE_OK for c, _, _ in r.issues):
                ok.add(b)
        if problem.ambassadors_required and explain.ambassador_gap(problem, nd) is not None:
            ok = set()
        if not ok:
            if not free_buses:
                dropped[nd.id] = ("not_in_order", Message("solver.not_in_order", stop=nd.label))
            else:
                why = explain.explain_alone(problem, ev, nd)
                dropped[nd.id] = why or explain.explain_in_context(problem, ev, nd, {})
        else:
            candidates[nd.id] = ok
    check(cancel)
    stats: dict = {"engine": engine.name, "nodes": len(problem.nodes), "buses": len(problem.vehicles)}
    orders = {v.id: list(keep.get(v.id, [])) for v in problem.vehicles}
    unserved: set = set()
    if candidates:
        inst, node_ids, bus_ids = build_instance(problem, candidates, free_buses)
        initial = None
        if problem.previous:
            pos = {nid: i for i, nid in enumerate(node_ids)}
            initial = [(bus_ids.index(b), [pos[n] for n in o if n in pos])
                       for b, o in problem.previous.items() if b in bus_ids]
            initial = [(vi, cl) for vi, cl in initial if cl] or None
        budget = max(0.05, time_limit_s * 0.8)

        def engine_best(routes, cost):
            if on_best is None:
                return
            o = {v.id: list(keep.get(v.id, [])) for v in problem.vehicles}
            for vi, cl in routes:
                o[bus_ids[vi]] = [node_ids[c] for c in cl]
            served = {n for x in o.values() for n in x}
            on_best(_build(problem, ev, o, {n: _drop_reason(problem, ev, n, o) for n in candidates
                                             if n not in served} | dropped, {"engine": engine.name, "partial": True}))

        res = engine.solve(
            inst, time_limit_s=budget, no_improvement_iters=_no_improvement(len(candidates)), seed=seed,
            initial_routes=initial, should_stop=(lambda: cancel.cancelled) if cancel else None,
            on_progress=(lambda f: report(progress, 0.05 + 0.75 * f, "optimising")) if progress else None,
            on_best=engine_best if on_best else None)
        check(cancel)
        for vi, cl in res.routes:
            orders[bus_ids[vi]] = [node_ids[c] for c in cl]
        served = {n for o in orders.values() for n in o}
        unserved = {n for n in candidates if n not in served}
        stats.update(engine_runtime_s=round(res.runtime_s, 3), engine_iterations=res.iterations,
                     engine_cost=res.cost, engine_feasible=res.feasible)
    report(progress, 0.8, "repairing")
    t_rep = time.perf_counter()
    st = State(ev, orders, unserved, candidates)
    deadline = t_rep + max(0.3, min(5.0, time_limit_s * 0.3))
    st = improve(st, deadline, should_stop=(lambda: cancel.cancelled) if cancel else None,
                 locked_buses=frozenset(keep))
    check(cancel)
    if not keep or free_buses:
        _make_feasible(st, frozenset(keep))
    stats["repair_s"] = round(time.perf_counter() - t_rep, 3)
    for nid in st.unserved:
        dropped[nid] = _drop_reason(problem, ev, nid, st.orders, st.pins)
    report(progress, 0.95, "scheduling")
    stats["runtime_s"] = round(time.perf_counter() - t_start, 3)
    sol = _build(problem, ev, st.orders, dropped, stats, st.pins)
    report(progress, 1.0, "done")
    return sol


def _no_improvement(n: int) -> int:
    # Iterations without improvement before stopping early; PyVRP runs ~10-50k
    # iterations/s on tours of this size, so small tours finish in well under 1 s.
    return 3000 + 300 * n


def _drop_reason(problem, ev, nid, orders, pins=None):
    nd = ev.nodes[nid]
    return explain.explain_in_context(problem, ev, nd, {b: o for b, o in orders.items()}, pins)


def _make_feasible(st: State, locked: frozenset) -> None:
    """Drop stops until no rule is broken, cheapest loss first (lowest priority, optional)."""
    while True:
        k = st.key()
        if k[0] <= 1e-6:
            return
        best = None
        for nid, trial, uns in removals(st, locked):
            k2 = st.key(trial, uns)
            if k2[0] < k[0] - 1e-6:
                nd = st.ev.nodes[nid]
                score = (k2[0], nd.required, nd.priority, k2)
                if best is None or score < best[0]:
                    best = (score, trial, uns)
        if best is None:
            return
        st.orders, st.unserved = best[1], best[2]


def build_instance(problem: Problem, candidates: Mapping, buses: Sequence[Hashable]):
    """The engine's view: depots first, then one location per node (so per-bus bans touch one node only).

    Buses of different vehicle profiles get their own matrices (engine
    profiles); the first profile met is the instance's own.
    """
    vmap = {v.id: v for v in problem.vehicles}
    vs = [vmap[b] for b in buses]
    depot_idx: list[int] = []
    for v in vs:
        for i in (v.start_index, v.end_index):
            if i not in depot_idx:
                depot_idx.append(i)
    node_ids = [nd.id for nd in problem.nodes if nd.id in candidates]
    nodes = [problem.node(n) for n in node_ids]
    idx = depot_idx + [nd.index for nd in nodes]
    profile_keys: list = []
    for v in vs:
        if v.profile not in profile_keys:
            profile_keys.append(v.profile)
    sub = []  # per profile: (durations, distances) restricted to the instance's locations
    for key in profile_keys:
        rm = problem.matrices(next(v for v in vs if v.profile == key))
        sub.append((np.asarray(rm.duration_s, dtype=float)[np.ix_(idx, idx)],
                    np.asarray(rm.distance_m, dtype=float)[np.ix_(idx, idx)]))
    horizon = max(v.latest_return_s for v in vs) - min(v.earliest_departure_s for v in vs)
    big = int(max(horizon, 1.0) * 20)

    def to_int(a):
        a = np.where(np.isfinite(a), np.round(a), big)
        return np.minimum(a, big).astype(np.int64)

    mats = []
    if problem.objective == Objective.DISTANCE:
        finite = np.concatenate([M[np.isfinite(M)] for _, M in sub])
        ub = int((finite.max() if finite.size else 1.0) * (len(nodes) + 2 * len(vs))) + 1
        udist, udur = 1, 0
        for D, M in sub:
            mats.append((to_int(D), to_int(M)))
    else:
        ub = int(max(horizon, 1.0) * len(vs)) + 1
        udist, udur = (0, 1) if problem.objective == Objective.TOUR_TIME else (1, 0)
        for D, _ in sub:
            dur = to_int(D)
            mats.append((dur, dur))
    clients = []
    nd_pos = len(depot_idx)
    for k, nd in enumerate(nodes):
        allowed = frozenset(buses.index(b) for b in candidates[nd.id])
        clients.append(EngineClient(
            location=nd_pos + k, service=int(round(nd.service_s)),
            windows=[(int(math.floor(w.start_s)), int(math.floor(w.end_s))) for w in sorted(nd.windows, key=lambda w: w.start_s)],
            pickup=[int(nd.boarding)], delivery=[0], required=nd.required,
            prize=0 if nd.required else ub * max(1, nd.priority),
            allowed=None if len(allowed) == len(buses) else allowed))
    vehicles = []
    for v in vs:
        vehicles.append(EngineVehicle(
            start=depot_idx.index(v.start_index), end=depot_idx.index(v.end_index),
            tw_early=int(math.ceil(v.earliest_departure_s)), tw_late=int(math.floor(v.latest_return_s)),
            start_late=None if v.latest_departure_s is None else int(v.latest_departure_s),
            shift_duration=None if v.max_duty_s is None else int(v.max_duty_s),
            capacity=[int(v.seats)], initial_load=[int(v.participants)], profile=profile_keys.index(v.profile)))
    inst = EngineInstance(mats[0][0], mats[0][1], clients, vehicles, unit_distance_cost=udist,
                          unit_duration_cost=udur, profiles=mats[1:])
    return inst, node_ids, list(buses)


def _build(problem: Problem, ev: Evaluator, orders: dict, dropped: dict, stats: dict,
           pins: Optional[dict] = None) -> Solution:
    """Detailed schedules, ambassadors, cues and warnings for fixed orders (visits held to ``pins`` slots)."""
    nodes = ev.nodes
    evals = {v.id: ev.route(v.id, orders.get(v.id, []), detail=True, pins=pins) for v in problem.vehicles}
    warnings: list[Issue] = []
    times = [onboard.BusTimes(b, list(r.order), r.arrivals, r.departures, r.leg_departures, r.starts)
             for b, r in evals.items() if r.order]
    asg = onboard.assign(problem, times)
    for bus_id, nid, msg in asg.uncovered:
        warnings.append(Issue("no_ambassador", msg, nid, bus_id))
    buses = []
    total = 0.0
    feasible = True
    for v in problem.vehicles:
        r = evals[v.id]
        if not r.order:
            buses.append(BusSchedule(v.id, v.earliest_departure_s, v.earliest_departure_s, (), (), ()))
            continue
        total += r.cost
        onb = asg.on_board.get(v.id, [()] * (len(r.order) + 1))
        stops = []
        previous: str | Message = Message("solver.the_depot")
        for k, nid in enumerate(r.order):
            nd = nodes[nid]
            stops.append(ScheduledStop(
                nid, nd.index, nd.kind.value, r.arrivals[k], r.starts[k], r.departures[k], r.waits[k],
                r.slacks[k], r.lates[k], r.windows[k], asg.ambassador_id.get(nid), nd.name))
            if r.lates[k] > 0:
                feasible = False
                warnings.append(Issue("late", explain.explain_late(ev, nd, r.arrivals[k], previous), nid, v.id))
            previous = nd.label
        legs = []
        order_idx = [nodes[n].index for n in r.order] + [v.end_index]
        frm = v.start_index
        for g in range(len(order_idx)):
            arr = r.arrivals[g] if g < len(r.order) else r.return_s
            legs.append(ScheduledLeg(frm, order_idx[g], r.leg_departures[g], arr,
                                     r.leg_s[g], r.leg_m[g], onb[g] if g < len(onb) else ()))
            frm = order_idx[g]
        brks = tuple(DriverBreak(*b) for b in r.breaks)
        for b in brks:
            if b.inserted:
                warnings.append(Issue("driver_break", Message(
                    "solver.driver_break", duration=Duration(b.duration_s), start=Clock(b.start_s)),
                    None, v.id, "info"))
        for code, nid, amt in r.issues:
            if code in ("return_late", "duty"):
                feasible = False
                back, latest = Clock(r.return_s), Clock(v.latest_return_s)
                warnings.append(Issue(code, Message("solver.back_late_or_duty", bus=v.label, back=back, latest=latest)
                                      if code == "duty" else
                                      Message("solver.back_late", bus=v.label, back=back, latest=latest),
                                      None, v.id))
            elif code not in ("late",):
                feasible = False
                nd = nodes.get(nid)
                lab = nd.label if nd else v.label
                warnings.append(Issue(code, Message("solver.rule_broken_in_order", stop=lab, rule=rule_words(code)), nid, v.id))
        cl, ci = cues_mod.plan_cues(problem, v.id, list(r.order), r.arrivals, r.leg_departures, r.departure_s)
        warnings.extend(ci)
        buses.append(BusSchedule(v.id, r.departure_s, r.return_s, tuple(stops), tuple(legs), brks, tuple(cl),
                                 tuple(asg.boardings.get(v.id, ()))))
    cv, cissues = ev.cross_violations(evals)
    for code, nid, _ in cissues:
        feasible = False
        warnings.append(Issue(code, Message("solver.rule_broken_between_buses", stop=nodes[nid].label, rule=rule_words(code)), nid))
    drops = tuple(DroppedNode(n, c, m, nodes[n].required) for n, (c, m) in dropped.items())
    return Solution(tuple(buses), drops, tuple(warnings), total, feasible, dict(stats))


def replan_problem(problem: Problem, *, now_s: float, positions: Mapping[Hashable, int],
                   done: Iterable[Hashable], previous: Optional[Mapping[Hashable, Sequence[Hashable]]] = None,
                   driving_since_break_s: Optional[Mapping[Hashable, float]] = None) -> Problem:
    """The rest of the day: each bus starts at ``positions[bus]`` (matrix index) at ``now_s``.

    Stops in ``done`` are removed; ``previous`` (the current plan's orders)
    seeds the search. A bus without a position keeps its depot and leaves no
    earlier than now.
    """
    done = set(done)
    nodes = tuple(nd for nd in problem.nodes if nd.id not in done)
    vehicles = []
    for v in problem.vehicles:
        kw = dict(earliest_departure_s=max(now_s, v.earliest_departure_s) if v.id not in positions else now_s)
        if v.id in positions:
            kw["start_index"] = positions[v.id]
            # duty already spent counts against the maximum duty
            if v.max_duty_s is not None:
                kw["max_duty_s"] = max(0.0, v.max_duty_s - max(0.0, now_s - v.earliest_departure_s))
        if driving_since_break_s and v.id in driving_since_break_s:
            kw["driving_since_break_s"] = driving_since_break_s[v.id]
        if v.latest_departure_s is not None and kw["earliest_departure_s"] > v.latest_departure_s:
            kw["latest_departure_s"] = kw["earliest_departure_s"]
        vehicles.append(replace(v, **kw))
    keep_ids = {nd.id for nd in nodes}
    prev = {b: [n for n in o if n in keep_ids] for b, o in (previous or problem.previous or {}).items()}
    keep = None
    if problem.keep_order:
        keep = {b: [n for n in o if n in keep_ids] for b, o in problem.keep_order.items()}
    precs = tuple(p for p in problem.precedences if p.before in keep_ids and p.after in keep_ids)
    return problem.with_(nodes=nodes, vehicles=tuple(vehicles), previous=prev, keep_order=keep, precedences=precs)

