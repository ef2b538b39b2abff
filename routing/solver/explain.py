"""Why a stop is dropped or late: check each constraint and say why, as a message code.

Every message is a code with parameters (:class:`routing.messages.Message`):
it names the stop and gives the numbers as typed parameters (clock times,
durations, windows), which the catalogs put into words. Reason codes are stable:
``bus_not_allowed``, ``unreachable``, ``company_capacity``, ``seats``,
``window_unreachable``, ``day_too_short``, ``duty``, ``no_ambassador``,
``site_busy``, ``precedence``, ``lock``, ``makes_other_late``, ``late``,
``optional_left_out``, ``not_fitted``, ``no_visit_slot``, ``slot_taken``.
"""
from __future__ import annotations

import math
from typing import Optional

from routing.messages import Clock, Duration, Message, Spans, rule_words
from routing.solver import slots as slots_mod
from routing.solver.problem import PRESENTED_KINDS, Node, Problem, Vehicle
from routing.solver.schedule import Evaluator


def _wins(nd: Node) -> Spans:
    """The node's windows as the organiser gave them (see ``Node.stated_windows``)."""
    return slots_mod.window_spans(nd.stated_windows or nd.windows)


def ambassador_gap(problem: Problem, nd: Node) -> Optional[Message]:
    """Why nobody can present ``nd`` in any of its windows, or None if someone can."""
    if nd.kind not in PRESENTED_KINDS or nd.site is None:
        return None
    able = [a for a in problem.ambassadors if nd.site in a.sites]
    if not able:
        return Message("solver.no_ambassador_for_site", stop=nd.label)
    spans = [(w.start_s, w.end_s + nd.service_s) for w in nd.windows] or [(0.0, 86400.0)]
    for a in able:
        if not a.windows:
            return None
        for (s, e) in spans:
            if any(w.start_s < e and s < w.end_s for w in a.windows):
                return None
    when = _wins(nd) if nd.windows else Message("solver.any_time")
    return Message("solver.no_ambassador_available", stop=nd.label, windows=when)


def explain_alone(problem: Problem, ev: Evaluator, nd: Node) -> Optional[tuple[str, Message]]:
    """Reasons that hold even if the stop were the bus's only one (or None)."""
    buses = [v for v in problem.vehicles if nd.allowed_buses is None or v.id in nd.allowed_buses]
    name = nd.label
    if not buses:
        return "bus_not_allowed", Message("solver.buses_not_in_tour", stop=name)
    def cut_off(v: Vehicle) -> bool:
        D = ev.duration(v.id)
        return not math.isfinite(D[v.start_index, nd.index]) or not math.isfinite(D[nd.index, v.end_index])

    if all(cut_off(v) for v in buses):
        return "unreachable", unreachable_message(problem, nd, buses)
    if nd.group_capacity is not None and all(v.participants + nd.boarding > nd.group_capacity for v in buses):
        g = min(v.participants for v in buses)
        return "company_capacity", Message("solver.company_capacity", stop=name, capacity=nd.group_capacity, group=g)
    if all(v.participants + nd.boarding > v.seats for v in buses):
        return "seats", Message("solver.seats", stop=name)
    if problem.ambassadors_required:
        gap = ambassador_gap(problem, nd)
        if gap is not None:
            return "no_ambassador", gap
    evals = [(v, ev.route(v.id, [nd.id], detail=True)) for v in buses]
    codes = [{c for c, _, _ in r.issues} for _, r in evals]
    if all("late" in c for c in codes):
        # earliest arrival from the depot, best bus
        v, r = min(evals, key=lambda x: x[1].arrivals[0])
        ea = r.arrivals[0]
        if nd.stated_windows:  # the whole visit must fit: it would end after the window closes
            return "window_unreachable", Message("solver.window_unreachable.whole", stop=name, windows=_wins(nd),
                                                 service=Duration(nd.service_s), arrival=Clock(ea),
                                                 end=Clock(ea + nd.service_s))
        if len(nd.windows) == 1:
            return "window_unreachable", Message("solver.window_unreachable.one", stop=name, windows=_wins(nd),
                                                 arrival=Clock(ea))
        return "window_unreachable", Message("solver.window_unreachable.many", stop=name, windows=_wins(nd),
                                             arrival=Clock(ea))
    if all(c & {"return_late", "late"} for c in codes):
        v, r = min(evals, key=lambda x: x[1].return_s)
        return "day_too_short", Message("solver.day_too_short.alone", stop=name, back=Clock(r.return_s),
                                        latest=Clock(v.latest_return_s))
    if all(c & {"duty", "return_late", "late"} for c in codes):
        v, r = evals[0]
        return "duty", Message("solver.duty", stop=name, duty=Duration(v.max_duty_s or 0))
    return None


