"""Rules of a tour that the editor and the planner share (plain Python, no Qt).

- Order constraints ("stop A before stop B") must never form a cycle.
- Who is on board: the participant groups when there are some (the planner seats
  groups, not the tour's head count), else the tour's participants shared out.
- When a stop may start (``service_windows``): inside its company's opening, and while
  one of the ambassadors who can present it is available.
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
        return sum(g.people for g in groups)
    return tour.participants if tour is not None else 0


def seat_numbers(tour: Optional[Tour], buses: Sequence[Bus], groups: Sequence[ParticipantGroup]
                 ) -> tuple[int, int, int]:
    """(people, buses, seats) as the tour editor shows them."""
    return head_count(tour, groups), len(buses), sum(b.seats for b in buses)


def seat_groups(buses: Sequence[Bus], groups: Sequence[ParticipantGroup]) -> dict[int, Optional[int]]:
    """The bus of each group (group id -> bus id): its own bus when the organiser chose one, else the
    bus with most free seats, largest groups first (so that buses fill evenly and none stays empty
    while another carries two groups). None when there is no bus."""
    load = {b.id: 0 for b in buses}
    out: dict[int, Optional[int]] = {}
    for g in groups:
        if g.bus_id in load:
            load[g.bus_id] += g.people
            out[g.id] = g.bus_id
    for g in sorted((g for g in groups if g.bus_id not in load), key=lambda g: (-g.people, g.id or 0)):
        if not buses:
            out[g.id] = None
            continue
        target = max(buses, key=lambda b: (b.seats - load[b.id], -buses.index(b)))
        load[target.id] += g.people
        out[g.id] = target.id
    return out


def people_on_board(tour: Tour, buses: Sequence[Bus], groups: Sequence[ParticipantGroup]) -> dict[int, int]:
    """People on board of each bus from the start: its groups (participants and adults) as
    :func:`seat_groups` seats them; without groups, the participants shared out."""
    size = {b.id: 0 for b in buses}
    if not buses:
        return size
    if groups:
        where = seat_groups(buses, groups)
        for g in groups:
            if where.get(g.id) in size:
                size[where[g.id]] += g.people
    elif tour.participants:
        per = math.ceil(tour.participants / len(buses))
        size = {b.id: min(per, b.seats) for b in buses}
    return size


# -- when a stop may start -------------------------------------------------------------------------
DAY_S = 24 * 3600.0
PRESENTED = ("visit", "drive_by")  # stop kinds an ambassador presents


def service_windows(stop, ambassadors: Sequence, day) -> tuple[list[tuple[float, float]], Optional[str]]:
    """When ``stop`` may *start*, in seconds since midnight, and why it cannot if the list is empty.

    - A company's window is its opening: the whole visit (``dwell_s``) fits inside it, unless
      the stop is ``arrival_only``.
    - Availability is a constraint: for a presented stop whose site some ambassador can present,
      the presentation falls inside the availability (on ``day``) of one of them.
    Returns ``(windows, None)``; ``([], "window_too_short" | "no_ambassador_available")`` when nothing
    fits. An empty input window list means any time, and stays ``[(0, 86400)]``.
    """
    dwell = 0.0 if stop.kind.value == "drive_by" else float(stop.dwell_s)
    windows = [(w.start_s, w.end_s) for w in stop.windows] or [(0.0, DAY_S)]
    if stop.windows and not stop.arrival_only and dwell > 0:
        windows = [(s, e - dwell) for s, e in windows if e - dwell >= s]
        if not windows:
            return [], "window_too_short"
    if stop.kind.value in PRESENTED:
        able = [a for a in ambassadors if stop.site_id in a.site_ids]
        spans = []
        for a in able:
            today = [av for av in a.availability if av.day is None or av.day == day]
            if not a.availability:
                spans = None  # someone able is available all day: no constraint
                break
            spans += [(av.window().start_s, av.window().end_s - dwell) for av in today
                      if av.window().end_s - dwell >= av.window().start_s]
        if able and spans is not None:
            windows = [(max(s, a), min(e, b)) for s, e in windows for a, b in spans if max(s, a) <= min(e, b)]
            if not windows:
                return [], "no_ambassador_available"
    return _merged(windows), None


def _merged(windows: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sorted, overlapping or touching spans joined (two ambassadors' overlapping hours give one)."""
    out: list[tuple[float, float]] = []
    for s, e in sorted(windows):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
