"""Why a stop is dropped or late: check each constraint and say it in words.

Every message is bilingual (:class:`routing.errors.Message`), names the stop
and gives the numbers (French times as "9 h 42"). Codes are stable:
``bus_not_allowed``, ``unreachable``, ``company_capacity``, ``seats``,
``window_unreachable``, ``day_too_short``, ``duty``, ``no_ambassador``,
``site_busy``, ``precedence``, ``lock``, ``makes_other_late``, ``late``,
``optional_left_out``, ``not_fitted``, ``no_visit_slot``, ``slot_taken``.
"""
from __future__ import annotations

import math
from typing import Optional

from routing.errors import Message
from routing.solver import slots as slots_mod
from routing.solver.problem import PRESENTED_KINDS, Node, Problem, Vehicle
from routing.solver.schedule import Evaluator
from routing.solver.texts import clock_en, clock_fr, dur_en, dur_fr, span_en, span_fr


def _wins(nd: Node) -> tuple[str, str]:
    en = ", ".join(span_en(w.start_s, w.end_s) for w in nd.windows)
    fr = ", ".join(span_fr(w.start_s, w.end_s) for w in nd.windows)
    return en, fr


def _window_phrase(nd: Node) -> tuple[str, str]:
    en, fr = _wins(nd)
    if len(nd.windows) == 1:
        return f"The window {en}", f"La fenêtre {fr}"
    return f"The windows {en}", f"Les fenêtres {fr}"


def ambassador_gap(problem: Problem, nd: Node) -> Optional[Message]:
    """Why nobody can present ``nd`` in any of its windows, or None if someone can."""
    if nd.kind not in PRESENTED_KINDS or nd.site is None:
        return None
    able = [a for a in problem.ambassadors if nd.site in a.sites]
    if not able:
        return Message(f"No ambassador can present the site of stop {nd.label}.",
                       f"Aucun ambassadeur ne peut présenter le site de l'arrêt {nd.label}.")
    spans = [(w.start_s, w.end_s + nd.service_s) for w in nd.windows] or [(0.0, 86400.0)]
    for a in able:
        if not a.windows:
            return None
        for (s, e) in spans:
            if any(w.start_s < e and s < w.end_s for w in a.windows):
                return None
    en_w, fr_w = _wins(nd) if nd.windows else ("any time", "à toute heure")
    return Message(
        f"No ambassador who can present stop {nd.label} is available then ({en_w}).",
        f"Aucun ambassadeur capable de présenter l'arrêt {nd.label} n'est disponible à ce moment ({fr_w}).")


