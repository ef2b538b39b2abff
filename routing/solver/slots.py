"""Company visit slots: a visit of a slotted site starts inside a slot, one visit per slot.

A :class:`~routing.solver.problem.SiteCapacity` with ``slots`` turns each
visit (``NodeKind.VISIT``) of its site into windows = slots x the stop's own
windows ("pieces", each tagged with the slot it belongs to). Which visit uses
which slot is then a cross-bus rule the evaluator checks
(:meth:`Evaluator.cross_violations`, code ``slot_taken``) and the repair search
enforces by pinning visits to slots. Times are seconds since midnight.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Hashable, Optional, Sequence

from routing.messages import Message, Spans
from routing.solver.problem import Node, NodeKind, Problem, SiteCapacity, Window

Piece = tuple[int, float, float]  # (slot index in SiteCapacity.slots, start_s, end_s)


def slotted_sites(problem: Problem) -> dict[Hashable, SiteCapacity]:
    """Site -> its capacity record, for sites that have visit slots."""
    return {sc.site: sc for sc in problem.site_capacities if sc.slots}


def applies(nd: Node, caps: dict) -> bool:
    return nd.kind == NodeKind.VISIT and nd.site is not None and nd.site in caps


def pieces(windows: Sequence[tuple[float, float]], slots: Sequence[Window]) -> list[Piece]:
    """Each own window intersected with each slot, earliest first.

    A zero-length overlap (two intervals that only touch) is not a piece unless
    one of them is itself a single instant, so applying the slots twice gives
    the same pieces.
    """
    own = list(windows) or [(float("-inf"), float("inf"))]
    out = []
    for k, sl in enumerate(slots):
        for a, b in own:
            lo, hi = max(a, sl.start_s), min(b, sl.end_s)
            if lo < hi or (lo == hi and (a == b or sl.start_s == sl.end_s)):
                out.append((k, lo, hi))
    out.sort(key=lambda p: (p[1], p[2], p[0]))
    return out


def slot_at(slots: Sequence[Window], start_s: float) -> Optional[int]:
    """Index of the first slot containing ``start_s`` (None: in no slot)."""
    for k, sl in enumerate(slots):
        if sl.start_s - 1e-6 <= start_s <= sl.end_s + 1e-6:
            return k
    return None


def slot_spans(slots: Sequence[Window]) -> Spans:
    """The slots earliest first, as a message parameter."""
    return Spans((w.start_s, w.end_s) for w in sorted(slots, key=lambda w: w.start_s))


def window_spans(windows: Sequence[Window]) -> Spans:
    """Windows in their order, as a message parameter."""
    return Spans((w.start_s, w.end_s) for w in windows)


def restrict_to_slots(problem: Problem) -> tuple[Problem, dict]:
    """The problem with each slotted visit's windows replaced by its pieces.

    Returns (problem, {node id: (code, Message)}) for visits none of whose
    windows meets a slot: they keep their windows and must be dropped.
    """
    caps = slotted_sites(problem)
    if not caps:
        return problem, {}
    nodes = []
    impossible: dict = {}
    changed = False
    for nd in problem.nodes:
        if not applies(nd, caps):
            nodes.append(nd)
            continue
        sc = caps[nd.site]
        ps = pieces([(w.start_s, w.end_s) for w in nd.windows], sc.slots)
        if not ps:
            impossible[nd.id] = ("no_visit_slot", Message(
                "solver.no_visit_slot", stop=nd.label, slots=slot_spans(sc.slots), windows=window_spans(nd.windows)))
            nodes.append(nd)
            continue
        wins = tuple(Window(a, b) for _, a, b in ps)
        # a slot listed twice gives the same piece twice: keep one
        wins = tuple(dict.fromkeys(wins))
        if wins != nd.windows:
            changed = True
        nodes.append(replace(nd, windows=wins))
    if not changed:
        return problem, impossible
    return problem.with_(nodes=tuple(nodes)), impossible
