"""Times for a fixed order: arrival, waiting, service, driver breaks, slack.

This evaluator is the single truth for feasibility and cost: the engine's
answer, the repair search, keep-order mode and the exhaustive tests all go
through :meth:`Evaluator.route`. Rules, per bus, in order:

* service starts in the earliest window whose end is not yet past (waiting
  before it opens); past every window the stop is *late*;
* driver rules: before a leg that would take driving since the last
  qualifying rest over ``max_driving_s``, a break is inserted where the bus is
  (45 min, or 30 min when a 15 min part was already taken); a dwell at a stop
  (waiting + service) of >= 15/30/45 min counts as rest;
* departure is pushed as late as the waiting allows without delaying the
  return or breaking a window (minimises tour time and idle waiting);
* each bus drives on the matrices of its own vehicle profile
  (:meth:`Problem.matrices`);
* a visit of a site with visit slots starts in a slot (its windows are the
  slot pieces, :mod:`routing.solver.slots`); ``pins`` may hold it to one slot.

All times are seconds since midnight.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Hashable, Optional, Sequence

import numpy as np

from routing.solver import slots as slots_mod
from routing.solver.problem import Lock, NodeKind, Objective, Problem, Vehicle

HARD = 100_000.0  # violation weight of one broken hard rule, in "seconds late"


@dataclass
class RouteEval:
    """Evaluation of one bus's order. ``violation`` 0 means feasible."""

    bus_id: Hashable
    order: tuple
    departure_s: float
    return_s: float
    cost: float
    violation: float
    arrivals: list = field(default_factory=list)
    starts: list = field(default_factory=list)
    departures: list = field(default_factory=list)
    waits: list = field(default_factory=list)
    lates: list = field(default_factory=list)
    windows: list = field(default_factory=list)
    slacks: list = field(default_factory=list)
    leg_s: list = field(default_factory=list)
    leg_m: list = field(default_factory=list)
    leg_departures: list = field(default_factory=list)
    breaks: list = field(default_factory=list)  # (before_leg, index, start_s, duration_s, inserted)
    issues: list = field(default_factory=list)  # (code, node_id or None, amount)
    driving_s: float = 0.0
    distance_m: float = 0.0
    pins: Optional[dict] = None  # node id -> slot index the evaluation held visits to

    @property
    def feasible(self) -> bool:
        return self.violation <= 1e-6