def _inline(why: Message) -> Message:
    """The road engine's reason as the end of a sentence ("site X is 350 m from…", "…: the nearest…")."""
    p = why.params
    if why.code == "road.snap_too_far":
        return Message("road.snap_too_far.inline", distance=p.get("distance"), limit=p.get("limit"))
    if why.code == "road.snap_isolated":
        return Message("road.snap_isolated.inline", nearest=p.get("nearest"), connected=p.get("connected"))
    return why


def _semicolons(parts: list) -> Message | str:
    """``a; b; c`` (the reasons of several profiles)."""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = Message("list.semicolon", first=part, rest=out)
    return out


def unreachable_message(problem: Problem, nd: Node, buses) -> Message:
    """Why no bus of ``buses`` can drive to or from ``nd``, in the road engine's words when it gave any.

    A bus whose profile's road engine said why (site too far from any road
    that bus may use, or only near a cut-off part of the network) is quoted;
    otherwise the stop is cut off by the road rules of the vehicle (e.g. a low
    bridge on its only access).
    """
    name = nd.label
    reasons: list[tuple[str, Message]] = []
    for v in buses:
        rm = problem.matrices(v)
        why = rm.unreachable.get(nd.index)
        if why is not None and all(why != r for _, r in reasons):
            reasons.append((rm.name, why))
    if len(reasons) == 1 and reasons[0][1].code == "road.snap_too_far":  # "site X is 350 m from the nearest road…"
        return Message("solver.unreachable.site_is", stop=name, reason=_inline(reasons[0][1]))
    if reasons:
        several = len(reasons) > 1
        parts = [Message("solver.profile_reason", profile=n, reason=_inline(r)) if several and n else _inline(r)
                 for n, r in reasons]
        return Message("solver.unreachable.because", stop=name, reasons=_semicolons(parts))
    names = sorted({problem.matrices(v).name for v in buses} - {""})
    if names:
        return Message("solver.unreachable.profiles", stop=name, profiles=names)
    return Message("solver.unreachable.no_road", stop=name)


def slots_taken(problem: Problem, ev: Evaluator, nd: Node, base: dict) -> Optional[tuple[str, Message]]:
    """"All visit slots of X are taken (… by Car 1, …)" when every slot ``nd`` could use holds another visit."""
    opts = ev.slot_options(nd.id)
    if not opts:
        return None
    sc = ev.slot_caps[nd.site]
    used = ev.slot_use(base)
    held = {}
    for k in opts:
        lst = [x for x in used.get((nd.site, k), ()) if x[1] != nd.id]
        if not lst:
            return None
        held[k] = problem.vehicle(lst[0][2]).label
    order = sorted(opts, key=lambda k: sc.slots[k].start_s)
    taken = [Message("solver.slot_held", slot=Spans([(sc.slots[k].start_s, sc.slots[k].end_s)]), bus=held[k])
             for k in order]
    return "slot_taken", Message("solver.slots_taken", stop=nd.label, slots=taken)


