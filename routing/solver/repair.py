"""Local search over whole orders with the exact schedule evaluator.

Enforces what the engine does not model (locks, precedences, driver breaks,
one-bus-at-a-time sites, one visit per company visit slot, late returns
caused by breaks) and polishes the engine's answer. Visits of slotted sites
may be *pinned* to a slot (``State.pins``: node id -> slot index), so a bus
can wait for a later slot when an earlier one is taken by another bus. Solutions compare lexicographically by
(violation, required stops unserved, priority lost, cost); a move is kept
only if it improves that key. Small routes (<= ``EXACT_MAX`` stops) are
solved exactly by enumerating every order.
"""
from __future__ import annotations

import itertools
import time
from typing import Callable, Optional

from routing.solver.schedule import Evaluator, RouteEval

EXACT_MAX = 7


class State:
    """Orders per bus + unserved nodes, with cached route evaluations."""

    def __init__(self, ev: Evaluator, orders: dict, unserved: set, candidates: dict,
                 pins: Optional[dict] = None):
        self.ev = ev
        self.orders = {b: list(o) for b, o in orders.items()}
        self.unserved = set(unserved)
        self.cand = candidates  # node id -> set of bus ids it may ride
        self.pins = dict(pins or {})  # node id -> slot index (visits of slotted sites)
        self.slotted = bool(ev.slot_pieces)
        self.cache: dict = {}
        self.cross = bool(ev.before_of) or bool(ev.site_caps)
        self.exact_done: set = set()

    def route(self, bus, order, pins: Optional[dict] = None) -> RouteEval:
        pins = self.pins if pins is None else pins
        key = (bus, tuple(order), tuple(pins.get(n) for n in order) if self.slotted else ())
        r = self.cache.get(key)
        if r is None:
            r = self.ev.route(bus, order, detail=self.cross, pins=pins if self.slotted else None)
            if len(self.cache) > 200_000:
                self.cache.clear()
            self.cache[key] = r
        return r

    def unserved_key(self, unserved) -> tuple:
        req = 0
        lost = 0.0
        for nid in unserved:
            nd = self.ev.nodes[nid]
            if nd.required:
                req += 1
            else:
                lost += nd.priority
        return req, lost

    def key(self, orders=None, unserved=None, pins=None) -> tuple:
        orders = self.orders if orders is None else orders
        unserved = self.unserved if unserved is None else unserved
        evals = {b: self.route(b, o, pins) for b, o in orders.items()}
        viol = sum(e.violation for e in evals.values() if e.order)
        if self.cross:
            v2, _ = self.ev.cross_violations(evals)
            viol += v2
        req, lost = self.unserved_key(unserved)
        cost = sum(e.cost for e in evals.values() if e.order)
        return (round(viol, 6), req, lost, round(cost, 6))


def improve(state: State, deadline: float, should_stop: Optional[Callable[[], bool]] = None,
            locked_buses: frozenset = frozenset()) -> State:
    """First-improvement local search until no move helps or the deadline passes."""
    best = state.key()
    improved = True
    while improved:
        improved = False
        if time.perf_counter() > deadline or (should_stop and should_stop()):
            break
        if not state.ev.site_caps:
            for b in list(state.orders):
                if b in locked_buses or not (1 < len(state.orders[b]) <= EXACT_MAX):
                    continue
                tag = (b, frozenset(state.orders[b]))
                if tag in state.exact_done:
                    continue
                state.exact_done.add(tag)
                o = _exact_route(state, b)
                if o is not None:
                    trial = dict(state.orders)
                    trial[b] = o
                    k = state.key(trial)
                    if k < best:
                        state.orders, best, improved = trial, k, True
        for move in (_reslot, _insert_unserved, _relocate, _two_opt, _swap, _remove):
            if time.perf_counter() > deadline or (should_stop and should_stop()):
                break
            res = move(state, best, locked_buses, deadline)
            if res is not None:
                state.orders, state.unserved, best = res[:3]
                if len(res) > 3:
                    state.pins = res[3]
                improved = True
    return state


def _exact_route(state: State, b) -> Optional[list]:
    """The best order of bus ``b``'s own stops, by enumerating all of them."""
    nodes = state.orders[b]
    best_o, best_k = None, None
    for perm in itertools.permutations(nodes):
        r = state.ev.route(b, perm)
        k = (round(r.violation, 6), round(r.cost, 6))
        if best_k is None or k < best_k:
            best_o, best_k = list(perm), k
    return best_o


