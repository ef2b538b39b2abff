"""Ambassadors on board: who presents each visit / drive-by, who rides each leg.

Greedy over each bus's stops in order: keep the ambassador on board while they
can present the next stop and are available; otherwise board the able,
available ambassador who can cover the longest run of following stops (fewest
changes). Ambassadors board and leave only where the bus stops (depots,
visits, lunch, breaks, pickups: not drive-bys), and ride one bus at a time.

When nobody able can board at the last stopping point before a stop where the bus
stops (a visit), an able ambassador may meet the group at that stop, from the start
of its service: the bus waiting hours for an afternoon visit leaves its last stop in
the morning, the ambassador available from 14:00 joins the visit at 14:00. That is
the rule the planner narrows a stop's windows by (``app.model.rules.service_windows``:
the presentation, start to departure, inside the availability).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Optional

from routing.messages import Clock, Message
from routing.solver.problem import PRESENTED_KINDS, STOPPING_KINDS, Ambassador, Problem


@dataclass
class BusTimes:
    """What the assignment needs of one bus's schedule (times in s)."""

    bus_id: Hashable
    order: list  # node ids
    arrivals: list
    departures: list
    leg_departures: list  # len(order) + 1
    starts: Optional[list] = None  # service starts (None: the arrivals)


@dataclass
class Assignment:
    ambassador_id: dict  # node id -> id of the ambassador presenting it
    on_board: dict  # bus id -> list (per leg) of tuples of ambassador ids
    boardings: dict  # bus id -> list of (ambassador id, first leg, last leg)
    uncovered: list  # (bus id, node id, Message)


def assign(problem: Problem, buses: list[BusTimes]) -> Assignment:
    nodes = {nd.id: nd for nd in problem.nodes}
    busy: dict = {}  # ambassador id -> list of (start_s, end_s)
    out = Assignment({}, {}, {}, [])

    def free(a: Ambassador, s: float, e: float) -> bool:
        return a.available(s, e) and all(e <= bs or be <= s for bs, be in busy.get(a.id, ()))

    for bt in sorted(buses, key=lambda b: b.leg_departures[0] if b.leg_departures else 0.0):
        n = len(bt.order)
        kinds = [nodes[x].kind for x in bt.order]
        # last stopping point before stop k (-1: the start depot)
        board_point = []
        last = -1
        for k in range(n):
            board_point.append(last)
            if kinds[k] in STOPPING_KINDS:
                last = k
        runs: list = []  # [amb, first_k, last_k, on board from (s), first leg on board]
        cur: Optional[list] = None
        starts = bt.starts if bt.starts is not None else bt.arrivals

        def board_time(k):
            return bt.leg_departures[board_point[k] + 1]

        def can(a: Ambassador, k: int, from_s: float) -> bool:
            nd = nodes[bt.order[k]]
            return nd.site in a.sites and free(a, from_s, bt.departures[k])

        def best_from(k: int, from_s: float) -> Optional[Ambassador]:
            """The able ambassador, free from ``from_s``, who covers the longest run of stops from ``k``."""
            best, best_len = None, -1
            for a in problem.ambassadors:
                if not can(a, k, from_s):
                    continue
                run = 1
                for j in range(k + 1, n):
                    nj = nodes[bt.order[j]]
                    if nj.kind not in PRESENTED_KINDS:
                        continue
                    if can(a, j, from_s):
                        run += 1
                    else:
                        break
                if run > best_len:
                    best, best_len = a, run
            return best

        for k in range(n):
            nd = nodes[bt.order[k]]
            if nd.kind not in PRESENTED_KINDS:
                continue
            if cur is not None:
                a = cur[0]
                if can(a, k, cur[3]):
                    cur[2] = k
                    out.ambassador_id[nd.id] = a.id
                    continue
            from_s, first_leg = board_time(k), board_point[k] + 1
            best = best_from(k, from_s)
            if best is None and kinds[k] in STOPPING_KINDS:
                # nobody can ride in from the last stop: someone meets the group here, for the service
                from_s, first_leg = starts[k], k + 1
                best = best_from(k, from_s)
            if best is None:
                out.uncovered.append((bt.bus_id, nd.id, _why(problem, nd, bt, k, from_s, busy)))
                continue
            cur = [best, k, k, from_s, first_leg]
            runs.append(cur)
            out.ambassador_id[nd.id] = best.id
        legs: list = [set() for _ in range(n + 1)]
        boardings = []
        for a, k0, k1, s, first_leg in runs:
            leave = k1
            while leave < n and kinds[leave] not in STOPPING_KINDS:
                leave += 1
            last_leg = leave  # rides the leg into the stop where they get off
            for g in range(first_leg, last_leg + 1):
                legs[g].add(a.id)
            if first_leg <= last_leg:  # met at the stop and gone after it: rides no leg
                boardings.append((a.id, first_leg, last_leg))
            e = bt.arrivals[leave] if leave < n else bt.leg_departures[n] + 0.0
            e = max(e, bt.departures[k1])
            busy.setdefault(a.id, []).append((s, e))
        out.on_board[bt.bus_id] = [tuple(sorted(x, key=str)) for x in legs]
        out.boardings[bt.bus_id] = boardings
    return out


def _why(problem: Problem, nd, bt: BusTimes, k: int, from_s: float, busy: dict) -> Message:
    able = [a for a in problem.ambassadors if nd.site in a.sites]
    s, e = from_s, bt.departures[k]
    if not able:
        return Message("solver.no_presenter.nobody", stop=nd.label)
    names = [a.name or str(a.id) for a in able]
    if all(not a.available(s, e) for a in able):
        return Message("solver.no_presenter.unavailable", stop=nd.label, ambassadors=names, start=Clock(s),
                       end=Clock(e))
    return Message("solver.no_presenter.busy", stop=nd.label, ambassadors=names, start=Clock(s))