def explain_alone(problem: Problem, ev: Evaluator, nd: Node) -> Optional[tuple[str, Message]]:
    """Reasons that hold even if the stop were the bus's only one (or None)."""
    buses = [v for v in problem.vehicles if nd.allowed_buses is None or v.id in nd.allowed_buses]
    name = nd.label
    if not buses:
        return "bus_not_allowed", Message(f"Stop {name} is restricted to buses that are not in this tour.",
                                          f"L'arrêt {name} est réservé à des cars qui ne sont pas dans ce circuit.")
    def cut_off(v: Vehicle) -> bool:
        D = ev.duration(v.id)
        return not math.isfinite(D[v.start_index, nd.index]) or not math.isfinite(D[nd.index, v.end_index])

    if all(cut_off(v) for v in buses):
        return "unreachable", unreachable_message(problem, nd, buses)
    if nd.group_capacity is not None and all(v.group_size + nd.boarding > nd.group_capacity for v in buses):
        g = min(v.group_size for v in buses)
        return "company_capacity", Message(
            f"Stop {name} can host at most {nd.group_capacity} people; the smallest group is {g}.",
            f"L'arrêt {name} peut accueillir au plus {nd.group_capacity} personnes ; le plus petit groupe compte {g} personnes.")
    if all(v.group_size + nd.boarding > v.seats for v in buses):
        return "seats", Message(f"Not enough seats on any bus for the people boarding at {name}.",
                                f"Pas assez de places dans aucun car pour les personnes qui montent à {name}.")
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
        en_p, fr_p = _window_phrase(nd)
        return "window_unreachable", Message(
            f"{en_p} of stop {name} cannot be reached (earliest arrival {clock_en(ea)} from the depot).",
            f"{fr_p} de l'arrêt {name} ne peut pas être atteinte (arrivée au plus tôt {clock_fr(ea)} depuis le dépôt)."
            if len(nd.windows) == 1 else
            f"{fr_p} de l'arrêt {name} ne peuvent pas être atteintes (arrivée au plus tôt {clock_fr(ea)} depuis le dépôt).")
    if all(c & {"return_late", "late"} for c in codes):
        v, r = min(evals, key=lambda x: x[1].return_s)
        return "day_too_short", Message(
            f"The day is too short for stop {name}: even alone the bus would be back at {clock_en(r.return_s)}, "
            f"after the latest return {clock_en(v.latest_return_s)}.",
            f"La journée est trop courte pour l'arrêt {name} : même seul, le car rentrerait à {clock_fr(r.return_s)}, "
            f"après le retour au plus tard {clock_fr(v.latest_return_s)}.")
    if all(c & {"duty", "return_late", "late"} for c in codes):
        v, r = evals[0]
        return "duty", Message(
            f"Stop {name} does not fit in the driver's maximum duty ({dur_en(v.max_duty_s or 0)}).",
            f"L'arrêt {name} ne tient pas dans l'amplitude maximale du conducteur ({dur_fr(v.max_duty_s or 0)}).")
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


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
        if why is not None and all(why.en != r.en for _, r in reasons):
            reasons.append((rm.name, why))
    if reasons:
        several = len(reasons) > 1
        en = "; ".join((f"{n}: " if several and n else "") + _lower_first(r.en) for n, r in reasons)
        fr = "; ".join((f"{n} : " if several and n else "") + _lower_first(r.fr) for n, r in reasons)
        return Message(f"Stop {name} cannot be reached by coach: site {name} is {en}"
                       if not several and en[:1].isdigit() else
                       f"Stop {name} cannot be reached by coach (site {name}): {en}",
                       f"L'arrêt {name} n'est pas accessible en car : le site {name} est {fr}"
                       if not several and fr.startswith("à ") else
                       f"L'arrêt {name} n'est pas accessible en car (site {name}) : {fr}")
    names = sorted({problem.matrices(v).name for v in buses} - {""})
    if names:
        return Message(
            f"Stop {name} cannot be reached by coach: no road to or from it that {', '.join(names)} may use "
            f"(height, weight, width, length or access restrictions).",
            f"L'arrêt {name} n'est pas accessible en car : aucune route pour y aller ou en revenir n'est autorisée "
            f"à {', '.join(names)} (hauteur, poids, largeur, longueur ou accès).")
    return Message(
        f"Stop {name} cannot be reached by coach (no coach-legal road to or from it).",
        f"L'arrêt {name} n'est pas accessible en car (aucune route autorisée aux cars pour y aller ou en revenir).")


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
    en = ", ".join(f"{span_en(sc.slots[k].start_s, sc.slots[k].end_s)} by {held[k]}" for k in order)
    fr = ", ".join(f"{span_fr(sc.slots[k].start_s, sc.slots[k].end_s)} par {held[k]}" for k in order)
    return "slot_taken", Message(f"All visit slots of {nd.label} are taken ({en}).",
                                 f"Tous les créneaux de visite de {nd.label} sont pris ({fr}).")


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
        return "bus_not_allowed", Message(f"No bus may serve stop {name}.", f"Aucun car ne peut desservir l'arrêt {name}.")
    viol, v, r, issues = best
    codes = {c: (nid, amt) for c, nid, amt in issues}
    if "slot_taken" in codes:
        sc = ev.slot_caps[nd.site]
        used = ev.slot_use(base)
        free = [sc.slots[k] for k in ev.slot_options(nd.id)
                if not [x for x in used.get((nd.site, k), ()) if x[1] != nd.id]]
        en, fr = slots_mod.slot_list(free)
        return "slot_taken", Message(
            f"Stop {name}: the visit slots of {name} that are still free ({en}, the others being taken) cannot be "
            f"met with the other stops.",
            f"Arrêt {name} : les créneaux de visite encore libres de {name} ({fr}, les autres étant pris) ne peuvent "
            f"pas être tenus avec les autres arrêts.")
    if "site_busy" in codes:
        return "site_busy", Message(
            f"Stop {name}: the company hosts one bus at a time and is busy with another bus whenever this one could come.",
            f"Arrêt {name} : l'entreprise accueille un car à la fois et elle est occupée par un autre car chaque fois que celui-ci pourrait venir.")
    if "precedence" in codes:
        return "precedence", Message(
            f"Stop {name} cannot respect its required order (\"before/after\") together with its time windows.",
            f"L'arrêt {name} ne peut pas respecter l'ordre imposé (« avant/après ») avec ses fenêtres horaires.")
    if "lock" in codes:
        return "lock", Message(f"Stop {name} cannot keep its locked position with the other stops.",
                               f"L'arrêt {name} ne peut pas garder sa position imposée avec les autres arrêts.")
    if "late" in codes and codes["late"][0] == nd.id:
        k = r.order.index(nd.id)
        en_p, fr_p = _window_phrase(nd)
        return "window_unreachable", Message(
            f"{en_p} of stop {name} cannot be met with the other stops (earliest arrival {clock_en(r.arrivals[k])} in the best order).",
            f"{fr_p} de l'arrêt {name} ne peut pas être respectée avec les autres arrêts (arrivée au plus tôt {clock_fr(r.arrivals[k])} dans le meilleur ordre).")
    if "late" in codes:
        other = ev.nodes[codes["late"][0]]
        late = codes["late"][1]
        return "makes_other_late", Message(
            f"Serving stop {name} would make stop {other.label} miss its window by {dur_en(late)}.",
            f"Desservir l'arrêt {name} ferait manquer sa fenêtre à l'arrêt {other.label} ({dur_fr(late)} de retard).")
    if "return_late" in codes or "duty" in codes:
        return "day_too_short", Message(
            f"The day is too short for stop {name} with the other stops: the bus would be back at "
            f"{clock_en(r.return_s)}, after the latest return {clock_en(v.latest_return_s)}.",
            f"La journée est trop courte pour l'arrêt {name} avec les autres arrêts : le car rentrerait à "
            f"{clock_fr(r.return_s)}, après le retour au plus tard {clock_fr(v.latest_return_s)}.")
    if codes:
        c = next(iter(codes))
        return c, Message(f"Stop {name} does not fit ({c}).", f"L'arrêt {name} ne rentre pas ({c}).")
    extra = r.cost - ev.route(v.id, list(orders.get(v.id, [])), pins=pins).cost
    if nd.required:  # it would fit: the search ran out of time before finding that plan
        return "not_fitted", Message(
            f"Stop {name} fits with the other stops, but the optimiser did not find such a plan in time; "
            f"plan again with a longer time limit.",
            f"L'arrêt {name} tient avec les autres arrêts, mais l'optimiseur n'a pas trouvé un tel plan à temps ; "
            f"relancez avec une durée de calcul plus longue.")
    return "optional_left_out", Message(
        f"Optional stop {name} left out: it would add {dur_en(max(0.0, extra))} for its priority.",
        f"Arrêt facultatif {name} non retenu : il ajouterait {dur_fr(max(0.0, extra))} pour sa priorité.")


def explain_late(ev: Evaluator, nd: Node, arrival_s: float, prev_label: str) -> Message:
    en_p, fr_p = _window_phrase(nd)
    last = nd.windows[-1].end_s
    return Message(
        f"Stop {nd.label} is late: arrival {clock_en(arrival_s)} from {prev_label}, {dur_en(arrival_s - last)} "
        f"after the window closes ({en_p.split(' ', 2)[2]}).",
        f"L'arrêt {nd.label} est en retard : arrivée {clock_fr(arrival_s)} depuis {prev_label}, {dur_fr(arrival_s - last)} "
        f"après la fermeture de la fenêtre ({fr_p.split(' ', 2)[2]}).")