def _positions(order):
    return range(len(order) + 1)


def _pin_choices(state: State, nid) -> list:
    """Pins to try for ``nid`` when placing it: free (None), then each of its slots."""
    if not state.slotted:
        return [state.pins]
    opts = state.ev.slot_options(nid)
    if not opts:
        return [state.pins]
    free = {k: v for k, v in state.pins.items() if k != nid}
    return [free] + [{**free, nid: k} for k in opts]


def _reslot(state: State, best, locked, deadline):
    """Hold one served visit to another of its slots (or release it): times only, any bus."""
    if not state.slotted:
        return None
    for b, o in state.orders.items():
        for nid in o:
            cur = state.pins.get(nid)
            for k in [None] + state.ev.slot_options(nid):
                if k == cur:
                    continue
                pins = {x: v for x, v in state.pins.items() if x != nid}
                if k is not None:
                    pins[nid] = k
                key = state.key(pins=pins)
                if key < best:
                    return state.orders, state.unserved, key, pins
    return None


def _insert_unserved(state: State, best, locked, deadline):
    for nid in sorted(state.unserved, key=lambda x: -state.ev.nodes[x].priority):
        cur = None
        for b in state.cand.get(nid, ()):
            if b in locked:
                continue
            o = state.orders[b]
            for i in _positions(o):
                trial = dict(state.orders)
                trial[b] = o[:i] + [nid] + o[i:]
                uns = state.unserved - {nid}
                for pins in _pin_choices(state, nid):
                    k = state.key(trial, uns, pins)
                    if k < best and (cur is None or k < cur[2]):
                        cur = (trial, uns, k, pins)
        if cur is not None:
            return cur
        if time.perf_counter() > deadline:
            return None
    return None


def removals(state: State, locked):
    """Every order with one stop taken out: yields (node id, trial orders, trial unserved)."""
    for b, o in state.orders.items():
        if b in locked:
            continue
        for i, nid in enumerate(o):
            trial = dict(state.orders)
            trial[b] = o[:i] + o[i + 1:]
            yield nid, trial, state.unserved | {nid}


def _remove(state: State, best, locked, deadline):
    for _nid, trial, uns in removals(state, locked):
        k = state.key(trial, uns)
        if k < best:
            return trial, uns, k
    return None


def _relocate(state: State, best, locked, deadline):
    for b, o in list(state.orders.items()):
        if b in locked:
            continue
        for i, nid in enumerate(o):
            rest = o[:i] + o[i + 1:]
            for b2 in state.cand.get(nid, ()):
                if b2 in locked:
                    continue
                base = rest if b2 == b else state.orders[b2]
                for j in _positions(base):
                    if b2 == b and j == i:
                        continue
                    trial = dict(state.orders)
                    trial[b] = rest
                    trial[b2] = base[:j] + [nid] + base[j:]
                    k = state.key(trial)
                    if k < best:
                        return trial, state.unserved, k
            if time.perf_counter() > deadline:
                return None
    return None


def _two_opt(state: State, best, locked, deadline):
    for b, o in list(state.orders.items()):
        if b in locked:
            continue
        n = len(o)
        for i in range(n - 1):
            for j in range(i + 2, n + 1):
                trial = dict(state.orders)
                trial[b] = o[:i] + o[i:j][::-1] + o[j:]
                k = state.key(trial)
                if k < best:
                    return trial, state.unserved, k
    return None


def _swap(state: State, best, locked, deadline):
    buses = [b for b in state.orders if b not in locked]
    for x, b in enumerate(buses):
        o = state.orders[b]
        for i in range(len(o)):
            for b2 in buses[x:]:
                o2 = state.orders[b2]
                for j in range(i + 1 if b2 == b else 0, len(o2)):
                    u, w = o[i], o2[j]
                    if b2 != b and (b2 not in state.cand.get(u, ()) or b not in state.cand.get(w, ())):
                        continue
                    trial = dict(state.orders)
                    if b2 == b:
                        t = list(o)
                        t[i], t[j] = t[j], t[i]
                        trial[b] = t
                    else:
                        t1, t2 = list(o), list(o2)
                        t1[i], t2[j] = w, u
                        trial[b], trial[b2] = t1, t2
                    k = state.key(trial)
                    if k < best:
                        return trial, state.unserved, k
        if time.perf_counter() > deadline:
            return None
    return None
