"""Rules of a tour that the editor and the planner share (plain Python, no Qt).

- Order constraints ("stop A before stop B") must never form a cycle.
- Who is on board: the participant groups when there are some (the planner seats
  groups, not the tour's head count), else the tour's participants shared out.
"""
from __future__ import annotations

import math
from typing import Iterable, Optional, Sequence

from app.model.entities import Bus, ParticipantGroup, Precedence, Tour


def would_cycle(precedences: Iterable[Precedence], before_id: int, after_id: int) -> bool:
    """True if adding "``before_id`` before ``after_id``" contradicts the constraints already there
    (the same stop, or ``after_id`` already comes before ``before_id`` through a chain)."""
    if before_id == after_id:
        return True
    successors: dict[int, list[int]] = {}
    for p in precedences:
        successors.setdefault(p.before_stop_id, []).append(p.after_stop_id)
    seen, todo = set(), [after_id]
    while todo:
        node = todo.pop()
        if node == before_id:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(successors.get(node, ()))
    return False


def head_count(tour: Optional[Tour], groups: Sequence[ParticipantGroup]) -> int:
    """The people of the tour: its groups' sizes when it has groups, else its participants."""
    if groups:
        return sum(g.size for g in groups)
    return tour.participants if tour is not None else 0


def seat_numbers(tour: Optional[Tour], buses: Sequence[Bus], groups: Sequence[ParticipantGroup]
                 ) -> tuple[int, int, int]:
    """(people, buses, seats) as the tour editor shows them."""
    return head_count(tour, groups), len(buses), sum(b.seats for b in buses)


def people_on_board(tour: Tour, buses: Sequence[Bus], groups: Sequence[ParticipantGroup]) -> dict[int, int]:
    """People on board of each bus from the start: its own groups, the unassigned groups placed
    largest first on the bus with most free seats; without groups, the participants shared out."""
    size = {b.id: 0 for b in buses}
    if not buses:
        return size
    for g in groups:
        if g.bus_id in size:
            size[g.bus_id] += g.size
    for g in sorted((g for g in groups if g.bus_id not in size), key=lambda g: -g.size):
        target = max(buses, key=lambda b: b.seats - size[b.id])
        size[target.id] += g.size
    if not groups and tour.participants:
        per = math.ceil(tour.participants / len(buses))
        size = {b.id: min(per, b.seats) for b in buses}
    return size