class Evaluator:
    """Evaluates orders of a problem's nodes on its buses."""

    def __init__(self, problem: Problem):
        self.p = problem
        self.D = np.asarray(problem.duration_s, dtype=float)
        self.M = np.asarray(problem.distance_m, dtype=float)
        self.nodes = {nd.id: nd for nd in problem.nodes}
        self.vehicles = {v.id: v for v in problem.vehicles}
        # per bus: its profile's matrices, as nested lists (plain float indexing is
        # ~5x faster than numpy scalars here); buses of one profile share them
        by_profile: dict = {}
        self._mats: dict = {}
        for v in problem.vehicles:
            if v.profile not in by_profile:
                rm = problem.matrices(v)
                D = np.asarray(rm.duration_s, dtype=float)
                M = np.asarray(rm.distance_m, dtype=float)
                by_profile[v.profile] = (D, M, D.tolist(), M.tolist())
            self._mats[v.id] = by_profile[v.profile]
        self.rules = problem.driver_rules
        self.windows = {nd.id: tuple(sorted(((w.start_s, w.end_s) for w in nd.windows))) for nd in problem.nodes}
        # visit slots: the windows of a slotted visit are its slot pieces
        self.slot_caps = slots_mod.slotted_sites(problem)
        self.slot_pieces: dict = {}
        self.no_slot: set = set()
        for nd in problem.nodes:
            if slots_mod.applies(nd, self.slot_caps):
                ps = slots_mod.pieces(self.windows[nd.id], self.slot_caps[nd.site].slots)
                self.slot_pieces[nd.id] = ps
                if ps:
                    self.windows[nd.id] = tuple(sorted({(a, b) for _, a, b in ps}))
                else:
                    self.no_slot.add(nd.id)
        self._pinned: dict = {}
        self.before_of: dict = {}
        for pr in problem.precedences:
            self.before_of.setdefault(pr.after, []).append(pr.before)
        caps = {}
        for sc in problem.site_capacities:
            caps[sc.site] = sc
        self.site_caps = caps

    # -- matrices and slots ---------------------------------------------------
    def duration(self, bus_id: Hashable) -> np.ndarray:
        """Bus ``bus_id``'s travel times (s), from its own vehicle profile."""
        return self._mats[bus_id][0]

    def distance(self, bus_id: Hashable) -> np.ndarray:
        """Bus ``bus_id``'s road distances (m)."""
        return self._mats[bus_id][1]

    def slot_options(self, node_id: Hashable) -> list:
        """Slot indices a slotted visit may be pinned to (empty for other nodes)."""
        return sorted({k for k, _, _ in self.slot_pieces.get(node_id, ())})

    def _windows_of(self, node_id: Hashable, pins: Optional[dict]):
        if pins:
            k = pins.get(node_id)
            if k is not None and node_id in self.slot_pieces:
                w = self._pinned.get((node_id, k))
                if w is None:
                    w = tuple((a, b) for kk, a, b in self.slot_pieces[node_id] if kk == k)
                    self._pinned[(node_id, k)] = w
                if w:
                    return w
        return self.windows[node_id]

    # -- one bus ---------------------------------------------------------
    def route(self, bus_id: Hashable, order: Sequence, detail: bool = False,
              depart_s: Optional[float] = None, pins: Optional[dict] = None) -> RouteEval:
        """Evaluate ``order`` on bus ``bus_id``; ``pins`` (node id -> slot index) holds visits to slots."""
        v = self.vehicles[bus_id]
        t0 = v.earliest_departure_s if depart_s is None else depart_s
        ev = self._forward(v, order, t0, detail, pins)
        if depart_s is None and ev.violation < HARD and order:
            shift = ev._shift  # type: ignore[attr-defined]
            if v.latest_departure_s is not None:
                shift = min(shift, max(0.0, v.latest_departure_s - t0))
            if shift > 1e-9:
                ev2 = self._forward(v, order, t0 + shift, detail, pins)
                if ev2.violation <= ev.violation + 1e-9 and ev2.return_s <= ev.return_s + 1e-9:
                    ev = ev2
        return ev

    def _forward(self, v: Vehicle, order: Sequence, t0: float, detail: bool,
                 pins: Optional[dict] = None) -> RouteEval:
        _, _, D, M = self._mats[v.id]
        rules = self.rules
        nodes = self.nodes
        T = t0
        loc = v.start_index
        drive = v.driving_since_break_s
        part1 = v.first_break_part_taken
        viol = 0.0
        driving = 0.0
        dist = 0.0
        onboard = v.participants
        n = len(order)
        ev = RouteEval(v.id, tuple(order), t0, t0, 0.0, 0.0, pins=pins or None)
        issues = ev.issues
        no_slot = self.no_slot
        cum_wait = 0.0
        shift = math.inf  # how much later the departure could be (see module doc)
        br = rules.enabled
        maxd = rules.max_driving_s
        for k in range(n + 1):
            if k < n:
                nd = nodes[order[k]]
                to = nd.index
            else:
                nd = None
                to = v.end_index
            t = D[loc][to]
            if not math.isfinite(t):
                viol += HARD
                issues.append(("unreachable", None if nd is None else nd.id, 0.0))
                t = 0.0
                d = 0.0
            else:
                d = M[loc][to]
            if br and t > 0 and drive + t > maxd + 1e-9 and drive > 0 and t <= maxd:
                # rest where the bus is before the leg that would break the limit
                need = rules.split_second_s if part1 else rules.break_s
                if detail:
                    ev.breaks.append((k, loc, T, need, True))
                T += need
                drive = 0.0
                part1 = False
            if detail:
                ev.leg_departures.append(T)
                ev.leg_s.append(t)
                ev.leg_m.append(d)
            if br and drive + t > maxd + 1e-9:
                # a leg longer than the limit itself: rest on the road (index -1) when the limit is reached
                rem = t
                while drive + rem > maxd + 1e-9:
                    step = maxd - drive
                    T += step
                    rem -= step
                    need = rules.split_second_s if part1 else rules.break_s
                    if detail:
                        ev.breaks.append((k, -1, T, need, True))
                    T += need
                    drive = 0.0
                    part1 = False
                T += rem
                drive = rem
            else:
                T += t
                drive += t
            driving += t
            dist += d
            loc = to
            if nd is None:
                break
            arr = T
            wins = self._windows_of(nd.id, pins) if pins else self.windows[nd.id]
            if no_slot and nd.id in no_slot:
                viol += HARD
                issues.append(("no_visit_slot", nd.id, 0.0))
            late = 0.0
            win = None
            if wins:
                start = None
                for (a, b) in wins:
                    if b >= arr - 1e-9:
                        start = arr if arr > a else a
                        win = (a, b)
                        break
                if start is None:
                    start = arr
                    win = wins[-1]
                    late = arr - win[1]
                    viol += late
                    issues.append(("late", nd.id, late))
            else:
                start = arr
            wait = start - arr
            cum_wait += wait
            if win is not None:
                s = cum_wait + (win[1] - start)
                if s < shift:
                    shift = s
            dep = start + nd.service_s
            # people on board: pickups add riders; the site must host the group
            onboard += nd.boarding
            if onboard > v.seats:
                viol += HARD
                issues.append(("seats", nd.id, onboard - v.seats))
            if nd.group_capacity is not None and nd.kind == NodeKind.VISIT and onboard > nd.group_capacity:
                viol += HARD
                issues.append(("group_capacity", nd.id, onboard - nd.group_capacity))
            if nd.allowed_buses is not None and v.id not in nd.allowed_buses:
                viol += HARD
                issues.append(("bus_not_allowed", nd.id, 0.0))
            if nd.lock is not None:
                want = 0 if nd.lock == Lock.FIRST else n - 1 if nd.lock == Lock.LAST else (nd.lock_index or 1) - 1
                if want != k:
                    viol += HARD
                    issues.append(("lock", nd.id, 0.0))
            if br and rules.stops_count_as_rest and nd.kind != NodeKind.DRIVE_BY:
                rest = dep - arr
                if rest >= rules.break_s - 1e-9 or (part1 and rest >= rules.split_second_s - 1e-9):
                    if detail and drive > 0:
                        ev.breaks.append((k + 1, nd.index, arr, rest, False))
                    drive = 0.0
                    part1 = False
                elif rest >= rules.split_first_s - 1e-9 and not part1 and drive > 0:
                    part1 = True
            if detail:
                ev.arrivals.append(arr)
                ev.starts.append(start)
                ev.departures.append(dep)
                ev.waits.append(wait)
                ev.lates.append(late)
                ev.windows.append(win)
            T = dep
        ret = T
        if ret > v.latest_return_s + 1e-9:
            viol += ret - v.latest_return_s
            issues.append(("return_late", None, ret - v.latest_return_s))
        if v.max_duty_s is not None and ret - t0 > v.max_duty_s + 1e-9:
            viol += ret - t0 - v.max_duty_s
            issues.append(("duty", None, ret - t0 - v.max_duty_s))
        # precedence inside this route
        if self.before_of:
            pos = {nid: i for i, nid in enumerate(order)}
            for nid in order:
                for b in self.before_of.get(nid, ()):
                    if b in pos and pos[b] > pos[nid]:
                        viol += HARD
                        issues.append(("precedence", nid, 0.0))
        shift = min(shift, cum_wait, max(0.0, v.latest_return_s - ret) + cum_wait)
        ev._shift = max(0.0, shift)  # type: ignore[attr-defined]
        ev.return_s = ret
        ev.violation = viol
        ev.driving_s = driving
        ev.distance_m = dist
        obj = self.p.objective
        ev.cost = ret - t0 if obj == Objective.TOUR_TIME else driving if obj == Objective.DRIVING_TIME else dist
        if detail:
            ev.slacks = self._slacks(ev, v)
        return ev

    def _slacks(self, ev: RouteEval, v: Vehicle) -> list:
        """Backward pass: slack_j = min(window end - start_j, wait_{j+1} + slack_{j+1})."""
        n = len(ev.order)
        out = [0.0] * n
        nxt = max(0.0, v.latest_return_s - ev.return_s)
        for j in range(n - 1, -1, -1):
            own = (ev.windows[j][1] - ev.starts[j]) if ev.windows[j] is not None else math.inf
            out[j] = max(0.0, min(own, nxt))
            nxt = ev.waits[j] + out[j]
        return out

    # -- whole solution ----------------------------------------------------
    def _where(self, evals: dict) -> dict:
        """Node id -> (bus id, service start, departure) over all buses."""
        where = {}
        for bid, ev in evals.items():
            if not ev.order:
                continue
            if not ev.starts:
                ev2 = self.route(bid, ev.order, detail=True, depart_s=ev.departure_s, pins=ev.pins)
                ev.starts, ev.departures = ev2.starts, ev2.departures
            for i, nid in enumerate(ev.order):
                where[nid] = (bid, ev.starts[i], ev.departures[i])
        return where

    def slot_use(self, evals: dict, where: Optional[dict] = None) -> dict:
        """(site, slot index) -> [(service start, node id, bus id)] of the visits held in it."""
        where = self._where(evals) if where is None else where
        used: dict = {}
        for nid, (bid, s, _) in where.items():
            if nid not in self.slot_pieces:
                continue
            site = self.nodes[nid].site
            k = slots_mod.slot_at(self.slot_caps[site].slots, s)
            if k is not None:
                used.setdefault((site, k), []).append((s, nid, bid))
        for lst in used.values():
            lst.sort(key=lambda x: x[0])
        return used

    def cross_violations(self, evals: dict) -> tuple[float, list]:
        """Precedences across buses, one-bus-at-a-time sites, one visit per slot (needs times)."""
        viol = 0.0
        issues = []
        need_times = bool(self.before_of) or bool(self.site_caps)
        if not need_times:
            return 0.0, issues
        where = self._where(evals)
        for after, befores in self.before_of.items():
            if after not in where:
                continue
            for b in befores:
                if b in where and where[b][0] != where[after][0] and where[b][2] > where[after][1] + 1e-9:
                    viol += HARD
                    issues.append(("precedence", after, 0.0))
        if self.site_caps:
            by_site: dict = {}
            for nid, (bid, s, e) in where.items():
                site = self.nodes[nid].site
                sc = self.site_caps.get(site)
                if sc is not None and sc.one_bus_at_a_time:
                    by_site.setdefault(site, []).append((s, e, bid, nid))
            for site, lst in by_site.items():
                lst.sort(key=lambda x: (x[0], x[1]))
                for i in range(len(lst)):
                    for j in range(i + 1, len(lst)):
                        a, b = lst[i], lst[j]
                        if b[0] >= a[1] - 1e-9 and not (a[0] == a[1] or b[0] == b[1]):
                            break
                        if a[2] != b[2] and b[0] < a[1] - 1e-9:
                            viol += HARD
                            issues.append(("site_busy", b[3], 0.0))
        if self.slot_caps:
            for lst in self.slot_use(evals, where).values():
                for _, nid, _ in lst[1:]:  # the first visit holds the slot
                    viol += HARD
                    issues.append(("slot_taken", nid, 0.0))
        return viol, issues