def explain_in_context(problem: Problem, ev: Evaluator, nd: Node, orders: dict,
                       pins: Optional[dict] = None) -> tuple[str, Message]:
    """Why ``nd`` does not fit with the stops already planned: try every insertion (and every free slot)."""
    alone = explain_alone(problem, ev, nd)
    if alone is not None:
        return alone
    name = nd.label
    pins = {k: v for k, v in (pins or {}).items() if k != nd.id}
    base = {b: ev.route(b, oo, detail=True, pins=pins) for b, oo in orders.items()}
    taken = slots_taken(problem, ev, nd, base)
    if taken is not None:
        return taken
    slot_pins = [None] + ev.slot_options(nd.id)
    best = None
    for v in problem.vehicles:
        if nd.allowed_buses is not None and v.id not in nd.allowed_buses:
            continue
        o = list(orders.get(v.id, []))
        for i in range(len(o) + 1):
            trial = o[:i] + [nd.id] + o[i:]
            for k in slot_pins:
                tp = pins if k is None else {**pins, nd.id: k}
                r = ev.route(v.id, trial, detail=True, pins=tp)
                evals = dict(base)
                evals[v.id] = r
                cv, ci = ev.cross_violations(evals)
                viol = r.violation + cv - base.get(v.id, r).violation * (1 if v.id in base else 0)
                issues = list(r.issues) + ci
                if best is None or viol < best[0]:
                    best = (viol, v, r, issues)
    if best is None:
        return "bus_not_allowed", Message("solver.no_bus_may_serve", stop=name)
    viol, v, r, issues = best
    codes = {c: (nid, amt) for c, nid, amt in issues}
    if "slot_taken" in codes:
        sc = ev.slot_caps[nd.site]
        used = ev.slot_use(base)
        free = [sc.slots[k] for k in ev.slot_options(nd.id)
                if not [x for x in used.get((nd.site, k), ()) if x[1] != nd.id]]
        return "slot_taken", Message("solver.free_slots_unmet", stop=name, free=slots_mod.slot_spans(free))
    if "site_busy" in codes:
        return "site_busy", Message("solver.site_busy", stop=name)
    if "precedence" in codes:
        return "precedence", Message("solver.precedence", stop=name)
    if "lock" in codes:
        return "lock", Message("solver.lock", stop=name)
    if "late" in codes and codes["late"][0] == nd.id:
        k = r.order.index(nd.id)
        if nd.stated_windows:
            return "window_unreachable", Message("solver.window_unmet.whole", stop=name, windows=_wins(nd),
                                                 service=Duration(nd.service_s), arrival=Clock(r.arrivals[k]),
                                                 end=Clock(r.arrivals[k] + nd.service_s))
        if len(nd.windows) == 1:
            return "window_unreachable", Message("solver.window_unmet.one", stop=name, windows=_wins(nd),
                                                 arrival=Clock(r.arrivals[k]))
        return "window_unreachable", Message("solver.window_unmet.many", stop=name, windows=_wins(nd),
                                             arrival=Clock(r.arrivals[k]))
    if "late" in codes:
        other = ev.nodes[codes["late"][0]]
        late = codes["late"][1]
        return "makes_other_late", Message("solver.makes_other_late", stop=name, other=other.label, late=Duration(late))
    if "return_late" in codes or "duty" in codes:
        return "day_too_short", Message("solver.day_too_short.with_others", stop=name, back=Clock(r.return_s),
                                        latest=Clock(v.latest_return_s))
    if codes:
        c = next(iter(codes))
        return c, Message("solver.does_not_fit", stop=name, rule=rule_words(c))
    extra = r.cost - ev.route(v.id, list(orders.get(v.id, [])), pins=pins).cost
    if nd.required:  # it would fit: the search ran out of time before finding that plan
        return "not_fitted", Message("solver.not_fitted", stop=name)
    return "optional_left_out", Message("solver.optional_left_out", stop=name, extra=Duration(max(0.0, extra)))


def explain_late(ev: Evaluator, nd: Node, arrival_s: float, previous: str | Message) -> Message:
    """Why ``nd`` is late; ``previous`` is the stop's label before it, or ``Message("solver.the_depot")``."""
    last = nd.windows[-1].end_s
    if nd.stated_windows:  # late by as much as the visit ends after its window
        return Message("solver.late.whole", stop=nd.label, arrival=Clock(arrival_s), previous=previous,
                       late=Duration(arrival_s - last), end=Clock(arrival_s + nd.service_s), windows=_wins(nd))
    return Message("solver.late", stop=nd.label, arrival=Clock(arrival_s), previous=previous,
                   late=Duration(arrival_s - last), windows=_wins(nd))
